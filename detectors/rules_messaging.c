/* rules_messaging.c: built-in rules for chat, notification and e-mail
 * services (Slack, Discord, Telegram, Microsoft Teams, Twilio, SendGrid,
 * Mailgun, Mailchimp, Brevo, Postmark).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_messaging[] = {
    {
        .id = "slack-bot-token",
        .description = "Slack bot token",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxb-"},
        .pattern = "\\b(?<secret>xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SLACK_BOT_TOKEN=xo" "xb-330132563307-5890489821" "381-oKyrootleFAKEt7acGkV3Bho",
            "  \"bot_token\": \"xo" "xb-06589492625-5228779662"
            "47-YVnsyrootleFAKExJXEmJBGz\"",
        },
        .false_examples = {
            "SLACK_BOT_TOKEN=xo" "xq-344309060717-2489122181" "128-58uAxrootleFAKEfk7Gtv4xW",
            "SLACK_BOT_TOKEN=xoxb-your-bot-token-here",
            "SLACK_BOT_TOKEN=xo" "xb-208057929271-4255" "381072409-xxiH0rootlel",
        },
    },
    {
        .id = "slack-user-token",
        .description = "Slack user token",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxp-"},
        .pattern = "\\b(?<secret>xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SLACK_USER_TOKEN=xo" "xp-454554249966-351707418648-4377370"
            "644003-d87ebad90858" "0245f398ca3234b237a1",
            "token: xo" "xp-33521281323-746581590334-8217102" "64490-3790a0f565d4e"
            "e4b3114bc2aab2184f8",
        },
        .false_examples = {
            "SLACK_USER_TOKEN=xo" "xp-481252376998-134786303966-" "a13008c3b6d2f461"
            "3bb3f9a0e0501187",
            "SLACK_USER_TOKEN=xoxp-your-user-token",
            "token: xo" "xp-29068084598-306861809986-5" "90357026976-3a06"
            "391e40e25cf97a5c",
        },
    },
    {
        .id = "slack-app-token",
        .description = "Slack app-level token",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xapp-"},
        .pattern = "\\b(?<secret>xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SLACK_APP_TOKEN=xa" "pp-1-TIPVROOTLEE-9731288502390-371ea9606bafb31"
            "3dd06c2ed36283514736969d" "85ca0bc31755894b4eebf785a",
            "app_token: xa" "pp-1-5B3ZROOTLEJ-852089861300-34375d81815ba5fa"
            "412b9f9e6246f89135b94608" "cdbec4c6e198816ce7784a10",
        },
        .false_examples = {
            "SLACK_APP_TOKEN=xa" "pp-1-5HJROOTLEJC-9006c3bd4623ee2063105f"
            "f8f9d90cbf87ab502cb8e" "c7a7d5353e540a6092615",
            "SLACK_APP_TOKEN=xapp-1-...",
            "SLACK_APP_TOKEN=xa" "pp-1-UQBROOTLEV4-5195489250314-3ff" "b6d6757e616b764608"
            "20b002853d69c91dd5e",
        },
    },
    {
        .id = "slack-webhook",
        .description = "Slack incoming webhook URL",
        .url = "https://api.slack.com/messaging/webhooks",
        .keywords = {"hooks.slack.com"},
        .pattern = "(?<secret>https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SLACK_WEBHOOK_URL=ht" "tps://hooks.slack.com/services/T6RROOT"
            "LEIB/BE3ROOTLEN1/QGM" "rootleFAKELwVFBLkEOHs",
            "  webhook: \"ht" "tps://hooks.slack.com/services/TXFAKEH"
            "FU/BMMW6ROOTLEA/8roo" "tleFAKESReJtCmZeeAiM\"",
        },
        .false_examples = {
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B000000"
            "00/XXXXXXXXXXXXXXXXXXXXXXXX",
            "see https://hooks.slack.com/services/ for the endpoint",
            "url: ht" "tps://hooks.slack.com/services/T" "6ROOTLER3J/B4OHRO"
            "OTLEI/ojVMrootleTb",
        },
    },
    {
        .id = "sendgrid-api-key",
        .description = "SendGrid API key",
        .url = "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
        .keywords = {"sg."},
        .pattern = "\\b(?<secret>SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SENDGRID_API_KEY=SG" ".1V5fDxrootleFAKEDaVQ5b.l5XZjWro" "otleFAKEVJCxhDXlj"
            "1JtHv2O5s7s0IFqUkc",
            "sg = SendGridAPIClient('SG" ".QTA4rootleFAKEDa2U_MMg.b6J1w2ro"
            "otleFAKEk87wPsF-e" "vaOwxNz0YXGI2FvzVK')",
        },
        .false_examples = {
            "SENDGRID_API_KEY=SG" ".SRTTrootleFAKEx687vh" "G8.xwNJ9rootleFAKElF5Nj",
            "SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxx",
            "import SG.helpers",
        },
    },
    {
        .id = "slack-workflow-webhook",
        .description = "Slack workflow (Workflow Builder) webhook URL",
        .url = "https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack",
        .keywords = {"hooks.slack.com"},
        .pattern = "(?<secret>https://hooks\\.slack\\.com/(?:workflows|triggers)/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{15,20}/[A-Za-z0-9]{32})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SLACK_WORKFLOW_URL=ht" "tps://hooks.slack.com/triggers/TLB4ROOTLEC/AN5BROOTL"
            "E85/747852556408047843/ZD27" "VrootleFAKEaltjxIri4h0JIXF6p",
            "url: ht" "tps://hooks.slack.com/workflows/T9D13FAKE2/A8FROOTLE"
            "8AA/315589854152801788/QWmN" "LyrootleFAKEPJ14zdcy1AUuqYat",
        },
        .false_examples = {
            "url: https://hooks.slack.com/workflows/T000/A000/123/xxxx",
            "url: ht" "tps://hooks.slack.com/triggers/TF20ROOTLE0/A"
            "DMJZROOTLEC/02967460706" "1918965/JrootleFAKEGSSQO",
            "docs: https://hooks.slack.com/triggers/ is the base",
        },
    },
    {
        .id = "slack-legacy-workspace-token",
        .description = "Slack workspace app token (legacy xoxa-)",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxa-2-"},
        .pattern = "\\b(?<secret>xoxa\\-2\\-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SLACK_TOKEN=xo" "xa-2-264185521017-863972020565-656984" "927964-9b71c8247b8f"
            "b3b106bc04f1938cb8bf",
            "  \"token\": \"xo" "xa-2-563938933061-238042784123-942184"
            "683433-0dffb76f935f" "823ca02a162d63aef3da\",",
        },
        .false_examples = {
            "SLACK_TOKEN=xo" "xa-2-138962-852071233407-883557603" "241-9dc706530e9291"
            "7023273eb8528202c1",
            "SLACK_TOKEN=xoxa-2-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xoxa-2-\", 7) == 0)",
        },
    },
    {
        .id = "slack-config-access-token",
        .description = "Slack app configuration access token",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxe.xoxp-1-"},
        .pattern = "\\b(?<secret>xoxe\\.xoxp\\-1\\-[A-Za-z0-9]{160,400})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SLACK_TOKEN=xo"
            "xe.xoxp-1-2dpcfCrootleFAKE6D72JrB6Grwv5x53wZK94F8RvY4scoCofB9oIPSxJB"
            "vZfB3P7dLWCj035GxeW" "1IXgWWNEx2KVi4cJQ4ArxfvH0zRcMm366FANkWy3KX4f"
            "0cbI6UfZN6G0uCtWaFRi8kUAW5BGKOkCIt8aivjJbX6hT",
            "  \"token\": \"xo"
            "xe.xoxp-1-9rootleFAKECfLXOjNBji3iRlsOfliCGFUcePbNBItz6MKRB8XdS8SpXJf"
            "wUcwWAwL1Chq4GbJaU4" "SokKKf6wbDLo3I9Wv8HZa7SlVyLZReaOOZlPIpEmWn3a"
            "36fMxjyTqk2rOhhy2WFMCIbKkl4fdnGcLOx7jUnirxh0M\",",
        },
        .false_examples = {
            "SLACK_TOKEN=xo" "xe.xoxp-1-rSrootleFAKEf3xq9Px6yASUypT17MLe5Wx"
            "OcLeax2b2u53EbCkn2IvfHTT" "XbaSZtw5fft3JQ9npWZCTJTT",
            "SLACK_TOKEN=xoxe.xoxp-1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xoxe.xoxp-1-\", 12) == 0)",
        },
    },
    {
        .id = "slack-config-refresh-token",
        .description = "Slack app configuration or token-rotation refresh token",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxe-1-"},
        .pattern = "\\b(?<secret>xoxe\\-1\\-[A-Za-z0-9]{140,400})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SLACK_TOKEN=xo"
            "xe-1-CrootleFAKExqYz4FjlQg6LbZDmjcLdhfDTye7HmFoYtFcX1OaUFq2rYWsgFhuD" "ObEjCL"
            "14N7aGYNN1bidhVPWCu4wdj2CSydjr1MzU4wuj"
            "RTB7VWgztU4fO2UNSVlYeKPfkakUfwuUDJ7dasj",
            "  \"token\": \"xo"
            "xe-1-krootleFAKE7IWbsQtrz7zOBybLnuLPfuNo8Ij6u5KpfJBxlCeJMwy7bP9dpzJs" "QYPIwJ"
            "Gfr4R1snqehzfJ7cqjoE3It3VlBFmbYkAhXuT2"
            "mVojCmLOJrcAzPcXEDXAOnWHuoqzcwhYTedJW2N\",",
        },
        .false_examples = {
            "SLACK_TOKEN=xo" "xe-1-KZt4YZrootleFAKEoHWY5IgA1dkHb5Q40" "CYaSDbXRBQhLrxD7NvXB"
            "FbS9OAPutcHUVlghLn3D",
            "SLACK_TOKEN=xoxe-1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xoxe-1-\", 7) == 0)",
        },
    },
    {
        .id = "slack-legacy-bot-token",
        .description = "Slack legacy or classic bot token (xoxb- with two parts)",
        .url = "https://api.slack.com/authentication/token-types",
        .keywords = {"xoxb-"},
        .pattern = "\\b(?<secret>xoxb-[0-9]{8,13}-[A-Za-z0-9]{24})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SLACK_BOT_TOKEN=xo" "xb-84384249885-4NM" "BrootleFAKEX4BUho5naN",
            "token: xo" "xb-415636138323-Ajr" "ootleFAKEBhzCEXebNfVL",
        },
        .false_examples = {
            "SLACK_BOT_TOKEN=xo" "xb-935512701" "39-W8rootlesM9T",
            "SLACK_BOT_TOKEN=xoxb-00000000-xxxxxxxxxxxxxxxxxxxxxxxx",
            "SLACK_BOT_TOKEN=xo" "xb-3wrootleF" "AKEAs97hJNTwsaT",
        },
    },
    {
        .id = "discord-bot-token",
        .description = "Discord bot token next to a Discord name",
        .url = "https://discord.com/developers/docs/reference#authentication",
        .keywords = {"discord"},
        .pattern = "(?i:discord)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?:Bot\\s)?(?<secret>[MNO][A-Za-z0-9_\\-]{23,25}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DISCORD_BOT_TOKEN=MF" "rbd8rootleFAKEVH7zyFiLNr.ym1_7o.wr" "ootleFAKEDcG--skeY"
            "OX0CTb-1Xnd4XyT0E8",
            "discord_token: \"Nb" "QwfrootleFAKEbX6h5hrfZ.LyFG"
            "Te.zaill4rootleFAKEZmXJx0m6Q3y\"",
        },
        .false_examples = {
            "DISCORD_BOT_TOKEN=M5" "m7mrootleFAKEdP0XgI6" "28l2.O42mUr.j2-rootlei",
            "DISCORD_BOT_TOKEN=${DISCORD_BOT_TOKEN}",
            "token = M4" "YUrootleFAKExD_gxAlzOlDU.EHnowb.qB" "rootleFAKE0qtofwpQ"
            "KFs-ofUJsSQN-MS_Ga",
        },
    },
    {
        .id = "discord-webhook",
        .description = "Discord webhook URL",
        .url = "https://discord.com/developers/docs/resources/webhook",
        .keywords = {"discord.com/api/webhooks", "discordapp.com/api/webhooks"},
        .pattern = "(?<secret>https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,68})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DISCORD_WEBHOOK_URL=ht"
            "tps://discord.com/api/webhooks/2785252869667295722/hbxroot"
            "leFAKETkWOCfWXf79WNfZupxzr9Rkx" "I2Vidw4W6ed9UwrmL9HgTgozbAzM7-N",
            "webhook: \"ht" "tps://discordapp.com/api/webhooks/516854798223987299/3fIR3v"
            "rootleFAKEHRWya1xyXaw2qSc_o1VBN" "Zx0BaHY_O1MZottm69vST4BvrYFiOxQ\"",
        },
        .false_examples = {
            "DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/{id}/{token}",
            "DISCORD_WEBHOOK_URL=ht" "tps://discord.com/api/webhooks/85072982"
            "25225287751/ErootleFA" "KE3myZhfL7_G6i2KA23zF",
            "see https://discord.com/api/webhooks/ for details",
        },
    },
    {
        .id = "telegram-bot-token",
        .description = "Telegram Bot API token",
        .url = "https://core.telegram.org/bots/api#authorizing-your-bot",
        .keywords = {":aa"},
        .pattern = "(?:^|[^0-9])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_\\-]{33})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TELEGRAM_BOT_TOKEN=34" "17954382:AA7I-rootleF" "AKEC4008682FAyJDGVOA6ZX",
            "https://api.telegram.org/bot88" "7907485:AAP0C1rootle"
            "FAKE0xOsh4N6ka1hM0-IWul/getMe",
        },
        .false_examples = {
            "TELEGRAM_BOT_TOKEN=78" "98464178:AAH1b" "rootleFAKEwgZBu40",
            "TELEGRAM_BOT_TOKEN=55" "24972069:BBdrMuqrootl" "eFAKEesNBg6y_BriiPkorrh",
            "time: 12:AA",
        },
    },
    {
        .id = "microsoft-teams-webhook",
        .description = "Microsoft Teams incoming webhook URL",
        .url = "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
        .keywords = {"webhook.office.com"},
        .pattern = "(?<secret>https://[a-z0-9\\-]{1,60}\\.webhook\\.office\\.com/webhookb2/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}@[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/IncomingWebhook/[a-f0-9]{32}/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?:/[A-Za-z0-9_\\-]{20,80})?)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "TEAMS_WEBHOOK=ht"
            "tps://rootlefake.webhook.office.com/webhookb2/6df265ca-4674-203e-f50"
            "e-8f30847e7295@3db04648-5b0d-ca82"
            "-26c8-b642128cc630/IncomingWebhook/d26a78d5879ac2c4b"
            "937ca5532358a8f/2c09683d-a564-08e8-3815-d083769f5b69",
            "\"url\": \"ht"
            "tps://rootlefake.webhook.office.com/webhookb2/5c0c0e33-9875-649f-635"
            "f-fd5d318ad862@cb5a0b43-1628-320d-a4ab-ebddb6ee71c4/Inc"
            "omingWebhook/a7356be80f00b5b3968d02029654b7fe/5f3a4079-ee36-8e"
            "81-8713-0fd5b38d77a7/V2XNFnxrootleFAKEeBIFCXm9iEPM6XJoHTNxf5nKY\"",
        },
        .false_examples = {
            "TEAMS_WEBHOOK=https://rootlefake.webhook.office.com/webhookb2/{group"
            "}@{tenant}/IncomingWebhook/{id}/{owner}",
            "TEAMS_WEBHOOK=ht"
            "tps://rootlefake.webhook.office.com/webhookb2/76c0b54f-8da8-fad5-264"
            "0-01dd7cd" "f3c8f@f6a4c7ff-2a44-2f48-8fb1-fea60b3ab"
            "421/IncomingWebhook/138a1ea4adc71b57dd06",
            "host: rootlefake.webhook.office.com",
        },
    },
    {
        .id = "twilio-api-key",
        .description = "Twilio API key SID",
        .url = "https://www.twilio.com/docs/iam/api-keys",
        .keywords = {"sk"},
        .pattern = "\\b(?<secret>SK[0-9a-fA-F]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .pair_with = "twilio-account-sid",
        .true_examples = {
            "TWILIO_API_KEY=SK" "f8065ebd7e714e4" "a75b8335048e84cd7",
            "  \"api_key_sid\": \"SK" "55aa6092b442141" "3ec1247efd36c32a9\",",
        },
        .false_examples = {
            "TWILIO_API_KEY=SK" "8ca1137" "103e21d5d",
            "TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"SK\", 2) == 0)",
        },
    },
    {
        .id = "twilio-account-sid",
        .description = "Twilio account SID",
        .url = "https://www.twilio.com/docs/iam/api/account",
        .keywords = {"ac"},
        .pattern = "\\b(?<secret>AC[0-9a-fA-F]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "TWILIO_ACCOUNT_SID=AC" "2e7336878a046ec" "cb83f588e154b5adf",
            "  \"account_sid\": \"AC" "0cba60e4ba2909f" "352e77907c11ee949\",",
        },
        .false_examples = {
            "TWILIO_ACCOUNT_SID=AC" "f82472b" "743001531",
            "TWILIO_ACCOUNT_SID=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"AC\", 2) == 0)",
        },
    },
    {
        .id = "twilio-auth-token",
        .description = "Twilio auth token next to a Twilio name",
        .url = "https://www.twilio.com/docs/iam/api/authtoken",
        .keywords = {"twilio"},
        .pattern = "(?i:twilio)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "TWILIO_AUTH_TOKEN=3b" "237f2170f974ac" "37f3626358466f7d",
            "twilio_auth_token: \"24" "39235230bfdcab" "ae02798c553a8028\"",
        },
        .false_examples = {
            "TWILIO_AUTH_TOKEN=a6" "5bd79d" "c08f338b",
            "TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}",
            "checksum = 4c" "829fb7d86ebf79" "62e1d22f8bdceb1e",
        },
    },
    {
        .id = "mailgun-api-key",
        .description = "Mailgun API key (key- prefix, or the newer hex form next to a Mailgun name)",
        .url = "https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key",
        .keywords = {"key-", "mailgun"},
        .pattern = "(?:(?i:mailgun)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?|\\b)(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "MAILGUN_API_KEY=ke" "y-db835788c34c86" "2d2fc136eeaa6e8c26",
            "MAILGUN_API_KEY=72" "2fd583038cee6b10ce9db7a" "476e2fa-708d7e75-9c6f20ff",
            "auth=('api', 'ke" "y-ed3bb898e383f0" "af8fe63c28a426b98e')",
        },
        .false_examples = {
            "MAILGUN_API_KEY=ke" "y-606b0d58" "e625632810e3",
            "checksum = 42" "2761c95fcafd925fb8" "5d3ef7b9d322-b9f66c9c",
            "MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        },
    },
    {
        .id = "mailchimp-api-key",
        .description = "Mailchimp Marketing API key",
        .url = "https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key",
        .keywords = {"-us"},
        .pattern = "\\b(?<secret>[0-9a-f]{32}-us[0-9]{1,2})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "MAILCHIMP_API_KEY=85" "6e1db67baacc751e" "0b120ee1cce45f-us21",
            "  \"apiKey\": \"5c" "52a655ce56fe94d7" "fc4ce59298f674-us6\",",
        },
        .false_examples = {
            "MAILCHIMP_API_KEY=80" "41cc9392a5" "42186c2d-us21",
            "MAILCHIMP_API_KEY=d9" "127fa0b6357ea981" "895200230cba98-eu21",
            "MAILCHIMP_API_KEY=00000000000000000000000000000000-us21",
        },
    },
    {
        .id = "brevo-api-key",
        .description = "Brevo (Sendinblue) API key",
        .url = "https://developers.brevo.com/docs/getting-started",
        .keywords = {"xkeysib-"},
        .pattern = "\\b(?<secret>xkeysib\\-[a-f0-9]{64}-[A-Za-z0-9]{16})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BREVO_API_KEY=xk" "eysib-337bd59030643e67841176ccfb721f3c6da2"
            "fde028d40a6c54def06baf" "026724-OPgrootleFAKE0kh",
            "  \"token\": \"xk" "eysib-b344ff7e5544171b527147fd7224cf23b154"
            "bf7cd24e6277ee9036049a" "a4038b-SIZrootleFAKEdg2\",",
        },
        .false_examples = {
            "BREVO_API_KEY=xk" "eysib-45a665d8a7a0abfab00f" "7eec7b6b4b68-WrootleFAKE3lVWe",
            "BREVO_API_KEY=xkeysib-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xkeysib-\", 8) == 0)",
        },
    },
    {
        .id = "brevo-smtp-key",
        .description = "Brevo (Sendinblue) SMTP key",
        .url = "https://help.brevo.com/hc/en-us/articles/7959631848850",
        .keywords = {"xsmtpsib-"},
        .pattern = "\\b(?<secret>xsmtpsib\\-[a-f0-9]{64}-[A-Za-z0-9]{16})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BREVO_SMTP_KEY=xs" "mtpsib-adce77d269ada80f2bf55e8a529d3bca5b01"
            "b9938df2d78f370255704b" "274b20-0iUrootleFAKEiqm",
            "  \"token\": \"xs" "mtpsib-1b430321f9ed86ab33ef371f7a2b18f79372"
            "9f7dfd50c24fb0eff54f4e" "6dc266-U0qOrootleFAKE7S\",",
        },
        .false_examples = {
            "BREVO_SMTP_KEY=xs" "mtpsib-88fd8414cb7787c702fe"
            "bcdf7ba1fb56-U3rootleFAKEwddC",
            "BREVO_SMTP_KEY=xsmtpsib-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"xsmtpsib-\", 9) == 0)",
        },
    },
    {
        .id = "postmark-server-token",
        .description = "Postmark server or account API token next to a Postmark name",
        .url = "https://postmarkapp.com/developer/api/overview#authentication",
        .keywords = {"postmark"},
        .pattern = "(?i:postmark)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "POSTMARK_SERVER_TOKEN=d8" "aa55bd-e0cd-dec1" "-4c8a-b0a70014c914",
            "postmark_server_token: \"f3" "f74e66-69ab-319c" "-d1cf-21840da254b6\"",
        },
        .false_examples = {
            "POSTMARK_SERVER_TOKEN=80" "4d-b208-ce21-b" "c35-6af9043d467e",
            "POSTMARK_SERVER_TOKEN=${POSTMARK_SERVER_TOKEN}",
            "checksum = a1" "0de620-1c83-42ff" "-3171-554fb5637307",
        },
    },
    {
        .id = "mailjet-api-secret",
        .description = "Mailjet API secret key next to a Mailjet name",
        .url = "https://dev.mailjet.com/email/guides/#authentication",
        .keywords = {"mailjet", "mj_apikey", "mj_secret"},
        .pattern = "(?i:mailjet|mj_apikey|mj_secret)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "MAILJET_SECRET_KEY=bf" "25a85662e75524" "a68ed3a114f91d34",
            "mailjet_secret_key: \"cc" "8064ff81b7f282" "04b2ff8766a60179\"",
        },
        .false_examples = {
            "MAILJET_SECRET_KEY=7f" "07d76e" "22039282",
            "MAILJET_SECRET_KEY=${MAILJET_SECRET_KEY}",
            "checksum = 78" "a8a28dd0df2f14" "6b6c83aab5c86ab6",
        },
    },
    {
        .id = "zulip-api-key",
        .description = "Zulip API key next to a Zulip name",
        .url = "https://zulip.com/api/api-keys",
        .keywords = {"zulip"},
        .pattern = "(?i:zulip)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ZULIP_API_KEY=5G" "rootleFAKELDaF" "QiNh2fywRk403yEV",
            "zulip_api_key: \"oK" "Vx0rootleFAKEt" "wP5t0MPpckyYXnCC\"",
        },
        .false_examples = {
            "ZULIP_API_KEY=IU" "eDroot" "leFAKE1X",
            "ZULIP_API_KEY=${ZULIP_API_KEY}",
            "checksum = ar" "ootleFAKEnsvAu" "GyIj3BjJYaTiqmpC",
        },
    },
};
const size_t det_rules_messaging_count = sizeof det_rules_messaging / sizeof det_rules_messaging[0];
