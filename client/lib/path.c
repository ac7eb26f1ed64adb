/*
 * path.c: object paths: checking one before it is sent, and making an
 * instance's relative path from its keys.
 *
 * Paths are parsed with the same code the server uses (common/cim_path),
 * so what passes here parses there.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cim_path.h"
#include "error.h"
#include "numtext.h"
#include "ops.h"
#include "params.h"
#include "path.h"

int
path_check(const char *path, bool instance, cimrpc_error **err_out)
{
    struct cim_path parsed = { 0 };
    char why[256];
    bool is_instance;

    if (path == NULL || *path == '\0')
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "an object path is required, such as "
                         "Class.Key=\"value\"");
    if (strlen(path) > CIM_PATH_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "an object path is at most %d bytes",
                         CIM_PATH_MAX);
    if (cim_path_parse(path, &parsed, why, sizeof(why)) < 0)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.300s' is not an object path: %s",
                         path, why);
    is_instance = cim_path_is_instance(&parsed);
    cim_path_clear(&parsed);
    if (instance && !is_instance)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.300s' names a class, not an "
                         "instance: give its keys, such as %.300s.Key=\"value\" (or "
                         "%.300s=@ for a singleton)", path, path, path);
    return 0;
}

/* Append TEXT to the path in BUF (CAP bytes, *LEN used).  0 or -1. */
static int
path_append(char *buf, size_t cap, size_t *len, const char *text)
{
    size_t n = strlen(text);

    if (n >= cap - *len)
        return -1;
    memcpy(buf + *len, text, n + 1);
    *len += n;
    return 0;
}

/* Append key value V (NAME's) to the path in BUF.  0, -1 when it does not
 * fit, or -2 with a usage error for a value a key cannot have. */
static int
path_append_key(char *buf, size_t cap, size_t *len, const char *name, const cimrpc_value *v,
                cimrpc_error **err_out)
{
    const cim_scalar *s = &v->v.items.items_val[0];
    char text[NUMTEXT_REAL_MAX > 24 ? NUMTEXT_REAL_MAX : 24], one[4] = { 0 };

    if (v->v.is_null || v->v.is_array || v->v.type == CIM_TYPE_INSTANCE) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "key %s cannot be %s", name,
                  v->v.is_null ? "NULL" : v->v.is_array ? "an array" : "an embedded instance");
        return -2;
    }
    switch (v->v.type) {
    case CIM_TYPE_STRING: case CIM_TYPE_DATETIME: case CIM_TYPE_REFERENCE:
        return cim_path_append_quoted(buf, cap, len, s->cim_scalar_u.s);
    case CIM_TYPE_CHAR16:
        if (s->cim_scalar_u.c == 0 || s->cim_scalar_u.c >= 0x80) {
            error_set(err_out, CIMRPC_ERR_USAGE, 0, "key %s: only ASCII char16 keys can be "
                      "written in a path", name);
            return -2;
        }
        one[0] = (char)s->cim_scalar_u.c;
        return cim_path_append_quoted(buf, cap, len, one);
    case CIM_TYPE_BOOLEAN:
        return path_append(buf, cap, len, s->cim_scalar_u.b ? "TRUE" : "FALSE");
    case CIM_TYPE_REAL32: case CIM_TYPE_REAL64:
        numtext_format_real(text, s->cim_scalar_u.r, false);
        return path_append(buf, cap, len, text);
    case CIM_TYPE_SINT8: case CIM_TYPE_SINT16: case CIM_TYPE_SINT32: case CIM_TYPE_SINT64:
        snprintf(text, sizeof(text), "%lld", (long long)s->cim_scalar_u.i);
        return path_append(buf, cap, len, text);
    default:
        snprintf(text, sizeof(text), "%llu", (unsigned long long)s->cim_scalar_u.u);
        return path_append(buf, cap, len, text);
    }
}

int
cimrpc_path_make(const char *class_name, const cimrpc_params *keys, char **path_out,
                 cimrpc_error **err_out)
{
    size_t cap = CIM_PATH_MAX + 1, len = 0, n = keys != NULL ? keys->list.n : 0;
    char *buf;
    int rc = 0;

    if (ops_check_name(class_name, "class", err_out) < 0)
        return -1;
    if ((buf = malloc(cap)) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    buf[0] = '\0';
    rc = path_append(buf, cap, &len, class_name);
    if (n == 0 && rc == 0)
        rc = path_append(buf, cap, &len, "=@");
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct nvlist_entry *e = &keys->list.items[i];
        if ((rc = path_append(buf, cap, &len, i == 0 ? "." : ",")) == 0 &&
            (rc = path_append(buf, cap, &len, e->name)) == 0 &&
            (rc = path_append(buf, cap, &len, "=")) == 0)
            rc = path_append_key(buf, cap, &len, e->name, &e->value, err_out);
    }
    if (rc == -1)
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "the path of this instance of %s would be "
                  "longer than %d bytes", class_name, CIM_PATH_MAX);
    if (rc < 0) {
        free(buf);
        return -1;
    }
    *path_out = buf;
    return 0;
}
