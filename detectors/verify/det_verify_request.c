/* det_verify_request.c: building a provider request from a spec and a
 * finding.
 *
 * Secrets that end up inside a URL (webhooks, Telegram's bot path, a
 * Mailchimp data centre) come from scanned files, so they are checked
 * against a strict character set first: a planted "token" must never be
 * able to steer a request to another host or path.
 */
#include "detectors/verify/det_verify_spec.h"

#include <string.h>

const char det_vchars_token[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

bool det_vchars_ok(const char *s, const char *allowed)
{
    return s[strspn(s, allowed)] == '\0';
}

void det_vreq_reset(det_vreq *r)
{
    sc_buf_reset(&r->url);
    sc_buf_reset(&r->auth);
    r->username = NULL;
    r->password = NULL;
    r->aws_sigv4 = NULL;
    r->more = false;
}

void det_vreq_free(det_vreq *r)
{
    sc_buf_free(&r->url);
    sc_buf_free(&r->auth);
}

void det_vreq_url(det_vreq *r, const det_vspec *s, const char *base, const char *path)
{
    sc_buf_reset(&r->url);
    sc_buf_puts(&r->url, base != NULL ? base : s->base);
    sc_buf_puts(&r->url, path);
}

void det_vreq_auth(det_vreq *r, const det_vspec *s, const char *secret)
{
    switch (s->auth) {
    case DET_VAUTH_NONE:
        break;
    case DET_VAUTH_HEADER:
        sc_buf_reset(&r->auth);
        sc_buf_puts(&r->auth, s->auth_arg);
        sc_buf_puts(&r->auth, secret);
        break;
    case DET_VAUTH_BASIC_USER:
        r->username = s->auth_arg;
        r->password = secret;
        break;
    case DET_VAUTH_BASIC_SECRET:
        r->username = secret;
        r->password = "";
        break;
    }
}

const char *det_vreq_default(const det_vspec *s, const sc_finding *f, const char *base,
                             size_t attempt, det_vreq *r)
{
    (void)attempt;
    det_vreq_url(r, s, base, s->path);
    det_vreq_auth(r, s, f->secret);
    return NULL;
}

const char *det_vreq_url_from_secret(det_vreq *r, const char *secret,
                                     const char *const *prefixes, const char *base)
{
    static const char path_chars[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/";

    for (size_t i = 0; prefixes[i] != NULL; i++) {
        size_t n = strlen(prefixes[i]);
        const char *path;

        if (strncmp(secret, prefixes[i], n) != 0)
            continue;
        /* The path starts at the first '/' after "https://host". */
        path = strchr(secret + strlen("https://"), '/');
        if (path == NULL || !det_vchars_ok(path, path_chars) || strstr(path, "//") != NULL)
            return "not a well-formed provider URL";
        sc_buf_reset(&r->url);
        if (base != NULL) {
            sc_buf_puts(&r->url, base);
            sc_buf_puts(&r->url, path);
        } else {
            sc_buf_puts(&r->url, secret);
        }
        return NULL;
    }
    return "not a provider URL";
}
