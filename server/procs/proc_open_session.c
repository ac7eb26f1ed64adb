/*
 * proc_open_session.c: OPEN_SESSION negotiates the session's levels.
 *
 * Authentication: the effective level is the highest of the request, the
 * server's floor and the namespace's floor; in strict mode a request that
 * would be raised is refused instead.  Impersonation: Anonymous is always
 * refused; Impersonate needs a local account; Delegate also needs a
 * credential forwarded with the caller's Kerberos context.  When less is
 * granted than asked, the reply says what and why.
 *
 * Access: opening a namespace needs Enable Account on it, Remote Enable
 * too over the network, and Enable Account on every ancestor unless the
 * caller holds bypass-traverse (security/access.h); a denial names the
 * right and the namespace missing.  The one exception is an
 * unauthenticated caller below the effective level, which only learns
 * that level (open_session_rights()).
 *
 * The dispatcher recorded the call (it checks no rights itself: the
 * namespace is in the arguments); the decisions made here are recorded
 * too (security/audit.h): the namespace rights ("NSPACE:session (Enable
 * Account)"), a strict request refused, a session on a namespace whose
 * own floor (RequiresEncryption) applies, and Anonymous impersonation
 * refused.
 */
#include <config.h>

#include <stdarg.h>
#include <gssapi/gssapi.h>
#include <stdio.h>
#include <string.h>

#include "common/cim_names.h"
#include "common/rights.h"
#include "common/levels.h"
#include "common/wbem.h"
#include "config/config_policy.h"
#include "dispatch_procs.h"
#include "log.h"
#include "policy.h"
#include "procs/identity_reply.h"
#include "rpc/call.h"
#include "repository/repo_namespace.h"
#include "rpc/session.h"
#include "server.h"
#include "security/audit.h"
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

static int open_session_grant_imp_caller(const struct call_context *ctx, int requested,
                                         const char **reason);

/* The impersonation level to grant for REQUESTED, with the reason when it
 * is less (in REASON, LEN bytes; "" otherwise), under POLICY. */
static int
open_session_grant_imp(const struct call_context *ctx, const struct config_session_policy *policy,
                       const char *nspace, int requested, char *reason, size_t len)
{
    const char *why = "";
    int imp = open_session_grant_imp_caller(ctx, requested, &why);

    snprintf(reason, len, "%s", why);
    if (imp > policy->highest_imp) {
        imp = policy->highest_imp;
        snprintf(reason, len, "the highest impersonation level granted on %s is %s "
                 "(configuration: security/impersonation highestLevel)", nspace,
                 levels_imp_name(imp));
    }
    if (imp == LEVELS_IMP_DELEGATE && !policy->allow_delegation) {
        imp = LEVELS_IMP_IMPERSONATE;
        snprintf(reason, len, "delegation is not allowed on %s (configuration: "
                 "security/impersonation allowDelegation false); impersonate granted", nspace);
    }
    return imp;
}

/* What the caller's identity and credentials allow for REQUESTED. */
static int
open_session_grant_imp_caller(const struct call_context *ctx, int requested, const char **reason)
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

/*
 * The authentication level decision a session on ARGS->nspace needs
 * besides the dispatcher's (which opened nothing): refused when the
 * caller asked for exactly REQUESTED (strict) and the floor raised it to
 * EFFECTIVE; allowed at EFFECTIVE when the namespace's own floor
 * (BY_NAMESPACE: RequiresEncryption, or its security/authentication
 * floor) is above the server's.  Recorded in the audit trail as
 * "NAMESPACE:authentication level (WHOSE)".  Returns 0
 * when the session may be opened, or -1 with WHY (WHY_LEN bytes): the
 * refusal, or why the audit trail cannot be written.
 */
static int
open_session_level_decision(const struct call_context *ctx,
                            const cimrpc_open_session_args *args, int requested, int effective,
                            const char *whose, bool by_namespace, char *why, size_t why_len)
{
    bool refused = args->strict && requested != LEVELS_AUTHN_DEFAULT && effective != requested;
    char object[CIMRPC_NAMESPACE_MAX + 600], reason[CIMRPC_REASON_MAX];

    snprintf(object, sizeof(object), "%s:authentication level (%s)", args->nspace, whose);
    if (refused)
        snprintf(reason, sizeof(reason), "you asked for exactly authentication level %s "
                 "(strict), but %s%s%s requires at least %s", levels_authn_name(requested),
                 by_namespace ? "this namespace (" : "this server", by_namespace ? whose : "",
                 by_namespace ? ")" : "", levels_authn_name(effective));
    else
        snprintf(reason, sizeof(reason), "the namespace requires at least %s (%s): the "
                 "session is at %s (%s %s)", levels_authn_name(effective), whose,
                 levels_authn_name(effective), args->strict ? "asked for exactly" : "asked for",
                 levels_authn_name(requested));
    return audit_call_decision(ctx, args, object, !refused, reason, why, why_len);
}

