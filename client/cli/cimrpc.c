/*
 * cimrpc.c: the cimrpc command: global options, then one command.
 *
 *     cimrpc [GLOBAL OPTIONS] COMMAND [ARGS]
 *
 * The global options are checked here, once, and kept as given so that
 * each host of a fan-out (-H @FILE) gets its own options built from them.
 * The command's arguments are parsed here too, before any connection;
 * then the command runs on the one host, or on every host of the file.
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

static const struct cli_command cli_command_table[] = {
    { "ping", ping_parse, ping_run, ping_free,
      "round trip to the server; prints the time and the level in force" },
    { "whoami", whoami_parse, whoami_run, whoami_free,
      "who the server believes you are: account, groups, level" },
    { "query", query_parse, query_run, query_free,
      "run a WQL query; results are printed as they arrive" },
    { "get", get_parse, get_run, get_free, "read one instance (or a class) by its path" },
    { "enum", enum_parse, enum_run, enum_free, "the instances of a class" },
    { "classes", classes_parse, classes_run, classes_free, "the classes of the namespace" },
    { "invoke", invoke_parse, invoke_run, invoke_free, "run a method of an instance or class" },
    { "set", set_parse, set_run, set_free, "change properties of an instance" },
    { "create", create_parse, create_run, create_free, "create an instance" },
    { "delete", delete_parse, delete_run, delete_free, "delete an instance (or a class)" },
    { "ns", ns_parse, ns_run, ns_free, "list, create or delete namespaces" },
    { "mofcomp", mofcomp_parse, mofcomp_run, mofcomp_free,
      "compile a MOF file (and its includes) on the server" },
    { "acl", acl_parse, acl_run, acl_free,
      "read or change a namespace's security descriptor" },
    { "config", config_parse, config_run, config_free,
      "read or change the server's delegated configuration" },
    { "shell", shell_parse, shell_run, shell_free,
      "an interactive shell running these commands on one connection" },
};

#define CLI_N_COMMANDS (sizeof(cli_command_table) / sizeof(cli_command_table[0]))

const struct cli_command *
cli_commands(size_t *n_out)
{
    *n_out = CLI_N_COMMANDS;
    return cli_command_table;
}

const struct cli_command *
cli_command_find(const char *name)
{
    for (size_t i = 0; i < CLI_N_COMMANDS; i++)
        if (strcmp(name, cli_command_table[i].name) == 0)
            return &cli_command_table[i];
    return NULL;
}

static void
cli_help(FILE *out)
{
    fprintf(out,
        "Usage: cimrpc [GLOBAL OPTIONS] COMMAND [ARGS]\n"
        "Manage a cimrpc server (cimrpcd).\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; i < CLI_N_COMMANDS; i++)
        fprintf(out, "  %-8s %s\n", cli_command_table[i].name, cli_command_table[i].summary);
    fprintf(out,
        "\n"
        "  query WQL\n"
        "  get PATH [-p PROP,...]\n"
        "  enum CLASS [--shallow] [--keys-only] [--properties PROP,...]\n"
        "  classes [SUPERCLASS] [--shallow] [--names-only]\n"
        "  invoke PATH METHOD [NAME=VALUE...]\n"
        "  set PATH NAME=VALUE...\n"
        "  create CLASS NAME=VALUE...\n"
        "  delete PATH | delete --class CLASS\n"
        "  ns list [--recursive] [NS] | ns create NS | ns delete NS\n"
        "  mofcomp FILE\n"
        "  acl get [NS] | acl set [NS] SDDL | acl add [NS] ACE | acl remove [NS] ACE\n"
        "  config sections [SECTION] | config get|effective NAMESPACE [SECTION]\n"
        "  config set NAMESPACE SECTION ATTR=VALUE... [--reset ATTR]\n"
        "             [--add COLL KEY=V,...] [--remove COLL KEY=V] [--clear COLL]\n"
        "  config lock|unlock NAMESPACE SECTION [--attributes A,B] [--elements C,D]\n"
        "             [--all-attributes-except A,B] [--all-elements-except C,D]\n"
        "             [--item COLL KEY=V] [--inherit]\n"
        "  shell\n"
        "\n"
        "Global options:\n"
        "  -H, --host TARGET       HOST[:PORT], [IPV6]:PORT or unix:PATH (default:\n"
        "                          $CIMRPC_HOST, else unix:%s;\n"
        "                          TCP port %d); @FILE runs the command on every host\n"
        "                          listed in FILE (one a line, # comments), in parallel,\n"
        "                          labelling each result with its host\n"
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
        "Values (NAME=VALUE): strings as given; integers in decimal or 0x hexadecimal,\n"
        "within the range of the property's type; booleans true or false; reals;\n"
        "datetimes (yyyymmddhhmmss.mmmmmmsutc); references as object paths; arrays as\n"
        "{a,b,c} or by repeating NAME=VALUE; the literal NULL for null (write \\NULL for\n"
        "the string NULL, and a leading \\ also keeps a string's {).\n"
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
        fprintf(stderr, "cimrpc: options: %s\n", cimrpc_error_message(err));
        cimrpc_error_free(err);
        return CLI_EXIT_FAILURE;
    }
    status = cli_usage_error("%s", cimrpc_error_message(err));
    cimrpc_error_free(err);
    return status;
}

int
cli_options_build(const struct cli_globals *g, const char *target, cimrpc_options **opts_out,
                  cimrpc_error **err_out)
{
    cimrpc_options *opts = cimrpc_options_new();

    if (opts == NULL) {
        *err_out = NULL;            /* out of memory */
        return -1;
    }
    if (cimrpc_options_set_client_info(opts, "cimrpc " PACKAGE_VERSION, err_out) < 0 ||
        (g->nspace != NULL && cimrpc_options_set_namespace(opts, g->nspace, err_out) < 0) ||
        (g->imp_given && cimrpc_options_set_imp_level(opts, g->imp, err_out) < 0) ||
        (g->principal != NULL && cimrpc_options_set_principal(opts, g->principal, err_out) < 0) ||
        (g->keytab != NULL && cimrpc_options_set_keytab(opts, g->keytab, err_out) < 0) ||
        (g->service != NULL && cimrpc_options_set_service(opts, g->service, err_out) < 0) ||
        (g->timeout != 0 && cimrpc_options_set_timeout(opts, g->timeout, err_out) < 0) ||
        (target != NULL && cimrpc_options_set_target(opts, target, err_out) < 0))
        goto fail;
    for (size_t i = 0; i < g->n_privileges; i++)
        if (cimrpc_options_add_privilege(opts, g->privileges[i], err_out) < 0)
            goto fail;
    if (g->authn != CIMRPC_AUTHN_DEFAULT)
        cimrpc_options_set_authn_level(opts, g->authn);
    cimrpc_options_set_strict(opts, g->strict);
    *opts_out = opts;
    return 0;
