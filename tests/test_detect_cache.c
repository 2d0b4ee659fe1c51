/* test_detect_cache.c: the prefilter database cache: a second load comes
 * from the cache, a corrupted or truncated file is rebuilt silently, the
 * name follows the rules, no_cache writes nothing, and the default
 * location honours XDG_CACHE_HOME. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/det_tu.h"
#include "tests/support/tu.h"

#define TOK1 "rtk_" "rootlefakeq8w2mz7xk4vn1p"

static const det_rule_def rules[] = {
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{24})\\b" },
    { .id = "t-fallback", .keywords = { "rtkfb=" },
      .pattern = "rtkfb=\\K(?<secret>[a-z0-9]{20})\\b" },
};
static const det_rule_def rules2[] = {
    { .id = "t-token", .keywords = { "rtk_" }, .pattern = "\\b(?<secret>rtk_[a-z0-9]{25})\\b" },
};

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

static det_ruleset *load(const det_rule_def *r, size_t n, const char *cache_dir, bool no_cache,
                         det_load_info *info)
{
    det_options o;
    det_ruleset *rs = NULL;
    char err[256];

    det_options_defaults(&o);
    o.cache_dir = cache_dir;
    o.no_cache = no_cache;
    ck_assert_msg(det_ruleset_load_rules(r, n, &o, &rs, err, sizeof(err)) == SC_OK, "%s", err);
    det_ruleset_load_info(rs, info);
    return rs;
}

/* The one .hsdb file in d (caller frees), or NULL; *count gets how many. */
static char *cache_file(const char *d, int *count)
{
    DIR *dp = opendir(d);
    struct dirent *de;
    char *found = NULL;

    *count = 0;
    if (dp == NULL)
        return NULL;
    while ((de = readdir(dp)) != NULL) {
        size_t l = strlen(de->d_name);

        if (l > 5 && strcmp(de->d_name + l - 5, ".hsdb") == 0) {
            (*count)++;
            free(found);
            ck_assert(asprintf(&found, "%s/%s", d, de->d_name) > 0);
        }
    }
    closedir(dp);
    return found;
}

static void expect_works(det_ruleset *rs)
{
    dtu_findings f = { 0 };

    dtu_scan_str(rs, "a " TOK1 "\nrtkfb=rootlefake7q2w9z4k1m\n", &f);
    ck_assert_uint_eq(f.n, 2);
    dtu_free(&f);
}

START_TEST(second_load_comes_from_cache)
{
    det_load_info info;
    det_ruleset *rs;
    char *path;
    int count;

    rs = load(rules, 2, dir, false, &info);
    ck_assert(!info.from_cache);
    ck_assert_uint_gt(info.compile_ns, 0);
    expect_works(rs);
    det_ruleset_free(rs);
    path = cache_file(dir, &count);
    ck_assert_int_eq(count, 1);
    ck_assert(strstr(path, "/prefilter-") != NULL);

    rs = load(rules, 2, dir, false, &info);
    ck_assert(info.from_cache);
    expect_works(rs);
    det_ruleset_free(rs);
    free(path);
}
END_TEST

static void rewrite(const char *path, bool truncate_half)
{
    size_t len;
    char *data = tu_read_file(path, &len);
    FILE *f;

    ck_assert_ptr_nonnull(data);
    if (truncate_half) {
        len /= 2;
    } else {
        for (size_t i = len / 2; i < len / 2 + 16 && i < len; i++)
            data[i] ^= 0x5A;
    }
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
}

START_TEST(corrupt_cache_is_rebuilt)
{
    det_load_info info;
    det_ruleset *rs;
    char *path;
    int count;

    det_ruleset_free(load(rules, 2, dir, false, &info));
    path = cache_file(dir, &count);
    for (int round = 0; round < 2; round++) {
        rewrite(path, round == 1);
        rs = load(rules, 2, dir, false, &info);
        ck_assert(!info.from_cache);
        expect_works(rs);
        det_ruleset_free(rs);
        /* The rebuild rewrote the file. */
        rs = load(rules, 2, dir, false, &info);
        ck_assert(info.from_cache);
        expect_works(rs);
        det_ruleset_free(rs);
    }
    /* Garbage of any size. */
    free(tu_write_text(dir, strrchr(path, '/') + 1, "not a database"));
    rs = load(rules, 2, dir, false, &info);
    ck_assert(!info.from_cache);
    expect_works(rs);
    det_ruleset_free(rs);
    free(path);
}
END_TEST

START_TEST(key_follows_rules_and_no_cache_writes_nothing)
{
    det_load_info info;
    int count;
    char *sub;

    det_ruleset_free(load(rules, 2, dir, true, &info));
    ck_assert(!info.from_cache);
    free(cache_file(dir, &count));
    ck_assert_int_eq(count, 0);

    /* A nested directory that does not exist yet is created. */
    ck_assert(asprintf(&sub, "%s/a/b/rootle", dir) > 0);
    det_ruleset_free(load(rules, 2, sub, false, &info));
    det_ruleset_free(load(rules2, 1, sub, false, &info));
    ck_assert(!info.from_cache);
    free(cache_file(sub, &count));
    ck_assert_int_eq(count, 2);
    free(sub);
}
END_TEST

START_TEST(default_dir_honours_xdg)
{
    det_load_info info;
    int count;
    char *sub;

    ck_assert_int_eq(setenv("XDG_CACHE_HOME", dir, 1), 0);
    det_ruleset_free(load(rules, 2, NULL, false, &info));
    ck_assert(asprintf(&sub, "%s/rootle", dir) > 0);
    free(cache_file(sub, &count));
    ck_assert_int_eq(count, 1);
    det_ruleset_free(load(rules, 2, NULL, false, &info));
    ck_assert(info.from_cache);
    free(sub);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("detect_cache");
    TCase *tc = tcase_create("cache");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, second_load_comes_from_cache);
    tcase_add_test(tc, corrupt_cache_is_rebuilt);
    tcase_add_test(tc, key_follows_rules_and_no_cache_writes_nothing);
    tcase_add_test(tc, default_dir_honours_xdg);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
