/*
 * wbem.c: names of WBEM error codes.
 */
#include <config.h>

#include <stddef.h>

#include "common/wbem.h"

static const struct {
    uint32_t code;
    const char *name;
} wbem_names[] = {
    { WBEM_S_NO_ERROR, "NO_ERROR" },
    { WBEM_E_FAILED, "FAILED" },
    { WBEM_E_NOT_FOUND, "NOT_FOUND" },
    { WBEM_E_ACCESS_DENIED, "ACCESS_DENIED" },
    { WBEM_E_PROVIDER_FAILURE, "PROVIDER_FAILURE" },
    { WBEM_E_TYPE_MISMATCH, "TYPE_MISMATCH" },
    { WBEM_E_INVALID_PARAMETER, "INVALID_PARAMETER" },
    { WBEM_E_NOT_SUPPORTED, "NOT_SUPPORTED" },
    { WBEM_E_INVALID_NAMESPACE, "INVALID_NAMESPACE" },
    { WBEM_E_INVALID_OBJECT, "INVALID_OBJECT" },
    { WBEM_E_INVALID_CLASS, "INVALID_CLASS" },
    { WBEM_E_PROVIDER_NOT_FOUND, "PROVIDER_NOT_FOUND" },
    { WBEM_E_INVALID_QUERY, "INVALID_QUERY" },
    { WBEM_E_INVALID_QUERY_TYPE, "INVALID_QUERY_TYPE" },
    { WBEM_E_ALREADY_EXISTS, "ALREADY_EXISTS" },
    { WBEM_E_PROVIDER_NOT_CAPABLE, "PROVIDER_NOT_CAPABLE" },
    { WBEM_E_INVALID_METHOD, "INVALID_METHOD" },
    { WBEM_E_INVALID_METHOD_PARAMETERS, "INVALID_METHOD_PARAMETERS" },
    { WBEM_E_CALL_CANCELLED, "CALL_CANCELLED" },
    { WBEM_E_INVALID_OBJECT_PATH, "INVALID_OBJECT_PATH" },
    { WBEM_E_METHOD_DISABLED, "METHOD_DISABLED" },
    { WBEM_E_UNPARSABLE_QUERY, "UNPARSABLE_QUERY" },
    { WBEM_E_MISSING_GROUP_WITHIN, "MISSING_GROUP_WITHIN" },
    { WBEM_E_QUOTA_VIOLATION, "QUOTA_VIOLATION" },
};

const char *
wbem_code_name(uint32_t code)
{
    for (size_t i = 0; i < sizeof(wbem_names) / sizeof(wbem_names[0]); i++)
        if (wbem_names[i].code == code)
            return wbem_names[i].name;
    return NULL;
}
