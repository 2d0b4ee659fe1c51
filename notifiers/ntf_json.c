/* ntf_json.c: JSON Lines, one object per finding.
 *
 * This is the one format that carries the raw secret, for tools that act on
 * it (rotation scripts). Every string goes through sc_buf_json_str, so a
 * line is valid JSON whatever bytes the path or secret hold.
 */
#include "notifiers/ntf_internal.h"

#include <inttypes.h>

static sc_code json_create(const ntf_options *o, void **state)
{
    (void)o;
    /* JSON Lines needs no state; json_free accepts the NULL. */
    *state = NULL;
    return SC_OK;
}

static void json_free(void *state)
{
    (void)state;
}

static void json_begin(void *state, sc_buf *out)
{
    (void)state;
    (void)out;
}

static void key(sc_buf *out, const char *name)
{
    sc_buf_printf(out, ",\"%s\":", name);
}

static void json_format(void *state, const sc_finding *f, sc_buf *out)
{
    (void)state;
    sc_buf_puts(out, "{\"detector\":");
    sc_buf_json_cstr(out, f->rule_id);
    key(out, "description");
    sc_buf_json_cstr(out, f->rule_description);
    key(out, "file");
    sc_buf_json_cstr(out, f->path);
    sc_buf_printf(out, ",\"line\":%" PRIu64 ",\"column\":%" PRIu64 ",\"end_column\":%" PRIu64,
                  f->line, f->column, f->end_column);
    key(out, "secret");
    sc_buf_json_str(out, f->secret, f->secret_len);
    key(out, "redacted");
    sc_buf_json_cstr(out, f->redacted);
    key(out, "verification");
    sc_buf_json_cstr(out, sc_verification_name(f->verification));
    key(out, "verification_error");
    sc_buf_json_cstr(out, f->verification_error);
    key(out, "fingerprint");
    sc_buf_json_cstr(out, f->fingerprint);
    key(out, "decoder");
    sc_buf_json_cstr(out, f->decoder);
    if (f->commit != NULL) {
        key(out, "commit");
        sc_buf_json_cstr(out, f->commit);
    }
    if (f->author != NULL) {
        key(out, "author");
        sc_buf_json_cstr(out, f->author);
    }
    if (f->date != NULL) {
        key(out, "date");
        sc_buf_json_cstr(out, f->date);
    }
    sc_buf_puts(out, "}\n");
}

static void json_end(void *state, const sc_summary *s, sc_buf *out)
{
    (void)state;
    (void)s;
    (void)out;
}

const ntf_format_ops ntf_json_ops = {
    .separator = NULL,
    .create = json_create,
    .free = json_free,
    .begin = json_begin,
    .format = json_format,
    .end = json_end,
};
