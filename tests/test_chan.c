/* test_chan.c: channel semantics, cancellation and an MPMC stress test. */
#include <check.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "scanner/sc_chan.h"
#include "tests/support/tu.h"

static atomic_int freed;

static void count_free(void *item)
{
    (void)item;
    atomic_fetch_add(&freed, 1);
}

#define ITEM(n) ((void *)(uintptr_t)(n))

START_TEST(test_fifo_and_close_then_drain)
{
    sc_chan *ch = sc_chan_create(4, NULL);
    void *item;

    ck_assert_ptr_nonnull(ch);
    for (uintptr_t i = 1; i <= 3; i++)
        ck_assert_int_eq(sc_chan_send(ch, ITEM(i), NULL), SC_OK);
    sc_chan_close(ch);
    ck_assert_int_eq(sc_chan_send(ch, ITEM(9), NULL), SC_CLOSED);
    for (uintptr_t i = 1; i <= 3; i++) {
        ck_assert_int_eq(sc_chan_recv(ch, &item, NULL), SC_OK);
        ck_assert_ptr_eq(item, ITEM(i));
    }
    ck_assert_int_eq(sc_chan_recv(ch, &item, NULL), SC_CLOSED);
    ck_assert_int_eq(sc_chan_recv(ch, &item, NULL), SC_CLOSED);
    sc_chan_free(ch);
}
END_TEST

START_TEST(test_double_close)
{
    sc_chan *ch = sc_chan_create(1, NULL);
    void *item;

    sc_chan_close(ch);
    sc_chan_close(ch);
    ck_assert_int_eq(sc_chan_recv(ch, &item, NULL), SC_CLOSED);
    sc_chan_free(ch);
}
END_TEST

START_TEST(test_zero_capacity_rejected)
{
    ck_assert_ptr_null(sc_chan_create(0, NULL));
}
END_TEST

START_TEST(test_leftovers_freed)
{
    sc_chan *ch = sc_chan_create(8, count_free);

    atomic_store(&freed, 0);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(sc_chan_send(ch, ITEM(i + 1), NULL), SC_OK);
    sc_chan_free(ch);
    ck_assert_int_eq(atomic_load(&freed), 5);
}
END_TEST

/* A thread that sends one item into a full channel. */
typedef struct blocked_sender {
    sc_chan *ch;
    sc_cancel *token;
    sem_t ready;
    sem_t done;
    sc_code rc;
} blocked_sender;

static void *send_one(void *arg)
{
    blocked_sender *b = arg;

    sem_post(&b->ready);
    b->rc = sc_chan_send(b->ch, ITEM(42), b->token);
    sem_post(&b->done);
    return NULL;
}

START_TEST(test_full_blocks_until_recv)
{
    blocked_sender b = { .ch = sc_chan_create(2, NULL) };
    pthread_t t;
    void *item;

    sem_init(&b.ready, 0, 0);
    sem_init(&b.done, 0, 0);
    ck_assert_int_eq(sc_chan_send(b.ch, ITEM(1), NULL), SC_OK);
    ck_assert_int_eq(sc_chan_send(b.ch, ITEM(2), NULL), SC_OK);
    pthread_create(&t, NULL, send_one, &b);
    sem_wait(&b.ready);
    /* The channel is full, so the sender cannot have finished, whatever the
     * scheduling; the length never exceeds the capacity. */
    ck_assert_int_eq(sem_trywait(&b.done), -1);
    ck_assert_uint_eq(sc_chan_len(b.ch), 2);
    ck_assert_int_eq(sc_chan_recv(b.ch, &item, NULL), SC_OK);
    ck_assert_ptr_eq(item, ITEM(1));
    sem_wait(&b.done);
    pthread_join(t, NULL);
    ck_assert_int_eq(b.rc, SC_OK);
    ck_assert_uint_eq(sc_chan_len(b.ch), 2);
    ck_assert_int_eq(sc_chan_recv(b.ch, &item, NULL), SC_OK);
    ck_assert_ptr_eq(item, ITEM(2));
    ck_assert_int_eq(sc_chan_recv(b.ch, &item, NULL), SC_OK);
    ck_assert_ptr_eq(item, ITEM(42));
    sc_chan_free(b.ch);
}
END_TEST

START_TEST(test_close_wakes_blocked_sender)
{
    blocked_sender b = { .ch = sc_chan_create(1, NULL) };
    pthread_t t;

    sem_init(&b.ready, 0, 0);
    sem_init(&b.done, 0, 0);
    ck_assert_int_eq(sc_chan_send(b.ch, ITEM(1), NULL), SC_OK);
    pthread_create(&t, NULL, send_one, &b);
    sem_wait(&b.ready);
    sc_chan_close(b.ch);
    pthread_join(t, NULL);
    ck_assert_int_eq(b.rc, SC_CLOSED);
    sc_chan_free(b.ch);
}
END_TEST

/* Receivers and senders parked on two channels; one fire wakes them all. */
typedef struct parked {
    sc_chan *ch;
    sc_cancel *token;
    pthread_barrier_t *barrier;
    bool sender;
    sc_code rc;
} parked;

