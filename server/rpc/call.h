/*
 * call.h: the context one RPC call is served in.
 *
 * Built by the RPC layer for each call and handed to the procedure's
 * handler.  Everything in it is borrowed from the connection and lives at
 * least as long as the call.
 */
#ifndef CIMRPC_CALL_H
#define CIMRPC_CALL_H

#include <stdint.h>

struct connection;
struct caller_identity;
struct dispatch_entry;
struct gss_context;
struct session;
struct call_context;

/*
 * A handler whose work would block the loop (a provider call) defers it:
 * call_defer() before returning 0.  RUN(JOB) then runs on an offload
 * thread (rpc/offload.h) and must touch nothing of the loop, the
 * connection or the repository; FINISH(CTX, JOB, RES) runs on the loop's
 * thread afterwards, with the same CTX (its session still open) and the
 * handler's RES, and fills RES as the handler would have (0, or -1 for
 * an internal failure).  FREE_JOB(JOB) is called last in every case,
 * also when the connection closed meanwhile and FINISH never ran.  The
 * connection reads nothing more until the call is answered, so nothing
 * the call borrowed changes under it.
 */
typedef void call_run_fn(void *job);
typedef int call_finish_fn(struct call_context *ctx, void *job, void *res);
typedef void call_free_fn(void *job);

struct call_deferral {
    call_run_fn *run;                           /* NULL: the call is not deferred */
    call_finish_fn *finish;
    call_free_fn *free_job;
    void *job;
};

struct call_context {
    struct connection *conn;                    /* borrowed */
    const struct caller_identity *caller;       /* borrowed, never NULL */
    const struct gss_context *gss;              /* the Kerberos context the call
                                                   came under, or NULL */
    struct session *session;                    /* set for @session: required */
    const struct dispatch_entry *entry;         /* the procedure's row */
    const char *peer;                           /* caller's address as text */
    uint32_t xid;
    struct call_deferral deferral;              /* set by call_defer() */
};

/* Defer the rest of the call of CTX (see above); JOB is taken over.
 * Returns 0, for "return call_defer(...)" in a handler. */
static inline int
call_defer(struct call_context *ctx, call_run_fn *run, call_finish_fn *finish,
           call_free_fn *free_job, void *job)
{
    ctx->deferral.run = run;
    ctx->deferral.finish = finish;
    ctx->deferral.free_job = free_job;
    ctx->deferral.job = job;
    return 0;
}

#endif
