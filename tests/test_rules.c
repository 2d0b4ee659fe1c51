/* test_rules.c: every built-in rule against its own examples, through the
 * real detector (prefilter, windows, filters, decoders). Generic over
 * det_builtin_rules(): it names the rule and example that fail. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

static size_t count_examples(const char *const *ex)
{
    size_t n = 0;

    while (n < DET_MAX_EXAMPLES && ex[n] != NULL)
        n++;
    return n;
}

START_TEST(every_rule_has_examples)
{
    size_t n = 0, bad = 0;
    const det_rule_def *rules = det_builtin_rules(&n);

    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++) {
        size_t t = count_examples(rules[i].true_examples);
        size_t f = count_examples(rules[i].false_examples);

        if (t < 2 || f < 2) {
            fprintf(stderr, "rule %s: %zu true and %zu false examples (need 2 each)\n",
                    rules[i].id, t, f);
            bad++;
        }
        if (rules[i].keywords[0] == NULL) {
            fprintf(stderr, "rule %s: no keywords\n", rules[i].id);
            bad++;
        }
    }
    ck_assert_msg(bad == 0, "%zu rules lack examples or keywords (see stderr)", bad);
}
END_TEST

START_TEST(true_examples_are_found)
{
    size_t n = 0, bad = 0;
    const det_rule_def *rules = det_builtin_rules(&n);
    det_ruleset *rs = dtu_load(NULL, 0, 3);

    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < DET_MAX_EXAMPLES && rules[i].true_examples[k] != NULL; k++) {
            dtu_findings f = { 0 };

            dtu_scan_str(rs, rules[i].true_examples[k], &f);
            if (dtu_count(&f, rules[i].id) == 0) {
                fprintf(stderr, "rule %s: true example %zu not found\n", rules[i].id, k + 1);
                bad++;
            }
            dtu_free(&f);
        }
    }
    det_ruleset_free(rs);
    ck_assert_msg(bad == 0, "%zu true examples missed (see stderr)", bad);
}
END_TEST

/* The secrets rule r reports in text, joined into one string. */
static char *secrets_of(det_ruleset *rs, const char *id, const char *text)
{
    dtu_findings f = { 0 };
    size_t n = 1;
    char *out;

    dtu_scan_str(rs, text, &f);
    for (size_t i = 0; i < f.n; i++)
        n += strcmp(f.v[i]->rule_id, id) == 0 ? f.v[i]->secret_len + 1 : 0;
    out = calloc(n, 1);
    ck_assert_ptr_nonnull(out);
    for (size_t i = 0; i < f.n; i++) {
        if (strcmp(f.v[i]->rule_id, id) == 0) {
            strcat(out, f.v[i]->secret);
            strcat(out, "\x1f");
        }
    }
    dtu_free(&f);
    return out;
}

START_TEST(following_text_does_not_change_secrets)
{
    size_t n = 0, bad = 0;
    const det_rule_def *rules = det_builtin_rules(&n);
    det_ruleset *rs = dtu_load(NULL, 0, 3);

    /* A secret ends where its format says, not where the file does: the
     * same example followed by ordinary settings gives the same secrets. */
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < DET_MAX_EXAMPLES && rules[i].true_examples[k] != NULL; k++) {
            const char *ex = rules[i].true_examples[k];
            char *more = NULL, *alone, *followed;

            ck_assert(asprintf(&more, "%s\nWORKERS=4\nLOG_LEVEL=info\n", ex) > 0);
            alone = secrets_of(rs, rules[i].id, ex);
            followed = secrets_of(rs, rules[i].id, more);
            if (strcmp(alone, followed) != 0) {
                fprintf(stderr, "rule %s: true example %zu has other secrets when text follows\n",
                        rules[i].id, k + 1);
                bad++;
            }
            free(alone);
            free(followed);
            free(more);
        }
    }
    det_ruleset_free(rs);
    ck_assert_msg(bad == 0, "%zu true examples change with following text (see stderr)", bad);
}
END_TEST

START_TEST(false_examples_are_not_found)
{
    size_t n = 0, bad = 0;
    const det_rule_def *rules = det_builtin_rules(&n);
    det_ruleset *rs = dtu_load(NULL, 0, 3);

    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < DET_MAX_EXAMPLES && rules[i].false_examples[k] != NULL; k++) {
            dtu_findings f = { 0 };

            dtu_scan_str(rs, rules[i].false_examples[k], &f);
            if (dtu_count(&f, rules[i].id) != 0) {
                fprintf(stderr, "rule %s: false example %zu reported (%zu findings)\n",
                        rules[i].id, k + 1, dtu_count(&f, rules[i].id));
                bad++;
            }
            dtu_free(&f);
        }
    }
    det_ruleset_free(rs);
    ck_assert_msg(bad == 0, "%zu false examples reported (see stderr)", bad);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("examples");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_rule_has_examples);
    tcase_add_test(tc, true_examples_are_found);
    tcase_add_test(tc, following_text_does_not_change_secrets);
    tcase_add_test(tc, false_examples_are_not_found);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
