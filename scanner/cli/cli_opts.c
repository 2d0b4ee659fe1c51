/* cli_opts.c: parsing `rootle scan` and `rootle bench` options. */
#include "scanner/cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_FAIL = 1000, OPT_FAIL_ON_SCAN_ERRORS, OPT_NO_VERIFY, OPT_RESULTS, OPT_ONLY_VERIFIED,
    OPT_VERIFY_TIMEOUT, OPT_VERIFIER, OPT_ALLOW_PRIVATE, OPT_RULES, OPT_INCLUDE_DET,
    OPT_EXCLUDE_DET, OPT_MAX_DECODE, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_IGNORE_FILE,
    OPT_INCLUDE, OPT_EXCLUDE, OPT_FOLLOW, OPT_MAX_SIZE, OPT_SCAN_BINARY, OPT_SCAN_GIT_DIR,
    OPT_CHUNK_SIZE, OPT_CHUNK_PEEK, OPT_CONCURRENCY, OPT_DETECT_MULT, OPT_VERIFY_MULT,
    OPT_NOTIFY_MULT, OPT_CHUNK_BUF, OPT_FINDING_BUF, OPT_RESULT_BUF, OPT_OUTPUT_BUF,
    OPT_STATS, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_COLOR, OPT_NO_CACHE, OPT_CACHE_DIR,
    OPT_REPEAT,
};

