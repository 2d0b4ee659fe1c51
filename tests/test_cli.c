/* test_cli.c: end-to-end tests of the rootle command on generated trees:
 * JSON output, positions, exit codes, stdin, signals and a closed pipe.
 * Every scan runs with --no-verification: tests never touch the network. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/support/fake_tokens.h"
#include "tests/support/tu.h"
#include "tests/support/tu_cli.h"

#define NOVERIFY "--no-verification"

START_TEST(test_help_version_and_usage)
{
    tu_run r;

    tu_cli_rootle(&r, NULL, "--help", NULL, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "scan PATH"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "version", NULL, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "rootle "));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--help", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "--no-verification"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "frobnicate", NULL, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 2);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--format", "xml", ".", NULL, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "xml"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NULL, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 2);
    tu_run_free(&r);
}
END_TEST

START_TEST(test_missing_path_is_usage_error)
{
    tu_run r;

    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "/nonexistent/rootle-path", NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/rootle-path"));
    ck_assert_uint_eq(r.out_len, 0);
    tu_run_free(&r);
}
END_TEST

/* A tree with secrets at known places. */
typedef struct tree {
    char *dir;
    char pat[3][64];
} tree;

static void make_tree(tree *t)
{
    char text[512];

    t->dir = tu_mkdtemp();
    for (unsigned i = 0; i < 3; i++)
        fake_github_pat(i + 1, t->pat[i]);
    snprintf(text, sizeof(text), "# config\n\n    %s\n", t->pat[0]);
    free(tu_write_text(t->dir, "a/config.txt", text));
    snprintf(text, sizeof(text), "line one\r\nline two\r\nx = \"%s\"\r\n", t->pat[1]);
    free(tu_write_text(t->dir, "b/crlf.txt", text));
    snprintf(text, sizeof(text), "{\"token\": \"%s\"}\n", t->pat[2]);
    free(tu_write_text(t->dir, "b/deep/er/app.json", text));
    free(tu_write_text(t->dir, "clean.txt", "nothing to see here\n"));
}

static void free_tree(tree *t)
{
    tu_rmtree(t->dir);
    free(t->dir);
}

