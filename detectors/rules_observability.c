/* rules_observability.c: built-in rules for monitoring, logging and
 * analytics services (Datadog, New Relic, Grafana, Dynatrace, PagerDuty,
 * Sentry, Splunk, PostHog, Segment, Honeycomb).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_observability[] = {
    {
        .id = "datadog-api-key",
        .description = "Datadog API key next to a Datadog name",
        .url = "https://docs.datadoghq.com/account_management/api-app-keys/",
        .keywords = {"datadog", "dd_api"},
        .pattern = "(?i:datadog|dd_api_key|dd_api)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DD_API_KEY=c9" "bbe6be2e73c985" "884b570e91b6b147",
            "dd_api_key: \"17" "7ee2b955e8bf7f" "27362de521485a95\"",
        },
        .false_examples = {
            "DD_API_KEY=8f" "c7fa37" "27b916e0",
            "DD_API_KEY=${DD_API_KEY}",
            "checksum = ed" "1d6691832f44fa" "4c543e5166140735",
        },
    },
    {
        .id = "datadog-app-key",
        .description = "Datadog application key next to a Datadog name",
        .url = "https://docs.datadoghq.com/account_management/api-app-keys/",
        .keywords = {"datadog", "dd_app"},
        .pattern = "(?i:datadog|dd_app_key|dd_application)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DD_APP_KEY=57" "0e01e1c9549be315ad" "bd0cbe358bd2353a106e",
            "dd_app_key: \"13" "ee8b3f0c12fb6a3c0b" "88d58f1fbf35a6596210\"",
        },
        .false_examples = {
            "DD_APP_KEY=bd" "0acb7e72" "cb155ebeea",
            "DD_APP_KEY=${DD_APP_KEY}",
            "checksum = d2" "3c09f382165d75e840" "c2dfa6fb1e73da4fc75b",
        },
    },
    {
        .id = "newrelic-user-api-key",
        .description = "New Relic user API key",
        .url = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        .keywords = {"nrak-"},
        .pattern = "\\b(?<secret>NRAK\\-[A-Z0-9]{27})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "NEW_RELIC_API_KEY=NR" "AK-BL9GIROOTLE" "FAKEKTML3FWVK0O4",
            "  \"token\": \"NR" "AK-PWP0UCROOTL" "EFAKET3HH6ZIYT64\",",
        },
        .false_examples = {
            "NEW_RELIC_API_KEY=NR" "AK-F669" "6QROOTLEH",
            "NEW_RELIC_API_KEY=NRAK-xxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"NRAK-\", 5) == 0)",
        },
    },
    {
        .id = "newrelic-insert-key",
        .description = "New Relic Insights insert key",
        .url = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        .keywords = {"nrii-"},
        .pattern = "\\b(?<secret>NRII\\-[A-Za-z0-9_\\-]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "NEW_RELIC_INSERT_KEY=NR" "II-4M-VDfrootleF" "AKEP-DFh1KPhwUW24Jw",
            "  \"token\": \"NR" "II-AiL6crootleFA" "KEqhK-EvdBWDGHgFgxu\",",
        },
        .false_examples = {
            "NEW_RELIC_INSERT_KEY=NR" "II-q-Kro" "otleFAKE0n-",
            "NEW_RELIC_INSERT_KEY=NRII-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"NRII-\", 5) == 0)",
        },
    },
    {
        .id = "newrelic-browser-key",
        .description = "New Relic browser key",
        .url = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        .keywords = {"nrjs-"},
        .pattern = "\\b(?<secret>NRJS\\-[a-f0-9]{19})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "NEW_RELIC_BROWSER_KEY=NR" "JS-7d7ad28" "351e38d7da0c",
            "  \"token\": \"NR" "JS-889b3f8" "f43df903d8ae\",",
        },
        .false_examples = {
            "NEW_RELIC_BROWSER_KEY=NR" "JS-509be284c",
            "NEW_RELIC_BROWSER_KEY=NRJS-xxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"NRJS-\", 5) == 0)",
        },
    },
    {
        .id = "newrelic-admin-key",
        .description = "New Relic admin API key",
        .url = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        .keywords = {"nraa-"},
        .pattern = "\\b(?<secret>NRAA\\-[a-f0-9]{27})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "NEW_RELIC_ADMIN_KEY=NR" "AA-40930a3ba0b" "240fc75a008fc70c",
            "  \"token\": \"NR" "AA-244d10b5a85" "cca119fcb2bac66a\",",
        },
        .false_examples = {
            "NEW_RELIC_ADMIN_KEY=NR" "AA-66f9" "ffbbf476e",
            "NEW_RELIC_ADMIN_KEY=NRAA-xxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"NRAA-\", 5) == 0)",
        },
    },
    {
        .id = "newrelic-license-key",
        .description = "New Relic ingest license key",
        .url = "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        .keywords = {"nral"},
        .pattern = "\\b(?<secret>[a-f0-9]{36}NRAL)\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "NEW_RELIC_LICENSE_KEY=8c" "0a1de26b957a83cfce" "b8e83c7e9ff5df4cNRAL",
            "license_key: 07" "902bc5e4a649dfa642" "02d9d47acf3e6d2eNRAL",
        },
        .false_examples = {
            "NEW_RELIC_LICENSE_KEY=4e" "dd33aa11c4" "10b1a615NRAL",
            "NEW_RELIC_LICENSE_KEY=72" "81d8cfc2fdb99fdf1b" "0aefd9bf259d75e3NRAA",
            "NEW_RELIC_LICENSE_KEY=000000000000000000000000000000000000NRAL",
        },
    },
    {
        .id = "grafana-cloud-token",
        .description = "Grafana Cloud access policy token",
        .url = "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
        .keywords = {"glc_"},
        .pattern = "\\b(?<secret>glc_[A-Za-z0-9+/]{80,400}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GRAFANA_CLOUD_TOKEN=gl"
            "c_eyJvIjoiurootleFAKEu5v6Eg4TjIeEbQ1N1VLy0BRX5JWwC8Ehk"
            "ABKhL5DsKvz+Fk8WqLoAlRUkl9BC" "LHLq7RdULSTgLseKMfvkbqlMgEbw",
            "  \"token\": \"gl" "c_eyJvIjoiF6ci2XrootleFAKEBoXDyJqPEkuMMObfEDJAQdJiQjNv"
            "mBq3p+tagQ/5nBhn01xTdldRHnYy" "s4RJk/2idM/YI7aAbxeRElYkrTsF\",",
        },
        .false_examples = {
            "GRAFANA_CLOUD_TOKEN=gl" "c_eyJvIjoisR64OIrootleFAKE2Wo" "v4OfTcYKL/odxxv"
            "zDexHVxbMuBtHT8I",
            "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glc_\", 4) == 0)",
        },
    },
    {
        .id = "grafana-service-account-token",
        .description = "Grafana service account token",
        .url = "https://grafana.com/docs/grafana/latest/administration/service-accounts/",
        .keywords = {"glsa_"},
        .pattern = "\\b(?<secret>glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GRAFANA_TOKEN=gl" "sa_BrootleFAKEr23HjZg" "AUsn8sgSDMpkC8_9d480485",
            "  \"token\": \"gl" "sa_23k1oprootleFAKEUs" "gd3UxljwWqBnwb_a4aa9b05\",",
        },
        .false_examples = {
            "GRAFANA_TOKEN=gl" "sa_c2WrootleF" "AKE4uv_6de084af",
            "GRAFANA_TOKEN=glsa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxx",
            "if (strncmp(tok, \"glsa_\", 5) == 0)",
        },
    },
    {
        .id = "dynatrace-api-token",
        .description = "Dynatrace API token",
        .url = "https://docs.dynatrace.com/docs/dynatrace-api/basics/dynatrace-api-authentication",
        .keywords = {"dt0c01."},
        .pattern = "\\b(?<secret>dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DT_API_TOKEN=dt" "0c01.DROOTLEFAKEJZXZ94OPA59S4.K9MROOTLEFAKE3CU"
            "DZLGO35OBXTMDB0B4LYOXX9Y" "P26JKXIV8NZXP2E0X5KXH7QM",
            "Authorization: Api-Token dt" "0c01.XEIFROOTLEFAKESRWS4UI381.A21ARQROOTLEFAKE"
            "98FZRK8S2R6FABGR4ZK4MTV0" "JEVWKXWC964B2UUPYHQ2NGOD",
        },
        .false_examples = {
            "DT_API_TOKEN=dt" "0c01.BXA6WCROOTLEFAKESPC9X38P" ".EHROOTLEFAKEE2"
            "JESJMNN2U5XEU3G9",
            "DT_API_TOKEN=dt" "0c02.D9ROOTLEFAKEF2EF11V790DF.TROOTLEFAKEMS8PF"
            "DQ4VHDAAB9AW656XPZ12JW2Z" "MB1F0TLWEE9BAPESWKVDJOVV",
            "DT_API_TOKEN=dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXX"
            "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        },
    },
    {
        .id = "pagerduty-api-key",
        .description = "PagerDuty REST API key next to a PagerDuty name",
        .url = "https://support.pagerduty.com/main/docs/api-access-keys",
        .keywords = {"pagerduty", "pd_api", "pd_token"},
        .pattern = "(?i:pagerduty|pd_api|pd_token)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>u\\+[A-Za-z0-9_\\-]{18}|[A-Za-z0-9_\\-]{20})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PAGERDUTY_API_KEY=Fq" "rootleFA" "KE3pqLQ9J6",
            "pagerduty_api_key: \"FL" "rootleFA" "KEKZTdfllr\"",
        },
        .false_examples = {
            "PAGERDUTY_API_KEY=Tr" "ootlegoC",
            "PAGERDUTY_API_KEY=${PAGERDUTY_API_KEY}",
            "checksum = 4S" "GrootleF" "AKEzDj9PMT",
        },
    },
    {
        .id = "sentry-auth-token",
        .description = "Sentry auth token (organization sntrys_ or personal sntryu_)",
        .url = "https://docs.sentry.io/security-legal-pii/security/token-formats/",
        .keywords = {"sntryu_", "sntrys_"},
        .pattern = "\\b(?<secret>sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=]{40,400}_[A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+/=_]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SENTRY_AUTH_TOKEN=sn" "tryu_8831a23bd4b0ed481f52846404ec" "5cb53f10c9358202ac"
            "1884c2f9f466a6bd3e",
            "SENTRY_AUTH_TOKEN=sn"
            "trys_eyJpYXQiOjE3MDAwMDAwMDAsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwib3"
            "JnIjoicm9vdGxlLWZha2UifQ==_8adRvroo" "tleFAKE5d/FtHjrn/uTTk8qWvYEtRO8aAOm",
            "  auth.token: sn" "tryu_308b7a3f7b4fa4f9dfc1ecf3fd18" "ee0fdcd159430499df"
            "11542e75537bfbaca0",
        },
        .false_examples = {
            "SENTRY_AUTH_TOKEN=sn" "tryu_ac37581e3775009b" "9172189dd167d69454204dfe",
            "SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE",
            "SENTRY_DSN=https://43" "a0c3476c81cb7f"
            "cdda6ec841f0cb25@o123456.ingest.sentry.io/4500000000000000",
        },
    },
    {
        .id = "splunk-hec-token",
        .description = "Splunk HTTP Event Collector token next to a Splunk name",
        .url = "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
        .keywords = {"splunk", "hec_token"},
        .pattern = "(?i:splunk|hec_token)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SPLUNK_HEC_TOKEN=60" "0ce524-ac1e-263e" "-b822-61e73499504e",
            "splunk_hec_token: \"dc" "31cd22-1d79-07bf" "-7c91-523d2a2686b9\"",
        },
        .false_examples = {
            "SPLUNK_HEC_TOKEN=d9" "6c-4fbf-feda-a" "933-950a99e080b9",
            "SPLUNK_HEC_TOKEN=${SPLUNK_HEC_TOKEN}",
            "checksum = 23" "309441-0827-c2ea" "-8113-65d33f2f530d",
        },
    },
    {
        .id = "posthog-personal-api-key",
        .description = "PostHog personal API key",
        .url = "https://posthog.com/docs/api#personal-api-keys",
        .keywords = {"phx_"},
        .pattern = "\\b(?<secret>phx_[A-Za-z0-9]{43})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "POSTHOG_PERSONAL_API_KEY=ph" "x_UkrootleFAKE1LmsKy1" "oLlQgS9EDxnhzI7wJYWGdGum",
            "  \"token\": \"ph" "x_2rootleFAKEWedgDY7i" "ebX6SksLdiJ9ga8fVzQFpSqh\",",
        },
        .false_examples = {
            "POSTHOG_PERSONAL_API_KEY=ph" "x_y6eFkroo" "tleFAKEL5oZEf",
            "POSTHOG_PERSONAL_API_KEY=phx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxx",
            "if (strncmp(tok, \"phx_\", 4) == 0)",
        },
    },
    {
        .id = "segment-public-api-token",
        .description = "Segment Public API token",
        .url = "https://segment.com/docs/api/public-api/",
        .keywords = {"sgp_"},
        .pattern = "\\b(?<secret>sgp_[A-Za-z0-9]{64})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SEGMENT_TOKEN=sg" "p_sUrootleFAKEWlD00bwdgl9hYWZvYL" "mWTzy7xYmje1tpL8f"
            "lvdlMzg3T4Sd8ejx2",
            "  \"token\": \"sg" "p_xcNsZrootleFAKE8Vup2T9LCd4UTWN" "026gdRBWoN2ec4JJG"
            "3UGWn255jViHQUIz8\",",
        },
        .false_examples = {
            "SEGMENT_TOKEN=sg" "p_2X4xKrootleFAK" "EWJNV1mDTX3tgBWsrW",
            "SEGMENT_TOKEN=sgp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sgp_\", 4) == 0)",
        },
    },
    {
        .id = "honeycomb-api-key",
        .description = "Honeycomb API key next to a Honeycomb name",
        .url = "https://docs.honeycomb.io/configure/environments/manage-api-keys/",
        .keywords = {"honeycomb"},
        .pattern = "(?i:honeycomb)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{22}|[a-f0-9]{32}|hc[a-z]{2}k_[A-Za-z0-9]{58})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "HONEYCOMB_API_KEY=on" "XPmMrootl" "eFAKEeRIpvk",
            "honeycomb_api_key: \"AP" "M8rrootle" "FAKEmMMZnE9\"",
        },
        .false_examples = {
            "HONEYCOMB_API_KEY=Ar" "ootleOoFb",
            "HONEYCOMB_API_KEY=${HONEYCOMB_API_KEY}",
            "checksum = tr" "ootleFAKE" "9ewzu4540hN",
        },
    },
    {
        .id = "rollbar-access-token",
        .description = "Rollbar access token next to a Rollbar name",
        .url = "https://docs.rollbar.com/docs/access-tokens",
        .keywords = {"rollbar"},
        .pattern = "(?i:rollbar)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ROLLBAR_ACCESS_TOKEN=c9" "b2614bd3e3450d" "cf4e3a73183df419",
            "rollbar_access_token: \"f6" "e081409d541625" "54afbee7afc84e8b\"",
        },
        .false_examples = {
            "ROLLBAR_ACCESS_TOKEN=8b" "d419e1" "e2454c7c",
            "ROLLBAR_ACCESS_TOKEN=${ROLLBAR_ACCESS_TOKEN}",
            "checksum = 79" "754d1c06f83b58" "559f996bf8855e56",
        },
    },
};
const size_t det_rules_observability_count = sizeof det_rules_observability / sizeof det_rules_observability[0];
