/* src_fs_walk.c: walks one path argument with fts(3).
 *
 * fts gives the walk its robustness: it never recurses, keeps one
 * directory open at a time (FTS_NOCHDIR: the engine's other threads share
 * our working directory, so the walk must not chdir), and with
 * FTS_LOGICAL it flags a directory that is its own ancestor as FTS_DC,
 * which is how symlink loops are found. FTS_COMFOLLOW follows a symlink
 * named as the argument itself, like find -H.
 */
#include "sources/src_fs_priv.h"

#include <errno.h>
#include <fts.h>
#include <search.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dev_ino {
    dev_t dev;
    ino_t ino;
} dev_ino;

static int dev_ino_cmp(const void *a, const void *b)
{
    const dev_ino *x = a, *y = b;

    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return 0;
}

bool src_fs_seen(src_fs_scan *s, const struct stat *st)
{
    dev_ino *key = malloc(sizeof(*key));
    dev_ino **node;

    if (key == NULL)
        return false;
    key->dev = st->st_dev;
    key->ino = st->st_ino;
    node = tsearch(key, &s->seen, dev_ino_cmp);
    if (node == NULL) {
        free(key);
        return false;
    }
    if (*node != key) {
        free(key);
        return true;
    }
    return false;
}

/* The state of walking one argument. */
typedef struct root_walk {
    src_fs_scan *s;
    const char *root;       /* The argument, trailing slashes folded to one. */
    size_t rootlen;
    src_ignore *rootignore; /* The root's .rootleignore; NULL if none. */
} root_walk;

/* The path relative to the root, which globs are matched against. A file
 * named as the argument itself is matched by its basename. */
static const char *relative_path(const root_walk *w, const FTSENT *e)
{
    const char *rel;

    if (e->fts_level == FTS_ROOTLEVEL) {
        rel = strrchr(w->root, '/');
        return rel != NULL ? rel + 1 : w->root;
    }
    rel = e->fts_path + w->rootlen;
    while (*rel == '/')
        rel++;
    return rel;
}

/* True if the ignore file, the root's .rootleignore or --exclude leaves
 * rel out. They are consulted in that order and the last that has an
 * opinion wins, so a '!' line in .rootleignore can take back a line of the
 * --ignore-file. */
static bool is_excluded(const root_walk *w, const char *rel, bool is_dir)
{
    const src_ignore *order[3] = { w->s->fs->ignore_file, w->rootignore, w->s->fs->exclude };
    src_ignore_verdict v = SRC_IGNORE_NONE;

    for (size_t i = 0; i < 3; i++) {
        if (order[i] != NULL) {
            src_ignore_verdict r = src_ignore_match(order[i], rel, is_dir);

            if (r != SRC_IGNORE_NONE)
                v = r;
        }
    }
    return v == SRC_IGNORE_MATCH;
}

static void load_rootignore(root_walk *w)
{
    char *path = NULL, err[512];
    bool slash = w->rootlen > 0 && w->root[w->rootlen - 1] == '/';
    sc_code rc;

    if (asprintf(&path, "%s%s.rootleignore", w->root, slash ? "" : "/") < 0)
        return;
    w->rootignore = src_ignore_create();
    if (w->rootignore == NULL)
        goto out;
    rc = src_ignore_add_file(w->rootignore, path, err, sizeof(err));
    if (rc == SC_EIO) {
        /* err already reads "PATH: reason". */
        sc_diag_error(w->s->ctx->diag, NULL, "%s", err);
        atomic_fetch_add(&w->s->ctx->counters->scan_errors, 1);
    }
    if (rc != SC_OK) {
        src_ignore_free(w->rootignore);
        w->rootignore = NULL;
    }
out:
    free(path);
}

static void visit_dir(root_walk *w, FTS *fts, FTSENT *e)
{
    const src_fs *fs = w->s->fs;

    if (e->fts_level == FTS_ROOTLEVEL) {
        if (fs->follow_symlinks)
            (void)src_fs_seen(w->s, e->fts_statp);
        load_rootignore(w);
        return;
    }
    if (!fs->scan_git_dir && strcmp(e->fts_name, ".git") == 0) {
        fts_set(fts, e, FTS_SKIP);
        return;
    }
    if (is_excluded(w, relative_path(w, e), true)) {
        atomic_fetch_add(&w->s->ctx->counters->skipped_excluded, 1);
        fts_set(fts, e, FTS_SKIP);
        return;
    }
    /* Two symlinks to one directory are not a loop, but walking it twice
     * would scan every file in it twice, and a few such links per level
     * make the walk exponential. */
    if (fs->follow_symlinks && src_fs_seen(w->s, e->fts_statp))
        fts_set(fts, e, FTS_SKIP);
}

