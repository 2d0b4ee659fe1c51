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

/* Base64 (det_decode_base64.c). A run of the union alphabet [A-Za-z0-9+/_-]
 * (with its '=' padding) is offered to the base64 and hex classifiers. */
int det_base64_kind(const unsigned char *p, size_t n);    /* A kind, or -1. */
size_t det_base64_decode(const unsigned char *in, size_t n, bool url, unsigned char *out,
                         size_t cap);

/* Hex (det_decode_hex.c): an even run of hex digits, "0x" allowed. */
bool det_hex_span(const unsigned char *p, size_t n, size_t *skip);
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
