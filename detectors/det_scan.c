/* det_scan.c: the detector plugin: per-worker state, the prefilter pass,
 * window confirmation with PCRE2, and turning matches into findings.
 *
 * DESIGN
 * The detect stage runs scan() on many threads at once. The ruleset (the
 * Hyperscan database, the compiled PCRE2 patterns, the keyword tables) is
 * read-only after load and shared; everything a scan writes lives in its
 * det_worker (Hyperscan scratch cloned per worker, PCRE2 match data and JIT
 * stack, hit and window vectors, decode buffers, statistics). Statistics
 * are summed into the ruleset's atomics once, when the worker is freed. No
 * lock is taken while scanning.
 *
 * One frame (the chunk, or bytes a decoder produced) is scanned as:
 *   1. Hyperscan over the frame, once, with every rule's prefilter and every
 *      keyword. Each rule hit at end E opens the window [E - W, E + margin];
 *      overlapping windows of a rule merge as they arrive, so a dense run of
 *      hits costs one window. Keyword hits are recorded by position.
 *   2. Per rule, per window holding one of the rule's keywords, PCRE2 runs
 *      over the window only. A match is kept if it starts before the
 *      frame's owned limit and a keyword lies within its own window.
 *   3. Filters, inline ignore and same-rule dedup; then the finding is held
 *      until the chunk is done, when findings of different rules for one
 *      secret are collapsed (det_dedup.c) and the rest are sent.
 */
#include "detectors/det_scan.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/sc_stats.h"

/* --- small vectors --- */

static bool winvec_push(det_winvec *v, size_t ws, size_t we)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        det_win *p = realloc(v->v, cap * sizeof(*p));

        if (p == NULL)
            return false;
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = (det_win){ ws, we };
    return true;
}

static bool posvec_push(det_posvec *v, size_t pos)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        size_t *p = realloc(v->v, cap * sizeof(*p));

        if (p == NULL)
            return false;
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = pos;
    return true;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

static int cmp_win(const void *a, const void *b)
{
    const det_win *x = a, *y = b;

    return x->ws < y->ws ? -1 : x->ws > y->ws;
}

/* --- worker --- */

static void worker_destroy(det_worker *w)
{
    const det_ruleset *rs;

    if (w == NULL)
        return;
    rs = w->rs;
    for (size_t i = 0; w->wins != NULL && i < rs->nrules; i++)
        free(w->wins[i].v);
    free(w->wins);
    for (size_t k = 0; w->kwpos != NULL && k < rs->nkws; k++)
        free(w->kwpos[k].v);
    free(w->kwpos);
    free(w->touched);
    free(w->kwtouched);
    free(w->seen);
    det_pending_discard(w);
    free(w->pending.v);
    for (unsigned d = 0; d < DET_DECODE_DEPTH_MAX; d++) {
        free(w->dbuf[d]);
        free(w->spans[d].v);
    }
    free(w->ns);
    free(w->hits);
    free(w->matches);
    pcre2_match_data_free(w->md);
    pcre2_match_context_free(w->mctx);
    pcre2_jit_stack_free(w->jit);
    hs_free_scratch(w->scratch);
    free(w);
}

static void *worker_create(void *self)
{
    det_ruleset *rs = self;
    det_worker *w = calloc(1, sizeof(*w));

    if (w == NULL)
        return NULL;
    w->rs = rs;
    if (rs->scratch != NULL && hs_clone_scratch(rs->scratch, &w->scratch) != HS_SUCCESS)
        goto fail;
    w->md = pcre2_match_data_create(rs->max_groups, NULL);
    w->mctx = pcre2_match_context_create(NULL);
    /* The default 32 KiB JIT stack is too small for some patterns over an
     * 8 KiB multiline window; each worker has its own, grown on demand. */
    w->jit = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, NULL);
    w->wins = calloc(rs->nrules + 1, sizeof(*w->wins));
    w->touched = calloc(rs->nrules + 1, sizeof(*w->touched));
    w->kwpos = calloc(rs->nkws + 1, sizeof(*w->kwpos));
    w->kwtouched = calloc(rs->nkws + 1, sizeof(*w->kwtouched));
    w->ns = calloc(rs->nall + 1, sizeof(*w->ns));
    w->hits = calloc(rs->nall + 1, sizeof(*w->hits));
    w->matches = calloc(rs->nall + 1, sizeof(*w->matches));
    if (w->md == NULL || w->mctx == NULL || w->wins == NULL || w->touched == NULL ||
        w->kwpos == NULL || w->kwtouched == NULL || w->ns == NULL || w->hits == NULL ||
        w->matches == NULL)
        goto fail;
    if (w->jit != NULL)
        pcre2_jit_stack_assign(w->mctx, NULL, w->jit);
    return w;
