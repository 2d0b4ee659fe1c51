/* test_notify_sarif.c: the SARIF format, against its golden file and the
 * official schema, with results formatted concurrently. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notifiers/ntf.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

static const ntf_options sarif_opts = { .format = NTF_SARIF, .version = TU_VERSION };

START_TEST(golden_and_schema)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&sarif_opts, v, n, &s);
    tu_golden_check("notify.sarif", out);
    tu_check_sarif(out, n);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(zero_results_validate)
{
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    s.reported = s.reported_verified = 0;
    out = tu_render(&sarif_opts, NULL, 0, &s);
    ck_assert_ptr_nonnull(strstr(out, "\"results\":["));
    ck_assert_ptr_nonnull(strstr(out, "\"rules\":[]"));
    tu_check_sarif(out, 0);
    free(out);
}
END_TEST

START_TEST(interrupted_run_says_so)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, true);
    s.scan_errors = 2;
    out = tu_render(&sarif_opts, v, n, &s);
    ck_assert_ptr_nonnull(strstr(out, "\"executionSuccessful\":false"));
    ck_assert_ptr_nonnull(strstr(out, "interrupted"));
    ck_assert_ptr_nonnull(strstr(out, "2 inputs could not be read"));
    tu_check_sarif(out, n);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(no_raw_secret)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&sarif_opts, v, n, &s);
    for (size_t i = 0; tu_fixture_secrets[i] != NULL; i++)
        ck_assert_msg(strstr(out, tu_fixture_secrets[i]) == NULL, "secret %zu leaked", i);
    ck_assert_ptr_nonnull(strstr(out, "ghp_\xE2\x80\xA6"));
    free(out);
    tu_findings_free(v, n);
}
END_TEST

START_TEST(uris_levels_and_indexes)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out;

    tu_fixed_summary(&s, false);
    out = tu_render(&sarif_opts, v, n, &s);
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\"src/config.yml\""));
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\"deploy/a,b%0Ac%3Ad.env\""));
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\"docs/caf%C3%A9/na%C3%AFve%20100%25%23%3F.md\""));
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\"bin/%FF%FEbad.txt\""));
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\"file:///srv/app/.env\""));
    ck_assert_ptr_nonnull(strstr(out, "\"uri\":\".github/workflows/ci.yml\""));
    /* The first and last findings share a rule, so they share index 0. */
    ck_assert_uint_eq(tu_count(out, "\"ruleId\":\"github-pat-classic\",\"ruleIndex\":0,"), 2);
    ck_assert_uint_eq(tu_count(out, "\"ruleIndex\":4,"), 1);
    ck_assert_uint_eq(tu_count(out, "\"level\":\"error\""), 1);
    ck_assert_uint_eq(tu_count(out, "\"level\":\"warning\",\"message\""), 5);
    ck_assert_uint_eq(tu_count(out, "{\"id\":\"github-pat-classic\""), 1);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

/* The checker must be able to fail, or the tests above prove nothing. */
START_TEST(checker_rejects_bad_sarif)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_summary s;
    char *out, *p;

    tu_fixed_summary(&s, false);
    out = tu_render(&sarif_opts, v, n, &s);
    ck_assert_int_ne(tu_check_sarif_status(out, n + 1), 0);     /* wrong count */
    p = strstr(out, "\"startLine\":12");
    ck_assert_ptr_nonnull(p);
    memcpy(p, "\"startLine\":-1", 14);                          /* schema: minimum 1 */
    ck_assert_int_ne(tu_check_sarif_status(out, n), 0);
    p = strstr(out, "\n],\"tool\"");
    ck_assert_ptr_nonnull(p);
    *p = ',';                                                   /* trailing comma */
    ck_assert_int_ne(tu_check_sarif_status(out, n), 0);
    free(out);
    tu_findings_free(v, n);
}
END_TEST

/* ---- concurrency ---- */

enum { THREADS = 8, PER_THREAD = 250, RULES = 7 };

typedef struct worker {
    sc_notifier *p;
    pthread_barrier_t *start;
    unsigned id;
    sc_buf bufs[PER_THREAD];
} worker;

static void *format_many(void *arg)
{
    worker *w = arg;

    /* Every thread starts together so that first firings of rules race. */
    pthread_barrier_wait(w->start);
    for (unsigned i = 0; i < PER_THREAD; i++) {
        char rule[32], path[64], secret[64];
        sc_finding *f;

        snprintf(rule, sizeof(rule), "rule-%u", (w->id + i) % RULES);
        snprintf(path, sizeof(path), "./dir %u/file-%u.txt", w->id, i);
        snprintf(secret, sizeof(secret), "rootle" "FAKE-%u-%u", w->id, i);
        f = sc_finding_create(rule, path, secret, strlen(secret), NULL);
        ck_assert(f != NULL);
        f->line = i + 1;
        f->column = 1;
        f->end_column = 1 + strlen(secret);
        f->verification = i % 3 == 0 ? SC_VERIFY_VERIFIED : SC_VERIFY_UNVERIFIED;
        w->p->format(w->p->self, f, &w->bufs[i]);
        sc_finding_free(f);
    }
    return NULL;
}

START_TEST(concurrent_results_validate)
{
    static worker w[THREADS];
    pthread_t t[THREADS];
    pthread_barrier_t start;
    ntf_notifier *nn;
    sc_notifier p;
    sc_buf out = SC_BUF_INIT;
    sc_summary s;
    bool first = true;
    char *text;

    ck_assert_int_eq(ntf_create(&sarif_opts, &nn), SC_OK);
    p = ntf_plugin(nn);
    ck_assert_ptr_nonnull(p.separator);
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
    p.begin(p.self, &out);
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (worker){ .p = &p, .start = &start, .id = i };
        ck_assert_int_eq(pthread_create(&t[i], NULL, format_many, &w[i]), 0);
    }
    for (unsigned i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    /* Write in an order unrelated to formatting, as the writer may. */
    for (unsigned i = PER_THREAD; i-- > 0;) {
        for (unsigned j = 0; j < THREADS; j++) {
            sc_buf *b = &w[(j * 3 + i) % THREADS].bufs[i];

            ck_assert(!b->failed && b->len > 0);
            if (!first)
                sc_buf_puts(&out, p.separator);
            first = false;
            sc_buf_append(&out, b->data, b->len);
            sc_buf_free(b);
        }
    }
    tu_fixed_summary(&s, false);
    p.end(p.self, &s, &out);
    text = sc_buf_steal(&out);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(tu_count(text, "{\"id\":\"rule-"), RULES);
    tu_check_sarif(text, THREADS * PER_THREAD);
    free(text);
    pthread_barrier_destroy(&start);
    ntf_free(nn);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notify_sarif");
    TCase *tc = tcase_create("sarif");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, golden_and_schema);
    tcase_add_test(tc, zero_results_validate);
    tcase_add_test(tc, interrupted_run_says_so);
    tcase_add_test(tc, no_raw_secret);
    tcase_add_test(tc, uris_levels_and_indexes);
    tcase_add_test(tc, checker_rejects_bad_sarif);
    tcase_add_test(tc, concurrent_results_validate);
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
