/*
 * proc_open_session.c: OPEN_SESSION negotiates the session's levels.
 *
 * Authentication: the effective level is the highest of the request, the
 * server's floor and the namespace's floor; in strict mode a request that
 * would be raised is refused instead.  Impersonation: Anonymous is always
 * refused; Impersonate needs a local account; Delegate also needs a
 * credential forwarded with the caller's Kerberos context.  When less is
 * granted than asked, the reply says what and why.
 */
#include <config.h>

#include <stdarg.h>
#include <gssapi/gssapi.h>
#include <stdio.h>
#include <string.h>

#include "common/cim_names.h"
#include "common/levels.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "log.h"
#include "policy.h"
#include "procs/identity_reply.h"
#include "rpc/call.h"
#include "repository/repo_namespace.h"
#include "rpc/session.h"
#include "server.h"
#include "security/gss_context.h"
#include "security/namespace_policy.h"
#include "transport/connection.h"

/* Record an error result.  Returns 0 (the call itself succeeded). */
static int
open_session_refuse(cimrpc_open_session_res *res, uint32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
open_session_refuse(cimrpc_open_session_res *res, uint32_t code, const char *fmt, ...)
{
    char buf[CIMRPC_REASON_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    res->code = code;
    res->cimrpc_open_session_res_u.reason = strdup(buf);
    return res->cimrpc_open_session_res_u.reason != NULL ? 0 : -1;
}

/* The impersonation level to grant for REQUESTED, with the reason when it
 * is less (static text in *REASON, "" otherwise). */
static int
open_session_grant_imp(const struct call_context *ctx, int requested, const char **reason)
{
    const struct caller_identity *id = ctx->caller;

    *reason = "";
    if (requested == LEVELS_IMP_IDENTIFY)
        return LEVELS_IMP_IDENTIFY;
    if (!id->authenticated) {
        *reason = "an unauthenticated caller is only identified (provider code runs as the "
                  "service account)";
        return LEVELS_IMP_IDENTIFY;
    }
    if (id->account == NULL) {
        *reason = "the caller maps to no acceptable local account (see auth_to_local; root "
                  "and system accounts are refused), so the server can only identify it";
        return LEVELS_IMP_IDENTIFY;
    }
    if (requested == LEVELS_IMP_IMPERSONATE)
        return LEVELS_IMP_IMPERSONATE;
    if (id->transport == CIMRPC_TRANSPORT_LOCAL) {
        *reason = "delegation needs Kerberos: a local-socket connection carries no credential "
                  "to forward; impersonate granted";
        return LEVELS_IMP_IMPERSONATE;
    }
    if (ctx->gss == NULL || ctx->gss->delegated == GSS_C_NO_CREDENTIAL) {
        *reason = "no forwarded credential arrived with the Kerberos context (the ticket is not "
                  "forwardable, or delegation was not requested); impersonate granted";
        return LEVELS_IMP_IMPERSONATE;
    }
    return LEVELS_IMP_DELEGATE;
}

int
proc_open_session(struct call_context *ctx, cimrpc_open_session_args *args,
                  cimrpc_open_session_res *res)
{
    const struct caller_identity *id = ctx->caller;
    cimrpc_session_ok *ok = &res->cimrpc_open_session_res_u.ok;
    int requested = (int)args->authn_level, floor = policy_authn_floor();
    int imp_requested = args->imp_level == 0 ? LEVELS_IMP_IMPERSONATE : (int)args->imp_level;
    int effective, imp;
    const char *imp_reason;
    struct session *session;

    char why[CIMRPC_REASON_MAX];

    if (!cim_names_namespace_valid(args->nspace, why, sizeof(why)))
        return open_session_refuse(res, WBEM_E_INVALID_NAMESPACE, "%s", why);
    {
        struct repo_error rerr;
        int64_t ns_id;
        int found = repo_namespace_find(server_loop_repo(ctx->conn->owner), args->nspace,
                                        &ns_id, &rerr);
        if (found < 0)
            return open_session_refuse(res, WBEM_E_FAILED, "%s", rerr.message);
        if (found == 0)
            return open_session_refuse(res, WBEM_E_INVALID_NAMESPACE, "namespace %.300s does "
                                       "not exist", args->nspace);
    }
    if (requested > LEVELS_AUTHN_PKT_PRIVACY)
        return open_session_refuse(res, WBEM_E_INVALID_PARAMETER, "authentication level %d "
                                   "does not exist (0 to 6)", requested);
    if (imp_requested == LEVELS_IMP_ANONYMOUS)
        return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "anonymous impersonation is "
                                   "never accepted; use identify, impersonate or delegate");
    if (imp_requested > LEVELS_IMP_DELEGATE)
        return open_session_refuse(res, WBEM_E_INVALID_PARAMETER, "impersonation level %d "
                                   "does not exist (2 to 4)", imp_requested);
    for (u_int i = 0; i < args->privileges.privileges_len; i++)
        if (!cim_names_privilege_valid(args->privileges.privileges_val[i]))
            return open_session_refuse(res, WBEM_E_INVALID_PARAMETER, "'%.100s' is not a "
                                       "privilege name (lower-case letters, digits and -)",
                                       args->privileges.privileges_val[i]);

    {
        struct repo_error rerr = { "", 0 };
        int ns_floor;

        if (namespace_policy_floor(server_loop_repo(ctx->conn->owner), args->nspace, &ns_floor,
                                   &rerr) < 0)
            return open_session_refuse(res, WBEM_E_FAILED, "%s", rerr.message);
        if (ns_floor > floor)
            floor = ns_floor;
    }
    effective = requested > floor ? requested : floor;
    if (args->strict && requested != LEVELS_AUTHN_DEFAULT && effective != requested) {
        log_msg(LOG_NOTICE, "refused session for %s from %s on %s: strict level %s is below "
                "the floor %s", id->principal ? id->principal : "anonymous", ctx->peer,
                args->nspace, levels_authn_name(requested), levels_authn_name(floor));
        return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "you asked for exactly "
                                   "authentication level %s (strict), but %s requires at "
                                   "least %s", levels_authn_name(requested),
                                   floor > policy_authn_floor()
                                       ? "this namespace (RequiresEncryption)" : "this server",
                                   levels_authn_name(effective));
    }
    /* A caller below the effective level (even an unauthenticated one) gets
     * the session anyway, as DCOM does: the reply tells it the level, and
     * every call of the session must meet it, from this same caller. */
    imp = open_session_grant_imp(ctx, imp_requested, &imp_reason);
    session = session_open(&ctx->conn->sessions, args->nspace, effective, imp, id,
                           args->privileges.privileges_val, args->privileges.privileges_len);
    if (session == NULL)
        return open_session_refuse(res, WBEM_E_FAILED, "cannot open another session on this "
                                   "connection (at most %d): close sessions you no longer use",
                                   SESSIONS_PER_CONNECTION);

    res->code = 0;
    ok->session = session->id;
    ok->authn_level = (u_int)effective;
    ok->imp_level = (u_int)imp;
    ok->imp_reason = strdup(imp < imp_requested ? imp_reason : "");
    ok->server_info = strdup(policy_server_info());
    if (ok->imp_reason == NULL || ok->server_info == NULL ||
        identity_reply_fill(&ok->identity, id, ctx->peer) < 0)
        return -1;
    log_msg(LOG_INFO, "session opened on %s for %s (account %s) from %s: authentication %s, "
            "impersonation %s", args->nspace, id->principal ? id->principal : "anonymous",
            id->account ? id->account : "none", ctx->peer, levels_authn_name(effective),
            levels_imp_name(imp));
    return 0;
}
