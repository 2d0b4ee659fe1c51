/* rules_keys.c: built-in rules for private keys and self-contained tokens
 * that belong to no single provider (PEM blocks, PuTTY keys, age keys, JWTs,
 * kubeconfig client keys).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_keys[] = {
    {
        .id = "private-key",
        .description = "Private key block (PEM RSA, EC, DSA, OpenSSH, PKCS#8 encrypted or not, PGP)",
        .url = "https://www.rfc-editor.org/rfc/rfc7468",
        .keywords = {"private key"},
        .pattern = "(?<secret>-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\\s:,.\\-\\\\()@_]{64,16384}?-----END[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----)",
        .min_entropy = 4.0,
        .flags = DET_MULTILINE,
        .true_examples = {
            "--" "---BEGIN RSA PRIVATE KEY-----\n"
            "5m34rootleFAKEyR69xNqjShFMVEAprFU14C3zPyHDRe+xoQkRRSSeZDb+6u82A1\n"
            "ewiDpNf2gQ7vgPLsz4u14/wDG+pdNCsJW8PdS6JVj8uXdFl46kfBm8TZZXnJgVym\n"
            "X6yLttdAV6QkxTrrgASYgbAHE6kcOJT" "ZWD3UV4pG5tkQGfO5+doOnTi1hOCAvXHp\n"
            "UFEDhfDl9/rLZWsLvSuY7w5sKfdMeLnvKPufknPV0b7RZK3JwTfmg9xPNu69yb"
            "qT\nipZFzipNQav8pFH6R6/bjgTkPocroZP1b1RLxDxRysySLdZ+8wogBhDwySVhM0O9\n"
            "-----END RSA PRIVATE KEY-----\n",
            "key: |\n  --" "---BEGIN OPENSSH PRIVATE KEY-----\n"
            "ScAd9trootleFAKEQ0r24OgGloZadewsgA+R29LjMcN2zSO4bUbiupsgTDcg9CrC\n"
            "WZhdJ2vvYNAyrq0rgzjtJ3c8skDNGVc4l2zAIyTa8y/M0V/bnEmlRgm8R3qpajFn\n"
            "l/mhUlhqThx4/VxFLaoGnF1NpQBset3" "eKEqC4DVja2lVFE/xOwk3Gdq1+aLrzWe+\n"
            "J1ybgAkEhKXg53nMmG9WgaQFzBmAwrMgUZJWwCczCA1WGy1YUcL5qgYgxflgSiuj"
            "\ncYCNbjVpcUEcxhgbhwFET/3muztZkjh9TtSxHJhJ/a6nFirA/332u+Y3ylMKUru2\n"
            "-----END OPENSSH PRIVATE KEY-----",
            "--" "---BEGIN ENCRYPTED PRIVATE KEY-----\n"
            "wPwrootleFAKEG3ZOd9xWRcMsp4Vw9XEZfQPjBAvkbGnSQIU1iQJYU1by+WI/faJ\n"
            "TfYShIvKtjW83cQP32vc4yqXGGv7U7vtT6Z9kaQckNLd2bm/HwaGnma2B6p1fNVG\n"
            "wUC/+v2D3xeBFZoER4W5SSgwLPJx9ua" "E0c9ZVeZrm9ebkPBEoLW6K0RFRot5Yz7K\n"
            "yuBkbtvAM5znWmcqqbFGCX7pEiiIfBQ0si/ExOn1fd3hBAT8TsJfTQzRqYQROQEj\n"
            "itASBI63ynRy2u5sl8XiBndG/HAK7AfQyxcjXbULqsLPdaq5K3tVXNtX/K63bIIg\n"
            "-----END ENCRYPTED PRIVATE KEY-----",
            "--" "---BEGIN EC PRIVATE KEY-----\n" "Proc-Type: 4,ENCRYPTED\n"
            "DEK-Info: AES-128-CBC,0DD5EC2E7F1A9B3C\n"
            "\nyvprootleFAKE3JY0s/sP5qBcm0RYjFUnHOiOX5f73GS/ulwL3Qd2+IuXHaYCsee\n" "01Ve"
            "AcHTLDSiduqRMg0tFH6Eonmxnx9lPBN2JaPBf8Jbrblk77a7wKDJm5al1Xyw\n"
            "7cf/Bli8/tOPb5xb1HWx" "2vSIUFb7nm8RC53s3ubia78i1kj4IOp5kdofTUgf0D2y\n"
            "cRJKV7wc\n-----END EC PRIVATE KEY-----",
            "--" "---BEGIN PGP PRIVATE KEY BLOCK-----\n" "Version: rootle 1.0\n\n"
            "yiBkTrootleFAKEP3km1HTMV+3OHtonEn5EskbhjVkrLEQQxpr8VlDhCC17DxNPC\n"
            "xL/btE08oYBQ88g3M15lLG2TsZK6uOqMaoUUqKalI+74xu8WSAWnWTaRf6RK+xy2\n"
            "38j9QZwEjR4bTx4HscTk+qTIyJJADJLQgHa3rjtZU0KtO25qNBHS0bZIU6Dpl"
            "nT5\nGFkUDoDSgNdg//YJQkDeUWf6NAZuViMKmdwmRmRmPmMa4zMDy9Al88vXa9ZcR3Zu"
            "\n+dGfOuIFb3q05465vFahQN1ZpNAcZxYmnvdDfjnXOBsTx+6OcsHKeVZ2"
            "RwztKE6t\nkvqvBOxmiH9jG+o26cVFzgYoZOV11gQLhejX62CSnRS0E7/FxNl07N20DhH"
            "lhpDR\nHboMUm0SK/I2uT6z\n" "-----END PGP PRIVATE KEY BLOCK-----",
        },
        .false_examples = {
            "-----BEGIN RSA PRIVATE KEY-----\n" "...\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN PUBLIC KEY-----\n"
            "pk/JrootleFAKERCLau9SWQ2FJtnguvn0z84vp0TQ9gg28Gl/s/Q5S8TdqIuV10m\n"
            "icB9tKh+y6F2g+TpSawPOpS85T/THYzqh+lE3KbDozlfm3s4pjPvEkaNhChqOz6l\n"
            "jvS/HNw4oA7eRoTa+VkscaH6j778u22IcsHpNx/qSZIi/+7o7K/jOQ1LSwM2bSAO\n"
            "MKqPv1yJ\n-----END PUBLIC KEY-----",
            "-----BEGIN PRIVATE KEY-----\n"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            "-----END PRIVATE KEY-----",
            "if (strstr(buf, \"-----BEGIN RSA PRIVATE KEY-----\")) return KEY_PEM;",
        },
    },
    {
        .id = "jwt",
        .description = "JSON Web Token (signed)",
        .url = "https://www.rfc-editor.org/rfc/rfc7519",
        .keywords = {"eyj"},
        .pattern = "\\b(?<secret>eyJ[A-Za-z0-9_\\-]{10,2000}\\.eyJ[A-Za-z0-9_\\-]{10,8000}\\.[A-Za-z0-9_\\-]{16,1000})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "Authorization: Bearer ey"
            "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb290bGUtZmFrZSIsI"
            "mlhdCI6MTcwMDAwMDAwMH0.G-rootleFA" "KEKKcrxrtge0RczFfYSrXNa1Gqus3dswJ",
            "ID_TOKEN=ey"
            "JhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Jvb3RsZS5pbnZhbGlkIiwic3ViI"
            "joiZmFrZSJ9.7Q" "rootleFAKEtvL71whJ67ThBu2es7q4BSeMciucX4tv"
            "EXxts0mh6KGNinb2ZfjL1ykl-L0cZ9PtKEKpf4LYE4",
        },
        .false_examples = {
            "token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.'",
            "header = eyJhbGciOiJIUzI1NiJ9",
            "jwt: ey" "JhbGciOiJIUzI1NiJ9.K8IGrootleFAKES_Q_39lBgPLu"
            "EdTC.FQrootleFAKEqxJ5npa" "29IwgANmcwByJLfI15nES_-v",
        },
    },
};
const size_t det_rules_keys_count = sizeof det_rules_keys / sizeof det_rules_keys[0];
