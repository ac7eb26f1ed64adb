/*
 * context.c: what a command does through its context: run on a
 * connection (a new one, or the shell's), report errors (printed at once, or kept for a
 * fan-out's summary, the first one only), warn, and print its results.
 *
 * Error messages name the command and say what to do; the exit status
 * follows the library's error kind (cli.h).
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
cli_status_of(const cimrpc_error *err)
{
    switch (cimrpc_error_get_kind(err)) {
    case CIMRPC_ERR_USAGE: return CLI_EXIT_USAGE;
    case CIMRPC_ERR_CONNECT: return CLI_EXIT_CONNECT;
    case CIMRPC_ERR_ACCESS: return CLI_EXIT_ACCESS;
    case CIMRPC_ERR_NOT_FOUND: return CLI_EXIT_NOT_FOUND;
    default: return CLI_EXIT_FAILURE;
    }
}

/* Keep or print MESSAGE (taken) with STATUS and CODE. */
static int
cli_record(struct cli_ctx *ctx, int status, uint32_t code, char *message)
{
    if (!ctx->keep_errors) {
        if (ctx->host != NULL)
            fprintf(stderr, "cimrpc: %s: %s\n", ctx->host, message ? message : "out of memory");
        else
            fprintf(stderr, "cimrpc: %s\n", message ? message : "out of memory");
        free(message);
        return status;
    }
    if (ctx->status != CLI_EXIT_OK) {        /* the first error is the one kept */
        free(message);
        return status;
    }
    ctx->status = status;
    ctx->code = code;
    ctx->message = message;
    return status;
}

int
cli_report(struct cli_ctx *ctx, const char *what, cimrpc_error *err)
{
    int status;
    uint32_t code;
    char *message;

    if (err == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
    status = cli_status_of(err);
    code = cimrpc_error_get_code(err);

    if (asprintf(&message, "%s: %s", what, cimrpc_error_message(err)) < 0)
        message = NULL;
    cimrpc_error_free(err);
    return cli_record(ctx, status, code, message);
}

int
cli_fail(struct cli_ctx *ctx, int status, const char *fmt, ...)
{
    char *message;
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(&message, fmt, ap) < 0)
        message = NULL;
    va_end(ap);
    return cli_record(ctx, status, 0, message);
}

int
cli_usage(const char *fmt, ...)
{
    va_list ap;

    fputs("cimrpc: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_EXIT_USAGE;
}

void
cli_warn(struct cli_ctx *ctx, const char *fmt, ...)
{
    char *message;
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(&message, fmt, ap) < 0)
        message = NULL;
    va_end(ap);
    if (message == NULL)
        return;
    if (ctx->host != NULL)
        fprintf(stderr, "cimrpc: %s: warning: %s\n", ctx->host, message);
    else
        fprintf(stderr, "cimrpc: warning: %s\n", message);
    free(message);
}

/* The connection to use in CTX: the shell's, or a new one.  Returns 0
 * with *conn_out, or the exit status after reporting the error. */
static int
cli_connect(struct cli_ctx *ctx, cimrpc_conn **conn_out)
{
    cimrpc_error *err = NULL;
    cimrpc_imp_level granted;
    const char *reason;
    cimrpc_conn *conn;

    if (ctx->conn != NULL) {
        *conn_out = ctx->conn;
        return CLI_EXIT_OK;
    }
    if (cimrpc_connect(ctx->opts, &conn, &err) < 0)
        return cli_report(ctx, "connect", err);
    granted = cimrpc_conn_imp_level(conn);
    if (granted < ctx->g->imp) {
        reason = cimrpc_conn_imp_reason(conn);
        if (reason != NULL)
            cli_warn(ctx, "%s", reason);
        else
            cli_warn(ctx, "the server granted impersonation level %s, not %s",
                     cimrpc_imp_level_name(granted), cimrpc_imp_level_name(ctx->g->imp));
    }
    *conn_out = conn;
    return CLI_EXIT_OK;
}

