/* det_verify_spec.h: internal to detectors/verify: how one provider's
 * check is described, and the helpers that build and judge it.
 *
 * A spec is mostly data: the documented request (method, host, path, how
 * the credential is presented) and an ordered list of answer rules (status
 * plus an optional body marker -> verdict; the first rule that matches
 * wins). Providers whose request depends on the secret's shape (webhook
 * URLs, a data-centre suffix, a key paired with a related secret) add a
 * prepare() hook. Anything no rule matches is indeterminate (unknown).
 */
#ifndef DET_VERIFY_SPEC_H
#define DET_VERIFY_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "detectors/det_rule.h"
#include "scanner/sc_backoff.h"
#include "scanner/sc_buf.h"
#include "scanner/sc_engine.h"
#include "scanner/sc_finding.h"
#include "scanner/sc_http.h"

#define DET_VMAX_HEADERS 4
#define DET_VMAX_RULES 8
/* At most this many related secrets are tried with one key (AWS, Twilio). */
#define DET_VMAX_CANDIDATES 8
/* Rate limiting: retries after a 429, and the cap on each wait. */
#define DET_VRETRY_MAX 2
#define DET_VRETRY_CAP_MS 5000L
#define DET_VRETRY_DEFAULT_MS 1000L

/* How the credential is presented. */
typedef enum det_vauth {
    DET_VAUTH_NONE,         /* prepare() puts it in the URL or elsewhere. */
    DET_VAUTH_HEADER,       /* A header: auth_arg followed by the secret. */
    DET_VAUTH_BASIC_USER,   /* Basic auth: user auth_arg, password the secret. */
    DET_VAUTH_BASIC_SECRET, /* Basic auth: user the secret, empty password. */
} det_vauth;

/* One answer rule: a status, and a marker the body must contain (NULL for
 * any body). Markers are compared literally except that whitespace is
 * allowed around ':' and ',', so "\"ok\":true" matches "\"ok\": true". A
 * status of 0 ends the list. */
typedef struct det_vrule {
    int status;
    const char *marker;
    sc_verification verdict;
} det_vrule;

/* A request being built for one attempt. Strings live in the buffers or in
 * the finding, so nothing here needs freeing but the buffers. */
typedef struct det_vreq {
    sc_buf url;
    sc_buf auth;            /* The auth header line, if the secret goes in a header. */
    const char *username;   /* Basic auth or SigV4 key id; NULL for none. */
    const char *password;
    const char *aws_sigv4;  /* libcurl's CURLOPT_AWS_SIGV4 provider string. */
    bool more;              /* prepare() has another candidate after this one. */
} det_vreq;

struct det_vspec;

/* Fills r for candidate number attempt (0, 1, ...). base is the --verifier
 * override for the rule, or NULL. Returns NULL when r is ready, or a short
 * static reason why the finding cannot be checked (it becomes unknown). */
typedef const char *(*det_vprepare_fn)(const struct det_vspec *s, const sc_finding *f,
                                       const char *base, size_t attempt, det_vreq *r);

typedef struct det_vspec {
    const char *rule_id;        /* The catalogue rule this spec checks. */
    const char *provider;       /* Rate-limit group: rules sharing it share a backoff. */
    const char *method;
    const char *base;           /* "https://api.github.com"; an override replaces it. */
    const char *path;           /* Appended to base: "/user". */
    det_vauth auth;
    const char *auth_arg;       /* Header prefix ("Authorization: token ") or basic user. */
    const char *headers[DET_VMAX_HEADERS];  /* Static extra headers, NULL-terminated. */
    const char *body;           /* Static request body, or NULL. */
    bool uses_related;          /* The verdict depends on f->related too (cache key). */
    det_vprepare_fn prepare;    /* NULL: base (or override) + path, with auth. */
    det_vrule rules[DET_VMAX_RULES];
} det_vspec;

/* The provider tables, one per family (det_verify_specs_*.c). */
extern const det_vspec det_vspecs_code[];
extern const size_t det_vspecs_code_count;
extern const det_vspec det_vspecs_work[];
extern const size_t det_vspecs_work_count;
extern const det_vspec det_vspecs_cloud[];
extern const size_t det_vspecs_cloud_count;
extern const det_vspec det_vspecs_ai[];
extern const size_t det_vspecs_ai_count;
extern const det_vspec det_vspecs_commerce[];
extern const size_t det_vspecs_commerce_count;

/* The spec for rule_id, or NULL. */
const det_vspec *det_vspec_find(const char *rule_id);
/* Calls fn for every spec, for listings and tests. */
void det_vspec_each(void (*fn)(void *arg, const det_vspec *s), void *arg);

/* ---- request building (det_verify_request.c) ---- */

