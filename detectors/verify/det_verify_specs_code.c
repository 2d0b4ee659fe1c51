/* det_verify_specs_code.c: code hosting, package registries and developer
 * tooling. Each entry is the provider's documented "who am I" call, which
 * reads and changes nothing. */
#include "detectors/verify/det_verify_spec.h"

#define V SC_VERIFY_VERIFIED
#define U SC_VERIFY_UNVERIFIED

/* GET /user answers 200 with the account for any valid token, whatever its
 * scopes, and 401 "Bad credentials" otherwise. A 403 is a rate or abuse
 * limit, which says nothing about the token, so it stays unknown. */
#define GITHUB(id)                                                              \
    { .rule_id = id, .provider = "github", .method = "GET",                     \
      .base = "https://api.github.com", .path = "/user",                        \
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: token ",            \
      .headers = { "Accept: application/vnd.github+json" },                     \
      .rules = { { 200, "\"login\"", V }, { 401, NULL, U } } }

const det_vspec det_vspecs_code[] = {
    GITHUB("github-pat-classic"),
    GITHUB("github-pat-fine-grained"),
    GITHUB("github-oauth"),
    /* GitLab (15.5+) describes the token itself; revoked and expired
     * tokens get 401. */
    { .rule_id = "gitlab-pat", .provider = "gitlab", .method = "GET",
      .base = "https://gitlab.com", .path = "/api/v4/personal_access_tokens/self",
      .auth = DET_VAUTH_HEADER, .auth_arg = "PRIVATE-TOKEN: ",
      .rules = { { 200, "\"scopes\"", V }, { 401, NULL, U } } },
    { .rule_id = "npm-token", .provider = "npm", .method = "GET",
      .base = "https://registry.npmjs.org", .path = "/-/whoami",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"username\"", V }, { 401, NULL, U } } },
    /* PyPI has no "who am I" call for upload tokens, so this asks the
     * upload endpoint to do a file_upload with no metadata and no file at
     * all. Warehouse checks the credentials first: a bad token gets 403
     * "Invalid or non-existent authentication information"; a good one gets
     * past that and is refused with 400 for the missing metadata. Without a
     * file part nothing can ever be uploaded. */
    { .rule_id = "pypi-token", .provider = "pypi", .method = "POST",
      .base = "https://upload.pypi.org", .path = "/legacy/",
      .auth = DET_VAUTH_BASIC_USER, .auth_arg = "__token__",
      .headers = { "Content-Type: application/x-www-form-urlencoded" },
      .body = ":action=file_upload&protocol_version=1",
      .rules = { { 403, "Invalid or non-existent authentication", U },
                 { 400, "Invalid or non-existent authentication", U },
                 { 401, NULL, U },
                 { 400, NULL, V } } },
    /* The API root reports the caller's auth scopes for a valid token and
     * answers 401 "Invalid token" otherwise. */
    { .rule_id = "sentry-auth-token", .provider = "sentry", .method = "GET",
      .base = "https://sentry.io", .path = "/api/0/",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"scopes\"", V }, { 401, NULL, U } } },
    { .rule_id = "doppler-token", .provider = "doppler", .method = "GET",
      .base = "https://api.doppler.com", .path = "/v3/me",
      .auth = DET_VAUTH_HEADER, .auth_arg = "Authorization: Bearer ",
      .rules = { { 200, "\"workplace\"", V }, { 401, NULL, U } } },
    { .rule_id = "postman-api-key", .provider = "postman", .method = "GET",
      .base = "https://api.getpostman.com", .path = "/me",
      .auth = DET_VAUTH_HEADER, .auth_arg = "X-Api-Key: ",
      .rules = { { 200, "\"user\"", V }, { 401, NULL, U } } },
};
const size_t det_vspecs_code_count = sizeof(det_vspecs_code) / sizeof(det_vspecs_code[0]);
