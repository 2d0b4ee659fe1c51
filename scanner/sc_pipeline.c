/* sc_pipeline.c: what each stage of the scan does with one item.
 *
 * These functions hold no threads of their own; sc_stage runs them on its
 * workers. Keeping them apart from the engine's wiring lets tests run any
 * one stage alone between two channels.
 */
#include "scanner/sc_pipeline.h"
#include "scanner/sc_outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sc_out_item_free(void *p)
{
    sc_out_item *it = p;

    if (it == NULL)
        return;
    sc_buf_free(&it->buf);
    free(it);
}

void sc_pipeline_env_init(sc_pipeline_env *env)
{
    pthread_mutex_init(&env->current_lock, NULL);
    env->current_path[0] = '\0';
}

void sc_pipeline_env_destroy(sc_pipeline_env *env)
{
    pthread_mutex_destroy(&env->current_lock);
}

/* ---- source ---- */

static sc_code source_produce(void *arg, void *state, sc_emit *out)
{
    sc_pipeline_env *env = arg;

    (void)state;
    return env->source->run(env->source->self, &env->ctx, out);
}

void sc_pipeline_source_ops(sc_pipeline_env *env, sc_stage_ops *ops)
{
    *ops = (sc_stage_ops){ .name = "source", .arg = env, .produce = source_produce,
                           .free_out = sc_chunk_free_item };
}

/* ---- detect ---- */

static void *detect_init(void *arg, unsigned index)
{
    sc_pipeline_env *env = arg;

    (void)index;
    return env->detector->worker_create(env->detector->self);
}

static void detect_free(void *arg, void *state)
{
    sc_pipeline_env *env = arg;

    env->detector->worker_free(env->detector->self, state);
}

static sc_code detect_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_pipeline_env *env = arg;
    sc_chunk *chunk = item;
    sc_code rc;

    if (pthread_mutex_trylock(&env->current_lock) == 0) {
        snprintf(env->current_path, sizeof(env->current_path), "%s", chunk->path);
        pthread_mutex_unlock(&env->current_lock);
    }
    rc = env->detector->scan(state, &env->ctx, chunk, out);

    sc_chunk_free(chunk);
    return rc;
}

void sc_pipeline_detect_ops(sc_pipeline_env *env, sc_stage_ops *ops)
{
    *ops = (sc_stage_ops){ .name = "detect", .arg = env, .worker_init = detect_init,
                           .worker_free = detect_free, .process = detect_process,
                           .free_out = sc_finding_free_item };
}

/* ---- verify ---- */

static void *verify_init(void *arg, unsigned index)
{
    sc_pipeline_env *env = arg;

    (void)index;
    if (env->verifier == NULL || env->verifier->worker_create == NULL)
        return env;     /* Any non-NULL state will do. */
    return env->verifier->worker_create(env->verifier->self);
}

static void verify_free(void *arg, void *state)
{
    sc_pipeline_env *env = arg;

    if (env->verifier != NULL && env->verifier->worker_free != NULL)
        env->verifier->worker_free(env->verifier->self, state);
}

static sc_code verify_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_pipeline_env *env = arg;
    sc_finding *f = item;

    atomic_fetch_add(&env->ctx.counters->findings, 1);
    f->verification = SC_VERIFY_SKIPPED;
    if (env->verifier != NULL)
        env->verifier->verify(state, &env->ctx, f);
    return sc_emit_send(out, f);
}

void sc_pipeline_verify_ops(sc_pipeline_env *env, sc_stage_ops *ops)
{
    *ops = (sc_stage_ops){ .name = "verify", .arg = env, .worker_init = verify_init,
                           .worker_free = verify_free, .process = verify_process,
                           .free_out = sc_finding_free_item };
}

/* ---- notify ---- */

static sc_code notify_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_pipeline_env *env = arg;
    sc_finding *f = item;
    sc_out_item *it;

    (void)state;
    if (env->suppress != NULL && env->suppress(env->suppress_arg, f)) {
        atomic_fetch_add(&env->ctx.counters->suppressed, 1);
        sc_finding_free(f);
        return SC_OK;
    }
    it = calloc(1, sizeof(*it));
    if (it == NULL) {
        sc_finding_free(f);
        return SC_ENOMEM;
    }
    it->verified = f->verification == SC_VERIFY_VERIFIED;
    env->notifier->format(env->notifier->self, f, &it->buf);
    sc_finding_free(f);
    if (it->buf.failed) {
        sc_out_item_free(it);
        return SC_ENOMEM;
    }
    return sc_emit_send(out, it);
}

void sc_pipeline_notify_ops(sc_pipeline_env *env, sc_stage_ops *ops)
{
    *ops = (sc_stage_ops){ .name = "notify", .arg = env, .process = notify_process,
                           .free_out = sc_out_item_free };
}

/* ---- write ---- */

int sc_pipeline_write(sc_pipeline_env *env, const void *data, size_t len)
{
    /* Through diag when there is one, so that output and the progress line
     * never share a terminal line. */
    int err = env->ctx.diag != NULL ? sc_diag_write(env->ctx.diag, env->out_fd, data, len)
                                    : sc_write_all(env->out_fd, data, len);

    if (err != 0) {
        atomic_store(&env->output_errno, err);
        atomic_store(&env->output_failed, true);
    }
    return err;
}

static sc_code write_process(void *arg, void *state, void *item, sc_emit *out)
{
    sc_pipeline_env *env = arg;
    sc_out_item *it = item;
    const char *sep = env->notifier != NULL ? env->notifier->separator : NULL;
    int err = 0;

    (void)state;
    (void)out;
    /* Only the writer knows which finding goes out first, so it alone puts
     * separators between findings (see sc_notifier.separator). */
    if (sep != NULL && atomic_load(&env->wrote_finding))
        err = sc_pipeline_write(env, sep, strlen(sep));
    if (err == 0)
        err = sc_pipeline_write(env, it->buf.data, it->buf.len);
    if (err != 0) {
        sc_out_item_free(it);
        if (env->on_output_error != NULL)
            env->on_output_error(env->on_output_error_arg, err);
        return SC_CANCELLED;
    }
    atomic_store(&env->wrote_finding, true);
    atomic_fetch_add(&env->ctx.counters->reported, 1);
    if (it->verified)
        atomic_fetch_add(&env->ctx.counters->reported_verified, 1);
    sc_out_item_free(it);
    return SC_OK;
}

void sc_pipeline_write_ops(sc_pipeline_env *env, sc_stage_ops *ops)
{
    *ops = (sc_stage_ops){ .name = "write", .arg = env, .process = write_process };
}
