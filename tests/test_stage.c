/* test_stage.c: worker pools, fan-in close, statistics, and the
 * cancellation leak test: cancel after reading 10 of 1000 items and check
 * that every thread has been joined. */
#include <check.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "scanner/sc_stage.h"
#include "tests/support/tu.h"

static atomic_int live_items;

static int *item_new(int v)
{
    int *p = malloc(sizeof(*p));

    ck_assert_ptr_nonnull(p);
    *p = v;
    atomic_fetch_add(&live_items, 1);
    return p;
}

static void item_free(void *p)
{
    if (p != NULL)
        atomic_fetch_sub(&live_items, 1);
    free(p);
}

typedef struct counter_src {
    int count;
    atomic_int produced;
} counter_src;

static sc_code produce_n(void *arg, void *state, sc_emit *out)
{
    counter_src *c = arg;

    (void)state;
    for (int i = 0; i < c->count; i++) {
        sc_code rc = sc_emit_send(out, item_new(i));

        if (rc != SC_OK)
            return rc;
        atomic_fetch_add(&c->produced, 1);
    }
    return SC_OK;
}

static sc_code double_it(void *arg, void *state, void *item, sc_emit *out)
{
    (void)arg;
    (void)state;
    *(int *)item *= 2;
    return sc_emit_send(out, item);
}

START_TEST(test_fan_out_fan_in)
{
    counter_src src = { .count = 5000 };
    sc_chan *a = sc_chan_create(10, item_free), *b = sc_chan_create(10, item_free);
    sc_stage_ops pops = { .name = "source", .arg = &src, .produce = produce_n, .free_out = item_free };
    sc_stage_ops dops = { .name = "double", .process = double_it, .free_out = item_free };
    sc_stage_config pcfg = { 1, NULL, a, NULL, NULL }, dcfg = { 6, a, b, NULL, NULL };
    sc_stage *p, *d;
    sc_stage_stats st;
    long long sum = 0;
    int n = 0;
    void *item;

    atomic_store(&live_items, 0);
    ck_assert_int_eq(sc_stage_start(&dops, &dcfg, &d), SC_OK);
    ck_assert_int_eq(sc_stage_start(&pops, &pcfg, &p), SC_OK);
    /* The last of the six workers closes b, so this loop ends. */
    while (sc_chan_recv(b, &item, NULL) == SC_OK) {
        sum += *(int *)item;
        n++;
        item_free(item);
    }
    sc_stage_join(p);
    sc_stage_join(d);
    ck_assert_int_eq(n, 5000);
    ck_assert_int_eq(sum, 2LL * (4999LL * 5000LL / 2));
    sc_stage_get_stats(d, &st);
    ck_assert_uint_eq(st.workers, 6);
    ck_assert_uint_eq(st.items_in, 5000);
    ck_assert_uint_eq(st.items_out, 5000);
    ck_assert_str_eq(st.name, "double");
    ck_assert_int_eq(sc_stage_error(d), SC_OK);
    sc_stage_free(p);
    sc_stage_free(d);
    sc_chan_free(a);
    sc_chan_free(b);
    ck_assert_int_eq(atomic_load(&live_items), 0);
}
END_TEST

static sc_code fail_odd(void *arg, void *state, void *item, sc_emit *out)
{
    int v = *(int *)item;

    (void)arg;
    (void)state;
    if (v % 2) {
        item_free(item);
        return SC_EIO;
    }
    return sc_emit_send(out, item);
}

START_TEST(test_errors_recorded_and_work_goes_on)
{
    counter_src src = { .count = 100 };
    sc_chan *a = sc_chan_create(4, item_free), *b = sc_chan_create(200, item_free);
    sc_stage_ops pops = { .name = "source", .arg = &src, .produce = produce_n, .free_out = item_free };
    sc_stage_ops fops = { .name = "fail", .process = fail_odd, .free_out = item_free };
    sc_stage_config pcfg = { 1, NULL, a, NULL, NULL }, fcfg = { 3, a, b, NULL, NULL };
    sc_stage *p, *f;

    ck_assert_int_eq(sc_stage_start(&fops, &fcfg, &f), SC_OK);
    ck_assert_int_eq(sc_stage_start(&pops, &pcfg, &p), SC_OK);
    sc_stage_free(p);
    sc_stage_join(f);   /* b is closed by then. */
    ck_assert_int_eq(sc_stage_error(f), SC_EIO);
    sc_stage_free(f);
    ck_assert_uint_eq(sc_chan_len(b), 50);
    sc_chan_free(a);
    sc_chan_free(b);
}
END_TEST

