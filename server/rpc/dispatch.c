/*
 * dispatch.c: authorise, decode, run, encode, free.
 *
 * Authorisation follows the table and denies by default: a procedure that
 * needs a session or namespace rights is refused until the session and
 * access-check layers exist to grant them.  Denials travel as the common
 * error shape of results (code + reason) and are logged.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/wbem.h"
#include "log.h"
#include "rpc/dispatch.h"
#include "rpc/identity.h"

const struct dispatch_entry *
dispatch_lookup(uint32_t proc)
{
    const struct dispatch_entry *e;

    if (proc >= dispatch_table_size)
        return NULL;
    e = &dispatch_table[proc];
    if (e->handler == NULL || e->access == DISPATCH_ACCESS_UNDECLARED ||
        e->session == DISPATCH_SESSION_UNDECLARED || e->audit == DISPATCH_AUDIT_UNDECLARED)
        return NULL;
    return e;
}

/* May this call run?  Returns 0, or -1 with a WBEM code and a reason. */
static int
dispatch_authorize(const struct call_context *ctx, uint32_t *code_out, char *why, size_t why_len)
{
    const struct dispatch_entry *e = ctx->entry;

    if (e->session == DISPATCH_SESSION_REQUIRED) {
        *code_out = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "%s needs an open session on a namespace; open one first", e->name);
        return -1;
    }
    if (e->access != DISPATCH_ACCESS_NONE) {
        *code_out = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "%s needs namespace rights 0x%x, which no session holds",
                 e->name, (unsigned)e->rights);
        return -1;
    }
    return 0;
}

struct reply_buf *
dispatch_call(struct call_context *ctx, XDR *args_xdr)
{
    const struct dispatch_entry *e = ctx->entry;
    struct reply_buf *reply = NULL;
    void *args = NULL, *res = NULL;
    char why[CIMRPC_REASON_MAX];
    uint32_t code;

    if (dispatch_authorize(ctx, &code, why, sizeof(why)) < 0) {
        log_msg(LOG_NOTICE, "denied %s from %s: %s", e->name, ctx->peer, why);
        if (e->res_size == 0)       /* void results: no room for a reason */
            return reply_auth_error(ctx->xid, AUTH_TOOWEAK);
        return reply_app_error(ctx->xid, code, why);
    }

    if (e->args_size > 0 && (args = calloc(1, e->args_size)) == NULL)
        goto system_err;
    if (e->res_size > 0 && (res = calloc(1, e->res_size)) == NULL)
        goto system_err;
    if (args != NULL && !e->xdr_args(args_xdr, args)) {
        log_msg(LOG_DEBUG, "%s from %s: arguments do not decode", e->name, ctx->peer);
        reply = reply_accept_error(ctx->xid, GARBAGE_ARGS);
        goto out;
    }
    if (e->handler(ctx, args, res) < 0) {
        log_msg(LOG_ERR, "%s from %s: internal failure", e->name, ctx->peer);
        goto system_err;
    }
    reply = reply_success(ctx->xid, e->xdr_res, res);
    if (reply == NULL)
        goto system_err;
    goto out;

system_err:
    reply = reply_accept_error(ctx->xid, SYSTEM_ERR);
out:
    if (args != NULL) {
        xdr_free(e->xdr_args, args);
        free(args);
    }
    if (res != NULL) {
        xdr_free(e->xdr_res, res);
        free(res);
    }
    return reply;
}
