/* det_ruleset.h: the compiled rules and the detector that runs them.
 *
 * A ruleset is built once per run from the built-in catalogue, a --rules
 * YAML file and the --include/--exclude-detectors selection. It is
 * immutable once loaded and shared read-only by every detect worker; each
 * worker has its own Hyperscan scratch and PCRE2 match data.
 */
#ifndef DET_RULESET_H
#define DET_RULESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "detectors/det_rule.h"
#include "scanner/sc_diag.h"
#include "scanner/sc_engine.h"

typedef struct det_ruleset det_ruleset;

typedef struct det_options {
    const char *rules_file;         /* YAML custom rules; NULL for none. */
    const char *const *include_ids; /* Only these rules (NULL: all). */
    size_t ninclude;
    const char *const *exclude_ids; /* Never these rules. */
    size_t nexclude;
    unsigned max_decode_depth;      /* --max-decode-depth; default 3. */
    const char *cache_dir;          /* Prefilter database cache; NULL: default
                                     * ($XDG_CACHE_HOME or ~/.cache)/rootle. */
    bool no_cache;                  /* Never read or write the cache. */
} det_options;

void det_options_defaults(det_options *o);

/* Loads and compiles the rules. On failure returns SC_ECONFIG, SC_EREGEX
 * or SC_ENOTFOUND and writes a message naming the file, line and reason (or
 * the rule id) to err; the message never contains secret text. */
sc_code det_ruleset_load(const det_options *o, det_ruleset **out, char *err, size_t errlen);

/* Accepts NULL. */
void det_ruleset_free(det_ruleset *rs);

/* The rules in the set, in catalogue order, custom rules last. */
size_t det_ruleset_count(const det_ruleset *rs);
const det_rule_def *det_ruleset_rule(const det_ruleset *rs, size_t i);
const det_rule_def *det_ruleset_find(const det_ruleset *rs, const char *id);

/* The detector plugin for the engine. The ruleset must outlive the scan. */
sc_detector det_ruleset_detector(det_ruleset *rs);

/* Time spent confirming each rule's hits, summed over workers, for
 * `rootle bench`. Fills up to n entries, slowest first; returns how many. */
typedef struct det_rule_time {
    const char *id;
    uint64_t ns;
    uint64_t hits;      /* Prefilter hits confirmed or rejected. */
    uint64_t matches;   /* Findings made. */
} det_rule_time;
size_t det_ruleset_slowest(const det_ruleset *rs, det_rule_time *out, size_t n);

/* Startup timings, for the README's cold/cached measurement. */
typedef struct det_load_info {
    uint64_t compile_ns;    /* Time to build or load the prefilter database. */
    bool from_cache;        /* The database came from the cache file. */
} det_load_info;
void det_ruleset_load_info(const det_ruleset *rs, det_load_info *info);

#endif
