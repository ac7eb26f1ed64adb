/*
 * rpcsec_gss.c: RPCSEC_GSS version 1 on MIT GSS-API.
 *
 * Error mapping (RFC 2203 section 5.3.3.4): an unknown or unestablished
 * handle, or a header MIC that does not verify, is AUTH_ERROR /
 * RPCSEC_GSS_CREDPROBLEM; an expired context, or a sequence number at or
 * above MAXSEQ, is RPCSEC_GSS_CTXPROBLEM and ends the context; arguments
 * whose MIC fails or that do not unwrap are GARBAGE_ARGS; a replay or a
 * number below the window is dropped without a reply.
 */
#include <config.h>

#include <gssapi/gssapi.h>
#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/levels.h"
#include "log.h"
#include "security/gss_acceptor.h"
#include "security/rpcsec_gss.h"

#define GSS_PROC_DATA 0
#define GSS_PROC_INIT 1
#define GSS_PROC_CONTINUE_INIT 2
#define GSS_PROC_DESTROY 3
#define GSS_SVC_NONE 1
#define GSS_SVC_INTEGRITY 2
#define GSS_SVC_PRIVACY 3
#define GSS_MAXSEQ 0x80000000u
#define RNDUP4(n) (((n) + 3u) & ~3u)

int
rpcsec_gss_level(uint32_t service)
{
    switch (service) {
    case GSS_SVC_INTEGRITY: return LEVELS_AUTHN_PKT_INTEGRITY;
    case GSS_SVC_PRIVACY: return LEVELS_AUTHN_PKT_PRIVACY;
    default: return LEVELS_AUTHN_PKT;
    }
}

static void
rpcsec_gss_log(int priority, const char *peer, const char *what, OM_uint32 major, OM_uint32 minor)
{
    char text[512];

    gss_acceptor_status_text(major, minor, text, sizeof(text));
    log_msg(priority, "Kerberos from %s: %s (%s)", peer, what, text);
}

/* XDR of one unsigned int, for MICs over a sequence number or window. */
static void
rpcsec_gss_xdr_uint(uint32_t v, unsigned char out[4])
{
    out[0] = (unsigned char)(v >> 24);
    out[1] = (unsigned char)(v >> 16);
    out[2] = (unsigned char)(v >> 8);
    out[3] = (unsigned char)v;
}

/* MIC over the XDR of V into *MIC (caller releases).  Returns 0 or -1. */
static int
rpcsec_gss_mic_uint(gss_ctx_id_t ctx, uint32_t v, gss_buffer_t mic)
{
    unsigned char word[4];
    gss_buffer_desc in = { .length = 4, .value = word };
    OM_uint32 minor;

    rpcsec_gss_xdr_uint(v, word);
    return gss_get_mic(&minor, ctx, GSS_C_QOP_DEFAULT, &in, mic) == GSS_S_COMPLETE ? 0 : -1;
}

/* ---------------------------------------------------- context creation */

static struct reply_buf *
rpcsec_gss_init_reply(uint32_t xid, struct gss_context *ctx, OM_uint32 major, OM_uint32 minor,
                       gss_buffer_t token, const struct opaque_auth *verf)
{
    gss_wire_init_res res;

    memset(&res, 0, sizeof(res));
    if (ctx != NULL && !GSS_ERROR(major)) {
        res.handle.handle_len = GSS_CONTEXT_HANDLE_LEN;
        res.handle.handle_val = (char *)ctx->handle;
    }
    res.major = major;
    res.minor = minor;
    res.window = SEQ_WINDOW_SIZE;
    res.token.token_len = token->length <= RPCSEC_GSS_TOKEN_MAX ? (u_int)token->length : 0;
    res.token.token_val = token->value;
    return reply_success(xid, verf, (xdrproc_t)xdr_gss_wire_init_res, &res);
}

