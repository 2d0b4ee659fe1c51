/* cli.h: what the rootle command's files share. The CLI is the composition
 * root: the only place that knows every module. */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "detectors/det_ruleset.h"
#include "detectors/verify/det_verify.h"
#include "notifiers/ntf.h"
#include "scanner/sc_engine.h"
#include "sources/src_fs.h"

/* Exit codes, documented in the README. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_ERROR = 2,
    CLI_EXIT_INTERRUPTED = 130,
    CLI_EXIT_FINDINGS = 183,
    CLI_EXIT_VERIFIED = 184,
};

/* A growable array of borrowed strings (they point into argv). */
typedef struct cli_strv {
    const char **v;
    size_t n;
} cli_strv;

/* Bits of --results. */
enum {
    CLI_RESULT_VERIFIED = 1u << 0,
    CLI_RESULT_UNVERIFIED = 1u << 1,
    CLI_RESULT_UNKNOWN = 1u << 2,
    CLI_RESULT_SKIPPED = 1u << 3,
    CLI_RESULT_ALL = 0xF,
};

typedef struct cli_scan_opts {
    cli_strv paths, includes, excludes, overrides, include_ids, exclude_ids;
    src_fs_options fs;
    det_options det;
    det_verify_options ver;
    sc_engine_config engine;
    ntf_format format;
    const char *output;             /* -o FILE, NULL for stdout. */
    const char *baseline;
    const char *write_baseline;
    bool verify;                    /* Default true; --no-verification. */
    unsigned results;               /* CLI_RESULT_* mask. */
    bool fail;
    bool fail_on_scan_errors;
    bool stats;
    int progress;                   /* -1 auto (stderr is a TTY), 0 off, 1 on. */
    int color;                      /* -1 auto, 0 never, 1 always. */
    bool verbose;
    bool bench;                     /* rootle bench: discard output, report. */
    bool bench_json;
    unsigned repeat;                /* rootle bench --repeat N. */
} cli_scan_opts;

/* Parses `rootle scan` (or `rootle bench`, when bench is set) arguments
 * after the command word. Returns 0, 1 for --help (printed), or 2 after
 * printing a usage error. */
int cli_parse_scan(int argc, char **argv, bool bench, cli_scan_opts *o);
void cli_scan_opts_free(cli_scan_opts *o);

int cli_cmd_scan(int argc, char **argv);
int cli_cmd_bench(int argc, char **argv);
int cli_cmd_detectors(int argc, char **argv);

/* Runs one scan with o and fills *summary; the shared core of scan and
 * bench. rs must be loaded. Returns an exit code. */
int cli_run_scan(cli_scan_opts *o, det_ruleset *rs, sc_summary *summary);

/* Prints the --stats block to stderr. */
void cli_print_stats(const sc_summary *s);

/* Prints the per-stage table (workers, buffer, busy, CPU, waits, util) and
 * the bottleneck line; shared by --stats and rootle bench. */
void cli_print_stages(FILE *out, const sc_summary *s);

/* n items per hour over wall_ns nanoseconds. */
double cli_per_hour(uint64_t n, uint64_t wall_ns);

/* Starts a thread that turns SIGINT/SIGTERM into sc_engine_cancel (first)
 * and sc_engine_abort (second). Signals must already be blocked in every
 * thread (cli_block_signals, first thing in main). */
typedef struct cli_signals cli_signals;
void cli_block_signals(void);
cli_signals *cli_signals_start(sc_engine *e);
/* Stops and joins the thread. Returns how many signals arrived. Accepts NULL. */
int cli_signals_stop(cli_signals *s);

/* A progress line on stderr, refreshed at most 10 times a second. */
typedef struct cli_progress cli_progress;
cli_progress *cli_progress_start(sc_engine *e, sc_diag *diag);
void cli_progress_stop(cli_progress *p);   /* Joins; clears the line. Accepts NULL. */

/* Formats n bytes as "1.2 MB". */
void cli_format_bytes(double n, char *buf, size_t len);

#endif
