/* det_custom.c: custom rules from a YAML file (--rules), in a schema close
 * to TruffleHog's custom detectors:
 *
 *   detectors:
 *     - name: myco-token
 *       description: MyCo API token
 *       keywords: [myco_]
 *       regex:
 *         secret: 'myco_[a-z0-9]{32}'
 *       entropy: 3.0
 *       exclude_words: [sample]
 *       exclude_regexes: ['^myco_0+$']
 *       verify:
 *         endpoint: https://verify.corp.internal/check
 *         unsafe: false
 *         headers: ["Authorization: Bearer ..."]
 *         success_codes: [200]
 *         invalid_codes: [401, 403]
 *
 * The file is loaded with libyaml's document API, which keeps each node's
 * line for error messages. Every problem is reported as "FILE:LINE: reason"
 * and fails the load; nothing in the file is trusted to be well formed.
 */
#include "detectors/det_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct parse {
    det_ruleset *rs;
    const char *path;
    yaml_document_t *doc;
    char *err;
    size_t errlen;
} parse;

static sc_code fail(parse *p, const yaml_node_t *n, sc_code rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static sc_code fail(parse *p, const yaml_node_t *n, sc_code rc, const char *fmt, ...)
{
    char msg[384];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "%s:%lu: %s", p->path,
             n != NULL ? (unsigned long)n->start_mark.line + 1 : 1UL, msg);
    return rc;
}

static const char *scalar(const yaml_node_t *n)
{
    return n != NULL && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static sc_code want_string(parse *p, const yaml_node_t *n, const char *key, const char **out)
{
    *out = scalar(n);
    if (*out == NULL || (*out)[0] == '\0')
        return fail(p, n, SC_ECONFIG, "%s must be a non-empty string", key);
    return SC_OK;
}

static sc_code want_bool(parse *p, const yaml_node_t *n, const char *key, bool *out)
{
    const char *s = scalar(n);

    if (s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)) {
        *out = true;
        return SC_OK;
    }
    if (s != NULL && (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)) {
        *out = false;
        return SC_OK;
    }
    return fail(p, n, SC_ECONFIG, "%s must be true or false", key);
}

static sc_code want_seq(parse *p, const yaml_node_t *n, const char *key, size_t min, size_t max,
                        size_t *count)
{
    if (n == NULL || n->type != YAML_SEQUENCE_NODE)
        return fail(p, n, SC_ECONFIG, "%s must be a list", key);
    *count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (*count < min)
        return fail(p, n, SC_ECONFIG, "%s needs at least %zu entr%s", key, min,
                    min == 1 ? "y" : "ies");
    if (*count > max)
        return fail(p, n, SC_ECONFIG, "%s has more than %zu entries", key, max);
    return SC_OK;
}

static yaml_node_t *seq_item(parse *p, const yaml_node_t *n, size_t i)
{
    return yaml_document_get_node(p->doc, n->data.sequence.items.start[i]);
}

/* Copies a list of strings into the arena; lower lowercases them. */
static sc_code string_list(parse *p, const yaml_node_t *n, const char *key, size_t min,
                           size_t max, bool lower, const char **out, size_t *count)
{
    sc_code rc = want_seq(p, n, key, min, max, count);

    if (rc != SC_OK)
        return rc;
    for (size_t i = 0; i < *count; i++) {
        const yaml_node_t *item = seq_item(p, n, i);
        const char *s;
        char *c;

        if ((rc = want_string(p, item, key, &s)) != SC_OK)
            return rc;
        if ((c = det_arena_strdup(p->rs, s)) == NULL)
            return SC_ENOMEM;
        for (char *q = c; lower && *q; q++)
            *q = (char)tolower((unsigned char)*q);
        out[i] = c;
    }
    return SC_OK;
}

