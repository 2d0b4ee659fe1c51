/* fakes.h: minimal plugins for testing the pipeline without the real
 * detectors, sources and notifiers.
 *
 * fake source: sends nchunks chunks, each holding text.
 * fake detector: reports every occurrence of the word "TOKEN-" followed by
 *   digits as rule "fake-rule"; optionally blocks each scan on a semaphore.
 * fake verifier: marks findings verified when the secret ends in an even
 *   digit, unverified otherwise; cancelled scans get unknown.
 * fake notifier: writes "fake-rule PATH:LINE:COL VERIFICATION\n".
 */
#ifndef FAKES_H
#define FAKES_H

#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "scanner/sc_engine.h"

typedef struct fake_source {
    const char *text;
    int nchunks;
    atomic_int sent;
} fake_source;
sc_source fake_source_plugin(fake_source *fs);

typedef struct fake_detector {
    sem_t *entered;     /* Posted when a scan starts; may be NULL. */
    sem_t *gate;        /* Waited on before each scan; may be NULL. */
    atomic_int chunks;
} fake_detector;
sc_detector fake_detector_plugin(fake_detector *fd);

sc_verifier fake_verifier_plugin(void);

typedef struct fake_notifier {
    atomic_int formatted;
    bool ended;
} fake_notifier;
sc_notifier fake_notifier_plugin(fake_notifier *fn);

#endif
