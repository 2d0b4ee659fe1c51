/* sc_verify_cache.c: a chained hash table of pending and finished answers.
 *
 * DESIGN
 * One mutex guards the table; one condition variable is broadcast whenever
 * an answer is stored and when the scan's cancel token fires. Waiters wait
 * in a while loop and read entry state only under the lock. Because the
 * cancel token's lock is taken before ours (sc_cancel.h), a waiter
 * registers its cancel waker before taking our lock and removes it after
 * dropping it; the waker itself only locks, broadcasts and unlocks.
 * Entries are never removed before the cache is freed, so a pointer to one
 * stays valid across a wait.
 *
 * Keys are SHA-256 hex, already uniformly spread, so the bucket index is
 * simply the key's first 16 hex digits.
 */
#include "scanner/sc_verify_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    struct entry *next;                 /* Guarded by the cache lock. */
    char key[SC_HASH_HEX_LEN + 1];      /* Immutable after insert. */
    bool done;                          /* Guarded by the cache lock. */
    sc_verification verdict;            /* Guarded; valid once done. */
    char *reason;                       /* Guarded; owned; valid once done. */
} entry;

struct sc_verify_cache {
    pthread_mutex_t lock;
    pthread_cond_t cond;        /* Broadcast on put and on cancel. */
    entry **buckets;            /* Guarded by lock. */
    size_t nbuckets;            /* Guarded by lock; a power of two. */
    size_t count;               /* Guarded by lock. */
};

static uint64_t key_hash(const char *key)
{
    uint64_t h = 0;

    for (int i = 0; i < 16 && key[i] != '\0'; i++) {
        char c = key[i];
        unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : (unsigned char)c;
        h = (h << 4) ^ v;
    }
    return h;
}

sc_verify_cache *sc_verify_cache_create(void)
{
    sc_verify_cache *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->nbuckets = 64;
    c->buckets = calloc(c->nbuckets, sizeof(*c->buckets));
    if (c->buckets == NULL) {
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->cond, NULL);
    return c;
}

void sc_verify_cache_free(sc_verify_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->nbuckets; i++) {
        entry *e = c->buckets[i];

        while (e != NULL) {
            entry *next = e->next;

            free(e->reason);
            free(e);
            e = next;
        }
    }
    free(c->buckets);
    pthread_cond_destroy(&c->cond);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static entry *find_locked(sc_verify_cache *c, const char *key)
{
    for (entry *e = c->buckets[key_hash(key) & (c->nbuckets - 1)]; e != NULL; e = e->next) {
        if (strcmp(e->key, key) == 0)
            return e;
    }
    return NULL;
}

/* Doubles the table when it is full; on failure the table just gets
 * longer chains. */
static void grow_locked(sc_verify_cache *c)
{
    size_t n = c->nbuckets * 2;
    entry **b;

    if (c->count < c->nbuckets || (b = calloc(n, sizeof(*b))) == NULL)
        return;
    for (size_t i = 0; i < c->nbuckets; i++) {
        entry *e = c->buckets[i];

        while (e != NULL) {
            entry *next = e->next;
            size_t j = key_hash(e->key) & (n - 1);

            e->next = b[j];
            b[j] = e;
            e = next;
        }
    }
    free(c->buckets);
    c->buckets = b;
    c->nbuckets = n;
}

static void cache_waker(void *arg)
{
    sc_verify_cache *c = arg;

    pthread_mutex_lock(&c->lock);
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

static void copy_answer(const entry *e, sc_verification *v, char **reason)
{
    *v = e->verdict;
    *reason = e->reason != NULL ? strdup(e->reason) : NULL;
}

sc_cache_claim sc_verify_cache_claim(sc_verify_cache *c, const char key[SC_HASH_HEX_LEN + 1],
                                     sc_cancel *cancel, sc_verification *v, char **reason)
{
    sc_cache_claim res;
    uint64_t waker_id = 0;
    entry *e;

    *reason = NULL;
    pthread_mutex_lock(&c->lock);
    e = find_locked(c, key);
    if (e == NULL) {
        e = calloc(1, sizeof(*e));
        if (e != NULL) {
            size_t i;

            grow_locked(c);
            i = key_hash(key) & (c->nbuckets - 1);
            memcpy(e->key, key, SC_HASH_HEX_LEN + 1);
            e->next = c->buckets[i];
            c->buckets[i] = e;
            c->count++;
        }
        pthread_mutex_unlock(&c->lock);
        return SC_CACHE_OWNER;
    }
    if (e->done) {
        copy_answer(e, v, reason);
        pthread_mutex_unlock(&c->lock);
        return SC_CACHE_HIT;
    }
    pthread_mutex_unlock(&c->lock);

    /* Another worker owns the key. The waker must be registered without our
     * lock held (lock order); the state is then checked again under it. */
    if (cancel != NULL && sc_cancel_add_waker(cancel, cache_waker, c, &waker_id) != SC_OK)
        return SC_CACHE_OWNER;  /* Out of memory: a duplicate request beats a wrong answer. */
    pthread_mutex_lock(&c->lock);
    while (!e->done && !sc_cancel_fired(cancel))
        pthread_cond_wait(&c->cond, &c->lock);
    if (e->done) {
        copy_answer(e, v, reason);
        res = SC_CACHE_HIT;
    } else {
        res = SC_CACHE_CANCELLED;
    }
    pthread_mutex_unlock(&c->lock);
    if (cancel != NULL)
        sc_cancel_remove_waker(cancel, waker_id);
    return res;
}

void sc_verify_cache_put(sc_verify_cache *c, const char key[SC_HASH_HEX_LEN + 1],
                         sc_verification v, const char *reason)
{
    entry *e;

    pthread_mutex_lock(&c->lock);
    e = find_locked(c, key);
    if (e != NULL && !e->done) {
        e->verdict = v;
        e->reason = reason != NULL ? strdup(reason) : NULL;
        e->done = true;
        pthread_cond_broadcast(&c->cond);
    }
    pthread_mutex_unlock(&c->lock);
}