fail:
    worker_destroy(w);
    return NULL;
}

static void worker_free(void *self, void *wv)
{
    det_ruleset *rs = self;
    det_worker *w = wv;

    if (w == NULL)
        return;
    for (size_t i = 0; i < rs->nall; i++) {
        atomic_fetch_add(&rs->rules[i].stat_ns, w->ns[i]);
        atomic_fetch_add(&rs->rules[i].stat_hits, w->hits[i]);
        atomic_fetch_add(&rs->rules[i].stat_matches, w->matches[i]);
    }
    worker_destroy(w);
}

/* --- dedup of (rule, offset, secret) within a chunk --- */

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static bool seen_insert(det_worker *w, uint32_t rule, uint64_t offset,
                        const unsigned char *secret, size_t n, bool *dup)
{
    uint64_t sh = fnv1a(secret, n);
    uint64_t key = (sh ^ (offset * 0x9E3779B97F4A7C15ULL) ^ rule) | 1;

    *dup = false;
    if (2 * (w->nseen + 1) > w->seencap) {
        size_t cap = w->seencap ? w->seencap * 2 : 64;
        det_seen *t = calloc(cap, sizeof(*t));

        if (t == NULL)
            return false;
        for (size_t i = 0; i < w->seencap; i++) {
            if (w->seen[i].key == 0)
                continue;
            size_t j = w->seen[i].key & (cap - 1);

            while (t[j].key != 0)
                j = (j + 1) & (cap - 1);
            t[j] = w->seen[i];
        }
        free(w->seen);
        w->seen = t;
        w->seencap = cap;
    }
    for (size_t j = key & (w->seencap - 1);; j = (j + 1) & (w->seencap - 1)) {
        det_seen *e = &w->seen[j];

        if (e->key == 0) {
            *e = (det_seen){ key, rule, offset, sh, (uint32_t)n };
            w->nseen++;
            return true;
        }
        if (e->key == key && e->rule == rule && e->offset == offset && e->secret_hash == sh &&
            e->secret_len == (uint32_t)n) {
            *dup = true;
            return true;
        }
    }
}

static void seen_clear(det_worker *w)
{
    if (w->nseen > 0)
        memset(w->seen, 0, w->seencap * sizeof(*w->seen));
    w->nseen = 0;
}

/* --- hits --- */

typedef struct hit_ctx {
    det_scan *s;
    const det_frame *f;
} hit_ctx;

static bool add_hit(det_worker *w, const det_frame *f, size_t r, size_t end, size_t after)
{
    det_winvec *v = &w->wins[r];
    size_t W = w->rs->rules[r].window;
    size_t ws = end > W ? end - W : 0;
    size_t we = end + after < f->len ? end + after : f->len;

    v->hits++;
    if (v->n == 0)
        w->touched[w->ntouched++] = r;
    if (v->n > 0 && ws <= v->v[v->n - 1].we && we >= v->v[v->n - 1].ws) {
        det_win *last = &v->v[v->n - 1];

        if (we > last->we)
            last->we = we;
        if (ws < last->ws)
            last->ws = ws;
        return true;
    }
    return winvec_push(v, ws, we);
}

static int on_hit(unsigned int id, unsigned long long from, unsigned long long to,
                  unsigned int flags, void *arg)
{
    hit_ctx *h = arg;
    det_worker *w = h->s->w;
    const det_ruleset *rs = w->rs;
    bool ok = true;

    (void)from;
    (void)flags;
    if (id < rs->nrules) {
        ok = add_hit(w, h->f, id, (size_t)to, DET_MARGIN);
    } else {
        size_t k = id - rs->nrules;
        const det_keyword *kw = &rs->kws[k];

        if (w->kwpos[k].n == 0)
            w->kwtouched[w->nkwtouched++] = k;
        ok = posvec_push(&w->kwpos[k], (size_t)to);
        for (size_t j = 0; ok && j < kw->nfallback; j++) {
            size_t r = kw->fallback_rules[j];

            ok = add_hit(w, h->f, r, (size_t)to, rs->rules[r].window);
        }
    }
    if (!ok) {
        w->oom = true;
        return 1;   /* Stops the scan. */
    }
    return 0;
}

