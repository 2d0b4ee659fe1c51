/* src_fs.c: the filesystem source's settings and its engine plugin. The
 * walk is in src_fs_walk.c, the reading in src_fs_read.c. */
#include "sources/src_fs_priv.h"

#include <search.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void src_fs_options_defaults(src_fs_options *o)
{
    memset(o, 0, sizeof(*o));
    o->max_file_size = 100u * 1024 * 1024;
    o->chunk_size = 64 * 1024;
    o->peek_size = 4 * 1024;
}

__attribute__((format(printf, 3, 4)))
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Builds a matcher from command-line globs; *out stays NULL when there are
 * none. */
static sc_code globs_matcher(const char *const *globs, size_t n, src_ignore **out)
{
    sc_code rc = SC_OK;

    *out = NULL;
    if (n == 0)
        return SC_OK;
    *out = src_ignore_create();
    if (*out == NULL)
        return SC_ENOMEM;
    for (size_t i = 0; i < n && rc == SC_OK; i++)
        rc = src_ignore_add_line(*out, globs[i]);
    return rc;
}

sc_code src_fs_create(const src_fs_options *o, src_fs **out, char *err, size_t errlen)
{
    src_fs *s = NULL;
    sc_code rc;

    if (out != NULL)
        *out = NULL;
    if (o == NULL || out == NULL || (o->npaths > 0 && o->paths == NULL) ||
        (o->ninclude > 0 && o->include_globs == NULL) ||
        (o->nexclude > 0 && o->exclude_globs == NULL)) {
        set_err(err, errlen, "invalid filesystem source options");
        return SC_EINVAL;
    }
    if (o->chunk_size == 0 || o->chunk_size > SIZE_MAX / 2 ||
        o->peek_size > SIZE_MAX / 2 - o->chunk_size) {
        set_err(err, errlen, "invalid chunk size %zu or peek size %zu", o->chunk_size,
                o->peek_size);
        return SC_EINVAL;
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        goto nomem;
    s->follow_symlinks = o->follow_symlinks;
    s->scan_binary = o->scan_binary;
    s->scan_git_dir = o->scan_git_dir;
    s->max_file_size = o->max_file_size;
    s->chunk_size = o->chunk_size;
    s->peek_size = o->peek_size;
    s->paths = calloc(o->npaths + 1, sizeof(*s->paths));
    if (s->paths == NULL)
        goto nomem;
    for (; s->npaths < o->npaths; s->npaths++) {
        s->paths[s->npaths] = strdup(o->paths[s->npaths]);
        if (s->paths[s->npaths] == NULL)
            goto nomem;
    }
    if (globs_matcher(o->include_globs, o->ninclude, &s->include) != SC_OK ||
        globs_matcher(o->exclude_globs, o->nexclude, &s->exclude) != SC_OK)
        goto nomem;
    if (o->ignore_file != NULL) {
        s->ignore_file = src_ignore_create();
        if (s->ignore_file == NULL)
            goto nomem;
        rc = src_ignore_add_file(s->ignore_file, o->ignore_file, err, errlen);
        if (rc == SC_ENOMEM)
            goto nomem;
        if (rc != SC_OK) {
            /* add_file has written "PATH: reason" into err. */
            src_fs_free(s);
            return SC_ECONFIG;
        }
    }
    *out = s;
    return SC_OK;
nomem:
    set_err(err, errlen, "%s", sc_strerror(SC_ENOMEM));
    src_fs_free(s);
    return SC_ENOMEM;
}

void src_fs_free(src_fs *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->npaths; i++)
        free(s->paths[i]);
    free(s->paths);
    src_ignore_free(s->include);
    src_ignore_free(s->exclude);
    src_ignore_free(s->ignore_file);
    free(s);
}

static sc_code fs_run(void *self, const sc_scan_ctx *ctx, sc_emit *out)
{
    const src_fs *fs = self;
    src_fs_scan scan = { .fs = fs, .ctx = ctx, .out = out };
    size_t window = fs->chunk_size + fs->peek_size;
    sc_code rc = SC_OK;

    scan.cap = window > SRC_FS_SNIFF_SIZE ? window : SRC_FS_SNIFF_SIZE;
    scan.buf = malloc(scan.cap);
    if (scan.buf == NULL)
        return SC_ENOMEM;
    for (size_t i = 0; i < fs->npaths && rc == SC_OK; i++) {
        if (sc_cancel_fired(ctx->cancel))
            rc = SC_CANCELLED;
        else if (strcmp(fs->paths[i], "-") == 0)
            rc = src_fs_scan_stdin(&scan);
        else
            rc = src_fs_walk(&scan, fs->paths[i]);
    }
    tdestroy(scan.seen, free);
    free(scan.buf);
    return rc;
}

sc_source src_fs_source(src_fs *s)
{
    sc_source src = { s, fs_run };

    return src;
}
