/* test_verify_engine_cancel.c: sc_engine_cancel (what SIGINT does) while
 * the real verifier's requests hang, with the real source, detector and
 * JSON notifier wired as the CLI wires them: sc_engine_run returns at
 * once, every finding is written, and no thread is left behind.
 * test_verify_cancel.c covers the verifier on threads of its own; this is
 * the same promise for the engine's verify workers.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "detectors/det_ruleset.h"
#include "detectors/verify/det_verify.h"
#include "notifiers/ntf.h"
#include "scanner/sc_engine.h"
#include "sources/src_fs.h"
#include "tests/support/fake_server.h"
#include "tests/support/fake_tokens.h"
#include "tests/support/tu.h"

enum { HANGERS = 4, COPIES = 3 };

typedef struct run {
    sc_engine *engine;
    sc_summary summary;
    sc_code rc;
} run;

static void *run_engine(void *arg)
{
    run *r = arg;

    r->rc = sc_engine_run(r->engine, &r->summary);
    return NULL;
}

static double multiplier(void)
{
    const char *m = getenv("CK_TIMEOUT_MULTIPLIER");

    return m != NULL && atof(m) >= 1 ? atof(m) : 1.0;
}

START_TEST(test_engine_cancel_during_verification)
{
    static const char *const ids[] = { "github-pat-classic" };
    int baseline = tu_thread_baseline();
    tu_fake *fake = tu_fake_start(tu_source_dir(), 0);
    char *dir = tu_mkdtemp(), *outdir = tu_mkdtemp(), *out_path, *report, err[512] = "";
    char override[128], text[2048], pat[HANGERS][64];
    const char *overrides[1] = { override };
    const char *paths[1] = { dir };
    size_t tlen = 0, n;
    src_fs_options so;
    det_options dopt;
    det_verify_options vo;
    ntf_options no = { .format = NTF_JSON, .version = "test" };
    sc_engine_config cfg;
    src_fs *src = NULL;
    det_ruleset *rs = NULL;
    det_verifier *ver = NULL;
    ntf_notifier *ntf = NULL;
    const det_rule_def *rule;
    sc_source source;
    sc_detector detector;
    sc_verifier verifier;
    sc_notifier notifier;
    sc_diag *diag;
    FILE *out;
    run r;
    pthread_t t;
    uint64_t fired_at, took;

    ck_assert_msg(fake != NULL, "the fake provider did not start");
    for (unsigned i = 0; i < HANGERS; i++) {
        fake_github_pat(70 + i, pat[i]);
        memcpy(pat[i] + 14, "HANG", 4);
        tlen += (size_t)snprintf(text + tlen, sizeof(text) - tlen, "t%u = %s\n", i, pat[i]);
    }
    for (unsigned i = 0; i < COPIES; i++)
        tlen += (size_t)snprintf(text + tlen, sizeof(text) - tlen, "c%u = %s\n", i, pat[1]);
    free(tu_write_text(dir, "a.env", text));
    out_path = tu_write_text(outdir, "report.jsonl", "");
    out = fopen(out_path, "w");
    ck_assert_ptr_nonnull(out);

    src_fs_options_defaults(&so);
    so.paths = paths;
    so.npaths = 1;
    ck_assert_int_eq(src_fs_create(&so, &src, err, sizeof(err)), SC_OK);
    det_options_defaults(&dopt);
    dopt.include_ids = ids;
    dopt.ninclude = 1;
    dopt.no_cache = true;
    ck_assert_msg(det_ruleset_load(&dopt, &rs, err, sizeof(err)) == SC_OK, "%s", err);
    snprintf(override, sizeof(override), "github-pat-classic=%s", tu_fake_url(fake));
    det_verify_options_defaults(&vo);
    vo.timeout_ms = 30000;      /* Only the cancel can end the requests. */
    vo.overrides = overrides;
    vo.noverrides = 1;
    rule = det_ruleset_find(rs, "github-pat-classic");
    ck_assert_int_eq(det_verifier_create(&rule, 1, &vo, &ver, err, sizeof(err)), SC_OK);
    ck_assert_int_eq(ntf_create(&no, &ntf), SC_OK);
    diag = sc_diag_create(stderr, false);
    ck_assert_ptr_nonnull(diag);

    source = src_fs_source(src);
    detector = det_ruleset_detector(rs);
    verifier = det_verifier_plugin(ver);
    notifier = ntf_plugin(ntf);
    sc_engine_config_defaults(&cfg);
    cfg.concurrency = 1;
    cfg.verify_per_cpu = 8;     /* Enough workers for every finding at once. */
    cfg.source = &source;
    cfg.detector = &detector;
    cfg.verifier = &verifier;
    cfg.notifier = &notifier;
    cfg.out_fd = fileno(out);
    cfg.diag = diag;
    memset(&r, 0, sizeof(r));
    ck_assert_int_eq(sc_engine_create(&cfg, &r.engine), SC_OK);
    ck_assert(pthread_create(&t, NULL, run_engine, &r) == 0);

    /* The server answers once every distinct hanging request is in. */
    ck_assert_int_eq(tu_fake_wait(fake, "rootleFAKEHANG", HANGERS), HANGERS);
    /* So the count at the end measures something: the workers are up. */
    ck_assert_int_gt(tu_thread_count(), baseline + 8);
    fired_at = sc_now_ns();
    sc_engine_cancel(r.engine);
    pthread_join(t, NULL);
    took = sc_now_ns() - fired_at;
    ck_assert_msg((double)took < 1e9 * multiplier(), "the engine took %llu ms to stop",
                  (unsigned long long)(took / 1000000u));
    ck_assert_int_eq(r.rc, SC_CANCELLED);
    ck_assert(r.summary.interrupted);
    ck_assert_uint_eq(r.summary.reported, HANGERS + COPIES);
    ck_assert_uint_eq(r.summary.verifications, HANGERS);

    sc_engine_free(r.engine);
    det_verifier_free(ver);
    ntf_free(ntf);
    det_ruleset_free(rs);
    src_fs_free(src);
    sc_diag_free(diag);
    fclose(out);
    /* Every verify worker and HTTP client is gone with the engine. */
    ck_assert_int_eq(tu_thread_count_settled(baseline), baseline);

    report = tu_read_file(out_path, &n);
    ck_assert_ptr_nonnull(report);
    ck_assert_uint_eq(tu_count(report, "\n"), HANGERS + COPIES);
    ck_assert_uint_eq(tu_count(report, "\"verification\":\"unknown\","
                                       "\"verification_error\":\"verification interrupted\""),
                      HANGERS + COPIES);
    ck_assert_int_eq(tu_fake_count(fake, pat[1]), 1);
    free(report);
    free(out_path);
    tu_rmtree(dir);
    tu_rmtree(outdir);
    free(dir);
    free(outdir);
    tu_fake_stop(fake);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_engine_cancel");
    TCase *tc = tcase_create("cancel");

    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("all_proxy");
    unsetenv("ALL_PROXY");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_engine_cancel_during_verification);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
