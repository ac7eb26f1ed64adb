/*
 * proc_exec_method.c: EXEC_METHOD checks a method call against its class
 * (the class and method exist, every parameter given is a parameter of
 * the method), then the privileges the method needs, and hands it to the
 * class's provider.  A static class (no Provider qualifier) has nobody to
 * run its methods and answers PROVIDER_NOT_CAPABLE, as WMI does; a
 * provider's methods run in a worker as the session's identity
 * (exec_method_provider.c).  The methods of __SystemSecurity are served
 * by cimrpcd itself (system_security.c).
 *
 * PRIVILEGE CHECK: a method qualified Privileges {"backup", ...} (or a
 * method of a class so qualified) runs only when the caller holds every
 * privilege named and its session asked for it (privilege_check(),
 * security/privilege.h); otherwise ACCESS_DENIED lists the privileges
 * required, those not held and those held but not requested.  One
 * exception, for the shutdown methods of Linux_OperatingSystem: a list
 * naming both shutdown and remote-shutdown needs shutdown from a caller
 * on the local socket and remote-shutdown from one over the network.
 * The check comes before the static/provider decision, so a static
 * class's method reports a missing privilege first; the decision,
 * allowed or refused, is recorded in the audit trail as
 * "NAMESPACE:CLASS::METHOD (Privileges NAME, ...)" (the dispatcher has
 * recorded Execute Methods before).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/exec_method_provider.h"
#include "procs/proc_util.h"
#include "procs/system_security.h"
#include "rpc/identity.h"
#include "rpc/session.h"
#include "security/audit.h"
#include "security/privilege.h"

#define EXEC_METHOD_PRIVILEGES "Privileges"

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

/* The privilege names a method needs (copies: the class they come from
 * is borrowed only until the next repository call). */
struct exec_method_privileges {
    char **names;
    size_t n, cap;
};

static void
exec_method_privileges_free(struct exec_method_privileges *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->names[i]);
    free(p->names);
    memset(p, 0, sizeof(*p));
}

/* Add the names of the Privileges qualifier among QUALS (N of them,
 * borrowed) to P, each once.  0, or -1 when memory ran out. */
static int
exec_method_privileges_add(struct exec_method_privileges *p, const cim_qualifier *quals,
                           u_int n)
{
    for (u_int i = 0; i < n; i++) {
        const cim_value *v = &quals[i].value;

        if (strcasecmp(quals[i].name, EXEC_METHOD_PRIVILEGES) != 0 || v->is_null ||
            v->type != CIM_TYPE_STRING)
            continue;
        for (u_int j = 0; j < v->items.items_len; j++) {
            const char *name = v->items.items_val[j].cim_scalar_u.s;
            bool seen = false;

            if (name == NULL || name[0] == '\0')
                continue;
            for (size_t k = 0; k < p->n && !seen; k++)
                seen = strcasecmp(p->names[k], name) == 0;
            if (seen)
                continue;
            if (p->n == p->cap) {
                size_t cap = p->cap > 0 ? p->cap * 2 : 4;
                char **names = realloc(p->names, cap * sizeof(*names));

                if (names == NULL)
                    return -1;
                p->names = names;
                p->cap = cap;
            }
            if ((p->names[p->n] = strdup(name)) == NULL)
                return -1;
            p->n++;
        }
    }
    return 0;
}

/* Is NAME among P's?  Its index, or -1. */
static long
exec_method_privileges_find(const struct exec_method_privileges *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcasecmp(p->names[i], name) == 0)
            return (long)i;
    return -1;
}

/* The privileges method M of class CLS (both borrowed) needs from the
 * caller of CTX into *P (zeroed here).  0, or -1 when memory ran out. */
static int
exec_method_privileges_of(const struct call_context *ctx, const cim_class *cls,
                          const cim_method *m, struct exec_method_privileges *p)
{
    long local, remote;

    memset(p, 0, sizeof(*p));
    if (exec_method_privileges_add(p, m->qualifiers.qualifiers_val,
                                   m->qualifiers.qualifiers_len) < 0 ||
        exec_method_privileges_add(p, cls->qualifiers.qualifiers_val,
                                   cls->qualifiers.qualifiers_len) < 0) {
        exec_method_privileges_free(p);
        return -1;
    }
    /* shutdown from the local socket, remote-shutdown over the network. */
    local = exec_method_privileges_find(p, "shutdown");
    remote = exec_method_privileges_find(p, "remote-shutdown");
    if (local >= 0 && remote >= 0) {
        size_t drop = (size_t)(ctx->caller->transport == CIMRPC_TRANSPORT_NETWORK ? local
                                                                                  : remote);

        free(p->names[drop]);
        memmove(&p->names[drop], &p->names[drop + 1], (p->n - drop - 1) * sizeof(*p->names));
        p->n--;
    }
    return 0;
}

