/*
 * proc_ping.c: PING echoes its payload.  The bound on the payload is in
 * the .x (CIMRPC_PING_MAX) and enforced by the XDR decoder.
 */
#include <config.h>

#include "dispatch_procs.h"

int
proc_ping(struct call_context *ctx, cimrpc_ping_args *args, cimrpc_ping_res *res)
{
    (void)ctx;
    res->code = 0;
    /* Move the buffer: the dispatcher frees the results, not the args. */
    res->cimrpc_ping_res_u.payload.payload_len = args->payload.payload_len;
    res->cimrpc_ping_res_u.payload.payload_val = args->payload.payload_val;
    args->payload.payload_len = 0;
    args->payload.payload_val = NULL;
    return 0;
}
