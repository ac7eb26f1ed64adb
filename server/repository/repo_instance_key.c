/*
 * repo_instance_key.c: canonical instance keys, from an instance or from
 * an object path, and the CIM types as the instance tables see them.
 *
 * The canonical key is the key part of an instance's relative path: its
 * key properties in class order, "Name=value" joined by ',', with the
 * class's spelling of the names; strings, datetimes, references and
 * char16 quoted (cim_path_append_quoted()), integers in decimal, reals
 * with the digits that round-trip (%.17g, real32 %.9g of the float),
 * booleans TRUE/FALSE; "@" for a class without keys.  A path's key
 * values are first converted to the key properties' types (with range
 * checks; integer syntax, ranges and char16 text are common/cim_type.h's,
 * which WQL shares), then formatted by the same code, so every spelling
 * of a value ("0x1F", "31", "+31") gives the same key.  A key longer than
 * a path may be (CIM_PATH_MAX) is refused: such an instance could not be
 * named.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_path.h"
#include "common/cim_type.h"
#include "common/xdr_blob.h"
#include "repository/repo_instance.h"
#include "repository/repo_internal.h"

/* ---- types ---- */

const char *
repo_instance_type_name(cim_type type)
{
    const char *name = cim_type_name(type);

    return name != NULL ? name : "unknown type";
}

bool
repo_instance_has_column(const cim_property *p)
{
    return p->array_size < 0 && p->type != CIM_TYPE_INSTANCE;
}

const char *
repo_instance_column_type(cim_type type)
{
    switch (type) {
    case CIM_TYPE_UINT64:
        return "ANY";
    case CIM_TYPE_REAL32:
    case CIM_TYPE_REAL64:
        return "REAL";
    case CIM_TYPE_STRING:
    case CIM_TYPE_DATETIME:
    case CIM_TYPE_REFERENCE:
        return "TEXT COLLATE NOCASE";
    default:
        return "INTEGER";
    }
}

/* ---- canonical keys ---- */

/* The canonical text of S, a scalar of TYPE (not an embedded instance). */
static void
repo_instance_key_scalar(struct repo_buf *b, cim_type type, const cim_scalar *s)
{
    char utf8[4];

    switch (type) {
    case CIM_TYPE_BOOLEAN:
        repo_buf_add(b, s->cim_scalar_u.b ? "TRUE" : "FALSE");
        break;
    case CIM_TYPE_SINT8:
    case CIM_TYPE_SINT16:
    case CIM_TYPE_SINT32:
    case CIM_TYPE_SINT64:
        repo_buf_addf(b, "%" PRId64, (int64_t)s->cim_scalar_u.i);
        break;
    case CIM_TYPE_UINT8:
    case CIM_TYPE_UINT16:
    case CIM_TYPE_UINT32:
    case CIM_TYPE_UINT64:
        repo_buf_addf(b, "%" PRIu64, (uint64_t)s->cim_scalar_u.u);
        break;
    case CIM_TYPE_REAL32:
        repo_buf_addf(b, "%.9g", (double)(float)s->cim_scalar_u.r);
        break;
    case CIM_TYPE_REAL64:
        repo_buf_addf(b, "%.17g", s->cim_scalar_u.r);
        break;
    case CIM_TYPE_CHAR16:
        cim_type_char16_utf8(s->cim_scalar_u.c, utf8);
        repo_buf_quoted(b, utf8);
        break;
    default:
        repo_buf_quoted(b, s->cim_scalar_u.s);
        break;
    }
}

/*
 * The canonical key of class CLS from VALUES[j], the value of its j-th key
 * property (KEYS[j] its position; N_KEYS of them): "Name=value,...", or
 * "@" without keys.  A new string, or NULL with ERR set.
 */
