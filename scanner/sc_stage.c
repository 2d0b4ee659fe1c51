/* sc_stage.c: worker pool between channels.
 *
 * DESIGN
 * Each stage owns its threads and nothing else: channels and tokens belong to
 * whoever wires the pipeline (the engine, or a test). A worker's life is
 *   init state -> loop { recv (timed) ; process ; sends (timed) } -> free
 * and, on the way out, it decrements the stage's count of running workers.
 * The worker that brings the count to zero closes the output channel. That
 * is the only place an output channel is closed, so downstream stages see
 * CLOSED exactly when every upstream worker is done, and the close cascades
 * down the pipeline: close -> drain -> join, in order.
 *
 * Timing is kept per worker (no sharing, no atomics in the hot path) and
 * summed after join. busy = total - blocked_in - blocked_out.
 */
#include "scanner/sc_stage.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct sc_emit {
    sc_stage *stage;        /* NULL for a callback emit. */
    uint64_t blocked_ns;    /* Owned by the worker thread. */
    uint64_t sent;          /* Owned by the worker thread. */
    sc_emit_fn fn;          /* Callback emits only; immutable. */
    void *fn_arg;
    sc_cancel *cancel;
    sc_free_fn free_item;
};

sc_emit *sc_emit_create_callback(sc_emit_fn fn, void *arg, sc_cancel *cancel,
                                 sc_free_fn free_item)
{
    sc_emit *e = calloc(1, sizeof(*e));

    if (e == NULL)
        return NULL;
    e->fn = fn;
    e->fn_arg = arg;
    e->cancel = cancel;
    e->free_item = free_item;
    return e;
}

void sc_emit_free(sc_emit *e)
{
    if (e != NULL && e->stage == NULL)
        free(e);
}

typedef struct worker {
    sc_stage *stage;
    unsigned index;
    pthread_t thread;
    bool started;
    sc_emit emit;
    uint64_t blocked_in_ns; /* Owned by the worker thread until join. */
    uint64_t total_ns;      /* Owned by the worker thread until join. */
    uint64_t cpu_ns;        /* Owned by the worker thread until join. */
    uint64_t received;      /* Owned by the worker thread until join. */
} worker;

struct sc_stage {
    sc_stage_ops ops;           /* Immutable after start. */
    sc_stage_config cfg;        /* Immutable after start. */
    worker *workers;            /* Immutable array; see worker for fields. */
    unsigned nstarted;          /* Immutable after start. */
    atomic_uint running;        /* Workers not yet finished. */
    _Atomic sc_code error;      /* First recorded error. */
    bool joined;                /* Touched only by the joining thread. */
};

sc_code sc_emit_send(sc_emit *e, void *item)
{
    sc_stage *s = e->stage;
    uint64_t t0;
    sc_code rc;

    if (s == NULL) {
        if (sc_cancel_fired(e->cancel)) {
            if (e->free_item != NULL)
                e->free_item(item);
            return SC_CANCELLED;
        }
        rc = e->fn(e->fn_arg, item);
        if (rc == SC_OK)
            e->sent++;
        return rc;
    }
    if (s->cfg.out == NULL) {
        if (s->ops.free_out != NULL)
            s->ops.free_out(item);
        return SC_OK;
    }
    t0 = sc_now_ns();
    rc = sc_chan_send(s->cfg.out, item, s->cfg.out_cancel);
    e->blocked_ns += sc_now_ns() - t0;
    if (rc == SC_OK)
        e->sent++;
    else if (s->ops.free_out != NULL)
        s->ops.free_out(item);
    return rc;
}

sc_cancel *sc_emit_cancel(sc_emit *e)
{
    return e->stage != NULL ? e->stage->cfg.in_cancel : e->cancel;
}

static void record_error(sc_stage *s, sc_code rc)
{
    sc_code expected = SC_OK;

    if (rc == SC_OK || rc == SC_CANCELLED || rc == SC_CLOSED)
        return;
    atomic_compare_exchange_strong(&s->error, &expected, rc);
}

