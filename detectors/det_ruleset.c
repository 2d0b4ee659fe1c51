/* det_ruleset.c: loading a ruleset: the catalogue and custom rules, the
 * --include/--exclude-detectors selection, PCRE2 compilation, keyword
 * tables and the prefilter database. Also the read-only accessors. */
#include "detectors/det_internal.h"
#include "detectors/det_load.h"
#include "detectors/verify/det_verify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void det_options_defaults(det_options *o)
{
    memset(o, 0, sizeof(*o));
    o->max_decode_depth = 3;
}

pcre2_code *det_compile_pattern(const char *pattern, unsigned flags, int *errcode,
                                size_t *erroffset)
{
    uint32_t opts = PCRE2_MULTILINE;
    PCRE2_SIZE off = 0;
    pcre2_code *re;

    if (flags & DET_CASELESS)
        opts |= PCRE2_CASELESS;
    if (flags & DET_MULTILINE)
        opts |= PCRE2_DOTALL;
    re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, errcode, &off, NULL);
    *erroffset = off;
    /* Without JIT (an unsupported CPU) matching still works, only slower. */
    if (re != NULL)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* One candidate rule during selection: a built-in or a custom rule. */
typedef struct cand {
    const det_rule_def *def;
    const det_custom_rule *custom;
    int state;          /* 0 out, 1 selected, 2 partner only. */
} cand;

static long find_cand(const cand *c, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].def->id, id) == 0)
            return (long)i;
    }
    return -1;
}

static bool in_list(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ids[i], id) == 0)
            return true;
    }
    return false;
}

static void grow_groups(det_ruleset *rs, const pcre2_code *re)
{
    uint32_t cc = 0;

    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &cc);
    if (cc + 1 > rs->max_groups)
        rs->max_groups = cc + 1;
}

static sc_code compile_rule(det_ruleset *rs, det_crule *r, const det_custom_rule *custom,
                            char *err, size_t errlen)
{
    int ec = 0;
    size_t off = 0;
    int g;
    uint32_t cc = 0;
    PCRE2_UCHAR msg[160];

    r->re = det_compile_pattern(r->def.pattern, r->def.flags, &ec, &off);
    if (r->re == NULL) {
        pcre2_get_error_message(ec, msg, sizeof(msg));
        snprintf(err, errlen, "rule %s: pattern does not compile at offset %zu: %s", r->def.id,
                 off, (const char *)msg);
        return SC_EREGEX;
    }
    grow_groups(rs, r->re);
    pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &cc);
    g = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "secret");
    r->secret_group = g > 0 ? (uint32_t)g : (cc >= 1 ? 1 : 0);
    if (r->def.nexclude_regexes > 0) {
        r->exclude_re = calloc(r->def.nexclude_regexes, sizeof(*r->exclude_re));
        if (r->exclude_re == NULL)
            return SC_ENOMEM;
        for (size_t i = 0; i < r->def.nexclude_regexes; i++) {
            r->exclude_re[i] = det_compile_pattern(r->def.exclude_regexes[i], 0, &ec, &off);
            if (r->exclude_re[i] == NULL) {
                snprintf(err, errlen, "rule %s: exclude regex %zu does not compile", r->def.id,
                         i + 1);
                return SC_EREGEX;
            }
            grow_groups(rs, r->exclude_re[i]);
        }
    }
    if (custom != NULL && custom->ncomp > 0) {
        r->companions = calloc(custom->ncomp, sizeof(*r->companions));
        if (r->companions == NULL)
            return SC_ENOMEM;
        r->ncompanions = custom->ncomp;
        for (size_t i = 0; i < custom->ncomp; i++) {
            r->companions[i].name = custom->comp_names[i];
            r->companions[i].re =
                det_compile_pattern(custom->comp_patterns[i], r->def.flags, &ec, &off);
            if (r->companions[i].re == NULL) {
                snprintf(err, errlen, "rule %s: regex %s does not compile", r->def.id,
                         custom->comp_names[i]);
                return SC_EREGEX;
            }
            grow_groups(rs, r->companions[i].re);
        }
    }
    return SC_OK;
}

