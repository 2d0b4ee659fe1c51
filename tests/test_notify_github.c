/* test_notify_github.c: GitHub Actions annotations and their escaping. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "notifiers/ntf.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

static const ntf_options gh_opts = { .format = NTF_GITHUB };

START_TEST(golden)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&gh_opts, v, n, &s);
    tu_golden_check("notify.github", out);
    /* One line per finding: escaping keeps the newline in a path out. */
    ck_assert_uint_eq(tu_count(out, "\n"), n);
    ck_assert_uint_eq(tu_count(out, "::error file="), 1);
    ck_assert_uint_eq(tu_count(out, "::warning file="), n - 1);
    for (size_t i = 0; tu_fixture_secrets[i] != NULL; i++)
        ck_assert_msg(strstr(out, tu_fixture_secrets[i]) == NULL, "secret %zu shown", i);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(escaping)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&gh_opts, v, n, &s);
    /* Properties escape % CR LF : and , */
    ck_assert_ptr_nonnull(strstr(out, "file=deploy/a%2Cb%0Ac%3Ad.env,line=3,col=15,endColumn=35,"));
    ck_assert_ptr_nonnull(strstr(out, "file=docs/caf\xC3\xA9/na\xC3\xAFve 100%25#?.md,"));
    ck_assert_ptr_nonnull(strstr(out, "file=src/config.yml,line=12,col=9,endColumn=47,"
                                      "title=rootle%3A GitHub personal access token (classic)::"));
    /* Invalid UTF-8 becomes U+FFFD. */
    ck_assert_ptr_nonnull(strstr(out, "file=bin/\xEF\xBF\xBD\xEF\xBF\xBD" "bad.txt,"));
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(message_escaping)
{
    sc_finding *f = sc_finding_create("r", "a.txt", "rootle" "FAKE0002", 14, NULL);
    sc_finding *v[1] = { f };
    sc_summary s;
    char *out;

    ck_assert_ptr_nonnull(f);
    f->verification = SC_VERIFY_UNKNOWN;
    ck_assert_int_eq(sc_finding_set(&f->verification_error, "50% done\r\nthen: a, b"), 0);
    tu_fixed_summary(&s, false);
    out = tu_render(&gh_opts, v, 1, &s);
    /* In the message only % CR LF are escaped; : and , stay. */
    ck_assert_str_eq(out, "::warning file=a.txt,line=1,col=1,title=rootle%3A r::r secret "
                          "root\xE2\x80\xA6 (unknown: 50%25 done%0D%0Athen: a, b)\n");
    free(out);
    sc_finding_free(f);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notify_github");
    TCase *tc = tcase_create("github");

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, golden);
    tcase_add_test(tc, escaping);
    tcase_add_test(tc, message_escaping);
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
