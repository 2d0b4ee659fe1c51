/* test_cli_verify.c: end-to-end tests of verification through the rootle
 * command: the verdicts, --results and --only-verified, --no-verification,
 * exit codes, the verification cache, AWS SigV4, SIGINT and SIGTERM while
 * requests hang, custom rules and the SSRF guard, and --verifier usage
 * errors.
 *
 * Every request goes to tests/fake_provider.py on 127.0.0.1 through
 * --verifier RULE=URL overrides (or a custom rule's local endpoint); the
 * server picks its answer from a word inside the token (VALID, INVALID,
 * HANG, ...) and counts the requests it sees, which is how these tests
 * know what rootle sent. Tokens are built at run time, so this file holds
 * no whole token.
 */
#include <arpa/inet.h>
#include <check.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/support/fake_server.h"
#include "tests/support/fake_tokens.h"
#include "tests/support/tu.h"
#include "tests/support/tu_cli.h"

#define MAX_TOKENS 16

static tu_fake *serve(void)
{
    tu_fake *f = tu_fake_start(tu_source_dir(), 0);

    ck_assert_msg(f != NULL, "the fake provider did not start");
    return f;
}

/* "RULE=http://127.0.0.1:PORT" for --verifier. */
static void override_arg(const tu_fake *f, const char *rule, char *buf, size_t len)
{
    ck_assert((size_t)snprintf(buf, len, "%s=%s", rule, tu_fake_url(f)) < len);
}

/* A GitHub classic PAT ("ghp_rootleFAKE" + 26 alphanumerics) carrying word
 * right after "FAKE", which is what the fake server reads. n varies the
 * rest. */
static void word_pat(const char *word, unsigned n, char out[64])
{
    size_t wlen = strlen(word);

    fake_github_pat(n, out);
    ck_assert(14 + wlen <= 40);
    memcpy(out + 14, word, wlen);
}

/* A tree holding one token per word, each in a file of its own. */
typedef struct tree {
    char *dir;
    size_t n;
    char tok[MAX_TOKENS][64];
} tree;

static void tree_make(tree *t, const char *const *words, size_t n)
{
    ck_assert(n <= MAX_TOKENS);
    t->dir = tu_mkdtemp();
    t->n = n;
    for (size_t i = 0; i < n; i++) {
        char name[64], text[160];

        word_pat(words[i], (unsigned)i + 1, t->tok[i]);
        snprintf(name, sizeof(name), "d%zu/sub/config-%zu.txt", i % 3, i);
        snprintf(text, sizeof(text), "# settings\nGITHUB_TOKEN=%s\n", t->tok[i]);
        free(tu_write_text(t->dir, name, text));
    }
}

static void tree_free(tree *t)
{
    tu_rmtree(t->dir);
    free(t->dir);
}

/* The one JSON line of out whose secret is secret (caller frees). */
static char *finding_line(const char *out, const char *secret)
{
    char key[128];
    const char *hit, *start, *end;

    snprintf(key, sizeof(key), "\"secret\":\"%s\"", secret);
    hit = strstr(out, key);
    ck_assert_msg(hit != NULL, "no finding for %.18s... in:\n%s", secret, out);
    ck_assert_msg(strstr(hit + 1, key) == NULL, "%.18s... reported twice", secret);
    start = hit;
    while (start > out && start[-1] != '\n')
        start--;
    end = strchr(hit, '\n');
    ck_assert(end != NULL);
    return strndup(start, (size_t)(end - start));
}

/* Asserts the verdict of secret's finding in out. reason NULL means
 * verification_error must be null; otherwise it must contain reason and
 * must not contain the secret. */
