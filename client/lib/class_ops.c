/*
 * class_ops.c: reading, storing and deleting classes (CLASS_GET,
 * CLASS_PUT, CLASS_DELETE).
 */
#include <config.h>

#include <string.h>

#include "class.h"
#include "conn.h"
#include "error.h"
#include "ops.h"
#include "wire.h"

int
cimrpc_class_get(cimrpc_conn *conn, const char *name, cimrpc_class **class_out,
                 cimrpc_error **err_out)
{
    cimrpc_name_args args = { .name = (char *)name };
    cimrpc_class_res res;
    cimrpc_class *cls;
    char why[512];
    int rc = -1;

    if (ops_check_name(name, "class", err_out) < 0)
        return -1;
    memset(&res, 0, sizeof(res));
    if (conn_call_session(conn, CIMRPC_CLASS_GET, (xdrproc_t)xdr_cimrpc_name_args, &args,
                          (xdrproc_t)xdr_cimrpc_class_res, &res, "get class", err_out) < 0)
        return -1;
    if (res.code != 0)
        error_set_wbem(err_out, res.code, res.cimrpc_class_res_u.reason);
    else if (wire_check_class(&res.cimrpc_class_res_u.cls, why, sizeof(why)) < 0)
        wire_error(err_out, conn, "get class", why);
    else if ((cls = class_adopt(&res.cimrpc_class_res_u.cls)) == NULL)
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    else {
        *class_out = cls;
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_class_res, (char *)&res);
    return rc;
}

int
cimrpc_class_put(cimrpc_conn *conn, const cimrpc_class *cls, cimrpc_write_mode mode,
                 cimrpc_error **err_out)
{
    cimrpc_class_put_args args;

    if (cls == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "put class: no class given");
    memset(&args, 0, sizeof(args));
    args.cls = cls->c;                  /* borrowed: only encoded */
    if (ops_put_mode(mode, &args.mode, err_out) < 0 ||
        ops_check_size(conn, (xdrproc_t)xdr_cimrpc_class_put_args, &args, "put class",
                       err_out) < 0)
        return -1;
    return ops_call_status(conn, CIMRPC_CLASS_PUT, (xdrproc_t)xdr_cimrpc_class_put_args, &args,
                           "put class", err_out);
}

int
cimrpc_class_delete(cimrpc_conn *conn, const char *name, cimrpc_error **err_out)
{
    cimrpc_name_args args = { .name = (char *)name };

    if (ops_check_name(name, "class", err_out) < 0)
        return -1;
    return ops_call_status(conn, CIMRPC_CLASS_DELETE, (xdrproc_t)xdr_cimrpc_name_args, &args,
                           "delete class", err_out);
}