static enum rpcsec_gss_outcome
rpcsec_gss_init(struct gss_context_list *list, const struct rpc_msg *msg, const gss_wire_cred *cred,
                const unsigned char *record, size_t len, size_t args_offset, const char *peer,
                struct reply_buf **reply_out)
{
    uint32_t xid = msg->rm_xid;
    gss_wire_init_arg arg;
    gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER, mic = GSS_C_EMPTY_BUFFER;
    struct opaque_auth verf = { .oa_flavor = AUTH_NONE };
    struct gss_context *ctx;
    gss_name_t source = GSS_C_NO_NAME;
    OM_uint32 major, minor = 0, tmp, lifetime = 0, flags = 0;
    gss_cred_id_t delegated = GSS_C_NO_CREDENTIAL;
    XDR xdr;

    if (msg->rm_call.cb_proc != NULLPROC) {
        *reply_out = reply_auth_error(xid, AUTH_BADCRED);
        goto done;
    }
    if (cred->proc == GSS_PROC_INIT) {
        if (cred->handle.handle_len != 0) {
            *reply_out = reply_auth_error(xid, AUTH_BADCRED);
            goto done;
        }
        ctx = gss_context_new(list);
        if (ctx == NULL) {
            log_msg(LOG_NOTICE, "Kerberos from %s: refused a new context: the connection holds "
                    "%d already", peer, GSS_CONTEXTS_PER_CONNECTION);
            *reply_out = reply_auth_error(xid, RPCSEC_GSS_CREDPROBLEM);
            goto done;
        }
    } else {
        ctx = gss_context_find(list, cred->handle.handle_val, cred->handle.handle_len);
        if (ctx == NULL || ctx->established) {
            *reply_out = reply_auth_error(xid, RPCSEC_GSS_CREDPROBLEM);
            goto done;
        }
    }

    memset(&arg, 0, sizeof(arg));
    xdrmem_create(&xdr, (char *)record + args_offset, (u_int)(len - args_offset), XDR_DECODE);
    if (!xdr_gss_wire_init_arg(&xdr, &arg)) {
        xdr_destroy(&xdr);
        xdr_free((xdrproc_t)xdr_gss_wire_init_arg, &arg);
        log_msg(LOG_NOTICE, "Kerberos from %s: context token missing or over %d bytes", peer,
                RPCSEC_GSS_TOKEN_MAX);
        gss_context_destroy(list, ctx);
        *reply_out = reply_accept_error(xid, NULL, GARBAGE_ARGS);
        goto done;
    }
    xdr_destroy(&xdr);
    in.length = arg.token.token_len;
    in.value = arg.token.token_val;
    major = gss_acceptor_step(&minor, &ctx->gss, &in, &out, &source, &lifetime, &flags, &delegated);
    xdr_free((xdrproc_t)xdr_gss_wire_init_arg, &arg);

    if (major == GSS_S_COMPLETE) {
        if (gss_acceptor_identity(source, &ctx->identity) < 0 ||
            rpcsec_gss_mic_uint(ctx->gss, SEQ_WINDOW_SIZE, &mic) < 0) {
            gss_release_name(&tmp, &source);
            gss_release_cred(&tmp, &delegated);
            gss_release_buffer(&tmp, &out);
            gss_context_destroy(list, ctx);
            return RPCSEC_GSS_FAILED;
        }
        ctx->delegated = delegated;
        gss_context_established(list, ctx, lifetime);
        verf.oa_flavor = RPCSEC_GSS_FLAVOR;
        verf.oa_base = mic.value;
        verf.oa_length = (u_int)mic.length;
        log_msg(LOG_INFO, "Kerberos from %s: context established for %s (account %s, %s, "
                "%u s left)", peer, ctx->identity.principal,
                ctx->identity.account ? ctx->identity.account : "none",
                delegated != GSS_C_NO_CREDENTIAL ? "credential forwarded" : "no forwarded credential",
                (unsigned)lifetime);
    } else if (major == GSS_S_CONTINUE_NEEDED) {
        /* more tokens to come; verifier stays AUTH_NONE */
    } else {
        rpcsec_gss_log(LOG_NOTICE, peer, "context refused", major, minor);
        *reply_out = rpcsec_gss_init_reply(xid, NULL, major, minor, &out, &verf);
        gss_context_destroy(list, ctx);
        gss_release_buffer(&tmp, &out);
        gss_release_name(&tmp, &source);
        goto done;
    }
    *reply_out = rpcsec_gss_init_reply(xid, ctx, major, minor, &out, &verf);
    gss_release_buffer(&tmp, &out);
    gss_release_buffer(&tmp, &mic);
    gss_release_name(&tmp, &source);
done:
    return *reply_out != NULL ? RPCSEC_GSS_REPLIED : RPCSEC_GSS_FAILED;
}

