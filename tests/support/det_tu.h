/* det_tu.h: helpers for the detector tests: load a ruleset from a rule
 * table, run the detector plugin over text or a hand-made chunk, and look
 * at the findings. Every helper aborts the test on a setup failure. */
#ifndef DET_TU_H
#define DET_TU_H

#include <stddef.h>

#include "detectors/det_load.h"
#include "scanner/sc_finding.h"

typedef struct dtu_findings {
    sc_finding **v;
    size_t n, cap;
} dtu_findings;

/* Loads rules[0 .. n) (the built-in catalogue if rules is NULL) with no
 * cache and the given decode depth. */
det_ruleset *dtu_load(const det_rule_def *rules, size_t n, unsigned depth);

/* A chunk holding text[0 .. len) that owns all of it, at line 1 column 1. */
sc_chunk *dtu_chunk(const char *path, const void *text, size_t len);

/* Runs the detector over one chunk on a fresh worker, appending findings. */
void dtu_scan_chunk(det_ruleset *rs, const sc_chunk *c, dtu_findings *out);
/* The same for a whole text as one chunk. */
void dtu_scan(det_ruleset *rs, const void *text, size_t len, dtu_findings *out);
void dtu_scan_str(det_ruleset *rs, const char *text, dtu_findings *out);

/* Findings of rule_id (any rule if NULL), and the first one with secret
 * (any secret if NULL), or NULL. */
size_t dtu_count(const dtu_findings *f, const char *rule_id);
const sc_finding *dtu_find(const dtu_findings *f, const char *rule_id, const char *secret);

void dtu_free(dtu_findings *f);

#endif