fail:
    cimrpc_options_free(opts);
    return -1;
}

/* Parse the global options into G.  Returns CLI_RUN when the command can
 * run (*FIRST is its index in ARGV), else the exit status. */
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
    unsigned int timeout;
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
            g->nspace = optarg;
            break;
        case 'a':
            if (cimrpc_authn_level_parse(optarg, &g->authn) < 0 ||
                g->authn == CIMRPC_AUTHN_DEFAULT)
                return cli_usage_error("unknown authentication level '%s'; use none, connect, "
                                       "call, pkt, pktintegrity or pktprivacy", optarg);
            cimrpc_options_set_authn_level(opts, g->authn);
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
            g->imp_given = true;
            break;
        case OPT_STRICT:
            cimrpc_options_set_strict(opts, true);
            g->strict = true;
            break;
        case 'p': {
            const char **privileges;
            if (cimrpc_options_add_privilege(opts, optarg, &err) < 0)
                return cli_option_error(err);
            privileges = realloc(g->privileges, (g->n_privileges + 1) * sizeof(char *));
            if (privileges == NULL) {
                fprintf(stderr, "cimrpc: out of memory\n");
                return CLI_EXIT_FAILURE;
            }
            g->privileges = privileges;
            g->privileges[g->n_privileges++] = optarg;
            break;
        }
        case OPT_PRINCIPAL:
            if (cimrpc_options_set_principal(opts, optarg, &err) < 0)
                return cli_option_error(err);
            g->principal = optarg;
            break;
        case OPT_KEYTAB:
            if (cimrpc_options_set_keytab(opts, optarg, &err) < 0)
                return cli_option_error(err);
            g->keytab = optarg;
            break;
        case OPT_SERVICE:
            if (cimrpc_options_set_service(opts, optarg, &err) < 0)
                return cli_option_error(err);
            g->service = optarg;
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
            g->timeout = timeout;
            break;
        case 'h': cli_help(stdout); return CLI_EXIT_OK;
        case OPT_VERSION: printf("cimrpc %s\n", cimrpc_version()); return CLI_EXIT_OK;
        default:
            if (c == ':' || (optopt != 0 && strchr("Hnaipo", optopt) != NULL))
                return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (g->keytab != NULL && g->principal == NULL)
        return cli_usage_error("--keytab needs --principal: the principal whose key the "
                               "keytab holds");
    g->host = host;
    if (host != NULL && host[0] == '@') {
        if (host[1] == '\0')
            return cli_usage_error("-H @FILE needs a file name: the list of hosts, one a line");
    } else if (host != NULL && cimrpc_options_set_target(opts, host, &err) < 0) {
        return cli_option_error(err);
    }
    if (optind >= argc)
        return cli_usage_error("no command given");
    *first = optind;
    return CLI_RUN;
}

