/* ntf.h: output formats. Each format is an sc_notifier (sc_engine.h). */
#ifndef NTF_H
#define NTF_H

#include <stdbool.h>

#include "scanner/sc_engine.h"

typedef enum ntf_format {
    NTF_TEXT,       /* Human-readable blocks, redacted, colour on a TTY. */
    NTF_JSON,       /* JSON Lines, one object per finding. */
    NTF_SARIF,      /* SARIF 2.1.0, one run. */
    NTF_GITHUB,     /* GitHub Actions workflow-command annotations. */
} ntf_format;

/* Parses "text", "json", "sarif" or "github". SC_EUSAGE otherwise. */
sc_code ntf_format_parse(const char *name, ntf_format *out);

typedef struct ntf_options {
    ntf_format format;
    bool color;             /* Text only: ANSI colour. */
    bool summary;           /* Text only: one-line summary at the end. */
    const char *version;    /* Tool version for SARIF. */
} ntf_options;

typedef struct ntf_notifier ntf_notifier;

sc_code ntf_create(const ntf_options *o, ntf_notifier **out);
void ntf_free(ntf_notifier *n);     /* Accepts NULL. */

/* The plugin for the engine; n must outlive the scan. */
sc_notifier ntf_plugin(ntf_notifier *n);

/* Appends s (len bytes) so that it is safe to show on a terminal and keeps
 * the output valid UTF-8: control characters (C0, DEL, C1) become \n, \r,
 * \t or \xNN / \uNNNN escapes, and bytes that are not valid UTF-8 become
 * \xNN. A file name can then neither move the cursor nor recolour the
 * screen. */
void ntf_put_display(sc_buf *b, const char *s, size_t len);
void ntf_put_display_cstr(sc_buf *b, const char *s);


#endif
