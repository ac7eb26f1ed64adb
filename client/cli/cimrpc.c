/*
 * cimrpc.c: the cimrpc command: global options, then one command.
 *
 *     cimrpc [GLOBAL OPTIONS] COMMAND [ARGS]
 *
 * Exit status tells scripts what happened (see cli.h and --help).
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct cli_command {
    const char *name;
    cli_command_fn *fn;
    const char *summary;
};

static const struct cli_command cli_commands[] = {
    { "ping", cmd_ping, "round trip to the server; prints the time and the level in force" },
    { "whoami", cmd_whoami, "who the server believes you are: account, groups, level" },
};

#define CLI_N_COMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]))

static void
cli_usage(FILE *out)
{
    fprintf(out,
        "Usage: cimrpc [GLOBAL OPTIONS] COMMAND [ARGS]\n"
        "Manage a cimrpc server (cimrpcd).\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; i < CLI_N_COMMANDS; i++)
        fprintf(out, "  %-8s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(out,
        "\n"
        "Global options:\n"
        "  -H, --host TARGET       HOST[:PORT], [IPV6]:PORT or unix:PATH (default:\n"
        "                          $CIMRPC_HOST, else unix:%s;\n"
        "                          TCP port %d)\n"
        "  -n, --namespace NS      namespace (default root/cimv2)\n"
        "  -a, --authn LEVEL       none, connect, call, pkt, pktintegrity, pktprivacy\n"
        "                          (default pktprivacy)\n"
        "  -o, --output FORMAT     table, json, csv, mof or value (default table)\n"
        "      --timeout SECONDS   timeout of each call (default 30)\n"
        "  -h, --help              print this help\n"
        "      --version           print the version\n"
        "\n"
        "Run 'cimrpc COMMAND --help' for a command's own options.\n"
        "\n"
        "Exit status:\n"
        "  0 success            3 cannot connect or authenticate   6 some hosts failed\n"
        "  1 other failure      4 access denied\n"
        "  2 usage error        5 not found\n",
        CIMRPC_DEFAULT_SOCKET, CIMRPC_DEFAULT_PORT);
}

static int __attribute__((format(printf, 1, 2)))
cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("cimrpc: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'cimrpc --help' for more information.\n", stderr);
    return CLI_EXIT_USAGE;
}

int
cli_report(const char *what, cimrpc_error *err)
{
    int status;

    fprintf(stderr, "cimrpc: %s: %s\n", what, cimrpc_error_message(err));
    switch (cimrpc_error_get_kind(err)) {
    case CIMRPC_ERR_USAGE: status = CLI_EXIT_USAGE; break;
    case CIMRPC_ERR_CONNECT: status = CLI_EXIT_CONNECT; break;
    case CIMRPC_ERR_ACCESS: status = CLI_EXIT_ACCESS; break;
    case CIMRPC_ERR_NOT_FOUND: status = CLI_EXIT_NOT_FOUND; break;
    default: status = CLI_EXIT_FAILURE; break;
    }
    cimrpc_error_free(err);
    return status;
}

int
cli_connect(const struct cli_globals *g, cimrpc_conn **conn_out)
{
    cimrpc_options *opts = cimrpc_options_new();
    cimrpc_error *err = NULL;
    int rc;

    if (opts == NULL) {
        fprintf(stderr, "cimrpc: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    cimrpc_options_set_authn_level(opts, g->authn);
    if ((g->host != NULL && cimrpc_options_set_target(opts, g->host, &err) < 0) ||
        cimrpc_options_set_timeout(opts, g->timeout, &err) < 0 ||
        cimrpc_connect(opts, conn_out, &err) < 0)
        rc = cli_report("connect", err);
    else
        rc = CLI_EXIT_OK;
    cimrpc_options_free(opts);
    return rc;
}

int
cli_print(const struct cli_globals *g, struct output_record *const *recs, size_t n, bool single)
{
    if (output_print(stdout, g->format, recs, n, single) < 0) {
        fprintf(stderr, "cimrpc: cannot write the output: %s\n", strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}

/* Parse a whole positive number no larger than MAX.  Returns 0 or -1. */
static int
cli_parse_uint(const char *s, unsigned long max, unsigned int *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || *s == '\0' || *end != '\0' || *s == '-' || v == 0 || v > max)
        return -1;
    *out = (unsigned int)v;
    return 0;
}

int
main(int argc, char **argv)
{
    enum { OPT_TIMEOUT = 256, OPT_VERSION };
    static const struct option options[] = {
        { "host", required_argument, NULL, 'H' },
        { "namespace", required_argument, NULL, 'n' },
        { "authn", required_argument, NULL, 'a' },
        { "output", required_argument, NULL, 'o' },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    struct cli_globals g = {
        .namespace_ = "root/cimv2",
        .authn = CIMRPC_AUTHN_PKT_PRIVACY,
        .format = OUTPUT_TABLE,
        .timeout = 30,
    };
    int c;

    g.host = getenv("CIMRPC_HOST");
    if (g.host != NULL && *g.host == '\0')
        g.host = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:H:n:a:o:h", options, NULL)) != -1) {
        switch (c) {
        case 'H': g.host = optarg; break;
        case 'n':
            if (*optarg == '\0')
                return cli_usage_error("the namespace must not be empty");
            g.namespace_ = optarg;
            break;
        case 'a':
            if (cimrpc_authn_level_parse(optarg, &g.authn) < 0 || g.authn == CIMRPC_AUTHN_DEFAULT)
                return cli_usage_error("unknown authentication level '%s'; use none, connect, "
                                       "call, pkt, pktintegrity or pktprivacy", optarg);
            break;
        case 'o':
            if (output_format_parse(optarg, &g.format) < 0)
                return cli_usage_error("unknown output format '%s'; use table, json, csv, "
                                       "mof or value", optarg);
            break;
        case OPT_TIMEOUT:
            if (cli_parse_uint(optarg, 86400, &g.timeout) < 0)
                return cli_usage_error("--timeout takes 1 to 86400 seconds, not '%s'", optarg);
            break;
        case 'h': cli_usage(stdout); return CLI_EXIT_OK;
        case OPT_VERSION: printf("cimrpc %s\n", cimrpc_version()); return CLI_EXIT_OK;
        default:
            if (c == ':' || (optopt != 0 && strchr("Hnao", optopt) != NULL))
                return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("no command given");
    int first = optind;
    for (size_t i = 0; i < CLI_N_COMMANDS; i++) {
        if (strcmp(argv[first], cli_commands[i].name) == 0) {
            optind = 0;     /* commands parse their own options afresh */
            return cli_commands[i].fn(&g, argc - first, argv + first);
        }
    }
    return cli_usage_error("unknown command '%s'; run 'cimrpc --help' for the list", argv[first]);
}
