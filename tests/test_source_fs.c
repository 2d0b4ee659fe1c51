/* test_source_fs.c: the filesystem source (sources/src_fs.h).
 *
 * Most tests drive the source through a callback emit that collects the
 * chunks; one runs it as a real producer stage feeding a channel. Diagnostics
 * go to an open_memstream so the tests can check path and reason.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/sc_chan.h"
#include "scanner/sc_stage.h"
#include "sources/src_fs.h"
#include "sources/src_fs_priv.h"
#include "tests/support/tu.h"

/* ---- harness ---- */

typedef struct collect {
    sc_chunk **chunks;      /* Kept chunks, in arrival order (keep mode). */
    size_t n, cap;
    bool keep;              /* false: free each chunk as it arrives. */
    size_t arrived;
    uint64_t owned_total;
    size_t max_heap;        /* Largest heap in use seen in the callback. */
    sc_cancel *cancel;      /* Fired after cancel_after chunks, if set. */
    size_t cancel_after;
} collect;

typedef struct result {
    sc_code rc;
    collect col;
    uint64_t files, bytes, chunks, skipped_binary, skipped_large, skipped_special,
             skipped_excluded, scan_errors;
    char *diag;             /* Everything the source reported. */
} result;

static sc_code on_chunk(void *arg, void *item)
{
    collect *c = arg;
    sc_chunk *ch = item;

    c->arrived++;
    c->owned_total += ch->owned;
    if (c->keep) {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 16;
            c->chunks = realloc(c->chunks, c->cap * sizeof(*c->chunks));
            ck_assert_ptr_nonnull(c->chunks);
        }
        c->chunks[c->n++] = ch;
    } else {
        struct mallinfo2 mi = mallinfo2();

        if (mi.uordblks > c->max_heap)
            c->max_heap = mi.uordblks;
        sc_chunk_free(ch);
    }
    if (c->cancel != NULL && c->arrived == c->cancel_after)
        sc_cancel_fire(c->cancel);
    return SC_OK;
}

/* Runs a source built from o through a callback emit. */
static void run_opts(const src_fs_options *o, bool verbose, bool keep, size_t cancel_after,
                     result *r)
{
    sc_counters counters;
    size_t diag_len = 0;
    FILE *stream;
    sc_diag *diag;
    sc_cancel *cancel = sc_cancel_create();
    sc_emit *emit;
    src_fs *fs = NULL;
    char err[256] = "";
    sc_source src;
    sc_scan_ctx ctx;

    memset(r, 0, sizeof(*r));
    memset(&counters, 0, sizeof(counters));
    r->col.keep = keep;
    if (cancel_after > 0) {
        r->col.cancel = cancel;
        r->col.cancel_after = cancel_after;
    }
    stream = open_memstream(&r->diag, &diag_len);
    ck_assert_ptr_nonnull(stream);
    diag = sc_diag_create(stream, verbose);
    ck_assert_ptr_nonnull(diag);
    ck_assert_msg(src_fs_create(o, &fs, err, sizeof(err)) == SC_OK, "create: %s", err);
    emit = sc_emit_create_callback(on_chunk, &r->col, cancel, sc_chunk_free_item);
    ck_assert_ptr_nonnull(emit);
    ctx.diag = diag;
    ctx.counters = &counters;
    ctx.cancel = cancel;
    src = src_fs_source(fs);
    r->rc = src.run(src.self, &ctx, emit);
    sc_emit_free(emit);
    src_fs_free(fs);
    sc_diag_free(diag);
    fclose(stream);
    sc_cancel_free(cancel);
    r->col.cancel = NULL;
    r->files = counters.files;
    r->bytes = counters.bytes;
    r->chunks = counters.chunks;
    r->skipped_binary = counters.skipped_binary;
    r->skipped_large = counters.skipped_large;
    r->skipped_special = counters.skipped_special;
    r->skipped_excluded = counters.skipped_excluded;
    r->scan_errors = counters.scan_errors;
}

/* Runs with default options on the given paths, keeping the chunks. */
static void run_paths(const char *const *paths, size_t n, result *r)
{
    src_fs_options o;

    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = n;
    run_opts(&o, true, true, 0, r);
}

static void result_free(result *r)
{
    for (size_t i = 0; i < r->col.n; i++)
        sc_chunk_free(r->col.chunks[i]);
    free(r->col.chunks);
    free(r->diag);
}

/* True if some chunk came from path. */
static bool scanned(const result *r, const char *path)
{
    for (size_t i = 0; i < r->col.n; i++) {
        if (strcmp(r->col.chunks[i]->path, path) == 0)
            return true;
    }
    return false;
}

/* The number of distinct paths among the chunks. */
static size_t distinct_paths(const result *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->col.n; i++) {
        bool dup = false;

        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(r->col.chunks[i]->path, r->col.chunks[j]->path) == 0;
        n += !dup;
    }
    return n;
}

static char *join(const char *dir, const char *name)
{
    char *p;

    ck_assert(asprintf(&p, "%s/%s", dir, name) > 0);
    return p;
}

/* Writes a file and forgets its path. */
static void put(const char *dir, const char *name, const char *text)
{
    free(tu_write_text(dir, name, text));
}

/* Checks the chunk contract over the chunks of one file whose content is
 * data[0 .. len). */
