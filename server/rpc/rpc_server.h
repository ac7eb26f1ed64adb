/*
 * rpc_server.h: turn one received record into at most one reply.
 *
 * Decodes the call header with libtirpc's xdr_callmsg, answers protocol
 * errors as RFC 5531 prescribes (RPC_MISMATCH, PROG_UNAVAIL,
 * PROG_MISMATCH, PROC_UNAVAIL, AUTH_ERROR, GARBAGE_ARGS), establishes who
 * is calling, and hands the call to the dispatcher.
 *
 * Authentication flavors: AUTH_NONE everywhere (a TCP caller is then
 * Anonymous; a local caller is who SO_PEERCRED says).  AUTH_SYS is
 * accepted only on the local socket, and even there its claims are
 * ignored in favour of SO_PEERCRED; over TCP it is refused as too weak.
 */
#ifndef CIMRPC_RPC_SERVER_H
#define CIMRPC_RPC_SERVER_H

#include <stddef.h>

#include "rpc/identity.h"
#include "rpc/reply.h"

struct connection;

/* What the RPC layer knows of the connection a record came on. */
struct rpc_peer {
    struct connection *conn;                    /* borrowed */
    enum cimrpc_transport transport;
    const struct caller_identity *local;        /* SO_PEERCRED identity, or NULL */
    const char *address;                        /* for logs and whoami */
};

enum rpc_server_result {
    RPC_SERVER_REPLY,       /* *reply_out holds the reply to send */
    RPC_SERVER_NO_REPLY,    /* nothing to send (the call is dropped) */
    RPC_SERVER_CLOSE,       /* protocol violation: close the connection */
    RPC_SERVER_DEFERRED,    /* answered later (a handler deferred it): the
                               connection reads nothing more until
                               connection_deferred_done() */
};

/* Serve the call in RECORD (LEN bytes, borrowed).  On RPC_SERVER_REPLY
 * the caller owns *REPLY_OUT. */
enum rpc_server_result rpc_server_handle(const struct rpc_peer *peer, const unsigned char *record,
                                         size_t len, struct reply_buf **reply_out);

#endif
