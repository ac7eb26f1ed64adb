/*
 * class.c: CIM classes as the server sends them: properties, methods,
 * parameters, qualifiers, and the class as MOF.
 *
 * A class is read-only: it holds the decoded cim_class and, built once
 * when it is made, a view of every value inside (class.h) so that
 * accessors lend cimrpc_values without copying or locking.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "class.h"
#include "moftext.h"
#include "value.h"
#include "wire.h"

cimrpc_class *
class_adopt(cim_class *wire)
{
    cimrpc_class *cls = calloc(1, sizeof(*cls));
    u_int np = wire->properties.properties_len, nm = wire->methods.methods_len;
    size_t n_views = wire->qualifiers.qualifiers_len, at;

    if (cls == NULL)
        return NULL;
    for (u_int i = 0; i < np; i++)
        n_views += 1 + wire->properties.properties_val[i].qualifiers.qualifiers_len;
    for (u_int m = 0; m < nm; m++) {
        const cim_method *me = &wire->methods.methods_val[m];
        n_views += me->qualifiers.qualifiers_len;
        for (u_int k = 0; k < me->parameters.parameters_len; k++)
            n_views += me->parameters.parameters_val[k].qualifiers.qualifiers_len;
    }
    cls->views = calloc(n_views ? n_views : 1, sizeof(*cls->views));
    cls->prop_base = calloc(np ? np : 1, sizeof(size_t));
    cls->keys = calloc(np ? np : 1, sizeof(size_t));
    cls->method_base = calloc(nm ? nm : 1, sizeof(size_t));
    if (cls->views == NULL || cls->prop_base == NULL || cls->keys == NULL ||
        cls->method_base == NULL) {
        cimrpc_class_free(cls);     /* holds no class yet */
        return NULL;
    }
    cls->c = *wire;
    memset(wire, 0, sizeof(*wire));

    /* Views share the items; is_null, type and is_array are copied. */
    at = 0;
    for (u_int j = 0; j < cls->c.qualifiers.qualifiers_len; j++)
        cls->views[at++].v = cls->c.qualifiers.qualifiers_val[j].value;
    for (u_int i = 0; i < np; i++) {
        const cim_property *p = &cls->c.properties.properties_val[i];
        cls->prop_base[i] = at;
        cls->views[at++].v = p->default_value;
        for (u_int j = 0; j < p->qualifiers.qualifiers_len; j++)
            cls->views[at++].v = p->qualifiers.qualifiers_val[j].value;
        if (wire_qualifier_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                "Key"))
            cls->keys[cls->n_keys++] = i;
    }
    for (u_int m = 0; m < nm; m++) {
        const cim_method *me = &cls->c.methods.methods_val[m];
        cls->method_base[m] = at;
        for (u_int j = 0; j < me->qualifiers.qualifiers_len; j++)
            cls->views[at++].v = me->qualifiers.qualifiers_val[j].value;
        for (u_int k = 0; k < me->parameters.parameters_len; k++) {
            const cim_parameter *pa = &me->parameters.parameters_val[k];
            for (u_int j = 0; j < pa->qualifiers.qualifiers_len; j++)
                cls->views[at++].v = pa->qualifiers.qualifiers_val[j].value;
        }
    }
    return cls;
}

void
cimrpc_class_free(cimrpc_class *cls)
{
    if (cls == NULL)
        return;
    free(cls->views);               /* views own nothing */
    free(cls->prop_base);
    free(cls->method_base);
    free(cls->keys);
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls->c);
    free(cls);
}

const char *
cimrpc_class_name(const cimrpc_class *cls)
{
    return cls->c.name;
}

const char *
cimrpc_class_superclass(const cimrpc_class *cls)
{
    return cls->c.superclass[0] != '\0' ? cls->c.superclass : NULL;
}

/* ------------------------------------------------------- properties --- */

static const cim_property *
class_property(const cimrpc_class *cls, size_t index)
{
    return index < cls->c.properties.properties_len ? &cls->c.properties.properties_val[index]
                                                     : NULL;
}

size_t
cimrpc_class_property_count(const cimrpc_class *cls)
{
    return cls->c.properties.properties_len;
}

const char *
cimrpc_class_property_name(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    return p != NULL ? p->name : NULL;
}

