/*
 * proc_open_cursor.c: OPEN_CURSOR checks what the caller wants to read
 * (classes, the instances of a class, or a WQL query's results), gives
 * back a cursor for FETCH, and reads its first page at once when asked
 * (a result that fits in it closes the cursor: nothing to fetch).
 */
#include <config.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/open_cursor_reply.h"
#include "procs/proc_cursor.h"
#include "procs/proc_util.h"
#include "rpc/session.h"
#include "transport/connection.h"

int
proc_open_cursor(struct call_context *ctx, cimrpc_open_cursor_args *args,
                 cimrpc_open_cursor_res *res)
{
    cimrpc_open_cursor_ok *ok = &res->cimrpc_open_cursor_res_u.ok;
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
    if (args->first_objects > CIMRPC_FETCH_MAX) {
        proc_cursor_free(state);
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "a first page holds 0 to %d objects, not "
                          "%u", CIMRPC_FETCH_MAX, args->first_objects);
    }
    cursor = cursor_list_add(&ctx->conn->cursors, ctx->session->id, state, proc_cursor_free,
                             clock_monotonic_ms(), &full);
    if (cursor == NULL)
        return -1;
    ok->cursor = cursor->id;
    if (args->first_objects > 0) {
        /* RES is the first member of the reply (idl/cimrpc.x: @reply). */
        struct open_cursor_reply *reply = (struct open_cursor_reply *)(void *)res;
        char *reason;
        u_int code;

        if (proc_cursor_page(ctx, cursor->state, args->first_objects, &ok->first, &reply->raw,
                             &code, &reason) < 0) {
            cursor_list_close(&ctx->conn->cursors, cursor);
            res->code = code;
            res->cimrpc_open_cursor_res_u.reason = reason;
            return code != 0 ? 0 : -1;
        }
        if (ok->first.done)
            cursor_list_close(&ctx->conn->cursors, cursor);
        else
            cursor->last_used_ms = clock_monotonic_ms();
    } else {
        ok->first.done = FALSE;
    }
    res->code = 0;
    return 0;
}
