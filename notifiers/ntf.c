/* ntf.c: choosing an output format and wrapping it as an engine plugin. */
#include "notifiers/ntf.h"

#include <stdlib.h>
#include <string.h>

#include "notifiers/ntf_internal.h"

struct ntf_notifier {
    const ntf_format_ops *ops;  /* Immutable after create. */
    void *state;                /* The format's; it guards its own shared fields. */
};

static const struct {
    const char *name;
    ntf_format format;
    const ntf_format_ops *ops;
} formats[] = {
    { "text", NTF_TEXT, &ntf_text_ops },
    { "json", NTF_JSON, &ntf_json_ops },
    { "sarif", NTF_SARIF, &ntf_sarif_ops },
    { "github", NTF_GITHUB, &ntf_github_ops },
};

sc_code ntf_format_parse(const char *name, ntf_format *out)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (name != NULL && strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return SC_OK;
        }
    }
    return SC_EUSAGE;
}

sc_code ntf_create(const ntf_options *o, ntf_notifier **out)
{
    ntf_notifier *n;
    sc_code rc;

    *out = NULL;
    n = calloc(1, sizeof(*n));
    if (n == NULL)
        return SC_ENOMEM;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (formats[i].format == o->format)
            n->ops = formats[i].ops;
    }
    if (n->ops == NULL) {
        free(n);
        return SC_EINVAL;
    }
    rc = n->ops->create(o, &n->state);
    if (rc != SC_OK) {
        free(n);
        return rc;
    }
    *out = n;
    return SC_OK;
}

void ntf_free(ntf_notifier *n)
{
    if (n == NULL)
        return;
    n->ops->free(n->state);
    free(n);
}

sc_notifier ntf_plugin(ntf_notifier *n)
{
    return (sc_notifier){
        .self = n->state,
        .begin = n->ops->begin,
        .format = n->ops->format,
        .end = n->ops->end,
        .separator = n->ops->separator,
    };
}
