/*
 * proc_close_session.c: CLOSE_SESSION ends the caller's session.  The
 * dispatcher has already found the session and checked that this caller
 * opened it, at its level.
 */
#include <config.h>

#include "dispatch_procs.h"
#include "rpc/call.h"
#include "rpc/session.h"
#include "transport/connection.h"

int
proc_close_session(struct call_context *ctx, cimrpc_session_args *args, cimrpc_status_res *res)
{
    (void)args;
    cursor_list_close_session(&ctx->conn->cursors, ctx->session->id);
    session_close(&ctx->conn->sessions, ctx->session);
    ctx->session = NULL;
    res->code = 0;
    return 0;
}
