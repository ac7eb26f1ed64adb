/*
 * repo_config.c: the delegated configuration's rows (repo_config.h).
 *
 * Three tables (migration 0005) keyed by namespace id and section; a
 * namespace is found by its path in the same statement, so a write to a
 * namespace that does not exist changes nothing and says so.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/cim_names.h"
#include "repository/repo_config.h"
#include "repository/repo_internal.h"
#include "repository/repo_namespace.h"

static char *
column_dup(sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);

    return strdup(text != NULL ? (const char *)text : "");
}

static void
level_clear(struct repo_config_level *level)
{
    free(level->nspace);
    for (size_t i = 0; i < level->n_settings; i++) {
        free(level->settings[i].name);
        free(level->settings[i].value);
    }
    free(level->settings);
    for (size_t i = 0; i < level->n_items; i++) {
        free(level->items[i].collection);
        free(level->items[i].key);
        free(level->items[i].action);
        free(level->items[i].value);
    }
    free(level->items);
    for (size_t i = 0; i < level->n_locks; i++) {
        free(level->locks[i].kind);
        free(level->locks[i].name);
        free(level->locks[i].value);
    }
    free(level->locks);
}

void
repo_config_levels_free(struct repo_config_level *levels, size_t n)
{
    for (size_t i = 0; levels != NULL && i < n; i++)
        level_clear(&levels[i]);
    free(levels);
}

/* Grow *ARRAY of *N elements of SIZE bytes by one zeroed element;
 * returns it, or NULL on ENOMEM. */
static void *
grow(void **array, size_t *n, size_t size)
{
    char *p = realloc(*array, (*n + 1) * size);

    if (p == NULL)
        return NULL;
    *array = p;
    memset(p + *n * size, 0, size);
    return p + (*n)++ * size;
}

/* Run STMT (bound) and append its rows to LEVEL as WHAT: 0 settings
 * (name, value, delegated), 1 items (collection, key, action, value,
 * delegated), 2 locks (kind, name, value).  Returns 0 or -1. */
static int
level_read(struct repo *repo, sqlite3_stmt *stmt, int what, struct repo_config_level *level,
           struct repo_error *err)
{
    int rc;

    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        bool ok;

        if (what == 0) {
            struct repo_config_setting *s = grow((void **)&level->settings, &level->n_settings,
                                                 sizeof(*s));
            ok = s != NULL && (s->name = column_dup(stmt, 0)) != NULL &&
                 (s->value = column_dup(stmt, 1)) != NULL;
            if (s != NULL)
                s->delegated = sqlite3_column_int(stmt, 2) != 0;
        } else if (what == 1) {
            struct repo_config_item *it = grow((void **)&level->items, &level->n_items,
                                               sizeof(*it));
            ok = it != NULL && (it->collection = column_dup(stmt, 0)) != NULL &&
                 (it->key = column_dup(stmt, 1)) != NULL &&
                 (it->action = column_dup(stmt, 2)) != NULL &&
                 (it->value = column_dup(stmt, 3)) != NULL;
            if (it != NULL)
                it->delegated = sqlite3_column_int(stmt, 4) != 0;
        } else {
            struct repo_config_lock *l = grow((void **)&level->locks, &level->n_locks,
                                              sizeof(*l));
            ok = l != NULL && (l->kind = column_dup(stmt, 0)) != NULL &&
                 (l->name = column_dup(stmt, 1)) != NULL &&
                 (l->value = column_dup(stmt, 2)) != NULL;
        }
        if (!ok)
            return repo_failf(err, "out of memory reading the configuration");
    }
    return rc == SQLITE_DONE ? 0 : repo_fail(repo, err, "reading the configuration");
}

static const char *const level_sql[3] = {
    "SELECT name, value, delegated FROM config_setting "
    "WHERE namespace_id = ?1 AND section = ?2 ORDER BY name",
    "SELECT collection, item_key, action, value, delegated FROM config_item "
    "WHERE namespace_id = ?1 AND section = ?2 ORDER BY collection, item_key",
    "SELECT kind, name, value FROM config_lock "
    "WHERE namespace_id = ?1 AND section = ?2 ORDER BY kind, name",
};

