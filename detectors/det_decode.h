/* det_decode.h: the decoders. Each one has a finder, a cheap pass that
 * appends candidate spans of a buffer to a vector, and a decoder that turns
 * one span into bytes in a bounded buffer. det_decode.c drives them.
 * Internal to detectors/.
 */
#ifndef DET_DECODE_H
#define DET_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "detectors/det_scan.h"

typedef enum det_dec_kind {
    DET_DEC_BASE64,
    DET_DEC_BASE64URL,
    DET_DEC_UTF16LE,
    DET_DEC_UTF16BE,
    DET_DEC_ESCAPE,
    DET_DEC_PERCENT,
    DET_DEC_HEX,
} det_dec_kind;

/* Shortest encoded runs worth decoding. */
#define DET_BASE64_MIN 20
#define DET_HEX_MIN 32
#define DET_UTF16_MIN_CHARS 8
/* Context a percent or escape span may take either side of its escapes. */
#define DET_ESCAPE_BACK 512
#define DET_ESCAPE_SPAN_MAX 4096

bool det_spans_push(det_spanvec *v, size_t start, size_t end, int kind);

/* Runs of the union alphabet [A-Za-z0-9+/_-] (det_decode_runs.c): appends
 * the base64 and hex candidates among runs of DET_BASE64_MIN or more bytes
 * that start before limit. */
bool det_runs_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out);
/* The same with a chosen way of classifying 64 bytes, so that tests can
 * hold every one to the same answer. DET_RUNS_BEST is what the CPU does
 * fastest; the x86 ones fall back to the table elsewhere. */
typedef enum det_runs_impl {
    DET_RUNS_BEST,
    DET_RUNS_TABLE,
    DET_RUNS_SSE2,
    DET_RUNS_AVX2,
} det_runs_impl;
bool det_runs_find_impl(const unsigned char *p, size_t len, size_t limit, det_runs_impl impl,
                        det_spanvec *out);

/* Base64 (det_decode_base64.c), either alphabet, up to the first byte
 * outside it. */
size_t det_base64_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

/* Hex (det_decode_hex.c): an even run of hex digits. */
size_t det_hex_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

/* UTF-16 (det_decode_utf16.c): NUL-interleaved printable ASCII. */
bool det_utf16_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out);
size_t det_utf16_decode(const unsigned char *in, size_t n, bool be, unsigned char *out,
                        size_t cap);

/* Escapes (det_decode_escape.c): \uXXXX and \xNN, with the common one-letter
 * escapes around them. */
bool det_escape_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out);
size_t det_escape_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

/* Percent-encoding (det_decode_percent.c): %XX. */
bool det_percent_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out);
size_t det_percent_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

/* Shared by the escape and percent finders: the bytes that end a quoted or
 * whitespace-delimited token. */
bool det_token_stop(unsigned char c);

#endif
