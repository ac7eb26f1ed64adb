/*
 * obj.c: an object from a cursor: a class or an instance, which the
 * caller may borrow or take.
 */
#include <config.h>

#include <stdlib.h>

#include "class.h"
#include "instance.h"
#include "obj.h"

struct cimrpc_obj {
    cimrpc_obj_kind kind;
    cimrpc_class *cls;              /* CIMRPC_OBJ_CLASS, until taken */
    cimrpc_instance *inst;          /* CIMRPC_OBJ_INSTANCE, until taken */
};

cimrpc_obj *
obj_adopt(cimrpc_object *wire)
{
    cimrpc_obj *obj = calloc(1, sizeof(*obj));

    if (obj == NULL)
        return NULL;
    if (wire->kind == CIMRPC_OBJECT_CLASS) {
        obj->kind = CIMRPC_OBJ_CLASS;
        obj->cls = class_adopt(&wire->cimrpc_object_u.cls);
    } else {
        cimrpc_object_instance *oi = &wire->cimrpc_object_u.instance;
        obj->kind = CIMRPC_OBJ_INSTANCE;
        if ((obj->inst = instance_adopt(&oi->inst, oi->path)) != NULL)
            oi->path = NULL;
    }
    if (obj->cls == NULL && obj->inst == NULL) {
        free(obj);
        return NULL;
    }
    return obj;
}

cimrpc_obj_kind
cimrpc_obj_get_kind(const cimrpc_obj *obj)
{
    return obj->kind;
}

const cimrpc_class *
cimrpc_obj_class(const cimrpc_obj *obj)
{
    return obj->cls;
}

const cimrpc_instance *
cimrpc_obj_instance(const cimrpc_obj *obj)
{
    return obj->inst;
}

cimrpc_class *
cimrpc_obj_take_class(cimrpc_obj *obj)
{
    cimrpc_class *cls = obj->cls;

    obj->cls = NULL;
    return cls;
}

cimrpc_instance *
cimrpc_obj_take_instance(cimrpc_obj *obj)
{
    cimrpc_instance *inst = obj->inst;

    obj->inst = NULL;
    return inst;
}

void
cimrpc_obj_free(cimrpc_obj *obj)
{
    if (obj == NULL)
        return;
    cimrpc_class_free(obj->cls);
    cimrpc_instance_free(obj->inst);
    free(obj);
}
