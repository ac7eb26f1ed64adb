/*
 * repo_instance_table.c: the instance tables: created with a class's
 * first instance, indexed for Indexed properties, kept in line when the
 * class is updated, dropped with their class or namespace.  Layout and
 * column encoding are described in repo_instance.c.
 *
 * Every statement here is DDL or a lookup built from integer ids and
 * column positions; each runs inside the caller's write transaction, so
 * a rollback undoes it with the rest.  A statement listing tables is
 * reset before any DROP runs (SQLite refuses to drop a table while a
 * statement reads the schema).
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repository/repo_instance.h"
#include "repository/repo_internal.h"

static int
repo_instance_set_flag(struct repo *repo, int64_t id, int has_table, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "UPDATE class SET instance_table = ?2 WHERE id = ?1", &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_int64(stmt, 1, id) != SQLITE_OK ||
        sqlite3_bind_int(stmt, 2, has_table) != SQLITE_OK)
        rc = repo_fail(repo, err, "recording a class's instance table");
    else
        rc = repo_exec_stmt(repo, stmt, "recording a class's instance table", err);
    repo_stmt_done(repo, stmt);
    return rc;
}

static int
repo_instance_index(struct repo *repo, int64_t id, u_int column, bool create,
                    struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];

    if (create)
        snprintf(sql, sizeof(sql), "CREATE INDEX i%" PRId64 "_c%u ON i%" PRId64 " (c%u)",
                 id, column, id, column);
    else
        snprintf(sql, sizeof(sql), "DROP INDEX i%" PRId64 "_c%u", id, column);
    return repo_exec(repo, sql, create ? "indexing an Indexed property"
                                                : "dropping the index of a property", err);
}

bool
repo_instance_indexed(const cim_property *p)
{
    return repo_instance_has_column(p) &&
           repo_qualifier_is_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                  "Indexed");
}

/* Create the instance table of class C (ID) with its indexes. */
int
repo_instance_create_table(struct repo *repo, int64_t id, const cim_class *cls,
                           struct repo_error *err)
{
    int limit = sqlite3_limit(repo->db, SQLITE_LIMIT_COLUMN, -1) - 3;
    struct repo_buf b = { 0 };
    unsigned columns = 0;
    char *sql;
    int rc;

    for (u_int i = 0; i < cls->properties.properties_len; i++)
        columns += repo_instance_has_column(&cls->properties.properties_val[i]);
    if (columns > (unsigned)limit)
        return repo_failc(err, WBEM_E_NOT_SUPPORTED, "class %s has %u single-valued properties; "
                          "the repository stores instances of classes with at most %d",
                          cls->name, columns, limit);
    repo_buf_addf(&b, "CREATE TABLE i%" PRId64 " (id INTEGER PRIMARY KEY, "
                  "k TEXT NOT NULL COLLATE NOCASE UNIQUE, obj BLOB NOT NULL", id);
    for (u_int i = 0; i < cls->properties.properties_len; i++) {
        const cim_property *p = &cls->properties.properties_val[i];
        if (repo_instance_has_column(p))
            repo_buf_addf(&b, ", c%u %s", i, repo_instance_column_type(p->type));
    }
    repo_buf_add(&b, ") STRICT");
    if ((sql = repo_buf_take(&b, err)) == NULL)
        return -1;
    rc = repo_exec(repo, sql, "creating an instance table", err);
    free(sql);
    for (u_int i = 0; rc == 0 && i < cls->properties.properties_len; i++)
        if (repo_instance_indexed(&cls->properties.properties_val[i]))
            rc = repo_instance_index(repo, id, i, true, err);
    if (rc == 0)
        rc = repo_instance_set_flag(repo, id, 1, err);
    return rc;
}

static int
repo_instance_drop_table(struct repo *repo, int64_t id, struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];

    snprintf(sql, sizeof(sql), "DROP TABLE i%" PRId64, id);
    return repo_exec(repo, sql, "dropping an instance table", err);
}

static int
repo_instance_drop_all(struct repo *repo, struct repo_ids *ids, struct repo_error *err)
{
    for (size_t i = 0; i < ids->n; i++)
        if (repo_instance_drop_table(repo, ids->v[i], err) < 0)
            return -1;
    return 0;
}

int
repo_instance_drop_below(struct repo *repo, int64_t id, struct repo_error *err)
{
    struct repo_ids ids;
    int rc;

    repo_ids_init(&ids);
    rc = repo_ids_query(repo, "SELECT a.descendant_id FROM class_ancestry a JOIN class c "
                        "ON c.id = a.descendant_id WHERE a.ancestor_id = ?1 AND "
                        "c.instance_table <> 0", id, &ids, err);
    if (rc == 0)
        rc = repo_instance_drop_all(repo, &ids, err);
    repo_ids_free(&ids);
    return rc;
}