static void check_contract(const result *r, const char *data, size_t len)
{
    uint64_t offset = 0;

    ck_assert_uint_gt(r->col.n, 0);
    for (size_t i = 0; i < r->col.n; i++) {
        const sc_chunk *c = r->col.chunks[i];

        ck_assert_uint_eq(c->offset, offset);
        ck_assert_uint_le(c->owned, c->len);
        ck_assert_uint_gt(c->owned, 0);
        ck_assert_int_eq(c->data[c->len], '\0');
        ck_assert_uint_le(c->offset + c->len, len);
        ck_assert_msg(memcmp(c->data, data + c->offset, c->len) == 0, "chunk %zu differs", i);
        if (i + 1 < r->col.n) {
            const sc_chunk *next = r->col.chunks[i + 1];
            size_t peek = c->len - c->owned;

            ck_assert_uint_le(peek, next->len);
            ck_assert_msg(memcmp(c->data + c->owned, next->data, peek) == 0,
                          "peek of chunk %zu is not the start of the next", i);
        } else {
            ck_assert_uint_eq(c->len, c->owned);
        }
        offset += c->owned;
    }
    ck_assert_uint_eq(offset, len);
}

/* Checks each chunk's line and column against a count made here, in one
 * pass, independently of sc_position_advance. Chunk offsets increase. */
static void check_positions(const result *r, const char *data)
{
    uint64_t line = 1, col = 1;
    size_t pos = 0;

    for (size_t i = 0; i < r->col.n; i++) {
        const sc_chunk *c = r->col.chunks[i];

        for (; pos < c->offset; pos++) {
            unsigned char b = (unsigned char)data[pos];

            if (b == '\n') {
                line++;
                col = 1;
            } else if ((b & 0xC0) != 0x80) {
                col++;
            }
        }
        ck_assert_msg(c->line == line && c->column == col,
                      "chunk %zu at %llu: got %llu:%llu, want %llu:%llu", i,
                      (unsigned long long)c->offset, (unsigned long long)c->line,
                      (unsigned long long)c->column, (unsigned long long)line,
                      (unsigned long long)col);
    }
}

static char *tmp;

static void setup(void)
{
    tmp = tu_mkdtemp();
}

static void teardown(void)
{
    tu_rmtree(tmp);
    free(tmp);
}

/* ---- chunking ---- */

START_TEST(test_chunk_boundaries)
{
    static const char token[] = "rootle_" "FAKE_TOKEN_0123456789abcdefghij";
    size_t len = 10000, tlen = strlen(token), found = 0;
    char *data = malloc(len + 1), *path;
    src_fs_options o;
    const char *paths[1];
    result r;

    for (size_t i = 0; i < len; i++)
        data[i] = (i % 61 == 60) ? '\n' : (char)('a' + i % 26);
    /* Straddles the boundary at 1000 (chunk_size). */
    memcpy(data + 990, token, tlen);
    data[len] = '\0';
    path = tu_write_file(tmp, "f.txt", data, len);
    src_fs_options_defaults(&o);
    o.chunk_size = 1000;
    o.peek_size = 100;
    paths[0] = path;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.col.n, 10);
    check_contract(&r, data, len);
    for (size_t i = 0; i < r.col.n; i++) {
        const sc_chunk *c = r.col.chunks[i];
        const unsigned char *hit = memmem(c->data, c->len, token, tlen);

        ck_assert_str_eq(c->path, path);
        ck_assert_uint_eq(c->len, c->owned + (i + 1 < r.col.n ? 100 : 0));
        if (hit != NULL && (size_t)(hit - c->data) < c->owned) {
            ck_assert_uint_eq(c->offset + (uint64_t)(hit - c->data), 990);
            found++;
        }
    }
    ck_assert_uint_eq(found, 1);
    ck_assert_uint_eq(r.files, 1);
    ck_assert_uint_eq(r.bytes, len);
    ck_assert_uint_eq(r.chunks, 10);
    result_free(&r);
    free(path);
    free(data);
}
END_TEST

/* A file that ends inside the peek of a full chunk leaves a last chunk made
 * only of carried bytes; one that ends on a boundary leaves none. */
START_TEST(test_chunk_tail_sizes)
{
    static const size_t sizes[] = { 1, 999, 1000, 1001, 1050, 1100, 1101, 2000 };
    src_fs_options o;
    const char *paths[1];

    src_fs_options_defaults(&o);
    o.chunk_size = 1000;
    o.peek_size = 100;
    o.paths = paths;
    o.npaths = 1;
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        char *data = malloc(sizes[k]), name[32], *path;
        result r;

        for (size_t i = 0; i < sizes[k]; i++)
            data[i] = (char)('A' + (i * 7) % 26);
        snprintf(name, sizeof(name), "f%zu", sizes[k]);
        path = tu_write_file(tmp, name, data, sizes[k]);
        paths[0] = path;
        run_opts(&o, false, true, 0, &r);
        ck_assert_int_eq(r.rc, SC_OK);
        ck_assert_uint_eq(r.col.n, (sizes[k] + 999) / 1000);
        check_contract(&r, data, sizes[k]);
        ck_assert_uint_eq(r.bytes, sizes[k]);
        result_free(&r);
        free(path);
        free(data);
    }
}
END_TEST

START_TEST(test_empty_file)
{
    char *path = tu_write_text(tmp, "empty", "");
    const char *paths[] = { path };
    result r;

    run_paths(paths, 1, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.col.n, 0);
    ck_assert_uint_eq(r.files, 1);
    ck_assert_uint_eq(r.chunks, 0);
    result_free(&r);
    free(path);
}
END_TEST

