/*
 * method.c: running a method of an instance or a class (EXEC_METHOD).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "error.h"
#include "ops.h"
#include "params.h"
#include "path.h"
#include "value.h"
#include "wire.h"

/* Check the result OK: its return value (void allowed) and output
 * parameters.  0, or -1 with WHY. */
static int
method_check(const cimrpc_exec_method_ok *ok, char *why, size_t why_len)
{
    char inner[512];

    if (wire_check_value(&ok->return_value, true, 0, inner, sizeof(inner)) < 0) {
        snprintf(why, why_len, "the return value: %s", inner);
        return -1;
    }
    for (u_int i = 0; i < ok->out_params.out_params_len; i++) {
        const cim_property_value *p = &ok->out_params.out_params_val[i];
        if (p->name == NULL || p->name[0] == '\0') {
            snprintf(why, why_len, "an output parameter has no name");
            return -1;
        }
        if (wire_check_value(&p->value, false, 0, inner, sizeof(inner)) < 0) {
            snprintf(why, why_len, "output parameter %s: %s", p->name, inner);
            return -1;
        }
    }
    return 0;
}

/* Hand the results OK over: the return value (NULL for void) to
 * *RET_OUT and the output parameters to *OUT_OUT, each when wanted.  0,
 * or -1 when memory runs out (nothing handed over). */
static int
method_results(cimrpc_exec_method_ok *ok, cimrpc_value **ret_out, cimrpc_params **out_out)
{
    cimrpc_value *ret = NULL;
    cimrpc_params *out = NULL;

    if (ret_out != NULL && ok->return_value.type != CIM_TYPE_VOID &&
        (ret = value_adopt(&ok->return_value)) == NULL)
        return -1;
    if (out_out != NULL &&
        ((out = cimrpc_params_new()) == NULL ||
         nvlist_adopt(&out->list, ok->out_params.out_params_val,
                      ok->out_params.out_params_len) < 0)) {
        free(out);
        cimrpc_value_free(ret);
        return -1;
    }
    if (ret_out != NULL)
        *ret_out = ret;
    if (out_out != NULL)
        *out_out = out;
    return 0;
}

int
cimrpc_exec_method(cimrpc_conn *conn, const char *path, const char *method,
                   const cimrpc_params *in, cimrpc_value **ret_out, cimrpc_params **out_out,
                   cimrpc_error **err_out)
{
    cimrpc_exec_method_args args;
    cimrpc_exec_method_res res;
    char why[1024];
    int rc = -1;

    if (path_check(path, false, err_out) < 0 || ops_check_name(method, "method", err_out) < 0)
        return -1;
    memset(&args, 0, sizeof(args));
    args.path = (char *)path;
    args.method = (char *)method;
    if (in != NULL) {
        if (nvlist_view(&in->list, &args.in_params.in_params_val) < 0)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        args.in_params.in_params_len = (u_int)in->list.n;
    }
    memset(&res, 0, sizeof(res));
    if (ops_check_size(conn, (xdrproc_t)xdr_cimrpc_exec_method_args, &args, "exec method",
                       err_out) < 0 ||
        conn_call_session(conn, CIMRPC_EXEC_METHOD, (xdrproc_t)xdr_cimrpc_exec_method_args,
                          &args, (xdrproc_t)xdr_cimrpc_exec_method_res, &res, "exec method",
                          err_out) < 0) {
        free(args.in_params.in_params_val);
        return -1;
    }
    free(args.in_params.in_params_val);     /* the view: only the array is ours */
    if (res.code != 0)
        error_set_wbem(err_out, res.code, res.cimrpc_exec_method_res_u.reason);
    else if (method_check(&res.cimrpc_exec_method_res_u.ok, why, sizeof(why)) < 0)
        wire_error(err_out, conn, "exec method", why);
    else if (method_results(&res.cimrpc_exec_method_res_u.ok, ret_out, out_out) < 0)
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    else
        rc = 0;
    xdr_free((xdrproc_t)xdr_cimrpc_exec_method_res, (char *)&res);
    return rc;
}