int
cli_run_one(const struct cli_globals *g, cimrpc_conn *conn, int argc, char **argv)
{
    const struct cli_command *cmd = cli_command_find(argv[0]);
    struct cli_ctx ctx = { .g = g, .opts = g->opts, .conn = conn, .out = stdout };
    cli_req *req = NULL;
    int status;

    if (cmd == NULL) {
        fprintf(stderr, "cimrpc: unknown command '%s'; type 'help' for the list\n", argv[0]);
        return CLI_EXIT_USAGE;
    }
    if (cmd->run == shell_run) {
        fprintf(stderr, "cimrpc: shell: you are in the shell already\n");
        return CLI_EXIT_USAGE;
    }
    optind = 0;             /* each command parses its options afresh */
    status = cmd->parse(argc, argv, &req);
    if (status != CLI_RUN)
        return status;
    status = cli_command_run(&ctx, cmd, req);
    cmd->free(req);
    return status;
}

int
main(int argc, char **argv)
{
    struct cli_globals g = {
        .imp = CIMRPC_IMP_IMPERSONATE,
        .format = OUTPUT_TABLE,
    };
    const struct cli_command *cmd;
    cimrpc_error *err = NULL;
    cli_req *req = NULL;
    int first = 0, status;

    g.opts = cimrpc_options_new();
    if (g.opts == NULL) {
        fprintf(stderr, "cimrpc: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    if (cimrpc_options_set_client_info(g.opts, "cimrpc " PACKAGE_VERSION, &err) < 0) {
        fprintf(stderr, "cimrpc: options: %s\n", cimrpc_error_message(err));
        cimrpc_error_free(err);
        status = CLI_EXIT_FAILURE;
        goto out;
    }
    status = cli_parse(argc, argv, &g, &first);
    if (status != CLI_RUN)
        goto out;
    cmd = cli_command_find(argv[first]);
    if (cmd == NULL) {
        status = cli_usage_error("unknown command '%s'; run 'cimrpc --help' for the list",
                                 argv[first]);
        goto out;
    }
    optind = 0;             /* commands parse their own options afresh */
    status = cmd->parse(argc - first, argv + first, &req);
    if (status != CLI_RUN)
        goto out;
    if (g.host != NULL && g.host[0] == '@') {
        if (cmd->run == shell_run)
            status = cli_usage_error("the shell works on one host: give -H HOST, not a file");
        else
            status = fanout_run(&g, g.host + 1, cmd, req);
    } else {
        struct cli_ctx ctx = { .g = &g, .opts = g.opts, .out = stdout };
        status = cli_command_run(&ctx, cmd, req);
    }
    cmd->free(req);
out:
    cimrpc_options_free(g.opts);
    free(g.privileges);
    return status;
}