static void check_position_file(const char *data, size_t len, size_t chunk, size_t peek,
                                size_t min_chunks)
{
    char *path = tu_write_file(tmp, "pos.txt", data, len);
    src_fs_options o;
    const char *paths[] = { path };
    result r;

    src_fs_options_defaults(&o);
    if (chunk != 0) {
        o.chunk_size = chunk;
        o.peek_size = peek;
    }
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_ge(r.col.n, min_chunks);
    check_contract(&r, data, len);
    check_positions(&r, data);
    result_free(&r);
    free(path);
}

START_TEST(test_positions_lf)
{
    size_t len = 0, cap = 20000;
    char *data = malloc(cap);

    for (int line = 0; len + 200 < cap; line++) {
        int n = line % 37;

        for (int i = 0; i < n; i++)
            data[len++] = (char)('a' + i % 26);
        data[len++] = '\n';
    }
    check_position_file(data, len, 97, 10, 100);
    free(data);
}
END_TEST

START_TEST(test_positions_crlf)
{
    size_t len = 0, cap = 20000;
    char *data = malloc(cap);

    for (int line = 0; len + 200 < cap; line++) {
        int n = (line * 5) % 41;

        for (int i = 0; i < n; i++)
            data[len++] = (char)('A' + i % 26);
        data[len++] = '\r';
        data[len++] = '\n';
    }
    /* Chunk size 2 lands chunk starts on both '\r' and '\n' of pairs. */
    check_position_file(data, len, 101, 7, 100);
    check_position_file(data, len, 2, 1, 5000);
    free(data);
}
END_TEST

START_TEST(test_positions_long_utf8_line)
{
    /* 300 KB on one line, with two- and three-byte characters everywhere,
     * including right before each 64 KiB boundary. */
    size_t len = 300 * 1024, i = 0;
    char *data = malloc(len);

    while (i < len) {
        size_t boundary_gap = 65536 - (i % 65536);

        if (boundary_gap == 5 && i + 5 <= len) {
            memcpy(data + i, "\xc3\xa9\xe2\x82\xac", 5);     /* "é€" ends at the boundary */
            i += 5;
        } else if (i % 97 == 0 && i + 3 <= len) {
            memcpy(data + i, "\xe2\x82\xac", 3);
            i += 3;
        } else if (i % 89 == 0 && i + 2 <= len) {
            memcpy(data + i, "\xc3\xa9", 2);
            i += 2;
        } else {
            data[i] = (char)('a' + i % 26);
            i++;
        }
    }
    check_position_file(data, len, 0, 0, 5);
    free(data);
}
END_TEST

/* Sanitizers instrument every byte the source copies and counts; a smaller
 * file keeps their run short, and the heap bound is checked in the plain
 * build, where mallinfo2 sees the allocations. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BIG_FILE_MB 40
#else
#define BIG_FILE_MB 300
#endif

/* 300 MB (sparse) stream through with the heap staying small: every chunk
 * is freed as it arrives, so only the source's own buffer remains. */
START_TEST(test_big_sparse_file_bounded_memory)
{
    const uint64_t size = (uint64_t)BIG_FILE_MB * 1024 * 1024;
    char *head = malloc(8192), *path;
    int fd;
    src_fs_options o;
    const char *paths[1];
    result r;

    memset(head, 'x', 8192);
    path = tu_write_file(tmp, "big.txt", head, 8192);
    fd = open(path, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
    close(fd);
    src_fs_options_defaults(&o);
    o.max_file_size = 0;
    paths[0] = path;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, false, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.col.arrived, size / (64 * 1024));
    ck_assert_uint_eq(r.col.owned_total, size);
    ck_assert_uint_eq(r.bytes, size);
    ck_assert_uint_eq(r.files, 1);
#if BIG_FILE_MB == 300
    ck_assert_msg(r.col.max_heap < 16u * 1024 * 1024, "heap grew to %zu bytes", r.col.max_heap);
#endif
    result_free(&r);
    free(path);
    free(head);
}
END_TEST

/* ---- what is scanned and skipped ---- */

START_TEST(test_binary_skip_and_scan_binary)
{
    char bin[100] = "text before a NUL";
    char *late = calloc(1, 9000);
    src_fs_options o;
    const char *paths[] = { tmp };
    result r;

    memset(late, 'y', 9000);
    late[8500] = '\0';      /* Past the first 8 KiB: still text. */
    free(tu_write_file(tmp, "bin.dat", bin, sizeof(bin)));
    free(tu_write_file(tmp, "late.txt", late, 9000));
    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, true, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.skipped_binary, 1);
    ck_assert_uint_eq(r.files, 1);
    ck_assert_uint_eq(distinct_paths(&r), 1);
    ck_assert_ptr_nonnull(strstr(r.diag, "bin.dat: binary file"));
    result_free(&r);

    o.scan_binary = true;
    run_opts(&o, true, true, 0, &r);
    ck_assert_uint_eq(r.skipped_binary, 0);
    ck_assert_uint_eq(r.files, 2);
    ck_assert_uint_eq(distinct_paths(&r), 2);
    result_free(&r);
    free(late);
}
END_TEST

START_TEST(test_max_file_size)
{
    char *buf = malloc(1001);
    char *small, *large;
    src_fs_options o;
    const char *paths[] = { tmp };
    result r;

    memset(buf, 'z', 1001);
    small = tu_write_file(tmp, "small.txt", buf, 1000);
    large = tu_write_file(tmp, "large.txt", buf, 1001);
    src_fs_options_defaults(&o);
    o.max_file_size = 1000;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, true, true, 0, &r);
    ck_assert_uint_eq(r.skipped_large, 1);
    ck_assert(scanned(&r, small));
    ck_assert(!scanned(&r, large));
    ck_assert_ptr_nonnull(strstr(r.diag, large));
    ck_assert_ptr_nonnull(strstr(r.diag, "max-file-size"));
    result_free(&r);
    /* Routine skips are reported only when verbose. */
    run_opts(&o, false, true, 0, &r);
    ck_assert_uint_eq(r.skipped_large, 1);
    ck_assert_str_eq(r.diag, "");
    result_free(&r);
    free(small);
    free(large);
    free(buf);
}
END_TEST

