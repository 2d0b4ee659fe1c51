/* det_load.h: loading a ruleset from an explicit rule table, and what the
 * load did, for tests and for `rootle detectors`. The engine itself uses
 * det_ruleset_load (det_ruleset.h), which passes det_builtin_rules().
 */
#ifndef DET_LOAD_H
#define DET_LOAD_H

#include "detectors/det_ruleset.h"

/* As det_ruleset_load, with rules[0 .. n) in place of the built-in
 * catalogue. The table must outlive the ruleset (it is not copied). */
sc_code det_ruleset_load_rules(const det_rule_def *rules, size_t n, const det_options *o,
                               det_ruleset **out, char *err, size_t errlen);

/* The rules whose pattern Hyperscan rejected even as a prefilter, so that
 * their keywords trigger them instead. Fills up to n ids; returns how many
 * there are. */
size_t det_ruleset_fallbacks(const det_ruleset *rs, const char **ids, size_t n);

/* Shannon entropy of s[0 .. n) in bits per byte, as min_entropy uses it. */
double det_entropy(const unsigned char *s, size_t n);

#endif
