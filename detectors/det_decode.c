/* det_decode.c: the decoder driver.
 *
 * Decoding never copies a whole chunk. A cheap pass finds candidate spans
 * (runs of the base64/hex alphabet, %XX and \u/\x escapes, NUL-interleaved
 * ASCII); each span is decoded into the worker's bounded buffer for its
 * depth, and the decoded bytes, if they are mostly text, go through the
 * same prefilter-and-confirm path as the chunk, then through the decoders
 * again, down to max_decode_depth.
 *
 * A finding in decoded bytes is placed at the encoded span's start in the
 * chunk, and its decoder names every layer undone, outermost first.
 */
#include "detectors/det_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fewer decoded bytes than this cannot hold a credential. */
#define DECODED_MIN 8

static const char *const kind_names[] = {
    [DET_DEC_BASE64] = "base64",   [DET_DEC_BASE64URL] = "base64",
    [DET_DEC_UTF16LE] = "utf16le", [DET_DEC_UTF16BE] = "utf16be",
    [DET_DEC_ESCAPE] = "escape",   [DET_DEC_PERCENT] = "percent",
    [DET_DEC_HEX] = "hex",
};

bool det_spans_push(det_spanvec *v, size_t start, size_t end, int kind)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 32;
        det_span *p = realloc(v->v, cap * sizeof(*p));

        if (p == NULL)
            return false;
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = (det_span){ start, end, kind };
    return true;
}

static size_t decode(int kind, const unsigned char *in, size_t n, unsigned char *out)
{
    switch (kind) {
    case DET_DEC_BASE64:
    case DET_DEC_BASE64URL:
        return det_base64_decode(in, n, out, DET_DECODE_CAP);
    case DET_DEC_UTF16LE:
    case DET_DEC_UTF16BE:
        return det_utf16_decode(in, n, kind == DET_DEC_UTF16BE, out, DET_DECODE_CAP);
    case DET_DEC_ESCAPE:
        return det_escape_decode(in, n, out, DET_DECODE_CAP);
    case DET_DEC_PERCENT:
        return det_percent_decode(in, n, out, DET_DECODE_CAP);
    case DET_DEC_HEX:
        return det_hex_decode(in, n, out, DET_DECODE_CAP);
    }
    return 0;
}

/* Length of the valid UTF-8 multibyte sequence at p, or 0. */
static size_t utf8_seq(const unsigned char *p, size_t avail)
{
    size_t n = p[0] >= 0xF0 && p[0] < 0xF5 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;

    if (n == 0 || n > avail)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

enum { BINARY, TEXT, UTF16 };

/* 1 for printable ASCII and the whitespace of text. */
static const unsigned char text_byte[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
    [' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1,
    ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1,
    ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
    ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1,
    ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1,
    ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
    ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1,
    ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
};

/* Decoded bytes are scanned only if they are mostly text (90% printable
 * ASCII, whitespace or valid UTF-8); bytes that look like UTF-16 (90% of
 * the even or of the odd bytes NUL) go only to the UTF-16 decoder. Random
 * bytes from decoding a non-encoded run fail both tests, usually within a
 * few bytes: the pass stops as soon as neither test can be met any more,
 * which gives the same answer as reading to the end. */
static int classify(const unsigned char *p, size_t n)
{
    size_t bad = 0, zeros[2] = { 0, 0 };
    size_t half = n / 2, count[2] = { (n + 1) / 2, n / 2 };

    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t k;

        if (text_byte[c]) {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = utf8_seq(p + i, n - i)) > 0) {
            i += k;
            continue;
        }
        bad++;
        zeros[i & 1] += c == 0;
        /* Text needs bad <= n / 10. UTF-16 needs 90% of half NULs in one
         * parity; that parity's bytes seen so far that are not NUL can
         * never become NUL. */
        if (bad * 10 > n) {
            size_t nz0 = i / 2 + 1 - zeros[0], nz1 = (i + 1) / 2 - zeros[1];

            if ((count[0] - nz0) * 10 < half * 9 && (count[1] - nz1) * 10 < half * 9)
                return BINARY;
        }
        i++;
    }
    if (bad * 10 <= n)
        return TEXT;
    if (zeros[0] * 10 >= half * 9 || zeros[1] * 10 >= half * 9)
        return UTF16;
    return BINARY;
}

bool det_decode_frame(det_scan *s, const det_frame *f)
{
    det_worker *w = s->w;
    unsigned depth = f->depth;
    det_spanvec *sv;
    size_t limit = f->depth == 0 ? f->owned : f->len;
    bool ok;

    if (depth >= w->rs->max_decode_depth || depth >= DET_DECODE_DEPTH_MAX)
        return true;
    sv = &w->spans[depth];
    sv->n = 0;
    ok = det_utf16_find(f->buf, f->len, limit, sv);
    if (!f->utf16_only) {
        ok = ok && det_runs_find(f->buf, f->len, limit, sv) &&
             det_escape_find(f->buf, f->len, limit, sv) &&
             det_percent_find(f->buf, f->len, limit, sv);
    }
    if (ok && w->dbuf[depth] == NULL)
        ok = (w->dbuf[depth] = malloc(DET_DECODE_CAP)) != NULL;
    if (!ok) {
        s->rc = SC_ENOMEM;
        return false;
    }
    for (size_t i = 0; i < sv->n; i++) {
        const det_span sp = sv->v[i];
        const char *name = kind_names[sp.kind];
        det_frame child;
        size_t n = decode(sp.kind, f->buf + sp.start, sp.end - sp.start, w->dbuf[depth]);
        int cls;

        if (n < DECODED_MIN)
            continue;
        cls = classify(w->dbuf[depth], n);
        if (cls == BINARY)
            continue;
        child = (det_frame){ w->dbuf[depth], n, n, depth + 1, cls == UTF16, 0, 0,
                             f->buf + sp.start, sp.end - sp.start, "" };
        if (depth == 0) {
            child.span_start = sp.start;
            child.span_end = sp.end;
            snprintf(child.decoder, sizeof(child.decoder), "%s", name);
        } else {
            child.span_start = f->span_start;
            child.span_end = f->span_end;
            /* At most DET_DECODE_DEPTH_MAX names of 7 bytes: always fits. */
            size_t pl = strlen(f->decoder), nl = strlen(name);

            if (pl + 1 + nl < sizeof(child.decoder)) {
                memcpy(child.decoder, f->decoder, pl);
                child.decoder[pl] = '>';
                memcpy(child.decoder + pl + 1, name, nl + 1);
            }
        }
        if (!child.utf16_only && !det_scan_frame(s, &child))
            return false;
        if (!det_decode_frame(s, &child))
            return false;
    }
    return true;
}