/* Applies the file filters; true if the file is to be left out. */
static bool filtered_out(const root_walk *w, const FTSENT *e)
{
    const src_fs *fs = w->s->fs;
    const char *rel = relative_path(w, e);

    if (is_excluded(w, rel, false) ||
        (fs->include != NULL && !src_ignore_covers(fs->include, rel, false))) {
        atomic_fetch_add(&w->s->ctx->counters->skipped_excluded, 1);
        return true;
    }
    return false;
}

static sc_code visit_file(root_walk *w, FTSENT *e)
{
    const src_fs *fs = w->s->fs;

    if (filtered_out(w, e))
        return SC_OK;
    if (fs->follow_symlinks && src_fs_seen(w->s, e->fts_statp))
        return SC_OK;
    /* A symlink named as the argument was followed on purpose; one met in
     * the walk must not be followed when the walk is physical. */
    return src_fs_scan_file(w->s, e->fts_path,
                            !fs->follow_symlinks && e->fts_level > FTS_ROOTLEVEL);
}

static void visit_special(root_walk *w, FTSENT *e)
{
    if (filtered_out(w, e))
        return;
    atomic_fetch_add(&w->s->ctx->counters->skipped_special, 1);
    sc_diag_warn(w->s->ctx->diag, e->fts_path, "not a regular file (%s)",
                 src_fs_kind_of(e->fts_statp->st_mode));
}

static sc_code visit(root_walk *w, FTS *fts, FTSENT *e)
{
    const sc_scan_ctx *ctx = w->s->ctx;

    switch (e->fts_info) {
    case FTS_D:
        visit_dir(w, fts, e);
        return SC_OK;
    case FTS_F:
        return visit_file(w, e);
    case FTS_DC:
        sc_diag_warn(ctx->diag, e->fts_path, "symlink loop (leads back to %s); not descended",
                     e->fts_cycle != NULL ? e->fts_cycle->fts_path : "an ancestor");
        return SC_OK;
    case FTS_DNR:
    case FTS_ERR:
    case FTS_NS:
        src_fs_report_error(w->s, e->fts_path, e->fts_errno);
        return SC_OK;
    case FTS_SLNONE:
        /* A dangling link named on the command line is a missing input; one
         * met in a logical walk is just a broken link. */
        if (e->fts_level == FTS_ROOTLEVEL)
            src_fs_report_error(w->s, e->fts_path, ENOENT);
        else
            sc_diag_info(ctx->diag, e->fts_path, "dangling symlink");
        return SC_OK;
    case FTS_SL:
        sc_diag_info(ctx->diag, e->fts_path, "symlink not followed (use --follow-symlinks)");
        return SC_OK;
    case FTS_DEFAULT:
        visit_special(w, e);
        return SC_OK;
    default:
        /* FTS_DP (directory, post-order), FTS_DOT, FTS_NSOK: nothing to do. */
        return SC_OK;
    }
}

/* Sorts each directory by name (bytewise), so that a scan of the same
 * tree reads files in the same order whatever the filesystem returns. */
static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* Copies arg with any run of trailing slashes folded to one: fts appends
 * "/name" after dropping one trailing slash, so "dir/" walks as "dir/sub"
 * and "dir//" would walk as "dir//sub". */
static char *fold_trailing_slashes(const char *arg)
{
    char *root = strdup(arg);
    size_t n;

    if (root == NULL)
        return NULL;
    n = strlen(root);
    while (n > 1 && root[n - 1] == '/' && root[n - 2] == '/')
        root[--n] = '\0';
    return root;
}

sc_code src_fs_walk(src_fs_scan *s, const char *arg)
{
    root_walk w = { .s = s };
    char *root = fold_trailing_slashes(arg);
    char *argv[2] = { root, NULL };
    int opts = FTS_NOCHDIR | FTS_COMFOLLOW |
               (s->fs->follow_symlinks ? FTS_LOGICAL : FTS_PHYSICAL);
    FTS *fts = NULL;
    FTSENT *e;
    sc_code rc = SC_OK;

    if (root == NULL)
        return SC_ENOMEM;
    w.root = root;
    w.rootlen = strlen(root);
    fts = fts_open(argv, opts, by_name);
    if (fts == NULL) {
        src_fs_report_error(s, arg, errno);
        goto out;
    }
    for (;;) {
        errno = 0;
        e = fts_read(fts);
        if (e == NULL) {
            if (errno != 0)
                src_fs_report_error(s, arg, errno);
            break;
        }
        if (sc_cancel_fired(s->ctx->cancel)) {
            rc = SC_CANCELLED;
            break;
        }
        rc = visit(&w, fts, e);
        if (rc != SC_OK)
            break;
    }
out:
    if (fts != NULL)
        fts_close(fts);
    src_ignore_free(w.rootignore);
    free(root);
    return rc;
}
