/* test_pipeline.c: each stage of the engine run alone between two channels
 * that the test feeds and drains. */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/sc_pipeline.h"
#include "tests/support/fakes.h"
#include "tests/support/tu.h"

typedef struct fixture {
    sc_counters counters;
    sc_pipeline_env env;
    sc_diag *diag;
    sc_cancel *token;
} fixture;

static void fixture_init(fixture *fx)
{
    memset(fx, 0, sizeof(*fx));
    fx->diag = sc_diag_create(stderr, false);
    fx->token = sc_cancel_create();
    fx->env.ctx.diag = fx->diag;
    fx->env.ctx.counters = &fx->counters;
    fx->env.ctx.cancel = fx->token;
    sc_pipeline_env_init(&fx->env);
}

static void fixture_free(fixture *fx)
{
    sc_pipeline_env_destroy(&fx->env);
    sc_diag_free(fx->diag);
    sc_cancel_free(fx->token);
}

/* Runs ops on nworkers between in (already closed by the caller) and out. */
static sc_stage *run_stage(sc_stage_ops *ops, unsigned nworkers, sc_chan *in, sc_chan *out,
                           sc_cancel *token)
{
    sc_stage_config cfg = { nworkers, in, out, token, token };
    sc_stage *s;

    ck_assert_int_eq(sc_stage_start(ops, &cfg, &s), SC_OK);
    return s;
}

static sc_chunk *make_chunk(const char *path, const char *text)
{
    size_t len = strlen(text);
    sc_chunk *c = sc_chunk_create(path, len);

    memcpy(c->data, text, len + 1);
    c->len = c->owned = len;
    return c;
}

START_TEST(test_source_stage_alone)
{
    fixture fx;
    fake_source fs = { .text = "hello", .nchunks = 7 };
    sc_source src = fake_source_plugin(&fs);
    sc_chan *out = sc_chan_create(100, sc_chunk_free_item);
    sc_stage_ops ops;
    sc_stage *s;

    fixture_init(&fx);
    fx.env.source = &src;
    sc_pipeline_source_ops(&fx.env, &ops);
    s = run_stage(&ops, 1, NULL, out, fx.token);
    sc_stage_free(s);
    ck_assert_uint_eq(sc_chan_len(out), 7);
    ck_assert_uint_eq(atomic_load(&fx.counters.chunks), 7);
    sc_chan_free(out);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_detect_stage_alone)
{
    fixture fx;
    fake_detector fd = { 0 };
    sc_detector det = fake_detector_plugin(&fd);
    sc_chan *in = sc_chan_create(10, sc_chunk_free_item);
    sc_chan *out = sc_chan_create(100, sc_finding_free_item);
    sc_stage_ops ops;
    sc_stage *s;
    void *item;
    int n = 0;

    fixture_init(&fx);
    fx.env.detector = &det;
    sc_pipeline_detect_ops(&fx.env, &ops);
    ck_assert_int_eq(sc_chan_send(in, make_chunk("a.txt", "x TOKEN-12\nTOKEN-7 y"), NULL), SC_OK);
    ck_assert_int_eq(sc_chan_send(in, make_chunk("b.txt", "nothing here"), NULL), SC_OK);
    sc_chan_close(in);
    s = run_stage(&ops, 3, in, out, fx.token);
    sc_stage_free(s);
    while (sc_chan_recv(out, &item, NULL) == SC_OK) {
        sc_finding *f = item;

        ck_assert_str_eq(f->path, "a.txt");
        if (strcmp(f->secret, "TOKEN-12") == 0) {
            ck_assert_uint_eq(f->line, 1);
            ck_assert_uint_eq(f->column, 3);
        } else {
            ck_assert_str_eq(f->secret, "TOKEN-7");
            ck_assert_uint_eq(f->line, 2);
            ck_assert_uint_eq(f->column, 1);
        }
        n++;
        sc_finding_free(f);
    }
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(atomic_load(&fd.chunks), 2);
    sc_chan_free(in);
    sc_chan_free(out);
    fixture_free(&fx);
}
END_TEST

static void feed_findings(sc_chan *in, int n)
{
    for (int i = 0; i < n; i++) {
        char secret[32];
        sc_finding *f;

        snprintf(secret, sizeof(secret), "TOKEN-%d", i);
        f = sc_finding_create("fake-rule", "f.txt", secret, strlen(secret), NULL);
        f->verification = SC_VERIFY_VERIFIED;  /* The stage must reset it. */
        ck_assert_int_eq(sc_chan_send(in, f, NULL), SC_OK);
    }
    sc_chan_close(in);
}

START_TEST(test_verify_stage_alone_without_verifier)
{
    fixture fx;
    sc_chan *in = sc_chan_create(50, sc_finding_free_item);
    sc_chan *out = sc_chan_create(50, sc_finding_free_item);
    sc_stage_ops ops;
    void *item;
    int n = 0;

    fixture_init(&fx);
    sc_pipeline_verify_ops(&fx.env, &ops);
    feed_findings(in, 20);
    sc_stage_free(run_stage(&ops, 4, in, out, fx.token));
    while (sc_chan_recv(out, &item, NULL) == SC_OK) {
        ck_assert_int_eq(((sc_finding *)item)->verification, SC_VERIFY_SKIPPED);
        sc_finding_free(item);
        n++;
    }
    ck_assert_int_eq(n, 20);
    ck_assert_uint_eq(atomic_load(&fx.counters.findings), 20);
    sc_chan_free(in);
    sc_chan_free(out);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_verify_stage_alone_with_verifier)
{
    fixture fx;
    sc_verifier ver = fake_verifier_plugin();
    sc_chan *in = sc_chan_create(50, sc_finding_free_item);
    sc_chan *out = sc_chan_create(50, sc_finding_free_item);
    sc_stage_ops ops;
    void *item;
    int verified = 0, unverified = 0;

    fixture_init(&fx);
    fx.env.verifier = &ver;
    sc_pipeline_verify_ops(&fx.env, &ops);
    feed_findings(in, 20);
    sc_stage_free(run_stage(&ops, 4, in, out, fx.token));
    while (sc_chan_recv(out, &item, NULL) == SC_OK) {
        sc_finding *f = item;

        if (f->verification == SC_VERIFY_VERIFIED)
            verified++;
        else if (f->verification == SC_VERIFY_UNVERIFIED)
            unverified++;
        sc_finding_free(f);
    }
    ck_assert_int_eq(verified, 10);
    ck_assert_int_eq(unverified, 10);
    sc_chan_free(in);
    sc_chan_free(out);
    fixture_free(&fx);
}
END_TEST

