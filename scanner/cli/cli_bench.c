/* cli_bench.c: `rootle bench`: scan with the output discarded and report
 * where the time went. */
#include "scanner/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/sc_buf.h"

#define SLOWEST 10

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static double mbps(uint64_t bytes, uint64_t ns)
{
    return ns ? (double)bytes / 1e6 / ((double)ns / 1e9) : 0;
}

static void report_text(const sc_summary *s, const uint64_t *walls, unsigned runs,
                        const det_rule_time *slow, size_t nslow)
{
    uint64_t med = walls[runs / 2];

    printf("rootle bench (%u run%s; figures from the median run)\n", runs, runs == 1 ? "" : "s");
    printf("  files        %llu\n  chunks       %llu\n  bytes        %llu\n",
           (unsigned long long)s->files, (unsigned long long)s->chunks,
           (unsigned long long)s->bytes);
    printf("  wall time    %.3f s (min %.3f, median %.3f, max %.3f)\n", (double)s->wall_ns / 1e9,
           (double)walls[0] / 1e9, (double)med / 1e9, (double)walls[runs - 1] / 1e9);
    printf("  cpu time     %.3f s\n", (double)s->cpu_ns / 1e9);
    printf("  throughput   %.1f MB/s (min %.1f, median %.1f, max %.1f)\n",
           mbps(s->bytes, s->wall_ns), mbps(s->bytes, walls[runs - 1]), mbps(s->bytes, med),
           mbps(s->bytes, walls[0]));
    printf("  files/hour   %.0f\n  chunks/hour  %.0f\n", cli_per_hour(s->files, s->wall_ns),
           cli_per_hour(s->chunks, s->wall_ns));
    printf("  findings     %llu\n\n", (unsigned long long)s->findings);
    cli_print_stages(stdout, s);
    printf("\n");
    printf("  slowest rules (confirmation time per run, summed over workers)\n");
    for (size_t i = 0; i < nslow; i++)
        printf("  %-36s %10.3f ms %10llu hits %8llu matches\n", slow[i].id,
               (double)slow[i].ns / runs / 1e6, (unsigned long long)(slow[i].hits / runs),
               (unsigned long long)(slow[i].matches / runs));
}

static void report_json(const sc_summary *s, const uint64_t *walls, unsigned runs,
                        const det_rule_time *slow, size_t nslow)
{
    sc_buf b = SC_BUF_INIT;
    int bn = sc_summary_bottleneck(s);

    sc_buf_printf(&b,
                  "{\"runs\":%u,\"files\":%llu,\"chunks\":%llu,\"bytes\":%llu,\"findings\":%llu,"
                  "\"wall_s\":{\"min\":%.6f,\"median\":%.6f,\"max\":%.6f},\"cpu_s\":%.6f,"
                  "\"mb_per_s\":{\"min\":%.3f,\"median\":%.3f,\"max\":%.3f},"
                  "\"files_per_hour\":%.0f,\"chunks_per_hour\":%.0f,\"stages\":[",
                  runs, (unsigned long long)s->files, (unsigned long long)s->chunks,
                  (unsigned long long)s->bytes, (unsigned long long)s->findings,
                  (double)walls[0] / 1e9, (double)walls[runs / 2] / 1e9,
                  (double)walls[runs - 1] / 1e9, (double)s->cpu_ns / 1e9,
                  mbps(s->bytes, walls[runs - 1]), mbps(s->bytes, walls[runs / 2]),
                  mbps(s->bytes, walls[0]), cli_per_hour(s->files, s->wall_ns),
                  cli_per_hour(s->chunks, s->wall_ns));
    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        const sc_stage_stats *st = &s->stages[i];

        sc_buf_printf(&b, "%s{\"name\":", i ? "," : "");
        sc_buf_json_cstr(&b, st->name);
        sc_buf_printf(&b,
                      ",\"workers\":%u,\"buffer\":%llu,\"busy_s\":%.6f,\"cpu_s\":%.6f,"
                      "\"blocked_in_s\":%.6f,"
                      "\"blocked_out_s\":%.6f,\"items_in\":%llu,\"items_out\":%llu}",
                      st->workers, (unsigned long long)st->buffer, (double)st->busy_ns / 1e9,
                      (double)st->cpu_ns / 1e9,
                      (double)st->blocked_in_ns / 1e9, (double)st->blocked_out_ns / 1e9,
                      (unsigned long long)st->items_in, (unsigned long long)st->items_out);
    }
    sc_buf_puts(&b, "],\"bottleneck\":");
    sc_buf_json_cstr(&b, s->stages[bn].name);
    sc_buf_puts(&b, ",\"slowest_rules\":[");
    for (size_t i = 0; i < nslow; i++) {
        sc_buf_printf(&b, "%s{\"id\":", i ? "," : "");
        sc_buf_json_cstr(&b, slow[i].id);
        sc_buf_printf(&b, ",\"ms_per_run\":%.3f,\"hits\":%llu,\"matches\":%llu}",
                      (double)slow[i].ns / runs / 1e6, (unsigned long long)(slow[i].hits / runs),
                      (unsigned long long)(slow[i].matches / runs));
    }
    sc_buf_puts(&b, "]}\n");
    if (b.data != NULL)
        fputs(b.data, stdout);
    sc_buf_free(&b);
}

int cli_cmd_bench(int argc, char **argv)
{
    cli_scan_opts o;
    det_ruleset *rs = NULL;
    sc_summary *runs = NULL;
    uint64_t *walls = NULL;
    det_rule_time slow[SLOWEST];
    size_t nslow;
    char err[1024];
    int code = cli_parse_scan(argc, argv, true, &o);
    unsigned median = 0;

    if (code != 0) {
        cli_scan_opts_free(&o);
        return code == 1 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if (det_ruleset_load(&o.det, &rs, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        code = CLI_EXIT_ERROR;
        goto out;
    }
    runs = calloc(o.repeat, sizeof(*runs));
    walls = calloc(o.repeat, sizeof(*walls));
    if (runs == NULL || walls == NULL) {
        code = CLI_EXIT_ERROR;
        goto out;
    }
    for (unsigned i = 0; i < o.repeat; i++) {
        code = cli_run_scan(&o, rs, &runs[i]);
        if (code != CLI_EXIT_OK)
            goto out;
        walls[i] = runs[i].wall_ns;
    }
    qsort(walls, o.repeat, sizeof(*walls), cmp_u64);
    for (unsigned i = 0; i < o.repeat; i++) {
        if (runs[i].wall_ns == walls[o.repeat / 2])
            median = i;
    }
    nslow = det_ruleset_slowest(rs, slow, SLOWEST);
    /* Rules that never ran tell the reader nothing. */
    while (nslow > 0 && slow[nslow - 1].ns == 0 && slow[nslow - 1].hits == 0)
        nslow--;
    if (o.bench_json)
        report_json(&runs[median], walls, o.repeat, slow, nslow);
    else
        report_text(&runs[median], walls, o.repeat, slow, nslow);
    code = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
out:
    free(runs);
    free(walls);
    det_ruleset_free(rs);
    cli_scan_opts_free(&o);
    return code;
}
