/*
 * proc_instance_get.c: INSTANCE_GET reads an instance of the session's
 * namespace by its path, with its relative path and the properties the
 * caller selected.
 */
#include <config.h>

#include <string.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_select.h"
#include "procs/proc_util.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"

int
proc_instance_get(struct call_context *ctx, cimrpc_instance_get_args *args,
                  cimrpc_instance_res *res)
{
    struct repo *repo = proc_repo(ctx);
    const char *nspace = ctx->session->nspace;
    struct repo_error err = { "", 0 };
    const cim_class *cls = NULL;
    struct cim_path path;
    cim_instance inst;
    int found, rc = 0;

    if (proc_path(ctx, args->path, &path, &res->code, &res->cimrpc_instance_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    memset(&inst, 0, sizeof(inst));
    found = repo_instance_get(repo, nspace, &path, &inst, &err);
    /* The instance's own class (it may be a subclass of the path's), from
     * the handle's cache: borrowed until the next repository call. */
    if (found == 1 && repo_class_peek(repo, nspace, inst.class_name, &cls, &err) < 0)
        found = -1;
    if (found == 1) {
        if (proc_select_check(cls, &args->select, &res->code,
                              &res->cimrpc_instance_res_u.reason) == 0 &&
            proc_select_apply(cls, &args->select, &inst, NULL, &res->cimrpc_instance_res_u.ok,
                              &res->code, &res->cimrpc_instance_res_u.reason) == 0)
            res->code = 0;
        else if (res->code == 0)
            rc = -1;
    } else if (found == 0) {
        rc = proc_error(&res->code, &res->cimrpc_instance_res_u.reason, WBEM_E_NOT_FOUND,
                        "there is no instance %.300s in namespace %s", args->path, nspace);
    } else {
        rc = proc_repo_error(&res->code, &res->cimrpc_instance_res_u.reason, &err);
    }
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    cim_path_clear(&path);
    return rc;
}
