/*
 * params.c: named values: a method's parameters, an instance path's keys.
 */
#include <config.h>

#include <stdlib.h>

#include "error.h"
#include "params.h"

cimrpc_params *
cimrpc_params_new(void)
{
    return calloc(1, sizeof(cimrpc_params));
}

void
cimrpc_params_free(cimrpc_params *params)
{
    if (params == NULL)
        return;
    nvlist_clear(&params->list);
    free(params);
}

int
cimrpc_params_add(cimrpc_params *params, const char *name, cimrpc_value *value,
                  cimrpc_error **err_out)
{
    if (params == NULL) {
        cimrpc_value_free(value);
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "cimrpc_params_add: no parameter list");
    }
    return nvlist_set(&params->list, name, value, CIMRPC_PARAMS_MAX, "parameter", err_out);
}

size_t
cimrpc_params_count(const cimrpc_params *params)
{
    return params->list.n;
}

const char *
cimrpc_params_name(const cimrpc_params *params, size_t index)
{
    return nvlist_name(&params->list, index);
}

const cimrpc_value *
cimrpc_params_value(const cimrpc_params *params, size_t index)
{
    return nvlist_value(&params->list, index);
}

const cimrpc_value *
cimrpc_params_get(const cimrpc_params *params, const char *name)
{
    return nvlist_get(&params->list, name);
}
