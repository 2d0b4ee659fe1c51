/* test_corpus.c: a labelled corpus generated from the catalogue, scanned
 * through the real detector in real chunks (64 KiB owned + 4 KiB peek),
 * with recall and precision required to be at least 0.98.
 *
 * Positives: every true example of every built-in rule, placed in varied
 * contexts: .env, shell, YAML and JSON text, the middle of a 300 KB
 * minified line, base64-encoded, as UTF-16LE, with CRLF line ends, and
 * straddling a chunk boundary. The expected secrets of an example are the
 * ones the detector reports for it standing alone (tests/test_rules.c
 * checks that there is at least one).
 *
 * Look-alikes: every false example in the same text contexts, plus hex
 * hashes, UUIDs, lockfile integrity lines and placeholders. A finding of
 * the example's own rule in a false example, any finding in a generated
 * look-alike, and a finding of a positive's rule with a secret that is not
 * the expected one all count as false positives.
 *
 * Generic over the catalogue: nothing here names a rule.
 */
#include <check.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/sc_stage.h"
#include "tests/support/det_tu.h"

#define OWNED (64 * 1024)
#define PEEK (4 * 1024)
#define MINIFIED (300 * 1024)
#define MAX_REPORT 40

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* --- scanning in contract-honouring chunks --- */

typedef struct scanner {
    det_ruleset *rs;
    sc_detector d;
    void *w;
    sc_emit *e;
    dtu_findings f;
} scanner;

static sc_code collect(void *arg, void *item)
{
    dtu_findings *f = arg;

    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->v = realloc(f->v, f->cap * sizeof(*f->v));
        ck_assert_ptr_nonnull(f->v);
    }
    f->v[f->n++] = item;
    return SC_OK;
}

/* Scans text as a source would: chunks of OWNED bytes with PEEK bytes of
 * the next one, each carrying its offset, line and column. */
static void scan_doc(scanner *s, const char *text, size_t len)
{
    uint64_t line = 1, col = 1;

    dtu_free(&s->f);
    for (size_t off = 0; off < len || off == 0; off += OWNED) {
        size_t owned = len - off < OWNED ? len - off : OWNED;
        size_t n = len - off < OWNED + PEEK ? len - off : OWNED + PEEK;
        sc_chunk *c = dtu_chunk("corpus.txt", text + off, n);

        c->owned = owned;
        c->offset = off;
        c->line = line;
        c->column = col;
        ck_assert_int_eq(s->d.scan(s->w, NULL, c, s->e), SC_OK);
        sc_position_advance((const unsigned char *)text + off, owned, &line, &col);
        sc_chunk_free(c);
        if (len == 0)
            break;
    }
}

/* --- contexts --- */

typedef enum ctx {
    CTX_ENV, CTX_SHELL, CTX_YAML, CTX_JSON, CTX_MINIFIED, CTX_BASE64, CTX_UTF16, CTX_CRLF,
    CTX_STRADDLE, CTX_COUNT
} ctx;

static const char *const ctx_names[] = {
    "env", "shell", "yaml", "json", "minified", "base64", "utf16le", "crlf", "straddle",
};

static char *minified_filler;

static void make_filler(void)
{
    buf b = { 0 };
    unsigned seed = 12345;

    /* Minified JavaScript-like text with no keyword of any credential. */
    while (b.n < MINIFIED) {
        char piece[96];

        seed = seed * 1103515245u + 12345u;
        snprintf(piece, sizeof(piece), "function(e%u){return e%u.map(function(t){return t*%u})};",
                 (seed >> 16) % 97, (seed >> 16) % 97, (seed >> 8) % 13);
        puts_(&b, piece);
    }
    minified_filler = b.p;
}

static void wrap_lines(buf *b, const char *pre, const char *ex, const char *post)
{
    puts_(b, pre);
    puts_(b, ex);
    puts_(b, post);
}

/* Builds the document for example ex in context c; false if the context
 * does not apply (a multi-line example cannot go on one minified line). */
