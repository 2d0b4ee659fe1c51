/* tu_notify.h: fixtures for the output-format tests: a fixed set of
 * findings, rendering through a notifier as the engine would, golden-file
 * comparison and the Python checkers.
 */
#ifndef TU_NOTIFY_H
#define TU_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "notifiers/ntf.h"
#include "scanner/sc_finding.h"

/* The tool version the fixtures render with, so golden files stay put. */
#define TU_VERSION "0.0.0-test"

/* The fixed findings every golden file shows: a verified and an unverified
 * one, paths with a comma, newline and colon, non-ASCII, invalid UTF-8 and
 * an absolute path, git metadata, a decoder, a verification error, a rule
 * without description. Returns how many; free with tu_findings_free. */
size_t tu_findings_fixture(sc_finding ***out);
void tu_findings_free(sc_finding **v, size_t n);

/* The raw secrets of the fixture, NULL-terminated, to search outputs for. */
extern const char *const tu_fixture_secrets[];

/* A summary with fixed counts (3 findings, 1 verified, 12 files, 1.2 MB,
 * 0.05 s); interrupted as given. */
void tu_fixed_summary(sc_summary *s, bool interrupted);

/* Renders begin, each finding in order (with the notifier's separator
 * between them, as the writer puts it) and end. Caller frees. */
char *tu_render(const ntf_options *o, sc_finding **v, size_t n, const sc_summary *s);

/* Compares actual with tests/golden/name in the source tree. With
 * ROOTLE_UPDATE_GOLDEN=1 in the environment it rewrites the file instead. */
void tu_golden_check(const char *name, const char *actual);

/* The SARIF 2.1.0 schema: tests/reference/ in the source tree, or
 * ../shared/reference/ beside it. Caller frees. */
char *tu_sarif_schema(void);

/* Runs tests/check_sarif.py on the SARIF text: valid JSON, valid against
 * the schema, expected results, consistent rule indexes. */
void tu_check_sarif(const char *sarif, size_t expected_results);
/* The same, returning the checker's exit status instead of asserting. */
int tu_check_sarif_status(const char *sarif, size_t expected_results);

/* Writes text to a file in a new temporary directory; returns its path. */
char *tu_temp_text(const char *text);
/* Removes such a file and its directory, and frees the path. */
void tu_temp_free(char *path);

#endif
