/*
 * session.c: the session a connection opens on a namespace.
 *
 * cimrpc_connect() opens it with OPEN_SESSION once the transport and its
 * security are ready: the namespace, the authentication level requested
 * (as requested; the server answers with the effective level, which the
 * connection then follows), the impersonation level requested (DEFAULT is
 * sent as IMPERSONATE), strict mode, privileges and a description of the
 * client.  The answer names the session, and says what impersonation the
 * server granted (and why less, if less), who the session runs as and
 * what the server is.  cimrpc_conn_close() sends CLOSE_SESSION.
 *
 * The identity and strings kept here are replaced only while
 * cimrpc_connect() runs, never afterwards (a reopened session keeps them
 * and must match them), so that what the accessors lend stays valid for
 * the connection's life.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/levels.h"
#include "conn.h"
#include "error.h"
#include "identity.h"
#include "session.h"

int
session_request_init(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out)
{
    cimrpc_open_session_args *req = &conn->request;

    req->authn_level = (u_int)opts->authn;
    req->imp_level = (u_int)conn->imp_requested;
    req->strict = opts->strict;
    if ((req->nspace = strdup(opts->nspace)) == NULL ||
        (req->client_info = strdup(opts->client_info)) == NULL ||
        (req->privileges.privileges_val = calloc(opts->n_privileges ? opts->n_privileges : 1,
                                                 sizeof(cimrpc_name))) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    for (size_t i = 0; i < opts->n_privileges; i++) {
        char *name = strdup(opts->privileges[i]);
        if (name == NULL)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        req->privileges.privileges_val[req->privileges.privileges_len++] = name;
    }
    return 0;
}

/* Send OPEN_SESSION (FLAGS as for conn_call_locked) and check the answer.
 * On success *ok_out owns the decoded data (free it with
 * xdr_free(xdr_cimrpc_session_ok)). */
static int
session_request(cimrpc_conn *conn, unsigned int flags, cimrpc_session_ok *ok_out,
                cimrpc_error **err_out)
{
    cimrpc_open_session_res res;
    cimrpc_session_ok *ok = &res.cimrpc_open_session_res_u.ok;

    memset(&res, 0, sizeof(res));
    if (conn_call_locked(conn, CIMRPC_OPEN_SESSION, (xdrproc_t)xdr_cimrpc_open_session_args,
                         &conn->request, (xdrproc_t)xdr_cimrpc_open_session_res, &res,
                         "open session", flags, err_out) < 0)
        return -1;
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_open_session_res_u.reason);
        xdr_free((xdrproc_t)xdr_cimrpc_open_session_res, &res);
        return -1;
    }
    if (ok->authn_level < CIMRPC_AUTHN_NONE || ok->authn_level > CIMRPC_AUTHN_PKT_PRIVACY ||
        ok->imp_level < CIMRPC_IMP_ANONYMOUS || ok->imp_level > CIMRPC_IMP_DELEGATE) {
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "open session: %s answered with levels that "
                  "do not exist (authentication %u, impersonation %u); is it a cimrpcd?",
                  conn->target, ok->authn_level, ok->imp_level);
        xdr_free((xdrproc_t)xdr_cimrpc_open_session_res, &res);
        return -1;
    }
    *ok_out = *ok;                  /* take over the decoded data */
    return 0;
}

/* A copy of S, or NULL for an empty S; *FAILED on ENOMEM. */
static char *
session_copy(const char *s, bool *failed)
{
    char *copy;

    if (s == NULL || *s == '\0')
        return NULL;
    if ((copy = strdup(s)) == NULL)
        *failed = true;
    return copy;
}

