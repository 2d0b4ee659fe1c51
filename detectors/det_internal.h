/* det_internal.h: the compiled ruleset and the per-worker scan state, shared
 * by the files of the matching engine (det_*.c). Nothing outside detectors/
 * includes it.
 *
 * Layout of the Hyperscan database: pattern id i < nrules is rule i's
 * prefilter; id nrules + k is keyword k as a caseless literal. Keyword hits
 * are recorded per chunk so that gating a window by a rule's keywords is a
 * binary search, and a rule whose pattern Hyperscan rejects even as a
 * prefilter ("fallback" rule) takes its keywords' hits as its own.
 */
#ifndef DET_INTERNAL_H
#define DET_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <hs/hs.h>
#include <pcre2.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "detectors/det_load.h"
#include "detectors/det_ruleset.h"

/* Confirm windows: bytes before a hit's end for ordinary and multiline
 * rules, and bytes after it (room for lookaheads and word boundaries). */
#define DET_WINDOW 512u
#define DET_WINDOW_MULTILINE 8192u
#define DET_WINDOW_MAX 65536u
#define DET_MARGIN 256u

/* pair_with neighbourhood. */
#define DET_PAIR_BYTES 2048u
#define DET_PAIR_LINES 20u

/* Decoded bytes per span, and the deepest nesting a worker has buffers for. */
#define DET_DECODE_CAP 65536u
#define DET_DECODE_DEPTH_MAX 8u

/* A custom rule's extra named regex (all but the secret's): it must match
 * near the secret, and what it matched is attached as a related value. */
typedef struct det_companion {
    char *name;
    pcre2_code *re;
} det_companion;

/* One compiled rule. Everything is written at load and read-only after. */
typedef struct det_crule {
    det_rule_def def;           /* Shallow copy; strings live in the catalogue or the arena. */
    pcre2_code *re;
    uint32_t secret_group;      /* 0 = the whole match. */
    size_t window;              /* Bytes before a hit's end that the confirm looks at. */
    bool fallback;              /* Keywords stand in for the rejected prefilter. */
    uint32_t *kw;               /* Indices into det_ruleset.kws. */
    size_t nkw;
    pcre2_code **exclude_re;    /* Compiled def.exclude_regexes. */
    long partner;               /* Index in det_ruleset.rules of pair_with, or -1. */
    bool verifiable;            /* A built-in verifier or a custom verify block. */
    det_companion *companions;
    size_t ncompanions;
    /* Statistics, summed in by workers when they are freed. */
    _Atomic uint64_t stat_ns;
    _Atomic uint64_t stat_hits;
    _Atomic uint64_t stat_matches;
} det_crule;

typedef struct det_keyword {
    char *text;                 /* Lowercase. */
    size_t len;
    uint32_t *fallback_rules;   /* Fallback rules whose hits this keyword makes. */
    size_t nfallback;
} det_keyword;

struct det_ruleset {
    det_crule *rules;           /* nrules selected, then partner-only rules up to nall. */
    size_t nrules;
    size_t nall;
    det_keyword *kws;
    size_t nkws;
    hs_database_t *db;
    hs_scratch_t *scratch;      /* Prototype; workers clone it. */
    uint32_t max_groups;        /* Largest capture count + 1 over every pattern. */
    unsigned max_decode_depth;
    det_load_info info;
    size_t nfallback;
    void **arena;               /* Allocations owned by the set (custom rules). */
    size_t narena;
    size_t caparena;
};

/* --- det_arena.c --- */
/* Records p as owned by rs; returns p, or NULL (freeing p) on ENOMEM. */
void *det_arena_keep(det_ruleset *rs, void *p);
char *det_arena_strdup(det_ruleset *rs, const char *s);
char *det_arena_strndup(det_ruleset *rs, const char *s, size_t n);
void det_arena_free(det_ruleset *rs);

/* --- det_ruleset.c --- */
/* Compiles a rule pattern with the engine's options for its flags
 * (multiline anchors always; caseless and dot-all as flagged). */
pcre2_code *det_compile_pattern(const char *pattern, unsigned flags, int *errcode,
                                size_t *erroffset);

/* --- det_custom.c --- */
/* A rule from the YAML rules file: its definition and the named regexes
 * other than the secret's. Everything is owned by the ruleset's arena. */
typedef struct det_custom_rule {
    det_rule_def def;
    char **comp_names;
    char **comp_patterns;
    size_t ncomp;
} det_custom_rule;

/* Parses the YAML rules file, validating every regex. On failure writes
 * "FILE:LINE: reason" to err and returns SC_ECONFIG or SC_EREGEX. */
sc_code det_custom_load(det_ruleset *rs, const char *path, det_custom_rule **out, size_t *n,
                        char *err, size_t errlen);

/* --- det_prefilter.c --- */
/* Builds (or loads from the cache) the Hyperscan database for rs->rules
 * [0, nrules) and rs->kws, setting each rule's fallback flag. */
sc_code det_prefilter_build(det_ruleset *rs, const det_options *o, char *err, size_t errlen);

/* --- det_filter.c --- */
/* True if the candidate secret buf[s, e) (matched as buf[ms, me)) is a
 * placeholder, excluded word, regex text or (generic rules) a hash, UUID,
 * integrity value, path or plain word. */
bool det_filter_reject(const det_crule *r, pcre2_match_data *md, const unsigned char *buf,
                       size_t len, size_t s, size_t e);
/* Case-insensitive memmem (ASCII). */
const unsigned char *det_memcasemem(const unsigned char *hay, size_t n, const char *needle,
                                    size_t nlen);

/* --- det_filter_shape.c --- */
/* The assignment whose value a candidate is: `key = value`, `key: value`,
 * `"key": "value"`, `key := value`, `key => value`. */
typedef struct det_assign {
    size_t key_start, key_end;  /* The key (its dotted path), in the buffer. */
    size_t last_start;          /* Start of the key's last segment (after '.', '->', '::'). */
    bool quoted;                /* The value is a whole string literal. */
    bool colon_eq;              /* Go's `:=`: the value is an expression. */
} det_assign;

/* Finds the assignment that ends where the candidate buf[s, e) starts;
 * false if none does (the candidate follows something else). */
bool det_find_assignment(const unsigned char *buf, size_t len, size_t s, size_t e,
                         det_assign *a);
/* True if the key's last segment names a credential as a word (`db_password`,
 * `clientSecret`, `apiKey`, `OAUTH_TOKEN`) and nothing after that word says
 * the key describes it (`secret_length`, `password_hash`). */
bool det_key_names_credential(const unsigned char *buf, const det_assign *a);
/* True if the value buf[s, e) of assignment a is code: an unquoted
 * identifier, address, member access or expression, or a string literal
 * that is only a name made of words. */
bool det_value_is_code(const unsigned char *buf, size_t len, size_t s, size_t e,
                       const det_assign *a);
/* True if buf[s, e) sits where a password goes: a URL's userinfo, or the
 * value of a key named password, passwd, pwd, pass or passphrase. */
bool det_password_slot(const unsigned char *buf, size_t len, size_t s, size_t e);
/* True if the password p[0, n), percent escapes undone, is a type name or
 * literal keyword, an e-mail address, a well-known test password, or words
 * with little entropy. */
bool det_weak_password(const unsigned char *p, size_t n);
/* True if p[0, n) is a type name or literal keyword (string, int, null,
 * None, nil, true, undefined, ...), case-insensitively. */
bool det_keyword_value(const unsigned char *p, size_t n);

#endif