static bool build(ctx c, const char *ex, buf *b)
{
    bool one_line = strchr(ex, '\n') == NULL;

    b->n = 0;
    switch (c) {
    case CTX_ENV:
        wrap_lines(b, "# service settings\nAPP_ENV=production\nLOG_LEVEL=info\n", ex,
                   "\nWORKERS=4\n");
        return true;
    case CTX_SHELL:
        wrap_lines(b, "#!/bin/sh\nset -eu\ncd \"$(dirname \"$0\")\"\n", ex,
                   "\nexec ./server --port 8080\n");
        return true;
    case CTX_YAML:
        wrap_lines(b, "services:\n  app:\n    image: registry.rootle.invalid/app:1.2\n", ex,
                   "\n    ports:\n      - \"8080:8080\"\n");
        return true;
    case CTX_JSON:
        wrap_lines(b, "{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n", ex,
                   "\n  \"private\": true\n}\n");
        return true;
    case CTX_MINIFIED: {
        size_t half = MINIFIED / 2;

        if (!one_line)
            return false;
        put(b, minified_filler, half);
        puts_(b, " ");
        puts_(b, ex);
        puts_(b, " ");
        put(b, minified_filler + half, MINIFIED - half);
        puts_(b, "\n");
        return true;
    }
    case CTX_BASE64: {
        size_t n = strlen(ex);
        char *enc = malloc(4 * ((n + 2) / 3) + 1);

        EVP_EncodeBlock((unsigned char *)enc, (const unsigned char *)ex, (int)n);
        wrap_lines(b, "kind: Secret\ndata:\n  config: ", enc, "\n");
        free(enc);
        return true;
    }
    case CTX_UTF16: {
        buf t = { 0 };

        wrap_lines(&t, "[settings]\r\nname=app\r\n", ex, "\r\nmode=fast\r\n");
        puts_(b, "\xFF\xFE");
        for (size_t i = 0; i < t.n; i++) {
            char u[2] = { t.p[i], 0 };

            put(b, u, 2);
        }
        free(t.p);
        return true;
    }
    case CTX_CRLF:
        puts_(b, "# service settings\r\nAPP_ENV=production\r\n");
        for (const char *p = ex; *p; p++) {
            if (*p == '\n' && (p == ex || p[-1] != '\r'))
                puts_(b, "\r");
            put(b, p, 1);
        }
        puts_(b, "\r\nWORKERS=4\r\n");
        return true;
    case CTX_STRADDLE: {
        size_t n = strlen(ex);
        size_t start = OWNED - n / 2;
        unsigned i = 0;

        /* Filler lines up to just before the boundary, so the example's
         * middle sits on it. */
        while (b->n + 40 < start) {
            char line[48];

            snprintf(line, sizeof(line), "# filler line %06u of the corpus\n", i++);
            puts_(b, line);
        }
        while (b->n < start - 1)
            puts_(b, "#");
        puts_(b, "\n");
        puts_(b, ex);
        puts_(b, "\n# end of the corpus\n");
        return true;
    }
    case CTX_COUNT:
        break;
    }
    return false;
}

/* --- look-alikes --- */

static void hex_of(const unsigned char *md, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", md[i]);
}

