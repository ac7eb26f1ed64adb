/*
 * cursor_out.c: a cursor's objects printed as they arrive (see
 * cursor_out.h).
 *
 * Only one object is held at a time.  The output stream is ended on every
 * path: at the end of the cursor, or on an error after some objects were
 * printed, so that a JSON array stays well formed before the error is
 * reported.  A result the server cut short (the namespace's limits) is
 * printed as it came, followed by a warning on stderr saying why; the
 * exit status stays that of a success.
 */
#include <config.h>

#include "cursor_out.h"

int
cursor_out_parse_batch(const char *cmd, const char *arg, long *batch_out)
{
    if (cli_parse_long(cmd, "--batch", arg, 1, CIMRPC_FETCH_MAX, batch_out) < 0)
        return CLI_EXIT_USAGE;
    return 0;
}

/* Print every object of CURSOR (borrowed) to a new stream in CTX. */
static int
cursor_out_drain(struct cli_ctx *ctx, const char *what, cimrpc_cursor *cursor,
                 enum objrec_detail detail, const struct propsel *sel)
{
    struct output_stream *s = cli_stream(ctx, false);
    cimrpc_error *err = NULL;
    int status = CLI_EXIT_OK;

    if (s == NULL)
        return CLI_EXIT_FAILURE;
    for (;;) {
        struct output_record *rec;
        cimrpc_obj *obj = NULL;
        int rc = cimrpc_cursor_next(cursor, &obj, &err);

        if (rc == 0) {
            const char *truncated = cimrpc_cursor_truncated(cursor);

            status = cli_stream_end(ctx, s);
            if (truncated != NULL)
                cli_warn(ctx, "%s: the results are incomplete: %s", what, truncated);
            return status;
        }
        if (rc < 0) {
            if (output_stream_count(s) > 0)
                (void)output_stream_end(s);     /* the error below is what counts */
            output_stream_free(s);
            return cli_report(ctx, what, err);
        }
        rec = propsel_filter(sel, objrec_obj(obj, detail, ctx->g->format == OUTPUT_MOF));
        cimrpc_obj_free(obj);
        if ((status = cli_stream_add(ctx, s, rec)) != CLI_EXIT_OK)
            break;
    }
    output_stream_free(s);
    return status;
}

int
cursor_out_print(struct cli_ctx *ctx, const char *what, cimrpc_cursor *cursor, long batch,
                 enum objrec_detail detail, const struct propsel *sel)
{
    cimrpc_error *err = NULL;
    int status;

    if (batch > 0 && cimrpc_cursor_set_batch(cursor, (unsigned)batch, &err) < 0)
        status = cli_report(ctx, what, err);
    else
        status = cursor_out_drain(ctx, what, cursor, detail, sel);
    cimrpc_cursor_close(cursor);
    return status;
}
