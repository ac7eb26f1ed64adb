/*
 * proc_ns_create.c: NS_CREATE creates a namespace under an existing one,
 * with the qualifiers and system classes every namespace has, in one
 * transaction.
 */
#include <config.h>

#include <stdlib.h>

#include "dispatch_procs.h"
#include "mof/mof_schema.h"
#include "procs/proc_util.h"
#include "repository/repo_namespace.h"

int
proc_ns_create(struct call_context *ctx, cimrpc_name_args *args, cimrpc_status_res *res)
{
    struct repo *repo = proc_repo(ctx);
    struct repo_error err = { "", 0 };
    char *path = NULL;
    int rc = -1;

    if (proc_namespace(ctx, args->name, &path, &res->code,
                       &res->cimrpc_status_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if (repo_begin(repo, &err) == 0) {
        if (repo_namespace_create(repo, path, &err) == 0 &&
            mof_schema_install(repo, path, MOF_SCHEMA_SYSTEM, &err) == 0 &&
            repo_commit(repo, &err) == 0)
            rc = 0;
        else
            repo_rollback(repo);
    }
    free(path);
    if (rc == 0) {
        res->code = 0;
        return 0;
    }
    return proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
}
