/* tu_verify.h: a verifier wired to the fake provider server, for the
 * test_verify_* tests.
 *
 * tu_vrig_start starts tests/fake_provider.py and creates a verifier whose
 * every built-in provider is overridden to the fake server (--verifier
 * RULE=http://127.0.0.1:PORT), with a worker and a scan context of its
 * own. Diagnostics go to a temporary file that tests can search.
 */
#ifndef TU_VERIFY_H
#define TU_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "detectors/verify/det_verify.h"
#include "tests/support/fake_server.h"

/* The rule ids with built-in verifiers, as the catalogue names them. */
extern const char *const tu_verify_rule_ids[];
extern const size_t tu_verify_nrule_ids;

typedef struct tu_vrig {
    tu_fake *fake;
    det_verifier *v;
    sc_verifier plugin;
    void *worker;
    sc_cancel *cancel;
    sc_counters counters;
    FILE *diag_file;
    sc_diag *diag;
    sc_scan_ctx ctx;
} tu_vrig;

typedef struct tu_vrig_opts {
    long timeout_ms;                /* --verify-timeout; 0 for the default. */
    const det_rule_def *const *rules;   /* Custom rules, may be NULL. */
    size_t nrules;
    bool allow_private;
    bool no_overrides;              /* Do not point built-ins at the fake server. */
    bool override_custom;           /* Point custom rules at it too. */
    const char *override_path;      /* Appended to every override URL, or NULL. */
} tu_vrig_opts;

/* Starts the fake server (answers delayed by delay_ms); aborts the test on
 * failure. */
void tu_vrig_serve(tu_vrig *r, unsigned delay_ms);
/* Creates the verifier, a worker and a scan context. */
void tu_vrig_create(tu_vrig *r, const tu_vrig_opts *o);
/* Both, with no delay. */
void tu_vrig_start(tu_vrig *r, const tu_vrig_opts *o);
/* Makes a finding for rule_id and secret (with related secrets, a
 * NULL-terminated list or NULL), verifies it on the rig's worker, asserts
 * that neither its verification_error nor the diagnostics contain the
 * secret, and returns it (caller frees with sc_finding_free). */
sc_finding *tu_vrig_check(tu_vrig *r, const char *rule_id, const char *secret,
                          const char *const *related);
/* Frees everything and stops the server. */
void tu_vrig_stop(tu_vrig *r);

#endif
