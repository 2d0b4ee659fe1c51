/* sc_finding.h: one reported credential, as it travels from detect through
 * verify to notify.
 *
 * A finding owns every string it points to, so it can cross threads and
 * outlive the chunk and the rule that produced it. Notifiers read findings
 * and never change them; the verify stage is the only writer of the
 * verification fields.
 */
#ifndef SC_FINDING_H
#define SC_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/sc_hash.h"

typedef enum sc_verification {
    SC_VERIFY_SKIPPED = 0,  /* Verification was off or the rule has no verifier. */
    SC_VERIFY_UNKNOWN,      /* No determinate answer (timeout, 429, 5xx, garbage). */
    SC_VERIFY_UNVERIFIED,   /* The provider said the credential is invalid. */
    SC_VERIFY_VERIFIED,     /* The provider accepted the credential. */
} sc_verification;

/* "skipped", "unknown", "unverified" or "verified". */
const char *sc_verification_name(sc_verification v);

/* Chars of the secret shown by the redacted form. */
#define SC_REDACT_KEEP 4

typedef struct sc_finding {
    char *rule_id;          /* Owned. The rule's id, e.g. "github-pat-classic". */
    char *rule_description; /* Owned, may be NULL. */
    char *rule_url;         /* Owned, may be NULL: the provider's documentation. */
    char *path;             /* Owned. The path as walked from the argument given. */
    uint64_t line;          /* 1-based line of the secret's first byte. */
    uint64_t column;        /* 1-based column of the secret's first byte. */
    uint64_t end_column;    /* 1-based column just past the secret on its line. */
    uint64_t offset;        /* Byte offset of the secret (or its encoded form). */
    char *secret;           /* Owned. The raw secret, NUL-terminated. */
    size_t secret_len;
    char *redacted;         /* Owned. The first SC_REDACT_KEEP chars plus "…". */
    char *decoder;          /* Owned. "plain", or what was undone: "base64", "base64>utf16le". */
    char **related;         /* Owned. Secrets found near this one that a
                             * verifier may pair it with (AWS secret keys). */
    size_t nrelated;
    char *commit;           /* Owned, may be NULL: git history scans only. */
    char *author;           /* Owned, may be NULL. */
    char *date;             /* Owned, may be NULL. */
    sc_verification verification;
    char *verification_error;   /* Owned, may be NULL. Never contains the secret. */
    char fingerprint[SC_HASH_HEX_LEN + 1]; /* Hash of rule + secret + path. */
} sc_finding;

/* Creates a finding with copies of the given strings, its redacted form and
 * its fingerprint. decoder NULL means "plain". Returns NULL when out of
 * memory. */
sc_finding *sc_finding_create(const char *rule_id, const char *path,
                              const char *secret, size_t secret_len,
                              const char *decoder);

/* Sets an owned copy of a string field (e.g. &f->rule_url). 0 or -1 on ENOMEM. */
int sc_finding_set(char **field, const char *value);

/* Appends a related secret. 0, or -1 when out of memory. */
int sc_finding_add_related(sc_finding *f, const char *secret, size_t len);

/* Frees the finding. Accepts NULL. */
void sc_finding_free(sc_finding *f);
void sc_finding_free_item(void *f);

/* Computes the fingerprint hex of rule + secret + path, as stored in
 * f->fingerprint and in baselines. Line numbers do not enter it, so moving a
 * line keeps the fingerprint. */
void sc_fingerprint(const char *rule_id, const char *secret, size_t secret_len,
                    const char *path, char out[SC_HASH_HEX_LEN + 1]);

/* Returns a newly allocated redacted form of secret: its first SC_REDACT_KEEP
 * characters (whole UTF-8 sequences) followed by "…". */
char *sc_redact(const char *secret, size_t len);

#endif
