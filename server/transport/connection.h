/*
 * connection.h: one client connection on a stream socket.
 *
 * A connection reads bytes when the loop says they are ready, reassembles
 * records with bounded memory, passes each complete record to the RPC
 * layer, and queues the replies for non-blocking writes.  While more than
 * max_output bytes of replies wait to be sent it stops reading, so a peer
 * that does not read cannot make the server buffer without bound.
 */
#ifndef CIMRPC_CONNECTION_H
#define CIMRPC_CONNECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>

#include "cimrpc.h"
#include "rpc/identity.h"
#include "rpc/cursor_list.h"
#include "rpc/session.h"
#include "security/gss_context.h"
#include "transport/eventloop.h"
#include "transport/record.h"

struct server_loop;

struct connection_limits {
    size_t max_record;          /* largest record accepted */
    size_t max_fragment;        /* largest fragment accepted */
    size_t max_output;          /* queued reply bytes before reads pause */
};

struct connection {
    struct server_loop *owner;              /* the loop it lives on (borrowed) */
    struct connection *prev, *next;         /* server's list */
    int fd;
    struct eventloop_watch *watch;
    uint32_t events;                        /* what the watch waits for now */
    enum cimrpc_transport transport;
    struct caller_identity local;           /* SO_PEERCRED identity (local only) */
    char address[CIMRPC_ADDR_MAX];
    struct connection_limits limits;
    struct record_reader reader;
    struct reply_buf *out_head, *out_tail;
    size_t out_bytes;
    unsigned long long calls;               /* calls served */
    long long last_active_ms;               /* CLOCK_MONOTONIC milliseconds */
    struct gss_context_list gss;            /* Kerberos contexts (TCP only) */
    struct session_list sessions;
    struct cursor_list cursors;             /* of the sessions above */
    struct eventloop *loop;                 /* the loop serving it (borrowed) */
    bool deferred;                          /* a call is being answered later:
                                               nothing more is read meanwhile */
    bool closed;                            /* closed while a call was deferred:
                                               freed when that call is done */
    unsigned char *held;                    /* bytes read after the deferred call */
    size_t held_len;
};

/*
 * Start serving FD (an accepted socket, non-blocking; taken over).  For a
 * local connection the peer's credentials are read with SO_PEERCRED.
 * Returns the connection, or NULL (FD closed, reason logged).  The
 * connection frees itself through server_connection_closed() when the
 * peer goes away or breaks the protocol.
 */
struct connection *connection_start(struct server_loop *owner, struct eventloop *loop, int fd,
                                    enum cimrpc_transport transport,
                                    const struct connection_limits *limits);

/* Write queued replies until done or the socket is full.  Returns 0, or
 * -1 when the connection is broken. */
int connection_flush(struct connection *conn);

/* The loop serving CONN. */
struct eventloop *connection_loop(const struct connection *conn);

/* Did CONN close while a call of it was deferred? */
bool connection_is_closed(const struct connection *conn);

/*
 * The deferred call of CONN is done (rpc_server.c, on CONN's loop):
 * queue REPLY (taken; NULL when there is none to send) and read again,
 * serving what arrived meanwhile.  ANSWERED false: the call was not
 * answered because CONN closed or the server is stopping.  A CONN that
 * closed while the call was deferred is freed here.
 */
void connection_deferred_done(struct connection *conn, struct reply_buf *reply, bool answered);

/* Close the connection at once and free it (queued replies, contexts and
 * sessions are dropped).  Calls server_connection_closed(). */
void connection_close(struct connection *conn, const char *why);

#endif
