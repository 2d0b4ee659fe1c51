/* det_decode_hex.c: hex-encoded bytes ("6768705f...", "0x6768..."). */
#include "detectors/det_decode.h"

#include <ctype.h>

bool det_hex_span(const unsigned char *p, size_t n, size_t *skip)
{
    size_t s = 0;

    if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        s = 2;
    if (n - s < DET_HEX_MIN || (n - s) % 2 != 0)
        return false;
    for (size_t i = s; i < n; i++) {
        if (!isxdigit(p[i]))
            return false;
    }
    *skip = s;
    return true;
}

static unsigned nibble(unsigned char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

size_t det_hex_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t o = 0;

    for (size_t i = 0; i + 1 < n && o < cap; i += 2)
        out[o++] = (unsigned char)(nibble(in[i]) << 4 | nibble(in[i + 1]));
    return o;
}
