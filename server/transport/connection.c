/*
 * connection.c: reading records and writing replies on one socket.
 *
 * The read buffer is shared by all connections of a loop (one thread per
 * loop), so an idle connection costs only its struct and its descriptor.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/clock.h"
#include "log.h"
#include "rpc/rpc_server.h"
#include "server.h"
#include "transport/connection.h"

#define CONNECTION_READ_CHUNK 65536
#define CONNECTION_READS_PER_EVENT 16       /* up to 1 MiB per wake-up */

static _Thread_local unsigned char connection_read_buf[CONNECTION_READ_CHUNK];

static void connection_event(struct eventloop_watch *watch, int fd, uint32_t events, void *arg);

static void
connection_describe_peer(struct connection *conn)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;

    if (getpeername(conn->fd, (struct sockaddr *)&ss, &len) == 0) {
        if (ss.ss_family == AF_INET) {
            struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
            port = ntohs(sin->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
            port = ntohs(sin6->sin6_port);
        }
    }
    snprintf(conn->address, sizeof(conn->address),
             ss.ss_family == AF_INET6 ? "[%s]:%d" : "%s:%d", host, port);
}

static int
connection_read_peercred(struct connection *conn)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(conn->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
        log_msg(LOG_ERR, "refusing a local connection: SO_PEERCRED failed: %s", strerror(errno));
        return -1;
    }
    if (identity_from_peercred(&conn->local, &cred) < 0) {
        log_msg(LOG_ERR, "refusing a local connection from uid %ld: out of memory", (long)cred.uid);
        return -1;
    }
    snprintf(conn->address, sizeof(conn->address), "local:uid=%ld,pid=%ld",
             (long)cred.uid, (long)cred.pid);
    return 0;
}

/* Note activity, for the idle timeout. */
static void
connection_touch(struct connection *conn)
{
    conn->last_active_ms = clock_monotonic_ms();
}

struct connection *
connection_start(struct server_loop *owner, struct eventloop *loop, int fd,
                 enum cimrpc_transport transport, const struct connection_limits *limits)
{
    struct connection *conn = calloc(1, sizeof(*conn));

    if (conn == NULL) {
        log_msg(LOG_ERR, "refusing a connection: out of memory");
        close(fd);
        return NULL;
    }
    conn->owner = owner;
    conn->loop = loop;
    connection_touch(conn);
    conn->fd = fd;
    conn->transport = transport;
    conn->limits = *limits;
    identity_init(&conn->local, transport);
    gss_context_list_init(&conn->gss);
    session_list_init(&conn->sessions);
    cursor_list_init(&conn->cursors);
    record_reader_init(&conn->reader, limits->max_record, limits->max_fragment);
    if (transport == CIMRPC_TRANSPORT_LOCAL) {
        if (connection_read_peercred(conn) < 0)
            goto fail;
    } else {
        connection_describe_peer(conn);
    }
    conn->events = EVENTLOOP_READ;
    conn->watch = eventloop_add(loop, fd, conn->events, connection_event, conn);
    if (conn->watch == NULL) {
        log_msg(LOG_ERR, "refusing a connection from %s: %s", conn->address, strerror(errno));
        goto fail;
    }
    log_msg(LOG_DEBUG, "connection from %s", conn->address);
    return conn;

fail:
    identity_clear(&conn->local);
    close(fd);
    free(conn);
    return NULL;
}

void
connection_close(struct connection *conn, const char *why)
{
    struct server_loop *owner = conn->owner;

    log_msg(LOG_DEBUG, "closing connection from %s after %llu calls: %s",
            conn->address, conn->calls, why);
    eventloop_remove(conn->watch);
    close(conn->fd);
    while (conn->out_head != NULL) {
        struct reply_buf *next = conn->out_head->next;
        reply_buf_free(conn->out_head);
        conn->out_head = next;
    }
    record_reader_free(&conn->reader);
    cursor_list_close_all(&conn->cursors);
    session_close_all(&conn->sessions);
    gss_context_destroy_all(&conn->gss);
    free(conn->held);
    conn->held = NULL;
    server_connection_closed(owner, conn);
    if (conn->deferred) {
        /* The deferred call still points here: it frees CONN when done
         * (connection_deferred_done()); its caller identity may borrow
         * the local one, so that stays too. */
        conn->closed = true;
        return;
    }
    identity_clear(&conn->local);
    free(conn);
}

struct eventloop *
connection_loop(const struct connection *conn)
{
    return conn->loop;
}

bool
connection_is_closed(const struct connection *conn)
{
    return conn->closed;
}

/* Watch for reads unless output is backed up, and for writes while any
 * output waits; the kernel is told only when that changes. */
static int
connection_update_events(struct connection *conn)
{
    uint32_t events = 0;

    if (conn->out_bytes <= conn->limits.max_output && !conn->deferred)
        events |= EVENTLOOP_READ;
    if (conn->out_head != NULL)
        events |= EVENTLOOP_WRITE;
    if (events == conn->events)
        return 0;
    conn->events = events;
    return eventloop_modify(conn->watch, events);
}