START_TEST(test_json_output_fields_and_positions)
{
    tree t;
    tu_run r;
    char want[256];

    make_tree(&t);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format", "json", t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 3);
    ck_assert_uint_eq(tu_count(r.out, "\"detector\":\"github-pat-classic\""), 3);
    ck_assert_uint_eq(tu_count(r.out, "\"verification\":\"skipped\""), 3);
    ck_assert_uint_eq(tu_count(r.out, "\"decoder\":\"plain\""), 3);
    /* file:line:col of each secret, with the path as walked from the
     * argument given. */
    snprintf(want, sizeof(want), "\"file\":\"%s/a/config.txt\",\"line\":3,\"column\":5", t.dir);
    ck_assert_msg(strstr(r.out, want) != NULL, "missing %s in %s", want, r.out);
    snprintf(want, sizeof(want), "\"file\":\"%s/b/crlf.txt\",\"line\":3,\"column\":6", t.dir);
    ck_assert_msg(strstr(r.out, want) != NULL, "missing %s in %s", want, r.out);
    snprintf(want, sizeof(want), "\"secret\":\"%s\"", t.pat[2]);
    ck_assert_ptr_nonnull(strstr(r.out, want));
    ck_assert_ptr_nonnull(strstr(r.out, "\"redacted\":\"ghp_\xE2\x80\xA6\""));
    ck_assert_ptr_nonnull(strstr(r.out, "\"fingerprint\":\""));
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

START_TEST(test_text_output_is_redacted)
{
    tree t;
    tu_run r;

    make_tree(&t);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, t.dir, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(strstr(r.out, t.pat[i]) == NULL, "raw secret in text output");
    ck_assert_ptr_nonnull(strstr(r.out, "github-pat-classic"));
    ck_assert_ptr_nonnull(strstr(r.out, "config.txt:3:5"));
    /* Not a TTY: no colour. */
    ck_assert_ptr_null(strstr(r.out, "\033["));
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

START_TEST(test_exit_codes)
{
    tree t;
    tu_run r;
    char *clean = tu_mkdtemp();

    make_tree(&t);
    free(tu_write_text(clean, "x.txt", "hello\n"));
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--fail", clean, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, t.dir, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--fail", t.dir, NULL, NULL);
    ck_assert_int_eq(r.status, 183);
    tu_run_free(&r);
    tu_rmtree(clean);
    free(clean);
    free_tree(&t);
}
END_TEST

/* Root reads everything, so when the tests run as root rootle is started
 * through setpriv(1) as nobody, and the test itself stays root to clean up. */
static void run_as_nobody(tu_run *r, const char *a1, const char *a2, const char *a3,
                          const char *a4, const char *a5)
{
    char *argv[16];
    int n = 0;

    if (geteuid() == 0) {
        argv[n++] = "setpriv";
        argv[n++] = "--reuid=65534";
        argv[n++] = "--regid=65534";
        argv[n++] = "--clear-groups";
    }
    argv[n++] = (char *)tu_rootle_bin();
    argv[n++] = (char *)a1;
    argv[n++] = (char *)a2;
    argv[n++] = (char *)a3;
    argv[n++] = (char *)a4;
    argv[n++] = (char *)a5;
    argv[n] = NULL;
    tu_run_cmd(argv, NULL, 60, r);
}

START_TEST(test_unreadable_file_reported_and_scan_goes_on)
{
    tree t;
    tu_run r;
    char *locked;

    make_tree(&t);
    locked = tu_write_text(t.dir, "a/locked.txt", "secret stuff\n");
    chmod(locked, 0);
    chmod(t.dir, 0755);
    run_as_nobody(&r, "scan", NOVERIFY, "--format", "json", t.dir);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_count(r.out, "github-pat-classic"), 3);
    ck_assert_msg(strstr(r.err, "locked.txt") != NULL, "no error naming the file: %s", r.err);
    ck_assert_msg(strstr(r.err, "Permission denied") != NULL, "no reason: %s", r.err);
    tu_run_free(&r);
    run_as_nobody(&r, "scan", NOVERIFY, "--fail-on-scan-errors", t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    tu_run_free(&r);
    free(locked);
    free_tree(&t);
}
END_TEST

START_TEST(test_stdin)
{
    char pat[64], text[256];
    tu_run r;

    fake_github_pat(9, pat);
    snprintf(text, sizeof(text), "first\nsecond %s\n", pat);
    tu_cli_rootle(&r, text, "scan", NOVERIFY, "--format", "json", "-", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "\"file\":\"-\",\"line\":2,\"column\":8"));
    tu_run_free(&r);
}
END_TEST

START_TEST(test_stats)
{
    tree t;
    tu_run r;

    make_tree(&t);
    /* Options may follow the paths, as with most GNU tools. */
    tu_cli_rootle(&r, NULL, "scan", t.dir, NOVERIFY, "--stats", "--format", "json", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.err, "files/hour"));
    ck_assert_ptr_nonnull(strstr(r.err, "chunks/hour"));
    ck_assert_ptr_nonnull(strstr(r.err, "bottleneck"));
    ck_assert_ptr_nonnull(strstr(r.err, "detect"));
    ck_assert_ptr_nonnull(strstr(r.err, "files        4"));
    /* The stats never leak a secret. */
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_null(strstr(r.err, t.pat[i]));
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