static void reset_frame_state(det_worker *w)
{
    for (size_t i = 0; i < w->ntouched; i++) {
        w->wins[w->touched[i]].n = 0;
        w->wins[w->touched[i]].hits = 0;
    }
    w->ntouched = 0;
    for (size_t i = 0; i < w->nkwtouched; i++)
        w->kwpos[w->kwtouched[i]].n = 0;
    w->nkwtouched = 0;
}

/* True if one of rule r's keywords lies wholly within [lo, hi). */
static bool keyword_in(const det_worker *w, const det_crule *r, size_t lo, size_t hi)
{
    if (r->nkw == 0)
        return true;
    for (size_t j = 0; j < r->nkw; j++) {
        const det_posvec *pv = &w->kwpos[r->kw[j]];
        size_t need = lo + w->rs->kws[r->kw[j]].len;
        size_t a = 0, b = pv->n;

        /* Keyword hit ends are sorted: find the first end >= need. */
        while (a < b) {
            size_t m = a + (b - a) / 2;

            if (pv->v[m] < need)
                a = m + 1;
            else
                b = m;
        }
        if (a < pv->n && pv->v[a] <= hi)
            return true;
    }
    return false;
}

/* --- findings --- */

static void position(det_scan *s, size_t off, uint64_t *line, uint64_t *col)
{
    /* Findings mostly come in increasing offset order, so carrying a cursor
     * keeps positions linear on a 300 KB line. */
    if (off < s->pos_off) {
        s->pos_off = 0;
        s->pos_line = s->chunk->line;
        s->pos_col = s->chunk->column;
    }
    sc_position_advance(s->chunk->data + s->pos_off, off - s->pos_off, &s->pos_line,
                        &s->pos_col);
    s->pos_off = off;
    *line = s->pos_line;
    *col = s->pos_col;
}

static bool line_has_ignore(const sc_chunk *c, size_t off)
{
    const unsigned char *start = c->data, *end = c->data + c->len, *p;

    p = off > 0 ? memrchr(c->data, '\n', off) : NULL;
    if (p != NULL)
        start = p + 1;
    p = memchr(c->data + off, '\n', c->len - off);
    if (p != NULL)
        end = p;
    return memmem(start, (size_t)(end - start), "rootle:ignore", 13) != NULL;
}

static void secret_bounds(const det_crule *r, const PCRE2_SIZE *ov, int rc, size_t *s, size_t *e)
{
    uint32_t g = r->secret_group;

    *s = ov[0];
    *e = ov[1];
    if (g > 0 && (int)g < rc && ov[2 * g] != PCRE2_UNSET) {
        *s = ov[2 * g];
        *e = ov[2 * g + 1];
    }
}

static bool has_related(const sc_finding *f, const unsigned char *p, size_t n)
{
    if (n == f->secret_len && memcmp(f->secret, p, n) == 0)
        return true;
    for (size_t i = 0; i < f->nrelated; i++) {
        if (strlen(f->related[i]) == n && memcmp(f->related[i], p, n) == 0)
            return true;
    }
    return false;
}

/* The neighbourhood of [ms, me) in which partner secrets are looked for:
 * DET_PAIR_LINES lines and DET_PAIR_BYTES bytes either way. */
static void neighbourhood(const det_frame *f, size_t ms, size_t me, size_t *lo, size_t *hi)
{
    size_t nl = 0;

    *lo = ms > DET_PAIR_BYTES ? ms - DET_PAIR_BYTES : 0;
    *hi = me + DET_PAIR_BYTES < f->len ? me + DET_PAIR_BYTES : f->len;
    for (size_t i = ms; i > *lo; i--) {
        if (f->buf[i - 1] == '\n' && ++nl > DET_PAIR_LINES) {
            *lo = i;
            break;
        }
    }
    nl = 0;
    for (size_t i = me; i < *hi; i++) {
        if (f->buf[i] == '\n' && ++nl > DET_PAIR_LINES) {
            *hi = i;
            break;
        }
    }
}

/* Adds to fd the values re finds in [lo, hi) (the secret group of rule pr if
 * given). Returns -1 on ENOMEM, else how many matches there were. */
