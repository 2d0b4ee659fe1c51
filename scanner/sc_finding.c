/* sc_finding.c: finding lifetime, fingerprint and redaction. */
#include "scanner/sc_finding.h"

#include <stdlib.h>
#include <string.h>

const char *sc_verification_name(sc_verification v)
{
    switch (v) {
    case SC_VERIFY_SKIPPED: return "skipped";
    case SC_VERIFY_UNKNOWN: return "unknown";
    case SC_VERIFY_UNVERIFIED: return "unverified";
    case SC_VERIFY_VERIFIED: return "verified";
    }
    return "unknown";
}

void sc_fingerprint(const char *rule_id, const char *secret, size_t secret_len,
                    const char *path, char out[SC_HASH_HEX_LEN + 1])
{
    sc_hash_part parts[3] = {
        { rule_id, strlen(rule_id) },
        { secret, secret_len },
        { path, strlen(path) },
    };

    sc_hash_hex(parts, 3, out);
}

char *sc_redact(const char *secret, size_t len)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t keep = 0;
    unsigned chars = 0;
    char *out;

    /* Count whole UTF-8 sequences so a multibyte character is never cut. */
    while (keep < len && chars < SC_REDACT_KEEP) {
        keep++;
        while (keep < len && ((unsigned char)secret[keep] & 0xC0) == 0x80)
            keep++;
        chars++;
    }
    out = malloc(keep + sizeof(ellipsis));
    if (out == NULL)
        return NULL;
    memcpy(out, secret, keep);
    memcpy(out + keep, ellipsis, sizeof(ellipsis));
    return out;
}

int sc_finding_set(char **field, const char *value)
{
    char *copy = NULL;

    if (value != NULL && (copy = strdup(value)) == NULL)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

sc_finding *sc_finding_create(const char *rule_id, const char *path,
                              const char *secret, size_t secret_len,
                              const char *decoder)
{
    sc_finding *f = calloc(1, sizeof(*f));

    if (f == NULL)
        return NULL;
    f->rule_id = strdup(rule_id);
    f->path = strdup(path);
    f->secret = malloc(secret_len + 1);
    f->redacted = sc_redact(secret, secret_len);
    f->decoder = strdup(decoder != NULL ? decoder : "plain");
    if (f->rule_id == NULL || f->path == NULL || f->secret == NULL ||
        f->redacted == NULL || f->decoder == NULL) {
        sc_finding_free(f);
        return NULL;
    }
    memcpy(f->secret, secret, secret_len);
    f->secret[secret_len] = '\0';
    f->secret_len = secret_len;
    f->line = 1;
    f->column = 1;
    sc_fingerprint(rule_id, secret, secret_len, path, f->fingerprint);
    return f;
}

int sc_finding_add_related(sc_finding *f, const char *secret, size_t len)
{
    char **r = realloc(f->related, (f->nrelated + 1) * sizeof(*r));
    char *copy;

    if (r == NULL)
        return -1;
    f->related = r;
    copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, secret, len);
    copy[len] = '\0';
    f->related[f->nrelated++] = copy;
    return 0;
}

void sc_finding_free(sc_finding *f)
{
    if (f == NULL)
        return;
    free(f->rule_id);
    free(f->rule_description);
    free(f->rule_url);
    free(f->path);
    if (f->secret != NULL) {
        /* Secrets should not linger in freed heap memory. */
        memset(f->secret, 0, f->secret_len);
        free(f->secret);
    }
    free(f->redacted);
    free(f->decoder);
    for (size_t i = 0; i < f->nrelated; i++)
        free(f->related[i]);
    free(f->related);
    free(f->commit);
    free(f->author);
    free(f->date);
    free(f->verification_error);
    free(f);
}

void sc_finding_free_item(void *f)
{
    sc_finding_free(f);
}
