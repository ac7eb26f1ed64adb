/*
 * instance_ops.c: reading, storing and deleting instances (INSTANCE_GET,
 * INSTANCE_PUT, INSTANCE_DELETE).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "error.h"
#include "instance.h"
#include "ops.h"
#include "path.h"
#include "select.h"
#include "wire.h"

int
cimrpc_instance_get(cimrpc_conn *conn, const char *path, const cimrpc_select *sel,
                    cimrpc_instance **inst_out, cimrpc_error **err_out)
{
    cimrpc_instance_get_args args = { .path = (char *)path };
    cimrpc_instance_res res;
    cimrpc_object_instance *ok = &res.cimrpc_instance_res_u.ok;
    cimrpc_instance *inst;
    char why[512];
    int rc = -1;

    if (path_check(path, true, err_out) < 0)
        return -1;
    select_wire(sel, &args.select);
    memset(&res, 0, sizeof(res));
    if (conn_call_session(conn, CIMRPC_INSTANCE_GET, (xdrproc_t)xdr_cimrpc_instance_get_args,
                          &args, (xdrproc_t)xdr_cimrpc_instance_res, &res, "get instance",
                          err_out) < 0)
        return -1;
    if (res.code != 0)
        error_set_wbem(err_out, res.code, res.cimrpc_instance_res_u.reason);
    else if (wire_check_instance(&ok->inst, 0, why, sizeof(why)) < 0)
        wire_error(err_out, conn, "get instance", why);
    else if ((inst = instance_adopt(&ok->inst, ok->path)) == NULL)
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    else {
        ok->path = NULL;                /* the instance has it */
        *inst_out = inst;
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_instance_res, (char *)&res);
    return rc;
}

int
cimrpc_instance_put(cimrpc_conn *conn, const cimrpc_instance *inst, cimrpc_write_mode mode,
                    char **path_out, cimrpc_error **err_out)
{
    cimrpc_instance_put_args args;
    cimrpc_path_res res;
    int rc = -1;

    if (inst == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "put instance: no instance given");
    memset(&args, 0, sizeof(args));
    if (ops_put_mode(mode, &args.mode, err_out) < 0)
        return -1;
    if (instance_wire_view(inst, &args.inst) < 0)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    memset(&res, 0, sizeof(res));
    if (ops_check_size(conn, (xdrproc_t)xdr_cimrpc_instance_put_args, &args, "put instance",
                       err_out) < 0 ||
        conn_call_session(conn, CIMRPC_INSTANCE_PUT, (xdrproc_t)xdr_cimrpc_instance_put_args,
                          &args, (xdrproc_t)xdr_cimrpc_path_res, &res, "put instance",
                          err_out) < 0) {
        instance_wire_view_free(&args.inst);
        return -1;
    }
    instance_wire_view_free(&args.inst);
    if (res.code != 0)
        error_set_wbem(err_out, res.code, res.cimrpc_path_res_u.reason);
    else {
        if (path_out != NULL) {         /* the path moves to the caller */
            *path_out = res.cimrpc_path_res_u.path;
            res.cimrpc_path_res_u.path = NULL;
        }
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_path_res, (char *)&res);
    return rc;
}

int
cimrpc_instance_delete(cimrpc_conn *conn, const char *path, cimrpc_error **err_out)
{
    cimrpc_path_args args = { .path = (char *)path };

    if (path_check(path, true, err_out) < 0)
        return -1;
    return ops_call_status(conn, CIMRPC_INSTANCE_DELETE, (xdrproc_t)xdr_cimrpc_path_args, &args,
                           "delete instance", err_out);
}
