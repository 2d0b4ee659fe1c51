/* det_prefilter.c: the one Hyperscan block-mode database of a run, and its
 * on-disk cache.
 *
 * Every rule's pattern is compiled with HS_FLAG_PREFILTER, so Hyperscan
 * reports a superset of the places where the PCRE2 pattern can end; PCRE2
 * then confirms on a window around each. A pattern Hyperscan rejects even
 * as a prefilter makes its rule a "fallback" rule, triggered by its
 * keywords, which are in the database anyway as caseless literals.
 *
 * Compiling ~150 prefilters takes most of a second, so the serialized
 * database is cached under a name that hashes everything the database
 * depends on. The file carries a SHA-256 of its payload: a torn or
 * corrupted file fails the check and is rebuilt silently.
 */
#include "detectors/det_internal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/sc_hash.h"
#include "scanner/sc_stats.h"

static const char cache_magic[8] = { 'R', 'T', 'L', 'H', 'S', '0', '0', '1' };

/* Per rule in the cache file: the window, and bit 31 for fallback. */
#define FALLBACK_BIT 0x80000000u

static unsigned det_hs_flags(const det_rule_def *d)
{
    unsigned f = HS_FLAG_PREFILTER | HS_FLAG_MULTILINE;

    if (d->flags & DET_CASELESS)
        f |= HS_FLAG_CASELESS;
    if (d->flags & DET_MULTILINE)
        f |= HS_FLAG_DOTALL;
    return f;
}

/* Keywords go in as regexes, so everything but letters and digits is
 * escaped as \xHH. */
static char *keyword_expr(const char *kw)
{
    size_t n = strlen(kw);
    char *e = malloc(4 * n + 1);
    char *p = e;

    if (e == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)kw[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            *p++ = (char)c;
        else
            p += sprintf(p, "\\x%02x", c);
    }
    *p = '\0';
    return e;
}

/* Bounded repeats wider than this become unbounded in the prefilter. */
#define RELAX_ABOVE 32

/* Returns a copy of pattern in which every {m,n} quantifier with n above
 * RELAX_ABOVE is {m,}. The prefilter only has to match a superset of the
 * pattern, and wide bounded repeats are what make Hyperscan's compile slow
 * (the catalogue compiles ten times faster relaxed); PCRE2 enforces the
 * bound when it confirms. Character classes and \Q...\E are left alone. */
static char *relax_repeats(const char *p)
{
    size_t n = strlen(p), i = 0;
    char *out = malloc(n + 1), *q = out;
    bool in_class = false;

    if (out == NULL)
        return NULL;
    while (i < n) {
        if (p[i] == '\\' && i + 1 < n) {
            if (!in_class && p[i + 1] == 'Q') {
                const char *e = strstr(p + i + 2, "\\E");
                size_t l = e != NULL ? (size_t)(e - (p + i)) + 2 : n - i;

                memcpy(q, p + i, l);
                q += l;
                i += l;
                continue;
            }
            *q++ = p[i++];
            *q++ = p[i++];
            continue;
        }
        if (in_class) {
            in_class = p[i] != ']';
            *q++ = p[i++];
            continue;
        }
        if (p[i] == '[') {
            /* A ']' right after '[' or '[^' is a member, not the end. */
            *q++ = p[i++];
            if (i < n && p[i] == '^')
                *q++ = p[i++];
            if (i < n && p[i] == ']')
                *q++ = p[i++];
            in_class = true;
            continue;
        }
        if (p[i] == '{' && isdigit((unsigned char)p[i + 1])) {
            char *comma, *close;
            unsigned long m = strtoul(p + i + 1, &comma, 10);

            if (*comma == ',' && isdigit((unsigned char)comma[1])) {
                unsigned long mx = strtoul(comma + 1, &close, 10);

                if (*close == '}' && mx > RELAX_ABOVE) {
                    q += sprintf(q, "{%lu,}", m);
                    i = (size_t)(close - p) + 1;
                    continue;
                }
            }
        }
        *q++ = p[i++];
    }
    *q = '\0';
    return out;
}

