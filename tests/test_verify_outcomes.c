/* test_verify_outcomes.c: every provider's verdicts against the local fake
 * provider, through --verifier overrides: valid, invalid, rate limited,
 * server error, hang past the timeout, oversized body, redirect and
 * garbage, for several providers including AWS SigV4 and a custom rule. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/tu.h"
#include "tests/support/tu_verify.h"

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED
#define K SC_VERIFY_UNKNOWN

/* How to write a fake credential for each provider: prefix + flag + suffix.
 * The pieces are split so that no whole token appears in this source. */
typedef struct shape {
    const char *rule;
    const char *prefix;
    const char *suffix;
    const char *related[3];
} shape;

static const char twilio_sid[] = "AC" "0123456789abcdef0123456789abcdef";
static const char aws_secret[] = "rootle/FAKE/" "secret/0000000000000000000000000";

static const shape shapes[] = {
    { "github-pat-classic", "ghp_" "rootleFAKE", "0", { NULL } },
    { "github-pat-fine-grained", "github_pat_" "rootleFAKE", "0", { NULL } },
    { "github-oauth", "gho_" "rootleFAKE", "0", { NULL } },
    { "gitlab-pat", "glpat-" "rootleFAKE", "0", { NULL } },
    { "slack-bot-token", "xoxb-" "rootle-FAKE-", "0", { NULL } },
    { "slack-user-token", "xoxp-" "rootle-FAKE-", "0", { NULL } },
    { "slack-webhook", "https://hooks.slack.com/" "services/TROOTLE/BFAKE/", "0", { NULL } },
    { "stripe-secret-key", "sk_test_" "rootleFAKE", "0", { NULL } },
    { "stripe-restricted-key", "rk_test_" "rootleFAKE", "0", { NULL } },
    { "sendgrid-api-key", "SG." "rootleFAKE.", "0", { NULL } },
    { "mailgun-api-key", "key-" "rootlefake", "0", { NULL } },
    { "twilio-api-key", "rootlefake", "0", { twilio_sid, NULL } },
    { "npm-token", "npm_" "rootleFAKE", "0", { NULL } },
    { "pypi-token", "pypi-" "AgEIcHlwaS5vcmc" "rootleFAKE", "0", { NULL } },
    { "openai-api-key", "sk-" "rootleFAKE", "0", { NULL } },
    { "openai-project-key", "sk-proj-" "rootleFAKE", "0", { NULL } },
    { "anthropic-api-key", "sk-ant-api03-" "rootleFAKE", "0", { NULL } },
    { "huggingface-token", "hf_" "rootleFAKE", "0", { NULL } },
    { "digitalocean-pat", "dop_v1_" "rootlefake", "0", { NULL } },
    { "shopify-access-token", "shpat_" "rootlefake", "0", { NULL } },
    { "discord-webhook", "https://discord.com/" "api/webhooks/1234/rootleFAKE", "0", { NULL } },
    { "telegram-bot-token", "123456:" "rootleFAKE", "0", { NULL } },
    { "datadog-api-key", "rootlefake", "0", { NULL } },
    { "newrelic-user-api-key", "NRAK-" "ROOTLEFAKE", "0", { NULL } },
    { "postman-api-key", "PMAK-" "rootlefake-", "0", { NULL } },
    { "linear-api-key", "lin_api_" "rootleFAKE", "0", { NULL } },
    { "notion-token", "ntn_" "rootleFAKE", "0", { NULL } },
    { "sentry-auth-token", "sntryu_" "rootlefake", "0", { NULL } },
    { "doppler-token", "dp.pt." "rootleFAKE", "0", { NULL } },
    { "mailchimp-api-key", "rootlefake", "-us6", { NULL } },
    { "aws-access-key-id", "AKIA" "ROOTLEFAKE", "0", { aws_secret, NULL } },
    { "corp-token", "corp_" "rootleFAKE", "0", { NULL } },
};

static const shape *shape_of(const char *rule)
{
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        if (strcmp(shapes[i].rule, rule) == 0)
            return &shapes[i];
    }
    ck_abort_msg("no shape for %s", rule);
    return NULL;
}

static char *token(const shape *s, const char *flag)
{
    char *t;

    ck_assert(asprintf(&t, "%s%s%s", s->prefix, flag, s->suffix) > 0);
    return t;
}

/* A custom rule; tests aim it at the fake server with an override, which
 * keeps the endpoint's path. */
static int success_codes[] = { 200 };
static int invalid_codes[] = { 401, 403 };
static det_http_verify custom_verify = {
    .endpoint = "https://verify.rootle.invalid/custom/verify",
    .success_codes = success_codes, .nsuccess = 1,
    .invalid_codes = invalid_codes, .ninvalid = 2,
};
static const det_rule_def custom_rule = { .id = "corp-token", .verify = &custom_verify };
static const det_rule_def *const custom_rules[] = { &custom_rule };

