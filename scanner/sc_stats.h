/* sc_stats.h: counters shared by the stages, and the summary of a scan.
 *
 * Counters are atomics so that any stage can bump them without a lock; they
 * are read once, after every thread has been joined, to build the summary.
 */
#ifndef SC_STATS_H
#define SC_STATS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct sc_counters {
    atomic_uint_fast64_t files;            /* Files (or blobs) read. */
    atomic_uint_fast64_t bytes;            /* Bytes read. */
    atomic_uint_fast64_t chunks;           /* Chunks sent to detect. */
    atomic_uint_fast64_t findings;         /* Findings made by detect. */
    atomic_uint_fast64_t reported;         /* Findings written by notify. */
    atomic_uint_fast64_t reported_verified;/* Of those, verified. */
    atomic_uint_fast64_t suppressed;       /* Dropped by baseline, ignore or --results. */
    atomic_uint_fast64_t verifications;    /* Provider requests made. */
    atomic_uint_fast64_t skipped_binary;   /* Files skipped as binary. */
    atomic_uint_fast64_t skipped_large;    /* Files skipped for --max-file-size. */
    atomic_uint_fast64_t skipped_special;  /* FIFOs, sockets, devices. */
    atomic_uint_fast64_t skipped_excluded; /* Paths excluded by globs or ignore files. */
    atomic_uint_fast64_t scan_errors;      /* Inputs that could not be read. */
} sc_counters;

/* What one stage did, summed over its workers. */
typedef struct sc_stage_stats {
    const char *name;
    unsigned workers;
    uint64_t buffer;           /* Capacity of the channel after the stage. */
    uint64_t items_in;
    uint64_t items_out;
    uint64_t busy_ns;          /* Working, outside any channel call (wall time). */
    uint64_t cpu_ns;           /* CPU time the workers' threads used. */
    uint64_t blocked_in_ns;    /* Waiting for input. */
    uint64_t blocked_out_ns;   /* Waiting for room in the output channel. */
} sc_stage_stats;

#define SC_STAGE_COUNT 5   /* source, detect, verify, notify, write */

typedef struct sc_summary {
    uint64_t files, bytes, chunks;
    uint64_t findings, reported, reported_verified, suppressed, verifications;
    uint64_t skipped_binary, skipped_large, skipped_special, skipped_excluded;
    uint64_t scan_errors;
    uint64_t wall_ns;
    uint64_t cpu_ns;           /* Process CPU time, user plus system. */
    bool interrupted;          /* The cancel token fired before the end. */
    bool output_failed;        /* Writing the report failed. */
    int output_errno;          /* Why: EPIPE means the reader went away. */
    sc_stage_stats stages[SC_STAGE_COUNT];
} sc_summary;

/* Returns the index in s->stages of the bottleneck stage. When the scan
 * kept every CPU busy, busy wall time is inflated by threads waiting for a
 * CPU, so the stage that used the most CPU time is the bottleneck;
 * otherwise it is the stage with the highest utilisation (busy time per
 * worker over wall time), which also catches network-bound verification. */
int sc_summary_bottleneck(const sc_summary *s);

/* True when the scan's CPU time came close to cpus x wall time. */
bool sc_summary_cpu_bound(const sc_summary *s);

/* Monotonic clock in nanoseconds. */
uint64_t sc_now_ns(void);
/* Process CPU time in nanoseconds. */
uint64_t sc_cpu_ns(void);

#endif
