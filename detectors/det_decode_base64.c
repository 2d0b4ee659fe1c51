/* det_decode_base64.c: standard and URL-safe base64. */
#include "detectors/det_decode.h"

/* 0-63 for alphabet characters of either variant, 64 otherwise. */
static unsigned char value(unsigned char c, bool url)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A');
    if (c >= 'a' && c <= 'z')
        return (unsigned char)(c - 'a' + 26);
    if (c >= '0' && c <= '9')
        return (unsigned char)(c - '0' + 52);
    if (c == (url ? '-' : '+'))
        return 62;
    if (c == (url ? '_' : '/'))
        return 63;
    return 64;
}

int det_base64_kind(const unsigned char *p, size_t n)
{
    bool std = false, url = false;
    size_t body = n;

    while (body > 0 && p[body - 1] == '=')
        body--;
    if (body < DET_BASE64_MIN || n - body > 2)
        return -1;
    for (size_t i = 0; i < body; i++) {
        std |= p[i] == '+' || p[i] == '/';
        url |= p[i] == '-' || p[i] == '_';
    }
    /* Both variants' specials in one run is an identifier or a path, not
     * base64. */
    if (std && url)
        return -1;
    return url ? DET_DEC_BASE64URL : DET_DEC_BASE64;
}

size_t det_base64_decode(const unsigned char *in, size_t n, bool url, unsigned char *out,
                         size_t cap)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t o = 0;

    for (size_t i = 0; i < n && o < cap; i++) {
        unsigned char v = value(in[i], url);

        if (v == 64)
            break;  /* Padding or the end of the run. */
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    return o;
}
