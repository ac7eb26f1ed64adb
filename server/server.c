/*
 * server.c: listeners, event loops, the connection lists and signals.
 *
 * Threads: one event loop per core (--threads), each in its own thread
 * (loop 0 in the main thread).  Every loop watches every listening socket
 * with EPOLLEXCLUSIVE, so the kernel wakes one loop per new connection,
 * and a connection lives on the loop that accepted it: its records, its
 * Kerberos contexts and its sessions are touched by that thread only, so
 * they need no locks.  Calls are served on the loop; GSS work for large
 * payloads therefore runs on both cores in parallel across connections.
 * Provider calls (slow, and run as other users) will go to worker
 * processes, never to a loop.
 *
 * Stopping: SIGTERM or SIGINT (loop 0's signalfd) stops every loop; calls
 * already received have been served (a loop serves a call before it looks
 * at anything else), their queued replies get up to two seconds to drain,
 * then connections and listeners close.
 */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "config/config_legacy.h"
#include "log.h"
#include "mof/mof_schema.h"
#include "provider_host.h"
#include "repository/repo.h"
#include "rpc/offload.h"
#include "security/audit.h"
#include "security/gss_acceptor.h"
#include "server.h"
#include "transport/connection.h"
#include "transport/eventloop.h"
#include "transport/listener.h"
#include "transport/rpcbind.h"

#define SERVER_BACKLOG 128
#define SERVER_MAX_LOOPS 16
#define SERVER_MAX_CONNECTIONS 1024
#define SERVER_MAX_OUTPUT (8u << 20)       /* queued replies before reads pause */
#define SERVER_DRAIN_MS 2000               /* replies' time to leave at stop */

struct server_listener {
    int fd;
    enum cimrpc_transport transport;
    char *unix_path;                        /* unlinked at exit; NULL for TCP */
    bool registered;                        /* announced to rpcbind */
};

/* What a loop's accept callback needs: its loop and the listener. */
struct server_accept {
    struct server_loop *sl;
    struct server_listener *listener;
};

struct server_loop {
    struct server *server;
    struct eventloop *loop;
    pthread_t thread;
    bool thread_started;
    struct connection *connections;        /* this loop's, this thread's */
    struct repo *repo;                      /* this thread's repository connection */
    struct audit *audit;                    /* this thread's audit database connection */
    struct server_accept accepts[OPTIONS_MAX_LISTEN + 1];
};

struct server {
    const struct daemon_options *opts;      /* borrowed */
    struct server_listener listeners[OPTIONS_MAX_LISTEN + 1];
    size_t n_listeners;
    struct server_loop loops[SERVER_MAX_LOOPS];
    size_t n_loops;
    atomic_size_t n_connections;
    size_t max_connections;
    struct connection_limits limits;
    int signal_fd;
    struct eventloop_watch *signal_watch;
    struct offload *offload;                /* threads for deferred calls */
    struct provider_host *providers;        /* workers, service account */
};

static void
server_accept(struct eventloop_watch *watch, int fd, uint32_t events, void *arg)
{
    struct server_accept *acc = arg;
    struct server_loop *sl = acc->sl;
    struct server *srv = sl->server;

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
        if (atomic_fetch_add(&srv->n_connections, 1) >= srv->max_connections) {
            atomic_fetch_sub(&srv->n_connections, 1);
            log_msg(LOG_WARNING, "refusing a connection: the limit of %zu connections is "
                    "reached", srv->max_connections);
            close(cfd);
            continue;
        }
        if (acc->listener->transport == CIMRPC_TRANSPORT_NETWORK) {
            int one = 1;
            /* Replies are whole records: send them at once, never wait for
             * more data to coalesce. */
            if (setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) < 0)
                log_msg(LOG_DEBUG, "TCP_NODELAY: %s", strerror(errno));
        }
        conn = connection_start(sl, sl->loop, cfd, acc->listener->transport, &srv->limits);
        if (conn == NULL) {
            atomic_fetch_sub(&srv->n_connections, 1);
            continue;
        }
        conn->next = sl->connections;
        if (sl->connections != NULL)
            sl->connections->prev = conn;
        sl->connections = conn;
    }
}

