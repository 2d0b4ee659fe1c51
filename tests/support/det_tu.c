/* det_tu.c: detector test helpers (see det_tu.h). */
#include "tests/support/det_tu.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/sc_stage.h"

det_ruleset *dtu_load(const det_rule_def *rules, size_t n, unsigned depth)
{
    det_options o;
    det_ruleset *rs = NULL;
    char err[512];
    sc_code rc;

    det_options_defaults(&o);
    o.no_cache = true;
    o.max_decode_depth = depth;
    if (rules == NULL)
        rules = det_builtin_rules(&n);
    rc = det_ruleset_load_rules(rules, n, &o, &rs, err, sizeof(err));
    ck_assert_msg(rc == SC_OK, "load: %s: %s", sc_strerror(rc), err);
    return rs;
}

sc_chunk *dtu_chunk(const char *path, const void *text, size_t len)
{
    sc_chunk *c = sc_chunk_create(path, len);

    ck_assert_ptr_nonnull(c);
    memcpy(c->data, text, len);
    c->data[len] = '\0';
    c->len = c->owned = len;
    return c;
}

static sc_code collect(void *arg, void *item)
{
    dtu_findings *f = arg;

    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->v = realloc(f->v, f->cap * sizeof(*f->v));
        ck_assert_ptr_nonnull(f->v);
    }
    f->v[f->n++] = item;
    return SC_OK;
}

void dtu_scan_chunk(det_ruleset *rs, const sc_chunk *c, dtu_findings *out)
{
    sc_detector d = det_ruleset_detector(rs);
    sc_emit *e = sc_emit_create_callback(collect, out, NULL, sc_finding_free_item);
    void *w = d.worker_create(d.self);
    sc_code rc;

    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(w);
    rc = d.scan(w, NULL, c, e);
    ck_assert_msg(rc == SC_OK, "scan: %s", sc_strerror(rc));
    d.worker_free(d.self, w);
    sc_emit_free(e);
}

void dtu_scan(det_ruleset *rs, const void *text, size_t len, dtu_findings *out)
{
    sc_chunk *c = dtu_chunk("test.txt", text, len);

    dtu_scan_chunk(rs, c, out);
    sc_chunk_free(c);
}

void dtu_scan_str(det_ruleset *rs, const char *text, dtu_findings *out)
{
    dtu_scan(rs, text, strlen(text), out);
}

size_t dtu_count(const dtu_findings *f, const char *rule_id)
{
    size_t n = 0;

    for (size_t i = 0; i < f->n; i++)
        n += rule_id == NULL || strcmp(f->v[i]->rule_id, rule_id) == 0;
    return n;
}

const sc_finding *dtu_find(const dtu_findings *f, const char *rule_id, const char *secret)
{
    for (size_t i = 0; i < f->n; i++) {
        if ((rule_id == NULL || strcmp(f->v[i]->rule_id, rule_id) == 0) &&
            (secret == NULL || strcmp(f->v[i]->secret, secret) == 0))
            return f->v[i];
    }
    return NULL;
}

void dtu_free(dtu_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        sc_finding_free(f->v[i]);
    free(f->v);
    f->v = NULL;
    f->n = f->cap = 0;
}