char *
repo_instance_key_build(const cim_class *cls, const unsigned *keys, unsigned n_keys,
                        const cim_value *const *values, struct repo_error *err)
{
    struct repo_buf b = { 0 };

    if (n_keys == 0)
        repo_buf_add(&b, "@");
    for (unsigned j = 0; j < n_keys; j++) {
        const cim_property *p = &cls->properties.properties_val[keys[j]];
        const cim_value *v = values[j];

        if (!repo_instance_has_column(p)) {
            free(b.s);
            /* The class is at fault, not the instance or path. */
            repo_failc(err, WBEM_E_INVALID_CLASS, "key property %s of class %s is %s%s; a key "
                       "is a single value of a type other than an embedded instance: fix the "
                       "class", p->name, cls->name, repo_instance_type_name(p->type),
                       p->array_size >= 0 ? " array" : "");
            return NULL;
        }
        if (v == NULL || v->is_null || v->items.items_len != 1) {
            free(b.s);
            /* Only from an instance: a path's keys were checked first. */
            repo_failc(err, WBEM_E_INVALID_OBJECT, "key property %s of class %s has no value; "
                       "every key property needs one", p->name, cls->name);
            return NULL;
        }
        if (j > 0)
            repo_buf_add(&b, ",");
        repo_buf_add(&b, p->name);
        repo_buf_add(&b, "=");
        repo_instance_key_scalar(&b, p->type, &v->items.items_val[0]);
    }
    if (!b.failed && b.len > CIM_PATH_MAX) {
        free(b.s);
        repo_failc(err, WBEM_E_INVALID_OBJECT, "the keys of this instance of %s take %zu "
                   "bytes; an instance path has at most %d", cls->name, b.len, CIM_PATH_MAX);
        return NULL;
    }
    return repo_buf_take(&b, err);
}

/* The Key properties of CLS, in class order, into a new array. */
static unsigned *
repo_instance_key_positions(const cim_class *cls, unsigned *n_out, struct repo_error *err)
{
    unsigned *keys = calloc(cls->properties.properties_len + 1, sizeof(*keys));

    *n_out = 0;
    if (keys == NULL) {
        repo_failf(err, "out of memory");
        return NULL;
    }
    for (u_int i = 0; i < cls->properties.properties_len; i++) {
        const cim_property *p = &cls->properties.properties_val[i];
        if (repo_qualifier_is_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                   "Key"))
            keys[(*n_out)++] = i;
    }
    return keys;
}

char *
repo_instance_key(const cim_class *cls, const cim_instance *inst, struct repo_error *err)
{
    const cim_value **values;
    unsigned *keys, n_keys;
    char *key = NULL;

    if ((keys = repo_instance_key_positions(cls, &n_keys, err)) == NULL)
        return NULL;
    values = calloc(n_keys + 1, sizeof(*values));
    if (values == NULL) {
        free(keys);
        repo_failf(err, "out of memory");
        return NULL;
    }
    for (unsigned j = 0; j < n_keys; j++) {
        const char *name = cls->properties.properties_val[keys[j]].name;
        for (u_int i = 0; i < inst->properties.properties_len; i++)
            if (strcasecmp(inst->properties.properties_val[i].name, name) == 0)
                values[j] = &inst->properties.properties_val[i].value;
    }
    key = repo_instance_key_build(cls, keys, n_keys, values, err);
    free(values);
    free(keys);
    return key;
}

/* "A, B" for messages: the names of the key properties of C. */
void
repo_instance_key_names(const struct repo_class_cached *c, struct repo_buf *b)
{
    for (unsigned j = 0; j < c->n_keys; j++) {
        if (j > 0)
            repo_buf_add(b, ", ");
        repo_buf_add(b, c->cls.properties.properties_val[c->keys[j]].name);
    }
}

/* ---- keys from a path ---- */

static const char *
repo_instance_written_as(cim_type type)
{
    switch (type) {
    case CIM_TYPE_BOOLEAN:
        return "TRUE or FALSE";
    case CIM_TYPE_STRING:
    case CIM_TYPE_DATETIME:
    case CIM_TYPE_REFERENCE:
        return "a quoted string";
    case CIM_TYPE_CHAR16:
        return "one character in quotes";
    default:
        return "a number";
    }
}

