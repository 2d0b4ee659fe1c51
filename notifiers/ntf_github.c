/* ntf_github.c: GitHub Actions workflow commands, one annotation per
 * finding.
 *
 *   ::error file=PATH,line=L,col=C,endColumn=E,title=TITLE::MESSAGE
 *
 * Verified findings are errors and every other finding a warning, so a
 * live credential stands out in the pull request. The secret is shown
 * redacted: workflow logs are often public.
 *
 * The runner splits the command at "::" and property values at "," and "=",
 * then undoes only %25, %0D, %0A, %3A and %2C. So property values escape
 * %, CR, LF, ":" and ","; the message escapes %, CR and LF. Bytes that are
 * not valid UTF-8 become U+FFFD, since the runner reads its log as UTF-8.
 */
#include "notifiers/ntf_internal.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

static sc_code github_create(const ntf_options *o, void **state)
{
    (void)o;
    /* Annotations need no state; github_free accepts the NULL. */
    *state = NULL;
    return SC_OK;
}

static void github_free(void *state)
{
    (void)state;
}

static void github_begin(void *state, sc_buf *out)
{
    (void)state;
    (void)out;
}

/* Appends s escaped for a workflow command: a property value when property
 * is true, the message otherwise. */
static void put_escaped(sc_buf *out, const char *s, bool property)
{
    size_t len = strlen(s), i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n;

        switch (c) {
        case '%': sc_buf_puts(out, "%25"); i++; continue;
        case '\r': sc_buf_puts(out, "%0D"); i++; continue;
        case '\n': sc_buf_puts(out, "%0A"); i++; continue;
        case ':':
        case ',':
            if (property) {
                sc_buf_puts(out, c == ':' ? "%3A" : "%2C");
                i++;
                continue;
            }
            break;
        default:
            break;
        }
        n = sc_utf8_len(s + i, len - i);
        if (n == 0) {
            sc_buf_puts(out, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        sc_buf_append(out, s + i, n);
        i += n;
    }
}

static void github_format(void *state, const sc_finding *f, sc_buf *out)
{
    (void)state;
    sc_buf_puts(out, f->verification == SC_VERIFY_VERIFIED ? "::error file=" : "::warning file=");
    put_escaped(out, ntf_rel_path(f->path), true);
    if (f->line > 0) {
        sc_buf_printf(out, ",line=%" PRIu64, f->line);
        if (f->column > 0)
            sc_buf_printf(out, ",col=%" PRIu64, f->column);
        if (f->end_column > f->column)
            sc_buf_printf(out, ",endColumn=%" PRIu64, f->end_column);
    }
    sc_buf_puts(out, ",title=");
    put_escaped(out, "rootle: ", true);
    put_escaped(out, ntf_title(f), true);
    sc_buf_puts(out, "::");
    put_escaped(out, f->rule_id, false);
    sc_buf_puts(out, " secret ");
    put_escaped(out, f->redacted, false);
    sc_buf_puts(out, " (");
    sc_buf_puts(out, sc_verification_name(f->verification));
    if (f->verification_error != NULL) {
        sc_buf_puts(out, ": ");
        put_escaped(out, f->verification_error, false);
    }
    sc_buf_putc(out, ')');
    if (f->decoder != NULL && strcmp(f->decoder, "plain") != 0) {
        sc_buf_puts(out, ", decoded from ");
        put_escaped(out, f->decoder, false);
    }
    if (f->commit != NULL) {
        sc_buf_puts(out, ", commit ");
        put_escaped(out, f->commit, false);
    }
    sc_buf_putc(out, '\n');
}

static void github_end(void *state, const sc_summary *s, sc_buf *out)
{
    (void)state;
    (void)s;
    (void)out;
}

const ntf_format_ops ntf_github_ops = {
    .separator = NULL,
    .create = github_create,
    .free = github_free,
    .begin = github_begin,
    .format = github_format,
    .end = github_end,
};
