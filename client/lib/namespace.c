/*
 * namespace.c: listing, creating and deleting namespaces (NS_LIST,
 * NS_CREATE, NS_DELETE).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "error.h"
#include "ops.h"

/* Is PATH (WHAT: "a namespace") given, and short enough?  The server
 * judges the rest: it takes "root/..." as it is and anything else as
 * relative to the session's namespace.  0, or -1 with a usage error. */
static int
namespace_check(const char *path, const char *what, cimrpc_error **err_out)
{
    if (path == NULL || path[0] == '\0' || strlen(path) > CIMRPC_NAMESPACE_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is a namespace path of 1 to %d "
                         "bytes: root/cimv2, or one relative to the session's namespace",
                         what, CIMRPC_NAMESPACE_MAX);
    return 0;
}

void
cimrpc_strv_free(char **strv)
{
    if (strv == NULL)
        return;
    for (char **s = strv; *s != NULL; s++)
        free(*s);
    free(strv);
}

int
cimrpc_ns_list(cimrpc_conn *conn, const char *parent, bool recursive, char ***names_out,
               size_t *n_out, cimrpc_error **err_out)
{
    cimrpc_ns_list_args args = { .parent = (char *)(parent != NULL ? parent : ""),
                                 .recursive = recursive };
    cimrpc_ns_list_res res;
    char **names = NULL;
    u_int n;
    int rc = -1;

    if (parent != NULL && parent[0] != '\0' &&
        namespace_check(parent, "the parent namespace", err_out) < 0)
        return -1;
    memset(&res, 0, sizeof(res));
    if (conn_call_session(conn, CIMRPC_NS_LIST, (xdrproc_t)xdr_cimrpc_ns_list_args, &args,
                          (xdrproc_t)xdr_cimrpc_ns_list_res, &res, "list namespaces",
                          err_out) < 0)
        return -1;
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_ns_list_res_u.reason);
        goto cleanup;
    }
    n = res.cimrpc_ns_list_res_u.names.names_len;     /* at most CIMRPC_NAMESPACES_MAX */
    if ((names = calloc((size_t)n + 1, sizeof(*names))) == NULL) {
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        goto cleanup;
    }
    for (u_int i = 0; i < n; i++) {         /* the strings move to the array */
        names[i] = res.cimrpc_ns_list_res_u.names.names_val[i];
        res.cimrpc_ns_list_res_u.names.names_val[i] = NULL;
    }
    *names_out = names;
    if (n_out != NULL)
        *n_out = n;
    rc = 0;
cleanup:
    xdr_free((xdrproc_t)xdr_cimrpc_ns_list_res, (char *)&res);
    return rc;
}

/* NS_CREATE or NS_DELETE of PATH. */
static int
namespace_change(cimrpc_conn *conn, rpcproc_t proc, const char *path, const char *what,
                 cimrpc_error **err_out)
{
    cimrpc_name_args args = { .name = (char *)path };

    if (namespace_check(path, "the namespace", err_out) < 0)
        return -1;
    return ops_call_status(conn, proc, (xdrproc_t)xdr_cimrpc_name_args, &args, what, err_out);
}

int
cimrpc_ns_create(cimrpc_conn *conn, const char *path, cimrpc_error **err_out)
{
    return namespace_change(conn, CIMRPC_NS_CREATE, path, "create namespace", err_out);
}

int
cimrpc_ns_delete(cimrpc_conn *conn, const char *path, cimrpc_error **err_out)
{
    return namespace_change(conn, CIMRPC_NS_DELETE, path, "delete namespace", err_out);
}
