/* det_verify_specs.c: the provider tables of every family, as one list. */
#include "detectors/verify/det_verify_spec.h"

#include <string.h>

static const struct {
    const det_vspec *specs;
    const size_t *count;
} families[] = {
    { det_vspecs_code, &det_vspecs_code_count },
    { det_vspecs_work, &det_vspecs_work_count },
    { det_vspecs_cloud, &det_vspecs_cloud_count },
    { det_vspecs_ai, &det_vspecs_ai_count },
    { det_vspecs_commerce, &det_vspecs_commerce_count },
};

void det_vspec_each(void (*fn)(void *arg, const det_vspec *s), void *arg)
{
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        for (size_t j = 0; j < *families[i].count; j++)
            fn(arg, &families[i].specs[j]);
    }
}

const det_vspec *det_vspec_find(const char *rule_id)
{
    /* About forty entries, looked up once per rule at start-up: a linear
     * scan is all this needs. */
    for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        for (size_t j = 0; j < *families[i].count; j++) {
            if (strcmp(families[i].specs[j].rule_id, rule_id) == 0)
                return &families[i].specs[j];
        }
    }
    return NULL;
}
