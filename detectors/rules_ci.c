/* rules_ci.c: built-in rules for CI/CD, infrastructure and secret-management
 * services (CircleCI, Travis CI, Buildkite, Terraform Cloud, Vault, Doppler,
 * Pulumi, Snyk, SonarQube, Postman).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_ci[] = {
    {
        .id = "circleci-pat",
        .description = "CircleCI personal API token (CCIPAT_ format)",
        .url = "https://circleci.com/docs/managing-api-tokens/",
        .keywords = {"ccipat_"},
        .pattern = "\\b(?<secret>CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "CIRCLECI_TOKEN=CC" "IPAT_KrootleFAKEtlir4WG2VEN_3436a" "4ec90e4bfefec21b4"
            "afd0b31b761c9c1416",
            "  \"circle_token\": \"CC" "IPAT_26tOlrootleFAKE4YvnUWc_ac2d3"
            "f7f2598ab7c3978ce" "866567922876b644ce\",",
        },
        .false_examples = {
            "CIRCLECI_TOKEN=CC" "IPAT_4rootleFAKEEhlJNMe" "dJV5_16464e1ae762c820b5a9",
            "CIRCLECI_TOKEN=CCIPAT_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxx",
            "if token.startswith('CCIPAT_'):",
        },
    },
    {
        .id = "circleci-token",
        .description = "CircleCI API token (legacy 40-hex form) next to a CircleCI name",
        .url = "https://circleci.com/docs/managing-api-tokens/",
        .keywords = {"circle"},
        .pattern = "(?i:circle)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "CIRCLE_TOKEN=ff" "83e9b6d297d83668db" "00fa3b72331d911b5aea",
            "circle_token: \"0e" "11c3d3bcd349c7cecf" "d531731fb57f1deb856f\"",
        },
        .false_examples = {
            "CIRCLE_TOKEN=7e" "a635513d" "36c7c2dbee",
            "CIRCLE_TOKEN=${CIRCLE_TOKEN}",
            "checksum = d3" "e0d11c1eda1ef8df52" "4a2c717a96be66338dd9",
        },
    },
    {
        .id = "travis-ci-token",
        .description = "Travis CI API token next to a Travis name",
        .url = "https://docs.travis-ci.com/user/triggering-builds/",
        .keywords = {"travis"},
        .pattern = "(?i:travis)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{22})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TRAVIS_API_TOKEN=fQ" "jierootle" "FAKEBPFqRM6",
            "travis_api_token: \"ph" "rootleFAK" "EIcm0mVXlfW\"",
        },
        .false_examples = {
            "TRAVIS_API_TOKEN=c7" "9rootlevB",
            "TRAVIS_API_TOKEN=${TRAVIS_API_TOKEN}",
            "checksum = yr" "ootleFAKE" "Gveo8D_uJIS",
        },
    },
    {
        .id = "buildkite-api-token",
        .description = "Buildkite user API access token",
        .url = "https://buildkite.com/docs/apis/managing-api-tokens",
        .keywords = {"bkua_"},
        .pattern = "\\b(?<secret>bkua_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "BUILDKITE_API_TOKEN=bk" "ua_e2b8748bcf5fad68c" "e206b215ffc7dfbe7055e57",
            "  \"token\": \"bk" "ua_31c16a464c24e8fb7" "15b84a2f4776b7a3a484eb8\",",
        },
        .false_examples = {
            "BUILDKITE_API_TOKEN=bk" "ua_c1e8da1" "b97116863bf30",
            "BUILDKITE_API_TOKEN=bkua_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"bkua_\", 5) == 0)",
        },
    },
    {
        .id = "buildkite-agent-token",
        .description = "Buildkite agent registration token next to a Buildkite agent name",
        .url = "https://buildkite.com/docs/agent/v3/tokens",
        .keywords = {"buildkite", "bk_agent"},
        .pattern = "(?i:buildkite[\\w.\\-]{0,10}agent|bk_agent)[\\w.\\-]{0,10}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{50})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BUILDKITE_AGENT_TOKEN=MM" "rootleFAKE0WZHNP2nLyGdP" "O2l6AWBXCLFeyMiSCQqdBm8O4",
            "buildkite_agent_token: \"7g" "IarootleFAKE7WkLxyofcVn"
            "Fw8GmxknYDWG3Nc1tabqMrD2l\"",
        },
        .false_examples = {
            "BUILDKITE_AGENT_TOKEN=JO" "W1rootleFA" "KEpDvXV3TN7CV",
            "BUILDKITE_AGENT_TOKEN=${BUILDKITE_AGENT_TOKEN}",
            "checksum = MT" "32AerootleFAKEDbDX2j27S" "bS4bhrRCYoNoCuN1GGuC1UvNT",
        },
    },
    {
        .id = "terraform-cloud-token",
        .description = "HCP Terraform (Terraform Cloud/Enterprise) API token",
        .url = "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
        .keywords = {".atlasv1."},
        .pattern = "\\b(?<secret>[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=\\-]{60,70})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TFE_TOKEN=ak" "erootleFAKED.atlasv1.rOrootleFAKEIAvtEQ3WOj"
            "0TAZ12nq3UhPSGF5IhlW9e" "VAngOHXCtIAtSDU2w7B0KLB",
            "credentials \"app.terraform.io\" {\n" "  token = \"0z"
            "0rootleFAKEU.atlasv1.xlrootleFAKEVfA5BYcTEK" "kaInMo-IEB3BWTPkwSVnzU"
            "Qkpy9jk7nCAtiUz008-Gfe4\"\n" "}",
        },
        .false_examples = {
            "TFE_TOKEN=DH" "rootleFAKEdl.atlasv1.3ti" "Ht2rootleFAKEqwyB_GRrnDyK0x",
            "TFE_TOKEN=xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "TFE_TOKEN=vE" "rootleFAKEuM.atlasv2.JKrootleFAKEGFlpIhKPBX"
            "iFHqUaCg01z1aV_WLZcCad" "4U8d6KWuq7YJ7NFFvOlRqvf",
        },
    },
    {
        .id = "vault-service-token",
        .description = "HashiCorp Vault service token",
        .url = "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
        .keywords = {"hvs."},
        .pattern = "\\b(?<secret>hvs\\.[A-Za-z0-9_\\-]{90,250})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "VAULT_TOKEN=hv" "s.OLrZKrootleFAKETuVOe86U9OI8Nt11psEuq5EUURNU"
            "msedsDqTJKvs87sL61HxZlEp" "cyCy_3m4bxiLSAf-ooKnSWAZ",
            "  \"token\": \"hv" "s.HrootleFAKEi8MhqmjudY6IiwRSMrPmSGTB0UeLZi6Q"
            "8W2vmCwKiR9AmWuUJiAQruTO" "Z5jaa5ZJL0036W_hNZmMvnsL\",",
        },
        .false_examples = {
            "VAULT_TOKEN=hv" "s.borootleFAKEMb5zxZf3" "2QtjuPFwv-XoK6fn1zzQbYCUs",
            "VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"hvs.\", 4) == 0)",
        },
    },
    {
        .id = "vault-batch-token",
        .description = "HashiCorp Vault batch token",
        .url = "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
        .keywords = {"hvb."},
        .pattern = "\\b(?<secret>hvb\\.[A-Za-z0-9_\\-]{138,300})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "VAULT_TOKEN=hv"
            "b.mpKDGHrootleFAKEhYYeqwbKkPbNhvQiLZoCs0LbFC5neCx6W4EBQm99E5fZJB3SAH" "i"
            "pIcARMsZj9W7SoUyamg64RXWU_0pVRhCziW" "tNgFW2DICB73uSWHBvKHPSTCgcYJs0s_xYiY",
            "  \"token\": \"hv"
            "b.0ewrootleFAKEbMpVzeovEaUpm6MBXvZUjUOYw3naIk_7dGhpyTrq5VM6QTAxVQNaO" "H"
            "-cyslLcvDMhjlnX3-pwjza1sJ5mnysDkQOp" "efrRFsVgzHcmrrFA0kAMRkNFiG9_GaYGsjvc\",",
        },
        .false_examples = {
            "VAULT_TOKEN=hv" "b.p_ErootleFAKERQYeGLEGYt0UYavfdD1" "oxQrRM5kzzMaosyx7n"
            "I9H-OpXWo0SWXuzLbT-",
            "VAULT_TOKEN=hvb.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"hvb.\", 4) == 0)",
        },
    },
    {
        .id = "vault-recovery-token",
        .description = "HashiCorp Vault recovery token",
        .url = "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
        .keywords = {"hvr."},
        .pattern = "\\b(?<secret>hvr\\.[A-Za-z0-9_\\-]{90,250})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "VAULT_RECOVERY_TOKEN=hv" "r.iWn9ExrootleFAKER6nrPs2eNA7Pp_aMCm0ao2YVWG_"
            "3OWBFK63sYHt8LuXweKhE0Si" "3cp3bNbu_UowOdz27ykQbpDJ",
            "  \"token\": \"hv" "r.Ko2H-rootleFAKEOB7f8lwshaHPNPFKWl0HKOYS5BXZ"
            "bbUAuDdFSVOe0SasGJvknGb8" "DKFL_bOOCE04OFCAgMgnUvGM\",",
        },
        .false_examples = {
            "VAULT_RECOVERY_TOKEN=hv" "r.rrT0LrootleFAKEjL4MP" "GGJESZ1mckKJhn5_i32fDuNVT",
            "VAULT_RECOVERY_TOKEN=hvr.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"hvr.\", 4) == 0)",
        },
    },
    {
        .id = "doppler-token",
        .description = "Doppler token (personal, service, service account, CLI, SCIM or audit)",
        .url = "https://docs.doppler.com/docs/token-formats",
        .keywords = {"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."},
        .pattern = "\\b(?<secret>dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_\\-]{1,64}\\.)?[A-Za-z0-9]{40,44})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DOPPLER_TOKEN=dp" ".st.sJdrootleFAKEKnAmA" "aYUgze9mkSBuAAFuIsPsf3MGF",
            "DOPPLER_TOKEN=dp" ".pt.GM0vrootleFAKEI4TI" "VJiI67vGltZe7ODz8dOjj2xsg",
            "doppler_token: dp" ".st.prd.1kNrootleFAKEuTN" "yX2SuBonx9e8hvKowZkrqRsJ89r",
        },
        .false_examples = {
            "DOPPLER_TOKEN=dp" ".st.cY8Kroo" "tleFAKElnBcTb",
            "DOPPLER_TOKEN=dp" ".zz.karootleFAKEwbYLvi" "n2YMMEpdqrhkUOutwYwESGHYB",
            "DOPPLER_TOKEN=dp.st.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "pulumi-access-token",
        .description = "Pulumi Cloud access token",
        .url = "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",
        .keywords = {"pul-"},
        .pattern = "\\b(?<secret>pul\\-[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "PULUMI_ACCESS_TOKEN=pu" "l-cec827c39e98de7ba7" "b083fa9118cc52a80a973c",
            "  \"token\": \"pu" "l-eba8f6b1cdaf03aee3" "8460e0240102efcbd06504\",",
        },
        .false_examples = {
            "PULUMI_ACCESS_TOKEN=pu" "l-26670fa7" "4dcf6c8975b0",
            "PULUMI_ACCESS_TOKEN=pul-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pul-\", 4) == 0)",
        },
    },
    {
        .id = "snyk-api-token",
        .description = "Snyk API token next to a Snyk name",
        .url = "https://docs.snyk.io/snyk-api/authentication-for-api",
        .keywords = {"snyk"},
        .pattern = "(?i:snyk)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SNYK_TOKEN=d8" "b3bb5d-2277-1684" "-a61f-6370802f1c3d",
            "snyk_token: \"cc" "bfbae8-453d-426c" "-d9e1-a56ac8e4c74a\"",
        },
        .false_examples = {
            "SNYK_TOKEN=67" "c0-f946-aa81-0" "27c-51677ada10ea",
            "SNYK_TOKEN=${SNYK_TOKEN}",
            "checksum = a5" "7f0c19-d094-4c0d" "-f463-afd2ab626d3d",
        },
    },
    {
        .id = "sonarqube-user-token",
        .description = "SonarQube user token",
        .url = "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
        .keywords = {"squ_"},
        .pattern = "\\b(?<secret>squ_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SONAR_TOKEN=sq" "u_5ed6a848ca02eebf9c" "9301040851fddac640dac7",
            "  \"token\": \"sq" "u_764f6a15250d91d66f" "0973a0fd67e5545eb379dd\",",
            "sonar-scanner -Dsonar.token=sq" "u_4cddef7d720ab78da5" "b764f55471cbafbb7fde73",
        },
        .false_examples = {
            "SONAR_TOKEN=sq" "u_e0c4d8cb" "9df3a354952e",
            "SONAR_TOKEN=squ_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"squ_\", 4) == 0)",
        },
    },
    {
        .id = "sonarqube-project-token",
        .description = "SonarQube project analysis token",
        .url = "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
        .keywords = {"sqp_"},
        .pattern = "\\b(?<secret>sqp_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SONAR_TOKEN=sq" "p_a93c16ef39b73f4d11" "013836380295e4566ce224",
            "  \"token\": \"sq" "p_fb818655e5dd470911" "5ce46e6343890ba91a00ce\",",
            "sonar-scanner -Dsonar.token=sq" "p_fd3fccb99efe98f7a6" "d931acf323ea9c2b6f22eb",
        },
        .false_examples = {
            "SONAR_TOKEN=sq" "p_80b2adbf" "d829ffe7e994",
            "SONAR_TOKEN=sqp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sqp_\", 4) == 0)",
        },
    },
    {
        .id = "sonarqube-global-token",
        .description = "SonarQube global analysis token",
        .url = "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
        .keywords = {"sqa_"},
        .pattern = "\\b(?<secret>sqa_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SONAR_TOKEN=sq" "a_fda3ed80eb09a4caf2" "ac10ef473a3647b841d998",
            "  \"token\": \"sq" "a_d2083916813f6070ee" "6f4b1b4378721e53405e40\",",
            "sonar-scanner -Dsonar.token=sq" "a_c136f70d954a17bb38" "ad1375c06b7266f4d0bd34",
        },
        .false_examples = {
            "SONAR_TOKEN=sq" "a_1c29c99b" "2710828be856",
            "SONAR_TOKEN=sqa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sqa_\", 4) == 0)",
        },
    },
    {
        .id = "postman-api-key",
        .description = "Postman API key",
        .url = "https://learning.postman.com/docs/developer/postman-api/authentication/",
        .keywords = {"pmak-"},
        .pattern = "\\b(?<secret>PMAK\\-[a-f0-9]{24}-[a-f0-9]{34})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "POSTMAN_API_KEY=PM" "AK-16d8c79b3783fdcbbe8d7b55-54" "2b66d23a6fcc58cb"
            "75d33dcc2c452e26",
            "  \"token\": \"PM" "AK-5c844aa843b751854650e19a-89" "b9e924a9a4079523"
            "e5d5696aee2b852a\",",
        },
        .false_examples = {
            "POSTMAN_API_KEY=PM" "AK-6a8ca6c6dbb3-a0c89e95" "4fa1ae7d1e577c347b0dee4f50",
            "POSTMAN_API_KEY=PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxx",
            "if (strncmp(tok, \"PMAK-\", 5) == 0)",
        },
    },
    {
        .id = "codecov-token",
        .description = "Codecov upload token next to a Codecov name",
        .url = "https://docs.codecov.com/docs/codecov-tokens",
        .keywords = {"codecov"},
        .pattern = "(?i:codecov)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "CODECOV_TOKEN=c9" "f01c92-c541-7505" "-da48-0a20964ab775",
            "codecov_token: \"9a" "913b91-f2ff-75a8" "-a5f2-fa53c171e517\"",
        },
        .false_examples = {
            "CODECOV_TOKEN=1b" "1b-4779-d1a4-3" "772-b478f904aeda",
            "CODECOV_TOKEN=${CODECOV_TOKEN}",
            "checksum = 34" "6b5eeb-d3ed-810b" "-c36b-5130f07e58c3",
        },
    },
    {
        .id = "octopus-deploy-api-key",
        .description = "Octopus Deploy API key",
        .url = "https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key",
        .keywords = {"api-"},
        .pattern = "\\b(?<secret>API\\-[A-Z0-9]{26,32})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OCTOPUS_API_KEY=AP" "I-GDH9UPROOTLEF" "AKE6N33JVD1HOGUIY",
            "  \"token\": \"AP" "I-4CREOROOTLEFA" "KEGSLEC7DMWE1983O\",",
        },
        .false_examples = {
            "OCTOPUS_API_KEY=AP" "I-EROOT" "LEFAKEBTCQ",
            "OCTOPUS_API_KEY=API-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"API-\", 4) == 0)",
        },
    },
    {
        .id = "fly-io-token",
        .description = "Fly.io access token",
        .url = "https://fly.io/docs/security/tokens/",
        .keywords = {"flyv1 fm2_"},
        .pattern = "\\b(?<secret>FlyV1\\ fm2_[A-Za-z0-9+/=,_\\-]{120,4000})(?:[^A-Za-z0-9+/=,_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "FLY_API_TOKEN=Fl"
            "yV1 fm2_N+rootleFAKEeJvgRzgIy3gj+jZuotJW+oDqpnwLZo7+xPCZbZpIHamVWkDT"
            "gGfAkLInc6R4xNPIDCmJg6Ori9oPJFd+8bx"
            "8vDvgYiXZlBjdPw3TeuZ5nS4y7A1OL3sDyQdJmLCxsw+LRqIrRjX"
            "UdAQj3fAsuRpdLV4w8b21k00OufPH9i92YcWbW89VJymO26DgudzB",
            "  \"token\": \"Fl"
            "yV1 fm2_8Hq2strootleFAKEXJuKHEQlUaZQxyq3JytSSPdo6wscQWWiled8TVsSi7kT"
            "GilldMqTKkkj/qq15AEmFx2RlO19zP+NI15"
            "neiDiRl6Sk4U2miaVePyC+TxnfvSU15vQ9li152rSvDkOpewBcmQ"
            "rXx9WP5Y8PILu9o52vXbw/J/rBp1LtvQOjazRmoRIav8MGHwWg/Vw\",",
        },
        .false_examples = {
            "FLY_API_TOKEN=Fl" "yV1 fm2_RP4rootleFAKEQGJ7RbVLXng47/G/lpT9gd5sFynkyr+d"
            "5bhsdTdX+QkQuWl1D2rp4kjkmIH" "N9Jr/VtS5QIhRFRPWgARGHVafiwS",
            "FLY_API_TOKEN=FlyV1 fm2_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"FlyV1 fm2_\", 10) == 0)",
        },
    },
    {
        .id = "netlify-pat",
        .description = "Netlify personal access token",
        .url = "https://docs.netlify.com/api/get-started/#authentication",
        .keywords = {"nfp_"},
        .pattern = "\\b(?<secret>nfp_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "NETLIFY_AUTH_TOKEN=nf" "p_PrbkrootleFAKEdu" "273lDfT7NGKUsykhHxmG",
            "  \"token\": \"nf" "p_UXrootleFAKE54Ew" "pIL502EXB5LQE1oi1U6a\",",
        },
        .false_examples = {
            "NETLIFY_AUTH_TOKEN=nf" "p_3rLsroo" "tleFAKE4etH",
            "NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"nfp_\", 4) == 0)",
        },
    },
    {
        .id = "render-api-key",
        .description = "Render API key",
        .url = "https://render.com/docs/api#1-create-an-api-key",
        .keywords = {"rnd_"},
        .pattern = "\\b(?<secret>rnd_[A-Za-z0-9]{32})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "RENDER_API_KEY=rn" "d_PLZrootleFAKEY" "NH68IVpw5ihyArMoGj",
            "  \"token\": \"rn" "d_IlNprootleFAKE" "v2giY4t1vcxCl8hxlZ\",",
        },
        .false_examples = {
            "RENDER_API_KEY=rn" "d_Ygroot" "leFAKEdJwj",
            "RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"rnd_\", 4) == 0)",
        },
    },
    {
        .id = "vercel-token",
        .description = "Vercel access token next to a Vercel name",
        .url = "https://vercel.com/docs/rest-api#creating-an-access-token",
        .keywords = {"vercel"},
        .pattern = "(?i:vercel)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{24})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "VERCEL_TOKEN=4Q" "URqsrootle" "FAKEwDUuv28u",
            "vercel_token: \"Zg" "rootleFAKE" "5p4Dgkfvv21G\"",
        },
        .false_examples = {
            "VERCEL_TOKEN=vr" "ootleNJBvL",
            "VERCEL_TOKEN=${VERCEL_TOKEN}",
            "checksum = bk" "RRxrootleF" "AKEA98uGrDn2",
        },
    },
    {
        .id = "prefect-api-key",
        .description = "Prefect Cloud API key",
        .url = "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys",
        .keywords = {"pnu_"},
        .pattern = "\\b(?<secret>pnu_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PREFECT_API_KEY=pn" "u_YrootleFAKELiQrB" "afLSRsrKufWPQzt2OVNd",
            "  \"token\": \"pn" "u_yzRWwrootleFAKEf" "rMNbLw3U1eByc6j7sbQM\",",
        },
        .false_examples = {
            "PREFECT_API_KEY=pn" "u_VLckroo" "tleFAKETLtp",
            "PREFECT_API_KEY=pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pnu_\", 4) == 0)",
        },
    },
};
const size_t det_rules_ci_count = sizeof det_rules_ci / sizeof det_rules_ci[0];