START_TEST(test_fifo_skipped_without_blocking)
{
    char *fifo = join(tmp, "pipe");
    char *file = tu_write_text(tmp, "after.txt", "still scanned\n");
    const char *dir_arg[] = { tmp };
    const char *fifo_arg[] = { fifo };
    const char *dev_arg[] = { "/dev/zero" };
    result r;

    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    /* No writer ever opens the FIFO: a blocking open or read would hang
     * until the test's timeout. */
    run_paths(dir_arg, 1, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.skipped_special, 1);
    ck_assert(scanned(&r, file));
    ck_assert_ptr_nonnull(strstr(r.diag, fifo));
    ck_assert_ptr_nonnull(strstr(r.diag, "FIFO"));
    result_free(&r);
    run_paths(fifo_arg, 1, &r);
    ck_assert_uint_eq(r.skipped_special, 1);
    ck_assert_uint_eq(r.col.n, 0);
    result_free(&r);
    /* A device named as an argument is skipped too, never read. */
    run_paths(dev_arg, 1, &r);
    ck_assert_uint_eq(r.skipped_special, 1);
    ck_assert_uint_eq(r.col.n, 0);
    ck_assert_ptr_nonnull(strstr(r.diag, "/dev/zero: not a regular file (character device)"));
    result_free(&r);
    free(fifo);
    free(file);
}
END_TEST

/* The walk decides from lstat, but a FIFO can take a file's place before
 * the open: the open must not block and the check on the descriptor must
 * refuse it. */
START_TEST(test_open_rechecks_the_descriptor)
{
    char *fifo = join(tmp, "swapped");
    src_fs_options o;
    src_fs *fs = NULL;
    char err[128];
    sc_counters counters;
    char *text = NULL;
    size_t text_len = 0;
    FILE *stream = open_memstream(&text, &text_len);
    sc_diag *diag = sc_diag_create(stream, false);
    sc_scan_ctx ctx = { diag, &counters, NULL };
    src_fs_scan scan;

    memset(&counters, 0, sizeof(counters));
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    src_fs_options_defaults(&o);
    ck_assert_int_eq(src_fs_create(&o, &fs, err, sizeof(err)), SC_OK);
    memset(&scan, 0, sizeof(scan));
    scan.fs = fs;
    scan.ctx = &ctx;
    ck_assert_int_eq(src_fs_scan_file(&scan, fifo, true), SC_OK);
    ck_assert_uint_eq(counters.skipped_special, 1);
    ck_assert_uint_eq(counters.files, 0);
    sc_diag_free(diag);
    fclose(stream);
    ck_assert_ptr_nonnull(strstr(text, "not a regular file (FIFO)"));
    free(text);
    src_fs_free(fs);
    free(fifo);
}
END_TEST

START_TEST(test_git_dir)
{
    char *cfg = tu_write_text(tmp, "repo/.git/config", "[core]\n");
    char *src = tu_write_text(tmp, "repo/main.c", "int main;\n");
    char *repo = join(tmp, "repo");
    src_fs_options o;
    const char *paths[] = { repo };
    result r;

    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert(scanned(&r, src));
    ck_assert(!scanned(&r, cfg));
    result_free(&r);
    o.scan_git_dir = true;
    run_opts(&o, false, true, 0, &r);
    ck_assert(scanned(&r, src));
    ck_assert(scanned(&r, cfg));
    result_free(&r);
    free(cfg);
    free(src);
    free(repo);
}
END_TEST

/* ---- symlinks ---- */

START_TEST(test_symlinks_not_followed_by_default)
{
    char *dir = join(tmp, "d"), *outside = join(tmp, "outside");
    char *link_file = join(dir, "link.txt"), *link_dir = join(dir, "linkdir");
    char *own = tu_write_text(tmp, "d/own.txt", "own\n");
    char *target = tu_write_text(tmp, "outside/target.txt", "outside\n");
    const char *dir_arg[] = { dir };
    const char *link_arg[] = { link_file };
    const char *linkdir_arg[] = { link_dir };
    char *via_link;
    result r;

    ck_assert_int_eq(symlink(target, link_file), 0);
    ck_assert_int_eq(symlink(outside, link_dir), 0);
    run_paths(dir_arg, 1, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.col.n, 1);
    ck_assert(scanned(&r, own));
    ck_assert_uint_eq(r.files, 1);
    result_free(&r);
    /* Named as the argument itself, a symlink is followed, like find -H. */
    run_paths(link_arg, 1, &r);
    ck_assert(scanned(&r, link_file));
    result_free(&r);
    run_paths(linkdir_arg, 1, &r);
    via_link = join(link_dir, "target.txt");
    ck_assert(scanned(&r, via_link));
    result_free(&r);
    free(via_link);
    free(dir);
    free(outside);
    free(link_file);
    free(link_dir);
    free(own);
    free(target);
}
END_TEST