static sc_code code_list(parse *p, const yaml_node_t *n, const char *key, int **out, size_t *count)
{
    sc_code rc = want_seq(p, n, key, 1, 64, count);

    if (rc != SC_OK)
        return rc;
    *out = det_arena_keep(p->rs, calloc(*count, sizeof(**out)));
    if (*out == NULL)
        return SC_ENOMEM;
    for (size_t i = 0; i < *count; i++) {
        const yaml_node_t *item = seq_item(p, n, i);
        const char *s = scalar(item);
        char *end = NULL;
        long v;

        errno = 0;
        v = s != NULL ? strtol(s, &end, 10) : 0;
        if (s == NULL || *s == '\0' || *end != '\0' || errno != 0 || v < 100 || v > 599)
            return fail(p, item, SC_ECONFIG, "%s: '%s' is not an HTTP status code (100-599)",
                        key, s != NULL ? s : "(not a scalar)");
        (*out)[i] = (int)v;
    }
    return SC_OK;
}

/* Iterates over a mapping's pairs, rejecting duplicate and non-string keys. */
typedef sc_code (*pair_fn)(parse *p, void *arg, const char *key, yaml_node_t *kn, yaml_node_t *vn);

static sc_code each_pair(parse *p, const yaml_node_t *map, const char *what, pair_fn fn, void *arg)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE)
        return fail(p, map, SC_ECONFIG, "%s must be a mapping", what);
    for (yaml_node_pair_t *a = map->data.mapping.pairs.start; a < map->data.mapping.pairs.top; a++) {
        yaml_node_t *kn = yaml_document_get_node(p->doc, a->key);
        yaml_node_t *vn = yaml_document_get_node(p->doc, a->value);
        const char *key = scalar(kn);
        sc_code rc;

        if (key == NULL)
            return fail(p, kn, SC_ECONFIG, "%s: keys must be strings", what);
        for (yaml_node_pair_t *b = map->data.mapping.pairs.start; b < a; b++) {
            const char *other = scalar(yaml_document_get_node(p->doc, b->key));

            if (other != NULL && strcmp(other, key) == 0)
                return fail(p, kn, SC_ECONFIG, "%s: duplicate key '%s'", what, key);
        }
        if ((rc = fn(p, arg, key, kn, vn)) != SC_OK)
            return rc;
    }
    return SC_OK;
}

static sc_code verify_pair(parse *p, void *arg, const char *key, yaml_node_t *kn, yaml_node_t *vn)
{
    det_http_verify *v = arg;
    const char *s;
    sc_code rc;

    if (strcmp(key, "endpoint") == 0) {
        if ((rc = want_string(p, vn, "verify.endpoint", &s)) != SC_OK)
            return rc;
        if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
            return fail(p, vn, SC_ECONFIG, "verify.endpoint must be an http:// or https:// URL");
        return (v->endpoint = det_arena_strdup(p->rs, s)) != NULL ? SC_OK : SC_ENOMEM;
    }
    if (strcmp(key, "unsafe") == 0)
        return want_bool(p, vn, "verify.unsafe", &v->unsafe);
    if (strcmp(key, "headers") == 0) {
        size_t n = 0;

        if ((rc = want_seq(p, vn, "verify.headers", 0, 64, &n)) != SC_OK)
            return rc;
        v->headers = det_arena_keep(p->rs, calloc(n + 1, sizeof(*v->headers)));
        if (v->headers == NULL)
            return SC_ENOMEM;
        if ((rc = string_list(p, vn, "verify.headers", 0, 64, false, (const char **)v->headers,
                              &v->nheaders)) != SC_OK)
            return rc;
        for (size_t i = 0; i < v->nheaders; i++) {
            const char *colon = strchr(v->headers[i], ':');

            if (colon == NULL || colon == v->headers[i])
                return fail(p, seq_item(p, vn, i), SC_ECONFIG,
                            "verify.headers entries must look like 'Name: value'");
        }
        return SC_OK;
    }
    if (strcmp(key, "success_codes") == 0)
        return code_list(p, vn, "verify.success_codes", &v->success_codes, &v->nsuccess);
    if (strcmp(key, "invalid_codes") == 0)
        return code_list(p, vn, "verify.invalid_codes", &v->invalid_codes, &v->ninvalid);
    return fail(p, kn, SC_ECONFIG, "verify: unknown key '%s'", key);
}

