/*
 * rpc_server.c: call header processing.
 *
 * The credential and verifier bodies are decoded into fixed buffers of
 * MAX_AUTH_BYTES (xdr_callmsg refuses longer ones), so no allocation
 * depends on what a peer declares.  Authentication comes before the
 * program and version checks: an unauthenticated caller learns nothing.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/levels.h"
#include "common/xdr_void.h"
#include "log.h"
#include "rpc/dispatch.h"
#include "rpc/offload.h"
#include "rpc/rpc_server.h"
#include "security/rpcsec_gss.h"
#include "server.h"
#include "transport/connection.h"

/* xid, direction, rpcvers, prog, vers, proc, and two empty opaque_auth. */
#define RPC_MIN_CALL (10 * 4)

/* Read the big-endian 32-bit word at index I of RECORD. */
static uint32_t
rpc_word(const unsigned char *record, size_t i)
{
    const unsigned char *p = record + 4 * i;

    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The header did not decode.  If it is a call in another RPC version,
 * say which version we speak; other garbage closes the connection. */
static enum rpc_server_result
rpc_server_bad_header(const struct rpc_peer *peer, const unsigned char *record, size_t len,
                      struct reply_buf **reply_out)
{
    if (len >= 12 && rpc_word(record, 1) == CALL && rpc_word(record, 2) != RPC_MSG_VERSION) {
        *reply_out = reply_rpc_mismatch(rpc_word(record, 0));
        return *reply_out ? RPC_SERVER_REPLY : RPC_SERVER_CLOSE;
    }
    if (len >= RPC_MIN_CALL && rpc_word(record, 1) == CALL) {
        /* A whole call header whose credential or verifier is malformed
         * or oversized. */
        *reply_out = reply_auth_error(rpc_word(record, 0), AUTH_BADCRED);
        return *reply_out ? RPC_SERVER_REPLY : RPC_SERVER_CLOSE;
    }
    log_msg(LOG_NOTICE, "closing connection from %s: received a record that is not an RPC call",
            peer->address);
    return RPC_SERVER_CLOSE;
}

/* Does the AUTH_SYS credential body decode?  Its claims are never used. */
static bool
rpc_server_authsys_wellformed(const struct opaque_auth *cred)
{
    struct authunix_parms parms;
    XDR xdr;
    bool ok;

    memset(&parms, 0, sizeof(parms));
    xdrmem_create(&xdr, cred->oa_base, cred->oa_length, XDR_DECODE);
    ok = xdr_authunix_parms(&xdr, &parms);
    xdr_destroy(&xdr);
    xdr_free((xdrproc_t)xdr_authunix_parms, &parms);
    return ok;
}

/*
 * Who an AUTH_NONE or AUTH_SYS call runs as: the SO_PEERCRED identity on
 * the local socket; on TCP, the identity of the connection's established
 * Kerberos context at level Connect, or Anonymous.  VIEW is storage for
 * the result.  Returns AUTH_OK or why the call is refused.
 */
static enum auth_stat
rpc_server_plain_caller(const struct rpc_peer *peer, const struct rpc_msg *msg,
                        struct call_context *ctx, struct caller_identity *view)
{
    const struct opaque_auth *cred = &msg->rm_call.cb_cred;
    struct gss_context *bound = peer->conn != NULL ? peer->conn->gss.bound : NULL;

    if (cred->oa_flavor == AUTH_SYS) {
        if (peer->transport != CIMRPC_TRANSPORT_LOCAL)
            return AUTH_TOOWEAK;     /* a claimed uid over the network proves nothing */
        if (!rpc_server_authsys_wellformed(cred))
            return AUTH_BADCRED;
    }
    if (msg->rm_call.cb_verf.oa_flavor != AUTH_NONE)
        return AUTH_BADVERF;         /* these flavors carry no verifier */
    if (peer->local != NULL) {
        ctx->caller = peer->local;
    } else if (bound != NULL && gss_context_expired(bound)) {
        /* The connection's Connect-level authentication has ended: say so,
         * so the client can renew it, rather than serve it as Anonymous. */
        log_msg(LOG_INFO, "Kerberos from %s: connection context of %s expired with its ticket",
                peer->address, bound->identity.principal);
        gss_context_destroy(&peer->conn->gss, bound);
        return RPCSEC_GSS_CTXPROBLEM;
    } else if (bound != NULL) {
        *view = bound->identity;     /* shallow: borrowed for this call */
        view->authn_level = LEVELS_AUTHN_CONNECT;
        ctx->caller = view;
        ctx->gss = bound;
    } else {
        identity_init(view, peer->transport);
        ctx->caller = view;
    }
    return AUTH_OK;
}

/* Encode the reply for the dispatched call, plain or protected. */
static struct reply_buf *
rpc_server_encode(const struct rpcsec_gss_call *gss, uint32_t xid, enum accept_stat stat,
                  xdrproc_t xdr_res, void *res)
{
    if (gss != NULL)
        return rpcsec_gss_reply(gss, xid, stat, xdr_res, res);
    if (stat == SUCCESS)
        return reply_success(xid, NULL, xdr_res, res);
    return reply_accept_error(xid, NULL, stat);
}

/* A call whose handler deferred its work (call_defer()), waiting for its
 * offload thread: everything needed to answer it on its loop later. */
struct rpc_pending {
    struct offload_job job;                 /* first member: the job is the call */
    struct connection *conn;                /* borrowed; paused until answered */
    struct call_context ctx;                /* as the handler had it */
    struct caller_identity caller;          /* shallow copy; borrows as the call did */
    struct rpcsec_gss_call gss;             /* context, sequence, service */
    bool has_gss;
    struct dispatch_result result;
};

/* Marks the reply of a deferred call: answered later, not now. */
static struct reply_buf rpc_server_deferred_marker;

static void
rpc_server_pending_run(struct offload_job *job)
{
    struct rpc_pending *p = (struct rpc_pending *)job;

    p->ctx.deferral.run(p->ctx.deferral.job);
}

/* On the loop's thread once the job ran: finish the call and answer it,
 * unless the connection closed meanwhile or the server is stopping. */
static void
rpc_server_pending_done(void *arg, bool stopped)
{
    struct rpc_pending *p = arg;
    struct connection *conn = p->conn;
    struct reply_buf *reply = NULL;
    bool answer = !stopped && !connection_is_closed(conn);

    if (answer) {
        dispatch_finish(&p->ctx, &p->result);
        reply = rpc_server_encode(p->has_gss ? &p->gss : NULL, p->ctx.xid, p->result.stat,
                                  p->result.xdr_res, dispatch_result_body(&p->result));
        if (reply == NULL)
            log_msg(LOG_ERR, "cannot %s the reply to %s; dropped",
                    p->has_gss ? "protect" : "build", p->ctx.peer);
    }
    p->ctx.deferral.free_job(p->ctx.deferral.job);
    dispatch_result_free(&p->result);
    free(p);
    connection_deferred_done(conn, reply, answer);
}

/* Hand the deferred call of CTX (RESULT taken) to an offload thread.
 * Returns the marker, or an error reply when it cannot be deferred. */
static struct reply_buf *
rpc_server_defer(struct call_context *ctx, const struct rpcsec_gss_call *gss,
                 struct dispatch_result *result)
{
    struct rpc_pending *p = calloc(1, sizeof(*p));

    if (p != NULL) {
        p->conn = ctx->conn;
        p->caller = *ctx->caller;
        p->ctx = *ctx;
        p->ctx.caller = &p->caller;
        if (gss != NULL) {
            p->gss = *gss;
            p->gss.args = NULL;         /* released by rpcsec_gss_done() */
            p->gss.args_len = 0;
            p->gss.unwrapped.length = 0;
            p->gss.unwrapped.value = NULL;
            p->gss.integ_body = NULL;
            p->has_gss = true;
        }
        p->result = *result;
        p->job.run = rpc_server_pending_run;
        p->job.done = rpc_server_pending_done;
        p->job.loop = connection_loop(ctx->conn);
        if (offload_submit(server_loop_offload(ctx->conn->owner), &p->job) == 0) {
            memset(result, 0, sizeof(*result));
            return &rpc_server_deferred_marker;
        }
        free(p);
    }
    log_msg(LOG_ERR, "%s from %s: cannot hand the call to a provider thread (stopping, or "
            "out of memory)", result->entry->name, ctx->peer);
    ctx->deferral.free_job(ctx->deferral.job);
    result->deferred = false;
    result->stat = SYSTEM_ERR;
    return rpc_server_encode(gss, ctx->xid, SYSTEM_ERR, NULL, NULL);
}

/* Program, version and procedure checks, then dispatch. */
static struct reply_buf *
rpc_server_dispatch(struct call_context *ctx, const struct rpc_msg *msg,
                    const struct rpcsec_gss_call *gss, XDR *args)
{
    struct dispatch_result result;
    struct reply_buf *reply;

    if (msg->rm_call.cb_prog != CIMRPC_PROG)
        return rpc_server_encode(gss, ctx->xid, PROG_UNAVAIL, NULL, NULL);
    if (msg->rm_call.cb_vers != CIMRPC_V1) {
        if (gss != NULL)
            return rpc_server_encode(gss, ctx->xid, PROG_MISMATCH, NULL, NULL);
        return reply_prog_mismatch(ctx->xid, NULL, CIMRPC_V1, CIMRPC_V1);
    }
    ctx->entry = dispatch_lookup((uint32_t)msg->rm_call.cb_proc);
    if (ctx->entry == NULL)
        return rpc_server_encode(gss, ctx->xid, PROC_UNAVAIL, NULL, NULL);
    dispatch_call(ctx, args, &result);
    if (result.deferred) {
        reply = rpc_server_defer(ctx, gss, &result);
        dispatch_result_free(&result);
        return reply;
    }
    if (result.auth_denied)
        reply = reply_auth_error(ctx->xid, AUTH_TOOWEAK);
    else
        reply = rpc_server_encode(gss, ctx->xid, result.stat, result.xdr_res,
                                  dispatch_result_body(&result));
    dispatch_result_free(&result);
    return reply;
}

enum rpc_server_result
rpc_server_handle(const struct rpc_peer *peer, const unsigned char *record, size_t len,
                  struct reply_buf **reply_out)
{
    char cred_body[MAX_AUTH_BYTES], verf_body[MAX_AUTH_BYTES];
    struct caller_identity view;
    struct call_context ctx = { .conn = peer->conn, .peer = peer->address };
    struct rpcsec_gss_call gss;
    struct rpc_msg msg;
    enum auth_stat auth;
    size_t args_offset;
    XDR xdr, plain;

    *reply_out = NULL;
    memset(&msg, 0, sizeof(msg));
    msg.rm_call.cb_cred.oa_base = cred_body;
    msg.rm_call.cb_verf.oa_base = verf_body;
    xdrmem_create(&xdr, (char *)record, (u_int)len, XDR_DECODE);
    if (!xdr_callmsg(&xdr, &msg)) {
        xdr_destroy(&xdr);
        return rpc_server_bad_header(peer, record, len, reply_out);
    }
    ctx.xid = msg.rm_xid;
    args_offset = xdr_getpos(&xdr);

    switch (msg.rm_call.cb_cred.oa_flavor) {
    case RPCSEC_GSS_FLAVOR:
        if (peer->conn == NULL) {
            *reply_out = reply_auth_error(ctx.xid, AUTH_REJECTEDCRED);
            break;
        }
        switch (rpcsec_gss_accept(&peer->conn->gss, &msg, record, len, args_offset,
                                  peer->address, &gss, reply_out)) {
        case RPCSEC_GSS_REPLIED:
            break;
        case RPCSEC_GSS_DROP:
            xdr_destroy(&xdr);
            return RPC_SERVER_NO_REPLY;
        case RPCSEC_GSS_FAILED:
            xdr_destroy(&xdr);
            return RPC_SERVER_CLOSE;
        case RPCSEC_GSS_PROCEED:
            view = gss.ctx->identity;           /* shallow: borrowed for this call */
            view.authn_level = rpcsec_gss_level(gss.service);
            ctx.caller = &view;
            ctx.gss = gss.ctx;
            xdrmem_create(&plain, (char *)gss.args, (u_int)gss.args_len, XDR_DECODE);
            *reply_out = rpc_server_dispatch(&ctx, &msg, &gss, &plain);
            xdr_destroy(&plain);
            rpcsec_gss_done(&peer->conn->gss, &gss);
            if (*reply_out == &rpc_server_deferred_marker) {
                *reply_out = NULL;
                xdr_destroy(&xdr);
                return RPC_SERVER_DEFERRED;
            }
            if (*reply_out == NULL) {
                /* RFC 2203 5.3.3.4.4: a reply that cannot be protected is dropped. */
                xdr_destroy(&xdr);
                log_msg(LOG_ERR, "cannot protect the reply to %s; dropped", peer->address);
                return RPC_SERVER_NO_REPLY;
            }
            break;
        }
        break;
    case AUTH_NONE:
    case AUTH_SYS:
        auth = rpc_server_plain_caller(peer, &msg, &ctx, &view);
        if (auth != AUTH_OK) {
            log_msg(LOG_NOTICE, "refused a call from %s: credential flavor %d (verifier "
                    "flavor %d) is not accepted here", peer->address,
                    (int)msg.rm_call.cb_cred.oa_flavor, (int)msg.rm_call.cb_verf.oa_flavor);
            *reply_out = reply_auth_error(ctx.xid, auth);
        } else {
            *reply_out = rpc_server_dispatch(&ctx, &msg, NULL, &xdr);
            if (*reply_out == &rpc_server_deferred_marker) {
                *reply_out = NULL;
                xdr_destroy(&xdr);
                return RPC_SERVER_DEFERRED;
            }
        }
        break;
    default:
        log_msg(LOG_NOTICE, "refused a call from %s: unknown credential flavor %d",
                peer->address, (int)msg.rm_call.cb_cred.oa_flavor);
        *reply_out = reply_auth_error(ctx.xid, AUTH_BADCRED);
        break;
    }
    xdr_destroy(&xdr);
    if (*reply_out == NULL) {
        log_msg(LOG_ERR, "out of memory building a reply for %s; closing its connection",
                peer->address);
        return RPC_SERVER_CLOSE;
    }
    return RPC_SERVER_REPLY;
}