START_TEST(test_follow_symlinks_scans_each_file_once)
{
    char *dir = join(tmp, "d"), *outside = join(tmp, "outside");
    char *own = tu_write_text(tmp, "d/own.txt", "own\n");
    char *target = tu_write_text(tmp, "outside/target.txt", "outside\n");
    char *l1 = join(dir, "l1"), *l2 = join(dir, "l2"), *alias = join(dir, "alias.txt");
    src_fs_options o;
    const char *paths[] = { dir };
    result r;

    ck_assert_int_eq(symlink(outside, l1), 0);
    ck_assert_int_eq(symlink(outside, l2), 0);
    ck_assert_int_eq(symlink(own, alias), 0);
    src_fs_options_defaults(&o);
    o.follow_symlinks = true;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    /* own.txt (or its alias) once, target.txt (through l1 or l2) once. */
    ck_assert_uint_eq(r.files, 2);
    ck_assert_uint_eq(r.col.n, 2);
    ck_assert_uint_eq(distinct_paths(&r), 2);
    result_free(&r);
    free(dir);
    free(outside);
    free(own);
    free(target);
    free(l1);
    free(l2);
    free(alias);
}
END_TEST

START_TEST(test_symlink_loop_with_follow)
{
    char *dir = join(tmp, "d");
    char *f = tu_write_text(tmp, "d/sub/f.txt", "in the loop\n");
    char *loop = join(dir, "sub/loop");
    src_fs_options o;
    const char *paths[] = { dir };
    result r;

    ck_assert_int_eq(symlink("..", loop), 0);
    src_fs_options_defaults(&o);
    o.follow_symlinks = true;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.files, 1);
    ck_assert(scanned(&r, f));
    ck_assert_ptr_nonnull(strstr(r.diag, loop));
    ck_assert_ptr_nonnull(strstr(r.diag, "symlink loop"));
    result_free(&r);
    free(dir);
    free(f);
    free(loop);
}
END_TEST

START_TEST(test_dangling_symlink_argument)
{
    char *link = join(tmp, "dangling");
    char *ok = tu_write_text(tmp, "ok.txt", "fine\n");
    const char *paths[] = { link, ok };
    result r;

    ck_assert_int_eq(symlink("/nonexistent-rootle-target", link), 0);
    run_paths(paths, 2, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.scan_errors, 1);
    ck_assert(scanned(&r, ok));
    ck_assert_ptr_nonnull(strstr(r.diag, link));
    ck_assert_ptr_nonnull(strstr(r.diag, "No such file or directory"));
    result_free(&r);
    free(link);
    free(ok);
}
END_TEST

/* ---- errors ---- */

