/* bench_verify.c: verification throughput against the local fake provider.
 *
 * DESIGN
 * Starts tests/fake_provider.py with a fixed delay per answer (20 ms by
 * default, a stand-in for a provider's latency), then verifies N distinct
 * fake tokens spread over five providers on the engine's default number of
 * verify workers (2 x CPU count), each a thread started and joined here
 * that takes the next token from a shared atomic index, as the engine's
 * workers take findings from their channel. A serial baseline (one worker,
 * one request at a time) runs in the same process on its own tokens, and
 * the ratio of the two rates is printed. Nothing leaves 127.0.0.1.
 *
 * Usage: bench_verify [--tokens N] [--serial N] [--delay-ms N] [--source DIR]
 * DIR is the source tree holding tests/fake_provider.py (default
 * $ROOTLE_SOURCE_DIR, else ".").
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/verify/det_verify.h"
#include "scanner/sc_engine.h"

/* Benchmarks link only rootle_core (CMakeLists.txt), not the test support
 * library, so the fake server's launcher is compiled in here. */
#include "tests/support/fake_server.c"

static const char *const providers[][2] = {
    { "github-pat-classic", "ghp_" "rootleFAKEVALID" },
    { "slack-bot-token", "xoxb-" "rootle-FAKE-VALID-" },
    { "stripe-secret-key", "sk_test_" "rootleFAKEVALID" },
    { "openai-api-key", "sk-" "rootleFAKEVALID" },
    { "datadog-api-key", "rootlefake" "VALID" },
};
#define NPROVIDERS (sizeof(providers) / sizeof(providers[0]))

typedef struct run {
    sc_verifier plugin;
    sc_scan_ctx *ctx;
    const char *tag;            /* Makes this run's tokens distinct. */
    size_t n;
    atomic_size_t next;
    atomic_size_t verified;
} run;

static void *worker(void *arg)
{
    run *r = arg;
    void *w = r->plugin.worker_create(r->plugin.self);
    char secret[96];

    if (w == NULL) {
        fprintf(stderr, "bench_verify: cannot create a verify worker\n");
        return NULL;
    }
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        const char *const *p;
        sc_finding *f;

        if (i >= r->n)
            break;
        p = providers[i % NPROVIDERS];
        snprintf(secret, sizeof(secret), "%s%s%06zu", p[1], r->tag, i);
        f = sc_finding_create(p[0], "bench.txt", secret, strlen(secret), NULL);
        if (f == NULL)
            break;
        r->plugin.verify(w, r->ctx, f);
        if (f->verification == SC_VERIFY_VERIFIED)
            atomic_fetch_add(&r->verified, 1);
        sc_finding_free(f);
    }
    r->plugin.worker_free(r->plugin.self, w);
    return NULL;
}

/* Verifies n tokens on nthreads workers; returns the wall time in ns. */
static uint64_t timed_run(const tu_fake *fake, const char *tag, size_t n, unsigned nthreads,
                          size_t *verified)
{
    char *ov[NPROVIDERS];
    det_verify_options o;
    det_verifier *v = NULL;
    sc_counters counters;
    sc_scan_ctx ctx;
    pthread_t *t = calloc(nthreads, sizeof(*t));
    run r;
    char err[256];
    uint64_t t0, t1;

    memset(&counters, 0, sizeof(counters));
    for (size_t i = 0; i < NPROVIDERS; i++) {
        if (asprintf(&ov[i], "%s=%s", providers[i][0], tu_fake_url(fake)) < 0)
            exit(1);
    }
    det_verify_options_defaults(&o);
    o.overrides = (const char *const *)ov;
    o.noverrides = NPROVIDERS;
    if (t == NULL || det_verifier_create(NULL, 0, &o, &v, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "bench_verify: %s\n", err);
        exit(1);
    }
    ctx.diag = NULL;
    ctx.counters = &counters;
    ctx.cancel = NULL;
    memset(&r, 0, sizeof(r));
    r.plugin = det_verifier_plugin(v);
    r.ctx = &ctx;
    r.tag = tag;
    r.n = n;
    atomic_init(&r.next, 0);
    atomic_init(&r.verified, 0);
    t0 = sc_now_ns();
    for (unsigned i = 0; i < nthreads; i++) {
        if (pthread_create(&t[i], NULL, worker, &r) != 0) {
            fprintf(stderr, "bench_verify: pthread_create failed\n");
            exit(1);
        }
    }
    for (unsigned i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    t1 = sc_now_ns();
    *verified = atomic_load(&r.verified);
    if (atomic_load(&counters.verifications) != n)
        fprintf(stderr, "bench_verify: %llu requests for %zu tokens\n",
                (unsigned long long)atomic_load(&counters.verifications), n);
    det_verifier_free(v);
    for (size_t i = 0; i < NPROVIDERS; i++)
        free(ov[i]);
    free(t);
    return t1 - t0;
}

int main(int argc, char **argv)
{
    size_t ntokens = 10000, nserial = 300, conc_ok, serial_ok;
    unsigned delay_ms = 20, workers = 2 * sc_cpu_count();
    const char *source = getenv("ROOTLE_SOURCE_DIR");
    tu_fake *fake;
    uint64_t conc_ns, serial_ns;
    double conc_rate, serial_rate;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tokens") == 0 && i + 1 < argc)
            ntokens = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--serial") == 0 && i + 1 < argc)
            nserial = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
            delay_ms = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--source") == 0 && i + 1 < argc)
            source = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--tokens N] [--serial N] [--delay-ms N] [--source DIR]\n",
                    argv[0]);
            return 2;
        }
    }
    if (source == NULL)
        source = ".";
    if (ntokens == 0 || nserial == 0) {
        fprintf(stderr, "bench_verify: --tokens and --serial must be positive\n");
        return 2;
    }
    fake = tu_fake_start(source, delay_ms);
    if (fake == NULL) {
        fprintf(stderr, "bench_verify: cannot start %s/tests/fake_provider.py\n", source);
        return 1;
    }
    printf("command: %s --tokens %zu --serial %zu --delay-ms %u --source %s\n", argv[0],
           ntokens, nserial, delay_ms, source);
    printf("fake provider %s, %u ms per answer, %zu providers, %u CPUs\n", tu_fake_url(fake),
           delay_ms, NPROVIDERS, sc_cpu_count());
    fflush(stdout);

    conc_ns = timed_run(fake, "conc", ntokens, workers, &conc_ok);
    conc_rate = (double)ntokens / ((double)conc_ns / 1e9);
    printf("concurrent: %zu tokens on %u workers in %.2f s: %.1f verifications/s (%zu verified)\n",
           ntokens, workers, (double)conc_ns / 1e9, conc_rate, conc_ok);
    fflush(stdout);

    serial_ns = timed_run(fake, "serial", nserial, 1, &serial_ok);
    serial_rate = (double)nserial / ((double)serial_ns / 1e9);
    printf("serial:     %zu tokens on 1 worker in %.2f s: %.1f verifications/s (%zu verified)\n",
           nserial, (double)serial_ns / 1e9, serial_rate, serial_ok);
    printf("speedup: %.2fx\n", conc_rate / serial_rate);
    printf("requests the server saw: %ld\n", tu_fake_count(fake, "VALID"));
    tu_fake_stop(fake);
    return conc_ok == ntokens && serial_ok == nserial ? 0 : 1;
}
