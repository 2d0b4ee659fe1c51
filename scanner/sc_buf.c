/* sc_buf.c: growable buffer and escaping. */
#include "scanner/sc_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_buf_free(sc_buf *b)
{
    free(b->data);
    *b = (sc_buf)SC_BUF_INIT;
}

void sc_buf_reset(sc_buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data != NULL)
        b->data[0] = '\0';
}

bool sc_buf_reserve(sc_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return false;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void sc_buf_append(sc_buf *b, const void *data, size_t len)
{
    if (!sc_buf_reserve(b, len))
        return;
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void sc_buf_puts(sc_buf *b, const char *s)
{
    sc_buf_append(b, s, strlen(s));
}

void sc_buf_putc(sc_buf *b, char c)
{
    sc_buf_append(b, &c, 1);
}

void sc_buf_printf(sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sc_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

size_t sc_utf8_len(const char *str, size_t avail)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    if (n > avail)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Reject overlong forms, surrogates and values past U+10FFFF. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void sc_buf_json_str(sc_buf *b, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    sc_buf_putc(b, '"');
    while (i < len) {
        unsigned char c = s[i];
        size_t n;

        switch (c) {
        case '"': sc_buf_puts(b, "\\\""); i++; continue;
        case '\\': sc_buf_puts(b, "\\\\"); i++; continue;
        case '\n': sc_buf_puts(b, "\\n"); i++; continue;
        case '\r': sc_buf_puts(b, "\\r"); i++; continue;
        case '\t': sc_buf_puts(b, "\\t"); i++; continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            sc_buf_printf(b, "\\u%04x", c);
            i++;
            continue;
        }
        n = sc_utf8_len(str + i, len - i);
        if (n == 0) {
            sc_buf_puts(b, "\\ufffd");
            i++;
            continue;
        }
        sc_buf_append(b, s + i, n);
        i += n;
    }
    sc_buf_putc(b, '"');
}

void sc_buf_json_cstr(sc_buf *b, const char *s)
{
    if (s == NULL)
        sc_buf_puts(b, "null");
    else
        sc_buf_json_str(b, s, strlen(s));
}

char *sc_buf_steal(sc_buf *b)
{
    char *p;

    if (b->failed) {
        sc_buf_free(b);
        return NULL;
    }
    if (!sc_buf_reserve(b, 0))
        return NULL;
    p = b->data;
    *b = (sc_buf)SC_BUF_INIT;
    return p;
}
