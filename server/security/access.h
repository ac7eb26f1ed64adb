/*
 * access.h: which namespace rights a caller holds, and the check every
 * operation passes before it runs.
 *
 * Rights come from the namespace's effective security descriptor
 * (DESIGN.md section 6, server/security/sd.h): its own ACEs, then those
 * inherited from root down.  A namespace with no descriptor of its own
 * inherits everything; root without one has WMI's default:
 *
 *     O:BAG:BAD:(A;CI;CCDCLCSWRPWPRCWD;;;BA)(A;CI;CCDCRP;;;NS)
 *               (A;CI;CCDCRP;;;LS)(A;CI;CCDCRP;;;AU)
 *
 * so Administrators (uid 0, and the members of the group named by
 * --admin-group) hold every right; Authenticated Users hold Enable,
 * Execute Methods and Provider Write; Anonymous holds nothing.  Only
 * Administrators hold Remote Enable, which every call over the network
 * needs besides the operation's own rights: by default only
 * administrators use cimrpc remotely, as with WMI.
 *
 * Descriptors are read for every check (one read transaction over the
 * chain from root), so a change is seen by the very next call; nothing
 * about one caller's decision is kept for another.
 */
#ifndef CIMRPC_ACCESS_H
#define CIMRPC_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "repository/repo.h"
#include "rpc/identity.h"
#include "security/sd.h"

/* Make the members of local group NAME Administrators (startup, before
 * any call is served).  Returns 0, or -1 (logged) when there is no such
 * group. */
int access_set_admin_group(const char *name);

/* CALLER (borrowed) as a descriptor's trustees see it, into *C (which
 * borrows CALLER's strings and groups). */
void access_sd_caller(const struct caller_identity *caller, struct sd_caller *c);

/* The effective descriptor of namespace NSPACE into *SD_OUT (the caller
 * frees it with sd_free()): 0, or -1 with ERR set (INVALID_NAMESPACE for
 * a namespace that does not exist). */
int access_effective_sd(struct repo *repo, const char *nspace, cimrpc_sd *sd_out,
                        struct repo_error *err);

/* The rights (CIMRPC_RIGHT_* bits) CALLER holds on namespace NSPACE into
 * *RIGHTS_OUT (0 on error): 0, or -1 with ERR set. */
int access_rights(struct repo *repo, const struct caller_identity *caller, const char *nspace,
                  uint32_t *rights_out, struct repo_error *err);

/*
 * Does CALLER hold every right in NEEDED on NSPACE (and Remote Enable
 * when it came over the network), and may it reach NSPACE (Enable
 * Account on every ancestor, or the bypass-traverse privilege,
 * privilege.h)?  Returns 0, or -1 with WHY (WHY_LEN
 * bytes) naming the rights missing, the namespace and what would grant
 * them.  A descriptor that cannot be read refuses (fails closed).
 */
int access_check(struct repo *repo, const struct caller_identity *caller, const char *nspace,
                 uint32_t needed, char *why, size_t why_len);

/* "Enable, Full Write" for the bits of RIGHTS, into BUF (LEN bytes). */
void access_rights_text(uint32_t rights, char *buf, size_t len);

#endif
