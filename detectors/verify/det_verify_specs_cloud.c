/* det_verify_specs_cloud.c: cloud and observability platforms (AWS,
 * DigitalOcean, Datadog, New Relic). */
#include "detectors/verify/det_verify_spec.h"

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED

/* An access key id is useless without its secret key, which the detector
 * attaches as related secrets found nearby. Each candidate is tried in
 * turn with STS GetCallerIdentity, which every valid key may call whatever
 * its policy; libcurl does the SigV4 signing. */
static const char *aws_prepare(const det_vspec *s, const sc_finding *f, const char *base,
                               size_t attempt, det_vreq *r)
{
    size_t n = f->nrelated < DET_VMAX_CANDIDATES ? f->nrelated : DET_VMAX_CANDIDATES;

    if (n == 0)
        return "no secret key found near the key id";
    det_vreq_url(r, s, base, s->path);
    r->username = f->secret;
    r->password = f->related[attempt];
    r->aws_sigv4 = "aws:amz:us-east-1:sts";
    r->more = attempt + 1 < n;
    return NULL;
}

const det_vspec det_vspecs_cloud[] = {
    /* 403 InvalidClientTokenId: no such key id; SignatureDoesNotMatch: the
     * key id exists but this secret is not its secret. */
    { .rule_id = "aws-access-key-id", .provider = "aws", .method = "POST",
      .base = "https://sts.amazonaws.com", .path = "/", .auth = DET_VAUTH_NONE,
      .headers = { "Content-Type: application/x-www-form-urlencoded; charset=utf-8" },
      .body = "Action=GetCallerIdentity&Version=2011-06-15",
      .uses_related = true, .prepare = aws_prepare,
      .rules = { { 200, "GetCallerIdentityResult", V },
                 { 403, "InvalidClientTokenId", U },
                 { 403, "SignatureDoesNotMatch", U },
                 { 403, "AccessDenied", V } } },
    { .rule_id = "digitalocean-pat", .provider = "digitalocean", .method = "GET",
      .base = "https://api.digitalocean.com", .path = "/v2/account",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"account\"", V }, { 401, NULL, U } } },
    /* Keys are checked against the US1 site; keys of other Datadog sites
     * need --verifier datadog-api-key=https://api.datadoghq.eu etc. */
    { .rule_id = "datadog-api-key", .provider = "datadog", .method = "GET",
      .base = "https://api.datadoghq.com", .path = "/api/v1/validate",
      .auth = DET_VAUTH_HEADER, .auth_arg = "DD-API-KEY: ",
      .rules = { { 200, "\"valid\":true", V }, { 403, NULL, U }, { 401, NULL, U } } },
    /* NerdGraph: the user behind a valid key, or an "Invalid API key"
     * error. */
    { .rule_id = "newrelic-user-api-key", .provider = "newrelic", .method = "POST",
      .base = "https://api.newrelic.com", .path = "/graphql",
      .auth = DET_VAUTH_HEADER, .auth_arg = "API-Key: ",
      .headers = { "Content-Type: application/json" },
      .body = "{\"query\":\"{ actor { user { email } } }\"}",
      .rules = { { 200, "\"user\":{", V },
                 { 200, "Invalid API key", U },
                 { 401, NULL, U },
                 { 403, NULL, U } } },
};
const size_t det_vspecs_cloud_count = sizeof(det_vspecs_cloud) / sizeof(det_vspecs_cloud[0]);
