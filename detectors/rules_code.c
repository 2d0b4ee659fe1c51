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
            "GITHUB_TOKEN=gh" "p_QteUrootleFAKEGN" "pUCBAy7SumUcZUZEE6Um",
            "  \"token\": \"gh" "p_HQNyrootleFAKEnx" "5i3seqWQLiNTMPXF0RFw\"",
            "git clone https://x-access-token:gh" "p_FpkpVrootleFAKE8"
            "OY9TCULUy2l56TPVGinl@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "p_FPOrootleFAKE" "BzPZERj3EuEBoASwy",
            "token = gh" "p_ferootleFAKE32JGgx" "yUEg8qLLxJJ03UTGtg16mS",
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
            "GITHUB_TOKEN=gh" "o_5rootleFAKENJi6u" "CxU05nzr6j18vsNLTbiK",
            "  \"token\": \"gh" "o_trootleFAKE3qPQx" "Er9czbjQic2idAZ1VKQf\"",
            "git clone https://x-access-token:gh" "o_yprootleFAKE7akB"
            "DsWlIlIIQ1RZkZLnFOfA@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "o_hUg5rootleFAK" "Ep6c7rouOPUfre9Ot",
            "token = gh" "o_VjnrootleFAKE6u6pR" "pOD6Ewgp4XKgxy4NTTsT2j",
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
            "GITHUB_TOKEN=gh" "u_KssvrootleFAKEdm" "F2H5m9gkYLJQbN8kuwyD",
            "  \"token\": \"gh" "u_rZtoWYrootleFAKE" "g2KiuChFzQoGRv6F9Ixn\"",
            "git clone https://x-access-token:gh" "u_rsFc2rootleFAKE7"
            "P2Y8z5bZK6UcIn6f9NHb@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "u_ia6HqrootleFA" "KESRPYvjA9MhclBBo",
            "token = gh" "u_P1QNLrootleFAKESJi" "MRTlwQ1rcy3z2KiWfa2HxN",
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
            "GITHUB_TOKEN=gh" "s_4YNrootleFAKESzG" "5zBHkvAiS9rwupIEgXkz",
            "  \"token\": \"gh" "s_bgrWrootleFAKEwh" "UAHctcWTiZVyurkfHp6Y\"",
            "git clone https://x-access-token:gh" "s_NjARorootleFAKEm"
            "u4v1ugM7dm1ha7vtTsKc@github.com/rootle/app.git",
        },
        .false_examples = {
            "GITHUB_TOKEN=gh" "s_qrootleFAKEhM" "XhArYlbZV3nlus59v",
            "token = gh" "s_fvPo9prootleFAKESo" "BauoJox7ZyR2LxE0xmAW6Q",
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
            "refresh_token=gh" "r_a3rrootleFAKEiTJd1QfKdgCRgGvlbEWEqcB"
            "Kgt8KsFZosRmTNhNP4VR" "EEs16hqXdgjvDKTpvt0j",
            "  \"refresh_token\": \"gh" "r_WnvOZrootleFAKEj" "ZLeyQ3nVtOQ9ntP2qB25\",",
        },
        .false_examples = {
            "refresh_token=gh" "r_ZrootleF" "AKEU7b7wPyRM",
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
            "GH_TOKEN=gi" "thub_pat_ouKrootleFAKE3lcl67uJm_dhKrootleFAK"
            "EIxI5tcXTwZPHtNtrTEGOZU" "f7G9LCDzmB4wNrCfth0u94nc",
            "token: \"gi" "thub_pat_q1RHrootleFAKEnsLGOZOf_YwKOP0rootle"
            "FAKESdjlYNctQVflH6NFCAz" "A2eU4Y2lS6MZK40wpJy6BAYJ\"",
        },
        .false_examples = {
            "GH_TOKEN=gi" "thub_pat_irootleFAKEDkYQIFdp1T" "5_CiDh1IrootleFA"
            "KEC7RxHbFMBfoIvR",
            "GH_TOKEN=gi" "thub_pat_02MqcrootleFAK" "EYVoRQpoPPDl7ylLWbmsjohD5W",
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
            "GITLAB_TOKEN=gl" "pat-0rootle" "FAKEZ2IiJgWMT",
            "private_token: gl" "pat-a2FGL8rootleFAKEvMoFQ" "E4Qy5DiLgpKmExH.01.qfakeuiqy",
            "curl --header \"PRIVATE-TOKEN: gl" "pat-mMrootl"
            "eFAKE2faqry9N\" https://gitlab.com/api/v4/user",
        },
        .false_examples = {
            "GITLAB_TOKEN=gl" "pat-5Dl" "UrootleZv",
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
            "//registry.npmjs.org/:_authToken=np" "m_hUGaWrootleFAKEI"
            "kECT0zpiUaTUWRUvvhgA",
            "NPM_TOKEN=np" "m_HrootleFAKEJU6uU" "yUkEcRed6X7vY047F7lz",
        },
        .false_examples = {
            "NPM_TOKEN=np" "m_IDhfkroo" "tleFAKE2QyPs",
            "npm_config_cache=/home/rootle/.npm/_cacache_directory",
            "NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
};
const size_t det_rules_code_count = sizeof det_rules_code / sizeof det_rules_code[0];
