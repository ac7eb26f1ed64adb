/*
 * provider_args.c: keys and in-parameters of a PROVIDE request
 * (provider_args.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/cim_type.h"
#include "common/wbem.h"
#include "worker/provider_args.h"

/* The name of TYPE for messages, "uint32[]" for an array. */
static const char *
type_text(const cim_value *v, char *buf, size_t len)
{
    const char *name = cim_type_name(v->type);

    snprintf(buf, len, "%s%s", name ? name : "an unknown type", v->is_array ? "[]" : "");
    return buf;
}

int
provider_keys_read(struct provider_call *call, const cim_instance *keys,
                   const struct provider_key *spec, size_t n, const char **values_out)
{
    const char *cls = provider_call_class(call);
    char tbuf[64];

    for (size_t i = 0; i < n; i++)
        values_out[i] = NULL;
    for (u_int p = 0; p < keys->properties.properties_len; p++) {
        const cim_property_value *pv = &keys->properties.properties_val[p];
        size_t i;

        for (i = 0; i < n; i++)
            if (strcasecmp(pv->name, spec[i].name) == 0)
                break;
        if (i == n)
            return provider_fail(call, WBEM_E_INVALID_PARAMETER,
                                 "%s is not a key property of %s", pv->name, cls);
        if (values_out[i])
            return provider_fail(call, WBEM_E_INVALID_PARAMETER,
                                 "the key %s of %s is given twice", spec[i].name, cls);
        if (pv->value.type != CIM_TYPE_STRING || pv->value.is_array)
            return provider_fail(call, WBEM_E_INVALID_PARAMETER,
                                 "the key %s of %s must be a string, not %s", spec[i].name, cls,
                                 type_text(&pv->value, tbuf, sizeof(tbuf)));
        if (pv->value.is_null || pv->value.items.items_len != 1)
            return provider_fail(call, WBEM_E_INVALID_PARAMETER,
                                 "the key %s of %s is NULL", spec[i].name, cls);
        values_out[i] = pv->value.items.items_val[0].cim_scalar_u.s;
    }
    for (size_t i = 0; i < n; i++)
        if (!values_out[i])
            return provider_fail(call, WBEM_E_INVALID_PARAMETER,
                                 "the key %s of %s is missing", spec[i].name, cls);
    for (size_t i = 0; i < n; i++) {
        bool same;

        if (!spec[i].want)
            continue;
        same = spec[i].want_exact ? strcmp(values_out[i], spec[i].want) == 0
                                  : strcasecmp(values_out[i], spec[i].want) == 0;
        if (!same)
            return provider_fail(call, WBEM_E_NOT_FOUND,
                                 "no %s has %s \"%.128s\" here: it is \"%.128s\" on this system",
                                 cls, spec[i].name, values_out[i], spec[i].want);
    }
    return 0;
}

int
provider_method_target(struct provider_call *call, const char *method,
                       const cim_instance *keys, bool is_static)
{
    if (!is_static && !keys)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                             "%s.%s is not static: call it on an instance",
                             provider_call_class(call), method);
    return 0;                   /* a static method may also be called through an instance */
}

/* The property NAME of PARAMS, or NULL. */
static const cim_property_value *
param_find(const cim_instance *params, const char *name)
{
    for (u_int i = 0; i < params->properties.properties_len; i++)
        if (strcasecmp(params->properties.properties_val[i].name, name) == 0)
            return &params->properties.properties_val[i];
    return NULL;
}

int
provider_params_check(struct provider_call *call, const char *method,
                      const cim_instance *params, const char *const *names, size_t n)
{
    const char *cls = provider_call_class(call);

    for (u_int p = 0; p < params->properties.properties_len; p++) {
        const char *name = params->properties.properties_val[p].name;
        size_t i;

        for (i = 0; i < n; i++)
            if (strcasecmp(name, names[i]) == 0)
                break;
        if (i == n)
            return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                                 "%s.%s has no in-parameter %s", cls, method, name);
        for (u_int q = 0; q < p; q++)
            if (strcasecmp(name, params->properties.properties_val[q].name) == 0)
                return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                                     "the parameter %s of %s.%s is given twice", name, cls,
                                     method);
    }
    return 0;
}

/* The scalar value of NAME: 1 with *V_OUT, 0 when absent or NULL (an
 * error when REQUIRED), -1 on error (not TYPE, or an array). */
static int
param_scalar(struct provider_call *call, const char *method, const cim_instance *params,
             const char *name, cim_type type, bool required, const cim_value **v_out)
{
    const cim_property_value *pv = param_find(params, name);
    const char *want = cim_type_name(type);
    char tbuf[64];

    *v_out = NULL;
    if (!pv || pv->value.is_null) {
        if (required)
            return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                                 "%s.%s needs the parameter %s", provider_call_class(call),
                                 method, name);
        return 0;
    }
    if (pv->value.type != type || pv->value.is_array || pv->value.items.items_len != 1)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                             "the parameter %s of %s.%s must be a %s, not %s", name,
                             provider_call_class(call), method, want ? want : "?",
                             type_text(&pv->value, tbuf, sizeof(tbuf)));
    *v_out = &pv->value;
    return 1;
}

int
provider_param_uint(struct provider_call *call, const char *method,
                    const cim_instance *params, const char *name, cim_type type,
                    bool required, uint64_t min, uint64_t max, uint64_t *out,
                    bool *present_out)
{
    const cim_value *v;
    int rc;

    *present_out = false;
    *out = 0;
    rc = param_scalar(call, method, params, name, type, required, &v);
    if (rc <= 0)
        return rc;
    if (v->items.items_val[0].cim_scalar_u.u < min || v->items.items_val[0].cim_scalar_u.u > max)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                             "the parameter %s of %s.%s must lie between %llu and %llu, "
                             "not %llu", name, provider_call_class(call), method,
                             (unsigned long long)min, (unsigned long long)max,
                             (unsigned long long)v->items.items_val[0].cim_scalar_u.u);
    *out = v->items.items_val[0].cim_scalar_u.u;
    *present_out = true;
    return 0;
}

int
provider_param_string(struct provider_call *call, const char *method,
                      const cim_instance *params, const char *name, bool required,
                      size_t max_len, const char **out)
{
    const cim_value *v;
    int rc;

    *out = NULL;
    rc = param_scalar(call, method, params, name, CIM_TYPE_STRING, required, &v);
    if (rc <= 0)
        return rc;
    if (strlen(v->items.items_val[0].cim_scalar_u.s) > max_len)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS,
                             "the parameter %s of %s.%s is longer than %zu bytes", name,
                             provider_call_class(call), method, max_len);
    *out = v->items.items_val[0].cim_scalar_u.s;
    return 0;
}