START_TEST(test_unreadable_inputs_reported)
{
    char *a = tu_write_text(tmp, "a.txt", "readable\n");
    char *locked = tu_write_text(tmp, "locked.txt", "do not print me\n");
    char *lockdir = join(tmp, "lockdir");
    char *inner = tu_write_text(tmp, "lockdir/inner.txt", "hidden\n");
    char *z = tu_write_text(tmp, "z.txt", "readable too\n");
    int fds[2];
    pid_t pid;
    int status;
    char out[8192];
    size_t got = 0;
    ssize_t n;

    ck_assert_int_eq(chmod(tmp, 0755), 0);
    ck_assert_int_eq(chmod(locked, 0), 0);
    ck_assert_int_eq(chmod(lockdir, 0), 0);
    ck_assert_int_eq(pipe(fds), 0);
    /* Root reads through chmod 000, so the scan runs in a child that has
     * dropped to nobody; this process stays root to clean up. */
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        const char *paths[] = { tmp };
        result r;
        FILE *f;

        close(fds[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        run_paths(paths, 1, &r);
        f = fdopen(fds[1], "w");
        fprintf(f, "rc=%d files=%llu errors=%llu a=%d z=%d locked=%d\n%s", (int)r.rc,
                (unsigned long long)r.files, (unsigned long long)r.scan_errors,
                scanned(&r, a), scanned(&r, z), scanned(&r, locked), r.diag);
        fclose(f);
        _exit(0);
    }
    close(fds[1]);
    while ((n = read(fds[0], out + got, sizeof(out) - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = '\0';
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child failed: %s", out);
    ck_assert_msg(strncmp(out, "rc=0 files=2 errors=2 a=1 z=1 locked=0\n", 39) == 0,
                  "got %s", out);
    ck_assert_ptr_nonnull(strstr(out, "error: "));
    ck_assert_ptr_nonnull(strstr(out, locked));
    ck_assert_ptr_nonnull(strstr(out, lockdir));
    ck_assert_uint_eq(tu_count(out, "Permission denied"), 2);
    ck_assert_ptr_null(strstr(out, "do not print me"));
    free(a);
    free(locked);
    free(lockdir);
    free(inner);
    free(z);
}
END_TEST

/* ---- globs and ignore files ---- */

START_TEST(test_include_exclude)
{
    static const char *const files[] = { "src/a.py", "src/b.js", "src/vendor/c.py",
                                         "docs/d.md", "x.py" };
    src_fs_options o;
    const char *paths[] = { tmp };
    const char *inc[] = { "*.py" };
    const char *exc[] = { "vendor/", "/x.py" };
    char *p[5];
    result r;

    for (size_t i = 0; i < 5; i++)
        p[i] = tu_write_text(tmp, files[i], "text\n");
    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    o.include_globs = inc;
    o.ninclude = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert(scanned(&r, p[0]) && !scanned(&r, p[1]) && scanned(&r, p[2]));
    ck_assert(!scanned(&r, p[3]) && scanned(&r, p[4]));
    ck_assert_uint_eq(r.skipped_excluded, 2);
    result_free(&r);

    o.exclude_globs = exc;
    o.nexclude = 2;
    run_opts(&o, false, true, 0, &r);
    ck_assert(scanned(&r, p[0]));
    ck_assert_uint_eq(r.col.n, 1);
    /* b.js, d.md (not included), vendor/ (pruned), x.py (excluded). */
    ck_assert_uint_eq(r.skipped_excluded, 4);
    result_free(&r);
    for (size_t i = 0; i < 5; i++)
        free(p[i]);
}
END_TEST

START_TEST(test_rootleignore)
{
    static const char *const files[] = {
        "a.log", "keep.log", "build/out.txt", "sub/build", "notes/n.txt", "notes/deep/n.txt",
        "x/y/tmp/old.bak", "main.c",
    };
    /* Scanned: keep.log (negated), sub/build (a file, and the pattern is
     * for directories), notes/deep/n.txt ('*' does not cross '/'), main.c,
     * .rootleignore itself. */
    static const bool want[] = { false, true, false, true, false, true, false, true };
    src_fs_options o;
    const char *paths[] = { tmp };
    char *p[8], *ign;
    result r;

    for (size_t i = 0; i < 8; i++)
        p[i] = tu_write_text(tmp, files[i], "text\n");
    ign = tu_write_text(tmp, ".rootleignore",
                        "# logs are noise\n\n*.log\n!keep.log\nbuild/\nnotes/*.txt\n"
                        "**/tmp/*.bak\n");
    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    for (size_t i = 0; i < 8; i++)
        ck_assert_msg(scanned(&r, p[i]) == want[i], "%s", files[i]);
    ck_assert(scanned(&r, ign));
    ck_assert_uint_eq(r.skipped_excluded, 4);
    result_free(&r);
    for (size_t i = 0; i < 8; i++)
        free(p[i]);
    free(ign);
}
END_TEST

START_TEST(test_ignore_file)
{
    char *ign = tu_write_text(tmp, "rules/ignore", "*.secret\n");
    char *tree = join(tmp, "tree");
    char *s = tu_write_text(tmp, "tree/a.secret", "x\n");
    char *t = tu_write_text(tmp, "tree/b.txt", "x\n");
    /* The tree's .rootleignore can take a line of the ignore file back. */
    char *local = tu_write_text(tmp, "tree/.rootleignore", "!a.secret\n");
    char *missing = join(tmp, "rules/none");
    src_fs_options o;
    const char *paths[] = { tree };
    src_fs *fs = (src_fs *)1;
    char err[512] = "";
    result r;

    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    o.ignore_file = ign;
    run_opts(&o, false, true, 0, &r);
    ck_assert(scanned(&r, s) && scanned(&r, t));
    result_free(&r);
    ck_assert_int_eq(unlink(local), 0);
    run_opts(&o, false, true, 0, &r);
    ck_assert(!scanned(&r, s) && scanned(&r, t));
    ck_assert_uint_eq(r.skipped_excluded, 1);
    result_free(&r);

    o.ignore_file = missing;
    ck_assert_int_eq(src_fs_create(&o, &fs, err, sizeof(err)), SC_ECONFIG);
    ck_assert_ptr_null(fs);
    ck_assert_ptr_nonnull(strstr(err, missing));
    ck_assert_ptr_nonnull(strstr(err, "No such file or directory"));
    free(ign);
    free(tree);
    free(s);
    free(t);
    free(local);
    free(missing);
}
END_TEST

/* ---- paths ---- */

START_TEST(test_path_forms)
{
    char *dir = join(tmp, "dir");
    char *f = tu_write_text(tmp, "dir/sub/f", "x\n");
    char *slash, *slashes;
    const char *a1[1], *a2[1];
    result r;

    ck_assert(asprintf(&slash, "%s/", dir) > 0);
    ck_assert(asprintf(&slashes, "%s//", dir) > 0);
    a1[0] = slash;
    run_paths(a1, 1, &r);
    ck_assert_uint_eq(r.col.n, 1);
    ck_assert_str_eq(r.col.chunks[0]->path, f);
    result_free(&r);
    a1[0] = slashes;
    run_paths(a1, 1, &r);
    ck_assert_str_eq(r.col.chunks[0]->path, f);
    result_free(&r);
    ck_assert_int_eq(chdir(dir), 0);
    a2[0] = ".";
    run_paths(a2, 1, &r);
    ck_assert_str_eq(r.col.chunks[0]->path, "./sub/f");
    result_free(&r);
    a2[0] = "sub";
    run_paths(a2, 1, &r);
    ck_assert_str_eq(r.col.chunks[0]->path, "sub/f");
    result_free(&r);
    free(dir);
    free(f);
    free(slash);
    free(slashes);
}
END_TEST

START_TEST(test_name_with_newline)
{
    char *f = tu_write_text(tmp, "odd\nname.txt", "x\n");
    const char *paths[] = { tmp };
    result r;

    run_paths(paths, 1, &r);
    ck_assert_uint_eq(r.col.n, 1);
    ck_assert_str_eq(r.col.chunks[0]->path, f);
    result_free(&r);
    free(f);
}
END_TEST

START_TEST(test_walk_order_is_sorted)
{
    static const char *const names[] = { "c.txt", "a/z.txt", "b.txt", "a/b.txt", "A.txt" };
    static const char *const order[] = { "A.txt", "a/b.txt", "a/z.txt", "b.txt", "c.txt" };
    const char *paths[] = { tmp };
    result r;

    for (size_t i = 0; i < 5; i++)
        put(tmp, names[i], "x\n");
    run_paths(paths, 1, &r);
    ck_assert_uint_eq(r.col.n, 5);
    for (size_t i = 0; i < 5; i++) {
        char *want = join(tmp, order[i]);

        ck_assert_str_eq(r.col.chunks[i]->path, want);
        free(want);
    }
    result_free(&r);
}
END_TEST

START_TEST(test_deep_tree)
{
    /* 300 levels walk fine; past PATH_MAX the walk reports the entry it
     * cannot reach and goes on with the rest of the tree. */
    char *root = join(tmp, "deep");
    char *sibling = tu_write_text(tmp, "deep/zz.txt", "x\n");
    const char *paths[] = { root };
    size_t depth = 0;
    result r;

    ck_assert_int_eq(chdir(root), 0);
    for (; depth < 2100; depth++) {
        ck_assert_int_eq(mkdir("d", 0755), 0);
        ck_assert_int_eq(chdir("d"), 0);
        if (depth == 300)
            put(".", "mid.txt", "x\n");
    }
    ck_assert_int_eq(chdir(tmp), 0);
    run_paths(paths, 1, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert(scanned(&r, sibling));
    ck_assert_uint_eq(r.files, 2);
    ck_assert_uint_ge(r.scan_errors, 1);
    ck_assert_ptr_nonnull(strstr(r.diag, "File name too long"));
    result_free(&r);
    /* tu_rmtree uses whole paths, which this tree outgrows. */
    ck_assert_int_eq(system("rm -rf deep"), 0);
    free(root);
    free(sibling);
}
END_TEST

/* ---- stdin ---- */

START_TEST(test_stdin_streams)
{
    size_t len = 3000;
    char *data = malloc(len);
    int fds[2];
    src_fs_options o;
    const char *paths[] = { "-" };
    result r;

    for (size_t i = 0; i < len; i++)
        data[i] = (i % 50 == 49) ? '\n' : (char)('a' + i % 26);
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], data, len), (ssize_t)len);
    close(fds[1]);
    ck_assert_int_eq(dup2(fds[0], 0), 0);
    close(fds[0]);
    src_fs_options_defaults(&o);
    o.chunk_size = 1000;
    o.peek_size = 64;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 0, &r);
    ck_assert_int_eq(r.rc, SC_OK);
    ck_assert_uint_eq(r.col.n, 3);
    ck_assert_str_eq(r.col.chunks[0]->path, "-");
    check_contract(&r, data, len);
    check_positions(&r, data);
    ck_assert_uint_eq(r.files, 1);
    result_free(&r);
    free(data);
}
END_TEST

typedef struct stdin_canceller {
    int read_end;
    sc_cancel *cancel;
} stdin_canceller;

/* Fires the token once the source has drained the pipe, that is once it
 * is (or is about to be) waiting for more input that never comes. */
static void *cancel_when_drained(void *arg)
{
    stdin_canceller *c = arg;
    int avail = 1;

    while (avail > 0) {
        ck_assert_int_eq(ioctl(c->read_end, FIONREAD, &avail), 0);
        sched_yield();
    }
    sc_cancel_fire(c->cancel);
    return NULL;
}

START_TEST(test_stdin_cancel_while_waiting)
{
    int fds[2];
    src_fs *fs = NULL;
    src_fs_options o;
    const char *paths[] = { "-" };
    char err[128];
    sc_counters counters;
    sc_diag *diag = sc_diag_create(stderr, false);
    sc_cancel *cancel = sc_cancel_create();
    collect col = { .keep = false };
    sc_emit *emit = sc_emit_create_callback(on_chunk, &col, cancel, sc_chunk_free_item);
    stdin_canceller c;
    pthread_t th;
    sc_scan_ctx ctx = { diag, &counters, cancel };
    sc_source src;

    memset(&counters, 0, sizeof(counters));
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], "partial input\n", 14), 14);
    ck_assert_int_eq(dup2(fds[0], 0), 0);
    /* fds[1] stays open: stdin never ends. */
    src_fs_options_defaults(&o);
    o.paths = paths;
    o.npaths = 1;
    ck_assert_int_eq(src_fs_create(&o, &fs, err, sizeof(err)), SC_OK);
    c.read_end = fds[0];
    c.cancel = cancel;
    ck_assert_int_eq(pthread_create(&th, NULL, cancel_when_drained, &c), 0);
    src = src_fs_source(fs);
    ck_assert_int_eq(src.run(src.self, &ctx, emit), SC_CANCELLED);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    ck_assert_uint_eq(col.arrived, 0);
    sc_emit_free(emit);
    src_fs_free(fs);
    sc_cancel_free(cancel);
    sc_diag_free(diag);
    close(fds[0]);
    close(fds[1]);
}
END_TEST