static int add_related(det_worker *w, const det_frame *f, const det_crule *pr,
                       const pcre2_code *re, size_t lo, size_t hi, sc_finding *fd)
{
    size_t off = lo;
    int found = 0;

    while (off < hi) {
        int rc = pcre2_match(re, f->buf, hi, off, 0, w->md, w->mctx);
        PCRE2_SIZE *ov;
        size_t ms, me, s, e;

        if (rc < 0)
            break;
        ov = pcre2_get_ovector_pointer(w->md);
        ms = ov[0];
        me = ov[1];
        if (pr != NULL) {
            secret_bounds(pr, ov, rc, &s, &e);
        } else {
            s = ms;
            e = me;
            if (rc > 1 && ov[2] != PCRE2_UNSET) {
                s = ov[2];
                e = ov[3];
            }
        }
        off = me > ms ? me : ms + 1;
        if (e <= s || (pr != NULL && det_filter_reject(pr, w->md, f->buf, f->len, s, e)))
            continue;
        found++;
        if (!has_related(fd, f->buf + s, e - s) &&
            sc_finding_add_related(fd, (const char *)f->buf + s, e - s) != 0)
            return -1;
    }
    return found;
}

/* Builds the finding for rule r's secret f->buf[ss, se) matched as
 * [ms, me) and holds it for the chunk's dedup. False when the scan must
 * stop. */
static bool report(det_scan *s, const det_frame *f, size_t ri, size_t ms, size_t me, size_t ss,
                   size_t se)
{
    det_worker *w = s->w;
    const det_crule *r = &w->rs->rules[ri];
    const sc_chunk *c = s->chunk;
    size_t coff = f->depth > 0 ? f->span_start : ss;
    uint64_t line, col, eline, ecol;
    sc_finding *fd;
    bool dup;

    if (det_filter_reject(r, w->md, f->buf, f->len, ss, se))
        return true;
    /* A decoder that left the secret as it was added nothing: the frame
     * that holds the encoded bytes reports it. */
    if (f->depth > 0 && memmem(f->enc, f->enclen, f->buf + ss, se - ss) != NULL)
        return true;
    if (line_has_ignore(c, coff))
        return true;
    if (!seen_insert(w, (uint32_t)ri, coff, f->buf + ss, se - ss, &dup)) {
        s->rc = SC_ENOMEM;
        return false;
    }
    if (dup)
        return true;
    fd = sc_finding_create(r->def.id, c->path, (const char *)f->buf + ss, se - ss,
                           f->depth > 0 ? f->decoder : NULL);
    if (fd == NULL || sc_finding_set(&fd->rule_description, r->def.description) != 0 ||
        sc_finding_set(&fd->rule_url, r->def.url) != 0 ||
        sc_finding_set(&fd->commit, c->commit) != 0 ||
        sc_finding_set(&fd->author, c->author) != 0 || sc_finding_set(&fd->date, c->date) != 0)
        goto nomem;
    position(s, coff, &line, &col);
    eline = line;
    ecol = col;
    if (f->depth > 0)
        sc_position_advance(c->data + f->span_start, f->span_end - f->span_start, &eline, &ecol);
    else
        sc_position_advance(f->buf + ss, se - ss, &eline, &ecol);
    fd->line = line;
    fd->column = col;
    fd->end_column = ecol;
    fd->offset = c->offset + coff;
    if (r->partner >= 0 || r->ncompanions > 0) {
        size_t lo, hi;

        neighbourhood(f, ms, me, &lo, &hi);
        if (r->partner >= 0) {
            const det_crule *pr = &w->rs->rules[r->partner];

            if (add_related(w, f, pr, pr->re, lo, hi, fd) < 0)
                goto nomem;
        }
        for (size_t i = 0; i < r->ncompanions; i++) {
            int n = add_related(w, f, NULL, r->companions[i].re, lo, hi, fd);

            if (n < 0)
                goto nomem;
            if (n == 0) {
                /* Every named regex of a custom rule must match. */
                sc_finding_free(fd);
                return true;
            }
        }
    }
    if (!det_pending_push(w, &(det_pending){ .fd = fd, .coff = coff, .fs = ss, .fe = se,
                                             .frame = s->frame, .rule = (uint32_t)ri })) {
        s->rc = SC_ENOMEM;
        return false;
    }
    return true;
nomem:
    sc_finding_free(fd);
    s->rc = SC_ENOMEM;
    return false;
}

