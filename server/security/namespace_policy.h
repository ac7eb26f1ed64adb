/*
 * namespace_policy.h: what a MOF may say about a namespace's security,
 * and the authentication floor a namespace sets.
 *
 * "[NamespaceSecuritySDDL(SDDL)] instance of __NAMESPACE" gives a new
 * namespace its descriptor; "[RequiresEncryption(TRUE)] instance of
 * __SystemSecurity {};" makes the current namespace refuse sessions below
 * PktPrivacy.  The two functions below are the MOF compiler's hooks
 * (mof_compile_options) for them.  Through the daemon (MOF_COMPILE) ARG
 * is the caller's identity, who needs Edit Security on the namespace
 * concerned (for a new namespace: on its parent, whose inheritable
 * entries it starts from); offline (cimrpcd --import) ARG is NULL and
 * the repository's owner is trusted.
 */
#ifndef CIMRPC_NAMESPACE_POLICY_H
#define CIMRPC_NAMESPACE_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "repository/repo.h"

/* Give namespace PATH the descriptor SDDL (checked as SetSD checks it;
 * inherited entries dropped).  Returns 0, or -1 with WHY. */
int namespace_policy_sddl(struct repo *repo, const char *path, const char *sddl, void *arg,
                          char *why, size_t why_len);

/* Make PATH refuse sessions below PktPrivacy (ON) or not.  Returns 0, or
 * -1 with WHY. */
int namespace_policy_encryption(struct repo *repo, const char *path, bool on, void *arg,
                                char *why, size_t why_len);

/* The lowest authentication level (enum levels_authn) a session on PATH
 * may have because of the namespace itself: PktPrivacy when it requires
 * encryption, else 0.  Returns 0, or -1 with ERR. */
int namespace_policy_floor(struct repo *repo, const char *path, int *floor_out,
                           struct repo_error *err);

#endif