static char *lookalike(unsigned i)
{
    static const char *const placeholders[] = {
        "password = \"changeme\"",
        "api_key: ${API_KEY}",
        "token: \"{{ vault_token }}\"",
        "AWS_SECRET_ACCESS_KEY=<your-secret-access-key>",
        "secret_key = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "client_secret: your_client_secret_here",
        "password: \"********\"",
        "STRIPE_KEY=sk_live_0000000000000000000000000000",
        "auth_token = \"REDACTED\"",
        "password = %s",
        "api_key = \"...\"",
        "Authorization: Bearer <token>",
        "db_password: $DB_PASSWORD",
        "secret: replace_me",
        "token = \"placeholder-token-value\"",
    };
    unsigned char seed[16], md[64];
    char hex[129], b64[100], *out = NULL;
    unsigned kind = i % 5;
    const EVP_MD *alg = (i / 5) % 4 == 0 ? EVP_md5() : (i / 5) % 4 == 1 ? EVP_sha1()
                      : (i / 5) % 4 == 2 ? EVP_sha256() : EVP_sha512();
    unsigned int mdlen = 0;

    snprintf((char *)seed, sizeof(seed), "rootle-%u", i);
    EVP_Digest(seed, strlen((char *)seed), md, &mdlen, alg, NULL);
    switch (kind) {
    case 0:     /* Hashes where code and configs keep them. */
        hex_of(md, mdlen, hex);
        ck_assert(asprintf(&out, "commit %s\nchecksum: %s\nsecret_hash = \"%s\"\napi_key: %s\n",
                           hex, hex, hex, hex) > 0);
        break;
    case 1:     /* UUIDs. */
        hex_of(md, 16, hex);
        ck_assert(asprintf(&out, "id: %.8s-%.4s-%.4s-%.4s-%.12s\nsecret: \"%.8s-%.4s-%.4s-%.4s-%.12s\"\n",
                           hex, hex + 8, hex + 12, hex + 16, hex + 20, hex, hex + 8, hex + 12,
                           hex + 16, hex + 20) > 0);
        break;
    case 2:     /* Lockfile integrity values. */
        EVP_EncodeBlock((unsigned char *)b64, md, (int)mdlen);
        ck_assert(asprintf(&out,
                           "\"node_modules/pkg-%u\": {\n  \"version\": \"1.0.%u\",\n"
                           "  \"resolved\": \"https://registry.npmjs.org/pkg-%u/-/pkg-%u-1.0.%u.tgz\",\n"
                           "  \"integrity\": \"%s-%s\"\n},\npkg-%u@1.0.%u:\n  integrity %s-%s\n",
                           i, i, i, i, i, mdlen == 64 ? "sha512" : mdlen == 32 ? "sha256" : "sha1",
                           b64, i, i, mdlen == 64 ? "sha512" : "sha1", b64) > 0);
        break;
    case 3:     /* Placeholders. */
        ck_assert(asprintf(&out, "%s\n", placeholders[(i / 5) % (sizeof(placeholders) /
                                                               sizeof(placeholders[0]))]) > 0);
        break;
    default:    /* Hashes and UUIDs as generic assignments. */
        hex_of(md, mdlen, hex);
        ck_assert(asprintf(&out, "password = \"%s\"\nsecret: %.8s-%.4s-4%.3s-a%.3s-%.12s\n", hex,
                           hex, hex + 8, hex + 12, hex + 16, hex + 20) > 0);
        break;
    }
    return out;
}

/* --- the test --- */

typedef struct tally {
    size_t expected, found, fp, docs;
} tally;

/* Secrets compare equal up to carriage returns: a key block found in a
 * CRLF file is the same key. */
static bool same_secret(const char *a, const char *b)
{
    for (;;) {
        while (*a == '\r')
            a++;
        while (*b == '\r')
            b++;
        if (*a != *b)
            return false;
        if (*a == '\0')
            return true;
        a++;
        b++;
    }
}

static bool in_list(char **v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (same_secret(v[i], s))
            return true;
    }
    return false;
}

static bool has_finding(const dtu_findings *f, const char *rule, const char *secret)
{
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->v[i]->rule_id, rule) == 0 && same_secret(f->v[i]->secret, secret))
            return true;
    }
    return false;
}

