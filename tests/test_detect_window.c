/* test_detect_window.c: prefilter hits confirmed on windows: positions,
 * keyword gating, the owned boundary, dense runs of hits, multiline
 * windows and the keyword fallback for patterns Hyperscan rejects. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

/* Fake token formats that no real provider uses. */
#define TOK1 "rtk_" "rootlefakeq8w2mz7xk4vn1p"
#define TOK2 "rtk_" "fakerootlez3k9qw2ls8xv5n"
#define ZQ1 "ZQ" "ROOTLEFAKE7X2M9K4V8N3P6T1W5B0C"

static const det_rule_def rules[] = {
    { .id = "t-token", .description = "Test token", .url = "https://rootle.invalid/t-token",
      .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b",
      .min_entropy = 2.5 },
    /* The keyword is not part of the secret: it must be near it. */
    { .id = "t-ctx", .keywords = { "zebra" }, .pattern = "\\b(?<secret>ZQ[A-Z0-9]{30})\\b" },
    { .id = "t-block", .keywords = { "begin rootle block" },
      .pattern = "(?<secret>BEGIN ROOTLE BLOCK\\n(?:[A-Za-z0-9]{64}\\n){2,}END ROOTLE BLOCK)",
      .flags = DET_MULTILINE },
    { .id = "t-block-short", .keywords = { "begin rootle sblock" },
      .pattern = "(?<secret>BEGIN ROOTLE SBLOCK\\n(?:[A-Za-z0-9]{64}\\n){2,}END ROOTLE SBLOCK)" },
    /* \K makes Hyperscan reject the pattern even as a prefilter. */
    { .id = "t-fallback", .keywords = { "rtkfb=" },
      .pattern = "rtkfb=\\K(?<secret>[a-z0-9]{20})\\b" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

START_TEST(confirms_with_position)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    const char *text = "first line\n  token = \"" TOK1 "\" # é\n";
    const sc_finding *x;

    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(f.n, 1);
    x = f.v[0];
    ck_assert_str_eq(x->rule_id, "t-token");
    ck_assert_str_eq(x->secret, TOK1);
    ck_assert_str_eq(x->decoder, "plain");
    ck_assert_str_eq(x->rule_description, "Test token");
    ck_assert_str_eq(x->rule_url, "https://rootle.invalid/t-token");
    ck_assert_uint_eq(x->line, 2);
    ck_assert_uint_eq(x->column, 12);
    ck_assert_uint_eq(x->end_column, 12 + 28);
    ck_assert_uint_eq(x->offset, (uint64_t)(strstr(text, "rtk_") - text));
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(chunk_position_and_metadata_carry_over)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    const char *text = "x\n" TOK1;
    sc_chunk *c = dtu_chunk("dir/a.env", text, strlen(text));
    const sc_finding *x;

    c->offset = 1000;
    c->line = 40;
    c->column = 7;
    c->commit = strdup("c0ffee");
    c->author = strdup("Rootle Tester");
    c->date = strdup("2024-01-02");
    dtu_scan_chunk(rs, c, &f);
    ck_assert_uint_eq(f.n, 1);
    x = f.v[0];
    ck_assert_str_eq(x->path, "dir/a.env");
    ck_assert_uint_eq(x->line, 41);
    ck_assert_uint_eq(x->column, 1);
    ck_assert_uint_eq(x->offset, 1002);
    ck_assert_str_eq(x->commit, "c0ffee");
    ck_assert_str_eq(x->author, "Rootle Tester");
    ck_assert_str_eq(x->date, "2024-01-02");
    sc_chunk_free(c);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(keyword_far_from_hit_is_not_confirmed)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    char *text = malloc(4096);

    /* The keyword is 3000 bytes before the token: outside its window. */
    memset(text, '.', 4095);
    memcpy(text, "zebra", 5);
    memcpy(text + 3000, " " ZQ1 " ", strlen(ZQ1) + 2);
    text[4095] = '\0';
    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(dtu_count(&f, "t-ctx"), 0);
    dtu_free(&f);
    /* Near it, it is. */
    memcpy(text + 2900, "zebra", 5);
    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(dtu_count(&f, "t-ctx"), 1);
    dtu_free(&f);
    free(text);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(keywords_gate_rules_caselessly)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };

    dtu_scan_str(rs, "id: " ZQ1 "\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_scan_str(rs, "ZEBRA id: " ZQ1 "\n", &f);
    ck_assert_uint_eq(dtu_count(&f, "t-ctx"), 1);
    ck_assert_str_eq(f.v[0]->secret, ZQ1);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(owned_boundary)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    const char *text = "aaaa " TOK1 " bbbb " TOK2 " cccc";
    size_t t2 = (size_t)(strstr(text, TOK2) - text);
    sc_chunk *c = dtu_chunk("b.txt", text, strlen(text));
    dtu_findings f = { 0 };

    /* TOK2 starts exactly at owned: it belongs to the next chunk. */
    c->owned = t2;
    dtu_scan_chunk(rs, c, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.v[0]->secret, TOK1);
    dtu_free(&f);
    /* Starting one byte before owned, it is found whole from the peek. */
    c->owned = t2 + 1;
    dtu_scan_chunk(rs, c, &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_ptr_nonnull(dtu_find(&f, "t-token", TOK2));
    dtu_free(&f);
    sc_chunk_free(c);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(dense_hits_are_found_once_each)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    size_t n = 3000, len = n * 30 + 1;
    char *text = malloc(len);
    char *p = text;
    dtu_findings f = { 0 };
    unsigned seed = 7;

    /* One long line of distinct tokens a byte apart: thousands of hits
     * whose windows all overlap. */
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "rtk_");
        for (int k = 0; k < 24; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            *p++ = "abcdefghijklmnopqrstuvwxyz0123456789"[seed % 36];
        }
        *p++ = ' ';
    }
    *p = '\0';
    dtu_scan(rs, text, (size_t)(p - text), &f);
    ck_assert_uint_eq(dtu_count(&f, "t-token"), n);
    for (size_t i = 1; i < f.n; i++)
        ck_assert_uint_gt(f.v[i]->offset, f.v[i - 1]->offset);
    dtu_free(&f);
    free(text);
    det_ruleset_free(rs);
}
END_TEST

