/*
 * wire.c: checking CIM objects the server sends, decoding embedded
 * instances, finding qualifiers (wire.h).
 *
 * An embedded instance is the XDR of a cim_instance inside an opaque, so
 * decoding one never recurses in rpcgen's code; the nesting is followed
 * here, one level at a time, and refused deeper than VALUE_DEPTH_MAX.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/xdr_blob.h"
#include "conn.h"
#include "error.h"
#include "value.h"
#include "wire.h"

static int __attribute__((format(printf, 3, 4)))
wire_fail(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
    return -1;
}

int
wire_decode_embedded(const cim_scalar *s, cim_instance *out)
{
    return xdr_blob_decode((xdrproc_t)xdr_cim_instance, s->cim_scalar_u.embedded.embedded_val,
                           s->cim_scalar_u.embedded.embedded_len, out);
}

/* Item S of a value of TYPE, in an instance nested DEPTH deep. */
static int
wire_check_item(const cim_scalar *s, cim_type type, unsigned depth, char *why, size_t why_len)
{
    int64_t min;
    uint64_t max;
    cim_instance inst;
    int rc;

    if (s->type != type)
        return wire_fail(why, why_len, "an item of a %s value is a %s",
                         cimrpc_type_name((cimrpc_type)type),
                         cimrpc_type_name((cimrpc_type)s->type));
    if (value_int_range((int)type, &min, &max) &&
        (value_is_signed((int)type) ? s->cim_scalar_u.i < min || s->cim_scalar_u.i > (int64_t)max
                                    : s->cim_scalar_u.u > max))
        return wire_fail(why, why_len, "a %s value is out of its range",
                         cimrpc_type_name((cimrpc_type)type));
    switch (type) {
    case CIM_TYPE_CHAR16:
        if (s->cim_scalar_u.c > 0xFFFF)
            return wire_fail(why, why_len, "a char16 value is above 0xFFFF");
        return 0;
    case CIM_TYPE_STRING: case CIM_TYPE_DATETIME: case CIM_TYPE_REFERENCE:
        if (s->cim_scalar_u.s == NULL)
            return wire_fail(why, why_len, "a %s value has no text",
                             cimrpc_type_name((cimrpc_type)type));
        return 0;
    case CIM_TYPE_INSTANCE:
        if (depth + 1 > VALUE_DEPTH_MAX)
            return wire_fail(why, why_len, "embedded instances are nested more than %u deep",
                             VALUE_DEPTH_MAX);
        memset(&inst, 0, sizeof(inst));
        if (wire_decode_embedded(s, &inst) < 0)
            return wire_fail(why, why_len, "an embedded instance cannot be decoded");
        rc = wire_check_instance(&inst, depth + 1, why, why_len);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        return rc;
    default:
        return 0;
    }
}

int
wire_check_value(const cim_value *v, bool allow_void, unsigned depth, char *why, size_t why_len)
{
    if (allow_void && v->type == CIM_TYPE_VOID) {
        if (v->items.items_len != 0)
            return wire_fail(why, why_len, "a void result carries a value");
        return 0;
    }
    if (!value_type_ok((int)v->type))
        return wire_fail(why, why_len, "a value has type %d, which is not a CIM type",
                         (int)v->type);
    if (v->is_null)
        return 0;                   /* its items, if any, are never read */
    if (!v->is_array && v->items.items_len != 1)
        return wire_fail(why, why_len, "a scalar %s value has %u items",
                         cimrpc_type_name((cimrpc_type)v->type), v->items.items_len);
    for (u_int i = 0; i < v->items.items_len; i++)
        if (wire_check_item(&v->items.items_val[i], v->type, depth, why, why_len) < 0)
            return -1;
    return 0;
}

int
wire_check_instance(const cim_instance *inst, unsigned depth, char *why, size_t why_len)
{
    char inner[512];

    if (inst->class_name == NULL || inst->class_name[0] == '\0')
        return wire_fail(why, why_len, "an instance has no class name");
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *p = &inst->properties.properties_val[i];
        if (p->name == NULL || p->name[0] == '\0')
            return wire_fail(why, why_len, "a property of an instance of %s has no name",
                             inst->class_name);
        /* Only the outermost instance names the property: nested ones
         * would repeat themselves up to VALUE_DEPTH_MAX times. */
        if (depth > 0 && wire_check_value(&p->value, false, depth, why, why_len) < 0)
            return -1;
        if (depth == 0 && wire_check_value(&p->value, false, depth, inner, sizeof(inner)) < 0)
            return wire_fail(why, why_len, "property %s of an instance of %s: %s", p->name,
                             inst->class_name, inner);
    }
    return 0;
}

