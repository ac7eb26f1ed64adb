/*
 * proc_instance_delete.c: INSTANCE_DELETE deletes a static instance of
 * the session's namespace by its path.
 */
#include <config.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/instance_write_provider.h"
#include "procs/proc_util.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"

int
proc_instance_delete(struct call_context *ctx, cimrpc_path_args *args, cimrpc_status_res *res)
{
    struct repo_error err = { "", 0 };
    struct cim_path path;
    int found, rc = 0;

    if (proc_path(ctx, args->path, &path, &res->code, &res->cimrpc_status_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    {
        const cim_class *cls;
        const char *provider;

        /* A provider's instances are deleted through the provider. */
        if (repo_class_peek(proc_repo(ctx), ctx->session->nspace, path.class_name, &cls,
                            &err) == 0 && (provider = proc_class_provider(cls)) != NULL) {
            rc = instance_delete_provider(ctx, &path, cls, provider, res);
            cim_path_clear(&path);
            return rc;
        }
    }
    found = repo_instance_delete(proc_repo(ctx), ctx->session->nspace, &path, &err);
    if (found == 1)
        res->code = 0;
    else if (found == 0)
        rc = proc_error(&res->code, &res->cimrpc_status_res_u.reason, WBEM_E_NOT_FOUND,
                        "there is no instance %.300s in namespace %s to delete", args->path,
                        ctx->session->nspace);
    else
        rc = proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
    cim_path_clear(&path);
    return rc;
}