/* Fill LEVEL with what namespace ID stores for SECTION. */
static int
level_load(struct repo *repo, sqlite3_int64 id, const char *section,
           struct repo_config_level *level, struct repo_error *err)
{
    for (int what = 0; what < 3; what++) {
        sqlite3_stmt *stmt;
        int rc;

        if (repo_stmt(repo, level_sql[what], &stmt, err) < 0)
            return -1;
        if (sqlite3_bind_int64(stmt, 1, id) != SQLITE_OK ||
            sqlite3_bind_text(stmt, 2, section, -1, SQLITE_STATIC) != SQLITE_OK)
            rc = repo_fail(repo, err, "reading the configuration");
        else
            rc = level_read(repo, stmt, what, level, err);
        repo_stmt_done(repo, stmt);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int
repo_config_chain(struct repo *repo, const char *path, const char *section,
                  struct repo_config_level **levels_out, size_t *n_out, struct repo_error *err)
{
    char prefix[CIM_NAMES_NAMESPACE_MAX + 1];
    size_t pos = 0, n = 0;
    struct repo_config_level *levels = NULL;
    bool own;
    int rc = 0;

    *levels_out = NULL;
    *n_out = 0;
    if (!repo_namespace_valid(path, err))
        return -1;
    if (strlen(path) >= sizeof(prefix))
        return repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace path too long");
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    while (rc == 0 && repo_namespace_next_prefix(path, &pos, prefix, sizeof(prefix))) {
        struct repo_config_level *level;
        int64_t id = 0;
        int found;

        if ((found = repo_namespace_find(repo, prefix, &id, err)) <= 0) {
            rc = found < 0 ? -1 : repo_failc(err, WBEM_E_INVALID_NAMESPACE,
                                             "namespace %s does not exist", prefix);
            break;
        }
        if ((level = grow((void **)&levels, &n, sizeof(*level))) == NULL ||
            (level->nspace = strdup(prefix)) == NULL) {
            rc = repo_failf(err, "out of memory reading the configuration");
            break;
        }
        rc = level_load(repo, id, section, level, err);
    }
    repo_read_end(repo, own);
    if (rc < 0) {
        repo_config_levels_free(levels, n);
        return -1;
    }
    *levels_out = levels;
    *n_out = n;
    return 0;
}

int
repo_config_below(struct repo *repo, const char *path, const char *section,
                  struct repo_config_level **levels_out, size_t *n_out, struct repo_error *err)
{
    static const char sql[] =
        "SELECT n.id, n.path FROM namespace AS n WHERE lower(substr(n.path, 1, length(?1) + 1)) = lower(?1 || '/') "
        "AND (EXISTS (SELECT 1 FROM config_setting AS s WHERE s.namespace_id = n.id AND s.section = ?2) "
        "OR EXISTS (SELECT 1 FROM config_item AS i WHERE i.namespace_id = n.id AND i.section = ?2)) "
        "ORDER BY n.path";
    struct repo_config_level *levels = NULL;
    sqlite3_int64 *ids = NULL;
    size_t n = 0;
    sqlite3_stmt *stmt;
    bool own;
    int rc;

    *levels_out = NULL;
    *n_out = 0;
    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    if ((rc = repo_stmt(repo, sql, &stmt, err)) == 0) {
        if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_text(stmt, 2, section, -1, SQLITE_STATIC) != SQLITE_OK)
            rc = repo_fail(repo, err, "reading the configuration below a namespace");
        while (rc == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            struct repo_config_level *level = grow((void **)&levels, &n, sizeof(*level));
            sqlite3_int64 *slot = level != NULL ? realloc(ids, n * sizeof(*ids)) : NULL;

            if (slot == NULL || (level->nspace = column_dup(stmt, 1)) == NULL) {
                if (slot != NULL)
                    ids = slot;
                rc = repo_failf(err, "out of memory reading the configuration");
                break;
            }
            ids = slot;
            ids[n - 1] = sqlite3_column_int64(stmt, 0);
            rc = 0;
        }
        if (rc == SQLITE_DONE)
            rc = 0;
        else if (rc > 0)
            rc = repo_fail(repo, err, "reading the configuration below a namespace");
        repo_stmt_done(repo, stmt);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = level_load(repo, ids[i], section, &levels[i], err);
    repo_read_end(repo, own);
    free(ids);
    if (rc < 0) {
        repo_config_levels_free(levels, n);
        return -1;
    }
    *levels_out = levels;
    *n_out = n;
    return 0;
}

/*
 * Run SQL, whose ?1 is the namespace path (found by a subquery) and ?2 ..
 * the strings of ARGS (N_ARGS of them, NULL bound as NULL) and, when
 * DELEGATED is 0 or 1, ?9 that flag; in the caller's transaction or its
 * own.  *CHANGES_OUT (may be NULL) gets the rows changed.  A namespace
 * that does not exist is INVALID_NAMESPACE when MUST_CHANGE.
 */
static int
config_write(struct repo *repo, const char *sql, const char *path, const char *const *args,
             int n_args, int delegated, bool must_change, int *changes_out,
             struct repo_error *err)
{
    sqlite3_stmt *stmt;
    bool own;
    int rc, changes = 0;

    if (!repo_namespace_valid(path, err))
        return -1;
    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    if ((rc = repo_stmt(repo, sql, &stmt, err)) == 0) {
        if (sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC) != SQLITE_OK)
            rc = -1;
        for (int i = 0; rc == 0 && i < n_args; i++)
            if ((args[i] != NULL ? sqlite3_bind_text(stmt, i + 2, args[i], -1, SQLITE_STATIC)
                                 : sqlite3_bind_null(stmt, i + 2)) != SQLITE_OK)
                rc = -1;
        if (rc == 0 && delegated >= 0 && sqlite3_bind_int(stmt, 9, delegated) != SQLITE_OK)
            rc = -1;
        if (rc < 0)
            rc = repo_fail(repo, err, "writing the configuration");
        else if ((rc = repo_exec_stmt(repo, stmt, "writing the configuration", err)) == 0)
            changes = sqlite3_changes(repo->db);
        repo_stmt_done(repo, stmt);
    }
    if (rc == 0 && must_change && changes == 0)
        rc = repo_failc(err, WBEM_E_INVALID_NAMESPACE, "namespace %s does not exist", path);
    if (changes_out != NULL)
        *changes_out = changes;
    return repo_write_end(repo, own, rc, err);
}

#define NS_ID "(SELECT id FROM namespace WHERE path = ?1)"

int
repo_config_set(struct repo *repo, const char *path, const char *section, const char *name,
                const char *value, bool delegated, struct repo_error *err)
{
    const char *args[3] = { section, name, value };

    return config_write(repo,
                        "INSERT OR REPLACE INTO config_setting "
                        "(namespace_id, section, name, value, delegated) "
                        "SELECT id, ?2, ?3, ?4, ?9 FROM namespace WHERE path = ?1",
                        path, args, 3, delegated, true, NULL, err);
}

int
repo_config_unset(struct repo *repo, const char *path, const char *section, const char *name,
                  struct repo_error *err)
{
    const char *args[2] = { section, name };

