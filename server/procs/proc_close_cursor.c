/*
 * proc_close_cursor.c: CLOSE_CURSOR drops a cursor before its end.  A
 * cursor already gone (read to its end, timed out, its session closed) is
 * not an error: the caller wanted it closed, and it is.
 */
#include <config.h>

#include "dispatch_procs.h"
#include "rpc/call.h"
#include "rpc/session.h"
#include "transport/connection.h"

int
proc_close_cursor(struct call_context *ctx, cimrpc_cursor_args *args, cimrpc_status_res *res)
{
    struct cursor *cursor = cursor_list_find(&ctx->conn->cursors, ctx->session->id, args->cursor);

    if (cursor != NULL)
        cursor_list_close(&ctx->conn->cursors, cursor);
    res->code = 0;
    return 0;
}
