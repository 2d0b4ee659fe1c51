/* det_verify_specs_commerce.c: payments, messaging and commerce (Stripe,
 * Twilio, SendGrid, Mailgun, Mailchimp, Shopify). Every call is a read. */
#include "detectors/verify/det_verify_spec.h"

#include <string.h>

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED

/* True for a Twilio SID: two letters ("AC" account, "SK" API key) and 32
 * hex digits. */
static bool twilio_sid(const char *s)
{
    return (strncmp(s, "AC", 2) == 0 || strncmp(s, "SK", 2) == 0) && strlen(s) == 34 &&
           det_vchars_ok(s + 2, "0123456789abcdefABCDEF");
}

/* Twilio authenticates SID:secret. The finding is normally the secret with
 * the SIDs found nearby as related secrets; if the detector reported the
 * SID itself, the related secrets are the candidates for the password. */
static const char *twilio_prepare(const det_vspec *s, const sc_finding *f, const char *base,
                                  size_t attempt, det_vreq *r)
{
    bool secret_is_sid = twilio_sid(f->secret);
    size_t seen = 0;

    det_vreq_url(r, s, base, s->path);
    for (size_t i = 0; i < f->nrelated && seen < DET_VMAX_CANDIDATES; i++) {
        if (!secret_is_sid && !twilio_sid(f->related[i]))
            continue;
        if (seen++ < attempt)
            continue;
        if (r->username == NULL) {
            r->username = secret_is_sid ? f->secret : f->related[i];
            r->password = secret_is_sid ? f->related[i] : f->secret;
            continue;
        }
        r->more = true;
        break;
    }
    return r->username != NULL ? NULL : "no account SID found near the key";
}

/* A Mailchimp key ends in its data centre ("-us6"), which names the API
 * host. */
static const char *mailchimp_prepare(const det_vspec *s, const sc_finding *f, const char *base,
                                     size_t attempt, det_vreq *r)
{
    const char *dash = strrchr(f->secret, '-');
    const char *dc = dash != NULL ? dash + 1 : "";
    size_t digits;

    (void)attempt;
    if (strncmp(dc, "us", 2) != 0)
        return "no data centre in the key";
    digits = strspn(dc + 2, "0123456789");
    if (digits == 0 || digits > 3 || dc[2 + digits] != '\0')
        return "no data centre in the key";
    sc_buf_reset(&r->url);
    if (base != NULL)
        sc_buf_puts(&r->url, base);
    else
        sc_buf_printf(&r->url, "https://%s.api.mailchimp.com", dc);
    sc_buf_puts(&r->url, s->path);
    det_vreq_auth(r, s, f->secret);
    return NULL;
}

/* A shop's Admin API lives on its own *.myshopify.com host, found near the
 * token as a related secret. With an override, the override names the
 * host and no shop domain is needed. */
static const char *shopify_prepare(const det_vspec *s, const sc_finding *f, const char *base,
                                   size_t attempt, det_vreq *r)
{
    static const char suffix[] = ".myshopify.com";
    static const char host_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-.";

    (void)attempt;
    det_vreq_auth(r, s, f->secret);
    if (base != NULL) {
        det_vreq_url(r, s, base, s->path);
        return NULL;
    }
    for (size_t i = 0; i < f->nrelated; i++) {
        const char *h = f->related[i];
        size_t n;

        if (strncmp(h, "https://", 8) == 0)
            h += 8;
        n = strcspn(h, "/");
        if (n <= sizeof(suffix) - 1 || n > 253 ||
            strncmp(h + n - (sizeof(suffix) - 1), suffix, sizeof(suffix) - 1) != 0 ||
            strspn(h, host_chars) < n || h[0] == '-' || h[0] == '.')
            continue;
        sc_buf_reset(&r->url);
        sc_buf_puts(&r->url, "https://");
        sc_buf_append(&r->url, h, n);
        sc_buf_puts(&r->url, s->path);
        return NULL;
    }
    return "shop domain not found";
}

/* Stripe: a restricted key without read access to the balance gets 403
 * with an error object, which still proves the key is live. */
#define STRIPE(id)                                                              \
    { .rule_id = id, .provider = "stripe", .method = "GET",                     \
      .base = "https://api.stripe.com", .path = "/v1/balance",                  \
      .auth = DET_VAUTH_BASIC_SECRET,                                           \
      .rules = { { 200, "\"object\"", V }, { 403, "\"error\"", V },             \
                 { 401, NULL, U } } }

const det_vspec det_vspecs_commerce[] = {
    STRIPE("stripe-secret-key"),
    STRIPE("stripe-restricted-key"),
    { .rule_id = "twilio-api-key", .provider = "twilio", .method = "GET",
      .base = "https://api.twilio.com", .path = "/2010-04-01/Accounts.json",
      .auth = DET_VAUTH_NONE, .uses_related = true, .prepare = twilio_prepare,
      .rules = { { 200, "\"accounts\"", V }, { 401, NULL, U } } },
    { .rule_id = "sendgrid-api-key", .provider = "sendgrid", .method = "GET",
      .base = "https://api.sendgrid.com", .path = "/v3/scopes",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"scopes\"", V }, { 401, NULL, U } } },
    { .rule_id = "mailgun-api-key", .provider = "mailgun", .method = "GET",
      .base = "https://api.mailgun.net", .path = "/v3/domains",
      .auth = DET_VAUTH_BASIC_USER, .auth_arg = "api",
      .rules = { { 200, "\"items\"", V }, { 401, NULL, U } } },
    { .rule_id = "mailchimp-api-key", .provider = "mailchimp", .method = "GET",
      .base = NULL, .path = "/3.0/ping",
      .auth = DET_VAUTH_BASIC_USER, .auth_arg = "rootle",
      .prepare = mailchimp_prepare,
      .rules = { { 200, "\"health_status\"", V }, { 401, NULL, U } } },
    { .rule_id = "shopify-access-token", .provider = "shopify", .method = "GET",
      .base = NULL, .path = "/admin/api/2024-01/shop.json",
      .auth = DET_VAUTH_HEADER, .auth_arg = "X-Shopify-Access-Token: ",
      .uses_related = true, .prepare = shopify_prepare,
      .rules = { { 200, "\"shop\"", V }, { 401, NULL, U } } },
};
const size_t det_vspecs_commerce_count =
    sizeof(det_vspecs_commerce) / sizeof(det_vspecs_commerce[0]);
