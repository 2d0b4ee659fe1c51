/* det_decode_escape.c: \uXXXX and \xNN escapes, as JSON, JavaScript,
 * Python and C write them. The simple one-letter escapes around them are
 * undone too, so "ghp_\u0041..." decodes to the token itself. */
#include "detectors/det_decode.h"

#include <ctype.h>
#include <string.h>

bool det_token_stop(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' ||
           c == '`' || c == '<' || c == '>' || c == '\0';
}

static bool hexn(const unsigned char *p, size_t avail, size_t n)
{
    if (avail < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit(p[i]))
            return false;
    }
    return true;
}

/* Length of the \u or \x escape at p (p[0] == '\\'), or 0. */
static size_t escape_len(const unsigned char *p, size_t avail)
{
    if (avail >= 6 && p[1] == 'u' && hexn(p + 2, avail - 2, 4))
        return 6;
    if (avail >= 4 && p[1] == 'x' && hexn(p + 2, avail - 2, 2))
        return 4;
    return 0;
}

bool det_escape_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    size_t i = 0, floor = 0;

    while (i < len) {
        const unsigned char *bs = memchr(p + i, '\\', len - i);
        size_t b, s, e;

        if (bs == NULL)
            break;
        b = (size_t)(bs - p);
        if (escape_len(bs, len - b) == 0) {
            i = b + 2;
            continue;
        }
        /* The span is the token around the escapes: back to a delimiter
         * (or a bounded distance), forward to one, stepping over escapes
         * so that an escaped quote does not end it. */
        s = b;
        while (s > floor && b - s < DET_ESCAPE_BACK && !det_token_stop(p[s - 1]))
            s--;
        e = b;
        while (e < len && e - s < DET_ESCAPE_SPAN_MAX && !det_token_stop(p[e]))
            e += (p[e] == '\\' && e + 1 < len) ? 2 : 1;
        if (e > len)
            e = len;
        if (s < limit && !det_spans_push(out, s, e, DET_DEC_ESCAPE))
            return false;
        i = floor = e;
    }
    return true;
}

static size_t put_utf8(unsigned long cp, unsigned char *out, size_t room)
{
    unsigned char b[4];
    size_t n;

    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | cp >> 18);
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (n > room)
        return 0;
    memcpy(out, b, n);
    return n;
}

static unsigned long hexval(const unsigned char *p, size_t n)
{
    unsigned long v = 0;

    for (size_t i = 0; i < n; i++)
        v = v << 4 | (unsigned long)(isdigit(p[i]) ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
    return v;
}

size_t det_escape_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t o = 0, i = 0;

    while (i < n && o < cap) {
        size_t el = in[i] == '\\' ? escape_len(in + i, n - i) : 0;

        if (el == 6) {
            unsigned long cp = hexval(in + i + 2, 4);
            size_t w;

            /* A high surrogate followed by a low one is one code point. */
            if (cp >= 0xD800 && cp < 0xDC00 && i + 12 <= n && in[i + 6] == '\\' &&
                escape_len(in + i + 6, n - i - 6) == 6) {
                unsigned long lo = hexval(in + i + 8, 4);

                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            w = put_utf8(cp, out + o, cap - o);
            if (w == 0)
                break;
            o += w;
            i += 6;
        } else if (el == 4) {
            out[o++] = (unsigned char)hexval(in + i + 2, 2);
            i += 4;
        } else if (in[i] == '\\' && i + 1 < n) {
            static const char from[] = "nrt\\/\"'";
            static const char to[] = "\n\r\t\\/\"'";
            const char *k = strchr(from, in[i + 1]);

            if (k != NULL && in[i + 1] != '\0') {
                out[o++] = (unsigned char)to[k - from];
                i += 2;
            } else {
                out[o++] = in[i++];
            }
        } else {
            out[o++] = in[i++];
        }
    }
    return o;
}
