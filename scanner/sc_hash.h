/* sc_hash.h: SHA-256 over several parts, as lowercase hex.
 *
 * Used for finding fingerprints, verification cache keys and the prefilter
 * database cache key. Parts are length-prefixed before hashing so that
 * ("ab","c") and ("a","bc") never collide.
 */
#ifndef SC_HASH_H
#define SC_HASH_H

#include <stddef.h>

#define SC_HASH_HEX_LEN 64

typedef struct sc_hash_part {
    const void *data;
    size_t len;
} sc_hash_part;

/* Writes SC_HASH_HEX_LEN hex digits and a NUL to out. */
void sc_hash_hex(const sc_hash_part *parts, size_t nparts, char out[SC_HASH_HEX_LEN + 1]);

#endif
