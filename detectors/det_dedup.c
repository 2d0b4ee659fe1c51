/* det_dedup.c: one finding per secret. A chunk's findings are held back
 * until the whole chunk (every decode frame included) has been scanned;
 * then findings that are one secret at one place are collapsed, and the
 * survivors are sent in offset order.
 *
 * Two findings are at the same place if
 *   - they have the same secret bytes at the same chunk offset (a decoded
 *     finding's offset is its encoded span's, so this also joins the same
 *     secret reached through two decoders), or
 *   - they were found in the same frame and one's secret lies within the
 *     other's. A generic rule often takes a little more or less than the
 *     token a specific rule knows the shape of (a quote, a "Bearer "
 *     prefix, a whole connection string around a password); these are one
 *     credential, and the contained-or-containing specific finding says
 *     more about it than the generic one. Secrets that merely overlap are
 *     kept apart: neither is a reading of the other.
 *
 * Of two findings at the same place the lower ranked one is dropped. Rank:
 * a rule without DET_GENERIC over a generic one, then a rule that can be
 * verified, then the earlier rule in catalogue order, then the earlier
 * find. Ranking is a strict total order and a finding is dropped exactly
 * when some finding at its place outranks it, so the result does not depend
 * on the order findings were made in.
 *
 * The held findings are those the chunk would have sent anyway, so the
 * buffer is bounded by the chunk's own output.
 */
#include "detectors/det_scan.h"

#include <stdlib.h>
#include <string.h>

bool det_pending_push(det_worker *w, const det_pending *p)
{
    det_pendvec *v = &w->pending;

    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        det_pending *t = realloc(v->v, cap * sizeof(*t));

        if (t == NULL) {
            sc_finding_free(p->fd);
            return false;
        }
        v->v = t;
        v->cap = cap;
    }
    v->v[v->n] = *p;
    v->v[v->n].seq = (uint32_t)v->n;
    v->v[v->n].drop = false;
    v->n++;
    return true;
}

void det_pending_discard(det_worker *w)
{
    for (size_t i = 0; i < w->pending.n; i++)
        sc_finding_free(w->pending.v[i].fd);
    w->pending.n = 0;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}

/* Frame, then start, then the longer span first: a span is followed by the
 * spans that start inside it. */
static int cmp_frame(const void *a, const void *b)
{
    const det_pending *x = a, *y = b;
    int c;

    if ((c = cmp_u64(x->frame, y->frame)) != 0 || (c = cmp_u64(x->fs, y->fs)) != 0 ||
        (c = cmp_u64(y->fe, x->fe)) != 0)
        return c;
    return cmp_u64(x->seq, y->seq);
}

static int cmp_offset_len(const void *a, const void *b)
{
    const det_pending *x = a, *y = b;
    int c;

    if ((c = cmp_u64(x->coff, y->coff)) != 0 ||
        (c = cmp_u64(x->fd->secret_len, y->fd->secret_len)) != 0)
        return c;
    return cmp_u64(x->seq, y->seq);
}

/* The order findings are sent in: by place, then catalogue order. */
static int cmp_emit(const void *a, const void *b)
{
    const det_pending *x = a, *y = b;
    int c;

    if ((c = cmp_u64(x->coff, y->coff)) != 0 || (c = cmp_u64(x->rule, y->rule)) != 0)
        return c;
    return cmp_u64(x->seq, y->seq);
}

static bool outranks(const det_ruleset *rs, const det_pending *a, const det_pending *b)
{
    const det_crule *ra = &rs->rules[a->rule], *rb = &rs->rules[b->rule];
    bool ga = (ra->def.flags & DET_GENERIC) != 0, gb = (rb->def.flags & DET_GENERIC) != 0;

    if (ga != gb)
        return gb;
    if (ra->verifiable != rb->verifiable)
        return ra->verifiable;
    if (a->rule != b->rule)
        return a->rule < b->rule;
    return a->seq < b->seq;
}

static void same_place(const det_ruleset *rs, det_pending *a, det_pending *b)
{
    if (outranks(rs, a, b))
        b->drop = true;
    else
        a->drop = true;
}

static void resolve(const det_ruleset *rs, det_pending *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_frame);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && v[j].frame == v[i].frame && v[j].fs < v[i].fe; j++) {
            /* v[j] starts within v[i] (or with it, and is no longer). */
            if (v[j].fe <= v[i].fe)
                same_place(rs, &v[i], &v[j]);
        }
    }
    qsort(v, n, sizeof(*v), cmp_offset_len);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && v[j].coff == v[i].coff &&
                               v[j].fd->secret_len == v[i].fd->secret_len;
             j++) {
            if (memcmp(v[i].fd->secret, v[j].fd->secret, v[i].fd->secret_len) == 0)
                same_place(rs, &v[i], &v[j]);
        }
    }
}

sc_code det_pending_flush(det_worker *w, sc_emit *out)
{
    det_pending *v = w->pending.v;
    size_t n = w->pending.n;
    sc_code rc = SC_OK;

    if (n == 0)
        return SC_OK;
    if (n > 1)
        resolve(w->rs, v, n);
    qsort(v, n, sizeof(*v), cmp_emit);
    for (size_t i = 0; i < n; i++) {
        sc_finding *fd = v[i].fd;

        v[i].fd = NULL;
        if (v[i].drop || rc != SC_OK) {
            sc_finding_free(fd);
            continue;
        }
        /* Statistics count what is reported, so the winner's rule only. */
        w->matches[v[i].rule]++;
        rc = sc_emit_send(out, fd);
    }
    w->pending.n = 0;
    return rc;
}
