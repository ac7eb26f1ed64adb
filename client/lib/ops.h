/*
 * ops.h: what the operations on a connection share (internal): checking
 * arguments before a call, making a call whose result is only a status.
 */
#ifndef CIMRPC_CLIENT_OPS_H
#define CIMRPC_CLIENT_OPS_H

#include <stdbool.h>

#include "conn.h"

/* Refuse (a usage error) ARGS, encoded by XDR_ARGS, that libtirpc cannot
 * send at CONN's level: over TCP at pktintegrity and pktprivacy a call's
 * arguments must fit CONN_PROTECTED_ARGS_MAX.  WHAT names the operation
 * ("instance put").  0 or -1. */
int ops_check_size(cimrpc_conn *conn, xdrproc_t xdr_args, void *args, const char *what,
                   cimrpc_error **err_out);

/* Call session procedure PROC with ARGS, whose result is a
 * cimrpc_status_res, and turn a refusal into the server's error. */
int ops_call_status(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                    const char *what, cimrpc_error **err_out);

/* MODE on the wire, or -1 with a usage error. */
int ops_put_mode(cimrpc_write_mode mode, cimrpc_put_mode *out, cimrpc_error **err_out);

/* Is NAME (a WHAT: "class") a valid element name?  0, or -1 with a usage
 * error. */
int ops_check_name(const char *name, const char *what, cimrpc_error **err_out);

#endif
