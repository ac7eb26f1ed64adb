/*
 * mof_compile_value.c: MOF literals to CIM values of a declared type.
 *
 * Every conversion is checked: integers against the type's range, reals
 * only into real types (an integer literal is accepted there), char16
 * from a char16 literal or a one-character string, datetimes against the
 * DSP0004 format, references from an object path string or a "$Alias".
 * A single value given where an array is declared becomes a one-element
 * array (vendor MOF does this with qualifiers); an array given where a
 * single value is declared is an error.
 */
#include <config.h>

#include <ctype.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/cim_path.h"
#include "mof/mof_compile_internal.h"

cim_type
mof_compile_type(enum mof_type_kind kind)
{
    switch (kind) {
    case MOF_TYPE_BOOLEAN:   return CIM_TYPE_BOOLEAN;
    case MOF_TYPE_SINT8:     return CIM_TYPE_SINT8;
    case MOF_TYPE_UINT8:     return CIM_TYPE_UINT8;
    case MOF_TYPE_SINT16:    return CIM_TYPE_SINT16;
    case MOF_TYPE_UINT16:    return CIM_TYPE_UINT16;
    case MOF_TYPE_SINT32:    return CIM_TYPE_SINT32;
    case MOF_TYPE_UINT32:    return CIM_TYPE_UINT32;
    case MOF_TYPE_SINT64:    return CIM_TYPE_SINT64;
    case MOF_TYPE_UINT64:    return CIM_TYPE_UINT64;
    case MOF_TYPE_REAL32:    return CIM_TYPE_REAL32;
    case MOF_TYPE_REAL64:    return CIM_TYPE_REAL64;
    case MOF_TYPE_CHAR16:    return CIM_TYPE_CHAR16;
    case MOF_TYPE_STRING:    return CIM_TYPE_STRING;
    case MOF_TYPE_DATETIME:  return CIM_TYPE_DATETIME;
    case MOF_TYPE_REFERENCE: return CIM_TYPE_REFERENCE;
    case MOF_TYPE_OBJECT:    return CIM_TYPE_INSTANCE;
    case MOF_TYPE_NONE:
    case MOF_TYPE_VOID:
        break;
    }
    return (cim_type)0;
}

const char *
mof_compile_type_name(cim_type type)
{
    switch (type) {
    case CIM_TYPE_BOOLEAN:   return "boolean";
    case CIM_TYPE_SINT8:     return "sint8";
    case CIM_TYPE_UINT8:     return "uint8";
    case CIM_TYPE_SINT16:    return "sint16";
    case CIM_TYPE_UINT16:    return "uint16";
    case CIM_TYPE_SINT32:    return "sint32";
    case CIM_TYPE_UINT32:    return "uint32";
    case CIM_TYPE_SINT64:    return "sint64";
    case CIM_TYPE_UINT64:    return "uint64";
    case CIM_TYPE_REAL32:    return "real32";
    case CIM_TYPE_REAL64:    return "real64";
    case CIM_TYPE_CHAR16:    return "char16";
    case CIM_TYPE_STRING:    return "string";
    case CIM_TYPE_DATETIME:  return "datetime";
    case CIM_TYPE_REFERENCE: return "reference";
    case CIM_TYPE_INSTANCE:  return "embedded instance";
    case CIM_TYPE_VOID:      return "void";
    }
    return "unknown type";
}

/* What a MOF value is, for "found X" in messages. */
static const char *
mof_compile_value_kind(const struct mof_value *v)
{
    switch (v->kind) {
    case MOF_VALUE_NULL:     return "NULL";
    case MOF_VALUE_BOOLEAN:  return "a boolean";
    case MOF_VALUE_INTEGER:  return "an integer";
    case MOF_VALUE_REAL:     return "a real number";
    case MOF_VALUE_STRING:   return "a string";
    case MOF_VALUE_CHAR16:   return "a char16";
    case MOF_VALUE_ALIAS:    return "an alias";
    case MOF_VALUE_INSTANCE: return "an instance";
    case MOF_VALUE_ARRAY:    return "an array";
    }
    return "a value";
}

/* Two digits at S within [LO, HI], or all '*'. */
static bool
mof_compile_datetime_field(const char *s, size_t len, unsigned lo, unsigned hi)
{
    unsigned v = 0;
    size_t i, stars = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == '*')
            stars++;
        else if (!isdigit((unsigned char)s[i]))
            return false;
        else
            v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (stars > 0)
        return stars == len;
    return v >= lo && v <= hi;
}

