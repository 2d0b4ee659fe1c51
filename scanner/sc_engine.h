/* sc_engine.h: the four-stage scan pipeline and the interfaces it drives.
 *
 *   source --100--> detect --1000--> verify --100--> notify --100--> writer
 *   1 thread        conc x 3         conc x 2        conc x 1        1 thread
 *
 * The engine knows sources, detectors, verifiers and notifiers only through
 * the interfaces below; the CLI (scanner/cli) wires concrete ones in. That
 * keeps every dependency pointing into scanner/.
 *
 * Two tokens stop a scan:
 *  - cancel (SIGINT, SIGTERM, sc_engine_cancel): the source stops reading,
 *    detect stops taking chunks, verify stops making requests (what is left
 *    is marked unknown, "verification interrupted"), and notify writes every
 *    finding already made, so nothing found is lost. This takes
 *    milliseconds.
 *  - abort (a second signal, a write error such as EPIPE,
 *    sc_engine_abort): every stage stops at once.
 * Either way the channels close in order, every thread is joined before
 * sc_engine_run returns, and nothing outlives the scan.
 */
#ifndef SC_ENGINE_H
#define SC_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "scanner/sc_buf.h"
#include "scanner/sc_cancel.h"
#include "scanner/sc_chunk.h"
#include "scanner/sc_diag.h"
#include "scanner/sc_finding.h"
#include "scanner/sc_stage.h"
#include "scanner/sc_stats.h"

/* What a source, detector, verifier or notifier may use while scanning. */
typedef struct sc_scan_ctx {
    sc_diag *diag;          /* Report unreadable inputs here. */
    sc_counters *counters;  /* Bump files, bytes, chunks, skips, errors. */
    sc_cancel *cancel;      /* Poll between files and long reads. */
} sc_scan_ctx;

/* A source walks its inputs and sends sc_chunk pointers with
 * sc_emit_send(). It runs on one thread. It returns SC_OK when done,
 * SC_CANCELLED when a send or the token says so. */
typedef struct sc_source {
    void *self;
    sc_code (*run)(void *self, const sc_scan_ctx *ctx, sc_emit *out);
} sc_source;

/* A detector scans chunks and sends sc_finding pointers with
 * sc_emit_send(). scan() runs concurrently on many workers, each with the
 * state its worker_create returned; the detector itself is read-only then. */
typedef struct sc_detector {
    void *self;
    void *(*worker_create)(void *self);         /* NULL means out of memory. */
    void (*worker_free)(void *self, void *worker);
    sc_code (*scan)(void *worker, const sc_scan_ctx *ctx, const sc_chunk *chunk, sc_emit *out);
} sc_detector;

/* A verifier sets f->verification (and verification_error) for findings its
 * rules can check. verify() runs concurrently on many workers. It must
 * return promptly once cancel fires. */
typedef struct sc_verifier {
    void *self;
    void *(*worker_create)(void *self);
    void (*worker_free)(void *self, void *worker);
    void (*verify)(void *worker, const sc_scan_ctx *ctx, sc_finding *f);
} sc_verifier;

/* A notifier turns findings into bytes. begin() and end() run on the engine
 * thread; format() runs concurrently on the notify workers, so any state it
 * shares (SARIF's list of rules that fired) needs its own lock. The engine's
 * one writer thread writes the buffers, so a finding is never interleaved
 * with another.
 *
 * Buffers reach the writer in whatever order the notify workers finish, so
 * no format() call can know whether its finding will be written first. A
 * format whose findings are elements of one list (SARIF's results array)
 * sets separator: the writer writes it between consecutive findings, never
 * before the first or after the last. NULL means nothing between them. */
typedef struct sc_notifier {
    void *self;
    void (*begin)(void *self, sc_buf *out);
    void (*format)(void *self, const sc_finding *f, sc_buf *out);
    void (*end)(void *self, const sc_summary *summary, sc_buf *out);
    const char *separator;
} sc_notifier;

/* Pipeline shape. sc_engine_config_defaults fills in the design's values. */
typedef struct sc_engine_config {
    unsigned concurrency;           /* 0 means the CPU count. */
    unsigned detect_per_cpu;        /* 3 */
    unsigned verify_per_cpu;        /* 2 */
    unsigned notify_per_cpu;        /* 1 */
    size_t chunk_buffer;            /* 100: source -> detect */
    size_t finding_buffer;          /* 1000: detect -> verify */
    size_t result_buffer;           /* 100: verify -> notify */
    size_t output_buffer;           /* 100: notify -> writer */

    sc_source *source;              /* Required. Not owned. */
    sc_detector *detector;          /* Required. Not owned. */
    sc_verifier *verifier;          /* NULL: every finding is marked skipped. */
    sc_notifier *notifier;          /* Required. Not owned. */
    /* Optional: return true to drop a finding before it is written
     * (baseline, --results). Called concurrently from notify workers. */
    bool (*suppress)(void *arg, const sc_finding *f);
    void *suppress_arg;

    int out_fd;                     /* Where the writer writes. */
    sc_diag *diag;                  /* Required. Not owned. */
} sc_engine_config;

void sc_engine_config_defaults(sc_engine_config *cfg);

typedef struct sc_engine sc_engine;

/* Creates an engine for one scan. cfg is copied. */
sc_code sc_engine_create(const sc_engine_config *cfg, sc_engine **out);

/* Runs the scan to its end (or to cancel/abort) and fills *summary. Every
 * thread it started has been joined when it returns. Returns SC_OK, or
 * SC_CANCELLED if interrupted, or an error that stopped the scan. */
sc_code sc_engine_run(sc_engine *e, sc_summary *summary);

/* Graceful stop: no new input, flush findings. Thread-safe. */
void sc_engine_cancel(sc_engine *e);
/* Hard stop. Thread-safe. */
void sc_engine_abort(sc_engine *e);

/* A snapshot of the live counters, for progress reporting, and a path being
 * scanned now (copied into path, which may be NULL). Thread-safe. */
void sc_engine_progress(sc_engine *e, sc_summary *snapshot, char *path, size_t pathlen);

/* Frees the engine. Accepts NULL. Must not be called while run is going. */
void sc_engine_free(sc_engine *e);

/* The number of online CPUs, at least 1. */
unsigned sc_cpu_count(void);

#endif
