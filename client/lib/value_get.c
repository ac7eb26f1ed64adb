/*
 * value_get.c: reading values: their type, NULL-ness, arrays, and each
 * element in its C form, with the type checked.
 */
#include <config.h>

#include <string.h>

#include "error.h"
#include "instance.h"
#include "value.h"
#include "wire.h"

cimrpc_type
cimrpc_value_type(const cimrpc_value *v)
{
    return (cimrpc_type)v->v.type;
}

bool
cimrpc_value_is_null(const cimrpc_value *v)
{
    return v->v.is_null;
}

bool
cimrpc_value_is_array(const cimrpc_value *v)
{
    return v->v.is_array;
}

size_t
cimrpc_value_array_len(const cimrpc_value *v)
{
    return v->v.is_null ? 0 : v->v.items.items_len;
}

/* Item INDEX of V, read as WANT (a C form, for messages), when V's type
 * is one of the OK types (a bit set of 1 << type); else NULL and the
 * error. */
static const cim_scalar *
value_item(const cimrpc_value *v, size_t index, unsigned int ok, const char *want,
           cimrpc_error **err_out)
{
    if (v == NULL) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "no value to read");
        return NULL;
    }
    if (!(ok & (1u << v->v.type))) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "a %s value cannot be read as %s",
                  cimrpc_type_name((cimrpc_type)v->v.type), want);
        return NULL;
    }
    if (v->v.is_null) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "the value is NULL");
        return NULL;
    }
    if (index >= v->v.items.items_len) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "element %zu does not exist: the value has "
                  "%u", index, v->v.items.items_len);
        return NULL;
    }
    return &v->v.items.items_val[index];
}

#define VALUE_BIT(t) (1u << CIM_TYPE_##t)
#define VALUE_INTEGERS (VALUE_BIT(SINT8) | VALUE_BIT(UINT8) | VALUE_BIT(SINT16) | \
                        VALUE_BIT(UINT16) | VALUE_BIT(SINT32) | VALUE_BIT(UINT32) | \
                        VALUE_BIT(SINT64) | VALUE_BIT(UINT64))

int
cimrpc_value_get_boolean(const cimrpc_value *v, size_t index, bool *out, cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_BIT(BOOLEAN), "a boolean", err_out);

    if (s == NULL)
        return -1;
    *out = s->cim_scalar_u.b;
    return 0;
}

int
cimrpc_value_get_sint64(const cimrpc_value *v, size_t index, int64_t *out,
                        cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_INTEGERS, "a signed integer", err_out);

    if (s == NULL)
        return -1;
    if (value_is_signed((int)s->type)) {
        *out = s->cim_scalar_u.i;
        return 0;
    }
    if (s->cim_scalar_u.u > INT64_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%llu does not fit a signed 64-bit "
                         "integer", (unsigned long long)s->cim_scalar_u.u);
    *out = (int64_t)s->cim_scalar_u.u;
    return 0;
}

int
cimrpc_value_get_uint64(const cimrpc_value *v, size_t index, uint64_t *out,
                        cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_INTEGERS, "an unsigned integer", err_out);

    if (s == NULL)
        return -1;
    if (!value_is_signed((int)s->type)) {
        *out = s->cim_scalar_u.u;
        return 0;
    }
    if (s->cim_scalar_u.i < 0)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%lld does not fit an unsigned integer",
                         (long long)s->cim_scalar_u.i);
    *out = (uint64_t)s->cim_scalar_u.i;
    return 0;
}

int
cimrpc_value_get_real64(const cimrpc_value *v, size_t index, double *out, cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_BIT(REAL32) | VALUE_BIT(REAL64), "a real",
                                     err_out);

    if (s == NULL)
        return -1;
    *out = s->cim_scalar_u.r;
    return 0;
}

int
cimrpc_value_get_char16(const cimrpc_value *v, size_t index, uint16_t *out,
                        cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_BIT(CHAR16), "a char16", err_out);

    if (s == NULL)
        return -1;
    *out = (uint16_t)s->cim_scalar_u.c;
    return 0;
}

int
cimrpc_value_get_string(const cimrpc_value *v, size_t index, const char **out,
                        cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_BIT(STRING) | VALUE_BIT(DATETIME) |
                                     VALUE_BIT(REFERENCE), "a string", err_out);

    if (s == NULL)
        return -1;
    *out = s->cim_scalar_u.s;
    return 0;
}

int
cimrpc_value_get_instance(const cimrpc_value *v, size_t index, cimrpc_instance **out,
                          cimrpc_error **err_out)
{
    const cim_scalar *s = value_item(v, index, VALUE_BIT(INSTANCE), "an instance", err_out);
    cim_instance wire;
    cimrpc_instance *inst;

    if (s == NULL)
        return -1;
    memset(&wire, 0, sizeof(wire));
    if (wire_decode_embedded(s, &wire) < 0)     /* checked when the value was made */
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "the embedded instance cannot be "
                         "decoded");
    if ((inst = instance_adopt(&wire, NULL)) == NULL) {
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&wire);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    *out = inst;
    return 0;
}
