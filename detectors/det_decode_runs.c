/* det_decode_runs.c: the candidate pass for base64 and hex: runs of the
 * union alphabet [A-Za-z0-9+/_-] long enough to be worth decoding.
 *
 * Source code is full of long identifiers in this alphabet (the Linux tree
 * holds about eight million runs of 20 or more such bytes, nearly all of
 * them identifiers and paths), so the pass has to be cheap per byte and
 * selective per run:
 *
 *  - Masks. 64 bytes at a time become one 64-bit membership mask, by
 *    vector instructions (an AVX2 nibble lookup where the CPU has it, SSE2
 *    compares otherwise, a table elsewhere). A few shift-and steps over it
 *    leave a bit at every position that starts DET_BASE64_MIN members; a
 *    block without one, the common case, costs no per-byte branch.
 *  - Classes. Only a long run's own bytes are classified (lower, upper,
 *    '+/', '-_', non-hex letter): by one vector compare for a run of up to
 *    32 bytes with AVX2, else eight at a time with word arithmetic. Every
 *    decision below reads only the classes the run holds.
 *  - Identifiers and paths. Base64 of text almost always has both upper
 *    and lower case letters (each 4-character group mixes them), and has
 *    '+', '/', '-' or '_' only where the text holds '>', '?', '~' or
 *    non-ASCII bytes. A single-case run with any of those four is an
 *    UPPER_SNAKE, snake_case or kebab-case identifier or a lower-case path,
 *    not base64. A run with specials of both base64 alphabets is a path or
 *    an identifier too. Single-case runs without specials (hex, "AAAA...")
 *    and mixed-case runs are still decoded: a digit requirement would miss
 *    base64 of short text (1-4% of 15-24 byte texts encode without a digit
 *    or a special), and the decoded-text test rejects identifiers after a
 *    few bytes anyway (det_decode.c).
 */
#include "detectors/det_decode.h"

#include <stdint.h>
#include <string.h>

/* The scan loop is compiled once per way of classifying bytes (see
 * det_runs_find_impl), with everything it calls inlined into it, so that
 * the vector code sits in the loop and no call or choice is made per
 * block. */
#if defined(__GNUC__) || defined(__clang__)
#define RUNS_INLINE static inline __attribute__((always_inline))
#else
#define RUNS_INLINE static inline
#endif

enum {
    RC_ALPHA = 1u << 0,     /* In the union alphabet. */
    RC_LOWER = 1u << 1,
    RC_UPPER = 1u << 2,
    RC_STD = 1u << 3,       /* '+' or '/'. */
    RC_URL = 1u << 4,       /* '-' or '_'. */
    RC_NONHEX = 1u << 5,    /* A letter that is not a hex digit. */
};

#define L_HEX (RC_ALPHA | RC_LOWER)
#define L_NON (RC_ALPHA | RC_LOWER | RC_NONHEX)
#define U_HEX (RC_ALPHA | RC_UPPER)
#define U_NON (RC_ALPHA | RC_UPPER | RC_NONHEX)
#define DIG RC_ALPHA

static const unsigned char classes[256] = {
    ['0'] = DIG, ['1'] = DIG, ['2'] = DIG, ['3'] = DIG, ['4'] = DIG,
    ['5'] = DIG, ['6'] = DIG, ['7'] = DIG, ['8'] = DIG, ['9'] = DIG,
    ['A'] = U_HEX, ['B'] = U_HEX, ['C'] = U_HEX, ['D'] = U_HEX, ['E'] = U_HEX, ['F'] = U_HEX,
    ['G'] = U_NON, ['H'] = U_NON, ['I'] = U_NON, ['J'] = U_NON, ['K'] = U_NON, ['L'] = U_NON,
    ['M'] = U_NON, ['N'] = U_NON, ['O'] = U_NON, ['P'] = U_NON, ['Q'] = U_NON, ['R'] = U_NON,
    ['S'] = U_NON, ['T'] = U_NON, ['U'] = U_NON, ['V'] = U_NON, ['W'] = U_NON, ['X'] = U_NON,
    ['Y'] = U_NON, ['Z'] = U_NON,
    ['a'] = L_HEX, ['b'] = L_HEX, ['c'] = L_HEX, ['d'] = L_HEX, ['e'] = L_HEX, ['f'] = L_HEX,
    ['g'] = L_NON, ['h'] = L_NON, ['i'] = L_NON, ['j'] = L_NON, ['k'] = L_NON, ['l'] = L_NON,
    ['m'] = L_NON, ['n'] = L_NON, ['o'] = L_NON, ['p'] = L_NON, ['q'] = L_NON, ['r'] = L_NON,
    ['s'] = L_NON, ['t'] = L_NON, ['u'] = L_NON, ['v'] = L_NON, ['w'] = L_NON, ['x'] = L_NON,
    ['y'] = L_NON, ['z'] = L_NON,
    ['+'] = RC_ALPHA | RC_STD, ['/'] = RC_ALPHA | RC_STD,
    ['-'] = RC_ALPHA | RC_URL, ['_'] = RC_ALPHA | RC_URL,
};

