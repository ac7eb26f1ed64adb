/*
 * mof_schema.c: install the embedded schema (schema_mof.c, generated from
 * schema/mof/ by schema/embed-mof.py) into a repository.
 *
 * The embedded files are parsed from memory with includes refused: they
 * are self-contained, in the order qualifiers, system, CIM core,
 * providers.  A file that fails to parse or compile is a defect of the
 * build; the error says which file and where.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "mof/mof_schema.h"
#include "repository/repo_class.h"
#include "repository/repo_namespace.h"
#include "repository/schema_mof.h"

/* The files every namespace gets, then those of root/cimv2, of root/wmi
 * and of root; each list is NULL-terminated. */
static const char *const mof_schema_common[] = { "qualifiers.mof", "system.mof", NULL };
static const char *const mof_schema_cimv2[] = { "cim-core.mof", "linux.mof", NULL };
static const char *const mof_schema_wmi[] = { "wmi.mof", NULL };
static const char *const mof_schema_root[] = { "audit.mof", NULL };

static const struct schema_mof_file *
mof_schema_file(const char *name)
{
    size_t i, nlen = strlen(name);

    for (i = 0; i < schema_mof_files_count; i++) {
        const char *f = schema_mof_files[i].name;
        size_t flen = strlen(f);

        if (flen >= nlen && strcmp(f + flen - nlen, name) == 0 &&
            (flen == nlen || f[flen - nlen - 1] == '/'))
            return &schema_mof_files[i];
    }
    return NULL;
}

static int
mof_schema_compile_file(struct repo *repo, const char *nspace, const char *name,
                        struct repo_error *err)
{
    const struct mof_parse_options parse_opts = { .include_mode = MOF_INCLUDE_REFUSE };
    const struct mof_compile_options opts = {
        .nspace = nspace,
        .in_transaction = true,
        .namespace_created = mof_schema_namespace_created,
    };
    const struct schema_mof_file *file = mof_schema_file(name);
    struct mof_document *doc = NULL;
    struct mof_error *merr = NULL;
    int rc;

    if (file == NULL) {
        snprintf(err->message, sizeof(err->message),
                 "the schema file %s is missing from this build of cimrpcd", name);
        return -1;
    }
    rc = mof_parse_buffer(file->text, file->len, file->name, &parse_opts, &doc, &merr);
    if (rc == 0)
        rc = mof_compile(repo, doc, &opts, NULL, &merr);
    if (rc < 0)
        snprintf(err->message, sizeof(err->message), "the shipped schema does not load into %s: "
                 "%s", nspace, merr != NULL ? merr->message : "out of memory");
    mof_ast_error_free(merr);
    mof_ast_document_free(doc);
    return rc;
}

int
mof_schema_install(struct repo *repo, const char *nspace, enum mof_schema_set set,
                   struct repo_error *err)
{
    const char *const *extra = set == MOF_SCHEMA_CIMV2 ? mof_schema_cimv2
                               : set == MOF_SCHEMA_WMI ? mof_schema_wmi
                               : set == MOF_SCHEMA_ROOT ? mof_schema_root : NULL;
    size_t i;

    for (i = 0; mof_schema_common[i] != NULL; i++)
        if (mof_schema_compile_file(repo, nspace, mof_schema_common[i], err) < 0)
            return -1;
    for (i = 0; extra != NULL && extra[i] != NULL; i++)
        if (mof_schema_compile_file(repo, nspace, extra[i], err) < 0)
            return -1;
    return 0;
}

int
mof_schema_namespace_created(struct repo *repo, const char *path, void *arg,
                             struct repo_error *err)
{
    (void)arg;
    return mof_schema_install(repo, path, MOF_SCHEMA_SYSTEM, err);
}

/* Create the directory holding PATH when it is missing (mode 0700). */
static int
mof_schema_make_dir(const char *path, struct repo_error *err)
{
    char dir[4096];
    char *slash;

    if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
        snprintf(err->message, sizeof(err->message), "the repository path is too long");
        return -1;
    }
    slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir)
        return 0;
    *slash = '\0';
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        snprintf(err->message, sizeof(err->message), "cannot create %.300s for the repository: "
                 "%s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* A repository made before audit.mof existed gets __AuditRecord in root,
 * through which the audit trail is read (security/audit.h). */
static int
mof_schema_add_audit(struct repo *repo, struct repo_error *err)
{
    cim_class probe;
    int found;

    memset(&probe, 0, sizeof(probe));
    found = repo_class_get(repo, "root", "__AuditRecord", &probe, err);
    if (found == 1)
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&probe);
    if (found != 0)
        return found < 0 ? -1 : 0;
    if (repo_begin(repo, err) < 0)
        return -1;
    if (mof_schema_compile_file(repo, "root", "audit.mof", err) < 0 ||
        repo_commit(repo, err) < 0) {
        repo_rollback(repo);
        return -1;
    }
    return 0;
}

int
mof_schema_open_repository(const char *path, struct repo **repo_out, struct repo_error *err)
{
    cim_class probe;
    struct repo *repo = NULL;
    int found;

    *repo_out = NULL;
    if (mof_schema_make_dir(path, err) < 0 || repo_open(path, REPO_OPEN_CREATE, &repo, err) < 0)
        return -1;
    memset(&probe, 0, sizeof(probe));
    found = repo_class_get(repo, "root", "__SystemClass", &probe, err);
    if (found == 1) {
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&probe);
        if (mof_schema_add_audit(repo, err) < 0)
            found = -1;
    }
    if (found == 0) {
        if (repo_begin(repo, err) < 0)
            found = -1;
        else if (mof_schema_install(repo, "root", MOF_SCHEMA_ROOT, err) < 0 ||
                 mof_schema_install(repo, "root/cimv2", MOF_SCHEMA_CIMV2, err) < 0 ||
                 repo_namespace_create(repo, "root/wmi", err) < 0 ||
                 mof_schema_install(repo, "root/wmi", MOF_SCHEMA_WMI, err) < 0) {
            repo_rollback(repo);
            found = -1;
        } else if (repo_commit(repo, err) < 0) {
            found = -1;
        }
    }
    if (found < 0) {
        repo_close(repo);
        return -1;
    }
    *repo_out = repo;
    return 0;
}
