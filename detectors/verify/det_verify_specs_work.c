/* det_verify_specs_work.c: chat and work tools (Slack, Discord, Telegram,
 * Notion, Linear). Webhook checks never post a message: Slack's gets a
 * payload with no text, which Slack refuses with a documented error that
 * still tells a live hook from a dead one, and Discord's is a plain GET. */
#include "detectors/verify/det_verify_spec.h"

#include <string.h>

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED

static const char *const slack_hook_prefixes[] = {
    "https://hooks.slack.com/services/",
    "https://hooks.slack.com/workflows/",
    NULL,
};

static const char *const discord_hook_prefixes[] = {
    "https://discord.com/api/webhooks/",
    "https://discordapp.com/api/webhooks/",
    "https://canary.discord.com/api/webhooks/",
    "https://ptb.discord.com/api/webhooks/",
    NULL,
};

static const char *slack_hook_prepare(const det_vspec *s, const sc_finding *f,
                                      const char *base, size_t attempt, det_vreq *r)
{
    (void)s;
    (void)attempt;
    return det_vreq_url_from_secret(r, f->secret, slack_hook_prefixes, base);
}

static const char *discord_hook_prepare(const det_vspec *s, const sc_finding *f,
                                        const char *base, size_t attempt, det_vreq *r)
{
    (void)s;
    (void)attempt;
    return det_vreq_url_from_secret(r, f->secret, discord_hook_prefixes, base);
}

/* A bot token is "<bot id>:<secret>" and goes into the path, so it must
 * hold nothing that could change the path. */
static const char *telegram_prepare(const det_vspec *s, const sc_finding *f,
                                    const char *base, size_t attempt, det_vreq *r)
{
    const char *colon = strchr(f->secret, ':');

    (void)attempt;
    if (colon == NULL || colon == f->secret || colon[1] == '\0' ||
        strspn(f->secret, "0123456789") != (size_t)(colon - f->secret) ||
        !det_vchars_ok(colon + 1, det_vchars_token))
        return "not a well-formed bot token";
    sc_buf_reset(&r->url);
    sc_buf_puts(&r->url, base != NULL ? base : s->base);
    sc_buf_puts(&r->url, "/bot");
    sc_buf_puts(&r->url, f->secret);
    sc_buf_puts(&r->url, s->path);
    return NULL;
}

/* auth.test answers 200 for every call; the body's "ok" and "error" carry
 * the verdict. */
#define SLACK(id)                                                               \
    { .rule_id = id, .provider = "slack", .method = "POST",                     \
      .base = "https://slack.com", .path = "/api/auth.test",                    \
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",           \
      .headers = { "Content-Type: application/x-www-form-urlencoded" },         \
      .body = "",                                                               \
      .rules = { { 200, "\"ok\":true", V },                                     \
                 { 200, "\"invalid_auth\"", U },                                \
                 { 200, "\"token_revoked\"", U },                               \
                 { 200, "\"token_expired\"", U },                               \
                 { 200, "\"account_inactive\"", U },                            \
                 { 200, "\"not_authed\"", U } } }

const det_vspec det_vspecs_work[] = {
    SLACK("slack-bot-token"),
    SLACK("slack-user-token"),
    /* An incoming webhook answers a text-less payload with 400
     * "invalid_payload" or "no_text" when it is live; a dead one gets
     * 403 "invalid_token", 404 "no_service"/"team_disabled", or 410 for
     * an archived channel. */
    { .rule_id = "slack-webhook", .provider = "slack-webhook", .method = "POST",
      .base = NULL, .path = NULL, .auth = DET_VAUTH_NONE,
      .headers = { "Content-Type: application/json" }, .body = "{}",
      .prepare = slack_hook_prepare,
      .rules = { { 400, "invalid_payload", V },
                 { 400, "no_text", V },
                 { 400, "missing_text", V },
                 { 400, "no_team", U },
                 { 403, "invalid_token", U },
                 { 404, NULL, U },
                 { 410, NULL, U } } },
    /* GET on a webhook URL returns the webhook object and posts nothing;
     * a wrong token gets 401, a deleted webhook 404. */
    { .rule_id = "discord-webhook", .provider = "discord", .method = "GET",
      .base = NULL, .path = NULL, .auth = DET_VAUTH_NONE,
      .prepare = discord_hook_prepare,
      .rules = { { 200, "\"type\"", V }, { 401, NULL, U }, { 404, NULL, U } } },
    { .rule_id = "telegram-bot-token", .provider = "telegram", .method = "GET",
      .base = "https://api.telegram.org", .path = "/getMe", .auth = DET_VAUTH_NONE,
      .prepare = telegram_prepare,
      .rules = { { 200, "\"ok\":true", V }, { 401, NULL, U }, { 404, NULL, U } } },
    { .rule_id = "notion-token", .provider = "notion", .method = "GET",
      .base = "https://api.notion.com", .path = "/v1/users/me",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .headers = { "Notion-Version: 2022-06-28" },
      .rules = { { 200, "\"object\":\"user\"", V }, { 401, NULL, U } } },
    /* Linear takes the key bare in Authorization (no "Bearer") and reports
     * a bad key as a GraphQL AUTHENTICATION_ERROR. */
    { .rule_id = "linear-api-key", .provider = "linear", .method = "POST",
      .base = "https://api.linear.app", .path = "/graphql",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: ",
      .headers = { "Content-Type: application/json" },
      .body = "{\"query\":\"{ viewer { id } }\"}",
      .rules = { { 200, "\"viewer\":{", V },
                 { 400, "AUTHENTICATION_ERROR", U },
                 { 200, "AUTHENTICATION_ERROR", U },
                 { 401, NULL, U } } },
};
const size_t det_vspecs_work_count = sizeof(det_vspecs_work) / sizeof(det_vspecs_work[0]);
