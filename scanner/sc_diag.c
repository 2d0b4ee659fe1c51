/* sc_diag.c: serialised stderr reporting with a redrawable status line. */
#include "scanner/sc_diag.h"
#include "scanner/sc_outfile.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sc_diag {
    pthread_mutex_t lock;
    FILE *stream;       /* Written only under lock. */
    bool verbose;       /* Immutable. */
    char *status;       /* Guarded by lock: the status line now shown. */
};

sc_diag *sc_diag_create(FILE *stream, bool verbose)
{
    sc_diag *d = calloc(1, sizeof(*d));

    if (d == NULL)
        return NULL;
    pthread_mutex_init(&d->lock, NULL);
    d->stream = stream;
    d->verbose = verbose;
    return d;
}

void sc_diag_free(sc_diag *d)
{
    if (d == NULL)
        return;
    sc_diag_status(d, NULL);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

static void clear_status_locked(sc_diag *d)
{
    if (d->status != NULL)
        fputs("\r\033[K", d->stream);
}

static void vreport(sc_diag *d, const char *kind, const char *path,
                    const char *fmt, va_list ap)
{
    pthread_mutex_lock(&d->lock);
    clear_status_locked(d);
    fputs("rootle: ", d->stream);
    if (kind != NULL)
        fprintf(d->stream, "%s: ", kind);
    if (path != NULL)
        fprintf(d->stream, "%s: ", path);
    vfprintf(d->stream, fmt, ap);
    fputc('\n', d->stream);
    if (d->status != NULL)
        fputs(d->status, d->stream);
    fflush(d->stream);
    pthread_mutex_unlock(&d->lock);
}

void sc_diag_error(sc_diag *d, const char *path, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(d, "error", path, fmt, ap);
    va_end(ap);
}

void sc_diag_warn(sc_diag *d, const char *path, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(d, "skipped", path, fmt, ap);
    va_end(ap);
}

void sc_diag_info(sc_diag *d, const char *path, const char *fmt, ...)
{
    va_list ap;

    if (!d->verbose)
        return;
    va_start(ap, fmt);
    vreport(d, "skipped", path, fmt, ap);
    va_end(ap);
}

void sc_diag_status(sc_diag *d, const char *line)
{
    pthread_mutex_lock(&d->lock);
    clear_status_locked(d);
    free(d->status);
    d->status = line != NULL ? strdup(line) : NULL;
    if (d->status != NULL)
        fputs(d->status, d->stream);
    fflush(d->stream);
    pthread_mutex_unlock(&d->lock);
}

int sc_diag_write(sc_diag *d, int fd, const void *data, size_t len)
{
    int err;

    pthread_mutex_lock(&d->lock);
    /* Output to a file or a pipe cannot meet the status line; only a
     * terminal shared with stderr can. Only then is the lock held across
     * the write, so a slow reader of a pipe never holds up diagnostics. */
    if (d->status == NULL || !isatty(fd)) {
        pthread_mutex_unlock(&d->lock);
        return sc_write_all(fd, data, len);
    }
    clear_status_locked(d);
    fflush(d->stream);
    err = sc_write_all(fd, data, len);
    fputs(d->status, d->stream);
    fflush(d->stream);
    pthread_mutex_unlock(&d->lock);
    return err;
}
