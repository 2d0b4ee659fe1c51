/* bench_detect.c: the matching engine on its own: cold and cached load of
 * the built-in catalogue, then one thread scanning generated source-like
 * text (with the catalogue's true examples sprinkled in) in 64 KiB chunks.
 * Prints load times, throughput and the slowest rules.
 *
 *   bench_detect [MIB]     (default 64)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "detectors/det_load.h"
#include "scanner/sc_stage.h"

#define OWNED (64 * 1024)
#define PEEK (4 * 1024)

static size_t findings;

static sc_code count(void *arg, void *item)
{
    (void)arg;
    findings++;
    sc_finding_free(item);
    return SC_OK;
}

static det_ruleset *load(const char *cache, const char *what)
{
    det_options o;
    det_ruleset *rs = NULL;
    det_load_info info;
    char err[512];
    uint64_t t0 = sc_now_ns();

    det_options_defaults(&o);
    o.cache_dir = cache;
    if (det_ruleset_load(&o, &rs, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "bench_detect: %s\n", err);
        exit(1);
    }
    det_ruleset_load_info(rs, &info);
    printf("load %-7s %8.1f ms total, %8.1f ms prefilter database (%zu rules, from cache: %s)\n",
           what, (double)(sc_now_ns() - t0) / 1e6, (double)info.compile_ns / 1e6,
           det_ruleset_count(rs), info.from_cache ? "yes" : "no");
    return rs;
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? (size_t)atol(argv[1]) : 64, len = mib << 20, n = 0, used = 0;
    char cache[] = "/tmp/rootle-bench-XXXXXX";
    const det_rule_def *rules = det_builtin_rules(&n);
    char *text = malloc(len + 1);
    det_ruleset *rs;
    const char *ids[64];
    size_t nfb;
    unsigned seed = 1;
    sc_detector d;
    void *w;
    sc_emit *e;
    uint64_t t0, ns;
    det_rule_time slow[10];
    size_t nslow, ex = 0;

    if (text == NULL || mkdtemp(cache) == NULL)
        return 1;
    det_ruleset_free(load(cache, "cold"));
    rs = load(cache, "cached");
    nfb = det_ruleset_fallbacks(rs, ids, 64);
    printf("rules Hyperscan rejected (keyword fallback): %zu\n", nfb);
    for (size_t i = 0; i < nfb && i < 64; i++)
        printf("  %s\n", ids[i]);

    /* Source-like lines, and every 64 KiB or so one true example. */
    while (used < len) {
        char line[160];
        int k;

        seed = seed * 1103515245u + 12345u;
        if ((seed >> 8) % 600 == 0) {
            const char *t = rules[ex % n].true_examples[0];

            ex++;
            k = snprintf(line, sizeof(line), "\n");
            if (t != NULL && used + strlen(t) + 1 < len) {
                memcpy(text + used, t, strlen(t));
                used += strlen(t);
            }
        } else {
            k = snprintf(line, sizeof(line),
                         "    let value_%u = config.get(\"section_%u\").unwrap_or(%u); // note %u\n",
                         (seed >> 16) % 1000, (seed >> 4) % 50, (seed >> 12) % 9999, seed % 77);
        }
        if (used + (size_t)k > len)
            break;
        memcpy(text + used, line, (size_t)k);
        used += (size_t)k;
    }
    d = det_ruleset_detector(rs);
    w = d.worker_create(d.self);
    e = sc_emit_create_callback(count, NULL, NULL, sc_finding_free_item);
    t0 = sc_now_ns();
    for (size_t off = 0; off < used; off += OWNED) {
        size_t owned = used - off < OWNED ? used - off : OWNED;
        size_t clen = used - off < OWNED + PEEK ? used - off : OWNED + PEEK;
        sc_chunk *c = sc_chunk_create("bench.rs", clen);

        memcpy(c->data, text + off, clen);
        c->data[clen] = '\0';
        c->len = clen;
        c->owned = owned;
        c->offset = off;
        d.scan(w, NULL, c, e);
        sc_chunk_free(c);
    }
    ns = sc_now_ns() - t0;
    d.worker_free(d.self, w);
    printf("scan: %.1f MiB in %.3f s = %.1f MiB/s on one thread, %zu findings (%zu examples)\n",
           (double)used / (1 << 20), (double)ns / 1e9, (double)used / (1 << 20) / ((double)ns / 1e9),
           findings, ex);
    nslow = det_ruleset_slowest(rs, slow, 10);
    printf("slowest rules (confirm time):\n");
    for (size_t i = 0; i < nslow; i++)
        printf("  %-36s %8.2f ms  %8llu hits  %5llu matches\n", slow[i].id,
               (double)slow[i].ns / 1e6, (unsigned long long)slow[i].hits,
               (unsigned long long)slow[i].matches);
    sc_emit_free(e);
    det_ruleset_free(rs);
    free(text);
    {
        char cmd[128];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache);
        if (system(cmd) != 0)
            return 1;
    }
    return 0;
}
