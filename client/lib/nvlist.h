/*
 * nvlist.h: a list of named values (internal): the properties of an
 * instance, the parameters of a method call.
 *
 * Entries keep the order they were added in; names are unique without
 * regard to case.  Each entry owns its name and its value (the value
 * lives in the entry, so that it can be lent as a cimrpc_value; adding
 * an entry may move the others).  On the wire a list is an array of
 * cim_property_value, which nvlist_view() lends and nvlist_adopt() takes
 * over without copying.
 */
#ifndef CIMRPC_CLIENT_NVLIST_H
#define CIMRPC_CLIENT_NVLIST_H

#include <stddef.h>

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"
#include "value.h"

struct nvlist_entry {
    char *name;
    cimrpc_value value;
};

struct nvlist {
    struct nvlist_entry *items;
    size_t n, cap;
};

/* The index of entry NAME, or -1. */
long nvlist_find(const struct nvlist *l, const char *name);

/* Entry INDEX's name and value (borrowed), or NULL past the end. */
const char *nvlist_name(const struct nvlist *l, size_t index);
const cimrpc_value *nvlist_value(const struct nvlist *l, size_t index);

/* The value of entry NAME (borrowed), or NULL. */
const cimrpc_value *nvlist_get(const struct nvlist *l, const char *name);

/* Set entry NAME (a valid element name, copied) to VALUE, replacing its
 * value, or else appending it when L has fewer than MAX entries.  Takes
 * VALUE (freed also on failure).  WHAT names an entry in errors
 * ("property").  0, or -1 with *err_out. */
int nvlist_set(struct nvlist *l, const char *name, cimrpc_value *value, size_t max,
               const char *what, cimrpc_error **err_out);

/* Take over the N entries at PV (each then zeroed; the array stays the
 * caller's) into the empty list L, whose entries they become in order.
 * Returns 0, or -1 when memory runs out (PV untouched). */
int nvlist_adopt(struct nvlist *l, cim_property_value *pv, unsigned int n);

/* L as the wire's array: *PV_OUT is a new array of L's count entries
 * (at least one allocated) whose names and values are borrowed from L;
 * the caller frees only the array.  0, or -1 when memory runs out. */
int nvlist_view(const struct nvlist *l, cim_property_value **pv_out);

/* Free the entries of L and empty it. */
void nvlist_clear(struct nvlist *l);

#endif
