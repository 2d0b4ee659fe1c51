/* sc_chan.c: a bounded MPMC ring buffer guarded by one mutex.
 *
 * One mutex and two condition variables (not_full, not_empty) are enough:
 * stage workers spend their time scanning, not contending on the channel,
 * and a single lock keeps close and cancel reasoning simple. Every wait is
 * in a while loop that re-reads closed and the token under the lock, and
 * close and cancel both broadcast.
 *
 * Cancellation: a channel registers a waker with each token passed to it the
 * first time a call would block. The waker locks the channel and broadcasts
 * both condition variables. Registration happens with the channel's lock
 * dropped, because the token's lock is always taken first (sc_cancel.h).
 */
#include "scanner/sc_chan.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* Scans use one or two tokens per channel; four leaves room for tests. */
#define MAX_TOKENS 4

typedef struct token_reg {
    sc_cancel *token;
    uint64_t id;
} token_reg;

struct sc_chan {
    pthread_mutex_t lock;
    pthread_cond_t not_full;    /* Signalled when an item leaves. */
    pthread_cond_t not_empty;   /* Signalled when an item arrives. */
    void **ring;                /* Guarded by lock. */
    size_t cap;                 /* Immutable. */
    size_t head;                /* Guarded by lock: index of the oldest item. */
    size_t len;                 /* Guarded by lock. */
    bool closed;                /* Guarded by lock. */
    sc_free_fn free_item;       /* Immutable. */
    token_reg regs[MAX_TOKENS]; /* Guarded by reg_lock. */
    size_t nregs;               /* Guarded by reg_lock. */
    pthread_mutex_t reg_lock;   /* Never held while calling into a token. */
};

static void chan_wake(void *arg)
{
    sc_chan *ch = arg;

    pthread_mutex_lock(&ch->lock);
    pthread_cond_broadcast(&ch->not_full);
    pthread_cond_broadcast(&ch->not_empty);
    pthread_mutex_unlock(&ch->lock);
}

/* Makes sure a firing of token wakes this channel. Called without ch->lock. */
static sc_code chan_watch(sc_chan *ch, sc_cancel *token)
{
    uint64_t id;
    sc_code rc;

    pthread_mutex_lock(&ch->reg_lock);
    for (size_t i = 0; i < ch->nregs; i++) {
        if (ch->regs[i].token == token) {
            pthread_mutex_unlock(&ch->reg_lock);
            return SC_OK;
        }
    }
    if (ch->nregs == MAX_TOKENS) {
        pthread_mutex_unlock(&ch->reg_lock);
        return SC_EINVAL;
    }
    /* Holding reg_lock across add_waker is safe: the waker only takes
     * ch->lock, never reg_lock. It also keeps two threads from registering
     * the same token twice. */
    rc = sc_cancel_add_waker(token, chan_wake, ch, &id);
    if (rc == SC_OK)
        ch->regs[ch->nregs++] = (token_reg){ token, id };
    pthread_mutex_unlock(&ch->reg_lock);
    return rc;
}

sc_chan *sc_chan_create(size_t capacity, sc_free_fn free_item)
{
    sc_chan *ch;

    if (capacity == 0)
        return NULL;
    ch = calloc(1, sizeof(*ch));
    if (ch == NULL)
        return NULL;
    ch->ring = calloc(capacity, sizeof(void *));
    if (ch->ring == NULL) {
        free(ch);
        return NULL;
    }
    ch->cap = capacity;
    ch->free_item = free_item;
    pthread_mutex_init(&ch->lock, NULL);
    pthread_mutex_init(&ch->reg_lock, NULL);
    pthread_cond_init(&ch->not_full, NULL);
    pthread_cond_init(&ch->not_empty, NULL);
    return ch;
}

void sc_chan_free(sc_chan *ch)
{
    if (ch == NULL)
        return;
    for (size_t i = 0; i < ch->nregs; i++)
        sc_cancel_remove_waker(ch->regs[i].token, ch->regs[i].id);
    if (ch->free_item != NULL) {
        for (size_t i = 0; i < ch->len; i++)
            ch->free_item(ch->ring[(ch->head + i) % ch->cap]);
    }
    pthread_cond_destroy(&ch->not_full);
    pthread_cond_destroy(&ch->not_empty);
    pthread_mutex_destroy(&ch->reg_lock);
    pthread_mutex_destroy(&ch->lock);
    free(ch->ring);
    free(ch);
}

sc_code sc_chan_send(sc_chan *ch, void *item, sc_cancel *cancel)
{
    bool watched = false;
    sc_code rc = SC_OK;

    pthread_mutex_lock(&ch->lock);
    for (;;) {
        if (ch->closed) {
            rc = SC_CLOSED;
            goto out;
        }
        if (sc_cancel_fired(cancel)) {
            rc = SC_CANCELLED;
            goto out;
        }
        if (ch->len < ch->cap)
            break;
        if (cancel != NULL && !watched) {
            pthread_mutex_unlock(&ch->lock);
            rc = chan_watch(ch, cancel);
            if (rc != SC_OK)
                return rc;
            watched = true;
            pthread_mutex_lock(&ch->lock);
            continue;   /* The state may have changed while unlocked. */
        }
        pthread_cond_wait(&ch->not_full, &ch->lock);
    }
    ch->ring[(ch->head + ch->len) % ch->cap] = item;
    ch->len++;
    pthread_cond_signal(&ch->not_empty);
out:
    pthread_mutex_unlock(&ch->lock);
    return rc;
}

sc_code sc_chan_recv(sc_chan *ch, void **item, sc_cancel *cancel)
{
    bool watched = false;
    sc_code rc = SC_OK;

    pthread_mutex_lock(&ch->lock);
    for (;;) {
        if (sc_cancel_fired(cancel)) {
            rc = SC_CANCELLED;
            goto out;
        }
        if (ch->len > 0)
            break;
        if (ch->closed) {
            rc = SC_CLOSED;
            goto out;
        }
        if (cancel != NULL && !watched) {
            pthread_mutex_unlock(&ch->lock);
            rc = chan_watch(ch, cancel);
            if (rc != SC_OK)
                return rc;
            watched = true;
            pthread_mutex_lock(&ch->lock);
            continue;
        }
        pthread_cond_wait(&ch->not_empty, &ch->lock);
    }
    *item = ch->ring[ch->head];
    ch->ring[ch->head] = NULL;
    ch->head = (ch->head + 1) % ch->cap;
    ch->len--;
    pthread_cond_signal(&ch->not_full);
out:
    pthread_mutex_unlock(&ch->lock);
    return rc;
}

void sc_chan_close(sc_chan *ch)
{
    pthread_mutex_lock(&ch->lock);
    ch->closed = true;
    pthread_cond_broadcast(&ch->not_full);
    pthread_cond_broadcast(&ch->not_empty);
    pthread_mutex_unlock(&ch->lock);
}

size_t sc_chan_len(sc_chan *ch)
{
    size_t n;

    pthread_mutex_lock(&ch->lock);
    n = ch->len;
    pthread_mutex_unlock(&ch->lock);
    return n;
}

size_t sc_chan_capacity(const sc_chan *ch)
{
    return ch->cap;
}
