/*
 * cli.h: what the cimrpc command's parts share: global options, exit
 * codes, and the command signature.
 */
#ifndef CIMRPC_CLI_H
#define CIMRPC_CLI_H

#include <stdbool.h>

#include "cimrpc/cimrpc.h"
#include "output.h"

/* Exit status: the contract with scripts (DESIGN.md section 10). */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1,       /* other failure */
    CLI_EXIT_USAGE = 2,         /* usage error */
    CLI_EXIT_CONNECT = 3,       /* cannot connect or authenticate */
    CLI_EXIT_ACCESS = 4,        /* access denied */
    CLI_EXIT_NOT_FOUND = 5,     /* not found */
    CLI_EXIT_PARTIAL = 6,       /* some hosts of a fan-out failed */
};

struct cli_globals {
    cimrpc_options *opts;       /* every connection option (owned by main) */
    cimrpc_imp_level imp;       /* -i, as requested (never DEFAULT) */
    enum output_format format;  /* -o */
};

/* A command: ARGV[0] is the command name.  Returns an enum cli_exit. */
typedef int cli_command_fn(const struct cli_globals *g, int argc, char **argv);

/* Connect as the global options say (which opens the session), and warn
 * on stderr when the server granted less impersonation than requested.
 * Returns 0, or the exit status after printing the error. */
int cli_connect(const struct cli_globals *g, cimrpc_conn **conn_out);

/* Print ERR as "cimrpc: WHAT: message" and return its exit status. */
int cli_report(const char *what, cimrpc_error *err);

/* Print RECS in the chosen format; returns the exit status. */
int cli_print(const struct cli_globals *g, struct output_record *const *recs, size_t n, bool single);

cli_command_fn cmd_ping;
cli_command_fn cmd_whoami;

#endif