int
session_open(cimrpc_conn *conn, unsigned int flags, cimrpc_error **err_out)
{
    cimrpc_session_ok ok;
    cimrpc_identity *id = NULL;
    char *reason, *info;
    bool failed = false;

    if (session_request(conn, flags, &ok, err_out) < 0)
        return -1;
    reason = session_copy(ok.imp_reason, &failed);
    info = session_copy(ok.server_info, &failed);
    if (!failed)
        id = identity_new(&ok.identity);
    if (id == NULL) {
        free(reason);
        free(info);
        xdr_free((xdrproc_t)xdr_cimrpc_session_ok, &ok);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    cimrpc_identity_free(conn->identity);
    free(conn->imp_reason);
    free(conn->server_info);
    conn->identity = id;
    conn->imp_reason = reason;
    conn->server_info = info;
    conn->session = ok.session;
    conn->has_session = true;
    conn->effective = (cimrpc_authn_level)ok.authn_level;
    conn->imp_granted = (cimrpc_imp_level)ok.imp_level;
    xdr_free((xdrproc_t)xdr_cimrpc_session_ok, &ok);
    return 0;
}

int
session_reopen(cimrpc_conn *conn, cimrpc_error **err_out)
{
    const char *was = cimrpc_identity_principal(conn->identity);
    cimrpc_session_ok ok;
    int rc = -1;

    if (conn->has_session)
        (void)session_close(conn);
    if (session_request(conn, CONN_CALL_NO_RENEW, &ok, err_out) < 0)
        return -1;
    if (ok.authn_level > (u_int)conn->authn)
        error_set(err_out, CIMRPC_ERR_CONNECT, 0, "open session: after its Kerberos context "
                  "was renewed, %s asks for authentication level %s, above the %s in force; "
                  "connect again", conn->target, levels_authn_name((int)ok.authn_level),
                  levels_authn_name((int)conn->authn));
    else if (strcmp(ok.identity.principal ? ok.identity.principal : "", was ? was : "") != 0)
        error_set(err_out, CIMRPC_ERR_CONNECT, 0, "open session: after its Kerberos context "
                  "was renewed, %s sees principal '%s' instead of '%s'; connect again",
                  conn->target, ok.identity.principal ? ok.identity.principal : "",
                  was ? was : "");
    else {
        conn->session = ok.session;
        conn->has_session = true;
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_session_ok, &ok);
    return rc;
}

enum clnt_stat
session_close(cimrpc_conn *conn)
{
    cimrpc_session_args args = { .session = conn->session };
    cimrpc_status_res res;
    enum clnt_stat stat;

    memset(&res, 0, sizeof(res));
    conn->has_session = false;
    stat = clnt_call(conn->clnt, CIMRPC_CLOSE_SESSION, (xdrproc_t)xdr_cimrpc_session_args,
                     (char *)&args, (xdrproc_t)xdr_cimrpc_status_res, (char *)&res,
                     conn->timeout);
    if (stat == RPC_SUCCESS)
        xdr_free((xdrproc_t)xdr_cimrpc_status_res, &res);
    else if (stat == RPC_CANTSEND || stat == RPC_CANTRECV || stat == RPC_TIMEDOUT)
        conn->broken = true;
    return stat;
}

void
session_free(cimrpc_conn *conn)
{
    xdr_free((xdrproc_t)xdr_cimrpc_open_session_args, &conn->request);
    memset(&conn->request, 0, sizeof(conn->request));
    cimrpc_identity_free(conn->identity);
    conn->identity = NULL;
    free(conn->imp_reason);
    conn->imp_reason = NULL;
    free(conn->server_info);
    conn->server_info = NULL;
}

cimrpc_imp_level
cimrpc_conn_imp_level(const cimrpc_conn *conn)
{
    return conn->imp_granted;
}

const char *
cimrpc_conn_imp_reason(const cimrpc_conn *conn)
{
    return conn->imp_reason;
}

const cimrpc_identity *
cimrpc_conn_session_identity(const cimrpc_conn *conn)
{
    return conn->identity;
}

const char *
cimrpc_conn_server_info(const cimrpc_conn *conn)
{
    return conn->server_info;
}

const char *
cimrpc_conn_namespace(const cimrpc_conn *conn)
{
    return conn->request.nspace;
}