static const struct option scan_options[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "fail", no_argument, NULL, OPT_FAIL },
    { "fail-on-scan-errors", no_argument, NULL, OPT_FAIL_ON_SCAN_ERRORS },
    { "no-verification", no_argument, NULL, OPT_NO_VERIFY },
    { "no-verify", no_argument, NULL, OPT_NO_VERIFY },
    { "results", required_argument, NULL, OPT_RESULTS },
    { "only-verified", no_argument, NULL, OPT_ONLY_VERIFIED },
    { "verify-timeout", required_argument, NULL, OPT_VERIFY_TIMEOUT },
    { "verifier", required_argument, NULL, OPT_VERIFIER },
    { "allow-private-verifiers", no_argument, NULL, OPT_ALLOW_PRIVATE },
    { "rules", required_argument, NULL, OPT_RULES },
    { "include-detectors", required_argument, NULL, OPT_INCLUDE_DET },
    { "exclude-detectors", required_argument, NULL, OPT_EXCLUDE_DET },
    { "max-decode-depth", required_argument, NULL, OPT_MAX_DECODE },
    { "baseline", required_argument, NULL, OPT_BASELINE },
    { "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
    { "ignore-file", required_argument, NULL, OPT_IGNORE_FILE },
    { "include", required_argument, NULL, OPT_INCLUDE },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
    { "max-file-size", required_argument, NULL, OPT_MAX_SIZE },
    { "scan-binary", no_argument, NULL, OPT_SCAN_BINARY },
    { "scan-git-dir", no_argument, NULL, OPT_SCAN_GIT_DIR },
    { "chunk-size", required_argument, NULL, OPT_CHUNK_SIZE },
    { "chunk-peek", required_argument, NULL, OPT_CHUNK_PEEK },
    { "concurrency", required_argument, NULL, OPT_CONCURRENCY },
    { "detect-workers-per-cpu", required_argument, NULL, OPT_DETECT_MULT },
    { "verify-workers-per-cpu", required_argument, NULL, OPT_VERIFY_MULT },
    { "notify-workers-per-cpu", required_argument, NULL, OPT_NOTIFY_MULT },
    { "chunk-buffer", required_argument, NULL, OPT_CHUNK_BUF },
    { "finding-buffer", required_argument, NULL, OPT_FINDING_BUF },
    { "result-buffer", required_argument, NULL, OPT_RESULT_BUF },
    { "output-buffer", required_argument, NULL, OPT_OUTPUT_BUF },
    { "stats", no_argument, NULL, OPT_STATS },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
    { "color", required_argument, NULL, OPT_COLOR },
    { "no-cache", no_argument, NULL, OPT_NO_CACHE },
    { "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
    { "repeat", required_argument, NULL, OPT_REPEAT },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static const char scan_help[] =
    "Usage: rootle scan [options] PATH...\n"
    "       rootle bench [options] PATH...\n"
    "\n"
    "Scans files and directories (\"-\" reads stdin) for leaked credentials.\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT            text (default), json, sarif or github\n"
    "  -o, --output FILE           write the report to FILE atomically\n"
    "      --color WHEN            auto (default), always or never\n"
    "      --stats                 print throughput and per-stage times on stderr\n"
    "      --no-progress           no progress line (it is shown only on a TTY)\n"
    "  -v, --verbose               also report routine skips (binary, large files)\n"
    "\n"
    "Exit status:\n"
    "      --fail                  exit 183 if findings are reported, 184 if any is verified\n"
    "      --fail-on-scan-errors   exit 2 if any input could not be read\n"
    "\n"
    "Verification:\n"
    "      --no-verification, --no-verify   do not contact providers\n"
    "      --results LIST          report only verified,unverified,unknown (default all)\n"
    "      --only-verified         same as --results=verified\n"
    "      --verify-timeout DUR    per request, e.g. 10s (default) or 500ms\n"
    "      --verifier RULE=URL     send RULE's verification to URL (repeatable)\n"
    "      --allow-private-verifiers  let custom rules verify against private addresses\n"
    "\n"
    "Detection:\n"
    "      --rules FILE            add or override rules from a YAML file\n"
    "      --include-detectors IDS only these rule ids (comma-separated)\n"
    "      --exclude-detectors IDS never these rule ids\n"
    "      --max-decode-depth N    nested decodings to undo (default 3)\n"
    "      --no-cache              do not use the compiled-rules cache\n"
    "      --cache-dir DIR         where the compiled-rules cache lives\n"
    "\n"
    "Suppression:\n"
    "      --baseline FILE         do not report findings listed in FILE\n"
    "      --write-baseline FILE   write the findings of this scan as a baseline\n"
    "      --ignore-file FILE      gitignore-style paths to skip (.rootleignore is read too)\n"
    "\n"
    "Inputs:\n"
    "      --include GLOB          scan only matching paths (repeatable)\n"
    "      --exclude GLOB          skip matching paths (repeatable)\n"
    "      --follow-symlinks       follow symbolic links (loops are detected)\n"
    "      --max-file-size SIZE    skip larger files (default 100M; 0 = no limit)\n"
    "      --scan-binary           also scan files that look binary\n"
    "      --scan-git-dir          also scan .git directories\n"
    "      --chunk-size SIZE       bytes per chunk (default 64K)\n"
    "      --chunk-peek SIZE       overlap between chunks (default 4K)\n"
    "\n"
    "Pipeline (defaults in brackets):\n"
    "      --concurrency N         CPUs to plan for [CPU count]\n"
    "      --detect-workers-per-cpu N  [3]   --verify-workers-per-cpu N  [2]\n"
    "      --notify-workers-per-cpu N  [1]\n"
    "      --chunk-buffer N [100]  --finding-buffer N [1000]\n"
    "      --result-buffer N [100] --output-buffer N [100]\n"
    "\n"
    "Bench only:\n"
    "      --repeat N              run N times and report min/median/max\n"
    "      --format json           the report as JSON\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("rootle: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'rootle --help'.\n", stderr);
}

static int strv_push(cli_strv *sv, const char *s)
{
    const char **v = realloc(sv->v, (sv->n + 1) * sizeof(*v));

    if (v == NULL)
        return -1;
    sv->v = v;
    sv->v[sv->n++] = s;
    return 0;
}

/* Splits a comma-separated list in place into sv. */
static int strv_push_list(cli_strv *sv, char *list)
{
    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (*tok != '\0' && strv_push(sv, tok) != 0)
            return -1;
    }
    return 0;
}

/* Parses "123", "64K", "100M", "1G" (binary units). */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    uint64_t mult = 1;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': mult = 1ull << 10; end++; break;
    case 'm': case 'M': mult = 1ull << 20; end++; break;
    case 'g': case 'G': mult = 1ull << 30; end++; break;
    default: return -1;
    }
    if (*end == 'i' || *end == 'B')
        end++;
    if (*end == 'B')
        end++;
    if (*end != '\0' || (v != 0 && mult > UINT64_MAX / v))
        return -1;
    *out = v * mult;
    return 0;
}

/* Parses "10s", "500ms", "2m" or a plain number of seconds. */
static int parse_duration_ms(const char *s, long *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || v < 0)
        return -1;
    if (strcmp(end, "ms") == 0)
        ;
    else if (*end == '\0' || strcmp(end, "s") == 0)
        v *= 1000;
    else if (strcmp(end, "m") == 0)
        v *= 60000;
    else
        return -1;
    if (v < 1 || v > 3600000)
        return -1;
    *out = (long)v;
    return 0;
}