/* Builds the deduplicated, lowercased keyword table of the selected rules. */
static sc_code build_keywords(det_ruleset *rs)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        det_crule *r = &rs->rules[i];
        size_t nk = 0;

        while (nk < DET_MAX_KEYWORDS && r->def.keywords[nk] != NULL)
            nk++;
        r->kw = calloc(nk + 1, sizeof(*r->kw));
        if (r->kw == NULL)
            return SC_ENOMEM;
        for (size_t j = 0; j < nk; j++) {
            const char *kw = r->def.keywords[j];
            size_t len = strlen(kw), k;

            if (len == 0)
                continue;
            for (k = 0; k < rs->nkws; k++) {
                if (rs->kws[k].len == len && strncasecmp(rs->kws[k].text, kw, len) == 0)
                    break;
            }
            if (k == rs->nkws) {
                det_keyword *v = realloc(rs->kws, (rs->nkws + 1) * sizeof(*v));
                char *t;

                if (v == NULL)
                    return SC_ENOMEM;
                rs->kws = v;
                t = strdup(kw);
                if (t == NULL)
                    return SC_ENOMEM;
                for (char *p = t; *p; p++)
                    *p = (char)tolower((unsigned char)*p);
                rs->kws[k] = (det_keyword){ t, len, NULL, 0 };
                rs->nkws++;
            }
            r->kw[r->nkw++] = (uint32_t)k;
        }
    }
    return SC_OK;
}

/* Marks the selected candidates, and the pair_with partners they need. */
static sc_code select_rules(cand *c, size_t nc, const det_options *o, char *err, size_t errlen)
{
    for (size_t i = 0; i < o->ninclude; i++) {
        if (find_cand(c, nc, o->include_ids[i]) < 0) {
            snprintf(err, errlen, "unknown detector '%s' in --include-detectors",
                     o->include_ids[i]);
            return SC_ENOTFOUND;
        }
    }
    for (size_t i = 0; i < o->nexclude; i++) {
        if (find_cand(c, nc, o->exclude_ids[i]) < 0) {
            snprintf(err, errlen, "unknown detector '%s' in --exclude-detectors",
                     o->exclude_ids[i]);
            return SC_ENOTFOUND;
        }
    }
    for (size_t i = 0; i < nc; i++) {
        const char *id = c[i].def->id;
        bool in = o->include_ids == NULL || o->ninclude == 0 ||
                  in_list(o->include_ids, o->ninclude, id);

        c[i].state = in && !in_list(o->exclude_ids, o->nexclude, id) ? 1 : 0;
    }
    for (size_t i = 0; i < nc; i++) {
        long p;

        if (c[i].state != 1 || c[i].def->pair_with == NULL)
            continue;
        p = find_cand(c, nc, c[i].def->pair_with);
        if (p < 0) {
            snprintf(err, errlen, "rule %s: pair_with names unknown rule '%s'", c[i].def->id,
                     c[i].def->pair_with);
            return SC_ECONFIG;
        }
        if (c[p].state == 0)
            c[p].state = 2;
    }
    return SC_OK;
}

static sc_code check_ids(const det_rule_def *rules, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        if (rules[i].id == NULL || rules[i].pattern == NULL) {
            snprintf(err, errlen, "built-in rule %zu has no id or no pattern", i);
            return SC_ECONFIG;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(rules[i].id, rules[j].id) == 0) {
                snprintf(err, errlen, "duplicate rule id '%s'", rules[i].id);
                return SC_ECONFIG;
            }
        }
    }
    return SC_OK;
}