/* Close CONN unless it is the shell's.  Accepts NULL. */
static void
cli_disconnect(struct cli_ctx *ctx, cimrpc_conn *conn)
{
    if (conn != NULL && conn != ctx->conn)
        cimrpc_conn_close(conn);
}

int
cli_command_run(struct cli_ctx *ctx, const struct cli_command *cmd, const cli_req *req)
{
    cimrpc_conn *conn = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    status = cmd->run(ctx, conn, req);
    cli_disconnect(ctx, conn);
    return status;
}

struct output_stream *
cli_stream(struct cli_ctx *ctx, bool single)
{
    struct output_stream *s = output_stream_new(ctx->out, ctx->g->format, ctx->host, single);

    if (s == NULL)
        cli_fail(ctx, CLI_EXIT_FAILURE, "out of memory");
    return s;
}

static int
cli_write_failed(struct cli_ctx *ctx)
{
    return cli_fail(ctx, CLI_EXIT_FAILURE, "cannot write the output: %s",
                    errno ? strerror(errno) : "out of memory");
}

int
cli_stream_add(struct cli_ctx *ctx, struct output_stream *s, struct output_record *rec)
{
    if (rec == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "out of memory");
    errno = 0;
    if (output_stream_add(s, rec) < 0)
        return cli_write_failed(ctx);
    return CLI_EXIT_OK;
}

int
cli_stream_end(struct cli_ctx *ctx, struct output_stream *s)
{
    int rc;

    errno = 0;
    rc = output_stream_end(s);
    output_stream_free(s);
    return rc < 0 ? cli_write_failed(ctx) : CLI_EXIT_OK;
}

int
cli_print_record(struct cli_ctx *ctx, struct output_record *rec)
{
    struct output_stream *s;
    int status;

    if (rec == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "out of memory");
    if ((s = cli_stream(ctx, true)) == NULL) {
        output_record_free(rec);
        return CLI_EXIT_FAILURE;
    }
    status = cli_stream_add(ctx, s, rec);
    if (status != CLI_EXIT_OK) {
        output_stream_free(s);
        return status;
    }
    return cli_stream_end(ctx, s);
}

int
cli_parse_long(const char *cmd, const char *opt, const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max) {
        cli_usage("%s: %s takes %ld to %ld, not '%s'", cmd, opt, min, max, s);
        return -1;
    }
    *out = v;
    return 0;
}

bool
cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

int
cli_bad_option(const char *cmd, int c, char **argv)
{
    static const char *const globals[] = {
        "--strict", "-H", "--host", "-n", "--namespace", "-a", "--authn", "-i",
        "--impersonation", "--principal", "--keytab", "--service", "-o", "--output",
        "--timeout",
    };
    const char *word = argv[optind - 1];
    char shortopt[3] = { '-', (char)optopt, '\0' };
    size_t len;

    /* A short option may sit in a cluster (-xv) that argv does not show. */
    if (optopt > 0 && optopt < 128 && strncmp(word, "--", 2) != 0)
        word = shortopt;
    len = strcspn(word, "=");
    if (c == ':')
        return cli_usage("%s: option '%s' needs a value; run 'cimrpc %s --help' for its "
                         "options", cmd, word, cmd);
    for (size_t i = 0; i < sizeof(globals) / sizeof(globals[0]); i++) {
        if ((strlen(globals[i]) == len && strncmp(word, globals[i], len) == 0) ||
            (globals[i][1] != '-' && strncmp(word, globals[i], 2) == 0))
            return cli_usage("%s: '%s' is a global option: put it before the command, as "
                             "in cimrpc %s%s %s ...", cmd, word, globals[i],
                             i == 0 ? "" : " VALUE", cmd);
    }
    return cli_usage("%s: unknown option '%s'; run 'cimrpc %s --help' for its options", cmd,
                     word, cmd);
}
