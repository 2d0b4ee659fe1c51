/* src_fs_read.c: opens one input and streams it as overlapping chunks.
 *
 * Every byte is read from the descriptor once, into the scan's one read
 * buffer. A chunk copies the window at the front of the buffer (the bytes
 * it owns plus the peek); the owned bytes are then dropped and the peek
 * bytes slide to the front, where they become the start of the next chunk.
 * So memory stays at one buffer plus the chunks in flight, however large
 * the input.
 */
#include "sources/src_fs_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

/* How long a read of standard input waits before looking at the cancel
 * token again: a pipe that never closes must not hold up Ctrl-C. */
#define STDIN_POLL_MS 100

const char *src_fs_kind_of(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "FIFO";
    if (S_ISSOCK(mode))
        return "socket";
    if (S_ISCHR(mode))
        return "character device";
    if (S_ISBLK(mode))
        return "block device";
    if (S_ISDIR(mode))
        return "directory";
    return "special file";
}

void src_fs_report_error(src_fs_scan *s, const char *path, int err)
{
    sc_diag_error(s->ctx->diag, path, "%s", strerror(err));
    atomic_fetch_add(&s->ctx->counters->scan_errors, 1);
}

/* Waits until fd is readable or the token fires. */
static sc_code wait_readable(src_fs_scan *s, int fd, int *err)
{
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };
        int n;

        if (sc_cancel_fired(s->ctx->cancel))
            return SC_CANCELLED;
        n = poll(&p, 1, STDIN_POLL_MS);
        if (n > 0)
            return SC_OK;
        if (n < 0 && errno != EINTR) {
            *err = errno;
            return SC_EIO;
        }
    }
}

/* Reads until the buffer holds want bytes or the input ends. pollable
 * inputs (stdin) are polled first so that cancellation is seen while
 * waiting. Returns SC_OK, SC_CANCELLED, or SC_EIO with errno in *err. */
static sc_code fill(src_fs_scan *s, int fd, bool pollable, size_t *len, size_t want,
                    bool *eof, int *err)
{
    while (*len < want && !*eof) {
        ssize_t n;

        if (pollable) {
            sc_code rc = wait_readable(s, fd, err);

            if (rc != SC_OK)
                return rc;
        }
        n = read(fd, s->buf + *len, want - *len);
        if (n > 0) {
            *len += (size_t)n;
        } else if (n == 0) {
            *eof = true;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            /* Only a non-blocking stdin says this; poll waits for it. */
            if (!pollable) {
                *err = errno;
                return SC_EIO;
            }
        } else if (errno != EINTR) {
            *err = errno;
            return SC_EIO;
        }
    }
    return SC_OK;
}

/* Streams fd as chunks named path. Read errors are reported and end the
 * input (chunks already sent stand); only cancellation and failed sends
 * are returned. */
static sc_code stream(src_fs_scan *s, int fd, const char *path, bool pollable)
{
    const src_fs *fs = s->fs;
    const size_t window = fs->chunk_size + fs->peek_size;
    size_t len = 0;
    bool eof = false;
    uint64_t offset = 0, line = 1, column = 1;
    int err = 0;
    sc_code rc;

    /* The first fill reads at least the sniff size, so the binary test
     * sees the same 8 KiB whatever the chunk size. */
    rc = fill(s, fd, pollable, &len, s->cap, &eof, &err);
    if (rc == SC_EIO) {
        src_fs_report_error(s, path, err);
        return SC_OK;
    }
    if (rc != SC_OK)
        return rc;
    if (!fs->scan_binary &&
        memchr(s->buf, '\0', len < SRC_FS_SNIFF_SIZE ? len : SRC_FS_SNIFF_SIZE) != NULL) {
        atomic_fetch_add(&s->ctx->counters->skipped_binary, 1);
        sc_diag_info(s->ctx->diag, path, "binary file (use --scan-binary to scan it)");
        return SC_OK;
    }
    atomic_fetch_add(&s->ctx->counters->files, 1);
    for (;;) {
        sc_chunk *c;
        size_t n, owned;

        if (sc_cancel_fired(s->ctx->cancel))
            return SC_CANCELLED;
        if (len < window) {
            rc = fill(s, fd, pollable, &len, window, &eof, &err);
            if (rc == SC_EIO) {
                src_fs_report_error(s, path, err);
                return SC_OK;
            }
            if (rc != SC_OK)
                return rc;
        }
        if (len == 0)
            return SC_OK;
        n = len < window ? len : window;
        owned = len < fs->chunk_size ? len : fs->chunk_size;
        c = sc_chunk_create(path, n);
        if (c == NULL)
            return SC_ENOMEM;
        memcpy(c->data, s->buf, n);
        c->data[n] = '\0';
        c->len = n;
        c->owned = owned;
        c->offset = offset;
        c->line = line;
        c->column = column;
        sc_position_advance(s->buf, owned, &line, &column);
        offset += owned;
        memmove(s->buf, s->buf + owned, len - owned);
        len -= owned;
        rc = sc_emit_send(s->out, c);
        if (rc != SC_OK)
            return rc;
        atomic_fetch_add(&s->ctx->counters->chunks, 1);
        atomic_fetch_add(&s->ctx->counters->bytes, owned);
    }
}

sc_code src_fs_scan_file(src_fs_scan *s, const char *path, bool nofollow)
{
    const src_fs *fs = s->fs;
    struct stat fst;
    int fd;
    sc_code rc = SC_OK;

    /* O_NONBLOCK: should a FIFO or device have taken the file's place
     * since the walk looked at it, open must not wait for a writer. */
    fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0) {
        src_fs_report_error(s, path, errno);
        return SC_OK;
    }
    if (fstat(fd, &fst) != 0) {
        src_fs_report_error(s, path, errno);
        goto out;
    }
    if (!S_ISREG(fst.st_mode)) {
        atomic_fetch_add(&s->ctx->counters->skipped_special, 1);
        sc_diag_warn(s->ctx->diag, path, "not a regular file (%s)", src_fs_kind_of(fst.st_mode));
        goto out;
    }
    if (fs->max_file_size != 0 && (uint64_t)fst.st_size > fs->max_file_size) {
        atomic_fetch_add(&s->ctx->counters->skipped_large, 1);
        sc_diag_info(s->ctx->diag, path, "larger than --max-file-size (%llu > %llu bytes)",
                     (unsigned long long)fst.st_size, (unsigned long long)fs->max_file_size);
        goto out;
    }
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    rc = stream(s, fd, path, false);
out:
    close(fd);
    return rc;
}

sc_code src_fs_scan_stdin(src_fs_scan *s)
{
    return stream(s, STDIN_FILENO, "-", true);
}
