/*
 * conn.c: connecting to cimrpcd over TCP or the local socket, and making
 * calls on the connection.
 *
 * cimrpc_connect() works in this order: over TCP at a Kerberos level,
 * the credentials are checked first (so that a missing ticket is reported
 * as such, whatever the network); then the socket is connected (with the
 * caller's timeout, and every address of a host name tried in turn) and
 * handed to libtirpc's stream client, which owns and closes it; then the
 * RPC security is set up (rpcsec.c) and the session opened (session.c).
 * If the server raises the authentication level and strict mode is off,
 * the connection follows it before anything else is called.
 *
 * Over the local socket there is no GSS at all: the server knows the
 * caller from SO_PEERCRED, and the level counts as pktprivacy.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cimrpc.h"
#include "common/levels.h"
#include "conn.h"
#include "error.h"
#include "options.h"
#include "rpcsec.h"
#include "session.h"

/* The longest cimrpc_conn_close() waits for the session to close. */
#define CONN_CLOSE_TIMEOUT 2

/* Connect FD to ADDR within TIMEOUT_MS.  Returns 0 or -1 (errno set). */
static int
conn_connect_fd(int fd, const struct sockaddr *addr, socklen_t len, int timeout_ms)
{
    int flags = fcntl(fd, F_GETFL);
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int soerr = 0;
    socklen_t soerr_len = sizeof(soerr);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return -1;
    if (connect(fd, addr, len) < 0) {
        if (errno != EINPROGRESS)
            return -1;
        int n = poll(&pfd, 1, timeout_ms);
        if (n == 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &soerr_len) < 0)
            return -1;
        if (soerr != 0) {
            errno = soerr;
            return -1;
        }
    }
    return fcntl(fd, F_SETFL, flags);   /* libtirpc expects a blocking socket */
}

/* Make the RPC client on connected FD (taken over: closed on failure). */
static CLIENT *
conn_make_client(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct netbuf raddr = { .maxlen = len, .len = len, .buf = (void *)addr };
    CLIENT *clnt = clnt_vc_create(fd, &raddr, CIMRPC_PROG, CIMRPC_V1, CONN_BUFFER_SIZE,
                                  CONN_BUFFER_SIZE);

    if (clnt == NULL) {
        close(fd);
        return NULL;
    }
    clnt_control(clnt, CLSET_FD_CLOSE, NULL);
    return clnt;
}

static int
conn_open_local(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    memcpy(sun.sun_path, opts->path, strlen(opts->path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot create a socket: %s",
                         strerror(errno));
    if (conn_connect_fd(fd, (struct sockaddr *)&sun, sizeof(sun), (int)opts->timeout * 1000) < 0) {
        int saved = errno;
        close(fd);
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot connect to the local socket "
                         "%s: %s%s", opts->path, strerror(saved),
                         saved == ENOENT || saved == ECONNREFUSED ?
                         " (is cimrpcd running, and is this its --socket?)" : "");
    }
    conn->clnt = conn_make_client(fd, (struct sockaddr *)&sun, sizeof(sun));
    if (conn->clnt == NULL)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot set up RPC on %s: %s",
                         opts->path, clnt_spcreateerror(""));
    /* The kernel vouches for both ends of a local socket. */
    conn->authn = CIMRPC_AUTHN_PKT_PRIVACY;
    return 0;
}

static int
conn_open_tcp(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    int rc, last_errno = 0;

    rc = getaddrinfo(opts->host, opts->port, &hints, &res);
    if (rc != 0)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot resolve host '%s': %s",
                         opts->host, gai_strerror(rc));
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        if (conn_connect_fd(fd, ai->ai_addr, ai->ai_addrlen, (int)opts->timeout * 1000) < 0) {
            last_errno = errno;
            close(fd);
            continue;
        }
        conn->clnt = conn_make_client(fd, ai->ai_addr, ai->ai_addrlen);
        if (conn->clnt == NULL) {
            freeaddrinfo(res);
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot set up RPC to %s: %s",
                             opts->target, clnt_spcreateerror(""));
        }
        break;
    }
    freeaddrinfo(res);
    if (conn->clnt == NULL)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot connect to %s port %s: %s%s",
                         opts->host, opts->port, strerror(last_errno),
                         last_errno == ECONNREFUSED ?
                         " (is cimrpcd running and listening on that port?)" : "");
    conn->authn = CIMRPC_AUTHN_NONE;
    return 0;
}

