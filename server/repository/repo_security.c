/*
 * repo_security.c: the security descriptors stored with namespaces
 * (repo_security.h).
 *
 * namespace.security holds the XDR of a cimrpc_sd (idl/cimrpc.x): the
 * namespace's own descriptor, its explicit ACEs only (inherited ones are
 * computed from the ancestors each time, server/security/ns_security.c),
 * or NULL when the namespace has none of its own.  The chain from root
 * down to a namespace is read in one read transaction, so a descriptor
 * changed meanwhile is seen whole or not at all.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "repository/repo_internal.h"
#include "repository/repo_namespace.h"
#include "repository/repo_security.h"

/* Decode the descriptor in column COL of STMT's row into *SD (zeroed):
 * 1 decoded, 0 NULL, -1 damaged (ERR set). */
static int
repo_security_column(sqlite3_stmt *stmt, int col, const char *path, cimrpc_sd *sd,
                     struct repo_error *err)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
        return 0;
    if (xdr_blob_decode((xdrproc_t)xdr_cimrpc_sd, sqlite3_column_blob(stmt, col),
                        (size_t)sqlite3_column_bytes(stmt, col), sd) < 0)
        return repo_failf(err, "the security descriptor of namespace %s does not decode; "
                          "the repository may be damaged", path);
    return 1;
}

int
repo_security_get(struct repo *repo, const char *path, cimrpc_sd *sd_out,
                  struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_stmt(repo, "SELECT security FROM namespace WHERE path = ?1", &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK) {
        rc = repo_fail(repo, err, "reading a security descriptor");
    } else if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rc = repo_security_column(stmt, 0, path, sd_out, err);
    } else if (rc == SQLITE_DONE) {
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    } else {
        rc = repo_fail(repo, err, "reading a security descriptor");
    }
    repo_stmt_done(repo, stmt);
    return rc;
}

static int
repo_security_store(struct repo *repo, const char *path, const cimrpc_sd *sd,
                    struct repo_error *err)
{
    unsigned char *blob = NULL;
    size_t len = 0;
    sqlite3_stmt *stmt;
    int rc;

    if (sd != NULL && xdr_blob_encode((xdrproc_t)xdr_cimrpc_sd, (void *)sd, &blob, &len) < 0)
        return repo_failc(err, WBEM_E_INVALID_PARAMETER, "the security descriptor for %s "
                          "cannot be encoded (too many ACEs or names too long)", path);
    if (repo_stmt(repo, "UPDATE namespace SET security = ?2 WHERE path = ?1", &stmt, err) < 0) {
        free(blob);
        return -1;
    }
    if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK ||
        (blob != NULL ? sqlite3_bind_blob(stmt, 2, blob, (int)len, SQLITE_STATIC)
                      : sqlite3_bind_null(stmt, 2)) != SQLITE_OK)
        rc = repo_fail(repo, err, "storing a security descriptor");
    else
        rc = repo_exec_stmt(repo, stmt, "storing a security descriptor", err);
    if (rc == 0 && sqlite3_changes(repo->db) == 0)
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    repo_stmt_done(repo, stmt);
    free(blob);
    return rc;
}

int
repo_security_set(struct repo *repo, const char *path, const cimrpc_sd *sd,
                  struct repo_error *err)
{
    bool own;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_security_store(repo, path, sd, err), err);
}

int
repo_security_chain(struct repo *repo, const char *path,
                    int (*fn)(const char *nspace, const cimrpc_sd *stored, void *arg), void *arg,
                    struct repo_error *err)
{
    char prefix[CIM_NAMES_NAMESPACE_MAX + 1];
    size_t pos = 0;
    bool own;
    int rc = 0;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (strlen(path) >= sizeof(prefix))
        return repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace path too long");
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    while (rc == 0 && repo_namespace_next_prefix(path, &pos, prefix, sizeof(prefix))) {
        cimrpc_sd sd;
        int found;

        memset(&sd, 0, sizeof(sd));
        found = repo_security_get(repo, prefix, &sd, err);
        if (found < 0) {
            rc = -1;
            break;
        }
        rc = fn(prefix, found ? &sd : NULL, arg) != 0 ? 1 : 0;
        xdr_free((xdrproc_t)xdr_cimrpc_sd, (char *)&sd);
    }
    repo_read_end(repo, own);
    return rc < 0 ? -1 : 0;
}

int
repo_security_requires_encryption(struct repo *repo, const char *path, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_stmt(repo, "SELECT requires_encryption FROM namespace WHERE path = ?1", &stmt,
                  err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK)
        rc = repo_fail(repo, err, "reading a namespace's encryption demand");
    else if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        rc = sqlite3_column_int(stmt, 0) != 0;
    else if (rc == SQLITE_DONE)
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    else
        rc = repo_fail(repo, err, "reading a namespace's encryption demand");
    repo_stmt_done(repo, stmt);
    return rc;
}

static int
repo_security_store_encryption(struct repo *repo, const char *path, bool on,
                               struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "UPDATE namespace SET requires_encryption = ?2 WHERE path = ?1", &stmt,
                  err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int(stmt, 2, on) != SQLITE_OK)
        rc = repo_fail(repo, err, "storing a namespace's encryption demand");
    else
        rc = repo_exec_stmt(repo, stmt, "storing a namespace's encryption demand", err);
    if (rc == 0 && sqlite3_changes(repo->db) == 0)
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    repo_stmt_done(repo, stmt);
    return rc;
}

int
repo_security_set_requires_encryption(struct repo *repo, const char *path, bool on,
                                      struct repo_error *err)
{
    bool own;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_security_store_encryption(repo, path, on, err), err);
}
