/* test_detect_custom.c: custom rules from YAML: a valid file, overrides of
 * built-ins, exclude words and regexes, the verify section, and every kind
 * of invalid file failing with FILE:LINE. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"
#include "tests/support/tu.h"

#define MYCO1 "myco_" "rootlefakeq8w2mz7xk4vn1pz3k9qw2l"

static const det_rule_def builtins[] = {
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b" },
    { .id = "t-other", .keywords = { "rto_" }, .pattern = "\\b(?<secret>rto_[a-z0-9]{24})\\b" },
};
#define NB (sizeof(builtins) / sizeof(builtins[0]))

static char *dir;

static void setup(void)
{
    dir = tu_mkdtemp();
}

static void teardown(void)
{
    tu_rmtree(dir);
    free(dir);
}

/* Loads builtins plus the YAML text; returns the code, err filled. */
static sc_code load_yaml(const char *yaml, det_ruleset **rs, char *err, size_t errlen,
                         char **path_out)
{
    det_options o;
    char *path = tu_write_text(dir, "rules.yaml", yaml);
    sc_code rc;

    det_options_defaults(&o);
    o.no_cache = true;
    o.rules_file = path;
    *rs = NULL;
    rc = det_ruleset_load_rules(builtins, NB, &o, rs, err, errlen);
    if (path_out != NULL)
        *path_out = path;
    else
        free(path);
    return rc;
}

static const char valid[] =
    "# custom rules\n"
    "detectors:\n"
    "  - name: myco-token\n"
    "    description: MyCo API token\n"
    "    url: https://rootle.invalid/myco\n"
    "    keywords: [MYCO_]\n"
    "    regex:\n"
    "      secret: 'myco_[a-z0-9]{32}'\n"
    "    entropy: 3.0\n"
    "    exclude_words: [sample]\n"
    "    exclude_regexes: ['^myco_0+$', 'deadbeef']\n"
    "    verify:\n"
    "      endpoint: https://verify.rootle.invalid/check\n"
    "      unsafe: false\n"
    "      headers: [\"Authorization: Bearer rootle-fake\", \"X-Team: sec\"]\n"
    "      success_codes: [200, 204]\n"
    "      invalid_codes: [401, 403]\n"
    "  - name: t-token\n"
    "    keywords: [rtk_]\n"
    "    regex:\n"
    "      secret: 'rtk_[a-z0-9]{24}'\n"
    "    exclude_words: [rootle]\n";

