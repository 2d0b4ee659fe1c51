/* sc_outfile.c: atomic report files (temp file + fsync + rename). */
#include "scanner/sc_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sc_outfile {
    char *path;         /* The target. */
    char *tmp;          /* The temporary file, or NULL when writing path directly. */
    int fd;             /* -1 once closed. */
    bool done;          /* Committed or abandoned. */
};

/* The process umask. umask() can only be read by setting it, which would
 * race with other threads creating files, so Linux's /proc entry comes
 * first. */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    char line[256];
    mode_t mask;

    if (f != NULL) {
        while (fgets(line, sizeof(line), f) != NULL) {
            unsigned int m;

            if (sscanf(line, "Umask: %o", &m) == 1) {
                fclose(f);
                return (mode_t)m;
            }
        }
        fclose(f);
    }
    mask = umask(022);
    umask(mask);
    return mask;
}

void sc_outfile_free(sc_outfile *of)
{
    if (of == NULL)
        return;
    sc_outfile_abandon(of);
    free(of->path);
    free(of->tmp);
    free(of);
}

sc_code sc_outfile_open(const char *path, sc_outfile **out, char *err, size_t errlen)
{
    sc_outfile *of = NULL;
    const char *slash;
    struct stat st;
    bool exists;
    sc_code rc = SC_EIO;

    *out = NULL;
    of = calloc(1, sizeof(*of));
    if (of == NULL || (of->path = strdup(path)) == NULL) {
        rc = SC_ENOMEM;
        snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
        goto out;
    }
    of->fd = -1;
    exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory", path);
        goto out;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        of->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (of->fd < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            goto out;
        }
        *out = of;
        return SC_OK;
    }
    /* A hidden name beside the target: same file system, out of the way. */
    slash = strrchr(path, '/');
    if (asprintf(&of->tmp, "%.*s.%s.tmp-XXXXXX", slash ? (int)(slash - path + 1) : 0, path,
                 slash ? slash + 1 : path) < 0) {
        of->tmp = NULL;
        rc = SC_ENOMEM;
        snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
        goto out;
    }
    of->fd = mkostemp(of->tmp, O_CLOEXEC);
    if (of->fd < 0) {
        snprintf(err, errlen, "%s: cannot create a temporary file beside it: %s", path,
                 strerror(errno));
        free(of->tmp);
        of->tmp = NULL;
        goto out;
    }
    if (fchmod(of->fd, 0644 & ~current_umask()) != 0) {
        snprintf(err, errlen, "%s: %s", of->tmp, strerror(errno));
        goto out;
    }
    *out = of;
    return SC_OK;
out:
    sc_outfile_free(of);
    return rc;
}

int sc_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t w = write(fd, p, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int sc_outfile_fd(const sc_outfile *of)
{
    return of->fd;
}

sc_code sc_outfile_commit(sc_outfile *of, char *err, size_t errlen)
{
    int fd = of->fd, synced, closed;
    const char *slash;
    char *dir;

    if (of->done || fd < 0) {
        snprintf(err, errlen, "%s: the report was already closed", of->path);
        return SC_EINVAL;
    }
    of->fd = -1;
    if (of->tmp == NULL) {
        of->done = true;
        if (close(fd) != 0) {
            snprintf(err, errlen, "%s: %s", of->path, strerror(errno));
            return SC_EIO;
        }
        return SC_OK;
    }
    /* Without the fsync a crash after the rename could leave an empty
     * file where the old report was. */
    synced = fsync(fd) == 0 ? 0 : errno;
    closed = close(fd) == 0 ? 0 : errno;
    if (synced != 0 || closed != 0) {
        snprintf(err, errlen, "%s: %s", of->tmp, strerror(synced != 0 ? synced : closed));
        sc_outfile_abandon(of);
        return SC_EIO;
    }
    if (rename(of->tmp, of->path) != 0) {
        snprintf(err, errlen, "%s: %s", of->path, strerror(errno));
        sc_outfile_abandon(of);
        return SC_EIO;
    }
    of->done = true;
    /* Make the rename itself durable; a failure here loses nothing now. */
    slash = strrchr(of->path, '/');
    dir = slash == NULL ? strdup(".") : strndup(of->path, slash == of->path ? 1 : (size_t)(slash - of->path));
    if (dir != NULL) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    return SC_OK;
}

void sc_outfile_abandon(sc_outfile *of)
{
    if (of->done)
        return;
    of->done = true;
    if (of->fd >= 0)
        close(of->fd);
    of->fd = -1;
    if (of->tmp != NULL)
        unlink(of->tmp);
}
