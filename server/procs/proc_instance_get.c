/*
 * proc_instance_get.c: INSTANCE_GET reads an instance of the session's
 * namespace by its path, with its relative path and the properties the
 * caller selected.  An instance of a class served by a provider is asked
 * of the provider, in a worker running as the session's identity
 * (procs/provider_call.h), and checked against its class.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_select.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"

/* On the loop once the provider answered a GET (a call_finish_fn): the
 * instance, checked against its class and selected as asked. */
static int
instance_get_provider_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct provider_call *call = job;
    const cimrpc_instance_get_args *args = call->state;
    cimrpc_instance_res *res = res_arg;
    char **reason = &res->cimrpc_instance_res_u.reason;
    struct repo_error err = { "", 0 };
    char why[CIMRPC_REASON_MAX - 256];
    const cim_class *cls;
    const char *class_name = call->req.body.worker_request_body_u.provide.class_name;

    if (call->code != 0)
        return proc_error(&res->code, reason, call->code, "%s", call->reason);
    if (repo_class_peek(proc_repo(ctx), ctx->session->nspace, class_name, &cls, &err) < 0)
        return proc_repo_error(&res->code, reason, &err);
    if (call->n_objects != 1)
        snprintf(why, sizeof(why), "it answered a GET with %zu instances", call->n_objects);
    if (call->n_objects != 1 || provider_check_instance(cls, &call->objects[0], why,
                                                        sizeof(why)) < 0)
        return proc_error(&res->code, reason, WBEM_E_PROVIDER_FAILURE, "the provider of class "
                          "%s broke its contract: %s", cls->name, why);
    if (proc_select_check(cls, &args->select, &res->code, reason) < 0 ||
        proc_select_apply(cls, &args->select, &call->objects[0], NULL,
                          &res->cimrpc_instance_res_u.ok, &res->code, reason) < 0)
        return res->code != 0 ? 0 : -1;
    res->code = 0;
    return 0;
}

/* GET of an instance of CLS, served by PROVIDER: defer the call. */
static int
instance_get_provider(struct call_context *ctx, cimrpc_instance_get_args *args,
                      const cim_class *cls, const struct cim_path *path, const char *provider,
                      cimrpc_instance_res *res)
{
    char **reason = &res->cimrpc_instance_res_u.reason;
    struct repo_error err = { "", 0 };
    struct provider_call *call = NULL;
    char why[CIMRPC_REASON_MAX];
    cim_instance keys = { 0 };
    uint32_t code;
    int rc;

    if (repo_instance_path_keys(cls, path, &keys, &err) < 0)
        return proc_repo_error(&res->code, reason, &err);
    if (provider_call_new(ctx, WORKER_PROVIDE_GET, provider, cls->name, NULL, &call, &code,
                          why, sizeof(why)) < 0)
        rc = code != 0 ? proc_error(&res->code, reason, code, "%s", why) : -1;
    else if (provider_call_set_objects(call, &keys, NULL, why, sizeof(why)) < 0)
        rc = proc_error(&res->code, reason, WBEM_E_INVALID_OBJECT_PATH, "%s", why);
    else {
        call->state = args;             /* borrowed: the call's arguments outlive it */
        rc = call_defer(ctx, provider_call_run, instance_get_provider_finish,
                        provider_call_free, call);
        call = NULL;
    }
    provider_call_free(call);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&keys);
    return rc;
}

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
    /* A class served by a provider has no stored instances: ask it. */
    if (repo_class_peek(repo, nspace, path.class_name, &cls, &err) == 0 &&
        proc_class_provider(cls) != NULL) {
        rc = instance_get_provider(ctx, args, cls, &path, proc_class_provider(cls), res);
        cim_path_clear(&path);
        return rc;
    }
    cls = NULL;
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
