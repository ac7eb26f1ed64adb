/*
 * cim_build.c: one cim_instance, property by property (cim_build.h).
 *
 * Invariant: b->inst.properties holds properties_len fully built
 * properties (every pointer owned, every value well formed), so
 * xdr_free() releases exactly what was built even after a failure part
 * way through: a property is appended only once its value is complete.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xdr_blob.h"
#include "common/utf8.h"
#include "common/cim_build.h"

void
cim_build_init(struct cim_build *b, const char *class_name)
{
    memset(b, 0, sizeof(*b));
    b->inst.class_name = strdup(class_name ? class_name : "");
    if (!b->inst.class_name)
        b->failed = true;
}

void
cim_build_clear(struct cim_build *b)
{
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&b->inst);
    memset(b, 0, sizeof(*b));
}

bool
cim_build_failed(const struct cim_build *b)
{
    return b->failed;
}

/* S as well-formed UTF-8: a new string, malformed bytes each U+FFFD. */
static char *
utf8_clean(const char *s)
{
    size_t len = strlen(s), out = 0;
    char *r;

    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    r = malloc(len * 3 + 1);            /* one bad byte grows to three */
    if (!r)
        return NULL;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);

        if (n == 0) {
            memcpy(r + out, "\xef\xbf\xbd", 3);
            out += 3;
            i++;
        } else {
            memcpy(r + out, s + i, n);
            out += n;
            i += n;
        }
    }
    r[out] = '\0';
    return r;
}

/* Append NAME with value V (its contents are taken over, also on
 * failure, when they are freed). */
static void
add(struct cim_build *b, const char *name, cim_value *v)
{
    cim_property_value *p;

    if (!b->failed && b->inst.properties.properties_len == b->cap) {
        u_int cap = b->cap ? b->cap * 2 : 16;

        p = reallocarray(b->inst.properties.properties_val, cap, sizeof(*p));
        if (!p) {
            b->failed = true;
        } else {
            b->inst.properties.properties_val = p;
            b->cap = cap;
        }
    }
    if (b->failed) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return;
    }
    p = &b->inst.properties.properties_val[b->inst.properties.properties_len];
    memset(p, 0, sizeof(*p));
    p->name = strdup(name);
    if (!p->name) {
        b->failed = true;
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return;
    }
    p->value = *v;
    b->inst.properties.properties_len++;
}

/* A value of TYPE with N items, all of that type; NULL when N is 0 and
 * not an array. */
static int
value_new(cim_value *v, cim_type type, bool is_array, size_t n)
{
    memset(v, 0, sizeof(*v));
    v->type = type;
    v->is_array = is_array;
    if (n == 0) {
        v->is_null = !is_array;
        return 0;
    }
    v->items.items_val = calloc(n, sizeof(cim_scalar));
    if (!v->items.items_val)
        return -1;
    v->items.items_len = (u_int)n;
    for (size_t i = 0; i < n; i++)
        v->items.items_val[i].type = type;
    return 0;
}

/* A scalar of TYPE: *ITEM_OUT is its one item, to be filled in. */
static bool
scalar(struct cim_build *b, cim_value *v, cim_type type, cim_scalar **item_out)
{
    if (b->failed)
        return false;
    if (value_new(v, type, false, 1) < 0) {
        b->failed = true;
        return false;
    }
    *item_out = &v->items.items_val[0];
    return true;
}

/* Add NAME with the scalar S, which owns no memory (not a string). */
static void
add_plain(struct cim_build *b, const char *name, const cim_scalar *s)
{
    cim_scalar *item;
    cim_value v;

    if (!scalar(b, &v, s->type, &item))
        return;
    *item = *s;
    add(b, name, &v);
}

void
cim_build_string(struct cim_build *b, const char *name, const char *s)
{
    cim_scalar *item;
    cim_value v;

    if (!s) {
        cim_build_null(b, name, CIM_TYPE_STRING, false);
        return;
    }
    if (!scalar(b, &v, CIM_TYPE_STRING, &item))
        return;
    item->cim_scalar_u.s = utf8_clean(s);
    if (!item->cim_scalar_u.s)
        b->failed = true;
    add(b, name, &v);
}

