/* sc_baseline.c: the accepted-findings file.
 *
 * Entries live in an array (which owns them and is what gets written) and
 * are indexed by fingerprint in a libc tsearch tree, so contains() is a
 * lookup of O(log n). A read-write lock lets the notify workers call
 * contains() together while add() takes the lock alone.
 *
 * Files are read with libyaml: JSON is YAML, and libyaml's document API
 * keeps every node's line, which the error messages name.
 */
#include "scanner/sc_baseline.h"

#include <errno.h>
#include <pthread.h>
#include <search.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "scanner/sc_buf.h"
#include "scanner/sc_outfile.h"

/* One accepted finding. fingerprint comes first so that a pointer to an
 * entry is also a pointer to its fingerprint string, which lets the tree
 * compare entries and bare fingerprints alike. */
typedef struct bl_entry {
    char fingerprint[SC_HASH_HEX_LEN + 1];
    char *rule;         /* May be NULL in a hand-written file. */
    char *path;         /* May be NULL. */
    char *redacted;     /* May be NULL. */
} bl_entry;

struct sc_baseline {
    pthread_rwlock_t lock;
    void *tree;             /* bl_entry * by fingerprint. Guarded by lock. */
    bl_entry **entries;     /* Owns the entries, in insertion order. Guarded by lock. */
    size_t n, cap;          /* Guarded by lock. */
};

static int fp_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void entry_free(bl_entry *e)
{
    if (e == NULL)
        return;
    free(e->rule);
    free(e->path);
    free(e->redacted);
    free(e);
}

/* The tree's nodes point at entries[], which frees them. */
static void entry_keep(void *e)
{
    (void)e;
}

