/* fake_tokens.c: see fake_tokens.h. */
#include "tests/support/fake_tokens.h"

#include <stdio.h>
#include <string.h>

void fake_token(const char *prefix, unsigned len, unsigned n, char *out, unsigned outlen)
{
    static const char alnum[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const char *marker = "rootleFAKE";
    unsigned pos, mlen = (unsigned)strlen(marker);
    unsigned long long x = 0x9E3779B97F4A7C15ull ^ ((unsigned long long)n * 0x100000001B3ull);

    pos = (unsigned)snprintf(out, outlen, "%s", prefix);
    for (unsigned i = 0; i < len && pos + 1 < outlen; i++) {
        char c;

        if (i < mlen) {
            c = marker[i];
        } else {
            /* xorshift64: cheap, deterministic, and varied enough. */
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            c = alnum[x % (sizeof(alnum) - 1)];
        }
        out[pos++] = c;
    }
    out[pos] = '\0';
}

void fake_github_pat(unsigned n, char out[64])
{
    fake_token("gh" "p_", 36, n, out, 64);
}
