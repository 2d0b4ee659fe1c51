/* sc_error.h: the one error enum every rootle module returns.
 *
 * Every function that can fail returns an sc_code. SC_OK is zero so that
 * "if (rc)" reads as "if it failed". sc_strerror() gives a sentence fit for
 * a log line; it never contains data from the scanned input.
 */
#ifndef SC_ERROR_H
#define SC_ERROR_H

typedef enum sc_code {
    SC_OK = 0,
    SC_CLOSED,      /* The channel is closed and drained. */
    SC_CANCELLED,   /* The scan's cancel token fired. */
    SC_ENOMEM,      /* An allocation failed. */
    SC_EINVAL,      /* A caller passed an invalid argument. */
    SC_EIO,         /* A read or write failed. */
    SC_ETHREAD,     /* A thread, mutex or condition variable could not be created. */
    SC_EUSAGE,      /* The command line is wrong. */
    SC_ECONFIG,     /* A configuration or rules file is invalid. */
    SC_EREGEX,      /* A pattern does not compile. */
    SC_ENOTFOUND,   /* A named thing (file, rule, provider) does not exist. */
    SC_ETIMEOUT,    /* An operation ran past its deadline. */
    SC_ENETWORK,    /* A network request failed. */
    SC_EUNSUPPORTED,/* The input or request is of a kind rootle cannot handle. */
    SC_CODE_COUNT
} sc_code;

/* Returns a static, human-readable description of code. Never NULL. */
const char *sc_strerror(sc_code code);

#endif
