/*
 * access.h: which namespace rights a caller holds, and the check every
 * operation passes before it runs.
 *
 * Until namespaces carry their own security descriptors (DESIGN.md
 * section 6), every namespace has WMI's default descriptor, inherited
 * from root (REFERENCE.md):
 *
 *     O:BAG:BAD:(A;CI;CCDCLCSWRPWPRCWD;;;BA)(A;CI;CCDCRP;;;NS)
 *               (A;CI;CCDCRP;;;LS)(A;CI;CCDCRP;;;AU)
 *
 * Administrators (uid 0, and the members of the group named by
 * --admin-group) hold every right; Authenticated Users hold
 * Enable, Execute Methods and Provider Write; Anonymous holds nothing.
 * Only Administrators hold Remote Enable, which every call over the
 * network needs besides the operation's own rights: by default only
 * administrators use cimrpc remotely, as with WMI.
 */
#ifndef CIMRPC_ACCESS_H
#define CIMRPC_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "rpc/identity.h"

/* Make the members of local group NAME Administrators (startup, before
 * any call is served).  Returns 0, or -1 (logged) when there is no such
 * group. */
int access_set_admin_group(const char *name);

/* The rights (CIMRPC_RIGHT_* bits) CALLER holds on namespace NSPACE. */
uint32_t access_rights(const struct caller_identity *caller, const char *nspace);

/*
 * Does CALLER hold every right in NEEDED on NSPACE (and Remote Enable
 * when it came over the network)?  Returns 0, or -1 with WHY (WHY_LEN
 * bytes) naming the rights missing, the namespace and what would grant
 * them.
 */
int access_check(const struct caller_identity *caller, const char *nspace, uint32_t needed,
                 char *why, size_t why_len);

/* "Enable, Full Write" for the bits of RIGHTS, into BUF (LEN bytes). */
void access_rights_text(uint32_t rights, char *buf, size_t len);

#endif