/* ------------------------------------------------------- data exchange */

/* Deny with an auth_stat (no GSS verifier: the context is not trusted). */
static enum rpcsec_gss_outcome
rpcsec_gss_deny(uint32_t xid, enum auth_stat why, struct reply_buf **reply_out)
{
    *reply_out = reply_auth_error(xid, why);
    return *reply_out != NULL ? RPCSEC_GSS_REPLIED : RPCSEC_GSS_FAILED;
}

/* Unprotect the arguments per the service.  Returns 0, or -1 when they do
 * not verify or decode (GARBAGE_ARGS). */
static int
rpcsec_gss_unwrap_args(struct rpcsec_gss_call *call, const unsigned char *args, size_t len)
{
    OM_uint32 major, minor;
    const unsigned char *body;
    size_t body_len;
    XDR xdr;

    if (call->service == GSS_SVC_NONE) {
        call->args = args;
        call->args_len = len;
        return 0;
    }
    xdrmem_create(&xdr, (char *)args, (u_int)len, XDR_DECODE);
    if (call->service == GSS_SVC_INTEGRITY) {
        gss_wire_integ *integ = calloc(1, sizeof(*integ));
        gss_buffer_desc msg, mic;
        if (integ == NULL) {
            xdr_destroy(&xdr);
            return -1;
        }
        call->integ_body = integ;
        if (!xdr_gss_wire_integ(&xdr, integ)) {
            xdr_destroy(&xdr);
            return -1;
        }
        xdr_destroy(&xdr);
        msg.length = integ->body.body_len;
        msg.value = integ->body.body_val;
        mic.length = integ->checksum.checksum_len;
        mic.value = integ->checksum.checksum_val;
        major = gss_verify_mic(&minor, call->ctx->gss, &msg, &mic, NULL);
        if (major != GSS_S_COMPLETE)
            return -1;
        body = msg.value;
        body_len = msg.length;
    } else {
        gss_wire_priv priv;
        gss_buffer_desc wrapped;
        int conf = 0;
        memset(&priv, 0, sizeof(priv));
        if (!xdr_gss_wire_priv(&xdr, &priv)) {
            xdr_destroy(&xdr);
            xdr_free((xdrproc_t)xdr_gss_wire_priv, &priv);
            return -1;
        }
        xdr_destroy(&xdr);
        wrapped.length = priv.body.body_len;
        wrapped.value = priv.body.body_val;
        major = gss_unwrap(&minor, call->ctx->gss, &wrapped, &call->unwrapped, &conf, NULL);
        xdr_free((xdrproc_t)xdr_gss_wire_priv, &priv);
        if (major != GSS_S_COMPLETE || !conf)
            return -1;
        body = call->unwrapped.value;
        body_len = call->unwrapped.length;
    }
    /* The protected body is {seq_num, args}; seq_num must be the header's. */
    if (body_len < 4 || ((uint32_t)body[0] << 24 | (uint32_t)body[1] << 16 |
                         (uint32_t)body[2] << 8 | body[3]) != call->seq)
        return -1;
    call->args = body + 4;
    call->args_len = body_len - 4;
    return 0;
}

enum rpcsec_gss_outcome
rpcsec_gss_accept(struct gss_context_list *list, const struct rpc_msg *msg,
                  const unsigned char *record, size_t len, size_t args_offset, const char *peer,
                  struct rpcsec_gss_call *call, struct reply_buf **reply_out)
{
    const struct opaque_auth *oa = &msg->rm_call.cb_cred;
    const struct opaque_auth *verf = &msg->rm_call.cb_verf;
    uint32_t xid = msg->rm_xid;
    gss_wire_cred cred;
    gss_buffer_desc header, mic;
    struct gss_context *ctx;
    OM_uint32 major, minor;
    size_t verf_offset;
    XDR xdr;
    bool ok;

