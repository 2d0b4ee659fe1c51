/* test_cli_ci.c: end-to-end tests of what a team needs from rootle in CI:
 * SARIF, GitHub annotations and the text summary; atomic report files,
 * also when interrupted; baselines; the four ways to suppress a finding;
 * and the exit codes.
 *
 * Every scan runs with --no-verification, except where a verified finding
 * is needed: then the built-in GitHub verifier is pointed at the local fake
 * provider (tests/fake_provider.py) with --verifier. Tests never touch the
 * network.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/fake_server.h"
#include "tests/support/fake_tokens.h"
#include "tests/support/tu_cli.h"

#define NOVERIFY "--no-verification"

static char *path_in(const char *dir, const char *name)
{
    char *p;

    ck_assert(asprintf(&p, "%s/%s", dir, name) > 0);
    return p;
}

static bool exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

static char *fake_npm(unsigned n)
{
    char *t = malloc(64);

    ck_assert_ptr_nonnull(t);
    fake_token("np" "m_", 36, n, t, 64);
    return t;
}

/* ---- formats ---- */

/* Four findings of two rules: a GitHub token after indentation, an npm
 * token in JSON, and a GitHub token after a two-byte character in a file
 * whose name needs percent-encoding in a URI. */
typedef struct fmt_tree {
    char *dir;
    char pat[3][64];
    char *npm;
} fmt_tree;

static void make_fmt_tree(fmt_tree *t)
{
    char text[512];

    t->dir = tu_mkdtemp();
    for (unsigned i = 0; i < 3; i++)
        fake_github_pat(100 + i, t->pat[i]);
    t->npm = fake_npm(100);
    snprintf(text, sizeof(text), "# config\n\n    %s\n", t->pat[0]);
    free(tu_write_text(t->dir, "a/config.txt", text));
    snprintf(text, sizeof(text), "{\n  \"token\": \"%s\"\n}\n", t->npm);
    free(tu_write_text(t->dir, "b/app.json", text));
    snprintf(text, sizeof(text), "caf\xC3\xA9 = '%s'\nother = \"%s\"\n", t->pat[1], t->pat[2]);
    free(tu_write_text(t->dir, "c/my file#1.py", text));
    free(tu_write_text(t->dir, "clean.txt", "nothing here\n"));
}

static void free_fmt_tree(fmt_tree *t)
{
    tu_rmtree(t->dir);
    free(t->dir);
    free(t->npm);
}

/* SARIF of a scan of "." from the tree: valid against the schema, the
 * rules that fired and only those, relative URIs, and the same positions
 * and fingerprints as the JSON report of the same scan. */
START_TEST(test_sarif_end_to_end)
{
    static const char compare[] =
        "import json,sys,urllib.parse\n"
        "s=json.load(open(sys.argv[1],encoding='utf-8'))\n"
        "js=[json.loads(l) for l in open(sys.argv[2],encoding='utf-8')]\n"
        "run=s['runs'][0]; res=run['results']\n"
        "assert len(res)==len(js)==4,(len(res),len(js))\n"
        "rules=sorted(r['id'] for r in run['tool']['driver']['rules'])\n"
        "assert rules==['github-pat-classic','npm-token'],rules\n"
        "byfp={j['fingerprint']:j for j in js}\n"
        "for r in res:\n"
        "    j=byfp.pop(r['partialFingerprints']['rootleFingerprint/v1'])\n"
        "    assert r['ruleId']==j['detector']\n"
        "    loc=r['locations'][0]['physicalLocation']\n"
        "    uri=loc['artifactLocation']['uri']\n"
        "    assert not uri.startswith(('/','./','file:')),uri\n"
        "    assert j['file'].startswith('./'),j['file']\n"
        "    assert urllib.parse.unquote(uri)==j['file'][2:],(uri,j['file'])\n"
        "    g=loc['region']\n"
        "    got=(g['startLine'],g['startColumn'],g['endColumn'])\n"
        "    assert got==(j['line'],j['column'],j['end_column']),(got,j)\n"
        "    assert j['secret'] not in json.dumps(s)\n"
        "assert not byfp\n"
        "print(' '.join(sorted(r['locations'][0]['physicalLocation']['artifactLocation']['uri']"
        " for r in res)))\n";
    fmt_tree t;
    tu_run r;
    char *out = tu_mkdtemp(), *sarif, *jsonl;

    make_fmt_tree(&t);
    ck_assert_int_eq(chdir(t.dir), 0);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format", "sarif", ".", NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    sarif = tu_write_text(out, "scan.sarif", r.out);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format", "json", ".", NULL);
    ck_assert_int_eq(r.status, 0);
    jsonl = tu_write_text(out, "scan.jsonl", r.out);
    tu_run_free(&r);

    tu_cli_check_sarif(sarif, 4);
    tu_cli_python(&r, compare, sarif, jsonl, NULL);
    ck_assert_msg(r.status == 0, "SARIF and JSON disagree: %s", r.err);
    /* The URIs themselves, percent-encoded where a URI needs it. */
    ck_assert_str_eq(r.out, "a/config.txt b/app.json c/my%20file%231.py c/my%20file%231.py\n");
    tu_run_free(&r);
    free(sarif);
    free(jsonl);
    tu_rmtree(out);
    free(out);
    free_fmt_tree(&t);
}
END_TEST

