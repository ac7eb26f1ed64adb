/*
 * proc_open_cursor.c: OPEN_CURSOR checks what the caller wants to read
 * (classes, the instances of a class, or a WQL query's results) and
 * gives back a cursor for FETCH; nothing is read yet.
 */
#include <config.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_cursor.h"
#include "procs/proc_util.h"
#include "rpc/session.h"
#include "transport/connection.h"

int
proc_open_cursor(struct call_context *ctx, cimrpc_open_cursor_args *args,
                 cimrpc_open_cursor_res *res)
{
    struct proc_cursor *state;
    struct cursor *cursor;
    int full;

    if (ctx->conn->cursors.count >= CURSORS_PER_CONNECTION)
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                          WBEM_E_QUOTA_VIOLATION, "this connection has %d cursors open, the "
                          "most it may hold: read one to its end or close it first",
                          CURSORS_PER_CONNECTION);
    if (proc_cursor_open(ctx, &args->spec, &state, &res->code,
                         &res->cimrpc_open_cursor_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    cursor = cursor_list_add(&ctx->conn->cursors, ctx->session->id, state, proc_cursor_free,
                             clock_monotonic_ms(), &full);
    if (cursor == NULL)
        return -1;
    res->code = 0;
    res->cimrpc_open_cursor_res_u.cursor = cursor->id;
    return 0;
}
