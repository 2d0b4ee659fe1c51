/* rules_ai.c: built-in rules for AI and machine-learning APIs (OpenAI,
 * Anthropic, Hugging Face, Replicate, Cohere, Groq, Perplexity, xAI,
 * Mistral, and more).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_ai[] = {
    {
        .id = "openai-api-key",
        .description = "OpenAI API key (legacy user key)",
        .url = "https://platform.openai.com/docs/api-reference/authentication",
        .keywords = {"t3blbkfj"},
        .pattern = "\\b(?<secret>sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OPENAI_API_KEY=sk" "-MbrootleFAKEzERNOwJIT3" "BlbkFJBKrootleFAKEfXLDyXFn",
            "openai.api_key = \"sk" "-rs3rootleFAKENFcppMmT3" "BlbkFJKksrootleFAKE11qt7BN\"",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-4ejrootleFAKEC5D2XfjT3" "BlbkFKIfErootleFAKEgUqv7kq",
            "OPENAI_API_KEY=sk" "-mU4yrootlekFT3Blbk" "FJVrootleFAKEa2EQEqp2U",
            "marker = 'T3BlbkFJ'  # base64 of 'OpenAI'",
        },
    },
    {
        .id = "openai-project-key",
        .description = "OpenAI project API key",
        .url = "https://platform.openai.com/docs/api-reference/authentication",
        .keywords = {"sk-proj-"},
        .pattern = "\\b(?<secret>sk-proj-[A-Za-z0-9_\\-]{20,250}T3BlbkFJ[A-Za-z0-9_\\-]{20,250})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OPENAI_API_KEY=sk"
            "-proj-XpcorootleFAKEhgn-1BlUlGO33bjt_kgWpStMytYy5T9fEfKJE89pV_yBx5Vv"
            "Gvt4emL4tYUR" "T3BlbkFJFurootleFAKErW-9BdH4Uaz7PohRVqQXn"
            "d276nVnakTArP2wW454uaGKNMxR4yX85EY5-xlsWi",
            "client = OpenAI(api_key=\"sk" "-proj-DHId5orootleFAKE4qNxG7j07qMVz29ToSsRYcb6"
            "T3BlbkFJTNNrootleFAKE2G6" "TvpjyBx-5mmxolWM-X5T6NPo\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-proj-_ro7rootleFAKEp-" "ybVeZfGpHq1Dsuu0akcoyxWB",
            "OPENAI_API_KEY=sk-proj-...",
            "OPENAI_API_KEY=sk" "-proj-scdrootleIT3BlbkFJoxaroot" "leFAKElM3AsL0TOW"
            "rSw3pjaYUVUSP4Q3R",
        },
    },
    {
        .id = "openai-service-account-key",
        .description = "OpenAI service account API key",
        .url = "https://platform.openai.com/docs/api-reference/authentication",
        .keywords = {"sk-svcacct-"},
        .pattern = "\\b(?<secret>sk-svcacct-[A-Za-z0-9_\\-]{20,250}T3BlbkFJ[A-Za-z0-9_\\-]{20,250})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OPENAI_API_KEY=sk"
            "-svcacct-orootleFAKERCtWce_-ELR8SauRjsIx8D7ZeaAmFiYJNOzqN59jS3vsx03v"
            "aZISeeCey64MG" "WAT3BlbkFJ3j1rootleFAKEQev1rG6QuHsPfP3TCuQ"
            "TkD8D9I3L8MQy0ew9o4OIavNMtNZOLA3eLn-H2myFD",
            "client = OpenAI(api_key=\"sk" "-svcacct-94rootleFAKEcip94HiW46lXpy0y9cnCIS_Ouh"
            "nmT3BlbkFJNR6E5rootleFAKE" "8pvQBZiI7kBiCzOMp5L_rFYVH\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-svcacct-OFPnrootleFAKE" "ZUTdbLt3iRkfIhHC3k823IXbE2",
            "OPENAI_API_KEY=sk-svcacct-...",
            "OPENAI_API_KEY=sk" "-svcacct-trootletSWT3BlbkFJdHuI5" "prootleFAKEbcgTwN"
            "9A8nhlaQwEw6DQd_Ml",
        },
    },
    {
        .id = "openai-admin-key",
        .description = "OpenAI admin API key",
        .url = "https://platform.openai.com/docs/api-reference/authentication",
        .keywords = {"sk-admin-"},
        .pattern = "\\b(?<secret>sk-admin-[A-Za-z0-9_\\-]{20,250}T3BlbkFJ[A-Za-z0-9_\\-]{20,250})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OPENAI_API_KEY=sk"
            "-admin-3rootleFAKEZqMff-OW_t3z1DzS2QHlx3MZi92hNpThDMv6hMkRK0wD9Qy-dD"
            "wH0KfF6KlFsF" "IT3BlbkFJFntnLrootleFAKE8tpVtfpdfbnnpmA9g"
            "dSeUKhzZRVJoxbUE5bzOncl5rKIJdP76BV63OYBfnb",
            "client = OpenAI(api_key=\"sk" "-admin-lnrootleFAKEhsikGDB4FaJo5mOfOYDYRD4Dd8W"
            "BT3BlbkFJRrootleFAKEICRp" "KhYyBjthxz7jLX9yRaDGoScoy\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-admin-08IEQ0rootleFAK" "ExiFbYmwmCiYUdLa9VGzkBTMF",
            "OPENAI_API_KEY=sk-admin-...",
            "OPENAI_API_KEY=sk" "-admin-38WrootlebT3BlbkFJ7Nzcro" "otleFAKEIQr8_v3f4"
            "hztxdwNXsJD1_H6Od",
        },
    },
    {
        .id = "anthropic-api-key",
        .description = "Anthropic API key",
        .url = "https://docs.anthropic.com/en/api/getting-started#authentication",
        .keywords = {"sk-ant-api03-"},
        .pattern = "\\b(?<secret>sk-ant-api03-[A-Za-z0-9_\\-]{93}AA)(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ANTHROPIC_API_KEY=sk" "-ant-api03-sLqErootleFAKEjqQV3n4f-xDgPkhDKpXclKV6vz5"
            "8N-KEHCjEinW9rC6recsHC4ZyTW" "dKyFWoA6UE2cg4YFw0z2i4rDKAA",
            "client = Anthropic(api_key='sk"
            "-ant-api03-1U3UrootleFAKEWi09ks6ywketchCJhxUhg-CU9Oc"
            "TOxHWIM77DHiG8at4OrowxlKd4s" "233iXTGqtwIoWSOa9dtUamVRzAA')",
        },
        .false_examples = {
            "ANTHROPIC_API_KEY=sk" "-ant-api03--sEJDvrootleFAKEfTby4i2r"
            "9rKHR8WLBIDXjY6zihx" "Ny7eJoRDwHlsC4oBoAA",
            "ANTHROPIC_API_KEY=sk-ant-api03-...",
            "ANTHROPIC_API_KEY=sk" "-ant-api03-yG5M2zrootleFAKEPCB0sWzFSk0V8lgEy0SpV6yQK"
            "yhy-ElUixjPgBPN7T7eeFcKNMEO" "Fg1SsOGxcU-VtyVpJGBmM5LAGQQ",
        },
    },
};
const size_t det_rules_ai_count = sizeof det_rules_ai / sizeof det_rules_ai[0];