static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_results(char *list, unsigned *mask)
{
    *mask = 0;
    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "verified") == 0)
            *mask |= CLI_RESULT_VERIFIED;
        else if (strcmp(tok, "unverified") == 0)
            *mask |= CLI_RESULT_UNVERIFIED;
        else if (strcmp(tok, "unknown") == 0)
            *mask |= CLI_RESULT_UNKNOWN;
        else if (strcmp(tok, "skipped") == 0)
            *mask |= CLI_RESULT_SKIPPED;
        else
            return -1;
    }
    return *mask != 0 ? 0 : -1;
}

int cli_parse_scan(int argc, char **argv, bool bench, cli_scan_opts *o)
{
    const char *cmd = bench ? "bench" : "scan";
    uint64_t size;
    unsigned u;
    int c;

    memset(o, 0, sizeof(*o));
    src_fs_options_defaults(&o->fs);
    det_options_defaults(&o->det);
    det_verify_options_defaults(&o->ver);
    sc_engine_config_defaults(&o->engine);
    o->format = NTF_TEXT;
    o->verify = !bench;
    o->results = CLI_RESULT_ALL;
    o->progress = bench ? 0 : -1;
    o->color = -1;
    o->bench = bench;
    o->repeat = 1;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:vh", scan_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (bench && strcmp(optarg, "json") == 0) {
                o->bench_json = true;
                break;
            }
            if (bench && strcmp(optarg, "text") == 0)
                break;
            if (bench || ntf_format_parse(optarg, &o->format) != SC_OK) {
                usage_error("unknown format '%s' (use text, json, sarif or github)", optarg);
                return 2;
            }
            break;
        case 'o': o->output = optarg; break;
        case 'v': o->verbose = true; break;
        case 'h': fputs(scan_help, stdout); return 1;
        case OPT_FAIL: o->fail = true; break;
        case OPT_FAIL_ON_SCAN_ERRORS: o->fail_on_scan_errors = true; break;
        case OPT_NO_VERIFY: o->verify = false; break;
        case OPT_RESULTS:
            if (parse_results(optarg, &o->results) != 0) {
                usage_error("--results takes a list of verified, unverified, unknown: '%s'", optarg);
                return 2;
            }
            break;
        case OPT_ONLY_VERIFIED: o->results = CLI_RESULT_VERIFIED; break;
        case OPT_VERIFY_TIMEOUT:
            if (parse_duration_ms(optarg, &o->ver.timeout_ms) != 0) {
                usage_error("--verify-timeout takes a duration such as 10s or 500ms: '%s'", optarg);
                return 2;
            }
            break;
        case OPT_VERIFIER: strv_push(&o->overrides, optarg); break;
        case OPT_ALLOW_PRIVATE: o->ver.allow_private = true; break;
        case OPT_RULES: o->det.rules_file = optarg; break;
        case OPT_INCLUDE_DET: strv_push_list(&o->include_ids, optarg); break;
        case OPT_EXCLUDE_DET: strv_push_list(&o->exclude_ids, optarg); break;
        case OPT_MAX_DECODE:
            if (parse_uint(optarg, 0, 16, &o->det.max_decode_depth) != 0) {
                usage_error("--max-decode-depth takes a number from 0 to 16: '%s'", optarg);
                return 2;
            }
            break;
        case OPT_BASELINE: o->baseline = optarg; break;
        case OPT_WRITE_BASELINE: o->write_baseline = optarg; break;
        case OPT_IGNORE_FILE: o->fs.ignore_file = optarg; break;
        case OPT_INCLUDE: strv_push(&o->includes, optarg); break;
        case OPT_EXCLUDE: strv_push(&o->excludes, optarg); break;
        case OPT_FOLLOW: o->fs.follow_symlinks = true; break;
        case OPT_MAX_SIZE:
            if (parse_size(optarg, &o->fs.max_file_size) != 0) {
                usage_error("--max-file-size takes a size such as 100M: '%s'", optarg);
                return 2;
            }
            break;
        case OPT_SCAN_BINARY: o->fs.scan_binary = true; break;
        case OPT_SCAN_GIT_DIR: o->fs.scan_git_dir = true; break;
        case OPT_CHUNK_SIZE:
        case OPT_CHUNK_PEEK:
            if (parse_size(optarg, &size) != 0 || size > (256u << 20) ||
                (c == OPT_CHUNK_SIZE && size < 1024)) {
                usage_error("chunk sizes take a size from 1K (peek: 0) to 256M: '%s'", optarg);
                return 2;
            }
            if (c == OPT_CHUNK_SIZE)
                o->fs.chunk_size = (size_t)size;
            else
                o->fs.peek_size = (size_t)size;
            break;
        case OPT_CONCURRENCY:
        case OPT_DETECT_MULT:
        case OPT_VERIFY_MULT:
        case OPT_NOTIFY_MULT:
            if (parse_uint(optarg, 1, 256, &u) != 0) {
                usage_error("worker counts take a number from 1 to 256: '%s'", optarg);
                return 2;
            }
            if (c == OPT_CONCURRENCY)
                o->engine.concurrency = u;
            else if (c == OPT_DETECT_MULT)
                o->engine.detect_per_cpu = u;
            else if (c == OPT_VERIFY_MULT)
                o->engine.verify_per_cpu = u;
            else
                o->engine.notify_per_cpu = u;
            break;
        case OPT_CHUNK_BUF:
        case OPT_FINDING_BUF:
        case OPT_RESULT_BUF:
        case OPT_OUTPUT_BUF:
            if (parse_uint(optarg, 1, 1000000, &u) != 0) {
                usage_error("buffer sizes take a number from 1 to 1000000: '%s'", optarg);
                return 2;
            }
            if (c == OPT_CHUNK_BUF)
                o->engine.chunk_buffer = u;
            else if (c == OPT_FINDING_BUF)
                o->engine.finding_buffer = u;
            else if (c == OPT_RESULT_BUF)
                o->engine.result_buffer = u;
            else
                o->engine.output_buffer = u;
            break;
        case OPT_STATS: o->stats = true; break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                o->color = -1;
            else if (strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else {
                usage_error("--color takes auto, always or never: '%s'", optarg);
                return 2;
            }
            break;
        case OPT_NO_CACHE: o->det.no_cache = true; break;
        case OPT_CACHE_DIR: o->det.cache_dir = optarg; break;
        case OPT_REPEAT:
            if (!bench || parse_uint(optarg, 1, 1000, &o->repeat) != 0) {
                usage_error("--repeat is for rootle bench and takes 1 to 1000: '%s'", optarg);
                return 2;
            }
            break;
        case '?':
        default:
            if (optopt != 0)
                fprintf(stderr, "rootle: option '-%c' is unknown or needs a value\n", optopt);
            else
                fprintf(stderr, "rootle: option '%s' is unknown or needs a value\n",
                        argv[optind - 1]);
            fprintf(stderr, "Try 'rootle %s --help'.\n", cmd);
            return 2;
        }
    }
    for (int i = optind; i < argc; i++)
        strv_push(&o->paths, argv[i]);
    if (o->paths.n == 0) {
        fprintf(stderr, "rootle: %s needs at least one PATH (use '-' for stdin)\n"
                        "Try 'rootle %s --help'.\n", cmd, cmd);
        return 2;
    }
    /* A missing path is a usage error, caught before anything starts. */
    for (size_t i = 0; i < o->paths.n; i++) {
        if (strcmp(o->paths.v[i], "-") != 0 && access(o->paths.v[i], F_OK) != 0) {
            /* A dangling symlink still exists as a path to walk. */
            char buf[1];

            if (readlink(o->paths.v[i], buf, sizeof(buf)) < 0) {
                fprintf(stderr, "rootle: %s: %s\n", o->paths.v[i], strerror(errno));
                return 2;
            }
        }
    }
    o->fs.paths = o->paths.v;
    o->fs.npaths = o->paths.n;
    o->fs.include_globs = o->includes.v;
    o->fs.ninclude = o->includes.n;
    o->fs.exclude_globs = o->excludes.v;
    o->fs.nexclude = o->excludes.n;
    o->det.include_ids = o->include_ids.v;
    o->det.ninclude = o->include_ids.n;
    o->det.exclude_ids = o->exclude_ids.v;
    o->det.nexclude = o->exclude_ids.n;
    o->ver.overrides = o->overrides.v;
    o->ver.noverrides = o->overrides.n;
    return 0;
}

void cli_scan_opts_free(cli_scan_opts *o)
{
    free(o->paths.v);
    free(o->includes.v);
    free(o->excludes.v);
    free(o->overrides.v);
    free(o->include_ids.v);
    free(o->exclude_ids.v);
}
