/* ntf_sarif.c: SARIF 2.1.0, streamed in constant memory.
 *
 * DESIGN
 * begin() opens the log and its one run's results array; each format()
 * writes one complete result object; end() closes the array and writes the
 * rest of the run (tool, rules, invocation). JSON does not care about key
 * order, so the rules can follow the results, which is what lets results
 * stream: the rules that fired are only known at the end.
 *
 * Two things depend on more than one finding:
 *  - the commas between results. Buffers reach the engine's writer in the
 *    order the notify workers finish, not the order they were formatted, so
 *    no format() call can know whether it comes first. The format sets the
 *    notifier's separator instead, and the writer puts it between
 *    consecutive findings.
 *  - ruleIndex. format() runs on several notify workers at once, so a rule
 *    gets its index under lock when it first fires, and end() writes the
 *    rules in index order.
 */
#include "notifiers/ntf_internal.h"

#include <inttypes.h>
#include <pthread.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFORMATION_URI "https://github.com/rootle-scanner/rootle"
#define FINGERPRINT_KEY "rootleFingerprint/v1"

/* A rule that fired. Owned by sarif_state.rules; immutable once added. */
typedef struct sarif_rule {
    char *id;
    char *description;      /* May be NULL. */
    char *url;              /* May be NULL. */
    size_t index;           /* Its ruleIndex: where it sits in rules[]. */
} sarif_rule;

typedef struct sarif_state {
    char *version;          /* Immutable after create. */
    pthread_mutex_t lock;
    void *by_id;            /* tsearch tree of sarif_rule *, by id. Guarded by lock. */
    sarif_rule **rules;     /* In ruleIndex order. Guarded by lock. */
    size_t nrules, cap;     /* Guarded by lock. */
} sarif_state;

static void rule_free(sarif_rule *r)
{
    if (r == NULL)
        return;
    free(r->id);
    free(r->description);
    free(r->url);
    free(r);
}

static int rule_cmp(const void *a, const void *b)
{
    return strcmp(((const sarif_rule *)a)->id, ((const sarif_rule *)b)->id);
}

/* The tree's nodes point into rules[], which frees them. */
static void rule_keep(void *r)
{
    (void)r;
}

static void sarif_free(void *state)
{
    sarif_state *s = state;

    if (s == NULL)
        return;
    tdestroy(s->by_id, rule_keep);
    for (size_t i = 0; i < s->nrules; i++)
        rule_free(s->rules[i]);
    free(s->rules);
    pthread_mutex_destroy(&s->lock);
    free(s->version);
    free(s);
}

static sc_code sarif_create(const ntf_options *o, void **state)
{
    sarif_state *s = calloc(1, sizeof(*s));

    *state = NULL;
    if (s == NULL)
        return SC_ENOMEM;
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return SC_ETHREAD;
    }
    s->version = strdup(o->version != NULL ? o->version : ROOTLE_VERSION);
    if (s->version == NULL) {
        sarif_free(s);
        return SC_ENOMEM;
    }
    *state = s;
    return SC_OK;
}

/* Returns the ruleIndex of f's rule, adding the rule when it first fires,
 * or -1 when out of memory. Takes s->lock. */
static long rule_index(sarif_state *s, const sc_finding *f)
{
    sarif_rule key = { .id = f->rule_id };
    sarif_rule *r = NULL;
    sarif_rule **found;
    long index = -1;

    pthread_mutex_lock(&s->lock);
    found = tfind(&key, &s->by_id, rule_cmp);
    if (found != NULL) {
        index = (long)(*found)->index;
        goto out;
    }
    if (s->nrules == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        sarif_rule **grown = realloc(s->rules, cap * sizeof(*grown));

        if (grown == NULL)
            goto out;
        s->rules = grown;
        s->cap = cap;
    }
    r = calloc(1, sizeof(*r));
    if (r == NULL || (r->id = strdup(f->rule_id)) == NULL ||
        sc_finding_set(&r->description, f->rule_description) != 0 ||
        sc_finding_set(&r->url, f->rule_url) != 0)
        goto out;
    r->index = s->nrules;
    if (tsearch(r, &s->by_id, rule_cmp) == NULL)
        goto out;
    s->rules[s->nrules++] = r;
    index = (long)r->index;
    r = NULL;
out:
    pthread_mutex_unlock(&s->lock);
    rule_free(r);
    return index;
}

