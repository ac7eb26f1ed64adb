/*
 * dispatch.h: the one place a call meets its procedure.
 *
 * dispatch_call() looks the procedure up in the generated table, decodes
 * the arguments, enforces the table's policy for it (session, level,
 * rights), runs the handler and hands back the results: in that order,
 * for every procedure.  The RPC layer encodes the reply (plain or
 * protected) and then frees the result.
 */
#ifndef CIMRPC_DISPATCH_H
#define CIMRPC_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <rpc/rpc.h>

#include "rpc/call.h"
#include "rpc/dispatch_entry.h"

/* The row for PROC, or NULL when PROC must not be dispatched: no row, or
 * a row whose access, session or audit policy is undeclared. */
const struct dispatch_entry *dispatch_lookup(uint32_t proc);

struct dispatch_result {
    enum accept_stat stat;      /* SUCCESS, GARBAGE_ARGS or SYSTEM_ERR */
    bool auth_denied;           /* denied, and the results are void: reply
                                   AUTH_ERROR / AUTH_TOOWEAK instead */
    xdrproc_t xdr_res;          /* SUCCESS: encoder of res */
    void *res;                  /* SUCCESS: results (owned) */
    const struct dispatch_entry *entry;
    void *args;                 /* decoded arguments (owned) */
    struct dispatch_denial *denial; /* a denial's code and reason (owned) */
    bool deferred;              /* the handler deferred the call (call_defer()):
                                   ARGS and RES wait for dispatch_finish() */
};

/* Serve one call.  CTX->entry must come from dispatch_lookup(); ARGS is
 * the plain argument stream.  Fills *OUT; free it with
 * dispatch_result_free() once the reply is encoded. */
void dispatch_call(struct call_context *ctx, XDR *args, struct dispatch_result *out);

/* Complete a deferred call (OUT->deferred) on its loop: the handler's
 * finish function with CTX (as the call had it), then OUT is as
 * dispatch_call() leaves an answered call. */
void dispatch_finish(struct call_context *ctx, struct dispatch_result *out);

/* The object xdr_res encodes: the results, or a denial. */
void *dispatch_result_body(const struct dispatch_result *r);

void dispatch_result_free(struct dispatch_result *r);

#endif
