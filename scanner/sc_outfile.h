/* sc_outfile.h: a report file that appears whole or not at all.
 *
 * Writes go to a temporary file in the target's directory (so the final
 * rename cannot cross file systems); commit fsyncs it and renames it over
 * the target. An interrupted or failed run abandons the temporary file, so
 * -o FILE never leaves half a report, and an old report stays intact until
 * the new one is complete.
 *
 * A target that exists and is not a regular file or a directory (a FIFO,
 * /dev/null, /dev/stdout) cannot be replaced by rename: it is opened and
 * written directly, and commit and abandon leave it alone. A symbolic link
 * to a regular file is replaced by the new report, not written through.
 */
#ifndef SC_OUTFILE_H
#define SC_OUTFILE_H

#include <stddef.h>

#include "scanner/sc_error.h"

typedef struct sc_outfile sc_outfile;

/* Creates the temporary file for path (mode 0644 less the umask). Fails
 * with SC_EIO and "PATH: reason" in err when the directory is not writable
 * or path is a directory. */
sc_code sc_outfile_open(const char *path, sc_outfile **out, char *err, size_t errlen);

/* The descriptor to write the report to. Owned by the outfile. */
int sc_outfile_fd(const sc_outfile *of);

/* Flushes the file to disk and renames it over path. After a failure the
 * temporary file is removed and err says why. Either way the descriptor is
 * closed; call it once. */
sc_code sc_outfile_commit(sc_outfile *of, char *err, size_t errlen);

/* Closes and removes the temporary file; path is left as it was. Idempotent. */
void sc_outfile_abandon(sc_outfile *of);

/* Writes all len bytes to fd, retrying short writes and EINTR. Returns 0
 * or the errno of the write that failed. */
int sc_write_all(int fd, const void *data, size_t len);

/* Abandons the file unless it was committed, and frees. Accepts NULL. */
void sc_outfile_free(sc_outfile *of);

#endif
