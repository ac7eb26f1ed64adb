/*
 * proc_class_delete.c: CLASS_DELETE deletes a class of the session's
 * namespace with its subclasses and all their instances.
 */
#include <config.h>

#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "rpc/session.h"

int
proc_class_delete(struct call_context *ctx, cimrpc_name_args *args, cimrpc_status_res *res)
{
    struct repo_error err = { "", 0 };

    if (repo_class_delete(proc_repo(ctx), ctx->session->nspace, args->name, &err) < 0)
        return proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
    res->code = 0;
    return 0;
}