/*
 * PRIVILEGE CHECK of method METHOD of class CLASS_NAME (borrowed copies)
 * for the call of CTX: P's privileges in effect.  Recorded in the audit
 * trail.  Returns 0 when the method may run, or -1 with the error in RES
 * (or, when RES->code stays 0, out of memory).
 */
static int
exec_method_privilege_check(const struct call_context *ctx, const char *class_name,
                            const char *method, const struct exec_method_privileges *p,
                            cimrpc_exec_method_res *res)
{
    char list[512] = "", object[CIMRPC_NAMESPACE_MAX + 2 * CIM_NAME_MAX + 600];
    char why[CIMRPC_REASON_MAX - 128], refused[CIMRPC_REASON_MAX];
    char reason[CIMRPC_REASON_MAX + 2 * CIM_NAME_MAX];
    bool allowed;

    for (size_t i = 0; i < p->n; i++) {
        size_t used = strlen(list);

        snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "", p->names[i]);
    }
    snprintf(object, sizeof(object), "%s:%s::%s (Privileges %s)", ctx->session->nspace,
             class_name, method, list);
    allowed = privilege_check(proc_repo(ctx), ctx->caller, ctx->session,
                              (const char *const *)p->names, p->n, why, sizeof(why)) == 0;
    if (allowed)
        snprintf(reason, sizeof(reason), "has the privilege%s %s in effect",
                 p->n == 1 ? "" : "s", list);
    else
        snprintf(reason, sizeof(reason), "running %s.%s: %s", class_name, method, why);
    if (audit_call_decision(ctx, NULL, object, allowed, reason, refused, sizeof(refused)) < 0) {
        if (proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                       WBEM_E_ACCESS_DENIED, "%s", refused) < 0)
            res->code = 0;
        return -1;
    }
    return 0;
}

/* Class CLASS_NAME of the session's namespace and its method METHOD into
 * *CLS_OUT and *M_OUT (borrowed until the next repository call).  0, or
 * -1 with the error in RES (RES->code left 0 when memory ran out). */
static int
exec_method_resolve(const struct call_context *ctx, const char *class_name, const char *method,
                    const cim_class **cls_out, const cim_method **m_out,
                    cimrpc_exec_method_res *res)
{
    struct repo_error err = { "", 0 };

    if (repo_class_peek(proc_repo(ctx), ctx->session->nspace, class_name, cls_out, &err) < 0) {
        if (proc_repo_error(&res->code, &res->cimrpc_exec_method_res_u.reason, &err) < 0)
            res->code = 0;
        return -1;
    }
    if ((*m_out = exec_method_find(*cls_out, method)) == NULL) {
        if (proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                       WBEM_E_INVALID_METHOD, "class %s has no method %.300s", (*cls_out)->name,
                       method) < 0)
            res->code = 0;
        return -1;
    }
    return 0;
}

int
proc_exec_method(struct call_context *ctx, cimrpc_exec_method_args *args,
                 cimrpc_exec_method_res *res)
{
    struct exec_method_privileges privileges = { NULL, 0, 0 };
    char class_name[CIM_NAME_MAX + 1], method[CIM_NAME_MAX + 1];
    const cim_class *cls = NULL;
    const cim_method *m = NULL;
    const char *provider;
    struct cim_path path;
    int rc = 0;

    if (proc_path(ctx, args->path, &path, &res->code, &res->cimrpc_exec_method_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if (exec_method_resolve(ctx, path.class_name, args->method, &cls, &m, res) < 0 ||
        exec_method_check_params(m, args, res) < 0) {
        rc = res->code != 0 ? 0 : -1;
        goto cleanup;
    }
    if (exec_method_privileges_of(ctx, cls, m, &privileges) < 0) {
        rc = -1;
        goto cleanup;
    }
    if (privileges.n > 0) {
        /* The check reads the grants: CLS and M are not valid after it. */
        snprintf(class_name, sizeof(class_name), "%s", cls->name);
        snprintf(method, sizeof(method), "%s", m->name);
        if (exec_method_privilege_check(ctx, class_name, method, &privileges, res) < 0 ||
            exec_method_resolve(ctx, class_name, method, &cls, &m, res) < 0) {
            rc = res->code != 0 ? 0 : -1;
            goto cleanup;
        }
    }
    if (system_security_serves(cls->name)) {
        rc = system_security_exec(ctx, &path, m, args, res);
    } else if ((provider = proc_class_provider(cls)) == NULL) {
        rc = proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                        WBEM_E_PROVIDER_NOT_CAPABLE, "class %s is static (no provider serves "
                        "it), so nothing can run its method %s", cls->name, m->name);
    } else {
        rc = exec_method_provider(ctx, cls, m, &path, args, provider, res);
    }
cleanup:
    exec_method_privileges_free(&privileges);
    cim_path_clear(&path);
    return rc;
}
