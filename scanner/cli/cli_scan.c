/* cli_scan.c: `rootle scan`: wires the modules into an engine, runs it,
 * and turns the outcome into an exit code. */
#include "scanner/cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/sc_baseline.h"
#include "scanner/sc_outfile.h"

/* What the notify stage consults before writing a finding. */
typedef struct suppress_ctx {
    unsigned results;           /* CLI_RESULT_* mask. */
    const sc_baseline *baseline;/* Accepted findings; may be NULL. */
    sc_baseline *record;        /* --write-baseline collects here; may be NULL. */
} suppress_ctx;

static bool suppress(void *arg, const sc_finding *f)
{
    suppress_ctx *s = arg;
    unsigned bit;

    switch (f->verification) {
    case SC_VERIFY_VERIFIED: bit = CLI_RESULT_VERIFIED; break;
    case SC_VERIFY_UNVERIFIED: bit = CLI_RESULT_UNVERIFIED; break;
    case SC_VERIFY_UNKNOWN: bit = CLI_RESULT_UNKNOWN; break;
    default:
        /* An unchecked finding is at best unverified: it is shown whenever
         * unverified ones are, and hidden by --only-verified. */
        bit = CLI_RESULT_SKIPPED | CLI_RESULT_UNVERIFIED;
        break;
    }
    if ((s->results & bit) == 0)
        return true;
    if (s->record != NULL)
        sc_baseline_add(s->record, f);
    return s->baseline != NULL && sc_baseline_contains(s->baseline, f->fingerprint);
}

static bool want_color(const cli_scan_opts *o, int fd)
{
    const char *no_color = getenv("NO_COLOR");

    if (o->color >= 0)
        return o->color == 1;
    if (no_color != NULL && *no_color != '\0')
        return false;
    return o->format == NTF_TEXT && o->output == NULL && isatty(fd);
}

