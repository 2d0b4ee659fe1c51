/* det_filter.c: false-positive control, applied to every confirmed match
 * before it becomes a finding.
 *
 * The checks are ordered cheapest first. Each one looks only at the
 * candidate secret and a few bytes of context on its own line, so their cost
 * is bounded by the secret's length and never by the chunk's. What code,
 * keys and words look like is in det_filter_shape.c.
 */
#include "detectors/det_internal.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* Context bytes either side of the secret looked at for regex syntax. */
#define CONTEXT 24

/* Placeholders, matched case-insensitively anywhere in the secret. These
 * are what documentation, templates and tests put where a credential goes. */
static const char *const placeholder_words[] = {
    "example", "xxxx", "changeme", "change_me", "change-me", "replace_me", "replace-me",
    "replaceme", "placeholder", "redacted", "your_", "your-", "_here", "-here",
    "${", "{{", "}}", "%s", "%(", "****", "...", "\xE2\x80\xA6", "<your", NULL,
};

/* Regex syntax that does not occur in credentials; a candidate holding it, or
 * next to it, is a pattern in some scanner's source rather than a secret. */
static const char *const regex_tokens[] = {
    "\\d", "\\w", "\\s", "\\b", "\\.", "(?:", "(?i)", "(?<", "(?P<", "(?=", "(?!", "[0-9",
    "[a-z", "[A-Z", "[^", "]{", "]+", "]*", "]?", "{1,", "{0,", ".*?", NULL,
};

double det_entropy(const unsigned char *s, size_t n)
{
    size_t counts[256] = { 0 };
    double h = 0.0;

    if (n == 0)
        return 0.0;
    for (size_t i = 0; i < n; i++)
        counts[s[i]]++;
    for (int c = 0; c < 256; c++) {
        if (counts[c] != 0) {
            double p = (double)counts[c] / (double)n;

            h -= p * log2(p);
        }
    }
    return h;
}

const unsigned char *det_memcasemem(const unsigned char *hay, size_t n, const char *needle,
                                    size_t nlen)
{
    unsigned char first;

    if (nlen == 0)
        return hay;
    if (nlen > n)
        return NULL;
    first = (unsigned char)tolower((unsigned char)needle[0]);
    for (size_t i = 0; i + nlen <= n; i++) {
        /* Skip ahead to the next byte that can start the needle. */
        if (tolower(hay[i]) != first)
            continue;
        size_t k = 1;

        while (k < nlen && tolower(hay[i + k]) == tolower((unsigned char)needle[k]))
            k++;
        if (k == nlen)
            return hay + i;
    }
    return NULL;
}

static bool contains_any(const unsigned char *p, size_t n, const char *const *words, bool caseless)
{
    for (size_t i = 0; words[i] != NULL; i++) {
        size_t wl = strlen(words[i]);

        if (caseless ? det_memcasemem(p, n, words[i], wl) != NULL
                     : memmem(p, n, words[i], wl) != NULL)
            return true;
    }
    return false;
}

/* Runs of one repeated character, or of consecutive digits or letters, are
 * typed by people ("000000", "123456", "abcdef"), not generated. Long
 * secrets (key blocks) legitimately hold runs like "AAAAAA", so only short
 * ones are checked. */
static bool has_typed_run(const unsigned char *p, size_t n)
{
    size_t same = 1, up = 1, down = 1;

    if (n > 200)
        return false;
    for (size_t i = 1; i < n; i++) {
        bool cls = (isdigit(p[i]) && isdigit(p[i - 1])) || (islower(p[i]) && islower(p[i - 1])) ||
                   (isupper(p[i]) && isupper(p[i - 1]));

        same = p[i] == p[i - 1] ? same + 1 : 1;
        up = cls && p[i] == p[i - 1] + 1 ? up + 1 : 1;
        down = cls && p[i] + 1 == p[i - 1] ? down + 1 : 1;
        if (same >= 6 || up >= 6 || down >= 6)
            return true;
    }
    return false;
}

/* A format field where a value will go: Python's "{self.password}" or
 * "{0}", C#'s "{Password}". A key block or JSON object opens with '{' too,
 * but is never a bare name between braces. */
static bool is_format_field(const unsigned char *p, size_t n)
{
    size_t i = 1;

    if (n < 3 || p[0] != '{')
        return false;
    while (i < n && (isalnum(p[i]) || p[i] == '_' || p[i] == '.'))
        i++;
    /* "{name}" or "{name!r}" / "{name:>10}" with a conversion or spec. */
    if (i < n && (p[i] == '!' || p[i] == ':'))
        while (i < n && p[i] != '}' && !isspace(p[i]))
            i++;
    return i > 1 && i < n && p[i] == '}';
}

static bool is_placeholder(const unsigned char *buf, size_t len, size_t s, size_t e)
{
    const unsigned char *p = buf + s;
    size_t n = e - s;

    if (contains_any(p, n, placeholder_words, true) || has_typed_run(p, n))
        return true;
    /* $VAR, ${VAR} and <token>, whether or not the pattern took the sigils. */
    if (p[0] == '$' && n > 1 && (isalpha(p[1]) || p[1] == '_' || p[1] == '{'))
        return true;
    if (s > 0 && buf[s - 1] == '$')
        return true;
    if (s > 1 && buf[s - 1] == '{' && buf[s - 2] == '$')
        return true;
    if (p[0] == '<' && p[n - 1] == '>')
        return true;
    if (is_format_field(p, n))
        return true;
    if (s > 0 && buf[s - 1] == '<' && e < len && buf[e] == '>')
        return true;
    /* {{ value }} templates put the placeholder after "{{" and spaces. */
    for (size_t i = s; i > 0 && s - i < 8; i--) {
        if (buf[i - 1] == ' ')
            continue;
        if (i >= 2 && buf[i - 1] == '{' && buf[i - 2] == '{')
            return true;
        break;
    }
    return false;
}

