/*
 * ops.c: what the operations on a connection share (ops.h).
 */
#include <config.h>

#include <string.h>

#include "common/cim_names.h"
#include "error.h"
#include "ops.h"

int
ops_check_size(cimrpc_conn *conn, xdrproc_t xdr_args, void *args, const char *what,
               cimrpc_error **err_out)
{
    unsigned long size = xdr_sizeof(xdr_args, args);

    if (size == 0)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: the request cannot be encoded",
                         what);
    if (size > CONN_PROTECTED_ARGS_MAX && !conn->local &&
        conn->authn >= CIMRPC_AUTHN_PKT_INTEGRITY)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: at authentication level %s the "
                         "request is at most %u bytes (libtirpc protects a call's arguments in "
                         "a 256 KiB buffer), not %lu; send less at once, or use the local "
                         "socket", what, cimrpc_authn_level_name(conn->authn),
                         CONN_PROTECTED_ARGS_MAX, size);
    return 0;
}

int
ops_call_status(cimrpc_conn *conn, rpcproc_t proc, xdrproc_t xdr_args, void *args,
                const char *what, cimrpc_error **err_out)
{
    cimrpc_status_res res;
    int rc = 0;

    memset(&res, 0, sizeof(res));
    if (conn_call_session(conn, proc, xdr_args, args, (xdrproc_t)xdr_cimrpc_status_res, &res,
                          what, err_out) < 0)
        return -1;
    if (res.code != 0)
        rc = error_set_wbem(err_out, res.code, res.cimrpc_status_res_u.reason);
    xdr_free((xdrproc_t)xdr_cimrpc_status_res, (char *)&res);
    return rc;
}

int
ops_put_mode(cimrpc_write_mode mode, cimrpc_put_mode *out, cimrpc_error **err_out)
{
    switch (mode) {
    case CIMRPC_WRITE_CREATE_OR_UPDATE:
        *out = CIMRPC_PUT_CREATE_OR_UPDATE;
        return 0;
    case CIMRPC_WRITE_CREATE:
        *out = CIMRPC_PUT_CREATE;
        return 0;
    case CIMRPC_WRITE_UPDATE:
        *out = CIMRPC_PUT_UPDATE;
        return 0;
    }
    return error_set(err_out, CIMRPC_ERR_USAGE, 0, "write mode %d does not exist", (int)mode);
}

int
ops_check_name(const char *name, const char *what, cimrpc_error **err_out)
{
    if (!cim_names_element_valid(name))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.300s' is not a %s name: a letter "
                         "or '_', then letters, digits and '_'", name ? name : "", what);
    return 0;
}
