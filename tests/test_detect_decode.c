/* test_detect_decode.c: each decoder, nesting and its depth limit, the
 * position of a decoded finding, and dedup across decoders. */
#include <check.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

#define TOK1 "rtk_" "rootlefakeq8w2mz7xk4vn1p"

static const det_rule_def rules[] = {
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b",
      .min_entropy = 3.0 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static char *b64(const void *in, size_t n, bool url)
{
    char *out = malloc(4 * ((n + 2) / 3) + 1);

    EVP_EncodeBlock((unsigned char *)out, in, (int)n);
    if (url) {
        for (char *p = out; *p; p++) {
            if (*p == '+')
                *p = '-';
            else if (*p == '/')
                *p = '_';
            else if (*p == '=')
                *p = '\0';
        }
    }
    return out;
}

static char *utf16(const char *s, bool be, size_t *len)
{
    size_t n = strlen(s);
    char *out = calloc(2 * n + 1, 1);

    for (size_t i = 0; i < n; i++)
        out[2 * i + (be ? 1 : 0)] = s[i];
    *len = 2 * n;
    return out;
}

/* Scans prefix + encoded + suffix; returns the t-token findings. */
static void scan3(det_ruleset *rs, const char *pre, const void *enc, size_t enclen,
                  const char *post, dtu_findings *f)
{
    size_t a = strlen(pre), c = strlen(post);
    char *buf = malloc(a + enclen + c + 1);

    memcpy(buf, pre, a);
    memcpy(buf + a, enc, enclen);
    memcpy(buf + a + enclen, post, c);
    dtu_scan(rs, buf, a + enclen + c, f);
    free(buf);
}

static void expect_one(dtu_findings *f, const char *decoder)
{
    ck_assert_msg(dtu_count(f, "t-token") == 1, "%zu findings for %s", dtu_count(f, "t-token"),
                  decoder);
    ck_assert_str_eq(f->v[0]->secret, TOK1);
    ck_assert_str_eq(f->v[0]->decoder, decoder);
}

/* The payload ends in "?>>?" so its base64 holds '/' and '+' (or '_' and
 * '-'), which tells the two alphabets apart. */
static const char payload[] = "token: " TOK1 " ?>>?";

START_TEST(base64_standard)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    char *e = b64(payload, strlen(payload), false);

    ck_assert(strpbrk(e, "+/") != NULL);
    scan3(rs, "config: \"", e, strlen(e), "\"\n", &f);
    expect_one(&f, "base64");
    dtu_free(&f);
    free(e);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(base64_url_safe)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    char *e = b64(payload, strlen(payload), true);

    ck_assert(strpbrk(e, "-_") != NULL);
    scan3(rs, "https://rootle.invalid/cb?state=", e, strlen(e), "&x=1\n", &f);
    expect_one(&f, "base64");
    dtu_free(&f);
    free(e);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(utf16_le_and_be)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    size_t n;
    char *le = utf16("token = " TOK1 "\r\n", false, &n);
    char *be;

    scan3(rs, "\xFF\xFE", le, n, "", &f);
    expect_one(&f, "utf16le");
    dtu_free(&f);
    be = utf16("token = " TOK1 "\r\n", true, &n);
    scan3(rs, "\xFE\xFF", be, n, "", &f);
    expect_one(&f, "utf16be");
    dtu_free(&f);
    free(le);
    free(be);
    det_ruleset_free(rs);
}
END_TEST

static char *escape_all(const char *s, bool unicode)
{
    char *out = malloc(6 * strlen(s) + 1), *p = out;

    for (; *s; s++)
        p += sprintf(p, unicode ? "\\u%04x" : "\\x%02x", (unsigned char)*s);
    return out;
}

START_TEST(unicode_and_hex_escapes)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    char *u = escape_all(TOK1, true), *x = escape_all(TOK1, false);

    scan3(rs, "{\"token\": \"", u, strlen(u), "\"}\n", &f);
    expect_one(&f, "escape");
    dtu_free(&f);
    scan3(rs, "char k[] = \"", x, strlen(x), "\";\n", &f);
    expect_one(&f, "escape");
    dtu_free(&f);
    /* A partly escaped token. */
    dtu_scan_str(rs, "{\"token\": \"rtk_" "rootle\\u0066akeq8w2mz7xk4vn1p\"}\n", &f);
    expect_one(&f, "escape");
    dtu_free(&f);
    free(u);
    free(x);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(percent_encoding)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    const char *tok = TOK1;
    char enc[256], *p = enc;

    for (size_t i = 0; tok[i]; i++)
        p += sprintf(p, "%%%02X", (unsigned char)tok[i]);
    scan3(rs, "GET /cb?token=", enc, strlen(enc), " HTTP/1.1\n", &f);
    expect_one(&f, "percent");
    dtu_free(&f);
    /* A token left plain inside a URL with other escapes is found once,
     * as plain. */
    dtu_scan_str(rs, "GET /cb?q=a%20b&token=" TOK1 " HTTP/1.1\n", &f);
    expect_one(&f, "plain");
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(hex_encoding)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    const char *src = "token=" TOK1;
    char enc[256], *p = enc;

    for (size_t i = 0; src[i]; i++)
        p += sprintf(p, "%02x", (unsigned char)src[i]);
    scan3(rs, "blob: ", enc, strlen(enc), "\n", &f);
    expect_one(&f, "hex");
    dtu_free(&f);
    scan3(rs, "blob: 0x", enc, strlen(enc), "\n", &f);
    expect_one(&f, "hex");
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(base64_of_utf16)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    size_t n;
    char *le = utf16("token = " TOK1, false, &n);
    char *e = b64(le, n, false);

    scan3(rs, "payload=", e, strlen(e), "\n", &f);
    expect_one(&f, "base64>utf16le");
    dtu_free(&f);
    free(e);
    free(le);
    det_ruleset_free(rs);
}
END_TEST