/* A file name with a comma, a colon, a newline and a percent sign: GitHub
 * would cut the file property at the comma and the command at the newline
 * unless they are escaped. */
START_TEST(test_github_annotations_escape_file_names)
{
    char *dir = tu_mkdtemp(), *npm = fake_npm(7), text[256], want[512];
    char pat[64];
    tu_run r;

    fake_github_pat(7, pat);
    snprintf(text, sizeof(text), "first\ntok = %s\n", npm);
    free(tu_write_text(dir, "d/we,ird:na\nme%.txt", text));
    snprintf(text, sizeof(text), "%s\n", pat);
    free(tu_write_text(dir, "plain.txt", text));
    ck_assert_int_eq(chdir(dir), 0);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format", "github", ".", NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    /* One command per finding, each on one line. */
    ck_assert_uint_eq(tu_count(r.out, "\n"), 2);
    ck_assert_uint_eq(tu_count(r.out, "::warning file="), 2);
    snprintf(want, sizeof(want),
             "::warning file=d/we%%2Cird%%3Ana%%0Ame%%25.txt,line=2,col=7,endColumn=47,"
             "title=rootle%%3A npm access token::npm-token secret npm_\xE2\x80\xA6 (skipped)\n");
    ck_assert_msg(strstr(r.out, want) != NULL, "no\n%s\nin\n%s", want, r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "::warning file=plain.txt,line=1,col=1,endColumn=41,"));
    ck_assert_ptr_null(strstr(r.out, npm));
    ck_assert_ptr_null(strstr(r.out, pat));
    tu_run_free(&r);
    free(npm);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* The text report ends with the one-line summary, and neither it nor
 * stderr ever shows a raw secret. */
START_TEST(test_text_summary_and_no_raw_secret)
{
    fmt_tree t;
    tu_run r;
    const char *last;
    size_t n;

    make_fmt_tree(&t);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    n = r.out_len;
    ck_assert(n > 2 && r.out[n - 1] == '\n' && r.out[n - 2] != '\n');
    r.out[n - 1] = '\0';
    last = strrchr(r.out, '\n');
    ck_assert_ptr_nonnull(last);
    last++;
    ck_assert_msg(strncmp(last, "4 findings (0 verified) in 4 files, ", 36) == 0,
                  "last line: %s", last);
    ck_assert_msg(strcmp(last + strlen(last) - 2, " s") == 0, "last line: %s", last);
    ck_assert_uint_eq(tu_count(r.out, "Finding: "), 4);
    for (int i = 0; i < 3; i++) {
        ck_assert_ptr_null(strstr(r.out, t.pat[i]));
        ck_assert_ptr_null(strstr(r.err, t.pat[i]));
    }
    ck_assert_ptr_null(strstr(r.out, t.npm));
    ck_assert_ptr_null(strstr(r.err, t.npm));
    /* Not even a long prefix: the redacted form keeps four characters. */
    ck_assert_ptr_null(strstr(r.out, "ghp_rootle"));
    tu_run_free(&r);
    free_fmt_tree(&t);
}
END_TEST

/* ---- -o FILE ---- */

/* 300 KB with a secret on every 100th line: several chunks, so findings
 * reach the report while stdin is still open and the scan cannot end.
 * Returns the number of secrets. */
