/* test_verify_options.c: the provider list, --verifier parsing and the
 * HTTP client's Retry-After reading. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/verify/det_verify.h"
#include "scanner/sc_http.h"
#include "tests/support/tu_verify.h"

START_TEST(supported_providers)
{
    for (size_t i = 0; i < tu_verify_nrule_ids; i++)
        ck_assert_msg(det_verify_supported(tu_verify_rule_ids[i]), "%s", tu_verify_rule_ids[i]);
    ck_assert_uint_ge(tu_verify_nrule_ids, 25);
    ck_assert(!det_verify_supported("generic-password"));
    ck_assert(!det_verify_supported(""));
    ck_assert(!det_verify_supported(NULL));
}
END_TEST

static sc_code create_with(const char *override, char *err, size_t errlen)
{
    det_verify_options o;
    det_verifier *v = NULL;
    const char *ov[] = { override };
    sc_code rc;

    det_verify_options_defaults(&o);
    o.overrides = ov;
    o.noverrides = 1;
    rc = det_verifier_create(NULL, 0, &o, &v, err, errlen);
    det_verifier_free(v);
    return rc;
}

START_TEST(override_parsing)
{
    static const char *const bad[] = {
        "github-pat-classic",                       /* no URL */
        "=http://127.0.0.1:1",                      /* no rule */
        "github-pat-classic=",                      /* empty URL */
        "github-pat-classic=ftp://127.0.0.1/",      /* not http(s) */
        "github-pat-classic=not a url",
        "github-pat-classic=http://u:p@127.0.0.1/", /* credentials */
        "github-pat-classic=http://127.0.0.1/?a=b", /* query */
        "no-such-rule=http://127.0.0.1:1",          /* unknown rule */
    };
    char err[256];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        ck_assert_msg(create_with(bad[i], err, sizeof(err)) == SC_EUSAGE, "%s", bad[i]);
        ck_assert_msg(strstr(err, "--verifier") != NULL, "%s: '%s'", bad[i], err);
    }
    ck_assert(strstr(err, "no-such-rule") != NULL);
    ck_assert_int_eq(create_with("github-pat-classic=http://127.0.0.1:1", err, sizeof(err)),
                     SC_OK);
    ck_assert_int_eq(create_with("aws-access-key-id=https://sts.internal.invalid/base/", err,
                                 sizeof(err)), SC_OK);
}
END_TEST

START_TEST(retry_after)
{
    ck_assert_int_eq(sc_http_retry_after_ms("1", 0), 1000);
    ck_assert_int_eq(sc_http_retry_after_ms("120", 0), 120000);
    ck_assert_int_eq(sc_http_retry_after_ms("", 0), -1);
    ck_assert_int_eq(sc_http_retry_after_ms(NULL, 0), -1);
    ck_assert_int_eq(sc_http_retry_after_ms("soon", 0), -1);
    ck_assert_int_eq(sc_http_retry_after_ms("5s", 0), -1);
    /* Wed, 21 Oct 2015 07:28:00 GMT is 1445412480. */
    ck_assert_int_eq(sc_http_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), 10000);
    ck_assert_int_eq(sc_http_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_options");
    TCase *tc = tcase_create("options");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 10);
    tcase_add_test(tc, supported_providers);
    tcase_add_test(tc, override_parsing);
    tcase_add_test(tc, retry_after);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