bool
mof_compile_datetime_valid(const char *s)
{
    size_t i;

    if (strlen(s) != 25 || s[14] != '.')
        return false;
    for (i = 15; i < 21; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '*')
            return false;
    if (s[21] == ':') {
        /* interval: ddddddddhhmmss.mmmmmm:000 */
        return mof_compile_datetime_field(s, 8, 0, 99999999) &&
               mof_compile_datetime_field(s + 8, 2, 0, 23) &&
               mof_compile_datetime_field(s + 10, 2, 0, 59) &&
               mof_compile_datetime_field(s + 12, 2, 0, 59) && strcmp(s + 22, "000") == 0;
    }
    /* timestamp: yyyymmddhhmmss.mmmmmmsutc */
    if (s[21] != '+' && s[21] != '-')
        return false;
    for (i = 22; i < 25; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '*')
            return false;
    return mof_compile_datetime_field(s, 4, 0, 9999) &&
           mof_compile_datetime_field(s + 4, 2, 1, 12) &&
           mof_compile_datetime_field(s + 6, 2, 1, 31) &&
           mof_compile_datetime_field(s + 8, 2, 0, 23) &&
           mof_compile_datetime_field(s + 10, 2, 0, 59) &&
           mof_compile_datetime_field(s + 12, 2, 0, 60);
}

/* The range of an integer type. */
static void
mof_compile_int_range(cim_type type, int64_t *min, uint64_t *max)
{
    switch (type) {
    case CIM_TYPE_SINT8:  *min = INT8_MIN;  *max = INT8_MAX;   break;
    case CIM_TYPE_UINT8:  *min = 0;         *max = UINT8_MAX;  break;
    case CIM_TYPE_SINT16: *min = INT16_MIN; *max = INT16_MAX;  break;
    case CIM_TYPE_UINT16: *min = 0;         *max = UINT16_MAX; break;
    case CIM_TYPE_SINT32: *min = INT32_MIN; *max = INT32_MAX;  break;
    case CIM_TYPE_UINT32: *min = 0;         *max = UINT32_MAX; break;
    case CIM_TYPE_SINT64: *min = INT64_MIN; *max = INT64_MAX;  break;
    default:              *min = 0;         *max = UINT64_MAX; break;
    }
}

static bool
mof_compile_is_signed(cim_type type)
{
    return type == CIM_TYPE_SINT8 || type == CIM_TYPE_SINT16 || type == CIM_TYPE_SINT32 ||
           type == CIM_TYPE_SINT64;
}

static int
mof_compile_integer(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                    const char *what, cim_scalar *out)
{
    const struct mof_integer *i = &v->u.integer;
    int64_t min;
    uint64_t max;

    mof_compile_int_range(type, &min, &max);
    if (i->negative) {
        if (!i->fits_sint64 || i->sint64 < min)
            return mof_compile_fail(ctx, &v->pos, MOF_ERR_RANGE,
                                    "%s is out of range for %s (%s): the smallest is %lld",
                                    i->text, what, mof_compile_type_name(type), (long long)min);
    } else if (i->magnitude > max) {
        return mof_compile_fail(ctx, &v->pos, MOF_ERR_RANGE,
                                "%s is out of range for %s (%s): the largest is %llu", i->text,
                                what, mof_compile_type_name(type), (unsigned long long)max);
    }
    if (mof_compile_is_signed(type))
        out->cim_scalar_u.i = i->negative ? i->sint64 : (int64_t)i->magnitude;
    else
        out->cim_scalar_u.u = i->magnitude;
    return 0;
}

static int
mof_compile_real(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                 const char *what, cim_scalar *out)
{
    double d;

    if (v->kind == MOF_VALUE_INTEGER)
        d = v->u.integer.negative ? -(double)v->u.integer.magnitude
                                  : (double)v->u.integer.magnitude;
    else
        d = v->u.real.value;
    if (type == CIM_TYPE_REAL32 && (d > FLT_MAX || d < -FLT_MAX))
        return mof_compile_fail(ctx, &v->pos, MOF_ERR_RANGE, "%s is out of range for %s (real32)",
                                v->kind == MOF_VALUE_REAL ? v->u.real.text : v->u.integer.text,
                                what);
    out->cim_scalar_u.r = d;
    return 0;
}

