/* ntf_text.c: the human-readable format.
 *
 * One block per finding. The secret is only ever shown redacted, and every
 * string from the scanned tree (path, author, decoder) goes through
 * ntf_put_display so that a hostile file name cannot drive the terminal.
 */
#include "notifiers/ntf_internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[1;31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

/* Immutable after create, so format() needs no lock. */
typedef struct text_state {
    bool color;
    bool summary;
} text_state;

static sc_code text_create(const ntf_options *o, void **state)
{
    text_state *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return SC_ENOMEM;
    t->color = o->color;
    t->summary = o->summary;
    *state = t;
    return SC_OK;
}

static void text_free(void *state)
{
    free(state);
}

static void text_begin(void *state, sc_buf *out)
{
    (void)state;
    (void)out;
}

static void color(const text_state *t, sc_buf *out, const char *code)
{
    if (t->color)
        sc_buf_puts(out, code);
}

static void label(const text_state *t, sc_buf *out, const char *name)
{
    color(t, out, DIM);
    sc_buf_printf(out, "  %-14s", name);
    color(t, out, RESET);
}

static const char *status_color(sc_verification v)
{
    switch (v) {
    case SC_VERIFY_VERIFIED: return RED;
    case SC_VERIFY_UNKNOWN: return YELLOW;
    case SC_VERIFY_UNVERIFIED:
    case SC_VERIFY_SKIPPED: break;
    }
    return DIM;
}

static void optional_line(const text_state *t, sc_buf *out, const char *name, const char *value)
{
    if (value == NULL)
        return;
    label(t, out, name);
    ntf_put_display_cstr(out, value);
    sc_buf_putc(out, '\n');
}

static void text_format(void *state, const sc_finding *f, sc_buf *out)
{
    const text_state *t = state;

    color(t, out, BOLD);
    sc_buf_puts(out, "Finding: ");
    color(t, out, CYAN);
    ntf_put_display_cstr(out, f->rule_id);
    color(t, out, RESET);
    if (f->rule_description != NULL) {
        sc_buf_puts(out, " - ");
        ntf_put_display_cstr(out, f->rule_description);
    }
    sc_buf_putc(out, '\n');

    label(t, out, "File:");
    ntf_put_display_cstr(out, f->path);
    sc_buf_printf(out, ":%" PRIu64 ":%" PRIu64 "\n", f->line, f->column);

    label(t, out, "Secret:");
    ntf_put_display_cstr(out, f->redacted);
    sc_buf_putc(out, '\n');

    if (f->decoder != NULL && strcmp(f->decoder, "plain") != 0)
        optional_line(t, out, "Decoder:", f->decoder);

    label(t, out, "Verification:");
    color(t, out, status_color(f->verification));
    sc_buf_puts(out, sc_verification_name(f->verification));
    color(t, out, RESET);
    if (f->verification_error != NULL) {
        sc_buf_puts(out, " (");
        ntf_put_display_cstr(out, f->verification_error);
        sc_buf_putc(out, ')');
    }
    sc_buf_putc(out, '\n');

    optional_line(t, out, "Commit:", f->commit);
    optional_line(t, out, "Author:", f->author);
    optional_line(t, out, "Date:", f->date);
    sc_buf_putc(out, '\n');
}

/* Appends bytes as a decimal size: "512 B", "1.2 MB". */
static void put_size(sc_buf *out, uint64_t bytes)
{
    static const char *const units[] = { "kB", "MB", "GB", "TB", "PB" };
    double v = (double)bytes;
    size_t u = 0;

    if (bytes < 1000) {
        sc_buf_printf(out, "%" PRIu64 " B", bytes);
        return;
    }
    v /= 1000.0;
    while (v >= 999.95 && u + 1 < sizeof(units) / sizeof(units[0])) {
        v /= 1000.0;
        u++;
    }
    sc_buf_printf(out, "%.1f %s", v, units[u]);
}

static void text_end(void *state, const sc_summary *s, sc_buf *out)
{
    const text_state *t = state;

    if (!t->summary)
        return;
    if (s->reported_verified > 0)
        color(t, out, RED);
    else
        color(t, out, BOLD);
    sc_buf_printf(out, "%" PRIu64 " finding%s (%" PRIu64 " verified)", s->reported,
                  s->reported == 1 ? "" : "s", s->reported_verified);
    color(t, out, RESET);
    sc_buf_printf(out, " in %" PRIu64 " file%s, ", s->files, s->files == 1 ? "" : "s");
    put_size(out, s->bytes);
    sc_buf_printf(out, ", %.2f s", (double)s->wall_ns / 1e9);
    if (s->suppressed > 0)
        sc_buf_printf(out, "; %" PRIu64 " suppressed", s->suppressed);
    if (s->scan_errors > 0)
        sc_buf_printf(out, "; %" PRIu64 " unreadable", s->scan_errors);
    if (s->interrupted)
        sc_buf_puts(out, "; interrupted, results are incomplete");
    sc_buf_putc(out, '\n');
}

const ntf_format_ops ntf_text_ops = {
    .separator = NULL,
    .create = text_create,
    .free = text_free,
    .begin = text_begin,
    .format = text_format,
    .end = text_end,
};
