/* det_catalogue.c: the built-in rule catalogue, concatenated from its parts.
 *
 * The rules live in one file per family (rules_<family>.c) so that each file
 * stays readable; callers want one array in a stable order, so the parts are
 * copied once, in the order of the table below, into a static array. The
 * copy is shallow: every string it points to is static.
 */
#include "detectors/det_catalogue_parts.h"

#include <pthread.h>

/* More than the catalogue holds; the lint test checks that nothing was left
 * out (the catalogue's count equals the sum of the parts' counts). */
#define DET_CATALOGUE_CAPACITY 1024

static const det_catalogue_part parts[] = {
    {"cloud", det_rules_cloud, &det_rules_cloud_count},
    {"code", det_rules_code, &det_rules_code_count},
    {"ci", det_rules_ci, &det_rules_ci_count},
    {"messaging", det_rules_messaging, &det_rules_messaging_count},
    {"payments", det_rules_payments, &det_rules_payments_count},
    {"saas", det_rules_saas, &det_rules_saas_count},
    {"observability", det_rules_observability, &det_rules_observability_count},
    {"data", det_rules_data, &det_rules_data_count},
    {"ai", det_rules_ai, &det_rules_ai_count},
    {"generic", det_rules_generic, &det_rules_generic_count},
    {"keys", det_rules_keys, &det_rules_keys_count},
};

/* Written once under catalogue_once, read-only afterwards. */
static det_rule_def catalogue[DET_CATALOGUE_CAPACITY];
static size_t catalogue_count;
static pthread_once_t catalogue_once = PTHREAD_ONCE_INIT;

static void catalogue_build(void)
{
    size_t n = 0;
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
        for (size_t i = 0; i < *parts[p].count && n < DET_CATALOGUE_CAPACITY; i++)
            catalogue[n++] = parts[p].rules[i];
    }
    catalogue_count = n;
}

const det_catalogue_part *det_catalogue_parts(size_t *n)
{
    *n = sizeof parts / sizeof parts[0];
    return parts;
}

const det_rule_def *det_builtin_rules(size_t *count)
{
    pthread_once(&catalogue_once, catalogue_build);
    if (count)
        *count = catalogue_count;
    return catalogue;
}