/* --- membership, 64 bytes at a time --- */

/* Bit i set if p[i] is a member, for i < n <= 64. */
static uint64_t members_table(const unsigned char *p, size_t n)
{
    uint64_t m = 0;

    for (size_t i = 0; i < n; i++)
        m |= (uint64_t)(classes[p[i]] & RC_ALPHA) << i;
    return m;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RUNS_X86
#include <immintrin.h>

/* Letters ((x | 0x20) in a-z), digits and the four specials. A range test
 * moves the range to the bottom of the signed bytes, where one signed
 * compare tests it. */
static inline uint64_t members_sse2(const unsigned char *p)
{
    uint64_t m = 0;

    for (unsigned j = 0; j < 4; j++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * j));
        __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(folded, _mm_set1_epi8((char)(0x80 - 'a'))),
                                        _mm_set1_epi8((char)(0x80 + 26)));
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
                                       _mm_set1_epi8((char)(0x80 + 10)));
        __m128i std = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('+')),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('/')));
        __m128i url = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
        __m128i special = _mm_or_si128(std, url);
        __m128i all = _mm_or_si128(_mm_or_si128(letter, digit), special);

        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(all) << (16 * j);
    }
    return m;
}

/* A nibble lookup: the members with high nibble h are the low nibbles of one
 * of five sets (h 2: B D F; 3: 0-9; 4 and 6: 1-F; 5: 0-A F; 7: 0-A). The
 * high-nibble table gives h's set as a bit, the low-nibble table the sets
 * holding l; a byte is a member if the two share a bit. */
__attribute__((target("avx2"))) static inline uint64_t members_avx2(const unsigned char *p)
{
    const __m256i lo_sets = _mm256_setr_epi8(26, 30, 30, 30, 30, 30, 30, 30, 30, 30, 28, 5, 4, 5,
                                             4, 13, 26, 30, 30, 30, 30, 30, 30, 30, 30, 30, 28, 5,
                                             4, 5, 4, 13);
    const __m256i hi_set = _mm256_setr_epi8(0, 0, 1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                            1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nib = _mm256_set1_epi8(0x0F);
    uint64_t m = 0;

    for (unsigned j = 0; j < 2; j++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * j));
        __m256i lo = _mm256_shuffle_epi8(lo_sets, _mm256_and_si256(x, nib));
        __m256i hi = _mm256_shuffle_epi8(hi_set, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib));
        __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());

        m |= (uint64_t)(uint32_t)~_mm256_movemask_epi8(none) << (32 * j);
    }
    return m;
}
#endif

/* Membership of p[at, at + 64), clear past len, computed by impl (not
 * DET_RUNS_BEST). */
RUNS_INLINE uint64_t block_members(const unsigned char *p, size_t len, size_t at,
                                   det_runs_impl impl)
{
    if (at >= len)
        return 0;
    if (len - at < 64)
        return members_table(p + at, len - at);
    switch (impl) {
#if defined(RUNS_X86)
    case DET_RUNS_AVX2:
        return members_avx2(p + at);
    case DET_RUNS_SSE2:
        return members_sse2(p + at);
#endif
    default:
        return members_table(p + at, 64);
    }
}

/* (hi:lo) >> k for 0 <= k < 64. */
static inline uint64_t shr128(uint64_t lo, uint64_t hi, unsigned k)
{
    return k == 0 ? lo : lo >> k | hi << (64 - k);
}

/* Bit i set if bytes i .. i + DET_BASE64_MIN - 1 of (hi:lo) are all
 * members: doubling windows 2, 4, 8, 16, then 16 + the rest. */
RUNS_INLINE uint64_t long_starts(uint64_t lo, uint64_t hi)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t gaps = ~lo;

    /* Such a window holds a whole aligned group of 8 bytes among the first
     * 72 (DET_BASE64_MIN >= 15). If every group of lo has a non-member
     * and so has hi's first, there is none: a common case, cheaply. */
    if (((gaps - ones) & ~gaps & (ones * 0x80)) == 0 && (~hi & 0xFF) != 0)
        return 0;
    for (unsigned k = 1; k <= 8; k *= 2) {
        lo &= shr128(lo, hi, k);
        hi &= hi >> k;
    }
    return lo & shr128(lo, hi, DET_BASE64_MIN - 16);
}

_Static_assert(DET_BASE64_MIN > 16 && DET_BASE64_MIN <= 32, "long_starts assumes 16 < MIN <= 32");

/* --- one run --- */