int
connection_flush(struct connection *conn)
{
    while (conn->out_head != NULL) {
        struct reply_buf *buf = conn->out_head;
        ssize_t n = send(conn->fd, buf->data + buf->sent, buf->len - buf->sent, MSG_NOSIGNAL);

        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf->sent += (size_t)n;
        conn->out_bytes -= (size_t)n;
        if (buf->sent < buf->len)
            break;
        conn->out_head = buf->next;
        if (conn->out_head == NULL)
            conn->out_tail = NULL;
        reply_buf_free(buf);
    }
    return 0;
}

static void
connection_queue(struct connection *conn, struct reply_buf *reply)
{
    if (conn->out_tail != NULL)
        conn->out_tail->next = reply;
    else
        conn->out_head = reply;
    conn->out_tail = reply;
    conn->out_bytes += reply->len;
}

/* Serve every complete record in IN.  Returns 0, or -1 when the
 * connection must close (WHY set). */
static int
connection_consume(struct connection *conn, const unsigned char *in, size_t len, const char **why)
{
    struct rpc_peer peer = {
        .conn = conn,
        .transport = conn->transport,
        .local = conn->transport == CIMRPC_TRANSPORT_LOCAL ? &conn->local : NULL,
        .address = conn->address,
    };

    while (len > 0) {
        size_t used, rec_len;
        enum record_status st = record_reader_feed(&conn->reader, in, len, &used);
        struct reply_buf *reply;
        unsigned char *rec;
        enum rpc_server_result res;

        in += used;
        len -= used;
        if (st == RECORD_NEED_MORE)
            break;
        if (st == RECORD_TOO_LARGE) {
            log_msg(LOG_NOTICE, "closing connection from %s: record larger than the limit "
                    "(%zu bytes per record, %zu per fragment)", conn->address,
                    conn->limits.max_record, conn->limits.max_fragment);
            *why = "record too large";
            return -1;
        }
        if (st == RECORD_NO_MEMORY) {
            log_msg(LOG_ERR, "closing connection from %s: out of memory", conn->address);
            *why = "out of memory";
            return -1;
        }
        rec = record_reader_take(&conn->reader, &rec_len);
        res = rpc_server_handle(&peer, rec, rec_len, &reply);
        free(rec);
        conn->calls++;
        if (res == RPC_SERVER_CLOSE) {
            *why = "protocol violation";
            return -1;
        }
        if (res == RPC_SERVER_REPLY)
            connection_queue(conn, reply);
        if (res == RPC_SERVER_DEFERRED) {
            /* Keep what follows for when the call is answered. */
            conn->deferred = true;
            if (len > 0) {
                if ((conn->held = malloc(len)) == NULL) {
                    log_msg(LOG_ERR, "closing connection from %s: out of memory", conn->address);
                    *why = "out of memory";
                    return -1;
                }
                memcpy(conn->held, in, len);
                conn->held_len = len;
            }
            break;
        }
    }
    return 0;
}

void
connection_deferred_done(struct connection *conn, struct reply_buf *reply, bool answered)
{
    const char *why = NULL;
    unsigned char *held = conn->held;
    size_t held_len = conn->held_len;

    conn->deferred = false;
    if (conn->closed) {
        reply_buf_free(reply);
        identity_clear(&conn->local);
        free(conn);
        return;
    }
    if (!answered)
        return;                 /* the server is stopping: it closes CONN */
    if (reply != NULL)
        connection_queue(conn, reply);
    conn->held = NULL;
    conn->held_len = 0;
    if (held != NULL) {
        int rc = connection_consume(conn, held, held_len, &why);

        free(held);
        if (rc < 0) {
            connection_close(conn, why);
            return;
        }
    }
    if (connection_flush(conn) < 0) {
        connection_close(conn, "write failed");
        return;
    }
    if (connection_update_events(conn) < 0)
        connection_close(conn, "cannot update event mask");
}

static void
connection_event(struct eventloop_watch *watch, int fd, uint32_t events, void *arg)
{
    struct connection *conn = arg;
    const char *why = NULL;

    (void)watch;
    if (events & EVENTLOOP_ERROR) {
        connection_close(conn, "socket error");
        return;
    }
    /* Read until the socket is empty, but at most CONNECTION_READS_PER_EVENT
     * chunks, so one busy connection cannot starve the others of the loop. */
    if (conn->deferred && (events & EVENTLOOP_READ)) {
        /* Not reading while a call is deferred: this is a hangup. */
        connection_close(conn, "peer hung up during a deferred call");
        return;
    }
    for (int i = 0; (events & EVENTLOOP_READ) && i < CONNECTION_READS_PER_EVENT &&
                    conn->out_bytes <= conn->limits.max_output && !conn->deferred; i++) {
        ssize_t n = recv(fd, connection_read_buf, sizeof(connection_read_buf), 0);

        if (n == 0) {
            connection_close(conn, "peer closed the connection");
            return;
        }
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                connection_close(conn, strerror(errno));
                return;
            }
            break;
        }
        connection_touch(conn);
        if (connection_consume(conn, connection_read_buf, (size_t)n, &why) < 0) {
            connection_close(conn, why);
            return;
        }
        if ((size_t)n < sizeof(connection_read_buf))
            break;                      /* the socket is empty for now */
    }
    if (connection_flush(conn) < 0) {
        connection_close(conn, "write failed");
        return;
    }
    if (connection_update_events(conn) < 0)
        connection_close(conn, "cannot update event mask");
}
