/* sc_backoff.c: a monotonic deadline behind a mutex.
 *
 * The wait itself is sc_cancel_sleep_ms, which already sleeps on the cancel
 * token's condition variable; the deadline is re-read after each sleep
 * because another worker may have pushed it out meanwhile.
 */
#include "scanner/sc_backoff.h"

#include <pthread.h>
#include <stdlib.h>

#include "scanner/sc_stats.h"

struct sc_backoff {
    pthread_mutex_t lock;
    uint64_t until_ns;      /* Guarded by lock: sc_now_ns() deadline, 0 for none. */
};

sc_backoff *sc_backoff_create(void)
{
    sc_backoff *b = calloc(1, sizeof(*b));

    if (b == NULL)
        return NULL;
    if (pthread_mutex_init(&b->lock, NULL) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

void sc_backoff_free(sc_backoff *b)
{
    if (b == NULL)
        return;
    pthread_mutex_destroy(&b->lock);
    free(b);
}

void sc_backoff_defer(sc_backoff *b, uint64_t ms)
{
    uint64_t until = sc_now_ns() + ms * 1000000u;

    pthread_mutex_lock(&b->lock);
    if (until > b->until_ns)
        b->until_ns = until;
    pthread_mutex_unlock(&b->lock);
}

sc_code sc_backoff_wait(sc_backoff *b, sc_cancel *cancel)
{
    for (;;) {
        uint64_t until, now;

        pthread_mutex_lock(&b->lock);
        until = b->until_ns;
        pthread_mutex_unlock(&b->lock);
        now = sc_now_ns();
        if (now >= until)
            return sc_cancel_fired(cancel) ? SC_CANCELLED : SC_OK;
        /* Round up so that we never wake a hair before the deadline. */
        if (sc_cancel_sleep_ms(cancel, (until - now + 999999u) / 1000000u) != SC_OK)
            return SC_CANCELLED;
    }
}