int
repo_instance_drop_namespace(struct repo *repo, const char *path, struct repo_error *err)
{
    struct repo_ids ids;
    sqlite3_stmt *stmt;
    int rc;

    repo_ids_init(&ids);
    if (repo_stmt(repo, "WITH RECURSIVE sub(id) AS (SELECT id FROM namespace WHERE path = ?1 "
                  "UNION ALL SELECT n.id FROM namespace n JOIN sub ON n.parent_id = sub.id) "
                  "SELECT c.id FROM class c WHERE c.namespace_id IN (SELECT id FROM sub) "
                  "AND c.instance_table <> 0", &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK) {
        rc = repo_fail(repo, err, "listing instance tables");
    } else {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            if (repo_ids_push(&ids, sqlite3_column_int64(stmt, 0), err) < 0)
                break;
        rc = rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? -1 :
             repo_fail(repo, err, "listing instance tables");
    }
    repo_stmt_done(repo, stmt);
    if (rc == 0)
        rc = repo_instance_drop_all(repo, &ids, err);
    repo_ids_free(&ids);
    return rc;
}

/* How many rows table i<ID> holds. */
int
repo_instance_table_count(struct repo *repo, int64_t id, uint64_t *count, struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    int rc;

    snprintf(sql, sizeof(sql), "SELECT count(*) FROM i%" PRId64, id);
    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *count = (uint64_t)sqlite3_column_int64(stmt, 0);
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "counting instances");
    }
    repo_stmt_done(repo, stmt);
    return rc;
}

/* Bring the Indexed indexes of table i<ID> in line with CLS. */
static int
repo_instance_sync_indexes(struct repo *repo, int64_t id, const cim_class *cls,
                           struct repo_error *err)
{
    u_int n = cls->properties.properties_len;
    bool *have = calloc(n + 1, sizeof(*have));
    char table[32];
    sqlite3_stmt *stmt = NULL;
    int rc = -1, step;

    if (have == NULL)
        return repo_failf(err, "out of memory");
    snprintf(table, sizeof(table), "i%" PRId64, id);
    if (repo_stmt(repo, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                  "AND sql IS NOT NULL", &stmt, err) < 0)
        goto cleanup;
    if (sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC) != SQLITE_OK) {
        repo_fail(repo, err, "listing indexes");
        goto cleanup;
    }
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        int64_t table_id;
        unsigned column;
        int end = 0;

        if (name != NULL && sscanf(name, "i%" SCNd64 "_c%u%n", &table_id, &column, &end) == 2 &&
            name[end] == '\0' && table_id == id && column < n)
            have[column] = true;
    }
    if (step != SQLITE_DONE) {
        repo_fail(repo, err, "listing indexes");
        goto cleanup;
    }
    repo_stmt_done(repo, stmt);         /* before any DDL */
    stmt = NULL;
    for (u_int i = 0; i < n; i++) {
        bool want = repo_instance_indexed(&cls->properties.properties_val[i]);
        if (want != have[i] && repo_instance_index(repo, id, i, want, err) < 0)
            goto cleanup;
    }
    rc = 0;

cleanup:
    repo_stmt_done(repo, stmt);
    free(have);
    return rc;
}

/* Where OLD and NEW differ in what the instance table depends on, as a
 * message fragment; NULL when they do not. */
static const char *
repo_instance_layout_change(const cim_class *old, const cim_class *new_cls, char *buf,
                            size_t len)
{
    if (old->properties.properties_len != new_cls->properties.properties_len) {
        snprintf(buf, len, "it would go from %u properties to %u", old->properties.properties_len,
                 new_cls->properties.properties_len);
        return buf;
    }
    for (u_int i = 0; i < old->properties.properties_len; i++) {
        const cim_property *a = &old->properties.properties_val[i];
        const cim_property *b = &new_cls->properties.properties_val[i];
        bool key_a = repo_qualifier_is_true(a->qualifiers.qualifiers_val,
                                            a->qualifiers.qualifiers_len, "Key");
        bool key_b = repo_qualifier_is_true(b->qualifiers.qualifiers_val,
                                            b->qualifiers.qualifiers_len, "Key");

        if (strcmp(a->name, b->name) != 0 || a->type != b->type ||
            (a->array_size >= 0) != (b->array_size >= 0) || key_a != key_b) {
            snprintf(buf, len, "property %u (%.100s) would change", i + 1, a->name);
            return buf;
        }
    }
    return NULL;
}

int
repo_instance_class_update(struct repo *repo, const char *nspace, int64_t id,
                           const cim_class *old, const cim_class *new_cls,
                           struct repo_error *err)
{
    const char *change;
    char why[160];
    uint64_t count;

    change = repo_instance_layout_change(old, new_cls, why, sizeof(why));
    if (change == NULL)
        return repo_instance_sync_indexes(repo, id, new_cls, err);
    if (repo_instance_table_count(repo, id, &count, err) < 0)
        return -1;
    if (count > 0)
        /* WMI's CLASS_HAS_INSTANCES is not in common/wbem.h. */
        return repo_failc(err, WBEM_E_NOT_SUPPORTED, "class %s has %" PRIu64 " instance%s in "
                          "namespace %s; delete them first (%s, and the properties of a class "
                          "with instances keep their names, types, order and keys)",
                          new_cls->name, count, count == 1 ? "" : "s", nspace, change);
    /* No instances: the next one creates the table for the new layout. */
    if (repo_instance_drop_table(repo, id, err) < 0)
        return -1;
    return repo_instance_set_flag(repo, id, 0, err);
}
