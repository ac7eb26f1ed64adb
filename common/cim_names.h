/*
 * cim_names.h: the rules for names in cimrpc, in one place for the client,
 * the session layer and the repository.
 *
 *   namespace path  segments of letters, digits and '_' joined by single
 *                   '/', starting with root: "root/cimv2"
 *   element name    a class, property or qualifier name: a letter or '_',
 *                   then letters, digits and '_'
 *   privilege name  lower-case letters, digits and '-': "remote-shutdown"
 */
#ifndef CIMRPC_CIM_NAMES_H
#define CIMRPC_CIM_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define CIM_NAMES_NAMESPACE_MAX 512     /* bytes in a namespace path */
#define CIM_NAMES_NAME_MAX 256          /* bytes in an element or privilege name */

/* Is PATH a namespace path?  When not, WHY (WHY_LEN bytes; may be NULL)
 * receives what is wrong, in the user's terms. */
bool cim_names_namespace_valid(const char *path, char *why, size_t why_len);

bool cim_names_element_valid(const char *name);

bool cim_names_privilege_valid(const char *name);

#endif