/* Open CONN's session (the lock is held) and bring the connection up to
 * the session's effective level. */
static int
conn_open_session(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out)
{
    bool anonymous = !conn->local && conn->gss_auth == NULL;

    if (session_open(conn, 0, err_out) < 0)
        return -1;
    if (conn->effective <= conn->authn)
        return 0;
    if (opts->strict)
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s raised the authentication level "
                         "from %s to %s although strict mode asked for exactly %s",
                         conn->target, levels_authn_name((int)conn->authn),
                         levels_authn_name((int)conn->effective),
                         levels_authn_name((int)opts->authn));
    if (anonymous) {
        /* The session was opened as Anonymous: close it as such, and open
         * it again once the connection carries who the caller is. */
        (void)session_close(conn);
        if (rpcsec_set_level(conn, opts, conn->effective, err_out) < 0 ||
            session_open(conn, 0, err_out) < 0)
            return -1;
        if (conn->effective > conn->authn)
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s asks for authentication "
                             "level %s even at %s", conn->target,
                             levels_authn_name((int)conn->effective),
                             levels_authn_name((int)conn->authn));
        return 0;
    }
    return rpcsec_set_level(conn, opts, conn->effective, err_out);
}

int
cimrpc_connect(const cimrpc_options *opts, cimrpc_conn **conn_out, cimrpc_error **err_out)
{
    cimrpc_conn *conn;
    int rc;

    if (opts == NULL || conn_out == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "cimrpc_connect: options and output "
                         "are required");
    if ((int)opts->authn < CIMRPC_AUTHN_DEFAULT || opts->authn > CIMRPC_AUTHN_PKT_PRIVACY)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "authentication level %d does not "
                         "exist; use %s", (int)opts->authn, levels_authn_names());
    conn = calloc(1, sizeof(*conn));
    if (conn == NULL || (conn->target = strdup(opts->target)) == NULL) {
        free(conn);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    pthread_mutex_init(&conn->lock, NULL);
    conn->local = opts->local;
    conn->timeout.tv_sec = (time_t)opts->timeout;
    conn->imp_requested = opts->imp == CIMRPC_IMP_DEFAULT ? CIMRPC_IMP_IMPERSONATE : opts->imp;
    conn->gss_flags = GSS_C_MUTUAL_FLAG |
                      (conn->imp_requested == CIMRPC_IMP_DELEGATE ? GSS_C_DELEG_FLAG : 0);
    if (session_request_init(conn, opts, err_out) < 0)
        goto fail;
    if (!opts->local && opts->authn != CIMRPC_AUTHN_NONE && rpcsec_prepare(conn, opts, err_out) < 0)
        goto fail;
    rc = opts->local ? conn_open_local(conn, opts, err_out) : conn_open_tcp(conn, opts, err_out);
    if (rc < 0)
        goto fail;
    clnt_control(conn->clnt, CLSET_TIMEOUT, (char *)&conn->timeout);
    if (!opts->local && rpcsec_set_level(conn, opts, opts->authn, err_out) < 0)
        goto fail;
    pthread_mutex_lock(&conn->lock);
    rc = conn_open_session(conn, opts, err_out);
    pthread_mutex_unlock(&conn->lock);
    if (rc < 0)
        goto fail;
    *conn_out = conn;
    return 0;
fail:
    cimrpc_conn_close(conn);
    return -1;
}