START_TEST(test_invalid_config)
{
    sc_stage_ops ops = { .name = "x", .process = double_it };
    sc_stage_config cfg = { 0, NULL, NULL, NULL, NULL };
    sc_stage *s;

    ck_assert_int_eq(sc_stage_start(&ops, &cfg, &s), SC_EINVAL);   /* no workers */
    cfg.workers = 1;
    ck_assert_int_eq(sc_stage_start(&ops, &cfg, &s), SC_EINVAL);   /* no produce */
    ck_assert_ptr_null(s);
    sc_stage_free(NULL);
}
END_TEST

/* The leak test. Workers of the middle stage block on a gate semaphore
 * inside process(), so the test knows exactly where every thread is when
 * it fires the token. */
enum { LEAK_ITEMS = 1000, LEAK_READ = 10, LEAK_WORKERS = 4 };

typedef struct gate {
    sem_t entered;
    sem_t pass;
} gate;

static sc_code gated_pass(void *arg, void *state, void *item, sc_emit *out)
{
    gate *g = arg;

    (void)state;
    sem_post(&g->entered);
    sem_wait(&g->pass);
    return sc_emit_send(out, item);
}

START_TEST(test_cancel_leak)
{
    int baseline = tu_thread_baseline();
    counter_src src = { .count = LEAK_ITEMS };
    gate g;
    sc_cancel *token = sc_cancel_create();
    sc_chan *a = sc_chan_create(100, item_free), *b = sc_chan_create(100, item_free);
    sc_stage_ops pops = { .name = "source", .arg = &src, .produce = produce_n, .free_out = item_free };
    sc_stage_ops mops = { .name = "middle", .arg = &g, .process = gated_pass, .free_out = item_free };
    sc_stage_config pcfg = { 1, NULL, a, token, token };
    sc_stage_config mcfg = { LEAK_WORKERS, a, b, token, token };
    sc_stage *p, *m;
    void *item;

    atomic_store(&live_items, 0);
    sem_init(&g.entered, 0, 0);
    sem_init(&g.pass, 0, 0);
    ck_assert_int_eq(sc_stage_start(&mops, &mcfg, &m), SC_OK);
    ck_assert_int_eq(sc_stage_start(&pops, &pcfg, &p), SC_OK);
    ck_assert_int_eq(tu_thread_count(), baseline + 1 + LEAK_WORKERS);
    for (int i = 0; i < LEAK_READ; i++) {
        sem_post(&g.pass);
        ck_assert_int_eq(sc_chan_recv(b, &item, token), SC_OK);
        item_free(item);
    }
    /* Every worker now holds one item inside process(); the source is
     * blocked on the full channel a (or about to be). */
    for (int i = 0; i < LEAK_READ + LEAK_WORKERS; i++)
        sem_wait(&g.entered);
    sc_cancel_fire(token);
    for (int i = 0; i < LEAK_WORKERS; i++)
        sem_post(&g.pass);
    sc_stage_free(p);
    sc_stage_free(m);
    ck_assert_int_eq(tu_thread_count_settled(baseline), baseline);
    ck_assert_int_lt(atomic_load(&src.produced), LEAK_ITEMS);
    sc_chan_free(a);
    sc_chan_free(b);
    /* Items in flight were freed by the stages, items queued by the
     * channels: nothing leaked. */
    ck_assert_int_eq(atomic_load(&live_items), 0);
    sc_cancel_free(token);
}
END_TEST

static Suite *stage_suite(void)
{
    Suite *s = suite_create("stage");
    TCase *tc = tcase_create("pool");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_fan_out_fan_in);
    tcase_add_test(tc, test_errors_recorded_and_work_goes_on);
    tcase_add_test(tc, test_invalid_config);
    tcase_add_test(tc, test_cancel_leak);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(stage_suite());
}
