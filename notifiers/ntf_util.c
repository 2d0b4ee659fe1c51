/* ntf_util.c: path and display helpers shared by the output formats. */
#include "notifiers/ntf_internal.h"

#include <string.h>

const char *ntf_rel_path(const char *path)
{
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
        while (*path == '/')
            path++;
    }
    return path;
}

const char *ntf_title(const sc_finding *f)
{
    return f->rule_description != NULL && *f->rule_description != '\0'
        ? f->rule_description : f->rule_id;
}

void ntf_put_display(sc_buf *b, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n;

        if (c == '\n' || c == '\r' || c == '\t') {
            sc_buf_puts(b, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            sc_buf_printf(b, "\\x%02X", c);
            i++;
            continue;
        }
        n = sc_utf8_len(s + i, len - i);
        if (n == 0) {
            sc_buf_printf(b, "\\x%02X", c);
            i++;
            continue;
        }
        /* U+0080..U+009F (C1 controls, e.g. CSI) are encoded C2 80..C2 9F. */
        if (n == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) {
            sc_buf_printf(b, "\\u%04X", (unsigned char)s[i + 1]);
            i += 2;
            continue;
        }
        sc_buf_append(b, s + i, n);
        i += n;
    }
}

void ntf_put_display_cstr(sc_buf *b, const char *s)
{
    ntf_put_display(b, s, strlen(s));
}