static void assert_verdict(const char *out, const char *secret, const char *verdict,
                           const char *reason)
{
    char *line = finding_line(out, secret);
    char want[128];
    const char *err;

    snprintf(want, sizeof(want), "\"verification\":\"%s\"", verdict);
    ck_assert_msg(strstr(line, want) != NULL, "want %s for %.18s...: %s", verdict, secret, line);
    err = strstr(line, "\"verification_error\":");
    ck_assert(err != NULL);
    err += strlen("\"verification_error\":");
    if (reason == NULL) {
        ck_assert_msg(strncmp(err, "null", 4) == 0, "unexpected error in %s", line);
    } else {
        const char *close;
        char *text;

        ck_assert_msg(*err == '"', "no verification_error in %s", line);
        close = strchr(err + 1, '"');
        ck_assert(close != NULL);
        text = strndup(err + 1, (size_t)(close - err - 1));
        ck_assert_msg(strstr(text, reason) != NULL, "want \"%s\", got \"%s\"", reason, text);
        ck_assert_msg(strstr(text, secret) == NULL, "the secret is in verification_error");
        free(text);
    }
    free(line);
}

static void assert_no_secret(const char *text, const char *what, const tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        ck_assert_msg(strstr(text, t->tok[i]) == NULL, "%s holds a secret: %s", what, text);
}

/* One token for each way a provider can answer, and what rootle must make
 * of it. "INVALID" also contains "VALID"; the server tries INVALID first
 * and RATELIMITONCE before RATELIMIT, so each word means what it says. */
static const struct outcome {
    const char *word, *verdict, *reason;
} outcomes[] = {
    { "VALID", "verified", NULL },
    { "INVALID", "unverified", "rejected by the provider (HTTP 401)" },
    { "ERROR500", "unknown", "server error (HTTP 500)" },
    { "RATELIMITONCE", "verified", NULL },
    { "RATELIMIT", "unknown", "rate limited" },
    { "HANG", "unknown", "timed out" },
    { "HUGE", "unknown", "response too large" },
    { "REDIRECT", "unknown", "redirect not followed (HTTP 302)" },
    { "GARBAGE", "unknown", "unexpected response (HTTP 200)" },
};
#define NOUTCOMES (sizeof(outcomes) / sizeof(outcomes[0]))

static void outcome_tree(tree *t)
{
    const char *words[NOUTCOMES];

    for (size_t i = 0; i < NOUTCOMES; i++)
        words[i] = outcomes[i].word;
    tree_make(t, words, NOUTCOMES);
}

START_TEST(test_verdicts_through_the_cli)
{
    tu_fake *f = serve();
    char ov[128];
    tree t;
    tu_run r;

    outcome_tree(&t);
    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verify-timeout", "500ms", "--verifier", ov,
               t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), NOUTCOMES);
    for (size_t i = 0; i < NOUTCOMES; i++)
        assert_verdict(r.out, t.tok[i], outcomes[i].verdict, outcomes[i].reason);
    /* Each credential was asked about, once (RATELIMIT three times: the
     * first try and two retries after Retry-After). */
    ck_assert_int_eq(tu_fake_count(f, t.tok[0]), 1);
    ck_assert_int_eq(tu_fake_count(f, t.tok[1]), 1);
    ck_assert_int_eq(tu_fake_count(f, t.tok[4]), 3);
    assert_no_secret(r.err, "stderr", &t);
    tu_run_free(&r);
    tree_free(&t);
    tu_fake_stop(f);
}
END_TEST

static const char *const mixed_words[] = { "VALID", "INVALID", "ERROR500" };

START_TEST(test_results_filtering)
{
    tu_fake *f = serve();
    char ov[128];
    tree t;
    tu_run r;

    tree_make(&t, mixed_words, 3);
    override_arg(f, "github-pat-classic", ov, sizeof(ov));

    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--results", "verified",
               t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    assert_verdict(r.out, t.tok[0], "verified", NULL);
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--results",
               "unverified,unknown", t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 2);
    assert_verdict(r.out, t.tok[1], "unverified", "rejected");
    assert_verdict(r.out, t.tok[2], "unknown", "server error");
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--results=unknown", t.dir,
               NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    assert_verdict(r.out, t.tok[2], "unknown", "server error");
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--only-verified", t.dir,
               NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    assert_verdict(r.out, t.tok[0], "verified", NULL);
    tu_run_free(&r);

    /* Text output filters the same way. */
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--only-verified", t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_count(r.out, "github-pat-classic"), 1);
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--results", "verified,bogus", t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--results"));
    tu_run_free(&r);
    tree_free(&t);
    tu_fake_stop(f);
}
END_TEST

