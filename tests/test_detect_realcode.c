/* test_detect_realcode.c: precision on code nobody planted secrets in.
 *
 * Look-alikes: lines reduced from the Linux 6.1 tree (C, device trees,
 * Kconfig, Makefiles, YAML bindings), the Go 1.19 standard library and
 * Python packages, which the generic rules once reported: identifiers and
 * addresses assigned to keys that hold "pwd" or "secret", keys that
 * describe a credential (`secret_length`, `password.hash_algo`), a Go
 * struct with a `password string` field, .netrc test data with words and
 * an e-mail address for passwords, test URLs whose passwords are words
 * once percent-decoded, and format strings. The whole built-in catalogue
 * must find nothing in any of them.
 *
 * Genuine assignments: realistic credentials in .env, JSON, YAML, Java
 * properties, Go, JavaScript, .netrc, .git-credentials and URLs. Each must
 * still be found by its rule, with the right secret.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/det_tu.h"

static const char *const lookalikes[] = {
    /* C, Linux drivers and crypto. */
    "\t.gpio_pwdown\t\t= GPIO_E7XX_IR_OFF,\n",
    "\t.gpio_pwdown\t\t= GPIO105_HX4700_nIR_ON,\n",
    "\t.gpio_pwdown\t\t= GPIO_NR_PALMTE2_IR_DISABLE,\n",
    "\t.pwd = &sifive_fu740_prci_hfpclkpll_data,\n",
    "\tauth_tok->token.password.hash_algo = PGP_DIGEST_ALGO_SHA512;\n",
    "\t.compute_shared_secret\t= curve25519_compute_shared_secret,\n",
    "\t.compute_shared_secret = hpre_curve25519_compute_value,\n",
    "\t.set_secret = hpre_curve25519_set_secret,\n",
    "\tboot_conn->chap.intr_secret_length = QL4_CHAP_MAX_SECRET_LEN;\n",
    "\tctx->auth_token = tpm2_session_token_v2;\n",
    "static const char *secret_key_name = \"crypto_secret_key_v2\";\n",
    /* Device trees. */
    "\treg_fec1_pwdn: regulator-fec1-pwdn {\n",
    "\t\t\t\tcamera0_pwdn: pwdn {\n",
    "\t\t\tcsi0_pwd_n_pmx_func: csi0_pwd_n_pmx_func {\n",
    "\t\tsecurity-password = \"password\";\n",
    /* Kconfig and Makefiles. */
    "config HPWDT_NMI_DECODING\n\tdepends on X86 && HP_WATCHDOG\n",
    "\t  public keys and shared secrets using values stored as keys\n",
    "PWD := $(shell pwd)\n",
    "name-fix-token = $(subst $(comma),_,$(subst -,_,$1))\n",
    "$(OUTPUT)/mlock-random-test $(OUTPUT)/memfd_secret: LDLIBS += -lcap\n",
    /* YAML: device-tree bindings and manifests that name things. */
    "  pwdn-gpios:\n    maxItems: 1\n",
    "      secretName: tls-secret-2048\n",
    "  client_secret: ${OIDC_CLIENT_SECRET_V2}\n",
    "  password: null\n",
    /* Go. */
    "type netrcLine struct {\n\tmachine  string\n\tlogin    string\n\tpassword string\n}\n",
    "default\nlogin anonymous\npassword gopher@golang.org\n",
    "machine after.default\nlogin oops\npassword too-late-in-file\n",
    "machine vcs-test.golang.org\n\tlogin aladdin\n\tpassword opensesame\n",
    "\turl := \"http://My%20User:My%20Pass@dummy.faketld/\"\n",
    "\t\tin:   \"http://user:pa%2Fssword@dummy.faketld/\",\n",
    "\t\t\"http://jane:p%40ssword@google.com\",\n",
    "\t\t\"http://%3Fam:pa%3Fsword@google.com\",\n",
    "\t_, err := Parse(\"http://user^:passwo^rd@foo.com/\")\n",
    "\tprocOpenThreadToken              = modadvapi32.NewProc(\"OpenThreadToken\")\n",
    "\tsessionToken := deriveSessionToken2(masterKey)\n",
    /* Python. */
    "        return f'machine {hostname}{path} login {self.username} password {self.password}'\n",
    "    \"oauth_token_secret=secret%3Dpassword&oauth_token=lock%26key\",\n",
    "    password = DEFAULT_ADMIN_PASSWORD_V2\n",
    "    db_password = settings.DATABASES_PASSWORD2\n",
};

typedef struct genuine {
    const char *rule;
    const char *text;
    const char *secret;
} genuine;

