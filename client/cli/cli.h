/*
 * cli.h: what the cimrpc command's parts share: global options, exit
 * codes, the context a command runs in, and the command table.
 *
 * A command runs in two steps.  Its parse function reads its arguments in
 * the main thread (getopt is not thread-safe) and catches every mistake it
 * can before anything is sent, so that a fan-out reports a usage error
 * once, not once per host.  Its run function then does the work on one
 * host, on a connection cli_command_run() made (or the shell's), in a
 * context that says where the results go and how errors are reported:
 * printed at once (one host, the shell) or kept for the fan-out's
 * labelled output and summary.
 */
#ifndef CIMRPC_CLI_H
#define CIMRPC_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

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

/* A parse function's answer when the command should run. */
#define CLI_RUN (-1)

/* The global options, as given: each host of a fan-out gets options
 * built from them (cli_options_build()). */
struct cli_globals {
    cimrpc_options *opts;       /* every connection option, for one host (owned by main) */
    const char *host;           /* -H as given (or $CIMRPC_HOST), or NULL; borrowed */
    const char *nspace;         /* -n, or NULL */
    cimrpc_authn_level authn;   /* -a, or DEFAULT when not given */
    cimrpc_imp_level imp;       /* -i, as requested (never DEFAULT) */
    bool imp_given;
    bool strict;
    const char **privileges;    /* -p, in order (the array owned by main, strings borrowed) */
    size_t n_privileges;
    const char *principal;
    const char *keytab;
    const char *service;
    unsigned int timeout;       /* 0: the library's default */
    enum output_format format;  /* -o */
};

/* Where a command runs and how it reports. */
struct cli_ctx {
    const struct cli_globals *g;
    const cimrpc_options *opts; /* connect with these (borrowed) */
    cimrpc_conn *conn;          /* the shell's connection (borrowed), or NULL */
    FILE *out;                  /* results go here (borrowed) */
    const char *host;           /* the fan-out's label for this host, or NULL */
    bool keep_errors;           /* keep the error for the caller instead of printing it */
    /* The first error reported (when keep_errors): */
    int status;
    uint32_t code;
    char *message;
};

/* A command's parsed arguments (each command defines its own). */
typedef void cli_req;

/* Parse ARGV (ARGV[0] is the command name; ARGC >= 1).  Returns CLI_RUN
 * with *req_out set (the caller's; freed with the command's free
 * function), or the exit status after printing help (0) or a usage error
 * (2) or a failure (1). */
typedef int cli_parse_fn(int argc, char **argv, cli_req **req_out);
/* Run REQ (borrowed) in CTX on CONN (borrowed: cli_command_run() opened
 * it, or it is the shell's).  Returns an enum cli_exit. */
typedef int cli_run_fn(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *req);
typedef void cli_free_fn(cli_req *req);

struct cli_command {
    const char *name;
    cli_parse_fn *parse;
    cli_run_fn *run;
    cli_free_fn *free;
    const char *summary;
};

/* The commands, in the order --help lists them; N_OUT: their number. */
const struct cli_command *cli_commands(size_t *n_out);
/* Command NAME, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/* New options for TARGET (borrowed; NULL: the default) built from the
 * global options G.  Returns 0 with *opts_out (the caller's), or -1 with
 * *err_out (a usage error), or with *err_out NULL when out of memory. */
int cli_options_build(const struct cli_globals *g, const char *target, cimrpc_options **opts_out,
                      cimrpc_error **err_out);

/* Run CMD (borrowed) with REQ (borrowed; from CMD's parse function) in
 * CTX: on the shell's connection, or on a new one made with CTX->opts
 * (warning on stderr when the server granted less impersonation than
 * requested) and closed after.  Returns the exit status; a failure to
 * connect is reported as "connect: ...". */
int cli_command_run(struct cli_ctx *ctx, const struct cli_command *cmd, const cli_req *req);

/* Report ERR (taken) as "cimrpc: [HOST: ]WHAT: message" and return its
 * exit status.  ERR NULL means out of memory. */
int cli_report(struct cli_ctx *ctx, const char *what, cimrpc_error *err);

/* Report a failure found here: "cimrpc: [HOST: ]message" with exit
 * status STATUS (returned). */
int cli_fail(struct cli_ctx *ctx, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Print a usage error of the parse step ("cimrpc: message") and return
 * CLI_EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "cimrpc: [HOST: ]warning: message" on stderr. */
void cli_warn(struct cli_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A stream printing to CTX->out in the chosen format, labelled for CTX's
 * host; NULL (reported) on ENOMEM. */
struct output_stream *cli_stream(struct cli_ctx *ctx, bool single);

/* Add REC (taken; NULL means it could not be made) to S, reporting a
 * failure.  Returns 0 or the exit status. */
int cli_stream_add(struct cli_ctx *ctx, struct output_stream *s, struct output_record *rec);

/* End S and free it, reporting a write error.  Returns 0 or the exit
 * status. */
int cli_stream_end(struct cli_ctx *ctx, struct output_stream *s);

/* Print REC (taken; NULL means it could not be made), the command's one
 * result, in the chosen format to CTX->out; returns the exit status. */
int cli_print_record(struct cli_ctx *ctx, struct output_record *rec);

/* Parse argument S of option OPT as a number from MIN to MAX into *out.
 * Returns 0, or -1 after printing a usage error naming CMD. */
int cli_parse_long(const char *cmd, const char *opt, const char *s, long min, long max,
                   long *out);

/* Report what getopt_long() (with opterr 0 and an option string that
 * starts with ':') returned as C for a bad option of command CMD, and
 * return CLI_EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* Does ARGV (ARGC words, the command's own) ask for help (-h, --help)? */
bool cli_wants_help(int argc, char **argv);

/* Run the command line ARGV[0..ARGC) (the command and its arguments) on
 * the shell's connection CONN with the globals G, printing to stdout;
 * returns its exit status. */
int cli_run_one(const struct cli_globals *g, cimrpc_conn *conn, int argc, char **argv);

/* Run CMD with REQ on every host listed in FILE, in parallel, labelling
 * each result; returns 0, the status all hosts failed with, or
 * CLI_EXIT_PARTIAL. */
int fanout_run(const struct cli_globals *g, const char *file, const struct cli_command *cmd,
               const cli_req *req);

/* The commands. */
cli_parse_fn ping_parse, whoami_parse, query_parse, get_parse, enum_parse, classes_parse,
    invoke_parse, set_parse, create_parse, delete_parse, ns_parse, mofcomp_parse, shell_parse,
    acl_parse, config_parse;
cli_run_fn ping_run, whoami_run, query_run, get_run, enum_run, classes_run, invoke_run, set_run,
    create_run, delete_run, ns_run, mofcomp_run, shell_run, acl_run, config_run;
cli_free_fn ping_free, whoami_free, query_free, get_free, enum_free, classes_free, invoke_free,
    set_free, create_free, delete_free, ns_free, mofcomp_free, shell_free, acl_free,
    config_free;

/* Namespace rights RIGHTS (WMI's access mask bits) spelled out, "Enable
 * Account, Execute Methods", into BUF (LEN bytes, truncated): "none" for
 * 0, unknown bits in hex.  In cmd_acl.c. */
void acl_rights_text(uint32_t rights, char *buf, size_t len);

#endif