static void start(tu_vrig *r, long timeout_ms)
{
    tu_vrig_opts o = { .timeout_ms = timeout_ms, .rules = custom_rules, .nrules = 1,
                       .override_custom = true };

    tu_vrig_start(r, &o);
}

/* Verifies rule's token with flag and checks verdict and reason. */
static void expect(tu_vrig *r, const char *rule, const char *flag, sc_verification want,
                   const char *reason)
{
    const shape *s = shape_of(rule);
    char *t = token(s, flag);
    sc_finding *f = tu_vrig_check(r, rule, t, s->related);

    ck_assert_msg(f->verification == want, "%s %s: got %s (%s), want %s", rule, flag,
                  sc_verification_name(f->verification),
                  f->verification_error ? f->verification_error : "-",
                  sc_verification_name(want));
    if (want == V)
        ck_assert_ptr_null(f->verification_error);
    if (reason != NULL) {
        ck_assert_ptr_nonnull(f->verification_error);
        ck_assert_msg(strstr(f->verification_error, reason) != NULL, "%s %s: reason '%s'",
                      rule, flag, f->verification_error);
    }
    sc_finding_free(f);
    free(t);
}

static void all_outcomes(const char *rule, bool rate_limit)
{
    tu_vrig r;

    start(&r, 500);
    expect(&r, rule, "VALID", V, NULL);
    expect(&r, rule, "INVALID", U, "rejected");
    expect(&r, rule, "ERROR500", K, "server error (HTTP 500)");
    expect(&r, rule, "HANG", K, "timed out");
    expect(&r, rule, "HUGE", K, "response too large");
    expect(&r, rule, "REDIRECT", K, "redirect not followed (HTTP 302)");
    /* Custom rules judge by status alone (their rules file gives only
     * codes), so a 200 with any body is success there. */
    if (strcmp(rule, "corp-token") == 0)
        expect(&r, rule, "GARBAGE", V, NULL);
    else
        expect(&r, rule, "GARBAGE", K, "unexpected response (HTTP 200)");
    if (rate_limit) {
        /* Always 429: the first try and two retries, one second apart. */
        expect(&r, rule, "RATELIMIT", K, "rate limited");
        ck_assert_int_eq(tu_fake_count(r.fake, "RATELIMIT"), 3);
    } else {
        /* 429 once, then the retry after Retry-After is answered. */
        expect(&r, rule, "RATELIMITONCE", V, NULL);
        ck_assert_int_eq(tu_fake_count(r.fake, "RATELIMITONCE"), 2);
    }
    tu_vrig_stop(&r);
}

START_TEST(github_outcomes) { all_outcomes("github-pat-classic", true); }
END_TEST

START_TEST(slack_outcomes) { all_outcomes("slack-bot-token", false); }
END_TEST

START_TEST(stripe_outcomes) { all_outcomes("stripe-secret-key", false); }
END_TEST

START_TEST(webhook_outcomes) { all_outcomes("slack-webhook", false); }
END_TEST

START_TEST(aws_outcomes) { all_outcomes("aws-access-key-id", false); }
END_TEST

START_TEST(custom_outcomes) { all_outcomes("corp-token", true); }
END_TEST

/* Every provider tells its documented valid answer from its invalid one. */
START_TEST(every_provider_valid_and_invalid)
{
    tu_vrig r;

    start(&r, 2000);
    for (size_t i = 0; i < tu_verify_nrule_ids; i++) {
        expect(&r, tu_verify_rule_ids[i], "VALID", V, NULL);
        expect(&r, tu_verify_rule_ids[i], "INVALID", U, "rejected");
    }
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 2 * tu_verify_nrule_ids);
    tu_vrig_stop(&r);
}
END_TEST

/* libcurl signs the STS call with SigV4 using the key id and the related
 * secret; the secret itself never goes over the wire. */
