/* test_catalogue_lint.c: checks every built-in rule against the rule contract
 * of detectors/det_rule.h.
 *
 * The checks here need no matching engine: fields and ids are well formed,
 * every pattern compiles with PCRE2 (and JITs) and as a Hyperscan prefilter,
 * true examples yield a secret that passes the rule's entropy floor and that
 * a keyword reaches, false examples are rejected by the pattern, the entropy
 * floor or the placeholder words, and scanning the catalogue's own source
 * with the catalogue finds nothing. tests/test_rules.c runs the same examples
 * through the real engine.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <hs/hs.h>
#include <math.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/det_catalogue_parts.h"
#include "detectors/det_rule.h"
#include "tests/support/tu.h"

#define MIN_RULES 150

/* Words the engine treats as placeholders in every rule (a subset of its
 * global list: the lint must not be more lenient than the engine). */
static const char *const placeholder_words[] = {
    "example", "xxxx", "your_", "_here", "placeholder", "changeme", "${", "<your", "redacted",
};

static const det_rule_def *rules(size_t *n)
{
    const det_rule_def *r = det_builtin_rules(n);
    ck_assert_ptr_nonnull(r);
    return r;
}

static size_t count_strings(const char *const *v, size_t max)
{
    size_t n = 0;
    while (n < max && v[n])
        n++;
    return n;
}

static double shannon(const unsigned char *s, size_t len)
{
    size_t freq[256] = {0};
    double h = 0.0;
    if (len == 0)
        return 0.0;
    for (size_t i = 0; i < len; i++)
        freq[s[i]]++;
    for (int c = 0; c < 256; c++) {
        if (freq[c]) {
            double p = (double)freq[c] / (double)len;
            h -= p * log2(p);
        }
    }
    return h;
}

/* Case-insensitive search for needle in s[0..len). */
static bool contains_ci(const char *s, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl == 0 || nl > len)
        return false;
    for (size_t i = 0; i + nl <= len; i++) {
        size_t k = 0;
        while (k < nl && tolower((unsigned char)s[i + k]) == tolower((unsigned char)needle[k]))
            k++;
        if (k == nl)
            return true;
    }
    return false;
}

static bool all_hex(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* The shapes the engine drops for DET_GENERIC rules: hex digests and UUIDs. */
static bool generic_filtered(const char *s, size_t len)
{
    if ((len == 32 || len == 40 || len == 64 || len == 128) && all_hex(s, len))
        return true;
    if (len == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-') {
        for (size_t i = 0; i < len; i++)
            if (i != 8 && i != 13 && i != 18 && i != 23 && !isxdigit((unsigned char)s[i]))
                return false;
        return true;
    }
    return false;
}

static uint32_t pcre_options(unsigned flags)
{
    uint32_t o = 0;
    if (flags & DET_CASELESS)
        o |= PCRE2_CASELESS;
    if (flags & DET_MULTILINE)
        o |= PCRE2_DOTALL | PCRE2_MULTILINE;
    return o;
}

static unsigned hs_flags(unsigned flags)
{
    unsigned f = HS_FLAG_PREFILTER;
    if (flags & DET_CASELESS)
        f |= HS_FLAG_CASELESS;
    if (flags & DET_MULTILINE)
        f |= HS_FLAG_DOTALL | HS_FLAG_MULTILINE;
    return f;
}

static pcre2_code *compile(const det_rule_def *r)
{
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
                                  pcre_options(r->flags), &err, &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        ck_abort_msg("%s: pattern does not compile at offset %zu: %s", r->id, (size_t)off,
                     (char *)msg);
    }
    return c;
}

/* The group that holds the secret, per det_rule.h. */
static int secret_group(const pcre2_code *c)
{
    int g = pcre2_substring_number_from_name(c, (PCRE2_SPTR) "secret");
    if (g > 0)
        return g;
    uint32_t n = 0;
    pcre2_pattern_info(c, PCRE2_INFO_CAPTURECOUNT, &n);
    return n >= 1 ? 1 : 0;
}

