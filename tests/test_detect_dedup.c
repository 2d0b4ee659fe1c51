/* test_detect_dedup.c: one finding per secret. Findings of several rules
 * for the same bytes at the same offset, or for spans one of which holds
 * the other, collapse to the best ranked rule (specific over generic, then
 * verifiable, then catalogue order); distinct places stay distinct; the
 * statistics count the kept finding; the real catalogue reports one finding
 * for the three classic double reports. */
#include <check.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

#define TOK "rtk_" "rootlefakeq8w2mz7xk4vn1p"

static det_http_verify fake_verify = { .endpoint = "https://verify.rootle.invalid/check" };

/* The generic rule comes first, so catalogue order alone would pick it. */
static const det_rule_def rank_rules[] = {
    { .id = "t-generic", .keywords = { "token" }, .flags = DET_GENERIC | DET_CASELESS,
      .pattern = "token\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"';]{8,140})", .min_entropy = 2.0 },
    { .id = "t-plain", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b" },
    { .id = "t-verified", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b",
      .verify = &fake_verify },
    { .id = "t-late", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b" },
};
#define NRANK (sizeof(rank_rules) / sizeof(rank_rules[0]))

static det_ruleset *load_ids(const char *const *ids, size_t n)
{
    det_options o;
    det_ruleset *rs = NULL;
    char err[256];
    sc_code rc;

    det_options_defaults(&o);
    o.no_cache = true;
    o.include_ids = ids;
    o.ninclude = n;
    rc = det_ruleset_load_rules(rank_rules, NRANK, &o, &rs, err, sizeof(err));
    ck_assert_msg(rc == SC_OK, "load: %s", err);
    return rs;
}

static void expect_only(const dtu_findings *f, const char *rule, const char *secret)
{
    ck_assert_msg(f->n == 1, "%zu findings, want 1 of %s", f->n, rule);
    ck_assert_str_eq(f->v[0]->rule_id, rule);
    ck_assert_str_eq(f->v[0]->secret, secret);
}

START_TEST(specific_beats_generic)
{
    static const char *const ids[] = { "t-generic", "t-plain" };
    det_ruleset *rs = load_ids(ids, 2);
    dtu_findings f = { 0 };

    /* Without dedup both rules report the token. */
    dtu_scan_str(rs, "token = " TOK "\n", &f);
    expect_only(&f, "t-plain", TOK);
    ck_assert_uint_eq(f.v[0]->offset, 8);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(verifiable_beats_catalogue_order)
{
    static const char *const ids[] = { "t-plain", "t-verified", "t-late" };
    det_ruleset *rs = load_ids(ids, 3);
    dtu_findings f = { 0 };

    dtu_scan_str(rs, "k " TOK "\n", &f);
    expect_only(&f, "t-verified", TOK);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(catalogue_order_breaks_ties)
{
    static const char *const ids[] = { "t-late", "t-plain" };
    det_ruleset *rs = load_ids(ids, 2);
    dtu_findings f = { 0 };

    /* Selection keeps catalogue order whatever order the ids come in. */
    dtu_scan_str(rs, "k " TOK "\n", &f);
    expect_only(&f, "t-plain", TOK);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

/* A generic rule whose secret holds the specific token, and one held by it. */
static const det_rule_def span_rules[] = {
    { .id = "t-wide", .keywords = { "auth" }, .flags = DET_GENERIC,
      .pattern = "auth=(?<secret>[^\\s;]{8,140})", .min_entropy = 2.0 },
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "(?<secret>rtk_[a-z0-9]{24})" },
    { .id = "t-tail", .keywords = { "rtk_" }, .flags = DET_GENERIC,
      .pattern = "rtk_(?<secret>[a-z0-9]{24})", .min_entropy = 2.0 },
    { .id = "t-overlap", .keywords = { "zz9" },
      .pattern = "(?<secret>q8w2mz7xk4vn1p:zz9[a-z]{6})" },
};
#define NSPAN (sizeof(span_rules) / sizeof(span_rules[0]))

START_TEST(containment_collapses)
{
    det_ruleset *rs = dtu_load(span_rules, 3, 0);
    dtu_findings f = { 0 };

    /* t-wide takes "user:" too and t-tail leaves out "rtk_": both hold or
     * are held by t-token's secret. */
    dtu_scan_str(rs, "url auth=user:" TOK "\n", &f);
    expect_only(&f, "t-token", TOK);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(overlap_without_containment_keeps_both)
{
    static const char *const ids[] = { "t-token", "t-overlap" };
    det_options o;
    det_ruleset *rs = NULL;
    dtu_findings f = { 0 };
    char err[256];

    det_options_defaults(&o);
    o.no_cache = true;
    o.max_decode_depth = 0;
    o.include_ids = ids;
    o.ninclude = 2;
    ck_assert_int_eq(det_ruleset_load_rules(span_rules, NSPAN, &o, &rs, err, sizeof(err)),
                     SC_OK);
    dtu_scan_str(rs, "x " TOK ":zz9rootle\n", &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_ptr_nonnull(dtu_find(&f, "t-token", TOK));
    ck_assert_ptr_nonnull(dtu_find(&f, "t-overlap", "q8w2mz7xk4vn1p:zz9rootle"));
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(distinct_places_stay_distinct)
{
    static const char *const ids[] = { "t-generic", "t-plain" };
    det_ruleset *rs = load_ids(ids, 2);
    dtu_findings f = { 0 };

    /* The same token on two lines is two findings, sent in offset order. */
    dtu_scan_str(rs, "token = " TOK "\nnext " TOK "\n", &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_str_eq(f.v[0]->rule_id, "t-plain");
    ck_assert_str_eq(f.v[1]->rule_id, "t-plain");
    ck_assert_uint_eq(f.v[0]->line, 1);
    ck_assert_uint_eq(f.v[1]->line, 2);
    ck_assert_uint_lt(f.v[0]->offset, f.v[1]->offset);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(decoded_secret_collapses)
{
    static const char *const ids[] = { "t-generic", "t-plain", "t-late" };
    det_options o;
    det_ruleset *rs = NULL;
    dtu_findings f = { 0 };
    const char *inner = "token = " TOK " ?>>?";
    char enc[128], text[256], err[256];

    det_options_defaults(&o);
    o.no_cache = true;
    o.include_ids = ids;
    o.ninclude = 3;
    ck_assert_int_eq(det_ruleset_load_rules(rank_rules, NRANK, &o, &rs, err, sizeof(err)),
                     SC_OK);
    EVP_EncodeBlock((unsigned char *)enc, (const unsigned char *)inner, (int)strlen(inner));
    /* All three rules find the token inside the base64, at the encoded
     * span's offset. */
    snprintf(text, sizeof(text), "data: %s\n", enc);
    dtu_scan_str(rs, text, &f);
    expect_only(&f, "t-plain", TOK);
    ck_assert_str_eq(f.v[0]->decoder, "base64");
    ck_assert_uint_eq(f.v[0]->offset, 6);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(statistics_count_the_kept_finding)
{
    det_ruleset *rs = dtu_load(rank_rules, NRANK, 0);
    dtu_findings f = { 0 };
    det_rule_time t[NRANK];
    size_t n;

    dtu_scan_str(rs, "token = " TOK "\n", &f);
    expect_only(&f, "t-verified", TOK);
    dtu_free(&f);
    n = det_ruleset_slowest(rs, t, NRANK);
    ck_assert_uint_eq(n, NRANK);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_gt(t[i].hits, 0);
        ck_assert_msg(t[i].matches == (strcmp(t[i].id, "t-verified") == 0 ? 1u : 0u),
                      "%s: %llu matches", t[i].id, (unsigned long long)t[i].matches);
    }
    det_ruleset_free(rs);
}
END_TEST

START_TEST(catalogue_reports_one_finding_per_secret)
{
    static const struct {
        const char *text, *rule, *secret;
    } cases[] = {
        { "STRIPE_SECRET_KEY=sk_live_" "rootleFAKE4eC39HqLyjWDarjtT1zdp7dc\n",
          "stripe-secret-key", "sk_live_" "rootleFAKE4eC39HqLyjWDarjtT1zdp7dc" },
        { "curl -H \"Authorization: Bearer glpat-" "rootleFAKEq8w2mz7xk4v\" "
          "https://gitlab.com/api/v4/user\n",
          "gitlab-pat", "glpat-" "rootleFAKEq8w2mz7xk4v" },
        { "//registry.npmjs.org/:_authToken=npm_" "rootleFAKEq8w2mz7xk4vn1p9s3d6f8g2h4j\n",
          "npm-token", "npm_" "rootleFAKEq8w2mz7xk4vn1p9s3d6f8g2h4j" },
    };
    det_ruleset *rs = dtu_load(NULL, 0, 3);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        dtu_findings f = { 0 };

        dtu_scan_str(rs, cases[i].text, &f);
        for (size_t k = 0; k < f.n; k++)
            fprintf(stderr, "case %zu: %s\n", i, f.v[k]->rule_id);
        expect_only(&f, cases[i].rule, cases[i].secret);
        dtu_free(&f);
    }
    det_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_dedup");
    TCase *tc = tcase_create("dedup");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, specific_beats_generic);
    tcase_add_test(tc, verifiable_beats_catalogue_order);
    tcase_add_test(tc, catalogue_order_breaks_ties);
    tcase_add_test(tc, containment_collapses);
    tcase_add_test(tc, overlap_without_containment_keeps_both);
    tcase_add_test(tc, distinct_places_stay_distinct);
    tcase_add_test(tc, decoded_secret_collapses);
    tcase_add_test(tc, statistics_count_the_kept_finding);
    tcase_add_test(tc, catalogue_reports_one_finding_per_secret);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
