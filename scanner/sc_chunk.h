/* sc_chunk.h: a piece of one input, as it travels from source to detect.
 *
 * Chunking contract (the source fills it in, detectors rely on it):
 *  - data[0 .. len) is what the detectors scan. It is NUL-terminated at
 *    data[len] so PCRE2 and string helpers can run on it directly.
 *  - data[0 .. owned) is the part of the input this chunk is responsible
 *    for; data[owned .. len) is a peek into the next chunk. A detector keeps
 *    a match only if it starts before owned. The next chunk starts exactly at
 *    offset + owned, so a secret that straddles a boundary (and is no longer
 *    than the peek) is found by exactly one chunk, and found whole.
 *  - line and column give the 1-based position of data[0] in the input, so
 *    positions stay right on a 300 KB minified line and across chunks.
 *    Columns count Unicode code points (UTF-8 lead bytes); invalid bytes
 *    count one each.
 */
#ifndef SC_CHUNK_H
#define SC_CHUNK_H

#include <stddef.h>
#include <stdint.h>

typedef struct sc_chunk {
    char *path;             /* Owned. The path as walked from the argument given. */
    unsigned char *data;    /* Owned. len bytes plus a NUL. */
    size_t len;             /* Bytes in data, peek included. */
    size_t owned;           /* Bytes this chunk is responsible for (owned <= len). */
    uint64_t offset;        /* Input offset of data[0]. */
    uint64_t line;          /* 1-based line of data[0]. */
    uint64_t column;        /* 1-based column of data[0]. */
    char *commit;           /* Owned, may be NULL: the git commit for history scans. */
    char *author;           /* Owned, may be NULL. */
    char *date;             /* Owned, may be NULL. */
} sc_chunk;

/* Allocates a chunk with room for capacity data bytes (plus the NUL). path
 * is copied. Returns NULL when out of memory. */
sc_chunk *sc_chunk_create(const char *path, size_t capacity);

/* Frees the chunk and everything it owns. Accepts NULL. Has the shape of
 * sc_free_fn (as a void * argument) for channels via sc_chunk_free_item. */
void sc_chunk_free(sc_chunk *c);
void sc_chunk_free_item(void *c);

/* Computes the 1-based line and column of data[off]. O(off). */
void sc_chunk_position(const sc_chunk *c, size_t off, uint64_t *line, uint64_t *column);

/* Advances (line, column) over n bytes of text, by the column rule above.
 * Sources use it to carry the position from one chunk to the next. */
void sc_position_advance(const unsigned char *p, size_t n, uint64_t *line, uint64_t *column);

#endif
