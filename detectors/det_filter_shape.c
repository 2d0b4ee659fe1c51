/* det_filter_shape.c: what a candidate secret looks like, for the
 * false-positive filter (det_filter.c).
 *
 * Real source code is full of lines that have the shape of a credential
 * assignment but hold none: `.pwd = &pll_data,`, `.set_secret =
 * hpre_set_secret,`, `password string` in a Go struct, or a test URL whose
 * password is "p%40ssword". The helpers here read the few bytes around a
 * candidate to tell these apart:
 *
 *  - the assignment whose value the candidate is: its key, its operator and
 *    whether the value is a complete string literal;
 *  - whether that key names a credential as a word (`db_password`,
 *    `clientSecret`, `apiKey`), rather than holding the keyword inside
 *    another word (`pwdn`, `pwdown`) or describing one (`secret_length`,
 *    `password.hash_algo`);
 *  - whether an unquoted value is a code identifier or expression;
 *  - whether a value in a password slot (a URL's userinfo, the value of a
 *    password key) is a word, an e-mail address or a well-known test
 *    password once its percent escapes are undone.
 *
 * Everything reads at most a few hundred bytes around the candidate, so the
 * cost is bounded by the candidate's length and never by the chunk's.
 */
#include "detectors/det_internal.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* Bytes of key read back from the operator, and words kept from it. */
#define KEY_MAX 128
#define WORDS_MAX 24
#define WORD_LEN 32

/* Longest value that is checked for being a weak password; longer ones are
 * not typed by people. */
#define WEAK_MAX 64

/* A word-like password (letters and separators, at most one other
 * character) is a secret only with at least this much entropy. */
#define WORDLIKE_MIN_ENTROPY 3.5

/* A quoted identifier-shaped value of one segment (camelCase with digits)
 * is a secret only with at least this much entropy. */
#define QUOTED_IDENT_MIN_ENTROPY 3.5

/* Values that name a type or are a language's literal keyword. */
static const char *const keyword_values[] = {
    "string", "str", "int", "integer", "uint", "long", "short", "float", "double", "char",
    "bool", "boolean", "byte", "bytes", "number", "object", "any", "void", "none", "null",
    "nil", "true", "false", "undefined", "text", "varchar", NULL,
};

/* Words that name a credential when they are a word of a key, alone or as
 * the end of a compound written as one word (`dbpassword`, `clientsecret`,
 * `oauthtoken`). "api" followed by "key" counts as one such word. */
static const char *const cred_words[] = {
    "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "token",
    "apikey", NULL,
};
static const char *const cred_suffixes[] = {
    "password", "passwd", "passphrase", "passcode", "secret", "token", "apikey", NULL,
};

/* Words that, after the credential word of a key, say that the key
 * describes the credential rather than holds it (`secret_length`,
 * `password_hash`, `token_type`). */
static const char *const meta_words[] = {
    "length", "len", "size", "type", "algo", "algorithm", "alg", "hash", "hashed", "digest",
    "file", "path", "dir", "name", "ref", "field", "label", "prompt", "policy", "regex",
    "pattern", "format", "fmt", "min", "max", "count", "num", "enabled", "enable", "required",
    "mode", "url", "uri", "endpoint", "header", "param", "expiry", "expires", "expiration",
    "ttl", "timeout", "version", "flag", "flags", "kind", "store", "env", "var", "command",
    "cmd", "hint", "reset", "mask", "bits", "offset", "index", "idx", "attr", "prop", NULL,
};

/* Passwords that tests, examples and tutorials use. A value is one if its
 * letters (after undoing "p@ssw0rd"-style digits and symbols) hold one of
 * these with at most a few characters around it. */
static const char *const test_passwords[] = {
    "password", "passwd", "pass", "pwd", "secret", "test", "admin", "guest", "letmein",
    "qwerty", "welcome", "changeit", "default", "login", "master", NULL,
};

/* Two-letter capitalised words common in camelCase identifiers
 * (`userId`, `isOn`), which a generated token rarely spells by chance. */
static const char *const short_caps[] = {
    "Id", "Ip", "Io", "Ok", "Is", "On", "Of", "To", "By", "At", "In", "Up", "No", "Or", "If",
    "Db", "Os", "Ui", "Tx", "Rx", NULL,
};

static bool in_list(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        if (strcmp(w, list[i]) == 0)
            return true;
    }
    return false;
}