START_TEST(test_no_verification_makes_no_request)
{
    static const char *const flags[] = { "--no-verification", "--no-verify" };
    tu_fake *f = serve();
    char ov[128];
    tree t;
    tu_run r;

    tree_make(&t, mixed_words, 3);
    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    for (size_t k = 0; k < 2; k++) {
        tu_cli_rootle(&r, NULL, "scan", (char *)flags[k], "--format", "json", "--verifier", ov, t.dir,
                   NULL);
        ck_assert_msg(r.status == 0, "%s: exit %d: %s", flags[k], r.status, r.err);
        ck_assert_uint_eq(tu_cli_json_lines(r.out), 3);
        for (size_t i = 0; i < 3; i++)
            assert_verdict(r.out, t.tok[i], "skipped", NULL);
        tu_run_free(&r);
        /* An unchecked finding is not a verified one. */
        tu_cli_rootle(&r, NULL, "scan", (char *)flags[k], "--format", "json", "--only-verified", t.dir,
                   NULL);
        ck_assert_int_eq(r.status, 0);
        ck_assert_uint_eq(r.out_len, 0);
        tu_run_free(&r);
    }
    ck_assert_int_eq(tu_fake_count(f, "rootleFAKE"), 0);
    /* The same tree verified does reach the server: the count can move. */
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_int_eq(tu_fake_count(f, "rootleFAKE"), 3);
    tu_run_free(&r);
    tree_free(&t);
    tu_fake_stop(f);
}
END_TEST

START_TEST(test_exit_codes_with_verification)
{
    static const char *const valid_invalid[] = { "VALID", "INVALID" };
    static const char *const invalid_only[] = { "INVALID", "INVALID" };
    static const char *const unknown_only[] = { "ERROR500" };
    static const char *const valid_unknown[] = { "VALID", "ERROR500" };
    tu_fake *f = serve();
    char ov[128];
    tree vi, inv, unk, vu;
    tu_run r;

    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    tree_make(&vi, valid_invalid, 2);
    tree_make(&inv, invalid_only, 2);
    tree_make(&unk, unknown_only, 1);
    tree_make(&vu, valid_unknown, 2);

    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--fail", vi.dir, NULL);
    ck_assert_int_eq(r.status, 184);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, vi.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--fail", inv.dir, NULL);
    ck_assert_int_eq(r.status, 183);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--fail", unk.dir, NULL);
    ck_assert_int_eq(r.status, 183);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, inv.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    tu_run_free(&r);
    /* Only what is reported counts: nothing reported, nothing to fail on. */
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--only-verified", "--fail", inv.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_null(strstr(r.out, "github-pat-classic"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--only-verified", "--fail", vi.dir, NULL);
    ck_assert_int_eq(r.status, 184);
    tu_run_free(&r);
    /* A verified finding filtered out does not make it 184. */
    tu_cli_rootle(&r, NULL, "scan", "--verifier", ov, "--results", "unknown", "--fail", vu.dir, NULL);
    ck_assert_int_eq(r.status, 183);
    tu_run_free(&r);
    /* Unchecked findings are never "verified". */
    tu_cli_rootle(&r, NULL, "scan", "--no-verification", "--fail", vi.dir, NULL);
    ck_assert_int_eq(r.status, 183);
    tu_run_free(&r);
    tree_free(&vi);
    tree_free(&inv);
    tree_free(&unk);
    tree_free(&vu);
    tu_fake_stop(f);
}
END_TEST

