/*
 * instance.h: instances (internal layout and wire conversions).
 */
#ifndef CIMRPC_CLIENT_INSTANCE_H
#define CIMRPC_CLIENT_INSTANCE_H

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"
#include "nvlist.h"

struct cimrpc_instance {
    char *class_name;
    char *path;                     /* the server's relative path, or NULL */
    struct nvlist props;
};

/* A new instance that takes over the contents of *WIRE (then zeroed; the
 * caller has checked it with wire_check_instance) and PATH (a string
 * allocated with malloc, or NULL).  NULL when memory runs out: then
 * nothing is taken. */
cimrpc_instance *instance_adopt(cim_instance *wire, char *path);

/* INST as the wire's cim_instance, borrowing INST's strings and values:
 * free it with instance_wire_view_free(), never xdr_free().  0, or -1
 * when memory runs out. */
int instance_wire_view(const cimrpc_instance *inst, cim_instance *view);
void instance_wire_view_free(cim_instance *view);

#endif
