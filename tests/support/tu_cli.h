/* tu_cli.h: running the rootle command from end-to-end tests.
 *
 * Every helper aborts the test (Check) on a setup failure. Commands run
 * with the test's working directory and environment; a test that needs
 * another directory or variable changes its own (each test is forked).
 */
#ifndef TU_CLI_H
#define TU_CLI_H

#include <stddef.h>
#include <sys/types.h>

#include "tests/support/tu.h"

/* Runs $ROOTLE_BIN with the arguments that follow, up to a NULL, with
 * stdin from stdin_data (NULL for an empty stdin). */
void tu_cli_rootle(tu_run *r, const char *stdin_data, ...);

/* Runs /usr/bin/python3 -c code with the arguments that follow, up to a
 * NULL. */
void tu_cli_python(tu_run *r, const char *code, ...);

/* Asserts that every line of text is a JSON object (python's parser) and
 * returns how many lines there are. */
size_t tu_cli_json_lines(const char *text);

/* Validates the SARIF file at path with tests/check_sarif.py against the
 * official schema (tests/reference/sarif-schema-2.1.0.json) and asserts it
 * holds expected results. */
void tu_cli_check_sarif(const char *path, int expected);

/* Runs the shell command cmd (sh -c) inside a pseudo-terminal with
 * script(1), so that stdin, stdout and stderr of cmd are a TTY; r->out
 * gets everything cmd wrote to the terminal, raw. */
void tu_cli_pty(tu_run *r, const char *cmd);

/* What a terminal would show for raw: carriage returns, "\033[K" (erase to
 * the end of the line) and backspaces are applied and other escape
 * sequences dropped. Returns the lines, '\n'-separated; caller frees. */
char *tu_cli_render(const char *raw);

/* Starts argv with pipes on stdin, stdout and stderr; returns its pid. */
pid_t tu_cli_spawn(char *const argv[], int *in_fd, int *out_fd, int *err_fd);

/* Appends what fd has within timeout_s seconds to buf (cap bytes, kept
 * NUL-terminated). Returns the bytes read, 0 at EOF, -1 on timeout. */
ssize_t tu_cli_read_some(int fd, char *buf, size_t cap, size_t *len, double timeout_s);

/* Reads fd to EOF into buf (kept NUL-terminated), for at most timeout_s. */
void tu_cli_read_all(int fd, char *buf, size_t cap, size_t *len, double timeout_s);

/* Waits for pid and returns its exit code, or 128 + signal. */
int tu_cli_wait(pid_t pid);

/* CK_TIMEOUT_MULTIPLIER, at least 1: sanitizer builds run slower. */
double tu_cli_multiplier(void);

#endif