/* Every secret is fake and split so that scanning this file finds nothing. */
static const genuine genuines[] = {
    { "generic-password", "DB_PASSWORD=\"xQ9!rootle" "FAKE7#kP\"\n", "xQ9!rootle" "FAKE7#kP" },
    { "generic-password", "password = \"FAKE" "r7!q2z\"\n", "FAKE" "r7!q2z" },
    { "generic-password", "spring.datasource.password=Kx7rootle" "FAKEq2-Zp\n",
      "Kx7rootle" "FAKEq2-Zp" },
    { "generic-password", "\t\tPassword: \"Xr8#rootle" "FAKEv2q\",\n", "Xr8#rootle" "FAKEv2q" },
    { "generic-password", "DBPASSWORD=Vq9rootle" "FAKE7xLz\n", "Vq9rootle" "FAKE7xLz" },
    { "generic-api-key", "  \"api_key\": \"rootleFAKE9x" "K2mQ7vL4pZ\",\n",
      "rootleFAKE9x" "K2mQ7vL4pZ" },
    { "generic-api-key", "const apiKey = 'q7Zrootle" "FAKE2xLp9W';\n", "q7Zrootle" "FAKE2xLp9W" },
    { "generic-secret", "  client_secret: 4fRootle" "FAKEq9Zx2Lw\n", "4fRootle" "FAKEq9Zx2Lw" },
    { "generic-secret", "SECRET_KEY=k2Zq!rootle" "FAKE9vPx\n", "k2Zq!rootle" "FAKE9vPx" },
    { "generic-token", "auth_token: \"7Qxrootle" "FAKEp2ZvL9\"\n", "7Qxrootle" "FAKEp2ZvL9" },
    { "netrc-password", "machine git.rootle.invalid login ci password Zq" "8-rootleFAKE-v7Kp2Lw9\n",
      "Zq8-rootle" "FAKE-v7Kp2Lw9" },
    { "http-basic-auth-url", "git clone https://ci:R7f-rootle" "FAKE-q2Zx9Kp@git.rootle.invalid/o/r\n",
      "R7f-rootle" "FAKE-q2Zx9Kp" },
    { "git-credentials", "https://rootle:hx7Rootle" "FAKE2qLp9Zw@git.rootle.invalid\n",
      "hx7Rootle" "FAKE2qLp9Zw" },
    { "url-password", "FTP_URL=ftp://deploy:Qz7-rootle" "FAKE-x2Lp@files.rootle.invalid/\n",
      "Qz7-rootle" "FAKE-x2Lp" },
};

#define NLOOK (sizeof(lookalikes) / sizeof(lookalikes[0]))
#define NGENUINE (sizeof(genuines) / sizeof(genuines[0]))

static det_ruleset *rs;

static void setup(void)
{
    rs = dtu_load(NULL, 0, 3);
}

static void teardown(void)
{
    det_ruleset_free(rs);
    rs = NULL;
}

START_TEST(lookalike_is_not_reported)
{
    const char *text = lookalikes[_i];
    dtu_findings f = { 0 };

    dtu_scan_str(rs, text, &f);
    /* Name the rule and the look-alike, never the matched text. */
    ck_assert_msg(f.n == 0, "look-alike %d reported by %s (%zu findings)", _i,
                  f.n > 0 ? f.v[0]->rule_id : "", f.n);
    dtu_free(&f);
}
END_TEST

/* All look-alikes as one file, the way a scan reads them: context from the
 * neighbouring lines must not change the verdict. */
START_TEST(lookalikes_together_are_not_reported)
{
    size_t cap = 1, n = 0;
    char *doc;
    dtu_findings f = { 0 };

    for (size_t i = 0; i < NLOOK; i++)
        cap += strlen(lookalikes[i]);
    doc = malloc(cap);
    ck_assert_ptr_nonnull(doc);
    for (size_t i = 0; i < NLOOK; i++) {
        memcpy(doc + n, lookalikes[i], strlen(lookalikes[i]));
        n += strlen(lookalikes[i]);
    }
    doc[n] = '\0';
    dtu_scan_str(rs, doc, &f);
    ck_assert_msg(f.n == 0, "%zu findings in the look-alikes (first by %s)", f.n,
                  f.n > 0 ? f.v[0]->rule_id : "");
    dtu_free(&f);
    free(doc);
}
END_TEST

START_TEST(genuine_is_found)
{
    const genuine *g = &genuines[_i];
    dtu_findings f = { 0 };

    dtu_scan_str(rs, g->text, &f);
    ck_assert_msg(dtu_find(&f, g->rule, g->secret) != NULL,
                  "genuine %d: rule %s did not find its secret (%zu findings)", _i, g->rule, f.n);
    /* One finding for the one credential: no second rule or decoder
     * reports the same place in another form. */
    ck_assert_msg(f.n == 1, "genuine %d: %zu findings, want 1 (second by %s)", _i, f.n,
                  f.n > 1 ? f.v[1]->rule_id : "");
    dtu_free(&f);
}
END_TEST

/* The same genuine lines surrounded by the look-alikes are still found. */
START_TEST(genuine_among_lookalikes_is_found)
{
    const genuine *g = &genuines[_i];
    size_t cap = strlen(g->text) + 1, n = 0;
    char *doc;
    dtu_findings f = { 0 };

    for (size_t i = 0; i < NLOOK; i++)
        cap += strlen(lookalikes[i]);
    doc = malloc(cap);
    ck_assert_ptr_nonnull(doc);
    for (size_t i = 0; i < NLOOK; i++) {
        if (i == NLOOK / 2) {
            memcpy(doc + n, g->text, strlen(g->text));
            n += strlen(g->text);
        }
        memcpy(doc + n, lookalikes[i], strlen(lookalikes[i]));
        n += strlen(lookalikes[i]);
    }
    doc[n] = '\0';
    dtu_scan_str(rs, doc, &f);
    ck_assert_msg(dtu_find(&f, g->rule, g->secret) != NULL,
                  "genuine %d: rule %s missed its secret among the look-alikes", _i, g->rule);
    ck_assert_uint_eq(f.n, 1);
    dtu_free(&f);
    free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("realcode");
    TCase *tc = tcase_create("realcode");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, lookalike_is_not_reported, 0, (int)NLOOK);
    tcase_add_test(tc, lookalikes_together_are_not_reported);
    tcase_add_loop_test(tc, genuine_is_found, 0, (int)NGENUINE);
    tcase_add_loop_test(tc, genuine_among_lookalikes_is_found, 0, (int)NGENUINE);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
