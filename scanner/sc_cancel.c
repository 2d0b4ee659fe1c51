/* sc_cancel.c: a cancel token with a registry of wakers.
 *
 * The fired flag is an atomic so that hot loops can poll it without a lock.
 * Wakers are kept in a small growable array guarded by the token's mutex;
 * scans register a handful (one per channel, one per cache), so a linear
 * search on removal is cheaper than anything cleverer.
 */
#include "scanner/sc_cancel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

typedef struct waker {
    uint64_t id;
    sc_waker_fn fn;
    void *arg;
} waker;

struct sc_cancel {
    atomic_bool fired;      /* Written under lock, read anywhere. */
    pthread_mutex_t lock;
    pthread_cond_t cond;    /* Broadcast on fire; used by sc_cancel_sleep_ms. */
    waker *wakers;          /* Guarded by lock. */
    size_t nwakers;         /* Guarded by lock. */
    size_t capwakers;       /* Guarded by lock. */
    uint64_t next_id;       /* Guarded by lock. */
};

sc_cancel *sc_cancel_create(void)
{
    sc_cancel *t = calloc(1, sizeof(*t));
    pthread_condattr_t attr;

    if (t == NULL)
        return NULL;
    atomic_init(&t->fired, false);
    if (pthread_mutex_init(&t->lock, NULL) != 0) {
        free(t);
        return NULL;
    }
    /* Sleeps are measured on the monotonic clock so that a wall-clock jump
     * cannot stretch a rate-limit backoff. */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (pthread_cond_init(&t->cond, &attr) != 0) {
        pthread_condattr_destroy(&attr);
        pthread_mutex_destroy(&t->lock);
        free(t);
        return NULL;
    }
    pthread_condattr_destroy(&attr);
    t->next_id = 1;
    return t;
}

void sc_cancel_free(sc_cancel *t)
{
    if (t == NULL)
        return;
    pthread_cond_destroy(&t->cond);
    pthread_mutex_destroy(&t->lock);
    free(t->wakers);
    free(t);
}

void sc_cancel_fire(sc_cancel *t)
{
    if (t == NULL)
        return;
    pthread_mutex_lock(&t->lock);
    if (!atomic_load(&t->fired)) {
        atomic_store(&t->fired, true);
        for (size_t i = 0; i < t->nwakers; i++)
            t->wakers[i].fn(t->wakers[i].arg);
        pthread_cond_broadcast(&t->cond);
    }
    pthread_mutex_unlock(&t->lock);
}

bool sc_cancel_fired(const sc_cancel *t)
{
    return t != NULL && atomic_load(&((sc_cancel *)t)->fired);
}

sc_code sc_cancel_add_waker(sc_cancel *t, sc_waker_fn fn, void *arg, uint64_t *id)
{
    sc_code rc = SC_OK;

    pthread_mutex_lock(&t->lock);
    if (t->nwakers == t->capwakers) {
        size_t cap = t->capwakers ? t->capwakers * 2 : 8;
        waker *w = realloc(t->wakers, cap * sizeof(*w));
        if (w == NULL) {
            rc = SC_ENOMEM;
            goto out;
        }
        t->wakers = w;
        t->capwakers = cap;
    }
    *id = t->next_id++;
    t->wakers[t->nwakers++] = (waker){ *id, fn, arg };
    /* A waker added after the fire would otherwise sleep forever. */
    if (atomic_load(&t->fired))
        fn(arg);
out:
    pthread_mutex_unlock(&t->lock);
    return rc;
}

void sc_cancel_remove_waker(sc_cancel *t, uint64_t id)
{
    pthread_mutex_lock(&t->lock);
    for (size_t i = 0; i < t->nwakers; i++) {
        if (t->wakers[i].id == id) {
            t->wakers[i] = t->wakers[--t->nwakers];
            break;
        }
    }
    pthread_mutex_unlock(&t->lock);
}

sc_code sc_cancel_sleep_ms(sc_cancel *t, uint64_t ms)
{
    struct timespec deadline;
    sc_code rc = SC_OK;

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += (time_t)(ms / 1000);
    deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    if (t == NULL) {
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
            ;
        return SC_OK;
    }
    pthread_mutex_lock(&t->lock);
    while (!atomic_load(&t->fired)) {
        if (pthread_cond_timedwait(&t->cond, &t->lock, &deadline) == ETIMEDOUT)
            break;
    }
    if (atomic_load(&t->fired))
        rc = SC_CANCELLED;
    pthread_mutex_unlock(&t->lock);
    return rc;
}
