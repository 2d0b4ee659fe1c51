/* tu.c: test helpers (see tu.h). */
#include "tests/support/tu.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *tu_mkdtemp(void)
{
    const char *base = getenv("TMPDIR");
    char *path;

    if (base == NULL || *base == '\0')
        base = "/tmp";
    ck_assert(asprintf(&path, "%s/rootle-test-XXXXXX", base) > 0);
    ck_assert_msg(mkdtemp(path) != NULL, "mkdtemp: %s", strerror(errno));
    return path;
}

void tu_rmtree(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *de;

    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0700);
    d = opendir(path);
    if (d != NULL) {
        while ((de = readdir(d)) != NULL) {
            char *child;

            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            if (asprintf(&child, "%s/%s", path, de->d_name) < 0)
                continue;
            tu_rmtree(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(path);
}

static void mkparents(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    }
}

char *tu_write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char *path;
    FILE *f;

    ck_assert(asprintf(&path, "%s/%s", dir, name) > 0);
    mkparents(path);
    f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
    ck_assert(fwrite(data, 1, len, f) == len);
    ck_assert(fclose(f) == 0);
    return path;
}

char *tu_write_text(const char *dir, const char *name, const char *text)
{
    return tu_write_file(dir, name, text, strlen(text));
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap + 1);
            ck_assert(buf != NULL);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

static void append(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        while (*len + n + 1 > *cap)
            *cap = *cap ? *cap * 2 : 4096;
        *buf = realloc(*buf, *cap);
        ck_assert(*buf != NULL);
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
}

void tu_run_cmd(char *const argv[], const char *stdin_data, int timeout_s, tu_run *r)
{
    int in[2], out[2], err[2];
    pid_t pid;
    size_t out_cap = 0, err_cap = 0, in_off = 0, in_len = stdin_data ? strlen(stdin_data) : 0;
    struct timespec start, now;
    int status = 0;
    bool out_open = true, err_open = true;

    memset(r, 0, sizeof(*r));
    append(&r->out, &r->out_len, &out_cap, "", 0);
    append(&r->err, &r->err_len, &err_cap, "", 0);
    ck_assert(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
    pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]); close(err[0]); close(err[1]);
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[0], argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (stdin_data == NULL) {
        close(in[1]);
        in[1] = -1;
    } else {
        fcntl(in[1], F_SETFL, O_NONBLOCK);
    }
    signal(SIGPIPE, SIG_IGN);
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (out_open || err_open) {
        struct pollfd p[3] = {
            { out_open ? out[0] : -1, POLLIN, 0 },
            { err_open ? err[0] : -1, POLLIN, 0 },
            { in[1], POLLOUT, 0 },
        };
        char buf[65536];
        ssize_t n;

        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec > timeout_s) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            ck_abort_msg("%s ran longer than %d s", argv[0], timeout_s);
        }
        if (poll(p, 3, 200) < 0 && errno != EINTR)
            ck_abort_msg("poll: %s", strerror(errno));
        if (p[0].revents) {
            n = read(out[0], buf, sizeof(buf));
            if (n <= 0)
                out_open = false;
            else
                append(&r->out, &r->out_len, &out_cap, buf, (size_t)n);
        }
        if (p[1].revents) {
            n = read(err[0], buf, sizeof(buf));
            if (n <= 0)
                err_open = false;
            else
                append(&r->err, &r->err_len, &err_cap, buf, (size_t)n);
        }
        if (in[1] >= 0 && p[2].revents) {
            n = write(in[1], stdin_data + in_off, in_len - in_off);
            if (n > 0)
                in_off += (size_t)n;
            if (n < 0 || in_off == in_len) {
                close(in[1]);
                in[1] = -1;
            }
        }
    }
    if (in[1] >= 0)
        close(in[1]);
    close(out[0]);
    close(err[0]);
    ck_assert(waitpid(pid, &status, 0) == pid);
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void tu_run_free(tu_run *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof(*r));
}

const char *tu_rootle_bin(void)
{
    const char *p = getenv("ROOTLE_BIN");

    ck_assert_msg(p != NULL, "ROOTLE_BIN is not set; run the tests through ctest");
    return p;
}

const char *tu_source_dir(void)
{
    const char *p = getenv("ROOTLE_SOURCE_DIR");

    ck_assert_msg(p != NULL, "ROOTLE_SOURCE_DIR is not set; run the tests through ctest");
    return p;
}

int tu_thread_count(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *de;
    int n = 0;

    ck_assert(d != NULL);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] != '.')
            n++;
    }
    closedir(d);
    return n;
}

size_t tu_count(const char *haystack, const char *needle)
{
    size_t n = 0, len = strlen(needle);

    if (len == 0)
        return 0;
    while ((haystack = strstr(haystack, needle)) != NULL) {
        n++;
        haystack += len;
    }
    return n;
}

int tu_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}

int tu_thread_count_settled(int want)
{
    int n = tu_thread_count();

    for (int i = 0; i < 1000 && n != want; i++) {
        struct timespec ms = { 0, 1000000 };

        nanosleep(&ms, NULL);
        n = tu_thread_count();
    }
    return n;
}

static void *noop_thread(void *arg)
{
    return arg;
}

int tu_thread_baseline(void)
{
    pthread_t t;

    ck_assert_int_eq(pthread_create(&t, NULL, noop_thread, NULL), 0);
    pthread_join(t, NULL);
    return tu_thread_count();
}
