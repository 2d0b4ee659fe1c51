/* test_notify_text.c: the human-readable format and format parsing. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "notifiers/ntf.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

START_TEST(golden_without_color)
{
    const ntf_options o = { .format = NTF_TEXT, .summary = true };
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&o, v, n, &s);
    tu_golden_check("notify.txt", out);
    ck_assert_ptr_null(strchr(out, '\033'));
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(never_the_raw_secret)
{
    const ntf_options plain = { .format = NTF_TEXT, .summary = true };
    const ntf_options colored = { .format = NTF_TEXT, .color = true, .summary = true };
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;

    tu_fixed_summary(&s, false);
    for (int k = 0; k < 2; k++) {
        char *out = tu_render(k ? &colored : &plain, v, n, &s);

        for (size_t i = 0; tu_fixture_secrets[i] != NULL; i++) {
            /* Not even the part after the redacted prefix. */
            ck_assert_msg(strstr(out, tu_fixture_secrets[i]) == NULL, "secret %zu shown", i);
            ck_assert_msg(strstr(out, tu_fixture_secrets[i] + 5) == NULL, "secret %zu tail", i);
        }
        ck_assert_uint_eq(tu_count(out, "ghp_\xE2\x80\xA6"), 2);
        free(out);
    }
    tu_findings_free(v, n);
}
END_TEST

START_TEST(color_only_when_asked)
{
    const ntf_options o = { .format = NTF_TEXT, .color = true };
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&o, v, n, &s);
    ck_assert_ptr_nonnull(strstr(out, "\033[1;31mverified\033[0m"));
    /* Without summary, end() writes nothing. */
    ck_assert_ptr_null(strstr(out, "findings ("));
    free(out);
    tu_findings_free(v, n);
}
END_TEST

/* A file name must not be able to drive the terminal. */
START_TEST(control_characters_escaped)
{
    const ntf_options o = { .format = NTF_TEXT };
    sc_finding *f = sc_finding_create("r", "evil\033[2J\xC2\x9B" "31m\ttab\r.txt",
                                      "rootle" "FAKE0001", 14, NULL);
    sc_finding *v[1] = { f };
    sc_summary s;
    char *out;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(sc_finding_set(&f->author, "Mallory\033]0;title\007"), 0);
    tu_fixed_summary(&s, false);
    out = tu_render(&o, v, 1, &s);
    ck_assert_ptr_null(strchr(out, '\033'));
    ck_assert_ptr_null(strchr(out, '\r'));
    ck_assert_ptr_null(strchr(out, '\007'));
    ck_assert_ptr_null(strstr(out, "\xC2\x9B"));
    ck_assert_ptr_nonnull(strstr(out, "evil\\x1B[2J\\u009B31m\\ttab\\r.txt:1:1"));
    ck_assert_ptr_nonnull(strstr(out, "Mallory\\x1B]0;title\\x07"));
    free(out);
    sc_finding_free(f);
}
END_TEST

START_TEST(summary_lines)
{
    const ntf_options o = { .format = NTF_TEXT, .summary = true };
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&o, NULL, 0, &s);
    ck_assert_str_eq(out, "3 findings (1 verified) in 12 files, 1.2 MB, 0.05 s\n");
    free(out);

    tu_fixed_summary(&s, true);
    s.reported = 1;
    s.reported_verified = 0;
    s.files = 1;
    s.bytes = 999;
    s.suppressed = 2;
    s.scan_errors = 1;
    out = tu_render(&o, NULL, 0, &s);
    ck_assert_str_eq(out, "1 finding (0 verified) in 1 file, 999 B, 0.05 s; 2 suppressed; "
                          "1 unreadable; interrupted, results are incomplete\n");
    free(out);

    s.bytes = 3456789012ULL;
    s.interrupted = false;
    s.suppressed = s.scan_errors = 0;
    out = tu_render(&o, NULL, 0, &s);
    ck_assert_str_eq(out, "1 finding (0 verified) in 1 file, 3.5 GB, 0.05 s\n");
    free(out);
}
END_TEST

START_TEST(format_names)
{
    ntf_format f = NTF_TEXT;

    ck_assert_int_eq(ntf_format_parse("json", &f), SC_OK);
    ck_assert_int_eq(f, NTF_JSON);
    ck_assert_int_eq(ntf_format_parse("sarif", &f), SC_OK);
    ck_assert_int_eq(f, NTF_SARIF);
    ck_assert_int_eq(ntf_format_parse("github", &f), SC_OK);
    ck_assert_int_eq(f, NTF_GITHUB);
    ck_assert_int_eq(ntf_format_parse("text", &f), SC_OK);
    ck_assert_int_eq(f, NTF_TEXT);
    ck_assert_int_eq(ntf_format_parse("JSON", &f), SC_EUSAGE);
    ck_assert_int_eq(ntf_format_parse("", &f), SC_EUSAGE);
    ck_assert_int_eq(ntf_format_parse(NULL, &f), SC_EUSAGE);
    ck_assert_int_eq(f, NTF_TEXT);
    ntf_free(NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notify_text");
    TCase *tc = tcase_create("text");

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, golden_without_color);
    tcase_add_test(tc, never_the_raw_secret);
    tcase_add_test(tc, color_only_when_asked);
    tcase_add_test(tc, control_characters_escaped);
    tcase_add_test(tc, summary_lines);
    tcase_add_test(tc, format_names);
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
