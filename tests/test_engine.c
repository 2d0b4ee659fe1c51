/* test_engine.c: the whole pipeline with fake plugins: a normal run, a
 * graceful cancel that still writes every finding already made, a hard
 * abort, and tunable shapes. Threads are held at known points with
 * semaphores, never sleeps. */
#include <check.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/sc_engine.h"
#include "tests/support/fakes.h"
#include "tests/support/tu.h"

typedef struct run_ctx {
    fake_source fs;
    fake_detector fd;
    fake_notifier fnt;
    sc_source src;
    sc_detector det;
    sc_verifier ver;
    sc_notifier ntf;
    sc_engine_config cfg;
    sc_engine *engine;
    sc_summary summary;
    sc_code rc;
    char path[64];
    int fd_out;
} run_ctx;

static void run_ctx_init(run_ctx *r, const char *text, int nchunks)
{
    memset(r, 0, sizeof(*r));
    r->fs.text = text;
    r->fs.nchunks = nchunks;
    r->src = fake_source_plugin(&r->fs);
    r->det = fake_detector_plugin(&r->fd);
    r->ver = fake_verifier_plugin();
    r->ntf = fake_notifier_plugin(&r->fnt);
    strcpy(r->path, "/tmp/rootle-engine-XXXXXX");
    r->fd_out = mkstemp(r->path);
    sc_engine_config_defaults(&r->cfg);
    r->cfg.concurrency = 1;
    r->cfg.source = &r->src;
    r->cfg.detector = &r->det;
    r->cfg.verifier = &r->ver;
    r->cfg.notifier = &r->ntf;
    r->cfg.out_fd = r->fd_out;
    r->cfg.diag = sc_diag_create(stderr, false);
    ck_assert_int_eq(sc_engine_create(&r->cfg, &r->engine), SC_OK);
}

static char *run_ctx_finish(run_ctx *r)
{
    char *text;

    sc_engine_free(r->engine);
    sc_diag_free(r->cfg.diag);
    close(r->fd_out);
    text = tu_read_file(r->path, NULL);
    unlink(r->path);
    return text;
}

static void *run_thread(void *arg)
{
    run_ctx *r = arg;

    r->rc = sc_engine_run(r->engine, &r->summary);
    return NULL;
}

START_TEST(test_defaults_are_the_design)
{
    sc_engine_config cfg;

    sc_engine_config_defaults(&cfg);
    ck_assert_uint_eq(cfg.detect_per_cpu, 3);
    ck_assert_uint_eq(cfg.verify_per_cpu, 2);
    ck_assert_uint_eq(cfg.notify_per_cpu, 1);
    ck_assert_uint_eq(cfg.chunk_buffer, 100);
    ck_assert_uint_eq(cfg.finding_buffer, 1000);
    ck_assert_uint_eq(cfg.result_buffer, 100);
    ck_assert_uint_eq(cfg.output_buffer, 100);
}
END_TEST

START_TEST(test_full_run)
{
    run_ctx r;
    int baseline = tu_thread_baseline();
    char *text;

    run_ctx_init(&r, "a TOKEN-1 b\nTOKEN-22\n", 300);
    r.cfg.concurrency = 2;
    sc_engine_free(r.engine);
    ck_assert_int_eq(sc_engine_create(&r.cfg, &r.engine), SC_OK);
    ck_assert_int_eq(sc_engine_run(r.engine, &r.summary), SC_OK);
    ck_assert_int_eq(tu_thread_count_settled(baseline), baseline);
    ck_assert_uint_eq(r.summary.chunks, 300);
    ck_assert_uint_eq(r.summary.findings, 600);
    ck_assert_uint_eq(r.summary.reported, 600);
    ck_assert_uint_eq(r.summary.reported_verified, 300);
    ck_assert(!r.summary.interrupted);
    ck_assert_uint_eq(r.summary.stages[1].workers, 6);
    ck_assert_uint_eq(r.summary.stages[2].workers, 4);
    ck_assert_uint_eq(r.summary.stages[3].workers, 2);
    ck_assert_uint_eq(r.summary.stages[1].buffer, 1000);
    ck_assert_str_eq(r.summary.stages[0].name, "source");
    ck_assert(r.fnt.ended);
    text = run_ctx_finish(&r);
    ck_assert(strncmp(text, "BEGIN\n", 6) == 0);
    ck_assert_uint_eq(tu_count(text, "fake-rule file"), 600);
    ck_assert_ptr_nonnull(strstr(text, "END 600\n"));
    ck_assert_uint_eq(tu_count(text, ":2:1 verified\n"), 300);
    free(text);
}
END_TEST

