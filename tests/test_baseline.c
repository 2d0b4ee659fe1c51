/* test_baseline.c: baseline files: round trip, sorting, secrecy, line
 * moves, malformed files and concurrent use. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/sc_baseline.h"
#include "tests/support/tu.h"
#include "tests/support/tu_notify.h"

static const char FP_A[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

START_TEST(round_trip_sorted_and_secret_free)
{
    sc_finding **v;
    size_t n = tu_findings_fixture(&v);
    sc_baseline *b = sc_baseline_create(), *loaded = NULL;
    char *dir = tu_mkdtemp(), *path, *text, err[512];
    const char *p, *prev = NULL;
    size_t seen = 0;

    ck_assert_ptr_nonnull(b);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(sc_baseline_add(b, v[i]), SC_OK);
    ck_assert_int_eq(sc_baseline_add(b, v[0]), SC_OK);     /* duplicates collapse */
    ck_assert(asprintf(&path, "%s/.rootle-baseline.json", dir) > 0);
    ck_assert_int_eq(sc_baseline_write(b, path, err, sizeof(err)), SC_OK);

    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"version\": 1"));
    ck_assert_ptr_nonnull(strstr(text, "\"tool\": \"rootle\""));
    for (size_t i = 0; tu_fixture_secrets[i] != NULL; i++)
        ck_assert_msg(strstr(text, tu_fixture_secrets[i]) == NULL, "secret %zu written", i);
    /* Fingerprints appear once each, in ascending order. */
    for (p = text; (p = strstr(p, "{\"fingerprint\": \"")) != NULL; p++) {
        p += strlen("{\"fingerprint\": \"");
        if (prev != NULL)
            ck_assert_int_lt(strncmp(prev, p, SC_HASH_HEX_LEN), 0);
        prev = p;
        seen++;
    }
    ck_assert_uint_eq(seen, n);
    ck_assert_ptr_nonnull(strstr(text, "\"redacted\": \"ghp_\xE2\x80\xA6\""));

    ck_assert_int_eq(sc_baseline_load(path, &loaded, err, sizeof(err)), SC_OK);
    for (size_t i = 0; i < n; i++)
        ck_assert(sc_baseline_contains(loaded, v[i]->fingerprint));
    ck_assert(!sc_baseline_contains(loaded, FP_A));

    /* Writing what was loaded gives the same file, except that bytes
     * which were not UTF-8 come back as the U+FFFD they were written as. */
    {
        char *again, *text2;

        ck_assert(asprintf(&again, "%s/again.json", dir) > 0);
        ck_assert_int_eq(sc_baseline_write(loaded, again, err, sizeof(err)), SC_OK);
        text2 = tu_read_file(again, NULL);
        ck_assert_ptr_nonnull(strstr(text, "bin/\\ufffd\\ufffdbad.txt"));
        ck_assert_ptr_nonnull(strstr(text2, "bin/\xEF\xBF\xBD\xEF\xBF\xBD" "bad.txt"));
        ck_assert_uint_eq(strlen(text2), strlen(text) - 2 * (6 - 3));
        free(text2);
        free(again);
    }
    free(text);
    sc_baseline_free(loaded);
    sc_baseline_free(b);
    tu_findings_free(v, n);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(line_moves_keep_fingerprint)
{
    const char secret[] = "ghp_" "rootleFAKEmovingline0000000000000000";
    sc_finding *old = sc_finding_create("github-pat-classic", "src/app.py", secret,
                                        strlen(secret), NULL);
    sc_finding *moved = sc_finding_create("github-pat-classic", "src/app.py", secret,
                                          strlen(secret), NULL);
    sc_finding *elsewhere = sc_finding_create("github-pat-classic", "src/other.py", secret,
                                              strlen(secret), NULL);
    sc_baseline *b = sc_baseline_create();

    ck_assert(old && moved && elsewhere && b);
    old->line = 5;
    moved->line = 50;
    moved->column = 9;
    ck_assert_int_eq(sc_baseline_add(b, old), SC_OK);
    ck_assert(sc_baseline_contains(b, moved->fingerprint));
    ck_assert(!sc_baseline_contains(b, elsewhere->fingerprint));
    sc_baseline_free(b);
    sc_finding_free(old);
    sc_finding_free(moved);
    sc_finding_free(elsewhere);
    sc_baseline_free(NULL);
}
END_TEST

/* Hand-written and compact JSON both load: libyaml reads JSON. */
START_TEST(loads_compact_and_escaped_json)
{
    char *dir = tu_mkdtemp(), *path, err[512];
    sc_baseline *b = NULL;
    char text[1024];

    snprintf(text, sizeof(text),
             "{\"version\":1,\"findings\":[{\"fingerprint\":\"%s\",\"rule\":\"r\","
             "\"path\":\"a\\/b\\u001b\\n\\u00e9\",\"redacted\":null,\"extra\":[1,{}]}]}",
             FP_A);
    path = tu_write_text(dir, "compact.json", text);
    ck_assert_msg(sc_baseline_load(path, &b, err, sizeof(err)) == SC_OK, "%s", err);
    ck_assert(sc_baseline_contains(b, FP_A));
    sc_baseline_free(b);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* Loads text as a baseline, expecting failure with "PATH:LINE: ..." */
static void expect_error(const char *text, int line, const char *reason)
{
    char *dir = tu_mkdtemp(), *path, *prefix, err[512];
    sc_baseline *b = (sc_baseline *)1;

    path = tu_write_text(dir, "baseline.json", text);
    ck_assert_int_eq(sc_baseline_load(path, &b, err, sizeof(err)), SC_ECONFIG);
    ck_assert_ptr_null(b);
    ck_assert(asprintf(&prefix, "%s:%d: ", path, line) > 0);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "got \"%s\", want prefix \"%s\"",
                  err, prefix);
    ck_assert_msg(strstr(err, reason) != NULL, "got \"%s\", want \"%s\"", err, reason);
    tu_rmtree(dir);
    free(prefix);
    free(path);
    free(dir);
}

