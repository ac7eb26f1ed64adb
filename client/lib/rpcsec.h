/*
 * rpcsec.h: the RPC security of a TCP connection (internal): AUTH_NONE, or
 * an RPCSEC_GSS context made with libtirpc's authgss_create().
 */
#ifndef CIMRPC_CLIENT_RPCSEC_H
#define CIMRPC_CLIENT_RPCSEC_H

#include <stdbool.h>
#include <rpc/rpc.h>

#include "conn.h"
#include "options.h"

/* Get CONN's Kerberos credentials as OPTS say (OPTS borrowed) and check
 * that a context can be started, before any connection is made.  Does
 * nothing when they are there already.  0, or -1 with *err_out set. */
int rpcsec_prepare(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_error **err_out);

/* Make CONN's later calls protected at LEVEL: none is AUTH_NONE (only
 * before any context); connect is a context of service none whose
 * connection then carries AUTH_NONE calls; call and pkt (in force: pkt),
 * pktintegrity, pktprivacy and default (pktprivacy) are calls carrying a
 * context of service none, integrity or privacy.  A context of the
 * service wanted is kept; otherwise a new one is made and the previous
 * one destroyed.  OPTS (borrowed) serve only when there are no
 * credentials yet.  Sets conn->authn.  0, or -1 with *err_out set. */
int rpcsec_set_level(cimrpc_conn *conn, const cimrpc_options *opts, cimrpc_authn_level level,
                     cimrpc_error **err_out);

/* True when STAT, the status of a call just made on CONN, says that its
 * GSS context is gone: the server answered RPCSEC_GSS_CREDPROBLEM or
 * RPCSEC_GSS_CTXPROBLEM, or the context expired here (libtirpc then
 * cannot encode the call). */
bool rpcsec_context_lost(cimrpc_conn *conn, enum clnt_stat stat);

/* Replace CONN's dead GSS context with a new one of the same service (no
 * RPCSEC_GSS DESTROY is sent for the dead one).  0, or -1 with *err_out. */
int rpcsec_renew(cimrpc_conn *conn, cimrpc_error **err_out);

/* Destroy CONN's GSS context, sending RPCSEC_GSS DESTROY unless QUIET
 * (the connection is known to be lost), and release the credentials.
 * Its reply is awaited as long as the client's timeout says (none, in
 * cimrpc_conn_close()).  Calls carry AUTH_NONE afterwards.  Must run
 * before clnt_destroy(). */
void rpcsec_release(cimrpc_conn *conn, bool quiet);

#endif
