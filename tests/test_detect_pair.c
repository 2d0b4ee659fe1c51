/* test_detect_pair.c: pair_with attaches the partner rule's secrets found
 * near a finding (20 lines / 2 KiB), even when the partner rule is not
 * selected. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

#define ID1 "RTID" "ROOTLEFAKE7Q2W9Z"
#define KEY1 "rootle" "FAKEsecretKEY0x9Qp2Lm7Vw3Zt8Rb4Nc6"
#define KEY2 "FAKE" "rootle/Tq8Zp3Lx7Wm2Nv9Kc4Rb6Hd1Yf5Gs"

static const det_rule_def rules[] = {
    { .id = "t-id", .keywords = { "rtid" }, .pattern = "\\b(?<secret>RTID[A-Z0-9]{16})\\b",
      .pair_with = "t-key" },
    { .id = "t-key", .keywords = { "rootle_key" },
      .pattern = "rootle_key\\s*=\\s*(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
      .min_entropy = 3.5 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

START_TEST(near_partner_is_attached)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    const sc_finding *id;

    dtu_scan_str(rs, "[default]\nrootle_id = " ID1 "\nrootle_key = " KEY1 "\n"
                     "[other]\nrootle_key = " KEY2 "\n", &f);
    id = dtu_find(&f, "t-id", ID1);
    ck_assert_ptr_nonnull(id);
    ck_assert_uint_eq(id->nrelated, 2);
    ck_assert_str_eq(id->related[0], KEY1);
    ck_assert_str_eq(id->related[1], KEY2);
    ck_assert_uint_eq(dtu_count(&f, "t-key"), 2);
    ck_assert_uint_eq(dtu_find(&f, "t-key", KEY1)->nrelated, 0);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(far_partner_is_not_attached)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };
    char *text = malloc(8192), *p = text;
    const sc_finding *id;

    /* 25 lines apart. */
    p += sprintf(p, "rootle_id = " ID1 "\n");
    for (int i = 0; i < 25; i++)
        p += sprintf(p, "# filler\n");
    sprintf(p, "rootle_key = " KEY1 "\n");
    dtu_scan_str(rs, text, &f);
    id = dtu_find(&f, "t-id", ID1);
    ck_assert_ptr_nonnull(id);
    ck_assert_uint_eq(id->nrelated, 0);
    ck_assert_uint_eq(dtu_count(&f, "t-key"), 1);
    dtu_free(&f);
    /* 3 KiB apart on one line. */
    p = text;
    p += sprintf(p, "rootle_id = " ID1 " ");
    memset(p, '.', 3000);
    p += 3000;
    sprintf(p, " rootle_key = " KEY1 "\n");
    dtu_scan_str(rs, text, &f);
    ck_assert_uint_eq(dtu_find(&f, "t-id", ID1)->nrelated, 0);
    dtu_free(&f);
    free(text);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(unselected_partner_still_pairs)
{
    det_options o;
    det_ruleset *rs = NULL;
    const char *excl[] = { "t-key" };
    char err[256];
    dtu_findings f = { 0 };

    det_options_defaults(&o);
    o.no_cache = true;
    o.exclude_ids = excl;
    o.nexclude = 1;
    ck_assert_int_eq(det_ruleset_load_rules(rules, NRULES, &o, &rs, err, sizeof(err)), SC_OK);
    ck_assert_uint_eq(det_ruleset_count(rs), 1);
    dtu_scan_str(rs, "rootle_id = " ID1 "\nrootle_key = " KEY1 "\n", &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.v[0]->rule_id, "t-id");
    ck_assert_uint_eq(f.v[0]->nrelated, 1);
    ck_assert_str_eq(f.v[0]->related[0], KEY1);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(placeholder_partner_is_not_attached)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };

    dtu_scan_str(rs, "rootle_id = " ID1 "\nrootle_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" "EXAMPLEKEY\n",
                 &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_uint_eq(f.v[0]->nrelated, 0);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_pair");
    TCase *tc = tcase_create("pair");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, near_partner_is_attached);
    tcase_add_test(tc, far_partner_is_not_attached);
    tcase_add_test(tc, unselected_partner_still_pairs);
    tcase_add_test(tc, placeholder_partner_is_not_attached);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
