/* sc_engine.c: wires source, detect, verify, notify and the writer.
 *
 * DESIGN
 * The engine owns five channels' worth of plumbing and five stages:
 *
 *   stage    workers       reads with   sends with   output channel
 *   source   1             -            cancel       chunks   (100)
 *   detect   conc x 3      cancel       abort        findings (1000)
 *   verify   conc x 2      abort        abort        results  (100)
 *   notify   conc x 1      abort        abort        output   (100)
 *   write    1             abort        -            -
 *
 * Why two tokens: on SIGINT the user wants the scan to stop, but not to lose
 * what it already found. Firing cancel stops the source and makes detect
 * stop taking chunks; a detect worker finishes the chunk in hand and sends
 * its findings with the abort token, which has not fired, so they reach
 * verify. Verify sees cancel and stops making requests. Each stage's last
 * worker closes the next channel, so the pipeline drains and closes in
 * order, and run() joins the stages in the same order. abort stops
 * everything at once, for a dead output (EPIPE) or a second signal.
 *
 * The writer is the single thread that touches out_fd while stages run, so
 * findings are never interleaved. begin() and end() are written by the
 * engine thread before the writer starts and after it is joined.
 */
#include "scanner/sc_engine.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ST_SOURCE, ST_DETECT, ST_VERIFY, ST_NOTIFY, ST_WRITE };

/* One formatted finding on its way to the writer. */
typedef struct out_item {
    sc_buf buf;
    bool verified;
} out_item;

struct sc_engine {
    sc_engine_config cfg;       /* Immutable after create. */
    sc_cancel *cancel;          /* Graceful stop. */
    sc_cancel *abort;           /* Hard stop. */
    sc_counters counters;       /* Atomics; any thread. */
    sc_scan_ctx ctx;            /* Immutable; handed to plugins. */
    atomic_bool output_failed;  /* Set by the writer. */
    uint64_t start_ns;          /* Set by run before any thread starts. */
    bool running;               /* Touched only by the thread calling run. */
    bool wrote_finding;         /* Touched only by the writer thread, and by
                                 * run before the writer starts. */
};

static void out_item_free(void *p)
{
    out_item *it = p;

    if (it == NULL)
        return;
    sc_buf_free(&it->buf);
    free(it);
}

unsigned sc_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (unsigned)n : 1;
}

void sc_engine_config_defaults(sc_engine_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->detect_per_cpu = 3;
    cfg->verify_per_cpu = 2;
    cfg->notify_per_cpu = 1;
    cfg->chunk_buffer = 100;
    cfg->finding_buffer = 1000;
    cfg->result_buffer = 100;
    cfg->output_buffer = 100;
    cfg->out_fd = STDOUT_FILENO;
}

sc_code sc_engine_create(const sc_engine_config *cfg, sc_engine **out)
{
    sc_engine *e;

    *out = NULL;
    if (cfg->source == NULL || cfg->detector == NULL || cfg->notifier == NULL ||
        cfg->diag == NULL || cfg->detect_per_cpu == 0 || cfg->verify_per_cpu == 0 ||
        cfg->notify_per_cpu == 0 || cfg->chunk_buffer == 0 || cfg->finding_buffer == 0 ||
        cfg->result_buffer == 0 || cfg->output_buffer == 0)
        return SC_EINVAL;
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return SC_ENOMEM;
    e->cfg = *cfg;
    if (e->cfg.concurrency == 0)
        e->cfg.concurrency = sc_cpu_count();
    e->cancel = sc_cancel_create();
    e->abort = sc_cancel_create();
    if (e->cancel == NULL || e->abort == NULL) {
        sc_engine_free(e);
        return SC_ENOMEM;
    }
    e->ctx.diag = cfg->diag;
    e->ctx.counters = &e->counters;
    e->ctx.cancel = e->cancel;
    *out = e;
    return SC_OK;
}

void sc_engine_free(sc_engine *e)
{
    if (e == NULL)
        return;
    sc_cancel_free(e->cancel);
    sc_cancel_free(e->abort);
    free(e);
}

void sc_engine_cancel(sc_engine *e)
{
    sc_cancel_fire(e->cancel);
}

void sc_engine_abort(sc_engine *e)
{
    /* A hard stop is also a stop: the source must not keep reading. */
    sc_cancel_fire(e->cancel);
    sc_cancel_fire(e->abort);
}

/* Writes all of buf, retrying short writes. Returns 0 or an errno. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* ---- source ---- */

static sc_code source_produce(void *arg, void *state, sc_emit *out)
{
    sc_engine *e = arg;

    (void)state;
    return e->cfg.source->run(e->cfg.source->self, &e->ctx, out);
}

/* ---- detect ---- */

