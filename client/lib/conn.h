/*
 * conn.h: a connection to cimrpcd (internal layout and call helper).
 */
#ifndef CIMRPC_CLIENT_CONN_H
#define CIMRPC_CLIENT_CONN_H

#include <pthread.h>
#include <rpc/rpc.h>
#include <sys/time.h>

#include "cimrpc/cimrpc.h"

struct cimrpc_conn {
    pthread_mutex_t lock;           /* serialises calls on clnt */
    CLIENT *clnt;
    char *target;
    bool local;
    cimrpc_authn_level authn;       /* level in force */
    struct timeval timeout;
};

/* Call procedure PROC with ARGS (encoded by XDR_ARGS) and decode the
 * results into RES with XDR_RES.  WHAT names the operation in errors.
 * Returns 0, or -1 with *err_out set. */
int conn_call(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
              xdrproc_t xdr_res, void *res, const char *what, cimrpc_error **err_out);

#endif