/* One match the rule would report. */
typedef struct hit {
    size_t start, end;          /* The whole match. */
    size_t sstart, send;        /* The secret. */
} hit;

static bool excluded(const det_rule_def *r, const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof placeholder_words / sizeof placeholder_words[0]; i++)
        if (contains_ci(s, len, placeholder_words[i]))
            return true;
    for (size_t i = 0; i < DET_MAX_EXCLUDES && r->exclude_words[i]; i++)
        if (contains_ci(s, len, r->exclude_words[i]))
            return true;
    return false;
}

/* Finds the first match in text[from..len) that the rule would report:
 * a non-empty secret at or above the entropy floor, not a placeholder, and
 * for generic rules not a digest or UUID. */
static bool next_report(const det_rule_def *r, const pcre2_code *c, pcre2_match_data *md,
                        const char *text, size_t len, size_t from, hit *out)
{
    int g = secret_group(c);
    size_t pos = from;
    while (pos <= len) {
        int rc = pcre2_match(c, (PCRE2_SPTR)text, len, pos, 0, md, NULL);
        if (rc < 0)
            return false;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t ms = ov[0], me = ov[1];
        pos = me > ms ? me : ms + 1;
        if (rc <= g || ov[2 * g] == PCRE2_UNSET)
            continue;
        size_t ss = ov[2 * g], se = ov[2 * g + 1];
        if (se <= ss)
            continue;
        if (r->min_entropy > 0 && shannon((const unsigned char *)text + ss, se - ss) < r->min_entropy)
            continue;
        if (excluded(r, text + ss, se - ss))
            continue;
        if ((r->flags & DET_GENERIC) && generic_filtered(text + ss, se - ss))
            continue;
        out->start = ms;
        out->end = me;
        out->sstart = ss;
        out->send = se;
        return true;
    }
    return false;
}

START_TEST(test_count)
{
    size_t n = 0, sum = 0, nparts = 0;
    rules(&n);
    const det_catalogue_part *p = det_catalogue_parts(&nparts);
    for (size_t i = 0; i < nparts; i++)
        sum += *p[i].count;
    ck_assert_uint_eq(n, sum);
    ck_assert_msg(n >= MIN_RULES, "only %zu rules, want at least %d", n, MIN_RULES);
}
END_TEST

START_TEST(test_ids)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        const char *id = r[i].id;
        ck_assert_ptr_nonnull(id);
        size_t len = strlen(id);
        ck_assert_msg(len > 0 && id[0] != '-' && id[len - 1] != '-', "bad id '%s'", id);
        for (size_t k = 0; k < len; k++) {
            char ch = id[k];
            ck_assert_msg((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-',
                          "id '%s' is not kebab-case", id);
            ck_assert_msg(!(ch == '-' && id[k + 1] == '-'), "id '%s' has '--'", id);
        }
        for (size_t j = 0; j < i; j++)
            ck_assert_msg(strcmp(id, r[j].id) != 0, "duplicate id '%s'", id);
    }
}
END_TEST

