/*
 * value.c: CIM values: types, constructors and arrays (value_get.c reads
 * them, value_text.c turns them into text and back).
 *
 * A value is the wire's cim_value (value.h), so that instances, method
 * parameters and qualifiers go to and come from the server without
 * conversion.  Every constructor leaves a value that keeps value.h's
 * invariants; the getters rely on them.
 */
#include <config.h>

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xdr_blob.h"
#include "error.h"
#include "instance.h"
#include "path.h"
#include "value.h"
#include "wire.h"

#define VALUE_SAME(name) _Static_assert((int)CIMRPC_TYPE_##name == (int)CIM_TYPE_##name, \
                                        "cimrpc_type differs from the wire's cim_type")
VALUE_SAME(VOID);
VALUE_SAME(BOOLEAN);
VALUE_SAME(SINT8);
VALUE_SAME(UINT8);
VALUE_SAME(SINT16);
VALUE_SAME(UINT16);
VALUE_SAME(SINT32);
VALUE_SAME(UINT32);
VALUE_SAME(SINT64);
VALUE_SAME(UINT64);
VALUE_SAME(REAL32);
VALUE_SAME(REAL64);
VALUE_SAME(CHAR16);
VALUE_SAME(STRING);
VALUE_SAME(DATETIME);
VALUE_SAME(REFERENCE);
VALUE_SAME(INSTANCE);

static const char *const value_type_names[] = {
    [CIM_TYPE_VOID] = "void",         [CIM_TYPE_BOOLEAN] = "boolean",
    [CIM_TYPE_SINT8] = "sint8",       [CIM_TYPE_UINT8] = "uint8",
    [CIM_TYPE_SINT16] = "sint16",     [CIM_TYPE_UINT16] = "uint16",
    [CIM_TYPE_SINT32] = "sint32",     [CIM_TYPE_UINT32] = "uint32",
    [CIM_TYPE_SINT64] = "sint64",     [CIM_TYPE_UINT64] = "uint64",
    [CIM_TYPE_REAL32] = "real32",     [CIM_TYPE_REAL64] = "real64",
    [CIM_TYPE_CHAR16] = "char16",     [CIM_TYPE_STRING] = "string",
    [CIM_TYPE_DATETIME] = "datetime", [CIM_TYPE_REFERENCE] = "reference",
    [CIM_TYPE_INSTANCE] = "instance",
};

#define VALUE_N_TYPES (sizeof(value_type_names) / sizeof(value_type_names[0]))

const char *
cimrpc_type_name(cimrpc_type type)
{
    if ((unsigned)type >= VALUE_N_TYPES)
        return "unknown";
    return value_type_names[type];
}

int
cimrpc_type_parse(const char *name, cimrpc_type *type_out)
{
    if (name == NULL || type_out == NULL)
        return -1;
    for (unsigned t = 0; t < VALUE_N_TYPES; t++) {
        if (strcasecmp(name, value_type_names[t]) == 0) {
            *type_out = (cimrpc_type)t;
            return 0;
        }
    }
    if (strcasecmp(name, "ref") == 0)
        *type_out = CIMRPC_TYPE_REFERENCE;
    else if (strcasecmp(name, "object") == 0)
        *type_out = CIMRPC_TYPE_INSTANCE;
    else
        return -1;
    return 0;
}

bool
value_type_ok(int type)
{
    return type >= CIM_TYPE_BOOLEAN && type <= CIM_TYPE_INSTANCE;
}

bool
value_is_signed(int type)
{
    return type == CIM_TYPE_SINT8 || type == CIM_TYPE_SINT16 || type == CIM_TYPE_SINT32 ||
           type == CIM_TYPE_SINT64;
}

bool
value_int_range(int type, int64_t *min, uint64_t *max)
{
    unsigned bits;

    if (type < CIM_TYPE_SINT8 || type > CIM_TYPE_UINT64)
        return false;
    /* SINT8, UINT8, SINT16, ... UINT64: pairs of 8, 16, 32 and 64 bits. */
    bits = 8u << ((unsigned)(type - CIM_TYPE_SINT8) / 2);
    if (value_is_signed(type)) {
        *max = (UINT64_MAX >> (65 - bits));
        *min = -(int64_t)*max - 1;
    } else {
        *max = UINT64_MAX >> (64 - bits);
        *min = 0;
    }
    return true;
}