START_TEST(test_cache_one_request_per_credential)
{
    tu_fake *f = serve();
    char ov[128], one[64], spread[64], *dir = tu_mkdtemp();
    char *text = malloc(100 * 80);
    size_t len = 0;
    tu_run r;

    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    word_pat("VALID", 7, one);
    word_pat("INVALID", 8, spread);
    /* 100 copies of one token in one file ... */
    for (int i = 0; i < 100; i++)
        len += (size_t)sprintf(text + len, "token_%d = %s\n", i, one);
    free(tu_write_text(dir, "many.txt", text));
    /* ... and 100 of another across 10 files. */
    for (int i = 0; i < 10; i++) {
        char name[64];

        len = 0;
        for (int j = 0; j < 10; j++)
            len += (size_t)sprintf(text + len, "token_%d = %s\n", j, spread);
        snprintf(name, sizeof(name), "files/f%d.txt", i);
        free(tu_write_text(dir, name, text));
    }
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--stats", dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 200);
    ck_assert_uint_eq(tu_count(r.out, "\"verification\":\"verified\""), 100);
    ck_assert_uint_eq(tu_count(r.out, "\"verification\":\"unverified\""), 100);
    ck_assert_int_eq(tu_fake_count(f, one), 1);
    ck_assert_int_eq(tu_fake_count(f, spread), 1);
    ck_assert_int_eq(tu_fake_count(f, "rootleFAKE"), 2);
    /* The summary counts requests made, not findings checked. */
    ck_assert_msg(strstr(r.err, "requests     2 to providers") != NULL, "no request count: %s",
                  r.err);
    ck_assert_ptr_null(strstr(r.err, one));
    ck_assert_ptr_null(strstr(r.err, spread));
    tu_run_free(&r);
    free(text);
    tu_rmtree(dir);
    free(dir);
    tu_fake_stop(f);
}
END_TEST

/* An AWS key id of AKIA + 16 of [A-Z2-7] carrying word, and a 40-character
 * secret access key. */
static void aws_pair(const char *word, unsigned n, char id[32], char key[64])
{
    static const char b32[] = "ABCDEFGHJKLMNPQRSTUVWXYZ234567";
    char fill[64];

    fake_token("", 40, n, fill, sizeof(fill));
    snprintf(id, 32, "AK" "IA" "ROOTLE%s", word);
    for (size_t i = strlen(id), j = 10; i < 20; i++, j++)
        id[i] = b32[(unsigned char)fill[j] % (sizeof(b32) - 1)];
    id[20] = '\0';
    snprintf(key, 64, "%s", fill);
}

START_TEST(test_aws_sigv4_through_override)
{
    tu_fake *f = serve();
    char ov[128], id[2][32], key[2][64], text[512], cred[128], *dir = tu_mkdtemp();
    tu_run r;

    override_arg(f, "aws-access-key-id", ov, sizeof(ov));
    aws_pair("VALID", 1, id[0], key[0]);
    aws_pair("INVALID", 2, id[1], key[1]);
    for (int i = 0; i < 2; i++) {
        char name[32];

        snprintf(text, sizeof(text),
                 "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n", id[i],
                 key[i]);
        snprintf(name, sizeof(name), "p%d/credentials", i);
        free(tu_write_text(dir, name, text));
    }
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    assert_verdict(r.out, id[0], "verified", NULL);
    assert_verdict(r.out, id[1], "unverified", "rejected by the provider (HTTP 403)");
    /* The secret keys are findings of their own, with nothing to verify. */
    assert_verdict(r.out, key[0], "skipped", NULL);
    for (int i = 0; i < 2; i++) {
        /* STS saw a SigV4 signature made with the key id; the secret key
         * itself never travels. */
        snprintf(cred, sizeof(cred), "Authorization: AWS4-HMAC-SHA256 Credential=%s/", id[i]);
        ck_assert_int_eq(tu_fake_count(f, cred), 1);
        ck_assert_int_eq(tu_fake_count(f, key[i]), 0);
        ck_assert_ptr_null(strstr(r.err, key[i]));
        ck_assert_ptr_null(strstr(r.err, id[i]));
    }
    ck_assert_int_eq(tu_fake_count(f, "Action=GetCallerIdentity"), 2);
    ck_assert_int_eq(tu_fake_count(f, "/sts/aws4_request"), 2);
    tu_run_free(&r);
    /* --results skipped keeps only what was not checked. */
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", ov, "--results", "skipped", dir,
               NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 2);
    ck_assert_uint_eq(tu_count(r.out, "\"detector\":\"aws-secret-access-key\""), 2);
    tu_run_free(&r);
    tu_rmtree(dir);
    free(dir);
    tu_fake_stop(f);
}
END_TEST

