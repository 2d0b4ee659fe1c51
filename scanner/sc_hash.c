/* sc_hash.c: SHA-256 through OpenSSL's EVP interface (libcrypto comes with
 * libcurl's OpenSSL flavour, so it costs no extra dependency). */
#include "scanner/sc_hash.h"

#include <openssl/evp.h>
#include <stdint.h>

void sc_hash_hex(const sc_hash_part *parts, size_t nparts, char out[SC_HASH_HEX_LEN + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();

    if (ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1) {
        for (size_t i = 0; i < nparts; i++) {
            unsigned char lenbuf[8];
            uint64_t n = parts[i].len;

            for (int k = 0; k < 8; k++)
                lenbuf[k] = (unsigned char)(n >> (8 * k));
            EVP_DigestUpdate(ctx, lenbuf, sizeof(lenbuf));
            EVP_DigestUpdate(ctx, parts[i].data, parts[i].len);
        }
        EVP_DigestFinal_ex(ctx, md, &mdlen);
    }
    EVP_MD_CTX_free(ctx);
    for (unsigned int i = 0; i < 32; i++) {
        unsigned char v = i < mdlen ? md[i] : 0;
        out[2 * i] = hex[v >> 4];
        out[2 * i + 1] = hex[v & 15];
    }
    out[SC_HASH_HEX_LEN] = '\0';
}
