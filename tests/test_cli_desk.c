/* test_cli_desk.c: end-to-end tests of rootle at a developer's desk and in
 * the CI glue: the progress line and colour on a terminal (a real
 * pseudo-terminal, through script(1)), `rootle bench`, `rootle detectors`
 * with custom rules, the action's scan step and the pre-commit hook as
 * they would run, and a scan of rootle's own source tree.
 *
 * Scans run with --no-verification: tests never touch the network.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/fake_tokens.h"
#include "tests/support/tu_cli.h"

#define NOVERIFY "--no-verification"

/* A tree of five files, three of them with a GitHub token each. */
typedef struct tree {
    char *dir;
    char pat[3][64];
} tree;

static void make_tree(tree *t)
{
    char text[256], name[64];

    t->dir = tu_mkdtemp();
    for (unsigned i = 0; i < 3; i++) {
        fake_github_pat(300 + i, t->pat[i]);
        snprintf(text, sizeof(text), "# file %u\ntoken = \"%s\"\n", i, t->pat[i]);
        snprintf(name, sizeof(name), "src/m%u/conf.txt", i);
        free(tu_write_text(t->dir, name, text));
    }
    free(tu_write_text(t->dir, "README.md", "# a project\n"));
    free(tu_write_text(t->dir, "src/main.c", "int main(void) { return 0; }\n"));
}

static void free_tree(tree *t)
{
    tu_rmtree(t->dir);
    free(t->dir);
}

/* asprintf that aborts the test on failure. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, f);
    n = vasprintf(&s, f, ap);
    va_end(ap);
    ck_assert(n >= 0);
    return s;
}

/* ---- progress and colour on a terminal ---- */

/* A status line as rootle draws it: files, bytes, rate, findings. */
static bool has_status(const char *s)
{
    return strstr(s, " files, ") != NULL && strstr(s, "B/s, ") != NULL &&
           strstr(s, " findings") != NULL;
}

/* On a terminal the progress line is drawn at once, even for a scan that
 * takes milliseconds, and cleared at the end. stdout goes to a file here,
 * so what the terminal shows is stderr alone. */
START_TEST(test_progress_drawn_on_tty)
{
    tree t;
    tu_run r;
    char *out = tu_mkdtemp(), *report = fmt("%s/report.txt", out), *cmd, *shown;

    make_tree(&t);
    cmd = fmt("'%s' scan " NOVERIFY " '%s' > '%s'", tu_rootle_bin(), t.dir, report);
    tu_cli_pty(&r, cmd);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.out);
    ck_assert_msg(has_status(r.out), "no progress line on the terminal: %s", r.out);
    /* Cleared at the end: the terminal is left showing nothing of it. */
    shown = tu_cli_render(r.out);
    ck_assert_msg(strstr(shown, " files, ") == NULL, "progress left on screen: %s", shown);
    free(shown);
    tu_run_free(&r);
    free(cmd);
    /* The report itself is untouched by it. */
    shown = tu_read_file(report, NULL);
    ck_assert_ptr_nonnull(shown);
    ck_assert_uint_eq(tu_count(shown, "Finding: "), 3);
    ck_assert_ptr_null(strstr(shown, "\r"));
    free(shown);
    free(report);
    tu_rmtree(out);
    free(out);
    free_tree(&t);
}
END_TEST

/* While a scan is busy the line shows the path being read. stdin comes
 * from a FIFO the test holds open, so the scan cannot end before the test
 * has seen the line. */