cimrpc_type
cimrpc_class_property_type(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    return p != NULL ? (cimrpc_type)p->type : CIMRPC_TYPE_VOID;
}

bool
cimrpc_class_property_is_array(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    return p != NULL && p->array_size >= 0;
}

const char *
cimrpc_class_property_ref_class(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    if (p == NULL)
        return NULL;
    return wire_type_class(p->type, p->ref_class, p->qualifiers.qualifiers_val,
                            p->qualifiers.qualifiers_len);
}

const cimrpc_value *
cimrpc_class_property_default(const cimrpc_class *cls, size_t index)
{
    return class_property(cls, index) != NULL ? &cls->views[cls->prop_base[index]] : NULL;
}

const char *
cimrpc_class_property_origin(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    return p != NULL ? p->class_origin : NULL;
}

bool
cimrpc_class_property_is_key(const cimrpc_class *cls, size_t index)
{
    const cim_property *p = class_property(cls, index);

    return p != NULL && wire_qualifier_true(p->qualifiers.qualifiers_val,
                                            p->qualifiers.qualifiers_len, "Key");
}

long
cimrpc_class_property_index(const cimrpc_class *cls, const char *name)
{
    if (name == NULL)
        return -1;
    for (u_int i = 0; i < cls->c.properties.properties_len; i++)
        if (strcasecmp(cls->c.properties.properties_val[i].name, name) == 0)
            return (long)i;
    return -1;
}

size_t
cimrpc_class_key_count(const cimrpc_class *cls)
{
    return cls->n_keys;
}

const char *
cimrpc_class_key_name(const cimrpc_class *cls, size_t index)
{
    return index < cls->n_keys ? cls->c.properties.properties_val[cls->keys[index]].name : NULL;
}

/* ------------------------------------------------------- qualifiers --- */

/* The qualifier list of PROPERTY (NULL: the class) and where its views
 * start; false for an unknown property. */
static bool
class_qualifiers(const cimrpc_class *cls, const char *property, const cim_qualifier **q_out,
                 u_int *n_out, size_t *base_out)
{
    long i;

    if (property == NULL) {
        *q_out = cls->c.qualifiers.qualifiers_val;
        *n_out = cls->c.qualifiers.qualifiers_len;
        *base_out = 0;
        return true;
    }
    if ((i = cimrpc_class_property_index(cls, property)) < 0)
        return false;
    *q_out = cls->c.properties.properties_val[i].qualifiers.qualifiers_val;
    *n_out = cls->c.properties.properties_val[i].qualifiers.qualifiers_len;
    *base_out = cls->prop_base[i] + 1;
    return true;
}

size_t
cimrpc_class_qualifier_count(const cimrpc_class *cls, const char *property)
{
    const cim_qualifier *q;
    u_int n;
    size_t base;

    return class_qualifiers(cls, property, &q, &n, &base) ? n : 0;
}

const char *
cimrpc_class_qualifier_name(const cimrpc_class *cls, const char *property, size_t index)
{
    const cim_qualifier *q;
    u_int n;
    size_t base;

    if (!class_qualifiers(cls, property, &q, &n, &base) || index >= n)
        return NULL;
    return q[index].name;
}

const cimrpc_value *
cimrpc_class_qualifier_value(const cimrpc_class *cls, const char *property, size_t index)
{
    const cim_qualifier *q;
    u_int n;
    size_t base;

    if (!class_qualifiers(cls, property, &q, &n, &base) || index >= n)
        return NULL;
    return &cls->views[base + index];
}

/* The view of qualifier NAME among the N at Q whose views start at BASE. */
static const cimrpc_value *
class_qualifier_view(const cimrpc_class *cls, const cim_qualifier *q, u_int n, size_t base,
                     const char *name)
{
    const cim_qualifier *found = name != NULL ? wire_qualifier_find(q, n, name) : NULL;

    return found != NULL ? &cls->views[base + (size_t)(found - q)] : NULL;
}

const cimrpc_value *
cimrpc_class_qualifier(const cimrpc_class *cls, const char *property, const char *name)
{
    const cim_qualifier *q;
    u_int n;
    size_t base;

    if (!class_qualifiers(cls, property, &q, &n, &base))
        return NULL;
    return class_qualifier_view(cls, q, n, base, name);
}

