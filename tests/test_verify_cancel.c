/* test_verify_cancel.c: SIGINT (the cancel token) stops verification at
 * once: no new requests, requests in flight aborted, waits on the cache and
 * on a provider's rate limit cut short, and every thread gone. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/support/tu.h"
#include "tests/support/tu_verify.h"

#define HANGERS 4       /* Distinct hanging credentials, one request each. */
#define WAITERS 2       /* More findings of the first one: they wait in the cache. */

typedef struct job {
    tu_vrig *rig;
    char secret[64];
    sc_verification got;
    char reason[64];
} job;

static void *run(void *arg)
{
    job *j = arg;
    tu_vrig *r = j->rig;
    void *w = r->plugin.worker_create(r->plugin.self);
    sc_finding *f;

    j->got = SC_VERIFY_SKIPPED;
    if (w == NULL)
        return NULL;
    f = sc_finding_create("github-pat-classic", "a.txt", j->secret, strlen(j->secret), NULL);
    if (f != NULL) {
        r->plugin.verify(w, &r->ctx, f);
        j->got = f->verification;
        snprintf(j->reason, sizeof(j->reason), "%s",
                 f->verification_error ? f->verification_error : "");
        sc_finding_free(f);
    }
    r->plugin.worker_free(r->plugin.self, w);
    return NULL;
}

static void *nothing(void *arg)
{
    return arg;
}

START_TEST(cancel_aborts_requests_in_flight)
{
    tu_vrig r;
    /* A long timeout, so only the cancel can end the hanging requests. */
    tu_vrig_opts o = { .timeout_ms = 30000 };
    job jobs[HANGERS + WAITERS];
    pthread_t t[HANGERS + WAITERS];
    int before;
    uint64_t fired_at, elapsed;

    tu_vrig_start(&r, &o);
    /* Some runtimes (TSan) start a helper thread of their own at the first
     * pthread_create; make that happen before counting. */
    ck_assert(pthread_create(&t[0], NULL, nothing, NULL) == 0);
    pthread_join(t[0], NULL);
    before = tu_thread_count();
    for (int i = 0; i < HANGERS + WAITERS; i++) {
        jobs[i].rig = &r;
        snprintf(jobs[i].secret, sizeof(jobs[i].secret), "ghp_" "rootleFAKEHANG%d",
                 i < HANGERS ? i : 0);
        ck_assert(pthread_create(&t[i], NULL, run, &jobs[i]) == 0);
    }
    /* The server answers this once all the distinct requests are in. */
    ck_assert_int_eq(tu_fake_wait(r.fake, "rootleFAKEHANG", HANGERS), HANGERS);
    fired_at = sc_now_ns();
    sc_cancel_fire(r.cancel);
    for (int i = 0; i < HANGERS + WAITERS; i++)
        pthread_join(t[i], NULL);
    elapsed = sc_now_ns() - fired_at;
    ck_assert_msg(elapsed < 1000000000u, "verify took %llu ms to stop",
                  (unsigned long long)(elapsed / 1000000u));
    for (int i = 0; i < HANGERS + WAITERS; i++) {
        ck_assert_int_eq(jobs[i].got, SC_VERIFY_UNKNOWN);
        ck_assert_str_eq(jobs[i].reason, "verification interrupted");
    }
    /* Only the distinct credentials were ever requested. */
    ck_assert_int_eq(tu_fake_count(r.fake, "rootleFAKEHANG"), HANGERS);
    ck_assert_int_eq(tu_thread_count_settled(before), before);
    tu_vrig_stop(&r);
}
END_TEST

/* Once the token has fired, verify makes no request at all. */
START_TEST(no_requests_after_cancel)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 5000 };
    sc_finding *f;

    tu_vrig_start(&r, &o);
    sc_cancel_fire(r.cancel);
    f = tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEVALID", NULL);
    ck_assert_int_eq(f->verification, SC_VERIFY_UNKNOWN);
    ck_assert_str_eq(f->verification_error, "verification interrupted");
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 0);
    ck_assert_int_eq(tu_fake_count(r.fake, "rootleFAKE"), 0);
    sc_finding_free(f);
    tu_vrig_stop(&r);
}
END_TEST

/* A worker sleeping out a provider's Retry-After wakes on cancel. */
START_TEST(cancel_cuts_rate_limit_wait)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 5000 };
    job j;
    pthread_t t;
    uint64_t fired_at;

    tu_vrig_start(&r, &o);
    j.rig = &r;
    snprintf(j.secret, sizeof(j.secret), "ghp_" "rootleFAKERATELIMIT");
    ck_assert(pthread_create(&t, NULL, run, &j) == 0);
    /* Once the 429 is on its way the worker goes to sleep on the
     * provider's backoff for the Retry-After second. */
    ck_assert_int_eq(tu_fake_answered(r.fake, "rootleFAKERATELIMIT", 1), 1);
    fired_at = sc_now_ns();
    sc_cancel_fire(r.cancel);
    pthread_join(t, NULL);
    /* The Retry-After is a full second; the cancel must beat it. */
    ck_assert(sc_now_ns() - fired_at < 900000000u);
    ck_assert_int_eq(j.got, SC_VERIFY_UNKNOWN);
    ck_assert_str_eq(j.reason, "verification interrupted");
    ck_assert_int_eq(tu_fake_count(r.fake, "rootleFAKERATELIMIT"), 1);
    tu_vrig_stop(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_cancel");
    TCase *tc = tcase_create("cancel");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, cancel_aborts_requests_in_flight);
    tcase_add_test(tc, no_requests_after_cancel);
    tcase_add_test(tc, cancel_cuts_rate_limit_wait);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