static bool confirm_window(det_scan *s, const det_frame *f, size_t ri, size_t ws, size_t we)
{
    det_worker *w = s->w;
    const det_crule *r = &w->rs->rules[ri];
    size_t off = ws;

    while (off < we) {
        int rc = pcre2_match(r->re, f->buf, we, off, 0, w->md, w->mctx);
        PCRE2_SIZE *ov;
        size_t ms, me, ss, se, next, klo, khi;

        /* No match, or a limit hit on pathological input: either way this
         * window has nothing more to give. */
        if (rc < 0)
            break;
        ov = pcre2_get_ovector_pointer(w->md);
        ms = ov[0];
        me = ov[1];
        secret_bounds(r, ov, rc, &ss, &se);
        next = me > ms ? me : ms + 1;
        if (ms >= f->owned)
            break;
        klo = me > r->window ? me - r->window : 0;
        khi = me + DET_MARGIN < f->len ? me + DET_MARGIN : f->len;
        if (se > ss && keyword_in(w, r, klo, khi) && !report(s, f, ri, ms, me, ss, se))
            return false;
        off = next;
    }
    return true;
}

bool det_scan_frame(det_scan *s, const det_frame *f)
{
    det_worker *w = s->w;
    const det_ruleset *rs = w->rs;
    hit_ctx h = { s, f };

    s->frame++;
    reset_frame_state(w);
    if (rs->db == NULL || f->len == 0)
        return true;
    if (hs_scan(rs->db, (const char *)f->buf, (unsigned int)f->len, 0, w->scratch, on_hit, &h) !=
            HS_SUCCESS &&
        w->oom) {
        s->rc = SC_ENOMEM;
        return false;
    }
    for (size_t i = 0; i < w->nkwtouched; i++) {
        det_posvec *pv = &w->kwpos[w->kwtouched[i]];

        for (size_t j = 1; j < pv->n; j++) {
            if (pv->v[j] < pv->v[j - 1]) {
                qsort(pv->v, pv->n, sizeof(*pv->v), cmp_size);
                break;
            }
        }
    }
    /* Rules in catalogue order, so findings come out in a stable order. */
    qsort(w->touched, w->ntouched, sizeof(*w->touched), cmp_size);
    for (size_t i = 0; i < w->ntouched; i++) {
        size_t ri = w->touched[i];
        const det_crule *r = &rs->rules[ri];
        det_winvec *v = &w->wins[ri];
        uint64_t t0 = sc_now_ns();
        size_t m = 0;
        bool go = true;

        /* Hits arrive nearly sorted; a final sort and merge makes the
         * windows disjoint so no byte is confirmed twice. */
        qsort(v->v, v->n, sizeof(*v->v), cmp_win);
        for (size_t j = 1; j < v->n; j++) {
            if (v->v[j].ws <= v->v[m].we) {
                if (v->v[j].we > v->v[m].we)
                    v->v[m].we = v->v[j].we;
            } else {
                v->v[++m] = v->v[j];
            }
        }
        v->n = v->n > 0 ? m + 1 : 0;
        for (size_t j = 0; go && j < v->n; j++) {
            if (keyword_in(w, r, v->v[j].ws, v->v[j].we))
                go = confirm_window(s, f, ri, v->v[j].ws, v->v[j].we);
        }
        w->ns[ri] += sc_now_ns() - t0;
        w->hits[ri] += v->hits;
        if (!go)
            return false;
    }
    return true;
}

static sc_code scan(void *wv, const sc_scan_ctx *ctx, const sc_chunk *chunk, sc_emit *out)
{
    det_worker *w = wv;
    det_scan s = { w, chunk, out, NULL, SC_OK, 0, 0, chunk->line, chunk->column };
    det_frame f = { chunk->data, chunk->len, chunk->owned <= chunk->len ? chunk->owned : chunk->len,
                    0, false, 0, 0, NULL, 0, "plain" };

    (void)ctx;
    s.cancel = sc_emit_cancel(out);
    w->oom = false;
    seen_clear(w);
    if (det_scan_frame(&s, &f) && w->rs->max_decode_depth > 0)
        det_decode_frame(&s, &f);
    if (s.rc == SC_OK)
        return det_pending_flush(w, out);
    det_pending_discard(w);
    return s.rc;
}

sc_detector det_ruleset_detector(det_ruleset *rs)
{
    sc_detector d = { rs, worker_create, worker_free, scan };

    return d;
}
