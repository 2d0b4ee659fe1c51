/* det_verify_specs_ai.c: AI platforms (OpenAI, Anthropic, Hugging Face).
 * Listing models costs nothing and needs no particular permission. */
#include "detectors/verify/det_verify_spec.h"

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED

#define OPENAI(id)                                                              \
    { .rule_id = id, .provider = "openai", .method = "GET",                     \
      .base = "https://api.openai.com", .path = "/v1/models",                   \
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",           \
      .rules = { { 200, "\"data\"", V }, { 401, NULL, U } } }

const det_vspec det_vspecs_ai[] = {
    OPENAI("openai-api-key"),
    OPENAI("openai-project-key"),
    { .rule_id = "anthropic-api-key", .provider = "anthropic", .method = "GET",
      .base = "https://api.anthropic.com", .path = "/v1/models",
      .auth = DET_VAUTH_HEADER, .auth_arg = "x-api-key: ",
      .headers = { "anthropic-version: 2023-06-01" },
      .rules = { { 200, "\"data\"", V }, { 401, NULL, U } } },
    { .rule_id = "huggingface-token", .provider = "huggingface", .method = "GET",
      .base = "https://huggingface.co", .path = "/api/whoami-v2",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"name\"", V }, { 401, NULL, U } } },
};
const size_t det_vspecs_ai_count = sizeof(det_vspecs_ai) / sizeof(det_vspecs_ai[0]);
