/*
 * proc_ns_delete.c: NS_DELETE deletes a namespace and everything in and
 * below it.  The session's own namespace, or one above it, cannot go.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "config/config_change.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "repository/repo_namespace.h"
#include "rpc/session.h"

int
proc_ns_delete(struct call_context *ctx, cimrpc_name_args *args, cimrpc_status_res *res)
{
    const char *mine = ctx->session->nspace;
    struct repo_error err = { "", 0 };
    char *path = NULL;
    size_t len;
    int rc;

    if (proc_namespace(ctx, args->name, &path, &res->code,
                       &res->cimrpc_status_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    len = strlen(path);
    if (strncasecmp(mine, path, len) == 0 && (mine[len] == '\0' || mine[len] == '/')) {
        rc = proc_error(&res->code, &res->cimrpc_status_res_u.reason,
                        WBEM_E_INVALID_PARAMETER, "namespace %s holds the session's namespace "
                        "%s; open the session on a namespace above it to delete it", path, mine);
    } else if (repo_namespace_delete(proc_repo(ctx), path, &err) < 0) {
        rc = proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
    } else {
        config_change_touched();        /* its settings went with it */
        res->code = 0;
        rc = 0;
    }
    free(path);
    return rc;
}
