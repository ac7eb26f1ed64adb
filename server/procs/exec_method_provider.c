/*
 * exec_method_provider.c: a method served by a provider
 * (exec_method_provider.h).
 *
 * Before the call: every in-parameter must be declared In and be of its
 * declared type (the worker trusts the daemon to have checked); the keys
 * of the path are converted as a GET converts them.  After it: the
 * worker's answer is one instance of __PARAMETERS whose ReturnValue has
 * the method's return type and whose other properties are declared Out
 * parameters of their declared types; anything else is the provider's
 * fault (PROVIDER_FAILURE naming what is wrong), never passed on.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_type.h"
#include "common/wbem.h"
#include "common/xdr_blob.h"
#include "log.h"
#include "procs/exec_method_provider.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "repository/repo_instance.h"

#define EXEC_METHOD_RETURN "ReturnValue"
#define EXEC_METHOD_PARAMS_CLASS "__PARAMETERS"

static const cim_parameter *
exec_method_param(const cim_method *m, const char *name)
{
    for (u_int i = 0; i < m->parameters.parameters_len; i++)
        if (strcasecmp(m->parameters.parameters_val[i].name, name) == 0)
            return &m->parameters.parameters_val[i];
    return NULL;
}

/* Describe a declared type: "uint32", "string[]". */
static void
exec_method_type_text(cim_type type, int array_size, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", cim_type_name(type), array_size >= 0 ? "[]" : "");
}

static void
exec_method_state_free(void *state)
{
    if (state != NULL) {
        xdr_free((xdrproc_t)xdr_cim_method, state);
        free(state);
    }
}

/* Check the provider's answer OUT against method M: 0, or -1 with WHY. */
static int
exec_method_check_answer(const cim_method *m, const cim_instance *out, char *why,
                         size_t why_len)
{
    bool have_return = false;
    char want[64];

    for (u_int i = 0; i < out->properties.properties_len; i++) {
        const cim_property_value *pv = &out->properties.properties_val[i];
        const cim_parameter *p;

        for (u_int j = 0; j < i; j++)
            if (strcasecmp(out->properties.properties_val[j].name, pv->name) == 0) {
                snprintf(why, why_len, "it returned %s twice", pv->name);
                return -1;
            }
        if (strcasecmp(pv->name, EXEC_METHOD_RETURN) == 0) {
            have_return = true;
            if (m->return_type == CIM_TYPE_VOID || pv->value.is_null ||
                !provider_value_fits(&pv->value, m->return_type, -1)) {
                snprintf(why, why_len, "its return value is %s%s, but the method returns %s",
                         pv->value.is_null ? "null" : cim_type_name(pv->value.type),
                         pv->value.is_array ? "[]" : "", cim_type_name(m->return_type));
                return -1;
            }
            continue;
        }
        p = exec_method_param(m, pv->name);
        if (p == NULL || !provider_qualifier_true(p->qualifiers.qualifiers_val,
                                                p->qualifiers.qualifiers_len, "Out")) {
            snprintf(why, why_len, "it returned %.200s, which is not an output parameter",
                     pv->name);
            return -1;
        }
        if (!provider_value_fits(&pv->value, p->type, p->array_size)) {
            exec_method_type_text(p->type, p->array_size, want, sizeof(want));
            snprintf(why, why_len, "it returned %s as %s%s, but the parameter is %s", p->name,
                     cim_type_name(pv->value.type), pv->value.is_array ? "[]" : "", want);
            return -1;
        }
    }
    if (!have_return && m->return_type != CIM_TYPE_VOID) {
        snprintf(why, why_len, "it returned no %s", EXEC_METHOD_RETURN);
        return -1;
    }
    return 0;
}

/* On the loop once the worker answered: the result, checked (a
 * call_finish_fn). */