/* ---- SIGINT while verifications hang ---- */

static pid_t spawn(char *const argv[], int *out_fd, int *err_fd)
{
    int out[2], err[2];
    pid_t pid;

    ck_assert(pipe(out) == 0 && pipe(err) == 0);
    pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);

        dup2(null, 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(null); close(out[0]); close(out[1]); close(err[0]); close(err[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    *out_fd = out[0];
    *err_fd = err[0];
    return pid;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { HANGERS = 4, HANG_COPIES = 2 };

/* Sends sig to rootle while verifications hang and checks what it leaves. */
static void interrupt_while_hanging(int sig)
{
    static char out[1 << 16], err[1 << 16];
    tu_fake *f = serve();
    char ov[128], valid[64], hang[HANGERS][64], text[2048], *dir = tu_mkdtemp();
    char *argv[] = { (char *)tu_rootle_bin(), "scan", "--format", "json", "--verify-timeout",
                     "30s", "--concurrency", "2", "--verify-workers-per-cpu", "8",
                     "--verifier", ov, dir, NULL };
    size_t len = 0, elen = 0, tlen = 0, nlines;
    int outfd, errfd, status;
    double t0, took;
    pid_t pid;

    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    word_pat("VALID", 40, valid);
    tlen += (size_t)snprintf(text + tlen, sizeof(text) - tlen, "ok = %s\n", valid);
    for (int i = 0; i < HANGERS; i++) {
        word_pat("HANG", 41 + (unsigned)i, hang[i]);
        tlen += (size_t)snprintf(text + tlen, sizeof(text) - tlen, "h%d = %s\n", i, hang[i]);
    }
    /* More findings of the first hanging token: they wait on the cache. */
    for (int i = 0; i < HANG_COPIES; i++)
        tlen += (size_t)snprintf(text + tlen, sizeof(text) - tlen, "c%d = %s\n", i, hang[0]);
    /* One file, so one chunk holds every finding before any is verified. */
    free(tu_write_text(dir, "hanging.env", text));

    pid = spawn(argv, &outfd, &errfd);
    /* 16 verify workers: every distinct token is in flight at once. Wait
     * until the server holds all the hanging requests and the valid
     * finding has been written. */
    ck_assert_int_eq(tu_fake_wait(f, "rootleFAKEHANG", HANGERS), HANGERS);
    while (strstr(out, valid) == NULL || strchr(strstr(out, valid), '\n') == NULL)
        ck_assert_msg(tu_cli_read_some(outfd, out, sizeof(out), &len, 30) > 0, "no valid finding");
    ck_assert_int_eq(kill(pid, sig), 0);
    t0 = now_s();
    while (tu_cli_read_some(outfd, out, sizeof(out), &len, 10) > 0)
        ;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    took = now_s() - t0;
    while (tu_cli_read_some(errfd, err, sizeof(err), &elen, 10) > 0)
        ;
    ck_assert_msg(took < 1.0 * tu_cli_multiplier(), "took %.2f s to stop", took);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 130);

    /* Every finding is there, whole. */
    nlines = tu_count(out, "\n");
    ck_assert_uint_eq(nlines, 1 + HANGERS + HANG_COPIES);
    ck_assert(out[len - 1] == '\n');
    ck_assert_uint_eq(tu_cli_json_lines(out), nlines);
    assert_verdict(out, valid, "verified", NULL);
    ck_assert_uint_eq(tu_count(out, "\"verification\":\"unknown\","
                                    "\"verification_error\":\"verification interrupted\""),
                      HANGERS + HANG_COPIES);
    /* Each hanging token was requested once, copies included. */
    ck_assert_int_eq(tu_fake_count(f, hang[0]), 1);
    ck_assert_ptr_null(strstr(err, valid));
    for (int i = 0; i < HANGERS; i++)
        ck_assert_msg(strstr(err, hang[i]) == NULL, "secret on stderr: %s", err);
    close(outfd);
    close(errfd);
    tu_rmtree(dir);
    free(dir);
    tu_fake_stop(f);
}

START_TEST(test_sigint_while_verifications_hang)
{
    interrupt_while_hanging(SIGINT);
}
END_TEST

START_TEST(test_sigterm_while_verifications_hang)
{
    interrupt_while_hanging(SIGTERM);
}
END_TEST

/* ---- no secret on stderr ---- */

/* A 127.0.0.1 port nothing listens on. */
static int closed_port(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t alen = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    ck_assert(fd >= 0);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
    ck_assert(getsockname(fd, (struct sockaddr *)&a, &alen) == 0);
    port = ntohs(a.sin_port);
    close(fd);
    return port;
}

START_TEST(test_no_secret_on_stderr)
{
    tu_fake *f = serve();
    char ov[128], dead[128], bad[256];
    tree t;
    tu_run r;

    outcome_tree(&t);
    override_arg(f, "github-pat-classic", ov, sizeof(ov));
    snprintf(dead, sizeof(dead), "github-pat-classic=http://127.0.0.1:%d", closed_port());

    /* Every failure kind, in every output mode that writes to stderr. */
    tu_cli_rootle(&r, NULL, "scan", "--verify-timeout", "300ms", "--verifier", ov, "-v", "--stats",
               "--progress", t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    assert_no_secret(r.err, "stderr", &t);
    assert_no_secret(r.out, "text output", &t);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--format", "sarif", "--verify-timeout", "300ms", "--verifier", ov,
               "--fail", t.dir, NULL);
    ck_assert_int_eq(r.status, 184);
    assert_no_secret(r.err, "stderr", &t);
    tu_run_free(&r);

    /* Nothing listening. */
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--verifier", dead, "-v", "--stats", t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_count(r.out, "\"verification_error\":\"connection failed\""), t.n);
    assert_no_secret(r.err, "stderr", &t);
    tu_run_free(&r);

    /* A secret pasted into a malformed override is not echoed back. */
    snprintf(bad, sizeof(bad), "github-pat-classic=http://x:%s@127.0.0.1:1", t.tok[0]);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", bad, t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "credentials"));
    assert_no_secret(r.err, "stderr", &t);
    tu_run_free(&r);
    snprintf(bad, sizeof(bad), "github-pat-classic=http://127.0.0.1:1/?t=%s", t.tok[0]);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", bad, t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    assert_no_secret(r.err, "stderr", &t);
    tu_run_free(&r);
    tree_free(&t);
    tu_fake_stop(f);
}
END_TEST

