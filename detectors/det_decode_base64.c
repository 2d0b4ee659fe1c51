/* det_decode_base64.c: standard and URL-safe base64. The candidate pass
 * (det_decode_runs.c) never offers a run that mixes the two alphabets, so
 * one table serves both. */
#include "detectors/det_decode.h"

#include <stdint.h>

/* One more than the 6-bit value of each alphabet character of either
 * variant; 0 for the rest (padding or the end of the run), so that
 * value - 1 is above 63 for exactly those. */
static const unsigned char values[256] = {
    ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7, ['H'] = 8,
    ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14, ['O'] = 15,
    ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22,
    ['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29,
    ['d'] = 30, ['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
    ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42, ['q'] = 43,
    ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49, ['x'] = 50,
    ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56, ['4'] = 57,
    ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63, ['-'] = 63,
    ['/'] = 64, ['_'] = 64,
};

size_t det_base64_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t i = 0, o = 0;

    /* Whole groups of four characters first, then the tail a bit at a
     * time; either stops at the first byte outside the alphabet. */
    while (n - i >= 4 && cap - o >= 3) {
        uint32_t a = values[in[i]] - 1u, b = values[in[i + 1]] - 1u,
                 c = values[in[i + 2]] - 1u, d = values[in[i + 3]] - 1u;
        uint32_t v;

        if ((a | b | c | d) > 63)
            break;
        v = a << 18 | b << 12 | c << 6 | d;
        out[o] = (unsigned char)(v >> 16);
        out[o + 1] = (unsigned char)(v >> 8);
        out[o + 2] = (unsigned char)v;
        o += 3;
        i += 4;
    }
    for (; i < n && o < cap; i++) {
        uint32_t v = values[in[i]] - 1u;

        if (v > 63)
            break;
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
