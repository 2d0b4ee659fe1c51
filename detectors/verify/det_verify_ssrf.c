/* det_verify_ssrf.c: the guard that keeps custom verify endpoints off the
 * scanning machine's own network.
 *
 * A rules file can name any URL as a verify endpoint, and rootle then sends
 * it every matching secret. Unless the rule says unsafe: true (or the user
 * passes --allow-private-verifiers), the endpoint must be https:// and must
 * not reach loopback, private, link-local or otherwise special addresses.
 * Literal addresses and the scheme are checked before the scan starts;
 * host names are checked on the address libcurl actually connects to
 * (sc_http's address hook), so a name that resolves differently at scan
 * time (DNS rebinding) is still caught.
 */
#include "detectors/verify/det_verify_spec.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* addr is in host byte order. */
static bool v4_blocked(uint32_t a)
{
    static const struct { uint32_t net; int bits; } ranges[] = {
        { 0x00000000u, 8 },     /* 0.0.0.0/8 "this network" */
        { 0x0A000000u, 8 },     /* 10/8 private */
        { 0x64400000u, 10 },    /* 100.64/10 shared (CGNAT) */
        { 0x7F000000u, 8 },     /* 127/8 loopback */
        { 0xA9FE0000u, 16 },    /* 169.254/16 link-local (cloud metadata) */
        { 0xAC100000u, 12 },    /* 172.16/12 private */
        { 0xC0000000u, 24 },    /* 192.0.0/24 protocol assignments */
        { 0xC0A80000u, 16 },    /* 192.168/16 private */
        { 0xC6120000u, 15 },    /* 198.18/15 benchmarking */
        { 0xE0000000u, 4 },     /* 224/4 multicast */
        { 0xF0000000u, 4 },     /* 240/4 reserved and broadcast */
    };

    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
        uint32_t mask = ranges[i].bits == 0 ? 0 : 0xFFFFFFFFu << (32 - ranges[i].bits);

        if ((a & mask) == ranges[i].net)
            return true;
    }
    return false;
}

static uint32_t v4_at(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool v6_blocked(const unsigned char *a)
{
    static const unsigned char zero[16];
    static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
    static const unsigned char nat64[12] = { 0x00, 0x64, 0xFF, 0x9B };

    if (memcmp(a, zero, 15) == 0)
        return true;                        /* :: and ::1 */
    if (memcmp(a, mapped, 12) == 0 || memcmp(a, zero, 12) == 0 || memcmp(a, nat64, 12) == 0)
        return v4_blocked(v4_at(a + 12));   /* IPv4-mapped, -compatible, NAT64 */
    if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && a[4] == 0 && a[5] == 1)
        return true;                        /* 64:ff9b:1::/48 local NAT64 */
    if (a[0] == 0x20 && a[1] == 0x02)
        return v4_blocked(v4_at(a + 2));    /* 2002::/16 6to4 */
    if (a[0] == 0x01 && a[1] == 0x00 && memcmp(a + 2, zero, 6) == 0)
        return true;                        /* 100::/64 discard */
    if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8)
        return true;                        /* 2001:db8::/32 documentation */
    if ((a[0] & 0xFE) == 0xFC)
        return true;                        /* fc00::/7 unique local */
    if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
        return true;                        /* fe80::/10 link-local */
    if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0)
        return true;                        /* fec0::/10 site-local */
    if (a[0] == 0xFF)
        return true;                        /* ff00::/8 multicast */
    return false;
}

bool det_ssrf_addr_blocked(const struct sockaddr *addr, socklen_t len)
{
    if (addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)addr;

        return v4_blocked(ntohl(in->sin_addr.s_addr));
    }
    if (addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;

        return v6_blocked(in6->sin6_addr.s6_addr);
    }
    /* Anything else (Unix sockets) is never a provider. */
    return true;
}

bool det_ssrf_addr_allowed(void *arg, const struct sockaddr *addr, socklen_t len)
{
    (void)arg;
    return !det_ssrf_addr_blocked(addr, len);
}

/* True if host is a literal address that the guard blocks. */
static bool literal_blocked(const char *host)
{
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    char buf[64];
    size_t n = strlen(host);

    memset(&in, 0, sizeof(in));
    memset(&in6, 0, sizeof(in6));
    if (inet_pton(AF_INET, host, &in.sin_addr) == 1) {
        in.sin_family = AF_INET;
        return det_ssrf_addr_blocked((struct sockaddr *)&in, sizeof(in));
    }
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(buf)) {
        memcpy(buf, host + 1, n - 2);
        buf[n - 2] = '\0';
        /* A zone id ("%eth0") only exists on link-local addresses. */
        if (strchr(buf, '%') != NULL)
            return true;
        if (inet_pton(AF_INET6, buf, &in6.sin6_addr) == 1) {
            in6.sin6_family = AF_INET6;
            return det_ssrf_addr_blocked((struct sockaddr *)&in6, sizeof(in6));
        }
    }
    return false;
}

const char *det_ssrf_check_endpoint(const char *url, bool allow_unsafe)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    const char *why = NULL;

    if (u == NULL)
        return "out of memory";
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || *host == '\0') {
        why = "the endpoint is not a valid URL";
        goto out;
    }
    if (strcasecmp(scheme, "https") != 0 && strcasecmp(scheme, "http") != 0) {
        why = "the endpoint must be an http(s) URL";
        goto out;
    }
    if (allow_unsafe)
        goto out;
    if (strcasecmp(scheme, "https") != 0)
        why = "the endpoint must use https:// (set unsafe: true in the rule to allow http://)";
    else if (literal_blocked(host))
        why = "the endpoint is a private or loopback address (set unsafe: true in the rule, "
              "or pass --allow-private-verifiers)";
out:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return why;
}
