/*
 * repo_namespace.c: create, find, delete and list namespaces.
 *
 * A namespace's parent is found by its path minus the last segment; the
 * schema's ON DELETE CASCADE removes a subtree with its root, its classes
 * and qualifier declarations; the instance tables of its classes (which
 * no cascade reaches) are dropped first, in the same transaction.  Writes
 * run in the caller's transaction, or in their own when none is open, so
 * nothing is ever half applied.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/cim_names.h"
#include "repository/repo_internal.h"
#include "repository/repo_namespace.h"

#define REPO_NAMESPACE_MAX CIM_NAMES_NAMESPACE_MAX

bool
repo_namespace_valid(const char *path, struct repo_error *why)
{
    if (cim_names_namespace_valid(path, why != NULL ? why->message : NULL,
                                  why != NULL ? sizeof(why->message) : 0))
        return true;
    if (why != NULL)
        why->code = WBEM_E_INVALID_NAMESPACE;       /* as WMI answers a malformed path */
    return false;
}

bool
repo_namespace_next_prefix(const char *path, size_t *pos, char *prefix, size_t len)
{
    size_t total = strlen(path), i = *pos;

    if (i > total)
        return false;
    while (i < total && path[i] != '/')
        i++;
    if (i >= len)
        return false;
    memcpy(prefix, path, i);
    prefix[i] = '\0';
    *pos = i + 1;
    return true;
}

int
repo_namespace_find(struct repo *repo, const char *path, int64_t *id_out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT id FROM namespace WHERE path = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *id_out = sqlite3_column_int64(stmt, 0);
        rc = 1;
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "looking up a namespace");
    }
    repo_stmt_done(repo, stmt);
    return rc;
}

/* Run FN(repo, arg, err) in the caller's transaction or in its own. */
static int
repo_namespace_write(struct repo *repo, int (*fn)(struct repo *, const char *, struct repo_error *),
                     const char *path, struct repo_error *err)
{
    bool own;

    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, fn(repo, path, err), err);
}

static int
repo_namespace_do_create(struct repo *repo, const char *path, struct repo_error *err)
{
    const char *slash = strrchr(path, '/');
    char parent[REPO_NAMESPACE_MAX + 1];
    int64_t parent_id, id;
    sqlite3_stmt *stmt;
    int found, rc;

    if (slash == NULL)              /* a valid path without a slash is "root" */
        return repo_failc(err, WBEM_E_ALREADY_EXISTS, "namespace %s already exists", path);
    memcpy(parent, path, (size_t)(slash - path));
    parent[slash - path] = '\0';
    found = repo_namespace_find(repo, path, &id, err);
    if (found < 0)
        return -1;
    if (found == 1)
        return repo_failc(err, WBEM_E_ALREADY_EXISTS, "namespace %s already exists", path);
    found = repo_namespace_find(repo, parent, &parent_id, err);
    if (found < 0)
        return -1;
    if (found == 0)
        return repo_failc(err, WBEM_E_INVALID_NAMESPACE, "cannot create %s: its parent "
                          "namespace %s does not exist; create the parent first", path, parent);
    if (repo_prepare(repo, "INSERT INTO namespace (parent_id, path, created) "
                     "VALUES (?1, ?2, strftime('%s', 'now'))", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, parent_id);
    sqlite3_bind_text(stmt, 2, path, -1, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "creating a namespace", err);
    sqlite3_finalize(stmt);
    return rc;
}

int
repo_namespace_create(struct repo *repo, const char *path, struct repo_error *err)
{
    if (!repo_namespace_valid(path, err))
        return -1;
    return repo_namespace_write(repo, repo_namespace_do_create, path, err);
}

static int
repo_namespace_do_delete(struct repo *repo, const char *path, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_instance_drop_namespace(repo, path, err) < 0)
        return -1;
    repo_class_cache_clear(repo);
    if (repo_prepare(repo, "DELETE FROM namespace WHERE path = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "deleting a namespace", err);
    if (rc == 0 && sqlite3_changes(repo->db) == 0)
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    sqlite3_finalize(stmt);
    return rc;
}

int
repo_namespace_delete(struct repo *repo, const char *path, struct repo_error *err)
{
    if (!repo_namespace_valid(path, err))
        return -1;
    if (strcasecmp(path, "root") == 0)
        return repo_failc(err, WBEM_E_NOT_SUPPORTED, "the root namespace cannot be deleted");
    return repo_namespace_write(repo, repo_namespace_do_delete, path, err);
}

int
repo_namespace_children(struct repo *repo, const char *path,
                        int (*fn)(const char *path, void *arg), void *arg, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t id;
    int found, rc;

    found = repo_namespace_find(repo, path, &id, err);
    if (found <= 0)
        return found < 0 ? -1 : repo_failc(err, WBEM_E_INVALID_NAMESPACE,
                                           "namespace %s does not exist", path);
    if (repo_prepare(repo, "SELECT path FROM namespace WHERE parent_id = ?1 ORDER BY path",
                     &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn((const char *)sqlite3_column_text(stmt, 0), arg) != 0)
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        rc = repo_fail(repo, err, "listing namespaces");
    else
        rc = 0;
    sqlite3_finalize(stmt);
    return rc;
}

int
repo_namespace_require(struct repo *repo, const char *path, int64_t *id_out,
                       struct repo_error *err)
{
    int found = repo_namespace_find(repo, path, id_out, err);

    if (found == 0)
        return repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    return found < 0 ? -1 : 0;
}
