/*
 * proc_select.c: property selection and the relative path of instance
 * results (see proc_select.h).
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "procs/proc_select.h"
#include "procs/proc_util.h"
#include "repository/repo_instance.h"

static bool
proc_select_is_key(const cim_property *p)
{
    for (u_int i = 0; i < p->qualifiers.qualifiers_len; i++) {
        const cim_qualifier *q = &p->qualifiers.qualifiers_val[i];

        if (strcasecmp(q->name, "Key") == 0)
            return q->value.type == CIM_TYPE_BOOLEAN && !q->value.is_null &&
                   q->value.items.items_len == 1 && q->value.items.items_val[0].cim_scalar_u.b;
    }
    return false;
}

static const cim_property *
proc_select_property(const cim_class *cls, const char *name)
{
    for (u_int i = 0; i < cls->properties.properties_len; i++)
        if (strcasecmp(cls->properties.properties_val[i].name, name) == 0)
            return &cls->properties.properties_val[i];
    return NULL;
}

int
proc_select_check(const cim_class *cls, const cimrpc_selection *sel, u_int *code, char **reason)
{
    if (!sel->has_list)
        return 0;
    for (u_int i = 0; i < sel->properties.properties_len; i++)
        if (proc_select_property(cls, sel->properties.properties_val[i]) == NULL) {
            proc_error(code, reason, WBEM_E_INVALID_PARAMETER, "class %s has no property %.300s; "
                       "remove it from the property list", cls->name,
                       sel->properties.properties_val[i]);
            return -1;
        }
    return 0;
}

/* Is property NAME of CLS wanted under SEL? */
static bool
proc_select_wanted(const cim_class *cls, const cimrpc_selection *sel, const char *name)
{
    const cim_property *p = proc_select_property(cls, name);

    if (p != NULL && proc_select_is_key(p))
        return true;
    if (sel->keys_only)
        return false;
    if (!sel->has_list)
        return true;
    for (u_int i = 0; i < sel->properties.properties_len; i++)
        if (strcasecmp(sel->properties.properties_val[i], name) == 0)
            return true;
    return false;
}

int
proc_select_apply(const cim_class *cls, const cimrpc_selection *sel, cim_instance *inst,
                  const char *key, cimrpc_object_instance *out, u_int *code, char **reason)
{
    struct repo_error err = { "", 0 };
    char *own_key = NULL;
    u_int kept = 0;
    int n;

    if (key == NULL && (key = own_key = repo_instance_key(cls, inst, &err)) == NULL) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    if (strcmp(key, "@") == 0)
        n = asprintf(&out->path, "%s=@", inst->class_name);
    else
        n = asprintf(&out->path, "%s.%s", inst->class_name, key);
    free(own_key);
    if (n < 0) {
        out->path = NULL;
        return -1;
    }
    /* Every property wanted: nothing to look at. */
    if (sel->keys_only || sel->has_list) {
        for (u_int i = 0; i < inst->properties.properties_len; i++) {
            cim_property_value *pv = &inst->properties.properties_val[i];

            if (proc_select_wanted(cls, sel, pv->name))
                inst->properties.properties_val[kept++] = *pv;
            else
                xdr_free((xdrproc_t)xdr_cim_property_value, (char *)pv);
        }
        inst->properties.properties_len = kept;
    }
    out->inst = *inst;
    memset(inst, 0, sizeof(*inst));
    return 0;
}
