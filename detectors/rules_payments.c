/* rules_payments.c: built-in rules for payment providers and commerce
 * platforms (Stripe, Square, Braintree, Shopify, Flutterwave, Duffel,
 * EasyPost, Shippo).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_payments[] = {
    {
        .id = "stripe-secret-key",
        .description = "Stripe live secret key",
        .url = "https://docs.stripe.com/keys",
        .keywords = {"sk_live_"},
        .pattern = "\\b(?<secret>sk_live_[A-Za-z0-9]{24,247})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "STRIPE_SECRET_KEY=sk" "_live_LyProotl" "eFAKEogLQzadxTFg",
            "Stripe.api_key = 'sk" "_live_TzHHrootleFAKEuWkYcK1oqfrEZ0QB4H9DEv8mp3fKYXa"
            "tgg9TGlgkQ78QcXUkzZ5W9iLKCs" "nYP60Pj87ijsNjEORL8YjGw9Dou'",
        },
        .false_examples = {
            "STRIPE_SECRET_KEY=sk" "_live_90" "8srootleHc",
            "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
            "STRIPE_PUBLISHABLE_KEY=pk" "_live_KoOl4roo" "tleFAKEEx1LgWbZy",
        },
    },
    {
        .id = "stripe-restricted-key",
        .description = "Stripe live restricted API key",
        .url = "https://docs.stripe.com/keys/restricted-api-keys",
        .keywords = {"rk_live_"},
        .pattern = "\\b(?<secret>rk_live_[A-Za-z0-9]{24,247})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "STRIPE_RESTRICTED_KEY=rk" "_live_gXukroot" "leFAKEyRHbgfMkRm",
            "  \"stripe_key\": \"rk" "_live_RaKOANrootleFAKEpSl2wqfi5HMjH93wCSPq7JBUnrfTw"
            "CwVMlsMcA5MRjY5B3plpF6eJhtG" "ipDZGueFCltL0Rwr5ebzvpD3FKK\"",
        },
        .false_examples = {
            "STRIPE_RESTRICTED_KEY=rk" "_live_K" "zsrootlew",
            "STRIPE_RESTRICTED_KEY=rk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "key = rk" "_test_ArootleF" "AKEcxIrNAVcrATlH",
        },
    },
    {
        .id = "stripe-test-secret-key",
        .description = "Stripe test-mode secret key",
        .url = "https://docs.stripe.com/keys",
        .keywords = {"sk_test_"},
        .pattern = "\\b(?<secret>sk_test_[A-Za-z0-9]{24,247})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "STRIPE_SECRET_KEY=sk" "_test_ucG1rootleFAKEvj" "hpyjdjER8lc2Wp1uoqhS4Tn1",
            "  \"token\": \"sk" "_test_hduJrootleFAKEhY" "Vyu3AqFrzRNDnHJcoeIBujsq\",",
        },
        .false_examples = {
            "STRIPE_SECRET_KEY=sk" "_test_sZUBUr" "ootleFAKElkwAb",
            "STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sk_test_\", 8) == 0)",
        },
    },
    {
        .id = "stripe-webhook-secret",
        .description = "Stripe webhook signing secret",
        .url = "https://docs.stripe.com/webhooks#verify-events",
        .keywords = {"whsec_"},
        .pattern = "\\b(?<secret>whsec_[A-Za-z0-9]{32,64})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "STRIPE_WEBHOOK_SECRET=wh" "sec_V0KarootleFAK" "E8F2Nww8YTlu5z7HM8G",
            "  \"token\": \"wh" "sec_LRRr5rootleFA" "KEQrGeOMxyKvzyCdODd\",",
        },
        .false_examples = {
            "STRIPE_WEBHOOK_SECRET=wh" "sec_2root" "leFAKEQbvUo",
            "STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"whsec_\", 6) == 0)",
        },
    },
    {
        .id = "square-access-token",
        .description = "Square access token",
        .url = "https://developer.squareup.com/docs/build-basics/access-tokens",
        .keywords = {"eaaa"},
        .pattern = "\\b(?<secret>EAAA[A-Za-z0-9_\\-]{60})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SQUARE_ACCESS_TOKEN=EA" "AAoFUxFrootleFAKErmpJz1NVdJGoQ" "mOUTEckk_zedwZut"
            "5ybE4cG7AdnV0qQr",
            "  \"token\": \"EA" "AAe4nrootleFAKEnlhgG5if7C47Oo3" "bO2JnQg8eHFqHoH5"
            "J3RBtpN-ncMuyeS0\",",
        },
        .false_examples = {
            "SQUARE_ACCESS_TOKEN=EA" "AATUI1rootleFAK" "ElKIHRMSUggysFbYj",
            "SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"EAAA\", 4) == 0)",
        },
    },
    {
        .id = "square-legacy-access-token",
        .description = "Square legacy personal access token",
        .url = "https://developer.squareup.com/docs/build-basics/access-tokens",
        .keywords = {"sq0atp-"},
        .pattern = "\\b(?<secret>sq0atp\\-[A-Za-z0-9_\\-]{22})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SQUARE_ACCESS_TOKEN=sq" "0atp-VR3Kroo" "tleFAKE8jFsuqgG",
            "  \"token\": \"sq" "0atp-yQrootl" "eFAKEzBSkkJ2_nf\",",
        },
        .false_examples = {
            "SQUARE_ACCESS_TOKEN=sq" "0atp-4h" "rootledXU",
            "SQUARE_ACCESS_TOKEN=sq0atp-xxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sq0atp-\", 7) == 0)",
        },
    },
    {
        .id = "square-oauth-secret",
        .description = "Square application (OAuth) secret",
        .url = "https://developer.squareup.com/docs/oauth-api/overview",
        .keywords = {"sq0csp-"},
        .pattern = "\\b(?<secret>sq0csp\\-[A-Za-z0-9_\\-]{43})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SQUARE_APPLICATION_SECRET=sq" "0csp-mXk1rootleFAKE0igV"
            "u1uYgFScJ0bI_cyqktCXbMAi9",
            "  \"token\": \"sq" "0csp--n_xXsrootleFAKENg" "Ecc701wh-niKAcSdgdtBLHFbc\",",
        },
        .false_examples = {
            "SQUARE_APPLICATION_SECRET=sq" "0csp-Lm8hroo" "tleFAKE1C9b1xB",
            "SQUARE_APPLICATION_SECRET=sq0csp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxx",
            "if (strncmp(tok, \"sq0csp-\", 7) == 0)",
        },
    },
    {
        .id = "braintree-access-token",
        .description = "Braintree / PayPal production access token",
        .url = "https://developer.paypal.com/braintree/docs/guides/authorization/access-token",
        .keywords = {"access_token$production$"},
        .pattern = "\\b(?<secret>access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "BRAINTREE_ACCESS_TOKEN=ac" "cess_token$production$7rrootlefake"
            "uh9g$c3d3394ff81e9" "3b21e7e86d3e8e6895c",
            "gateway = braintree.BraintreeGateway(access_token='ac"
            "cess_token$production$i5nfrootlefa" "kec2$8735c93e92d49"
            "57c324dafd0076a2ab3')",
        },
        .false_examples = {
            "BRAINTREE_ACCESS_TOKEN=ac" "cess_token$sandbox$29qm5rootlefak"
            "e1$ab8db6cd22fd51" "a9370a5d7a9424de3e",
            "BRAINTREE_ACCESS_TOKEN=ac" "cess_token$production$nr"
            "ootlefakek8dgc$f543cc1c192c",
            "BRAINTREE_ACCESS_TOKEN=access_token$production$xxxx$xxxx",
        },
    },
    {
        .id = "shopify-access-token",
        .description = "Shopify Admin API access token",
        .url = "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
        .keywords = {"shpat_"},
        .pattern = "\\b(?<secret>shpat_[a-fA-F0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SHOPIFY_TOKEN=sh" "pat_0a142e7ab4015" "a9150ffd0d366ad6524",
            "  \"token\": \"sh" "pat_41c2f60e08aa0" "7e7e26491b6d53a12b9\",",
        },
        .false_examples = {
            "SHOPIFY_TOKEN=sh" "pat_148e8" "18cda07f519",
            "SHOPIFY_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"shpat_\", 6) == 0)",
        },
    },
    {
        .id = "shopify-shared-secret",
        .description = "Shopify app shared secret",
        .url = "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
        .keywords = {"shpss_"},
        .pattern = "\\b(?<secret>shpss_[a-fA-F0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SHOPIFY_TOKEN=sh" "pss_87631de5bfba2" "55d8f5d97c86cb592fc",
            "  \"token\": \"sh" "pss_a660248953860" "cf01b14df6f789502c6\",",
        },
        .false_examples = {
            "SHOPIFY_TOKEN=sh" "pss_52fc8" "db43875bf37",
            "SHOPIFY_TOKEN=shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"shpss_\", 6) == 0)",
        },
    },
    {
        .id = "shopify-custom-app-token",
        .description = "Shopify custom app access token",
        .url = "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
        .keywords = {"shpca_"},
        .pattern = "\\b(?<secret>shpca_[a-fA-F0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SHOPIFY_TOKEN=sh" "pca_f84fd5f27b1b5" "6227c1f056240e03228",
            "  \"token\": \"sh" "pca_4e4f8ab341ea2" "1decad083719e2ee69a\",",
        },
        .false_examples = {
            "SHOPIFY_TOKEN=sh" "pca_f1aed" "16ff403085a",
            "SHOPIFY_TOKEN=shpca_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"shpca_\", 6) == 0)",
        },
    },
    {
        .id = "shopify-private-app-token",
        .description = "Shopify private app access token",
        .url = "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
        .keywords = {"shppa_"},
        .pattern = "\\b(?<secret>shppa_[a-fA-F0-9]{32})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SHOPIFY_TOKEN=sh" "ppa_322301195d735" "d0dc8204bef97c2c03d",
            "  \"token\": \"sh" "ppa_b3134199303c9" "db88012ef4dc9f43b35\",",
        },
        .false_examples = {
            "SHOPIFY_TOKEN=sh" "ppa_84582" "d208561b267",
            "SHOPIFY_TOKEN=shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"shppa_\", 6) == 0)",
        },
    },
    {
        .id = "flutterwave-secret-key",
        .description = "Flutterwave secret key",
        .url = "https://developer.flutterwave.com/docs/api-keys",
        .keywords = {"flwseck"},
        .pattern = "\\b(?<secret>FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "FLW_SECRET_KEY=FL" "WSECK-8a06121965b7c" "6e011d3f5efae73d27a-X",
            "  \"secret_key\": \"FL" "WSECK_TEST-cc6239e8c2" "62b1cb0bf2d70d87b7e20a-X\",",
        },
        .false_examples = {
            "FLW_SECRET_KEY=FL" "WSECK-23ecbc6" "23ee02196cbfa-X",
            "FLW_PUBLIC_KEY=FL" "WPUBK-dc1a849f9123c" "ba6651523097d4df3ba-X",
            "FLW_SECRET_KEY=FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X",
        },
    },
    {
        .id = "duffel-api-token",
        .description = "Duffel API access token",
        .url = "https://duffel.com/docs/api/overview/making-requests/authentication",
        .keywords = {"duffel_live_", "duffel_test_"},
        .pattern = "\\b(?<secret>duffel_(?:live|test)_[A-Za-z0-9_=\\-]{43})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DUFFEL_ACCESS_TOKEN=du" "ffel_live_6mZxUrootleFAKE"
            "ITiAqws4ogycpL56cflJu9WqY22C",
            "  \"token\": \"du" "ffel_test_zarootleFAKE5wU"
            "FHBpLtwZv7mKiK6W2JD5Mv_8EYJa\",",
        },
        .false_examples = {
            "DUFFEL_ACCESS_TOKEN=du" "ffel_live_hLVp" "UrootleFAKEECwMt",
            "DUFFEL_ACCESS_TOKEN=duffel_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxxxxx",
            "mode = 'duffel_test_'",
        },
    },
    {
        .id = "easypost-api-key",
        .description = "EasyPost API key",
        .url = "https://docs.easypost.com/docs/authentication",
        .keywords = {"ezak"},
        .pattern = "\\b(?<secret>EZAK[a-zA-Z0-9]{54})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "EASYPOST_API_KEY=EZ" "AKvbrootleFAKEGNkcnN4e2jTVy"
            "XWQ6AsUomRJfw52Sxq3wO914FTXhV",
            "  \"token\": \"EZ" "AKqZ8v4YrootleFAKE106PLlD0Z"
            "QcwtzCZ6YxBM2ontlt2fq3Xr5hjsf\",",
        },
        .false_examples = {
            "EASYPOST_API_KEY=EZ" "AK3orootleFAK" "Etp7PrpqFerJZgtR",
            "EASYPOST_API_KEY=EZAKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxxxxxx",
            "if (strncmp(tok, \"EZAK\", 4) == 0)",
        },
    },
    {
        .id = "shippo-api-token",
        .description = "Shippo live API token",
        .url = "https://docs.goshippo.com/docs/guides_general/authentication/",
        .keywords = {"shippo_live_"},
        .pattern = "\\b(?<secret>shippo_live_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SHIPPO_API_TOKEN=sh" "ippo_live_0019c94d8cdb9f" "97d99c0b6aadc195c10d199de1",
            "  \"token\": \"sh" "ippo_live_b4701060839f06" "de63de7e89890581a95634eefa\",",
        },
        .false_examples = {
            "SHIPPO_API_TOKEN=sh" "ippo_live_82d9" "92c7f7a6e962eab8",
            "SHIPPO_API_TOKEN=shippo_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "x",
            "if (strncmp(tok, \"shippo_live_\", 12) == 0)",
        },
    },
    {
        .id = "paypal-client-secret",
        .description = "PayPal REST API client secret next to a PayPal name",
        .url = "https://developer.paypal.com/api/rest/",
        .keywords = {"paypal"},
        .pattern = "(?i:paypal)[\\w.\\-]{0,10}(?i:secret)[\\w.\\-]{0,10}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>E[A-Za-z0-9_\\-]{79})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PAYPAL_CLIENT_SECRET=E6" "UrootleFAKECQ210JyURrZ9LnlevcRUr9Iplrp"
            "ZGxNOtYqKjNibz57yUj2" "9yoM86TGhXnGwlMbDWL3",
            "paypal_client_secret: \"EY" "dbrootleFAKEwUVlmyBQQm0P16OQM7c6m8JVug"
            "MxT0BjczR3K3Ul1wEOsn" "pKdEU9Ygw6kL6thjeNOf\"",
        },
        .false_examples = {
            "PAYPAL_CLIENT_SECRET=EX" "_GLHGrootleFAKEgRx" "QnorSL9q1h8p7suVakRu",
            "PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}",
            "checksum = EI" "HrootleFAKE0x2_vleIOUFKmN54v0s2Vp0WBdK" "kBvTf343T11z9kMtcKee"
            "fd9BK0zNIxlErlOZ20qN",
        },
    },
    {
        .id = "razorpay-key-secret",
        .description = "Razorpay key secret next to a Razorpay name",
        .url = "https://razorpay.com/docs/api/authentication/",
        .keywords = {"razorpay", "rzp"},
        .pattern = "(?i:razorpay|rzp)[\\w.\\-]{0,6}(?i:secret)[\\w.\\-]{0,6}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{24})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "RAZORPAY_KEY_SECRET=4C" "Y6rootleFA" "KEEo0OZR3qQB",
            "razorpay_key_secret: \"pY" "rS7Krootle" "FAKE4XufYMz5\"",
        },
        .false_examples = {
            "RAZORPAY_KEY_SECRET=AL" "rootlea83g",
            "RAZORPAY_KEY_SECRET=${RAZORPAY_KEY_SECRET}",
            "checksum = iU" "Rxgkrootle" "FAKEbhU9POwy",
        },
    },
    {
        .id = "coinbase-api-secret",
        .description = "Coinbase API secret next to a Coinbase name",
        .url = "https://docs.cdp.coinbase.com/get-started/docs/cdp-api-keys",
        .keywords = {"coinbase"},
        .pattern = "(?i:coinbase)[\\w.\\-]{0,10}(?i:secret)[\\w.\\-]{0,6}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "COINBASE_API_SECRET=Vi" "drootleFAKEwdO" "mpgcbjOkc12LFnBT",
            "coinbase_api_secret: \"ss" "crootleFAKE8R5" "2QhemJYiAVwbO7EJ\"",
        },
        .false_examples = {
            "COINBASE_API_SECRET=lr" "ootleF" "AKE7S9tz",
            "COINBASE_API_SECRET=${COINBASE_API_SECRET}",
            "checksum = jr" "ootleFAKEiwOvl" "KzaJe884vQZKnZiF",
        },
    },
};
const size_t det_rules_payments_count = sizeof det_rules_payments / sizeof det_rules_payments[0];
