/*
 * mof_compile.h: the MOF compile step, from a parsed document
 * (mof_parser.h) into the repository.
 *
 *     struct mof_compile_options opts = { .nspace = "root/cimv2" };
 *     struct mof_compile_stats stats;
 *     struct mof_error *err;
 *     if (mof_compile(repo, doc, &opts, &stats, &err) < 0)
 *         fprintf(stderr, "%s\n", err ? err->message : "out of memory");
 *
 * Semantics (DSP0004/DSP0221, with WMI's mofcomp where they are silent):
 * qualifiers must be declared in the target namespace (or earlier in the
 * document) before use, and are checked against their declaration's
 * type and scope.  Classes are stored resolved: the superclass's
 * properties and methods first, at their positions, then the class's own;
 * qualifiers propagate to subclasses unless Restricted, and a
 * DisableOverride qualifier cannot be given another value below.  An
 * overriding property keeps its inherited type.  Instances are checked
 * against their class and stored complete; "$Alias" references become the
 * aliased instance's path.  "instance of __NAMESPACE { Name = "x"; }"
 * creates a child namespace.  Declaring the same class twice, or two
 * instances with the same keys, in one document is an error.  Classes
 * and instances that already exist are updated (as mofcomp does), unless
 * "#pragma classflags/instanceflags" say otherwise.
 *
 * Pragmas: namespace (scoped to the file that says it), include (already
 * expanded by the parser), locale and instancelocale (recorded, no
 * effect), classflags, instanceflags, deleteclass, autorecover (no
 * effect); anything else is an error naming what is understood.
 *
 * All or nothing: the document is compiled in one transaction; the first
 * error rolls it back and is returned with the position of the offending
 * declaration, value or qualifier.
 */
#ifndef CIMRPC_MOF_COMPILE_H
#define CIMRPC_MOF_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "mof/mof_ast.h"
#include "repository/repo.h"

struct mof_compile_stats {
    unsigned namespaces;        /* created */
    unsigned qualifiers;        /* declarations stored */
    unsigned classes;           /* classes stored */
    unsigned instances;         /* instances stored */
    unsigned deleted_classes;   /* by #pragma deleteclass */
};

struct mof_compile_options {
    const char *nspace;         /* where declarations go until a #pragma
                                 * namespace; NULL: "root/cimv2" */
    bool in_transaction;        /* the caller holds a transaction (and
                                 * commits or rolls back itself) */
    /* Called after a namespace was created by an __NAMESPACE instance, in
     * the same transaction, to populate it (system classes); may be NULL.
     * Returns 0, or -1 with ERR set to fail the compilation. */
    int (*namespace_created)(struct repo *repo, const char *path, void *arg,
                             struct repo_error *err);
    void *namespace_created_arg;
    /* Called with each namespace the document writes to before it writes
     * there: the starting one and every "#pragma namespace"; may be NULL.
     * Returns 0, or -1 with WHY (WHY_LEN bytes) saying why the document
     * may not write there, which fails the compilation (the daemon checks
     * the caller's rights here). */
    int (*namespace_allowed)(const char *path, void *arg, char *why, size_t why_len);
    void *namespace_allowed_arg;
    /* "[NamespaceSecuritySDDL(SDDL)] instance of __NAMESPACE": called in
     * the transaction, after the namespace PATH was created (and
     * populated), to give it SDDL's descriptor; "[RequiresEncryption(ON)]
     * instance of __SystemSecurity {};": called for the current namespace
     * PATH.  Either may be NULL, and the MOF using it is then refused.
     * They return 0, or -1 with WHY (WHY_LEN bytes) saying what is wrong
     * with the value, or -2 with WHY when the caller may not set it;
     * either fails the compilation at the qualifier (-2 as MOF_ERR_ACCESS). */
    int (*namespace_sddl)(struct repo *repo, const char *path, const char *sddl, void *arg,
                          char *why, size_t why_len);
    int (*namespace_encryption)(struct repo *repo, const char *path, bool on, void *arg,
                                char *why, size_t why_len);
    void *namespace_security_arg;
};

/*
 * Compile DOC (borrowed) into REPO.  OPTS may be NULL (defaults); STATS,
 * when not NULL, receives the counts.  Returns 0, or -1 with *ERR_OUT set
 * (the caller owns it: mof_ast_error_free(); NULL only when memory ran
 * out).  On failure the repository is exactly as before (unless
 * OPTS->in_transaction, when the caller must roll back).
 */
int mof_compile(struct repo *repo, const struct mof_document *doc,
                const struct mof_compile_options *opts, struct mof_compile_stats *stats,
                struct mof_error **err_out);

#endif