/* The classes of member bytes p[s, e), eight at a time (p holds len
 * bytes). Members are ASCII, so adding a constant to a byte never carries
 * into the next one, and the high bit of each byte of the sum answers one
 * comparison for that byte; equality uses the exact zero-byte test. Bytes
 * past e count as '0', which has no class. */
RUNS_INLINE unsigned run_classes(const unsigned char *p, size_t len, size_t s, size_t e)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80, low7 = ones * 0x7F;
    uint64_t lower = 0, upper = 0, std = 0, url = 0, nonhex = 0;
    unsigned m = RC_ALPHA;

    for (size_t i = s; i < e; i += 8) {
        uint64_t w = ones * '0', f, t;

        if (len - i >= 8) {
            memcpy(&w, p + i, 8);
            if (e - i < 8) {
                /* The bytes kept are the first e - i in memory. */
                uint64_t keep = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                keep = (UINT64_C(1) << (8 * (e - i))) - 1;
#else
                memset(&keep, 0xFF, e - i);
#endif
                w = (w & keep) | (ones * '0' & ~keep);
            }
        } else {
            memcpy(&w, p + i, e - i);
        }
        f = w | ones * 0x20;
        lower |= w + ones * (0x80 - 'a');                                   /* w >= 'a' */
        upper |= (w + ones * (0x80 - 'A')) & ~(w + ones * (0x80 - 'Z' - 1)); /* 'A'..'Z' */
        nonhex |= (f + ones * (0x80 - 'g')) & ~(f + ones * (0x80 - 'z' - 1)); /* g..z */
        t = (w & ~(ones * 0x04)) ^ (ones * '+');     /* '+' or '/' (0x2F & ~4 == '+') */
        std |= ~(((t & low7) + low7) | t);
        t = w ^ (ones * '_');
        url |= ~(((t & low7) + low7) | t);
        t = w ^ (ones * '-');
        url |= ~(((t & low7) + low7) | t);
    }
    m |= (lower & high) ? RC_LOWER : 0;
    m |= (upper & high) ? RC_UPPER : 0;
    m |= (std & high) ? RC_STD : 0;
    m |= (url & high) ? RC_URL : 0;
    m |= (nonhex & high) ? RC_NONHEX : 0;
    return m;
}

#if defined(RUNS_X86)
/* The classes of q[from, to), to <= 32, with q holding at least 32 bytes:
 * the same as run_classes, by compares. */
__attribute__((target("avx2"))) static inline unsigned run_classes_avx2(const unsigned char *q,
                                                                         unsigned from,
                                                                         unsigned to)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)q);
    __m256i folded = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
    __m256i lower = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + 26)),
                                      _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - 'a'))));
    __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + 26)),
                                      _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - 'A'))));
    __m256i nonhex =
        _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + 20)),
                          _mm256_add_epi8(folded, _mm256_set1_epi8((char)(0x80 - 'g'))));
    __m256i std = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('+')),
                                  _mm256_cmpeq_epi8(x, _mm256_set1_epi8('/')));
    __m256i url = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('-')),
                                  _mm256_cmpeq_epi8(x, _mm256_set1_epi8('_')));
    uint32_t sel = (to == 32 ? ~UINT32_C(0) : (UINT32_C(1) << to) - 1) &
                   ~((UINT32_C(1) << from) - 1);
    unsigned m = RC_ALPHA;

    m |= ((uint32_t)_mm256_movemask_epi8(lower) & sel) ? RC_LOWER : 0;
    m |= ((uint32_t)_mm256_movemask_epi8(upper) & sel) ? RC_UPPER : 0;
    m |= ((uint32_t)_mm256_movemask_epi8(std) & sel) ? RC_STD : 0;
    m |= ((uint32_t)_mm256_movemask_epi8(url) & sel) ? RC_URL : 0;
    m |= ((uint32_t)_mm256_movemask_epi8(nonhex) & sel) ? RC_NONHEX : 0;
    return m;
}
#endif

/* The base64 kind of a run with classes m, or -1 if it is not worth
 * decoding as base64 (see the comment at the top). */
RUNS_INLINE int base64_kind(unsigned m)
{
    bool mixed = (m & RC_LOWER) && (m & RC_UPPER);

    if ((m & RC_STD) && (m & RC_URL))
        return -1;
    if (!mixed && (m & (RC_STD | RC_URL)))
        return -1;
    return (m & RC_URL) ? DET_DEC_BASE64URL : DET_DEC_BASE64;
}

/* The blocks at b and b + 64 that the main loop looks at. */
typedef struct window {
    size_t b;
    det_runs_impl impl;
    uint64_t m[2];
} window;

