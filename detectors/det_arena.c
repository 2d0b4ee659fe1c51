/* det_arena.c: allocations a ruleset owns for its whole life (the strings
 * and arrays of custom rules), freed together with it. */
#include "detectors/det_internal.h"

#include <stdlib.h>
#include <string.h>

void *det_arena_keep(det_ruleset *rs, void *p)
{
    if (p == NULL)
        return NULL;
    if (rs->narena == rs->caparena) {
        size_t cap = rs->caparena ? rs->caparena * 2 : 32;
        void **a = realloc(rs->arena, cap * sizeof(*a));

        if (a == NULL) {
            free(p);
            return NULL;
        }
        rs->arena = a;
        rs->caparena = cap;
    }
    rs->arena[rs->narena++] = p;
    return p;
}

char *det_arena_strndup(det_ruleset *rs, const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return det_arena_keep(rs, p);
}

char *det_arena_strdup(det_ruleset *rs, const char *s)
{
    return det_arena_strndup(rs, s, strlen(s));
}

void det_arena_free(det_ruleset *rs)
{
    for (size_t i = 0; i < rs->narena; i++)
        free(rs->arena[i]);
    free(rs->arena);
    rs->arena = NULL;
    rs->narena = rs->caparena = 0;
}
