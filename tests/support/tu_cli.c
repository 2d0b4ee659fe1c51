/* tu_cli.c: see tu_cli.h. */
#include "tests/support/tu_cli.h"

#include <check.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scanner/sc_buf.h"

#define MAX_ARGS 40

/* Collects the variadic arguments after first into argv, up to a NULL. */
static void collect(char **argv, size_t first, va_list ap)
{
    size_t n = first;

    while (n < MAX_ARGS - 1 && (argv[n] = va_arg(ap, char *)) != NULL)
        n++;
    ck_assert_msg(n < MAX_ARGS - 1, "too many arguments");
    argv[n] = NULL;
}

void tu_cli_rootle(tu_run *r, const char *stdin_data, ...)
{
    char *argv[MAX_ARGS] = { (char *)tu_rootle_bin() };
    va_list ap;

    va_start(ap, stdin_data);
    collect(argv, 1, ap);
    va_end(ap);
    tu_run_cmd(argv, stdin_data, (int)(60 * tu_cli_multiplier()), r);
}

void tu_cli_python(tu_run *r, const char *code, ...)
{
    char *argv[MAX_ARGS] = { "/usr/bin/python3", "-c", (char *)code };
    va_list ap;

    va_start(ap, code);
    collect(argv, 3, ap);
    va_end(ap);
    tu_run_cmd(argv, NULL, 60, r);
}

size_t tu_cli_json_lines(const char *text)
{
    char *dir = tu_mkdtemp();
    char *path = tu_write_text(dir, "out.jsonl", text);
    tu_run r;
    size_t n;

    tu_cli_python(&r,
                  "import json,sys\n"
                  "n=0\n"
                  "for l in open(sys.argv[1], encoding='utf-8'):\n"
                  "    o=json.loads(l); assert isinstance(o, dict), l; n+=1\n"
                  "print(n)\n",
                  path, NULL);
    ck_assert_msg(r.status == 0, "invalid JSON lines: %s", r.err);
    n = (size_t)strtoul(r.out, NULL, 10);
    tu_run_free(&r);
    tu_rmtree(dir);
    free(path);
    free(dir);
    return n;
}

void tu_cli_check_sarif(const char *path, int expected)
{
    char *script, *schema, count[16];
    tu_run r;

    ck_assert(asprintf(&script, "%s/tests/check_sarif.py", tu_source_dir()) > 0);
    ck_assert(asprintf(&schema, "%s/tests/reference/sarif-schema-2.1.0.json",
                       tu_source_dir()) > 0);
    snprintf(count, sizeof(count), "%d", expected);
    {
        char *argv[] = { "/usr/bin/python3", script, schema, (char *)path, count, NULL };

        tu_run_cmd(argv, NULL, 60, &r);
    }
    ck_assert_msg(r.status == 0, "%s is not valid SARIF with %d results: %s%s", path, expected,
                  r.out, r.err);
    tu_run_free(&r);
    free(schema);
    free(script);
}

void tu_cli_pty(tu_run *r, const char *cmd)
{
    /* script runs cmd with sh -c on a new pseudo-terminal and copies what
     * it writes there to our stdout; -e passes cmd's exit code on. An empty
     * stdin ends at once, which script takes as "no more input" without
     * disturbing cmd. */
    char *argv[] = { "/usr/bin/script", "-qec", (char *)cmd, "/dev/null", NULL };

    tu_run_cmd(argv, "", (int)(60 * tu_cli_multiplier()), r);
}

char *tu_cli_render(const char *raw)
{
    sc_buf out = SC_BUF_INIT;
    char line[8192];
    size_t col = 0, len = 0;

    for (const char *p = raw;; p++) {
        if (*p == '\0' || *p == '\n') {
            sc_buf_append(&out, line, len);
            if (*p == '\0')
                break;
            sc_buf_putc(&out, '\n');
            col = len = 0;
        } else if (*p == '\r') {
            col = 0;
        } else if (*p == '\b') {
            col = col > 0 ? col - 1 : 0;
        } else if (*p == '\033' && p[1] == '[') {
            /* A CSI sequence: parameters, then one final byte. */
            const char *q = p + 2;

            while (*q != '\0' && (*q < 0x40 || *q > 0x7E))
                q++;
            if (*q == 'K')
                len = col;
            if (*q == '\0')
                break;
            p = q;
        } else if (col < sizeof(line)) {
            line[col++] = *p;
            if (col > len)
                len = col;
        }
    }
    ck_assert(!out.failed);
    return out.data != NULL ? sc_buf_steal(&out) : strdup("");
}

pid_t tu_cli_spawn(char *const argv[], int *in_fd, int *out_fd, int *err_fd)
{
    int in[2], out[2], err[2];
    pid_t pid;

    ck_assert(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
    pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]); close(err[0]); close(err[1]);
        signal(SIGPIPE, SIG_DFL);
        execv(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    *in_fd = in[1];
    *out_fd = out[0];
    *err_fd = err[0];
    return pid;
}

ssize_t tu_cli_read_some(int fd, char *buf, size_t cap, size_t *len, double timeout_s)
{
    struct pollfd p = { fd, POLLIN, 0 };
    ssize_t n;

    ck_assert(*len + 1 < cap);
    if (poll(&p, 1, (int)(timeout_s * 1000)) <= 0)
        return -1;
    n = read(fd, buf + *len, cap - 1 - *len);
    if (n > 0) {
        *len += (size_t)n;
        buf[*len] = '\0';
    }
    return n;
}

void tu_cli_read_all(int fd, char *buf, size_t cap, size_t *len, double timeout_s)
{
    ssize_t n;

    buf[*len] = '\0';
    while ((n = tu_cli_read_some(fd, buf, cap, len, timeout_s)) > 0)
        ;
    ck_assert_msg(n == 0, "no end of output within %.0f s", timeout_s);
}

int tu_cli_wait(pid_t pid)
{
    int status;

    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

double tu_cli_multiplier(void)
{
    const char *m = getenv("CK_TIMEOUT_MULTIPLIER");

    return m != NULL && atof(m) >= 1 ? atof(m) : 1.0;
}