/* ---- custom rules ---- */

/* "rootlecustom_" + 24 alphanumerics carrying word after "rootleFAKE". */
static void custom_token(const char *word, unsigned n, char out[64])
{
    char body[32];

    fake_token("", 24, n, body, sizeof(body));
    ck_assert(10 + strlen(word) <= 24);
    memcpy(body + 10, word, strlen(word));
    snprintf(out, 64, "rootlecustom_%s", body);
}

/* Writes a rules file with one custom rule verified at endpoint. */
static char *custom_rules(const char *dir, const char *endpoint, const char *extra)
{
    char yaml[1024];

    snprintf(yaml, sizeof(yaml),
             "detectors:\n"
             "  - name: rootle-custom-token\n"
             "    description: a fake token for the tests\n"
             "    keywords: [rootlecustom_]\n"
             "    regex:\n"
             "      secret: 'rootlecustom_[A-Za-z0-9]{24}'\n"
             "    verify:\n"
             "      endpoint: %s\n"
             "%s",
             endpoint, extra);
    return tu_write_text(dir, "rules.yml", yaml);
}

typedef struct custom_fixture {
    tu_fake *f;
    char *dir, *tree;
    char tok[3][64];    /* VALID, INVALID, ERROR500. */
    char endpoint[128];
} custom_fixture;

