/* test_source_ignore.c: the gitignore-style matcher (sources/src_ignore.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/src_ignore.h"
#include "tests/support/tu.h"

/* Builds a matcher from a NULL-terminated list of lines. */
static src_ignore *build(const char *const *lines)
{
    src_ignore *ig = src_ignore_create();

    ck_assert_ptr_nonnull(ig);
    for (; *lines != NULL; lines++)
        ck_assert_int_eq(src_ignore_add_line(ig, *lines), SC_OK);
    return ig;
}

#define MATCH(ig, path, dir) ck_assert_msg(src_ignore_match(ig, path, dir) == SRC_IGNORE_MATCH, \
                                           "%s should match", path)
#define NOMATCH(ig, path, dir) ck_assert_msg(src_ignore_match(ig, path, dir) == SRC_IGNORE_NONE, \
                                             "%s should not match", path)
#define NEGATED(ig, path, dir) ck_assert_msg(src_ignore_match(ig, path, dir) == SRC_IGNORE_NEGATED, \
                                             "%s should be negated", path)

START_TEST(test_comments_and_blank_lines)
{
    const char *lines[] = { "# a comment", "", "   ", "\r", NULL };
    src_ignore *ig = build(lines);

    ck_assert_uint_eq(src_ignore_count(ig), 0);
    NOMATCH(ig, "# a comment", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_basename_at_any_depth)
{
    const char *lines[] = { "*.log", "secret?.txt", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, "a.log", false);
    MATCH(ig, "deep/er/b.log", false);
    MATCH(ig, "x/secret1.txt", false);
    NOMATCH(ig, "x/secret10.txt", false);
    NOMATCH(ig, "a.log.txt", false);
    /* A directory named like the pattern matches too. */
    MATCH(ig, "dir.log", true);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_anchored_patterns)
{
    const char *lines[] = { "/top.txt", "docs/*.md", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, "top.txt", false);
    NOMATCH(ig, "sub/top.txt", false);
    MATCH(ig, "docs/a.md", false);
    /* '*' does not cross '/', and an inner slash anchors to the root. */
    NOMATCH(ig, "docs/deep/a.md", false);
    NOMATCH(ig, "x/docs/a.md", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_dir_only)
{
    const char *lines[] = { "build/", "/out/", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, "build", true);
    MATCH(ig, "a/b/build", true);
    NOMATCH(ig, "build", false);
    NOMATCH(ig, "a/build", false);
    MATCH(ig, "out", true);
    NOMATCH(ig, "a/out", true);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_double_star)
{
    const char *lines[] = { "**/cache/*.bin", "a/**/z", "logs/**", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, "cache/x.bin", false);
    MATCH(ig, "p/q/cache/x.bin", false);
    NOMATCH(ig, "p/cache/q/x.bin", false);
    MATCH(ig, "a/z", false);
    MATCH(ig, "a/b/z", false);
    MATCH(ig, "a/b/c/z", false);
    NOMATCH(ig, "b/a/z", false);
    /* A trailing slash-star-star matches what is inside, not the directory. */
    MATCH(ig, "logs/x", false);
    MATCH(ig, "logs/x/y", false);
    NOMATCH(ig, "logs", true);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_negation_last_match_wins)
{
    const char *lines[] = { "*.env", "!sample.env", "deep/sample.env", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, "prod.env", false);
    NEGATED(ig, "sample.env", false);
    NEGATED(ig, "x/sample.env", false);
    MATCH(ig, "deep/sample.env", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_escapes_and_trailing_spaces)
{
    const char *lines[] = { "\\#hash", "\\!bang", "trail   ", "keep\\ ", "br[ab]ck", NULL };
    src_ignore *ig = build(lines);

    ck_assert_uint_eq(src_ignore_count(ig), 5);
    MATCH(ig, "#hash", false);
    MATCH(ig, "!bang", false);
    MATCH(ig, "trail", false);
    NOMATCH(ig, "trail   ", false);
    MATCH(ig, "keep ", false);
    NOMATCH(ig, "keep", false);
    MATCH(ig, "brack", false);
    MATCH(ig, "brbck", false);
    NOMATCH(ig, "brcck", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_dotfiles_match_star)
{
    const char *lines[] = { "*", NULL };
    src_ignore *ig = build(lines);

    MATCH(ig, ".hidden", false);
    MATCH(ig, "a/.env", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_covers_parent_directories)
{
    const char *lines[] = { "src/", "*.py", NULL };
    src_ignore *ig = build(lines);

    ck_assert(src_ignore_covers(ig, "src/a/b.c", false));
    ck_assert(src_ignore_covers(ig, "lib/x.py", false));
    ck_assert(!src_ignore_covers(ig, "lib/x.c", false));
    /* A file named src is not the directory src/. */
    ck_assert(!src_ignore_covers(ig, "src", false));
    src_ignore_free(ig);
}
END_TEST

/* The .rootleignore example of docs/sources.md. */
START_TEST(test_docs_example)
{
    const char *lines[] = { "# generated and third-party code", "build/", "vendor/**", "*.min.js",
                            "# this one is ours", "!vendor/our-sdk.min.js", NULL };
    src_ignore *ig = build(lines);

    NOMATCH(ig, "vendor", true);
    MATCH(ig, "vendor/lib", true);
    MATCH(ig, "vendor/a.js", false);
    NEGATED(ig, "vendor/our-sdk.min.js", false);
    MATCH(ig, "web/app.min.js", false);
    MATCH(ig, "x/build", true);
    NOMATCH(ig, "src/main.c", false);
    src_ignore_free(ig);
}
END_TEST

START_TEST(test_add_file)
{
    char *dir = tu_mkdtemp();
    char *path = tu_write_text(dir, "ign", "# c\r\n*.tmp\r\n!x.tmp\r\nbuild/\r\n");
    char err[256] = "";
    src_ignore *ig = src_ignore_create();

    ck_assert_int_eq(src_ignore_add_file(ig, path, err, sizeof(err)), SC_OK);
    ck_assert_uint_eq(src_ignore_count(ig), 3);
    MATCH(ig, "a.tmp", false);
    NEGATED(ig, "x.tmp", false);
    MATCH(ig, "build", true);
    src_ignore_free(ig);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_add_file_errors)
{
    char *dir = tu_mkdtemp();
    char *missing, *fifo, err[512] = "";
    src_ignore *ig = src_ignore_create();

    ck_assert(asprintf(&missing, "%s/none", dir) > 0);
    ck_assert_int_eq(src_ignore_add_file(ig, missing, err, sizeof(err)), SC_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(err, missing));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    /* A directory and a FIFO are refused, and the FIFO without blocking. */
    ck_assert_int_eq(src_ignore_add_file(ig, dir, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_nonnull(strstr(err, "Is a directory"));
    ck_assert(asprintf(&fifo, "%s/fifo", dir) > 0);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(src_ignore_add_file(ig, fifo, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_nonnull(strstr(err, fifo));
    ck_assert_uint_eq(src_ignore_count(ig), 0);
    src_ignore_free(ig);
    free(missing);
    free(fifo);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("source_ignore");
    TCase *tc = tcase_create("matcher");

    tcase_set_timeout(tc, 10);
    tcase_add_test(tc, test_comments_and_blank_lines);
    tcase_add_test(tc, test_basename_at_any_depth);
    tcase_add_test(tc, test_anchored_patterns);
    tcase_add_test(tc, test_dir_only);
    tcase_add_test(tc, test_double_star);
    tcase_add_test(tc, test_negation_last_match_wins);
    tcase_add_test(tc, test_escapes_and_trailing_spaces);
    tcase_add_test(tc, test_dotfiles_match_star);
    tcase_add_test(tc, test_covers_parent_directories);
    tcase_add_test(tc, test_docs_example);
    tcase_add_test(tc, test_add_file);
    tcase_add_test(tc, test_add_file_errors);
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
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
