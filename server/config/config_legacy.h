/*
 * config_legacy.h: carrying a repository's older settings into the
 * delegated configuration, once, at start-up.
 */
#ifndef CIMRPC_CONFIG_LEGACY_H
#define CIMRPC_CONFIG_LEGACY_H

#include "repository/repo.h"

/* Move the instances of __PrivilegeGrant in root (repositories made
 * before the configuration existed) into the root's security/privileges
 * section and drop the class, in one transaction; nothing to do when the
 * class is not there.  Returns 0, or -1 with ERR (nothing changed). */
int config_legacy_import(struct repo *repo, struct repo_error *err);

#endif
