/*
 * reply.h: encode ONC RPC replies (RFC 5531) into record-marked buffers.
 *
 * Each function returns a struct reply_buf ready for the wire: a 4-byte
 * record mark followed by the reply, as one last fragment.  The caller
 * owns the buffer and frees it with reply_buf_free() (the connection does
 * once it is sent).
 */
#ifndef CIMRPC_REPLY_H
#define CIMRPC_REPLY_H

#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>

struct reply_buf {
    struct reply_buf *next;         /* output queue link */
    size_t len;                     /* bytes in data */
    size_t sent;                    /* bytes already written */
    unsigned char data[];
};

/* Accepted replies carry the verifier VERF (borrowed; NULL for AUTH_NONE).
 * MSG_ACCEPTED / SUCCESS with results RES encoded by XDR_RES. */
struct reply_buf *reply_success(uint32_t xid, const struct opaque_auth *verf,
                                xdrproc_t xdr_res, void *res);

/* MSG_ACCEPTED with STAT: PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS or
 * SYSTEM_ERR. */
struct reply_buf *reply_accept_error(uint32_t xid, const struct opaque_auth *verf,
                                     enum accept_stat stat);

/* MSG_ACCEPTED / PROG_MISMATCH with the supported version range. */
struct reply_buf *reply_prog_mismatch(uint32_t xid, const struct opaque_auth *verf,
                                      uint32_t low, uint32_t high);

/* MSG_DENIED / RPC_MISMATCH: only RPC version 2 is spoken. */
struct reply_buf *reply_rpc_mismatch(uint32_t xid);

/* MSG_DENIED / AUTH_ERROR with WHY. */
struct reply_buf *reply_auth_error(uint32_t xid, enum auth_stat why);

void reply_buf_free(struct reply_buf *buf);

#endif
