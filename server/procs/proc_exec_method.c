/*
 * proc_exec_method.c: EXEC_METHOD checks a method call against its class
 * (the class and method exist, every parameter given is a parameter of
 * the method) and hands it to the class's provider.  A static class (no
 * Provider qualifier) has nobody to run its methods and answers
 * PROVIDER_NOT_CAPABLE, as WMI does; provider-backed classes answer
 * NOT_SUPPORTED until this cimrpcd can run providers.  The methods of
 * __SystemSecurity are served by cimrpcd itself (system_security.c).
 */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "procs/system_security.h"
#include "rpc/session.h"

static const cim_method *
exec_method_find(const cim_class *cls, const char *name)
{
    for (u_int i = 0; i < cls->methods.methods_len; i++)
        if (strcasecmp(cls->methods.methods_val[i].name, name) == 0)
            return &cls->methods.methods_val[i];
    return NULL;
}

/* Check the parameters given against M: 0, or -1 with the error set. */
static int
exec_method_check_params(const cim_method *m, const cimrpc_exec_method_args *args,
                         cimrpc_exec_method_res *res)
{
    for (u_int i = 0; i < args->in_params.in_params_len; i++) {
        const char *name = args->in_params.in_params_val[i].name;
        bool known = false;

        for (u_int j = 0; j < m->parameters.parameters_len && !known; j++)
            known = strcasecmp(m->parameters.parameters_val[j].name, name) == 0;
        if (!known) {
            proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                       WBEM_E_INVALID_METHOD_PARAMETERS, "method %s has no parameter %.300s",
                       m->name, name);
            return -1;
        }
        for (u_int j = 0; j < i; j++)
            if (strcasecmp(args->in_params.in_params_val[j].name, name) == 0) {
                proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                           WBEM_E_INVALID_METHOD_PARAMETERS, "parameter %.300s of method %s "
                           "is given twice", name, m->name);
                return -1;
            }
    }
    return 0;
}

int
proc_exec_method(struct call_context *ctx, cimrpc_exec_method_args *args,
                 cimrpc_exec_method_res *res)
{
    const char *nspace = ctx->session->nspace, *provider;
    struct repo_error err = { "", 0 };
    const cim_class *cls = NULL;
    const cim_method *m;
    struct cim_path path;
    int rc = 0;

    if (proc_path(ctx, args->path, &path, &res->code, &res->cimrpc_exec_method_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if (repo_class_peek(proc_repo(ctx), nspace, path.class_name, &cls, &err) < 0) {
        rc = proc_repo_error(&res->code, &res->cimrpc_exec_method_res_u.reason, &err);
    } else if ((m = exec_method_find(cls, args->method)) == NULL) {
        rc = proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason, WBEM_E_INVALID_METHOD,
                        "class %s has no method %.300s", cls->name, args->method);
    } else if (exec_method_check_params(m, args, res) < 0) {
        rc = res->code != 0 ? 0 : -1;
    } else if (system_security_serves(cls->name)) {
        rc = system_security_exec(ctx, &path, m, args, res);
    } else if ((provider = proc_class_provider(cls)) == NULL) {
        rc = proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                        WBEM_E_PROVIDER_NOT_CAPABLE, "class %s is static (no provider serves "
                        "it), so nothing can run its method %s", cls->name, m->name);
    } else {
        rc = proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason, WBEM_E_NOT_SUPPORTED,
                        "method %s.%s is served by provider %s, and this cimrpcd does not run "
                        "providers yet", cls->name, m->name, provider);
    }
    cim_path_clear(&path);
    return rc;
}