static void *detect_init(void *arg, unsigned index)
{
    sc_engine *e = arg;

    (void)index;
    return e->cfg.detector->worker_create(e->cfg.detector->self);
}

static void detect_free(void *arg, void *state)
{
    sc_engine *e = arg;

    e->cfg.detector->worker_free(e->cfg.detector->self, state);
}

static sc_code detect_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_engine *e = arg;
    sc_chunk *chunk = item;
    sc_code rc = e->cfg.detector->scan(state, &e->ctx, chunk, out);

    sc_chunk_free(chunk);
    return rc;
}

/* ---- verify ---- */

static void *verify_init(void *arg, unsigned index)
{
    sc_engine *e = arg;

    (void)index;
    if (e->cfg.verifier == NULL || e->cfg.verifier->worker_create == NULL)
        return e;   /* Any non-NULL state will do. */
    return e->cfg.verifier->worker_create(e->cfg.verifier->self);
}

static void verify_free(void *arg, void *state)
{
    sc_engine *e = arg;

    if (e->cfg.verifier != NULL && e->cfg.verifier->worker_free != NULL)
        e->cfg.verifier->worker_free(e->cfg.verifier->self, state);
}

static sc_code verify_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_engine *e = arg;
    sc_finding *f = item;

    atomic_fetch_add(&e->counters.findings, 1);
    f->verification = SC_VERIFY_SKIPPED;
    if (e->cfg.verifier != NULL)
        e->cfg.verifier->verify(state, &e->ctx, f);
    return sc_emit_send(out, f);
}

/* ---- notify ---- */

static sc_code notify_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_engine *e = arg;
    sc_finding *f = item;
    out_item *it;

    (void)state;
    if (e->cfg.suppress != NULL && e->cfg.suppress(e->cfg.suppress_arg, f)) {
        atomic_fetch_add(&e->counters.suppressed, 1);
        sc_finding_free(f);
        return SC_OK;
    }
    it = calloc(1, sizeof(*it));
    if (it == NULL) {
        sc_finding_free(f);
        return SC_ENOMEM;
    }
    it->verified = f->verification == SC_VERIFY_VERIFIED;
    e->cfg.notifier->format(e->cfg.notifier->self, f, &it->buf);
    sc_finding_free(f);
    if (it->buf.failed) {
        out_item_free(it);
        return SC_ENOMEM;
    }
    return sc_emit_send(out, it);
}

/* ---- write ---- */

static sc_code write_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_engine *e = arg;
    out_item *it = item;
    const char *sep = e->cfg.notifier->separator;
    int err;

    (void)state;
    (void)out;
    err = 0;
    if (e->wrote_finding && sep != NULL)
        err = write_all(e->cfg.out_fd, sep, strlen(sep));
    if (err == 0)
        err = write_all(e->cfg.out_fd, it->buf.data, it->buf.len);
    e->wrote_finding = true;
    if (err != 0) {
        atomic_store(&e->output_failed, true);
        /* A closed pipe is the reader saying it has seen enough. */
        if (err != EPIPE)
            sc_diag_error(e->cfg.diag, NULL, "cannot write the report: %s", strerror(err));
        out_item_free(it);
        sc_engine_abort(e);
        return SC_CANCELLED;
    }
    atomic_fetch_add(&e->counters.reported, 1);
    if (it->verified)
        atomic_fetch_add(&e->counters.reported_verified, 1);
    out_item_free(it);
    return SC_OK;
}

/* ---- run ---- */

static void fill_counts(sc_engine *e, sc_summary *s)
{
    sc_counters *c = &e->counters;

    s->files = atomic_load(&c->files);
    s->bytes = atomic_load(&c->bytes);
    s->chunks = atomic_load(&c->chunks);
    s->findings = atomic_load(&c->findings);
    s->reported = atomic_load(&c->reported);
    s->reported_verified = atomic_load(&c->reported_verified);
    s->suppressed = atomic_load(&c->suppressed);
    s->verifications = atomic_load(&c->verifications);
    s->skipped_binary = atomic_load(&c->skipped_binary);
    s->skipped_large = atomic_load(&c->skipped_large);
    s->skipped_special = atomic_load(&c->skipped_special);
    s->skipped_excluded = atomic_load(&c->skipped_excluded);
    s->scan_errors = atomic_load(&c->scan_errors);
    s->interrupted = sc_cancel_fired(e->cancel);
    s->output_failed = atomic_load(&e->output_failed);
}

void sc_engine_progress(sc_engine *e, sc_summary *snapshot)
{
    memset(snapshot, 0, sizeof(*snapshot));
    fill_counts(e, snapshot);
    snapshot->wall_ns = sc_now_ns() - e->start_ns;
}

