/* test_detect_runs.c: the base64/hex candidate pass (det_runs_find) gives
 * exactly the spans of a plain byte-at-a-time reference over random and
 * block-boundary inputs; identifiers and paths are not offered while base64
 * of short text is; sc_position_advance agrees with a byte loop. */
#include <check.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/det_decode.h"
#include "scanner/sc_chunk.h"

static bool member(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/' || c == '-' || c == '_';
}

static bool hexdigit(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* The rules of det_decode_runs.c, one byte at a time. */
static void reference(const unsigned char *p, size_t len, size_t limit, det_spanvec *out)
{
    size_t i = 0;

    while (i < len && i < limit) {
        size_t s, e, pe, hs;
        bool lower = false, upper = false, std = false, url = false, hex = true;

        if (!member(p[i])) {
            i++;
            continue;
        }
        s = i;
        while (i < len && member(p[i]))
            i++;
        e = pe = i;
        while (pe < len && pe - e < 2 && p[pe] == '=')
            pe++;
        i = pe;
        if (e - s < DET_BASE64_MIN)
            continue;
        hs = p[s] == '0' && (p[s + 1] == 'x' || p[s + 1] == 'X') ? s + 2 : s;
        for (size_t k = s; k < e; k++) {
            lower |= p[k] >= 'a' && p[k] <= 'z';
            upper |= p[k] >= 'A' && p[k] <= 'Z';
            std |= p[k] == '+' || p[k] == '/';
            url |= p[k] == '-' || p[k] == '_';
            if (k >= hs)
                hex &= hexdigit(p[k]);
        }
        if (!(std && url) && ((lower && upper) || !(std || url)))
            ck_assert(det_spans_push(out, s, pe, url ? DET_DEC_BASE64URL : DET_DEC_BASE64));
        if (hex && e - hs >= DET_HEX_MIN && (e - hs) % 2 == 0)
            ck_assert(det_spans_push(out, hs, e, DET_DEC_HEX));
    }
}

static void compare_impl(const unsigned char *p, size_t len, size_t limit, det_runs_impl impl)
{
    det_spanvec got = { 0 }, want = { 0 };

    ck_assert(det_runs_find_impl(p, len, limit, impl, &got));
    reference(p, len, limit, &want);
    ck_assert_msg(got.n == want.n, "len %zu limit %zu: %zu spans, want %zu", len, limit, got.n,
                  want.n);
    for (size_t i = 0; i < got.n; i++) {
        ck_assert_msg(got.v[i].start == want.v[i].start && got.v[i].end == want.v[i].end &&
                          got.v[i].kind == want.v[i].kind,
                      "len %zu span %zu: [%zu,%zu) kind %d, want [%zu,%zu) kind %d", len, i,
                      got.v[i].start, got.v[i].end, got.v[i].kind, want.v[i].start,
                      want.v[i].end, want.v[i].kind);
    }
    free(got.v);
    free(want.v);
}

/* Every way of classifying a block, whichever the CPU would pick. */
static void compare(const unsigned char *p, size_t len, size_t limit)
{
    compare_impl(p, len, limit, DET_RUNS_BEST);
    compare_impl(p, len, limit, DET_RUNS_TABLE);
    compare_impl(p, len, limit, DET_RUNS_SSE2);
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2"))
        compare_impl(p, len, limit, DET_RUNS_AVX2);
#endif
}

START_TEST(matches_reference_on_random_text)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    static const char hex[] = "0123456789abcdefABCDEF";
    unsigned seed = 7;
    unsigned char buf[1200];
    size_t total = 0;

    for (unsigned round = 0; round < 4000; round++) {
        size_t len = (size_t)(rand_r(&seed) % sizeof(buf));
        /* Rounds vary the odds of a non-member, so runs of every length
         * cross the 64-byte blocks at every offset. */
        unsigned gap = 2 + (unsigned)rand_r(&seed) % 60;

        for (size_t i = 0; i < len; i++) {
            unsigned r = (unsigned)rand_r(&seed);

            if (r % gap == 0)
                buf[i] = (unsigned char)" =.:\n\"\0\x80\xff"[r / gap % 9];
            else if (round % 3 == 0)
                buf[i] = (unsigned char)hex[r / gap % 22];
            else if (round % 3 == 1 && r / gap % 5 == 0)
                buf[i] = (unsigned char)"0x"[r / gap / 5 % 2];
            else
                buf[i] = (unsigned char)alphabet[r / gap % 66];
        }
        compare(buf, len, len);
        compare(buf, len, (size_t)rand_r(&seed) % (len + 1));
        total += len;
    }
    ck_assert_uint_gt(total, 1000000);
}
END_TEST

START_TEST(run_lengths_around_block_edges)
{
    unsigned char buf[400];

    for (size_t off = 0; off < 70; off++) {
        for (size_t n = 17; n < 200; n++) {
            if (off + n + 2 > sizeof(buf))
                continue;
            memset(buf, '.', sizeof(buf));
            for (size_t i = 0; i < n; i++)
                buf[off + i] = (unsigned char)"aB3+"[i % 4];
            compare(buf, sizeof(buf), sizeof(buf));
            /* A single run up to the end of the buffer. */
            compare(buf, off + n, off + n);
        }
    }
}
END_TEST

