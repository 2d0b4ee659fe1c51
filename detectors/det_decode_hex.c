/* det_decode_hex.c: hex-encoded bytes ("6768705f...", "0x6768..."). The
 * candidate pass (det_decode_runs.c) offers only even runs of hex digits. */
#include "detectors/det_decode.h"

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