static void custom_setup(custom_fixture *c)
{
    char text[512];

    c->f = serve();
    c->dir = tu_mkdtemp();
    c->tree = tu_mkdtemp();
    for (unsigned i = 0; i < 3; i++)
        custom_token(mixed_words[i], 60 + i, c->tok[i]);
    snprintf(text, sizeof(text), "one: %s\ntwo: %s\nthree: %s\n", c->tok[0], c->tok[1],
             c->tok[2]);
    free(tu_write_text(c->tree, "app/settings.yml", text));
    snprintf(c->endpoint, sizeof(c->endpoint), "%s/custom/verify", tu_fake_url(c->f));
}

static void custom_teardown(custom_fixture *c)
{
    tu_rmtree(c->dir);
    tu_rmtree(c->tree);
    free(c->dir);
    free(c->tree);
    tu_fake_stop(c->f);
}

START_TEST(test_custom_rule_private_endpoint_refused)
{
    custom_fixture c;
    char *rules;
    tu_run r;

    custom_setup(&c);
    rules = custom_rules(c.dir, c.endpoint, "");
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--rules", rules, c.tree, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "rule rootle-custom-token: custom verify endpoint refused") !=
                      NULL, "no message naming the rule: %s", r.err);
    /* Refused before scanning: no output, no request. */
    ck_assert_uint_eq(r.out_len, 0);
    ck_assert_int_eq(tu_fake_count(c.f, "rootleFAKE"), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_null(strstr(r.err, c.tok[i]));
    tu_run_free(&r);
    /* unsafe: false is the same as saying nothing. */
    free(rules);
    rules = custom_rules(c.dir, c.endpoint, "      unsafe: false\n");
    tu_cli_rootle(&r, NULL, "scan", "--rules", rules, c.tree, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "rootle-custom-token"));
    tu_run_free(&r);
    /* Without verification nothing is contacted, so nothing is refused. */
    tu_cli_rootle(&r, NULL, "scan", "--no-verification", "--format", "json", "--rules", rules, c.tree,
               NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_count(r.out, "\"detector\":\"rootle-custom-token\""), 3);
    tu_run_free(&r);
    ck_assert_int_eq(tu_fake_count(c.f, "rootleFAKE"), 0);
    free(rules);
    custom_teardown(&c);
}
END_TEST