START_TEST(every_byte_in_every_lane)
{
    /* Backgrounds that each class can change the answer for: hex digits
     * (a non-hex letter or a special ends the hex candidate), lower case
     * (an upper-case letter mixes case), upper case with a '+' (a '-' or
     * '_' mixes the alphabets). */
    static const char *const backgrounds[] = { "a0b1c2d3e4f5", "abcdefghijk0", "QRS+TUV/WXY9" };
    static const size_t positions[] = { 0, 1, 15, 16, 31, 32, 47, 63, 64, 65, 100 };
    unsigned char buf[140];

    for (size_t bg = 0; bg < 3; bg++) {
        for (unsigned c = 0; c < 256; c++) {
            for (size_t i = 0; i < sizeof(positions) / sizeof(positions[0]); i++) {
                for (size_t k = 0; k < sizeof(buf); k++)
                    buf[k] = (unsigned char)backgrounds[bg][k % 12];
                buf[positions[i]] = (unsigned char)c;
                compare(buf, sizeof(buf), sizeof(buf));
            }
            /* Runs short enough to be classified in one vector, with and
             * without a "0x" before them. */
            for (size_t at = 0; at < 32; at += 3) {
                for (size_t x = 0; x < 2; x++) {
                    memset(buf, ' ', sizeof(buf));
                    for (size_t k = 0; k < 32; k++)
                        buf[40 + k] = (unsigned char)backgrounds[bg][k % 12];
                    if (x)
                        memcpy(buf + 40, "0x", 2);
                    buf[40 + at] = (unsigned char)c;
                    compare(buf, sizeof(buf), sizeof(buf));
                }
            }
        }
    }
}
END_TEST

static size_t offered(const char *text)
{
    det_spanvec v = { 0 };
    size_t n = 0;

    ck_assert(det_runs_find((const unsigned char *)text, strlen(text), strlen(text), &v));
    for (size_t i = 0; i < v.n; i++)
        n += v.v[i].kind == DET_DEC_BASE64 || v.v[i].kind == DET_DEC_BASE64URL;
    free(v.v);
    return n;
}

START_TEST(identifiers_are_not_offered)
{
    ck_assert_uint_eq(offered("x = DCHUB_INTERRUPT_DEST__HUBP5_IHC_TIMEOUT;"), 0);
    ck_assert_uint_eq(offered("mergeable_rx_buffer_size(vi);"), 0);
    ck_assert_uint_eq(offered("#include <drivers/net/ethernet/intel/ice.h>"), 0);
    ck_assert_uint_eq(offered("data-rootle-kebab-case-attribute=1"), 0);
    ck_assert_uint_eq(offered("see Documentation/devicetree/bindings_v2"), 0);
    /* Mixed case, or no specials at all, is still decoded. */
    ck_assert_uint_eq(offered("k: dG9rZW46IHJ0a19yb290bGVmYWtl"), 1);
    ck_assert_uint_eq(offered("k: QUJBX0NMT1VEX0FDQ0VTU19LRQ=="), 1);
}
END_TEST

START_TEST(short_text_base64_is_offered)
{
    /* Base64 of short, single-case and digit-free texts. */
    static const char *const texts[] = {
        "password=hunter", "TOKEN=ROOTLEFAKEKEY", "token: rootle-fake", "a?b>c~d rootle fake",
        "ACCESS_TOKEN=EA", "x", NULL,
    };

    for (size_t i = 0; texts[i] != NULL; i++) {
        unsigned char enc[128];
        size_t n = strlen(texts[i]);
        int w = EVP_EncodeBlock(enc, (const unsigned char *)texts[i], (int)n);

        ck_assert_uint_eq(offered((const char *)enc), w >= DET_BASE64_MIN ? 1 : 0);
    }
}
END_TEST

START_TEST(position_advance_matches_byte_loop)
{
    unsigned seed = 3;
    unsigned char buf[10000];   /* Longer than one 255-step count. */

    for (unsigned round = 0; round < 600; round++) {
        size_t len = (size_t)rand_r(&seed) % sizeof(buf);
        unsigned gap = 1 + (unsigned)rand_r(&seed) % 80;
        uint64_t line = 1 + round, col = 1 + round % 7, wl = line, wc = col;

        for (size_t i = 0; i < len; i++) {
            unsigned r = (unsigned)rand_r(&seed);

            buf[i] = r % gap == 0 ? '\n' : (unsigned char)(r >> 8);
        }
        for (size_t i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                wl++;
                wc = 1;
            } else if ((buf[i] & 0xC0) != 0x80) {
                wc++;
            }
        }
        sc_position_advance(buf, len, &line, &col);
        ck_assert_uint_eq(line, wl);
        ck_assert_uint_eq(col, wc);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_runs");
    TCase *tc = tcase_create("runs");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, matches_reference_on_random_text);
    tcase_add_test(tc, run_lengths_around_block_edges);
    tcase_add_test(tc, every_byte_in_every_lane);
    tcase_add_test(tc, identifiers_are_not_offered);
    tcase_add_test(tc, short_text_base64_is_offered);
    tcase_add_test(tc, position_advance_matches_byte_loop);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