static char *block(const char *name, int lines)
{
    char *b = malloc((size_t)lines * 65 + 128);
    char *p = b;
    unsigned seed = 99;

    p += sprintf(p, "header\nBEGIN ROOTLE %s\n", name);
    for (int i = 0; i < lines; i++) {
        for (int k = 0; k < 64; k++) {
            seed = seed * 1103515245u + 12345u;
            *p++ = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[(seed >> 16) % 62];
        }
        *p++ = '\n';
    }
    sprintf(p, "END ROOTLE %s\ntrailer\n", name);
    return b;
}

START_TEST(multiline_window_covers_a_block)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    char *b = block("BLOCK", 70);     /* about 4.5 KiB */
    char *s = block("SBLOCK", 70);

    dtu_scan_str(rs, b, &f);
    ck_assert_uint_eq(dtu_count(&f, "t-block"), 1);
    ck_assert_uint_eq(f.v[0]->line, 2);
    ck_assert_uint_eq(strlen(f.v[0]->secret), strlen(b) - strlen("header\n") - strlen("\ntrailer\n"));
    dtu_free(&f);
    /* The same shape without DET_MULTILINE has a 512-byte window, which
     * cannot reach back to the block's start: confirmation never scans the
     * whole chunk. */
    dtu_scan_str(rs, s, &f);
    ck_assert_uint_eq(dtu_count(&f, "t-block-short"), 0);
    dtu_free(&f);
    free(b);
    free(s);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(rejected_prefilter_falls_back_to_keywords)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    const char *ids[4];

    ck_assert_uint_eq(det_ruleset_fallbacks(rs, ids, 4), 1);
    ck_assert_str_eq(ids[0], "t-fallback");
    dtu_scan_str(rs, "cfg RTKFB=rootlefake7q2w9z4k1m\n", &f);
    ck_assert_uint_eq(dtu_count(&f, "t-fallback"), 0);   /* pattern is case-sensitive */
    dtu_scan_str(rs, "cfg rtkfb=rootlefake7q2w9z4k1m\n", &f);
    ck_assert_uint_eq(dtu_count(&f, "t-fallback"), 1);
    ck_assert_str_eq(f.v[0]->secret, "rootlefake7q2w9z4k1m");
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(slowest_reports_per_rule_work)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    det_rule_time t[8];
    size_t n;
    bool seen = false;

    dtu_scan_str(rs, "a " TOK1 " b " TOK2 "\n", &f);
    ck_assert_uint_eq(f.n, 2);
    n = det_ruleset_slowest(rs, t, 8);
    ck_assert_uint_eq(n, NRULES);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ck_assert_uint_le(t[i].ns, t[i - 1].ns);
        if (strcmp(t[i].id, "t-token") == 0) {
            ck_assert_uint_ge(t[i].hits, 2);
            ck_assert_uint_eq(t[i].matches, 2);
            seen = true;
        }
    }
    ck_assert(seen);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_window");
    TCase *tc = tcase_create("window");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, confirms_with_position);
    tcase_add_test(tc, chunk_position_and_metadata_carry_over);
    tcase_add_test(tc, keyword_far_from_hit_is_not_confirmed);
    tcase_add_test(tc, keywords_gate_rules_caselessly);
    tcase_add_test(tc, owned_boundary);
    tcase_add_test(tc, dense_hits_are_found_once_each);
    tcase_add_test(tc, multiline_window_covers_a_block);
    tcase_add_test(tc, rejected_prefilter_falls_back_to_keywords);
    tcase_add_test(tc, slowest_reports_per_rule_work);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
