/* sc_stage.h: a pool of worker threads between two channels.
 *
 * Fan-out is the workers: each one loops recv -> process -> send. Fan-in is
 * the last worker to finish, which closes the output channel, as a Go
 * WaitGroup followed by close() would. A stage with no input channel is a
 * producer: each worker calls produce() once.
 *
 * Cancellation: a worker stops when a recv on in_cancel or a send on
 * out_cancel returns SC_CANCELLED. Giving the two different tokens lets the
 * engine stop reading new input while still flushing what was found (see
 * sc_engine.h).
 */
#ifndef SC_STAGE_H
#define SC_STAGE_H

#include "scanner/sc_chan.h"
#include "scanner/sc_stats.h"

typedef struct sc_stage sc_stage;

/* The handle a worker uses to send output; it times blocked sends. */
typedef struct sc_emit sc_emit;

typedef struct sc_stage_ops {
    const char *name;   /* For statistics: "source", "detect", ... */
    void *arg;          /* Passed to every callback. */
    /* Optional: per-worker state, e.g. PCRE2 match data or a curl handle.
     * Returning NULL stops that worker with SC_ENOMEM. */
    void *(*worker_init)(void *arg, unsigned index);
    void (*worker_free)(void *arg, void *state);
    /* Handles one input item, taking ownership of it. Returns SC_OK to go
     * on, SC_CANCELLED or SC_CLOSED to stop the worker. Any other code is
     * recorded as the stage's error and the worker goes on. */
    sc_code (*process)(void *arg, void *state, void *item, sc_emit *out);
    /* For producer stages (in == NULL), runs once per worker. */
    sc_code (*produce)(void *arg, void *state, sc_emit *out);
    /* Frees an output item that could not be sent. */
    sc_free_fn free_out;
} sc_stage_ops;

typedef struct sc_stage_config {
    unsigned workers;       /* >= 1 */
    sc_chan *in;            /* NULL for a producer stage. Not owned. */
    sc_chan *out;           /* NULL for a sink stage. Not owned; closed by the last worker. */
    sc_cancel *in_cancel;   /* Token for recv; may be NULL. Not owned. */
    sc_cancel *out_cancel;  /* Token for send; may be NULL. Not owned. */
} sc_stage_config;

/* Sends item to the stage's output. On SC_OK the channel owns the item; on
 * any other result the item has been freed with ops->free_out, so callers
 * just stop. */
sc_code sc_emit_send(sc_emit *e, void *item);

/* An emit that hands each item to fn instead of a channel, for tests and
 * for running a plugin outside the engine. fn takes ownership of the item
 * whatever it returns; sc_emit_send returns what fn returns, or SC_CANCELLED
 * without calling fn once cancel has fired. */
typedef sc_code (*sc_emit_fn)(void *arg, void *item);
sc_emit *sc_emit_create_callback(sc_emit_fn fn, void *arg, sc_cancel *cancel,
                                 sc_free_fn free_item);
/* Frees an emit made by sc_emit_create_callback. Accepts NULL. */
void sc_emit_free(sc_emit *e);

/* The token the worker's input is read with, for long computations that
 * want to poll for cancellation. */
sc_cancel *sc_emit_cancel(sc_emit *e);

/* Starts cfg->workers threads. ops is copied. On SC_EINVAL or SC_ENOMEM
 * nothing started and *out is NULL. On SC_ETHREAD some workers may be
 * running: *out is the partly started stage, and the caller must fire its
 * tokens (or close its input) and then free it like any other. */
sc_code sc_stage_start(const sc_stage_ops *ops, const sc_stage_config *cfg, sc_stage **out);

/* Waits for every worker. Idempotent. */
void sc_stage_join(sc_stage *s);

/* Fills st with the stage's statistics; call after join. */
void sc_stage_get_stats(const sc_stage *s, sc_stage_stats *st);

/* The first error a worker recorded, other than cancel and close. */
sc_code sc_stage_error(const sc_stage *s);

/* Joins and frees. Accepts NULL. */
void sc_stage_free(sc_stage *s);

#endif
