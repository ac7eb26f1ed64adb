/*
 * dispatch.h: the one place a call meets its procedure.
 *
 * dispatch_call() looks the procedure up in the generated table, checks
 * the table's policy for it, decodes the arguments, runs the handler,
 * encodes the reply and frees arguments and results: in that order, for
 * every procedure.  A procedure without a complete row is never run.
 */
#ifndef CIMRPC_DISPATCH_H
#define CIMRPC_DISPATCH_H

#include <stdint.h>
#include <rpc/rpc.h>

#include "rpc/call.h"
#include "rpc/dispatch_entry.h"
#include "rpc/reply.h"

/* The row for PROC, or NULL when PROC must not be dispatched: no row, or
 * a row whose access, session or audit policy is undeclared. */
const struct dispatch_entry *dispatch_lookup(uint32_t proc);

/* Serve one call whose header has been accepted.  ARGS is positioned at
 * the arguments.  CTX->entry must come from dispatch_lookup().  Returns
 * the reply (owned by the caller), or NULL when no memory was left to
 * build one. */
struct reply_buf *dispatch_call(struct call_context *ctx, XDR *args);

#endif
