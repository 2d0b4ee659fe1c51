/* src_fs_priv.h: what the files of the filesystem source share: the
 * source's settings, the state of one scan, and the steps between them
 * (walk a root, check and open a file, stream a descriptor as chunks).
 */
#ifndef SRC_FS_PRIV_H
#define SRC_FS_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "scanner/sc_engine.h"
#include "sources/src_fs.h"
#include "sources/src_ignore.h"

/* Bytes looked at for a NUL to tell a binary file, as git and grep do. */
#define SRC_FS_SNIFF_SIZE 8192

/* The source's settings. Immutable after src_fs_create, so one src_fs can
 * serve scans one after the other without any lock. */
struct src_fs {
    char **paths;
    size_t npaths;
    bool follow_symlinks;
    bool scan_binary;
    bool scan_git_dir;
    uint64_t max_file_size;     /* 0: no limit. */
    size_t chunk_size;
    size_t peek_size;
    src_ignore *include;        /* NULL: every file is included. */
    src_ignore *exclude;        /* --exclude globs; NULL: none. */
    src_ignore *ignore_file;    /* --ignore-file; NULL: none. */
};

/* The state of one run. It lives on the source thread's stack and is only
 * ever touched by that thread. */
typedef struct src_fs_scan {
    const src_fs *fs;
    const sc_scan_ctx *ctx;
    sc_emit *out;
    unsigned char *buf;         /* Read buffer: bytes read but not yet owned by a chunk. */
    size_t cap;                 /* Its size: max(chunk + peek, SRC_FS_SNIFF_SIZE). */
    void *seen;                 /* tsearch(3) tree of (dev, ino) scanned, when following. */
} src_fs_scan;

/* Walks one path argument (a file or a directory) and scans what it finds.
 * Returns SC_OK when done (unreadable inputs are reported and counted, not
 * returned), SC_CANCELLED, or the code of a failed send or allocation. */
sc_code src_fs_walk(src_fs_scan *s, const char *arg);

/* Opens the file at path, which the walk saw as a regular file, checks it
 * again on the descriptor (it may have been replaced since), applies the
 * size limit and streams it. nofollow adds O_NOFOLLOW. Returns as
 * src_fs_walk does. */
sc_code src_fs_scan_file(src_fs_scan *s, const char *path, bool nofollow);

/* Streams standard input as the file "-". */
sc_code src_fs_scan_stdin(src_fs_scan *s);

/* Reports that path could not be read, with strerror(err) as the reason
 * (never any content), and counts a scan error. */
void src_fs_report_error(src_fs_scan *s, const char *path, int err);

/* "FIFO", "socket", ...: how a skipped special file is named. */
const char *src_fs_kind_of(mode_t mode);

/* Records (dev, ino) and returns true if it had been recorded before. Out
 * of memory answers false: scanning a file twice beats skipping it. */
bool src_fs_seen(src_fs_scan *s, const struct stat *st);

#endif