static unsigned make_stream(char **data, size_t *len)
{
    size_t cap = 300000, n = 0;
    unsigned secrets = 0;
    char *buf = malloc(cap);

    ck_assert_ptr_nonnull(buf);
    for (unsigned i = 0; n + 200 < cap; i++) {
        char pat[64];

        fake_github_pat(i, pat);
        if (i % 100 == 0) {
            n += (size_t)snprintf(buf + n, cap - n, "k=%s\n", pat);
            secrets++;
        } else {
            n += (size_t)snprintf(buf + n, cap - n, "filler %u\n", i);
        }
    }
    *data = buf;
    *len = n;
    return secrets;
}

/* The temporary file rootle writes the report into, and its size; NULL
 * when there is none. */
static char *temp_report(const char *dir, off_t *size)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char *found = NULL;

    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, ".report.sarif.tmp-", 18) == 0) {
            struct stat st;

            found = path_in(dir, de->d_name);
            ck_assert_int_eq(stat(found, &st), 0);
            *size = st.st_size;
            break;
        }
    }
    closedir(d);
    return found;
}

/* Waits, on inotify events rather than a clock, until rootle's temporary
 * report in dir holds at least min_size bytes. */
static void wait_for_temp_report(const char *dir, off_t min_size)
{
    int fd = inotify_init1(IN_CLOEXEC);
    char events[4096];

    ck_assert(fd >= 0);
    ck_assert(inotify_add_watch(fd, dir, IN_CREATE | IN_MODIFY) >= 0);
    for (;;) {
        off_t size = 0;
        char *tmp = temp_report(dir, &size);
        struct pollfd p = { fd, POLLIN, 0 };

        free(tmp);
        if (tmp != NULL && size >= min_size)
            break;
        ck_assert_msg(poll(&p, 1, (int)(30000 * tu_cli_multiplier())) == 1,
                      "the report file did not grow");
        ck_assert(read(fd, events, sizeof(events)) > 0);
    }
    close(fd);
}

typedef struct report_run {
    char *dir, *report, *data;
    size_t len;
    unsigned secrets;
    pid_t pid;
    int in, out, err;
} report_run;

/* Starts a scan of stdin into dir/report.sarif and feeds it the stream,
 * keeping stdin open; returns once findings are in the temporary file. */
static void start_report_run(report_run *rr)
{
    char *argv[] = { (char *)tu_rootle_bin(), "scan", NOVERIFY, "--format", "sarif",
                     "-o", NULL, "-", NULL };

    rr->dir = tu_mkdtemp();
    rr->report = path_in(rr->dir, "report.sarif");
    argv[6] = rr->report;
    rr->secrets = make_stream(&rr->data, &rr->len);
    rr->pid = tu_cli_spawn(argv, &rr->in, &rr->out, &rr->err);
    ck_assert_int_eq(write(rr->in, rr->data, rr->len), (ssize_t)rr->len);
    /* A few results' worth past the header. */
    wait_for_temp_report(rr->dir, 8192);
    /* Mid-scan: the report is not there yet, only its temporary file. */
    ck_assert_msg(!exists(rr->report), "the report appeared before the scan ended");
}

/* Collects the rest of the run's output; returns its exit code. */
static int finish_report_run(report_run *rr, char *out, char *err, size_t cap)
{
    size_t olen = 0, elen = 0;
    int code;

    tu_cli_read_all(rr->out, out, cap, &olen, 30 * tu_cli_multiplier());
    tu_cli_read_all(rr->err, err, cap, &elen, 30 * tu_cli_multiplier());
    code = tu_cli_wait(rr->pid);
    close(rr->out);
    close(rr->err);
    if (rr->in >= 0)
        close(rr->in);
    return code;
}

static void free_report_run(report_run *rr)
{
    tu_rmtree(rr->dir);
    free(rr->dir);
    free(rr->report);
    free(rr->data);
}

START_TEST(test_output_file_appears_only_complete)
{
    static char out[1 << 16], err[1 << 16];
    report_run rr;
    off_t size;
    int code;

    start_report_run(&rr);
    close(rr.in);
    rr.in = -1;
    code = finish_report_run(&rr, out, err, sizeof(out));
    ck_assert_msg(code == 0, "exit %d: %s", code, err);
    ck_assert_str_eq(out, "");
    ck_assert(exists(rr.report));
    ck_assert_ptr_null(temp_report(rr.dir, &size));
    tu_cli_check_sarif(rr.report, (int)rr.secrets);
    free_report_run(&rr);
}
END_TEST

