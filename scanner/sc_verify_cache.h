/* sc_verify_cache.h: each credential is checked once per scan.
 *
 * Keys are sc_hash_hex digests (the verifier hashes rule id, secret and,
 * where the pair matters, the related secret), so the cache never holds a
 * secret. The first worker to ask for a key owns it: it makes the request
 * and stores the answer. Workers that ask for the same key meanwhile wait
 * for that answer and copy it, so 100 copies of one leaked token cost one
 * request. The cache keeps one entry per distinct credential until it is
 * freed at the end of the scan.
 */
#ifndef SC_VERIFY_CACHE_H
#define SC_VERIFY_CACHE_H

#include "scanner/sc_cancel.h"
#include "scanner/sc_finding.h"
#include "scanner/sc_hash.h"

typedef struct sc_verify_cache sc_verify_cache;

typedef enum sc_cache_claim {
    SC_CACHE_HIT,       /* The answer is known; *v and *reason are filled in. */
    SC_CACHE_OWNER,     /* The caller must verify and then call sc_verify_cache_put. */
    SC_CACHE_CANCELLED, /* cancel fired while waiting for another worker's answer. */
} sc_cache_claim;

/* Returns an empty cache, or NULL when out of memory. */
sc_verify_cache *sc_verify_cache_create(void);
/* Frees the cache. Accepts NULL. No thread may be inside a call. */
void sc_verify_cache_free(sc_verify_cache *c);

/* Looks key up, waiting (cancellably) while another worker verifies it. On
 * SC_CACHE_HIT *reason is a malloc'd copy of the stored reason (or NULL)
 * that the caller frees. SC_CACHE_OWNER is also returned when memory
 * runs out; the caller then verifies once more than needed, and its put
 * stores nothing if another answer is already there. */
sc_cache_claim sc_verify_cache_claim(sc_verify_cache *c, const char key[SC_HASH_HEX_LEN + 1],
                                     sc_cancel *cancel, sc_verification *v, char **reason);

/* Stores the owner's answer for key (reason may be NULL; it is copied) and
 * wakes the workers waiting for it. Must be called exactly once by each
 * owner, whatever the outcome. */
void sc_verify_cache_put(sc_verify_cache *c, const char key[SC_HASH_HEX_LEN + 1],
                         sc_verification v, const char *reason);

#endif
