/*
 * proc_open_cursor.c: OPEN_CURSOR checks what the caller wants to read
 * (classes, the instances of a class, or a WQL query's results), gives
 * back a cursor for FETCH, and reads its first page at once when asked
 * (a result that fits in it closes the cursor: nothing to fetch).  For a
 * class served by a provider (or a deep read of a class with such
 * descendants), the instances are asked of the providers first, in
 * workers and off the loop (procs/provider_call.h); the cursor opens once
 * they are in.
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

/* A cursor waiting for its providers' instances: one provider call per
 * class, run one after the other on an offload thread. */
struct open_cursor_wait {
    struct proc_cursor *cursor;                 /* owned until handed to the list */
    const cimrpc_open_cursor_args *args;        /* borrowed: the call's */
    struct provider_call *calls[CURSOR_DYNAMIC_MAX];
    size_t n_calls;
};

static void
open_cursor_wait_free(void *p)
{
    struct open_cursor_wait *w = p;

    if (w != NULL) {
        for (size_t i = 0; i < w->n_calls; i++)
            provider_call_free(w->calls[i]);
        proc_cursor_free(w->cursor);
        free(w);
    }
}

/* On an offload thread: each class's enumeration, in turn (a call_run_fn). */
static void
open_cursor_wait_run(void *p)
{
    struct open_cursor_wait *w = p;

    for (size_t i = 0; i < w->n_calls; i++)
        provider_call_run(w->calls[i]);
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
    {
        char why[CIMRPC_REASON_MAX];

        if (proc_cursor_count(state, ctx, why, sizeof(why)) < 0) {
            proc_cursor_free(state);
            return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                              WBEM_E_QUOTA_VIOLATION, "%s", why);
        }
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

/* On the loop once the providers answered (a call_finish_fn): the cursor
 * gets the instances, then is registered as any other. */
static int
open_cursor_provider_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct open_cursor_wait *w = job;
    cimrpc_open_cursor_res *res = res_arg;
    struct proc_cursor *state;

    for (size_t i = 0; i < w->n_calls; i++) {
        struct provider_call *call = w->calls[i];

        if (call->code != 0)
            return proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason, call->code,
                              "%s", call->reason);
        if (proc_cursor_provided(w->cursor, &call->objects, &call->n_objects, &res->code,
                                 &res->cimrpc_open_cursor_res_u.reason) < 0)
            return res->code != 0 ? 0 : -1;
        /* Its work is done: the cursor, counted next, is the operation now. */
        provider_call_end_operation(call);
    }
    state = w->cursor;
    w->cursor = NULL;
    return open_cursor_register(ctx, w->args, state, res);
}

/* Ask the providers of STATE's classes (N of them) for their instances:
 * defer the call. */
static int
open_cursor_provider(struct call_context *ctx, const cimrpc_open_cursor_args *args,
                     struct proc_cursor *state, const char *const *providers,
                     const char *const *classes, size_t n, bool keys_only,
                     cimrpc_open_cursor_res *res)
{
    struct open_cursor_wait *w = calloc(1, sizeof(*w));
    char why[CIMRPC_REASON_MAX];
    uint32_t code;

    if (w == NULL) {
        proc_cursor_free(state);
        return -1;
    }
    w->cursor = state;
    w->args = args;
    for (size_t i = 0; i < n; i++) {
        if (provider_call_new(ctx, WORKER_PROVIDE_ENUMERATE, providers[i], classes[i], NULL,
                              &w->calls[i], &code, why, sizeof(why)) < 0) {
            open_cursor_wait_free(w);
            return code != 0 ? proc_error(&res->code, &res->cimrpc_open_cursor_res_u.reason,
                                          code, "%s", why) : -1;
        }
        w->n_calls++;
        w->calls[i]->req.body.worker_request_body_u.provide.keys_only = keys_only;
    }
    return call_defer(ctx, open_cursor_wait_run, open_cursor_provider_finish,
                      open_cursor_wait_free, w);
}

int
proc_open_cursor(struct call_context *ctx, cimrpc_open_cursor_args *args,
                 cimrpc_open_cursor_res *res)
{
    const char *providers[CURSOR_DYNAMIC_MAX], *classes[CURSOR_DYNAMIC_MAX];
    struct proc_cursor *state;
    bool keys_only;
    size_t n;

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
    if ((n = proc_cursor_providers(state, providers, classes, &keys_only)) > 0)
        return open_cursor_provider(ctx, args, state, providers, classes, n, keys_only, res);
    return open_cursor_register(ctx, args, state, res);
}