START_TEST(test_progress_shows_path_while_busy)
{
    char *dir = tu_mkdtemp(), *fifo = fmt("%s/in.fifo", dir), *report = fmt("%s/r.txt", dir);
    char *cmd, *shown, *input = malloc(200000);
    char *argv[] = { "/usr/bin/script", "-qec", NULL, "/dev/null", NULL };
    static char out[1 << 20];
    size_t len = 0, ilen = 0;
    int in, outfd, errfd, wfd, code;
    pid_t pid;

    ck_assert_ptr_nonnull(input);
    for (unsigned i = 0; ilen + 100 < 200000; i++) {
        char pat[64];

        fake_github_pat(i, pat);
        ilen += (size_t)snprintf(input + ilen, 200000 - ilen,
                                 i % 500 == 0 ? "k=%s\n" : "filler line %.0s%u\n", pat, i);
    }
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    cmd = fmt("'%s' scan " NOVERIFY " - < '%s' > '%s'", tu_rootle_bin(), fifo, report);
    argv[2] = cmd;
    pid = tu_cli_spawn(argv, &in, &outfd, &errfd);
    wfd = open(fifo, O_WRONLY);
    ck_assert(wfd >= 0);
    ck_assert_int_eq(write(wfd, input, ilen), (ssize_t)ilen);
    /* The path of standard input is "-"; it shows after the counters. */
    while (strstr(out, " findings  -") == NULL)
        ck_assert_msg(tu_cli_read_some(outfd, out, sizeof(out), &len, 30 * tu_cli_multiplier()) > 0,
                      "no progress line with the path: %s", out);
    ck_assert(has_status(out));
    close(wfd);
    close(in);
    tu_cli_read_all(outfd, out, sizeof(out), &len, 30 * tu_cli_multiplier());
    code = tu_cli_wait(pid);
    ck_assert_int_eq(code, 0);
    shown = tu_cli_render(out);
    ck_assert_msg(strstr(shown, " files, ") == NULL, "progress left on screen: %s", shown);
    free(shown);
    shown = tu_read_file(report, NULL);
    ck_assert_ptr_nonnull(shown);
    ck_assert_uint_ge(tu_count(shown, "Finding: "), 1);
    free(shown);
    close(outfd);
    close(errfd);
    free(input);
    free(cmd);
    free(report);
    free(fifo);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* Findings and the summary printed to the terminal that shows the progress
 * line must not run into it: what the terminal shows at the end is the
 * report alone. */
START_TEST(test_progress_and_report_share_a_terminal)
{
    tree t;
    tu_run r;
    char *cmd, *shown, *line, *save = NULL;
    unsigned findings = 0;
    const char *last = NULL;

    make_tree(&t);
    cmd = fmt("'%s' scan " NOVERIFY " '%s'", tu_rootle_bin(), t.dir);
    tu_cli_pty(&r, cmd);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(has_status(r.out), "no progress line: %s", r.out);
    shown = tu_cli_render(r.out);
    for (line = strtok_r(shown, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        ck_assert_msg(strstr(line, " files, ") == NULL || strstr(line, "B/s") == NULL,
                      "progress mixed into the report: '%s'", line);
        if (strncmp(line, "Finding: ", 9) == 0)
            findings++;
        if (*line != '\0')
            last = line;
    }
    ck_assert_uint_eq(findings, 3);
    ck_assert_ptr_nonnull(last);
    ck_assert_msg(strncmp(last, "3 findings (0 verified) in 5 files", 34) == 0, "last: %s", last);
    free(shown);
    tu_run_free(&r);
    free(cmd);
    free_tree(&t);
}
END_TEST

START_TEST(test_no_progress_off_tty_or_when_disabled)
{
    tree t;
    tu_run r;
    char *cmd;

    make_tree(&t);
    /* stderr is a pipe: no progress, no carriage returns. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    tu_run_free(&r);
    /* A terminal, but --no-progress: the terminal shows nothing at all
     * (stdout goes to /dev/null). */
    cmd = fmt("'%s' scan " NOVERIFY " --no-progress '%s' > /dev/null", tu_rootle_bin(), t.dir);
    tu_cli_pty(&r, cmd);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(r.out_len == 0, "output on the terminal: %s", r.out);
    tu_run_free(&r);
    free(cmd);
    /* Without --no-progress, the same command does draw it (so the check
     * above means something). */
    cmd = fmt("'%s' scan " NOVERIFY " '%s' > /dev/null", tu_rootle_bin(), t.dir);
    tu_cli_pty(&r, cmd);
    ck_assert(has_status(r.out));
    tu_run_free(&r);
    free(cmd);
    free_tree(&t);
}
END_TEST

/* Colour in the text report on a terminal; NO_COLOR or --color never
 * remove it. stderr (the progress line) goes to /dev/null. */
START_TEST(test_colour_on_tty_and_how_to_remove_it)
{
    static const char *const variants[][2] = {
        { "-u NO_COLOR ", "" },
        { "NO_COLOR=1 ", "" },
        { "-u NO_COLOR ", "--color never" },
        { "NO_COLOR= ", "" },   /* Empty: does not count, as no-color.org says. */
    };
    static const bool coloured[] = { true, false, false, true };
    tree t;
    tu_run r;

    make_tree(&t);
    for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
        char *cmd = fmt("env %s'%s' scan " NOVERIFY " %s '%s' 2>/dev/null", variants[i][0],
                        tu_rootle_bin(), variants[i][1], t.dir);

        tu_cli_pty(&r, cmd);
        ck_assert_int_eq(r.status, 0);
        ck_assert_uint_eq(tu_count(r.out, "Finding: "), 3);
        ck_assert_msg((strstr(r.out, "\033[") != NULL) == coloured[i], "'%s': %s colour", cmd,
                      coloured[i] ? "no" : "unwanted");
        tu_run_free(&r);
        free(cmd);
    }
    /* Off a terminal there is none, unless asked for. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, t.dir, NULL);
    ck_assert_ptr_null(strstr(r.out, "\033["));
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--color", "always", t.dir, NULL);
    ck_assert_ptr_nonnull(strstr(r.out, "\033["));
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

/* ---- rootle bench ---- */

START_TEST(test_bench_text_report)
{
    static const char *const words[] = {
        "files        5\n", "chunks       ", "bytes        ", "wall time    ", "cpu time     ",
        " MB/s", "files/hour   ", "chunks/hour  ", "findings     3\n", "workers", "buffer",
        "busy s", "wait input s", "wait output s", "bottleneck   ", "slowest rules",
        "github-pat-classic ",
    };
    static const char *const stages[] = { "source", "detect", "verify", "notify", "write" };
    tree t;
    tu_run r;

    make_tree(&t);
    tu_cli_rootle(&r, NULL, "bench", t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        ck_assert_msg(strstr(r.out, words[i]) != NULL, "no '%s' in\n%s", words[i], r.out);
    for (size_t i = 0; i < 5; i++) {
        char *row = fmt("\n  %-8s ", stages[i]);

        ck_assert_msg(strstr(r.out, row) != NULL, "no row for %s", stages[i]);
        free(row);
    }
    /* The findings are discarded: bench reports speed, not secrets. */
    ck_assert_ptr_null(strstr(r.out, "Finding:"));
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_null(strstr(r.out, t.pat[i]));
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

START_TEST(test_bench_json_and_repeat)
{
    static const char check[] =
        "import json,sys\n"
        "o=json.loads(sys.stdin.read())\n"
        "runs=int(sys.argv[1])\n"
        "assert o['runs']==runs and o['files']==5 and o['findings']==3, o\n"
        "assert o['chunks']>=5 and o['bytes']>0 and o['cpu_s']>=0\n"
        "for k in ('wall_s','mb_per_s'):\n"
        "    v=o[k]; assert v['min']<=v['median']<=v['max'], (k, v)\n"
        "assert o['files_per_hour']>0 and o['chunks_per_hour']>0\n"
        "names=[s['name'] for s in o['stages']]\n"
        "assert names==['source','detect','verify','notify','write'], names\n"
        "for s in o['stages']:\n"
        "    for k in ('workers','buffer','busy_s','blocked_in_s','blocked_out_s'):\n"
        "        assert isinstance(s[k],(int,float)) and s[k]>=0, (s, k)\n"
        "assert o['bottleneck'] in names\n"
        "slow={r['id']:r for r in o['slowest_rules']}\n"
        "assert slow['github-pat-classic']['matches']==3, slow\n"
        "assert all(r['hits']>0 or r['ms_per_run']>0 for r in o['slowest_rules']), slow\n"
        "print('ok')\n";
    tree t;
    tu_run r, p;

    make_tree(&t);
    tu_cli_rootle(&r, NULL, "bench", "--format", "json", t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_uint_eq(tu_count(r.out, "\n"), 1);
    {
        char *argv[] = { "/usr/bin/python3", "-c", (char *)check, "1", NULL };

        tu_run_cmd(argv, r.out, 30, &p);
    }
    ck_assert_msg(p.status == 0, "bench JSON: %s\n%s", p.err, r.out);
    tu_run_free(&p);
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "bench", "--repeat", "3", "--format", "json", t.dir, NULL);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    {
        char *argv[] = { "/usr/bin/python3", "-c", (char *)check, "3", NULL };

        tu_run_cmd(argv, r.out, 30, &p);
    }
    ck_assert_msg(p.status == 0, "bench --repeat 3 JSON: %s\n%s", p.err, r.out);
    tu_run_free(&p);
    tu_run_free(&r);

    tu_cli_rootle(&r, NULL, "bench", "--repeat", "3", t.dir, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "(3 runs"));
    ck_assert_ptr_nonnull(strstr(r.out, "wall time "));
    ck_assert_ptr_nonnull(strstr(r.out, "(min "));
    ck_assert_ptr_nonnull(strstr(r.out, ", median "));
    ck_assert_ptr_nonnull(strstr(r.out, ", max "));
    tu_run_free(&r);
    /* --repeat is for bench only. */
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--repeat", "3", t.dir, NULL);
    ck_assert_int_eq(r.status, 2);
    tu_run_free(&r);
    free_tree(&t);
}
END_TEST

/* ---- rootle detectors ---- */

/* The number in the listing's last line, "N rules". */
static unsigned rule_count(char *listing)
{
    size_t n = strlen(listing);
    char *last;
    unsigned count = 0;

    ck_assert(n > 1 && listing[n - 1] == '\n');
    listing[n - 1] = '\0';
    last = strrchr(listing, '\n');
    ck_assert_ptr_nonnull(last);
    ck_assert_msg(sscanf(last + 1, "%u rules", &count) == 1, "last line: %s", last + 1);
    listing[n - 1] = '\n';
    return count;
}

START_TEST(test_detectors_lists_custom_rules)
{
    char *dir = tu_mkdtemp(), *rules, text[128];
    tu_run r;
    unsigned builtin;

    rules = tu_write_text(dir, "rules.yml",
                          "detectors:\n"
                          "  - name: rootle-corp-token\n"
                          "    description: Rootle Corp internal token\n"
                          "    keywords: [corptok_]\n"
                          "    regex:\n"
                          "      secret: 'corptok_[a-zA-Z0-9]{24}'\n");
    tu_cli_rootle(&r, NULL, "detectors", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_null(strstr(r.out, "rootle-corp-token"));
    builtin = rule_count(r.out);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "detectors", "--rules", rules, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "rootle-corp-token"));
    ck_assert_ptr_nonnull(strstr(r.out, "Rootle Corp internal token"));
    ck_assert_ptr_nonnull(strstr(r.out, "corptok_"));
    ck_assert_uint_eq(rule_count(r.out), builtin + 1);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "detectors", "--format", "json", "--rules", rules, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), tu_count(r.out, "\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "{\"id\":\"rootle-corp-token\",\"description\":"
                                        "\"Rootle Corp internal token\",\"keywords\":[\"corptok_\"]"));
    tu_run_free(&r);
    /* The same rule finds its token in a scan. */
    snprintf(text, sizeof(text), "key: corptok_%s\n", "rootleFAKE" "q7Wm2Rx9Kp4Zt8");
    free(tu_write_text(dir, "tree/app.cfg", text));
    {
        char *root = fmt("%s/tree", dir);

        tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--rules", rules, "--format", "json", root,
                      NULL);
        free(root);
    }
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(tu_cli_json_lines(r.out), 1);
    ck_assert_ptr_nonnull(strstr(r.out, "\"detector\":\"rootle-corp-token\""));
    tu_run_free(&r);
    free(rules);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_detectors_help)
{
    tu_run r;

    tu_cli_rootle(&r, NULL, "detectors", "--help", NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "Usage: rootle detectors"));
    ck_assert_ptr_nonnull(strstr(r.out, "--rules FILE"));
    ck_assert_ptr_nonnull(strstr(r.out, "--format"));
    ck_assert_str_eq(r.err, "");
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "detectors", "--bogus", NULL);
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--bogus"));
    tu_run_free(&r);
}
END_TEST

