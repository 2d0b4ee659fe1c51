/* det_verify_send.c: one provider request, with the provider's rate limit.
 *
 * A 429 means "not now", not "invalid": the worker that sees it pushes the
 * provider's shared backoff deadline out by Retry-After (capped, so a
 * hostile or confused server cannot stall the scan), and every worker
 * waits for that deadline before its next request to the provider. After
 * DET_VRETRY_MAX retries the answer is unknown ("rate limited"). All waits
 * end early when the scan is interrupted.
 */
#include "detectors/verify/det_verify_spec.h"

#include <stdatomic.h>
#include <time.h>

static void interrupted(det_voutcome *o)
{
    det_voutcome_set(o, SC_VERIFY_UNKNOWN, "verification interrupted");
}

bool det_vsend(det_vworker *w, const sc_scan_ctx *ctx, sc_backoff *b,
               const sc_http_request *rq, det_voutcome *o)
{
    for (int attempt = 0;; attempt++) {
        long wait_ms;
        sc_code rc;

        if (sc_backoff_wait(b, ctx->cancel) != SC_OK) {
            interrupted(o);
            return false;
        }
        if (ctx->counters != NULL)
            atomic_fetch_add(&ctx->counters->verifications, 1);
        rc = sc_http_perform(w->http, rq, ctx->cancel, &w->resp);
        if (rc == SC_CANCELLED) {
            interrupted(o);
            return false;
        }
        if (rc != SC_OK) {
            det_voutcome_set(o, SC_VERIFY_UNKNOWN, w->resp.error);
            return false;
        }
        if (w->resp.status != 429)
            return true;
        if (attempt == DET_VRETRY_MAX) {
            det_voutcome_set(o, SC_VERIFY_UNKNOWN, "rate limited");
            return false;
        }
        wait_ms = sc_http_retry_after_ms(w->resp.retry_after, (long long)time(NULL));
        if (wait_ms < 0)
            wait_ms = DET_VRETRY_DEFAULT_MS;
        if (wait_ms > DET_VRETRY_CAP_MS)
            wait_ms = DET_VRETRY_CAP_MS;
        sc_backoff_defer(b, (uint64_t)wait_ms);
    }
}
