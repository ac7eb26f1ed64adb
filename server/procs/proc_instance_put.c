/*
 * proc_instance_put.c: INSTANCE_PUT stores a static instance in the
 * session's namespace and answers with its relative path.
 */
#include <config.h>

#include "dispatch_procs.h"
#include "procs/instance_write_provider.h"
#include "procs/proc_util.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"

int
proc_instance_put(struct call_context *ctx, cimrpc_instance_put_args *args, cimrpc_path_res *res)
{
    struct repo_error err = { "", 0 };
    enum repo_put_mode mode;
    char *relpath = NULL;

    if (proc_put_mode(args->mode, &mode, &res->code, &res->cimrpc_path_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    {
        const cim_class *cls;
        const char *provider;

        /* A provider's instances are written through the provider. */
        if (repo_class_peek(proc_repo(ctx), ctx->session->nspace, args->inst.class_name, &cls,
                            &err) == 0 && (provider = proc_class_provider(cls)) != NULL)
            return instance_put_provider(ctx, args, cls, provider, res);
    }
    if (repo_instance_put(proc_repo(ctx), ctx->session->nspace, &args->inst, mode, &relpath,
                          &err) < 0)
        return proc_repo_error(&res->code, &res->cimrpc_path_res_u.reason, &err);
    res->code = 0;
    res->cimrpc_path_res_u.path = relpath;
    return 0;
}