START_TEST(test_fields)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        const det_rule_def *d = &r[i];
        ck_assert_msg(d->description && d->description[0], "%s: no description", d->id);
        ck_assert_msg(d->url && strncmp(d->url, "https://", 8) == 0 && strlen(d->url) > 12,
                      "%s: url must be https://", d->id);
        ck_assert_msg(d->pattern && d->pattern[0], "%s: no pattern", d->id);
        ck_assert_msg(d->min_entropy >= 0.0 && d->min_entropy <= 8.0, "%s: min_entropy", d->id);
        ck_assert_msg((d->flags & ~(unsigned)(DET_CASELESS | DET_GENERIC | DET_MULTILINE)) == 0,
                      "%s: unknown flags", d->id);
        size_t nk = count_strings(d->keywords, DET_MAX_KEYWORDS);
        ck_assert_msg(nk >= 1 && nk < DET_MAX_KEYWORDS, "%s: keywords", d->id);
        for (size_t k = 0; k < nk; k++) {
            ck_assert_msg(d->keywords[k][0], "%s: empty keyword", d->id);
            for (const char *c = d->keywords[k]; *c; c++)
                ck_assert_msg(!isupper((unsigned char)*c) && (unsigned char)*c < 128,
                              "%s: keyword '%s' is not lowercase ASCII", d->id, d->keywords[k]);
        }
        size_t nt = count_strings(d->true_examples, DET_MAX_EXAMPLES);
        size_t nf = count_strings(d->false_examples, DET_MAX_EXAMPLES);
        ck_assert_msg(nt >= 2 && nt < DET_MAX_EXAMPLES, "%s: %zu true examples", d->id, nt);
        ck_assert_msg(nf >= 2 && nf < DET_MAX_EXAMPLES, "%s: %zu false examples", d->id, nf);
        for (size_t k = 0; k < nt + nf; k++) {
            const char *ex = k < nt ? d->true_examples[k] : d->false_examples[k - nt];
            ck_assert_msg(!strstr(ex, "EXAMPLE"), "%s: example contains EXAMPLE", d->id);
        }
        ck_assert_msg(d->exclude_regexes == NULL && d->verify == NULL,
                      "%s: built-ins carry no custom-rule fields", d->id);
        if (d->pair_with) {
            bool found = false;
            for (size_t j = 0; j < n && !found; j++)
                found = strcmp(r[j].id, d->pair_with) == 0;
            ck_assert_msg(found, "%s: pair_with '%s' is not a rule", d->id, d->pair_with);
        }
    }
}
END_TEST

START_TEST(test_pcre2_compiles)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        pcre2_code *c = compile(&r[i]);
        int rc = pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
        ck_assert_msg(rc == 0, "%s: pattern does not JIT (%d)", r[i].id, rc);
        pcre2_code_free(c);
    }
}
END_TEST

START_TEST(test_hyperscan_prefilter)
{
    size_t n = 0, failed = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        hs_database_t *db = NULL;
        hs_compile_error_t *err = NULL;
        if (hs_compile(r[i].pattern, hs_flags(r[i].flags), HS_MODE_BLOCK, NULL, &db, &err)
            != HS_SUCCESS) {
            fprintf(stderr, "%s: no Hyperscan prefilter: %s\n", r[i].id,
                    err ? err->message : "?");
            hs_free_compile_error(err);
            failed++;
            continue;
        }
        hs_free_database(db);
    }
    ck_assert_msg(failed == 0, "%zu patterns do not compile as Hyperscan prefilters", failed);
}
END_TEST

START_TEST(test_true_examples)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        const det_rule_def *d = &r[i];
        pcre2_code *c = compile(d);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
        for (size_t k = 0; k < DET_MAX_EXAMPLES && d->true_examples[k]; k++) {
            const char *ex = d->true_examples[k];
            size_t len = strlen(ex);
            hit h;
            ck_assert_msg(next_report(d, c, md, ex, len, 0, &h),
                          "%s: true example %zu yields no reportable secret", d->id, k);
            /* A keyword must lie inside the match, so a window holding the
             * secret always holds the keyword. */
            bool kw = false;
            for (size_t j = 0; j < DET_MAX_KEYWORDS && d->keywords[j] && !kw; j++)
                kw = contains_ci(ex + h.start, h.end - h.start, d->keywords[j]);
            ck_assert_msg(kw, "%s: true example %zu: no keyword inside the match", d->id, k);
        }
        pcre2_match_data_free(md);
        pcre2_code_free(c);
    }
}
END_TEST

START_TEST(test_false_examples)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    for (size_t i = 0; i < n; i++) {
        const det_rule_def *d = &r[i];
        pcre2_code *c = compile(d);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
        for (size_t k = 0; k < DET_MAX_EXAMPLES && d->false_examples[k]; k++) {
            hit h;
            const char *ex = d->false_examples[k];
            ck_assert_msg(!next_report(d, c, md, ex, strlen(ex), 0, &h),
                          "%s: false example %zu is reported (at offset %zu)", d->id, k, h.sstart);
        }
        pcre2_match_data_free(md);
        pcre2_code_free(c);
    }
}
END_TEST