/* Empties r for a new attempt, keeping its buffers' memory. */
void det_vreq_reset(det_vreq *r);
void det_vreq_free(det_vreq *r);
/* Sets the URL to (base ? base : s->base) followed by path. */
void det_vreq_url(det_vreq *r, const det_vspec *s, const char *base, const char *path);
/* Presents secret as s->auth says. */
void det_vreq_auth(det_vreq *r, const det_vspec *s, const char *secret);
/* The default prepare: base (or override) + s->path, with s->auth. */
const char *det_vreq_default(const det_vspec *s, const sc_finding *f, const char *base,
                             size_t attempt, det_vreq *r);
/* For secrets that are themselves URLs (webhooks): checks that secret
 * starts with one of the NULL-terminated https prefixes and that its path
 * holds only URL-safe characters, then sets the URL to the secret, or to
 * base followed by the secret's path. Returns NULL or a static reason. */
const char *det_vreq_url_from_secret(det_vreq *r, const char *secret,
                                     const char *const *prefixes, const char *base);
/* True if every byte of s is in the set allowed (a C string of bytes). */
bool det_vchars_ok(const char *s, const char *allowed);
extern const char det_vchars_token[];   /* [A-Za-z0-9_-] */

/* ---- judging (det_verify_classify.c) ---- */

/* The verdict and its reason; the reason is empty for verified. */
typedef struct det_voutcome {
    sc_verification verdict;
    char reason[96];
} det_voutcome;

void det_voutcome_set(det_voutcome *o, sc_verification v, const char *reason);
/* True if body contains marker, whitespace-tolerant as described above. */
bool det_vbody_has(const char *body, const char *marker);
/* Applies rules to a response. */
void det_vclassify(const det_vrule *rules, long status, const char *body, det_voutcome *o);
/* Sets o to unknown with the usual reason for a status no rule accepted
 * (redirect, server error, unexpected response). */
void det_vunexpected(long status, det_voutcome *o);

/* ---- sending with rate limiting (det_verify_send.c) ---- */

typedef struct det_vworker {
    struct det_verifier *v;     /* Shared, read-only during the scan. */
    sc_http *http;              /* This worker's connections. */
    sc_http_response resp;
    det_vreq req;
    sc_buf body;                /* Request body for custom rules. */
} det_vworker;

/* Performs rq, honouring and feeding the provider's backoff: a 429 defers
 * everyone calling that provider by Retry-After (capped at
 * DET_VRETRY_CAP_MS) and is retried up to DET_VRETRY_MAX times. Returns
 * true with w->resp holding a non-429 response, or false with o set to
 * unknown (interrupted, timed out, rate limited, ...). Counts every request
 * in ctx->counters->verifications. */
bool det_vsend(det_vworker *w, const sc_scan_ctx *ctx, sc_backoff *b,
               const sc_http_request *rq, det_voutcome *o);

/* ---- running checks (det_verify_builtin.c, det_verify_custom.c) ---- */

/* Checks f against a built-in spec: every candidate prepare() offers, until
 * one is verified. base is the --verifier override or NULL. */
void det_vrun_builtin(const det_vspec *s, const char *base, det_vworker *w,
                      const sc_scan_ctx *ctx, sc_backoff *b, const sc_finding *f,
                      det_voutcome *o);

/* A custom rule's verify block, copied so that it need not outlive the
 * rules file. */
typedef struct det_vcustom det_vcustom;
det_vcustom *det_vcustom_create(const det_http_verify *hv);
void det_vcustom_free(det_vcustom *c);  /* Accepts NULL. */
/* The endpoint URL, and whether the rule said unsafe: true. */
const char *det_vcustom_endpoint(const det_vcustom *c);
bool det_vcustom_unsafe(const det_vcustom *c);
/* POSTs {"rule": rule_id, "secret": SECRET} to the endpoint (or to base
 * followed by the endpoint's path). guard enables the connect-time
 * address check. */
void det_vrun_custom(const det_vcustom *c, const char *rule_id, const char *base, bool guard,
                     det_vworker *w, const sc_scan_ctx *ctx, sc_backoff *b,
                     const sc_finding *f, det_voutcome *o);

/* ---- SSRF guard (det_verify_ssrf.c) ---- */

/* True if addr is loopback, private, link-local, unique-local, shared
 * (CGNAT), multicast, reserved or unspecified, looking through IPv4-mapped,
 * IPv4-compatible, NAT64 and 6to4 IPv6 forms. */
bool det_ssrf_addr_blocked(const struct sockaddr *addr, socklen_t len);
/* An sc_http_addr_fn that refuses blocked addresses. */
bool det_ssrf_addr_allowed(void *arg, const struct sockaddr *addr, socklen_t len);
/* Checks a custom rule's endpoint before the scan: NULL if it may be used,
 * else a static reason. allow_unsafe permits http:// and private literal
 * addresses. Host names are checked again at connect time. */
const char *det_ssrf_check_endpoint(const char *url, bool allow_unsafe);

#endif
