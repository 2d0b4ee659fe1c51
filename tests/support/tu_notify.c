/* tu_notify.c: output-format test fixtures (see tu_notify.h). */
#include "tests/support/tu_notify.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/tu.h"

/* Literals are split so that scanning rootle's own tree finds nothing. */
const char *const tu_fixture_secrets[] = {
    "ghp_" "rootleFAKE0123456789abcdefghijklmn",
    "AKIA" "ROOTLEFAKE123456",
    "xoxb-" "rootle-fake-000000-token",
    "rootle" "FakeSecretInvalidPath01",
    "rootle\"fake\\key" "-0001",
    "ghp_" "rootleFAKEzyxwvutsrqponmlkjihgfedc",
    NULL,
};

static sc_finding *make(const char *rule, const char *desc, const char *url, const char *path,
                        const char *secret, const char *decoder, uint64_t line, uint64_t col,
                        sc_verification v, const char *verr)
{
    sc_finding *f = sc_finding_create(rule, path, secret, strlen(secret), decoder);

    ck_assert(f != NULL);
    ck_assert(sc_finding_set(&f->rule_description, desc) == 0);
    ck_assert(sc_finding_set(&f->rule_url, url) == 0);
    ck_assert(sc_finding_set(&f->verification_error, verr) == 0);
    f->line = line;
    f->column = col;
    f->end_column = col + strlen(secret);
    f->verification = v;
    return f;
}

size_t tu_findings_fixture(sc_finding ***out)
{
    static const char gh_desc[] = "GitHub personal access token (classic)";
    static const char gh_url[] = "https://docs.github.com/en/authentication/"
                                 "keeping-your-account-and-data-secure";
    sc_finding **v = calloc(6, sizeof(*v));

    ck_assert(v != NULL);
    v[0] = make("github-pat-classic", gh_desc, gh_url, "./src/config.yml",
                tu_fixture_secrets[0], NULL, 12, 9, SC_VERIFY_VERIFIED, NULL);
    v[1] = make("aws-access-key-id", "AWS access key ID", "https://docs.aws.amazon.com/IAM/",
                "deploy/a,b\nc:d.env", tu_fixture_secrets[1], NULL, 3, 15,
                SC_VERIFY_UNVERIFIED, NULL);
    v[2] = make("slack-bot-token", "Slack bot token", "https://api.slack.com/authentication",
                "docs/caf\xC3\xA9/na\xC3\xAFve 100%#?.md", tu_fixture_secrets[2], "base64", 7, 4,
                SC_VERIFY_UNKNOWN, "provider answered HTTP 503");
    v[3] = make("generic-api-key", "Generic API key", NULL, "bin/\xFF\xFE" "bad.txt",
                tu_fixture_secrets[3], NULL, 1, 1, SC_VERIFY_SKIPPED, NULL);
    ck_assert(sc_finding_set(&v[3]->commit, "0123456789abcdef0123456789abcdef01234567") == 0);
    ck_assert(sc_finding_set(&v[3]->author, "Rootle Tester <tester@rootle.invalid>") == 0);
    ck_assert(sc_finding_set(&v[3]->date, "2024-01-02T03:04:05Z") == 0);
    v[4] = make("private-note-key", NULL, NULL, "/srv/app/.env", tu_fixture_secrets[4],
                "base64>utf16le", 40, 22, SC_VERIFY_SKIPPED, NULL);
    v[5] = make("github-pat-classic", gh_desc, gh_url, "./.github/workflows/ci.yml",
                tu_fixture_secrets[5], NULL, 21, 17, SC_VERIFY_UNVERIFIED, NULL);
    *out = v;
    return 6;
}

void tu_findings_free(sc_finding **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sc_finding_free(v[i]);
    free(v);
}

void tu_fixed_summary(sc_summary *s, bool interrupted)
{
    memset(s, 0, sizeof(*s));
    s->files = 12;
    s->bytes = 1234567;
    s->findings = 3;
    s->reported = 3;
    s->reported_verified = 1;
    s->wall_ns = 50000000;
    s->interrupted = interrupted;
}