static size_t base_window(const det_crule *r)
{
    return (r->def.flags & DET_MULTILINE) ? DET_WINDOW_MULTILINE : DET_WINDOW;
}

/* A pattern's own longest match widens its window, so a long bounded token
 * (a JWT, a key block) is confirmed whole. */
static size_t rule_window(const det_crule *r, unsigned flags)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *cerr = NULL;
    size_t w = base_window(r);

    if (hs_expression_info(r->def.pattern, flags, &info, &cerr) != HS_SUCCESS) {
        hs_free_compile_error(cerr);
        return w;
    }
    if (info->max_width != UINT_MAX && info->max_width > w)
        w = info->max_width < DET_WINDOW_MAX ? info->max_width : DET_WINDOW_MAX;
    free(info);
    return w;
}

static void cache_key(const det_ruleset *rs, char out[SC_HASH_HEX_LEN + 1])
{
    size_t n = 2 + 3 * rs->nrules + rs->nkws;
    sc_hash_part *parts = calloc(n, sizeof(*parts));
    char (*flagtxt)[16] = calloc(rs->nrules + 1, sizeof(*flagtxt));
    const char *ver = hs_version();
    size_t k = 0;

    if (parts == NULL || flagtxt == NULL) {
        /* Without memory for the key, use one that no file will have. */
        memset(out, '-', SC_HASH_HEX_LEN);
        out[SC_HASH_HEX_LEN] = '\0';
        free(parts);
        free(flagtxt);
        return;
    }
    parts[k++] = (sc_hash_part){ "rootle-prefilter-3", 18 };
    parts[k++] = (sc_hash_part){ ver, strlen(ver) };
    for (size_t i = 0; i < rs->nrules; i++) {
        const det_rule_def *d = &rs->rules[i].def;

        snprintf(flagtxt[i], sizeof(flagtxt[i]), "%u", det_hs_flags(d));
        parts[k++] = (sc_hash_part){ d->id, strlen(d->id) };
        parts[k++] = (sc_hash_part){ d->pattern, strlen(d->pattern) };
        parts[k++] = (sc_hash_part){ flagtxt[i], strlen(flagtxt[i]) };
    }
    for (size_t i = 0; i < rs->nkws; i++)
        parts[k++] = (sc_hash_part){ rs->kws[i].text, rs->kws[i].len };
    sc_hash_hex(parts, k, out);
    free(parts);
    free(flagtxt);
}

static char *default_cache_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *dir = NULL;

    if (xdg != NULL && xdg[0] == '/') {
        if (asprintf(&dir, "%s/rootle", xdg) < 0)
            return NULL;
    } else if (home != NULL && home[0] != '\0') {
        if (asprintf(&dir, "%s/.cache/rootle", home) < 0)
            return NULL;
    }
    return dir;
}

static bool mkdirs(const char *dir)
{
    char *p = strdup(dir);
    bool ok;

    if (p == NULL)
        return false;
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0700);
            *s = '/';
        }
    }
    ok = mkdir(p, 0700) == 0 || errno == EEXIST;
    free(p);
    return ok;
}

