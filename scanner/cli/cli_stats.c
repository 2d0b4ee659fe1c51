/* cli_stats.c: the --stats summary on stderr. */
#include "scanner/cli/cli.h"

#include <stdio.h>

double cli_per_hour(uint64_t n, uint64_t wall_ns)
{
    return wall_ns ? (double)n * 3600e9 / (double)wall_ns : 0;
}

void cli_print_stages(FILE *out, const sc_summary *s)
{
    int b = sc_summary_bottleneck(s);

    fprintf(out, "  %-8s %7s %7s %10s %10s %12s %13s %6s\n", "stage", "workers", "buffer",
            "busy s", "cpu s", "wait input s", "wait output s", "util");
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        const sc_stage_stats *st = &s->stages[i];
        double util = st->workers && s->wall_ns
                          ? 100.0 * (double)st->busy_ns / ((double)st->workers * (double)s->wall_ns)
                          : 0;

        if (st->name == NULL)
            continue;
        fprintf(out, "  %-8s %7u %7llu %10.3f %10.3f %12.3f %13.3f %5.1f%%\n", st->name,
                st->workers, (unsigned long long)st->buffer, (double)st->busy_ns / 1e9,
                (double)st->cpu_ns / 1e9, (double)st->blocked_in_ns / 1e9,
                (double)st->blocked_out_ns / 1e9, util);
    }
    if (s->stages[b].name != NULL)
        fprintf(out, "  bottleneck   %s (%s)\n", s->stages[b].name,
                sc_summary_cpu_bound(s) ? "the CPUs were saturated; it used the most CPU time"
                                        : "highest busy time per worker");
}

void cli_print_stats(const sc_summary *s)
{
    double secs = (double)s->wall_ns / 1e9;
    char bytes[32], rate[32];

    cli_format_bytes((double)s->bytes, bytes, sizeof(bytes));
    cli_format_bytes(secs > 0 ? (double)s->bytes / secs : 0, rate, sizeof(rate));
    fprintf(stderr,
            "rootle stats\n"
            "  files        %llu (skipped: %llu binary, %llu too large, %llu special, "
            "%llu excluded; %llu unreadable)\n"
            "  bytes        %s\n"
            "  chunks       %llu\n"
            "  findings     %llu made, %llu reported (%llu verified), %llu suppressed\n"
            "  requests     %llu to providers (verification)\n"
            "  wall time    %.3f s   cpu time %.3f s\n"
            "  throughput   %s/s   %.0f files/hour   %.0f chunks/hour   %.0f items/hour\n",
            (unsigned long long)s->files, (unsigned long long)s->skipped_binary,
            (unsigned long long)s->skipped_large, (unsigned long long)s->skipped_special,
            (unsigned long long)s->skipped_excluded, (unsigned long long)s->scan_errors, bytes,
            (unsigned long long)s->chunks, (unsigned long long)s->findings,
            (unsigned long long)s->reported, (unsigned long long)s->reported_verified,
            (unsigned long long)s->suppressed, (unsigned long long)s->verifications,
            secs, (double)s->cpu_ns / 1e9, rate,
            cli_per_hour(s->files, s->wall_ns), cli_per_hour(s->chunks, s->wall_ns),
            cli_per_hour(s->files + s->chunks, s->wall_ns));
    cli_print_stages(stderr, s);
}