/* Decode one UTF-8 character of at most 3 bytes (the BMP) as all of S. */
static int
repo_instance_one_char(const char *s, unsigned *out)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] == 0) {
        *out = 0;
        return 0;
    }
    if (u[0] < 0x80 && u[1] == 0) {
        *out = u[0];
        return 0;
    }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80 && u[2] == 0) {
        *out = ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return *out >= 0x80 ? 0 : -1;
    }
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && u[3] == 0) {
        *out = ((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return *out >= 0x800 ? 0 : -1;
    }
    return -1;
}

/* Convert binding K to the type of key property P of class CLS into OUT
 * (strings are borrowed from K). */
static int
repo_instance_convert(const cim_class *cls, const cim_property *p, const struct cim_path_key *k,
                      cim_scalar *out, struct repo_error *err)
{
    enum cim_path_key_kind want;
    int64_t min;
    uint64_t max, magnitude;
    bool negative;
    int rc;
    char *end;

    switch (p->type) {
    case CIM_TYPE_BOOLEAN:
        want = CIM_PATH_KEY_BOOLEAN;
        break;
    case CIM_TYPE_STRING:
    case CIM_TYPE_DATETIME:
    case CIM_TYPE_REFERENCE:
    case CIM_TYPE_CHAR16:
        want = CIM_PATH_KEY_STRING;
        break;
    default:
        want = CIM_PATH_KEY_NUMBER;
        break;
    }
    if (k->kind != want)
        return repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "key %s of class %s is a %s: write "
                          "its value as %s", p->name, cls->name,
                          repo_instance_type_name(p->type), repo_instance_written_as(p->type));
    out->type = p->type;
    switch (p->type) {
    case CIM_TYPE_BOOLEAN:
        out->cim_scalar_u.b = strcmp(k->value, "TRUE") == 0;
        return 0;
    case CIM_TYPE_STRING:
    case CIM_TYPE_DATETIME:
    case CIM_TYPE_REFERENCE:
        out->cim_scalar_u.s = k->value;
        return 0;
    case CIM_TYPE_CHAR16:
        if (repo_instance_one_char(k->value, &out->cim_scalar_u.c) < 0)
            return repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "key %s of class %s is a "
                              "char16: its value is one character", p->name, cls->name);
        return 0;
    case CIM_TYPE_REAL32:
    case CIM_TYPE_REAL64:
        out->cim_scalar_u.r = strtod(k->value, &end);
        if (*end != '\0')
            return repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "the value %.64s of key %s of "
                              "class %s is not a real number", k->value, p->name, cls->name);
        return 0;
    default:
        break;
    }
    if (!cim_type_int_range(p->type, &min, &max))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "key property %s of class %s is %s; a key "
                          "is a single value of a type other than an embedded instance: fix "
                          "the class", p->name, cls->name, repo_instance_type_name(p->type));
    rc = cim_type_parse_integer(k->value, &negative, &magnitude);
    if (rc < 0)
        return repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "key %s of class %s is an integer "
                          "(%s); %.64s is not one", p->name, cls->name,
                          repo_instance_type_name(p->type), k->value);
    /* rc 1: beyond 64 bits, so beyond every range. */
    if (rc > 0 || !cim_type_int_fits(p->type, negative, magnitude))
        return repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "the value %.64s of key %s of "
                          "class %s is out of range for %s (%" PRId64 " to %" PRIu64 ")",
                          k->value, p->name, cls->name, repo_instance_type_name(p->type),
                          min, max);
    if (cim_type_is_signed(p->type))
        out->cim_scalar_u.i = negative ? (magnitude == (uint64_t)INT64_MAX + 1 ? INT64_MIN
                                          : -(int64_t)magnitude) : (int64_t)magnitude;
    else
        out->cim_scalar_u.u = magnitude;
    return 0;
}

/*
 * The values PATH gives for the keys of class C, converted to their types
 * into SCALARS (C->n_keys of them, in class order; strings borrowed from
 * PATH), after checking that PATH is an instance path naming every key
 * and nothing else.  *SINGLETON_OUT is set for "Class=@" (nothing
 * converted).  Returns 0, or -1 with ERR set.
 */
static int
repo_instance_path_scalars(const struct repo_class_cached *c, const struct cim_path *path,
                           cim_scalar *scalars, bool *singleton_out, struct repo_error *err)
{
    const cim_class *cls = &c->cls;
    struct repo_buf names = { 0 };
    int rc = -1;

    *singleton_out = false;
    repo_instance_key_names(c, &names);
    if (names.failed) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    if (!cim_path_is_instance(path)) {
        repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "%s is a class path; an instance path "
                   "gives its keys: %s.Key=value", path->class_name, path->class_name);
        goto cleanup;
    }
    if (path->singleton) {
        if (c->n_keys > 0)
            repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "class %s has keys (%s); '=@' "
                       "addresses only the instance of a class without keys", cls->name,
                       names.s);
        else
            rc = 0;
        *singleton_out = rc == 0;
        goto cleanup;
    }
    if (c->n_keys == 0) {
        repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "class %s has no keys; its one instance "
                   "is %s=@", cls->name, cls->name);
        goto cleanup;
    }
    for (size_t i = 0; i < path->n_keys; i++) {
        unsigned j;

        for (j = 0; j < c->n_keys; j++) {
            const char *name = cls->properties.properties_val[c->keys[j]].name;
            if (strcasecmp(path->keys[i].name, name) == 0)
                break;
        }
        if (j == c->n_keys) {
            repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "%.300s is not a key of class %s (its "
                       "keys: %s)", path->keys[i].name, cls->name, names.s);
            goto cleanup;
        }
    }
    for (unsigned j = 0; j < c->n_keys; j++) {
        const cim_property *p = &cls->properties.properties_val[c->keys[j]];
        size_t i;

        for (i = 0; i < path->n_keys; i++)
            if (strcasecmp(path->keys[i].name, p->name) == 0)
                break;
        if (i == path->n_keys) {
            repo_failc(err, WBEM_E_INVALID_OBJECT_PATH, "the path gives no value for key %s of "
                       "class %s (its keys: %s)", p->name, cls->name, names.s);
            goto cleanup;
        }
        if (repo_instance_convert(cls, p, &path->keys[i], &scalars[j], err) < 0)
            goto cleanup;
    }
    rc = 0;

