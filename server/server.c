/*
 * server.c: listeners, accepting, the connection list and signals.
 *
 * One event loop serves every socket for now; the loop, the connection and
 * the RPC layer are separate objects so that more loops (one per core) and
 * a worker pool for slow calls can be added without changing them.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "server.h"
#include "transport/connection.h"
#include "transport/eventloop.h"
#include "transport/listener.h"
#include "transport/rpcbind.h"

#define SERVER_BACKLOG 128
#define SERVER_MAX_CONNECTIONS 1024
#define SERVER_MAX_RECORD (4u << 20)       /* 4 MiB */
#define SERVER_MAX_FRAGMENT (4u << 20)
#define SERVER_MAX_OUTPUT (8u << 20)       /* queued replies before reads pause */

struct server_listener {
    struct server *server;
    int fd;
    enum cimrpc_transport transport;
    struct eventloop_watch *watch;
    char *unix_path;                        /* unlinked at exit; NULL for TCP */
    bool registered;                        /* announced to rpcbind */
};

struct server {
    const struct daemon_options *opts;      /* borrowed */
    struct eventloop *loop;
    struct server_listener listeners[OPTIONS_MAX_LISTEN + 1];
    size_t n_listeners;
    struct connection *connections;
    size_t n_connections;
    size_t max_connections;
    struct connection_limits limits;
    int signal_fd;
    struct eventloop_watch *signal_watch;
};

static void
server_accept(struct eventloop_watch *watch, int fd, uint32_t events, void *arg)
{
    struct server_listener *l = arg;
    struct server *srv = l->server;

    (void)watch;
    (void)events;
    for (int i = 0; i < 32; i++) {
        struct connection *conn;
        int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

        if (cfd < 0) {
            if (errno == EMFILE || errno == ENFILE)
                log_msg(LOG_WARNING, "cannot accept a connection: %s (raise the descriptor "
                        "limit or lower the connection limit)", strerror(errno));
            else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
                     errno != ECONNABORTED)
                log_msg(LOG_WARNING, "accept failed: %s", strerror(errno));
            return;
        }
        if (srv->n_connections >= srv->max_connections) {
            log_msg(LOG_WARNING, "refusing a connection: the limit of %zu connections is "
                    "reached", srv->max_connections);
            close(cfd);
            continue;
        }
        conn = connection_start(srv, srv->loop, cfd, l->transport, &srv->limits);
        if (conn == NULL)
            continue;
        conn->next = srv->connections;
        if (srv->connections != NULL)
            srv->connections->prev = conn;
        srv->connections = conn;
        srv->n_connections++;
    }
}

void
server_connection_closed(struct server *srv, struct connection *conn)
{
    if (conn->prev != NULL)
        conn->prev->next = conn->next;
    else
        srv->connections = conn->next;
    if (conn->next != NULL)
        conn->next->prev = conn->prev;
    srv->n_connections--;
}

static int
server_add_listener(struct server *srv, int fd, enum cimrpc_transport transport, const char *unix_path)
{
    struct server_listener *l = &srv->listeners[srv->n_listeners];

    l->server = srv;
    l->fd = fd;
    l->transport = transport;
    if (unix_path != NULL && (l->unix_path = strdup(unix_path)) == NULL) {
        close(fd);
        return -1;
    }
    l->watch = eventloop_add(srv->loop, fd, EVENTLOOP_READ, server_accept, l);
    if (l->watch == NULL) {
        log_msg(LOG_ERR, "cannot watch a listening socket: %s", strerror(errno));
        free(l->unix_path);
        close(fd);
        return -1;
    }
    srv->n_listeners++;
    return 0;
}