START_TEST(test_custom_rule_unsafe_verifies)
{
    custom_fixture c;
    char *rules;
    tu_run r;

    custom_setup(&c);
    rules = custom_rules(c.dir, c.endpoint,
                         "      unsafe: true\n"
                         "      headers: [\"X-Rootle-Test: custom\"]\n"
                         "      success_codes: [200]\n"
                         "      invalid_codes: [401]\n");
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--rules", rules, c.tree, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    assert_verdict(r.out, c.tok[0], "verified", NULL);
    assert_verdict(r.out, c.tok[1], "unverified", "rejected by the endpoint (HTTP 401)");
    assert_verdict(r.out, c.tok[2], "unknown", "server error (HTTP 500)");
    /* The secret went in a JSON body, with the rule's header. */
    ck_assert_int_eq(tu_fake_count(c.f, "X-Rootle-Test: custom"), 3);
    ck_assert_int_eq(tu_fake_count(c.f, "{\"rule\":\"rootle-custom-token\",\"secret\":\""), 3);
    ck_assert_int_eq(tu_fake_count(c.f, "/custom/verify?"), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_null(strstr(r.err, c.tok[i]));
    tu_run_free(&r);
    free(rules);
    custom_teardown(&c);
}
END_TEST

START_TEST(test_custom_rule_allow_private_and_codes)
{
    custom_fixture c;
    char *rules;
    tu_run r;

    custom_setup(&c);
    /* Inverted codes: the verdict follows the rule's lists, not the
     * status's usual meaning. */
    rules = custom_rules(c.dir, c.endpoint,
                         "      success_codes: [401]\n"
                         "      invalid_codes: [200]\n");
    tu_cli_rootle(&r, NULL, "scan", "--format", "json", "--allow-private-verifiers", "--rules", rules,
               c.tree, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    assert_verdict(r.out, c.tok[0], "unverified", "rejected by the endpoint (HTTP 200)");
    assert_verdict(r.out, c.tok[1], "verified", NULL);
    assert_verdict(r.out, c.tok[2], "unknown", "server error (HTTP 500)");
    ck_assert_int_eq(tu_fake_count(c.f, "rootleFAKE"), 3);
    tu_run_free(&r);
    free(rules);
    custom_teardown(&c);
}
END_TEST

/* ---- --verifier usage errors ---- */

static void assert_usage_error(const char *value, const char *const *want, const char *dir)
{
    tu_run r;

    tu_cli_rootle(&r, NULL, "scan", "--verifier", (char *)value, dir, NULL);
    ck_assert_msg(r.status == 2, "--verifier %s: exit %d", value, r.status);
    ck_assert_uint_eq(r.out_len, 0);
    for (size_t i = 0; want[i] != NULL; i++)
        ck_assert_msg(strstr(r.err, want[i]) != NULL, "--verifier %s: want \"%s\" in: %s",
                      value, want[i], r.err);
    tu_run_free(&r);
}

START_TEST(test_verifier_usage_errors)
{
    static const struct {
        const char *value;
        const char *want[3];
    } cases[] = {
        { "github-pat-classic", { "--verifier takes RULE=URL", NULL } },
        { "=http://127.0.0.1:1", { "--verifier takes RULE=URL", NULL } },
        { "github-pat-classic=", { "--verifier takes RULE=URL", NULL } },
        { "github-pat-classic=ftp://127.0.0.1/", { "github-pat-classic", "http://", NULL } },
        { "github-pat-classic=not a url", { "github-pat-classic", "http://", NULL } },
        { "github-pat-classic=http://127.0.0.1:1/#frag", { "fragment", NULL } },
        { "no-such-rule=http://127.0.0.1:1", { "no-such-rule", "no verifier", NULL } },
        /* A real rule with nothing to verify against. */
        { "aws-secret-access-key=http://127.0.0.1:1",
          { "aws-secret-access-key", "no verifier", NULL } },
    };
    tree t;

    tree_make(&t, mixed_words, 1);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_usage_error(cases[i].value, cases[i].want, t.dir);
    tree_free(&t);
}
END_TEST

static Suite *cli_verify_suite(void)
{
    Suite *s = suite_create("cli_verify");
    TCase *tc = tcase_create("end to end");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_verdicts_through_the_cli);
    tcase_add_test(tc, test_results_filtering);
    tcase_add_test(tc, test_no_verification_makes_no_request);
    tcase_add_test(tc, test_exit_codes_with_verification);
    tcase_add_test(tc, test_cache_one_request_per_credential);
    tcase_add_test(tc, test_aws_sigv4_through_override);
    tcase_add_test(tc, test_sigint_while_verifications_hang);
    tcase_add_test(tc, test_sigterm_while_verifications_hang);
    tcase_add_test(tc, test_no_secret_on_stderr);
    tcase_add_test(tc, test_custom_rule_private_endpoint_refused);
    tcase_add_test(tc, test_custom_rule_unsafe_verifies);
    tcase_add_test(tc, test_custom_rule_allow_private_and_codes);
    tcase_add_test(tc, test_verifier_usage_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    /* Requests go to 127.0.0.1 directly, whatever the environment says. */
    static const char *const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy",
                                           "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

    for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
        unsetenv(proxies[i]);
    return tu_run_suite(cli_verify_suite());
}