/* Reads every source file of the catalogue and runs every rule over it: the
 * examples are split across string literals precisely so that this finds
 * nothing. */
START_TEST(test_self_scan)
{
    size_t n = 0;
    const det_rule_def *r = rules(&n);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/detectors", tu_source_dir());
    DIR *dh = opendir(dir);
    ck_assert_msg(dh != NULL, "cannot open %s", dir);
    pcre2_code **codes = calloc(n, sizeof *codes);
    ck_assert_ptr_nonnull(codes);
    for (size_t i = 0; i < n; i++)
        codes[i] = compile(&r[i]);
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    size_t files = 0, found = 0;
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        size_t nl = strlen(de->d_name);
        bool ours = (strncmp(de->d_name, "rules_", 6) == 0 || strncmp(de->d_name, "det_catalogue", 13) == 0)
                    && nl > 2 && (strcmp(de->d_name + nl - 2, ".c") == 0 || strcmp(de->d_name + nl - 2, ".h") == 0);
        if (!ours)
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len = 0;
        char *text = tu_read_file(path, &len);
        ck_assert_msg(text != NULL, "cannot read %s", path);
        files++;
        for (size_t i = 0; i < n; i++) {
            hit h;
            if (next_report(&r[i], codes[i], md, text, len, 0, &h)) {
                /* Print where, never what: a secret stays out of logs. */
                fprintf(stderr, "%s: rule %s reports a secret at offset %zu\n", de->d_name,
                        r[i].id, h.sstart);
                found++;
            }
        }
        free(text);
    }
    closedir(dh);
    pcre2_match_data_free(md);
    for (size_t i = 0; i < n; i++)
        pcre2_code_free(codes[i]);
    free(codes);
    ck_assert_msg(files >= 2, "found only %zu catalogue source files in %s", files, dir);
    ck_assert_msg(found == 0, "scanning the catalogue's source reports %zu secrets", found);
}
END_TEST

#define NTHREADS 4

typedef struct call_result {
    pthread_barrier_t *barrier;
    const det_rule_def *rules;
    size_t count;
} call_result;

static void *call_builtin(void *arg)
{
    call_result *cr = arg;
    pthread_barrier_wait(cr->barrier);
    cr->rules = det_builtin_rules(&cr->count);
    return NULL;
}

/* The first calls race to build the catalogue; all must see the same one. */
START_TEST(test_concurrent_first_call)
{
    pthread_barrier_t barrier;
    pthread_t th[NTHREADS];
    call_result res[NTHREADS];
    ck_assert_int_eq(pthread_barrier_init(&barrier, NULL, NTHREADS), 0);
    for (int i = 0; i < NTHREADS; i++) {
        res[i] = (call_result){.barrier = &barrier};
        ck_assert_int_eq(pthread_create(&th[i], NULL, call_builtin, &res[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&barrier);
    for (int i = 1; i < NTHREADS; i++) {
        ck_assert_ptr_eq(res[i].rules, res[0].rules);
        ck_assert_uint_eq(res[i].count, res[0].count);
    }
    ck_assert_uint_gt(res[0].count, 0);
    ck_assert_str_eq(res[0].rules[0].id, det_catalogue_parts(&(size_t){0})[0].rules[0].id);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("catalogue_lint");
    TCase *tc = tcase_create("lint");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_count);
    tcase_add_test(tc, test_ids);
    tcase_add_test(tc, test_fields);
    tcase_add_test(tc, test_pcre2_compiles);
    tcase_add_test(tc, test_hyperscan_prefilter);
    tcase_add_test(tc, test_true_examples);
    tcase_add_test(tc, test_false_examples);
    tcase_add_test(tc, test_self_scan);
    tcase_add_test(tc, test_concurrent_first_call);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
