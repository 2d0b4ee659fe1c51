/* cli_progress.c: the progress line on stderr.
 *
 * DESIGN
 * One thread samples the engine's counters at most ten times a second and
 * redraws the status line through sc_diag, which keeps it apart from error
 * messages. It waits on a condition variable with a deadline, so stop()
 * wakes it at once and joins it: it never outlives the scan.
 */
#include "scanner/cli/cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanner/sc_buf.h"

#define REFRESH_MS 100

struct cli_progress {
    pthread_t thread;
    sc_engine *engine;      /* Immutable. */
    sc_diag *diag;          /* Immutable. */
    pthread_mutex_t lock;
    pthread_cond_t cond;    /* Signalled by stop. */
    bool stopping;          /* Guarded by lock. */
};

void cli_format_bytes(double n, char *buf, size_t len)
{
    static const char *units[] = { "B", "KB", "MB", "GB", "TB" };
    int u = 0;

    while (n >= 1000.0 && u < 4) {
        n /= 1000.0;
        u++;
    }
    snprintf(buf, len, u == 0 ? "%.0f %s" : "%.1f %s", n, units[u]);
}

/* The end of path, made safe for the terminal: a file name may hold a
 * newline or an escape sequence, which would break or recolour the line.
 * Keeps at most max bytes of the escaped path, starting on a character. */
static void display_tail(const char *path, char *out, size_t outlen, size_t max)
{
    sc_buf b = SC_BUF_INIT;
    const char *tail;

    ntf_put_display_cstr(&b, path);
    tail = b.data != NULL ? b.data : "";
    if (b.len > max) {
        tail = b.data + b.len - max;
        while ((*(const unsigned char *)tail & 0xC0) == 0x80)
            tail++;
    }
    snprintf(out, outlen, "%s%s", b.len > max ? "…" : "", tail);
    sc_buf_free(&b);
}

static void draw(cli_progress *p)
{
    sc_summary s;
    char path[512], shown[160], bytes[32], rate[32], line[768];
    double secs;

    sc_engine_progress(p->engine, &s, path, sizeof(path));
    secs = (double)s.wall_ns / 1e9;
    cli_format_bytes((double)s.bytes, bytes, sizeof(bytes));
    cli_format_bytes(secs > 0 ? (double)s.bytes / secs : 0, rate, sizeof(rate));
    /* Keep the line short enough not to wrap on an 80-column terminal:
     * show the end of a long path, which is the part that changes. */
    display_tail(path, shown, sizeof(shown), 32);
    snprintf(line, sizeof(line), "%llu files, %s, %s/s, %llu findings  %s",
             (unsigned long long)s.files, bytes, rate, (unsigned long long)s.findings, shown);
    sc_diag_status(p->diag, line);
}

static void *progress_main(void *arg)
{
    cli_progress *p = arg;
    struct timespec deadline;

    /* Draw at once, so even a short scan on a terminal shows it is alive. */
    draw(p);
    pthread_mutex_lock(&p->lock);
    while (!p->stopping) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_nsec += REFRESH_MS * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        while (!p->stopping &&
               pthread_cond_timedwait(&p->cond, &p->lock, &deadline) != ETIMEDOUT)
            ;
        if (p->stopping)
            break;
        pthread_mutex_unlock(&p->lock);
        draw(p);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

cli_progress *cli_progress_start(sc_engine *e, sc_diag *diag)
{
    cli_progress *p = calloc(1, sizeof(*p));
    pthread_condattr_t attr;

    if (p == NULL)
        return NULL;
    p->engine = e;
    p->diag = diag;
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&p->cond, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&p->thread, NULL, progress_main, p) != 0) {
        pthread_cond_destroy(&p->cond);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

void cli_progress_stop(cli_progress *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    sc_diag_status(p->diag, NULL);
    pthread_cond_destroy(&p->cond);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
