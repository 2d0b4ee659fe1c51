/* test_detect_select.c: --include-detectors / --exclude-detectors, and an
 * unknown id failing with SC_ENOTFOUND. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

#define TOKA "rta_" "rootlefakeq8w2mz7xk4vn1p"
#define TOKB "rtb_" "rootlefakeq8w2mz7xk4vn1p"
#define TOKC "rtc_" "rootlefakeq8w2mz7xk4vn1p"

static const det_rule_def rules[] = {
    { .id = "t-a", .keywords = { "rta_" }, .pattern = "\\b(?<secret>rta_[a-z0-9]{24})\\b" },
    { .id = "t-b", .keywords = { "rtb_" }, .pattern = "\\b(?<secret>rtb_[a-z0-9]{24})\\b" },
    { .id = "t-c", .keywords = { "rtc_" }, .pattern = "\\b(?<secret>rtc_[a-z0-9]{24})\\b" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static const char text[] = TOKA "\n" TOKB "\n" TOKC "\n";

static sc_code load(const char *const *inc, size_t ninc, const char *const *exc, size_t nexc,
                    det_ruleset **rs, char *err, size_t errlen)
{
    det_options o;

    det_options_defaults(&o);
    o.no_cache = true;
    o.include_ids = inc;
    o.ninclude = ninc;
    o.exclude_ids = exc;
    o.nexclude = nexc;
    return det_ruleset_load_rules(rules, NRULES, &o, rs, err, errlen);
}

START_TEST(include_only)
{
    const char *inc[] = { "t-c", "t-a" };
    det_ruleset *rs;
    char err[256];
    dtu_findings f = { 0 };

    ck_assert_int_eq(load(inc, 2, NULL, 0, &rs, err, sizeof(err)), SC_OK);
    ck_assert_uint_eq(det_ruleset_count(rs), 2);
    ck_assert_str_eq(det_ruleset_rule(rs, 0)->id, "t-a");
    ck_assert_str_eq(det_ruleset_rule(rs, 1)->id, "t-c");
    ck_assert_ptr_null(det_ruleset_find(rs, "t-b"));
    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_uint_eq(dtu_count(&f, "t-b"), 0);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(exclude)
{
    const char *exc[] = { "t-b" };
    const char *inc[] = { "t-a", "t-b" };
    det_ruleset *rs;
    char err[256];
    dtu_findings f = { 0 };

    ck_assert_int_eq(load(NULL, 0, exc, 1, &rs, err, sizeof(err)), SC_OK);
    ck_assert_uint_eq(det_ruleset_count(rs), 2);
    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_uint_eq(dtu_count(&f, "t-b"), 0);
    dtu_free(&f);
    det_ruleset_free(rs);
    /* Exclusion wins over inclusion. */
    ck_assert_int_eq(load(inc, 2, exc, 1, &rs, err, sizeof(err)), SC_OK);
    ck_assert_uint_eq(det_ruleset_count(rs), 1);
    ck_assert_str_eq(det_ruleset_rule(rs, 0)->id, "t-a");
    det_ruleset_free(rs);
}
END_TEST

START_TEST(unknown_id)
{
    const char *bad[] = { "t-a", "no-such-rule" };
    det_ruleset *rs = (det_ruleset *)1;
    char err[256];

    ck_assert_int_eq(load(bad, 2, NULL, 0, &rs, err, sizeof(err)), SC_ENOTFOUND);
    ck_assert_ptr_null(rs);
    ck_assert_msg(strstr(err, "no-such-rule") != NULL, "%s", err);
    ck_assert_int_eq(load(NULL, 0, bad, 2, &rs, err, sizeof(err)), SC_ENOTFOUND);
    ck_assert_msg(strstr(err, "no-such-rule") != NULL, "%s", err);
}
END_TEST

START_TEST(builtin_catalogue_loads)
{
    det_options o;
    det_ruleset *rs = NULL;
    char err[256];
    size_t n = 0;
    const det_rule_def *b = det_builtin_rules(&n);

    det_options_defaults(&o);
    o.no_cache = true;
    ck_assert_uint_eq(o.max_decode_depth, 3);
    ck_assert_msg(det_ruleset_load(&o, &rs, err, sizeof(err)) == SC_OK, "%s", err);
    ck_assert_uint_eq(det_ruleset_count(rs), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(det_ruleset_rule(rs, i)->id, b[i].id);
    ck_assert_ptr_null(det_ruleset_rule(rs, n));
    det_ruleset_free(rs);
    det_ruleset_free(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_select");
    TCase *tc = tcase_create("select");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, include_only);
    tcase_add_test(tc, exclude);
    tcase_add_test(tc, unknown_id);
    tcase_add_test(tc, builtin_catalogue_loads);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
