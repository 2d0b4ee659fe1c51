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
            "OPENAI_API_KEY=sk" "-sb7qqWrootleFAKEqj5cT3" "BlbkFJ3QBvZrootleFAKE3WYRx",
            "openai.api_key = \"sk" "-OrootleFAKERZyJpJ01yT3" "BlbkFJ0bncProotleFAKE29JBA\"",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-TL8kkrootleFAKElCBO4T3" "BlbkFKzQH0XXrootleFAKEKBbh",
            "OPENAI_API_KEY=sk" "-ButJArootleKT3Blbk" "FJkQUrootleFAKEaT14liL",
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
            "-proj-Z-a3rootleFAKEnmdsHGuiUFcfDe1BMxNpfETb7fTk-SHh4kF2iYnrsfmRQbFI"
            "lJvMJfTRYKht" "T3BlbkFJ1qrootleFAKEZHC5CDsF68UqwscUxok2G"
            "NjO9GPnfWc0MiFUOoTBwZ0cHLOHHB6NvarUJlGSK0",
            "client = OpenAI(api_key=\"sk" "-proj-i0CfgrootleFAKET2--E6V0hsfQPmBh3bLF41Kxh"
            "T3BlbkFJFq-rootleFAKEdzK" "Ya0Eey9UgKnbKXlr81IpRA7k\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-proj-svrootleFAKEHPBv" "murVkOQpRUA6HxDvO5T7m2AP",
            "OPENAI_API_KEY=sk-proj-...",
            "OPENAI_API_KEY=sk" "-proj-p9krootleoT3BlbkFJy8rootl" "eFAKEZcZTU7C1njc"
            "p73hf_c1xgpxLCkKq",
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
            "-svcacct-I-N3WrootleFAKEq0_truxXsXXHDBZregi2t27PSdnWFdPWsdYPxq7i6PjS"
            "rLGt5FA71oxtY" "zGT3BlbkFJmq7GnorootleFAKEiavmMl_YLRk75uWV"
            "vSGJmji8om43J8qh9jJp5rWf4vL5-DKxSzz2yuCV5T",
            "client = OpenAI(api_key=\"sk" "-svcacct-sS2QDrootleFAKEGwZ62wlHYki1bXA9FTztFY3"
            "mdT3BlbkFJWAdPCCrootleFAK" "EYskkyYELfDBOrjoEYeDZ8BoZ\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-svcacct-AGej0rootleFAK" "EPuRTv9JvA6m-OOmCXtDkXOa4j",
            "OPENAI_API_KEY=sk-svcacct-...",
            "OPENAI_API_KEY=sk" "-svcacct-blrootleyyT3BlbkFJDhroo" "tleFAKExqkvNz8uCI"
            "TyodSwAYBrAxbYKEnw",
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
            "-admin-6urootleFAKEzW2f61JJUQwyJTdSDL-srHnJKaaW977CXfhHQEWg_eTAt-riI"
            "WD5y3jORYiC2" "kT3BlbkFJMrootleFAKEFdT4jwXIuTuu7I4SOtKJN"
            "EMzf6ME1aEOrjTf61mAtpeq9JJ2yABqwEKUcHyc556",
            "client = OpenAI(api_key=\"sk" "-admin-oPdAKrootleFAKEoTGOjY6crpiiQyhrfi9S8VzI"
            "bT3BlbkFJBurootleFAKEssc" "FohZQ9Ior8Ljd5Fkhl2osfctR\")",
        },
        .false_examples = {
            "OPENAI_API_KEY=sk" "-admin-wrootleFAKEOUZm" "MC89gV81l7OjktYjWtUJLYThQ",
            "OPENAI_API_KEY=sk-admin-...",
            "OPENAI_API_KEY=sk" "-admin-cWKrootlegT3BlbkFJvQroot" "leFAKE4SQxOIOeYgo"
            "HfI6yXoGxSzm0FQjH",
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
            "ANTHROPIC_API_KEY=sk" "-ant-api03-YProotleFAKEdYoK0sgBvQncIu3fQeTSKjobiozaa"
            "QGU-H2vQVyOS7mDEmsgVv_HNc_u" "do3Nnk9VReFGj6TmvpjKOx_h7AA",
            "client = Anthropic(api_key='sk"
            "-ant-api03-XYjrootleFAKE_1mZ33sfHwq8nciFGwkLWJqpLtTi"
            "phTAE3DTijLqTtszgNhM-J8xqqu" "6lF5EXWSKN4Pppdsse0wt-NyTAA')",
        },
        .false_examples = {
            "ANTHROPIC_API_KEY=sk" "-ant-api03-J1ErootleFAKE_L7DQNQBkGt"
            "EZJGCBBYHwXURKEgdnC" "6JcNV-DO9rmh3yrMRAA",
            "ANTHROPIC_API_KEY=sk-ant-api03-...",
            "ANTHROPIC_API_KEY=sk" "-ant-api03-73MrootleFAKEF-kPT0L5GOsGWb-8iWuL0eTWhOYZ"
            "1HAM-w6Rx_FRyontYhy3IvYUGDf" "9OjZob8E1YXlZOMh40T2LSAGWQQ",
        },
    },
    {
        .id = "anthropic-admin-key",
        .description = "Anthropic Admin API key",
        .url = "https://docs.anthropic.com/en/api/administration-api",
        .keywords = {"sk-ant-admin01-"},
        .pattern = "\\b(?<secret>sk\\-ant\\-admin01\\-[A-Za-z0-9_\\-]{93}AA)(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ANTHROPIC_ADMIN_KEY=sk" "-ant-admin01-yo0rootleFAKE3Vj4aQdiXIiBK4ii3C6cp8J0i61"
            "Lw87wAD5AgVTCvwEMLT9CcsMTDq" "V2w_C9btlIrvwAiMbCxwUKBUeiAA",
            "  \"token\": \"sk" "-ant-admin01-cU98rootleFAKEqCoNI6XNk1ssTmPKymL-3mZDXD"
            "k352frkRegILNBrGKEvS6JvnMy-" "gcbuHG5aDz6e5noKUHSy-Cy1-gAA\",",
        },
        .false_examples = {
            "ANTHROPIC_ADMIN_KEY=sk" "-ant-admin01-D0oPxrootleFAKEp" "8uImIm6j1apmrYyg"
            "4BIIikMcTPpq66AA",
            "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA",
            "if (strncmp(tok, \"sk-ant-admin01-\", 15) == 0)",
        },
    },
    {
        .id = "huggingface-token",
        .description = "Hugging Face user access token",
        .url = "https://huggingface.co/docs/hub/security-tokens",
        .keywords = {"hf_"},
        .pattern = "\\b(?<secret>hf_[A-Za-z]{34})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "HF_TOKEN=hf" "_bVArootleFAKEoX" "rCfWDtUtRgSJaRYvuTX",
            "  \"token\": \"hf" "_QurootleFAKEwKg" "ZouNfCzrkfLevZMuiVO\",",
        },
        .false_examples = {
            "HF_TOKEN=hf" "_QBkDuqr" "ootleFAKEI",
            "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"hf_\", 3) == 0)",
        },
    },
    {
        .id = "huggingface-org-token",
        .description = "Hugging Face organization API token (legacy api_org_)",
        .url = "https://huggingface.co/docs/hub/security-tokens",
        .keywords = {"api_org_"},
        .pattern = "\\b(?<secret>api_org_[A-Za-z]{34})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "HF_ORG_TOKEN=ap" "i_org_IxguYHrootleF" "AKEouJiCpolkkhsYJwWBd",
            "  \"token\": \"ap" "i_org_nDjrootleFAKE" "gbRitviTCAHRpsGOJxgYq\",",
        },
        .false_examples = {
            "HF_ORG_TOKEN=ap" "i_org_Mroo" "tleFAKExGiIhg",
            "HF_ORG_TOKEN=api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"api_org_\", 8) == 0)",
        },
    },
    {
        .id = "replicate-api-token",
        .description = "Replicate API token",
        .url = "https://replicate.com/docs/reference/http#authentication",
        .keywords = {"r8_"},
        .pattern = "\\b(?<secret>r8_[A-Za-z0-9]{37})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "REPLICATE_API_TOKEN=r8" "_nrootleFAKENPZmMz" "JDrYV2Z2hl4SavDORu0C",
            "  \"token\": \"r8" "_srootleFAKEfg6u61" "TI4zclBvZf1MS3uiMu5c\",",
        },
        .false_examples = {
            "REPLICATE_API_TOKEN=r8" "_qrootle" "FAKE8SqmKqA",
            "REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"r8_\", 3) == 0)",
        },
    },
    {
        .id = "groq-api-key",
        .description = "Groq API key",
        .url = "https://console.groq.com/docs/quickstart",
        .keywords = {"gsk_"},
        .pattern = "\\b(?<secret>gsk_[A-Za-z0-9]{52})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GROQ_API_KEY=gs" "k_mcE4rootleFAKELIgk8272j0" "V2mG7vcuLheskapRHkQLVdBLGK9z",
            "  \"token\": \"gs" "k_tg0SProotleFAKEVfFsODcHQ"
            "RYy7QpYHtuO47DKPRHxwwfNw4oVO\",",
        },
        .false_examples = {
            "GROQ_API_KEY=gs" "k_BVrootleFAK" "EUB3ytZr318nDDG",
            "GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "x",
            "if (strncmp(tok, \"gsk_\", 4) == 0)",
        },
    },
    {
        .id = "perplexity-api-key",
        .description = "Perplexity API key",
        .url = "https://docs.perplexity.ai/guides/getting-started",
        .keywords = {"pplx-"},
        .pattern = "\\b(?<secret>pplx\\-[A-Za-z0-9]{48})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PERPLEXITY_API_KEY=pp" "lx-lZiIxrootleFAKEjhIVcF" "C5eHZoabRyX1w3H561kgZUh477s",
            "  \"token\": \"pp" "lx-IrootleFAKExXRvpMH5Ns" "HF63BpiNVt3YrYIOcNyr11k3E1Z\",",
        },
        .false_examples = {
            "PERPLEXITY_API_KEY=pp" "lx-NVrootleF" "AKEzPhZH6d7eAA4",
            "PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxx",
            "if (strncmp(tok, \"pplx-\", 5) == 0)",
        },
    },
    {
        .id = "xai-api-key",
        .description = "xAI (Grok) API key",
        .url = "https://docs.x.ai/docs/tutorial",
        .keywords = {"xai-"},
        .pattern = "\\b(?<secret>xai\\-[A-Za-z0-9]{80})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "XAI_API_KEY=xa" "i-eNpYrootleFAKEx4kpJvrs1xcpXXRcjL0dvEHv"
            "0Gxw14NmmXLacSmPSA4MA" "NpbPsURTuFyuXejL0t6Li",
            "  \"token\": \"xa" "i-lXxrootleFAKEFTBKoQEeV27pkihLKHq9fe5bF"
            "6shaNTkWSucR5qRZckNIl" "U1IZDgxA9iNOXh0KsPacG\",",
        },
        .false_examples = {
            "XAI_API_KEY=xa" "i-f0YulrootleFAKETnx" "H9Nyrc2MBikOARbgXTo6H6",
            "XAI_API_KEY=xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xai-\", 4) == 0)",
        },
    },
    {
        .id = "openrouter-api-key",
        .description = "OpenRouter API key",
        .url = "https://openrouter.ai/docs/api-reference/authentication",
        .keywords = {"sk-or-v1-"},
        .pattern = "\\b(?<secret>sk\\-or\\-v1\\-[a-f0-9]{64})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "OPENROUTER_API_KEY=sk" "-or-v1-de48110cfcda8a6e560ce0ffad3"
            "4e408a93e73affedb9" "89291f0270463bd917a",
            "  \"token\": \"sk" "-or-v1-b05280dec77dda052ff49b1c7cd" "f817da8944036770f5"
            "11a21939b00609a0c3b\",",
        },
        .false_examples = {
            "OPENROUTER_API_KEY=sk" "-or-v1-2635d8fd57d" "9776c6aefcca743690f84",
            "OPENROUTER_API_KEY=sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sk-or-v1-\", 9) == 0)",
        },
    },
    {
        .id = "langsmith-api-key",
        .description = "LangSmith API key (personal or service)",
        .url = "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key",
        .keywords = {"lsv2_pt_", "lsv2_sk_"},
        .pattern = "\\b(?<secret>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "LANGSMITH_API_KEY=ls" "v2_pt_f97316a40e748f1a9" "3c8ff9d8b07c44e_778293eec8",
            "  \"langchain_api_key\": \"ls" "v2_sk_8129e4f8a009e574f"
            "d1f5592d04bf6a0_768725568e\",",
        },
        .false_examples = {
            "LANGSMITH_API_KEY=ls" "v2_pt_7a9c1ac8e88" "2318ed502_43538afbee",
            "LANGSMITH_API_KEY=ls" "v1_pt_94c148414e4b7d88b" "768cabb010027a6_eb320a9435",
            "LANGSMITH_API_KEY=lsv2_pt_...",
        },
    },
    {
        .id = "pinecone-api-key",
        .description = "Pinecone API key",
        .url = "https://docs.pinecone.io/guides/projects/manage-api-keys",
        .keywords = {"pcsk_"},
        .pattern = "\\b(?<secret>pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{60,70})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PINECONE_API_KEY=pc" "sk_rqiM9Q_hfOurootleFAKEhPcKAq0Ns1P"
            "mkPOidbSXnSqIaZlfLk" "qDmjJKCfpKI7z3lB6Us",
            "  \"token\": \"pc" "sk_X4f67O_F7pMbrootleFAKE4Z7t9IZDI6" "eUOvQLyVoMveGJXNPgm"
            "N9hePxZyZ9lJFdKb7eN\",",
        },
        .false_examples = {
            "PINECONE_API_KEY=pc" "sk_jpVP9i_u6LSpproo" "tleFAKELt4cU8gTrKuKnYZ",
            "PINECONE_API_KEY=pcsk_xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"pcsk_\", 5) == 0)",
        },
    },
    {
        .id = "cohere-api-key",
        .description = "Cohere API key next to a Cohere name",
        .url = "https://docs.cohere.com/reference/about",
        .keywords = {"cohere", "co_api_key"},
        .pattern = "(?i:cohere|co_api_key)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "COHERE_API_KEY=uN" "AjE0rootleFAKEfIzn" "SRQ1wXX9I7SWBLkERQG0",
            "cohere_api_key: \"HY" "l0urootleFAKEb83hn" "HhYfsiWbGJPZUFk9wVmY\"",
        },
        .false_examples = {
            "COHERE_API_KEY=JE" "feifroot" "leFAKEG0UU",
            "COHERE_API_KEY=${COHERE_API_KEY}",
            "checksum = pt" "VMrootleFAKEIS63Kd" "EdjbXv6jUeS39jzXuHjF",
        },
    },
    {
        .id = "mistral-api-key",
        .description = "Mistral AI API key next to a Mistral name",
        .url = "https://docs.mistral.ai/getting-started/quickstart/",
        .keywords = {"mistral"},
        .pattern = "(?i:mistral)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "MISTRAL_API_KEY=or" "ootleFAKEVg94V" "Bc1oSLHOaZmatq16",
            "mistral_api_key: \"ri" "6KrootleFAKEOo" "KEQndFrGGk37UDbW\"",
        },
        .false_examples = {
            "MISTRAL_API_KEY=KB" "3rootl" "eFAKENa7",
            "MISTRAL_API_KEY=${MISTRAL_API_KEY}",
            "checksum = 6j" "ZTrootleFAKE0x" "2lOM2eFdfFTscXdE",
        },
    },
    {
        .id = "deepseek-api-key",
        .description = "DeepSeek API key next to a DeepSeek name",
        .url = "https://api-docs.deepseek.com/",
        .keywords = {"deepseek"},
        .pattern = "(?i:deepseek)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>sk-[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DEEPSEEK_API_KEY=sk" "-4f1c525fa4e695" "c8aa9331fb30e1f399",
            "deepseek_api_key: \"sk" "-e890907dbdacd6" "f253da6cb53bf8078d\"",
        },
        .false_examples = {
            "DEEPSEEK_API_KEY=sk" "-a2c5eb" "1ba4c726fd",
            "DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}",
            "checksum = sk" "-40da2cf1d9f0d3" "b6ebf366a36f0dbce8",
        },
    },
    {
        .id = "wandb-api-key",
        .description = "Weights & Biases API key next to a W&B name",
        .url = "https://docs.wandb.ai/support/find_api_key/",
        .keywords = {"wandb"},
        .pattern = "(?i:wandb)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "WANDB_API_KEY=2d" "12cd13c68cc0808941" "927733862de58c7f7daf",
            "wandb_api_key: \"ac" "1667183fdd252747d3" "2d771dc26eb38eca94ff\"",
        },
        .false_examples = {
            "WANDB_API_KEY=cf" "79e9ab08" "a44a2f2db8",
            "WANDB_API_KEY=${WANDB_API_KEY}",
            "checksum = 64" "53a8c227a44959520f" "d172a4ad6594a0ee590e",
        },
    },
    {
        .id = "elevenlabs-api-key",
        .description = "ElevenLabs API key next to an ElevenLabs name",
        .url = "https://elevenlabs.io/docs/api-reference/authentication",
        .keywords = {"elevenlabs", "xi_api_key", "xi-api-key"},
        .pattern = "(?i:elevenlabs|xi_api_key|xi-api-key)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>(?:sk_)?[a-f0-9]{32,48})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ELEVENLABS_API_KEY=sk" "_8cdb2c5084dfea16daa629" "69e8347b1dfa956fb672cfd549",
            "elevenlabs_api_key: \"sk" "_687b8b5cb5cff8d0982d18"
            "f44bf8a913d07400cc439160ee\"",
        },
        .false_examples = {
            "ELEVENLABS_API_KEY=sk" "_481c06de58" "f588040f240ff2",
            "ELEVENLABS_API_KEY=${ELEVENLABS_API_KEY}",
            "checksum = sk" "_01b2ebc10d561e8b629945" "24259656a501084cd83b6e2947",
        },
    },
    {
        .id = "assemblyai-api-key",
        .description = "AssemblyAI API key next to an AssemblyAI name",
        .url = "https://www.assemblyai.com/docs/api-reference/overview#authorization",
        .keywords = {"assemblyai", "assembly_ai"},
        .pattern = "(?i:assemblyai|assembly_ai)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "ASSEMBLYAI_API_KEY=69" "badd41102ee309" "57556ca43f7f25f7",
            "assemblyai_api_key: \"56" "7a586b89500803" "d8ae7fe2cd00bb19\"",
        },
        .false_examples = {
            "ASSEMBLYAI_API_KEY=73" "d8422b" "3fbfc944",
            "ASSEMBLYAI_API_KEY=${ASSEMBLYAI_API_KEY}",
            "checksum = 3d" "42414b26f127ab" "73ff8f48ff822d16",
        },
    },
    {
        .id = "deepgram-api-key",
        .description = "Deepgram API key next to a Deepgram name",
        .url = "https://developers.deepgram.com/docs/create-additional-api-keys",
        .keywords = {"deepgram"},
        .pattern = "(?i:deepgram)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DEEPGRAM_API_KEY=b5" "6e75e6d87d8450dd4a" "67ed175d21d8b130dd33",
            "deepgram_api_key: \"2a" "5b8cf356b0c77d6216" "94a2007b26a2a1ff90b4\"",
        },
        .false_examples = {
            "DEEPGRAM_API_KEY=b3" "5defd56f" "2b50edd460",
            "DEEPGRAM_API_KEY=${DEEPGRAM_API_KEY}",
            "checksum = b4" "cd5536a8068a9f94c8" "95478d03a169b860e400",
        },
    },
    {
        .id = "together-api-key",
        .description = "Together AI API key next to a Together name",
        .url = "https://docs.together.ai/reference/authentication-1",
        .keywords = {"together"},
        .pattern = "(?i:together)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>(?:tgp_v1_[A-Za-z0-9_\\-]{43}|[a-f0-9]{64}))(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "TOGETHER_API_KEY=ce" "240a41d48e56e70affe048d71d937b" "c527861e19322311"
            "ad163dbe41ae9fe4",
            "together_api_key: \"de" "0c145fbe5a97db9f6370745a844711" "7580fe1facc69b4f"
            "c4df45979e6360b6\"",
        },
        .false_examples = {
            "TOGETHER_API_KEY=d5" "854670c2e9ccd6" "ae560ca751e25295",
            "TOGETHER_API_KEY=${TOGETHER_API_KEY}",
            "checksum = af" "a5afa164f56b903cdb680b18568b0a" "b4043f7d20579d7e"
            "b7af0ee64e4ca878",
        },
    },
    {
        .id = "aws-bedrock-api-key",
        .description = "Amazon Bedrock long-term API key",
        .url = "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
        .keywords = {"absk"},
        .pattern = "\\b(?<secret>ABSK[A-Za-z0-9+/]{100,300}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "AWS_BEARER_TOKEN_BEDROCK=AB"
            "SKQmVkcm9ja0FQSUtleS4xHrootleFAKEhGuwwrPli/c68tyfKDCbW7S/2kUwgBM"
            "338zyPh5Aqgxbhyz4BhEmMF8KXZpulehV" "ykP/UmKaiiqT21G7PE5EfjQMEO9Wfndtq",
            "  \"bedrock_api_key\": \"AB"
            "SKQmVkcm9ja0FQSUtleSQrootleFAKEBy8SxYP/4eA1sSeEiVAQyHOmx6dnqv2/cd1dJ" "3EPYcH"
            "2kqdZac1RfbF2EUOrCFf9NCzoaqi57gY2T3/WR"
            "8Fvl7za6aE4kHQsYVUUZ+/+3nLs+TiwZ9XI4Wp=\",",
        },
        .false_examples = {
            "AWS_BEARER_TOKEN_BEDROCK=AB" "SKfgBNgrootleFAKEgtE" "pv30V0UzY2wWhWvp2lypfj",
            "AWS_BEARER_TOKEN_BEDROCK=ABSKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            "AAAAAAAAAAAAA",
            "prefix = 'ABSK'",
        },
    },
};
const size_t det_rules_ai_count = sizeof det_rules_ai / sizeof det_rules_ai[0];
