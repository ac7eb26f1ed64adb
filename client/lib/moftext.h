/*
 * moftext.h: CIM values, instances and classes as MOF text (internal),
 * written from their wire form into a text buffer.
 */
#ifndef CIMRPC_CLIENT_MOFTEXT_H
#define CIMRPC_CLIENT_MOFTEXT_H

#include <stdbool.h>

#include "cimrpc.h"
#include "textbuf.h"

/*
 * V (keeping value.h's invariants) into TB: NULL, a scalar, or
 * "{a, b}".  With LITERAL, scalars are MOF literals ("a \"b\"", 'c',
 * 1.0, "20260101000000.000000+000"); else plain text: strings as they
 * are, a char16 as its character.  Booleans are TRUE and FALSE, embedded
 * instances "instance of X { A = 1; }" (their values literals) either
 * way.  DEPTH is the nesting of the instance V belongs to (0: none).
 */
void moftext_value(struct textbuf *tb, const cim_value *v, bool literal, unsigned depth);

/* INST: with INLINE "instance of X { A = 1; }", else
 * "instance of X\n{\n    A = 1;\n};\n".  NULL properties are left out. */
void moftext_instance(struct textbuf *tb, const cim_instance *inst, bool inline_text,
                      unsigned depth);

/* CLS: its own qualifiers, and the properties and methods it declares or
 * overrides, with their own qualifiers ("class X : Y\n{\n...};\n"). */
void moftext_class(struct textbuf *tb, const cim_class *cls);

#endif
