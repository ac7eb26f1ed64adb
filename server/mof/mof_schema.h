/*
 * mof_schema.h: the schema cimrpc ships (the MOF files in schema/mof/,
 * embedded in the daemon) and how a repository gets it.
 *
 * Every namespace holds the standard qualifier declarations and the
 * system classes (__SystemClass, __NAMESPACE, __SystemSecurity, ...);
 * root/cimv2 also holds the CIM core subset and the built-in providers'
 * classes, and root/wmi the qualifiers and base class of Windows driver
 * MOFs.  A new repository receives them on first open, in the same
 * transaction for all namespaces; a namespace created later (by MOF or by
 * an administrator) receives the per-namespace part when it is created.
 */
#ifndef CIMRPC_MOF_SCHEMA_H
#define CIMRPC_MOF_SCHEMA_H

#include <stdbool.h>

#include "repository/repo.h"

/* Which part of the schema a namespace receives. */
enum mof_schema_set {
    MOF_SCHEMA_SYSTEM = 1,  /* qualifiers and system classes: every namespace */
    MOF_SCHEMA_CIMV2,       /* those, the CIM core and the providers' classes */
    MOF_SCHEMA_WMI,         /* those and the driver MOF qualifiers (root/wmi) */
    MOF_SCHEMA_ROOT,        /* those and what only root holds: the audit
                             * trail's class (audit.mof) */
};

/*
 * Install the part SET of the shipped schema into namespace NSPACE of
 * REPO, inside the caller's transaction.  Errors (ERR) name the embedded
 * file and position; they mean a broken build, not bad input.
 */
int mof_schema_install(struct repo *repo, const char *nspace, enum mof_schema_set set,
                       struct repo_error *err);

/* mof_compile_options.namespace_created for namespaces created by MOF:
 * installs the per-namespace part.  ARG is unused. */
int mof_schema_namespace_created(struct repo *repo, const char *path, void *arg,
                                 struct repo_error *err);

/*
 * Open (creating when missing, with its directory) the repository at
 * PATH as repo_open(REPO_OPEN_CREATE) does, and give it the shipped
 * schema if it has none yet (root has no __SystemClass), in one
 * transaction.  The caller owns *REPO_OUT on success.
 */
int mof_schema_open_repository(const char *path, struct repo **repo_out, struct repo_error *err);

#endif
