/* test_notify_json.c: the JSON Lines format. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notifiers/ntf.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

static const ntf_options json_opts = { .format = NTF_JSON };

/* Runs check_jsonl.py on out; returns its exit status, and shows the
 * checker's complaint when a pass was expected. */
static int check_jsonl(const char *out, size_t count, const char *const *secrets, bool expect_ok)
{
    char *file = tu_temp_text(out), *script, *n;
    char *argv[16] = { "/usr/bin/python3" };
    size_t argc = 1;
    tu_run r;
    int status;

    ck_assert(asprintf(&script, "%s/tests/check_jsonl.py", tu_source_dir()) > 0);
    ck_assert(asprintf(&n, "%zu", count) > 0);
    argv[argc++] = script;
    argv[argc++] = file;
    argv[argc++] = n;
    for (size_t i = 0; secrets != NULL && secrets[i] != NULL; i++)
        argv[argc++] = (char *)secrets[i];
    argv[argc] = NULL;
    tu_run_cmd(argv, NULL, 30, &r);
    status = r.status;
    if (status != 0 && expect_ok)
        fprintf(stderr, "%s%s", r.out, r.err);
    tu_run_free(&r);
    tu_temp_free(file);
    free(script);
    free(n);
    return status;
}

START_TEST(golden_and_valid_lines)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&json_opts, v, n, &s);
    tu_golden_check("notify.jsonl", out);
    ck_assert_int_eq(check_jsonl(out, n, tu_fixture_secrets, true), 0);
    /* The checker can fail: a count off by one, a broken line. */
    ck_assert_int_ne(check_jsonl(out, n - 1, NULL, false), 0);
    out[strlen(out) - 3] = ',';
    ck_assert_int_ne(check_jsonl(out, n, NULL, false), 0);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(fields)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&json_opts, v, n, &s);
    ck_assert_uint_eq(tu_count(out, "\n"), n);
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"deploy/a,b\\nc:d.env\""));
    ck_assert_ptr_nonnull(strstr(out, "\"file\":\"bin/\\ufffd\\ufffdbad.txt\""));
    ck_assert_ptr_nonnull(strstr(out, "\"secret\":\"rootle\\\"fake\\\\key-0001\""));
    ck_assert_ptr_nonnull(strstr(out, "\"verification_error\":\"provider answered HTTP 503\""));
    ck_assert_uint_eq(tu_count(out, "\"verification_error\":null"), n - 1);
    ck_assert_uint_eq(tu_count(out, "\"commit\":"), 1);
    ck_assert_uint_eq(tu_count(out, "\"description\":null"), 1);
    ck_assert_ptr_nonnull(strstr(out, v[0]->fingerprint));
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(nothing_but_findings)
{
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, true);
    out = tu_render(&json_opts, NULL, 0, &s);
    ck_assert_str_eq(out, "");
    free(out);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notify_json");
    TCase *tc = tcase_create("json");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, golden_and_valid_lines);
    tcase_add_test(tc, fields);
    tcase_add_test(tc, nothing_but_findings);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
