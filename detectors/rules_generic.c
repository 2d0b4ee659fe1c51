/* rules_generic.c: built-in rules for provider-independent credentials:
 * passwords in URLs, password/secret/api_key assignments, and the credential
 * files of common tools (.npmrc, .pypirc, .netrc, .git-credentials, Docker
 * config).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_generic[] = {
    {
        .id = "url-password",
        .description = "Password in a URL (scheme://user:password@host) for schemes without a dedicated rule",
        .url = "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1",
        .keywords = {"://"},
        .pattern = "\\b(?!(?:https?|postgres(?:ql)?|mysqlx?|mongodb(?:\\+srv)?|rediss?|amqps?|snowflake)://)[a-zA-Z][a-zA-Z0-9+.\\-]{1,20}://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{6,128})@[A-Za-z0-9.\\-]{1,253}",
        .min_entropy = 2.8,
        .flags = 0,
        .true_examples = {
            "FTP_URL=ftp://deploy:Rj" "Trootl" "eFAKEl7n@files.rootle.invalid/upload",
            "smtp_url: smtps://mailer:6x" "Pcrootle" "FAKEnQDu5M@smtp.rootle.invalid:465",
            "LDAP_URI=ldap://cn=admin:zr" "ootleFAKErJR@ldap.rootle.invalid",
        },
        .false_examples = {
            "ftp://user:password@host",
            "ftp://deploy:${FTP_PASSWORD}@files.rootle.invalid",
            "DATABASE_URL=postgres://app:XQ" "w0Nroo" "tleFAKEV@db/app",
            "smtp://mailer:xxxxxxxx@smtp.rootle.invalid",
        },
    },
};
const size_t det_rules_generic_count = sizeof det_rules_generic / sizeof det_rules_generic[0];
