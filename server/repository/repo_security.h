/*
 * repo_security.h: a namespace's own security descriptor, as stored.
 *
 * What is stored is the descriptor SetSD (or a MOF's
 * NamespaceSecuritySDDL) gave the namespace: owner, group, whether its
 * DACL is protected, and its explicit ACEs.  A namespace without one
 * stores nothing and inherits everything.  The effective descriptor (own
 * ACEs, then those inherited from the ancestors) is computed by
 * server/security/ns_security.c, never stored, so a change at root is
 * seen below at once.
 */
#ifndef CIMRPC_REPO_SECURITY_H
#define CIMRPC_REPO_SECURITY_H

#include <stdbool.h>

#include "cimrpc.h"
#include "repository/repo.h"

/* The descriptor stored for namespace PATH into *SD_OUT (zeroed by the
 * caller; xdr_free(xdr_cimrpc_sd) it after 1).  Returns 1 found, 0 when
 * the namespace stores none, -1 on error (INVALID_NAMESPACE when the
 * namespace does not exist). */
int repo_security_get(struct repo *repo, const char *path, cimrpc_sd *sd_out,
                      struct repo_error *err);

/* Store SD (borrowed; NULL: none) as namespace PATH's own descriptor, in
 * the caller's transaction or its own.  The caller has validated it. */
int repo_security_set(struct repo *repo, const char *path, const cimrpc_sd *sd,
                      struct repo_error *err);

/* Call FN(nspace, stored, arg) for root and each namespace down to PATH,
 * in that order, with the descriptor stored for each (borrowed for the
 * call; NULL when none), all in one read transaction.  FN returning
 * non-zero stops the walk.  A namespace on the way that does not exist
 * is INVALID_NAMESPACE.  Returns 0 or -1. */
int repo_security_chain(struct repo *repo, const char *path,
                        int (*fn)(const char *nspace, const cimrpc_sd *stored, void *arg),
                        void *arg, struct repo_error *err);

/* Does namespace PATH refuse sessions below PktPrivacy?  1 yes, 0 no,
 * -1 on error (INVALID_NAMESPACE when it does not exist). */
int repo_security_requires_encryption(struct repo *repo, const char *path,
                                      struct repo_error *err);

/* Make namespace PATH refuse sessions below PktPrivacy (ON) or not, in
 * the caller's transaction or its own. */
int repo_security_set_requires_encryption(struct repo *repo, const char *path, bool on,
                                          struct repo_error *err);

#endif
