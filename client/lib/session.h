/*
 * session.h: the session a connection opens on a namespace (internal).
 */
#ifndef CIMRPC_CLIENT_SESSION_H
#define CIMRPC_CLIENT_SESSION_H

#include <rpc/rpc.h>

#include "conn.h"
#include "options.h"

/* Fill CONN's OPEN_SESSION request from OPTS (borrowed; copied) and
 * conn->imp_requested.  0, or -1 with *err_out set. */
int session_request_init(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out);

/* Open CONN's session (OPEN_SESSION; the lock is held; FLAGS as for
 * conn_call_locked) and make it the connection's: session id, effective
 * level, impersonation granted and why, identity, server description
 * (any previous ones are replaced).  0, or -1 with *err_out set. */
int session_open(cimrpc_conn *conn, unsigned int flags, cimrpc_error **err_out);

/* Open a new session in place of CONN's, whose context was renewed: close
 * the old one (best effort: the server may have dropped it with the
 * context) and open another; only its id is taken, the rest must match.
 * The lock is held.  0, or -1 with *err_out set. */
int session_reopen(cimrpc_conn *conn, cimrpc_error **err_out);

/* Close CONN's session (CLOSE_SESSION, best effort; the lock is held or
 * the connection is private to the caller).  Returns the RPC status. */
enum clnt_stat session_close(cimrpc_conn *conn);

/* Free the request and the session's results.  The connection is gone. */
void session_free(cimrpc_conn *conn);

#endif