/* base64 applied `layers` times to "token=TOK1". */
static char *nest(int layers)
{
    char *cur = strdup("token=" TOK1);

    for (int i = 0; i < layers; i++) {
        char *next = b64(cur, strlen(cur), false);

        free(cur);
        cur = next;
    }
    return cur;
}

START_TEST(depth_limit)
{
    char *three = nest(3), *four = nest(4);
    det_ruleset *rs3 = dtu_load(rules, NRULES, 3);
    det_ruleset *rs4 = dtu_load(rules, NRULES, 4);
    det_ruleset *rs0 = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };

    scan3(rs3, "x: ", three, strlen(three), "\n", &f);
    expect_one(&f, "base64>base64>base64");
    dtu_free(&f);
    scan3(rs3, "x: ", four, strlen(four), "\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    scan3(rs4, "x: ", four, strlen(four), "\n", &f);
    expect_one(&f, "base64>base64>base64>base64");
    dtu_free(&f);
    /* Depth 0 turns decoding off. */
    free(three);
    three = nest(1);
    scan3(rs0, "x: ", three, strlen(three), "\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    free(three);
    free(four);
    det_ruleset_free(rs0);
    det_ruleset_free(rs3);
    det_ruleset_free(rs4);
}
END_TEST

START_TEST(decoded_finding_position)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    char *e = b64(payload, strlen(payload), false);
    const char *pre = "line one\nline two\n  data: ";
    size_t plen = strlen(pre);

    scan3(rs, pre, e, strlen(e), "  # trailer\n", &f);
    expect_one(&f, "base64");
    ck_assert_uint_eq(f.v[0]->line, 3);
    ck_assert_uint_eq(f.v[0]->column, 9);
    ck_assert_uint_eq(f.v[0]->offset, plen);
    ck_assert_uint_eq(f.v[0]->end_column, 9 + strlen(e));
    dtu_free(&f);
    free(e);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(dedup_across_decoders)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };

    /* Mixed \x and %XX escapes: both the escape and the percent decoder
     * start from this span, and each reaches the token through the other
     * at depth 2, at the same offset. One finding. */
    dtu_scan_str(rs, "k \\x72%74\\x6b%5F" "rootlefakeq8w2mz7xk4vn1p\n", &f);
    ck_assert_uint_eq(dtu_count(&f, "t-token"), 1);
    ck_assert_str_eq(f.v[0]->secret, TOK1);
    ck_assert(strcmp(f.v[0]->decoder, "escape>percent") == 0 ||
              strcmp(f.v[0]->decoder, "percent>escape") == 0);
    ck_assert_uint_eq(f.v[0]->offset, 2);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(binary_decodes_are_not_scanned_but_text_is)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    dtu_findings f = { 0 };
    unsigned char bin[96];
    char *e;

    /* Random-looking bytes around the token make the decoded span mostly
     * non-text: it is not scanned. */
    for (size_t i = 0; i < sizeof(bin); i++)
        bin[i] = (unsigned char)(i * 37 + 11);
    memcpy(bin + 30, TOK1, strlen(TOK1));
    e = b64(bin, sizeof(bin), false);
    scan3(rs, "x: ", e, strlen(e), "\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    free(e);
    det_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_decode");
    TCase *tc = tcase_create("decode");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, base64_standard);
    tcase_add_test(tc, base64_url_safe);
    tcase_add_test(tc, utf16_le_and_be);
    tcase_add_test(tc, unicode_and_hex_escapes);
    tcase_add_test(tc, percent_encoding);
    tcase_add_test(tc, hex_encoding);
    tcase_add_test(tc, base64_of_utf16);
    tcase_add_test(tc, depth_limit);
    tcase_add_test(tc, decoded_finding_position);
    tcase_add_test(tc, dedup_across_decoders);
    tcase_add_test(tc, binary_decodes_are_not_scanned_but_text_is);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