/* ---- CI glue ---- */

/* The action's scan step, run as GitHub runs it, on a checkout with a
 * secret: the step itself succeeds (so the SARIF upload runs), records
 * exit code 183 and leaves a SARIF report with the finding. (The clean
 * case runs in test_ci_files.) */
START_TEST(test_action_scan_step_with_findings)
{
    static const char run_step[] =
        "import json,os,subprocess,sys,yaml\n"
        "src,bin,tree,tmp=sys.argv[1:5]\n"
        "a=yaml.safe_load(open(os.path.join(src,'action.yml')))\n"
        "step=[s for s in a['runs']['steps'] if s.get('id')=='scan'][0]\n"
        "script=os.path.join(tmp,'scan.sh'); open(script,'w').write(step['run'])\n"
        "out=os.path.join(tmp,'github_output'); open(out,'w').close()\n"
        "env=dict(os.environ,ROOTLE_BIN=bin,GITHUB_OUTPUT=out,ROOTLE_PATH='.',\n"
        "         ROOTLE_ARGS='--no-verification --no-progress',ROOTLE_FAIL='true',\n"
        "         ROOTLE_SARIF='rootle.sarif')\n"
        "r=subprocess.run(['bash','--noprofile','--norc','-eo','pipefail',script],cwd=tree,\n"
        "                 env=env,capture_output=True,text=True,timeout=60)\n"
        "assert r.returncode==0,(r.returncode,r.stdout,r.stderr)\n"
        "assert open(out).read()=='exit-code=183\\n',open(out).read()\n"
        "assert 'findings reported' in r.stdout,r.stdout\n"
        "print(os.path.join(tree,'rootle.sarif'))\n";
    tree t;
    char *tmp = tu_mkdtemp(), *sarif, *text;
    tu_run r;

    make_tree(&t);
    tu_cli_python(&r, run_step, tu_source_dir(), tu_rootle_bin(), t.dir, tmp, NULL);
    ck_assert_msg(r.status == 0, "scan step: %s%s", r.out, r.err);
    sarif = fmt("%s/rootle.sarif", t.dir);
    tu_run_free(&r);
    tu_cli_check_sarif(sarif, 3);
    text = tu_read_file(sarif, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\"uri\":\"src/m0/conf.txt\""));
    free(text);
    free(sarif);
    tu_rmtree(tmp);
    free(tmp);
    free_tree(&t);
}
END_TEST

