/*
 * ping.c: round trips: the null procedure and PING.
 */
#include <config.h>

#include <string.h>

#include "cimrpc.h"
#include "common/xdr_void.h"
#include "conn.h"
#include "error.h"

int
cimrpc_null(cimrpc_conn *conn, cimrpc_error **err_out)
{
    return conn_call(conn, CIMRPC_NULL, XDR_VOID, NULL,
                     XDR_VOID, NULL, "null call", err_out);
}

int
cimrpc_ping(cimrpc_conn *conn, const void *payload, size_t len, cimrpc_error **err_out)
{
    cimrpc_ping_args args;
    cimrpc_ping_res res;
    int rc = -1;

    if (len > CIMRPC_PING_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a ping payload is at most %d bytes, "
                         "not %zu", CIMRPC_PING_MAX, len);
    if (len > CONN_PROTECTED_ARGS_MAX && !conn->local &&
        conn->authn >= CIMRPC_AUTHN_PKT_INTEGRITY)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "at authentication level %s a ping "
                         "payload is at most %u bytes (libtirpc protects a call's arguments "
                         "in a 256 KiB buffer), not %zu", cimrpc_authn_level_name(conn->authn),
                         CONN_PROTECTED_ARGS_MAX, len);
    args.payload.payload_len = (u_int)len;
    args.payload.payload_val = (char *)payload;
    memset(&res, 0, sizeof(res));
    if (conn_call(conn, CIMRPC_PING, (xdrproc_t)xdr_cimrpc_ping_args, &args,
                  (xdrproc_t)xdr_cimrpc_ping_res, &res, "ping", err_out) < 0)
        return -1;
    if (res.code != 0)
        error_set_wbem(err_out, res.code, res.cimrpc_ping_res_u.reason);
    else if (res.cimrpc_ping_res_u.payload.payload_len != len ||
             (len > 0 && memcmp(res.cimrpc_ping_res_u.payload.payload_val, payload, len) != 0))
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "ping: %s echoed %u bytes that differ from "
                  "the %zu bytes sent", conn->target, res.cimrpc_ping_res_u.payload.payload_len,
                  len);
    else
        rc = 0;
    xdr_free((xdrproc_t)xdr_cimrpc_ping_res, &res);
    return rc;
}
