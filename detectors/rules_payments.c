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
            "STRIPE_SECRET_KEY=sk" "_live_Lgorootl" "eFAKEFwLNOLT5zGD",
            "Stripe.api_key = 'sk" "_live_4uJrootleFAKEE1cJOCvS9WDlFcMyOqLHDMDvuHF8yzvO"
            "8StQhb3PuCuQwMUWWdw37q3nY3r" "YFb7P11f4V6LmpHPExzb4RiT67V'",
        },
        .false_examples = {
            "STRIPE_SECRET_KEY=sk" "_live_ad" "XWrootleUZ",
            "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
            "STRIPE_PUBLISHABLE_KEY=pk" "_live_gBrootle" "FAKEXITKTkI3jtuJ",
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
            "STRIPE_RESTRICTED_KEY=rk" "_live_dprootle" "FAKEoJIKF0nQPWpU",
            "  \"stripe_key\": \"rk" "_live_R2eTErootleFAKEbJjW4c6G2JrUErLeiCCu9MpWv9Xg73"
            "W22ygozqXVpHL8YCR4nt9zNDP12" "TUkZPXxDO8SskAMGIOXg4RJKOET\"",
        },
        .false_examples = {
            "STRIPE_RESTRICTED_KEY=rk" "_live_g" "g5rootle4",
            "STRIPE_RESTRICTED_KEY=rk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "key = rk" "_test_m53rootl" "eFAKEiyb33clgeLg",
        },
    },
};
const size_t det_rules_payments_count = sizeof det_rules_payments / sizeof det_rules_payments[0];