/* Ctrl-C in the middle: the report is whole and valid (with what was found
 * until then, marked unsuccessful) or absent, never half a file. */
START_TEST(test_output_file_after_sigint_is_whole)
{
    static char out[1 << 16], err[1 << 16];
    report_run rr;
    off_t size;
    int code;
    tu_run r;

    start_report_run(&rr);
    ck_assert_int_eq(kill(rr.pid, SIGINT), 0);
    code = finish_report_run(&rr, out, err, sizeof(out));
    ck_assert_msg(code == 130, "exit %d: %s", code, err);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_null(temp_report(rr.dir, &size));
    if (exists(rr.report)) {
        int n;

        tu_cli_python(&r,
                      "import json,sys\n"
                      "s=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                      "assert s['runs'][0]['invocations'][0]['executionSuccessful'] is False\n"
                      "print(len(s['runs'][0]['results']))\n",
                      rr.report, NULL);
        ck_assert_msg(r.status == 0, "interrupted report: %s", r.err);
        n = atoi(r.out);
        tu_run_free(&r);
        ck_assert_int_ge(n, 1);
        ck_assert_int_le(n, (int)rr.secrets);
        tu_cli_check_sarif(rr.report, n);
    }
    free_report_run(&rr);
}
END_TEST

/* ---- baselines ---- */

START_TEST(test_baseline_round_trip)
{
    static const char sorted_check[] =
        "import json,sys\n"
        "b=json.load(open(sys.argv[1],encoding='utf-8'))\n"
        "fps=[f['fingerprint'] for f in b['findings']]\n"
        "assert fps==sorted(fps) and len(fps)==3,fps\n"
        "assert all(f['redacted'].endswith('\\u2026') for f in b['findings'])\n"
        "print(len(fps))\n";
    fmt_tree t;
    tu_run r;
    char *bdir = tu_mkdtemp(), *baseline = path_in(bdir, "baseline.json"), *text, *bad;
    char edited[512], pat[64];

    make_fmt_tree(&t);
    /* Only three of the four: one rule is left out to keep a file aside. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--exclude", "b/", "--write-baseline", baseline,
                  t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    tu_run_free(&r);
    text = tu_read_file(baseline, NULL);
    ck_assert_ptr_nonnull(text);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(strstr(text, t.pat[i]) == NULL, "a secret in the baseline");
    ck_assert_ptr_null(strstr(text, "ghp_rootle"));
    free(text);
    tu_cli_python(&r, sorted_check, baseline, NULL);
    ck_assert_msg(r.status == 0, "baseline not sorted or incomplete: %s", r.err);
    tu_run_free(&r);

    /* Everything in it is accepted. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--exclude", "b/", "--baseline", baseline,
                  "--fail", "--format", "json", t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);

    /* Lines inserted above a secret move it, but do not revive it. */
    snprintf(edited, sizeof(edited), "# new header\n# more\n\n\n# config\n\n    %s\n",
             t.pat[0]);
    free(tu_write_text(t.dir, "a/config.txt", edited));
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--exclude", "b/", "--baseline", baseline,
                  "--fail", "--format", "json", t.dir, NULL);
    ck_assert_msg(r.status == 0, "moved secret reported: %s", r.out);
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);

    /* A new secret, in a file the baseline knows: only it is reported. */
    fake_github_pat(555, pat);
    snprintf(edited, sizeof(edited), "# new header\n# more\n\n\n# config\n\n    %s\nx=%s\n",
             t.pat[0], pat);
    free(tu_write_text(t.dir, "a/config.txt", edited));
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--exclude", "b/", "--baseline", baseline,
                  "--fail", "--format", "json", t.dir, NULL);
    ck_assert_int_eq(r.status, 183);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    ck_assert_ptr_nonnull(strstr(r.out, pat));
    ck_assert_ptr_nonnull(strstr(r.out, "\"line\":8,\"column\":3"));
    tu_run_free(&r);

    /* A malformed baseline stops the scan and says where. */
    bad = tu_write_text(bdir, "bad.json",
                        "{\"version\": 1, \"tool\": \"rootle\", \"findings\": [\n"
                        "  {\"fingerprint\": \"not-hex\", \"rule\": \"x\", \"path\": \"y\"}\n"
                        "]}\n");
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--baseline", bad, t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    ck_assert_msg(strstr(r.err, "bad.json:2:") != NULL, "no file:line in: %s", r.err);
    tu_run_free(&r);
    /* Not JSON at all, at line 3. */
    free(tu_write_text(bdir, "bad.json", "{\"version\": 1,\n\n  \"findings\": [ } ]\n}\n"));
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--baseline", bad, t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "bad.json:3:") != NULL, "no file:line in: %s", r.err);
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);
    free(bad);
    free(baseline);
    tu_rmtree(bdir);
    free(bdir);
    free_fmt_tree(&t);
}
END_TEST

