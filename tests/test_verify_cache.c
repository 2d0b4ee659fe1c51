/* test_verify_cache.c: each credential is verified once per scan, however
 * many workers find it at once. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/sc_verify_cache.h"
#include "tests/support/tu.h"
#include "tests/support/tu_verify.h"

#define THREADS 8
#define FINDINGS 100

typedef struct shared {
    tu_vrig *rig;
    pthread_barrier_t start;
    const char *secret;
    int verified[THREADS];
} shared;

typedef struct job {
    shared *sh;
    int index;
} job;

/* One engine-like verify worker: its own worker state, a share of the
 * findings, all released together by the barrier. */
static void *run(void *arg)
{
    job *j = arg;
    tu_vrig *r = j->sh->rig;
    void *w = r->plugin.worker_create(r->plugin.self);

    if (w == NULL)
        return NULL;
    pthread_barrier_wait(&j->sh->start);
    for (int i = j->index; i < FINDINGS; i += THREADS) {
        sc_finding *f = sc_finding_create("github-pat-classic", "a.txt", j->sh->secret,
                                          strlen(j->sh->secret), NULL);

        if (f == NULL)
            break;
        r->plugin.verify(w, &r->ctx, f);
        if (f->verification == SC_VERIFY_VERIFIED && f->verification_error == NULL)
            j->sh->verified[j->index]++;
        sc_finding_free(f);
    }
    r->plugin.worker_free(r->plugin.self, w);
    return NULL;
}

START_TEST(one_request_for_many_copies)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 5000 };
    shared sh;
    job jobs[THREADS];
    pthread_t t[THREADS];
    int total = 0;

    /* A slow answer keeps the first request in flight while the other
     * workers ask for the same key, so they must wait for it. */
    tu_vrig_serve(&r, 200);
    tu_vrig_create(&r, &o);
    memset(&sh, 0, sizeof(sh));
    sh.rig = &r;
    sh.secret = "ghp_" "rootleFAKEVALIDcache0";
    ck_assert(pthread_barrier_init(&sh.start, NULL, THREADS) == 0);
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){ &sh, i };
        ck_assert(pthread_create(&t[i], NULL, run, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++)
        total += sh.verified[i];
    ck_assert_int_eq(total, FINDINGS);
    ck_assert_int_eq(tu_fake_count(r.fake, sh.secret), 1);
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 1);
    pthread_barrier_destroy(&sh.start);
    tu_vrig_stop(&r);
}
END_TEST

/* Distinct credentials are not merged: another secret, or the same AWS key
 * id with another secret nearby, is a separate request. */
START_TEST(distinct_keys_are_separate)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 5000 };
    const char *s1[] = { "rootle/FAKE/" "one/00000000000000000000000000000", NULL };
    const char *s2[] = { "rootle/FAKE/" "two/00000000000000000000000000000", NULL };
    sc_finding *f;

    tu_vrig_start(&r, &o);
    sc_finding_free(tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEVALIDa", NULL));
    sc_finding_free(tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEVALIDb", NULL));
    sc_finding_free(tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEVALIDa", NULL));
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 2);
    sc_finding_free(tu_vrig_check(&r, "aws-access-key-id", "AKIA" "ROOTLEFAKEVALID", s1));
    sc_finding_free(tu_vrig_check(&r, "aws-access-key-id", "AKIA" "ROOTLEFAKEVALID", s2));
    f = tu_vrig_check(&r, "aws-access-key-id", "AKIA" "ROOTLEFAKEVALID", s1);
    ck_assert_int_eq(f->verification, SC_VERIFY_VERIFIED);
    sc_finding_free(f);
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 4);
    /* A cached unknown keeps its reason. */
    f = tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEERROR500", NULL);
    sc_finding_free(f);
    f = tu_vrig_check(&r, "github-pat-classic", "ghp_" "rootleFAKEERROR500", NULL);
    ck_assert_int_eq(f->verification, SC_VERIFY_UNKNOWN);
    ck_assert_str_eq(f->verification_error, "server error (HTTP 500)");
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 5);
    sc_finding_free(f);
    tu_vrig_stop(&r);
}
END_TEST

