/*
 * namespace_policy.h: what a MOF may say about a namespace's security,
 * and the authentication floor a namespace sets.
 *
 * "[NamespaceSecuritySDDL(SDDL)] instance of __NAMESPACE" gives a new
 * namespace its descriptor; "[RequiresEncryption(TRUE)] instance of
 * __SystemSecurity {};" makes the current namespace refuse sessions below
 * PktPrivacy.  The two functions below are the MOF compiler's hooks
 * (mof_compile_options) for them.  Through the daemon (MOF_COMPILE) ARG
 * is the call (a struct call_context, rpc/call.h), whose caller needs
 * Enable Account and Edit Security on the namespace concerned (for a new
 * namespace: on its parent, whose inheritable entries it starts from);
 * each such decision, allowed or refused, is recorded in the audit trail
 * (security/audit.h) as "NAMESPACE:NamespaceSecuritySDDL of
 * NEW-NAMESPACE (Enable Account, Edit Security)" or
 * "NAMESPACE:RequiresEncryption(TRUE) (...)".  Offline (cimrpcd
 * --import) ARG is NULL and the repository's owner is trusted.
 */
#ifndef CIMRPC_NAMESPACE_POLICY_H
#define CIMRPC_NAMESPACE_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "repository/repo.h"

/* Give namespace PATH the descriptor SDDL (checked as SetSD checks it;
 * inherited entries dropped).  Returns 0, -1 with WHY when SDDL is not
 * acceptable, or -2 with WHY when the caller may not set it. */
int namespace_policy_sddl(struct repo *repo, const char *path, const char *sddl, void *arg,
                          char *why, size_t why_len);

/* Make PATH refuse sessions below PktPrivacy (ON) or not.  Returns 0, -1
 * with WHY, or -2 with WHY when the caller may not. */
int namespace_policy_encryption(struct repo *repo, const char *path, bool on, void *arg,
                                char *why, size_t why_len);

/* The lowest authentication level (enum levels_authn) a session on PATH
 * may have because of the namespace itself: PktPrivacy when it requires
 * encryption, else 0.  Returns 0, or -1 with ERR. */
int namespace_policy_floor(struct repo *repo, const char *path, int *floor_out,
                           struct repo_error *err);

#endif
