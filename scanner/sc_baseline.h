/* sc_baseline.h: accepted findings, by fingerprint.
 *
 * A baseline file is JSON: {"version":1,"tool":"rootle","findings":[{"fingerprint":...,
 * "rule":...,"path":...,"redacted":...}, ...]} sorted by fingerprint. It
 * never holds a secret. Fingerprints hash rule + secret + path and ignore
 * line numbers, so moving a line does not revive a finding.
 */
#ifndef SC_BASELINE_H
#define SC_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "scanner/sc_error.h"
#include "scanner/sc_finding.h"

typedef struct sc_baseline sc_baseline;

/* Creates an empty baseline (for --write-baseline). */
sc_baseline *sc_baseline_create(void);

/* Loads path. A missing, unreadable or malformed file fails with SC_EIO or
 * SC_ECONFIG and a message naming the file and reason in err. */
sc_code sc_baseline_load(const char *path, sc_baseline **out, char *err, size_t errlen);

void sc_baseline_free(sc_baseline *b);     /* Accepts NULL. */

/* True if f's fingerprint is in the baseline. Thread-safe for readers. */
bool sc_baseline_contains(const sc_baseline *b, const char *fingerprint);

/* Records f (fingerprint, rule, path, redacted). Thread-safe. */
sc_code sc_baseline_add(sc_baseline *b, const sc_finding *f);

/* Writes the baseline, sorted by fingerprint, atomically (temp + rename). */
sc_code sc_baseline_write(const sc_baseline *b, const char *path, char *err, size_t errlen);

#endif