/* The cache on its own: owner, hit, and a waiter released by cancel. */
typedef struct waiter {
    sc_verify_cache *c;
    sc_cancel *cancel;
    const char *key;
    sc_cache_claim got;
} waiter;

static void *wait_for_key(void *arg)
{
    waiter *w = arg;
    sc_verification v;
    char *reason = NULL;

    w->got = sc_verify_cache_claim(w->c, w->key, w->cancel, &v, &reason);
    free(reason);
    return NULL;
}

START_TEST(cache_unit)
{
    sc_verify_cache *c = sc_verify_cache_create();
    sc_cancel *cancel = sc_cancel_create();
    char key[SC_HASH_HEX_LEN + 1], other[SC_HASH_HEX_LEN + 1];
    sc_hash_part p1 = { "a", 1 }, p2 = { "b", 1 };
    sc_verification v;
    char *reason = NULL;
    waiter w;
    pthread_t t;

    ck_assert(c != NULL && cancel != NULL);
    sc_hash_hex(&p1, 1, key);
    sc_hash_hex(&p2, 1, other);
    ck_assert_int_eq(sc_verify_cache_claim(c, key, cancel, &v, &reason), SC_CACHE_OWNER);
    sc_verify_cache_put(c, key, SC_VERIFY_UNKNOWN, "timed out");
    ck_assert_int_eq(sc_verify_cache_claim(c, key, cancel, &v, &reason), SC_CACHE_HIT);
    ck_assert_int_eq(v, SC_VERIFY_UNKNOWN);
    ck_assert_str_eq(reason, "timed out");
    free(reason);

    /* A second claimer of a pending key waits until cancel fires. */
    ck_assert_int_eq(sc_verify_cache_claim(c, other, cancel, &v, &reason), SC_CACHE_OWNER);
    w = (waiter){ c, cancel, other, SC_CACHE_OWNER };
    ck_assert(pthread_create(&t, NULL, wait_for_key, &w) == 0);
    sc_cancel_fire(cancel);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.got, SC_CACHE_CANCELLED);
    sc_verify_cache_put(c, other, SC_VERIFY_VERIFIED, NULL);
    ck_assert_int_eq(sc_verify_cache_claim(c, other, cancel, &v, &reason), SC_CACHE_HIT);
    ck_assert_int_eq(v, SC_VERIFY_VERIFIED);
    ck_assert_ptr_null(reason);

    /* Many keys: the table grows and keeps every answer. */
    for (int i = 0; i < 1000; i++) {
        char k[SC_HASH_HEX_LEN + 1];
        sc_hash_part p = { &i, sizeof(i) };

        sc_hash_hex(&p, 1, k);
        ck_assert_int_eq(sc_verify_cache_claim(c, k, NULL, &v, &reason), SC_CACHE_OWNER);
        sc_verify_cache_put(c, k, i % 2 ? SC_VERIFY_VERIFIED : SC_VERIFY_UNVERIFIED, NULL);
    }
    for (int i = 0; i < 1000; i++) {
        char k[SC_HASH_HEX_LEN + 1];
        sc_hash_part p = { &i, sizeof(i) };

        sc_hash_hex(&p, 1, k);
        ck_assert_int_eq(sc_verify_cache_claim(c, k, NULL, &v, &reason), SC_CACHE_HIT);
        ck_assert_int_eq(v, i % 2 ? SC_VERIFY_VERIFIED : SC_VERIFY_UNVERIFIED);
    }
    sc_verify_cache_free(c);
    sc_cancel_free(cancel);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_cache");
    TCase *tc = tcase_create("cache");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, one_request_for_many_copies);
    tcase_add_test(tc, distinct_keys_are_separate);
    tcase_add_test(tc, cache_unit);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