static void write_direct(sc_engine *e, sc_buf *b)
{
    int err;

    if (b->len == 0 || atomic_load(&e->output_failed))
        return;
    err = write_all(e->cfg.out_fd, b->data, b->len);
    if (err != 0) {
        atomic_store(&e->output_failed, true);
        if (err != EPIPE)
            sc_diag_error(e->cfg.diag, NULL, "cannot write the report: %s", strerror(err));
    }
}

sc_code sc_engine_run(sc_engine *e, sc_summary *summary)
{
    const sc_engine_config *cfg = &e->cfg;
    sc_chan *chunks = NULL, *findings = NULL, *results = NULL, *output = NULL;
    sc_stage *stages[SC_STAGE_COUNT] = { NULL };
    uint64_t cpu0 = sc_cpu_ns();
    sc_buf buf = SC_BUF_INIT;
    sc_code rc = SC_OK;
    unsigned conc = cfg->concurrency;

    memset(summary, 0, sizeof(*summary));
    e->start_ns = sc_now_ns();
    e->running = true;
    e->wrote_finding = false;
    chunks = sc_chan_create(cfg->chunk_buffer, sc_chunk_free_item);
    findings = sc_chan_create(cfg->finding_buffer, sc_finding_free_item);
    results = sc_chan_create(cfg->result_buffer, sc_finding_free_item);
    output = sc_chan_create(cfg->output_buffer, out_item_free);
    if (chunks == NULL || findings == NULL || results == NULL || output == NULL) {
        rc = SC_ENOMEM;
        goto out;
    }

    cfg->notifier->begin(cfg->notifier->self, &buf);
    write_direct(e, &buf);

    {
        const struct {
            sc_stage_ops ops;
            sc_stage_config cfg;
        } plan[SC_STAGE_COUNT] = {
            [ST_SOURCE] = { { "source", e, NULL, NULL, NULL, source_produce, sc_chunk_free_item },
                            { 1, NULL, chunks, e->cancel, e->cancel } },
            [ST_DETECT] = { { "detect", e, detect_init, detect_free, detect_process, NULL,
                              sc_finding_free_item },
                            { conc * cfg->detect_per_cpu, chunks, findings, e->cancel, e->abort } },
            [ST_VERIFY] = { { "verify", e, verify_init, verify_free, verify_process, NULL,
                              sc_finding_free_item },
                            { conc * cfg->verify_per_cpu, findings, results, e->abort, e->abort } },
            [ST_NOTIFY] = { { "notify", e, NULL, NULL, notify_process, NULL, out_item_free },
                            { conc * cfg->notify_per_cpu, results, output, e->abort, e->abort } },
            [ST_WRITE] = { { "write", e, NULL, NULL, write_process, NULL, NULL },
                           { 1, output, NULL, e->abort, e->abort } },
        };

        /* Start from the sink so every consumer exists before its producer. */
        for (int i = SC_STAGE_COUNT - 1; i >= 0; i--) {
            sc_code src = sc_stage_start(&plan[i].ops, &plan[i].cfg, &stages[i]);

            if (src != SC_OK) {
                rc = src;
                sc_engine_abort(e);
                /* Producers that never started must still close their
                 * output, or the stages after them would wait forever. */
                if (stages[i] == NULL && plan[i].cfg.out != NULL)
                    sc_chan_close(plan[i].cfg.out);
                for (int j = i - 1; j >= 0; j--) {
                    if (plan[j].cfg.out != NULL)
                        sc_chan_close(plan[j].cfg.out);
                }
                break;
            }
        }
    }

    /* close -> drain -> join, in pipeline order. */
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        if (stages[i] == NULL)
            continue;
        sc_stage_join(stages[i]);
        sc_stage_get_stats(stages[i], &summary->stages[i]);
        if (rc == SC_OK && sc_stage_error(stages[i]) != SC_OK)
            rc = sc_stage_error(stages[i]);
    }

    summary->wall_ns = sc_now_ns() - e->start_ns;
    summary->cpu_ns = sc_cpu_ns() - cpu0;
    fill_counts(e, summary);
    sc_buf_reset(&buf);
    cfg->notifier->end(cfg->notifier->self, summary, &buf);
    write_direct(e, &buf);
    summary->output_failed = atomic_load(&e->output_failed);
    if (rc == SC_OK && summary->interrupted && !summary->output_failed)
        rc = SC_CANCELLED;
out:
    for (int i = 0; i < SC_STAGE_COUNT; i++)
        sc_stage_free(stages[i]);
    sc_chan_free(chunks);
    sc_chan_free(findings);
    sc_chan_free(results);
    sc_chan_free(output);
    sc_buf_free(&buf);
    e->running = false;
    return rc;
}
