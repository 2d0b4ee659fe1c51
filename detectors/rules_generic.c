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
        .pattern = "\\b(?!(?:https?|postgres(?:ql)?|mysqlx?|mongodb(?:\\+srv)?|rediss?|amqps?|snowflake)://)[a-zA-Z][a-zA-Z0-9+.\\-]{1,20}://[A-Za-z0-9\\-._~%!$&()*+,;=]{1,64}:(?<secret>[A-Za-z0-9\\-._~%!$&()*+,;=]{6,128})@[A-Za-z0-9.\\-]{1,253}",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "FTP_URL=ftp://deploy:dF" "rootle" "FAKE6fvB@files.rootle.invalid/upload",
            "smtp_url: smtps://mailer:Ur" "ootleFAK" "EGhywQNOYh@smtp.rootle.invalid:465",
            "LDAP_URI=ldap://cn=admin:Y1" "rootleFAKEDs@ldap.rootle.invalid",
        },
        .false_examples = {
            "ftp://user:password@host",
            "ftp://deploy:${FTP_PASSWORD}@files.rootle.invalid",
            "FTP_URL=ftp://anonymous@files.rootle.invalid/pub",
            "smtp://mailer:xxxxxxxx@smtp.rootle.invalid",
        },
    },
    {
        .id = "generic-password",
        .description = "Password assigned in code or configuration (high-entropy value)",
        .url = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
        .keywords = {"password", "passwd", "pwd"},
        .pattern = "(?i:[a-z0-9_.\\-]{0,30}(?:password|passwd|pwd)(?![a-z])[a-z0-9_\\-]{0,10})[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}(?:[\\\"'](?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{8,128}[\\\"'])|(?![&*\\\"'])(?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12}))(?<secret>(?=[^\\s\\\"'`;,]{0,127}[0-9])(?=[^\\s\\\"'`;,]{0,127}[A-Za-z])(?:[A-Za-z0-9_\\-+/=.!@#%^*~]|&(?![A-Za-z0-9_.\\-]{1,40}=)){8,128})(?:[\\s\\\"'`&]|$)",
        .min_entropy = 3.0,
        .flags = DET_GENERIC,
        .true_examples = {
            "DB_PASSWORD=ir" "ootleFAK" "E6WMhw-Yj7",
            "  \"password\": \"ur" "ootleFAKEhys" "8BsNXoNoKwQzt4\",",
            "smtp_password: 9V" "SIUroo" "tleFAKEp",
            "mail.smtp.password = \"FAK" "Er7!q2z\"",
        },
        .false_examples = {
            "DB_PASSWORD=${DB_PASSWORD}",
            "DB_PASSWORD=f3" "2efdfadd684dd0155c702343d86d5e" "44d39ab813fc9045"
            "62e62bd9a4b044f4",
            /* C from the Linux kernel: "pwd" inside another word, an address,
             * and a key whose last segment is not the password. */
            "\t.gpio_pwdown\t\t= GPIO_E7XX_IR_OFF,",
            "\t.pwd = &acme_fu540_prci_corepll_data,",
            "\tauth_tok->token.password.hash_algo = PGP_DIGEST_ALGO_SHA512;",
        },
    },
    {
        .id = "generic-secret",
        .description = "Secret assigned in code or configuration (high-entropy value)",
        .url = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
        .keywords = {"secret"},
        .pattern = "(?i:[a-z0-9_.\\-]{0,30}secret(?:[_.\\-]?key)?(?![a-z])[a-z0-9_\\-]{0,10})[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}(?:[\\\"'](?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12,128}[\\\"'])|(?![&*\\\"'])(?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12}))(?<secret>(?=[^\\s\\\"'`;,]{0,127}[0-9])(?=[^\\s\\\"'`;,]{0,127}[A-Za-z])(?:[A-Za-z0-9_\\-+/=.!@#%^*~]|&(?![A-Za-z0-9_.\\-]{1,40}=)){12,128})(?:[\\s\\\"'`&]|$)",
        .min_entropy = 3.5,
        .flags = DET_GENERIC,
        .true_examples = {
            "CLIENT_SECRET=oQ" "4yrootle" "FAKEb6!pP7",
            "  \"client_secret\": \"nU" "wjrootleFAKE" "y56NkBW-zQAcH4\",",
            "app_secret: 9k" "M1root" "leFAKE8q",
        },
        .false_examples = {
            "CLIENT_SECRET=${CLIENT_SECRET}",
            "CLIENT_SECRET=1c" "40a4d034ab4893bb7f96c31b58e41e" "d15081841ffa4aee"
            "f7f534d9e5c98703",
            /* C from the Linux kernel: function names and a length. */
            "\t.compute_shared_secret\t= curve25519_compute_value,",
            "\t.set_secret = hpre_curve25519_set_secret,",
            "\tboot_conn->chap.target_secret_length = QL4_CHAP_MAX_SECRET_LEN;",
        },
    },
    {
        .id = "generic-api-key",
        .description = "API key assigned in code or configuration (high-entropy value)",
        .url = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
        .keywords = {"api_key", "apikey", "api-key", "api.key"},
        .pattern = "(?i:[a-z0-9_.\\-]{0,30}api[_.\\-]?key(?![a-z])[a-z0-9_\\-]{0,10})[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}(?:[\\\"'](?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12,128}[\\\"'])|(?![&*\\\"'])(?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12}))(?<secret>(?=[^\\s\\\"'`;,]{0,127}[0-9])(?=[^\\s\\\"'`;,]{0,127}[A-Za-z])(?:[A-Za-z0-9_\\-+/=.!@#%^*~]|&(?![A-Za-z0-9_.\\-]{1,40}=)){12,128})(?:[\\s\\\"'`&]|$)",
        .min_entropy = 3.5,
        .flags = DET_GENERIC,
        .true_examples = {
            "SERVICE_API_KEY=ur" "ootleFAK" "EYTNjU_Hi7",
            "  \"apiKey\": \"Tr" "ootleFAKE6Jc" "udGppfW5hIVOv4\",",
            "api-key: 9d" "y3Aroo" "tleFAKEH",
        },
        .false_examples = {
            "SERVICE_API_KEY=${SERVICE_API_KEY}",
            "SERVICE_API_KEY=d0" "ac3e6ba1b3917ee4f62331fe005280" "51c1451e164e141c"
            "d3117ff70336628b",
            "apiKey = settings.SERVICE_API_KEY",
            "SERVICE_API_KEY=aaaaaaaaaaaa1",
            "  \"apiKey\": \"de5f5a0e-4278-7d00-e9ba-f9899cbbf4d5\",",
        },
    },
    {
        .id = "generic-token",
        .description = "Access or auth token assigned in code or configuration (high-entropy value)",
        .url = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
        .keywords = {"access", "auth", "api", "bearer", "refresh", "session"},
        .pattern = "(?i:[a-z0-9_.\\-]{0,30}(?:access|auth|api|bearer|refresh|session)[_.\\-]?token(?![a-z])[a-z0-9_\\-]{0,10})[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}(?:[\\\"'](?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12,128}[\\\"'])|(?![&*\\\"'])(?=[A-Za-z0-9_\\-+/=.!@#%^&*~]{12}))(?<secret>(?=[^\\s\\\"'`;,]{0,127}[0-9])(?=[^\\s\\\"'`;,]{0,127}[A-Za-z])(?:[A-Za-z0-9_\\-+/=.!@#%^*~]|&(?![A-Za-z0-9_.\\-]{1,40}=)){12,128})(?:[\\s\\\"'`&]|$)",
        .min_entropy = 3.5,
        .flags = DET_GENERIC,
        .true_examples = {
            "SERVICE_AUTH_TOKEN=!R" "HrootleF" "AKEc1@J@D7",
            "  \"accessToken\": \"GN" "9rootleFAKEm" "WBAejk3GNAwW74\",",
            "refresh_token: 9y" "Jzroot" "leFAKEQW",
        },
        .false_examples = {
            "SERVICE_AUTH_TOKEN=${SERVICE_AUTH_TOKEN}",
            "SERVICE_AUTH_TOKEN=bf" "9673d536efd20293ec2b80297a7fcf" "47fe3d72b18e59a6"
            "f4c9f94bbf4e7305",
            "accessToken = settings.SERVICE_AUTH_TOKEN",
            "SERVICE_AUTH_TOKEN=aaaaaaaaaaaa1",
            "  \"accessToken\": \"ec320129-f610-3b3b-33ef-469add5e8d29\",",
        },
    },
    {
        .id = "http-basic-auth-url",
        .description = "Password in an http(s) URL (https://user:password@host)",
        .url = "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1",
        .keywords = {"http"},
        .pattern = "[^\\n](?i:https?)://[A-Za-z0-9\\-._~%!$&()*+,;=]{1,64}:(?<secret>[A-Za-z0-9\\-._~%!$&()*+,;=]{6,128})@[A-Za-z0-9.\\-]{1,253}",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "pip install --index-url https://ci:zr" "ootleFA"
            "KEFwDorNq@pypi.rootle.invalid/simple rootle",
            "\"registry\": \"https://deploy:qh" "EParootle"
            "FAKEb1dyd4p@registry.rootle.invalid/npm/\"",
        },
        .false_examples = {
            "curl https://user:pass@host",
            "curl https://deploy:${REGISTRY_PASSWORD}@registry.rootle.invalid/",
            "url: https://rootle@registry.rootle.invalid/",
            /* Go tests: plain words, and characters a URL cannot hold. */
            "\turl := \"http://My%20User:My%20Pass@dummy.rootle.invalid/\"",
            "\t_, err := Parse(\"http://user^:passwo^rd@foo.rootle.invalid/\")",
        },
    },
    {
        .id = "git-credentials",
        .description = "Credential line of a .git-credentials file (https://user:token@host)",
        .url = "https://git-scm.com/docs/git-credential-store#_storage_format",
        .keywords = {"http"},
        .pattern = "^(?i:https?)://[A-Za-z0-9\\-._~%]{1,64}:(?<secret>[A-Za-z0-9\\-._~%]{6,256})@[A-Za-z0-9.\\-]{1,253}",
        .min_entropy = 3.0,
        .flags = DET_MULTILINE,
        .true_examples = {
            "https://rootle:yk" "rootleFAKE" "pcAiSoR8fBZK@git.rootle.invalid\n",
            "https://ci-bot:er" "ootleFAKEF2O3"
            "cJnT6AQgltxB8KI@gitlab.rootle.invalid:8443\n"
            "https://other@git.rootle.invalid\n",
        },
        .false_examples = {
            "https://rootle@git.rootle.invalid\n",
            "https://rootle:xxxxxxxxxxxx@git.rootle.invalid\n",
            "https://rootle:aaaaaaaaaaaa@git.rootle.invalid\n",
            /* git stores userinfo percent-encoded: '?' cannot appear. */
            "http://?am:pa?sword@git.rootle.invalid\n",
        },
    },
    {
        .id = "npmrc-auth-token",
        .description = "Registry auth token in an .npmrc file (_authToken=)",
        .url = "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration",
        .keywords = {"_authtoken"},
        .pattern = "_authToken\\s{0,3}=\\s{0,3}[\\\"']?(?<secret>[^\\s\\\"'$]{16,512})",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "//npm.pkg.github.com/:_authToken=Qs" "GfIrootleFAKEC0mwG"
            "s8Z26K2UbJP7eQkawRts",
            "//rootle.jfrog.io/artifactory/api/npm/npm/:_authToken=td"
            "rootleFAKENxWCewje0bFtS+txtL4D" "fYOZwqGLH8Sfpvk6" "/b4FfB5n1XmXWke/",
        },
        .false_examples = {
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
            "//registry.npmjs.org/:_authToken=",
            "//registry.npmjs.org/:_authToken=aaaaaaaaaaaaaaaaaaaa",
        },
    },
    {
        .id = "npmrc-auth",
        .description = "Base64 user:password in an .npmrc file (_auth= or _password=)",
        .url = "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration",
        .keywords = {"_auth", "_password"},
        .pattern = "(?:^|[^A-Za-z0-9])(?:_auth|_password)\\s{0,3}=\\s{0,3}[\\\"']?(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "_auth=cm" "9vdGxlOmZha2UthE" "+43rootleFAKEtIx7=",
            "//registry.rootle.invalid/:_password=Zm" "lha2UtyYHndr" "ootleFAKEBaU==",
        },
        .false_examples = {
            "_auth=${NPM_AUTH}",
            "_auth=",
            "_authToken=abc",
        },
    },
    {
        .id = "pypirc-password",
        .description = "Password in a .pypirc file (username line followed by password line)",
        .url = "https://packaging.python.org/en/latest/specifications/pypirc/",
        .keywords = {"password"},
        .pattern = "^[ \\t]{0,8}username[ \\t]{0,4}[:=][ \\t]{0,4}[^\\s]{1,100}[ \\t]{0,8}\\r?\\n[ \\t]{0,8}password[ \\t]{0,4}[:=][ \\t]{0,4}(?<secret>[^\\s]{6,512})",
        .min_entropy = 3.0,
        .flags = DET_MULTILINE,
        .true_examples = {
            "[pypi]\nusername = __token__\n" "password = py" "pi-crootleFAKE6"
            "UaLOCJRjwAlck8LJyZ\n",
            "[internal]\nrepository = https://pypi.rootle.invalid/\n"
            "username = rootle\npassword = tb" "NXQlroo" "tleFAKEfS\n",
        },
        .false_examples = {
            "[pypi]\nusername = __token__\n" "password = ${PYPI_TOKEN}\n",
            "[pypi]\nusername = __token__\n",
            "[pypi]\nusername = rootle\n" "password = aaaaaaaa\n",
        },
    },
    {
        .id = "netrc-password",
        .description = "Password in a .netrc file (machine ... login ... password ...)",
        .url = "https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html",
        .keywords = {"machine", "default"},
        .pattern = "\\b(?:machine\\s{1,10}[^\\s]{1,253}|default)\\s{1,10}login\\s{1,10}[^\\s]{1,128}\\s{1,10}password\\s{1,10}(?<secret>(?![^\\s@]{1,64}@[A-Za-z0-9.\\-]{1,253}\\.[A-Za-z]{2,24}(?:\\s|$))[^\\s]{4,256})",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "machine api.rootle.invalid login deploy password zF" "rootleFA" "KEW-Gm7z4J",
            "machine git.rootle.invalid\n" "  login rootle\n  password K3" "UrootleFAK"
            "Eu1SA3dKz37h\n",
        },
        .false_examples = {
            "machine api.rootle.invalid login deploy",
            "machine api.rootle.invalid login deploy password ${NETRC_PASSWORD}",
            "machine api.rootle.invalid login deploy password aaaa",
            /* Go: a struct's field types, and an anonymous-login e-mail. */
            "type netrcLine struct {\n\tmachine  string\n\tlogin    string\n"
            "\tpassword string\n}",
            "default\nlogin anonymous\npassword gopher@golang.rootle.invalid\n",
        },
    },
    {
        .id = "docker-config-auth",
        .description = "Registry credentials in a Docker config.json (\"auths\" ... \"auth\": base64)",
        .url = "https://docs.docker.com/reference/cli/docker/login/#credential-stores",
        .keywords = {"\"auths\""},
        .pattern = "\\\"auths\\\"\\s{0,5}:\\s{0,5}\\{[\\s\\S]{0,400}?\\\"auth\\\"\\s{0,5}:\\s{0,5}\\\"(?<secret>[A-Za-z0-9+/]{12,}={0,2})\\\"",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "{\n  \"auths\": {\n    \"registry.rootle.invalid\": {\n" "      \"auth\": \"cm"
            "9vdGxlOmZha2Qzroo" "tleFAKE5DK2w0bgOWIk=\"\n" "    }\n  }\n}",
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"Zm" "FrZTpyb290bGUi"
            "YrootleFAKEL+GvR\"}}}",
        },
        .false_examples = {
            "{\"auths\": {\"registry.rootle.invalid\": {}}, \"credsStore\": \"desktop\"}",
            "{\"auths\": {\"registry.rootle.invalid\": {\"auth\": \"\"}}}",
            "{\"auths\": {\"registry.rootle.invalid\": {\"auth\": \"AAAAAAAAAAAAAAAA\"}}}",
        },
    },
    {
        .id = "http-basic-auth-header",
        .description = "HTTP Basic credentials in an Authorization header",
        .url = "https://www.rfc-editor.org/rfc/rfc7617",
        .keywords = {"basic"},
        .pattern = "(?i:authorization)[\\\"']?\\s{0,3}[:=]\\s{0,3}[\\\"']?(?i:basic)\\s{1,3}(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "curl -H 'Authorization: Basic cm" "9vdGxlOmOQ6Dro"
            "otleFAKEUCxLq4vK' https://api.rootle.invalid/",
            "headers = {\"Authorization\": \"Basic Zm" "FrZTpyb290bGUy"
            "+LIrootleFAKEGZI=\"}",
        },
        .false_examples = {
            "Authorization: Basic ${BASIC_AUTH}",
            "Authorization: Basic <credentials>",
            "Authorization: Basic AAAAAAAAAAAA",
        },
    },
    {
        .id = "authorization-bearer-token",
        .description = "Bearer token in an Authorization header (high-entropy value)",
        .url = "https://www.rfc-editor.org/rfc/rfc6750",
        .keywords = {"bearer"},
        .pattern = "(?i:authorization)[\\\"']?\\s{0,3}[:=]\\s{0,3}[\\\"']?(?i:bearer)\\s{1,3}(?<secret>[A-Za-z0-9_\\-.~+/]{20,}={0,2})(?:[^A-Za-z0-9_\\-.~+/=]|$)",
        .min_entropy = 3.5,
        .flags = DET_GENERIC,
        .true_examples = {
            "curl -H \"Authorization: Bearer -M" "rootleFAKEAq-rDu1M"
            "QJ_GukjPBI62PPvsp8jf\" https://api.rootle.invalid/v1/me",
            "  authorization: 'Bearer 5R" "3mrootleFAKEdY" "0RMWbVQ4zWihWS5K'",
        },
        .false_examples = {
            "Authorization: Bearer ${API_TOKEN}",
            "Authorization: Bearer <token>",
            "Authorization: Bearer 19" "946ca19546d8b2b433702f12ab391f" "6f0c0eab3dd1e0d8"
            "db95b602adfa0cda",
        },
    },
};
const size_t det_rules_generic_count = sizeof det_rules_generic / sizeof det_rules_generic[0];
