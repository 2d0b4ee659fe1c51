/* det_decode_utf16.c: UTF-16 LE and BE text, found as printable ASCII
 * interleaved with NULs. Other code units end a span: secrets are ASCII. */
#include "detectors/det_decode.h"

#include <string.h>

static bool printable(unsigned char c)
{
    return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
}

/* Code units from s on of the form (text, NUL) for LE or (NUL, text) for BE. */
static size_t run_units(const unsigned char *p, size_t len, size_t s, bool be)
{
    size_t n = 0;

    while (s + 1 < len) {
        unsigned char a = p[s], b = p[s + 1];

        if (be ? !(a == 0 && printable(b)) : !(printable(a) && b == 0))
            break;
        n++;
        s += 2;
    }
    return n;
}

/* Moves s back over whole units of the same kind. */
static size_t run_start(const unsigned char *p, size_t s, bool be)
{
    while (s >= 2) {
        unsigned char a = p[s - 2], b = p[s - 1];

        if (be ? !(a == 0 && printable(b)) : !(printable(a) && b == 0))
            break;
        s -= 2;
    }
    return s;
}

bool det_utf16_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    size_t i = 0;

    while (i < len) {
        const unsigned char *z = memchr(p + i, 0, len - i);
        size_t zi, le_s = 0, be_s, le_n = 0, be_n;

        if (z == NULL)
            break;
        zi = (size_t)(z - p);
        if (zi > 0) {
            le_s = run_start(p, zi - 1, false);
            le_n = run_units(p, len, le_s, false);
        }
        be_s = run_start(p, zi, true);
        be_n = run_units(p, len, be_s, true);
        if (le_n >= be_n && le_n >= DET_UTF16_MIN_CHARS) {
            if (le_s < limit && !det_spans_push(out, le_s, le_s + 2 * le_n, DET_DEC_UTF16LE))
                return false;
            i = le_s + 2 * le_n;
        } else if (be_n > le_n && be_n >= DET_UTF16_MIN_CHARS) {
            if (be_s < limit && !det_spans_push(out, be_s, be_s + 2 * be_n, DET_DEC_UTF16BE))
                return false;
            i = be_s + 2 * be_n;
        } else {
            i = zi + 1;
        }
        /* A run found by walking back from the NUL can end at or before
         * it (a big-endian run whose next unit is not text); the search
         * must still move past this NUL, or it would find it forever. */
        if (i <= zi)
            i = zi + 1;
    }
    return true;
}

size_t det_utf16_decode(const unsigned char *in, size_t n, bool be, unsigned char *out,
                        size_t cap)
{
    size_t o = 0;

    for (size_t i = be ? 1 : 0; i < n && o < cap; i += 2)
        out[o++] = in[i];
    return o;
}