/* ---- suppression ---- */

/* A tree with one secret in keep/app.txt and one in the path given. */
static char *suppress_tree(const char *path, char pat[2][64])
{
    char *dir = tu_mkdtemp(), text[256];

    fake_github_pat(201, pat[0]);
    fake_github_pat(202, pat[1]);
    snprintf(text, sizeof(text), "token: %s\n", pat[0]);
    free(tu_write_text(dir, "keep/app.txt", text));
    snprintf(text, sizeof(text), "token: %s\n", pat[1]);
    free(tu_write_text(dir, path, text));
    return dir;
}

/* Runs `rootle scan --no-verification` with the NULL-terminated extra
 * arguments (at most 8) and then dir. */
static bool as_nobody;   /* Run rootle as uid 65534 (set by one test). */

static void scan_with(tu_run *r, const char *dir, const char *const extra[])
{
    const char *argv[20];
    size_t n = 0;

    if (as_nobody) {
        argv[n++] = "/usr/bin/setpriv";
        argv[n++] = "--reuid=65534";
        argv[n++] = "--regid=65534";
        argv[n++] = "--clear-groups";
    }
    argv[n++] = tu_rootle_bin();
    argv[n++] = "scan";
    argv[n++] = NOVERIFY;

    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++) {
        ck_assert(n < 16);
        argv[n++] = extra[i];
    }
    argv[n++] = dir;
    argv[n] = NULL;
    tu_run_cmd((char *const *)argv, NULL, (int)(60 * tu_cli_multiplier()), r);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Scans dir and asserts that pat[0] is reported, and pat[1] exactly when
 * want_second. */
static void expect_scan(const char *dir, char pat[2][64], bool want_second,
                        const char *const extra[])
{
    const char *argv[12] = { "--format", "json" };
    size_t n = 2;
    tu_run r;

    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    scan_with(&r, dir, argv);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), want_second ? 2 : 1);
    ck_assert_ptr_nonnull(strstr(r.out, pat[0]));
    ck_assert_msg((strstr(r.out, pat[1]) != NULL) == want_second, "second secret %s: %s",
                  want_second ? "missing" : "reported", r.out);
    tu_run_free(&r);
}

