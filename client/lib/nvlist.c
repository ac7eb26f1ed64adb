/*
 * nvlist.c: lists of named values (nvlist.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "nvlist.h"
#include "ops.h"

long
nvlist_find(const struct nvlist *l, const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->items[i].name, name) == 0)
            return (long)i;
    return -1;
}

const char *
nvlist_name(const struct nvlist *l, size_t index)
{
    return index < l->n ? l->items[index].name : NULL;
}

const cimrpc_value *
nvlist_value(const struct nvlist *l, size_t index)
{
    return index < l->n ? &l->items[index].value : NULL;
}

const cimrpc_value *
nvlist_get(const struct nvlist *l, const char *name)
{
    long at = nvlist_find(l, name);

    return at < 0 ? NULL : &l->items[at].value;
}

/* Room for one more entry in L. */
static int
nvlist_grow(struct nvlist *l)
{
    size_t cap = l->cap ? l->cap * 2 : 8;
    struct nvlist_entry *items;

    if (l->n < l->cap)
        return 0;
    if ((items = realloc(l->items, cap * sizeof(*items))) == NULL)
        return -1;
    l->items = items;
    l->cap = cap;
    return 0;
}

int
nvlist_set(struct nvlist *l, const char *name, cimrpc_value *value, size_t max,
           const char *what, cimrpc_error **err_out)
{
    struct nvlist_entry *e;
    long at = nvlist_find(l, name);
    char *copy = NULL;

    if (value == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s %s needs a value (NULL: "
                         "cimrpc_value_new_null())", what, name ? name : "");
    if (at < 0) {
        if (ops_check_name(name, what, err_out) < 0)
            goto fail;
        if (l->n >= max) {
            error_set(err_out, CIMRPC_ERR_USAGE, 0, "cannot set %s %s: at most %zu are "
                      "allowed", what, name, max);
            goto fail;
        }
        if ((copy = strdup(name)) == NULL || nvlist_grow(l) < 0) {
            free(copy);
            error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
            goto fail;
        }
        at = (long)l->n++;
        l->items[at].name = copy;
    } else {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)&l->items[at].value.v);
    }
    e = &l->items[at];
    e->value.v = value->v;              /* the value moves into the entry */
    free(value);
    return 0;
fail:
    cimrpc_value_free(value);
    return -1;
}

int
nvlist_adopt(struct nvlist *l, cim_property_value *pv, unsigned int n)
{
    if (n > 0 && (l->items = calloc(n, sizeof(*l->items))) == NULL)
        return -1;
    l->n = l->cap = n;
    for (unsigned int i = 0; i < n; i++) {
        l->items[i].name = pv[i].name;
        l->items[i].value.v = pv[i].value;
        memset(&pv[i], 0, sizeof(pv[i]));
    }
    return 0;
}

int
nvlist_view(const struct nvlist *l, cim_property_value **pv_out)
{
    cim_property_value *pv = calloc(l->n ? l->n : 1, sizeof(*pv));

    if (pv == NULL)
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        pv[i].name = l->items[i].name;
        pv[i].value = l->items[i].value.v;
    }
    *pv_out = pv;
    return 0;
}

void
nvlist_clear(struct nvlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].name);
        xdr_free((xdrproc_t)xdr_cim_value, (char *)&l->items[i].value.v);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}
