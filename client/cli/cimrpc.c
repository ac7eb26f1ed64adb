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
        "                          (default pktprivacy; over TCP every level but none\n"
        "                          uses Kerberos)\n"
        "  -i, --impersonation LEVEL\n"
        "                          identify, impersonate or delegate (default\n"
        "                          impersonate; delegate needs a forwardable ticket)\n"
        "      --strict            refuse the session rather than let the server raise\n"
        "                          the authentication level\n"
        "  -p, --privilege NAME    ask for privilege NAME for the session (repeatable)\n"
        "      --principal NAME    your Kerberos principal (with --keytab: the one whose\n"
        "                          key the keytab holds)\n"
        "      --keytab FILE       get tickets from the client keytab FILE, for unattended\n"
        "                          use (needs --principal; no ticket cache is written)\n"
        "      --service NAME      the server's GSS service: its principal is NAME/HOST\n"
        "                          (default cimrpc)\n"
        "  -o, --output FORMAT     table, json, csv, mof or value (default table)\n"
        "      --timeout SECONDS   timeout of each call (default 30)\n"
        "  -h, --help              print this help\n"
        "      --version           print the version\n"
        "\n"
        "Without --keytab, Kerberos uses your ticket cache: run kinit first.\n"
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
    cimrpc_error *err = NULL;
    cimrpc_imp_level granted;
    const char *reason;

    if (cimrpc_connect(g->opts, conn_out, &err) < 0)
        return cli_report("connect", err);
    granted = cimrpc_conn_imp_level(*conn_out);
    if (granted < g->imp) {
        reason = cimrpc_conn_imp_reason(*conn_out);
        if (reason != NULL)
            fprintf(stderr, "cimrpc: warning: %s\n", reason);
        else
            fprintf(stderr, "cimrpc: warning: the server granted impersonation level %s, "
                    "not %s\n", cimrpc_imp_level_name(granted), cimrpc_imp_level_name(g->imp));
    }
    return CLI_EXIT_OK;
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

/* Report ERR from an option setter: a usage error (exit 2) or, when out
 * of memory, exit 1. */
static int
cli_option_error(cimrpc_error *err)
{
    int status;

    if (cimrpc_error_get_kind(err) != CIMRPC_ERR_USAGE) {
        status = cli_report("options", err);
        return status;
    }
    status = cli_usage_error("%s", cimrpc_error_message(err));
    cimrpc_error_free(err);
    return status;
}

/* Parse the global options into G (G->opts made here; the caller frees
 * it).  Returns -1 when the command can run (*FIRST is its index in ARGV),
 * else the exit status. */
