/*
 * conn.h: a connection to cimrpcd (internal layout and call helpers).
 *
 * A connection is a transport (TCP or the local socket, owned by a
 * libtirpc stream client), its RPC security (rpcsec.c: AUTH_NONE or an
 * RPCSEC_GSS context) and the session opened on it (session.c).  The lock
 * serialises calls, and with them the renewal of an expired context.
 */
#ifndef CIMRPC_CLIENT_CONN_H
#define CIMRPC_CLIENT_CONN_H

#include <pthread.h>
#include <stdint.h>
#include <rpc/rpc.h>
#include <rpc/auth_gss.h>
#include <sys/time.h>

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

struct kerberos;

/* libtirpc wraps a protected call's arguments inside its send buffer,
 * whose size it caps at 256 KiB: the buffer is asked for at that size, and
 * arguments of protected calls must fit in it (with room for the RPC and
 * RPCSEC_GSS headers). */
#define CONN_BUFFER_SIZE (256u * 1024u)
#define CONN_PROTECTED_ARGS_MAX (CONN_BUFFER_SIZE - 1024u)

struct cimrpc_conn {
    pthread_mutex_t lock;           /* serialises calls on clnt */
    CLIENT *clnt;
    char *target;
    bool local;
    bool broken;                    /* a call lost the transport or timed out */
    cimrpc_authn_level authn;       /* level in force */
    struct timeval timeout;

    /* RPC security of a TCP connection (rpcsec.c). */
    struct kerberos *krb;           /* credentials; NULL at level none */
    AUTH *gss_auth;                 /* the RPCSEC_GSS context, or NULL */
    rpc_gss_svc_t gss_svc;          /* its service */
    OM_uint32 gss_flags;            /* GSS_C_MUTUAL_FLAG, GSS_C_DELEG_FLAG */
    bool gss_calls;                 /* calls carry gss_auth (not at level connect) */
    struct auth_ops gss_ops;        /* authgss's operations, without its refresh */

    /* The session (session.c). */
    cimrpc_open_session_args request;   /* owned; sent again to reopen */
    bool has_session;
    uint64_t session;
    cimrpc_authn_level effective;   /* the session's effective level */
    cimrpc_imp_level imp_requested; /* never DEFAULT */
    cimrpc_imp_level imp_granted;
    char *imp_reason;               /* NULL when the server gave none */
    cimrpc_identity *identity;
    char *server_info;              /* NULL when the server gave none */
};

/* Flags of conn_call_locked(). */
enum {
    CONN_CALL_SESSION = 1 << 0,     /* ARGS begins with a cimrpc_session_args that
                                     * is set to the session before each attempt */
    CONN_CALL_NO_RENEW = 1 << 1,    /* no renewal of an expired context */
};

/* Call procedure PROC with ARGS (encoded by XDR_ARGS) and decode the
 * results into RES (zeroed by the caller) with XDR_RES.  WHAT names the
 * operation in errors.  When the GSS context has expired (here or on the
 * server), it is renewed once, the session reopened, and the call made
 * once more.  Takes the lock.  Returns 0 (the caller frees RES with
 * xdr_free), or -1 with *err_out set and nothing left in RES. */
int conn_call(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
              xdrproc_t xdr_res, void *res, const char *what, cimrpc_error **err_out);

/* As conn_call(), for a procedure of the session: ARGS begins with a
 * cimrpc_session_args, which is filled in here. */
int conn_call_session(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                      xdrproc_t xdr_res, void *res, const char *what, cimrpc_error **err_out);

/* As conn_call(), with the lock already held and FLAGS (CONN_CALL_*). */
int conn_call_locked(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                     xdrproc_t xdr_res, void *res, const char *what, unsigned int flags,
                     cimrpc_error **err_out);

#endif