void
cimrpc_conn_close(cimrpc_conn *conn)
{
    struct timeval brief = { .tv_sec = CONN_CLOSE_TIMEOUT }, no_wait = { 0, 0 };

    if (conn == NULL)
        return;
    if (conn->clnt != NULL) {
        /* Best effort and brief, each only while the connection works:
         * the session, whose close is waited for (the server records it in
         * its audit trail before it answers, so the trail is complete when
         * this returns); then the context: its RPCSEC_GSS DESTROY is sent
         * but its reply not awaited (with a zero timeout, libtirpc returns
         * RPC_TIMEDOUT at once when no reply is there), since the server
         * ends the context with the connection anyway. */
        if (conn->timeout.tv_sec < brief.tv_sec)
            brief = conn->timeout;
        clnt_control(conn->clnt, CLSET_TIMEOUT, (char *)&brief);
        if (conn->has_session && !conn->broken)
            (void)session_close(conn);
        clnt_control(conn->clnt, CLSET_TIMEOUT, (char *)&no_wait);
        rpcsec_release(conn, conn->broken);
        if (conn->clnt->cl_auth != NULL)
            auth_destroy(conn->clnt->cl_auth);
        conn->clnt->cl_auth = NULL;
        clnt_destroy(conn->clnt);
        conn->clnt = NULL;
    } else {
        rpcsec_release(conn, true);
    }
    session_free(conn);
    pthread_mutex_destroy(&conn->lock);
    free(conn->target);
    free(conn);
}

const char *
cimrpc_conn_target(const cimrpc_conn *conn)
{
    return conn->target;
}

cimrpc_authn_level
cimrpc_conn_authn_level(const cimrpc_conn *conn)
{
    return conn->authn;
}

int
conn_call_locked(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                 xdrproc_t xdr_res, void *res, const char *what, unsigned int flags,
                 cimrpc_error **err_out)
{
    enum clnt_stat stat;

    for (int attempt = 0;; attempt++) {
        if (flags & CONN_CALL_SESSION)
            ((cimrpc_session_args *)args)->session = conn->session;
        stat = clnt_call(conn->clnt, proc, xdr_args, args, xdr_res, res, conn->timeout);
        if (stat == RPC_SUCCESS)
            return 0;
        /* libtirpc leaves what a reply decoded before it failed (bad
         * data, or the connection lost midway); RES was zeroed. */
        if (res != NULL)
            xdr_free(xdr_res, res);
        if (attempt > 0 || (flags & CONN_CALL_NO_RENEW) || !rpcsec_context_lost(conn, stat))
            break;
        /* The context expired: one new context, the session opened again
         * on it (unless this call opens it), and one more try. */
        if (rpcsec_renew(conn, err_out) < 0)
            return -1;
        if (proc != CIMRPC_OPEN_SESSION && conn->has_session && session_reopen(conn, err_out) < 0)
            return -1;
    }
    if (stat == RPC_CANTSEND || stat == RPC_CANTRECV || stat == RPC_TIMEDOUT)
        conn->broken = true;
    return error_set_rpc(err_out, conn->clnt, stat, what, conn->target);
}

int
conn_call(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
          xdrproc_t xdr_res, void *res, const char *what, cimrpc_error **err_out)
{
    int rc;

    pthread_mutex_lock(&conn->lock);
    rc = conn_call_locked(conn, proc, xdr_args, args, xdr_res, res, what, 0, err_out);
    pthread_mutex_unlock(&conn->lock);
    return rc;
}

int
conn_call_session(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                  xdrproc_t xdr_res, void *res, const char *what, cimrpc_error **err_out)
{
    int rc;

    pthread_mutex_lock(&conn->lock);
    rc = conn_call_locked(conn, proc, xdr_args, args, xdr_res, res, what, CONN_CALL_SESSION,
                          err_out);
    pthread_mutex_unlock(&conn->lock);
    return rc;
}
