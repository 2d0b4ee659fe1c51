/* det_verify.c: the verification plugin: options, --verifier overrides,
 * per-worker state and the verify() the engine calls for every finding.
 *
 * DESIGN
 * This file starts no threads; verify() runs on the engine's verify
 * workers (concurrency x 2), each with the det_vworker its worker_create
 * returned: a libcurl client of its own, so connections are reused per
 * worker and nothing about a transfer is shared. What workers share is
 * read-only after det_verifier_create (the target table, overrides,
 * options) or has its own lock: the verification cache
 * (scanner/sc_verify_cache.h), which makes each distinct credential cost
 * one request per scan, and one backoff per provider
 * (scanner/sc_backoff.h), which makes every worker respect a provider's
 * 429. Both wait on the scan's cancel token, so SIGINT ends every wait,
 * and sc_http aborts a request in flight within about 50 ms.
 */
#include "detectors/verify/det_verify.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/verify/det_verify_spec.h"
#include "scanner/sc_verify_cache.h"

/* One rule that can be verified. */
typedef struct det_vtarget {
    char *rule_id;              /* Owned. */
    const det_vspec *spec;      /* Built-in provider, or NULL. */
    det_vcustom *custom;        /* Owned custom verify block, or NULL. */
    char *override;             /* Owned --verifier base URL, or NULL. */
    sc_backoff *backoff;        /* Not owned: one of det_verifier.backoffs. */
} det_vtarget;

/* Immutable after create, except the cache and backoffs, which lock. */
struct det_verifier {
    det_vtarget *targets;       /* Sorted by rule_id. */
    size_t ntargets;
    sc_backoff **backoffs;      /* Owned; one per provider or custom rule. */
    const char **backoff_names; /* Provider name of each backoff (custom: rule id). */
    size_t nbackoffs;
    sc_verify_cache *cache;
    sc_http_options http;
    char *user_agent;           /* Owned; http.user_agent points here. */
    bool allow_private;
};

void det_verify_options_defaults(det_verify_options *o)
{
    memset(o, 0, sizeof(*o));
    o->timeout_ms = SC_HTTP_DEFAULT_TIMEOUT_MS;
}

bool det_verify_supported(const char *rule_id)
{
    return rule_id != NULL && det_vspec_find(rule_id) != NULL;
}

static int target_cmp(const void *a, const void *b)
{
    return strcmp(((const det_vtarget *)a)->rule_id, ((const det_vtarget *)b)->rule_id);
}

static det_vtarget *find_target(const det_verifier *v, const char *rule_id)
{
    det_vtarget key = { .rule_id = (char *)rule_id };

    return bsearch(&key, v->targets, v->ntargets, sizeof(*v->targets), target_cmp);
}

void det_verifier_free(det_verifier *v)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < v->ntargets; i++) {
        free(v->targets[i].rule_id);
        det_vcustom_free(v->targets[i].custom);
        free(v->targets[i].override);
    }
    free(v->targets);
    for (size_t i = 0; i < v->nbackoffs; i++)
        sc_backoff_free(v->backoffs[i]);
    free(v->backoffs);
    free(v->backoff_names);
    sc_verify_cache_free(v->cache);
    free(v->user_agent);
    free(v);
}

/* Returns the backoff for name, creating it on first use. */
static sc_backoff *backoff_for(det_verifier *v, const char *name)
{
    sc_backoff **b;
    const char **n;

    for (size_t i = 0; i < v->nbackoffs; i++) {
        if (strcmp(v->backoff_names[i], name) == 0)
            return v->backoffs[i];
    }
    b = realloc(v->backoffs, (v->nbackoffs + 1) * sizeof(*b));
    if (b == NULL)
        return NULL;
    v->backoffs = b;
    n = realloc(v->backoff_names, (v->nbackoffs + 1) * sizeof(*n));
    if (n == NULL)
        return NULL;
    v->backoff_names = n;
    if ((b[v->nbackoffs] = sc_backoff_create()) == NULL)
        return NULL;
    n[v->nbackoffs] = name;
    return b[v->nbackoffs++];
}

