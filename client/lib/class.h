/*
 * class.h: classes (internal layout).
 */
#ifndef CIMRPC_CLIENT_CLASS_H
#define CIMRPC_CLIENT_CLASS_H

#include <stddef.h>

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/*
 * The class as decoded (owned), and views: cimrpc_values that share the
 * items of the values inside it (never freed on their own), so that
 * defaults and qualifiers can be lent as cimrpc_values.  Views are laid
 * out as: the class's qualifiers; for each property its default then its
 * qualifiers (from prop_base[i]); for each method its qualifiers then
 * each parameter's (from method_base[m]).
 */
struct cimrpc_class {
    cim_class c;
    cimrpc_value *views;
    size_t *prop_base;
    size_t *method_base;
    size_t *keys;                   /* indexes of the key properties */
    size_t n_keys;
};

/* A new class that takes over *WIRE (checked with wire_check_class; then
 * zeroed), or NULL when memory runs out (nothing taken). */
cimrpc_class *class_adopt(cim_class *wire);

#endif
