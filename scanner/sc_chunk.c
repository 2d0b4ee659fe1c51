/* sc_chunk.c: chunk allocation and position arithmetic. */
#include "scanner/sc_chunk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

sc_chunk *sc_chunk_create(const char *path, size_t capacity)
{
    sc_chunk *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->path = strdup(path);
    c->data = malloc(capacity + 1);
    if (c->path == NULL || c->data == NULL) {
        sc_chunk_free(c);
        return NULL;
    }
    c->data[0] = '\0';
    c->line = 1;
    c->column = 1;
    return c;
}

void sc_chunk_free(sc_chunk *c)
{
    if (c == NULL)
        return;
    free(c->path);
    free(c->data);
    free(c->commit);
    free(c->author);
    free(c->date);
    free(c);
}

void sc_chunk_free_item(void *c)
{
    sc_chunk_free(c);
}

#if defined(__SSE2__) && defined(__x86_64__)
/* Newlines in p[0, n): sixteen byte counters, each bumped by a compare,
 * summed every 255 steps before they can wrap. Counting this way costs the
 * same on short source lines as on long ones, where a memchr per line pays
 * a call per line. */
static uint64_t count_newlines(const unsigned char *p, size_t n)
{
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    uint64_t count = 0;
    size_t i = 0;

    while (n - i >= 16) {
        __m128i acc = zero, sums;

        for (unsigned k = 0; k < 255 && n - i >= 16; k++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));

            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, nl));
        }
        sums = _mm_sad_epu8(acc, zero);
        count += (uint64_t)_mm_cvtsi128_si64(sums) + (uint64_t)_mm_extract_epi16(sums, 4);
    }
    for (; i < n; i++)
        count += p[i] == '\n';
    return count;
}
#else
static uint64_t count_newlines(const unsigned char *p, size_t n)
{
    uint64_t count = 0;

    for (size_t i = 0; i < n; i++)
        count += p[i] == '\n';
    return count;
}
#endif

void sc_position_advance(const unsigned char *p, size_t n, uint64_t *line, uint64_t *column)
{
    const unsigned char *end = p + n;
    const unsigned char *nl = n > 0 ? memrchr(p, '\n', n) : NULL;
    uint64_t col = *column;

    if (nl != NULL) {
        *line += count_newlines(p, (size_t)(nl - p) + 1);
        col = 1;
        p = nl + 1;
    }
    /* Counting in a local lets the compiler keep it in a register; through
     * the pointer it would store on every byte. */
    for (; p < end; p++)
        col += (*p & 0xC0) != 0x80;
    *column = col;
}

void sc_chunk_position(const sc_chunk *c, size_t off, uint64_t *line, uint64_t *column)
{
    *line = c->line;
    *column = c->column;
    if (off > c->len)
        off = c->len;
    sc_position_advance(c->data, off, line, column);
}
