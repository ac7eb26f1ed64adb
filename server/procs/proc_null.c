/*
 * proc_null.c: the RPC null procedure.  It does nothing and answers with
 * nothing; rpcinfo and liveness checks rely on it.
 */
#include <config.h>

#include "dispatch_procs.h"

int
proc_null(struct call_context *ctx)
{
    (void)ctx;
    return 0;
}