static void collect_spec(void *arg, const det_vspec *s)
{
    det_verifier *v = arg;

    v->targets[v->ntargets++].spec = s;
}

static void count_spec(void *arg, const det_vspec *s)
{
    (void)s;
    (*(size_t *)arg)++;
}

/* Parses "RULE=URL" into the rule id and a normalised base URL
 * ("scheme://host[:port][/path]" without a trailing slash). */
static sc_code parse_override(const char *arg, char **rule, char **base, char *err, size_t errlen)
{
    const char *eq = strchr(arg, '=');
    CURLU *u = NULL;
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *user = NULL;
    char *query = NULL, *frag = NULL;
    sc_code rc = SC_EUSAGE;
    size_t plen;

    *rule = NULL;
    *base = NULL;
    if (eq == NULL || eq == arg || eq[1] == '\0') {
        snprintf(err, errlen, "--verifier takes RULE=URL");
        return SC_EUSAGE;
    }
    *rule = strndup(arg, (size_t)(eq - arg));
    u = curl_url();
    if (*rule == NULL || u == NULL) {
        rc = SC_ENOMEM;
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (curl_url_set(u, CURLUPART_URL, eq + 1, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || *host == '\0' ||
        (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
        snprintf(err, errlen, "--verifier %s: the URL must be an http:// or https:// URL",
                 *rule);
        goto out;
    }
    curl_url_get(u, CURLUPART_PORT, &port, 0);
    curl_url_get(u, CURLUPART_PATH, &path, 0);
    if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
        curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK ||
        curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK) {
        snprintf(err, errlen,
                 "--verifier %s: the URL must not carry credentials, a query or a fragment",
                 *rule);
        goto out;
    }
    plen = path != NULL ? strlen(path) : 0;
    while (plen > 0 && path[plen - 1] == '/')
        plen--;
    if (asprintf(base, "%s://%s%s%s%.*s", scheme, host, port != NULL ? ":" : "",
                 port != NULL ? port : "", (int)plen, path != NULL ? path : "") < 0) {
        *base = NULL;
        rc = SC_ENOMEM;
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    rc = SC_OK;
out:
    if (rc != SC_OK) {
        free(*rule);
        *rule = NULL;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(user);
    curl_free(query);
    curl_free(frag);
    curl_url_cleanup(u);
    return rc;
}

/* Adds the custom rules that carry a verify block, replacing a built-in
 * target of the same id. */
static sc_code add_custom(det_verifier *v, const det_rule_def *const *rules, size_t nrules,
                          size_t *cap, char *err, size_t errlen)
{
    for (size_t i = 0; i < nrules; i++) {
        const det_rule_def *r = rules[i];
        det_vtarget *t = NULL;

        if (r == NULL || r->verify == NULL || r->id == NULL)
            continue;
        for (size_t j = 0; j < v->ntargets; j++) {
            if (strcmp(v->targets[j].rule_id, r->id) == 0)
                t = &v->targets[j];
        }
        if (t == NULL) {
            if (v->ntargets == *cap) {
                size_t ncap = *cap * 2 + 8;
                det_vtarget *nt = realloc(v->targets, ncap * sizeof(*nt));

                if (nt == NULL)
                    goto nomem;
                v->targets = nt;
                *cap = ncap;
            }
            t = &v->targets[v->ntargets++];
            memset(t, 0, sizeof(*t));
            if ((t->rule_id = strdup(r->id)) == NULL)
                goto nomem;
        }
        t->spec = NULL;
        det_vcustom_free(t->custom);
        if ((t->custom = det_vcustom_create(r->verify)) == NULL)
            goto nomem;
        if ((t->backoff = backoff_for(v, t->rule_id)) == NULL)
            goto nomem;
    }
    return SC_OK;
nomem:
    snprintf(err, errlen, "out of memory");
    return SC_ENOMEM;
}

sc_code det_verifier_create(const det_rule_def *const *rules, size_t nrules,
                            const det_verify_options *o, det_verifier **out,
                            char *err, size_t errlen)
{
    det_verify_options defaults;
    det_verifier *v = NULL;
    size_t nspecs = 0, cap;
    sc_code rc = SC_ENOMEM;

    *out = NULL;
    if (errlen > 0)
        err[0] = '\0';
    if (o == NULL) {
        det_verify_options_defaults(&defaults);
        o = &defaults;
    }
    if (sc_http_global_init() != SC_OK) {
        snprintf(err, errlen, "cannot initialise libcurl");
        return SC_ENETWORK;
    }
    v = calloc(1, sizeof(*v));
    if (v == NULL)
        goto nomem;
    v->allow_private = o->allow_private;
    v->http.timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : SC_HTTP_DEFAULT_TIMEOUT_MS;
    if (o->user_agent != NULL && (v->user_agent = strdup(o->user_agent)) == NULL)
        goto nomem;
    v->http.user_agent = v->user_agent;
    if ((v->cache = sc_verify_cache_create()) == NULL)
        goto nomem;

    /* Built-in providers first, then custom rules over them. */
    det_vspec_each(count_spec, &nspecs);
    cap = nspecs + 8;
    v->targets = calloc(cap, sizeof(*v->targets));
    if (v->targets == NULL)
        goto nomem;
    det_vspec_each(collect_spec, v);
    for (size_t i = 0; i < v->ntargets; i++) {
        det_vtarget *t = &v->targets[i];

        if ((t->rule_id = strdup(t->spec->rule_id)) == NULL ||
            (t->backoff = backoff_for(v, t->spec->provider)) == NULL)
            goto nomem;
    }
    rc = add_custom(v, rules, nrules, &cap, err, errlen);
    if (rc != SC_OK)
        goto fail;
    qsort(v->targets, v->ntargets, sizeof(*v->targets), target_cmp);

    for (size_t i = 0; i < o->noverrides; i++) {
        char *rule, *base;
        det_vtarget *t;

        rc = parse_override(o->overrides[i], &rule, &base, err, errlen);
        if (rc != SC_OK)
            goto fail;
        t = find_target(v, rule);
        if (t == NULL) {
            snprintf(err, errlen, "--verifier %s: no verifier for this rule", rule);
            free(rule);
            free(base);
            rc = SC_EUSAGE;
            goto fail;
        }
        free(rule);
        free(t->override);
        t->override = base;
    }

    /* The SSRF guard, before the scan: the scheme and literal addresses of
     * custom endpoints. An override is the user's explicit choice. */
    for (size_t i = 0; i < v->ntargets; i++) {
        const det_vtarget *t = &v->targets[i];
        const char *why;

        if (t->custom == NULL || t->override != NULL)
            continue;
        why = det_ssrf_check_endpoint(det_vcustom_endpoint(t->custom),
                                      det_vcustom_unsafe(t->custom) || v->allow_private);
        if (why != NULL) {
            snprintf(err, errlen, "rule %s: custom verify endpoint refused: %s", t->rule_id, why);
            rc = SC_EUSAGE;
            goto fail;
        }
    }
    *out = v;
    return SC_OK;
nomem:
    rc = SC_ENOMEM;
    snprintf(err, errlen, "out of memory");
fail:
    det_verifier_free(v);
    return rc;
}

static void cache_key(const det_vtarget *t, const sc_finding *f, char key[SC_HASH_HEX_LEN + 1])
{
    sc_hash_part parts[2 + DET_VMAX_CANDIDATES * 4];
    size_t n = 0;

    parts[n++] = (sc_hash_part){ t->rule_id, strlen(t->rule_id) };
    parts[n++] = (sc_hash_part){ f->secret, f->secret_len };
    if (t->spec != NULL && t->spec->uses_related) {
        for (size_t i = 0; i < f->nrelated && n < sizeof(parts) / sizeof(parts[0]); i++)
            parts[n++] = (sc_hash_part){ f->related[i], strlen(f->related[i]) };
    }
    sc_hash_hex(parts, n, key);
}

/* Stores the verdict in the finding. Reasons are built from fixed texts
 * and status numbers only; the check against the secret is a last line of
 * defence, not the mechanism. */
static void set_result(sc_finding *f, sc_verification v, const char *reason)
{
    f->verification = v;
    if (v == SC_VERIFY_VERIFIED || reason == NULL || *reason == '\0') {
        sc_finding_set(&f->verification_error, NULL);
        return;
    }
    if (f->secret_len >= 4 && strstr(reason, f->secret) != NULL)
        reason = "verification failed";
    sc_finding_set(&f->verification_error, reason);
}

/* Clears worker buffers that held the secret (auth header, request body). */
static void wipe(det_vworker *w)
{
    if (w->req.auth.data != NULL)
        memset(w->req.auth.data, 0, w->req.auth.cap);
    if (w->req.url.data != NULL)
        memset(w->req.url.data, 0, w->req.url.cap);
    if (w->body.data != NULL)
        memset(w->body.data, 0, w->body.cap);
    sc_buf_reset(&w->req.auth);
    sc_buf_reset(&w->req.url);
    sc_buf_reset(&w->body);
}

static void verify(void *worker, const sc_scan_ctx *ctx, sc_finding *f)
{
    det_vworker *w = worker;
    det_verifier *v = w->v;
    const det_vtarget *t = find_target(v, f->rule_id);
    char key[SC_HASH_HEX_LEN + 1];
    sc_verification cached = SC_VERIFY_UNKNOWN;
    char *cached_reason = NULL;
    det_voutcome o;

    if (t == NULL)
        return;
    if (sc_cancel_fired(ctx->cancel)) {
        set_result(f, SC_VERIFY_UNKNOWN, "verification interrupted");
        return;
    }
    cache_key(t, f, key);
    switch (sc_verify_cache_claim(v->cache, key, ctx->cancel, &cached, &cached_reason)) {
    case SC_CACHE_HIT:
        set_result(f, cached, cached_reason);
        free(cached_reason);
        return;
    case SC_CACHE_CANCELLED:
        set_result(f, SC_VERIFY_UNKNOWN, "verification interrupted");
        return;
    case SC_CACHE_OWNER:
        break;
    }
    if (t->custom != NULL)
        det_vrun_custom(t->custom, t->rule_id, t->override,
                        t->override == NULL && !det_vcustom_unsafe(t->custom) &&
                            !v->allow_private,
                        w, ctx, t->backoff, f, &o);
    else
        det_vrun_builtin(t->spec, t->override, w, ctx, t->backoff, f, &o);
    wipe(w);
    sc_verify_cache_put(v->cache, key, o.verdict, o.reason);
    set_result(f, o.verdict, o.reason);
}

static void *worker_create(void *self)
{
    det_verifier *v = self;
    det_vworker *w = calloc(1, sizeof(*w));

    if (w == NULL)
        return NULL;
    w->v = v;
    sc_http_response_init(&w->resp);
    w->http = sc_http_create(&v->http);
    if (w->http == NULL) {
        free(w);
        return NULL;
    }
    return w;
}

static void worker_free(void *self, void *worker)
{
    det_vworker *w = worker;

    (void)self;
    if (w == NULL)
        return;
    wipe(w);
    sc_http_free(w->http);
    sc_http_response_free(&w->resp);
    det_vreq_free(&w->req);
    sc_buf_free(&w->body);
    free(w);
}

sc_verifier det_verifier_plugin(det_verifier *v)
{
    sc_verifier p = { v, worker_create, worker_free, verify };

    return p;
}
