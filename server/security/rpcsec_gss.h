/*
 * rpcsec_gss.h: the server side of RPCSEC_GSS version 1 (RFC 2203).
 *
 * rpcsec_gss_accept() takes a call whose credential flavor is RPCSEC_GSS
 * and either answers it itself (context creation, refusals), drops it
 * silently (a replay, or a sequence number below the window), or hands
 * back a verified DATA or DESTROY call with its arguments unprotected.
 * The order of checks is fixed: context found and alive, header MIC
 * verified, and only then the sequence window moved.
 *
 * rpcsec_gss_reply() protects the reply of such a call the way its
 * service requires, with the MIC of the sequence number as verifier.
 */
#ifndef CIMRPC_RPCSEC_GSS_H
#define CIMRPC_RPCSEC_GSS_H

#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>

#include "rpc/reply.h"
#include "security/gss_context.h"

#define RPCSEC_GSS_FLAVOR 6

enum rpcsec_gss_outcome {
    RPCSEC_GSS_REPLIED,     /* *reply_out holds the reply to send */
    RPCSEC_GSS_DROP,        /* discard the call: no reply at all */
    RPCSEC_GSS_PROCEED,     /* dispatch the call described by *call */
    RPCSEC_GSS_FAILED,      /* out of memory: close the connection */
};

/* A verified DATA or DESTROY call. */
struct rpcsec_gss_call {
    struct gss_context *ctx;        /* borrowed from the connection's list */
    uint32_t gss_proc;              /* 0 DATA or 3 DESTROY */
    uint32_t seq;
    uint32_t service;               /* 1 none, 2 integrity, 3 privacy */
    const unsigned char *args;      /* the plain arguments */
    size_t args_len;
    gss_buffer_desc unwrapped;      /* owns args for integrity and privacy */
    void *integ_body;               /* owns args for integrity */
};

/*
 * Handle the RPCSEC_GSS call MSG, decoded from RECORD (LEN bytes) whose
 * arguments begin at ARGS_OFFSET.  PEER names the caller in logs.  On
 * RPCSEC_GSS_PROCEED, *CALL must later be passed to rpcsec_gss_done().
 */
enum rpcsec_gss_outcome rpcsec_gss_accept(struct gss_context_list *list, const struct rpc_msg *msg,
                                          const unsigned char *record, size_t len,
                                          size_t args_offset, const char *peer,
                                          struct rpcsec_gss_call *call,
                                          struct reply_buf **reply_out);

/* The reply to CALL: STAT, and for SUCCESS the results RES (XDR_RES)
 * protected per the call's service.  NULL when memory or GSS-API failed
 * (RFC 2203 5.3.3.4: the call is then dropped). */
struct reply_buf *rpcsec_gss_reply(const struct rpcsec_gss_call *call, uint32_t xid,
                                   enum accept_stat stat, xdrproc_t xdr_res, void *res);

/* Release what CALL owns; after a DESTROY, destroy its context. */
void rpcsec_gss_done(struct gss_context_list *list, struct rpcsec_gss_call *call);

/* The DCOM authentication level a call at SERVICE runs at: service none
 * is Pkt (Call is promoted to Pkt on a connection-oriented transport),
 * integrity PktIntegrity, privacy PktPrivacy. */
int rpcsec_gss_level(uint32_t service);

#endif
