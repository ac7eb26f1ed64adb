/*
 * repo_namespace.h: the namespace tree in the repository.
 *
 * Paths follow common/cim_names.h and are compared without regard to case ("root/CIMV2" is "root/cimv2"); the repository
 * keeps the spelling they were created with.  "root" always exists.
 */
#ifndef CIMRPC_REPO_NAMESPACE_H
#define CIMRPC_REPO_NAMESPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "repository/repo.h"

/* Is PATH a well-formed namespace path?  When not, WHY (if given) says
 * what is wrong. */
bool repo_namespace_valid(const char *path, struct repo_error *why);

/*
 * Walk root and each namespace down to PATH: with *POS 0 at first, each
 * call puts the next one ("root", "root/a", ...) into PREFIX (LEN bytes)
 * and returns true; false once PATH itself was given, or when a prefix
 * does not fit in PREFIX.
 */
bool repo_namespace_next_prefix(const char *path, size_t *pos, char *prefix, size_t len);

/* The id of the namespace PATH: 1 found, 0 not found, -1 error. */
int repo_namespace_find(struct repo *repo, const char *path, int64_t *id_out,
                        struct repo_error *err);

/* The id of the namespace PATH, which must exist: 0, or -1 with ERR
 * saying it does not (or why the lookup failed). */
int repo_namespace_require(struct repo *repo, const char *path, int64_t *id_out,
                           struct repo_error *err);

/* Create PATH under its existing parent (inside the caller's transaction,
 * or in its own when none is open).  Fails when PATH exists or its parent
 * does not, saying which. */
int repo_namespace_create(struct repo *repo, const char *path, struct repo_error *err);

/* Delete PATH and everything below it; "root" cannot be deleted. */
int repo_namespace_delete(struct repo *repo, const char *path, struct repo_error *err);

/* Call FN(path, arg) for each child of PATH, in name order (path as
 * stored).  FN returning non-zero stops the walk.  Returns 0 or -1. */
int repo_namespace_children(struct repo *repo, const char *path,
                            int (*fn)(const char *path, void *arg), void *arg,
                            struct repo_error *err);

#endif
