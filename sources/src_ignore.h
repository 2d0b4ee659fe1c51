/* src_ignore.h: one gitignore-style matcher for --include, --exclude,
 * --ignore-file and .rootleignore.
 *
 * Syntax (a subset of gitignore(5), the parts that make sense for a scan):
 *  - blank lines and lines starting with '#' are ignored ("\#" is a
 *    literal '#'); trailing spaces are dropped unless escaped ("\ ");
 *  - a leading '!' negates: a path it matches is re-included ("\!" is a
 *    literal '!');
 *  - a trailing '/' makes the pattern match directories only;
 *  - a pattern with a '/' at its start or in its middle is anchored to the
 *    root and matched against the whole relative path; one without matches
 *    the last component (the basename) at any depth;
 *  - "**" as a whole component matches any number of directories: a
 *    leading "**" / matches in every directory, "a/" "**" "/b" matches a/b,
 *    a/x/b, a/x/y/b, and a trailing "/" "**" matches everything inside;
 *  - each component is matched with fnmatch(3) (FNM_PATHNAME), so '*', '?',
 *    '[...]' and backslash escapes behave as in the shell.
 * The last pattern that matches a path decides.
 *
 * A matcher is immutable once built, so one may be shared by any number of
 * threads for matching.
 */
#ifndef SRC_IGNORE_H
#define SRC_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "scanner/sc_error.h"

typedef struct src_ignore src_ignore;

typedef enum src_ignore_verdict {
    SRC_IGNORE_NONE = 0,    /* No pattern matches. */
    SRC_IGNORE_MATCH,       /* The last matching pattern is a positive one. */
    SRC_IGNORE_NEGATED      /* The last matching pattern is a '!' one. */
} src_ignore_verdict;

/* Returns an empty matcher, or NULL when out of memory. */
src_ignore *src_ignore_create(void);
void src_ignore_free(src_ignore *ig);   /* Accepts NULL. */

/* Adds one line of the syntax above. Comments and blank lines add nothing.
 * Returns SC_OK or SC_ENOMEM. */
sc_code src_ignore_add_line(src_ignore *ig, const char *line);

/* Adds every line of the file at path. The file must be a regular file; it
 * is opened without blocking, so a FIFO in its place cannot hang the scan.
 * Returns SC_OK; SC_ENOTFOUND if it does not exist; SC_EIO if it cannot be
 * read (with "PATH: reason" in err); SC_ENOMEM. */
sc_code src_ignore_add_file(src_ignore *ig, const char *path, char *err, size_t errlen);

/* The number of patterns added. */
size_t src_ignore_count(const src_ignore *ig);

/* Matches rel, a '/'-separated path relative to the root (no leading '/'),
 * naming a directory if is_dir. Returns the verdict of the last pattern
 * that matches. Out of memory counts as no match. */
src_ignore_verdict src_ignore_match(const src_ignore *ig, const char *rel, bool is_dir);

/* True if rel itself, or one of the directories that contain it, gets
 * SRC_IGNORE_MATCH: how an include list selects files, so that including
 * "src/" selects every file under src. */
bool src_ignore_covers(const src_ignore *ig, const char *rel, bool is_dir);

#endif