static bool is_regex_text(const unsigned char *buf, size_t len, size_t s, size_t e)
{
    size_t lo = s > CONTEXT ? s - CONTEXT : 0;
    size_t hi = e + CONTEXT < len ? e + CONTEXT : len;
    const unsigned char *nl;

    /* Context stops at the line's ends: a pattern on the next line says
     * nothing about this candidate. */
    for (size_t i = s; i > lo; i--) {
        if (buf[i - 1] == '\n') {
            lo = i;
            break;
        }
    }
    nl = memchr(buf + e, '\n', hi - e);
    if (nl != NULL)
        hi = (size_t)(nl - buf);
    return contains_any(buf + lo, hi - lo, regex_tokens, false);
}

static bool all_in(const unsigned char *p, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\0' || strchr(set, p[i]) == NULL)
            return false;
    }
    return true;
}

static bool is_hex(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit(p[i]))
            return false;
    }
    return true;
}

static bool is_uuid(const unsigned char *p, size_t n)
{
    if (n == 38 && p[0] == '{' && p[37] == '}') {
        p++;
        n -= 2;
    }
    if (n != 36)
        return false;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;

        if (dash ? p[i] != '-' : !isxdigit(p[i]))
            return false;
    }
    return true;
}

static size_t integrity_prefix(const unsigned char *p, size_t n)
{
    static const char *const prefixes[] = { "sha1-", "sha256-", "sha384-", "sha512-", NULL };

    for (size_t i = 0; prefixes[i] != NULL; i++) {
        size_t pl = strlen(prefixes[i]);

        if (n >= pl && det_memcasemem(p, pl, prefixes[i], pl) == p)
            return pl;
    }
    return 0;
}

static bool is_integrity(const unsigned char *buf, size_t s, size_t e)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    size_t pl = integrity_prefix(buf + s, e - s);

    if (pl != 0 && e - s > pl && all_in(buf + s + pl, e - s - pl, b64))
        return true;
    /* The pattern may have taken only the base64 after "sha512-". */
    for (size_t back = 5; back <= 7; back++) {
        if (s >= back && integrity_prefix(buf + s - back, back) == back)
            return true;
    }
    return false;
}

static bool is_path_or_url(const unsigned char *p, size_t n)
{
    static const char pathchars[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/\\~";
    const unsigned char *slash;

    if (p[0] == '/' || p[0] == '\\' || (n >= 2 && p[0] == '~' && p[1] == '/'))
        return true;
    if (n >= 2 && p[0] == '.' && (p[1] == '/' || (n >= 3 && p[1] == '.' && p[2] == '/')))
        return true;
    if (n >= 3 && isalpha(p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
        return true;
    if (memmem(p, n, "://", 3) != NULL)
        return true;
    /* dir/file.ext: path characters only, with a dotted last segment. */
    slash = memrchr(p, '/', n);
    if (slash != NULL && all_in(p, n, pathchars)) {
        const unsigned char *dot = memrchr(slash, '.', n - (size_t)(slash - p));

        if (dot != NULL && (size_t)(p + n - dot) >= 2 && (size_t)(p + n - dot) <= 6)
            return true;
    }
    return false;
}

static bool is_plain_word(const unsigned char *p, size_t n)
{
    return all_in(p, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-");
}

static bool generic_reject(const unsigned char *buf, size_t len, size_t s, size_t e)
{
    const unsigned char *p = buf + s;
    size_t n = e - s;
    det_assign a;

    if (is_hex(p, n) && (n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128))
        return true;
    if (is_uuid(p, n) || is_integrity(buf, s, e) || is_path_or_url(p, n) || is_plain_word(p, n))
        return true;
    /* The value of an assignment: the key must name a credential, and the
     * value must not be code. A generic match that follows no assignment
     * (a Bearer header) has neither. */
    if (det_find_assignment(buf, len, s, e, &a))
        return !det_key_names_credential(buf, &a) || det_value_is_code(buf, len, s, e, &a) ||
               det_weak_password(p, n);
    return false;
}

bool det_filter_reject(const det_crule *r, pcre2_match_data *md, const unsigned char *buf,
                       size_t len, size_t s, size_t e)
{
    const unsigned char *p = buf + s;
    size_t n = e - s;

    if (n == 0)
        return true;
    if (r->def.min_entropy > 0 && det_entropy(p, n) < r->def.min_entropy)
        return true;
    if (is_placeholder(buf, len, s, e))
        return true;
    for (size_t i = 0; i < DET_MAX_EXCLUDES && r->def.exclude_words[i] != NULL; i++) {
        const char *w = r->def.exclude_words[i];

        if (det_memcasemem(p, n, w, strlen(w)) != NULL)
            return true;
    }
    for (size_t i = 0; i < r->def.nexclude_regexes; i++) {
        if (pcre2_match(r->exclude_re[i], p, n, 0, 0, md, NULL) >= 0)
            return true;
    }
    if (is_regex_text(buf, len, s, e))
        return true;
    /* No rule's secret is a type name or a literal keyword ("password
     * string" in a Go struct, "password: null"). */
    if (det_keyword_value(p, n))
        return true;
    /* A password that is a word, an e-mail address or a test password is
     * what tests and documentation write, whatever the rule. */
    if (det_password_slot(buf, len, s, e) && det_weak_password(p, n))
        return true;
    if ((r->def.flags & DET_GENERIC) && generic_reject(buf, len, s, e))
        return true;
    return false;
}