/* ---------------------------------------------------------- methods --- */

static const cim_method *
class_method(const cimrpc_class *cls, size_t index)
{
    return index < cls->c.methods.methods_len ? &cls->c.methods.methods_val[index] : NULL;
}

static const cim_parameter *
class_param(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_method *m = class_method(cls, method);

    if (m == NULL || param >= m->parameters.parameters_len)
        return NULL;
    return &m->parameters.parameters_val[param];
}

size_t
cimrpc_class_method_count(const cimrpc_class *cls)
{
    return cls->c.methods.methods_len;
}

const char *
cimrpc_class_method_name(const cimrpc_class *cls, size_t index)
{
    const cim_method *m = class_method(cls, index);

    return m != NULL ? m->name : NULL;
}

cimrpc_type
cimrpc_class_method_return_type(const cimrpc_class *cls, size_t index)
{
    const cim_method *m = class_method(cls, index);

    return m != NULL ? (cimrpc_type)m->return_type : CIMRPC_TYPE_VOID;
}

const cimrpc_value *
cimrpc_class_method_qualifier(const cimrpc_class *cls, const char *method, const char *parameter,
                              const char *name)
{
    const cim_method *m = NULL;
    size_t base = 0;
    u_int i;

    for (i = 0; method != NULL && i < cls->c.methods.methods_len; i++) {
        if (strcasecmp(cls->c.methods.methods_val[i].name, method) == 0) {
            m = &cls->c.methods.methods_val[i];
            base = cls->method_base[i];
            break;
        }
    }
    if (m == NULL)
        return NULL;
    if (parameter == NULL)
        return class_qualifier_view(cls, m->qualifiers.qualifiers_val,
                                    m->qualifiers.qualifiers_len, base, name);
    base += m->qualifiers.qualifiers_len;
    for (i = 0; i < m->parameters.parameters_len; i++) {
        const cim_parameter *p = &m->parameters.parameters_val[i];
        if (strcasecmp(p->name, parameter) == 0)
            return class_qualifier_view(cls, p->qualifiers.qualifiers_val,
                                        p->qualifiers.qualifiers_len, base, name);
        base += p->qualifiers.qualifiers_len;
    }
    return NULL;
}

size_t
cimrpc_class_param_count(const cimrpc_class *cls, size_t method)
{
    const cim_method *m = class_method(cls, method);

    return m != NULL ? m->parameters.parameters_len : 0;
}

const char *
cimrpc_class_param_name(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_parameter *p = class_param(cls, method, param);

    return p != NULL ? p->name : NULL;
}

cimrpc_type
cimrpc_class_param_type(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_parameter *p = class_param(cls, method, param);

    return p != NULL ? (cimrpc_type)p->type : CIMRPC_TYPE_VOID;
}

bool
cimrpc_class_param_is_array(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_parameter *p = class_param(cls, method, param);

    return p != NULL && p->array_size >= 0;
}

const char *
cimrpc_class_param_ref_class(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_parameter *p = class_param(cls, method, param);

    if (p == NULL)
        return NULL;
    return wire_type_class(p->type, p->ref_class, p->qualifiers.qualifiers_val,
                            p->qualifiers.qualifiers_len);
}

unsigned int
cimrpc_class_param_direction(const cimrpc_class *cls, size_t method, size_t param)
{
    const cim_parameter *p = class_param(cls, method, param);
    bool in, out;

    if (p == NULL)
        return 0;
    /* As WMI: [Out] alone is an output only, although In's declared
     * default is TRUE. */
    in = wire_qualifier_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len, "In");
    out = wire_qualifier_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len, "Out");
    if (!in && !out && wire_qualifier_find(p->qualifiers.qualifiers_val,
                                           p->qualifiers.qualifiers_len, "In") == NULL)
        in = true;
    return (in ? CIMRPC_PARAM_IN : 0u) | (out ? CIMRPC_PARAM_OUT : 0u);
}

char *
cimrpc_class_to_mof(const cimrpc_class *cls)
{
    struct textbuf tb = TEXTBUF_INIT;

    moftext_class(&tb, &cls->c);
    return textbuf_take(&tb);
}