/* ---- cancellation and the real stage ---- */

START_TEST(test_cancel_mid_walk)
{
    char *buf = malloc(2500);
    src_fs_options o;
    const char *paths[] = { tmp };
    result r;

    memset(buf, 'q', 2500);
    for (int i = 0; i < 40; i++) {
        char name[32];

        snprintf(name, sizeof(name), "d%d/f%d.txt", i % 4, i);
        free(tu_write_file(tmp, name, buf, 2500));
    }
    src_fs_options_defaults(&o);
    o.chunk_size = 1000;
    o.peek_size = 10;
    o.paths = paths;
    o.npaths = 1;
    run_opts(&o, false, true, 5, &r);
    ck_assert_int_eq(r.rc, SC_CANCELLED);
    /* The source stops at the next chunk or file: nothing more is read. */
    ck_assert_uint_eq(r.col.arrived, 5);
    ck_assert_uint_eq(r.chunks, 5);
    ck_assert_uint_le(r.files, 2);
    result_free(&r);
    free(buf);
}
END_TEST

typedef struct producer_arg {
    sc_source src;
    sc_scan_ctx ctx;
} producer_arg;

static sc_code produce(void *arg, void *state, sc_emit *out)
{
    producer_arg *p = arg;

    (void)state;
    return p->src.run(p->src.self, &p->ctx, out);
}

