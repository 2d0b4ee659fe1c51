/* det_verify_builtin.c: running one built-in provider check.
 *
 * Most specs make one request. Specs that pair the finding with related
 * secrets (an AWS key id with the secret keys found near it) offer several
 * candidates; they are tried in order until one is verified. The verdict
 * is verified if any candidate was, else unknown if any answer was
 * indeterminate (one failed request must not make a live key look dead),
 * else unverified.
 */
#include "detectors/verify/det_verify_spec.h"

#include <string.h>

void det_vrun_builtin(const det_vspec *s, const char *base, det_vworker *w,
                      const sc_scan_ctx *ctx, sc_backoff *b, const sc_finding *f,
                      det_voutcome *o)
{
    det_voutcome first_unknown = { SC_VERIFY_SKIPPED, "" };
    det_voutcome last_invalid = { SC_VERIFY_SKIPPED, "" };

    for (size_t attempt = 0;; attempt++) {
        const char *headers[DET_VMAX_HEADERS + 1];
        sc_http_request rq;
        const char *why;
        size_t nh = 0;
        det_voutcome one;

        det_vreq_reset(&w->req);
        why = s->prepare != NULL ? s->prepare(s, f, base, attempt, &w->req)
                                 : det_vreq_default(s, f, base, attempt, &w->req);
        if (why != NULL) {
            det_voutcome_set(o, SC_VERIFY_UNKNOWN, why);
            return;
        }
        if (w->req.url.failed || w->req.auth.failed) {
            det_voutcome_set(o, SC_VERIFY_UNKNOWN, "out of memory");
            return;
        }
        for (size_t i = 0; i < DET_VMAX_HEADERS && s->headers[i] != NULL; i++)
            headers[nh++] = s->headers[i];
        if (w->req.auth.len > 0)
            headers[nh++] = w->req.auth.data;
        memset(&rq, 0, sizeof(rq));
        rq.method = s->method;
        rq.url = w->req.url.data;
        rq.headers = headers;
        rq.nheaders = nh;
        rq.body = s->body;
        rq.body_len = s->body != NULL ? strlen(s->body) : 0;
        rq.username = w->req.username;
        rq.password = w->req.password;
        rq.aws_sigv4 = w->req.aws_sigv4;
        if (det_vsend(w, ctx, b, &rq, &one))
            det_vclassify(s->rules, w->resp.status, w->resp.body.data, &one);
        if (one.verdict == SC_VERIFY_VERIFIED || sc_cancel_fired(ctx->cancel)) {
            *o = one;
            if (one.verdict != SC_VERIFY_VERIFIED)
                det_voutcome_set(o, SC_VERIFY_UNKNOWN, "verification interrupted");
            return;
        }
        if (one.verdict == SC_VERIFY_UNKNOWN && first_unknown.verdict == SC_VERIFY_SKIPPED)
            first_unknown = one;
        if (one.verdict == SC_VERIFY_UNVERIFIED)
            last_invalid = one;
        if (!w->req.more)
            break;
    }
    *o = first_unknown.verdict != SC_VERIFY_SKIPPED ? first_unknown : last_invalid;
}
