/* det_verify.h: the verification plugin: provider checks over HTTP.
 *
 * The specs (which request each provider documents, and which answers mean
 * valid, invalid or indeterminate) live here in detectors/verify; the HTTP
 * client they use is scanner/sc_http.h (libcurl).
 */
#ifndef DET_VERIFY_H
#define DET_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "detectors/det_rule.h"
#include "scanner/sc_engine.h"

typedef struct det_verifier det_verifier;

typedef struct det_verify_options {
    long timeout_ms;                    /* --verify-timeout; default 10000. */
    const char *const *overrides;       /* --verifier RULE=URL, repeatable. */
    size_t noverrides;
    bool allow_private;                 /* --allow-private-verifiers. */
    const char *user_agent;             /* Default "rootle/VERSION". */
} det_verify_options;

void det_verify_options_defaults(det_verify_options *o);

/* Creates the verifier for the rules in play (the CLI passes every rule of
 * the loaded ruleset; custom rules carry their own det_http_verify). Fails
 * with SC_EUSAGE and a message in err for a malformed override, one naming
 * an unknown rule, or a custom verify endpoint refused by the SSRF guard. */
sc_code det_verifier_create(const det_rule_def *const *rules, size_t nrules,
                            const det_verify_options *o,
                            det_verifier **out, char *err, size_t errlen);
void det_verifier_free(det_verifier *v);   /* Accepts NULL. */

/* The plugin for the engine; v must outlive the scan. */
sc_verifier det_verifier_plugin(det_verifier *v);

/* True if rule_id has a built-in verifier (for `rootle detectors`). */
bool det_verify_supported(const char *rule_id);

#endif
