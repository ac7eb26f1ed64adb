/*
 * proc_class_get.c: CLASS_GET reads a class of the session's namespace,
 * resolved (with what it inherits).
 */
#include <config.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "rpc/session.h"

int
proc_class_get(struct call_context *ctx, cimrpc_name_args *args, cimrpc_class_res *res)
{
    struct repo_error err = { "", 0 };
    int found;

    found = repo_class_get(proc_repo(ctx), ctx->session->nspace, args->name,
                           &res->cimrpc_class_res_u.cls, &err);
    if (found == 1) {
        res->code = 0;
        return 0;
    }
    if (found == 0)
        return proc_error(&res->code, &res->cimrpc_class_res_u.reason, WBEM_E_NOT_FOUND,
                          "class %s does not exist in namespace %s", args->name,
                          ctx->session->nspace);
    return proc_repo_error(&res->code, &res->cimrpc_class_res_u.reason, &err);
}
