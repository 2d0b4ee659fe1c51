/* sc_cancel.h: the cancel token shared by a whole scan.
 *
 * The token plays the role of Go's context.Context done channel. It is one
 * object for the whole scan; firing it once wakes every thread that is
 * blocked on anything that registered a waker with it: channels, the
 * verification cache, rate-limit sleeps.
 *
 * Lock order: the token's lock is taken before any waker's own lock. A waker
 * therefore must never be added or removed while its owner holds its own
 * lock; sc_chan drops its lock to register, then checks again.
 */
#ifndef SC_CANCEL_H
#define SC_CANCEL_H

#include <stdbool.h>
#include <stdint.h>

#include "scanner/sc_error.h"

typedef struct sc_cancel sc_cancel;

/* A waker is called once, with the token's lock held, when the token fires
 * (or at once, from sc_cancel_add_waker, if it has already fired). It must
 * lock its owner's mutex and broadcast the owner's condition variables. */
typedef void (*sc_waker_fn)(void *arg);

/* Returns a new, unfired token, or NULL when out of memory. */
sc_cancel *sc_cancel_create(void);

/* Frees the token. Accepts NULL. Every waker must have been removed. */
void sc_cancel_free(sc_cancel *token);

/* Fires the token. Idempotent and thread-safe, but not async-signal-safe:
 * signal handling goes through a signalfd thread (see sc_signals.h). */
void sc_cancel_fire(sc_cancel *token);

/* True once the token has fired. Lock-free; a NULL token never fires. */
bool sc_cancel_fired(const sc_cancel *token);

/* Registers fn(arg) to run when the token fires. Returns SC_ENOMEM or SC_OK
 * and stores a handle in *id for sc_cancel_remove_waker. */
sc_code sc_cancel_add_waker(sc_cancel *token, sc_waker_fn fn, void *arg, uint64_t *id);

/* Unregisters a waker. After it returns, fn will not be running or called. */
void sc_cancel_remove_waker(sc_cancel *token, uint64_t id);

/* Sleeps up to ms milliseconds. Returns SC_CANCELLED early if the token
 * fires, SC_OK otherwise. A NULL token sleeps the full time. */
sc_code sc_cancel_sleep_ms(sc_cancel *token, uint64_t ms);

#endif