START_TEST(test_rootleignore_at_scan_root)
{
    char pat[2][64];
    char *dir = suppress_tree("vendor/lib/creds.txt", pat);

    expect_scan(dir, pat, true, NULL);
    free(tu_write_text(dir, ".rootleignore", "# third-party code\nvendor/\n"));
    expect_scan(dir, pat, false, NULL);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_ignore_file_option)
{
    char pat[2][64];
    char *dir = suppress_tree("deploy/prod.env", pat);
    char *other = tu_mkdtemp(), *ignore = tu_write_text(other, "shared-ignore", "*.env\n");
    tu_run r;

    expect_scan(dir, pat, true, NULL);
    expect_scan(dir, pat, false, ARGS("--ignore-file", ignore));
    /* A .rootleignore line can take one back. */
    free(tu_write_text(dir, ".rootleignore", "!prod.env\n"));
    expect_scan(dir, pat, true, ARGS("--ignore-file", ignore));
    /* A missing ignore file stops rootle before the scan. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--ignore-file", "/nonexistent/rootle-ignore", dir,
                  NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/rootle-ignore"));
    tu_run_free(&r);
    free(ignore);
    tu_rmtree(other);
    free(other);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_exclude_and_include_globs)
{
    char pat[2][64];
    char *dir = suppress_tree("tests/fixtures/token.json", pat);
    tu_run r;

    expect_scan(dir, pat, true, NULL);
    expect_scan(dir, pat, false, ARGS("--exclude", "tests/fixtures/"));
    expect_scan(dir, pat, false, ARGS("--exclude", "*.json"));
    /* --include keeps only what matches: here both, then only one. */
    expect_scan(dir, pat, true, ARGS("--include", "*.json", "--include", "keep/"));
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--format", "json", "--include", "*.json", dir,
                  NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    ck_assert_ptr_nonnull(strstr(r.out, pat[1]));
    tu_run_free(&r);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_inline_ignore_comment)
{
    char pat[2][64], text[256];
    char *dir = suppress_tree("src/settings.py", pat);

    expect_scan(dir, pat, true, NULL);
    snprintf(text, sizeof(text), "token: %s  # rootle:ignore (revoked test token)\n", pat[1]);
    free(tu_write_text(dir, "src/settings.py", text));
    expect_scan(dir, pat, false, NULL);
    /* Only that line: the same file's next line is still scanned. */
    snprintf(text, sizeof(text), "# rootle:ignore\ntoken: %s\n", pat[1]);
    free(tu_write_text(dir, "src/settings.py", text));
    expect_scan(dir, pat, true, NULL);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* ---- exit codes ---- */

/* The exit code of a scan of dir with the extra arguments. */
static int scan_status(const char *dir, const char *const extra[])
{
    const char *argv[12] = { "--no-progress" };
    size_t n = 1;
    tu_run r;
    int status;

    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    scan_with(&r, dir, argv);
    status = r.status;
    ck_assert_msg(status != 2 || r.err_len > 0, "exit 2 without a message");
    tu_run_free(&r);
    return status;
}

START_TEST(test_exit_codes_findings_and_fail)
{
    char pat[2][64];
    char *dirty = suppress_tree("b.txt", pat), *clean = tu_mkdtemp();

    free(tu_write_text(clean, "readme.md", "# nothing to find\n"));
    ck_assert_int_eq(scan_status(clean, NULL), 0);
    ck_assert_int_eq(scan_status(clean, ARGS("--fail")), 0);
    ck_assert_int_eq(scan_status(dirty, NULL), 0);
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail")), 183);
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail", "--format", "sarif")), 183);
    /* --fail counts what is reported, not what was found. */
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail", "--only-verified")), 0);
    tu_rmtree(dirty);
    free(dirty);
    tu_rmtree(clean);
    free(clean);
}
END_TEST

/* Verified findings through the fake provider: 184 with --fail. */
START_TEST(test_exit_codes_verified)
{
    tu_fake *fake = tu_fake_start(tu_source_dir(), 0);
    char *dir = tu_mkdtemp(), valid[64], invalid[64], text[256], override[128];
    tu_run r;

    ck_assert_ptr_nonnull(fake);
    snprintf(override, sizeof(override), "github-pat-classic=%s", tu_fake_url(fake));
    fake_token("gh" "p_" "VALID", 31, 1, valid, sizeof(valid));
    fake_token("gh" "p_" "INVALID", 29, 2, invalid, sizeof(invalid));
    snprintf(text, sizeof(text), "token: %s\n", invalid);
    free(tu_write_text(dir, "dead.txt", text));

    /* A dead credential: unverified, 183. */
    tu_cli_rootle(&r, NULL, "scan", "--verifier", override, "--fail", "--format", "json", dir,
                  NULL);
    ck_assert_msg(r.status == 183, "exit %d: %s", r.status, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "\"verification\":\"unverified\""));
    tu_run_free(&r);

    snprintf(text, sizeof(text), "token: %s\n", valid);
    free(tu_write_text(dir, "live.txt", text));
    tu_cli_rootle(&r, NULL, "scan", "--verifier", override, "--format", "json", dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "\"verification\":\"verified\""));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", override, "--fail", dir, NULL);
    ck_assert_msg(r.status == 184, "exit %d: %s", r.status, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "2 findings (1 verified)"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", "--verifier", override, "--fail", "--only-verified", dir,
                  NULL);
    ck_assert_int_eq(r.status, 184);
    tu_run_free(&r);
    /* The fake provider was asked, and rootle went nowhere else. */
    ck_assert_int_ge(tu_fake_count(fake, valid), 1);
    tu_fake_stop(fake);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* Root reads everything, so rootle runs as nobody (setpriv) here, on trees
 * with a file it cannot read; the test stays root to clean up. */