    return config_write(repo,
                        "DELETE FROM config_setting WHERE namespace_id = " NS_ID
                        " AND section = ?2 AND name = ?3",
                        path, args, 2, -1, false, NULL, err);
}

int
repo_config_item_put(struct repo *repo, const char *path, const char *section,
                     const char *collection, const char *key, const char *action,
                     const char *value, bool delegated, struct repo_error *err)
{
    const char *args[5] = { section, collection, key, action, value };

    return config_write(repo,
                        "INSERT OR REPLACE INTO config_item "
                        "(namespace_id, section, collection, item_key, action, value, delegated) "
                        "SELECT id, ?2, ?3, ?4, ?5, ?6, ?9 FROM namespace WHERE path = ?1",
                        path, args, 5, delegated, true, NULL, err);
}

int
repo_config_item_delete(struct repo *repo, const char *path, const char *section,
                        const char *collection, const char *key, struct repo_error *err)
{
    const char *args[3] = { section, collection, key };

    return config_write(repo,
                        "DELETE FROM config_item WHERE namespace_id = " NS_ID
                        " AND section = ?2 AND collection = ?3 AND (?4 IS NULL OR item_key = ?4)",
                        path, args, 3, -1, false, NULL, err);
}

int
repo_config_lock_put(struct repo *repo, const char *path, const char *section, const char *kind,
                     const char *name, const char *value, struct repo_error *err)
{
    const char *args[4] = { section, kind, name, value };

    return config_write(repo,
                        "INSERT OR REPLACE INTO config_lock "
                        "(namespace_id, section, kind, name, value) "
                        "SELECT id, ?2, ?3, ?4, ?5 FROM namespace WHERE path = ?1",
                        path, args, 4, -1, true, NULL, err);
}

int
repo_config_lock_delete(struct repo *repo, const char *path, const char *section,
                        const char *kind, const char *name, bool *removed_out,
                        struct repo_error *err)
{
    const char *args[3] = { section, kind, name };
    int changes = 0, rc;

    rc = config_write(repo,
                      "DELETE FROM config_lock WHERE namespace_id = " NS_ID
                      " AND section = ?2 AND kind = ?3 AND name = ?4",
                      path, args, 3, -1, false, &changes, err);
    *removed_out = rc == 0 && changes > 0;
    return rc;
}
