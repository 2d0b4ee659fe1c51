/* rules_cloud.c: built-in rules for cloud providers and hosting platforms
 * (AWS, Google Cloud, Azure, DigitalOcean, Alibaba, IBM, Oracle, Heroku,
 * Cloudflare, Fastly, Linode, Scaleway, Vultr, Hetzner).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_cloud[] = {
    {
        .id = "aws-access-key-id",
        .description = "AWS access key ID (long-term AKIA, temporary ASIA, ABIA, ACCA)",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
        .keywords = {"akia", "asia", "abia", "acca"},
        .pattern = "\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .pair_with = "aws-secret-access-key",
        .true_examples = {
            "AWS_ACCESS_KEY_ID=AK" "IAIEQHRO" "OTLEFAKE74",
            "aws_access_key_id = AS" "IAYNG7RO" "OTLEFAKEBY",
            "  \"AccessKeyId\": \"AK" "IAAROOTL" "EFAKE4ROGU\",",
        },
        .false_examples = {
            "AWS_ACCESS_KEY_ID=AK" "IABROO" "TLEBAYN3  # too short",
            "key = 'AKIA' + random_suffix(16)",
            "id: AK" "IBO4ROOT" "LEFAKE7OWO",
            "AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA",
        },
    },
    {
        .id = "aws-secret-access-key",
        .description = "AWS secret access key next to an AWS key name",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html",
        .keywords = {"aws"},
        .pattern = "(?i:aws)[\\w.\\-]{0,20}(?i:secret)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "aws_secret_access_key = 6l" "C1MXrootleFAKElPq2" "Ymk/yE9fz1WuvL4NUyv+",
            "AWS_SECRET_ACCESS_KEY=\"Dr" "ootleFAKE8FnyVVdBZ" "dzst6iAxQa2H9uZ0+t1s\"",
            "  \"awsSecretKey\": \"q6" "DdrootleFAKEWXLgEJ" "KC5BjfiOXslIVUgVil6p\",",
        },
        .false_examples = {
            "aws_secret_access_key = 8O" "DnrootleFAKEx" "r1YhNga3CcCySEU",
            "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}",
            "aws_secret_access_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "secret_key = 2c" "5rootleFAKEcDyp2Hm" "QbGnJJnmU1gQBEb6VEwZ",
        },
    },
    {
        .id = "google-api-key",
        .description = "Google API key (Maps, Firebase, Gemini and other Google Cloud APIs)",
        .url = "https://cloud.google.com/docs/authentication/api-keys",
        .keywords = {"aiza"},
        .pattern = "\\b(?<secret>AIza[0-9A-Za-z_\\-]{35})(?:[^0-9A-Za-z_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GOOGLE_API_KEY=AI" "zaMa3Y_NrootleFAK" "Exl_CpzkCUZpRr2biMws",
            "  apiKey: \"AI" "za-eIFrootleFAKEK" "RVVbiqgvrrOle-RNpF0J\",",
        },
        .false_examples = {
            "GOOGLE_API_KEY=AI" "zaSQrrootl" "eFAKEOwJcKiu",
            "key=AI" "zbO6jNFrootleFAKE" "lBBL0OFYe1UO5VeUN3wl",
            "const KEY_PREFIX = 'AIza';",
        },
    },
};
const size_t det_rules_cloud_count = sizeof det_rules_cloud / sizeof det_rules_cloud[0];
