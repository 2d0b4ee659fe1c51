/* test_ci_files.c: action.yml and .pre-commit-hooks.yaml, through
 * tests/check_ci_files.py (python3-yaml). */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/tu.h"

/* Runs the checker on src (and bin, when not NULL); returns its status.
 * show prints what the checker said, for runs expected to pass. */
static int check(const char *src, const char *bin, bool show)
{
    char *script;
    tu_run r;
    int status;

    ck_assert(asprintf(&script, "%s/tests/check_ci_files.py", tu_source_dir()) > 0);
    {
        char *argv[] = { "/usr/bin/python3", script, (char *)src, (char *)bin, NULL };

        tu_run_cmd(argv, NULL, 150, &r);
    }
    status = r.status;
    if (show)
        fprintf(stderr, "%s%s", r.out, r.err);
    tu_run_free(&r);
    free(script);
    return status;
}

START_TEST(files_are_valid)
{
    ck_assert_int_eq(check(tu_source_dir(), NULL, true), 0);
}
END_TEST

/* Copies the CI files into a temporary tree, replacing from with to in
 * the named one, and returns the tree. */
static char *broken_copy(const char *name, const char *from, const char *to)
{
    static const char *const files[] = { "action.yml", ".pre-commit-hooks.yaml", "docs/ci.md" };
    char *dir = tu_mkdtemp();

    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *src, *text, *hit;

        ck_assert(asprintf(&src, "%s/%s", tu_source_dir(), files[i]) > 0);
        text = tu_read_file(src, NULL);
        ck_assert_ptr_nonnull(text);
        if (strcmp(files[i], name) == 0) {
            char *edited;

            hit = strstr(text, from);
            ck_assert_msg(hit != NULL, "%s has no %s", name, from);
            ck_assert(asprintf(&edited, "%.*s%s%s", (int)(hit - text), text, to,
                               hit + strlen(from)) > 0);
            free(text);
            text = edited;
        }
        free(tu_write_text(dir, files[i], text));
        free(text);
        free(src);
    }
    return dir;
}

/* The checker is only worth something if it notices breakage. */
START_TEST(checker_notices_breakage)
{
    static const char *const cases[][3] = {
        { "action.yml", "        esac\n", "        fi\n" },              /* bash syntax */
        { "action.yml", "if: always() && ", "if: " },                   /* upload skipped */
        { "action.yml", "libhyperscan-dev", "libfoo-dev" },
        { "action.yml", "fail=(--fail)", "fail=(--fial)" },
        { ".pre-commit-hooks.yaml", "pass_filenames: true", "pass_filenames: false" },
        { ".pre-commit-hooks.yaml", "- id: rootle\n", "- id: rootle\n  bad: [\n" },
        { "docs/ci.md", "  artifacts:\n", "  artifacts: [\n" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *dir = broken_copy(cases[i][0], cases[i][1], cases[i][2]);

        ck_assert_msg(check(dir, NULL, false) != 0, "case %zu passed", i);
        tu_rmtree(dir);
        free(dir);
    }
}
END_TEST

START_TEST(scan_step_runs)
{
    const char *bin = getenv("ROOTLE_BIN");

    if (bin == NULL) {
        fprintf(stderr, "scan_step_runs: ROOTLE_BIN is unset; skipped the run\n");
        return;
    }
    ck_assert_int_eq(check(tu_source_dir(), bin, true), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ci_files");
    TCase *tc = tcase_create("ci_files");

    tcase_set_timeout(tc, 180);
    tcase_add_test(tc, files_are_valid);
    tcase_add_test(tc, checker_notices_breakage);
    tcase_add_test(tc, scan_step_runs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
