/* test_detect_filter.c: false-positive control: entropy, placeholders,
 * exclude words, regex text, the generic rules' hash/UUID/integrity/path/
 * word filters, and inline rootle:ignore. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

#define TOK1 "rtk_" "rootlefakeq8w2mz7xk4vn1p"

static const det_rule_def rules[] = {
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b",
      .min_entropy = 3.0 },
    { .id = "t-any", .keywords = { "rtx_" }, .pattern = "\\b(?<secret>rtx_[^\\s\"']{6,80})",
      .exclude_words = { "sample" } },
    { .id = "t-generic", .keywords = { "passcode" }, .flags = DET_GENERIC | DET_CASELESS,
      .pattern = "passcode\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"'()\\[\\]`;,]{8,140})",
      .min_entropy = 2.0 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static size_t found(det_ruleset *rs, const char *text, const char *rule)
{
    dtu_findings f = { 0 };
    size_t n;

    dtu_scan_str(rs, text, &f);
    n = dtu_count(&f, rule);
    dtu_free(&f);
    return n;
}

START_TEST(entropy_gate)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);

    ck_assert_uint_eq(found(rs, "k = " TOK1 "\n", "t-token"), 1);
    ck_assert_uint_eq(found(rs, "k = rtk_" "ab12ab12ab12ab12ab12ab12\n", "t-token"), 0);
    det_ruleset_free(rs);
}
END_TEST

static const char *const placeholders[] = {
    "rtx_" "EXAMPLEkey99", "rtx_" "xxxxxxxxxx", "rtx_" "XXXX7q2w9z", "rtx_" "0000000000",
    "rtx_" "1234567890", "rtx_" "9876543210", "rtx_" "your_token_here", "rtx_" "your-api-key",
    "rtx_" "ChangeMe99", "rtx_" "replace_me", "rtx_" "PLACEHOLDER", "rtx_" "${TOKEN}",
    "rtx_" "{{token}}", "rtx_" "%s%s%s", "rtx_" "********", "rtx_" "REDACTED42", "rtx_" "ab7...",
    "rtx_" "SaMpLe7q2w9z4k", NULL,
};

START_TEST(placeholders_and_exclude_words)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    char text[256];

    snprintf(text, sizeof(text), "token: rtx_" "Zr8rootleFAKEq2Lw9x\n");
    ck_assert_uint_eq(found(rs, text, "t-any"), 1);
    for (size_t i = 0; placeholders[i] != NULL; i++) {
        snprintf(text, sizeof(text), "token: %s\n", placeholders[i]);
        ck_assert_msg(found(rs, text, "t-any") == 0, "placeholder %s was reported",
                      placeholders[i]);
    }
    det_ruleset_free(rs);
}
END_TEST

START_TEST(placeholder_context)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);

    ck_assert_uint_eq(found(rs, "passcode = \"Zr8rootleFAKEq2Lw9x\"\n", "t-generic"), 1);
    ck_assert_uint_eq(found(rs, "passcode = $ROOTLE_DB_PASSCODE\n", "t-generic"), 0);
    ck_assert_uint_eq(found(rs, "passcode = ${ROOTLE_DB_PASSCODE}\n", "t-generic"), 0);
    ck_assert_uint_eq(found(rs, "passcode: {{rootle_passcode}}\n", "t-generic"), 0);
    ck_assert_uint_eq(found(rs, "passcode: <your-passcode>\n", "t-generic"), 0);
    ck_assert_uint_eq(found(rs, "passcode: <rootle7Token>\n", "t-generic"), 0);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(regex_text_is_not_a_secret)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);

    /* A scanner's own pattern for the token... */
    ck_assert_uint_eq(found(rs, "re = r\"rtx_" "[a-z0-9]{24}\"\n", "t-any"), 0);
    ck_assert_uint_eq(found(rs, "re = r\"rtx_" "\\d{8}\\w+\"\n", "t-any"), 0);
    /* ...and a token-shaped string inside regex syntax. */
    ck_assert_uint_eq(found(rs, "m = re.compile(r\"(?:\\d+)" TOK1 "\")\n", "t-token"), 0);
    ck_assert_uint_eq(found(rs, "m = \"" TOK1 "\"\n", "t-token"), 1);
    det_ruleset_free(rs);
}
END_TEST

static const char *const generic_lookalikes[] = {
    "5d41402abc4b2a76b9719d911017c592",                                   /* md5 */
    "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",                           /* sha1 */
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",   /* sha256 */
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",   /* sha512 */
    "123e4567-e89b-12d3-a456-426614174000",                               /* UUID */
    "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
    "sha1-rootleFAKEq8W2mZ7xK4vN1pR6tY3s=",
    "/etc/rootle/private/server.pem",
    "./config/rootle.yml",
    "C:\\Users\\rootle\\passcode.txt",
    "https://rootle.invalid/vault/passcode",
    "getPasscodeFromVault",
    "config.passcode.value",
    NULL,
};

START_TEST(generic_rejects_hashes_uuids_integrity_paths_words)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    char text[512];

    for (size_t i = 0; generic_lookalikes[i] != NULL; i++) {
        snprintf(text, sizeof(text), "passcode: \"%s\"\n", generic_lookalikes[i]);
        ck_assert_msg(found(rs, text, "t-generic") == 0, "look-alike %s was reported",
                      generic_lookalikes[i]);
    }
    /* Hex of other lengths is not a hash shape and still counts. */
    ck_assert_uint_eq(found(rs, "passcode: 5d41402abc4b2a76b9719d91\n", "t-generic"), 1);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(inline_ignore)
{
    det_ruleset *rs = dtu_load(rules, NRULES, 0);
    dtu_findings f = { 0 };

    ck_assert_uint_eq(found(rs, "k = " TOK1 "  # rootle:ignore\n", "t-token"), 0);
    ck_assert_uint_eq(found(rs, "// rootle:ignore\nk = " TOK1 "\n", "t-token"), 1);
    dtu_scan_str(rs, "a = " TOK1 " // rootle:ignore\nb = rtk_" "fakerootlez3k9qw2ls8xv5n\n", &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_uint_eq(f.v[0]->line, 2);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(entropy_function)
{
    ck_assert(det_entropy((const unsigned char *)"aaaa", 4) == 0.0);
    ck_assert(det_entropy((const unsigned char *)"abcd", 4) == 2.0);
    ck_assert(det_entropy((const unsigned char *)"", 0) == 0.0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_filter");
    TCase *tc = tcase_create("filter");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, entropy_gate);
    tcase_add_test(tc, placeholders_and_exclude_words);
    tcase_add_test(tc, placeholder_context);
    tcase_add_test(tc, regex_text_is_not_a_secret);
    tcase_add_test(tc, generic_rejects_hashes_uuids_integrity_paths_words);
    tcase_add_test(tc, inline_ignore);
    tcase_add_test(tc, entropy_function);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
