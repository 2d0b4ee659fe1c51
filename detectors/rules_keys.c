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
        .pattern = "(?<secret>-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\\s:,.\\-\\\\()@_]{64,}?-----END[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----)",
        .min_entropy = 4.0,
        .flags = DET_MULTILINE,
        .true_examples = {
            "--" "---BEGIN RSA PRIVATE KEY-----\n"
            "u83rootleFAKE8rTEhN5HPC1MDYdP7qQdV8NeFueF3fQ3UuVcsYy859Xd8Xo0elp\n"
            "p27KUOUxZNd9HOpXDBTMYLu+tY/a9rbLnypcZkT7OMYahjdQdtnsYa0ENb6W20s+\n"
            "8dlbHpg7sBT3OyqtarBV015lw3jUYH/" "utmoUfW0znc8jAWEkoFB5InByUFTiK9XI\n"
            "fycNWaQvIWmB3Jj/EVY/gzfUS4yeEV5Y96pY9KhkvrFyr2ERzk5QxzKDnABpnr"
            "f0\npJcHnqxJtMzFK9nGF5+hLF/w9wu/wMFenFRtmisTs88uG+NovYMmhBhJGKT2XmNz\n"
            "-----END RSA PRIVATE KEY-----\n",
            "key: |\n  --" "---BEGIN OPENSSH PRIVATE KEY-----\n"
            "7nrrootleFAKEJSMPe0fRkfwHfGkuWOLL+XYLr4/5ixmadK+ByMf3h2ot/vADSbH\n"
            "bF9XyLclEG9v0HdkwIzDPZYSJeb3Jie9x+BIpvsH3VuYrAFUQ/FXalAU63PQx4T/\n"
            "KncgxICfrFDU3TUe+YUBSB/L7G6+ZZR" "iL41D92LV2A9oQVqD5u4e4C7dfhQTmlDd\n"
            "3RCk7JfINyLJtGVLnrx/Alg8PNBKBcii/8Oi/bXSrEa8LT0zDO8FfNJ4PHbPUeV3"
            "\nHc+2V+6bH0zhG07ayP380HUs6i8EiXUSirjkoXVFy1omnP0ISEefE1MjPCcLOU4O\n"
            "-----END OPENSSH PRIVATE KEY-----",
            "--" "---BEGIN ENCRYPTED PRIVATE KEY-----\n"
            "rJojrootleFAKERgdsH9dRmCCS9f/0Jb3fFei/p6/P+as112I6hCdT+ez513Ovm+\n"
            "IVDOBWRGLVlpSajHGGZfvtl+feihmhYSRDUn/8CwSySaAMx4HDx/s67q9hph9HSL\n"
            "mACpQ6cFn+BFXJNpzObTQmiZPa4BRHP" "eYkMjyax2NirzXf/zKa7Vz1xfma3Evqhy\n"
            "4B6XCN2d6jNR6+Xo+oRRJkCusSMX/OjmbxQFkjrpbimi/RUXKZcT6VgA0YM/MyWJ\n"
            "K0dD5u/4vIwE0F4mt+kBMYt1jyaYiGh36cDMUCPD3/XVPsW9MZvrJ1B1DZv9eQg5\n"
            "-----END ENCRYPTED PRIVATE KEY-----",
            "--" "---BEGIN EC PRIVATE KEY-----\n" "Proc-Type: 4,ENCRYPTED\n"
            "DEK-Info: AES-128-CBC,0DD5EC2E7F1A9B3C\n"
            "\n2rootleFAKEIxrAUzHzCem/gEfPzgObDZcuGcCgVdMVn/WkI5SuK1LOp2rqcLvet\n" "3NaS"
            "e0ZhR4kWZRhfMKLNs7DutBWwAMWYSpsLqK6cwFhoIcexDt0PY30Xc6xapu3b\n"
            "kTWy6kkedMhIiy2rW+2B" "c2oI0n23DGvFpKZQ5rJEkZqFQUauv+/VU4iVONLP7jKm\n"
            "NLgIn6Ti\n-----END EC PRIVATE KEY-----",
            "--" "---BEGIN PGP PRIVATE KEY BLOCK-----\n" "Version: rootle 1.0\n\n"
            "59h4NirootleFAKEsnh0ALLEYGEpRQPaU7Lw/kReYqb0ZYUr0eY65BAsd2I/C/Bj\n"
            "/OQMy2rzTTsSO5LDt/a8zDO70rq4IUCmPW3u7GtnwTRF/cwu69QDp18DuJAVkbxi\n"
            "dbg4URsCM+TMlwyg0pA14fAoepe8S9FccX5cDfFzStjjWx7jt9b7BPz6a6NGY"
            "+rZ\naB5unG5G3Jc4pVpN1NTJvmi+oao2cRU5GFJ9ngoJK3FjJ9Fq+7vqFy6PaixW9smb"
            "\npgR40NMGDRqFh6D5uHXCS8+w66vENsRAjowN46aIJFhnwuAmSmjPMlZd"
            "trAlFQGx\nIhrErzWyLxxGY1rQCVbQiMRPrIKcBH1SaLKq27z6IHE4pCHOLWhq+fzA2yx"
            "jzg7w\n05pv1D0uts5CsYn+\n" "-----END PGP PRIVATE KEY BLOCK-----",
        },
        .false_examples = {
            "-----BEGIN RSA PRIVATE KEY-----\n" "...\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN PUBLIC KEY-----\n"
            "JtwtvrootleFAKElbRN3YU4SxV07rSxJk2A3G3NWiZsta/ZBJV7TCbQqHG+LaWyC\n"
            "JaOJ0kRCMHostZSEnBKuERH+hVwVPdL9W5asHQkIIMHwI7QiiHAA8bEJSQXFinF9\n"
            "72WVJzQxA+FMnqKoBLgrBcOO2T9lpH54EzGoestvnuup6HJRgyoGxraFpBiWGH+x\n"
            "IaYAo8LC\n-----END PUBLIC KEY-----",
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
        .pattern = "\\b(?<secret>eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{16,})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "Authorization: Bearer ey"
            "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyb290bGUtZmFrZSIsI"
            "mlhdCI6MTcwMDAwMDAwMH0.kMlarootle" "FAKEtQIhsdviMThJQQA63yDDSs-IzmVZc",
            "ID_TOKEN=ey"
            "JhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Jvb3RsZS5pbnZhbGlkIiwic3ViI"
            "joiZmFrZSJ9.RM" "drootleFAKE7kf6gVDx6c_GJgLhGys2WkYIHggiIZK"
            "cG13Tey8VEhQ2ECNT52EKGK4y3uhQvov_TFTfBex2z",
        },
        .false_examples = {
            "token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.'",
            "header = eyJhbGciOiJIUzI1NiJ9",
            "jwt: ey" "JhbGciOiJIUzI1NiJ9.YrootleFAKEIJgzpYlx0jxaoZk"
            "xcMA.7m33rrootleFAKEsTB4" "4jPs6HY0dRHjJIg6Ft6hK2Ai",
        },
    },
    {
        .id = "putty-private-key",
        .description = "PuTTY private key file (PPK)",
        .url = "https://the.earth.li/~sgtatham/putty/0.80/htmldoc/AppendixC.html",
        .keywords = {"putty-user-key-file-"},
        /* A PPK file (versions 2 and 3): the header, then "Private-Lines: N"
         * and N base64 lines of at most 64 characters, then "Private-MAC:"
         * and its hex. The secret ends with the MAC, so whatever follows
         * the key is never taken for more key lines. */
        .pattern = "(?<secret>PuTTY-User-Key-File-[23]: [a-z0-9\\-]{3,40}\\r?\\n"
                   "Encryption: [a-z0-9\\-]{4,20}\\r?\\n[\\s\\S]{0,1000}?"
                   "Private-Lines: [0-9]{1,3}\\r?\\n(?:[A-Za-z0-9+/=]{1,64}\\r?\\n){1,128}"
                   "Private-MAC: [0-9a-fA-F]{12,128})",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "Pu" "TTY-User-Key-File-3: ssh-ed25519\n"
            "Encryption: none\nComment: rootle-fake\n"
            "Public-Lines: 2\nTorootleFAKEdR6Bmxfwc2JLYu8MVcc"
            "0f4dI6j+tqt7ABxVN+aBrx8cQLxV7+bWr\n" "sm9L\nPrivate-Lines: 1\n" "Croo"
            "tleFAKEuiEOaxqXmHfakT0ooJbH53NuO4Rp1UAZSa7tzlhDbys/u1U2jtdgA\n"
            "Private-MAC: 0dd5ec2e7f1a\n",
            "Pu" "TTY-User-Key-File-2: ssh-rsa\n" "Encryption: none\nComment: rootle-fake\n"
            "Public-Lines: 2\n+IarootleFAKEjgpQnTGAhdVef3dl3awYXRwMv7WOhR4C7885cr3"
            "wxwp5xsowWqV\nQ0xwR3sMg3TFDPl6t2Ye0kSzdqhjMXbmTYK1\n" "Privat"
            "e-Lines: 3\nlGWhXOrootleFAKEbE/vP4YtaADuz9zvaMrQaPV6P7HVq0rRTd6r+ghnr"
            "4PstU8U\nWhJVljdyjW1COgKjvnMAe" "gKYzluLivTuo05oe01mbvsNwhkAevY1z7xx2r3C/f5R\n"
            "Mg6CDcXkB0WAARLFu+d6kSE6gK0VOs/XGjB4Q5tQP5kB6JnlbHZj\n"
            "Private-MAC: 5b2e0c9a41d7f3e86a0b9c4d2e1f7a3b6c8d0e2f\n",
            /* An encrypted version 3 key, and what follows it in the file. */
            "Pu" "TTY-User-Key-File-3: ecdsa-sha2-nistp256\n" "Encryption: aes256-cbc\n"
            "Comment: rootle-fake\nPublic-Lines: 1\n"
            "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYrootleFAKEbmlzdHAyNTYAAABBBN4q\n"
            "Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 13\n"
            "Argon2-Parallelism: 1\nArgon2-Salt: 0f3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e\n"
            "Private-Lines: 1\n" "q7VxrootleFAKEm2Lw9Zc4T8pNbE6yHs3KdR0uGfJ5aXoQiV1tYe/+MzWn7PkU4h\n"
            "Private-MAC: 9c1e7a3f5b2d8e0c4a6f1b3d5e7c9a0b2d4f6e8a0c2b4d6f8e0a2c4b6d8f0e1a\n"
            "HostName=rootle.invalid\nPortNumber=22\n",
        },
        .false_examples = {
            "PuTTY-User-Key-File-3: ssh-ed25519\n" "Encryption: none\nComment: rootle\n"
            "Public-Lines: 2\n",
            "PuTTY-User-Key-File-3: ssh-ed25519\n" "Encryption: none\nPrivate-Lines: 1\n"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "see PuTTY-User-Key-File-3 for the format",
            /* Cut off before its MAC: the lines after it are settings, not
             * key lines, and no complete key is there. */
            "PuTTY-User-Key-File-2: ssh-rsa\n" "Encryption: none\nComment: rootle\n"
            "Public-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQrootleFAKE\nPrivate-Lines: 1\n"
            "q7VxrootleFAKEm2Lw9Zc4T8pNbE6yHs3KdR0uGfJ5aXoQiV1tYe\nWORKERS=4\nLOG_LEVEL=info\n",
        },
    },
    {
        .id = "age-secret-key",
        .description = "age encryption secret key",
        .url = "https://age-encryption.org/v1",
        .keywords = {"age-secret-key-1"},
        .pattern = "\\b(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "# created: 2024-01-01T00:00:00Z\n" "# public key: age1rootle\n" "AG"
            "E-SECRET-KEY-18FAKE9HHDKEMWQDVS3GKX" "YW5A37RHTE9LHFTMRC"
            "F4VZ6E5R424X7X0D2W9\n",
            "SOPS_AGE_KEY=AG" "E-SECRET-KEY-18X9FAKEEAZZUANRWRHXDY" "RYNM5VD86VSEZYSGAD"
            "TRD7M305EKCHFVV50FN",
        },
        .false_examples = {
            "SOPS_AGE_KEY=AG" "E-SECRET-KEY-1XELAKFA" "KEV5XZM7QR7WZASLXHY8FMG",
            "SOPS_AGE_KEY=AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
            "QQQQQQQQQQQQQQQQQQQ",
            "prefix: AGE-SECRET-KEY-1",
        },
    },
    {
        .id = "kubeconfig-client-key",
        .description = "Client private key embedded in a kubeconfig (client-key-data)",
        .url = "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
        .keywords = {"client-key-data"},
        .pattern = "client-key-data\\\"?\\s{0,3}:\\s{0,3}[\\\"']?(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{50,}={0,2})",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "users:\n- name: rootle\n" "  user:\n    client-certificate-data: LS0t\n"
            "    client-key-data: LS"
            "0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQoHrootleFAKEwZH7qSUFubPAXOEB"
            "X3QT3gm3fDIh8CedsgS3s2qcgMpveprOH81SnvtDtIM+4OGXpq2"
            "DXxAgFmhPSJ2ymfhRp9zzM7ZuLzzDCTuIVFsFIS+XkHfyC/hVviF6Q9qi8GaV"
            "jEm59RAfV69CIrzB+TI2r79hSiem+1+RrH4Vo4ht7et6zWyn8tYMWDrP66ivr\n",
            "{\"client-key-data\": \"LS"
            "0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk+DTt09rootleFAKEJOeKE8Ggnr52"
            "3Q5GYuyXxQWo" "8BB04XGD6O/8duef1XhzSbgG5chYcIoM2wfaRpTm3"
            "buTcdiIv+qhFdwISGqf6TYrOtyoo+7f24vDzs+L==\"}",
        },
        .false_examples = {
            "    client-key-data: ${CLIENT_KEY}",
            "    client-key-data: LS0tLS1CRUdJTi",
            "    client-key: /home/rootle/.kube/client.key",
        },
    },
    {
        .id = "jwk-private-key",
        .description = "JSON Web Key with a private component (\"d\")",
        .url = "https://www.rfc-editor.org/rfc/rfc7517",
        .keywords = {"\"kty\""},
        .pattern = "\\\"kty\\\"\\s{0,3}:\\s{0,3}\\\"(?:RSA|EC|OKP)\\\"[^{}]{0,}?\\\"d\\\"\\s{0,3}:\\s{0,3}\\\"(?<secret>[A-Za-z0-9_\\-]{32,})\\\"",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"bYbZrootleFAKElAO91usr7nCP70QGE8"
            "YYDIqRoNvfv\", \"y\": \"_furootleFAKEEtOVBB0qC6D6K42qEHbW_ieUI5qgV7\", \"d"
            "\": \"Zr" "ootleFAKEBQ2S0jfjyy" "wqubU4pOxbNhos3kVQyUZl\"}",
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"fr" "ootleFAKEKNhccaNvm8"
            "LnX4jKj4vSgiLdN9Qc6ppR\",\"x\":\"P2VA3rootleFAKE7Ur8BLAl9qk2XngszzMm0HbJ"
            "NWa4\"}",
        },
        .false_examples = {
            "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"geMjiorootleFAKE-7iE61Zplk3MftgC"
            "OAzD8kgybTI\", \"y\": \"H5Y2rootleFAKEsovk5DpU_ZEi2cKsJAC8zYMyf-sZX\"}",
            "{\"kty\": \"RSA\", \"d\": \"<private exponent>\"}",
            "{\"kty\": \"oct\", \"k\": \"rootle\"}",
        },
    },
    {
        .id = "wireguard-private-key",
        .description = "WireGuard interface private key",
        .url = "https://www.wireguard.com/quickstart/#key-generation",
        .keywords = {"privatekey"},
        .pattern = "(?i:PrivateKey)\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "[Interface]\nAddress = 10.0.0.2/32\n" "PrivateKey = 2h" "rootleFAKE8h8vCX1Tfk"
            "dfmKFMS7eWktrHU1PCW9A=\n",
            "PrivateKey=ns" "+u5rootleFAKEnh6EzaE" "Rv/vTx58FP33Ra/Umu+Xw=",
        },
        .false_examples = {
            "PrivateKey = ${WG_PRIVATE_KEY}",
            "PublicKey = lrmjIrootleFAKEAFsqICrtcd6Ljf/2KoRBuDgSY09A=",
            "PrivateKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        },
    },
};
const size_t det_rules_keys_count = sizeof det_rules_keys / sizeof det_rules_keys[0];
