/* sc_diag.h: diagnostics on stderr, shared by every stage.
 *
 * Every message names the input it is about and the reason, in the form
 * "rootle: PATH: REASON". Callers must never pass secret material: messages
 * are built from paths, sizes and sc_strerror/strerror texts only.
 *
 * The progress line (sc_diag_status) lives on the same stream; diag clears
 * it before printing a message and redraws it after, so the two never mix.
 */
#ifndef SC_DIAG_H
#define SC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct sc_diag sc_diag;

/* Creates a reporter writing to stream. verbose enables sc_diag_info.
 * Returns NULL when out of memory. */
sc_diag *sc_diag_create(FILE *stream, bool verbose);
void sc_diag_free(sc_diag *d);   /* Accepts NULL. */

/* An input that could not be scanned (counted by the caller as a scan
 * error). path may be NULL for errors about no particular input. */
void sc_diag_error(sc_diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Something skipped that the user should know about (a FIFO, a loop). */
void sc_diag_warn(sc_diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Routine skips (binary and large files); shown only with verbose. */
void sc_diag_info(sc_diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Replaces the one-line status (progress) shown at the bottom of the
 * stream; NULL clears it. The caller decides whether the stream is a TTY. */
void sc_diag_status(sc_diag *d, const char *line);

/* Writes len bytes of report output to fd (standard output, usually). When
 * a status line is shown and fd is a terminal, the line is cleared first
 * and drawn again after, so findings printed to the terminal that shows
 * the progress line never run into it. Returns 0 or an errno value, like
 * sc_write_all. */
int sc_diag_write(sc_diag *d, int fd, const void *data, size_t len);

#endif