START_TEST(test_exit_codes_scan_errors)
{
    char pat[2][64];
    char *dirty = suppress_tree("b.txt", pat), *clean = tu_mkdtemp(), *cache = tu_mkdtemp();
    char *locked[2];

    free(tu_write_text(clean, "readme.md", "# nothing to find\n"));
    locked[0] = tu_write_text(dirty, "locked.txt", "private\n");
    locked[1] = tu_write_text(clean, "locked.txt", "private\n");
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(chmod(locked[i], 0), 0);
    ck_assert_int_eq(chmod(dirty, 0755), 0);
    ck_assert_int_eq(chmod(clean, 0755), 0);
    if (geteuid() == 0) {
        as_nobody = true;
        /* A rules cache nobody can write, so only the first scan compiles. */
        ck_assert_int_eq(chown(cache, 65534, 65534), 0);
        ck_assert_int_eq(setenv("XDG_CACHE_HOME", cache, 1), 0);
    }
    ck_assert_int_eq(scan_status(clean, NULL), 0);
    ck_assert_int_eq(scan_status(clean, ARGS("--fail")), 0);
    ck_assert_int_eq(scan_status(clean, ARGS("--fail-on-scan-errors")), 2);
    ck_assert_int_eq(scan_status(dirty, NULL), 0);
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail")), 183);
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail-on-scan-errors")), 2);
    ck_assert_int_eq(scan_status(dirty, ARGS("--fail", "--fail-on-scan-errors")), 2);
    for (int i = 0; i < 2; i++)
        free(locked[i]);
    tu_rmtree(dirty);
    tu_rmtree(clean);
    tu_rmtree(cache);
    free(dirty);
    free(clean);
    free(cache);
}
END_TEST

START_TEST(test_exit_codes_usage_errors)
{
    char *dir = tu_mkdtemp(), *rules, *unknown;
    tu_run r;

    free(tu_write_text(dir, "x.txt", "hello\n"));
    rules = tu_write_text(dir, "rules.yml",
                          "detectors:\n"
                          "  - name: rootle-corp-token\n"
                          "    keywords: [corptok_]\n"
                          "    regex:\n"
                          "      secret: 'corptok_[a-z'\n");
    unknown = tu_write_text(dir, "unknown.yml",
                            "detectors:\n"
                            "  - name: rootle-corp-token\n"
                            "    keywords: [corptok_]\n"
                            "    colour: blue\n");
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--bogus", dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--bogus"));
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--max-file-size", "lots", dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "lots"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--fail", dir, "/nonexistent/rootle-dir", NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/rootle-dir"));
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--rules", rules, dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "rules.yml:5:") != NULL, "no file:line: %s", r.err);
    ck_assert_str_eq(r.out, "");
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--rules", unknown, dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "unknown.yml:4:") != NULL, "no file:line: %s", r.err);
    ck_assert_ptr_nonnull(strstr(r.err, "colour"));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--rules", "/nonexistent/rules.yml", dir, NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/rules.yml"));
    tu_run_free(&r);
    free(rules);
    free(unknown);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *cli_ci_suite(void)
{
    Suite *s = suite_create("cli_ci");
    TCase *tc = tcase_create("ci");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_sarif_end_to_end);
    tcase_add_test(tc, test_github_annotations_escape_file_names);
    tcase_add_test(tc, test_text_summary_and_no_raw_secret);
    tcase_add_test(tc, test_output_file_appears_only_complete);
    tcase_add_test(tc, test_output_file_after_sigint_is_whole);
    tcase_add_test(tc, test_baseline_round_trip);
    tcase_add_test(tc, test_rootleignore_at_scan_root);
    tcase_add_test(tc, test_ignore_file_option);
    tcase_add_test(tc, test_exclude_and_include_globs);
    tcase_add_test(tc, test_inline_ignore_comment);
    tcase_add_test(tc, test_exit_codes_findings_and_fail);
    tcase_add_test(tc, test_exit_codes_verified);
    tcase_add_test(tc, test_exit_codes_scan_errors);
    tcase_add_test(tc, test_exit_codes_usage_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(cli_ci_suite());
}
