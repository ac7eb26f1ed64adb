/*
 * select.c: which properties instances carry: all, only the keys, or the
 * keys and a list of names (WMI's property lists and keys-only flag).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "ops.h"
#include "select.h"

struct cimrpc_select {
    bool keys_only;
    char **names;                   /* n names, each once */
    size_t n, cap;
};

cimrpc_select *
cimrpc_select_new(void)
{
    return calloc(1, sizeof(cimrpc_select));
}

void
cimrpc_select_free(cimrpc_select *sel)
{
    if (sel == NULL)
        return;
    for (size_t i = 0; i < sel->n; i++)
        free(sel->names[i]);
    free(sel->names);
    free(sel);
}

void
cimrpc_select_set_keys_only(cimrpc_select *sel, bool keys_only)
{
    sel->keys_only = keys_only;
}

int
cimrpc_select_add(cimrpc_select *sel, const char *name, cimrpc_error **err_out)
{
    char *copy;

    if (ops_check_name(name, "property", err_out) < 0)
        return -1;
    for (size_t i = 0; i < sel->n; i++)
        if (strcasecmp(sel->names[i], name) == 0)
            return 0;
    if (sel->n >= CIMRPC_PROPLIST_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a property list holds at most %d "
                         "names", CIMRPC_PROPLIST_MAX);
    if (sel->n == sel->cap) {
        size_t cap = sel->cap ? sel->cap * 2 : 8;
        char **names = realloc(sel->names, cap * sizeof(*names));
        if (names == NULL)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        sel->names = names;
        sel->cap = cap;
    }
    if ((copy = strdup(name)) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    sel->names[sel->n++] = copy;
    return 0;
}

void
select_wire(const cimrpc_select *sel, cimrpc_selection *out)
{
    memset(out, 0, sizeof(*out));
    if (sel == NULL)
        return;
    out->keys_only = sel->keys_only;
    out->has_list = sel->n > 0;
    out->properties.properties_len = (u_int)sel->n;
    out->properties.properties_val = sel->names;
}