/* One numeric field of a datetime: LEN characters at AT, digits within
 * [LO, HI] or all '*' (unknown); with EACH, every character a digit or
 * '*' on its own (microseconds "123***", the UTC offset). */
struct value_dt_field {
    unsigned char at, len;
    bool each;
    unsigned lo, hi;
};

static const struct value_dt_field value_dt_timestamp[] = {   /* yyyymmddhhmmss.mmmmmmsutc */
    { 0, 4, false, 0, 9999 }, { 4, 2, false, 1, 12 }, { 6, 2, false, 1, 31 },
    { 8, 2, false, 0, 23 },   { 10, 2, false, 0, 59 }, { 12, 2, false, 0, 60 },
    { 15, 6, true, 0, 0 },    { 22, 3, true, 0, 0 },
};

static const struct value_dt_field value_dt_interval[] = {    /* ddddddddhhmmss.mmmmmm:000 */
    { 0, 8, false, 0, 99999999 }, { 8, 2, false, 0, 23 }, { 10, 2, false, 0, 59 },
    { 12, 2, false, 0, 59 },      { 15, 6, true, 0, 0 },
};

static bool
value_dt_fields(const char *text, const struct value_dt_field *f, size_t n)
{
    for (; n > 0; f++, n--) {
        unsigned v = 0, stars = 0;

        for (unsigned i = 0; i < f->len; i++) {
            char c = text[f->at + i];
            if (c == '*')
                stars++;
            else if (c >= '0' && c <= '9')
                v = v * 10 + (unsigned)(c - '0');
            else
                return false;
        }
        if (!f->each && (stars > 0 ? stars != f->len : v < f->lo || v > f->hi))
            return false;
    }
    return true;
}

bool
value_datetime_valid(const char *text)
{
    if (strlen(text) != 25 || text[14] != '.')
        return false;
    if (text[21] == ':')
        return strcmp(text + 22, "000") == 0 &&
               value_dt_fields(text, value_dt_interval,
                               sizeof(value_dt_interval) / sizeof(value_dt_interval[0]));
    return (text[21] == '+' || text[21] == '-') &&
           value_dt_fields(text, value_dt_timestamp,
                           sizeof(value_dt_timestamp) / sizeof(value_dt_timestamp[0]));
}

/* ------------------------------------------------------ constructors --- */

cimrpc_value *
value_adopt(cim_value *wire)
{
    cimrpc_value *v = calloc(1, sizeof(*v));

    if (v == NULL)
        return NULL;
    v->v = *wire;
    memset(wire, 0, sizeof(*wire));
    return v;
}

/* A new non-NULL scalar of TYPE whose one item the caller fills in. */
static cimrpc_value *
value_new_scalar(cim_type type)
{
    cimrpc_value *v = calloc(1, sizeof(*v));

    if (v == NULL)
        return NULL;
    if ((v->v.items.items_val = calloc(1, sizeof(cim_scalar))) == NULL) {
        free(v);
        return NULL;
    }
    v->v.type = type;
    v->v.items.items_len = 1;
    v->v.items.items_val[0].type = type;
    return v;
}

static int
value_nomem(cimrpc_error **err_out)
{
    return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
}

/* Hand V (NULL: out of memory) to *VALUE_OUT. */
static int
value_give(cimrpc_value *v, cimrpc_value **value_out, cimrpc_error **err_out)
{
    if (v == NULL)
        return value_nomem(err_out);
    *value_out = v;
    return 0;
}

/* A new scalar holding ITEM (whose type it takes), or NULL. */
static cimrpc_value *
value_new_item(cim_scalar item)
{
    cimrpc_value *v = value_new_scalar(item.type);

    if (v != NULL)
        v->v.items.items_val[0] = item;
    return v;
}

cimrpc_value *
cimrpc_value_new_boolean(bool b)
{
    return value_new_item((cim_scalar){ .type = CIM_TYPE_BOOLEAN, .cim_scalar_u.b = b });
}

cimrpc_value *
cimrpc_value_new_sint64(int64_t i)
{
    return value_new_item((cim_scalar){ .type = CIM_TYPE_SINT64, .cim_scalar_u.i = i });
}

