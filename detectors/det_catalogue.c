/* det_catalogue.c: a small scaffold catalogue of six accurate rules, so the
 * matching engine can be built and tested on its own branch. The real
 * catalogue (detectors/rules_*.c) replaces this file at merge; nothing in
 * the engine or its tests depends on which rules are here.
 *
 * Fake secrets in the examples are split across string literals so that
 * scanning rootle's own source finds nothing.
 */
#include "detectors/det_rule.h"

static const det_rule_def rules[] = {
    {
        .id = "aws-access-key-id",
        .description = "AWS access key ID",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        .keywords = { "akia", "asia", "abia", "acca" },
        .pattern = "\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b",
        .min_entropy = 3.0,
        .pair_with = "aws-secret-access-key",
        .true_examples = {
            "aws_access_key_id = AKIA" "ROOTLEFAKEQ2X7ZB\n",
            "{\"AccessKeyId\": \"ASIA" "ROOTLEFAKEW3K5MD\"}",
        },
        .false_examples = {
            "aws_access_key_id = AKIA" "IOSFODNN7EXAMPLE\n",
            "id = AKIA" "ROOTLE12\n",
            "AKIA" "ROOTLEFAKEQ2X7ZB9999 is too long",
        },
    },
    {
        .id = "aws-secret-access-key",
        .description = "AWS secret access key",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        .keywords = { "aws_secret", "secret_access_key", "secretaccesskey" },
        .pattern = "(?i)(?:aws_?)?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?"
                   "(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        .min_entropy = 4.0,
        .true_examples = {
            "aws_secret_access_key = rootle" "FAKEsecretKEY0x9Qp2Lm7Vw3Zt8Rb4Nc6\n",
            "\"SecretAccessKey\": \"rootle" "FAKE/Tq8Zp3Lx7Wm2Nv9Kc4Rb6Hd1Yf5Gs\"",
        },
        .false_examples = {
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" "EXAMPLEKEY\n",
            "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n",
            "aws_secret_access_key = rootle" "FAKEshort\n",
        },
    },
    {
        .id = "github-pat-classic",
        .description = "GitHub personal access token (classic)",
        .url = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/"
               "managing-your-personal-access-tokens",
        .keywords = { "ghp_" },
        .pattern = "\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.0,
        .true_examples = {
            "GITHUB_TOKEN=ghp_" "rootleFAKEq8W2mZ7xK4vN1pR6tY3sL9bJ5h\n",
            "git clone https://x:ghp_" "FAKErootleZ3k9Qw2Ls8Xv5Nb7Tm4Hy6Pd1R@github.com/o/r",
        },
        .false_examples = {
            "GITHUB_TOKEN=ghp_" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            "GITHUB_TOKEN=ghp_" "rootleFAKE\n",
            "GITHUB_TOKEN=ghp_" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        },
    },
    {
        .id = "slack-bot-token",
        .description = "Slack bot token",
        .url = "https://api.slack.com/authentication/token-types#bot",
        .keywords = { "xoxb-" },
        .pattern = "\\b(?<secret>xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24})\\b",
        .min_entropy = 3.0,
        .true_examples = {
            "SLACK_BOT_TOKEN=xoxb-" "2718281828-3141592653-rootleFAKEa1B2c3D4e5F6g7\n",
            "token: 'xoxb-" "1618033988-2236067977-FAKErootleQ7w3E9r1T5y2U8'",
        },
        .false_examples = {
            "SLACK_BOT_TOKEN=xoxb-" "1234567890-1234567890-abcdefghijklmnopqrstuvwx\n",
            "SLACK_BOT_TOKEN=xoxb-" "your-token-here\n",
            "SLACK_BOT_TOKEN=xoxp-" "2718281828-3141592653-rootleFAKEa1B2c3D4e5F6g7\n",
        },
    },
    {
        .id = "private-key",
        .description = "Private key (PEM block)",
        .url = "https://www.rfc-editor.org/rfc/rfc7468",
        .keywords = { "private key" },
        .pattern = "(?<secret>-----BEGIN[ A-Z0-9]*PRIVATE KEY-----[\\r\\n]+"
                   "(?:[ \\t]*[A-Za-z0-9-]+:[^\\r\\n]*[\\r\\n]+)*"
                   "(?:[ \\t]*[A-Za-z0-9+/=]{16,}[\\r\\n]+){2,}"
                   "[ \\t]*[A-Za-z0-9+/=]*[\\r\\n]*[ \\t]*"
                   "-----END[ A-Z0-9]*PRIVATE KEY-----)",
        .flags = DET_MULTILINE,
        .min_entropy = 3.5,
        .true_examples = {
            "-----BEGIN RSA " "PRIVATE KEY-----\n"
            "MIIEowIBAAKCAQEArootleFAKEkey0Zq8Wm2Xv7Ns4Lp9Kd3Hy6Tb1Jc5Rf8Gu2Ve\n"
            "Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0Xc3Vb5Nm7Qa9Ws2Ed4Rf6Tg8Yh1Uj3Ik5Ol\n"
            "rootleFAKEPn7Bq2Cw9Dx4Ey6Fz1Ga3Hb5Ic8Jd0Ke2Lf4Mg6Nh8Oi1Pj3Qk5Rl7\n"
            "-----END RSA " "PRIVATE KEY-----\n",
            "key: |\n  -----BEGIN " "PRIVATE KEY-----\n"
            "  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCrootleFAKE7x\n"
            "  Zp3Lm8Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk7Lz9Xc2Vb4Nm6Qa8Ws1Ed3Rf5Tg7Yh9\n"
            "  Uj2Ik4Ol6Pn8Bq1Cw3Dx5Ey7Fz9Ga2Hb4Ic6Jd8Ke0Lf2Mg4Nh6Oi8Pj0Qk2Rl\n"
            "  -----END " "PRIVATE KEY-----\n",
        },
        .false_examples = {
            "-----BEGIN PUBLIC " "KEY-----\n"
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArootleFAKE7xZp3Lm8Qw\n"
            "Zp3Lm8Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk7Lz9Xc2Vb4Nm6Qa8Ws1Ed3Rf5Tg7Yh9Ab\n"
            "-----END PUBLIC " "KEY-----\n",
            "-----BEGIN RSA " "PRIVATE KEY-----\n...\n-----END RSA " "PRIVATE KEY-----\n",
            "the header line is -----BEGIN RSA " "PRIVATE KEY----- and nothing else\n",
        },
    },
    {
        .id = "generic-password",
        .description = "Password or secret assigned in configuration or code",
        .url = "https://cwe.mitre.org/data/definitions/798.html",
        .keywords = { "password", "passwd", "secret", "api_key", "apikey", "api-key",
                      "auth_token" },
        .pattern = "(?i)(?:password|passwd|secret|api[_-]?key|auth_token)[\"']?\\s*[:=]\\s*"
                   "[\"']?(?<secret>[^\\s\"'$<>{}()\\[\\]`;,]{8,100})",
        .min_entropy = 3.0,
        .flags = DET_GENERIC | DET_CASELESS,
        .true_examples = {
            "DB_PASS" "WORD=\"rootleFAKE7qP2vX9wZ\"\n",
            "client_sec" "ret: Fk3rootle9Lq2Zm8Xw\n",
            "{\"api_key\": \"rootle" "FAKE_k8Jd2Ls9Qp4Xz7\"}",
        },
        .false_examples = {
            "pass" "word = \"changeme123\"\n",
            "api_key: 5d41402abc4b2a76b9719d911017c592\n",
            "sec" "ret: 123e4567-e89b-12d3-a456-426614174000\n",
            "pass" "word = os.environ.get\n",
            "sec" "ret = sha512-rootleFAKEq8W2mZ7xK4vN1pR6tY3sL9bJ5h\n",
        },
    },
};

const det_rule_def *det_builtin_rules(size_t *count)
{
    *count = sizeof(rules) / sizeof(rules[0]);
    return rules;
}