sc_code det_ruleset_load_rules(const det_rule_def *rules, size_t n, const det_options *o,
                               det_ruleset **out, char *err, size_t errlen)
{
    det_ruleset *rs = calloc(1, sizeof(*rs));
    det_custom_rule *custom = NULL;
    size_t ncustom = 0, nc = 0, k = 0;
    cand *c = NULL;
    sc_code rc = SC_ENOMEM;

    *out = NULL;
    if (errlen > 0)
        err[0] = '\0';
    if (rs == NULL)
        goto out;
    rs->max_decode_depth = o->max_decode_depth < DET_DECODE_DEPTH_MAX
                               ? o->max_decode_depth
                               : DET_DECODE_DEPTH_MAX;
    rs->max_groups = 1;
    if ((rc = check_ids(rules, n, err, errlen)) != SC_OK)
        goto out;
    if (o->rules_file != NULL &&
        (rc = det_custom_load(rs, o->rules_file, &custom, &ncustom, err, errlen)) != SC_OK)
        goto out;
    rc = SC_ENOMEM;
    c = calloc(n + ncustom + 1, sizeof(*c));
    if (c == NULL)
        goto out;
    /* Built-ins in catalogue order, minus those a custom rule overrides;
     * then the custom rules. */
    for (size_t i = 0; i < n; i++) {
        bool overridden = false;

        for (size_t j = 0; j < ncustom && !overridden; j++)
            overridden = strcmp(custom[j].def.id, rules[i].id) == 0;
        if (!overridden)
            c[nc++] = (cand){ &rules[i], NULL, 0 };
    }
    for (size_t j = 0; j < ncustom; j++)
        c[nc++] = (cand){ &custom[j].def, &custom[j], 0 };
    if ((rc = select_rules(c, nc, o, err, errlen)) != SC_OK)
        goto out;
    rc = SC_ENOMEM;
    for (size_t i = 0; i < nc; i++) {
        rs->nrules += c[i].state == 1;
        rs->nall += c[i].state != 0;
    }
    rs->rules = calloc(rs->nall + 1, sizeof(*rs->rules));
    if (rs->rules == NULL)
        goto out;
    for (int pass = 1; pass <= 2; pass++) {
        for (size_t i = 0; i < nc; i++) {
            if (c[i].state != pass)
                continue;
            rs->rules[k].def = *c[i].def;
            rs->rules[k].partner = -1;
            rs->rules[k].verifiable =
                c[i].def->verify != NULL || det_verify_supported(c[i].def->id);
            if ((rc = compile_rule(rs, &rs->rules[k], c[i].custom, err, errlen)) != SC_OK) {
                k++;
                goto out;
            }
            k++;
        }
    }
    for (size_t i = 0; i < rs->nrules; i++) {
        const char *pw = rs->rules[i].def.pair_with;

        for (size_t j = 0; pw != NULL && j < rs->nall; j++) {
            if (strcmp(rs->rules[j].def.id, pw) == 0)
                rs->rules[i].partner = (long)j;
        }
    }
    rc = SC_ENOMEM;
    if (build_keywords(rs) != SC_OK)
        goto out;
    rc = det_prefilter_build(rs, o, err, errlen);
out:
    free(c);
    if (rc != SC_OK) {
        det_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return SC_OK;
}

sc_code det_ruleset_load(const det_options *o, det_ruleset **out, char *err, size_t errlen)
{
    size_t n = 0;
    const det_rule_def *rules = det_builtin_rules(&n);

    return det_ruleset_load_rules(rules, n, o, out, err, errlen);
}

void det_ruleset_free(det_ruleset *rs)
{
    if (rs == NULL)
        return;
    for (size_t i = 0; rs->rules != NULL && i < rs->nall; i++) {
        det_crule *r = &rs->rules[i];

        pcre2_code_free(r->re);
        for (size_t j = 0; r->exclude_re != NULL && j < r->def.nexclude_regexes; j++)
            pcre2_code_free(r->exclude_re[j]);
        free(r->exclude_re);
        for (size_t j = 0; r->companions != NULL && j < r->ncompanions; j++)
            pcre2_code_free(r->companions[j].re);
        free(r->companions);
        free(r->kw);
    }
    free(rs->rules);
    for (size_t k = 0; k < rs->nkws; k++) {
        free(rs->kws[k].text);
        free(rs->kws[k].fallback_rules);
    }
    free(rs->kws);
    hs_free_scratch(rs->scratch);
    hs_free_database(rs->db);
    det_arena_free(rs);
    free(rs);
}

size_t det_ruleset_count(const det_ruleset *rs)
{
    return rs->nrules;
}

const det_rule_def *det_ruleset_rule(const det_ruleset *rs, size_t i)
{
    return i < rs->nrules ? &rs->rules[i].def : NULL;
}

const det_rule_def *det_ruleset_find(const det_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        if (strcmp(rs->rules[i].def.id, id) == 0)
            return &rs->rules[i].def;
    }
    return NULL;
}

size_t det_ruleset_fallbacks(const det_ruleset *rs, const char **ids, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < rs->nrules; i++) {
        if (rs->rules[i].fallback) {
            if (k < n)
                ids[k] = rs->rules[i].def.id;
            k++;
        }
    }
    return k;
}

static int by_ns_desc(const void *a, const void *b)
{
    const det_rule_time *x = a, *y = b;

    return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : strcmp(x->id, y->id);
}

size_t det_ruleset_slowest(const det_ruleset *rs, det_rule_time *out, size_t n)
{
    det_rule_time *all = calloc(rs->nrules + 1, sizeof(*all));
    size_t k;

    if (all == NULL)
        return 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const det_crule *r = &rs->rules[i];

        all[i] = (det_rule_time){ r->def.id, atomic_load(&r->stat_ns),
                                  atomic_load(&r->stat_hits), atomic_load(&r->stat_matches) };
    }
    qsort(all, rs->nrules, sizeof(*all), by_ns_desc);
    k = n < rs->nrules ? n : rs->nrules;
    memcpy(out, all, k * sizeof(*out));
    free(all);
    return k;
}

void det_ruleset_load_info(const det_ruleset *rs, det_load_info *info)
{
    *info = rs->info;
}