static sc_code check_regex(parse *p, const yaml_node_t *n, const char *name, const char *pat,
                           unsigned flags)
{
    int ec = 0;
    size_t off = 0;
    pcre2_code *re = det_compile_pattern(pat, flags, &ec, &off);
    PCRE2_UCHAR msg[160];

    if (re != NULL) {
        pcre2_code_free(re);
        return SC_OK;
    }
    pcre2_get_error_message(ec, msg, sizeof(msg));
    return fail(p, n, SC_EREGEX, "regex '%s' does not compile at offset %zu: %s", name, off,
                (const char *)msg);
}

/* One detector entry, with the nodes whose lines errors point at. */
typedef struct entry {
    det_custom_rule *cr;
    const yaml_node_t *regex;
    const yaml_node_t *excl;
    bool caseless, multiline;
} entry;

static sc_code regex_pair(parse *p, void *arg, const char *key, yaml_node_t *kn, yaml_node_t *vn)
{
    det_custom_rule *cr = arg;
    const char *s;
    sc_code rc;

    (void)kn;
    if ((rc = want_string(p, vn, "regex entries", &s)) != SC_OK)
        return rc;
    /* Named regexes are collected in order; the loader picks the secret. */
    cr->comp_names[cr->ncomp] = det_arena_strdup(p->rs, key);
    cr->comp_patterns[cr->ncomp] = det_arena_strdup(p->rs, s);
    if (cr->comp_names[cr->ncomp] == NULL || cr->comp_patterns[cr->ncomp] == NULL)
        return SC_ENOMEM;
    cr->ncomp++;
    return SC_OK;
}

static sc_code entry_pair(parse *p, void *arg, const char *key, yaml_node_t *kn, yaml_node_t *vn)
{
    entry *e = arg;
    det_rule_def *d = &e->cr->def;
    const char *s;
    size_t n = 0;
    sc_code rc;

    if (strcmp(key, "name") == 0) {
        if ((rc = want_string(p, vn, "name", &s)) != SC_OK)
            return rc;
        for (const char *q = s; *q; q++) {
            if (!isalnum((unsigned char)*q) && *q != '-' && *q != '_' && *q != '.')
                return fail(p, vn, SC_ECONFIG,
                            "name may hold only letters, digits, '-', '_' and '.'");
        }
        return (d->id = det_arena_strdup(p->rs, s)) != NULL ? SC_OK : SC_ENOMEM;
    }
    if (strcmp(key, "description") == 0 || strcmp(key, "url") == 0) {
        if ((rc = want_string(p, vn, key, &s)) != SC_OK)
            return rc;
        s = det_arena_strdup(p->rs, s);
        if (strcmp(key, "url") == 0)
            d->url = s;
        else
            d->description = s;
        return s != NULL ? SC_OK : SC_ENOMEM;
    }
    if (strcmp(key, "keywords") == 0)
        return string_list(p, vn, "keywords", 1, DET_MAX_KEYWORDS - 1, true, d->keywords, &n);
    if (strcmp(key, "exclude_words") == 0)
        return string_list(p, vn, "exclude_words", 0, DET_MAX_EXCLUDES - 1, true,
                           d->exclude_words, &n);
    if (strcmp(key, "exclude_regexes") == 0) {
        if ((rc = want_seq(p, vn, "exclude_regexes", 0, 64, &n)) != SC_OK)
            return rc;
        d->exclude_regexes = det_arena_keep(p->rs, calloc(n + 1, sizeof(char *)));
        if (d->exclude_regexes == NULL)
            return SC_ENOMEM;
        e->excl = vn;
        return string_list(p, vn, "exclude_regexes", 0, 64, false,
                           (const char **)d->exclude_regexes, &d->nexclude_regexes);
    }
    if (strcmp(key, "entropy") == 0) {
        char *end = NULL;

        s = scalar(vn);
        errno = 0;
        d->min_entropy = s != NULL ? strtod(s, &end) : -1;
        if (s == NULL || *s == '\0' || *end != '\0' || errno != 0 || d->min_entropy < 0 ||
            d->min_entropy > 8)
            return fail(p, vn, SC_ECONFIG, "entropy must be a number from 0 to 8");
        return SC_OK;
    }
    if (strcmp(key, "caseless") == 0)
        return want_bool(p, vn, "caseless", &e->caseless);
    if (strcmp(key, "multiline") == 0)
        return want_bool(p, vn, "multiline", &e->multiline);
    if (strcmp(key, "regex") == 0) {
        size_t max;

        if (vn == NULL || vn->type != YAML_MAPPING_NODE)
            return fail(p, vn, SC_ECONFIG, "regex must be a mapping of names to regexes");
        max = (size_t)(vn->data.mapping.pairs.top - vn->data.mapping.pairs.start);
        e->cr->comp_names = det_arena_keep(p->rs, calloc(max + 1, sizeof(char *)));
        e->cr->comp_patterns = det_arena_keep(p->rs, calloc(max + 1, sizeof(char *)));
        if (e->cr->comp_names == NULL || e->cr->comp_patterns == NULL)
            return SC_ENOMEM;
        e->regex = vn;
        return each_pair(p, vn, "regex", regex_pair, e->cr);
    }
    if (strcmp(key, "verify") == 0) {
        det_http_verify *v = det_arena_keep(p->rs, calloc(1, sizeof(*v)));

        if (v == NULL)
            return SC_ENOMEM;
        d->verify = v;
        if ((rc = each_pair(p, vn, "verify", verify_pair, v)) != SC_OK)
            return rc;
        if (v->endpoint == NULL)
            return fail(p, vn, SC_ECONFIG, "verify needs an endpoint");
        return SC_OK;
    }
    return fail(p, kn, SC_ECONFIG, "unknown key '%s'", key);
}

