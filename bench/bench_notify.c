/* bench_notify.c: how fast each output format turns findings into bytes,
 * on one thread. Prints findings per second and output bytes per finding.
 *
 *   bench_notify [FINDINGS]     (default 200000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notifiers/ntf.h"

enum { DISTINCT = 1000, RULES = 50 };

int main(int argc, char **argv)
{
    static const char *const names[] = { "text", "json", "sarif", "github" };
    long total = argc > 1 ? atol(argv[1]) : 200000;
    sc_finding *f[DISTINCT];

    for (int i = 0; i < DISTINCT; i++) {
        char rule[32], path[96], secret[64];

        snprintf(rule, sizeof(rule), "rule-%d", i % RULES);
        snprintf(path, sizeof(path), "./src/module %d/sub/file_%d.py", i % 37, i);
        snprintf(secret, sizeof(secret), "ghp_" "rootleFAKE%026d", i);
        f[i] = sc_finding_create(rule, path, secret, strlen(secret), NULL);
        if (f[i] == NULL || sc_finding_set(&f[i]->rule_description, "A benchmark rule") != 0)
            return 1;
        f[i]->line = (uint64_t)i + 1;
        f[i]->column = 5;
        f[i]->end_column = 5 + strlen(secret);
        f[i]->verification = i % 4 == 0 ? SC_VERIFY_VERIFIED : SC_VERIFY_UNVERIFIED;
    }
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        ntf_options o = { .version = "bench" };
        ntf_notifier *n;
        sc_notifier p;
        sc_buf b = SC_BUF_INIT;
        size_t bytes = 0;
        uint64_t t0;
        double s;

        if (ntf_format_parse(names[k], &o.format) != SC_OK || ntf_create(&o, &n) != SC_OK)
            return 1;
        p = ntf_plugin(n);
        t0 = sc_now_ns();
        for (long i = 0; i < total; i++) {
            sc_buf_reset(&b);
            p.format(p.self, f[i % DISTINCT], &b);
            bytes += b.len;
        }
        s = (double)(sc_now_ns() - t0) / 1e9;
        printf("%-6s %10.0f findings/s  %6.1f bytes/finding  %7.1f MB/s\n", names[k],
               (double)total / s, (double)bytes / (double)total, (double)bytes / s / 1e6);
        sc_buf_free(&b);
        ntf_free(n);
    }
    for (int i = 0; i < DISTINCT; i++)
        sc_finding_free(f[i]);
    return 0;
}