static void *park(void *arg)
{
    parked *p = arg;
    void *item;

    pthread_barrier_wait(p->barrier);
    if (p->sender)
        p->rc = sc_chan_send(p->ch, ITEM(7), p->token);
    else
        p->rc = sc_chan_recv(p->ch, &item, p->token);
    return NULL;
}

START_TEST(test_cancel_wakes_everyone)
{
    enum { N = 8 };
    sc_cancel *token = sc_cancel_create();
    sc_chan *empty = sc_chan_create(4, NULL);
    sc_chan *full = sc_chan_create(1, NULL);
    pthread_barrier_t barrier;
    pthread_t t[2 * N];
    parked p[2 * N];
    void *item;

    ck_assert_int_eq(sc_chan_send(full, ITEM(1), NULL), SC_OK);
    pthread_barrier_init(&barrier, NULL, 2 * N + 1);
    for (int i = 0; i < 2 * N; i++) {
        p[i] = (parked){ i < N ? empty : full, token, &barrier, i >= N, SC_OK };
        pthread_create(&t[i], NULL, park, &p[i]);
    }
    pthread_barrier_wait(&barrier);
    sc_cancel_fire(token);
    for (int i = 0; i < 2 * N; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(p[i].rc, SC_CANCELLED);
    }
    /* A fired token also refuses new calls, even with items ready. */
    ck_assert_int_eq(sc_chan_recv(full, &item, token), SC_CANCELLED);
    ck_assert_uint_eq(sc_chan_len(full), 1);
    sc_chan_free(empty);
    sc_chan_free(full);
    sc_cancel_free(token);
    pthread_barrier_destroy(&barrier);
}
END_TEST

START_TEST(test_waker_added_after_fire_runs)
{
    sc_cancel *token = sc_cancel_create();
    sc_chan *ch = sc_chan_create(1, NULL);
    void *item;

    sc_cancel_fire(token);
    ck_assert_int_eq(sc_chan_recv(ch, &item, token), SC_CANCELLED);
    ck_assert_int_eq(sc_cancel_sleep_ms(token, 60000), SC_CANCELLED);
    sc_chan_free(ch);
    sc_cancel_free(token);
}
END_TEST

/* MPMC stress: every item is delivered exactly once. */
enum { PRODUCERS = 4, CONSUMERS = 4, PER_PRODUCER = 20000 };

typedef struct stress {
    sc_chan *ch;
    atomic_int producers_left;
    atomic_uchar seen[PRODUCERS * PER_PRODUCER];
    atomic_int received;
} stress;

typedef struct stress_arg {
    stress *s;
    int index;
} stress_arg;

static void *produce(void *arg)
{
    stress_arg *a = arg;

    for (int i = 0; i < PER_PRODUCER; i++) {
        uintptr_t id = (uintptr_t)(a->index * PER_PRODUCER + i) + 1;

        ck_assert_int_eq(sc_chan_send(a->s->ch, ITEM(id), NULL), SC_OK);
    }
    if (atomic_fetch_sub(&a->s->producers_left, 1) == 1)
        sc_chan_close(a->s->ch);
    return NULL;
}

static void *consume(void *arg)
{
    stress_arg *a = arg;
    void *item;

    while (sc_chan_recv(a->s->ch, &item, NULL) == SC_OK) {
        uintptr_t id = (uintptr_t)item - 1;

        atomic_fetch_add(&a->s->seen[id], 1);
        atomic_fetch_add(&a->s->received, 1);
    }
    return NULL;
}

START_TEST(test_mpmc_exactly_once)
{
    stress *s = calloc(1, sizeof(*s));
    pthread_t p[PRODUCERS], c[CONSUMERS];
    stress_arg pa[PRODUCERS], ca[CONSUMERS];

    s->ch = sc_chan_create(16, NULL);
    atomic_init(&s->producers_left, PRODUCERS);
    for (int i = 0; i < CONSUMERS; i++) {
        ca[i] = (stress_arg){ s, i };
        pthread_create(&c[i], NULL, consume, &ca[i]);
    }
    for (int i = 0; i < PRODUCERS; i++) {
        pa[i] = (stress_arg){ s, i };
        pthread_create(&p[i], NULL, produce, &pa[i]);
    }
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < CONSUMERS; i++)
        pthread_join(c[i], NULL);
    ck_assert_int_eq(atomic_load(&s->received), PRODUCERS * PER_PRODUCER);
    for (int i = 0; i < PRODUCERS * PER_PRODUCER; i++)
        ck_assert_msg(atomic_load(&s->seen[i]) == 1, "item %d seen %d times", i,
                      atomic_load(&s->seen[i]));
    sc_chan_free(s->ch);
    free(s);
}
END_TEST

static Suite *chan_suite(void)
{
    Suite *s = suite_create("chan");
    TCase *tc = tcase_create("semantics");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_fifo_and_close_then_drain);
    tcase_add_test(tc, test_double_close);
    tcase_add_test(tc, test_zero_capacity_rejected);
    tcase_add_test(tc, test_leftovers_freed);
    tcase_add_test(tc, test_full_blocks_until_recv);
    tcase_add_test(tc, test_close_wakes_blocked_sender);
    tcase_add_test(tc, test_cancel_wakes_everyone);
    tcase_add_test(tc, test_waker_added_after_fire_runs);
    tcase_add_test(tc, test_mpmc_exactly_once);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(chan_suite());
}
