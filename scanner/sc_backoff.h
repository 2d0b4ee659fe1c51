/* sc_backoff.h: a shared "not before" deadline for one rate-limited
 * service.
 *
 * When a provider answers 429, the worker that saw it pushes the deadline
 * out; every worker about to call that provider waits for the same
 * deadline instead of adding to the load. Waits are cut short by the scan's
 * cancel token.
 */
#ifndef SC_BACKOFF_H
#define SC_BACKOFF_H

#include <stdint.h>

#include "scanner/sc_cancel.h"
#include "scanner/sc_error.h"

typedef struct sc_backoff sc_backoff;

/* Returns a backoff with no deadline, or NULL when out of memory. */
sc_backoff *sc_backoff_create(void);
void sc_backoff_free(sc_backoff *b);   /* Accepts NULL. */

/* Moves the deadline to now + ms unless it is already later. Thread-safe. */
void sc_backoff_defer(sc_backoff *b, uint64_t ms);

/* Sleeps until the deadline has passed (at once if there is none).
 * Returns SC_OK, or SC_CANCELLED if cancel fired first. Thread-safe. */
sc_code sc_backoff_wait(sc_backoff *b, sc_cancel *cancel);

#endif