/* The qualifiers Q (N of them) of WHAT ("property X"). */
static int
wire_check_qualifiers(const cim_qualifier *q, u_int n, const char *what, char *why,
                      size_t why_len)
{
    char inner[512];

    for (u_int i = 0; i < n; i++) {
        if (q[i].name == NULL || q[i].name[0] == '\0')
            return wire_fail(why, why_len, "a qualifier of %s has no name", what);
        if (wire_check_value(&q[i].value, false, 0, inner, sizeof(inner)) < 0)
            return wire_fail(why, why_len, "qualifier %s of %s: %s", q[i].name, what, inner);
    }
    return 0;
}

/* A feature's type and array size: WHAT has TYPE (VOID allowed with
 * ALLOW_VOID) and ARRAY_SIZE. */
static int
wire_check_type(int type, bool allow_void, int array_size, const char *what, char *why,
                size_t why_len)
{
    if (!value_type_ok(type) && !(allow_void && type == CIM_TYPE_VOID))
        return wire_fail(why, why_len, "%s has type %d, which is not a CIM type", what, type);
    if (array_size < -1)
        return wire_fail(why, why_len, "%s has array size %d", what, array_size);
    return 0;
}

int
wire_check_class(const cim_class *cls, char *why, size_t why_len)
{
    char what[600], inner[512];

    if (cls->name == NULL || cls->name[0] == '\0' || cls->superclass == NULL)
        return wire_fail(why, why_len, "a class has no name");
    snprintf(what, sizeof(what), "class %s", cls->name);
    if (wire_check_qualifiers(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                              what, why, why_len) < 0)
        return -1;
    for (u_int i = 0; i < cls->properties.properties_len; i++) {
        const cim_property *p = &cls->properties.properties_val[i];
        snprintf(what, sizeof(what), "property %s of class %s", p->name, cls->name);
        if (wire_check_type(p->type, false, p->array_size, what, why, why_len) < 0 ||
            wire_check_qualifiers(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                  what, why, why_len) < 0)
            return -1;
        if (wire_check_value(&p->default_value, false, 0, inner, sizeof(inner)) < 0)
            return wire_fail(why, why_len, "the default of %s: %s", what, inner);
    }
    for (u_int i = 0; i < cls->methods.methods_len; i++) {
        const cim_method *m = &cls->methods.methods_val[i];
        snprintf(what, sizeof(what), "method %s of class %s", m->name, cls->name);
        if (wire_check_type(m->return_type, true, -1, what, why, why_len) < 0 ||
            wire_check_qualifiers(m->qualifiers.qualifiers_val, m->qualifiers.qualifiers_len,
                                  what, why, why_len) < 0)
            return -1;
        for (u_int k = 0; k < m->parameters.parameters_len; k++) {
            const cim_parameter *p = &m->parameters.parameters_val[k];
            snprintf(what, sizeof(what), "parameter %s of method %s of class %s", p->name,
                     m->name, cls->name);
            if (wire_check_type(p->type, false, p->array_size, what, why, why_len) < 0 ||
                wire_check_qualifiers(p->qualifiers.qualifiers_val,
                                      p->qualifiers.qualifiers_len, what, why, why_len) < 0)
                return -1;
        }
    }
    return 0;
}

const cim_qualifier *
wire_qualifier_find(const cim_qualifier *q, unsigned int n, const char *name)
{
    for (unsigned int i = 0; i < n; i++)
        if (strcasecmp(q[i].name, name) == 0)
            return &q[i];
    return NULL;
}

bool
wire_qualifier_true(const cim_qualifier *q, unsigned int n, const char *name)
{
    const cim_qualifier *found = wire_qualifier_find(q, n, name);

    return found != NULL && found->value.type == CIM_TYPE_BOOLEAN && !found->value.is_null &&
           !found->value.is_array && found->value.items.items_val[0].cim_scalar_u.b;
}

const char *
wire_type_class(cim_type type, const char *ref_class, const cim_qualifier *q, unsigned int n)
{
    const cim_qualifier *embedded;

    if (ref_class[0] != '\0')
        return ref_class;
    if (type != CIM_TYPE_INSTANCE ||
        (embedded = wire_qualifier_find(q, n, "EmbeddedInstance")) == NULL ||
        embedded->value.type != CIM_TYPE_STRING || embedded->value.is_null ||
        embedded->value.is_array)
        return NULL;
    return embedded->value.items.items_val[0].cim_scalar_u.s;
}

int
wire_error(cimrpc_error **err_out, const cimrpc_conn *conn, const char *what, const char *why)
{
    return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: %s sent a reply that is not valid: %s",
                     what, conn->target, why);
}
