/*
 * mof.c: compiling MOF on the server (MOF_COMPILE): the file and those it
 * includes are read here (mofscan.c) and sent together.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "error.h"
#include "mofscan.h"
#include "ops.h"

int
cimrpc_mof_compile(cimrpc_conn *conn, const char *file, cimrpc_mof_stats *stats_out,
                   cimrpc_error **err_out)
{
    struct mofscan scan = { 0 };
    cimrpc_mof_compile_args args;
    cimrpc_mof_compile_res res;
    cimrpc_mof_file *files = NULL;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    memset(&res, 0, sizeof(res));
    if (mofscan_collect(&scan, file, err_out) < 0)
        goto cleanup;
    if ((files = calloc(scan.n, sizeof(*files))) == NULL) {
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < scan.n; i++) {           /* borrowed from the scan */
        files[i].name = scan.files[i].name;
        files[i].text.text_val = scan.files[i].text;
        files[i].text.text_len = (u_int)scan.files[i].len;
    }
    args.files.files_val = files;
    args.files.files_len = (u_int)scan.n;
    if (ops_check_size(conn, (xdrproc_t)xdr_cimrpc_mof_compile_args, &args, "compile MOF",
                       err_out) < 0 ||
        conn_call_session(conn, CIMRPC_MOF_COMPILE, (xdrproc_t)xdr_cimrpc_mof_compile_args,
                          &args, (xdrproc_t)xdr_cimrpc_mof_compile_res, &res, "compile MOF",
                          err_out) < 0)
        goto cleanup;
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_mof_compile_res_u.reason);
    } else {
        if (stats_out != NULL) {
            const cimrpc_mof_compile_ok *ok = &res.cimrpc_mof_compile_res_u.ok;
            stats_out->qualifiers = ok->qualifiers;
            stats_out->classes = ok->classes;
            stats_out->instances = ok->instances;
            stats_out->namespaces = ok->namespaces;
        }
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_mof_compile_res, (char *)&res);
cleanup:
    free(files);
    mofscan_clear(&scan);
    return rc;
}