/* One UTF-8 character S as a code point <= U+FFFF, or -1. */
static long
mof_compile_one_char(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] != 0 && u[0] < 0x80 && u[1] == 0)
        return u[0];
    if ((u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80 && u[2] == 0)
        return ((long)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
    if ((u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80 && u[3] == 0)
        return ((long)(u[0] & 0x0f) << 12) | ((long)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
    return -1;
}

static int
mof_compile_string_like(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                        const char *what, cim_scalar *out)
{
    const char *text;
    char why[256];

    if (v->kind == MOF_VALUE_ALIAS) {
        if (type != CIM_TYPE_REFERENCE)
            return mof_compile_fail(ctx, &v->pos, MOF_ERR_SEMANTIC,
                                    "$%s is an alias, which only a reference can hold, but %s "
                                    "is a %s", v->u.alias, what, mof_compile_type_name(type));
        if (mof_compile_alias_path(ctx, v->u.alias, &v->pos, &text) < 0)
            return -1;
    } else {
        text = v->u.string;
    }
    if (type == CIM_TYPE_DATETIME && !mof_compile_datetime_valid(text))
        return mof_compile_fail(ctx, &v->pos, MOF_ERR_SEMANTIC,
                                "\"%.64s\" is not a datetime for %s: write "
                                "yyyymmddhhmmss.mmmmmm+utc (e.g. 20261121120000.000000+000) or "
                                "an interval ddddddddhhmmss.mmmmmm:000", text, what);
    if (type == CIM_TYPE_REFERENCE && v->kind == MOF_VALUE_STRING) {
        struct cim_path path = { 0 };

        if (cim_path_parse(text, &path, why, sizeof(why)) < 0)
            return mof_compile_fail(ctx, &v->pos, MOF_ERR_SEMANTIC,
                                    "\"%.64s\" is not an object path for %s: %s", text, what, why);
        cim_path_clear(&path);
    }
    out->cim_scalar_u.s = strdup(text);
    return out->cim_scalar_u.s == NULL ? mof_compile_nomem(ctx) : 0;
}

/* Convert one scalar V (not an array) to TYPE into OUT. */
static int
mof_compile_scalar(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                   const char *what, cim_scalar *out)
{
    bool ok;

    out->type = type;
    switch (type) {
    case CIM_TYPE_BOOLEAN:
        ok = v->kind == MOF_VALUE_BOOLEAN;
        if (ok)
            out->cim_scalar_u.b = v->u.boolean;
        break;
    case CIM_TYPE_SINT8: case CIM_TYPE_UINT8: case CIM_TYPE_SINT16: case CIM_TYPE_UINT16:
    case CIM_TYPE_SINT32: case CIM_TYPE_UINT32: case CIM_TYPE_SINT64: case CIM_TYPE_UINT64:
        if (v->kind == MOF_VALUE_INTEGER)
            return mof_compile_integer(ctx, v, type, what, out);
        ok = false;
        break;
    case CIM_TYPE_REAL32:
    case CIM_TYPE_REAL64:
        if (v->kind == MOF_VALUE_INTEGER || v->kind == MOF_VALUE_REAL)
            return mof_compile_real(ctx, v, type, what, out);
        ok = false;
        break;
    case CIM_TYPE_CHAR16:
        if (v->kind == MOF_VALUE_CHAR16) {
            out->cim_scalar_u.c = v->u.char16;
            return 0;
        }
        if (v->kind == MOF_VALUE_STRING && mof_compile_one_char(v->u.string) >= 0) {
            out->cim_scalar_u.c = (u_int)mof_compile_one_char(v->u.string);
            return 0;
        }
        ok = false;
        break;
    case CIM_TYPE_STRING:
    case CIM_TYPE_DATETIME:
        if (v->kind == MOF_VALUE_STRING)
            return mof_compile_string_like(ctx, v, type, what, out);
        ok = false;
        break;
    case CIM_TYPE_REFERENCE:
        if (v->kind == MOF_VALUE_STRING || v->kind == MOF_VALUE_ALIAS)
            return mof_compile_string_like(ctx, v, type, what, out);
        ok = false;
        break;
    case CIM_TYPE_INSTANCE:
        if (v->kind == MOF_VALUE_INSTANCE)
            return mof_compile_embedded(ctx, v->u.instance, out);
        ok = false;
        break;
    default:
        ok = false;
        break;
    }
    if (!ok)
        return mof_compile_fail(ctx, &v->pos, MOF_ERR_SEMANTIC,
                                "found %s but %s is of type %s", mof_compile_value_kind(v), what,
                                mof_compile_type_name(type));
    return 0;
}

int
mof_compile_value(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                  bool is_array, const char *what, cim_value *out)
{
    const struct mof_value *const *items;
    size_t n, i;

    out->type = type;
    out->is_array = is_array;
    out->is_null = false;
    if (v->kind == MOF_VALUE_NULL) {
        out->is_null = true;
        return 0;
    }
    if (v->kind == MOF_VALUE_ARRAY) {
        if (!is_array)
            return mof_compile_fail(ctx, &v->pos, MOF_ERR_SEMANTIC,
                                    "found an array but %s is a single %s; give one value",
                                    what, mof_compile_type_name(type));
        items = (const struct mof_value *const *)v->u.array.items;
        n = v->u.array.n;
    } else {
        items = &v;
        n = 1;
    }
    if (n > CIM_ARRAY_MAX)
        return mof_compile_fail(ctx, &v->pos, MOF_ERR_LIMIT,
                                "%s has %zu elements; at most %d are allowed", what, n,
                                CIM_ARRAY_MAX);
    if (n > 0) {
        out->items.items_val = calloc(n, sizeof(cim_scalar));
        if (out->items.items_val == NULL)
            return mof_compile_nomem(ctx);
    }
    for (i = 0; i < n; i++) {
        if (items[i]->kind == MOF_VALUE_NULL)
            return mof_compile_fail(ctx, &items[i]->pos, MOF_ERR_SEMANTIC,
                                    "an element of %s is NULL; arrays cannot hold NULL", what);
        out->items.items_len = (u_int)i + 1;
        if (mof_compile_scalar(ctx, items[i], type, what, &out->items.items_val[i]) < 0)
            return -1;
    }
    out->items.items_len = (u_int)n;
    return 0;
}