START_TEST(test_tunable_shape)
{
    run_ctx r;

    run_ctx_init(&r, "TOKEN-3\n", 50);
    r.cfg.concurrency = 3;
    r.cfg.detect_per_cpu = 1;
    r.cfg.verify_per_cpu = 5;
    r.cfg.chunk_buffer = 1;
    r.cfg.finding_buffer = 2;
    sc_engine_free(r.engine);
    ck_assert_int_eq(sc_engine_create(&r.cfg, &r.engine), SC_OK);
    ck_assert_int_eq(sc_engine_run(r.engine, &r.summary), SC_OK);
    ck_assert_uint_eq(r.summary.stages[1].workers, 3);
    ck_assert_uint_eq(r.summary.stages[2].workers, 15);
    ck_assert_uint_eq(r.summary.stages[0].buffer, 1);
    ck_assert_uint_eq(r.summary.reported, 50);
    free(run_ctx_finish(&r));
}
END_TEST

/* Cancel while every detect worker holds a chunk: the chunks in hand are
 * finished and their findings written; no new chunk is taken. */
START_TEST(test_cancel_flushes_findings_and_joins)
{
    enum { PASSED = 5, WORKERS = 3 };
    int baseline = tu_thread_baseline();
    sem_t entered, gate;
    run_ctx r;
    pthread_t t;
    char *text;

    sem_init(&entered, 0, 0);
    sem_init(&gate, 0, 0);
    run_ctx_init(&r, "TOKEN-1 TOKEN-2\n", 1000);
    r.fd.entered = &entered;
    r.fd.gate = &gate;
    pthread_create(&t, NULL, run_thread, &r);
    for (int i = 0; i < PASSED; i++)
        sem_post(&gate);
    for (int i = 0; i < PASSED + WORKERS; i++)
        sem_wait(&entered);
    sc_engine_cancel(r.engine);
    for (int i = 0; i < WORKERS; i++)
        sem_post(&gate);
    pthread_join(t, NULL);
    ck_assert_int_eq(tu_thread_count_settled(baseline), baseline);
    ck_assert_int_eq(r.rc, SC_CANCELLED);
    ck_assert(r.summary.interrupted);
    ck_assert_int_eq(atomic_load(&r.fd.chunks), PASSED + WORKERS);
    ck_assert_uint_eq(r.summary.reported, 2 * (PASSED + WORKERS));
    ck_assert_int_lt(atomic_load(&r.fs.sent), 1000);
    text = run_ctx_finish(&r);
    ck_assert_uint_eq(tu_count(text, "fake-rule file"), 2 * (PASSED + WORKERS));
    ck_assert_ptr_nonnull(strstr(text, "END 16\n"));
    free(text);
}
END_TEST

START_TEST(test_abort_stops_everything)
{
    int baseline = tu_thread_baseline();
    sem_t entered, gate;
    run_ctx r;
    pthread_t t;

    sem_init(&entered, 0, 0);
    sem_init(&gate, 0, 0);
    run_ctx_init(&r, "TOKEN-1\n", 1000);
    r.fd.entered = &entered;
    r.fd.gate = &gate;
    pthread_create(&t, NULL, run_thread, &r);
    for (int i = 0; i < 3; i++)
        sem_wait(&entered);
    sc_engine_abort(r.engine);
    for (int i = 0; i < 3; i++)
        sem_post(&gate);
    pthread_join(t, NULL);
    ck_assert_int_eq(tu_thread_count_settled(baseline), baseline);
    ck_assert(r.summary.interrupted);
    ck_assert_uint_eq(r.summary.reported, 0);
    free(run_ctx_finish(&r));
}
END_TEST

START_TEST(test_invalid_config_rejected)
{
    sc_engine_config cfg;
    sc_engine *e;

    sc_engine_config_defaults(&cfg);
    ck_assert_int_eq(sc_engine_create(&cfg, &e), SC_EINVAL);
    ck_assert_ptr_null(e);
    sc_engine_free(NULL);
}
END_TEST

static Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("pipeline");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_defaults_are_the_design);
    tcase_add_test(tc, test_full_run);
    tcase_add_test(tc, test_tunable_shape);
    tcase_add_test(tc, test_cancel_flushes_findings_and_joins);
    tcase_add_test(tc, test_abort_stops_everything);
    tcase_add_test(tc, test_invalid_config_rejected);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(engine_suite());
}
