/* test_detect_concurrent.c: many workers scanning at once over one shared
 * ruleset. Threads start together on a barrier; each has its own worker
 * and emit. Under TSan this checks that the ruleset really is read-only
 * while scanning and that the statistics are summed safely. */
#include <check.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/sc_stage.h"
#include "tests/support/det_tu.h"

#define THREADS 8
#define CHUNKS 40

static const det_rule_def rules[] = {
    { .id = "t-id", .keywords = { "rtid" }, .pattern = "\\b(?<secret>RTID[A-Z0-9]{16})\\b",
      .pair_with = "t-key" },
    { .id = "t-key", .keywords = { "rootle_key" },
      .pattern = "rootle_key\\s*=\\s*(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])" },
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b" },
    { .id = "t-fallback", .keywords = { "rtkfb=" },
      .pattern = "rtkfb=\\K(?<secret>[a-z0-9]{20})\\b" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

typedef struct job {
    det_ruleset *rs;
    pthread_barrier_t *start;
    sc_chunk **chunks;
    size_t findings;
    size_t related;
    sc_code rc;
} job;

static sc_code count_finding(void *arg, void *item)
{
    job *j = arg;
    sc_finding *f = item;

    j->findings++;
    j->related += f->nrelated;
    sc_finding_free(f);
    return SC_OK;
}

static void *run(void *arg)
{
    job *j = arg;
    sc_detector d = det_ruleset_detector(j->rs);
    sc_emit *e = sc_emit_create_callback(count_finding, j, NULL, sc_finding_free_item);
    void *w = d.worker_create(d.self);

    pthread_barrier_wait(j->start);
    for (size_t i = 0; i < CHUNKS && j->rc == SC_OK && w != NULL && e != NULL; i++)
        j->rc = d.scan(w, NULL, j->chunks[i], e);
    if (w == NULL || e == NULL)
        j->rc = SC_ENOMEM;
    d.worker_free(d.self, w);
    sc_emit_free(e);
    return NULL;
}

/* Four findings per chunk: a plain token, a paired id (and its key), and
 * a base64-encoded token; plus one fallback-rule finding. */
static sc_chunk *make_chunk(size_t i)
{
    char plain[128], enc[256], text[1024];

    snprintf(plain, sizeof(plain), "token=rtk_" "rootlefake%02zuq8w2mz7xk4vn", i);
    EVP_EncodeBlock((unsigned char *)enc, (const unsigned char *)plain, (int)strlen(plain));
    snprintf(text, sizeof(text),
             "id = rtk_" "fakerootle%02zuz3k9qw2ls8xv\n"
             "rootle_id = RTID" "ROOTLEFAKE%02zuQ2WZ\n"
             "rootle_key = rootle" "FAKEsecretKEY0x9Qp2Lm7Vw3Zt8Rb4N%02zu\n"
             "blob: %s\n"
             "rtkfb=rootlefake%02zuq2w9z4k1\n",
             i, i, i, enc, i);
    return dtu_chunk("c.txt", text, strlen(text));
}

START_TEST(many_workers)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 3);
    pthread_barrier_t start;
    pthread_t th[THREADS];
    job jobs[THREADS];
    sc_chunk *chunks[CHUNKS];
    det_rule_time t[NRULES];
    uint64_t matches = 0;
    size_t n;

    for (size_t i = 0; i < CHUNKS; i++)
        chunks[i] = make_chunk(i);
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){ rs, &start, chunks, 0, 0, SC_OK };
        ck_assert_int_eq(pthread_create(&th[i], NULL, run, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(jobs[i].rc, SC_OK);
        ck_assert_uint_eq(jobs[i].findings, CHUNKS * 5);
        ck_assert_uint_eq(jobs[i].related, CHUNKS);
    }
    pthread_barrier_destroy(&start);
    n = det_ruleset_slowest(rs, t, NRULES);
    ck_assert_uint_eq(n, NRULES);
    for (size_t i = 0; i < n; i++)
        matches += t[i].matches;
    ck_assert_uint_eq(matches, (uint64_t)THREADS * CHUNKS * 5);
    for (size_t i = 0; i < CHUNKS; i++)
        sc_chunk_free(chunks[i]);
    det_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_concurrent");
    TCase *tc = tcase_create("concurrent");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, many_workers);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