sc_baseline *sc_baseline_create(void)
{
    sc_baseline *b = calloc(1, sizeof(*b));

    if (b == NULL)
        return NULL;
    if (pthread_rwlock_init(&b->lock, NULL) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

void sc_baseline_free(sc_baseline *b)
{
    if (b == NULL)
        return;
    tdestroy(b->tree, entry_keep);
    for (size_t i = 0; i < b->n; i++)
        entry_free(b->entries[i]);
    free(b->entries);
    pthread_rwlock_destroy(&b->lock);
    free(b);
}

bool sc_baseline_contains(const sc_baseline *cb, const char *fingerprint)
{
    /* The lock is the one field readers change; the baseline is not. */
    sc_baseline *b = (sc_baseline *)cb;
    bool found;

    pthread_rwlock_rdlock(&b->lock);
    found = tfind(fingerprint, &b->tree, fp_cmp) != NULL;
    pthread_rwlock_unlock(&b->lock);
    return found;
}

/* Adds e unless its fingerprint is already there; takes ownership of e
 * either way. Caller holds the write lock. */
static sc_code insert_locked(sc_baseline *b, bl_entry *e)
{
    void *node;

    if (tfind(e->fingerprint, &b->tree, fp_cmp) != NULL) {
        entry_free(e);
        return SC_OK;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        bl_entry **grown = realloc(b->entries, cap * sizeof(*grown));

        if (grown == NULL) {
            entry_free(e);
            return SC_ENOMEM;
        }
        b->entries = grown;
        b->cap = cap;
    }
    node = tsearch(e, &b->tree, fp_cmp);
    if (node == NULL) {
        entry_free(e);
        return SC_ENOMEM;
    }
    b->entries[b->n++] = e;
    return SC_OK;
}

/* Makes an entry with copies of the strings (any of them may be NULL). */
static bl_entry *entry_create(const char *fingerprint, const char *rule, const char *path,
                              const char *redacted)
{
    bl_entry *e = calloc(1, sizeof(*e));

    if (e == NULL)
        return NULL;
    snprintf(e->fingerprint, sizeof(e->fingerprint), "%s", fingerprint);
    if (sc_finding_set(&e->rule, rule) != 0 || sc_finding_set(&e->path, path) != 0 ||
        sc_finding_set(&e->redacted, redacted) != 0) {
        entry_free(e);
        return NULL;
    }
    return e;
}

sc_code sc_baseline_add(sc_baseline *b, const sc_finding *f)
{
    bl_entry *e = entry_create(f->fingerprint, f->rule_id, f->path, f->redacted);
    sc_code rc;

    if (e == NULL)
        return SC_ENOMEM;
    pthread_rwlock_wrlock(&b->lock);
    rc = insert_locked(b, e);
    pthread_rwlock_unlock(&b->lock);
    return rc;
}

/* ---- writing ---- */

static int strcmp_null(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int entry_order(const void *pa, const void *pb)
{
    const bl_entry *a = *(const bl_entry *const *)pa;
    const bl_entry *b = *(const bl_entry *const *)pb;
    int c = strcmp(a->fingerprint, b->fingerprint);

    if (c == 0)
        c = strcmp_null(a->rule, b->rule);
    if (c == 0)
        c = strcmp_null(a->path, b->path);
    return c;
}

/* Renders the file: one finding per line, so that a baseline under version
 * control diffs line by line. */
static void render(sc_baseline *b, sc_buf *out)
{
    bl_entry **sorted;

    sorted = malloc((b->n ? b->n : 1) * sizeof(*sorted));
    if (sorted == NULL) {
        out->failed = true;
        return;
    }
    if (b->n > 0) {
        memcpy(sorted, b->entries, b->n * sizeof(*sorted));
        qsort(sorted, b->n, sizeof(*sorted), entry_order);
    }
    sc_buf_puts(out, "{\n  \"version\": 1,\n  \"tool\": \"rootle\",\n  \"findings\": [");
    for (size_t i = 0; i < b->n; i++) {
        const bl_entry *e = sorted[i];

        sc_buf_puts(out, i == 0 ? "\n    {\"fingerprint\": " : ",\n    {\"fingerprint\": ");
        sc_buf_json_cstr(out, e->fingerprint);
        sc_buf_puts(out, ", \"rule\": ");
        sc_buf_json_cstr(out, e->rule);
        sc_buf_puts(out, ", \"path\": ");
        sc_buf_json_cstr(out, e->path);
        sc_buf_puts(out, ", \"redacted\": ");
        sc_buf_json_cstr(out, e->redacted);
        sc_buf_putc(out, '}');
    }
    sc_buf_puts(out, b->n ? "\n  ]\n}\n" : "]\n}\n");
    free(sorted);
}

sc_code sc_baseline_write(const sc_baseline *cb, const char *path, char *err, size_t errlen)
{
    sc_baseline *b = (sc_baseline *)cb;
    sc_outfile *of = NULL;
    sc_buf buf = SC_BUF_INIT;
    sc_code rc;
    int werr;

    pthread_rwlock_rdlock(&b->lock);
    render(b, &buf);
    pthread_rwlock_unlock(&b->lock);
    if (buf.failed) {
        rc = SC_ENOMEM;
        snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
        goto out;
    }
    rc = sc_outfile_open(path, &of, err, errlen);
    if (rc != SC_OK)
        goto out;
    werr = sc_write_all(sc_outfile_fd(of), buf.data, buf.len);
    if (werr != 0) {
        rc = SC_EIO;
        snprintf(err, errlen, "%s: %s", path, strerror(werr));
        goto out;
    }
    rc = sc_outfile_commit(of, err, errlen);
out:
    sc_outfile_free(of);
    sc_buf_free(&buf);
    return rc;
}

/* ---- loading ---- */

typedef struct loader {
    const char *path;
    yaml_document_t *doc;
    char *err;
    size_t errlen;
} loader;

/* Formats "PATH:LINE: reason" for node and returns SC_ECONFIG. */
__attribute__((format(printf, 3, 4)))
static sc_code fail(const loader *l, const yaml_node_t *node, const char *fmt, ...)
{
    char reason[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    snprintf(l->err, l->errlen, "%s:%lu: %s", l->path,
             node != NULL ? (unsigned long)node->start_mark.line + 1 : 1UL, reason);
    return SC_ECONFIG;
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* True for a JSON null (or YAML's other spellings of it). */
static bool is_null(const yaml_node_t *n)
{
    const char *v = scalar(n);

    return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (strcmp(v, "null") == 0 || strcmp(v, "~") == 0 || *v == '\0');
}

static bool is_fingerprint(const char *s)
{
    size_t i;

    for (i = 0; s[i] != '\0'; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return i == SC_HASH_HEX_LEN;
}

/* Reads an optional string field: NULL for a JSON null. */
static sc_code string_field(const loader *l, const char *name, const yaml_node_t *v,
                            const char **out)
{
    if (v->type != YAML_SCALAR_NODE)
        return fail(l, v, "\"%s\" must be a string", name);
    *out = is_null(v) ? NULL : scalar(v);
    return SC_OK;
}

static sc_code load_finding(const loader *l, sc_baseline *b, const yaml_node_t *item)
{
    const char *fp = NULL, *rule = NULL, *path = NULL, *redacted = NULL;
    bl_entry *e;
    sc_code rc;

    if (item->type != YAML_MAPPING_NODE)
        return fail(l, item, "each finding must be an object");
    for (yaml_node_pair_t *p = item->data.mapping.pairs.start;
         p < item->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(l->doc, p->value);
        const char *name;

        if (k->type != YAML_SCALAR_NODE)
            return fail(l, k, "object keys must be strings");
        name = scalar(k);
        if (strcmp(name, "fingerprint") == 0)
            rc = string_field(l, name, v, &fp);
        else if (strcmp(name, "rule") == 0)
            rc = string_field(l, name, v, &rule);
        else if (strcmp(name, "path") == 0)
            rc = string_field(l, name, v, &path);
        else if (strcmp(name, "redacted") == 0)
            rc = string_field(l, name, v, &redacted);
        else
            rc = SC_OK;     /* Fields from a newer rootle are kept out of the way. */
        if (rc != SC_OK)
            return rc;
    }
    if (fp == NULL)
        return fail(l, item, "a finding has no \"fingerprint\"");
    if (!is_fingerprint(fp))
        return fail(l, item, "\"fingerprint\" must be %d lowercase hex digits", SC_HASH_HEX_LEN);
    e = entry_create(fp, rule, path, redacted);
    if (e == NULL)
        return SC_ENOMEM;
    /* Not shared yet, but the lock keeps one rule for every insert. */
    pthread_rwlock_wrlock(&b->lock);
    rc = insert_locked(b, e);
    pthread_rwlock_unlock(&b->lock);
    return rc;
}

static sc_code load_root(const loader *l, sc_baseline *b)
{
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    const yaml_node_t *findings = NULL;
    bool have_version = false;
    sc_code rc;

    if (root == NULL)
        return fail(l, NULL, "the file is empty; expected a JSON object");
    if (root->type != YAML_MAPPING_NODE)
        return fail(l, root, "expected a JSON object at the top level");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(l->doc, p->value);

        if (k->type != YAML_SCALAR_NODE)
            return fail(l, k, "object keys must be strings");
        if (strcmp(scalar(k), "version") == 0) {
            if (v->type != YAML_SCALAR_NODE || strcmp(scalar(v), "1") != 0)
                return fail(l, v, "unsupported baseline version (this rootle reads version 1)");
            have_version = true;
        } else if (strcmp(scalar(k), "findings") == 0) {
            if (v->type != YAML_SEQUENCE_NODE)
                return fail(l, v, "\"findings\" must be an array");
            findings = v;
        }
    }
    if (!have_version)
        return fail(l, root, "missing \"version\"");
    if (findings == NULL)
        return fail(l, root, "missing \"findings\"");
    for (yaml_node_item_t *it = findings->data.sequence.items.start;
         it < findings->data.sequence.items.top; it++) {
        rc = load_finding(l, b, yaml_document_get_node(l->doc, *it));
        if (rc != SC_OK)
            return rc;
    }
    return SC_OK;
}

/* libyaml reports encoding errors (invalid UTF-8) by byte offset only;
 * this turns the offset into the 1-based line a person looks for. */
static unsigned long line_of_offset(FILE *f, size_t offset)
{
    unsigned long line = 1;
    int c;

    rewind(f);
    for (size_t i = 0; i < offset && (c = getc(f)) != EOF; i++) {
        if (c == '\n')
            line++;
    }
    return line;
}

sc_code sc_baseline_load(const char *path, sc_baseline **out, char *err, size_t errlen)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    bool have_parser = false, have_doc = false;
    sc_baseline *b = NULL;
    loader l = { path, &doc, err, errlen };
    FILE *f;
    sc_code rc;

    *out = NULL;
    f = fopen(path, "rbe");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return SC_EIO;
    }
    b = sc_baseline_create();
    if (b == NULL || !yaml_parser_initialize(&parser)) {
        rc = SC_ENOMEM;
        snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
        goto out;
    }
    have_parser = true;
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        if (parser.error == YAML_MEMORY_ERROR) {
            rc = SC_ENOMEM;
            snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
        } else if (parser.error == YAML_READER_ERROR) {
            rc = SC_ECONFIG;
            snprintf(err, errlen, "%s:%lu: %s", path,
                     line_of_offset(f, parser.problem_offset),
                     parser.problem ? parser.problem : "unreadable");
        } else {
            rc = SC_ECONFIG;
            snprintf(err, errlen, "%s:%lu: %s%s%s", path,
                     (unsigned long)parser.problem_mark.line + 1,
                     parser.problem ? parser.problem : "malformed JSON",
                     parser.context ? " " : "", parser.context ? parser.context : "");
        }
        goto out;
    }
    have_doc = true;
    rc = load_root(&l, b);
    if (rc == SC_ENOMEM)
        snprintf(err, errlen, "%s: %s", path, sc_strerror(rc));
out:
    if (have_doc)
        yaml_document_delete(&doc);
    if (have_parser)
        yaml_parser_delete(&parser);
    fclose(f);
    if (rc != SC_OK) {
        sc_baseline_free(b);
        return rc;
    }
    *out = b;
    return SC_OK;
}
