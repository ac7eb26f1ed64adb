/*
 * dispatch.c: decode, authorise, run, hand back.
 *
 * Authorisation follows the table and denies by default:
 *   @session: required  the arguments begin with the session id; the
 *                        session must be open on this connection, opened
 *                        by this caller, and the call protected at least
 *                        at the session's level;
 *   @access: RIGHTS      the caller must hold every right on the
 *                        session's namespace (security/access.c),
 *                        and Remote Enable over the network.
 * A denial travels as the common error shape of every non-void result
 * (an unsigned WBEM code, then the reason) and is logged.
 *
 * A handler may defer the rest of its call to an offload thread
 * (call_defer() in rpc/call.h); the RPC layer then answers it later
 * through dispatch_finish().
 *
 * Audit: for a procedure whose @audit category is not none, every
 * decision made here (a missing or foreign session, a level too low,
 * rights missing, or allowed) is recorded by security/audit.c before the
 * handler runs and before the reply; an allowed call whose record cannot
 * be written is denied instead (fail closed).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/levels.h"
#include "common/rights.h"
#include "common/wbem.h"
#include "log.h"
#include "rpc/dispatch.h"
#include "rpc/identity.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"
#include "server.h"
#include "transport/connection.h"

/* The shape every non-void result shares for errors. */
struct dispatch_denial {
    uint32_t code;
    char *reason;
};

static bool_t
xdr_dispatch_denial(XDR *xdr, struct dispatch_denial *d)
{
    return xdr_uint32_t(xdr, &d->code) && xdr_string(xdr, &d->reason, CIMRPC_REASON_MAX);
}

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

/* Put the denial WHY (borrowed) with CODE into OUT: nothing logged or
 * recorded here. */
static void
dispatch_refuse(const struct call_context *ctx, struct dispatch_result *out, uint32_t code,
                const char *why)
{
    if (ctx->entry->res_size == 0) {
        out->auth_denied = true;
        return;
    }
    out->denial = calloc(1, sizeof(*out->denial));
    if (out->denial == NULL || (out->denial->reason = strdup(why)) == NULL) {
        out->stat = SYSTEM_ERR;
        return;
    }
    out->denial->code = code;
    out->stat = SUCCESS;
    out->xdr_res = (xdrproc_t)xdr_dispatch_denial;
}

/* Record the decision about the call of CTX with decoded ARGS (borrowed;
 * NULL when not decoded) in the audit trail of this loop.  Returns 0, or
 * -1 with WHY (WHY_LEN bytes) when the record cannot be written. */
static int
dispatch_audit(const struct call_context *ctx, const void *args, enum audit_outcome outcome,
               const char *reason, char *why, size_t why_len)
{
    return audit_decision(server_loop_audit(ctx->conn->owner), ctx, args, NULL, outcome, reason,
                          why, why_len);
}

/* Deny the call of CTX with CODE and the formatted reason: recorded in the
 * audit trail when the procedure is audited, else logged. */
static void __attribute__((format(printf, 4, 5)))
dispatch_deny(const struct call_context *ctx, struct dispatch_result *out, uint32_t code,
              const char *fmt, ...)
{
    char why[CIMRPC_REASON_MAX], audit_why[CIMRPC_REASON_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    if (ctx->entry->audit == DISPATCH_AUDIT_NONE)
        log_msg(LOG_NOTICE, "denied %s to %s from %s: %s", ctx->entry->name,
                ctx->caller->principal ? ctx->caller->principal :
                ctx->caller->account ? ctx->caller->account : "anonymous", ctx->peer, why);
    else if (dispatch_audit(ctx, out->args, AUDIT_DENIED, why, audit_why,
                            sizeof(audit_why)) < 0) {
        /* Not stored: audit.c logged the decision and why; it is a
         * denial either way. */
    }
    dispatch_refuse(ctx, out, code, why);
}

/* An audited call passed every check: record it, or deny it when the
 * record cannot be written.  Returns 0, or -1 with the denial in OUT. */
static int
dispatch_allow(const struct call_context *ctx, struct dispatch_result *out)
{
    const struct dispatch_entry *e = ctx->entry;
    char held[640], why[CIMRPC_REASON_MAX];

    if (e->audit == DISPATCH_AUDIT_NONE)
        return 0;
    if (e->access == DISPATCH_ACCESS_RIGHTS && ctx->session != NULL) {
        uint32_t needed = e->rights;
        char rights[256];

        if (ctx->caller->transport == CIMRPC_TRANSPORT_NETWORK)
            needed |= CIMRPC_RIGHT_REMOTE_ENABLE;
        access_rights_text(needed, rights, sizeof(rights));
        snprintf(held, sizeof(held), "holds %s on namespace %.300s", rights,
                 ctx->session->nspace);
    } else {
        snprintf(held, sizeof(held), "%s needs no namespace rights", e->name);
    }
    if (dispatch_audit(ctx, out->args, AUDIT_ALLOWED, held, why, sizeof(why)) < 0) {
        dispatch_refuse(ctx, out, WBEM_E_ACCESS_DENIED, why);
        return -1;
    }
    return 0;
}

/* Find and check the session named by the first member of the arguments.
 * Returns 0, or -1 after recording the denial in OUT. */
static int
dispatch_check_session(struct call_context *ctx, const void *args, struct dispatch_result *out)
{
    uint64_t id;
    struct session *s;

    memcpy(&id, args, sizeof(id));      /* every session call begins with it */
    s = session_find(&ctx->conn->sessions, id);
    if (s == NULL) {
        dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "no session %llu is open on this "
                      "connection; open one first", (unsigned long long)id);
        return -1;
    }
    if (!session_same_caller(s, ctx->caller)) {
        dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "session %llu was opened by another "
                      "caller", (unsigned long long)id);
        return -1;
    }
    if (ctx->caller->authn_level < s->authn_level) {
        dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "this call is protected at "
                      "authentication level %s, but the session on %s requires at least %s",
                      levels_authn_name(ctx->caller->authn_level), s->nspace,
                      levels_authn_name(s->authn_level));
        return -1;
    }
    ctx->session = s;
    return 0;
}

