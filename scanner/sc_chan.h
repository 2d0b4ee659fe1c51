/* sc_chan.h: a bounded multi-producer, multi-consumer channel of pointers.
 *
 * Semantics, in the manner of a Go channel with a buffer:
 *  - sc_chan_send blocks while the channel is full; sc_chan_recv blocks
 *    while it is empty.
 *  - sc_chan_close may be called any number of times. After it, senders get
 *    SC_CLOSED at once and receivers drain what is left, then get SC_CLOSED.
 *  - Every blocking call takes a cancel token (which may be NULL) and
 *    returns SC_CANCELLED as soon as the token fires, even if items remain.
 *
 * Ownership: on SC_OK from sc_chan_send the channel takes ownership of the
 * item; on any other result the caller keeps it. sc_chan_recv hands
 * ownership to the caller. Items still queued when the channel is freed are
 * passed to the free callback given at create.
 */
#ifndef SC_CHAN_H
#define SC_CHAN_H

#include <stddef.h>

#include "scanner/sc_cancel.h"
#include "scanner/sc_error.h"

typedef struct sc_chan sc_chan;

typedef void (*sc_free_fn)(void *item);

/* Creates a channel holding at most capacity items (capacity >= 1).
 * free_item may be NULL, in which case leftover items are leaked to the
 * caller's care. Returns NULL when out of memory or capacity is 0. */
sc_chan *sc_chan_create(size_t capacity, sc_free_fn free_item);

/* Frees the channel and every item left in it. Accepts NULL. No thread may
 * be blocked on the channel. */
void sc_chan_free(sc_chan *ch);

/* Queues item. Returns SC_OK, SC_CLOSED or SC_CANCELLED (or SC_ENOMEM if the
 * cancel registration could not be allocated). */
sc_code sc_chan_send(sc_chan *ch, void *item, sc_cancel *cancel);

/* Dequeues into *item. Returns SC_OK, SC_CLOSED (closed and empty) or
 * SC_CANCELLED. */
sc_code sc_chan_recv(sc_chan *ch, void **item, sc_cancel *cancel);

/* Closes the channel and wakes every blocked sender and receiver. */
void sc_chan_close(sc_chan *ch);

/* The number of queued items, for statistics and tests. */
size_t sc_chan_len(sc_chan *ch);

/* The capacity given at create. */
size_t sc_chan_capacity(const sc_chan *ch);

#endif
