/* sc_http.c: libcurl behind the small request/response interface of
 * sc_http.h.
 *
 * Why a multi handle for one transfer at a time: curl_easy_perform waits on
 * its sockets for up to a second at a stretch when nothing arrives, and the
 * progress callback cannot fire during that wait. Driving the easy handle
 * through our own multi handle lets us poll in 50 ms slices and check the
 * cancel token between them, so SIGINT aborts a hung request promptly. The
 * progress callback checks the token too, for transfers that are busy.
 * Keeping the same easy and multi handles across requests keeps the
 * connection cache, so a worker reuses its connection to a provider.
 */
#include "scanner/sc_http.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef ROOTLE_VERSION
#define ROOTLE_VERSION "0"
#endif

/* Poll slice: the longest a cancel can go unnoticed while a request waits. */
#define POLL_SLICE_MS 50

struct sc_http {
    CURL *easy;                 /* Owned; only the owning thread uses it. */
    CURLM *multi;               /* Owned; holds the connection cache. */
    long timeout_ms;
    long connect_timeout_ms;
    size_t max_body;
    char *user_agent;           /* Owned. */
    /* Per-request state read by libcurl's callbacks, which run on the
     * owning thread inside sc_http_perform. */
    sc_http_response *resp;
    const sc_cancel *cancel;
    const sc_http_request *req;
    bool too_large;
    bool refused;
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_OK;

static void global_init_once(void)
{
    global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

sc_code sc_http_global_init(void)
{
    pthread_once(&global_once, global_init_once);
    return global_rc == CURLE_OK ? SC_OK : SC_ENETWORK;
}

void sc_http_response_init(sc_http_response *r)
{
    memset(r, 0, sizeof(*r));
    r->body = (sc_buf)SC_BUF_INIT;
}

void sc_http_response_free(sc_http_response *r)
{
    sc_buf_free(&r->body);
    sc_http_response_init(r);
}

sc_http *sc_http_create(const sc_http_options *o)
{
    sc_http *h;

    if (sc_http_global_init() != SC_OK)
        return NULL;
    h = calloc(1, sizeof(*h));
    if (h == NULL)
        return NULL;
    h->timeout_ms = o != NULL && o->timeout_ms > 0 ? o->timeout_ms : SC_HTTP_DEFAULT_TIMEOUT_MS;
    h->connect_timeout_ms = o != NULL && o->connect_timeout_ms > 0 ? o->connect_timeout_ms
                                                                   : h->timeout_ms;
    if (h->connect_timeout_ms > 5000)
        h->connect_timeout_ms = 5000;
    h->max_body = o != NULL && o->max_body > 0 ? o->max_body : SC_HTTP_MAX_BODY;
    h->user_agent = strdup(o != NULL && o->user_agent != NULL ? o->user_agent
                                                             : "rootle/" ROOTLE_VERSION);
    h->easy = curl_easy_init();
    h->multi = curl_multi_init();
    if (h->user_agent == NULL || h->easy == NULL || h->multi == NULL) {
        sc_http_free(h);
        return NULL;
    }
    return h;
}

void sc_http_free(sc_http *h)
{
    if (h == NULL)
        return;
    if (h->multi != NULL)
        curl_multi_cleanup(h->multi);
    if (h->easy != NULL)
        curl_easy_cleanup(h->easy);
    free(h->user_agent);
    free(h);
}

static size_t write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
    sc_http *h = arg;
    size_t n = size * nmemb;

    if (h->resp->body.len + n > h->max_body) {
        /* Returning short makes libcurl abort with CURLE_WRITE_ERROR. */
        h->too_large = true;
        return 0;
    }
    sc_buf_append(&h->resp->body, data, n);
    return h->resp->body.failed ? 0 : n;
}

static size_t header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
    static const char name[] = "retry-after:";
    sc_http *h = arg;
    size_t n = size * nmemb, len;
    const char *v, *end;