static int
exec_method_provider_finish(struct call_context *ctx, void *job, void *res_arg)
{
    struct provider_call *call = job;
    const cim_method *m = call->state;
    cimrpc_exec_method_res *res = res_arg;
    cimrpc_exec_method_ok *ok = &res->cimrpc_exec_method_res_u.ok;
    char why[CIMRPC_REASON_MAX - 256];
    cim_instance *out;
    u_int n, k = 0;

    if (call->code != 0)
        return proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason, call->code, "%s",
                          call->reason);
    out = call->n_objects == 1 ? &call->objects[0] : NULL;
    if (out == NULL || strcasecmp(out->class_name, EXEC_METHOD_PARAMS_CLASS) != 0)
        snprintf(why, sizeof(why), "it answered with %zu objects, not one instance of %s",
                 call->n_objects, EXEC_METHOD_PARAMS_CLASS);
    if (out == NULL || strcasecmp(out->class_name, EXEC_METHOD_PARAMS_CLASS) != 0 ||
        exec_method_check_answer(m, out, why, sizeof(why)) < 0)
        return proc_error(&res->code, &res->cimrpc_exec_method_res_u.reason,
                          WBEM_E_PROVIDER_FAILURE, "the provider of method %s broke its "
                          "contract: %s", m->name, why);

    if (call->reason[0] != '\0')
        log_msg(LOG_INFO, "%s.%s for %s (%s): %s",
                call->req.body.worker_request_body_u.provide.class_name, m->name,
                call->account, ctx->peer, call->reason);

    /* Move the answer's values into the result. */
    n = out->properties.properties_len;
    res->code = 0;
    memset(ok, 0, sizeof(*ok));
    ok->return_value.type = CIM_TYPE_VOID;
    ok->return_value.is_null = true;
    if (n > 0 && (ok->out_params.out_params_val = calloc(n, sizeof(cim_property_value))) == NULL)
        return -1;
    for (u_int i = 0; i < n; i++) {
        cim_property_value *pv = &out->properties.properties_val[i];

        if (strcasecmp(pv->name, EXEC_METHOD_RETURN) == 0) {
            ok->return_value = pv->value;
            free(pv->name);
        } else {
            ok->out_params.out_params_val[k++] = *pv;
        }
        memset(pv, 0, sizeof(*pv));
    }
    ok->out_params.out_params_len = k;
    out->properties.properties_len = 0;
    return 0;
}

int
exec_method_provider(struct call_context *ctx, const cim_class *cls, const cim_method *m,
                     const struct cim_path *path, const cimrpc_exec_method_args *args,
                     const char *provider, cimrpc_exec_method_res *res)
{
    char **reason = &res->cimrpc_exec_method_res_u.reason;
    cim_instance keys = { 0 }, params = { 0 };
    struct provider_call *call = NULL;
    struct repo_error err = { "", 0 };
    char why[CIMRPC_REASON_MAX], want[64];
    cim_method *copy = NULL;
    bool have_keys = false;
    uint32_t code;
    int rc = -1;

    for (u_int i = 0; i < args->in_params.in_params_len; i++) {
        const cim_property_value *pv = &args->in_params.in_params_val[i];
        const cim_parameter *p = exec_method_param(m, pv->name);

        if (p == NULL || !provider_qualifier_true(p->qualifiers.qualifiers_val,
                                                p->qualifiers.qualifiers_len, "In"))
            return proc_error(&res->code, reason, WBEM_E_INVALID_METHOD_PARAMETERS,
                              "parameter %s of method %s is not an input (In) parameter",
                              pv->name, m->name);
        if (!provider_value_fits(&pv->value, p->type, p->array_size)) {
            exec_method_type_text(p->type, p->array_size, want, sizeof(want));
            return proc_error(&res->code, reason, WBEM_E_INVALID_METHOD_PARAMETERS,
                              "parameter %s of method %s.%s is %s, not %s%s", pv->name,
                              cls->name, m->name, want, cim_type_name(pv->value.type),
                              pv->value.is_array ? "[]" : "");
        }
    }
    if (cim_path_is_instance(path)) {
        if (repo_instance_path_keys(cls, path, &keys, &err) < 0)
            return proc_repo_error(&res->code, reason, &err);
        have_keys = true;
    } else if (!provider_qualifier_true(m->qualifiers.qualifiers_val, m->qualifiers.qualifiers_len,
                                      "Static")) {
        return proc_error(&res->code, reason, WBEM_E_INVALID_METHOD_PARAMETERS,
                          "method %s.%s runs on an instance: give its path (%s.Key=value), "
                          "not the class's", cls->name, m->name, cls->name);
    }
    params.class_name = (char *)EXEC_METHOD_PARAMS_CLASS;
    params.properties.properties_len = args->in_params.in_params_len;
    params.properties.properties_val = args->in_params.in_params_val;

    if (provider_call_new(ctx, WORKER_PROVIDE_INVOKE, provider, cls->name, m->name, &call,
                          &code, why, sizeof(why)) < 0) {
        rc = code != 0 ? proc_error(&res->code, reason, code, "%s", why) : -1;
        goto cleanup;
    }
    if (provider_call_set_objects(call, have_keys ? &keys : NULL, &params, why,
                                  sizeof(why)) < 0) {
        rc = proc_error(&res->code, reason, WBEM_E_INVALID_METHOD_PARAMETERS, "%s", why);
        goto cleanup;
    }
    /* The declaration, for checking the answer on the loop afterwards. */
    if ((copy = calloc(1, sizeof(*copy))) == NULL ||
        xdr_blob_copy((xdrproc_t)xdr_cim_method, (void *)m, copy) < 0) {
        free(copy);
        goto cleanup;
    }
    call->state = copy;
    call->free_state = exec_method_state_free;
    rc = call_defer(ctx, provider_call_run, exec_method_provider_finish, provider_call_free,
                    call);
    call = NULL;

cleanup:
    provider_call_free(call);
    if (have_keys)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&keys);
    return rc;
}