static bool drop_even(void *arg, const sc_finding *f)
{
    (void)arg;
    return (f->secret[f->secret_len - 1] - '0') % 2 == 0;
}

START_TEST(test_notify_stage_alone)
{
    fixture fx;
    fake_notifier fnt = { 0 };
    sc_notifier ntf = fake_notifier_plugin(&fnt);
    sc_chan *in = sc_chan_create(50, sc_finding_free_item);
    sc_chan *out = sc_chan_create(50, sc_out_item_free);
    sc_stage_ops ops;
    void *item;
    int n = 0;

    fixture_init(&fx);
    fx.env.notifier = &ntf;
    fx.env.suppress = drop_even;
    sc_pipeline_notify_ops(&fx.env, &ops);
    feed_findings(in, 20);
    sc_stage_free(run_stage(&ops, 2, in, out, fx.token));
    while (sc_chan_recv(out, &item, NULL) == SC_OK) {
        sc_out_item *it = item;

        ck_assert_ptr_nonnull(strstr(it->buf.data, "fake-rule f.txt:1:1"));
        ck_assert(it->verified);
        sc_out_item_free(it);
        n++;
    }
    ck_assert_int_eq(n, 10);
    ck_assert_uint_eq(atomic_load(&fx.counters.suppressed), 10);
    sc_chan_free(in);
    sc_chan_free(out);
    fixture_free(&fx);
}
END_TEST

static void feed_items(sc_chan *in, int n)
{
    for (int i = 0; i < n; i++) {
        sc_out_item *it = calloc(1, sizeof(*it));

        sc_buf_printf(&it->buf, "line %d\n", i);
        it->verified = i < 3;
        ck_assert_int_eq(sc_chan_send(in, it, NULL), SC_OK);
    }
    sc_chan_close(in);
}

START_TEST(test_write_stage_alone)
{
    fixture fx;
    char path[] = "/tmp/rootle-write-XXXXXX";
    int fd = mkstemp(path);
    sc_chan *in = sc_chan_create(50, sc_out_item_free);
    sc_stage_ops ops;
    char *text;

    fixture_init(&fx);
    fx.env.out_fd = fd;
    sc_pipeline_write_ops(&fx.env, &ops);
    feed_items(in, 10);
    sc_stage_free(run_stage(&ops, 1, in, NULL, fx.token));
    close(fd);
    text = tu_read_file(path, NULL);
    unlink(path);
    ck_assert_uint_eq(tu_count(text, "line "), 10);
    ck_assert_ptr_nonnull(strstr(text, "line 0\nline 1\n"));
    ck_assert_uint_eq(atomic_load(&fx.counters.reported), 10);
    ck_assert_uint_eq(atomic_load(&fx.counters.reported_verified), 3);
    free(text);
    sc_chan_free(in);
    fixture_free(&fx);
}
END_TEST

static int output_errors;
static int output_errno;

static void note_error(void *arg, int err)
{
    (void)arg;
    output_errors++;
    output_errno = err;
}

START_TEST(test_write_stage_broken_pipe)
{
    fixture fx;
    int p[2];
    sc_chan *in = sc_chan_create(50, sc_out_item_free);
    sc_stage_ops ops;

    signal(SIGPIPE, SIG_IGN);
    ck_assert_int_eq(pipe(p), 0);
    close(p[0]);
    fixture_init(&fx);
    fx.env.out_fd = p[1];
    fx.env.on_output_error = note_error;
    sc_pipeline_write_ops(&fx.env, &ops);
    feed_items(in, 10);
    sc_stage_free(run_stage(&ops, 1, in, NULL, fx.token));
    ck_assert(atomic_load(&fx.env.output_failed));
    ck_assert_int_eq(output_errors, 1);
    ck_assert_int_eq(output_errno, EPIPE);
    ck_assert_uint_eq(atomic_load(&fx.counters.reported), 0);
    close(p[1]);
    sc_chan_free(in);   /* Frees the nine items never written. */
    fixture_free(&fx);
}
END_TEST

static Suite *pipeline_suite(void)
{
    Suite *s = suite_create("pipeline");
    TCase *tc = tcase_create("stages alone");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_source_stage_alone);
    tcase_add_test(tc, test_detect_stage_alone);
    tcase_add_test(tc, test_verify_stage_alone_without_verifier);
    tcase_add_test(tc, test_verify_stage_alone_with_verifier);
    tcase_add_test(tc, test_notify_stage_alone);
    tcase_add_test(tc, test_write_stage_alone);
    tcase_add_test(tc, test_write_stage_broken_pipe);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(pipeline_suite());
}
