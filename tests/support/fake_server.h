/* fake_server.h: runs tests/fake_provider.py, the local stand-in for the
 * credential providers, for verification tests and the benchmark.
 *
 * The server is a child process reading our end of a pipe on its stdin; it
 * exits when that pipe closes, so it dies with the test even if the test
 * crashes. These helpers do not use Check, so the benchmark can use them
 * too; they return NULL or -1 on failure and the caller asserts.
 */
#ifndef FAKE_SERVER_H
#define FAKE_SERVER_H

typedef struct tu_fake tu_fake;

/* Starts the server from source_dir/tests/fake_provider.py with
 * /usr/bin/python3, adding delay_ms to every provider answer. Returns NULL
 * if it cannot start or does not report its port within 10 s. */
tu_fake *tu_fake_start(const char *source_dir, unsigned delay_ms);

/* "http://127.0.0.1:PORT", the base for --verifier overrides. */
const char *tu_fake_url(const tu_fake *s);

/* How many provider requests so far carried key anywhere (header, auth,
 * path or body); -1 if the server cannot be asked. */
long tu_fake_count(const tu_fake *s, const char *key);

/* The same, but the server answers only once n such requests have arrived
 * (or after 10 s): lets a test wait for requests to be in flight without
 * sleeping. */
long tu_fake_wait(const tu_fake *s, const char *key, long n);

/* Like tu_fake_wait, counting only requests whose answer the server has
 * written out in full. */
long tu_fake_answered(const tu_fake *s, const char *key, long n);

/* Closes the server's stdin and reaps it. Accepts NULL. */
void tu_fake_stop(tu_fake *s);

#endif
