/* src_ignore.c: gitignore-style patterns, matched component by component
 * with fnmatch(3). */
#include "sources/src_ignore.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct pattern {
    char **segs;        /* Components; "**" stands for any number of them. */
    size_t nsegs;
    bool negated;       /* Started with '!'. */
    bool dir_only;      /* Ended with '/'. */
    bool anchored;      /* Had a '/' before its end: matched from the root. */
} pattern;

/* Immutable after building; see the header. */
struct src_ignore {
    pattern *pats;
    size_t npats;
    size_t cap;
};

src_ignore *src_ignore_create(void)
{
    return calloc(1, sizeof(src_ignore));
}

static void pattern_free(pattern *p)
{
    for (size_t i = 0; i < p->nsegs; i++)
        free(p->segs[i]);
    free(p->segs);
}

void src_ignore_free(src_ignore *ig)
{
    if (ig == NULL)
        return;
    for (size_t i = 0; i < ig->npats; i++)
        pattern_free(&ig->pats[i]);
    free(ig->pats);
    free(ig);
}

size_t src_ignore_count(const src_ignore *ig)
{
    return ig->npats;
}

/* Drops trailing spaces that are not escaped, as git does: a pattern that
 * really ends in a space is written "foo\ ". */
static void trim_trailing_spaces(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        size_t bs = 0;

        while (bs < n - 1 && s[n - 2 - bs] == '\\')
            bs++;
        if (bs % 2 == 1)
            break;
        n--;
    }
    s[n] = '\0';
}

/* Splits body on '/' into p->segs, dropping empty components and folding
 * runs of "**" (which mean the same as one). */
static sc_code split_segments(pattern *p, char *body)
{
    size_t max = 1;

    for (const char *c = body; *c; c++)
        max += *c == '/';
    p->segs = calloc(max, sizeof(*p->segs));
    if (p->segs == NULL)
        return SC_ENOMEM;
    for (char *save = NULL, *tok = strtok_r(body, "/", &save); tok != NULL;
         tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, "**") == 0 && p->nsegs > 0 && strcmp(p->segs[p->nsegs - 1], "**") == 0)
            continue;
        p->segs[p->nsegs] = strdup(tok);
        if (p->segs[p->nsegs] == NULL)
            return SC_ENOMEM;
        p->nsegs++;
    }
    return SC_OK;
}

sc_code src_ignore_add_line(src_ignore *ig, const char *line)
{
    pattern p = { 0 };
    char *buf = strdup(line), *body;
    size_t n;
    sc_code rc = SC_OK;

    if (buf == NULL)
        return SC_ENOMEM;
    n = strcspn(buf, "\r\n");
    buf[n] = '\0';
    trim_trailing_spaces(buf);
    body = buf;
    if (*body == '\0' || *body == '#')
        goto out;
    if (*body == '!') {
        p.negated = true;
        body++;
    }
    /* "\#" and "\!" need nothing more: fnmatch reads an escaped character
     * as itself. */
    n = strlen(body);
    while (n > 0 && body[n - 1] == '/') {
        p.dir_only = true;
        body[--n] = '\0';
    }
    if (n == 0)
        goto out;
    p.anchored = strchr(body, '/') != NULL;
    rc = split_segments(&p, body);
    if (rc != SC_OK || p.nsegs == 0)
        goto out;
    if (ig->npats == ig->cap) {
        size_t cap = ig->cap ? ig->cap * 2 : 8;
        pattern *pats = realloc(ig->pats, cap * sizeof(*pats));

        if (pats == NULL) {
            rc = SC_ENOMEM;
            goto out;
        }
        ig->pats = pats;
        ig->cap = cap;
    }
    ig->pats[ig->npats++] = p;
    p.segs = NULL;
    p.nsegs = 0;
out:
    pattern_free(&p);
    free(buf);
    return rc;
}

