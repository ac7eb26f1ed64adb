/*
 * reply.c: reply encoding.
 *
 * The reply is sized with xdr_sizeof() first, so the buffer is allocated
 * once at its exact size.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "rpc/reply.h"
#include "transport/record.h"

/* Encode MSG into a new record-marked buffer. */
static struct reply_buf *
reply_encode(struct rpc_msg *msg)
{
    struct reply_buf *buf;
    unsigned long size;
    XDR xdr;

    size = xdr_sizeof((xdrproc_t)xdr_replymsg, msg);
    if (size == 0 || size > RECORD_LAST_FRAGMENT - 1)
        return NULL;
    buf = malloc(sizeof(*buf) + RECORD_HEADER_SIZE + size);
    if (buf == NULL)
        return NULL;
    buf->next = NULL;
    buf->sent = 0;
    buf->len = RECORD_HEADER_SIZE + size;
    xdrmem_create(&xdr, (char *)buf->data + RECORD_HEADER_SIZE, (u_int)size, XDR_ENCODE);
    if (!xdr_replymsg(&xdr, msg)) {
        xdr_destroy(&xdr);
        free(buf);
        return NULL;
    }
    buf->len = RECORD_HEADER_SIZE + xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    record_write_header(buf->data, (uint32_t)(buf->len - RECORD_HEADER_SIZE), true);
    return buf;
}

static void
reply_init_accepted(struct rpc_msg *msg, uint32_t xid, const struct opaque_auth *verf,
                    enum accept_stat stat)
{
    memset(msg, 0, sizeof(*msg));
    msg->rm_xid = xid;
    msg->rm_direction = REPLY;
    msg->rm_reply.rp_stat = MSG_ACCEPTED;
    msg->acpted_rply.ar_verf = verf != NULL ? *verf : _null_auth;
    msg->acpted_rply.ar_stat = stat;
}

struct reply_buf *
reply_success(uint32_t xid, const struct opaque_auth *verf, xdrproc_t xdr_res, void *res)
{
    struct rpc_msg msg;

    reply_init_accepted(&msg, xid, verf, SUCCESS);
    msg.acpted_rply.ar_results.where = res;
    msg.acpted_rply.ar_results.proc = xdr_res;
    return reply_encode(&msg);
}

struct reply_buf *
reply_accept_error(uint32_t xid, const struct opaque_auth *verf, enum accept_stat stat)
{
    struct rpc_msg msg;

    reply_init_accepted(&msg, xid, verf, stat);
    return reply_encode(&msg);
}

struct reply_buf *
reply_prog_mismatch(uint32_t xid, const struct opaque_auth *verf, uint32_t low, uint32_t high)
{
    struct rpc_msg msg;

    reply_init_accepted(&msg, xid, verf, PROG_MISMATCH);
    msg.acpted_rply.ar_vers.low = low;
    msg.acpted_rply.ar_vers.high = high;
    return reply_encode(&msg);
}

static void
reply_init_denied(struct rpc_msg *msg, uint32_t xid, enum reject_stat stat)
{
    memset(msg, 0, sizeof(*msg));
    msg->rm_xid = xid;
    msg->rm_direction = REPLY;
    msg->rm_reply.rp_stat = MSG_DENIED;
    msg->rjcted_rply.rj_stat = stat;
}

struct reply_buf *
reply_rpc_mismatch(uint32_t xid)
{
    struct rpc_msg msg;

    reply_init_denied(&msg, xid, RPC_MISMATCH);
    msg.rjcted_rply.rj_vers.low = RPC_MSG_VERSION;
    msg.rjcted_rply.rj_vers.high = RPC_MSG_VERSION;
    return reply_encode(&msg);
}

struct reply_buf *
reply_auth_error(uint32_t xid, enum auth_stat why)
{
    struct rpc_msg msg;

    reply_init_denied(&msg, xid, AUTH_ERROR);
    msg.rjcted_rply.rj_why = why;
    return reply_encode(&msg);
}

void
reply_buf_free(struct reply_buf *buf)
{
    free(buf);
}
