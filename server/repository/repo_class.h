/*
 * repo_class.h: classes in the repository.
 *
 * A class is stored resolved (own and inherited features) as given; the
 * caller (the MOF compiler, PutClass) merges inheritance before storing.
 * Every call names its namespace; class names compare without regard to
 * case.  Writes run in the caller's transaction, or in their own.
 *
 * Invariant: a subclass's property list begins with its superclass's
 * properties, at the same positions (same names, without regard to case,
 * in the same order, with the same types and arrayness), followed by its
 * own.  Instance tables rely on it: a subclass's table has the
 * superclass's columns at the same positions, so one query covers both.
 */
#ifndef CIMRPC_REPO_CLASS_H
#define CIMRPC_REPO_CLASS_H

#include <stdbool.h>

#include "cimrpc.h"
#include "repository/repo.h"

enum repo_put_mode {
    REPO_PUT_CREATE,            /* fail if the class exists */
    REPO_PUT_UPDATE,            /* fail if it does not */
    REPO_PUT_CREATE_OR_UPDATE,
};

/* Is NAME a CIM element name (a letter or _, then letters, digits, _)? */
bool repo_class_name_valid(const char *name);

/*
 * Store CLS (borrowed) in namespace NSPACE.  Its superclass, when named,
 * must exist in the same namespace, and CLS must list its properties
 * first (the invariant above).  An update whose definition is
 * byte-identical to the stored one changes nothing and succeeds, so that
 * re-importing a schema is idempotent.  Any other update keeps the
 * superclass, is refused while the class has subclasses, and, while the
 * class has instances, keeps its property list (names, types, arrayness,
 * order and keys): only qualifiers, defaults and methods may change, and
 * the indexes of Indexed properties follow.  Errors name the class, the
 * namespace and what to do.
 */
int repo_class_put(struct repo *repo, const char *nspace, const cim_class *cls,
                   enum repo_put_mode mode, struct repo_error *err);

/* Read class NAME of NSPACE into *OUT (zeroed by the caller; free with
 * xdr_free(xdr_cim_class, out)).  Returns 1 found, 0 not found, -1. */
int repo_class_get(struct repo *repo, const char *nspace, const char *name, cim_class *out,
                   struct repo_error *err);

/* Class NAME of NSPACE as the handle's class cache holds it, without a
 * copy: *CLS_OUT is borrowed until the next call on REPO.  0, or -1 with
 * ERR (a missing class is an error here, INVALID_CLASS). */
int repo_class_peek(struct repo *repo, const char *nspace, const char *name,
                    const cim_class **cls_out, struct repo_error *err);

/* Delete class NAME and every class derived from it, with their
 * instances (their tables are dropped in the same transaction). */
int repo_class_delete(struct repo *repo, const char *nspace, const char *name,
                      struct repo_error *err);

/*
 * Call FN(cls, arg) for the classes of NSPACE: below SUPERCLASS (NULL: from
 * the top), its direct subclasses only or (DEEP) all descendants,
 * ancestors before descendants.  FN's class is borrowed for the call; FN
 * returning non-zero stops the walk.  Returns 0 or -1.
 */
int repo_class_enumerate(struct repo *repo, const char *nspace, const char *superclass, bool deep,
                         int (*fn)(const cim_class *cls, void *arg), void *arg,
                         struct repo_error *err);

#endif
