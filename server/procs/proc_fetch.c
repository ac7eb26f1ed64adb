/*
 * proc_fetch.c: FETCH reads the next page of a cursor.  A cursor read to
 * its end is closed here, and the reply says so (done).
 */
#include <config.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/fetch_reply.h"
#include "procs/proc_cursor.h"
#include "procs/proc_util.h"
#include "rpc/session.h"
#include "transport/connection.h"

int
proc_fetch(struct call_context *ctx, cimrpc_fetch_args *args, cimrpc_fetch_res *res)
{
    struct cursor *cursor = cursor_list_find(&ctx->conn->cursors, ctx->session->id, args->cursor);
    char *reason;
    u_int code;

    if (cursor == NULL)
        return proc_error(&res->code, &res->cimrpc_fetch_res_u.reason, WBEM_E_NOT_FOUND,
                          "this session has no cursor %llx: it was read to its end, closed, "
                          "or left unused too long; open it again",
                          (unsigned long long)args->cursor);
    if (args->max_objects > CIMRPC_FETCH_MAX)
        return proc_error(&res->code, &res->cimrpc_fetch_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "a fetch asks for 1 to %d objects (or 0 "
                          "for the query section's pageSize), not %u", CIMRPC_FETCH_MAX,
                          args->max_objects);
    if (args->max_objects == 0)
        args->max_objects = ctx->session->policy.page_size;
    cursor->last_used_ms = clock_monotonic_ms();
    /* RES is the first member of the reply (idl/cimrpc.x: @reply). */
    if (proc_cursor_page(ctx, cursor->state, args->max_objects, &res->cimrpc_fetch_res_u.ok,
                         &((struct fetch_reply *)(void *)res)->raw, &code, &reason) < 0) {
        /* A cursor that failed is of no further use. */
        cursor_list_close(&ctx->conn->cursors, cursor);
        res->code = code;
        res->cimrpc_fetch_res_u.reason = reason;
        return code != 0 ? 0 : -1;
    }
    if (res->cimrpc_fetch_res_u.ok.done)
        cursor_list_close(&ctx->conn->cursors, cursor);
    else
        cursor->last_used_ms = clock_monotonic_ms();   /* idle from the reply on */
    res->code = 0;
    return 0;
}
