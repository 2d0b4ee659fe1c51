/* test_notify_engine.c: the formats behind the real engine, with several
 * notify workers and the writer putting the SARIF separator between
 * results. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notifiers/ntf.h"
#include "scanner/sc_engine.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

enum { CHUNKS = 600, RULES = 5 };

static sc_code source_run(void *self, const sc_scan_ctx *ctx, sc_emit *out)
{
    (void)self;
    (void)ctx;
    for (unsigned i = 0; i < CHUNKS; i++) {
        char path[64];
        sc_chunk *c;
        sc_code rc;

        snprintf(path, sizeof(path), "./dir/file %u.txt", i);
        c = sc_chunk_create(path, 16);
        ck_assert_ptr_nonnull(c);
        c->len = c->owned = (size_t)snprintf((char *)c->data, 16, "%u", i);
        rc = sc_emit_send(out, c);
        if (rc != SC_OK)
            return rc;
    }
    return SC_OK;
}

static void *worker_create(void *self)
{
    return self != NULL ? self : (void *)1;
}

static void worker_free(void *self, void *worker)
{
    (void)self;
    (void)worker;
}

/* One finding per chunk, spread over RULES rules. */
static sc_code detect_scan(void *worker, const sc_scan_ctx *ctx, const sc_chunk *chunk,
                           sc_emit *out)
{
    unsigned i = (unsigned)strtoul((const char *)chunk->data, NULL, 10);
    char rule[16], secret[48];
    sc_finding *f;

    (void)worker;
    (void)ctx;
    snprintf(rule, sizeof(rule), "rule-%u", i % RULES);
    snprintf(secret, sizeof(secret), "rootle" "FAKE-engine-%u", i);
    f = sc_finding_create(rule, chunk->path, secret, strlen(secret), NULL);
    if (f == NULL)
        return SC_ENOMEM;
    f->line = 1;
    f->column = 1;
    f->end_column = 1 + strlen(secret);
    return sc_emit_send(out, f);
}

/* Runs a scan of CHUNKS findings into a temporary file; returns its text. */
static char *scan_with(ntf_format format)
{
    const ntf_options o = { .format = format, .version = TU_VERSION };
    sc_source src = { NULL, source_run };
    sc_detector det = { NULL, worker_create, worker_free, detect_scan };
    sc_diag *diag = sc_diag_create(stderr, false);
    ntf_notifier *nn = NULL;
    sc_notifier plug;
    sc_engine_config cfg;
    sc_engine *e = NULL;
    sc_summary sum;
    char *dir = tu_mkdtemp(), *path, *text;
    int fd;

    ck_assert_ptr_nonnull(diag);
    ck_assert_int_eq(ntf_create(&o, &nn), SC_OK);
    plug = ntf_plugin(nn);
    ck_assert(asprintf(&path, "%s/report", dir) > 0);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ck_assert_int_ge(fd, 0);
    sc_engine_config_defaults(&cfg);
    cfg.concurrency = 4;            /* Four notify workers race to the writer. */
    cfg.result_buffer = 4;
    cfg.output_buffer = 4;
    cfg.source = &src;
    cfg.detector = &det;
    cfg.notifier = &plug;
    cfg.out_fd = fd;
    cfg.diag = diag;
    ck_assert_int_eq(sc_engine_create(&cfg, &e), SC_OK);
    ck_assert_int_eq(sc_engine_run(e, &sum), SC_OK);
    ck_assert_uint_eq(sum.reported, CHUNKS);
    close(fd);
    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    sc_engine_free(e);
    ntf_free(nn);
    sc_diag_free(diag);
    tu_rmtree(dir);
    free(path);
    free(dir);
    return text;
}

START_TEST(sarif_through_engine)
{
    char *text = scan_with(NTF_SARIF);

    ck_assert_uint_eq(tu_count(text, "{\"ruleId\":"), CHUNKS);
    ck_assert_uint_eq(tu_count(text, "},\n{\"ruleId\":"), CHUNKS - 1);
    tu_check_sarif(text, CHUNKS);
    free(text);
}
END_TEST

START_TEST(json_through_engine)
{
    char *text = scan_with(NTF_JSON);

    /* No separator: each line stands alone. */
    ck_assert_uint_eq(tu_count(text, "\n"), CHUNKS);
    ck_assert_uint_eq(tu_count(text, "}\n{"), CHUNKS - 1);
    ck_assert_ptr_null(strstr(text, ",\n"));
    free(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notify_engine");
    TCase *tc = tcase_create("engine");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sarif_through_engine);
    tcase_add_test(tc, json_through_engine);
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
