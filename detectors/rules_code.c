/* rules_code.c: built-in rules for source hosting and package registries
 * (GitHub, GitLab, Bitbucket, npm, PyPI, RubyGems, NuGet, Docker Hub,
 * JFrog).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_code[] = {
    {
        .id = "github-pat-classic",
        .description = "GitHub personal access token (classic)",
        .url = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        .keywords = {"ghp_"},
        .pattern = "\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITHUB_TOKEN=gh" "p_CpTrootleFAKElSC" "nhUSCfF7KvoxrwmY7sof",
            "  \"token\": \"gh" "p_0cyBarootleFAKEC" "Sx4DWMVLPI8F1CG1JTUf\"",
            "git clone https://x-access-token:gh" "p_kmeBYrootleFAKEk"
            "iYPvhJjx6GajYO9jAm20@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "p_j9UayYrootleF" "AKE4j37oqNIb0LHkH",
            "token = gh" "p_0TLrootleFAKE5Wefx" "3hK4l3RosPQEt2gUPpynjO",
            "if token.startswith(\"ghp_\"):",
            "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "github-oauth",
        .description = "GitHub OAuth access token",
        .url = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        .keywords = {"gho_"},
        .pattern = "\\b(?<secret>gho_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITHUB_TOKEN=gh" "o_x6KorootleFAKE0I" "DdWI35nPTvCbcf3vDL9j",
            "  \"token\": \"gh" "o_zqr4fprootleFAKE" "uUTRKWq2hvuX0Fw4b0P8\"",
            "git clone https://x-access-token:gh" "o_XrootleFAKEG75WP"
            "tEX8riqqrTC5kW74hAYq@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "o_8A0rootleFAKE" "AkLdGNXEgIZLc2mGg",
            "token = gh" "o_tezLXqrootleFAKEJH" "pIEo7ZKLOzS0225GD7mNAm",
            "if token.startswith(\"gho_\"):",
            "GITHUB_TOKEN=gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "github-user-to-server",
        .description = "GitHub App user-to-server token",
        .url = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        .keywords = {"ghu_"},
        .pattern = "\\b(?<secret>ghu_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITHUB_TOKEN=gh" "u_NAz6rootleFAKEoc" "sMnYTJ2VXnYG4znnMVAb",
            "  \"token\": \"gh" "u_uMKBgrootleFAKEQ" "dO4zFEN7muI6PyPt2iXh\"",
            "git clone https://x-access-token:gh" "u_BkrootleFAKEgMcC"
            "3GLaI3rzfg6OPDXK3yjq@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "u_b0irootleFAKE" "PRWww5oymiMSlPGiC",
            "token = gh" "u_TjLvrootleFAKEIaUi" "Sm06BxpiPBUeDNZG0ctoz7",
            "if token.startswith(\"ghu_\"):",
            "GITHUB_TOKEN=ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "github-server-to-server",
        .description = "GitHub App server-to-server (installation) token",
        .url = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        .keywords = {"ghs_"},
        .pattern = "\\b(?<secret>ghs_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITHUB_TOKEN=gh" "s_fijMwxrootleFAKE" "cGroMww1pLoQmt4QAEz2",
            "  \"token\": \"gh" "s_qYrootleFAKEBzMg" "VRokNxejJcCYgZZDoDSW\"",
            "git clone https://x-access-token:gh" "s_uMdrootleFAKEjee"
            "CxjMHU06tT7buzP1svK3@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "s_lRrootleFAKEr" "j3lX9GqsXbgbc0eOG",
            "token = gh" "s_hrootleFAKEmcn6dDG" "FZ3ZwRMprfkq8rWmYigzHl",
            "if token.startswith(\"ghs_\"):",
            "GITHUB_TOKEN=ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "github-refresh-token",
        .description = "GitHub App refresh token",
        .url = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
        .keywords = {"ghr_"},
        .pattern = "\\b(?<secret>ghr_[A-Za-z0-9]{36,76})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "refresh_token=gh" "r_PfYrootleFAKEQn1RFKZ9GyDN2W2LL2SkHO1"
            "4pxAaSKJ1lImUjMHVqfM" "TnsyCt1mMLVqgMM9p5bH",
            "  \"refresh_token\": \"gh" "r_lk6tRrootleFAKEL" "Awost14gTYiYZEUVIQ4R\",",
        },
        .false_examples = {
            "refresh_token=gh" "r_cK7dMYro" "otleFAKEeFxc",
            "prefixes = ['ghr_', 'ghs_']",
            "refresh_token=ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "github-pat-fine-grained",
        .description = "GitHub fine-grained personal access token",
        .url = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
        .keywords = {"github_pat_"},
        .pattern = "\\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GH_TOKEN=gi" "thub_pat_HjLrootleFAKEQ8T3a0Svy_MrootleFAKEW"
            "psIq21mwNi3pG0ybNQwii6q" "o3PIq4zkqEyVDvwc8Q3otD9q",
            "token: \"gi" "thub_pat_mProotleFAKECvW22FKqLM_5z0rootleFAK"
            "EpnCgn2ntoh4ArafxoDi4Ph" "7PqG0UbLC52gnYTWB6dVYcfe\"",
        },
        .false_examples = {
            "GH_TOKEN=gi" "thub_pat_urootleFAKEpKbDrshVQk" "D_YJeMY0rootleFA"
            "KEinudLOgD1n2Kad",
            "GH_TOKEN=gi" "thub_pat_lp5rootleFAKEu" "AMCknZE8thZA5JyOs20ZVNGpY5",
            "re.compile(r'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}')",
        },
    },
    {
        .id = "gitlab-pat",
        .description = "GitLab personal, project or group access token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glpat-"},
        .pattern = "\\b(?<secret>glpat-[A-Za-z0-9_\\-]{20,300}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?)(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "pat-EJZstFr" "ootleFAKE2n3l",
            "private_token: gl" "pat-UVRrootleFAKEBA3bc4MA" "3Uk7XyYloOPP9Gx.01.9fakedg3r",
            "curl --header \"PRIVATE-TOKEN: gl" "pat-p4Qn6Gr"
            "ootleFAKEQkOP\" https://gitlab.com/api/v4/user",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "pat-K23" "K2rootlet",
            "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx",
            "prefix: glpat-",
        },
    },
    {
        .id = "npm-token",
        .description = "npm access token",
        .url = "https://docs.npmjs.com/about-access-tokens",
        .keywords = {"npm_"},
        .pattern = "\\b(?<secret>npm_[A-Za-z0-9]{36})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "//registry.npmjs.org/:_authToken=np" "m_8lrootleFAKEKskf"
            "ftpt1mg6wa7SwddPNlyi",
            "NPM_TOKEN=np" "m_IDrootleFAKE8RvA" "wcc9qLNS4iTJF60LhFqK",
        },
        .false_examples = {
            "NPM_TOKEN=np" "m_aK2Nwaro" "otleFAKEzQVx",
            "npm_config_cache=/home/rootle/.npm/_cacache_directory",
            "NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "gitlab-pipeline-trigger-token",
        .description = "GitLab pipeline trigger token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glptt-"},
        .pattern = "\\b(?<secret>glptt\\-[a-f0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "ptt-47da07591370d0150" "ed4bc7f839091912bb3e811",
            "  \"token\": \"gl" "ptt-8ab78f827dcf5ded7" "e2cc66414ebb387a908de8a\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "ptt-208d47b" "c0757363671da",
            "GITLAB_TOKEN=glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glptt-\", 6) == 0)",
        },
    },
    {
        .id = "gitlab-runner-token",
        .description = "GitLab runner authentication token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glrt-"},
        .pattern = "\\b(?<secret>glrt\\-[A-Za-z0-9_\\-]{20,64}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?)(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "rt-SB7bHrootle" "FAKEEMEYtIwboylV",
            "  \"token\": \"gl" "rt-lnjrootleFA" "KEudcPwSukttGHL3\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "rt-tero" "otlenkxpV",
            "GITLAB_TOKEN=glrt-xxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glrt-\", 5) == 0)",
        },
    },
    {
        .id = "gitlab-deploy-token",
        .description = "GitLab deploy token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"gldt-"},
        .pattern = "\\b(?<secret>gldt\\-[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "dt-MTcmroo" "tleFAKE32hun4",
            "  \"token\": \"gl" "dt-H60root" "leFAKEAPmXJOe\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "dt-5urootlelT",
            "GITLAB_TOKEN=gldt-xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"gldt-\", 5) == 0)",
        },
    },
    {
        .id = "gitlab-feed-token",
        .description = "GitLab feed token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glft-"},
        .pattern = "\\b(?<secret>glft\\-[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "ft-NQ-qroo" "tleFAKEdtEHPX",
            "  \"token\": \"gl" "ft-6LzHTro" "otleFAKEJmB6f\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "ft-drootlebQz",
            "GITLAB_TOKEN=glft-xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glft-\", 5) == 0)",
        },
    },
    {
        .id = "gitlab-incoming-mail-token",
        .description = "GitLab incoming e-mail token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glimt-"},
        .pattern = "\\b(?<secret>glimt\\-[A-Za-z0-9_\\-]{25,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "imt-jrootlefa" "kekwdxb52fc2iyrd",
            "  \"token\": \"gl" "imt-7closroot" "lefake7htlcg4jqh\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "imt-fvi" "oorootlev",
            "GITLAB_TOKEN=glimt-xxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glimt-\", 6) == 0)",
        },
    },
    {
        .id = "gitlab-agent-token",
        .description = "GitLab agent for Kubernetes token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glagent-"},
        .pattern = "\\b(?<secret>glagent\\-[A-Za-z0-9_\\-]{50,128})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "agent-4srootleFAKEBIiXBvlVB" "-Vuu2_8s0MJMdpaEHtc1wGG3jvJNq",
            "  \"token\": \"gl" "agent-sx7UW1rootleFAKE8YDUZ"
            "XKDLY5gHzi1e5PIbabDW0-4qWY1Lw\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "agent-uuL6AZro" "otleFAKEjttDYf2pv",
            "GITLAB_TOKEN=glagent-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
            "if (strncmp(tok, \"glagent-\", 8) == 0)",
        },
    },
    {
        .id = "gitlab-oauth-app-secret",
        .description = "GitLab OAuth application secret",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"gloas-"},
        .pattern = "\\b(?<secret>gloas\\-[a-f0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "oas-ee316a2d8719394db292ef570066a" "2cdcace9b6493fbc5"
            "12f1c4452c6cbd5d87",
            "  \"token\": \"gl" "oas-9d2abc184605e1d315e20047017d3" "fba567265922642e8"
            "b7457d2b51180fd63b\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "oas-fb83ac35e2fa3" "a337f7fa1510da97b42",
            "GITLAB_TOKEN=gloas-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"gloas-\", 6) == 0)",
        },
    },
    {
        .id = "gitlab-scim-oauth-token",
        .description = "GitLab SCIM OAuth access token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glsoat-"},
        .pattern = "\\b(?<secret>glsoat\\-[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "soat-YEWt3r" "ootleFAKEhaUaz",
            "  \"token\": \"gl" "soat-XWroot" "leFAKEe7SkpUok\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "soat-Y" "rootleVkE",
            "GITLAB_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glsoat-\", 7) == 0)",
        },
    },
    {
        .id = "gitlab-feature-flags-client-token",
        .description = "GitLab feature flags client token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glffct-"},
        .pattern = "\\b(?<secret>glffct\\-[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GITLAB_TOKEN=gl" "ffct-QD3Gsr" "ootleFAKE5S2bU",
            "  \"token\": \"gl" "ffct-tWIhvq" "rootleFAKEGnT9\",",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "ffct-G" "rootle71L",
            "GITLAB_TOKEN=glffct-xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"glffct-\", 7) == 0)",
        },
    },
    {
        .id = "gitlab-ci-job-token",
        .description = "GitLab CI/CD job token",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"glcbt-"},
        .pattern = "\\b(?<secret>glcbt-[0-9a-fA-F]{1,5}_[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "CI_JOB_TOKEN=gl" "cbt-64_BFroo" "tleFAKECDbva5FG",
            "curl --header \"JOB-TOKEN: gl" "cbt-1a_mZWYrootl"
            "eFAKEZvbRMoU7_C9IB\" https://gitlab.com/api/v4/job",
        },
        .false_examples = {
            "CI_JOB_TOKEN=gl" "cbt-64_" "orootlets0",
            "CI_JOB_TOKEN=glcbt-xxxx_xxxxxxxxxxxxxxxxxxxxxxxx",
            "JOB-TOKEN: $CI_JOB_TOKEN",
        },
    },
    {
        .id = "gitlab-runner-registration-token",
        .description = "GitLab runner registration token (deprecated GR1348941 form)",
        .url = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        .keywords = {"gr1348941"},
        .pattern = "\\b(?<secret>GR1348941[A-Za-z0-9_\\-]{20})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "RUNNER_REGISTRATION_TOKEN=GR" "1348941PN7pV" "IrootleFAKExC4A",
            "  \"token\": \"GR" "1348941Rljmr" "ootleFAKEH88HTA\",",
        },
        .false_examples = {
            "RUNNER_REGISTRATION_TOKEN=GR" "1348941" "0EfrootleO",
            "RUNNER_REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"GR1348941\", 9) == 0)",
        },
    },
    {
        .id = "bitbucket-app-password",
        .description = "Bitbucket Cloud app password",
        .url = "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
        .keywords = {"atbb"},
        .pattern = "\\b(?<secret>ATBB[A-Za-z0-9_=.\\-]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BITBUCKET_APP_PASSWORD=AT" "BBYr9ihrootleFAK" "EBl4T8A0BPC8B06D6E",
            "  \"password\": \"AT" "BBgrootleFAKExD4" "I3zinRpC72C31FF43F\",",
        },
        .false_examples = {
            "BITBUCKET_APP_PASSWORD=AT" "BBQrootleL" "DGid5AE5FB89",
            "BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"ATBB\", 4) == 0)",
        },
    },
    {
        .id = "bitbucket-access-token",
        .description = "Bitbucket repository, project or workspace access token",
        .url = "https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/",
        .keywords = {"atctt3xffgn0"},
        .pattern = "\\b(?<secret>ATCTT3xFfGN0[A-Za-z0-9_=\\-]{180,200})(?:[^A-Za-z0-9_=\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BITBUCKET_TOKEN=AT"
            "CTT3xFfGN09WmDrootleFAKEWfNxJPlMgcWuN5MpI53LO78gw78wxMwqBIW_3DKxqFDA"
            "5W5m0Ja2o-2yDNVzTgb_RrNU_Cn"
            "EMi_U0gtlpgXbNUgPZFR6OfW11VFqBpVSvfF1Upbf9ki9cUIf"
            "6RwVCMHEH_7D_hkjw9PLnw3ZeTIlaMsiRctsUNNZmeIFqwbuJ",
            "  \"token\": \"AT"
            "CTT3xFfGN07rootleFAKEqlqCLQVCDfa3nXNwBZIbUoaodhsyoG6ZO7Txwaore_7zA7t"
            "9rH4y8-kH7dLmU5biUmyAY9Blhh"
            "JxFEZ8bypm-ghUyz_ce05JxHAYtZNE8YGWoFgaY0IWgFSBHbW"
            "pRWzAAqDbK97JViC0lZXoMlmZOBjabeZ_oz9NvJ7g8HCq9BfQ\",",
        },
        .false_examples = {
            "BITBUCKET_TOKEN=AT" "CTT3xFfGN0yMdGmvrootleFAKENMjjTeT9H04DBq3m-G4o2DV"
            "jueISoynpu-Sa1bNKVBCK6JXtW" "X1J7NA9uzSuRexpYMn4a6TgGUZ",
            "BITBUCKET_TOKEN=ATCTT3xFfGN0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxxxxx",
            "if (strncmp(tok, \"ATCTT3xFfGN0\", 12) == 0)",
        },
    },
    {
        .id = "pypi-token",
        .description = "PyPI API token",
        .url = "https://pypi.org/help/#apitoken",
        .keywords = {"pypi-ageichlwas5vcmc"},
        .pattern = "\\b(?<secret>pypi\\-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{100,1000})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TWINE_PASSWORD=py"
            "pi-AgEIcHlwaS5vcmc-ZFzs9rootleFAKE1cYKBT_b_iyPIMsVZ2n0gfw0EFYvzp0j5y"
            "WQ3suv3EvP" "qGbtWk_W2vvDVXt85YPpC2c4n1jKZ5OEAceE_qaY"
            "ODmjMRv52qHmK7cUal8kjMgUWV2myydV0VqfbTkJ",
            "  \"password\": \"py"
            "pi-AgEIcHlwaS5vcmcJerootleFAKEOnBQzyHPGQ7yleU8dcg16kQQEQTBgWEs9XdpXb"
            "W_fQaFqfz6" "hXOFLEk_GPnvsebgYUrjpuEJbWy6aB7ywsv_BgJH"
            "z0vzXmZLmD2E6AzZ8gDacRqehqExlC7D2CNWfCz4\",",
        },
        .false_examples = {
            "TWINE_PASSWORD=py" "pi-AgEIcHlwaS5vcmcJbY1tvrootleFAKEIcZMQjsp2"
            "h0tdJ6cjBoYtmvZspi0LwY" "5Zbp94AGmQxJlQppx8Sgcfw",
            "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pypi-AgEIcHlwaS5vcmc\", 20) == 0)",
        },
    },
    {
        .id = "testpypi-token",
        .description = "TestPyPI API token",
        .url = "https://test.pypi.org/help/#apitoken",
        .keywords = {"pypi-agendgvzdc5wexbplm9yzw"},
        .pattern = "\\b(?<secret>pypi\\-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\\-]{100,1000})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TEST_PYPI_TOKEN=py"
            "pi-AgENdGVzdC5weXBpLm9yZwvGm7sArootleFAKET8_CEy3Na2v35x2I_XbXM2ucXxt"
            "vSUdgfJKZ3-Ep" "cJ2KoX9etZkV5ODNgnNkZ7cD1Jr755c3jwLzyMNuts"
            "y9-abSaOBX-rgnLaSgeMm1ptT6doaqQRykEDE0uF76",
            "  \"password\": \"py"
            "pi-AgENdGVzdC5weXBpLm9yZwlzzqgrootleFAKE-KCToIuGHxpbR2dkrAcbhzm8z-7h"
            "C7562bu3VW6tC" "bOvF5IpMLudLqQfseifyEBhj_O-0jMHs-vhZ2wVvI4"
            "k8vZqxvV4ugQcUqAPRZQGwRQr87MCxSwLRKhlTqM4K\",",
        },
        .false_examples = {
            "TEST_PYPI_TOKEN=py" "pi-AgENdGVzdC5weXBpLm9yZwBYurootleFAKE4OYCDNnC"
            "1WhWFCYYWPuGnOVbAGdV1dSA" "7-ES_g7tr71ev79_AYqYMq7FX",
            "TEST_PYPI_TOKEN=pypi-AgENdGVzdC5weXBpLm9yZwxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pypi-AgENdGVzdC5weXBpLm9yZw\", 27) == 0)",
        },
    },
    {
        .id = "rubygems-api-key",
        .description = "RubyGems.org API key",
        .url = "https://guides.rubygems.org/api-key-scopes/",
        .keywords = {"rubygems_"},
        .pattern = "\\b(?<secret>rubygems_[a-f0-9]{48})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "GEM_HOST_API_KEY=ru" "bygems_36f3b750cc1548fc43b"
            "e7855ee6c26d5e12144d6c3adc96d",
            "  \"token\": \"ru" "bygems_11a8cf92a41215fad1e"
            "3f86c5d7bc3fca712816d66129200\",",
        },
        .false_examples = {
            "GEM_HOST_API_KEY=ru" "bygems_4e51177" "60e7d74b1bd1b07fc",
            "GEM_HOST_API_KEY=rubygems_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxxxx",
            "if (strncmp(tok, \"rubygems_\", 9) == 0)",
        },
    },
    {
        .id = "nuget-api-key",
        .description = "NuGet.org API key",
        .url = "https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys",
        .keywords = {"oy2"},
        .pattern = "\\b(?<secret>oy2[a-z0-9]{43})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "NUGET_API_KEY=oy" "2n4rkxrootlefakesga78" "z9zhikrxcsmye3djdji3ljl",
            "dotnet nuget push pkg.nupkg --api-key oy" "2irootlefakeuphxqhdlh"
            "dpdtj8al3c1ahlfccv42r49 --source https://api.nuget.org/v3/index.json",
        },
        .false_examples = {
            "NUGET_API_KEY=oy" "269porootlefak" "et904bs42mzjlleun",
            "NUGET_API_KEY=oy" "3agvb6rootlefakeupim7" "wnvk02kzxxtqmwhwkjrl77q",
            "NUGET_API_KEY=oy2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        },
    },
    {
        .id = "dockerhub-pat",
        .description = "Docker Hub personal access token",
        .url = "https://docs.docker.com/security/for-developers/access-tokens/",
        .keywords = {"dckr_pat_"},
        .pattern = "\\b(?<secret>dckr_pat_[A-Za-z0-9_\\-]{27})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DOCKERHUB_TOKEN=dc" "kr_pat_QOKLNXroo" "tleFAKEcuHcv01g4xB",
            "  \"token\": \"dc" "kr_pat_s6xrootle" "FAKEJtNs5kO2k936SY\",",
            "echo dc" "kr_pat_fcrootleF"
            "AKE7agi-oVvnABw0kt | docker login -u rootle --password-stdin",
        },
        .false_examples = {
            "DOCKERHUB_TOKEN=dc" "kr_pat_Yr" "ootlezRoEVN",
            "DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"dckr_pat_\", 9) == 0)",
        },
    },
    {
        .id = "dockerhub-oat",
        .description = "Docker Hub organization access token",
        .url = "https://docs.docker.com/security/for-admins/access-tokens/",
        .keywords = {"dckr_oat_"},
        .pattern = "\\b(?<secret>dckr_oat_[A-Za-z0-9_\\-]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DOCKER_ORG_TOKEN=dc" "kr_oat_aB-rootleFA" "KEo81WqfElKDEA5coopMQ",
            "  \"token\": \"dc" "kr_oat_hJzo8prootl" "eFAKEWnFk2CbRM6hqMNt1\",",
        },
        .false_examples = {
            "DOCKER_ORG_TOKEN=dc" "kr_oat_4ro" "otleFAKE3xErA",
            "DOCKER_ORG_TOKEN=dckr_oat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"dckr_oat_\", 9) == 0)",
        },
    },
    {
        .id = "jfrog-api-key",
        .description = "JFrog Artifactory API key",
        .url = "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",
        .keywords = {"akcp"},
        .pattern = "\\b(?<secret>AKCp[A-Za-z0-9]{69})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ARTIFACTORY_API_KEY=AK" "CpDN2XVrootleFAKEHJOo7AeKf9SMkQ67y"
            "nkQdCTUEe4ceDXdfXB" "W6Ms0zJE6E3T2aaUQrr",
            "  \"token\": \"AK" "CpqRHYrootleFAKEO4vFeyILj3giWPSFww" "KcXwzcNZDSQAVpLwSx"
            "m7YSNTswW8s3f5S4qQu\",",
        },
        .false_examples = {
            "ARTIFACTORY_API_KEY=AK" "Cp8prootleFAKENxN" "NTYCzAjoHXYWx4OqEvC",
            "ARTIFACTORY_API_KEY=AKCpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"AKCp\", 4) == 0)",
        },
    },
    {
        .id = "jfrog-reference-token",
        .description = "JFrog identity (reference) token",
        .url = "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
        .keywords = {"cmvmdgtuojaxoj"},
        .pattern = "\\b(?<secret>cmVmdGtuOjAxOj[A-Za-z0-9]{50})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "JFROG_ACCESS_TOKEN=cm" "VmdGtuOjAxOjorootleFAKEhojuXya" "sUV1iTDwRQdpYmkY"
            "xCj3ny0rR4ChxrPQ",
            "  \"token\": \"cm" "VmdGtuOjAxOjuYrootleFAKErNV1dR" "9wzYTG7i8hrwwMyK"
            "736hcQBwbjCV9KUD\",",
        },
        .false_examples = {
            "JFROG_ACCESS_TOKEN=cm" "VmdGtuOjAxOjz8war" "ootleFAKEeOejq4pFxWt",
            "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"cmVmdGtuOjAxOj\", 14) == 0)",
        },
    },
};
const size_t det_rules_code_count = sizeof det_rules_code / sizeof det_rules_code[0];