    memset(call, 0, sizeof(*call));
    *reply_out = NULL;
    if (!gss_acceptor_enabled())
        return rpcsec_gss_deny(xid, AUTH_REJECTEDCRED, reply_out);

    memset(&cred, 0, sizeof(cred));
    xdrmem_create(&xdr, oa->oa_base, oa->oa_length, XDR_DECODE);
    ok = xdr_gss_wire_cred(&xdr, &cred);
    xdr_destroy(&xdr);
    if (!ok || cred.vers != 1 || cred.service < GSS_SVC_NONE || cred.service > GSS_SVC_PRIVACY ||
        cred.proc > GSS_PROC_DESTROY) {
        xdr_free((xdrproc_t)xdr_gss_wire_cred, &cred);
        return rpcsec_gss_deny(xid, AUTH_BADCRED, reply_out);
    }
    if (cred.proc == GSS_PROC_INIT || cred.proc == GSS_PROC_CONTINUE_INIT) {
        enum rpcsec_gss_outcome o = rpcsec_gss_init(list, msg, &cred, record, len, args_offset,
                                                    peer, reply_out);
        xdr_free((xdrproc_t)xdr_gss_wire_cred, &cred);
        return o;
    }

    ctx = gss_context_find(list, cred.handle.handle_val, cred.handle.handle_len);
    call->ctx = ctx;
    call->gss_proc = cred.proc;
    call->seq = cred.seq;
    call->service = cred.service;
    xdr_free((xdrproc_t)xdr_gss_wire_cred, &cred);
    if (ctx == NULL || !ctx->established)
        return rpcsec_gss_deny(xid, RPCSEC_GSS_CREDPROBLEM, reply_out);
    if (gss_context_expired(ctx)) {
        log_msg(LOG_INFO, "Kerberos from %s: context of %s expired with its ticket", peer,
                ctx->identity.principal);
        gss_context_destroy(list, ctx);
        return rpcsec_gss_deny(xid, RPCSEC_GSS_CTXPROBLEM, reply_out);
    }
    /* The header MIC covers xid through the credential; verify it before
     * the window may move. */
    verf_offset = 8 * 4 + RNDUP4(oa->oa_length);
    if (verf->oa_flavor != RPCSEC_GSS_FLAVOR || verf_offset > len)
        return rpcsec_gss_deny(xid, RPCSEC_GSS_CREDPROBLEM, reply_out);
    header.length = verf_offset;
    header.value = (void *)record;
    mic.length = verf->oa_length;
    mic.value = verf->oa_base;
    major = gss_verify_mic(&minor, ctx->gss, &header, &mic, NULL);
    if (major != GSS_S_COMPLETE) {
        rpcsec_gss_log(LOG_NOTICE, peer, "call header checksum does not verify", major, minor);
        return rpcsec_gss_deny(xid, RPCSEC_GSS_CREDPROBLEM, reply_out);
    }
    /* Only a call whose header verified may end the context or move the
     * window. */
    if (call->seq >= GSS_MAXSEQ) {
        gss_context_destroy(list, ctx);
        return rpcsec_gss_deny(xid, RPCSEC_GSS_CTXPROBLEM, reply_out);
    }
    if (call->gss_proc == GSS_PROC_DESTROY && msg->rm_call.cb_proc != NULLPROC)
        return rpcsec_gss_deny(xid, AUTH_BADCRED, reply_out);
    if (!seq_window_accept(&ctx->window, call->seq)) {
        log_msg(LOG_DEBUG, "Kerberos from %s: dropped sequence number %u (replayed or below "
                "the window)", peer, (unsigned)call->seq);
        return RPCSEC_GSS_DROP;
    }
    if (rpcsec_gss_unwrap_args(call, record + args_offset, len - args_offset) < 0) {
        log_msg(LOG_NOTICE, "Kerberos from %s: protected arguments do not verify", peer);
        *reply_out = rpcsec_gss_reply(call, xid, GARBAGE_ARGS, NULL, NULL);
        rpcsec_gss_done(list, call);
        return *reply_out != NULL ? RPCSEC_GSS_REPLIED : RPCSEC_GSS_DROP;
    }
    return RPCSEC_GSS_PROCEED;
}