/* The end of the run of members that starts at s in the window. */
RUNS_INLINE size_t run_end(const window *w, const unsigned char *p, size_t len, size_t s)
{
    uint64_t after = ~shr128(w->m[0], w->m[1], (unsigned)(s - w->b));

    if (after != 0)
        return s + (size_t)__builtin_ctzll(after);
    /* 64 or more: look on a block at a time (bits past len are clear). */
    for (size_t b = s + 64;; b += 64) {
        uint64_t rest = ~block_members(p, len, b, w->impl);

        if (rest != 0)
            return b + (size_t)__builtin_ctzll(rest);
    }
}

/* Offers the run that starts at s (at least DET_BASE64_MIN members) as
 * base64 and hex candidates; sets *next past it and its padding. */
RUNS_INLINE bool offer_run(const window *w, const unsigned char *p, size_t len, size_t s,
                      size_t *next, det_spanvec *out)
{
    /* A "0x" prefix is not part of the hex digits. */
    size_t skip = p[s] == '0' && (p[s + 1] | 0x20) == 'x' ? 2 : 0;
    size_t e = run_end(w, p, len, s), pe = e;
    unsigned hm;

#if defined(RUNS_X86)
    if (w->impl == DET_RUNS_AVX2 && e - s <= 32 && len - s >= 32)
        hm = run_classes_avx2(p + s, (unsigned)skip, (unsigned)(e - s));
    else
#endif
        hm = run_classes(p, len, s + skip, e);
    unsigned m = hm | classes[p[s]] | classes[p[s + 1]];
    int kind = base64_kind(m);

    while (pe < len && pe - e < 2 && p[pe] == '=')
        pe++;
    *next = pe > e ? pe : e + 1;
    if (kind >= 0 && !det_spans_push(out, s, pe, kind))
        return false;
    if (!(hm & (RC_NONHEX | RC_STD | RC_URL)) && e - s - skip >= DET_HEX_MIN &&
        (e - s - skip) % 2 == 0 && !det_spans_push(out, s + skip, e, DET_DEC_HEX))
        return false;
    return true;
}

/* The scan with impl fixed (not DET_RUNS_BEST). */
RUNS_INLINE bool find_loop(const unsigned char *p, size_t len, size_t limit, det_runs_impl impl,
                           det_spanvec *out)
{
    /* Invariant: w.b == 0 or p[w.b - 1] is not a member, and every run of
     * DET_BASE64_MIN members that starts before w.b has been offered. */
    window w = { .b = 0, .impl = impl };

    w.m[0] = block_members(p, len, 0, impl);
    while (w.b < limit && w.b + DET_BASE64_MIN <= len) {
        size_t b = w.b, next = b + 64;
        uint64_t starts;

        w.m[1] = block_members(p, len, b + 64, impl);
        starts = long_starts(w.m[0], w.m[1]);
        if (limit - b < 64)
            starts &= (UINT64_C(1) << (limit - b)) - 1;
        /* The lowest start is a run's first byte: were the byte before it
         * a member, a long run would start there, in this block or (at its
         * first byte) in the one before. Offering a run moves past it and
         * its padding, to a byte after a non-member, so the lowest start
         * left is again a run's first byte. */
        while (starts != 0) {
            if (!offer_run(&w, p, len, b + (size_t)__builtin_ctzll(starts), &next, out))
                return false;
            if (next >= b + 64)
                break;
            starts &= ~UINT64_C(0) << (next - b);
        }
        if (next > b + 64) {
            w.b = next;
            w.m[0] = block_members(p, len, next, impl);
        } else {
            w.b = b + 64;
            w.m[0] = w.m[1];
        }
    }
    return true;
}

#if defined(RUNS_X86)
__attribute__((target("avx2"))) static bool find_avx2(const unsigned char *p, size_t len,
                                                       size_t limit, det_spanvec *out)
{
    return find_loop(p, len, limit, DET_RUNS_AVX2, out);
}

static bool find_sse2(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    return find_loop(p, len, limit, DET_RUNS_SSE2, out);
}
#endif

static bool find_table(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    return find_loop(p, len, limit, DET_RUNS_TABLE, out);
}

bool det_runs_find_impl(const unsigned char *p, size_t len, size_t limit, det_runs_impl impl,
                        det_spanvec *out)
{
    if (impl == DET_RUNS_BEST) {
#if defined(RUNS_X86)
        /* libgcc fills in the CPU model before main; this is one load. */
        impl = __builtin_cpu_supports("avx2") ? DET_RUNS_AVX2 : DET_RUNS_SSE2;
#else
        impl = DET_RUNS_TABLE;
#endif
    }
    switch (impl) {
#if defined(RUNS_X86)
    case DET_RUNS_AVX2:
        return find_avx2(p, len, limit, out);
    case DET_RUNS_SSE2:
        return find_sse2(p, len, limit, out);
#endif
    default:
        return find_table(p, len, limit, out);
    }
}

bool det_runs_find(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    return det_runs_find_impl(p, len, limit, DET_RUNS_BEST, out);
}
