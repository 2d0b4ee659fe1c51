/* fakes.c: test plugins (see fakes.h). */
#include "tests/support/fakes.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static sc_code fsrc_run(void *self, const sc_scan_ctx *ctx, sc_emit *out)
{
    fake_source *fs = self;
    size_t len = strlen(fs->text);

    for (int i = 0; i < fs->nchunks; i++) {
        char path[64];
        sc_chunk *c;
        sc_code rc;

        if (sc_cancel_fired(ctx->cancel))
            return SC_CANCELLED;
        snprintf(path, sizeof(path), "file%d.txt", i);
        c = sc_chunk_create(path, len);
        if (c == NULL)
            return SC_ENOMEM;
        memcpy(c->data, fs->text, len + 1);
        c->len = c->owned = len;
        atomic_fetch_add(&ctx->counters->files, 1);
        atomic_fetch_add(&ctx->counters->bytes, len);
        atomic_fetch_add(&ctx->counters->chunks, 1);
        rc = sc_emit_send(out, c);
        if (rc != SC_OK)
            return rc;
        atomic_fetch_add(&fs->sent, 1);
    }
    return SC_OK;
}

sc_source fake_source_plugin(fake_source *fs)
{
    return (sc_source){ fs, fsrc_run };
}

static void *fdet_create(void *self)
{
    return self;
}

static void fdet_free(void *self, void *worker)
{
    (void)self;
    (void)worker;
}

static sc_code fdet_scan(void *worker, const sc_scan_ctx *ctx, const sc_chunk *c, sc_emit *out)
{
    fake_detector *fd = worker;
    const char *p = (const char *)c->data;

    (void)ctx;
    if (fd->entered != NULL)
        sem_post(fd->entered);
    if (fd->gate != NULL)
        sem_wait(fd->gate);
    atomic_fetch_add(&fd->chunks, 1);
    while ((p = strstr(p, "TOKEN-")) != NULL) {
        size_t off = (size_t)(p - (const char *)c->data), n = 6;
        sc_finding *f;
        sc_code rc;

        while (isdigit((unsigned char)p[n]))
            n++;
        if (n > 6 && off < c->owned) {
            f = sc_finding_create("fake-rule", c->path, p, n, NULL);
            if (f == NULL)
                return SC_ENOMEM;
            sc_chunk_position(c, off, &f->line, &f->column);
            f->end_column = f->column + n;
            rc = sc_emit_send(out, f);
            if (rc != SC_OK)
                return rc;
        }
        p += n;
    }
    return SC_OK;
}

sc_detector fake_detector_plugin(fake_detector *fd)
{
    return (sc_detector){ fd, fdet_create, fdet_free, fdet_scan };
}

static void fver_verify(void *worker, const sc_scan_ctx *ctx, sc_finding *f)
{
    char last = f->secret[f->secret_len - 1];

    (void)worker;
    if (sc_cancel_fired(ctx->cancel)) {
        f->verification = SC_VERIFY_UNKNOWN;
        sc_finding_set(&f->verification_error, "verification interrupted");
        return;
    }
    f->verification = (last - '0') % 2 == 0 ? SC_VERIFY_VERIFIED : SC_VERIFY_UNVERIFIED;
}

sc_verifier fake_verifier_plugin(void)
{
    return (sc_verifier){ NULL, NULL, NULL, fver_verify };
}

static void fnt_begin(void *self, sc_buf *out)
{
    (void)self;
    sc_buf_puts(out, "BEGIN\n");
}

static void fnt_format(void *self, const sc_finding *f, sc_buf *out)
{
    fake_notifier *fn = self;

    atomic_fetch_add(&fn->formatted, 1);
    sc_buf_printf(out, "%s %s:%llu:%llu %s\n", f->rule_id, f->path,
                  (unsigned long long)f->line, (unsigned long long)f->column,
                  sc_verification_name(f->verification));
}

static void fnt_end(void *self, const sc_summary *s, sc_buf *out)
{
    fake_notifier *fn = self;

    fn->ended = true;
    sc_buf_printf(out, "END %llu\n", (unsigned long long)s->reported);
}

sc_notifier fake_notifier_plugin(fake_notifier *fn)
{
    return (sc_notifier){ .self = fn, .begin = fnt_begin, .format = fnt_format, .end = fnt_end };
}