START_TEST(malformed_files_name_file_and_line)
{
    char good[128], bad_fp[256];

    snprintf(good, sizeof(good), "{\"fingerprint\": \"%s\"}", FP_A);
    snprintf(bad_fp, sizeof(bad_fp), "{\n  \"version\": 1,\n  \"findings\": [\n    %s,\n"
             "    {\"fingerprint\": \"ABC\"}\n  ]\n}\n", good);
    expect_error(bad_fp, 5, "hex digits");
    expect_error("{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"x\" ,, }\n]}\n", 4, "");
    expect_error("{\n  \"version\": 2,\n  \"findings\": []\n}\n", 2, "unsupported");
    expect_error("[1, 2]\n", 1, "JSON object");
    expect_error("", 1, "empty");
    expect_error("{\"version\": 1,\n \"findings\": {}}\n", 2, "must be an array");
    expect_error("{\"version\": 1}\n", 1, "missing \"findings\"");
    expect_error("{\"findings\": []}\n", 1, "missing \"version\"");
    expect_error("{\"version\": 1,\n \"findings\": [\n  {\"rule\": \"r\"}]}\n", 3,
                 "no \"fingerprint\"");
    expect_error("{\"version\": 1,\n \"findings\": [\"x\"]}\n", 2, "must be an object");
    expect_error("{\"version\": 1,\n \"findings\": [{\"fingerprint\": [1]}]}\n", 2,
                 "must be a string");
    expect_error("{\"version\": 1,\n \"fin\xFF\": []}\n", 2, "");
}
END_TEST

START_TEST(missing_file_is_io_error)
{
    char *dir = tu_mkdtemp(), *path, err[512];
    sc_baseline *b = (sc_baseline *)1;

    ck_assert(asprintf(&path, "%s/none.json", dir) > 0);
    ck_assert_int_eq(sc_baseline_load(path, &b, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_null(b);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    b = sc_baseline_create();
    free(path);
    ck_assert(asprintf(&path, "%s/no/dir/baseline.json", dir) > 0);
    ck_assert_int_eq(sc_baseline_write(b, path, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_nonnull(strstr(err, path));
    sc_baseline_free(b);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(empty_baseline_round_trip)
{
    char *dir = tu_mkdtemp(), *path, *text, err[512];
    sc_baseline *b = sc_baseline_create(), *loaded = NULL;

    ck_assert(asprintf(&path, "%s/b.json", dir) > 0);
    ck_assert_int_eq(sc_baseline_write(b, path, err, sizeof(err)), SC_OK);
    text = tu_read_file(path, NULL);
    ck_assert_str_eq(text, "{\n  \"version\": 1,\n  \"tool\": \"rootle\",\n  \"findings\": []\n}\n");
    ck_assert_int_eq(sc_baseline_load(path, &loaded, err, sizeof(err)), SC_OK);
    ck_assert(!sc_baseline_contains(loaded, FP_A));
    free(text);
    sc_baseline_free(loaded);
    sc_baseline_free(b);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- concurrency: readers call contains() while a writer adds ---- */

enum { READERS = 4, ADDS = 400 };

typedef struct shared {
    sc_baseline *b;
    sc_finding **f;
    pthread_barrier_t start;
} shared;

static void *reader(void *arg)
{
    shared *s = arg;
    size_t hits = 0;

    pthread_barrier_wait(&s->start);
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < ADDS; i++)
            hits += sc_baseline_contains(s->b, s->f[i]->fingerprint);
    }
    return (void *)hits;
}

static void *adder(void *arg)
{
    shared *s = arg;

    pthread_barrier_wait(&s->start);
    for (size_t i = 0; i < ADDS; i++)
        ck_assert_int_eq(sc_baseline_add(s->b, s->f[i]), SC_OK);
    return NULL;
}

START_TEST(concurrent_contains_and_add)
{
    static sc_finding *f[ADDS];
    shared s = { .b = sc_baseline_create(), .f = f };
    pthread_t t[READERS + 1];

    ck_assert_ptr_nonnull(s.b);
    for (size_t i = 0; i < ADDS; i++) {
        char path[32], secret[48];

        snprintf(path, sizeof(path), "f%zu", i);
        snprintf(secret, sizeof(secret), "rootle" "FAKE-%zu", i);
        f[i] = sc_finding_create("r", path, secret, strlen(secret), NULL);
        ck_assert_ptr_nonnull(f[i]);
    }
    ck_assert_int_eq(pthread_barrier_init(&s.start, NULL, READERS + 1), 0);
    for (int i = 0; i < READERS; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, reader, &s), 0);
    ck_assert_int_eq(pthread_create(&t[READERS], NULL, adder, &s), 0);
    for (int i = 0; i <= READERS; i++)
        pthread_join(t[i], NULL);
    for (size_t i = 0; i < ADDS; i++) {
        ck_assert(sc_baseline_contains(s.b, f[i]->fingerprint));
        sc_finding_free(f[i]);
    }
    pthread_barrier_destroy(&s.start);
    sc_baseline_free(s.b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("baseline");
    TCase *tc = tcase_create("baseline");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, round_trip_sorted_and_secret_free);
    tcase_add_test(tc, line_moves_keep_fingerprint);
    tcase_add_test(tc, loads_compact_and_escaped_json);
    tcase_add_test(tc, malformed_files_name_file_and_line);
    tcase_add_test(tc, missing_file_is_io_error);
    tcase_add_test(tc, empty_baseline_round_trip);
    tcase_add_test(tc, concurrent_contains_and_add);
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