void
dispatch_call(struct call_context *ctx, XDR *args_xdr, struct dispatch_result *out)
{
    const struct dispatch_entry *e = ctx->entry;

    memset(out, 0, sizeof(*out));
    out->entry = e;
    out->stat = SYSTEM_ERR;
    if (e->args_size > 0 && (out->args = calloc(1, e->args_size)) == NULL)
        return;
    if (out->args != NULL && !e->xdr_args(args_xdr, out->args)) {
        log_msg(LOG_DEBUG, "%s from %s: arguments do not decode", e->name, ctx->peer);
        out->stat = GARBAGE_ARGS;
        return;
    }
    if (e->session == DISPATCH_SESSION_REQUIRED &&
        (e->args_size < sizeof(uint64_t) || dispatch_check_session(ctx, out->args, out) < 0)) {
        if (out->denial == NULL && !out->auth_denied)
            dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "%s needs a session", e->name);
        return;
    }
    if (ctx->session != NULL && xdr_getpos(args_xdr) > ctx->session->policy.record_size) {
        dispatch_deny(ctx, out, WBEM_E_QUOTA_VIOLATION, "this call's record is %u bytes; the "
                      "limits section's recordSize allows %u in %s", xdr_getpos(args_xdr),
                      ctx->session->policy.record_size, ctx->session->nspace);
        return;
    }
    if (e->access != DISPATCH_ACCESS_NONE) {
        char why[CIMRPC_REASON_MAX - 128];

        if (ctx->session == NULL) {
            dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "%s needs namespace rights, so a "
                          "session on a namespace", e->name);
            return;
        }
        if (access_check(server_loop_repo(ctx->conn->owner), ctx->caller, ctx->session->nspace,
                         e->rights, why, sizeof(why)) < 0) {
            dispatch_deny(ctx, out, WBEM_E_ACCESS_DENIED, "%s", why);
            return;
        }
    }
    if (dispatch_allow(ctx, out) < 0)
        return;
    if (e->res_size > 0 && (out->res = calloc(1, e->res_size)) == NULL)
        return;
    memset(&ctx->deferral, 0, sizeof(ctx->deferral));
    if (e->handler(ctx, out->args, out->res) < 0) {
        log_msg(LOG_ERR, "%s from %s: internal failure", e->name, ctx->peer);
        if (ctx->deferral.run != NULL)
            ctx->deferral.free_job(ctx->deferral.job);
        memset(&ctx->deferral, 0, sizeof(ctx->deferral));
        return;
    }
    if (ctx->deferral.run != NULL) {
        out->deferred = true;
        return;
    }
    out->stat = SUCCESS;
    out->xdr_res = e->xdr_res;
}

void
dispatch_finish(struct call_context *ctx, struct dispatch_result *out)
{
    const struct dispatch_entry *e = out->entry;

    out->deferred = false;
    if (ctx->deferral.finish(ctx, ctx->deferral.job, out->res) < 0)
        log_msg(LOG_ERR, "%s from %s: internal failure", e->name, ctx->peer);
    else {
        out->stat = SUCCESS;
        out->xdr_res = e->xdr_res;
    }
}

void *
dispatch_result_body(const struct dispatch_result *r)
{
    return r->denial != NULL ? (void *)r->denial : r->res;
}

void
dispatch_result_free(struct dispatch_result *r)
{
    const struct dispatch_entry *e = r->entry;

    if (r->args != NULL) {
        xdr_free(e->xdr_args, r->args);
        free(r->args);
    }
    if (r->res != NULL) {
        xdr_free(e->xdr_res, r->res);
        free(r->res);
    }
    if (r->denial != NULL) {
        free(r->denial->reason);
        free(r->denial);
    }
    memset(r, 0, sizeof(*r));
}
