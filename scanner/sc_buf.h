/* sc_buf.h: a growable byte buffer, with the escaping helpers that every
 * output format needs.
 *
 * A buffer whose allocation failed remembers it (failed is set) and ignores
 * further appends, so formatting code can append freely and check once.
 */
#ifndef SC_BUF_H
#define SC_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sc_buf {
    char *data;     /* Always NUL-terminated when len > 0 or after reserve. */
    size_t len;
    size_t cap;
    bool failed;    /* An allocation failed; contents are incomplete. */
} sc_buf;

#define SC_BUF_INIT { NULL, 0, 0, false }

void sc_buf_free(sc_buf *b);         /* Frees data; the struct may be reused. */
void sc_buf_reset(sc_buf *b);        /* Keeps the allocation, empties the buffer. */
bool sc_buf_reserve(sc_buf *b, size_t extra);
void sc_buf_append(sc_buf *b, const void *data, size_t len);
void sc_buf_puts(sc_buf *b, const char *s);
void sc_buf_putc(sc_buf *b, char c);
void sc_buf_printf(sc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s (len bytes) as a JSON string literal, quotes included. Invalid
 * UTF-8 bytes become U+FFFD so that the output is always valid JSON. */
void sc_buf_json_str(sc_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string; NULL is written as null. */
void sc_buf_json_cstr(sc_buf *b, const char *s);

/* Returns the length (1 to 4) of the valid UTF-8 sequence at s, which has
 * avail >= 1 bytes, or 0 if the bytes there are not valid UTF-8 (overlong
 * forms, surrogates and values past U+10FFFF are invalid). For formats
 * other than JSON that must also keep their output valid UTF-8. */
size_t sc_utf8_len(const char *s, size_t avail);

/* Detaches and returns the data (NUL-terminated, caller frees), leaving the
 * buffer empty. Returns NULL if the buffer failed. */
char *sc_buf_steal(sc_buf *b);

#endif
