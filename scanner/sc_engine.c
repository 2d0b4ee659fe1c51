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
#include "scanner/sc_pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ST_SOURCE, ST_DETECT, ST_VERIFY, ST_NOTIFY, ST_WRITE };

struct sc_engine {
    sc_engine_config cfg;       /* Immutable after create. */
    sc_cancel *cancel;          /* Graceful stop. */
    sc_cancel *abort;           /* Hard stop. */
    sc_counters counters;       /* Atomics; any thread. */
    sc_pipeline_env env;        /* What the stages share; see sc_pipeline.h. */
    _Atomic uint64_t start_ns;  /* Set by run; read by progress. */
};

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

static void say_output_error(sc_engine *e, int err)
{
    /* A closed pipe is the reader saying it has seen enough: stop quietly. */
    if (err != EPIPE)
        sc_diag_error(e->cfg.diag, NULL, "cannot write the report: %s", strerror(err));
}

static void on_output_error(void *arg, int err)
{
    sc_engine *e = arg;

    say_output_error(e, err);
    sc_engine_abort(e);
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
    e->env.ctx.diag = cfg->diag;
    e->env.ctx.counters = &e->counters;
    e->env.ctx.cancel = e->cancel;
    e->env.source = cfg->source;
    e->env.detector = cfg->detector;
    e->env.verifier = cfg->verifier;
    e->env.notifier = cfg->notifier;
    e->env.suppress = cfg->suppress;
    e->env.suppress_arg = cfg->suppress_arg;
    e->env.out_fd = cfg->out_fd;
    e->env.on_output_error = on_output_error;
    e->env.on_output_error_arg = e;
    sc_pipeline_env_init(&e->env);
    *out = e;
    return SC_OK;
}

void sc_engine_free(sc_engine *e)
{
    if (e == NULL)
        return;
    if (e->cancel != NULL && e->abort != NULL)
        sc_pipeline_env_destroy(&e->env);
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
    s->output_failed = atomic_load(&e->env.output_failed);
    s->output_errno = atomic_load(&e->env.output_errno);
}

void sc_engine_progress(sc_engine *e, sc_summary *snapshot, char *path, size_t pathlen)
{
    memset(snapshot, 0, sizeof(*snapshot));
    fill_counts(e, snapshot);
    snapshot->wall_ns = sc_now_ns() - atomic_load(&e->start_ns);
    if (path != NULL && pathlen > 0) {
        pthread_mutex_lock(&e->env.current_lock);
        snprintf(path, pathlen, "%s", e->env.current_path);
        pthread_mutex_unlock(&e->env.current_lock);
    }
}

static void write_direct(sc_engine *e, sc_buf *b)
{
    int err;

    if (b->len == 0 || atomic_load(&e->env.output_failed))
        return;
    err = sc_pipeline_write(&e->env, b->data, b->len);
    if (err != 0)
        say_output_error(e, err);
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
    chunks = sc_chan_create(cfg->chunk_buffer, sc_chunk_free_item);
    findings = sc_chan_create(cfg->finding_buffer, sc_finding_free_item);
    results = sc_chan_create(cfg->result_buffer, sc_finding_free_item);
    output = sc_chan_create(cfg->output_buffer, sc_out_item_free);
    if (chunks == NULL || findings == NULL || results == NULL || output == NULL) {
        rc = SC_ENOMEM;
        goto out;
    }

    cfg->notifier->begin(cfg->notifier->self, &buf);
    write_direct(e, &buf);

    {
        sc_stage_ops ops[SC_STAGE_COUNT];
        const sc_stage_config scfg[SC_STAGE_COUNT] = {
            [ST_SOURCE] = { 1, NULL, chunks, e->cancel, e->cancel },
            [ST_DETECT] = { conc * cfg->detect_per_cpu, chunks, findings, e->cancel, e->abort },
            [ST_VERIFY] = { conc * cfg->verify_per_cpu, findings, results, e->abort, e->abort },
            [ST_NOTIFY] = { conc * cfg->notify_per_cpu, results, output, e->abort, e->abort },
            [ST_WRITE] = { 1, output, NULL, e->abort, e->abort },
        };

        sc_pipeline_source_ops(&e->env, &ops[ST_SOURCE]);
        sc_pipeline_detect_ops(&e->env, &ops[ST_DETECT]);
        sc_pipeline_verify_ops(&e->env, &ops[ST_VERIFY]);
        sc_pipeline_notify_ops(&e->env, &ops[ST_NOTIFY]);
        sc_pipeline_write_ops(&e->env, &ops[ST_WRITE]);
        /* Start from the sink so every consumer exists before its producer. */
        for (int i = SC_STAGE_COUNT - 1; i >= 0; i--) {
            sc_code src = sc_stage_start(&ops[i], &scfg[i], &stages[i]);

            if (src != SC_OK) {
                rc = src;
                sc_engine_abort(e);
                /* Producers that never started must still close their
                 * output, or the stages after them would wait forever. */
                if (stages[i] == NULL && scfg[i].out != NULL)
                    sc_chan_close(scfg[i].out);
                for (int j = i - 1; j >= 0; j--) {
                    if (scfg[j].out != NULL)
                        sc_chan_close(scfg[j].out);
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
    summary->output_failed = atomic_load(&e->env.output_failed);
    summary->output_errno = atomic_load(&e->env.output_errno);
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
    return rc;
}
