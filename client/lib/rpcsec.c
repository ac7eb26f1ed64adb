/*
 * rpcsec.c: the RPC security of a TCP connection: AUTH_NONE, or an
 * RPCSEC_GSS context made with libtirpc's authgss_create().
 *
 * A context's service (none, integrity, privacy) is fixed when it is made,
 * so a connection that must call at a stronger level gets a new context
 * and the old one is destroyed.  At level connect the context only
 * identifies the connection to the server: the calls themselves carry
 * AUTH_NONE, and the context lives until the connection closes.
 *
 * Two things of libtirpc are worked around here:
 * - its stream client "refreshes" the AUTH of any failed call and, since
 *   authgss's refresh does nothing on an established context, sends the
 *   same call up to twice more with the same dead context; each context's
 *   operations are therefore copied with a refresh that declines, and
 *   conn_call_locked() renews a dead context itself, once;
 * - authgss_create() keeps the status a server sends back in a refused
 *   context exchange to itself; while it runs, the client's call operation
 *   is wrapped to note that status, so the error can show it.
 * When the server refuses a context, libtirpc 1.3.3 leaks the AUTH it was
 * making (and the half-made GSS context); nothing here can free it, so
 * sanitizer runs that exercise a refusal need a suppression for
 * authgss_create.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <rpc/auth_gss.h>

#include "common/levels.h"
#include "error.h"
#include "kerberos.h"
#include "rpcsec.h"

/* A renewed context made from tickets with less life left than this (in
 * seconds) gets new tickets first, when they come from a keytab. */
#define RPCSEC_RENEW_LIFETIME_MIN 10

/* What a context exchange under way has seen (see rpcsec_capture_call). */
struct rpcsec_capture {
    struct clnt_ops *ops;           /* the client's own operations */
    bool refused;                   /* the server answered with a GSS error */
    OM_uint32 major, minor;         /* its status */
};

/* The capture of the exchange this thread runs (under the conn lock). */
static _Thread_local struct rpcsec_capture *rpcsec_capturing;

/* The client's call operation while authgss_create() runs: make the call,
 * and note the GSS status of an INIT/CONTINUE_INIT reply that refuses. */
static enum clnt_stat
rpcsec_capture_call(CLIENT *clnt, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                    xdrproc_t xdr_res, void *res, struct timeval timeout)
{
    struct rpcsec_capture *cap = rpcsec_capturing;
    enum clnt_stat stat = cap->ops->cl_call(clnt, proc, xdr_args, args, xdr_res, res, timeout);

    if (stat == RPC_SUCCESS && proc == NULLPROC && xdr_res == (xdrproc_t)xdr_rpc_gss_init_res) {
        struct rpc_gss_init_res *gr = res;
        if (gr->gr_major != GSS_S_COMPLETE && gr->gr_major != GSS_S_CONTINUE_NEEDED) {
            cap->refused = true;
            cap->major = gr->gr_major;
            cap->minor = gr->gr_minor;
            /* libtirpc gives up on this reply without freeing its handle
             * and token; it reads only the status, which stays. */
            xdr_free((xdrproc_t)xdr_rpc_gss_init_res, (char *)gr);
        }
    }
    return stat;
}

/* A refresh that declines: libtirpc then returns the failed call's status
 * instead of sending it again with the same context. */
static int
rpcsec_no_refresh(AUTH *auth, void *arg)
{
    return 0;
}

/* A few words on an RPC authentication status, for messages. */
static const char *
rpcsec_auth_stat_text(enum auth_stat why)
{
    switch (why) {
    case AUTH_BADCRED: return "bad credential";
    case AUTH_REJECTEDCRED: return "credential rejected";
    case AUTH_BADVERF: return "bad verifier";
    case AUTH_REJECTEDVERF: return "verifier rejected";
    case AUTH_TOOWEAK: return "authentication too weak";
    case AUTH_INVALIDRESP: return "invalid reply verifier";
    case RPCSEC_GSS_CREDPROBLEM: return "RPCSEC_GSS credential problem";
    case RPCSEC_GSS_CTXPROBLEM: return "RPCSEC_GSS context problem";
    default: return "authentication failed";
    }
}

/* Record why authgss_create() failed on CONN, after kerberos_check() found
 * this side able to start the context.  Always -1. */
