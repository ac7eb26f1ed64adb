/*
 * select.h: property selections (internal): what goes on the wire.
 */
#ifndef CIMRPC_CLIENT_SELECT_H
#define CIMRPC_CLIENT_SELECT_H

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/* SEL (NULL: everything) as the wire's selection, borrowing SEL's names:
 * valid while SEL is unchanged; nothing to free. */
void select_wire(const cimrpc_select *sel, cimrpc_selection *out);

#endif