char *tu_render(const ntf_options *o, sc_finding **v, size_t n, const sc_summary *s)
{
    ntf_notifier *nn = NULL;
    sc_notifier p;
    sc_buf out = SC_BUF_INIT, one = SC_BUF_INIT;
    char *text;

    ck_assert_int_eq(ntf_create(o, &nn), SC_OK);
    p = ntf_plugin(nn);
    p.begin(p.self, &out);
    for (size_t i = 0; i < n; i++) {
        sc_buf_reset(&one);
        p.format(p.self, v[i], &one);
        ck_assert(!one.failed);
        if (i > 0 && p.separator != NULL)
            sc_buf_puts(&out, p.separator);
        sc_buf_append(&out, one.data, one.len);
    }
    p.end(p.self, s, &out);
    sc_buf_append(&out, "", 0);     /* An empty output is still a string. */
    ck_assert(!out.failed);
    text = sc_buf_steal(&out);
    ck_assert(text != NULL);
    sc_buf_free(&one);
    ntf_free(nn);
    return text;
}

void tu_golden_check(const char *name, const char *actual)
{
    char *path, *expected;
    const char *update = getenv("ROOTLE_UPDATE_GOLDEN");

    ck_assert(asprintf(&path, "%s/tests/golden/%s", tu_source_dir(), name) > 0);
    if (update != NULL && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "wb");

        ck_assert_msg(f != NULL, "cannot write %s", path);
        ck_assert(fputs(actual, f) >= 0 && fclose(f) == 0);
    }
    expected = tu_read_file(path, NULL);
    ck_assert_msg(expected != NULL, "%s is missing (ROOTLE_UPDATE_GOLDEN=1 writes it)", path);
    if (strcmp(expected, actual) != 0) {
        /* Show where they part, which is what one needs to fix either. */
        size_t i = 0;

        while (expected[i] != '\0' && expected[i] == actual[i])
            i++;
        ck_abort_msg("%s differs at byte %zu:\nexpected: %.80s\nactual:   %.80s", path, i,
                     expected + i, actual + i);
    }
    free(expected);
    free(path);
}

char *tu_sarif_schema(void)
{
    char *path;

    ck_assert(asprintf(&path, "%s/tests/reference/sarif-schema-2.1.0.json", tu_source_dir()) > 0);
    if (access(path, R_OK) == 0)
        return path;
    free(path);
    ck_assert(asprintf(&path, "%s/../shared/reference/sarif-schema-2.1.0.json",
                       tu_source_dir()) > 0);
    ck_assert_msg(access(path, R_OK) == 0, "no SARIF schema in tests/reference/ or %s", path);
    return path;
}

char *tu_temp_text(const char *text)
{
    char *dir = tu_mkdtemp();
    char *path = tu_write_text(dir, "out", text);

    free(dir);
    return path;
}

void tu_temp_free(char *path)
{
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}

static int run_check_sarif(const char *sarif, size_t expected_results, bool must_pass)
{
    char *schema = tu_sarif_schema();
    char *file = tu_temp_text(sarif);
    char *script, *count;
    int status;
    tu_run r;

    ck_assert(asprintf(&script, "%s/tests/check_sarif.py", tu_source_dir()) > 0);
    ck_assert(asprintf(&count, "%zu", expected_results) > 0);
    {
        char *argv[] = { "/usr/bin/python3", script, schema, file, count, NULL };

        tu_run_cmd(argv, NULL, 60, &r);
    }
    status = r.status;
    if (must_pass)
        ck_assert_msg(status == 0, "check_sarif.py failed (%d):\n%s%s", status, r.out, r.err);
    tu_run_free(&r);
    tu_temp_free(file);
    free(count);
    free(script);
    free(schema);
    return status;
}

void tu_check_sarif(const char *sarif, size_t expected_results)
{
    run_check_sarif(sarif, expected_results, true);
}

int tu_check_sarif_status(const char *sarif, size_t expected_results)
{
    return run_check_sarif(sarif, expected_results, false);
}
