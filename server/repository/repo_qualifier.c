/*
 * repo_qualifier.c: store, read, delete and list qualifier declarations,
 * and read boolean qualifiers (Key, Abstract, Indexed) off classes.
 *
 * A declaration is one row of qualifier_decl (migration 0003): its name
 * as given, unique per namespace without regard to case, and the XDR of
 * its cim_qualifier_decl.  A declaration is checked before it is stored:
 * a valid name and type, known scopes and flavors, and a default value of
 * the declared type and arrayness.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "repository/repo_internal.h"
#include "repository/repo_namespace.h"
#include "repository/repo_qualifier.h"

#define REPO_QUALIFIER_FLAVORS (CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_DISABLE_OVERRIDE | \
                                CIM_FLAVOR_TO_SUBCLASS | CIM_FLAVOR_RESTRICTED | \
                                CIM_FLAVOR_TRANSLATABLE)

bool
repo_qualifier_is_true(const cim_qualifier *quals, unsigned n, const char *name)
{
    for (unsigned i = 0; i < n; i++) {
        const cim_value *v = &quals[i].value;

        if (strcasecmp(quals[i].name, name) != 0)
            continue;
        return v->type == CIM_TYPE_BOOLEAN && !v->is_null && !v->is_array &&
               v->items.items_len == 1 && v->items.items_val[0].type == CIM_TYPE_BOOLEAN &&
               v->items.items_val[0].cim_scalar_u.b;
    }
    return false;
}

static int
repo_qualifier_check(const cim_qualifier_decl *decl, struct repo_error *err)
{
    const cim_value *v = &decl->default_value;

    if (!cim_names_element_valid(decl->name))
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "'%.300s' is not a valid qualifier "
                          "name (a letter or _, then letters, digits and _)", decl->name);
    if (decl->type < CIM_TYPE_BOOLEAN || decl->type > CIM_TYPE_DATETIME)
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "qualifier %s has type code %d; a "
                          "qualifier is a boolean, a number, a char16, a string or a datetime",
                          decl->name, (int)decl->type);
    if (decl->scopes == 0 || (decl->scopes & ~(unsigned)CIM_SCOPE_ANY) != 0)
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "qualifier %s has scopes 0x%x; give "
                          "one or more of the CIM_SCOPE_* bits", decl->name, decl->scopes);
    if ((decl->flavor & ~(unsigned)REPO_QUALIFIER_FLAVORS) != 0)
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "qualifier %s has unknown flavor bits "
                          "0x%x", decl->name, decl->flavor & ~(unsigned)REPO_QUALIFIER_FLAVORS);
    if (v->is_null)
        return 0;
    if (v->type != decl->type || (bool)v->is_array != (bool)decl->is_array)
        return repo_failc(err, WBEM_E_TYPE_MISMATCH, "the default value of qualifier %s is not "
                          "of its declared type%s", decl->name,
                          decl->is_array ? " (an array)" : "");
    if (!v->is_array && v->items.items_len != 1)
        return repo_failc(err, WBEM_E_TYPE_MISMATCH, "the default value of qualifier %s has "
                          "%u values but the qualifier is not an array", decl->name,
                          v->items.items_len);
    for (u_int i = 0; i < v->items.items_len; i++)
        if (v->items.items_val[i].type != decl->type)
            return repo_failc(err, WBEM_E_TYPE_MISMATCH, "value %u of the default of qualifier "
                              "%s is not of its declared type", i + 1, decl->name);
    return 0;
}

static int
repo_qualifier_do_put(struct repo *repo, const char *nspace, const cim_qualifier_decl *decl,
                      struct repo_error *err)
{
    unsigned char *blob = NULL;
    sqlite3_stmt *stmt;
    int64_t ns_id;
    size_t len;
    int rc;

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (xdr_blob_encode((xdrproc_t)xdr_cim_qualifier_decl, (void *)decl, &blob, &len) < 0)
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "qualifier %s cannot be encoded (a "
                          "value exceeds its bounds)", decl->name);
    if (repo_stmt(repo, "INSERT INTO qualifier_decl (namespace_id, name, definition) "
                  "VALUES (?1, ?2, ?3) ON CONFLICT (namespace_id, name) DO UPDATE "
                  "SET name = excluded.name, definition = excluded.definition",
                  &stmt, err) < 0) {
        free(blob);
        return -1;
    }
    sqlite3_bind_int64(stmt, 1, ns_id);
    sqlite3_bind_text(stmt, 2, decl->name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(stmt, 3, blob, (int)len, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "storing a qualifier declaration", err);
    repo_stmt_done(repo, stmt);
    free(blob);
    return rc;
}

int
repo_qualifier_put(struct repo *repo, const char *nspace, const cim_qualifier_decl *decl,
                   struct repo_error *err)
{
    bool own;

    if (repo_qualifier_check(decl, err) < 0 || repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_qualifier_do_put(repo, nspace, decl, err), err);
}

int
repo_qualifier_get(struct repo *repo, const char *nspace, const char *name,
                   cim_qualifier_decl *out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT q.definition FROM qualifier_decl q JOIN namespace n "
                  "ON n.id = q.namespace_id WHERE n.path = ?1 AND q.name = ?2", &stmt, err) < 0)
        return -1;
    sqlite3_bind_text(stmt, 1, nspace, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_qualifier_decl, sqlite3_column_blob(stmt, 0),
                             (size_t)sqlite3_column_bytes(stmt, 0), out) == 0 ? 1 :
             repo_failf(err, "the stored declaration of qualifier %s in %s does not decode; "
                        "the repository may be damaged", name, nspace);
    else if (rc == SQLITE_DONE)
        rc = 0;
    else
        rc = repo_fail(repo, err, "reading a qualifier declaration");
    repo_stmt_done(repo, stmt);
    if (rc == 0) {
        int64_t ns_id;
        if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
            return -1;
    }
    return rc;
}

static int
repo_qualifier_do_delete(struct repo *repo, const char *nspace, const char *name,
                         struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t ns_id;
    int rc;

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (repo_stmt(repo, "DELETE FROM qualifier_decl WHERE namespace_id = ?1 AND name = ?2",
                  &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, ns_id);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "deleting a qualifier declaration", err);
    repo_stmt_done(repo, stmt);
    if (rc == 0 && sqlite3_changes(repo->db) == 0)
        rc = repo_failc(err, WBEM_E_NOT_FOUND, "qualifier %.300s is not declared in namespace "
                        "%s", name, nspace);
    return rc;
}

int
repo_qualifier_delete(struct repo *repo, const char *nspace, const char *name,
                      struct repo_error *err)
{
    bool own;

    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_qualifier_do_delete(repo, nspace, name, err), err);
}

int
repo_qualifier_enumerate(struct repo *repo, const char *nspace,
                         int (*fn)(const cim_qualifier_decl *decl, void *arg), void *arg,
                         struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t ns_id;
    int rc;

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (repo_stmt(repo, "SELECT definition FROM qualifier_decl WHERE namespace_id = ?1 "
                  "ORDER BY name", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, ns_id);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cim_qualifier_decl decl;
        int stop;

        memset(&decl, 0, sizeof(decl));
        if (xdr_blob_decode((xdrproc_t)xdr_cim_qualifier_decl, sqlite3_column_blob(stmt, 0),
                            (size_t)sqlite3_column_bytes(stmt, 0), &decl) < 0) {
            repo_stmt_done(repo, stmt);
            return repo_failf(err, "a stored qualifier declaration in %s does not decode; the "
                              "repository may be damaged", nspace);
        }
        stop = fn(&decl, arg);
        xdr_free((xdrproc_t)xdr_cim_qualifier_decl, &decl);
        if (stop != 0)
            break;
    }
    rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? 0 :
         repo_fail(repo, err, "listing qualifier declarations");
    repo_stmt_done(repo, stmt);
    return rc;
}