static int
rpcsec_create_error(cimrpc_conn *conn, const struct rpcsec_capture *cap, cimrpc_error **err_out)
{
    struct rpc_err rerr;
    char *detail = NULL;
    int rc;

    memset(&rerr, 0, sizeof(rerr));
    clnt_geterr(conn->clnt, &rerr);
    if (cap->refused)
        return kerberos_error_server(conn->krb, conn->target, true, cap->major, cap->minor,
                                     NULL, err_out);
    switch (rerr.re_status) {
    case RPC_SUCCESS:
        /* No call failed: either this side failed after all (the ticket
         * ran out since the check), or the server's last token or its
         * verifier did not prove it holds the service's key. */
        if (kerberos_check(conn->krb, conn->gss_flags, NULL, err_out) < 0)
            return -1;
        return kerberos_error_server(conn->krb, conn->target, false, 0, 0, "mutual "
                                     "authentication failed: the server's answer does not "
                                     "prove it holds the service's key", err_out);
    case RPC_AUTHERROR:
        if (rerr.re_why == AUTH_REJECTEDCRED)   /* cimrpcd without a keytab says this */
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the server at %s does not accept "
                             "Kerberos (RPCSEC_GSS) credentials: it may run without a keytab; "
                             "see the server's log (RPC: %s)", conn->target,
                             rpcsec_auth_stat_text(rerr.re_why));
        if (asprintf(&detail, "RPC: the server refused the credential: %s",
                     rpcsec_auth_stat_text(rerr.re_why)) < 0)
            detail = NULL;
        rc = kerberos_error_server(conn->krb, conn->target, false, 0, 0, detail, err_out);
        free(detail);
        return rc;
    default:
        if (rerr.re_status == RPC_CANTSEND || rerr.re_status == RPC_CANTRECV ||
            rerr.re_status == RPC_TIMEDOUT)
            conn->broken = true;
        return error_set_rpc(err_out, conn->clnt, rerr.re_status, "Kerberos authentication",
                             conn->target);
    }
}

/* Make a context of service SVC on CONN into *AUTH_OUT (the caller owns
 * it; cl_auth is left as it was).  0, or -1 with *err_out set. */
static int
rpcsec_create(cimrpc_conn *conn, rpc_gss_svc_t svc, AUTH **auth_out, cimrpc_error **err_out)
{
    struct rpc_gss_sec sec = {
        .mech = gss_mech_krb5, .qop = GSS_C_QOP_DEFAULT, .svc = svc,
        .cred = conn->krb->cred, .req_flags = conn->gss_flags,
    };
    struct rpcsec_capture cap = { .ops = conn->clnt->cl_ops };
    struct clnt_ops ops = *conn->clnt->cl_ops;
    AUTH *auth;

    *auth_out = NULL;
    if (conn->krb->principal != NULL && conn->krb->cred == GSS_C_NO_CREDENTIAL)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "no Kerberos credential for %s is "
                         "left (renewing it failed): connect again", conn->krb->principal);
    ops.cl_call = rpcsec_capture_call;
    rpcsec_capturing = &cap;
    conn->clnt->cl_ops = &ops;
    auth = authgss_create(conn->clnt, conn->krb->target, &sec);
    conn->clnt->cl_ops = cap.ops;
    rpcsec_capturing = NULL;
    if (auth == NULL)
        return rpcsec_create_error(conn, &cap, err_out);
    conn->gss_ops = *auth->ah_ops;
    conn->gss_ops.ah_refresh = rpcsec_no_refresh;
    auth->ah_ops = &conn->gss_ops;
    *auth_out = auth;
    return 0;
}

/* Destroy AUTH (a context of CONN; NULL is fine).  QUIET: the context or
 * the connection is dead, so no RPCSEC_GSS DESTROY is sent: taking the
 * context out with authgss_get_private_data() is libtirpc's way. */
static void
rpcsec_drop(cimrpc_conn *conn, AUTH *auth, bool quiet)
{
    struct authgss_private_data pd;

    if (auth == NULL)
        return;
    if (quiet) {
        memset(&pd, 0, sizeof(pd));
        if (authgss_get_private_data(auth, &pd))
            authgss_free_private_data(&pd);
    }
    if (conn->clnt->cl_auth == auth)
        conn->clnt->cl_auth = authnone_create();
    auth_destroy(auth);
}

int
rpcsec_prepare(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out)
{
    if (conn->krb != NULL)
        return 0;
    if (kerberos_new(opts, &conn->krb, err_out) < 0)
        return -1;
    return kerberos_check(conn->krb, conn->gss_flags, NULL, err_out);
}