/* The entry of .pre-commit-hooks.yaml, with the file names pre-commit
 * passes (relative to the repository root, which is the working
 * directory). */
START_TEST(test_precommit_hook_entry)
{
    char *hooks = fmt("%s/.pre-commit-hooks.yaml", tu_source_dir());
    char *text = tu_read_file(hooks, NULL), *entry, *save = NULL;
    const char *argv[16];
    size_t n = 0, base;
    tree t;
    tu_run r;

    ck_assert_ptr_nonnull(text);
    entry = strstr(text, "\n  entry: ");
    ck_assert_ptr_nonnull(entry);
    entry += strlen("\n  entry: ");
    entry[strcspn(entry, "\n")] = '\0';
    for (char *w = strtok_r(entry, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
        ck_assert(n < 10);
        argv[n] = n == 0 && strcmp(w, "rootle") == 0 ? tu_rootle_bin() : w;
        n++;
    }
    ck_assert_msg(n >= 2 && argv[0] == tu_rootle_bin(), "entry does not run rootle");
    /* What a user adds with `args:` so that the hook never goes online. */
    argv[n++] = NOVERIFY;
    base = n;
    make_tree(&t);
    ck_assert_int_eq(chdir(t.dir), 0);

    /* Two staged files, one with a secret: the commit is refused. */
    argv[base] = "README.md";
    argv[base + 1] = "src/m1/conf.txt";
    argv[base + 2] = NULL;
    tu_run_cmd((char *const *)argv, NULL, (int)(60 * tu_cli_multiplier()), &r);
    ck_assert_msg(r.status == 183, "exit %d: %s", r.status, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "src/m1/conf.txt:2:10"));
    ck_assert_ptr_nonnull(strstr(r.out, "1 finding (0 verified) in 2 files"));
    ck_assert_ptr_null(strstr(r.out, t.pat[1]));
    ck_assert_str_eq(r.err, "");
    tu_run_free(&r);

    /* Two clean staged files: it passes. */
    argv[base + 1] = "src/main.c";
    tu_run_cmd((char *const *)argv, NULL, (int)(60 * tu_cli_multiplier()), &r);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "0 findings (0 verified) in 2 files"));
    tu_run_free(&r);
    free_tree(&t);
    free(text);
    free(hooks);
}
END_TEST

