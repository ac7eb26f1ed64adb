/*
 * value.h: values (internal layout and helpers).
 *
 * A cimrpc_value is the wire's cim_value, owned: its items and their
 * strings and bytes are freed with xdr_free(xdr_cim_value).  The library
 * allocates them with malloc() and strdup() as libtirpc does (its
 * mem_alloc and mem_free are calloc and free), so that values built here
 * and values decoded from a reply are freed alike.
 *
 * Invariants of every value the library hands out: its type is a value's
 * (BOOLEAN .. INSTANCE); when not NULL, every item has the value's type,
 * a scalar has exactly one item, integers and char16s are within their
 * type's range, and an embedded instance decodes into a valid instance
 * (wire.c) nested at most VALUE_DEPTH_MAX deep.  Values from the server
 * are checked (wire_check_value) before they become cimrpc_values.
 */
#ifndef CIMRPC_CLIENT_VALUE_H
#define CIMRPC_CLIENT_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/* Embedded instances nest at most this deep (as MOF_PARSE_MAX_NESTING). */
#define VALUE_DEPTH_MAX 32u

struct cimrpc_value {
    cim_value v;
};

/* Is TYPE the type of a value (BOOLEAN .. INSTANCE, not VOID)? */
bool value_type_ok(int type);

/* For an integer TYPE, its range in *MIN and *MAX, and true; else false. */
bool value_int_range(int type, int64_t *min, uint64_t *max);

/* Is TYPE a signed integer type? */
bool value_is_signed(int type);

/* Is TEXT a DSP0004 datetime (timestamp or interval)? */
bool value_datetime_valid(const char *text);

/* A new value that takes over the contents of *WIRE (then zeroed), or
 * NULL when memory runs out (*WIRE untouched). */
cimrpc_value *value_adopt(cim_value *wire);

#endif
