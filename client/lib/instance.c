/*
 * instance.c: CIM instances: a class name, the path the server gave the
 * instance (if it came from the server) and named property values.
 *
 * An instance from the server holds what the reply held, moved rather
 * than copied; one built here starts empty.  The server, not the library,
 * knows the class: it checks names, types and keys when the instance is
 * stored.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "instance.h"
#include "moftext.h"
#include "ops.h"

int
cimrpc_instance_new(const char *class_name, cimrpc_instance **inst_out, cimrpc_error **err_out)
{
    cimrpc_instance *inst;

    if (ops_check_name(class_name, "class", err_out) < 0)
        return -1;
    if ((inst = calloc(1, sizeof(*inst))) == NULL ||
        (inst->class_name = strdup(class_name)) == NULL) {
        free(inst);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    *inst_out = inst;
    return 0;
}

cimrpc_instance *
instance_adopt(cim_instance *wire, char *path)
{
    cimrpc_instance *inst = calloc(1, sizeof(*inst));

    if (inst == NULL)
        return NULL;
    if (nvlist_adopt(&inst->props, wire->properties.properties_val,
                     wire->properties.properties_len) < 0) {
        free(inst);
        return NULL;
    }
    inst->class_name = wire->class_name;
    inst->path = path;
    wire->class_name = NULL;
    /* What is left: the array of entries, each zeroed. */
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)wire);
    memset(wire, 0, sizeof(*wire));
    return inst;
}

void
cimrpc_instance_free(cimrpc_instance *inst)
{
    if (inst == NULL)
        return;
    nvlist_clear(&inst->props);
    free(inst->class_name);
    free(inst->path);
    free(inst);
}

int
instance_wire_view(const cimrpc_instance *inst, cim_instance *view)
{
    memset(view, 0, sizeof(*view));
    if (nvlist_view(&inst->props, &view->properties.properties_val) < 0)
        return -1;
    view->properties.properties_len = (u_int)inst->props.n;
    view->class_name = inst->class_name;
    return 0;
}

void
instance_wire_view_free(cim_instance *view)
{
    free(view->properties.properties_val);
    memset(view, 0, sizeof(*view));
}

const char *
cimrpc_instance_class_name(const cimrpc_instance *inst)
{
    return inst->class_name;
}

const char *
cimrpc_instance_path(const cimrpc_instance *inst)
{
    return inst->path;
}

size_t
cimrpc_instance_property_count(const cimrpc_instance *inst)
{
    return inst->props.n;
}

const char *
cimrpc_instance_property_name(const cimrpc_instance *inst, size_t index)
{
    return nvlist_name(&inst->props, index);
}

const cimrpc_value *
cimrpc_instance_property_value(const cimrpc_instance *inst, size_t index)
{
    return nvlist_value(&inst->props, index);
}

const cimrpc_value *
cimrpc_instance_get_property(const cimrpc_instance *inst, const char *name)
{
    return nvlist_get(&inst->props, name);
}

int
cimrpc_instance_set_property(cimrpc_instance *inst, const char *name, cimrpc_value *value,
                             cimrpc_error **err_out)
{
    if (inst == NULL) {
        cimrpc_value_free(value);
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "cimrpc_instance_set_property: no "
                         "instance");
    }
    return nvlist_set(&inst->props, name, value, CIM_PROPERTIES_MAX, "property", err_out);
}

char *
cimrpc_instance_to_mof(const cimrpc_instance *inst)
{
    cim_instance view;
    struct textbuf tb = TEXTBUF_INIT;

    if (instance_wire_view(inst, &view) < 0)
        return NULL;
    moftext_instance(&tb, &view, false, 0);
    instance_wire_view_free(&view);
    return textbuf_take(&tb);
}