cleanup:
    free(names.s);
    return rc;
}

/* The canonical key that PATH gives for an instance of class C. */
char *
repo_instance_path_key(const struct repo_class_cached *c, const struct cim_path *path,
                       struct repo_error *err)
{
    cim_scalar *scalars = calloc(c->n_keys ? c->n_keys : 1, sizeof(*scalars));
    cim_value *values = calloc(c->n_keys ? c->n_keys : 1, sizeof(*values));
    const cim_value **refs = calloc(c->n_keys ? c->n_keys : 1, sizeof(*refs));
    char *key = NULL;
    bool singleton;

    if (scalars == NULL || values == NULL || refs == NULL) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    if (repo_instance_path_scalars(c, path, scalars, &singleton, err) < 0)
        goto cleanup;
    if (singleton) {
        if ((key = strdup("@")) == NULL)
            repo_failf(err, "out of memory");
        goto cleanup;
    }
    for (unsigned j = 0; j < c->n_keys; j++) {
        values[j].type = c->cls.properties.properties_val[c->keys[j]].type;
        values[j].items.items_len = 1;
        values[j].items.items_val = &scalars[j];
        refs[j] = &values[j];
    }
    key = repo_instance_key_build(&c->cls, c->keys, c->n_keys, refs, err);
    /* Keys longer than a path may be (reals get longer spelled in full)
     * are the path's fault here. */
    if (key == NULL && err != NULL && err->code == WBEM_E_INVALID_OBJECT)
        err->code = WBEM_E_INVALID_OBJECT_PATH;

cleanup:
    free(scalars);
    free(values);
    free(refs);
    return key;
}

int
repo_instance_path_keys(const cim_class *cls, const struct cim_path *path,
                        cim_instance *keys_out, struct repo_error *err)
{
    struct repo_class_cached c = { .cls = *cls };
    unsigned n = cls->properties.properties_len;
    cim_scalar *scalars = NULL;
    cim_instance view = { 0 };
    bool singleton;
    int rc = -1;

    memset(keys_out, 0, sizeof(*keys_out));
    c.keys = calloc(n ? n : 1, sizeof(*c.keys));
    scalars = calloc(n ? n : 1, sizeof(*scalars));
    view.properties.properties_val = calloc(n ? n : 1, sizeof(cim_property_value));
    if (c.keys == NULL || scalars == NULL || view.properties.properties_val == NULL) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    for (unsigned i = 0; i < n; i++) {
        const cim_property *p = &cls->properties.properties_val[i];

        if (repo_qualifier_is_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                   "Key"))
            c.keys[c.n_keys++] = i;
    }
    if (repo_instance_path_scalars(&c, path, scalars, &singleton, err) < 0)
        goto cleanup;
    /* A view borrowing CLS's names and PATH's strings, then one deep copy. */
    view.class_name = cls->name;
    for (unsigned j = 0; j < c.n_keys; j++) {
        cim_property_value *pv = &view.properties.properties_val[j];

        pv->name = cls->properties.properties_val[c.keys[j]].name;
        pv->value.type = scalars[j].type;
        pv->value.items.items_len = 1;
        pv->value.items.items_val = &scalars[j];
    }
    view.properties.properties_len = c.n_keys;
    if (xdr_blob_copy((xdrproc_t)xdr_cim_instance, &view, keys_out) < 0) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    rc = 0;

cleanup:
    free(c.keys);
    free(scalars);
    free(view.properties.properties_val);
    return rc;
}