START_TEST(recall_and_precision)
{
    size_t nrules = 0, reported = 0;
    const det_rule_def *rules = det_builtin_rules(&nrules);
    scanner s = { 0 };
    tally total = { 0 }, per[CTX_COUNT] = { { 0 } }, neg = { 0 };
    buf doc = { 0 };
    double recall, precision;

    make_filler();
    s.rs = dtu_load(NULL, 0, 3);
    s.d = det_ruleset_detector(s.rs);
    s.w = s.d.worker_create(s.d.self);
    s.e = sc_emit_create_callback(collect, &s.f, NULL, sc_finding_free_item);
    ck_assert_ptr_nonnull(s.w);

    for (size_t r = 0; r < nrules; r++) {
        const det_rule_def *d = &rules[r];

        for (size_t k = 0; k < DET_MAX_EXAMPLES && d->true_examples[k] != NULL; k++) {
            const char *ex = d->true_examples[k];
            char *want[16];
            size_t nwant = 0;

            /* The secrets the example holds, from the example alone. */
            scan_doc(&s, ex, strlen(ex));
            for (size_t i = 0; i < s.f.n && nwant < 16; i++) {
                if (strcmp(s.f.v[i]->rule_id, d->id) == 0 &&
                    !in_list(want, nwant, s.f.v[i]->secret))
                    want[nwant++] = strdup(s.f.v[i]->secret);
            }
            if (nwant == 0) {
                fprintf(stderr, "rule %s: true example %zu finds nothing alone (see test_rules)\n",
                        d->id, k + 1);
                total.expected++;
                continue;
            }
            for (int c = 0; c < CTX_COUNT; c++) {
                if (!build((ctx)c, ex, &doc))
                    continue;
                scan_doc(&s, doc.p, doc.n);
                per[c].docs++;
                for (size_t w = 0; w < nwant; w++) {
                    bool hit = has_finding(&s.f, d->id, want[w]);

                    per[c].expected++;
                    per[c].found += hit;
                    if (!hit && reported++ < MAX_REPORT)
                        fprintf(stderr, "missed: rule %s example %zu in %s\n", d->id, k + 1,
                                ctx_names[c]);
                }
                for (size_t i = 0; i < s.f.n; i++) {
                    if (strcmp(s.f.v[i]->rule_id, d->id) == 0 &&
                        !in_list(want, nwant, s.f.v[i]->secret)) {
                        per[c].fp++;
                        if (reported++ < MAX_REPORT)
                            fprintf(stderr, "wrong secret: rule %s example %zu in %s (%zu bytes)\n",
                                    d->id, k + 1, ctx_names[c], s.f.v[i]->secret_len);
                    }
                }
                /* The same secret twice (e.g. from two chunks) is a false
                 * positive too. */
                for (size_t w = 0; w < nwant; w++) {
                    size_t times = 0;

                    for (size_t i = 0; i < s.f.n; i++)
                        times += strcmp(s.f.v[i]->rule_id, d->id) == 0 &&
                                 same_secret(s.f.v[i]->secret, want[w]);
                    if (times > 1) {
                        per[c].fp += times - 1;
                        if (reported++ < MAX_REPORT)
                            fprintf(stderr, "duplicate: rule %s example %zu in %s (%zu times)\n",
                                    d->id, k + 1, ctx_names[c], times);
                    }
                }
            }
            for (size_t w = 0; w < nwant; w++)
                free(want[w]);
        }
        /* False examples in the text contexts. */
        for (size_t k = 0; k < DET_MAX_EXAMPLES && d->false_examples[k] != NULL; k++) {
            for (int c = CTX_ENV; c <= CTX_JSON; c++) {
                build((ctx)c, d->false_examples[k], &doc);
                scan_doc(&s, doc.p, doc.n);
                neg.docs++;
                if (dtu_count(&s.f, d->id) > 0) {
                    neg.fp += dtu_count(&s.f, d->id);
                    if (reported++ < MAX_REPORT)
                        fprintf(stderr, "false positive: rule %s false example %zu in %s\n",
                                d->id, k + 1, ctx_names[c]);
                }
            }
        }
    }
    /* Generated look-alikes: nothing in them is a secret. */
    for (unsigned i = 0; i < 400; i++) {
        char *la = lookalike(i);

        scan_doc(&s, la, strlen(la));
        neg.docs++;
        if (s.f.n > 0) {
            neg.fp += s.f.n;
            if (reported++ < MAX_REPORT)
                fprintf(stderr, "false positive: look-alike %u (kind %u) reported by %s\n", i,
                        i % 5, s.f.v[0]->rule_id);
        }
        free(la);
    }

    for (int c = 0; c < CTX_COUNT; c++) {
        total.expected += per[c].expected;
        total.found += per[c].found;
        total.fp += per[c].fp;
        total.docs += per[c].docs;
        fprintf(stderr, "context %-9s %4zu docs  recall %.4f  wrong %zu\n", ctx_names[c],
                per[c].docs, per[c].expected ? (double)per[c].found / (double)per[c].expected : 1.0,
                per[c].fp);
    }
    total.fp += neg.fp;
    recall = total.expected ? (double)total.found / (double)total.expected : 0.0;
    precision = total.found + total.fp ? (double)total.found / (double)(total.found + total.fp)
                                       : 0.0;
    fprintf(stderr,
            "corpus: %zu rules, %zu positive docs (%zu secrets), %zu look-alike docs\n"
            "recall %.4f (%zu/%zu)  precision %.4f (%zu false positives)\n",
            nrules, total.docs, total.expected, neg.docs, recall, total.found, total.expected,
            precision, total.fp);
    ck_assert_uint_ge(total.docs, 200);
    ck_assert_uint_ge(neg.docs, 200);
    ck_assert_msg(recall >= 0.98, "recall %.4f below 0.98", recall);
    ck_assert_msg(precision >= 0.98, "precision %.4f below 0.98", precision);

    s.d.worker_free(s.d.self, s.w);
    sc_emit_free(s.e);
    dtu_free(&s.f);
    det_ruleset_free(s.rs);
    free(doc.p);
    free(minified_filler);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("corpus");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, recall_and_precision);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
