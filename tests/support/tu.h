/* tu.h: small helpers shared by rootle's Check tests.
 *
 * Every helper aborts the test (ck_abort_msg) on a setup failure, so tests
 * read as straight-line code.
 */
#ifndef TU_H
#define TU_H

#include <check.h>
#include <stddef.h>
#include <sys/types.h>

/* Runs every test of suite s (forked, CK_NORMAL output) and returns the
 * process exit status: 0 when all passed. */
int tu_run_suite(Suite *s);

/* Makes a fresh temporary directory and returns its path (static storage
 * per call is not used: the caller frees). */
char *tu_mkdtemp(void);

/* Removes a directory tree (best effort). */
void tu_rmtree(const char *path);

/* Writes len bytes to dir/name, creating parent directories. Returns the
 * full path (caller frees). */
char *tu_write_file(const char *dir, const char *name, const void *data, size_t len);
/* The same for a NUL-terminated string. */
char *tu_write_text(const char *dir, const char *name, const char *text);

/* Reads a whole file; *len gets its size. Caller frees. NULL on failure. */
char *tu_read_file(const char *path, size_t *len);

/* The result of running a command. */
typedef struct tu_run {
    int status;     /* Exit code, or 128+signal. */
    char *out;      /* Captured stdout, NUL-terminated. */
    size_t out_len;
    char *err;      /* Captured stderr, NUL-terminated. */
    size_t err_len;
} tu_run;

/* Runs argv (argv[0] is looked up in PATH unless it has a slash) with stdin
 * from stdin_data (may be NULL for /dev/null) and captures its output.
 * Aborts the test if the command runs longer than timeout_s. */
void tu_run_cmd(char *const argv[], const char *stdin_data, int timeout_s, tu_run *r);
void tu_run_free(tu_run *r);

/* The path of the rootle binary under test ($ROOTLE_BIN). */
const char *tu_rootle_bin(void);
/* The source tree ($ROOTLE_SOURCE_DIR). */
const char *tu_source_dir(void);

/* The number of threads in this process (entries in /proc/self/task). */
int tu_thread_count(void);

/* The thread count once it has come down to want, or what it is after a
 * second. pthread_join returns when a thread has cleared its tid, a moment
 * before the kernel drops it from /proc/self/task; this waits on the
 * kernel, not on the test's threads, which must all have been joined. */
int tu_thread_count_settled(int want);

/* The thread count to compare against after a test's threads are joined.
 * It first starts and joins one thread, because sanitizer runtimes (TSan)
 * start a helper thread of their own at the first pthread_create. */
int tu_thread_baseline(void);

/* Counts non-overlapping occurrences of needle in haystack. */
size_t tu_count(const char *haystack, const char *needle);

#endif
