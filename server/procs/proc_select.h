/*
 * proc_select.h: an instance result as the caller asked for it: its
 * relative path, and only the properties selected (keys only, or a
 * property list; the keys are always kept so the instance stays
 * identifiable, as WMI does).
 */
#ifndef CIMRPC_PROC_SELECT_H
#define CIMRPC_PROC_SELECT_H

#include "cimrpc.h"

/*
 * Check SEL (borrowed) against CLS: every listed name must be a property
 * of the class.  Returns 0, or -1 with the error set in CODE/REASON (or,
 * when *CODE stays 0, out of memory).
 */
int proc_select_check(const cim_class *cls, const cimrpc_selection *sel, u_int *code,
                      char **reason);

/*
 * Make OUT (zeroed by the caller; it takes over INST's contents, leaving
 * INST empty) the result for INST of class CLS under SEL (checked): the
 * relative path and the selected properties.  KEY (borrowed) is INST's
 * canonical key when the caller has it (the repository's), NULL to make
 * it here.  Returns 0, or -1 with the error set as above.
 */
int proc_select_apply(const cim_class *cls, const cimrpc_selection *sel, cim_instance *inst,
                      const char *key, cimrpc_object_instance *out, u_int *code, char **reason);

#endif