static void sarif_begin(void *state, sc_buf *out)
{
    (void)state;
    sc_buf_puts(out, "{\"version\":\"2.1.0\",\"$schema\":\"" SARIF_SCHEMA "\","
                     "\"runs\":[{\"results\":[\n");
}

/* Appends a URI reference for path: relative paths stay relative to the
 * scan root (where GitHub resolves them against the repository), absolute
 * ones become file:// URIs. Everything outside RFC 3986's unreserved
 * characters, "/" and the harmless sub-delimiters is percent-encoded, byte
 * by byte, so spaces, "%", "#", "?", non-ASCII and invalid UTF-8 all
 * survive. ":" is encoded too: in a relative reference's first segment it
 * would read as a scheme. */
static void put_uri(sc_buf *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *p = path;

    if (*p == '/')
        sc_buf_puts(out, "file://");
    else
        p = ntf_rel_path(p);
    for (; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;

        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            strchr("-._~/!$&'()*+,;=@", c) != NULL) {
            sc_buf_putc(out, (char)c);
        } else {
            char enc[3] = { '%', hex[c >> 4], hex[c & 15] };

            sc_buf_append(out, enc, sizeof(enc));
        }
    }
}

static void sarif_format(void *state, const sc_finding *f, sc_buf *out)
{
    sarif_state *s = state;
    long index = rule_index(s, f);
    sc_buf text = SC_BUF_INIT;
    sc_buf uri = SC_BUF_INIT;

    if (index < 0) {
        out->failed = true;
        return;
    }
    /* The message shows the redacted secret only: SARIF files are uploaded
     * and shared, and GitHub displays them. */
    sc_buf_puts(&text, ntf_title(f));
    sc_buf_puts(&text, ": ");
    sc_buf_puts(&text, f->redacted);
    sc_buf_puts(&text, " (");
    sc_buf_puts(&text, sc_verification_name(f->verification));
    if (f->verification_error != NULL) {
        sc_buf_puts(&text, ": ");
        sc_buf_puts(&text, f->verification_error);
    }
    sc_buf_putc(&text, ')');
    put_uri(&uri, f->path);
    if (text.failed || uri.failed) {
        out->failed = true;
        goto out;
    }

    sc_buf_puts(out, "{\"ruleId\":");
    sc_buf_json_cstr(out, f->rule_id);
    sc_buf_printf(out, ",\"ruleIndex\":%ld,\"level\":\"%s\",\"message\":{\"text\":", index,
                  f->verification == SC_VERIFY_VERIFIED ? "error" : "warning");
    sc_buf_json_str(out, text.data, text.len);
    sc_buf_puts(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    sc_buf_json_str(out, uri.data, uri.len);
    sc_buf_putc(out, '}');
    if (f->line > 0) {
        sc_buf_printf(out, ",\"region\":{\"startLine\":%" PRIu64, f->line);
        if (f->column > 0)
            sc_buf_printf(out, ",\"startColumn\":%" PRIu64, f->column);
        if (f->end_column > f->column)
            sc_buf_printf(out, ",\"endColumn\":%" PRIu64, f->end_column);
        sc_buf_putc(out, '}');
    }
    sc_buf_puts(out, "}}],\"partialFingerprints\":{\"" FINGERPRINT_KEY "\":");
    sc_buf_json_cstr(out, f->fingerprint);
    sc_buf_puts(out, "},\"properties\":{\"verification\":");
    sc_buf_json_cstr(out, sc_verification_name(f->verification));
    sc_buf_puts(out, ",\"decoder\":");
    sc_buf_json_cstr(out, f->decoder);
    if (f->verification_error != NULL) {
        sc_buf_puts(out, ",\"verificationError\":");
        sc_buf_json_cstr(out, f->verification_error);
    }
    if (f->commit != NULL) {
        sc_buf_puts(out, ",\"commit\":");
        sc_buf_json_cstr(out, f->commit);
    }
    if (f->author != NULL) {
        sc_buf_puts(out, ",\"author\":");
        sc_buf_json_cstr(out, f->author);
    }
    if (f->date != NULL) {
        sc_buf_puts(out, ",\"date\":");
        sc_buf_json_cstr(out, f->date);
    }
    sc_buf_puts(out, "}}");
out:
    sc_buf_free(&text);
    sc_buf_free(&uri);
}

static void put_rule(sc_buf *out, const sarif_rule *r)
{
    sc_buf help = SC_BUF_INIT;

    sc_buf_puts(&help, "rootle found a credential that matches this rule. Revoke or rotate "
                       "it with its provider, then remove it from the code and its history.");
    if (r->url != NULL) {
        sc_buf_puts(&help, " See ");
        sc_buf_puts(&help, r->url);
    }
    if (help.failed) {
        out->failed = true;
        sc_buf_free(&help);
        return;
    }
    sc_buf_puts(out, "{\"id\":");
    sc_buf_json_cstr(out, r->id);
    sc_buf_puts(out, ",\"name\":");
    sc_buf_json_cstr(out, r->id);
    sc_buf_puts(out, ",\"shortDescription\":{\"text\":");
    sc_buf_json_cstr(out, r->description != NULL ? r->description : r->id);
    sc_buf_putc(out, '}');
    if (r->description != NULL) {
        sc_buf_puts(out, ",\"fullDescription\":{\"text\":");
        sc_buf_json_cstr(out, r->description);
        sc_buf_putc(out, '}');
    }
    sc_buf_puts(out, ",\"help\":{\"text\":");
    sc_buf_json_str(out, help.data, help.len);
    sc_buf_putc(out, '}');
    if (r->url != NULL) {
        sc_buf_puts(out, ",\"helpUri\":");
        sc_buf_json_cstr(out, r->url);
    }
    sc_buf_puts(out, ",\"defaultConfiguration\":{\"level\":\"warning\"},"
                     "\"properties\":{\"tags\":[\"security\",\"secret\"],\"precision\":\"high\"}}");
    sc_buf_free(&help);
}

static void sarif_end(void *state, const sc_summary *sum, sc_buf *out)
{
    sarif_state *s = state;

    sc_buf_puts(out, "\n],\"tool\":{\"driver\":{\"name\":\"rootle\",\"version\":");
    sc_buf_json_cstr(out, s->version);
    sc_buf_puts(out, ",\"informationUri\":\"" INFORMATION_URI "\",\"rules\":[");
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->nrules; i++) {
        if (i > 0)
            sc_buf_putc(out, ',');
        put_rule(out, s->rules[i]);
    }
    pthread_mutex_unlock(&s->lock);
    sc_buf_puts(out, "]}},\"columnKind\":\"unicodeCodePoints\",\"invocations\":[{");
    sc_buf_printf(out, "\"executionSuccessful\":%s", sum->interrupted ? "false" : "true");
    if (sum->interrupted || sum->scan_errors > 0) {
        sc_buf_puts(out, ",\"toolExecutionNotifications\":[");
        if (sum->interrupted)
            sc_buf_puts(out, "{\"level\":\"warning\",\"message\":{\"text\":"
                             "\"The scan was interrupted; results are incomplete.\"}}");
        if (sum->scan_errors > 0)
            sc_buf_printf(out, "%s{\"level\":\"warning\",\"message\":{\"text\":"
                               "\"%" PRIu64 " input%s could not be read.\"}}",
                          sum->interrupted ? "," : "", sum->scan_errors,
                          sum->scan_errors == 1 ? "" : "s");
        sc_buf_putc(out, ']');
    }
    sc_buf_puts(out, "}]}]}\n");
}

const ntf_format_ops ntf_sarif_ops = {
    .separator = ",\n",
    .create = sarif_create,
    .free = sarif_free,
    .begin = sarif_begin,
    .format = sarif_format,
    .end = sarif_end,
};
