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
            "SLACK_BOT_TOKEN=xo" "xb-243921269018-4134198113" "286-BlrootleFAKEX52ftzSO5Mmf",
            "  \"bot_token\": \"xo" "xb-67583714630-8687169899"
            "60-W2drootleFAKEAM9TsspAiH0\"",
        },
        .false_examples = {
            "SLACK_BOT_TOKEN=xo" "xb-858984868869-olT" "cTIrootleFAKEgclIjxKQ",
            "SLACK_BOT_TOKEN=xoxb-your-bot-token-here",
            "SLACK_BOT_TOKEN=xo" "xb-069056640110-6474" "575671752-aJBrootleL0Q",
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
            "SLACK_USER_TOKEN=xo" "xp-294648464657-376611232301-4271620"
            "169083-db13d3885f16" "2c3e9fc3f34c658d9f6a",
            "token: xo" "xp-71054087413-844362243689-0898264" "47447-6fbf7a55e41a4"
            "6affa344872153769da",
        },
        .false_examples = {
            "SLACK_USER_TOKEN=xo" "xp-004931345498-601552142905-" "2239a781b024cb73"
            "a80a3b48c2fdc979",
            "SLACK_USER_TOKEN=xoxp-your-user-token",
            "token: xo" "xp-82098123364-804848472615-2" "19237554226-ec34"
            "89004c3e0dd8bdce",
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
            "SLACK_APP_TOKEN=xa" "pp-1-DROOTLEG4CA-1928858495739-73b531adb81ddcb"
            "9ae741a35fa30f6c5c737aa7" "efbf6dec3f8440cd3025ec944",
            "app_token: xa" "pp-1-7GQBROOTLE3-386083622531-4ec622410ccd4427"
            "c496cb5794bf9296e093be81" "1a5433d76c36c48036cf7815",
        },
        .false_examples = {
            "SLACK_APP_TOKEN=xa" "pp-1-96O0ROOTLER-c8f3450e1f6ca7321de656"
            "cb67b2a1e1549f12c2c9c" "8bf1f0d9a482bdc03103a",
            "SLACK_APP_TOKEN=xapp-1-...",
            "SLACK_APP_TOKEN=xa" "pp-1-VROOTLEX9CX-7187588025532-10a" "d51d5673438e61beab"
            "700f15810725166e97f",
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
            "SLACK_WEBHOOK_URL=ht" "tps://hooks.slack.com/services/T6XUROO"
            "TLEZ/BEMLROOTLEM/nT9" "7lbrootleFAKEneXBfB7G",
            "  webhook: \"ht" "tps://hooks.slack.com/services/T1VVFAK"
            "EE/B0M65ROOTLE9/mrvk" "5rootleFAKE2xcmeK1Rr\"",
        },
        .false_examples = {
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B000000"
            "00/XXXXXXXXXXXXXXXXXXXXXXXX",
            "see https://hooks.slack.com/services/ for the endpoint",
            "url: ht" "tps://hooks.slack.com/services/T" "TZROOTLE8Q/BTAROO"
            "TLEC3/5WOgrootlecN",
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
            "SENDGRID_API_KEY=SG" ".qrootleFAKESx3GOtBgGnw.prnGaroo" "tleFAKEKqPIQl0rdD"
            "Xumlw17JZ0dFecfywa",
            "sg = SendGridAPIClient('SG" ".TmuAnrootleFAKE4_VSDv3.r-oOlroo"
            "tleFAKEj2BnL-Och3" "vdGNUQlGIbAH2CIHBE')",
        },
        .false_examples = {
            "SENDGRID_API_KEY=SG" ".rqrootleFAKECBb8Zilg" "dX.yHe5ErootleFAKEqp0PC",
            "SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxx",
            "import SG.helpers",
        },
    },
};
const size_t det_rules_messaging_count = sizeof det_rules_messaging / sizeof det_rules_messaging[0];
