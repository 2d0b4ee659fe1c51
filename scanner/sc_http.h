/* sc_http.h: a small HTTP client over libcurl, for provider verification.
 *
 * One sc_http belongs to one thread (a verify worker). It keeps one libcurl
 * easy handle and one multi handle for its whole life, so connections to a
 * provider stay alive between requests. The client knows nothing of
 * providers: callers build the request and read the status and body.
 *
 * Policy that every request gets, whatever the caller asks:
 *  - redirects are never followed (a 3xx comes back as a status);
 *  - only http:// and https:// URLs are accepted;
 *  - the response body is read up to max_body bytes; a larger body aborts
 *    the transfer with SC_EUNSUPPORTED ("response too large");
 *  - the whole request is bounded by timeout_ms and its connect phase by
 *    connect_timeout_ms;
 *  - a cancel token aborts the transfer within about 50 ms of firing.
 *
 * Error texts (sc_http_response.error) are static strings that never hold
 * a URL, header or body, since those may carry the secret being checked.
 */
#ifndef SC_HTTP_H
#define SC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "scanner/sc_buf.h"
#include "scanner/sc_cancel.h"
#include "scanner/sc_error.h"

#define SC_HTTP_MAX_BODY (64u * 1024u)
#define SC_HTTP_DEFAULT_TIMEOUT_MS 10000L

typedef struct sc_http sc_http;

typedef struct sc_http_options {
    long timeout_ms;            /* Whole request; <= 0 means the default, 10 s. */
    long connect_timeout_ms;    /* <= 0 means min(timeout_ms, 5 s). */
    const char *user_agent;     /* NULL means "rootle/" ROOTLE_VERSION. Copied. */
    size_t max_body;            /* 0 means SC_HTTP_MAX_BODY. */
} sc_http_options;

/* Decides whether a connection to addr may be opened. It runs for every
 * address libcurl is about to connect to, after DNS, so a name that
 * resolves somewhere unexpected (DNS rebinding) is caught. */
typedef bool (*sc_http_addr_fn)(void *arg, const struct sockaddr *addr, socklen_t len);

typedef struct sc_http_request {
    const char *method;             /* "GET", "POST", ... */
    const char *url;
    const char *const *headers;     /* "Name: value" lines; may be NULL. */
    size_t nheaders;
    const char *body;               /* NULL: no body (an empty POST if method is POST). */
    size_t body_len;
    /* Credentials: HTTP basic auth, or with aws_sigv4 the access key id
     * (username) and secret key (password) that libcurl signs with. */
    const char *username;           /* NULL: no credentials. */
    const char *password;           /* NULL means "". */
    const char *aws_sigv4;          /* e.g. "aws:amz:us-east-1:sts"; NULL for none. */
    sc_http_addr_fn addr_allowed;   /* NULL: any address; proxies are then
                                     * honoured, else bypassed so the check
                                     * sees the real destination. */
    void *addr_arg;
} sc_http_request;

typedef struct sc_http_response {
    long status;                /* HTTP status, 0 if none arrived. */
    sc_buf body;                /* At most max_body bytes, NUL-terminated. */
    char retry_after[64];       /* The Retry-After header's value, or "". */
    const char *error;          /* Static reason when perform failed; NULL on success. */
} sc_http_response;

/* Initialises libcurl once per process (pthread_once); safe from any
 * thread. sc_http_create calls it. Returns SC_OK or SC_ENETWORK. */
sc_code sc_http_global_init(void);

/* Creates a client. Returns NULL when out of memory or libcurl cannot
 * start. */
sc_http *sc_http_create(const sc_http_options *o);
/* Frees the client and closes its connections. Accepts NULL. */
void sc_http_free(sc_http *h);

/* Performs one request. cancel may be NULL. Returns:
 *  SC_OK          a response arrived; resp->status and resp->body are set;
 *  SC_CANCELLED   cancel fired first;
 *  SC_ETIMEOUT    the request ran past its timeout;
 *  SC_EUNSUPPORTED the body was larger than max_body;
 *  SC_ENETWORK    DNS, connect, TLS or protocol failure, or the address
 *                 check refused every address (resp->error says which);
 *  SC_EINVAL      the URL or request is malformed.
 * resp is reset first; the caller owns it and frees it with
 * sc_http_response_free. */
sc_code sc_http_perform(sc_http *h, const sc_http_request *req, const sc_cancel *cancel,
                        sc_http_response *resp);

void sc_http_response_init(sc_http_response *r);
void sc_http_response_free(sc_http_response *r);

/* Milliseconds to wait according to a Retry-After value (delta-seconds or
 * an HTTP date), or -1 if the value is empty or unparseable. now is the
 * current wall-clock time in seconds. */
long sc_http_retry_after_ms(const char *value, long long now);

#endif
