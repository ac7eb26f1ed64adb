/*
 * priv_channel.h: one XDR message per packet on the daemon-worker socket.
 *
 * The daemon (server/priv/) and cimrpc-worker exchange the messages of
 * idl/worker.x over an AF_UNIX SOCK_SEQPACKET socket.  A packet holds
 * exactly one encoded message of at most WORKER_MSG_MAX bytes; a longer,
 * truncated, short or trailing-garbage packet is a protocol error.  Both
 * ends use these two functions and nothing else to talk, so the framing
 * rules live in one place.  No state: the functions take the descriptor.
 */
#ifndef CIMRPC_PRIV_CHANNEL_H
#define CIMRPC_PRIV_CHANNEL_H

#include <stddef.h>
#include <rpc/rpc.h>

#include "worker.h"

enum priv_channel_status {
    PRIV_CHANNEL_OK = 0,
    PRIV_CHANNEL_EOF = -1,        /* the peer closed its end (or died) */
    PRIV_CHANNEL_TIMEOUT = -2,    /* nothing arrived within the time given */
    PRIV_CHANNEL_ERROR = -3,      /* a system error (errno set) */
    PRIV_CHANNEL_PROTOCOL = -4,   /* a malformed, oversized or truncated message */
};

/* Encode MSG (borrowed) with PROC and send it as one packet on FD.
 * Returns PRIV_CHANNEL_OK, PRIV_CHANNEL_EOF when the peer is gone,
 * PRIV_CHANNEL_PROTOCOL when MSG does not encode within WORKER_MSG_MAX, or
 * PRIV_CHANNEL_ERROR.  Never raises SIGPIPE. */
int priv_channel_send(int fd, xdrproc_t proc, void *msg);

/* Wait up to TIMEOUT_MS (-1: forever) for one packet on FD and decode it
 * with PROC into *MSG_OUT, which the caller zeroes beforehand and frees
 * with xdr_free(PROC, MSG_OUT) after PRIV_CHANNEL_OK (on any other result
 * nothing is left allocated in it).  Returns a priv_channel_status. */
int priv_channel_recv(int fd, xdrproc_t proc, void *msg_out, int timeout_ms);

/* A short description of a priv_channel_status, for messages. */
const char *priv_channel_strerror(int status);

/* Format FMT into WHY (WHY_LEN bytes) and return -1, for "return
 * priv_why(why, len, ...)": how both sides of the channel report a
 * failure. */
int priv_why(char *why, size_t why_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
