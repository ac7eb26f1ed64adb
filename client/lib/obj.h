/*
 * obj.h: objects handed out by cursors (internal).
 */
#ifndef CIMRPC_CLIENT_OBJ_H
#define CIMRPC_CLIENT_OBJ_H

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/* A new object that takes over the class or instance in *WIRE (checked
 * with wire_check_class or wire_check_instance).  NULL when memory runs
 * out; either way *WIRE is left for xdr_free() (emptied when taken). */
cimrpc_obj *obj_adopt(cimrpc_object *wire);

#endif