/* Fills in defaults, picks the secret regex and compiles everything once to
 * report a bad pattern at its line. */
static sc_code finish_entry(parse *p, const yaml_node_t *node, entry *e)
{
    det_custom_rule *cr = e->cr;
    det_rule_def *d = &cr->def;
    det_http_verify *v = d->verify;
    size_t si = 0;
    sc_code rc;

    if (d->id == NULL)
        return fail(p, node, SC_ECONFIG, "detector has no name");
    if (d->keywords[0] == NULL)
        return fail(p, node, SC_ECONFIG, "detector %s: keywords: at least one is required",
                    d->id);
    if (e->regex == NULL || cr->ncomp == 0)
        return fail(p, node, SC_ECONFIG, "detector %s: missing regex", d->id);
    d->flags = (e->caseless ? DET_CASELESS : 0u) | (e->multiline ? DET_MULTILINE : 0u);
    for (size_t i = 0; i < cr->ncomp; i++) {
        if (strcmp(cr->comp_names[i], "secret") == 0)
            si = i;
    }
    for (size_t i = 0; i < cr->ncomp; i++) {
        const yaml_node_t *vn = NULL;

        /* Point at the regex's own line. */
        for (yaml_node_pair_t *a = e->regex->data.mapping.pairs.start;
             a < e->regex->data.mapping.pairs.top; a++) {
            if (strcmp(scalar(yaml_document_get_node(p->doc, a->key)), cr->comp_names[i]) == 0)
                vn = yaml_document_get_node(p->doc, a->value);
        }
        if ((rc = check_regex(p, vn, cr->comp_names[i], cr->comp_patterns[i], d->flags)) != SC_OK)
            return rc;
    }
    for (size_t i = 0; i < d->nexclude_regexes; i++) {
        if ((rc = check_regex(p, seq_item(p, e->excl, i), "exclude_regexes",
                              d->exclude_regexes[i], 0)) != SC_OK)
            return rc;
    }
    d->pattern = cr->comp_patterns[si];
    /* The secret's regex leaves the companion list. */
    for (size_t i = si; i + 1 < cr->ncomp; i++) {
        cr->comp_names[i] = cr->comp_names[i + 1];
        cr->comp_patterns[i] = cr->comp_patterns[i + 1];
    }
    cr->ncomp--;
    if (d->description == NULL)
        d->description = d->id;
    /* Without codes, 200 means valid and 401/403 invalid. */
    if (v != NULL && v->nsuccess == 0) {
        if ((v->success_codes = det_arena_keep(p->rs, calloc(1, sizeof(int)))) == NULL)
            return SC_ENOMEM;
        v->success_codes[0] = 200;
        v->nsuccess = 1;
    }
    if (v != NULL && v->ninvalid == 0) {
        if ((v->invalid_codes = det_arena_keep(p->rs, calloc(2, sizeof(int)))) == NULL)
            return SC_ENOMEM;
        v->invalid_codes[0] = 401;
        v->invalid_codes[1] = 403;
        v->ninvalid = 2;
    }
    return SC_OK;
}