int
rpcsec_set_level(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_authn_level level,
                 cimrpc_error **err_out)
{
    cimrpc_authn_level in_force = level;
    rpc_gss_svc_t svc = RPCSEC_GSS_SVC_NONE;
    bool calls = true;

    switch (level) {
    case CIMRPC_AUTHN_NONE:
        if (conn->gss_auth != NULL)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "internal error: a Kerberos "
                             "connection cannot go back to authentication level none");
        conn->clnt->cl_auth = authnone_create();
        conn->authn = CIMRPC_AUTHN_NONE;
        return 0;
    case CIMRPC_AUTHN_CONNECT:
        calls = false;
        break;
    case CIMRPC_AUTHN_CALL:
    case CIMRPC_AUTHN_PKT:
        in_force = CIMRPC_AUTHN_PKT;    /* as DCOM does on a connection */
        break;
    case CIMRPC_AUTHN_PKT_INTEGRITY:
        svc = RPCSEC_GSS_SVC_INTEGRITY;
        break;
    case CIMRPC_AUTHN_DEFAULT:
    case CIMRPC_AUTHN_PKT_PRIVACY:
        in_force = CIMRPC_AUTHN_PKT_PRIVACY;
        svc = RPCSEC_GSS_SVC_PRIVACY;
        break;
    default:
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "authentication level %d does not "
                         "exist; use %s", (int)level, levels_authn_names());
    }
    if (rpcsec_prepare(conn, opts, err_out) < 0)
        return -1;
    if (conn->gss_auth == NULL || conn->gss_svc != svc) {
        AUTH *auth, *old = conn->gss_auth;
        if (rpcsec_create(conn, svc, &auth, err_out) < 0)
            return -1;
        conn->gss_auth = auth;
        conn->gss_svc = svc;
        rpcsec_drop(conn, old, false);
    }
    conn->gss_calls = calls;
    conn->clnt->cl_auth = calls ? conn->gss_auth : authnone_create();
    conn->authn = in_force;
    return 0;
}

bool
rpcsec_context_lost(cimrpc_conn *conn, enum clnt_stat stat)
{
    struct rpc_err rerr;

    if (conn->gss_auth == NULL)
        return false;
    if (stat == RPC_AUTHERROR) {
        memset(&rerr, 0, sizeof(rerr));
        clnt_geterr(conn->clnt, &rerr);
        return rerr.re_why == RPCSEC_GSS_CREDPROBLEM || rerr.re_why == RPCSEC_GSS_CTXPROBLEM;
    }
    /* authgss_marshal() fails, and deletes the context, when its MIC says
     * GSS_S_CONTEXT_EXPIRED. */
    return stat == RPC_CANTENCODEARGS && conn->gss_calls;
}

int
rpcsec_renew(cimrpc_conn *conn, cimrpc_error **err_out)
{
    AUTH *auth, *old = conn->gss_auth;
    OM_uint32 lifetime = 0;

    if (old == NULL || conn->krb == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "internal error: no Kerberos context "
                         "to renew");
    /* From the user's cache, take the credential afresh: a kinit since the
     * connection was made is then used. */
    if (conn->krb->keytab == NULL && kerberos_refresh(conn->krb, err_out) < 0)
        return -1;
    if (kerberos_check(conn->krb, conn->gss_flags, &lifetime, err_out) < 0)
        return -1;
    /* The cached service ticket may be the one that just ran out: from a
     * keytab, get new tickets; from the user's cache, say what to do. */
    if (lifetime < RPCSEC_RENEW_LIFETIME_MIN && conn->krb->keytab != NULL &&
        (kerberos_refresh(conn->krb, err_out) < 0 ||
         kerberos_check(conn->krb, conn->gss_flags, &lifetime, err_out) < 0))
        return -1;
    if (lifetime == 0)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the Kerberos ticket for %s/%s has "
                         "expired: run kinit (or use --keytab/--principal for unattended use) "
                         "and connect again", conn->krb->service, conn->krb->host);
    if (rpcsec_create(conn, conn->gss_svc, &auth, err_out) < 0)
        return -1;
    conn->gss_auth = auth;
    rpcsec_drop(conn, old, true);
    conn->clnt->cl_auth = conn->gss_calls ? auth : authnone_create();
    return 0;
}

void
rpcsec_release(cimrpc_conn *conn, bool quiet)
{
    if (conn->clnt != NULL) {
        rpcsec_drop(conn, conn->gss_auth, quiet);
        conn->clnt->cl_auth = authnone_create();
    }
    conn->gss_auth = NULL;
    conn->gss_calls = false;
    kerberos_free(conn->krb);
    conn->krb = NULL;
}
