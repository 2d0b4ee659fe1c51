/* main.c: the rootle command. */
#include <stdio.h>
#include <string.h>

#include "scanner/cli/cli.h"

static const char main_help[] =
    "rootle: finds leaked credentials in files and directories.\n"
    "\n"
    "Usage: rootle COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  scan PATH...   scan files and directories (\"-\" for stdin)\n"
    "  bench PATH...  scan with the output discarded and report throughput\n"
    "  detectors      list the detection rules\n"
    "  version        print the version\n"
    "\n"
    "Run 'rootle COMMAND --help' for a command's options.\n"
    "Exit status: 0 done; 183 findings and --fail; 184 verified findings and --fail;\n"
    "2 usage or fatal error; 130 interrupted.\n";

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    /* Before any thread exists, so that every thread inherits the mask. */
    cli_block_signals();
    if (cmd == NULL) {
        fputs(main_help, stderr);
        return CLI_EXIT_ERROR;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_help, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            puts("Usage: rootle version\n\nPrints rootle's version.");
            return CLI_EXIT_OK;
        }
        if (argc > 2) {
            fprintf(stderr, "rootle: version takes no arguments\n");
            return CLI_EXIT_ERROR;
        }
        printf("rootle %s\n", ROOTLE_VERSION);
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "scan") == 0)
        return cli_cmd_scan(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return cli_cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "detectors") == 0)
        return cli_cmd_detectors(argc - 1, argv + 1);
    fprintf(stderr, "rootle: unknown command '%s'\n\n%s", cmd, main_help);
    return CLI_EXIT_ERROR;
}
