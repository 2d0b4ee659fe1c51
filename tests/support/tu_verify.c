/* tu_verify.c: see tu_verify.h. */
#include "tests/support/tu_verify.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/tu.h"

const char *const tu_verify_rule_ids[] = {
    "github-pat-classic", "github-pat-fine-grained", "github-oauth", "gitlab-pat",
    "slack-bot-token", "slack-user-token", "slack-webhook", "stripe-secret-key",
    "stripe-restricted-key", "sendgrid-api-key", "mailgun-api-key", "twilio-api-key",
    "npm-token", "pypi-token", "openai-api-key", "openai-project-key", "anthropic-api-key",
    "huggingface-token", "digitalocean-pat", "shopify-access-token", "discord-webhook",
    "telegram-bot-token", "datadog-api-key", "newrelic-user-api-key", "postman-api-key",
    "linear-api-key", "notion-token", "sentry-auth-token", "doppler-token",
    "mailchimp-api-key", "aws-access-key-id",
};
const size_t tu_verify_nrule_ids = sizeof(tu_verify_rule_ids) / sizeof(tu_verify_rule_ids[0]);

void tu_vrig_serve(tu_vrig *r, unsigned delay_ms)
{
    memset(r, 0, sizeof(*r));
    r->fake = tu_fake_start(tu_source_dir(), delay_ms);
    ck_assert_msg(r->fake != NULL, "cannot start tests/fake_provider.py");
}

static char *override(const tu_vrig *r, const char *rule_id, const char *path)
{
    char *s;

    ck_assert(asprintf(&s, "%s=%s%s", rule_id, tu_fake_url(r->fake), path ? path : "") > 0);
    return s;
}

void tu_vrig_create(tu_vrig *r, const tu_vrig_opts *o)
{
    det_verify_options vo;
    char **ov;
    size_t n = 0;
    char err[256];
    sc_code rc;

    ov = calloc(tu_verify_nrule_ids + o->nrules + 1, sizeof(*ov));
    ck_assert(ov != NULL);
    if (!o->no_overrides) {
        for (size_t i = 0; i < tu_verify_nrule_ids; i++)
            ov[n++] = override(r, tu_verify_rule_ids[i], o->override_path);
    }
    for (size_t i = 0; o->override_custom && i < o->nrules; i++)
        ov[n++] = override(r, o->rules[i]->id, o->override_path);
    det_verify_options_defaults(&vo);
    if (o->timeout_ms > 0)
        vo.timeout_ms = o->timeout_ms;
    vo.overrides = (const char *const *)ov;
    vo.noverrides = n;
    vo.allow_private = o->allow_private;
    rc = det_verifier_create(o->rules, o->nrules, &vo, &r->v, err, sizeof(err));
    for (size_t i = 0; i < n; i++)
        free(ov[i]);
    free(ov);
    ck_assert_msg(rc == SC_OK, "det_verifier_create: %s: %s", sc_strerror(rc), err);
    r->plugin = det_verifier_plugin(r->v);
    r->worker = r->plugin.worker_create(r->plugin.self);
    ck_assert(r->worker != NULL);
    r->cancel = sc_cancel_create();
    ck_assert(r->cancel != NULL);
    r->diag_file = tmpfile();
    ck_assert(r->diag_file != NULL);
    r->diag = sc_diag_create(r->diag_file, true);
    ck_assert(r->diag != NULL);
    r->ctx.diag = r->diag;
    r->ctx.counters = &r->counters;
    r->ctx.cancel = r->cancel;
}

void tu_vrig_start(tu_vrig *r, const tu_vrig_opts *o)
{
    tu_vrig_serve(r, 0);
    tu_vrig_create(r, o);
}

sc_finding *tu_vrig_check(tu_vrig *r, const char *rule_id, const char *secret,
                          const char *const *related)
{
    sc_finding *f = sc_finding_create(rule_id, "fixtures/leak.txt", secret, strlen(secret), NULL);
    char buf[4096];
    size_t n;

    ck_assert(f != NULL);
    for (size_t i = 0; related != NULL && related[i] != NULL; i++)
        ck_assert(sc_finding_add_related(f, related[i], strlen(related[i])) == 0);
    f->verification = SC_VERIFY_SKIPPED;
    r->plugin.verify(r->worker, &r->ctx, f);
    if (f->verification_error != NULL)
        ck_assert_msg(strstr(f->verification_error, secret) == NULL,
                      "the verification error holds the secret");
    fflush(r->diag_file);
    rewind(r->diag_file);
    n = fread(buf, 1, sizeof(buf) - 1, r->diag_file);
    buf[n] = '\0';
    ck_assert_msg(strstr(buf, secret) == NULL, "diagnostics hold the secret");
    fseek(r->diag_file, 0, SEEK_END);
    return f;
}

void tu_vrig_stop(tu_vrig *r)
{
    if (r->worker != NULL)
        r->plugin.worker_free(r->plugin.self, r->worker);
    det_verifier_free(r->v);
    sc_cancel_free(r->cancel);
    sc_diag_free(r->diag);
    if (r->diag_file != NULL)
        fclose(r->diag_file);
    tu_fake_stop(r->fake);
    memset(r, 0, sizeof(*r));
}
