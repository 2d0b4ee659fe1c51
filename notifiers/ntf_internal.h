/* ntf_internal.h: what ntf.c needs from each output format, and the helpers
 * the formats share. Not part of the public contract (that is ntf.h).
 */
#ifndef NTF_INTERNAL_H
#define NTF_INTERNAL_H

#include <stddef.h>

#include "notifiers/ntf.h"

/* One output format. state is what create() returned; format() runs
 * concurrently on the engine's notify workers, the rest on one thread. */
typedef struct ntf_format_ops {
    /* Written by the engine's writer between consecutive findings, or NULL. */
    const char *separator;
    /* Makes the format's state from the options (copied, not kept). */
    sc_code (*create)(const ntf_options *o, void **state);
    void (*free)(void *state);                 /* Accepts NULL. */
    void (*begin)(void *state, sc_buf *out);
    void (*format)(void *state, const sc_finding *f, sc_buf *out);
    void (*end)(void *state, const sc_summary *s, sc_buf *out);
} ntf_format_ops;

extern const ntf_format_ops ntf_text_ops;
extern const ntf_format_ops ntf_json_ops;
extern const ntf_format_ops ntf_sarif_ops;
extern const ntf_format_ops ntf_github_ops;

/* The path relative to the scan root as CI systems expect it: path without
 * its leading "./" (and the slashes after it). Points into path. */
const char *ntf_rel_path(const char *path);

/* The description a person reads for f: its rule's description, or its
 * rule id when the rule has none. */
const char *ntf_title(const sc_finding *f);

#endif
