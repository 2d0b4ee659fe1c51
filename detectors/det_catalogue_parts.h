/* det_catalogue_parts.h: the parts of the built-in rule catalogue.
 *
 * Internal to detectors/: each rules_<family>.c file defines one array of
 * rule definitions and its length; det_catalogue.c concatenates them, in the
 * order listed here, into the catalogue that det_builtin_rules() returns.
 */
#ifndef DET_CATALOGUE_PARTS_H
#define DET_CATALOGUE_PARTS_H

#include <stddef.h>

#include "detectors/det_rule.h"

extern const det_rule_def det_rules_cloud[];
extern const size_t det_rules_cloud_count;
extern const det_rule_def det_rules_code[];
extern const size_t det_rules_code_count;
extern const det_rule_def det_rules_ci[];
extern const size_t det_rules_ci_count;
extern const det_rule_def det_rules_messaging[];
extern const size_t det_rules_messaging_count;
extern const det_rule_def det_rules_payments[];
extern const size_t det_rules_payments_count;
extern const det_rule_def det_rules_saas[];
extern const size_t det_rules_saas_count;
extern const det_rule_def det_rules_observability[];
extern const size_t det_rules_observability_count;
extern const det_rule_def det_rules_data[];
extern const size_t det_rules_data_count;
extern const det_rule_def det_rules_ai[];
extern const size_t det_rules_ai_count;
extern const det_rule_def det_rules_generic[];
extern const size_t det_rules_generic_count;
extern const det_rule_def det_rules_keys[];
extern const size_t det_rules_keys_count;

/* One part of the catalogue, for det_catalogue.c and the lint test. */
typedef struct det_catalogue_part {
    const char *family;         /* "cloud", "code", ... (the file's suffix). */
    const det_rule_def *rules;
    const size_t *count;
} det_catalogue_part;

/* The parts in catalogue order; *n gets their number. */
const det_catalogue_part *det_catalogue_parts(size_t *n);

#endif
