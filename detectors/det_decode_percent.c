/* det_decode_percent.c: percent-encoding (%XX), as in URLs and form
 * bodies. '+' is left alone: in a secret it is more often base64 than a
 * space. */
#include "detectors/det_decode.h"

#include <ctype.h>
#include <string.h>

static bool is_escape(const unsigned char *p, size_t avail)
{
    return avail >= 3 && p[0] == '%' && isxdigit(p[1]) && isxdigit(p[2]);
}

bool det_percent_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    size_t i = 0, floor = 0;

    while (i < len) {
        const unsigned char *pc = memchr(p + i, '%', len - i);
        size_t b, s, e;

        if (pc == NULL)
            break;
        b = (size_t)(pc - p);
        if (!is_escape(pc, len - b)) {
            i = b + 1;
            continue;
        }
        s = b;
        while (s > floor && b - s < DET_ESCAPE_BACK && !det_token_stop(p[s - 1]))
            s--;
        e = b;
        while (e < len && e - s < DET_ESCAPE_SPAN_MAX && !det_token_stop(p[e]))
            e++;
        if (s < limit && !det_spans_push(out, s, e, DET_DEC_PERCENT))
            return false;
        i = floor = e;
    }
    return true;
}

size_t det_percent_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t o = 0, i = 0;

    while (i < n && o < cap) {
        if (is_escape(in + i, n - i)) {
            unsigned hi = isdigit(in[i + 1]) ? in[i + 1] - '0' : (in[i + 1] | 0x20) - 'a' + 10;
            unsigned lo = isdigit(in[i + 2]) ? in[i + 2] - '0' : (in[i + 2] | 0x20) - 'a' + 10;

            out[o++] = (unsigned char)(hi << 4 | lo);
            i += 3;
        } else {
            out[o++] = in[i++];
        }
    }
    return o;
}