START_TEST(test_real_stage_and_channel)
{
    src_fs_options o;
    const char *paths[] = { tmp };
    src_fs *fs = NULL;
    char err[128];
    sc_counters counters;
    sc_diag *diag = sc_diag_create(stderr, false);
    sc_chan *ch = sc_chan_create(2, sc_chunk_free_item);
    sc_stage *st = NULL;
    sc_stage_ops ops = { .name = "source", .produce = produce, .free_out = sc_chunk_free_item };
    sc_stage_config cfg = { .workers = 1, .out = ch };
    producer_arg pa;
    uint64_t owned = 0;
    size_t n = 0;
    void *item;

    for (int i = 0; i < 10; i++) {
        char name[32];

        snprintf(name, sizeof(name), "f%d.txt", i);
        put(tmp, name, "one line of text\nand another\n");
    }
    memset(&counters, 0, sizeof(counters));
    src_fs_options_defaults(&o);
    o.chunk_size = 8;
    o.peek_size = 4;
    o.paths = paths;
    o.npaths = 1;
    ck_assert_int_eq(src_fs_create(&o, &fs, err, sizeof(err)), SC_OK);
    pa.src = src_fs_source(fs);
    pa.ctx.diag = diag;
    pa.ctx.counters = &counters;
    pa.ctx.cancel = NULL;
    ops.arg = &pa;
    ck_assert_int_eq(sc_stage_start(&ops, &cfg, &st), SC_OK);
    while (sc_chan_recv(ch, &item, NULL) == SC_OK) {
        sc_chunk *c = item;

        owned += c->owned;
        n++;
        sc_chunk_free(c);
    }
    sc_stage_join(st);
    ck_assert_int_eq(sc_stage_error(st), SC_OK);
    ck_assert_uint_eq(n, 10 * 4);
    ck_assert_uint_eq(owned, 10 * 29);
    ck_assert_uint_eq(counters.files, 10);
    ck_assert_uint_eq(counters.chunks, n);
    sc_stage_free(st);
    sc_chan_free(ch);
    src_fs_free(fs);
    sc_diag_free(diag);
}
END_TEST

START_TEST(test_create_rejects_bad_options)
{
    src_fs_options o;
    src_fs *fs = (src_fs *)1;
    char err[128] = "";

    src_fs_options_defaults(&o);
    ck_assert_uint_eq(o.max_file_size, 100u * 1024 * 1024);
    ck_assert_uint_eq(o.chunk_size, 65536);
    ck_assert_uint_eq(o.peek_size, 4096);
    ck_assert(!o.follow_symlinks && !o.scan_binary && !o.scan_git_dir);
    ck_assert_ptr_null(o.ignore_file);
    o.chunk_size = 0;
    ck_assert_int_eq(src_fs_create(&o, &fs, err, sizeof(err)), SC_EINVAL);
    ck_assert_ptr_null(fs);
    ck_assert_str_ne(err, "");
    src_fs_free(NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("source_fs");
    TCase *chunks = tcase_create("chunks");
    TCase *walk = tcase_create("walk");
    TCase *flow = tcase_create("flow");

    tcase_add_checked_fixture(chunks, setup, teardown);
    tcase_add_checked_fixture(walk, setup, teardown);
    tcase_add_checked_fixture(flow, setup, teardown);
    tcase_set_timeout(chunks, 120);
    tcase_set_timeout(walk, 30);
    tcase_set_timeout(flow, 30);
    tcase_add_test(chunks, test_chunk_boundaries);
    tcase_add_test(chunks, test_chunk_tail_sizes);
    tcase_add_test(chunks, test_empty_file);
    tcase_add_test(chunks, test_positions_lf);
    tcase_add_test(chunks, test_positions_crlf);
    tcase_add_test(chunks, test_positions_long_utf8_line);
    tcase_add_test(chunks, test_big_sparse_file_bounded_memory);
    tcase_add_test(walk, test_binary_skip_and_scan_binary);
    tcase_add_test(walk, test_max_file_size);
    tcase_add_test(walk, test_fifo_skipped_without_blocking);
    tcase_add_test(walk, test_open_rechecks_the_descriptor);
    tcase_add_test(walk, test_git_dir);
    tcase_add_test(walk, test_symlinks_not_followed_by_default);
    tcase_add_test(walk, test_follow_symlinks_scans_each_file_once);
    tcase_add_test(walk, test_symlink_loop_with_follow);
    tcase_add_test(walk, test_dangling_symlink_argument);
    tcase_add_test(walk, test_unreadable_inputs_reported);
    tcase_add_test(walk, test_include_exclude);
    tcase_add_test(walk, test_rootleignore);
    tcase_add_test(walk, test_ignore_file);
    tcase_add_test(walk, test_path_forms);
    tcase_add_test(walk, test_name_with_newline);
    tcase_add_test(walk, test_walk_order_is_sorted);
    tcase_add_test(walk, test_deep_tree);
    tcase_add_test(flow, test_stdin_streams);
    tcase_add_test(flow, test_stdin_cancel_while_waiting);
    tcase_add_test(flow, test_cancel_mid_walk);
    tcase_add_test(flow, test_real_stage_and_channel);
    tcase_add_test(flow, test_create_rejects_bad_options);
    suite_add_tcase(s, chunks);
    suite_add_tcase(s, walk);
    suite_add_tcase(s, flow);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