static bool ends_with(const char *w, const char *suffix)
{
    size_t wl = strlen(w), sl = strlen(suffix);

    return wl >= sl && memcmp(w + wl - sl, suffix, sl) == 0;
}

static bool is_quote(unsigned char c)
{
    return c == '"' || c == '\'' || c == '`';
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

bool det_keyword_value(const unsigned char *p, size_t n)
{
    for (size_t i = 0; keyword_values[i] != NULL; i++) {
        size_t kl = strlen(keyword_values[i]);

        if (kl == n && det_memcasemem(p, n, keyword_values[i], kl) == p)
            return true;
    }
    return false;
}

/* --- keys --- */

/* Splits buf[ks, ke) into lowercase words at separators, digits and
 * camelCase humps ("dbPassword" -> db, password; "HTTPServer" -> http,
 * server; "PGP_DIGEST" -> pgp, digest). Digit runs are dropped. seg[i] is
 * true for words in the key's last segment (at or after last). */
static size_t key_words(const unsigned char *buf, size_t ks, size_t ke, size_t last,
                        char words[WORDS_MAX][WORD_LEN + 1], bool seg[WORDS_MAX])
{
    size_t nw = 0, i = ks;

    while (i < ke && nw < WORDS_MAX) {
        size_t j = i;

        if (!isalpha(buf[i])) {
            i++;
            continue;
        }
        if (isupper(buf[i])) {
            while (j < ke && isupper(buf[j]))
                j++;
            if (j < ke && islower(buf[j])) {
                if (j - i >= 2)
                    j--;        /* "HTTPServer": the last capital starts the next word. */
                else
                    while (j < ke && islower(buf[j]))
                        j++;
            }
        } else {
            while (j < ke && islower(buf[j]))
                j++;
        }
        size_t wl = j - i < WORD_LEN ? j - i : WORD_LEN;

        for (size_t k = 0; k < wl; k++)
            words[nw][k] = (char)tolower(buf[i + k]);
        words[nw][wl] = '\0';
        seg[nw] = i >= last;
        nw++;
        i = j;
    }
    return nw;
}

static bool cred_word(const char *w)
{
    if (in_list(w, cred_words))
        return true;
    for (size_t i = 0; cred_suffixes[i] != NULL; i++) {
        if (strlen(w) > strlen(cred_suffixes[i]) && ends_with(w, cred_suffixes[i]))
            return true;
    }
    /* "SECRETKEY" written as one word. */
    return strcmp(w, "secretkey") == 0;
}

bool det_key_names_credential(const unsigned char *buf, const det_assign *a)
{
    char words[WORDS_MAX][WORD_LEN + 1];
    bool seg[WORDS_MAX];
    size_t nw = key_words(buf, a->key_start, a->key_end, a->last_start, words, seg);
    size_t cred = nw;

    /* The credential word must be in the last segment: `token.password.
     * hash_algo` is an algorithm, `spring.datasource.password` a password.
     * "api" "key" may straddle a dot (`api.key`). */
    for (size_t i = 0; i < nw; i++) {
        if (seg[i] && cred_word(words[i]))
            cred = i;
        else if (i + 1 < nw && seg[i + 1] && strcmp(words[i], "api") == 0 &&
                 strcmp(words[i + 1], "key") == 0)
            cred = i + 1;
    }
    if (cred == nw)
        return false;
    for (size_t i = cred + 1; i < nw; i++) {
        if (in_list(words[i], meta_words))
            return false;
    }
    return true;
}

/* --- assignments --- */

bool det_find_assignment(const unsigned char *buf, size_t len, size_t s, size_t e,
                         det_assign *a)
{
    size_t i = s, stop;

    memset(a, 0, sizeof(*a));
    if (i > 0 && is_quote(buf[i - 1])) {
        a->quoted = e < len && buf[e] == buf[i - 1];
        i--;
    }
    for (stop = i > 8 ? i - 8 : 0; i > stop && is_blank(buf[i - 1]);)
        i--;
    if (i >= 2 && buf[i - 1] == '=' && buf[i - 2] == ':') {
        a->colon_eq = true;
        i -= 2;
    } else if (i >= 2 && buf[i - 1] == '>' && buf[i - 2] == '=') {
        i -= 2;
    } else if (i >= 1 && buf[i - 1] == '=') {
        /* "==", "!=", "<=" and ">=" compare; they do not assign. */
        if (i >= 2 && strchr("=!<>", buf[i - 2]) != NULL)
            return false;
        i--;
    } else if (i >= 1 && buf[i - 1] == ':') {
        i--;
    } else {
        return false;
    }
    for (stop = i > 8 ? i - 8 : 0; i > stop && is_blank(buf[i - 1]);)
        i--;
    if (i > 0 && is_quote(buf[i - 1]))
        i--;
    if (i > 0 && buf[i - 1] == ']')
        i--;
    if (i > 0 && is_quote(buf[i - 1]))
        i--;
    a->key_end = i;
    stop = i > KEY_MAX ? i - KEY_MAX : 0;
    while (i > stop) {
        unsigned char c = buf[i - 1];

        if (isalnum(c) || c == '_' || c == '-' || c == '.')
            i--;
        else if ((c == '>' && i >= 2 && buf[i - 2] == '-') ||
                 (c == ':' && i >= 2 && buf[i - 2] == ':'))
            i -= 2;
        else
            break;
    }
    a->key_start = i;
    a->last_start = i;
    for (size_t k = i; k < a->key_end; k++) {
        if (buf[k] == '.' || (buf[k] == '>' && k > i && buf[k - 1] == '-') ||
            (buf[k] == ':' && k > i && buf[k - 1] == ':'))
            a->last_start = k + 1;
    }
    return a->key_end > a->key_start;
}

/* --- values --- */

/* True if the letters and digits of one identifier segment have the regular
 * structure of words: lowercase, UPPERCASE or Capitalised humps, a single
 * lowercase letter only at the start (`nIR`, `x86`), a capitalised hump with
 * one lowercase letter only if it is a common short word (`userId`), and at
 * most three changes between letters and digits (`v4l2`, `E7XX`). Generated
 * tokens break one of these within a few characters. */
static bool regular_segment(const unsigned char *p, size_t n)
{
    size_t i = 0, changes = 0;
    int prev = -1;

    while (i < n) {
        size_t j = i;
        int cls;

        if (isdigit(p[i])) {
            while (j < n && isdigit(p[j]))
                j++;
            cls = 1;
        } else if (islower(p[i])) {
            while (j < n && islower(p[j]))
                j++;
            if (j - i == 1 && i != 0)
                return false;
            cls = 0;
        } else if (isupper(p[i])) {
            while (j < n && isupper(p[j]))
                j++;
            if (j < n && islower(p[j])) {
                if (j - i >= 2) {
                    j--;        /* An acronym; its last capital starts a word. */
                } else {
                    size_t k = j;

                    while (k < n && islower(p[k]))
                        k++;
                    if (k - j == 1) {
                        char w[3] = { (char)p[i], (char)p[j], '\0' };

                        if (!in_list(w, short_caps))
                            return false;
                    }
                    j = k;
                }
            }
            cls = 0;
        } else {
            return false;
        }
        if (prev >= 0 && cls != prev && ++changes > 3)
            return false;
        prev = cls;
        i = j;
    }
    return true;
}

/* Identifier-shaped: segments of letters, digits and '_' joined by '.',
 * '->', '::' or '-' (kebab-case names in device trees and YAML), starting
 * with a letter or '_'. */
static bool identifier_shaped(const unsigned char *p, size_t n)
{
    if (n == 0 || !(isalpha(p[0]) || p[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];

        if (isalnum(c) || c == '_' || c == '.' || c == '-')
            continue;
        if (c == '>' && i > 0 && p[i - 1] == '-')
            continue;
        if (c == ':' && ((i + 1 < n && p[i + 1] == ':') || (i > 0 && p[i - 1] == ':')))
            continue;
        return false;
    }
    return true;
}

/* An identifier-shaped value whose every segment is regular: a name a
 * person wrote (`GPIO105_HX4700_nIR_ON`, `curve25519_compute_value`,
 * `regulator-fec1-pwdn`, `dbPassword2`). Sets *multi if it has more than
 * one segment. */
static bool word_structured(const unsigned char *p, size_t n, bool *multi)
{
    size_t i = 0, segs = 0;

    if (!identifier_shaped(p, n))
        return false;
    while (i < n) {
        size_t j = i;

        while (j < n && isalnum(p[j]))
            j++;
        if (j > i) {
            if (!regular_segment(p + i, j - i))
                return false;
            segs++;
        }
        i = j < n ? j + 1 : j;
    }
    *multi = segs > 1;
    return segs > 0;
}

/* A C/Go/JS expression of identifiers and numbers joined by operators
 * (`a+b`, `FLAG_A|FLAG_B`, `0x7fab12cd`). */
static bool code_expression(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t j = i;

        while (j < n && (isalnum(p[j]) || p[j] == '_'))
            j++;
        if (j > i && isdigit(p[i])) {
            /* A number: decimal, or hex after 0x, with an integer suffix. */
            bool hex = j - i > 2 && p[i] == '0' && (p[i + 1] == 'x' || p[i + 1] == 'X');
            size_t k = hex ? i + 2 : i;

            while (k < j && (hex ? isxdigit(p[k]) : isdigit(p[k])))
                k++;
            while (k < j && strchr("uUlL", p[k]) != NULL)
                k++;
            if (k != j)
                return false;
        }
        if (j < n && strchr("+-*/%&|^~!.<>", p[j]) == NULL)
            return false;
        i = j + 1;
    }
    return true;
}

/* The next character after the value on its line, past blanks, is one
 * that follows an expression in code: a statement or initializer ends, a
 * call or index or block opens. */
static bool followed_by_code(const unsigned char *buf, size_t len, size_t e)
{
    size_t i = e;

    while (i < len && is_blank(buf[i]))
        i++;
    return i < len && strchr(";,)({[", buf[i]) != NULL;
}

bool det_value_is_code(const unsigned char *buf, size_t len, size_t s, size_t e,
                       const det_assign *a)
{
    const unsigned char *p = buf + s;
    size_t n = e - s;
    bool multi = false;

    if (a->quoted) {
        /* A string literal deserves trust: only a name made of words is
         * rejected ("my_db_password_2"), or a one-segment camelCase name
         * with the entropy of words. */
        if (!word_structured(p, n, &multi))
            return false;
        return multi || det_entropy(p, n) < QUOTED_IDENT_MIN_ENTROPY;
    }
    /* Unquoted. `&symbol` and `*ptr` take an address or dereference; in
     * YAML they are anchors and aliases. */
    if (p[0] == '&' || p[0] == '*')
        return true;
    if (memmem(p, n, "->", 2) != NULL)
        return true;
    if (identifier_shaped(p, n) &&
        (a->colon_eq || followed_by_code(buf, len, e) || word_structured(p, n, &multi)))
        return true;
    return followed_by_code(buf, len, e) && code_expression(p, n);
}

/* --- passwords --- */

bool det_password_slot(const unsigned char *buf, size_t len, size_t s, size_t e)
{
    size_t i = s, stop;

    /* scheme://user:PASSWORD@host */
    if (e < len && buf[e] == '@' && s > 0 && buf[s - 1] == ':') {
        for (i = s - 1, stop = i > 64 ? i - 64 : 0; i > stop; i--) {
            if (buf[i - 1] == '/' || buf[i - 1] == '@' || isspace(buf[i - 1]))
                break;
        }
        return i >= 3 && buf[i - 1] == '/' && buf[i - 2] == '/' && buf[i - 3] == ':';
    }
    /* password = VALUE, password: "VALUE", password VALUE (.netrc). */
    if (i > 0 && is_quote(buf[i - 1]))
        i--;
    for (stop = i > 16 ? i - 16 : 0; i > stop && isspace(buf[i - 1]);)
        i--;
    for (stop = i > 2 ? i - 2 : 0; i > stop && (buf[i - 1] == '=' || buf[i - 1] == ':' ||
                                               buf[i - 1] == '>');)
        i--;
    for (stop = i > 8 ? i - 8 : 0; i > stop && is_blank(buf[i - 1]);)
        i--;
    if (i > 0 && is_quote(buf[i - 1]))
        i--;

    char words[WORDS_MAX][WORD_LEN + 1];
    bool seg[WORDS_MAX];
    size_t ks = i, nw;

    for (stop = i > 40 ? i - 40 : 0; ks > stop && (isalnum(buf[ks - 1]) || buf[ks - 1] == '_');)
        ks--;
    if (ks == i)
        return false;
    nw = key_words(buf, ks, i, ks, words, seg);
    if (nw == 0)
        return false;
    const char *w = words[nw - 1];

    return strcmp(w, "password") == 0 || strcmp(w, "passwd") == 0 || strcmp(w, "pwd") == 0 ||
           strcmp(w, "pass") == 0 || strcmp(w, "passphrase") == 0 ||
           (strlen(w) > 8 && ends_with(w, "password"));
}

static unsigned hexval(unsigned char c)
{
    return isdigit(c) ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* Undoes %XX escapes into out (capacity cap); returns the length. */
static size_t percent_decode(const unsigned char *p, size_t n, unsigned char *out, size_t cap)
{
    size_t o = 0;

    for (size_t i = 0; i < n && o < cap; i++) {
        if (p[i] == '%' && i + 2 < n && isxdigit(p[i + 1]) && isxdigit(p[i + 2])) {
            out[o++] = (unsigned char)(hexval(p[i + 1]) << 4 | hexval(p[i + 2]));
            i += 2;
        } else {
            out[o++] = p[i];
        }
    }
    return o;
}

/* local@domain.tld: anonymous FTP and .netrc "default" entries use an
 * e-mail address as the password. */
static bool is_email(const unsigned char *p, size_t n)
{
    const unsigned char *at = memchr(p, '@', n);
    const unsigned char *dot;
    size_t tld = 0;

    if (at == NULL || at == p || memchr(at + 1, '@', n - (size_t)(at + 1 - p)) != NULL)
        return false;
    for (const unsigned char *q = p; q < at; q++) {
        if (!isalnum(*q) && strchr("._%+-", *q) == NULL)
            return false;
    }
    for (const unsigned char *q = at + 1; q < p + n; q++) {
        if (!isalnum(*q) && *q != '.' && *q != '-')
            return false;
    }
    dot = memrchr(at + 1, '.', n - (size_t)(at + 1 - p));
    if (dot == NULL || dot == at + 1)
        return false;
    for (const unsigned char *q = dot + 1; q < p + n; q++, tld++) {
        if (!isalpha(*q))
            return false;
    }
    return tld >= 2;
}

/* The letters of v with "leet" digits and symbols read as the letters they
 * stand for ("p@ssw0rd" -> "password"), lowercase. */
static size_t deleet(const unsigned char *v, size_t n, char *out)
{
    static const char from[] = "@4031$57";
    static const char to[] = "aaoiesst";
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        const char *f = strchr(from, v[i]);

        if (isalpha(v[i]))
            out[o++] = (char)tolower(v[i]);
        else if (v[i] != '\0' && f != NULL)
            out[o++] = to[f - from];
    }
    out[o] = '\0';
    return o;
}

/* Letters in regular words, separated by spaces, '-', '_' or '.', with at
 * most one other character: "opensesame", "too-late-in-file", "My Pass",
 * "pa?sword". Each run of letters must be cased like words and every long
 * lowercase run must hold a vowel. */
static bool wordlike(const unsigned char *v, size_t n)
{
    size_t letters = 0, other = 0, i = 0;

    for (size_t k = 0; k < n; k++) {
        if (isalpha(v[k]))
            letters++;
        else if (strchr(" -_.", v[k]) == NULL || v[k] == '\0')
            other++;
    }
    if (other > 1 || letters < 4)
        return false;
    while (i < n) {
        size_t j = i;

        while (j < n && isalpha(v[j]))
            j++;
        if (j > i) {
            if (!regular_segment(v + i, j - i))
                return false;
            /* A long lowercase run without a vowel is not a word. */
            for (size_t a = i; a < j;) {
                size_t b = a;
                bool vowel = false;

                while (b < j && islower(v[b])) {
                    vowel = vowel || strchr("aeiouy", v[b]) != NULL;
                    b++;
                }
                if (b - a >= 4 && !vowel)
                    return false;
                a = b > a ? b : a + 1;
            }
        }
        i = j < n ? j + 1 : j;
    }
    return true;
}

bool det_weak_password(const unsigned char *p, size_t n)
{
    unsigned char v[WEAK_MAX] = { 0 };
    char letters[WEAK_MAX + 1];
    size_t vn, ln;

    if (n > WEAK_MAX)
        return false;
    vn = percent_decode(p, n, v, sizeof(v));
    if (det_keyword_value(v, vn) || is_email(v, vn))
        return true;
    ln = deleet(v, vn, letters);
    for (size_t i = 0; test_passwords[i] != NULL; i++) {
        size_t tl = strlen(test_passwords[i]);

        if (ln >= tl && vn <= tl + 4 && strstr(letters, test_passwords[i]) != NULL)
            return true;
    }
    return wordlike(v, vn) && det_entropy(v, vn) < WORDLIKE_MIN_ENTROPY;
}