/* {seq, results} as XDR bytes in a new buffer; NULL on failure. */
static unsigned char *
rpcsec_gss_seq_body(uint32_t seq, xdrproc_t xdr_res, void *res, size_t *len_out)
{
    unsigned long size = 4 + xdr_sizeof(xdr_res, res);
    unsigned char *buf;
    XDR xdr;

    if (size > RPCSEC_GSS_BODY_MAX)
        return NULL;
    buf = malloc(size);
    if (buf == NULL)
        return NULL;
    xdrmem_create(&xdr, (char *)buf, (u_int)size, XDR_ENCODE);
    if (!xdr_uint32_t(&xdr, &seq) || !xdr_res(&xdr, res)) {
        xdr_destroy(&xdr);
        free(buf);
        return NULL;
    }
    *len_out = xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    return buf;
}

struct reply_buf *
rpcsec_gss_reply(const struct rpcsec_gss_call *call, uint32_t xid, enum accept_stat stat,
                 xdrproc_t xdr_res, void *res)
{
    gss_buffer_desc mic = GSS_C_EMPTY_BUFFER, in, out = GSS_C_EMPTY_BUFFER;
    struct opaque_auth verf;
    struct reply_buf *reply = NULL;
    unsigned char *body = NULL;
    size_t body_len = 0;
    OM_uint32 minor;

    if (rpcsec_gss_mic_uint(call->ctx->gss, call->seq, &mic) < 0)
        return NULL;
    verf.oa_flavor = RPCSEC_GSS_FLAVOR;
    verf.oa_base = mic.value;
    verf.oa_length = (u_int)mic.length;

    if (stat != SUCCESS) {
        reply = reply_accept_error(xid, &verf, stat);
    } else if (call->service == GSS_SVC_NONE) {
        reply = reply_success(xid, &verf, xdr_res, res);
    } else if ((body = rpcsec_gss_seq_body(call->seq, xdr_res, res, &body_len)) != NULL) {
        in.length = body_len;
        in.value = body;
        if (call->service == GSS_SVC_INTEGRITY) {
            if (gss_get_mic(&minor, call->ctx->gss, GSS_C_QOP_DEFAULT, &in, &out) == GSS_S_COMPLETE) {
                gss_wire_integ integ = {
                    .body = { .body_len = (u_int)body_len, .body_val = (char *)body },
                    .checksum = { .checksum_len = (u_int)out.length, .checksum_val = out.value },
                };
                reply = reply_success(xid, &verf, (xdrproc_t)xdr_gss_wire_integ, &integ);
            }
        } else {
            int conf = 0;
            if (gss_wrap(&minor, call->ctx->gss, 1, GSS_C_QOP_DEFAULT, &in, &conf, &out) ==
                    GSS_S_COMPLETE && conf) {
                gss_wire_priv priv = {
                    .body = { .body_len = (u_int)out.length, .body_val = out.value },
                };
                reply = reply_success(xid, &verf, (xdrproc_t)xdr_gss_wire_priv, &priv);
            }
        }
    }
    free(body);
    gss_release_buffer(&minor, &out);
    gss_release_buffer(&minor, &mic);
    return reply;
}

void
rpcsec_gss_done(struct gss_context_list *list, struct rpcsec_gss_call *call)
{
    OM_uint32 minor;

    gss_release_buffer(&minor, &call->unwrapped);
    if (call->integ_body != NULL) {
        xdr_free((xdrproc_t)xdr_gss_wire_integ, call->integ_body);
        free(call->integ_body);
        call->integ_body = NULL;
    }
    if (call->gss_proc == GSS_PROC_DESTROY && call->ctx != NULL) {
        gss_context_destroy(list, call->ctx);
        call->ctx = NULL;
    }
}