int cli_run_scan(cli_scan_opts *o, det_ruleset *rs, sc_summary *summary)
{
    char err[1024] = "";
    sc_diag *diag = NULL;
    src_fs *src = NULL;
    det_verifier *ver = NULL;
    ntf_notifier *ntf = NULL;
    sc_baseline *baseline = NULL, *record = NULL;
    sc_outfile *outfile = NULL;
    sc_engine *engine = NULL;
    cli_signals *signals = NULL;
    cli_progress *progress = NULL;
    const det_rule_def **rules = NULL;
    sc_source source;
    sc_detector detector;
    sc_verifier verifier;
    sc_notifier notifier;
    suppress_ctx sup;
    sc_code rc;
    int exit_code = CLI_EXIT_ERROR;
    int null_fd = -1;

    memset(summary, 0, sizeof(*summary));
    diag = sc_diag_create(stderr, o->verbose);
    if (diag == NULL)
        goto oom;

    if (src_fs_create(&o->fs, &src, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        goto out;
    }
    if (o->verify) {
        size_t n = det_ruleset_count(rs);

        rules = calloc(n ? n : 1, sizeof(*rules));
        if (rules == NULL)
            goto oom;
        for (size_t i = 0; i < n; i++)
            rules[i] = det_ruleset_rule(rs, i);
        if (det_verifier_create(rules, n, &o->ver, &ver, err, sizeof(err)) != SC_OK) {
            fprintf(stderr, "rootle: %s\n", err);
            goto out;
        }
    }
    if (o->baseline != NULL &&
        sc_baseline_load(o->baseline, &baseline, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        goto out;
    }
    if (o->write_baseline != NULL && (record = sc_baseline_create()) == NULL)
        goto oom;

    {
        ntf_options no = {
            .format = o->format,
            .color = false,
            .summary = o->format == NTF_TEXT && !o->bench,
            .version = ROOTLE_VERSION,
        };
        int fd = STDOUT_FILENO;

        if (o->bench) {
            null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
            if (null_fd < 0) {
                fprintf(stderr, "rootle: /dev/null: %s\n", strerror(errno));
                goto out;
            }
            fd = null_fd;
        } else if (o->output != NULL) {
            if (sc_outfile_open(o->output, &outfile, err, sizeof(err)) != SC_OK) {
                fprintf(stderr, "rootle: %s\n", err);
                goto out;
            }
            fd = sc_outfile_fd(outfile);
        }
        no.color = want_color(o, fd);
        if (ntf_create(&no, &ntf) != SC_OK)
            goto oom;
        o->engine.out_fd = fd;
    }

    source = src_fs_source(src);
    detector = det_ruleset_detector(rs);
    notifier = ntf_plugin(ntf);
    sup = (suppress_ctx){ o->results, baseline, record };
    o->engine.source = &source;
    o->engine.detector = &detector;
    o->engine.notifier = &notifier;
    o->engine.verifier = NULL;
    if (ver != NULL) {
        verifier = det_verifier_plugin(ver);
        o->engine.verifier = &verifier;
    }
    o->engine.suppress = suppress;
    o->engine.suppress_arg = &sup;
    o->engine.diag = diag;
    rc = sc_engine_create(&o->engine, &engine);
    if (rc != SC_OK) {
        fprintf(stderr, "rootle: cannot start the scan: %s\n", sc_strerror(rc));
        goto out;
    }

    signals = cli_signals_start(engine);
    if (signals == NULL) {
        fprintf(stderr, "rootle: cannot start the signal handler\n");
        goto out;
    }
    if (o->progress == 1 || (o->progress == -1 && isatty(STDERR_FILENO)))
        progress = cli_progress_start(engine, diag);
    rc = sc_engine_run(engine, summary);
    cli_progress_stop(progress);
    progress = NULL;
    cli_signals_stop(signals);
    signals = NULL;

    if (rc != SC_OK && rc != SC_CANCELLED) {
        fprintf(stderr, "rootle: the scan failed: %s\n", sc_strerror(rc));
        goto out;
    }
    if (summary->output_failed && summary->output_errno != EPIPE)
        goto out;   /* The writer has already said why. */
    /* An interrupted scan's report is still complete and well-formed: it
     * holds every finding made before the interrupt, so it is kept. */
    if (outfile != NULL && sc_outfile_commit(outfile, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        goto out;
    }
    if (record != NULL && !summary->interrupted &&
        sc_baseline_write(record, o->write_baseline, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        goto out;
    }
    if (record != NULL && summary->interrupted)
        fprintf(stderr, "rootle: %s: not written, the scan was interrupted\n", o->write_baseline);

    if (summary->output_failed)
        exit_code = o->fail && summary->reported > 0 ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
    else if (summary->interrupted)
        exit_code = CLI_EXIT_INTERRUPTED;
    else if (o->fail_on_scan_errors && summary->scan_errors > 0)
        exit_code = CLI_EXIT_ERROR;
    else if (o->fail && summary->reported_verified > 0)
        exit_code = CLI_EXIT_VERIFIED;
    else if (o->fail && summary->reported > 0)
        exit_code = CLI_EXIT_FINDINGS;
    else
        exit_code = CLI_EXIT_OK;
    if (summary->scan_errors > 0 && !o->bench)
        fprintf(stderr, "rootle: %llu input%s could not be read (see above)\n",
                (unsigned long long)summary->scan_errors, summary->scan_errors == 1 ? "" : "s");
    goto out;

oom:
    fprintf(stderr, "rootle: out of memory\n");
out:
    cli_progress_stop(progress);
    cli_signals_stop(signals);
    sc_engine_free(engine);
    sc_outfile_free(outfile);
    if (null_fd >= 0)
        close(null_fd);
    ntf_free(ntf);
    sc_baseline_free(baseline);
    sc_baseline_free(record);
    det_verifier_free(ver);
    free(rules);
    src_fs_free(src);
    sc_diag_free(diag);
    return exit_code;
}

int cli_cmd_scan(int argc, char **argv)
{
    cli_scan_opts o;
    det_ruleset *rs = NULL;
    sc_summary summary;
    char err[1024] = "";
    int code = cli_parse_scan(argc, argv, false, &o);

    if (code != 0) {
        cli_scan_opts_free(&o);
        return code == 1 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if (det_ruleset_load(&o.det, &rs, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        cli_scan_opts_free(&o);
        return CLI_EXIT_ERROR;
    }
    code = cli_run_scan(&o, rs, &summary);
    if (o.stats && code != CLI_EXIT_ERROR)
        cli_print_stats(&summary);
    det_ruleset_free(rs);
    cli_scan_opts_free(&o);
    return code;
}
