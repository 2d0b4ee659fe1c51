/* fake_tokens.h: obviously fake credentials for tests, assembled at run
 * time so that rootle's own source never holds a whole one.
 *
 * Every token carries "rootle" and "FAKE", has the shape of the real
 * format and enough entropy to pass the detectors' gates. n picks one of
 * many distinct tokens, deterministically.
 */
#ifndef FAKE_TOKENS_H
#define FAKE_TOKENS_H

/* A GitHub classic personal access token: "ghp_" + 36 alphanumerics.
 * Returns a static buffer per call site's copy: the caller copies it. */
void fake_github_pat(unsigned n, char out[64]);

/* A token of prefix followed by len pseudo-random alphanumerics, starting
 * with "rootleFAKE". */
void fake_token(const char *prefix, unsigned len, unsigned n, char *out, unsigned outlen);

#endif
