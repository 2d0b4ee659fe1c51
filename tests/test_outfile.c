/* test_outfile.c: atomic report files. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/sc_outfile.h"
#include "tests/support/tu.h"

/* Entries in dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            n++;
    }
    closedir(d);
    return n;
}

static void put(sc_outfile *of, const char *s)
{
    ck_assert_int_eq(write(sc_outfile_fd(of), s, strlen(s)), (ssize_t)strlen(s));
}

START_TEST(commit_replaces_whole)
{
    char *dir = tu_mkdtemp(), *path, *text, err[256];
    sc_outfile *of;
    struct stat st;

    umask(022);
    path = tu_write_text(dir, "report.sarif", "old report\n");
    ck_assert_int_eq(sc_outfile_open(path, &of, err, sizeof(err)), SC_OK);
    put(of, "new ");
    /* Until commit the old report is intact and the new one is hidden. */
    text = tu_read_file(path, NULL);
    ck_assert_str_eq(text, "old report\n");
    free(text);
    ck_assert_int_eq(entries(dir), 2);
    put(of, "report\n");
    ck_assert_int_eq(sc_outfile_commit(of, err, sizeof(err)), SC_OK);
    text = tu_read_file(path, NULL);
    ck_assert_str_eq(text, "new report\n");
    free(text);
    ck_assert_int_eq(entries(dir), 1);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    /* A second commit is a caller error, and free after commit keeps the file. */
    ck_assert_int_eq(sc_outfile_commit(of, err, sizeof(err)), SC_EINVAL);
    sc_outfile_free(of);
    ck_assert_int_eq(access(path, F_OK), 0);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(mode_follows_umask)
{
    char *dir = tu_mkdtemp(), *path, err[256];
    sc_outfile *of;
    struct stat st;

    umask(077);
    ck_assert(asprintf(&path, "%s/private.json", dir) > 0);
    ck_assert_int_eq(sc_outfile_open(path, &of, err, sizeof(err)), SC_OK);
    ck_assert_int_eq(sc_outfile_commit(of, err, sizeof(err)), SC_OK);
    sc_outfile_free(of);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    umask(022);
    tu_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(abandon_leaves_old_report)
{
    char *dir = tu_mkdtemp(), *path, *fresh, *text, err[256];
    sc_outfile *of;

    path = tu_write_text(dir, "report.json", "old\n");
    ck_assert_int_eq(sc_outfile_open(path, &of, err, sizeof(err)), SC_OK);
    put(of, "half a rep");
    sc_outfile_abandon(of);
    sc_outfile_abandon(of);
    ck_assert_int_eq(entries(dir), 1);
    text = tu_read_file(path, NULL);
    ck_assert_str_eq(text, "old\n");
    free(text);
    sc_outfile_free(of);

    /* Freeing an uncommitted file abandons it: no report appears. */
    ck_assert(asprintf(&fresh, "%s/never.json", dir) > 0);
    ck_assert_int_eq(sc_outfile_open(fresh, &of, err, sizeof(err)), SC_OK);
    put(of, "partial");
    sc_outfile_free(of);
    ck_assert_int_ne(access(fresh, F_OK), 0);
    ck_assert_int_eq(entries(dir), 1);
    sc_outfile_free(NULL);
    tu_rmtree(dir);
    free(fresh);
    free(path);
    free(dir);
}
END_TEST

START_TEST(errors_name_the_path)
{
    char *dir = tu_mkdtemp(), *missing, err[256];
    sc_outfile *of = (sc_outfile *)1;

    ck_assert(asprintf(&missing, "%s/no/such/dir/report.txt", dir) > 0);
    ck_assert_int_eq(sc_outfile_open(missing, &of, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_null(of);
    ck_assert_ptr_nonnull(strstr(err, missing));
    ck_assert_int_eq(sc_outfile_open(dir, &of, err, sizeof(err)), SC_EIO);
    ck_assert_ptr_nonnull(strstr(err, "is a directory"));
    ck_assert_int_eq(entries(dir), 0);
    tu_rmtree(dir);
    free(missing);
    free(dir);
}
END_TEST

/* /dev/null cannot be renamed over; it is written in place. */
START_TEST(special_file_written_directly)
{
    char err[256];
    sc_outfile *of;

    ck_assert_int_eq(sc_outfile_open("/dev/null", &of, err, sizeof(err)), SC_OK);
    put(of, "discarded\n");
    ck_assert_int_eq(sc_outfile_commit(of, err, sizeof(err)), SC_OK);
    sc_outfile_free(of);
    ck_assert_int_eq(access("/dev/null", W_OK), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("outfile");
    TCase *tc = tcase_create("outfile");

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, commit_replaces_whole);
    tcase_add_test(tc, mode_follows_umask);
    tcase_add_test(tc, abandon_leaves_old_report);
    tcase_add_test(tc, errors_name_the_path);
    tcase_add_test(tc, special_file_written_directly);
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
