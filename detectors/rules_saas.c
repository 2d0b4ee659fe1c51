/* rules_saas.c: built-in rules for SaaS products and their APIs (Atlassian,
 * Linear, Notion, Asana, Airtable, HubSpot, Okta, Auth0, Figma, Dropbox,
 * Contentful, Mapbox, Algolia, and more).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_saas[] = {
    {
        .id = "atlassian-api-token",
        .description = "Atlassian (Jira, Confluence) API token",
        .url = "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
        .keywords = {"atatt3"},
        .pattern = "\\b(?<secret>ATATT3[A-Za-z0-9_=\\-]{186})(?:[^A-Za-z0-9_=\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "JIRA_API_TOKEN=AT"
            "ATT3qTrootleFAKEfEUEIqeI8yQE-dHz_jOgsxrGMTVj7JLF6ZJ-hnzUhWRhEh1QshGn"
            "B65ipL2K0VaoRa4-I7CdSpQnvY" "xuli5VB_0X1p6Krp827ZiviiSfkmKGiLgk9tj_qIQgMvfryN"
            "M-7-gLS1Z1Q62cNl33GG6Gv_8zlMgporB85RuUFR=ECA5809",
            "  \"token\": \"AT"
            "ATT3tYptbdrootleFAKEmMWh2WupZbM_cnjYC0h2mdaJ6souTmBuVRcHZPvLRAOC1CqS"
            "6flCitWZuv0mL1d2IrdGSfJ793" "ckVfyILbygNq5NWDIbipvyGDpPGUvgh-mXG6M8kbQMprR8pf"
            "cyV8gzWZwDZoqKqyJbqgbmYB_m2UcEM8dnSSJ9Pp=1C5A926\",",
        },
        .false_examples = {
            "JIRA_API_TOKEN=AT" "ATT3aa8rootleFAKEZHX5POrqiZzHMEDbIOGuJZB6BcIaMtPH"
            "RlE2ZUUJOod2e7DZAnX2eiU5BY" "xmZIkEdqP9pI8tqEAw=E8378CC",
            "JIRA_API_TOKEN=ATATT3xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=xxxx" "xxx",
            "if (strncmp(tok, \"ATATT3\", 6) == 0)",
        },
    },
    {
        .id = "linear-api-key",
        .description = "Linear personal API key",
        .url = "https://linear.app/developers/graphql#personal-api-keys",
        .keywords = {"lin_api_"},
        .pattern = "\\b(?<secret>lin_api_[A-Za-z0-9]{40})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "LINEAR_API_KEY=li" "n_api_nrrootleFAKE1pgw" "8LbJ9JBP8CxRlNf4GkffbMGi",
            "  \"token\": \"li" "n_api_QBCI3rootleFAKEE" "AanVND82QDDPqN1XVvH1DxgJ\",",
        },
        .false_examples = {
            "LINEAR_API_KEY=li" "n_api_zj1TKr" "ootleFAKEc5sAF",
            "LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"lin_api_\", 8) == 0)",
        },
    },
    {
        .id = "notion-token",
        .description = "Notion integration token (secret_ or ntn_)",
        .url = "https://developers.notion.com/docs/authorization",
        .keywords = {"secret_", "ntn_"},
        .pattern = "\\b(?<secret>secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "NOTION_TOKEN=se" "cret_xKujrootleFAKEvAAp" "Db1d1VTeywVA3V7j4UWRjSqqt",
            "NOTION_TOKEN=nt" "n_35154879875jKWVbkroot" "leFAKEQY3GUvANTs4Eb826pJw",
            "  \"notion_token\": \"nt" "n_91317390478sCrootleFA"
            "KECjbvgc0pmZ8eyZGbfSO2upY\",",
        },
        .false_examples = {
            "NOTION_TOKEN=se" "cret_8Qroot" "leFAKEeVCHHPmg",
            "NOTION_TOKEN=nt" "n_RsrootleFAKE5ReUWjFc0" "YqQVfTyevSdjPVjUNWewihMiv",
            "client_secret_key_name = 'secret_'",
        },
    },
    {
        .id = "asana-pat",
        .description = "Asana personal access token (2/ form) next to an Asana name",
        .url = "https://developers.asana.com/docs/personal-access-token",
        .keywords = {"asana"},
        .pattern = "(?i:asana)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>2/[0-9]{10,20}/[0-9]{10,20}:[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ASANA_ACCESS_TOKEN=2/" "0543943474026147/348354410981865" "2:032af79e6f041b6"
            "277e2201f429e0790",
            "asana_access_token: \"2/" "0901027184742795/564992442875469"
            "1:62389be61aa22b3" "3c1e3127291e3f316\"",
        },
        .false_examples = {
            "ASANA_ACCESS_TOKEN=2/" "43705965/5934187140153342:d5" "e1ba5e58ef7785a"
            "e105b829173b8ae",
            "ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN}",
            "checksum = 2/" "4457125521295320/125792188698624" "0:230707ca9930545"
            "9ef71d996084f9a3b",
        },
    },
    {
        .id = "asana-legacy-pat",
        .description = "Asana personal access token (legacy 1/ form) next to an Asana name",
        .url = "https://developers.asana.com/docs/personal-access-token",
        .keywords = {"asana"},
        .pattern = "(?i:asana)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>1/[0-9]{10,20}:[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ASANA_TOKEN=1/" "3572755193544569:25527d" "9ae716a9ba30efebc4ad71b356",
            "asana_token: \"1/" "4197474833090989:3f6e0b" "a020feade696d5ca44e24030f9\"",
        },
        .false_examples = {
            "ASANA_TOKEN=1/" "89385419:07fa60754c" "ddb83630cd8913a47981a1",
            "ASANA_TOKEN=${ASANA_TOKEN}",
            "checksum = 1/" "8502122504997648:eb05a6" "ceea8b66f95d7c303774dafb42",
        },
    },
    {
        .id = "airtable-pat",
        .description = "Airtable personal access token",
        .url = "https://airtable.com/developers/web/guides/personal-access-tokens",
        .keywords = {"pat"},
        .pattern = "\\b(?<secret>pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "AIRTABLE_API_KEY=pa" "tArootleFAKEEs1.d5167af70b059488ebcd25e"
            "69074bcd4ad8c7a6fdb1" "776dc4c28c2a0ac91709b",
            "  \"token\": \"pa" "tivrootleFAKEu0.da5e78e0ff3cec215c13da5"
            "a74ebe0873b2971b5dd7" "fea4e1b704043ab9c5968\",",
        },
        .false_examples = {
            "AIRTABLE_API_KEY=pa" "t7vHwmQf.f4aa926e2c3f2e431d75f5e38c"
            "33d2b6de8e1ea1d6ba7" "9cd50511649811821a6",
            "AIRTABLE_API_KEY=patxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pat\", 3) == 0)",
        },
    },
    {
        .id = "hubspot-private-app-token",
        .description = "HubSpot private app access token",
        .url = "https://developers.hubspot.com/docs/api/private-apps",
        .keywords = {"pat-na1-", "pat-eu1-"},
        .pattern = "\\b(?<secret>pat-(?:na|eu)1-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "HUBSPOT_ACCESS_TOKEN=pa" "t-na1-2f1a83ea-5762-" "7634-f67b-2f344ad32fec",
            "  \"hubspot_token\": \"pa" "t-eu1-511d5273-7797-" "2be9-51ba-cb602de6ae14\",",
        },
        .false_examples = {
            "HUBSPOT_ACCESS_TOKEN=pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "HUBSPOT_ACCESS_TOKEN=pa" "t-ap9-704146e0-4c08-" "2382-ad2c-e50bda36d816",
            "HUBSPOT_ACCESS_TOKEN=pat-na1-00000000-0000-0000-0000-000000000000",
        },
    },
    {
        .id = "okta-api-token",
        .description = "Okta API token next to an Okta name",
        .url = "https://developer.okta.com/docs/guides/create-an-api-token/main/",
        .keywords = {"okta"},
        .pattern = "(?i:okta)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>00[A-Za-z0-9_\\-]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OKTA_API_TOKEN=00" "SA0rootleFAKE1sd4gb" "J1pWRSzyFDu_1Uj0nRTQH",
            "okta_api_token: \"00" "rKI9BrootleFAKETjst" "DNzBMmmkWLBePEQ_a_xLB\"",
        },
        .false_examples = {
            "OKTA_API_TOKEN=00" "cPLCrootl" "eFAKEsnNqqU",
            "OKTA_API_TOKEN=${OKTA_API_TOKEN}",
            "checksum = 00" "Iv_rootleFAKE1o4V4a" "SPr3I0ZxkMX6fRRnTwKJd",
        },
    },
    {
        .id = "auth0-client-secret",
        .description = "Auth0 application client secret next to an Auth0 name",
        .url = "https://auth0.com/docs/get-started/applications/application-settings",
        .keywords = {"auth0"},
        .pattern = "(?i:auth0)[\\w.\\-]{0,10}(?i:secret)[\\w.\\-]{0,6}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "AUTH0_CLIENT_SECRET=dP" "drootleFAKE1A-gvBSF6HxlSv3NS40" "NItMmSHRQ6GXGk2n"
            "3KD8k0hdBRCQ0iO9",
            "auth0_client_secret: \"hQ" "GrootleFAKEgzHucy6C9SaiDQEYm4g" "iG1w4mp1RcH_yfK4"
            "kixDS6c65rZcySN9\"",
        },
        .false_examples = {
            "AUTH0_CLIENT_SECRET=fa" "lrootleFAKEyl5" "422bSxz6KpJp3tSz",
            "AUTH0_CLIENT_SECRET=${AUTH0_CLIENT_SECRET}",
            "checksum = VU" "aulcrootleFAKEsbd1NjJQ7VsLN6Sx" "fFVB_RARAMoYkkBK"
            "ibOK9Eunc-T5HgGL",
        },
    },
    {
        .id = "figma-pat",
        .description = "Figma personal access token",
        .url = "https://www.figma.com/developers/api#access-tokens",
        .keywords = {"figd_"},
        .pattern = "\\b(?<secret>figd_[A-Za-z0-9_\\-]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "FIGMA_TOKEN=fi" "gd_n7UwrootleFAKEwBR" "rPgWUWI3J8oQqEmaTWv1XYA",
            "  \"token\": \"fi" "gd_xwh4rootleFAKER-P" "J3kJ3kAsgbXRkf3SPWxauDI\",",
        },
        .false_examples = {
            "FIGMA_TOKEN=fi" "gd_Y_DFsro" "otleFAKEGaSIe",
            "FIGMA_TOKEN=figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"figd_\", 5) == 0)",
        },
    },
    {
        .id = "dropbox-short-lived-token",
        .description = "Dropbox short-lived access token",
        .url = "https://developers.dropbox.com/oauth-guide",
        .keywords = {"sl."},
        .pattern = "\\b(?<secret>sl\\.(?:u\\.)?[A-Za-z0-9_\\-]{130,1400})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "DROPBOX_ACCESS_TOKEN=sl"
            ".OoXrootleFAKExTr25mThQ1sf3vGWoqrIvKUaJj5EDyXE-nu2wBWkX-07-MZOnVwz2f" "o"
            "bIVZuMbUQwgb3z22cv4N2_WFMLA_tJN3dLHF" "NESu2GaHg6vzyePEpWA7VIP1xt4Tqcl400vX",
            "  \"access_token\": \"sl"
            ".u.RqfLOrootleFAKENdWq25M8Qi7xj32O_F3duZ2T4d0v66gIVVb9_8azXRgD53SpAW"
            "zy_hPaBIxPgyzbnWiYQ9HlVOhG48HOuT6JgykAvS3FpP-Xky7NoGvMIgF4nSCDsLTYcI"
            "UjoouiieJcnCXP"
            "MtQ0-K9AiKL17RsmqgeMc5MXA-EiUuFz3YmYzf5Glb-3X37oOKroUsiOGkVxLtq3VkzF"
            "7mVQSzrM"
            "1WCdSjp9nReJWMxIJ9b__BhOGYptH9sQhmsAFWxB6qmYsHcmLQZEKQaT0bxE6b_Xmvnq"
            "Rqb6I35FL\",",
        },
        .false_examples = {
            "DROPBOX_ACCESS_TOKEN=sl" ".rVQrootleFAKEOeloZtE61K9xEU_" "XpIXUf7-V-IviFjr"
            "higvI3OaOZCMdfi8",
            "import sl.rootle.module",
            "DROPBOX_ACCESS_TOKEN=sl.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "dropbox-long-lived-token",
        .description = "Dropbox long-lived access token next to a Dropbox name",
        .url = "https://developers.dropbox.com/oauth-guide",
        .keywords = {"dropbox"},
        .pattern = "(?i:dropbox)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_=\\-]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "DROPBOX_TOKEN=oQ" "NrootleFAKEdhlSJgdTBAyleQ7fNFS" "p0yN1JBb3eleiJ5J"
            "SX8s3mPoEpSgb73R",
            "dropbox_token: \"IA" "nPe8rootleFAKE2ModB8jgXeP_CLN9" "TZ3N0pFurPCeVEgr"
            "vy0lAT0EzUGOLTPq\"",
        },
        .false_examples = {
            "DROPBOX_TOKEN=fe" "rootleFAKESXU8" "Vfjn9rV5iBsPGpR4",
            "DROPBOX_TOKEN=${DROPBOX_TOKEN}",
            "checksum = od" "oYrootleFAKE1uoPOJY3F2LTe2QS6S" "TcQyeYE4pBELG7bn"
            "EBRuR-TNBRxpcHAF",
        },
    },
    {
        .id = "contentful-pat",
        .description = "Contentful personal access token (CMA)",
        .url = "https://www.contentful.com/developers/docs/references/authentication/",
        .keywords = {"cfpat-"},
        .pattern = "\\b(?<secret>CFPAT\\-[A-Za-z0-9_\\-]{43})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "CONTENTFUL_MANAGEMENT_TOKEN=CF" "PAT-5lMe8nrootleFAKE78"
            "D0le7NYZXXEE04lzloQCd9ZQq",
            "  \"token\": \"CF" "PAT-VixrootleFAKEzoJ_b" "6s_xXToKD4wHlwTvRam45RzqD\",",
        },
        .false_examples = {
            "CONTENTFUL_MANAGEMENT_TOKEN=CF" "PAT-pdsjrro" "otleFAKElTUI7X",
            "CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxx",
            "if (strncmp(tok, \"CFPAT-\", 6) == 0)",
        },
    },
    {
        .id = "mapbox-secret-token",
        .description = "Mapbox secret access token",
        .url = "https://docs.mapbox.com/help/dive-deeper/access-tokens/",
        .keywords = {"sk.eyj"},
        .pattern = "\\b(?<secret>sk\\.eyJ[A-Za-z0-9_\\-]{20,300}\\.[A-Za-z0-9_\\-]{20,100})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "MAPBOX_SECRET_TOKEN=sk" ".eyJ1Ijoicm9vdGxlLWZha2UiLCJhIjoifzUCd5roo"
            "tleFAKELeK5GON_6pmHAH." "a7EatlrootleFAKES9wXM_",
            "mapbox: { token: 'sk" ".eyJ1Ijoicm9vdGxlIiwiYSI6ImwrootleFAKE"
            "rWPhOgOg9IYxGG4tj.mn" "aprootleFAKEuixrq8s7' }",
        },
        .false_examples = {
            "MAPBOX_PUBLIC_TOKEN=pk" ".eyJ1Ijoicm9vdGxlLWZha2UiLCJhIjoiXYerootle"
            "FAKEjl7SgqLSSZiz9Y4f7." "9ohrootleFAKEM5oouDIq4",
            "MAPBOX_SECRET_TOKEN=sk" ".eyJ1Ijoi8Ap2Z.xa" "uHsirootleFAKErUBgyo",
            "prefix = 'sk.eyJ'",
        },
    },
    {
        .id = "algolia-admin-key",
        .description = "Algolia admin API key next to an Algolia name",
        .url = "https://www.algolia.com/doc/guides/security/api-keys/",
        .keywords = {"algolia"},
        .pattern = "(?i:algolia)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ALGOLIA_ADMIN_KEY=04" "c194cce4ad8c28" "d902e535a5581b98",
            "algolia_admin_key: \"2d" "824ae473dd19f4" "19c0fe1ca5eade94\"",
        },
        .false_examples = {
            "ALGOLIA_ADMIN_KEY=05" "f95121" "c7ec923a",
            "ALGOLIA_ADMIN_KEY=${ALGOLIA_ADMIN_KEY}",
            "checksum = bc" "11654410965316" "5abe410739f074bf",
        },
    },
    {
        .id = "zendesk-api-token",
        .description = "Zendesk API token next to a Zendesk name",
        .url = "https://developer.zendesk.com/api-reference/introduction/security-and-auth/",
        .keywords = {"zendesk"},
        .pattern = "(?i:zendesk)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ZENDESK_API_TOKEN=im" "rootleFAKE95DJwoHB" "VCwkjW0JBCiuJJtvqsGF",
            "zendesk_api_token: \"Kj" "8yrootleFAKEYWVJBz" "ae6Z0HLLmFv8ENzS8liG\"",
        },
        .false_examples = {
            "ZENDESK_API_TOKEN=G8" "rootleFA" "KEe24qe3lE",
            "ZENDESK_API_TOKEN=${ZENDESK_API_TOKEN}",
            "checksum = Ir" "1wQrootleFAKE5cP1Z" "pgs8s9Otfz2wm5BBUPQE",
        },
    },
    {
        .id = "typeform-pat",
        .description = "Typeform personal access token",
        .url = "https://www.typeform.com/developers/get-started/personal-access-token/",
        .keywords = {"tfp_"},
        .pattern = "\\b(?<secret>tfp_[A-Za-z0-9_\\-]{40,60}_[A-Za-z0-9_\\-]{10,20})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TYPEFORM_TOKEN=tf" "p_xrootleFAKEMpaMLKeP7XxQMf_v" "-5rvnPryUUwvxk2Z"
            "m_hblrootleFAKEy",
            "  \"token\": \"tf" "p_A0PwjRrootleFAKEkyCUnGplubJ" "4JBKXmgwzTIN3Gof"
            "I_IlrrootleFAKEX\",",
        },
        .false_examples = {
            "TYPEFORM_TOKEN=tf" "p_sgrootleFAKEQ1bR" "ejN_XY_2rootleFAKEcPZ",
            "TYPEFORM_TOKEN=tfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxx"
            "xxxxxxxxxx",
            "if (strncmp(tok, \"tfp_\", 4) == 0)",
        },
    },
    {
        .id = "clickup-pat",
        .description = "ClickUp personal API token",
        .url = "https://clickup.com/api/developer-portal/authentication/",
        .keywords = {"pk_"},
        .pattern = "\\b(?<secret>pk_[0-9]{6,10}_[A-Z0-9]{32})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "CLICKUP_API_TOKEN=pk" "_35314323_PROOTLEFAK" "ERFQKSCOOQ8HSF8JYKF3RK",
            "  \"token\": \"pk" "_02423995_9E17ROOTLE" "FAKE949T1Q04T7SJMXR5Z6\",",
        },
        .false_examples = {
            "CLICKUP_API_TOKEN=pk" "_0868_95M2ROOTLEFA" "KEUB3A0AX0TVYZ4MJSY9",
            "CLICKUP_API_TOKEN=pk_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pk_\", 3) == 0)",
        },
    },
    {
        .id = "launchdarkly-access-token",
        .description = "LaunchDarkly API access token",
        .url = "https://launchdarkly.com/docs/home/account/api",
        .keywords = {"api-"},
        .pattern = "\\b(?<secret>api-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "LD_API_KEY=ap" "i-151037cc-f854-8d" "a8-9a97-23adc0949282",
            "  \"launchdarkly_token\": \"ap" "i-b4d2c4d4-f7d0-25" "f6-0d7d-6e930cb052f5\",",
        },
        .false_examples = {
            "LD_API_KEY=api-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "LD_SDK_KEY=sd" "k-4f2cf11a-eea4-81" "7b-45b0-d713ad1a5718",
            "LD_API_KEY=api-53" "634ea3",
        },
    },
    {
        .id = "frameio-api-token",
        .description = "Frame.io developer token",
        .url = "https://developer.frame.io/docs/getting-started/authentication",
        .keywords = {"fio-u-"},
        .pattern = "\\b(?<secret>fio\\-u\\-[A-Za-z0-9_=\\-]{64})(?:[^A-Za-z0-9_=\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "FRAMEIO_TOKEN=fi" "o-u-c5rootleFAKE80IBrWRdwSXPhpZEz" "gTFM2WoLAJJgExWIw"
            "oFvUGAGRYsiAP3lQNo",
            "  \"token\": \"fi" "o-u-AMrootleFAKEk_c3X-qn1McAbvicY" "OwYnYrmQw0OYWAnSX"
            "l4IDgXfJ_pOGqZzCY6\",",
        },
        .false_examples = {
            "FRAMEIO_TOKEN=fi" "o-u-CrootleFAKEf-" "vo3xs0W_SHeTpaA2zrs",
            "FRAMEIO_TOKEN=fio-u-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"fio-u-\", 6) == 0)",
        },
    },
    {
        .id = "readme-api-key",
        .description = "ReadMe API key",
        .url = "https://docs.readme.com/main/reference/intro-to-the-readme-api#authentication",
        .keywords = {"rdme_"},
        .pattern = "\\b(?<secret>rdme_[a-z0-9]{70})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "README_API_KEY=rd" "me_hdmorootlefakexodskscxqyx9dnoqsq" "n6jqm67dar59p6luxsk"
            "0s4s0xls3x2atzsex2p",
            "  \"token\": \"rd" "me_trootlefake6vzjyb2jfvwvwrqrr4zyw" "l7cliwec4rqii8xng4f"
            "piwrqc0wau6lpl3fbva\",",
        },
        .false_examples = {
            "README_API_KEY=rd" "me_zrrootlefakesz3" "sx50rrk3zxrau6pmv4wp",
            "README_API_KEY=rdme_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"rdme_\", 5) == 0)",
        },
    },
    {
        .id = "intercom-access-token",
        .description = "Intercom access token next to an Intercom name",
        .url = "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication",
        .keywords = {"intercom"},
        .pattern = "(?i:intercom)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>dG9rOj[A-Za-z0-9_=\\-]{40,80})(?:[^A-Za-z0-9_=\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "INTERCOM_ACCESS_TOKEN=dG" "9rOjXtjrootleFAKEEk8f8XzQ5pP" "OXC6bvF_kzjSwfC"
            "Vhi6n3SAbhYAUHD",
            "intercom_access_token: \"dG" "9rOj_XaVIrootleFAKElTXkt1rsZ" "Hj1dQ4xWBTLb8DD"
            "9v0t2GmMzqVJOiR\"",
        },
        .false_examples = {
            "INTERCOM_ACCESS_TOKEN=dG" "9rOjeNKI5rootl" "eFAKEBZApk1PuRuai",
            "INTERCOM_ACCESS_TOKEN=${INTERCOM_ACCESS_TOKEN}",
            "checksum = dG" "9rOjGDMXrootleFAKEsMBQnL3CIg" "-drseGhjL0vcPwz"
            "jgvEAKoYZUnZozm",
        },
    },
    {
        .id = "salesforce-access-token",
        .description = "Salesforce OAuth access token next to a Salesforce name",
        .url = "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_access_tokens.htm",
        .keywords = {"salesforce", "sfdc", "sf_access"},
        .pattern = "(?i:salesforce|sfdc|sf_access)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{96})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "SALESFORCE_ACCESS_TOKEN=00"
            "DqOTKrootleFAKEa!6K6prootleFAKEfaaVuz9XEySoQEPI5cJ0aVta"
            "V5L3O65MSi5bHkX447oVepa9qUBUG" "WAyxidSo71lQWWop3iCFA9UX19Ykm",
            "salesforce_access_token: \"00"
            "D6NrootleFAKE5jn!V5mCwrootleFAKENKvohdlijZ4MhRup1XXnUaN"
            "pAtt4AJp4Y5DhGYTqDxAjbfDZnSz8" "iGmz7aFkyF5FuNTyoHECRkSshhRlS\"",
        },
        .false_examples = {
            "SALESFORCE_ACCESS_TOKEN=00"
            "Dq1qZxit!rMT41rootleFAKEELV8BYko6zzLz81e3QuGKHUJZKh"
            "GGgnK5njW6vGJUuYSJe3jWFTUQ4" "HwNxiTouUYnBlZLv3g8ysJO6IMd",
            "SALESFORCE_ACCESS_TOKEN=${SALESFORCE_ACCESS_TOKEN}",
            "checksum = 00" "DpNwrootleFAKE8J!A9YGarootleFAKEMS0hS4wbNoRkS3uRWwJ7lRy"
            "iCTTaRUMKF1iCFfY0DmuNJGKMoqSX" "9QJ1rOfET9aJehi23gp8oTeKmKcVa",
        },
    },
};
const size_t det_rules_saas_count = sizeof det_rules_saas / sizeof det_rules_saas[0];