START_TEST(valid_file)
{
    det_ruleset *rs;
    char err[512];
    const det_rule_def *d;
    dtu_findings f = { 0 };

    ck_assert_msg(load_yaml(valid, &rs, err, sizeof(err), NULL) == SC_OK, "%s", err);
    /* Built-ins in order minus the overridden one, then custom rules. */
    ck_assert_uint_eq(det_ruleset_count(rs), 3);
    ck_assert_str_eq(det_ruleset_rule(rs, 0)->id, "t-other");
    ck_assert_str_eq(det_ruleset_rule(rs, 1)->id, "myco-token");
    ck_assert_str_eq(det_ruleset_rule(rs, 2)->id, "t-token");
    d = det_ruleset_find(rs, "myco-token");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->description, "MyCo API token");
    ck_assert_str_eq(d->url, "https://rootle.invalid/myco");
    ck_assert_str_eq(d->keywords[0], "myco_");
    ck_assert_ptr_null(d->keywords[1]);
    ck_assert_str_eq(d->pattern, "myco_[a-z0-9]{32}");
    ck_assert(d->min_entropy == 3.0);
    ck_assert_str_eq(d->exclude_words[0], "sample");
    ck_assert_uint_eq(d->nexclude_regexes, 2);
    ck_assert_str_eq(d->exclude_regexes[1], "deadbeef");
    ck_assert_ptr_nonnull(d->verify);
    ck_assert_str_eq(d->verify->endpoint, "https://verify.rootle.invalid/check");
    ck_assert(!d->verify->unsafe);
    ck_assert_uint_eq(d->verify->nheaders, 2);
    ck_assert_str_eq(d->verify->headers[1], "X-Team: sec");
    ck_assert_uint_eq(d->verify->nsuccess, 2);
    ck_assert_int_eq(d->verify->success_codes[1], 204);
    ck_assert_uint_eq(d->verify->ninvalid, 2);
    ck_assert_int_eq(d->verify->invalid_codes[0], 401);

    dtu_scan_str(rs, "MYCO=" MYCO1 "\n", &f);
    ck_assert_uint_eq(dtu_count(&f, "myco-token"), 1);
    ck_assert_str_eq(f.v[0]->rule_description, "MyCo API token");
    dtu_free(&f);
    /* exclude_words and exclude_regexes. */
    dtu_scan_str(rs, "a myco_" "samplerootlefakeq8w2mz7xk4vn1pz3\n"
                     "b myco_" "00000000000000000000000000000000\n"
                     "c myco_" "rootlefakedeadbeefq8w2mz7xk4vn1p\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    /* The override replaced the built-in t-token: "rootle" is now excluded. */
    dtu_scan_str(rs, "t = rtk_" "rootlefakeq8w2mz7xk4vn1p\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

START_TEST(named_regexes_must_all_match)
{
    det_ruleset *rs;
    char err[512];
    dtu_findings f = { 0 };
    static const char yaml[] =
        "detectors:\n"
        "  - name: corp-pair\n"
        "    keywords: [corp_secret]\n"
        "    regex:\n"
        "      id: 'corp_id=(CID[0-9]{6})'\n"
        "      secret: 'corp_secret=(?<secret>[A-Za-z0-9]{24})'\n";

    ck_assert_msg(load_yaml(yaml, &rs, err, sizeof(err), NULL) == SC_OK, "%s", err);
    ck_assert_str_eq(det_ruleset_find(rs, "corp-pair")->pattern,
                     "corp_secret=(?<secret>[A-Za-z0-9]{24})");
    dtu_scan_str(rs, "corp_id=CID" "271828\ncorp_secret=rootleFAKEq8W2mZ7xK4vN1p\n", &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.v[0]->secret, "rootleFAKEq8W2mZ7xK4vN1p");
    ck_assert_uint_eq(f.v[0]->nrelated, 1);
    ck_assert_str_eq(f.v[0]->related[0], "CID271828");
    dtu_free(&f);
    dtu_scan_str(rs, "corp_secret=rootleFAKEq8W2mZ7xK4vN1p\n", &f);
    ck_assert_uint_eq(f.n, 0);
    dtu_free(&f);
    det_ruleset_free(rs);
}
END_TEST

/* An invalid file: the load fails with code and "PATH:LINE: ..." holding
 * the given reason text. */
static void expect_invalid(const char *yaml, sc_code code, int line, const char *reason)
{
    det_ruleset *rs;
    char err[512], want[1024];
    char *path;
    sc_code rc = load_yaml(yaml, &rs, err, sizeof(err), &path);

    ck_assert_ptr_null(rs);
    ck_assert_msg(rc == code, "got %s, want %s (%s)", sc_strerror(rc), sc_strerror(code), err);
    snprintf(want, sizeof(want), "%s:%d: ", path, line);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "err '%s' does not start '%s'", err,
                  want);
    ck_assert_msg(strstr(err, reason) != NULL, "err '%s' lacks '%s'", err, reason);
    free(path);
}

START_TEST(invalid_yaml_reports_its_line)
{
    expect_invalid("detectors:\n  - name: a\n    keywords: [a\n    regex: {\n", SC_ECONFIG, 4,
                   "invalid YAML");
    expect_invalid("detectors:\n  - name: x\n\tkeywords: [x]\n", SC_ECONFIG, 3, "invalid YAML");
}
END_TEST

START_TEST(invalid_regex_reports_its_line)
{
    expect_invalid("detectors:\n"
                   "  - name: bad-re\n"
                   "    keywords: [bad]\n"
                   "    regex:\n"
                   "      secret: 'bad_[a-z{4'\n",
                   SC_EREGEX, 5, "regex 'secret' does not compile at offset");
    expect_invalid("detectors:\n"
                   "  - name: bad-ex\n"
                   "    keywords: [bad]\n"
                   "    regex:\n"
                   "      secret: 'bad_[a-z]{4}'\n"
                   "    exclude_regexes:\n"
                   "      - 'ok'\n"
                   "      - '(unclosed'\n",
                   SC_EREGEX, 8, "does not compile");
}
END_TEST

START_TEST(invalid_structure)
{
    expect_invalid("", SC_ECONFIG, 1, "empty");
    expect_invalid("rules: []\n", SC_ECONFIG, 1, "unknown key 'rules'");
    expect_invalid("detectors: 3\n", SC_ECONFIG, 1, "must be a list");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n", SC_ECONFIG, 2,
                   "missing regex");
    expect_invalid("detectors:\n  - keywords: [r_]\n    regex: {secret: 'r_x'}\n", SC_ECONFIG, 2,
                   "no name");
    expect_invalid("detectors:\n  - name: r\n    regex: {secret: 'r_x'}\n", SC_ECONFIG, 2,
                   "keywords");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    colour: blue\n", SC_ECONFIG, 5, "unknown key 'colour'");
    expect_invalid("detectors:\n  - name: r\n    keywords: r_\n    regex: {secret: 'r_x'}\n",
                   SC_ECONFIG, 3, "keywords must be a list");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: 'r_x'\n", SC_ECONFIG,
                   4, "regex must be a mapping");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    entropy: lots\n", SC_ECONFIG, 5, "entropy");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    verify:\n      endpoint: https://v.rootle.invalid\n"
                   "      success_codes: [200, 999]\n", SC_ECONFIG, 7, "999");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    verify:\n      endpoint: https://v.rootle.invalid\n"
                   "      invalid_codes: [four]\n", SC_ECONFIG, 7, "HTTP status");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    verify:\n      unsafe: true\n", SC_ECONFIG, 6, "endpoint");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    verify:\n      endpoint: ftp://v.rootle.invalid\n", SC_ECONFIG, 6,
                   "http");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "    verify:\n      endpoint: https://v.rootle.invalid\n      unsafe: maybe\n",
                   SC_ECONFIG, 7, "true or false");
    expect_invalid("detectors:\n  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_x'}\n"
                   "  - name: r\n    keywords: [r_]\n    regex: {secret: 'r_y'}\n",
                   SC_ECONFIG, 5, "used twice");
    expect_invalid("detectors:\n  - name: r\n    name: s\n    keywords: [r_]\n"
                   "    regex: {secret: 'r_x'}\n", SC_ECONFIG, 3, "duplicate key");
}
END_TEST

START_TEST(missing_file)
{
    det_options o;
    det_ruleset *rs = NULL;
    char err[512];

    det_options_defaults(&o);
    o.no_cache = true;
    o.rules_file = "/nonexistent/rootle-rules.yaml";
    ck_assert_int_eq(det_ruleset_load_rules(builtins, NB, &o, &rs, err, sizeof(err)),
                     SC_ECONFIG);
    ck_assert_ptr_null(rs);
    ck_assert_msg(strstr(err, "/nonexistent/rootle-rules.yaml:1: ") == err, "%s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_custom");
    TCase *tc = tcase_create("custom");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, valid_file);
    tcase_add_test(tc, named_regexes_must_all_match);
    tcase_add_test(tc, invalid_yaml_reports_its_line);
    tcase_add_test(tc, invalid_regex_reports_its_line);
    tcase_add_test(tc, invalid_structure);
    tcase_add_test(tc, missing_file);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
