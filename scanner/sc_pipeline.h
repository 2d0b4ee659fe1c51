/* sc_pipeline.h: the stage behaviours the engine wires together, exposed so
 * that each stage can be run and tested alone with a fed channel.
 *
 * Each function fills an sc_stage_ops whose arg is env; env must outlive
 * the stage. The engine (sc_engine.c) is the only production user.
 */
#ifndef SC_PIPELINE_H
#define SC_PIPELINE_H

#include <pthread.h>
#include <stdatomic.h>

#include "scanner/sc_engine.h"

/* What the stage behaviours share. */
typedef struct sc_pipeline_env {
    sc_scan_ctx ctx;            /* diag, counters, cancel token. */
    sc_source *source;
    sc_detector *detector;
    sc_verifier *verifier;      /* May be NULL: findings stay skipped. */
    sc_notifier *notifier;
    bool (*suppress)(void *arg, const sc_finding *f);
    void *suppress_arg;
    int out_fd;                 /* For the writer. */
    /* Called by the writer when out_fd fails, so the owner can stop the
     * scan (the engine aborts). May be NULL. */
    void (*on_output_error)(void *arg, int err);
    void *on_output_error_arg;
    atomic_bool output_failed;  /* Set by the writer. */
    atomic_int output_errno;    /* Why, set with output_failed. */
    atomic_bool wrote_finding;  /* Set by the writer after the first finding;
                                 * it decides where separators go. */
    /* The path of a chunk being scanned now, for progress lines. Detect
     * workers only try the lock, so progress never slows the scan. */
    pthread_mutex_t current_lock;
    char current_path[512];     /* Guarded by current_lock. */
} sc_pipeline_env;

/* Initialises the fields of env that need it (the lock); call before use
 * and sc_pipeline_env_destroy after. */
void sc_pipeline_env_init(sc_pipeline_env *env);
void sc_pipeline_env_destroy(sc_pipeline_env *env);

/* One formatted finding on its way to the writer (notify -> write). */
typedef struct sc_out_item {
    sc_buf buf;
    bool verified;
} sc_out_item;

void sc_out_item_free(void *item);

/* Writes len bytes of report to env->out_fd (through diag, so they never
 * run into the progress line). On failure it sets output_failed and
 * output_errno and returns the errno; 0 otherwise. Only one thread may
 * write at a time: the writer stage while it runs, the engine before and
 * after. */
int sc_pipeline_write(sc_pipeline_env *env, const void *data, size_t len);

/* Producer: runs env->source. Output: sc_chunk. */
void sc_pipeline_source_ops(sc_pipeline_env *env, sc_stage_ops *ops);
/* Input: sc_chunk. Output: sc_finding. */
void sc_pipeline_detect_ops(sc_pipeline_env *env, sc_stage_ops *ops);
/* Input and output: sc_finding, with its verification set. */
void sc_pipeline_verify_ops(sc_pipeline_env *env, sc_stage_ops *ops);
/* Input: sc_finding. Output: sc_out_item (suppressed findings dropped). */
void sc_pipeline_notify_ops(sc_pipeline_env *env, sc_stage_ops *ops);
/* Input: sc_out_item, written to env->out_fd. No output. */
void sc_pipeline_write_ops(sc_pipeline_env *env, sc_stage_ops *ops);

#endif
