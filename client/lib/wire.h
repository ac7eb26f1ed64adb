/*
 * wire.h: CIM objects in their wire form (internal): checking what the
 * server sends, decoding embedded instances, finding qualifiers.
 *
 * rpcgen's decoders bound every length but know nothing of CIM: an item
 * may carry another type than its value (and so another union arm), a
 * scalar may carry no item, an integer may exceed its type.  Everything
 * the server sends is checked here before the library hands it out, so
 * that the rest of the library can rely on value.h's invariants.  The
 * checks return 0, or -1 with WHY (WHY_LEN bytes) saying what is wrong.
 */
#ifndef CIMRPC_CLIENT_WIRE_H
#define CIMRPC_CLIENT_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/* V, a value of an instance nested DEPTH deep (0: not embedded); with
 * ALLOW_VOID it may also be of type VOID without items (a method's
 * result).  Embedded instances are decoded and checked in turn. */
int wire_check_value(const cim_value *v, bool allow_void, unsigned depth, char *why,
                     size_t why_len);

/* INST, nested DEPTH deep: a class name and valid values. */
int wire_check_instance(const cim_instance *inst, unsigned depth, char *why, size_t why_len);

/* CLS: valid types, values of defaults and qualifiers. */
int wire_check_class(const cim_class *cls, char *why, size_t why_len);

/* Decode the embedded instance S into *OUT (zeroed by the caller; freed
 * with xdr_free(xdr_cim_instance) after success).  0 or -1. */
int wire_decode_embedded(const cim_scalar *s, cim_instance *out);

/* Qualifier NAME among the N at Q, or NULL. */
const cim_qualifier *wire_qualifier_find(const cim_qualifier *q, unsigned int n,
                                         const char *name);

/* Is qualifier NAME among the N at Q a boolean TRUE?  (Absent: false.) */
bool wire_qualifier_true(const cim_qualifier *q, unsigned int n, const char *name);

/* The class a property or parameter of TYPE is typed by: REF_CLASS
 * (references; embedded instances as MOF v3 writes them), or else for an
 * embedded instance the string of its EmbeddedInstance qualifier (among
 * the N at Q); NULL when there is none. */
const char *wire_type_class(cim_type type, const char *ref_class, const cim_qualifier *q,
                            unsigned int n);

/* Record that the server at CONN sent something invalid for WHAT ("class
 * get"): WHY.  Always -1. */
int wire_error(cimrpc_error **err_out, const cimrpc_conn *conn, const char *what,
               const char *why);

#endif
