/* det_verify_custom.c: verification for custom rules, whose rules file
 * names an endpoint and the statuses that mean valid and invalid.
 *
 * The secret travels as JSON in the body, never in the URL, so it does not
 * land in the endpoint's access logs. The endpoint is the user's own
 * service, so the SSRF guard (det_verify_ssrf.c) applies unless the rule
 * or the command line lifts it.
 */
#include "detectors/verify/det_verify_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct det_vcustom {
    char *endpoint;
    char **headers;         /* "Content-Type: application/json" first, then the rule's. */
    size_t nheaders;
    int *success;
    size_t nsuccess;
    int *invalid;
    size_t ninvalid;
    bool unsafe;
    char *path;             /* The endpoint's path and query, for overrides. */
};

static int *copy_ints(const int *src, size_t n)
{
    int *dst = malloc((n ? n : 1) * sizeof(*dst));

    if (dst != NULL && n > 0)
        memcpy(dst, src, n * sizeof(*dst));
    return dst;
}

/* The part of url from its path on ("/verify?x=1"), or "/" if it has none. */
static char *url_path(const char *url)
{
    const char *p = strstr(url, "://");

    p = p != NULL ? strchr(p + 3, '/') : NULL;
    return strdup(p != NULL ? p : "/");
}

det_vcustom *det_vcustom_create(const det_http_verify *hv)
{
    det_vcustom *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->endpoint = strdup(hv->endpoint != NULL ? hv->endpoint : "");
    c->path = url_path(c->endpoint != NULL ? c->endpoint : "");
    c->headers = calloc(hv->nheaders + 1, sizeof(*c->headers));
    c->success = copy_ints(hv->success_codes, hv->nsuccess);
    c->invalid = copy_ints(hv->invalid_codes, hv->ninvalid);
    c->nsuccess = hv->nsuccess;
    c->ninvalid = hv->ninvalid;
    c->unsafe = hv->unsafe;
    if (c->endpoint == NULL || c->path == NULL || c->headers == NULL || c->success == NULL ||
        c->invalid == NULL)
        goto fail;
    if ((c->headers[c->nheaders++] = strdup("Content-Type: application/json")) == NULL)
        goto fail;
    for (size_t i = 0; i < hv->nheaders; i++) {
        if ((c->headers[c->nheaders++] = strdup(hv->headers[i])) == NULL)
            goto fail;
    }
    return c;
fail:
    det_vcustom_free(c);
    return NULL;
}

void det_vcustom_free(det_vcustom *c)
{
    if (c == NULL)
        return;
    free(c->endpoint);
    free(c->path);
    for (size_t i = 0; i < c->nheaders; i++)
        free(c->headers[i]);
    free(c->headers);
    free(c->success);
    free(c->invalid);
    free(c);
}

const char *det_vcustom_endpoint(const det_vcustom *c)
{
    return c->endpoint;
}

bool det_vcustom_unsafe(const det_vcustom *c)
{
    return c->unsafe;
}

static bool has_code(const int *codes, size_t n, long status)
{
    for (size_t i = 0; i < n; i++) {
        if (codes[i] == status)
            return true;
    }
    return false;
}

void det_vrun_custom(const det_vcustom *c, const char *rule_id, const char *base, bool guard,
                     det_vworker *w, const sc_scan_ctx *ctx, sc_backoff *b,
                     const sc_finding *f, det_voutcome *o)
{
    sc_http_request rq;

    det_vreq_reset(&w->req);
    if (base != NULL) {
        sc_buf_puts(&w->req.url, base);
        sc_buf_puts(&w->req.url, c->path);
    } else {
        sc_buf_puts(&w->req.url, c->endpoint);
    }
    sc_buf_reset(&w->body);
    sc_buf_puts(&w->body, "{\"rule\":");
    sc_buf_json_cstr(&w->body, rule_id);
    sc_buf_puts(&w->body, ",\"secret\":");
    sc_buf_json_str(&w->body, f->secret, f->secret_len);
    sc_buf_putc(&w->body, '}');
    if (w->body.failed || w->req.url.failed) {
        det_voutcome_set(o, SC_VERIFY_UNKNOWN, "out of memory");
        return;
    }
    memset(&rq, 0, sizeof(rq));
    rq.method = "POST";
    rq.url = w->req.url.data;
    rq.headers = (const char *const *)c->headers;
    rq.nheaders = c->nheaders;
    rq.body = w->body.data;
    rq.body_len = w->body.len;
    if (guard)
        rq.addr_allowed = det_ssrf_addr_allowed;
    if (!det_vsend(w, ctx, b, &rq, o))
        return;
    if (has_code(c->success, c->nsuccess, w->resp.status))
        det_voutcome_set(o, SC_VERIFY_VERIFIED, NULL);
    else if (has_code(c->invalid, c->ninvalid, w->resp.status)) {
        o->verdict = SC_VERIFY_UNVERIFIED;
        snprintf(o->reason, sizeof(o->reason), "rejected by the endpoint (HTTP %ld)",
                 w->resp.status);
    }
    else
        det_vunexpected(w->resp.status, o);
}
