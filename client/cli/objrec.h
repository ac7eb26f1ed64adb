/*
 * objrec.h: CIM objects (instances, classes, cursor objects, values) as
 * output records.
 *
 * Values keep their natural kind (integers of every width, reals, booleans,
 * strings, embedded instances as nested records, arrays), so that JSON
 * prints numbers as numbers and -o mof prints what libcimrpc writes, which
 * compiles again.
 */
#ifndef CIMRPC_CLI_OBJREC_H
#define CIMRPC_CLI_OBJREC_H

#include <stdbool.h>

#include "cimrpc/cimrpc.h"
#include "output.h"

/* How much of a class a record shows. */
enum objrec_detail {
    OBJREC_NAMES,       /* Name, Superclass */
    OBJREC_SUMMARY,     /* and Keys, the number of Properties and Methods */
    OBJREC_FULL,        /* and every property and method declared, as text */
};

/* Append field NAME with value V (borrowed) to REC.  Returns 0, or -1 on
 * ENOMEM. */
int objrec_add_value(struct output_record *rec, const char *name, const cimrpc_value *v);

/* An object record of INST (borrowed): its class, its path, its
 * properties in order, and with MOF its MOF text (for -o mof).  The
 * caller's; NULL on ENOMEM. */
struct output_record *objrec_instance(const cimrpc_instance *inst, bool mof);

/* A record of CLS (borrowed) with DETAIL, and with MOF its MOF text.  The
 * caller's; NULL on ENOMEM. */
struct output_record *objrec_class(const cimrpc_class *cls, enum objrec_detail detail, bool mof);

/* A record of OBJ (borrowed): an instance, or a class with DETAIL. */
struct output_record *objrec_obj(const cimrpc_obj *obj, enum objrec_detail detail, bool mof);

#endif