sc_code src_ignore_add_file(src_ignore *ig, const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    FILE *f = NULL;
    struct stat st;
    char *line = NULL;
    size_t cap = 0;
    sc_code rc = SC_OK;
    int e;

    if (fd < 0) {
        e = errno;
        rc = e == ENOENT ? SC_ENOTFOUND : SC_EIO;
        goto fail;
    }
    if (fstat(fd, &st) != 0) {
        e = errno;
        rc = SC_EIO;
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        rc = SC_EIO;
        goto fail;
    }
    f = fdopen(fd, "r");
    if (f == NULL) {
        e = errno;
        rc = SC_EIO;
        goto fail;
    }
    fd = -1;
    errno = 0;
    while (getline(&line, &cap, f) >= 0) {
        rc = src_ignore_add_line(ig, line);
        if (rc != SC_OK)
            goto out;
    }
    if (ferror(f)) {
        e = errno ? errno : EIO;
        rc = SC_EIO;
        goto fail;
    }
    goto out;
fail:
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "%s: %s", path, strerror(e));
out:
    free(line);
    if (f != NULL)
        fclose(f);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Matches pattern components against path components. "**" takes any
 * number of components, except that a trailing one needs at least one: "a/"
 * "**" matches what is inside a, not a itself. */
static bool match_segs(char *const *pat, size_t np, char *const *path, size_t nq)
{
    while (np > 0) {
        if (strcmp(pat[0], "**") == 0) {
            if (np == 1)
                return nq >= 1;
            for (size_t skip = 0; skip <= nq; skip++) {
                if (match_segs(pat + 1, np - 1, path + skip, nq - skip))
                    return true;
            }
            return false;
        }
        if (nq == 0 || fnmatch(pat[0], path[0], FNM_PATHNAME) != 0)
            return false;
        pat++, np--;
        path++, nq--;
    }
    return nq == 0;
}

static bool pattern_matches(const pattern *p, char *const *comps, size_t ncomps, bool is_dir)
{
    if (p->dir_only && !is_dir)
        return false;
    if (ncomps == 0)
        return false;
    if (!p->anchored)
        return fnmatch(p->segs[0], comps[ncomps - 1], FNM_PATHNAME) == 0;
    return match_segs(p->segs, p->nsegs, comps, ncomps);
}

/* Splits rel into components in place (buf is a copy of rel). Returns the
 * count, or SIZE_MAX when out of memory; *out must be freed. */
static size_t split_path(char *buf, char ***out)
{
    size_t max = 1, n = 0;
    char **comps;

    for (const char *c = buf; *c; c++)
        max += *c == '/';
    comps = malloc(max * sizeof(*comps));
    *out = comps;
    if (comps == NULL)
        return SIZE_MAX;
    for (char *save = NULL, *tok = strtok_r(buf, "/", &save); tok != NULL;
         tok = strtok_r(NULL, "/", &save))
        comps[n++] = tok;
    return n;
}

static src_ignore_verdict verdict_of(const src_ignore *ig, char *const *comps, size_t n,
                                     bool is_dir)
{
    for (size_t i = ig->npats; i-- > 0;) {
        if (pattern_matches(&ig->pats[i], comps, n, is_dir))
            return ig->pats[i].negated ? SRC_IGNORE_NEGATED : SRC_IGNORE_MATCH;
    }
    return SRC_IGNORE_NONE;
}

src_ignore_verdict src_ignore_match(const src_ignore *ig, const char *rel, bool is_dir)
{
    char *buf, **comps = NULL;
    size_t n;
    src_ignore_verdict v = SRC_IGNORE_NONE;

    if (ig->npats == 0)
        return SRC_IGNORE_NONE;
    buf = strdup(rel);
    if (buf == NULL)
        return SRC_IGNORE_NONE;
    n = split_path(buf, &comps);
    if (n != SIZE_MAX)
        v = verdict_of(ig, comps, n, is_dir);
    free(comps);
    free(buf);
    return v;
}

bool src_ignore_covers(const src_ignore *ig, const char *rel, bool is_dir)
{
    char *buf, **comps = NULL;
    size_t n;
    bool hit = false;

    if (ig->npats == 0)
        return false;
    buf = strdup(rel);
    if (buf == NULL)
        return false;
    n = split_path(buf, &comps);
    if (n != SIZE_MAX) {
        /* Parents first, as a walk meets them: a matched directory covers
         * everything below it. */
        for (size_t depth = 1; depth <= n && !hit; depth++) {
            bool dir = depth < n || is_dir;

            hit = verdict_of(ig, comps, depth, dir) == SRC_IGNORE_MATCH;
        }
    }
    free(comps);
    free(buf);
    return hit;
}