static void
server_signal(struct eventloop_watch *watch, int fd, uint32_t events, void *arg)
{
    struct server *srv = arg;
    struct signalfd_siginfo si;

    (void)watch;
    (void)events;
    while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        switch (si.ssi_signo) {
        case SIGHUP:
            if (log_reopen() == 0)
                log_msg(LOG_INFO, "log reopened");
            break;
        case SIGTERM:
        case SIGINT:
            log_msg(LOG_INFO, "received %s; stopping", strsignal((int)si.ssi_signo));
            eventloop_stop(srv->loop);
            break;
        default:
            break;
        }
    }
}

int
server_block_signals(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
        return -1;
    return pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 ? 0 : -1;
}

struct server *
server_new(const struct daemon_options *opts)
{
    struct server *srv = calloc(1, sizeof(*srv));
    char why[512];
    sigset_t set;

    if (srv == NULL) {
        log_msg(LOG_ERR, "out of memory");
        return NULL;
    }
    srv->opts = opts;
    srv->signal_fd = -1;
    srv->max_connections = SERVER_MAX_CONNECTIONS;
    srv->limits.max_record = SERVER_MAX_RECORD;
    srv->limits.max_fragment = SERVER_MAX_FRAGMENT;
    srv->limits.max_output = SERVER_MAX_OUTPUT;
    srv->loop = eventloop_new();
    if (srv->loop == NULL) {
        log_msg(LOG_ERR, "cannot create the event loop: %s", strerror(errno));
        goto fail;
    }

    for (size_t i = 0; i < opts->n_listen; i++) {
        int fd = listener_open_tcp(opts->listen[i], SERVER_BACKLOG, why, sizeof(why));
        if (fd < 0) {
            log_msg(LOG_ERR, "%s", why);
            goto fail;
        }
        if (server_add_listener(srv, fd, CIMRPC_TRANSPORT_NETWORK, NULL) < 0)
            goto fail;
        log_msg(LOG_INFO, "listening on TCP %s (port %d)", opts->listen[i], listener_local_port(fd));
        srv->listeners[srv->n_listeners - 1].registered =
            rpcbind_register(fd, CIMRPC_PROG, CIMRPC_V1);
    }
    if (opts->socket_path != NULL) {
        int fd = listener_open_unix(opts->socket_path, SERVER_BACKLOG, why, sizeof(why));
        if (fd < 0) {
            log_msg(LOG_ERR, "%s", why);
            goto fail;
        }
        if (server_add_listener(srv, fd, CIMRPC_TRANSPORT_LOCAL, opts->socket_path) < 0)
            goto fail;
        log_msg(LOG_INFO, "listening on local socket %s", opts->socket_path);
    }

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    srv->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (srv->signal_fd < 0 ||
        (srv->signal_watch = eventloop_add(srv->loop, srv->signal_fd, EVENTLOOP_READ,
                                           server_signal, srv)) == NULL) {
        log_msg(LOG_ERR, "cannot watch signals: %s", strerror(errno));
        goto fail;
    }
    return srv;

fail:
    server_free(srv);
    return NULL;
}

int
server_run(struct server *srv)
{
    return eventloop_run(srv->loop, 1000, NULL, NULL);
}

void
server_free(struct server *srv)
{
    if (srv == NULL)
        return;
    while (srv->connections != NULL)
        connection_close(srv->connections, "server stopping");
    for (size_t i = 0; i < srv->n_listeners; i++) {
        struct server_listener *l = &srv->listeners[i];
        eventloop_remove(l->watch);
        if (l->registered)
            rpcbind_unregister(l->fd, CIMRPC_PROG, CIMRPC_V1);
        close(l->fd);
        if (l->unix_path != NULL) {
            if (unlink(l->unix_path) < 0 && errno != ENOENT)
                log_msg(LOG_WARNING, "cannot remove %s: %s", l->unix_path, strerror(errno));
            free(l->unix_path);
        }
    }
    eventloop_remove(srv->signal_watch);
    if (srv->signal_fd >= 0)
        close(srv->signal_fd);
    eventloop_free(srv->loop);
    free(srv);
}