cimrpc_value *
cimrpc_value_new_uint64(uint64_t u)
{
    return value_new_item((cim_scalar){ .type = CIM_TYPE_UINT64, .cim_scalar_u.u = u });
}

cimrpc_value *
cimrpc_value_new_real64(double r)
{
    return value_new_item((cim_scalar){ .type = CIM_TYPE_REAL64, .cim_scalar_u.r = r });
}

cimrpc_value *
cimrpc_value_new_char16(uint16_t c)
{
    return value_new_item((cim_scalar){ .type = CIM_TYPE_CHAR16, .cim_scalar_u.c = c });
}

cimrpc_value *
cimrpc_value_new_null(cimrpc_type type)
{
    cimrpc_value *v;

    if (!value_type_ok((int)type) || (v = calloc(1, sizeof(*v))) == NULL)
        return NULL;
    v->v.type = (cim_type)type;
    v->v.is_null = TRUE;
    return v;
}

cimrpc_value *
cimrpc_value_new_array(cimrpc_type type)
{
    cimrpc_value *v;

    if (!value_type_ok((int)type) || (v = calloc(1, sizeof(*v))) == NULL)
        return NULL;
    v->v.type = (cim_type)type;
    v->v.is_array = TRUE;
    return v;
}

int
cimrpc_value_new_uint(cimrpc_type type, uint64_t u, cimrpc_value **value_out,
                      cimrpc_error **err_out)
{
    cim_scalar item = { .type = (cim_type)type };
    int64_t min;
    uint64_t max;

    if (!value_int_range((int)type, &min, &max))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is not an integer type",
                         cimrpc_type_name(type));
    if (u > max)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%llu is out of the range of %s",
                         (unsigned long long)u, cimrpc_type_name(type));
    if (value_is_signed((int)type))
        item.cim_scalar_u.i = (int64_t)u;
    else
        item.cim_scalar_u.u = u;
    return value_give(value_new_item(item), value_out, err_out);
}

int
cimrpc_value_new_sint(cimrpc_type type, int64_t i, cimrpc_value **value_out,
                      cimrpc_error **err_out)
{
    int64_t min;
    uint64_t max;

    if (i >= 0)
        return cimrpc_value_new_uint(type, (uint64_t)i, value_out, err_out);
    if (!value_int_range((int)type, &min, &max))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is not an integer type",
                         cimrpc_type_name(type));
    if (i < min)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%lld is out of the range of %s",
                         (long long)i, cimrpc_type_name(type));
    return value_give(value_new_item((cim_scalar){ .type = (cim_type)type, .cim_scalar_u.i = i }),
                      value_out, err_out);
}

int
cimrpc_value_new_real(cimrpc_type type, double r, cimrpc_value **value_out,
                      cimrpc_error **err_out)
{
    if (type != CIMRPC_TYPE_REAL32 && type != CIMRPC_TYPE_REAL64)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is not a real type",
                         cimrpc_type_name(type));
    if (type == CIMRPC_TYPE_REAL32 && (r > FLT_MAX || r < -FLT_MAX))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%g is out of the range of real32", r);
    return value_give(value_new_item((cim_scalar){ .type = (cim_type)type, .cim_scalar_u.r = r }),
                      value_out, err_out);
}

/* A scalar of TYPE holding a copy of the text S. */
static cimrpc_value *
value_new_text(cim_type type, const char *s)
{
    cimrpc_value *v = value_new_scalar(type);

    if (v != NULL && (v->v.items.items_val[0].cim_scalar_u.s = strdup(s)) == NULL) {
        cimrpc_value_free(v);
        return NULL;
    }
    return v;
}

int
cimrpc_value_new_string(const char *s, cimrpc_value **value_out, cimrpc_error **err_out)
{
    if (s == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a string value needs a string; for "
                         "NULL use cimrpc_value_new_null()");
    if (strlen(s) > CIM_STRING_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a string value is at most %d bytes, "
                         "not %zu", CIM_STRING_MAX, strlen(s));
    return value_give(value_new_text(CIM_TYPE_STRING, s), value_out, err_out);
}