static void worker_loop(worker *w, void *state)
{
    sc_stage *s = w->stage;
    sc_code rc;

    if (s->cfg.in == NULL) {
        record_error(s, s->ops.produce(s->ops.arg, state, &w->emit));
        return;
    }
    for (;;) {
        void *item;
        uint64_t t0 = sc_now_ns();

        rc = sc_chan_recv(s->cfg.in, &item, s->cfg.in_cancel);
        w->blocked_in_ns += sc_now_ns() - t0;
        if (rc != SC_OK)
            break;
        w->received++;
        rc = s->ops.process(s->ops.arg, state, item, &w->emit);
        if (rc == SC_CANCELLED || rc == SC_CLOSED)
            break;
        record_error(s, rc);
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    sc_stage *s = w->stage;
    uint64_t start = sc_now_ns();
    void *state = NULL;

    if (s->ops.worker_init != NULL) {
        state = s->ops.worker_init(s->ops.arg, w->index);
        if (state == NULL) {
            record_error(s, SC_ENOMEM);
            goto out;
        }
    }
    worker_loop(w, state);
    if (s->ops.worker_free != NULL)
        s->ops.worker_free(s->ops.arg, state);
out:
    w->total_ns = sc_now_ns() - start;
    {
        struct timespec ts;

        /* The thread's own CPU clock: wall time alone cannot tell a busy
         * thread from one waiting for a CPU. */
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
            w->cpu_ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    }
    /* The last worker out closes the door behind it. */
    if (atomic_fetch_sub(&s->running, 1) == 1 && s->cfg.out != NULL)
        sc_chan_close(s->cfg.out);
    return NULL;
}

sc_code sc_stage_start(const sc_stage_ops *ops, const sc_stage_config *cfg, sc_stage **out)
{
    sc_stage *s;

    *out = NULL;
    if (cfg->workers == 0 || (cfg->in == NULL ? ops->produce == NULL : ops->process == NULL))
        return SC_EINVAL;
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        return SC_ENOMEM;
    s->workers = calloc(cfg->workers, sizeof(worker));
    if (s->workers == NULL) {
        free(s);
        return SC_ENOMEM;
    }
    s->ops = *ops;
    s->cfg = *cfg;
    atomic_init(&s->error, SC_OK);
    /* Count every worker as running before any starts, so an early finisher
     * cannot close the output while others are still being created. */
    atomic_init(&s->running, cfg->workers);
    for (unsigned i = 0; i < cfg->workers; i++) {
        worker *w = &s->workers[i];

        w->stage = s;
        w->index = i;
        w->emit.stage = s;
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            /* Account for the workers that will never run, then unwind. */
            unsigned missing = cfg->workers - i;

            record_error(s, SC_ETHREAD);
            if (atomic_fetch_sub(&s->running, missing) == missing && cfg->out != NULL)
                sc_chan_close(cfg->out);
            s->nstarted = i;
            *out = s;
            return SC_ETHREAD;
        }
        w->started = true;
        s->nstarted = i + 1;
    }
    *out = s;
    return SC_OK;
}

void sc_stage_join(sc_stage *s)
{
    if (s->joined)
        return;
    for (unsigned i = 0; i < s->nstarted; i++) {
        if (s->workers[i].started)
            pthread_join(s->workers[i].thread, NULL);
    }
    s->joined = true;
}

void sc_stage_get_stats(const sc_stage *s, sc_stage_stats *st)
{
    *st = (sc_stage_stats){ 0 };
    st->name = s->ops.name;
    st->workers = s->cfg.workers;
    st->buffer = s->cfg.out != NULL ? sc_chan_capacity(s->cfg.out) : 0;
    for (unsigned i = 0; i < s->nstarted; i++) {
        const worker *w = &s->workers[i];
        uint64_t blocked = w->blocked_in_ns + w->emit.blocked_ns;

        st->items_in += w->received;
        st->items_out += w->emit.sent;
        st->blocked_in_ns += w->blocked_in_ns;
        st->blocked_out_ns += w->emit.blocked_ns;
        st->busy_ns += w->total_ns > blocked ? w->total_ns - blocked : 0;
        st->cpu_ns += w->cpu_ns;
    }
}

sc_code sc_stage_error(const sc_stage *s)
{
    return atomic_load(&((sc_stage *)s)->error);
}

void sc_stage_free(sc_stage *s)
{
    if (s == NULL)
        return;
    sc_stage_join(s);
    free(s->workers);
    free(s);
}