static int
cli_parse(int argc, char **argv, struct cli_globals *g, int *first)
{
    enum { OPT_TIMEOUT = 256, OPT_VERSION, OPT_STRICT, OPT_PRINCIPAL, OPT_KEYTAB, OPT_SERVICE };
    static const struct option options[] = {
        { "host", required_argument, NULL, 'H' },
        { "namespace", required_argument, NULL, 'n' },
        { "authn", required_argument, NULL, 'a' },
        { "impersonation", required_argument, NULL, 'i' },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "privilege", required_argument, NULL, 'p' },
        { "principal", required_argument, NULL, OPT_PRINCIPAL },
        { "keytab", required_argument, NULL, OPT_KEYTAB },
        { "service", required_argument, NULL, OPT_SERVICE },
        { "output", required_argument, NULL, 'o' },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char *host = getenv("CIMRPC_HOST");
    cimrpc_options *opts = g->opts;
    cimrpc_error *err = NULL;
    cimrpc_authn_level authn;
    unsigned int timeout;
    bool principal = false, keytab = false;
    int c;

    if (host != NULL && *host == '\0')
        host = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:H:n:a:i:p:o:h", options, NULL)) != -1) {
        switch (c) {
        case 'H': host = optarg; break;
        case 'n':
            if (cimrpc_options_set_namespace(opts, optarg, &err) < 0)
                return cli_option_error(err);
            break;
        case 'a':
            if (cimrpc_authn_level_parse(optarg, &authn) < 0 || authn == CIMRPC_AUTHN_DEFAULT)
                return cli_usage_error("unknown authentication level '%s'; use none, connect, "
                                       "call, pkt, pktintegrity or pktprivacy", optarg);
            cimrpc_options_set_authn_level(opts, authn);
            break;
        case 'i':
            if (cimrpc_imp_level_parse(optarg, &g->imp) < 0 || g->imp == CIMRPC_IMP_DEFAULT)
                return cli_usage_error("unknown impersonation level '%s'; use identify, "
                                       "impersonate or delegate", optarg);
            if (g->imp == CIMRPC_IMP_ANONYMOUS)
                return cli_usage_error("anonymous is never accepted by cimrpcd; use identify, "
                                       "impersonate or delegate");
            if (cimrpc_options_set_imp_level(opts, g->imp, &err) < 0)
                return cli_option_error(err);
            break;
        case OPT_STRICT: cimrpc_options_set_strict(opts, true); break;
        case 'p':
            if (cimrpc_options_add_privilege(opts, optarg, &err) < 0)
                return cli_option_error(err);
            break;
        case OPT_PRINCIPAL:
            if (cimrpc_options_set_principal(opts, optarg, &err) < 0)
                return cli_option_error(err);
            principal = true;
            break;
        case OPT_KEYTAB:
            if (cimrpc_options_set_keytab(opts, optarg, &err) < 0)
                return cli_option_error(err);
            keytab = true;
            break;
        case OPT_SERVICE:
            if (cimrpc_options_set_service(opts, optarg, &err) < 0)
                return cli_option_error(err);
            break;
        case 'o':
            if (output_format_parse(optarg, &g->format) < 0)
                return cli_usage_error("unknown output format '%s'; use table, json, csv, "
                                       "mof or value", optarg);
            break;
        case OPT_TIMEOUT:
            if (cli_parse_uint(optarg, 86400, &timeout) < 0)
                return cli_usage_error("--timeout takes 1 to 86400 seconds, not '%s'", optarg);
            if (cimrpc_options_set_timeout(opts, timeout, &err) < 0)
                return cli_option_error(err);
            break;
        case 'h': cli_usage(stdout); return CLI_EXIT_OK;
        case OPT_VERSION: printf("cimrpc %s\n", cimrpc_version()); return CLI_EXIT_OK;
        default:
            if (c == ':' || (optopt != 0 && strchr("Hnaipo", optopt) != NULL))
                return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (keytab && !principal)
        return cli_usage_error("--keytab needs --principal: the principal whose key the "
                               "keytab holds");
    if (host != NULL && cimrpc_options_set_target(opts, host, &err) < 0)
        return cli_option_error(err);
    if (optind >= argc)
        return cli_usage_error("no command given");
    *first = optind;
    return -1;
}

int
main(int argc, char **argv)
{
    struct cli_globals g = {
        .imp = CIMRPC_IMP_IMPERSONATE,
        .format = OUTPUT_TABLE,
    };
    cimrpc_error *err = NULL;
    int first = 0, status;

    g.opts = cimrpc_options_new();
    if (g.opts == NULL) {
        fprintf(stderr, "cimrpc: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    if (cimrpc_options_set_client_info(g.opts, "cimrpc " PACKAGE_VERSION, &err) < 0) {
        status = cli_report("options", err);
        goto out;
    }
    status = cli_parse(argc, argv, &g, &first);
    if (status >= 0)
        goto out;
    for (size_t i = 0; i < CLI_N_COMMANDS; i++) {
        if (strcmp(argv[first], cli_commands[i].name) == 0) {
            optind = 0;     /* commands parse their own options afresh */
            status = cli_commands[i].fn(&g, argc - first, argv + first);
            goto out;
        }
    }
    status = cli_usage_error("unknown command '%s'; run 'cimrpc --help' for the list",
                             argv[first]);
out:
    cimrpc_options_free(g.opts);
    return status;
}