int
cimrpc_value_new_datetime(const char *text, cimrpc_value **value_out, cimrpc_error **err_out)
{
    if (text == NULL || !value_datetime_valid(text))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.64s' is not a datetime: write "
                         "yyyymmddhhmmss.mmmmmm+utc (e.g. 20261121120000.000000+000) or an "
                         "interval ddddddddhhmmss.mmmmmm:000", text ? text : "");
    return value_give(value_new_text(CIM_TYPE_DATETIME, text), value_out, err_out);
}

int
cimrpc_value_new_reference(const char *path, cimrpc_value **value_out, cimrpc_error **err_out)
{
    if (path_check(path, false, err_out) < 0)
        return -1;
    return value_give(value_new_text(CIM_TYPE_REFERENCE, path), value_out, err_out);
}

int
cimrpc_value_new_instance(const cimrpc_instance *inst, cimrpc_value **value_out,
                          cimrpc_error **err_out)
{
    cim_instance view;
    unsigned char *buf = NULL;
    size_t len = 0;
    char why[512];
    cimrpc_value *v;
    int rc;

    if (inst == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "an embedded instance value needs an "
                         "instance; for NULL use cimrpc_value_new_null()");
    if (instance_wire_view(inst, &view) < 0)
        return value_nomem(err_out);
    /* Its values move one level down: check that they may. */
    rc = wire_check_instance(&view, 1, why, sizeof(why));
    if (rc == 0)
        rc = xdr_blob_encode((xdrproc_t)xdr_cim_instance, &view, &buf, &len) < 0 ? -2 : 0;
    instance_wire_view_free(&view);
    if (rc == -1)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "cannot embed this instance of %s: %s",
                         inst->class_name, why);
    if (rc < 0)
        return value_nomem(err_out);
    if (len > CIM_EMBEDDED_MAX) {
        free(buf);
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "an embedded instance is at most %d "
                         "bytes encoded; this instance of %s takes %zu", CIM_EMBEDDED_MAX,
                         inst->class_name, len);
    }
    if ((v = value_new_scalar(CIM_TYPE_INSTANCE)) == NULL) {
        free(buf);
        return value_nomem(err_out);
    }
    v->v.items.items_val[0].cim_scalar_u.embedded.embedded_val = (char *)buf;
    v->v.items.items_val[0].cim_scalar_u.embedded.embedded_len = (u_int)len;
    *value_out = v;
    return 0;
}

int
cimrpc_value_array_append(cimrpc_value *array, cimrpc_value *element, cimrpc_error **err_out)
{
    cim_value *a = array != NULL ? &array->v : NULL;
    cim_scalar *items;
    int rc = -1;

    if (a == NULL || element == NULL)
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "cimrpc_value_array_append: an array and an "
                  "element are required");
    else if (!a->is_array || a->is_null)
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "cannot append to a value that is not an array");
    else if (element->v.is_array || element->v.is_null || element->v.type != a->type)
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "an element of a %s array is a %s, not a %s%s",
                  cimrpc_type_name((cimrpc_type)a->type), cimrpc_type_name((cimrpc_type)a->type),
                  element->v.is_null ? "NULL " : "",
                  element->v.is_array ? "array" : cimrpc_type_name((cimrpc_type)element->v.type));
    else if (a->items.items_len >= CIM_ARRAY_MAX)
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "an array has at most %d elements",
                  CIM_ARRAY_MAX);
    else if ((items = realloc(a->items.items_val,
                             (a->items.items_len + 1) * sizeof(*items))) == NULL)
        value_nomem(err_out);
    else {
        a->items.items_val = items;
        items[a->items.items_len++] = element->v.items.items_val[0];
        element->v.items.items_len = 0;     /* the item moved; free the rest */
        rc = 0;
    }
    cimrpc_value_free(element);
    return rc;
}

cimrpc_value *
cimrpc_value_copy(const cimrpc_value *v)
{
    cimrpc_value *copy;

    if (v == NULL || (copy = calloc(1, sizeof(*copy))) == NULL)
        return NULL;
    if (xdr_blob_copy((xdrproc_t)xdr_cim_value, &v->v, &copy->v) < 0) {
        free(copy);
        return NULL;
    }
    return copy;
}

void
cimrpc_value_free(cimrpc_value *v)
{
    if (v == NULL)
        return;
    xdr_free((xdrproc_t)xdr_cim_value, (char *)&v->v);
    free(v);
}
