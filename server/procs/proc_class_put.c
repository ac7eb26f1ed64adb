/*
 * proc_class_put.c: CLASS_PUT creates or updates a class of the session's
 * namespace (repo_class_put() states what an update may change).
 */
#include <config.h>

#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "rpc/session.h"

int
proc_class_put(struct call_context *ctx, cimrpc_class_put_args *args, cimrpc_status_res *res)
{
    struct repo_error err = { "", 0 };
    enum repo_put_mode mode;

    if (proc_put_mode(args->mode, &mode, &res->code, &res->cimrpc_status_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if (repo_class_put(proc_repo(ctx), ctx->session->nspace, &args->cls, mode, &err) < 0)
        return proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
    res->code = 0;
    return 0;
}