void
server_connection_closed(struct server_loop *sl, struct connection *conn)
{
    if (conn->prev != NULL)
        conn->prev->next = conn->next;
    else
        sl->connections = conn->next;
    if (conn->next != NULL)
        conn->next->prev = conn->prev;
    atomic_fetch_sub(&sl->server->n_connections, 1);
}

/* Once a second on each loop: close cursors left unused and connections
 * idle too long; on the first, end idle provider workers. */
static void
server_tick(void *arg)
{
    struct server_loop *sl = arg;
    unsigned int idle = sl->server->opts->idle_timeout;
    long long cursor_ms = (long long)sl->server->opts->cursor_timeout * 1000;
    struct connection *conn, *next;
    long long now_ms = clock_monotonic_ms();

    /* Provider workers idle too long end (the first loop does it; a
     * worker ends at once when its channel closes). */
    if (sl == &sl->server->loops[0] && sl->server->providers != NULL) {
        size_t n = priv_pool_expire(provider_host_pool(sl->server->providers));

        if (n > 0)
            log_msg(LOG_DEBUG, "ended %zu idle provider worker%s", n, n == 1 ? "" : "s");
    }

    for (conn = sl->connections; conn != NULL; conn = next) {
        next = conn->next;
        if (idle != 0 && !conn->deferred &&
            now_ms - conn->last_active_ms >= (long long)idle * 1000) {
            connection_close(conn, "idle timeout");
            continue;
        }
        if (conn->cursors.count > 0) {
            size_t n = cursor_list_expire(&conn->cursors, now_ms, cursor_ms);

            if (n > 0)
                log_msg(LOG_INFO, "%s: closed %zu cursor%s unused for %u s", conn->address, n,
                        n == 1 ? "" : "s", sl->server->opts->cursor_timeout);
        }
    }
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
            for (size_t i = 0; i < srv->n_loops; i++)
                eventloop_stop(srv->loops[i].loop);
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

static int
server_add_listener(struct server *srv, int fd, enum cimrpc_transport transport, const char *unix_path)
{
    struct server_listener *l = &srv->listeners[srv->n_listeners];

    l->fd = fd;
    l->transport = transport;
    if (unix_path != NULL && (l->unix_path = strdup(unix_path)) == NULL) {
        close(fd);
        return -1;
    }
    srv->n_listeners++;
    return 0;
}

static int
server_open_listeners(struct server *srv)
{
    const struct daemon_options *opts = srv->opts;
    char why[512];

    for (size_t i = 0; i < opts->n_listen; i++) {
        int fd = listener_open_tcp(opts->listen[i], SERVER_BACKLOG, why, sizeof(why));
        if (fd < 0) {
            log_msg(LOG_ERR, "%s", why);
            return -1;
        }
        if (server_add_listener(srv, fd, CIMRPC_TRANSPORT_NETWORK, NULL) < 0)
            return -1;
        log_msg(LOG_INFO, "listening on TCP %s (port %d)", opts->listen[i], listener_local_port(fd));
        srv->listeners[srv->n_listeners - 1].registered =
            rpcbind_register(fd, CIMRPC_PROG, CIMRPC_V1);
    }
    if (opts->socket_path != NULL) {
        int fd = listener_open_unix(opts->socket_path, SERVER_BACKLOG, why, sizeof(why));
        if (fd < 0) {
            log_msg(LOG_ERR, "%s", why);
            return -1;
        }
        if (server_add_listener(srv, fd, CIMRPC_TRANSPORT_LOCAL, opts->socket_path) < 0)
            return -1;
        log_msg(LOG_INFO, "listening on local socket %s", opts->socket_path);
    }
    return 0;
}

struct repo *
server_loop_repo(const struct server_loop *sl)
{
    return sl->repo;
}

/* Open the repository: the first connection checks and migrates it (and
 * creates it, its directory and its shipped schema when missing); the
 * others only open. */
static int
server_open_repository(struct server *srv, size_t i)
{
    const char *path = srv->opts->repository;
    struct repo_error err;
    int rc;

    if (i == 0)
        rc = mof_schema_open_repository(path, &srv->loops[i].repo, &err);
    else
        rc = repo_open(path, REPO_OPEN_NO_CHECK, &srv->loops[i].repo, &err);
    if (rc < 0) {
        log_msg(LOG_ERR, "%s", err.message);
        return -1;
    }
    if (i == 0 && config_legacy_import(srv->loops[i].repo, &err) < 0) {
        log_msg(LOG_ERR, "the privilege grants of %s cannot be moved into its configuration: "
                "%s", path, err.message);
        return -1;
    }
    if (i == 0)
        log_msg(LOG_INFO, "repository %s (schema version %d)", path,
                repo_schema_version(srv->loops[i].repo));
    return 0;
}

struct audit *
server_loop_audit(const struct server_loop *sl)
{
    return sl->audit;
}

struct offload *
server_loop_offload(const struct server_loop *sl)
{
    return sl->server->offload;
}

struct provider_host *
server_loop_providers(const struct server_loop *sl)
{
    return sl->server->providers;
}

/* Open the audit database (created when missing): without it no call is
 * served, as audit.h fails closed. */
static int
server_open_audit(struct server *srv, size_t i)
{
    char why[1024];

    if (audit_open(srv->opts->audit, &srv->loops[i].audit, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "%s", why);
        return -1;
    }
    if (i == 0)
        log_msg(LOG_INFO, "audit trail %s", srv->opts->audit);
    return 0;
}

/* Create loop I and its watches on every listener. */
static int
server_make_loop(struct server *srv, size_t i)
{
    struct server_loop *sl = &srv->loops[i];

    sl->server = srv;
    if (server_open_repository(srv, i) < 0 || server_open_audit(srv, i) < 0)
        return -1;
    sl->loop = eventloop_new();
    if (sl->loop == NULL) {
        log_msg(LOG_ERR, "cannot create an event loop: %s", strerror(errno));
        return -1;
    }
    for (size_t j = 0; j < srv->n_listeners; j++) {
        sl->accepts[j].sl = sl;
        sl->accepts[j].listener = &srv->listeners[j];
        if (eventloop_add(sl->loop, srv->listeners[j].fd, EVENTLOOP_READ | EVENTLOOP_EXCLUSIVE,
                          server_accept, &sl->accepts[j]) == NULL) {
            log_msg(LOG_ERR, "cannot watch a listening socket: %s", strerror(errno));
            return -1;
        }
    }
    return 0;
}

struct server *
server_new(const struct daemon_options *opts)
{
    struct server *srv = calloc(1, sizeof(*srv));
    sigset_t set;
    long cores;

    if (srv == NULL) {
        log_msg(LOG_ERR, "out of memory");
        return NULL;
    }
    srv->opts = opts;
    srv->signal_fd = -1;
    srv->max_connections = opts->max_connections;
    srv->limits.max_record = opts->max_record;
    srv->limits.max_fragment = opts->max_fragment;
    srv->limits.max_output = SERVER_MAX_OUTPUT;
    if (server_open_listeners(srv) < 0)
        goto fail;

    cores = sysconf(_SC_NPROCESSORS_ONLN);
    srv->n_loops = opts->threads > 0 ? opts->threads : (cores > 0 ? (size_t)cores : 1);
    if (srv->n_loops > SERVER_MAX_LOOPS)
        srv->n_loops = SERVER_MAX_LOOPS;
    for (size_t i = 0; i < srv->n_loops; i++)
        if (server_make_loop(srv, i) < 0)
            goto fail;
    if ((srv->providers = provider_host_new(opts)) == NULL ||
        (srv->offload = offload_new(0)) == NULL)
        goto fail;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    srv->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (srv->signal_fd < 0 ||
        (srv->signal_watch = eventloop_add(srv->loops[0].loop, srv->signal_fd, EVENTLOOP_READ,
                                           server_signal, srv)) == NULL) {
        log_msg(LOG_ERR, "cannot watch signals: %s", strerror(errno));
        goto fail;
    }
    log_msg(LOG_INFO, "serving with %zu event loop thread(s), at most %zu connections",
            srv->n_loops, srv->max_connections);
    return srv;

fail:
    server_free(srv);
    return NULL;
}

static void *
server_loop_thread(void *arg)
{
    struct server_loop *sl = arg;

    if (eventloop_run(sl->loop, 1000, server_tick, sl) < 0) {
        /* A loop that cannot wait for events takes the daemon down. */
        for (size_t i = 0; i < sl->server->n_loops; i++)
            eventloop_stop(sl->server->loops[i].loop);
    }
    gss_acceptor_thread_exit();
    return NULL;
}

int
server_run(struct server *srv)
{
    int rc;

    for (size_t i = 1; i < srv->n_loops; i++) {
        int err = pthread_create(&srv->loops[i].thread, NULL, server_loop_thread, &srv->loops[i]);
        if (err != 0) {
            log_msg(LOG_ERR, "cannot start an event loop thread: %s", strerror(err));
            for (size_t j = 1; j < i; j++)
                eventloop_stop(srv->loops[j].loop);
            for (size_t j = 1; j < i; j++)
                pthread_join(srv->loops[j].thread, NULL);
            return -1;
        }
        srv->loops[i].thread_started = true;
    }
    rc = eventloop_run(srv->loops[0].loop, 1000, server_tick, &srv->loops[0]);
    for (size_t i = 1; i < srv->n_loops; i++)
        eventloop_stop(srv->loops[i].loop);
    for (size_t i = 1; i < srv->n_loops; i++) {
        if (srv->loops[i].thread_started)
            pthread_join(srv->loops[i].thread, NULL);
        srv->loops[i].thread_started = false;
    }
    return rc;
}

/* Give queued replies of every connection up to SERVER_DRAIN_MS to leave. */
static void
server_drain(struct server *srv)
{
    long long start = clock_monotonic_ms(), elapsed = 0;

    for (size_t i = 0; i < srv->n_loops; i++) {
        for (struct connection *c = srv->loops[i].connections; c != NULL; c = c->next) {
            while (c->out_head != NULL && elapsed < SERVER_DRAIN_MS) {
                struct pollfd pfd = { .fd = c->fd, .events = POLLOUT };
                if (poll(&pfd, 1, (int)(SERVER_DRAIN_MS - elapsed)) <= 0 ||
                    connection_flush(c) < 0)
                    break;
                elapsed = clock_monotonic_ms() - start;
            }
        }
    }
}

void
server_free(struct server *srv)
{
    if (srv == NULL)
        return;
    /* Deferred calls still running finish first; their answers are then
     * cancelled with the loops' posts. */
    offload_free(srv->offload);
    srv->offload = NULL;
    provider_host_free(srv->providers);
    srv->providers = NULL;
    server_drain(srv);
    for (size_t i = 0; i < srv->n_loops; i++) {
        struct server_loop *sl = &srv->loops[i];
        while (sl->connections != NULL)
            connection_close(sl->connections, "server stopping");
    }
    if (srv->n_loops > 0)
        eventloop_remove(srv->signal_watch);
    for (size_t i = 0; i < srv->n_loops; i++) {
        eventloop_free(srv->loops[i].loop);
        repo_close(srv->loops[i].repo);
        audit_close(srv->loops[i].audit);
    }
    for (size_t i = 0; i < srv->n_listeners; i++) {
        struct server_listener *l = &srv->listeners[i];
        if (l->registered)
            rpcbind_unregister(l->fd, CIMRPC_PROG, CIMRPC_V1);
        close(l->fd);
        if (l->unix_path != NULL) {
            if (unlink(l->unix_path) < 0 && errno != ENOENT)
                log_msg(LOG_WARNING, "cannot remove %s: %s", l->unix_path, strerror(errno));
            free(l->unix_path);
        }
    }
    if (srv->signal_fd >= 0)
        close(srv->signal_fd);
    free(srv);
}