static void payload_digest(const uint32_t *meta, size_t nmeta, const char *db, size_t dblen,
                           char out[SC_HASH_HEX_LEN + 1])
{
    sc_hash_part parts[2] = { { meta, nmeta * sizeof(*meta) }, { db, dblen } };

    sc_hash_hex(parts, 2, out);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

/* Loads the cached database; false (silently) if absent or invalid. */
static bool cache_load(det_ruleset *rs, const char *path)
{
    size_t len = 0, nmeta = rs->nrules, head = sizeof(cache_magic) + nmeta * 4 + SC_HASH_HEX_LEN;
    char *buf = read_all(path, &len);
    char want[SC_HASH_HEX_LEN + 1];
    uint32_t *meta;
    bool ok = false;

    if (buf == NULL)
        return false;
    if (len <= head || memcmp(buf, cache_magic, sizeof(cache_magic)) != 0)
        goto out;
    meta = malloc(nmeta * 4 + 1);
    if (meta == NULL)
        goto out;
    memcpy(meta, buf + sizeof(cache_magic), nmeta * 4);
    payload_digest(meta, nmeta, buf + head, len - head, want);
    if (memcmp(want, buf + sizeof(cache_magic) + nmeta * 4, SC_HASH_HEX_LEN) == 0 &&
        hs_deserialize_database(buf + head, len - head, &rs->db) == HS_SUCCESS) {
        for (size_t i = 0; i < nmeta; i++) {
            rs->rules[i].fallback = (meta[i] & FALLBACK_BIT) != 0;
            rs->rules[i].window = meta[i] & ~FALLBACK_BIT;
        }
        ok = true;
    }
    free(meta);
out:
    free(buf);
    return ok;
}

/* Writes the database to path through a temporary file and rename, so a
 * reader never sees half a file. Failure only costs the next run a
 * compile, so it is silent. */
static void cache_store(const det_ruleset *rs, const char *dir, const char *path)
{
    char *db = NULL, *tmp = NULL;
    size_t dblen = 0, nmeta = rs->nrules;
    uint32_t *meta = malloc(nmeta * 4 + 1);
    char digest[SC_HASH_HEX_LEN + 1];
    FILE *f = NULL;
    bool ok;

    if (meta == NULL || !mkdirs(dir))
        goto out;
    if (hs_serialize_database(rs->db, &db, &dblen) != HS_SUCCESS)
        goto out;
    for (size_t i = 0; i < nmeta; i++)
        meta[i] = (uint32_t)rs->rules[i].window | (rs->rules[i].fallback ? FALLBACK_BIT : 0);
    payload_digest(meta, nmeta, db, dblen, digest);
    if (asprintf(&tmp, "%s.tmp.%ld", path, (long)getpid()) < 0) {
        tmp = NULL;
        goto out;
    }
    f = fopen(tmp, "wb");
    if (f == NULL)
        goto out;
    ok = fwrite(cache_magic, 1, sizeof(cache_magic), f) == sizeof(cache_magic) &&
         fwrite(meta, 4, nmeta, f) == nmeta &&
         fwrite(digest, 1, SC_HASH_HEX_LEN, f) == SC_HASH_HEX_LEN &&
         fwrite(db, 1, dblen, f) == dblen;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0)
        unlink(tmp);
out:
    free(tmp);
    free(meta);
    free(db);
}

/* Compiles the database, turning rules whose pattern Hyperscan rejects into
 * fallback rules and retrying. */
