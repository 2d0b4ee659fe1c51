/* test_decode_spans.c: the decoders' span finders always make progress and
 * never report more spans than a buffer can hold, over every small input
 * drawn from the bytes that drive their state machines. A finder that
 * loops would hit the test's timeout; one that repeats a span would trip
 * the count. This guards the UTF-16 finder's loop on a big-endian run that
 * ends right at a NUL, which once grew a span vector without bound on a
 * CA bundle. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "detectors/det_decode.h"
#include "tests/support/tu.h"

typedef bool (*finder)(const unsigned char *p, size_t len, size_t limit, det_spanvec *out);

/* Every string of length len over alphabet, through find. */
static void exhaust(finder find, const unsigned char *alphabet, size_t na, size_t len)
{
    unsigned char buf[32];
    size_t idx[32] = { 0 };
    size_t total = 1;
    det_spanvec sv = { 0 };

    for (size_t i = 0; i < len; i++)
        total *= na;
    for (size_t n = 0; n < total; n++) {
        size_t x = n;

        for (size_t i = 0; i < len; i++) {
            idx[i] = x % na;
            x /= na;
            buf[i] = alphabet[idx[i]];
        }
        sv.n = 0;
        ck_assert(find(buf, len, len, &sv));
        ck_assert_msg(sv.n <= len, "%zu spans in %zu bytes", sv.n, len);
        for (size_t k = 0; k < sv.n; k++) {
            ck_assert_uint_le(sv.v[k].end, len);
            ck_assert_uint_lt(sv.v[k].start, sv.v[k].end);
        }
    }
    free(sv.v);
}

START_TEST(test_utf16_finder_always_progresses)
{
    static const unsigned char alphabet[] = { 0, 'a', 0x01 };
    unsigned char buf[48];
    det_spanvec sv = { 0 };
    unsigned seed = 12345;

    /* Runs need DET_UTF16_MIN_CHARS units (16 bytes), which puts an
     * exhaustive search out of reach; a fixed-seed random sample of
     * longer inputs over the same bytes covers the same states. */
    for (int n = 0; n < 200000; n++) {
        for (size_t i = 0; i < sizeof(buf); i++)
            buf[i] = alphabet[rand_r(&seed) % sizeof(alphabet)];
        sv.n = 0;
        ck_assert(det_utf16_find(buf, sizeof(buf), sizeof(buf), &sv));
        ck_assert_msg(sv.n <= sizeof(buf), "%zu spans in %zu bytes", sv.n, sizeof(buf));
    }
    free(sv.v);
}
END_TEST

START_TEST(test_utf16_finder_on_the_pattern_that_looped)
{
    /* Big-endian text, then a NUL followed by a byte that is not text. */
    unsigned char buf[64];
    det_spanvec sv = { 0 };
    size_t n = 0;

    buf[n++] = 'x';
    for (int i = 0; i < 12; i++) {
        buf[n++] = 0;
        buf[n++] = (unsigned char)('A' + i);
    }
    buf[n++] = 0;
    buf[n++] = 0x01;
    buf[n++] = 0;
    ck_assert(det_utf16_find(buf, n, n, &sv));
    ck_assert_uint_le(sv.n, 2);
    free(sv.v);
}
END_TEST

START_TEST(test_escape_and_percent_finders_progress)
{
    static const unsigned char esc[] = { '\\', 'u', 'x', '4', '1', 'a' };
    static const unsigned char pct[] = { '%', '4', '1', 'a', 'Z' };

    exhaust(det_escape_find, esc, sizeof(esc), 7);
    exhaust(det_percent_find, pct, sizeof(pct), 8);
}
END_TEST

static Suite *spans_suite(void)
{
    Suite *s = suite_create("decode spans");
    TCase *tc = tcase_create("finders");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_utf16_finder_always_progresses);
    tcase_add_test(tc, test_utf16_finder_on_the_pattern_that_looped);
    tcase_add_test(tc, test_escape_and_percent_finders_progress);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(spans_suite());
}