/* rootle's own source holds no whole fake credential outside the fixtures
 * its .rootleignore lists: tests split their literals. */
START_TEST(test_own_source_tree_is_clean)
{
    tu_run r;
    char *ignore = fmt("%s/.rootleignore", tu_source_dir()), *text = tu_read_file(ignore, NULL);

    ck_assert_msg(text != NULL, "no .rootleignore at the root of %s", tu_source_dir());
    free(text);
    free(ignore);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, "--fail", "--format", "json", tu_source_dir(),
                  NULL);
    ck_assert_msg(r.status == 0 && r.out_len == 0, "exit %d; findings:\n%s%s", r.status, r.out,
                  r.err);
    tu_run_free(&r);
    tu_cli_rootle(&r, NULL, "scan", NOVERIFY, tu_source_dir(), NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strncmp(r.out, "0 findings (0 verified) in ", 27) == 0, "%s", r.out);
    tu_run_free(&r);
}
END_TEST

static Suite *cli_desk_suite(void)
{
    Suite *s = suite_create("cli_desk");
    TCase *tc = tcase_create("desk");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_progress_drawn_on_tty);
    tcase_add_test(tc, test_progress_shows_path_while_busy);
    tcase_add_test(tc, test_progress_and_report_share_a_terminal);
    tcase_add_test(tc, test_no_progress_off_tty_or_when_disabled);
    tcase_add_test(tc, test_colour_on_tty_and_how_to_remove_it);
    tcase_add_test(tc, test_bench_text_report);
    tcase_add_test(tc, test_bench_json_and_repeat);
    tcase_add_test(tc, test_detectors_lists_custom_rules);
    tcase_add_test(tc, test_detectors_help);
    tcase_add_test(tc, test_action_scan_step_with_findings);
    tcase_add_test(tc, test_precommit_hook_entry);
    tcase_add_test(tc, test_own_source_tree_is_clean);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(cli_desk_suite());
}