START_TEST(aws_sigv4_and_candidates)
{
    tu_vrig r;
    const shape *s = shape_of("aws-access-key-id");
    char *id = token(s, "SIGSECOND");
    const char *two[] = { "rootle/FAKE/" "wrong/000000000000000000000000000",
                          aws_secret, NULL };
    sc_finding *f;
    char *auth;

    start(&r, 2000);
    f = tu_vrig_check(&r, "aws-access-key-id", id, two);
    /* The first secret is refused with SignatureDoesNotMatch, the second
     * accepted. */
    ck_assert_int_eq(f->verification, V);
    ck_assert(asprintf(&auth, "Authorization: AWS4-HMAC-SHA256 Credential=%s/", id) > 0);
    ck_assert_int_eq(tu_fake_count(r.fake, auth), 2);
    ck_assert_int_eq(tu_fake_count(r.fake, aws_secret), 0);
    ck_assert_int_eq(tu_fake_count(r.fake, "Action=GetCallerIdentity&Version=2011-06-15"), 2);
    sc_finding_free(f);
    free(auth);
    free(id);

    /* Without a secret nearby there is nothing to sign with. */
    id = token(s, "VALID");
    f = tu_vrig_check(&r, "aws-access-key-id", id, NULL);
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "no secret key found near the key id");
    sc_finding_free(f);
    free(id);
    tu_vrig_stop(&r);
}
END_TEST

/* Stripe: 403 from a restricted key without balance access proves the key
 * is live; Twilio needs the SID from related; Mailchimp's data centre must
 * be in the key. */
START_TEST(provider_specifics)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 2000, .no_overrides = true };
    sc_finding *f;
    char *t;

    start(&r, 2000);
    t = token(shape_of("twilio-api-key"), "VALID");
    f = tu_vrig_check(&r, "twilio-api-key", t, NULL);
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "no account SID found near the key");
    sc_finding_free(f);
    free(t);
    ck_assert(asprintf(&t, "rootlefake%s", "VALID-eu1") > 0);
    f = tu_vrig_check(&r, "mailchimp-api-key", t, NULL);
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "no data centre in the key");
    sc_finding_free(f);
    free(t);
    /* A Telegram token that could change the request path is refused
     * before any request. */
    f = tu_vrig_check(&r, "telegram-bot-token", "123:rootle" "FAKEVALID/../x", NULL);
    ck_assert_int_eq(f->verification, K);
    sc_finding_free(f);
    f = tu_vrig_check(&r, "slack-webhook", "https://hooks.example.invalid/" "rootleVALID", NULL);
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "not a provider URL");
    sc_finding_free(f);
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 0);
    tu_vrig_stop(&r);

    /* Without an override, Shopify needs the shop's domain; none is near. */
    tu_vrig_start(&r, &o);
    t = token(shape_of("shopify-access-token"), "VALID");
    f = tu_vrig_check(&r, "shopify-access-token", t, NULL);
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "shop domain not found");
    sc_finding_free(f);
    free(t);
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 0);
    tu_vrig_stop(&r);
}
END_TEST

/* Rules without a verifier are left skipped and cost no request. */
START_TEST(unsupported_rule_is_skipped)
{
    tu_vrig r;
    sc_finding *f;

    start(&r, 2000);
    f = tu_vrig_check(&r, "generic-password", "rootle-FAKE-VALID", NULL);
    ck_assert_int_eq(f->verification, SC_VERIFY_SKIPPED);
    ck_assert_ptr_null(f->verification_error);
    ck_assert_uint_eq(atomic_load(&r.counters.verifications), 0);
    sc_finding_free(f);
    tu_vrig_stop(&r);
}
END_TEST

/* An override keeps the provider's path under the override's own path,
 * and requests carry rootle's User-Agent. */
START_TEST(override_keeps_path)
{
    tu_vrig r;
    tu_vrig_opts o = { .timeout_ms = 2000, .override_path = "/api/v3/" };
    char *t = token(shape_of("github-pat-classic"), "VALID");
    sc_finding *f;

    tu_vrig_start(&r, &o);
    f = tu_vrig_check(&r, "github-pat-classic", t, NULL);
    /* The fake serves GitHub at /user only, so /api/v3/user is a 404. */
    ck_assert_int_eq(f->verification, K);
    ck_assert_str_eq(f->verification_error, "unexpected response (HTTP 404)");
    ck_assert_int_eq(tu_fake_count(r.fake, "/api/v3/user"), 1);
    ck_assert_int_eq(tu_fake_count(r.fake, "User-Agent: rootle/" ROOTLE_VERSION), 1);
    sc_finding_free(f);
    free(t);
    tu_vrig_stop(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_outcomes");
    TCase *tc = tcase_create("outcomes");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, github_outcomes);
    tcase_add_test(tc, slack_outcomes);
    tcase_add_test(tc, stripe_outcomes);
    tcase_add_test(tc, webhook_outcomes);
    tcase_add_test(tc, aws_outcomes);
    tcase_add_test(tc, custom_outcomes);
    tcase_add_test(tc, every_provider_valid_and_invalid);
    tcase_add_test(tc, aws_sigv4_and_candidates);
    tcase_add_test(tc, provider_specifics);
    tcase_add_test(tc, unsupported_rule_is_skipped);
    tcase_add_test(tc, override_keeps_path);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