typedef struct top {
    const yaml_node_t *detectors;
} top;

static sc_code top_pair(parse *p, void *arg, const char *key, yaml_node_t *kn, yaml_node_t *vn)
{
    top *t = arg;

    if (strcmp(key, "detectors") != 0)
        return fail(p, kn, SC_ECONFIG, "unknown key '%s' (expected 'detectors')", key);
    t->detectors = vn;
    return SC_OK;
}

static sc_code load_doc(parse *p, det_custom_rule **out, size_t *n)
{
    yaml_node_t *root = yaml_document_get_root_node(p->doc);
    top t = { NULL };
    det_custom_rule *rules;
    size_t count = 0;
    sc_code rc;

    if (root == NULL)
        return fail(p, NULL, SC_ECONFIG, "the file is empty (expected 'detectors:')");
    if ((rc = each_pair(p, root, "the top level", top_pair, &t)) != SC_OK)
        return rc;
    if (t.detectors == NULL)
        return fail(p, root, SC_ECONFIG, "missing 'detectors' list");
    if ((rc = want_seq(p, t.detectors, "detectors", 1, 100000, &count)) != SC_OK)
        return rc;
    rules = det_arena_keep(p->rs, calloc(count, sizeof(*rules)));
    if (rules == NULL)
        return SC_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *item = seq_item(p, t.detectors, i);
        entry e = { &rules[i], NULL, NULL, false, false };

        if ((rc = each_pair(p, item, "a detector", entry_pair, &e)) != SC_OK ||
            (rc = finish_entry(p, item, &e)) != SC_OK)
            return rc;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(rules[j].def.id, rules[i].def.id) == 0)
                return fail(p, item, SC_ECONFIG, "detector name '%s' is used twice",
                            rules[i].def.id);
        }
    }
    *out = rules;
    *n = count;
    return SC_OK;
}

sc_code det_custom_load(det_ruleset *rs, const char *path, det_custom_rule **out, size_t *n,
                        char *err, size_t errlen)
{
    parse p = { rs, path, NULL, err, errlen };
    yaml_parser_t parser;
    yaml_document_t doc;
    FILE *f = fopen(path, "rb");
    sc_code rc;

    *out = NULL;
    *n = 0;
    if (f == NULL) {
        snprintf(err, errlen, "%s:1: cannot open the rules file: %s", path, strerror(errno));
        return SC_ECONFIG;
    }
    if (!yaml_parser_initialize(&parser)) {
        fclose(f);
        return SC_ENOMEM;
    }
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errlen, "%s:%lu: invalid YAML: %s%s%s", path,
                 (unsigned long)parser.problem_mark.line + 1,
                 parser.problem != NULL ? parser.problem : "parse error",
                 parser.context != NULL ? " " : "", parser.context != NULL ? parser.context : "");
        yaml_parser_delete(&parser);
        fclose(f);
        return SC_ECONFIG;
    }
    p.doc = &doc;
    rc = load_doc(&p, out, n);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}
