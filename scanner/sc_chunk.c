/* sc_chunk.c: chunk allocation and position arithmetic. */
#include "scanner/sc_chunk.h"

#include <stdlib.h>
#include <string.h>

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

void sc_position_advance(const unsigned char *p, size_t n, uint64_t *line, uint64_t *column)
{
    const unsigned char *end = p + n;
    const unsigned char *nl;
    uint64_t col = *column;

    /* memchr finds newlines far faster than a byte loop on long inputs. */
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        (*line)++;
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