void
cim_build_uint(struct cim_build *b, const char *name, cim_type type, uint64_t u)
{
    cim_scalar s = { .type = type, .cim_scalar_u.u = u };

    add_plain(b, name, &s);
}

void
cim_build_sint(struct cim_build *b, const char *name, cim_type type, int64_t i)
{
    cim_scalar s = { .type = type, .cim_scalar_u.i = i };

    add_plain(b, name, &s);
}

void
cim_build_real64(struct cim_build *b, const char *name, double r)
{
    cim_scalar s = { .type = CIM_TYPE_REAL64, .cim_scalar_u.r = r };

    add_plain(b, name, &s);
}

void
cim_build_bool(struct cim_build *b, const char *name, bool flag)
{
    cim_scalar s = { .type = CIM_TYPE_BOOLEAN, .cim_scalar_u.b = flag };

    add_plain(b, name, &s);
}

int
cim_build_format_datetime(time_t sec, long usec, bool local, char out[26])
{
    char text[64];
    struct tm tm;
    long off;
    int n;

    if (usec < 0 || usec > 999999)
        return -1;
    if (!(local ? localtime_r(&sec, &tm) : gmtime_r(&sec, &tm)))
        return -1;
    if (tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
        return -1;
    off = local ? tm.tm_gmtoff / 60 : 0;
    if (off < -999 || off > 999)
        return -1;
    n = snprintf(text, sizeof(text), "%04d%02d%02d%02d%02d%02d.%06ld%c%03ld",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                 tm.tm_sec, usec, off < 0 ? '-' : '+', off < 0 ? -off : off);
    if (n != 25)
        return -1;
    memcpy(out, text, 26);
    return 0;
}

void
cim_build_datetime(struct cim_build *b, const char *name, time_t sec, long usec, bool local)
{
    char text[26];
    cim_scalar *item;
    cim_value v;

    if (cim_build_format_datetime(sec, usec, local, text) < 0) {
        cim_build_null(b, name, CIM_TYPE_DATETIME, false);
        return;
    }
    if (!scalar(b, &v, CIM_TYPE_DATETIME, &item))
        return;
    item->cim_scalar_u.s = strdup(text);
    if (!item->cim_scalar_u.s)
        b->failed = true;
    add(b, name, &v);
}

void
cim_build_null(struct cim_build *b, const char *name, cim_type type, bool is_array)
{
    cim_value v;

    if (b->failed)
        return;
    memset(&v, 0, sizeof(v));
    v.type = type;
    v.is_array = is_array;
    v.is_null = true;
    add(b, name, &v);
}

void
cim_build_strings(struct cim_build *b, const char *name, const char *const *s, size_t n)
{
    cim_value v;

    if (b->failed)
        return;
    if (n > CIM_ARRAY_MAX || value_new(&v, CIM_TYPE_STRING, true, n) < 0) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n && !b->failed; i++) {
        v.items.items_val[i].cim_scalar_u.s = utf8_clean(s[i]);
        if (!v.items.items_val[i].cim_scalar_u.s)
            b->failed = true;
    }
    add(b, name, &v);
}

void
cim_build_bytes(struct cim_build *b, const char *name, const unsigned char *p, size_t n)
{
    cim_value v;

    if (b->failed)
        return;
    if (n > CIM_ARRAY_MAX || value_new(&v, CIM_TYPE_UINT8, true, n) < 0) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        v.items.items_val[i].cim_scalar_u.u = p[i];
    add(b, name, &v);
}

void
cim_build_embedded(struct cim_build *b, const char *name, const cim_instance *const *insts,
                   size_t n)
{
    cim_value v;

    if (b->failed)
        return;
    if (n > CIM_ARRAY_MAX || value_new(&v, CIM_TYPE_INSTANCE, true, n) < 0) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n && !b->failed; i++) {
        cim_scalar *sc = &v.items.items_val[i];
        unsigned char *buf = NULL;
        size_t len = 0;

        if (xdr_blob_encode((xdrproc_t)xdr_cim_instance, (void *)insts[i], &buf, &len) < 0 ||
            len > CIM_EMBEDDED_MAX) {
            free(buf);
            b->failed = true;
            break;
        }
        sc->cim_scalar_u.embedded.embedded_val = (char *)buf;
        sc->cim_scalar_u.embedded.embedded_len = (u_int)len;
    }
    add(b, name, &v);
}
