/* sc_stats.c: clocks and the bottleneck rule. */
#include "scanner/sc_stats.h"

#include <time.h>
#include <unistd.h>

uint64_t sc_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t sc_cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

bool sc_summary_cpu_bound(const sc_summary *s)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    double cpus = n > 0 ? (double)n : 1.0;

    return s->wall_ns > 0 && (double)s->cpu_ns >= 0.8 * cpus * (double)s->wall_ns;
}

int sc_summary_bottleneck(const sc_summary *s)
{
    int best = 0;
    double best_util = -1.0;

    if (sc_summary_cpu_bound(s)) {
        uint64_t most = 0;

        for (int i = 0; i < SC_STAGE_COUNT; i++) {
            if (s->stages[i].cpu_ns > most) {
                most = s->stages[i].cpu_ns;
                best = i;
            }
        }
        return best;
    }

    for (int i = 0; i < SC_STAGE_COUNT; i++) {
        const sc_stage_stats *st = &s->stages[i];
        double util;

        if (st->workers == 0)
            continue;
        /* Utilisation, not raw busy time: twelve detect workers each busy
         * half the time are less of a bottleneck than one source thread
         * busy all the time. */
        util = (double)st->busy_ns / (double)st->workers;
        if (util > best_util) {
            best_util = util;
            best = i;
        }
    }
    return best;
}
