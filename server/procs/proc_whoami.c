/*
 * proc_whoami.c: WHOAMI reports the caller's identity as the server
 * established it for this call: authenticated or Anonymous, principal,
 * local account, groups, transport, authentication level and address.
 */
#include <config.h>

#include "dispatch_procs.h"
#include "procs/identity_reply.h"
#include "rpc/call.h"

int
proc_whoami(struct call_context *ctx, cimrpc_whoami_res *res)
{
    res->code = 0;
    return identity_reply_fill(&res->cimrpc_whoami_res_u.ok, ctx->caller, ctx->peer);
}
