/*
 * instance_write_provider.c: writes of a provider's instances
 * (instance_write_provider.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "procs/instance_write_provider.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"
#include "security/audit.h"

/* Provider Write on the session's namespace for writing CLS's
 * instances: 0, or -1 with WHY (recorded in the audit trail either way). */
static int
instance_write_allowed(struct call_context *ctx, const cim_class *cls, char *why,
                       size_t why_len)
{
    char what[CIM_NAME_MAX + 64];

    snprintf(what, sizeof(what), "%s (a provider's instances)", cls->name);
    return audit_access_check(ctx, NULL, ctx->session->nspace, CIMRPC_RIGHT_WRITE_PROVIDER,
                              what, why, why_len);
}

/* On the loop once the provider answered a PUT (a call_finish_fn). */
static int
instance_put_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct provider_call *call = job;
    cimrpc_path_res *res = res_arg;

    (void)ctx;
    if (call->code != 0)
        return proc_error(&res->code, &res->cimrpc_path_res_u.reason, call->code, "%s",
                          call->reason);
    res->code = 0;
    res->cimrpc_path_res_u.path = call->state;      /* the relative path, computed before */
    call->state = NULL;
    return 0;
}

/* On the loop once the provider answered a DELETE (a call_finish_fn). */
static int
instance_delete_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct provider_call *call = job;
    cimrpc_status_res *res = res_arg;

    (void)ctx;
    if (call->code != 0)
        return proc_error(&res->code, &res->cimrpc_status_res_u.reason, call->code, "%s",
                          call->reason);
    res->code = 0;
    return 0;
}

/* The common part: the check, the call with OBJECT, the deferral. */
static int
instance_write(struct call_context *ctx, worker_provide_kind kind, const cim_class *cls,
               const char *provider, const cim_instance *object, unsigned int put_mode,
               char *relpath, call_finish_fn *finish, u_int *code_out, char **reason)
{
    struct provider_call *call = NULL;
    char why[CIMRPC_REASON_MAX];
    uint32_t code;

    if (instance_write_allowed(ctx, cls, why, sizeof(why)) < 0) {
        free(relpath);
        return proc_error(code_out, reason, WBEM_E_ACCESS_DENIED, "%s", why);
    }
    if (provider_call_new(ctx, kind, provider, cls->name, NULL, &call, &code, why,
                          sizeof(why)) < 0) {
        free(relpath);
        return code != 0 ? proc_error(code_out, reason, code, "%s", why) : -1;
    }
    call->req.body.worker_request_body_u.provide.put_mode = put_mode;
    call->state = relpath;
    call->free_state = free;
    if (provider_call_set_objects(call, object, NULL, why, sizeof(why)) < 0) {
        provider_call_free(call);
        return proc_error(code_out, reason, WBEM_E_INVALID_OBJECT, "%s", why);
    }
    return call_defer(ctx, provider_call_run, finish, provider_call_free, call);
}

int
instance_put_provider(struct call_context *ctx, cimrpc_instance_put_args *args,
                      const cim_class *cls, const char *provider, cimrpc_path_res *res)
{
    struct repo_error err = { "", 0 };
    char *key, *relpath = NULL;

    if ((key = repo_instance_key(cls, &args->inst, &err)) == NULL)
        return proc_repo_error(&res->code, &res->cimrpc_path_res_u.reason, &err);
    if ((strcmp(key, "@") == 0 ? asprintf(&relpath, "%s=@", cls->name)
                               : asprintf(&relpath, "%s.%s", cls->name, key)) < 0)
        relpath = NULL;
    free(key);
    if (relpath == NULL)
        return -1;
    return instance_write(ctx, WORKER_PROVIDE_PUT, cls, provider, &args->inst,
                          (unsigned int)args->mode, relpath, instance_put_finish, &res->code,
                          &res->cimrpc_path_res_u.reason);
}

int
instance_delete_provider(struct call_context *ctx, const struct cim_path *path,
                         const cim_class *cls, const char *provider, cimrpc_status_res *res)
{
    struct repo_error err = { "", 0 };
    cim_instance keys;
    int rc;

    if (repo_instance_path_keys(cls, path, &keys, &err) < 0)
        return proc_repo_error(&res->code, &res->cimrpc_status_res_u.reason, &err);
    rc = instance_write(ctx, WORKER_PROVIDE_DELETE, cls, provider, &keys, 0, NULL,
                        instance_delete_finish, &res->code, &res->cimrpc_status_res_u.reason);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&keys);
    return rc;
}