START_TEST(test_detectors_listing)
{
    tu_run r;

    tu_cli_rootle(&r, NULL, "detectors", "--format", "json", NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_ge(tu_count(r.out, "\n"), 15);
    ck_assert_uint_eq(tu_count(r.out, "{\"id\":"), tu_count(r.out, "\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "\"id\":\"github-pat-classic\""));
    ck_assert_ptr_nonnull(strstr(r.out, "\"keywords\":["));
    ck_assert_ptr_nonnull(strstr(r.out, "\"pattern\":"));
    ck_assert_uint_eq(tu_cli_json_lines(r.out), tu_count(r.out, "\n"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "detectors", NULL, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "github-pat-classic"));
    tu_run_free(&r);
}
END_TEST

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_sigint_flushes_findings_and_exits_130)
{
    char *argv[] = { (char *)tu_rootle_bin(), "scan", NOVERIFY, "--format", "json", "-", NULL };
    static char out[1 << 20];
    size_t len = 0, nlines;
    char *input = malloc(300000);
    size_t ilen = 0;
    int in, outfd, errfd, status;
    pid_t pid;
    double t0;

    /* 300 KB with a secret on every 100th line: several chunks' worth, so
     * findings flow while stdin stays open and the scan cannot finish. */
    for (unsigned i = 0; ilen + 200 < 300000; i++) {
        char pat[64];

        fake_github_pat(i, pat);
        if (i % 100 == 0)
            ilen += (size_t)snprintf(input + ilen, 300000 - ilen, "k=%s\n", pat);
        else
            ilen += (size_t)snprintf(input + ilen, 300000 - ilen, "filler %u\n", i);
    }
    pid = tu_cli_spawn(argv, &in, &outfd, &errfd);
    ck_assert_int_eq(write(in, input, ilen), (ssize_t)ilen);
    /* Wait for the first findings. */
    while (strchr(out, '\n') == NULL)
        ck_assert_msg(tu_cli_read_some(outfd, out, sizeof(out), &len, 30) > 0, "no finding came out");
    ck_assert_int_eq(kill(pid, SIGINT), 0);
    t0 = now_s();
    while (tu_cli_read_some(outfd, out, sizeof(out), &len, 10) > 0)
        ;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(now_s() - t0 < 1.0 * tu_cli_multiplier(), "took %.2f s to stop", now_s() - t0);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 130);
    /* Every finding written is whole. */
    nlines = tu_count(out, "\n");
    ck_assert_uint_ge(nlines, 1);
    ck_assert_uint_eq(tu_count(out, "{\"detector\""), nlines);
    ck_assert(out[len - 1] == '\n');
    ck_assert_uint_eq(tu_cli_json_lines(out), nlines);
    close(in);
    close(outfd);
    close(errfd);
    free(input);
}
END_TEST

START_TEST(test_closed_pipe_ends_quietly)
{
    char *dir = tu_mkdtemp();
    char *argv[] = { (char *)tu_rootle_bin(), "scan", NOVERIFY, "--format", "json", dir, NULL };
    char *text = malloc(4000 * 64);
    size_t tlen = 0, len = 0;
    static char out[1 << 16], err[1 << 16];
    int in, outfd, errfd, status;
    pid_t pid;

    for (unsigned i = 0; i < 4000; i++) {
        char pat[64];

        fake_github_pat(i, pat);
        tlen += (size_t)sprintf(text + tlen, "%s\n", pat);
    }
    free(tu_write_file(dir, "many.txt", text, tlen));
    pid = tu_cli_spawn(argv, &in, &outfd, &errfd);
    close(in);
    while (strchr(out, '\n') == NULL)
        ck_assert(tu_cli_read_some(outfd, out, sizeof(out), &len, 30) > 0);
    close(outfd);   /* Like `| head -1`. */
    len = 0;
    while (tu_cli_read_some(errfd, err, sizeof(err), &len, 30) > 0)
        ;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    ck_assert_msg(strstr(err, "error") == NULL, "noisy on a closed pipe: %s", err);
    close(errfd);
    free(text);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_output_file)
{
    tree t;
    tu_run r;
    char *outdir = tu_mkdtemp(), path[512], *text;

    make_tree(&t);
    snprintf(path, sizeof(path), "%s/report.jsonl", outdir);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format=json", "-o", path, t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(r.out_len, 0);
    text = tu_read_file(path, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(tu_cli_json_lines(text), 3);
    free(text);
    tu_run_free(&r);
    tu_rmtree(outdir);
    free(outdir);
    free_tree(&t);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("end to end");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_help_version_and_usage);
    tcase_add_test(tc, test_missing_path_is_usage_error);
    tcase_add_test(tc, test_json_output_fields_and_positions);
    tcase_add_test(tc, test_text_output_is_redacted);
    tcase_add_test(tc, test_exit_codes);
    tcase_add_test(tc, test_unreadable_file_reported_and_scan_goes_on);
    tcase_add_test(tc, test_stdin);
    tcase_add_test(tc, test_stats);
    tcase_add_test(tc, test_detectors_listing);
    tcase_add_test(tc, test_sigint_flushes_findings_and_exits_130);
    tcase_add_test(tc, test_closed_pipe_ends_quietly);
    tcase_add_test(tc, test_output_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(cli_suite());
}
