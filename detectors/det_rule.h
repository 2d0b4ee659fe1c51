/* det_rule.h: how one detection rule is described.
 *
 * Built-in rules are static tables of det_rule_def (detectors/rules_*.c);
 * custom rules from a --rules YAML file are parsed into the same struct. The
 * matching engine (det_ruleset.c) compiles them once per run.
 *
 * Pattern contract:
 *  - A PCRE2 pattern (UTF mode off, byte semantics). The secret is the named
 *    group "secret" if there is one, else group 1, else the whole match.
 *  - Keywords are lowercase ASCII. A rule runs only on windows of a chunk
 *    that hold one of its keywords, matched case-insensitively. Choose
 *    keywords that the secret itself contains (a prefix like "ghp_") when
 *    the format has one, so that a secret is never missed for want of a
 *    keyword on the same line.
 *  - Examples: every rule carries at least two true examples (text in which
 *    the rule must find a secret) and two false examples (look-alikes in
 *    which it must find none). tests/test_rules.c runs them all. Secrets in
 *    examples are fake and marked as such (they contain "rootle" or "FAKE"
 *    or "fake" where the alphabet allows), and are split across adjacent C
 *    string literals where needed so that scanning rootle's own source finds
 *    nothing.
 */
#ifndef DET_RULE_H
#define DET_RULE_H

#include <stdbool.h>
#include <stddef.h>

#define DET_MAX_KEYWORDS 8
#define DET_MAX_EXAMPLES 6
#define DET_MAX_EXCLUDES 8

/* Rule flags. */
enum {
    DET_CASELESS = 1u << 0,   /* Compile the pattern case-insensitively. */
    DET_GENERIC = 1u << 1,    /* A generic rule (password=..., api_key=...):
                               * stricter false-positive filters apply (hashes,
                               * UUIDs, lockfile integrity values). */
    DET_MULTILINE = 1u << 2,  /* The secret may span lines (PEM blocks). */
};

/* A custom rule's HTTP verification, from the YAML rules file. rootle POSTs
 * {"rule": ID, "secret": SECRET} as JSON to endpoint. */
typedef struct det_http_verify {
    char *endpoint;
    char **headers;         /* "Name: value" strings. */
    size_t nheaders;
    int *success_codes;     /* HTTP statuses meaning "verified". */
    size_t nsuccess;
    int *invalid_codes;     /* HTTP statuses meaning "unverified". */
    size_t ninvalid;
    bool unsafe;            /* Allows http:// and private addresses. */
} det_http_verify;

typedef struct det_rule_def {
    const char *id;             /* Unique, kebab-case: "github-pat-classic". */
    const char *description;    /* One line: "GitHub personal access token (classic)". */
    const char *url;            /* The provider's documentation of the format. */
    const char *keywords[DET_MAX_KEYWORDS];     /* NULL-terminated. */
    const char *pattern;
    double min_entropy;         /* Shannon bits per byte of the secret; 0 = off. */
    unsigned flags;
    /* Extra per-rule words that mark a match as a placeholder. The engine
     * always applies the global list too (EXAMPLE, xxxx, your_..._here...). */
    const char *exclude_words[DET_MAX_EXCLUDES];
    /* Id of a rule whose secrets found near this one's are attached to the
     * finding as related secrets (aws-access-key-id pairs with
     * aws-secret-access-key). NULL for none. */
    const char *pair_with;
    const char *true_examples[DET_MAX_EXAMPLES];    /* NULL-terminated. */
    const char *false_examples[DET_MAX_EXAMPLES];   /* NULL-terminated. */
    /* Custom rules only: regexes that, matching the secret, reject it, and
     * the HTTP verification. NULL for built-ins. */
    char **exclude_regexes;
    size_t nexclude_regexes;
    det_http_verify *verify;
} det_rule_def;

/* The built-in catalogue (detectors/det_catalogue.c). */
const det_rule_def *det_builtin_rules(size_t *count);

#endif
