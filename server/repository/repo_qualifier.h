/*
 * repo_qualifier.h: qualifier declarations in the repository.
 *
 * Each namespace has its own declarations (DSP0004): a qualifier used on
 * a class in a namespace must be declared there.  Names compare without
 * regard to case.  Writes run in the caller's transaction, or in their
 * own.
 */
#ifndef CIMRPC_REPO_QUALIFIER_H
#define CIMRPC_REPO_QUALIFIER_H

#include "cimrpc.h"
#include "repository/repo.h"

/* Store DECL (borrowed) in NSPACE, replacing a declaration of that name. */
int repo_qualifier_put(struct repo *repo, const char *nspace, const cim_qualifier_decl *decl,
                       struct repo_error *err);

/* Read declaration NAME of NSPACE into *OUT (zeroed by the caller; free
 * with xdr_free(xdr_cim_qualifier_decl, out)).  1 found, 0 not, -1. */
int repo_qualifier_get(struct repo *repo, const char *nspace, const char *name,
                       cim_qualifier_decl *out, struct repo_error *err);

/* Delete declaration NAME of NSPACE; an error when there is none. */
int repo_qualifier_delete(struct repo *repo, const char *nspace, const char *name,
                          struct repo_error *err);

/* Call FN(decl, arg) for each declaration of NSPACE in name order; DECL
 * is borrowed for the call; FN returning non-zero stops.  0 or -1. */
int repo_qualifier_enumerate(struct repo *repo, const char *nspace,
                             int (*fn)(const cim_qualifier_decl *decl, void *arg), void *arg,
                             struct repo_error *err);

#endif