static sc_code compile_db(det_ruleset *rs, char *err, size_t errlen)
{
    size_t total = rs->nrules + rs->nkws;
    const char **exprs = calloc(total + 1, sizeof(*exprs));
    unsigned *flags = calloc(total + 1, sizeof(*flags));
    unsigned *ids = calloc(total + 1, sizeof(*ids));
    char **kwexpr = calloc(rs->nkws + 1, sizeof(*kwexpr));
    char **relaxed = calloc(rs->nrules + 1, sizeof(*relaxed));
    sc_code rc = SC_ENOMEM;

    if (exprs == NULL || flags == NULL || ids == NULL || kwexpr == NULL || relaxed == NULL)
        goto out;
    for (size_t k = 0; k < rs->nkws; k++) {
        if ((kwexpr[k] = keyword_expr(rs->kws[k].text)) == NULL)
            goto out;
    }
    for (size_t i = 0; i < rs->nrules; i++) {
        det_crule *r = &rs->rules[i];
        hs_expr_info_t *info = NULL;
        hs_compile_error_t *cerr = NULL;
        unsigned f = det_hs_flags(&r->def);

        if ((relaxed[i] = relax_repeats(r->def.pattern)) == NULL)
            goto out;
        /* A cheap per-pattern check catches most rejections before the
         * expensive multi-pattern compile. */
        if (hs_expression_info(relaxed[i], f, &info, &cerr) != HS_SUCCESS) {
            hs_free_compile_error(cerr);
            r->fallback = true;
        }
        free(info);
        r->window = r->fallback ? base_window(r) : rule_window(r, f);
    }
    for (;;) {
        hs_compile_error_t *cerr = NULL;
        size_t n = 0;

        for (size_t i = 0; i < rs->nrules; i++) {
            if (rs->rules[i].fallback)
                continue;
            exprs[n] = relaxed[i];
            flags[n] = det_hs_flags(&rs->rules[i].def);
            ids[n++] = (unsigned)i;
        }
        for (size_t k = 0; k < rs->nkws; k++) {
            exprs[n] = kwexpr[k];
            flags[n] = HS_FLAG_CASELESS;
            ids[n++] = (unsigned)(rs->nrules + k);
        }
        if (n == 0) {
            rc = SC_OK;     /* Nothing to prefilter: every scan finds nothing. */
            goto out;
        }
        if (hs_compile_multi(exprs, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &rs->db,
                             &cerr) == HS_SUCCESS) {
            rc = SC_OK;
            goto out;
        }
        if (cerr->expression >= 0 && (size_t)cerr->expression < n &&
            ids[cerr->expression] < rs->nrules) {
            det_crule *r = &rs->rules[ids[cerr->expression]];

            r->fallback = true;
            r->window = base_window(r);
            hs_free_compile_error(cerr);
            continue;
        }
        snprintf(err, errlen, "prefilter database does not compile: %s", cerr->message);
        hs_free_compile_error(cerr);
        rc = SC_EREGEX;
        goto out;
    }
out:
    if (kwexpr != NULL) {
        for (size_t k = 0; k < rs->nkws; k++)
            free(kwexpr[k]);
    }
    free(kwexpr);
    if (relaxed != NULL) {
        for (size_t i = 0; i < rs->nrules; i++)
            free(relaxed[i]);
    }
    free(relaxed);
    free(exprs);
    free(flags);
    free(ids);
    return rc;
}

/* Tells each keyword which fallback rules its hits stand in for. */
static sc_code link_fallbacks(det_ruleset *rs, char *err, size_t errlen)
{
    rs->nfallback = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        det_crule *r = &rs->rules[i];

        if (!r->fallback)
            continue;
        rs->nfallback++;
        if (r->nkw == 0) {
            snprintf(err, errlen,
                     "rule %s: Hyperscan cannot prefilter its pattern and it has no keywords",
                     r->def.id);
            return SC_EREGEX;
        }
        for (size_t j = 0; j < r->nkw; j++) {
            det_keyword *k = &rs->kws[r->kw[j]];
            uint32_t *v = realloc(k->fallback_rules, (k->nfallback + 1) * sizeof(*v));

            if (v == NULL)
                return SC_ENOMEM;
            k->fallback_rules = v;
            v[k->nfallback++] = (uint32_t)i;
        }
    }
    return SC_OK;
}

sc_code det_prefilter_build(det_ruleset *rs, const det_options *o, char *err, size_t errlen)
{
    uint64_t t0 = sc_now_ns();
    char key[SC_HASH_HEX_LEN + 1];
    char *dir = NULL, *path = NULL;
    sc_code rc;

    if (!o->no_cache) {
        dir = o->cache_dir != NULL ? strdup(o->cache_dir) : default_cache_dir();
        if (dir != NULL) {
            cache_key(rs, key);
            if (asprintf(&path, "%s/prefilter-%s.hsdb", dir, key) < 0)
                path = NULL;
        }
    }
    if (path != NULL && cache_load(rs, path)) {
        rs->info.from_cache = true;
    } else {
        rc = compile_db(rs, err, errlen);
        if (rc != SC_OK)
            goto out;
        if (path != NULL && rs->db != NULL)
            cache_store(rs, dir, path);
    }
    rc = link_fallbacks(rs, err, errlen);
    if (rc != SC_OK)
        goto out;
    if (rs->db != NULL && hs_alloc_scratch(rs->db, &rs->scratch) != HS_SUCCESS) {
        rc = SC_ENOMEM;
        goto out;
    }
    rs->info.compile_ns = sc_now_ns() - t0;
out:
    free(dir);
    free(path);
    return rc;
}
