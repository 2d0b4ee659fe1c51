/* cli_detectors.c: `rootle detectors`: the rules in play. */
#include "scanner/cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "scanner/sc_buf.h"

static const char detectors_help[] =
    "Usage: rootle detectors [--format text|json] [--rules FILE]\n"
    "\n"
    "Lists the detection rules: built-in ones, plus those of a rules file.\n"
    "  -f, --format FMT   text (a table, default) or json (one object per line)\n"
    "      --rules FILE   include custom rules from FILE\n";

static void keywords_csv(const det_rule_def *r, sc_buf *b)
{
    for (int k = 0; k < DET_MAX_KEYWORDS && r->keywords[k] != NULL; k++) {
        if (k > 0)
            sc_buf_putc(b, ',');
        sc_buf_puts(b, r->keywords[k]);
    }
}

static bool has_verifier(const det_rule_def *r)
{
    return r->verify != NULL || det_verify_supported(r->id);
}

int cli_cmd_detectors(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "rules", required_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    det_options o;
    det_ruleset *rs = NULL;
    char err[1024];
    bool json = false;
    int c;

    det_options_defaults(&o);
    o.no_cache = true;  /* Listing needs no compiled database. */
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "rootle: detectors: unknown format '%s' (text or json)\n", optarg);
                return CLI_EXIT_ERROR;
            }
            break;
        case 'r': o.rules_file = optarg; break;
        case 'h': fputs(detectors_help, stdout); return CLI_EXIT_OK;
        default:
            fprintf(stderr, "rootle: detectors: unknown option '%s'\n%s", argv[optind - 1],
                    detectors_help);
            return CLI_EXIT_ERROR;
        }
    }
    if (det_ruleset_load(&o, &rs, err, sizeof(err)) != SC_OK) {
        fprintf(stderr, "rootle: %s\n", err);
        return CLI_EXIT_ERROR;
    }
    if (!json)
        printf("%-36s %-6s %-30s %s\n", "ID", "VERIFY", "KEYWORDS", "DESCRIPTION");
    for (size_t i = 0; i < det_ruleset_count(rs); i++) {
        const det_rule_def *r = det_ruleset_rule(rs, i);
        sc_buf b = SC_BUF_INIT;

        if (json) {
            sc_buf_puts(&b, "{\"id\":");
            sc_buf_json_cstr(&b, r->id);
            sc_buf_puts(&b, ",\"description\":");
            sc_buf_json_cstr(&b, r->description);
            sc_buf_puts(&b, ",\"keywords\":[");
            for (int k = 0; k < DET_MAX_KEYWORDS && r->keywords[k] != NULL; k++) {
                if (k > 0)
                    sc_buf_putc(&b, ',');
                sc_buf_json_cstr(&b, r->keywords[k]);
            }
            sc_buf_puts(&b, "],\"pattern\":");
            sc_buf_json_cstr(&b, r->pattern);
            sc_buf_printf(&b, ",\"min_entropy\":%.2f,\"url\":", r->min_entropy);
            sc_buf_json_cstr(&b, r->url);
            sc_buf_printf(&b, ",\"verifier\":%s}\n", has_verifier(r) ? "true" : "false");
        } else {
            sc_buf kw = SC_BUF_INIT;

            keywords_csv(r, &kw);
            sc_buf_printf(&b, "%-36s %-6s %-30s %s\n", r->id, has_verifier(r) ? "yes" : "-",
                          kw.data != NULL ? kw.data : "", r->description ? r->description : "");
            sc_buf_free(&kw);
        }
        if (b.data != NULL)
            fputs(b.data, stdout);
        sc_buf_free(&b);
    }
    if (!json)
        printf("%zu rules\n", det_ruleset_count(rs));
    det_ruleset_free(rs);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}