/*
 * The rights a session on ARGS->nspace at level EFFECTIVE needs: Enable
 * Account on the namespace (and on each ancestor, or bypass-traverse),
 * and Remote Enable over the network, checked and recorded as
 * "NSPACE:session (Enable Account)".  An unauthenticated caller below
 * EFFECTIVE is the exception: it is only learning the level it must come
 * back at (with Kerberos, as another caller), the session it gets is
 * usable by no one (every call needs the level and this same caller), so
 * its rights are not what matters; that decision is recorded as
 * "NSPACE:session (level negotiation only)".  Returns 0, or -1 with WHY
 * (WHY_LEN bytes): what is missing, or why the audit trail cannot be
 * written.
 */
static int
open_session_rights(const struct call_context *ctx, const cimrpc_open_session_args *args,
                    int effective, char *why, size_t why_len)
{
    char object[CIMRPC_NAMESPACE_MAX + 64], reason[CIMRPC_REASON_MAX];

    if (ctx->caller->authenticated || ctx->caller->authn_level >= effective)
        return audit_access_check(ctx, args, args->nspace, CIMRPC_RIGHT_ENABLE, "session", why,
                                  why_len);
    snprintf(object, sizeof(object), "%s:session (level negotiation only)", args->nspace);
    snprintf(reason, sizeof(reason), "an unauthenticated caller at %s learns that the session "
             "needs %s; its rights are checked when it opens one authenticated",
             levels_authn_name(ctx->caller->authn_level), levels_authn_name(effective));
    return audit_call_decision(ctx, args, object, true, reason, why, why_len);
}

int
proc_open_session(struct call_context *ctx, cimrpc_open_session_args *args,
                  cimrpc_open_session_res *res)
{
    const struct caller_identity *id = ctx->caller;
    cimrpc_session_ok *ok = &res->cimrpc_open_session_res_u.ok;
    int requested = (int)args->authn_level, floor;
    int imp_requested = args->imp_level == 0 ? LEVELS_IMP_IMPERSONATE : (int)args->imp_level;
    int effective, imp, enc_floor = 0;
    struct config_session_policy policy;
    char imp_reason[CIMRPC_REASON_MAX], whose[CIMRPC_NAMESPACE_MAX + 64] = "";
    char why[CIMRPC_REASON_MAX], audit_why[CIMRPC_REASON_MAX];
    struct session *session;
    bool by_namespace;

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
    if (imp_requested == LEVELS_IMP_ANONYMOUS) {
        char object[CIMRPC_NAMESPACE_MAX + 32];

        snprintf(object, sizeof(object), "%s:impersonation level", args->nspace);
        /* A denial: it stands whether or not it could be recorded. */
        (void)audit_call_decision(ctx, args, object, false, "anonymous impersonation is "
                                  "never accepted; use identify, impersonate or delegate",
                                  why, sizeof(why));
        return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "%s", why);
    }
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
        struct repo *repo = server_loop_repo(ctx->conn->owner);

        if (config_policy_session(repo, args->nspace, &policy, &rerr) < 0 ||
            namespace_policy_floor(repo, args->nspace, &enc_floor, &rerr) < 0)
            return open_session_refuse(res, WBEM_E_FAILED, "%s", rerr.message);
    }
    floor = policy.server_floor;
    if (policy.namespace_floor > floor) {
        floor = policy.namespace_floor;
        snprintf(whose, sizeof(whose), "security/authentication floor set at %s",
                 policy.floor_set_at);
    }
    if (enc_floor > floor) {
        floor = enc_floor;
        snprintf(whose, sizeof(whose), "RequiresEncryption");
    }
    by_namespace = floor > policy.server_floor;
    effective = requested > floor ? requested : floor;
    if (open_session_rights(ctx, args, effective, why, sizeof(why)) < 0)
        return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "%s", why);
    if (!id->authenticated && id->transport != CIMRPC_TRANSPORT_LOCAL &&
        id->authn_level >= effective && !policy.anonymous_access) {
        char object[CIMRPC_NAMESPACE_MAX + 64];

        snprintf(object, sizeof(object), "%s:session (anonymous access)", args->nspace);
        snprintf(why, sizeof(why), "unauthenticated callers may not open sessions on %s: its "
                 "configuration turns anonymous access off (security/authentication "
                 "anonymousAccess false); authenticate with Kerberos", args->nspace);
        (void)audit_call_decision(ctx, args, object, false, why, audit_why, sizeof(audit_why));
        return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "%s", why);
    }
    if ((args->strict && requested != LEVELS_AUTHN_DEFAULT && effective != requested) ||
        by_namespace) {
        if (open_session_level_decision(ctx, args, requested, effective,
                                        by_namespace ? whose : "the server's floor",
                                        by_namespace, why, sizeof(why)) < 0)
            return open_session_refuse(res, WBEM_E_ACCESS_DENIED, "%s", why);
    }
    /* A caller below the effective level (even an unauthenticated one) gets
     * the session anyway, as DCOM does: the reply tells it the level, and
     * every call of the session must meet it, from this same caller. */
    imp = open_session_grant_imp(ctx, &policy, args->nspace, imp_requested, imp_reason,
                                 sizeof(imp_reason));
    session = session_open(&ctx->conn->sessions, args->nspace, effective, imp, id,
                           args->privileges.privileges_val, args->privileges.privileges_len);
    if (session == NULL)
        return open_session_refuse(res, WBEM_E_FAILED, "cannot open another session on this "
                                   "connection (at most %d): close sessions you no longer use",
                                   SESSIONS_PER_CONNECTION);
    session->policy = policy;

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
