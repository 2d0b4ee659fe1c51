/* test_verify_ssrf.c: custom verify endpoints cannot reach the scanning
 * machine's own network unless the rule (unsafe: true) or the user
 * (--allow-private-verifiers) says so. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/verify/det_verify_spec.h"
#include "tests/support/tu.h"
#include "tests/support/tu_verify.h"

static bool blocked(const char *text)
{
    struct sockaddr_in in;
    struct sockaddr_in6 in6;

    memset(&in, 0, sizeof(in));
    memset(&in6, 0, sizeof(in6));
    if (inet_pton(AF_INET, text, &in.sin_addr) == 1) {
        in.sin_family = AF_INET;
        return det_ssrf_addr_blocked((struct sockaddr *)&in, sizeof(in));
    }
    ck_assert_msg(inet_pton(AF_INET6, text, &in6.sin6_addr) == 1, "bad address %s", text);
    in6.sin6_family = AF_INET6;
    return det_ssrf_addr_blocked((struct sockaddr *)&in6, sizeof(in6));
}

START_TEST(address_classes)
{
    static const char *const bad[] = {
        "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
        "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
        "64:ff9b::a00:1", "2002:7f00:1::", "ff02::1", "fec0::1",
    };
    static const char *const good[] = {
        "8.8.8.8", "140.82.112.3", "172.32.0.1", "192.169.0.1", "100.128.0.1",
        "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::", "64:ff9b::808:808",
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(blocked(bad[i]), "%s should be blocked", bad[i]);
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        ck_assert_msg(!blocked(good[i]), "%s should be allowed", good[i]);
}
END_TEST

START_TEST(endpoint_checks)
{
    ck_assert_ptr_null(det_ssrf_check_endpoint("https://verify.rootle.invalid/x", false));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("http://verify.rootle.invalid/x", false));
    ck_assert_ptr_null(det_ssrf_check_endpoint("http://verify.rootle.invalid/x", true));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("https://127.0.0.1/x", false));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("https://[::1]:8443/x", false));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("https://[::ffff:127.0.0.1]/x", false));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("https://169.254.169.254/", false));
    ck_assert_ptr_null(det_ssrf_check_endpoint("https://127.0.0.1/x", true));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("file:///etc/passwd", true));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("gopher://127.0.0.1/", true));
    ck_assert_ptr_nonnull(det_ssrf_check_endpoint("not a url", true));
}
END_TEST

static int ok_codes[] = { 200 };
static int bad_codes[] = { 401 };

/* A custom rule aimed at endpoint. */
static void make_rule(det_rule_def *r, det_http_verify *hv, char *endpoint, bool unsafe)
{
    memset(hv, 0, sizeof(*hv));
    hv->endpoint = endpoint;
    hv->success_codes = ok_codes;
    hv->nsuccess = 1;
    hv->invalid_codes = bad_codes;
    hv->ninvalid = 1;
    hv->unsafe = unsafe;
    memset(r, 0, sizeof(*r));
    r->id = "corp-token";
    r->verify = hv;
}

static sc_code try_create(const det_rule_def *r, bool allow_private, char *err, size_t errlen)
{
    const det_rule_def *rules[] = { r };
    det_verify_options o;
    det_verifier *v = NULL;
    sc_code rc;

    det_verify_options_defaults(&o);
    o.allow_private = allow_private;
    rc = det_verifier_create(rules, 1, &o, &v, err, errlen);
    det_verifier_free(v);
    return rc;
}

/* http:// and loopback endpoints are refused before the scan, with a
 * message naming the rule. */
START_TEST(refused_at_create)
{
    det_rule_def r;
    det_http_verify hv;
    char err[256];

    make_rule(&r, &hv, "http://127.0.0.1:9/custom/verify", false);
    ck_assert_int_eq(try_create(&r, false, err, sizeof(err)), SC_EUSAGE);
    ck_assert_msg(strstr(err, "corp-token") != NULL && strstr(err, "https://") != NULL,
                  "message: %s", err);
    make_rule(&r, &hv, "https://127.0.0.1:9/custom/verify", false);
    ck_assert_int_eq(try_create(&r, false, err, sizeof(err)), SC_EUSAGE);
    ck_assert_msg(strstr(err, "corp-token") != NULL && strstr(err, "private") != NULL,
                  "message: %s", err);
    ck_assert_int_eq(try_create(&r, true, err, sizeof(err)), SC_OK);
    make_rule(&r, &hv, "http://127.0.0.1:9/custom/verify", true);
    ck_assert_int_eq(try_create(&r, false, err, sizeof(err)), SC_OK);
}
END_TEST

/* Serves the fake provider, aims a custom rule at origin (scheme and host)
 * on its port, verifies a valid token, and checks the verdict, its reason
 * and how many requests reached the server. */
static void custom_via_fake(const char *origin, bool unsafe, bool allow_private,
                            sc_verification want, const char *reason, long requests)
{
    static const char body[] = "{\"rule\":\"corp-token\",\"secret\":\"corp_rootleFAKEVALID\"}";
    tu_vrig rig;
    det_rule_def r;
    det_http_verify hv;
    const det_rule_def *rules[] = { &r };
    tu_vrig_opts o = { .timeout_ms = 3000, .rules = rules, .nrules = 1,
                       .allow_private = allow_private };
    char *url;
    sc_finding *f;

    tu_vrig_serve(&rig, 0);
    ck_assert(asprintf(&url, "%s:%s/custom/verify", origin,
                       strrchr(tu_fake_url(rig.fake), ':') + 1) > 0);
    make_rule(&r, &hv, url, unsafe);
    tu_vrig_create(&rig, &o);
    f = tu_vrig_check(&rig, "corp-token", "corp_" "rootleFAKEVALID", NULL);
    ck_assert_msg(f->verification == want, "%s: got %s", url,
                  sc_verification_name(f->verification));
    if (reason != NULL)
        ck_assert_str_eq(f->verification_error, reason);
    ck_assert_int_eq(tu_fake_count(rig.fake, body), requests);
    sc_finding_free(f);
    tu_vrig_stop(&rig);
    free(url);
}

/* With unsafe: true or allow_private, the loopback fake server is used,
 * and it receives the secret as JSON in the body. */
START_TEST(allowed_when_lifted)
{
    custom_via_fake("http://127.0.0.1", true, false, SC_VERIFY_VERIFIED, NULL, 1);
    custom_via_fake("http://127.0.0.1", false, true, SC_VERIFY_VERIFIED, NULL, 1);
}
END_TEST

/* A host name passes the check before the scan, but the address it
 * resolves to is checked when connecting: "localhost" is refused there,
 * and nothing reaches the server. Over http:// with unsafe: true the same
 * host goes through. */
START_TEST(refused_at_connect)
{
    custom_via_fake("https://localhost", false, false, SC_VERIFY_UNKNOWN,
                    "refused: private address", 0);
    custom_via_fake("http://localhost", true, false, SC_VERIFY_VERIFIED, NULL, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_ssrf");
    TCase *tc = tcase_create("ssrf");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, address_classes);
    tcase_add_test(tc, endpoint_checks);
    tcase_add_test(tc, refused_at_create);
    tcase_add_test(tc, allowed_when_lifted);
    tcase_add_test(tc, refused_at_connect);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
