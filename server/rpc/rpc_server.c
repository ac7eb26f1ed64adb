/*
 * rpc_server.c: call header processing.
 *
 * The credential and verifier bodies are decoded into fixed buffers of
 * MAX_AUTH_BYTES (xdr_callmsg refuses longer ones), so no allocation
 * depends on what a peer declares.
 */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "cimrpc.h"
#include "log.h"
#include "rpc/dispatch.h"
#include "rpc/rpc_server.h"

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

/* Accept or refuse the call's credential; on acceptance, *CALLER is the
 * identity the call runs as.  Returns AUTH_OK or why it was refused. */
static enum auth_stat
rpc_server_authenticate(const struct rpc_peer *peer, const struct rpc_msg *msg,
                        const struct caller_identity **caller, struct caller_identity *anonymous)
{
    const struct opaque_auth *cred = &msg->rm_call.cb_cred;
    const struct opaque_auth *verf = &msg->rm_call.cb_verf;

    switch (cred->oa_flavor) {
    case AUTH_NONE:
        break;
    case AUTH_SYS:
        if (peer->transport != CIMRPC_TRANSPORT_LOCAL)
            return AUTH_TOOWEAK;     /* a claimed uid over the network proves nothing */
        if (!rpc_server_authsys_wellformed(cred))
            return AUTH_BADCRED;
        break;
    default:
        return AUTH_BADCRED;
    }
    if (verf->oa_flavor != AUTH_NONE)
        return AUTH_BADVERF;         /* these flavors carry no verifier */
    if (peer->local != NULL) {
        *caller = peer->local;
    } else {
        identity_init(anonymous, peer->transport);
        *caller = anonymous;
    }
    return AUTH_OK;
}

enum rpc_server_result
rpc_server_handle(const struct rpc_peer *peer, const unsigned char *record, size_t len,
                  struct reply_buf **reply_out)
{
    char cred_body[MAX_AUTH_BYTES], verf_body[MAX_AUTH_BYTES];
    struct caller_identity anonymous;
    struct call_context ctx = { .conn = peer->conn, .peer = peer->address };
    struct rpc_msg msg;
    enum auth_stat auth;
    XDR xdr;

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

    /* Authenticate first: an unauthenticated caller learns nothing more. */
    if ((auth = rpc_server_authenticate(peer, &msg, &ctx.caller, &anonymous)) != AUTH_OK) {
        log_msg(LOG_NOTICE, "refused a call from %s: credential flavor %d (verifier flavor %d) "
                "is not accepted here", peer->address, (int)msg.rm_call.cb_cred.oa_flavor,
                (int)msg.rm_call.cb_verf.oa_flavor);
        *reply_out = reply_auth_error(ctx.xid, auth);
    } else if (msg.rm_call.cb_prog != CIMRPC_PROG) {
        *reply_out = reply_accept_error(ctx.xid, PROG_UNAVAIL);
    } else if (msg.rm_call.cb_vers != CIMRPC_V1) {
        *reply_out = reply_prog_mismatch(ctx.xid, CIMRPC_V1, CIMRPC_V1);
    } else if ((ctx.entry = dispatch_lookup((uint32_t)msg.rm_call.cb_proc)) == NULL) {
        *reply_out = reply_accept_error(ctx.xid, PROC_UNAVAIL);
    } else {
        *reply_out = dispatch_call(&ctx, &xdr);
    }
    xdr_destroy(&xdr);
    if (*reply_out == NULL) {
        log_msg(LOG_ERR, "out of memory building a reply for %s; closing its connection",
                peer->address);
        return RPC_SERVER_CLOSE;
    }
    return RPC_SERVER_REPLY;
}