    if (n <= sizeof(name) - 1 || strncasecmp(data, name, sizeof(name) - 1) != 0)
        return n;
    v = data + sizeof(name) - 1;
    end = data + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    len = (size_t)(end - v);
    if (len >= sizeof(h->resp->retry_after))
        len = sizeof(h->resp->retry_after) - 1;
    memcpy(h->resp->retry_after, v, len);
    h->resp->retry_after[len] = '\0';
    return n;
}

static int xferinfo_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
    sc_http *h = arg;

    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return sc_cancel_fired(h->cancel) ? 1 : 0;
}

static curl_socket_t opensocket_cb(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
    sc_http *h = arg;

    (void)purpose;
    if (!h->req->addr_allowed(h->req->addr_arg, &a->addr, a->addrlen)) {
        h->refused = true;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* Maps a libcurl failure to our code and a static reason. */
static sc_code map_error(sc_http *h, CURLcode cc)
{
    switch (cc) {
    case CURLE_ABORTED_BY_CALLBACK:
        h->resp->error = "interrupted";
        return SC_CANCELLED;
    case CURLE_OPERATION_TIMEDOUT:
        h->resp->error = "timed out";
        return SC_ETIMEOUT;
    case CURLE_WRITE_ERROR:
        if (h->too_large) {
            h->resp->error = "response too large";
            return SC_EUNSUPPORTED;
        }
        h->resp->error = h->resp->body.failed ? "out of memory" : "write error";
        return SC_ENETWORK;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        h->resp->error = "DNS lookup failed";
        return SC_ENETWORK;
    case CURLE_COULDNT_CONNECT:
        h->resp->error = h->refused ? "refused: private address" : "connection failed";
        return SC_ENETWORK;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        h->resp->error = "TLS error";
        return SC_ENETWORK;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        h->resp->error = "malformed URL";
        return SC_EINVAL;
    default:
        /* curl_easy_strerror texts are fixed sentences, never request data. */
        h->resp->error = curl_easy_strerror(cc);
        return SC_ENETWORK;
    }
}

static bool set_request(sc_http *h, const sc_http_request *req, struct curl_slist **hdrs)
{
    CURL *e = h->easy;
    bool ok = true;

    curl_easy_reset(e);
#define SET(opt, val) ok = ok && curl_easy_setopt(e, opt, val) == CURLE_OK
    SET(CURLOPT_URL, req->url);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_TIMEOUT_MS, h->timeout_ms);
    SET(CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
    SET(CURLOPT_USERAGENT, h->user_agent);
    SET(CURLOPT_WRITEFUNCTION, write_cb);
    SET(CURLOPT_WRITEDATA, h);
    SET(CURLOPT_HEADERFUNCTION, header_cb);
    SET(CURLOPT_HEADERDATA, h);
    SET(CURLOPT_NOPROGRESS, 0L);
    SET(CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
    SET(CURLOPT_XFERINFODATA, h);
    SET(CURLOPT_ACCEPT_ENCODING, "");
    if (req->addr_allowed != NULL) {
        SET(CURLOPT_OPENSOCKETFUNCTION, opensocket_cb);
        SET(CURLOPT_OPENSOCKETDATA, h);
        /* Through a proxy the checked address would be the proxy's. */
        SET(CURLOPT_NOPROXY, "*");
    }
    if (strcmp(req->method, "GET") == 0) {
        SET(CURLOPT_HTTPGET, 1L);
    } else if (strcmp(req->method, "POST") == 0 || req->body != NULL) {
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(req->body != NULL ? req->body_len : 0));
        SET(CURLOPT_POSTFIELDS, req->body != NULL ? req->body : "");
        if (strcmp(req->method, "POST") != 0)
            SET(CURLOPT_CUSTOMREQUEST, req->method);
    } else {
        SET(CURLOPT_CUSTOMREQUEST, req->method);
    }
    if (req->username != NULL) {
        SET(CURLOPT_USERNAME, req->username);
        SET(CURLOPT_PASSWORD, req->password != NULL ? req->password : "");
        if (req->aws_sigv4 != NULL)
            SET(CURLOPT_AWS_SIGV4, req->aws_sigv4);
        else
            SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    }
    for (size_t i = 0; ok && i < req->nheaders; i++) {
        struct curl_slist *n = curl_slist_append(*hdrs, req->headers[i]);

        ok = n != NULL;
        if (ok)
            *hdrs = n;
    }
    if (ok) {
        /* A 100-continue round trip only adds latency to tiny bodies. */
        struct curl_slist *n = curl_slist_append(*hdrs, "Expect:");

        ok = n != NULL;
        if (ok)
            *hdrs = n;
    }
    SET(CURLOPT_HTTPHEADER, *hdrs);
#undef SET
    return ok;
}

sc_code sc_http_perform(sc_http *h, const sc_http_request *req, const sc_cancel *cancel,
                        sc_http_response *resp)
{
    struct curl_slist *hdrs = NULL;
    CURLcode cc = CURLE_OK;
    CURLMsg *msg;
    int running = 1, left;
    bool added = false, cancelled = false, done = false;
    sc_code rc = SC_OK;

    sc_buf_reset(&resp->body);
    resp->status = 0;
    resp->retry_after[0] = '\0';
    resp->error = NULL;
    h->resp = resp;
    h->cancel = cancel;
    h->req = req;
    h->too_large = false;
    h->refused = false;
    if (sc_cancel_fired(cancel)) {
        resp->error = "interrupted";
        rc = SC_CANCELLED;
        goto out;
    }
    if (!set_request(h, req, &hdrs)) {
        resp->error = "cannot set up the request";
        rc = SC_EINVAL;
        goto out;
    }
    if (curl_multi_add_handle(h->multi, h->easy) != CURLM_OK) {
        resp->error = "cannot start the request";
        rc = SC_ENETWORK;
        goto out;
    }
    added = true;
    while (!done) {
        if (curl_multi_perform(h->multi, &running) != CURLM_OK) {
            resp->error = "transfer failed";
            rc = SC_ENETWORK;
            goto out;
        }
        while ((msg = curl_multi_info_read(h->multi, &left)) != NULL) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == h->easy) {
                cc = msg->data.result;
                done = true;
            }
        }
        if (done || running == 0)
            break;
        if (sc_cancel_fired(cancel)) {
            cancelled = true;
            break;
        }
        if (curl_multi_poll(h->multi, NULL, 0, POLL_SLICE_MS, NULL) != CURLM_OK) {
            resp->error = "transfer failed";
            rc = SC_ENETWORK;
            goto out;
        }
    }
    if (cancelled) {
        resp->error = "interrupted";
        rc = SC_CANCELLED;
    } else if (!done) {
        resp->error = "transfer ended without a result";
        rc = SC_ENETWORK;
    } else if (cc != CURLE_OK) {
        rc = map_error(h, cc);
    } else if (resp->body.failed) {
        resp->error = "out of memory";
        rc = SC_ENOMEM;
    } else {
        curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &resp->status);
        /* The body is promised NUL-terminated even when empty. */
        sc_buf_append(&resp->body, "", 0);
    }
out:
    if (added)
        curl_multi_remove_handle(h->multi, h->easy);
    curl_slist_free_all(hdrs);
    h->resp = NULL;
    h->req = NULL;
    h->cancel = NULL;
    return rc;
}

long sc_http_retry_after_ms(const char *value, long long now)
{
    const char *p = value;
    long long secs = 0;
    time_t when;

    if (value == NULL || *value == '\0')
        return -1;
    if (*p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9') {
            if (secs < 86400LL * 365)
                secs = secs * 10 + (*p - '0');
            p++;
        }
        if (*p != '\0')
            return -1;
        return (long)(secs * 1000);
    }
    /* libcurl already parses HTTP dates (RFC 1123 and its older cousins). */
    when = curl_getdate(value, NULL);
    if (when == (time_t)-1)
        return -1;
    if ((long long)when <= now)
        return 0;
    secs = (long long)when - now;
    if (secs > 86400LL * 365)
        secs = 86400LL * 365;
    return (long)(secs * 1000);
}
