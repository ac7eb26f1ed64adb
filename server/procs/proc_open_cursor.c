/*
 * proc_open_cursor.c: OPEN_CURSOR checks what the caller wants to read
 * (classes, the instances of a class, or a WQL query's results), gives
 * back a cursor for FETCH, and reads its first page at once when asked
 * (a result that fits in it closes the cursor: nothing to fetch).  For a
 * class served by a provider, the instances are asked of the provider
 * first, in a worker and off the loop (procs/provider_call.h); the cursor
 * opens once they are in.
 */
#include <config.h>

#include <stdlib.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/open_cursor_reply.h"
#include "procs/proc_cursor.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "rpc/session.h"
#include "transport/connection.h"

/* A cursor waiting for its provider's instances (a provider_call's state). */
struct open_cursor_wait {
    struct proc_cursor *cursor;                 /* owned until handed to the list */
    const cimrpc_open_cursor_args *args;        /* borrowed: the call's */
};

static void
open_cursor_wait_free(void *p)
{
    struct open_cursor_wait *w = p;

    if (w != NULL) {
        proc_cursor_free(w->cursor);
        free(w);
    }
}

/* Register STATE (taken) as a cursor of the session and read its first
 * page when ARGS asks for one. */
static int
open_cursor_register(struct call_context *ctx, const cimrpc_open_cursor_args *args,
                     struct proc_cursor *state, cimrpc_open_cursor_res *res)
{
    cimrpc_open_cursor_ok *ok = &res->cimrpc_open_cursor_res_u.ok;
    struct cursor *cursor;
    int full;

    if (ctx->conn->cursors.count >= CURSORS_PER_CONNECTION) {
        proc_cursor_free(state);
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                          WBEM_E_QUOTA_VIOLATION, "this connection has %d cursors open, the "
                          "most it may hold: read one to its end or close it first",
                          CURSORS_PER_CONNECTION);
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

/* On the loop once the provider answered (a call_finish_fn): the cursor
 * gets the instances, then is registered as any other. */
static int
open_cursor_provider_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct provider_call *call = job;
    struct open_cursor_wait *w = call->state;
    cimrpc_open_cursor_res *res = res_arg;
    struct proc_cursor *state;

    if (call->code != 0)
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason, call->code, "%s",
                          call->reason);
    if (proc_cursor_provided(w->cursor, &call->objects, &call->n_objects, &res->code,
                             &res->cimrpc_open_cursor_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    state = w->cursor;
    w->cursor = NULL;
    return open_cursor_register(ctx, w->args, state, res);
}

/* Ask the provider of STATE's class for its instances: defer the call. */
static int
open_cursor_provider(struct call_context *ctx, const cimrpc_open_cursor_args *args,
                     struct proc_cursor *state, const char *provider, const char *class_name,
                     bool keys_only, cimrpc_open_cursor_res *res)
{
    struct open_cursor_wait *w = calloc(1, sizeof(*w));
    struct provider_call *call = NULL;
    char why[CIMRPC_REASON_MAX];
    uint32_t code;

    if (w == NULL) {
        proc_cursor_free(state);
        return -1;
    }
    w->cursor = state;
    w->args = args;
    if (provider_call_new(ctx, WORKER_PROVIDE_ENUMERATE, provider, class_name, NULL, &call,
                          &code, why, sizeof(why)) < 0) {
        open_cursor_wait_free(w);
        return code != 0 ? proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason, code,
                                      "%s", why) : -1;
    }
    call->req.body.worker_request_body_u.provide.keys_only = keys_only;
    call->state = w;
    call->free_state = open_cursor_wait_free;
    return call_defer(ctx, provider_call_run, open_cursor_provider_finish, provider_call_free,
                      call);
}

int
proc_open_cursor(struct call_context *ctx, cimrpc_open_cursor_args *args,
                 cimrpc_open_cursor_res *res)
{
    struct proc_cursor *state;
    const char *provider, *class_name;
    bool keys_only;

    if (ctx->conn->cursors.count >= CURSORS_PER_CONNECTION)
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                          WBEM_E_QUOTA_VIOLATION, "this connection has %d cursors open, the "
                          "most it may hold: read one to its end or close it first",
                          CURSORS_PER_CONNECTION);
    if (args->first_objects > CIMRPC_FETCH_MAX)
        return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "a first page holds 0 to %d objects, not "
                          "%u", CIMRPC_FETCH_MAX, args->first_objects);
    if (proc_cursor_open(ctx, &args->spec, &state, &res->code,
                         &res->cimrpc_open_cursor_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if ((provider = proc_cursor_provider(state, &class_name, &keys_only)) != NULL)
        return open_cursor_provider(ctx, args, state, provider, class_name, keys_only, res);
    return open_cursor_register(ctx, args, state, res);
}
