/*
 * repo_class.c: store, read, delete and list classes.
 *
 * The ancestry closure is maintained on insert: a new class is its own
 * ancestor at distance 0 and has every ancestor of its superclass at one
 * more.  Deleting a class deletes exactly its ancestry range, so its
 * subclasses go with it in one statement.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "repository/repo_class.h"
#include "repository/repo_internal.h"
#include "repository/repo_namespace.h"

bool
repo_class_name_valid(const char *name)
{
    return cim_names_element_valid(name);
}

/* The namespace's id, or -1 with ERR naming the missing namespace. */
static int
repo_class_namespace(struct repo *repo, const char *nspace, int64_t *id, struct repo_error *err)
{
    int found = repo_namespace_find(repo, nspace, id, err);

    if (found == 0)
        return repo_failf(err, "namespace %s does not exist", nspace);
    return found < 0 ? -1 : 0;
}

/* Find class NAME in namespace NS_ID: its id (and whether it has
 * subclasses).  Returns 1, 0 (not found) or -1. */
static int
repo_class_find(struct repo *repo, int64_t ns_id, const char *name, int64_t *id_out,
                bool *has_subclasses, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_prepare(repo, "SELECT c.id, EXISTS (SELECT 1 FROM class s WHERE s.superclass_id = c.id) "
                     "FROM class c WHERE c.namespace_id = ?1 AND c.name = ?2", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, ns_id);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *id_out = sqlite3_column_int64(stmt, 0);
        if (has_subclasses != NULL)
            *has_subclasses = sqlite3_column_int(stmt, 1) != 0;
        rc = 1;
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "looking up a class");
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int
repo_class_insert(struct repo *repo, int64_t ns_id, const cim_class *cls, int64_t super_id,
                  const unsigned char *blob, size_t len, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t id;
    int rc;

    if (repo_prepare(repo, "INSERT INTO class (namespace_id, name, superclass_id, definition) "
                     "VALUES (?1, ?2, ?3, ?4)", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, ns_id);
    sqlite3_bind_text(stmt, 2, cls->name, -1, SQLITE_STATIC);
    if (super_id > 0)
        sqlite3_bind_int64(stmt, 3, super_id);
    else
        sqlite3_bind_null(stmt, 3);
    sqlite3_bind_blob(stmt, 4, blob, (int)len, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "storing a class", err);
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;
    id = sqlite3_last_insert_rowid(repo->db);
    if (repo_prepare(repo, "INSERT INTO class_ancestry (ancestor_id, descendant_id, distance) "
                     "SELECT ?1, ?1, 0 UNION ALL "
                     "SELECT ancestor_id, ?1, distance + 1 FROM class_ancestry "
                     "WHERE descendant_id = ?2", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, super_id);
    rc = repo_exec_stmt(repo, stmt, "recording a class's ancestry", err);
    sqlite3_finalize(stmt);
    return rc;
}

static int
repo_class_update(struct repo *repo, int64_t id, const unsigned char *blob, size_t len,
                  struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_prepare(repo, "UPDATE class SET definition = ?2 WHERE id = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_blob(stmt, 2, blob, (int)len, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "updating a class", err);
    sqlite3_finalize(stmt);
    return rc;
}

/* The superclass's id recorded for an existing class (0 for none). */
static int
repo_class_superclass_of(struct repo *repo, int64_t id, int64_t *super_out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_prepare(repo, "SELECT IFNULL(superclass_id, 0) FROM class WHERE id = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    rc = sqlite3_step(stmt) == SQLITE_ROW ? 0 : repo_fail(repo, err, "reading a class");
    if (rc == 0)
        *super_out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc;
}

static int
repo_class_do_put(struct repo *repo, const char *nspace, const cim_class *cls,
                  enum repo_put_mode mode, struct repo_error *err)
{
    int64_t ns_id, id = 0, super_id = 0, old_super = 0;
    bool has_subclasses = false;
    unsigned char *blob = NULL;
    size_t len;
    int found, rc = -1;

    if (repo_class_namespace(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (cls->superclass[0] != '\0') {
        found = repo_class_find(repo, ns_id, cls->superclass, &super_id, NULL, err);
        if (found <= 0)
            return found < 0 ? -1 : repo_failf(err, "the superclass %s of %s does not exist in "
                                               "namespace %s; define it first", cls->superclass,
                                               cls->name, nspace);
    }
    found = repo_class_find(repo, ns_id, cls->name, &id, &has_subclasses, err);
    if (found < 0)
        return -1;
    if (found == 1 && mode == REPO_PUT_CREATE)
        return repo_failf(err, "class %s already exists in namespace %s", cls->name, nspace);
    if (found == 0 && mode == REPO_PUT_UPDATE)
        return repo_failf(err, "class %s does not exist in namespace %s", cls->name, nspace);
    if (found == 1) {
        if (repo_class_superclass_of(repo, id, &old_super, err) < 0)
            return -1;
        if (old_super != super_id)
            return repo_failf(err, "class %s cannot change its superclass; delete the class and "
                              "create it again", cls->name);
        if (has_subclasses)
            return repo_failf(err, "class %s has subclasses in namespace %s; delete or update "
                              "them first", cls->name, nspace);
    }
    if (xdr_blob_encode((xdrproc_t)xdr_cim_class, (void *)cls, &blob, &len) < 0)
        return repo_failf(err, "class %s cannot be encoded (a value exceeds its bounds)",
                          cls->name);
    rc = found == 1 ? repo_class_update(repo, id, blob, len, err)
                    : repo_class_insert(repo, ns_id, cls, super_id, blob, len, err);
    free(blob);
    return rc;
}

int
repo_class_put(struct repo *repo, const char *nspace, const cim_class *cls,
               enum repo_put_mode mode, struct repo_error *err)
{
    bool own = !repo->in_transaction;

    if (!repo_class_name_valid(cls->name))
        return repo_failf(err, "'%.300s' is not a valid class name (a letter or _, then letters, "
                          "digits and _)", cls->name);
    if (cls->superclass[0] != '\0' && !repo_class_name_valid(cls->superclass))
        return repo_failf(err, "'%.300s' is not a valid superclass name", cls->superclass);
    if (own && repo_begin(repo, err) < 0)
        return -1;
    if (repo_class_do_put(repo, nspace, cls, mode, err) < 0 ||
        (own && repo_commit(repo, err) < 0)) {
        if (own)
            repo_rollback(repo);
        return -1;
    }
    return 0;
}

int
repo_class_get(struct repo *repo, const char *nspace, const char *name, cim_class *out,
               struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_prepare(repo, "SELECT c.definition FROM class c JOIN namespace n ON n.id = c.namespace_id "
                     "WHERE n.path = ?1 AND c.name = ?2", &stmt, err) < 0)
        return -1;
    sqlite3_bind_text(stmt, 1, nspace, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_class, sqlite3_column_blob(stmt, 0),
                             (size_t)sqlite3_column_bytes(stmt, 0), out) == 0 ? 1 :
             repo_failf(err, "the stored definition of class %s in %s does not decode; the "
                        "repository may be damaged", name, nspace);
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "reading a class");
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int
repo_class_do_delete(struct repo *repo, const char *nspace, const char *name,
                     struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t ns_id, id;
    int found, rc;

    if (repo_class_namespace(repo, nspace, &ns_id, err) < 0)
        return -1;
    found = repo_class_find(repo, ns_id, name, &id, NULL, err);
    if (found <= 0)
        return found < 0 ? -1 : repo_failf(err, "class %s does not exist in namespace %s",
                                           name, nspace);
    if (repo_prepare(repo, "DELETE FROM class WHERE id IN "
                     "(SELECT descendant_id FROM class_ancestry WHERE ancestor_id = ?1)",
                     &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    rc = repo_exec_stmt(repo, stmt, "deleting a class", err);
    sqlite3_finalize(stmt);
    return rc;
}

int
repo_class_delete(struct repo *repo, const char *nspace, const char *name, struct repo_error *err)
{
    bool own = !repo->in_transaction;

    if (own && repo_begin(repo, err) < 0)
        return -1;
    if (repo_class_do_delete(repo, nspace, name, err) < 0 || (own && repo_commit(repo, err) < 0)) {
        if (own)
            repo_rollback(repo);
        return -1;
    }
    return 0;
}

int
repo_class_enumerate(struct repo *repo, const char *nspace, const char *superclass, bool deep,
                     int (*fn)(const cim_class *cls, void *arg), void *arg,
                     struct repo_error *err)
{
    static const char *const queries[2][2] = {
        /* from the top: shallow, deep */
        { "SELECT definition FROM class WHERE namespace_id = ?1 AND superclass_id IS NULL "
          "ORDER BY name",
          "SELECT c.definition FROM class c JOIN "
          "(SELECT descendant_id, MAX(distance) AS depth FROM class_ancestry GROUP BY descendant_id) d "
          "ON d.descendant_id = c.id WHERE c.namespace_id = ?1 ORDER BY d.depth, c.name" },
        /* below a class: shallow, deep */
        { "SELECT definition FROM class WHERE superclass_id = ?2 ORDER BY name",
          "SELECT c.definition FROM class_ancestry a JOIN class c ON c.id = a.descendant_id "
          "WHERE a.ancestor_id = ?2 AND a.distance > 0 ORDER BY a.distance, c.name" },
    };
    sqlite3_stmt *stmt;
    int64_t ns_id, super_id = 0;
    int found, rc;

    if (repo_class_namespace(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (superclass != NULL) {
        found = repo_class_find(repo, ns_id, superclass, &super_id, NULL, err);
        if (found <= 0)
            return found < 0 ? -1 : repo_failf(err, "class %s does not exist in namespace %s",
                                               superclass, nspace);
    }
    if (repo_prepare(repo, queries[superclass != NULL][deep], &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, ns_id);
    if (superclass != NULL)
        sqlite3_bind_int64(stmt, 2, super_id);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cim_class cls;
        int stop;

        memset(&cls, 0, sizeof(cls));
        if (xdr_blob_decode((xdrproc_t)xdr_cim_class, sqlite3_column_blob(stmt, 0),
                            (size_t)sqlite3_column_bytes(stmt, 0), &cls) < 0) {
            sqlite3_finalize(stmt);
            return repo_failf(err, "a stored class definition in %s does not decode; the "
                              "repository may be damaged", nspace);
        }
        stop = fn(&cls, arg);
        xdr_free((xdrproc_t)xdr_cim_class, &cls);
        if (stop != 0)
            break;
    }
    rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? 0 : repo_fail(repo, err, "listing classes");
    sqlite3_finalize(stmt);
    return rc;
}
