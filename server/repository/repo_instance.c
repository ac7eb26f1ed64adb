/*
 * repo_instance.c: static instances, one SQLite table per class: checking
 * and completing an instance, writing it, reading, deleting and listing.
 * Canonical keys are made in repo_instance_key.c, the tables managed in
 * repo_instance_table.c.
 *
 * Table i<class id> (created with the class's first instance, recorded in
 * class.instance_table) is a STRICT table, so SQLite stores each value
 * with exactly the type bound and never converts it:
 *
 *     id   INTEGER PRIMARY KEY
 *     k    TEXT NOT NULL COLLATE NOCASE UNIQUE   canonical key
 *     obj  BLOB NOT NULL                         XDR of the whole cim_instance
 *     c<n> one column per scalar property n of the resolved class (n its
 *          position in the class; arrays and embedded instances have none)
 *
 * Column encoding (NULL is NULL):
 *     boolean                      INTEGER 0 or 1
 *     sint8..sint64, uint8..uint32 INTEGER, the value
 *     char16                       INTEGER, the UCS-2 code unit
 *     uint64                       ANY: INTEGER when at most INT64_MAX,
 *                                  otherwise TEXT of exactly 20 decimal
 *                                  digits.  SQLite orders every INTEGER
 *                                  before every TEXT and these TEXTs among
 *                                  themselves as numbers (same length), so
 *                                  ORDER BY and comparisons with a value
 *                                  encoded the same way follow numeric
 *                                  order over the whole range, while the
 *                                  common small values stay plain integers.
 *     real32, real64               REAL (NaN is stored as NULL)
 *     string, datetime, reference  TEXT COLLATE NOCASE
 * Properties qualified Indexed get an index i<id>_c<n>.
 *
 * The canonical key (repo_instance_key()) is what makes an instance
 * unique in its table, so a lookup by path is one B-tree search.  An
 * instance's key must also be unique among the tables of its ancestors
 * and descendants, so that a path naming a superclass finds one instance.
 * Queries on a class with DEEP cover its table and those of its
 * descendants (class_ancestry), never other classes.
 *
 * SQL text is built from integer ids and column positions only; every
 * value is bound.  Reads run in one read transaction (one snapshot of the
 * class and its tables); writes in the caller's transaction or their own.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_path.h"
#include "common/cim_type.h"
#include "common/xdr_blob.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "repository/repo_internal.h"

/* ---- checking and completing an instance ---- */

static int
repo_instance_check_value(const cim_class *cls, const cim_property *p, const cim_value *v,
                          const char *what, struct repo_error *err)
{
    bool is_array = p->array_size >= 0;
    int64_t min;
    uint64_t max;

    if (v->is_null)
        return 0;
    if (v->type != p->type || (bool)v->is_array != is_array)
        return repo_failc(err, WBEM_E_TYPE_MISMATCH, "%s %s of class %s is %s%s, not %s%s",
                          what, p->name, cls->name, repo_instance_type_name(p->type),
                          is_array ? "[]" : "", repo_instance_type_name(v->type),
                          v->is_array ? "[]" : "");
    if (!is_array && v->items.items_len != 1)
        return repo_failc(err, WBEM_E_TYPE_MISMATCH, "%s %s of class %s is not an array, but "
                          "%u values are given", what, p->name, cls->name, v->items.items_len);
    for (u_int i = 0; i < v->items.items_len; i++) {
        const cim_scalar *s = &v->items.items_val[i];

        if (s->type != p->type)
            return repo_failc(err, WBEM_E_TYPE_MISMATCH, "value %u of %s %s of class %s is not "
                              "a %s", i + 1, what, p->name, cls->name,
                              repo_instance_type_name(p->type));
        if (cim_type_int_range(p->type, &min, &max) &&
            (cim_type_is_signed(p->type)
             ? (s->cim_scalar_u.i < min || s->cim_scalar_u.i > (int64_t)max)
             : (uint64_t)s->cim_scalar_u.u > max))
            return repo_failc(err, WBEM_E_TYPE_MISMATCH, "the value of %s %s of class %s is "
                              "out of range for %s", what, p->name, cls->name,
                              repo_instance_type_name(p->type));
        if (p->type == CIM_TYPE_CHAR16 && s->cim_scalar_u.c > 0xFFFF)
            return repo_failc(err, WBEM_E_TYPE_MISMATCH, "the value of %s %s of class %s is "
                              "not a char16 (above 0xFFFF)", what, p->name, cls->name);
    }
    return 0;
}

/* VALUE as stored: NULL values carry the property's type and no items. */
static cim_value
repo_instance_stored_value(const cim_property *p, const cim_value *value)
{
    cim_value v = *value;

    if (v.is_null) {
        v.type = p->type;
        v.is_array = p->array_size >= 0;
        v.items.items_len = 0;
        v.items.items_val = NULL;
    }
    return v;
}

/*
 * INST as stored for class C of NSPACE: every property of the class, in
 * class order, with the class's spelling, values borrowed from INST or
 * from the class's defaults.  *PROPS_OUT is a new array (of the class's
 * property count) of borrowed values: the caller frees only the array.
 */
static int
repo_instance_complete(const struct repo_class_cached *c, const char *nspace,
                       const cim_instance *inst, cim_property_value **props_out,
                       struct repo_error *err)
{
    const cim_class *cls = &c->cls;
    u_int n = cls->properties.properties_len;
    cim_property_value *props = calloc(n + 1, sizeof(*props));
    bool *given = calloc(n + 1, sizeof(*given));
    int rc = -1;

    *props_out = NULL;
    if (props == NULL || given == NULL) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *pv = &inst->properties.properties_val[i];
        u_int at;

        for (at = 0; at < n; at++)
            if (strcasecmp(cls->properties.properties_val[at].name, pv->name) == 0)
                break;
        /* A property the class lacks, or one given twice: a bad argument
         * (WMI's Put of an unknown property says NOT_FOUND, but here the
         * caller sent an instance that does not fit its class). */
        if (at == n) {
            repo_failc(err, WBEM_E_INVALID_PARAMETER, "class %s has no property %.300s in "
                       "namespace %s; remove it from the instance or add it to the class",
                       cls->name, pv->name, nspace);
            goto cleanup;
        }
        if (given[at]) {
            repo_failc(err, WBEM_E_INVALID_PARAMETER, "property %s is given twice in an "
                       "instance of %s", cls->properties.properties_val[at].name, cls->name);
            goto cleanup;
        }
        if (repo_instance_check_value(cls, &cls->properties.properties_val[at], &pv->value,
                                      "property", err) < 0)
            goto cleanup;
        given[at] = true;
        props[at].value = repo_instance_stored_value(&cls->properties.properties_val[at],
                                                     &pv->value);
    }
    for (u_int at = 0; at < n; at++) {
        const cim_property *p = &cls->properties.properties_val[at];

        props[at].name = p->name;
        if (given[at])
            continue;
        if (repo_instance_check_value(cls, p, &p->default_value, "the default of property",
                                      err) < 0)
            goto cleanup;
        props[at].value = repo_instance_stored_value(p, &p->default_value);
    }
    for (unsigned j = 0; j < c->n_keys; j++)
        if (props[c->keys[j]].value.is_null) {
            repo_failc(err, WBEM_E_INVALID_OBJECT, "key property %s of class %s has no value; "
                       "an instance needs a value for each key (%s in namespace %s)",
                       props[c->keys[j]].name, cls->name, cls->name, nspace);
            goto cleanup;
        }
    *props_out = props;
    props = NULL;
    rc = 0;

cleanup:
    free(props);
    free(given);
    return rc;
}

/* ---- writing ---- */

/* The write statement of MODE for class C, built once per cached class. */
static const char *
repo_instance_write_sql(struct repo_class_cached *c, enum repo_put_mode mode,
                        struct repo_error *err)
{
    const cim_class *cls = &c->cls;
    size_t slot = mode == REPO_PUT_CREATE ? 0 : mode == REPO_PUT_UPDATE ? 1 : 2;
    struct repo_buf b = { 0 };
    int param = 3;

    if (c->sql[slot] != NULL)
        return c->sql[slot];
    if (mode == REPO_PUT_UPDATE) {
        repo_buf_addf(&b, "UPDATE i%" PRId64 " SET k = ?1, obj = ?2", c->id);
        for (u_int i = 0; i < cls->properties.properties_len; i++)
            if (repo_instance_has_column(&cls->properties.properties_val[i]))
                repo_buf_addf(&b, ", c%u = ?%d", i, param++);
        repo_buf_add(&b, " WHERE k = ?1");
    } else {
        repo_buf_addf(&b, "INSERT INTO i%" PRId64 " (k, obj", c->id);
        for (u_int i = 0; i < cls->properties.properties_len; i++)
            if (repo_instance_has_column(&cls->properties.properties_val[i]))
                repo_buf_addf(&b, ", c%u", i);
        repo_buf_add(&b, ") VALUES (?1, ?2");
        for (u_int i = 0; i < cls->properties.properties_len; i++)
            if (repo_instance_has_column(&cls->properties.properties_val[i]))
                repo_buf_addf(&b, ", ?%d", param++);
        repo_buf_add(&b, ")");
        if (mode == REPO_PUT_CREATE_OR_UPDATE) {
            repo_buf_add(&b, " ON CONFLICT (k) DO UPDATE SET k = excluded.k, obj = excluded.obj");
            for (u_int i = 0; i < cls->properties.properties_len; i++)
                if (repo_instance_has_column(&cls->properties.properties_val[i]))
                    repo_buf_addf(&b, ", c%u = excluded.c%u", i, i);
        }
    }
    c->sql[slot] = repo_buf_take(&b, err);
    return c->sql[slot];
}

/* Bind value V of property P as parameter N. */
static int
repo_instance_bind(sqlite3_stmt *stmt, int n, const cim_property *p, const cim_value *v)
{
    const cim_scalar *s;
    char digits[24];

    if (v->is_null || v->items.items_len != 1)
        return sqlite3_bind_null(stmt, n);
    s = &v->items.items_val[0];
    switch (p->type) {
    case CIM_TYPE_BOOLEAN:
        return sqlite3_bind_int(stmt, n, s->cim_scalar_u.b ? 1 : 0);
    case CIM_TYPE_SINT8:
    case CIM_TYPE_SINT16:
    case CIM_TYPE_SINT32:
    case CIM_TYPE_SINT64:
        return sqlite3_bind_int64(stmt, n, s->cim_scalar_u.i);
    case CIM_TYPE_UINT8:
    case CIM_TYPE_UINT16:
    case CIM_TYPE_UINT32:
        return sqlite3_bind_int64(stmt, n, (sqlite3_int64)s->cim_scalar_u.u);
    case CIM_TYPE_UINT64:
        if (s->cim_scalar_u.u <= (uint64_t)INT64_MAX)
            return sqlite3_bind_int64(stmt, n, (sqlite3_int64)s->cim_scalar_u.u);
        snprintf(digits, sizeof(digits), "%020" PRIu64, (uint64_t)s->cim_scalar_u.u);
        return sqlite3_bind_text(stmt, n, digits, -1, SQLITE_TRANSIENT);
    case CIM_TYPE_REAL32:
    case CIM_TYPE_REAL64:
        return sqlite3_bind_double(stmt, n, s->cim_scalar_u.r);
    case CIM_TYPE_CHAR16:
        return sqlite3_bind_int64(stmt, n, s->cim_scalar_u.c);
    default:
        return sqlite3_bind_text(stmt, n, s->cim_scalar_u.s, -1, SQLITE_STATIC);
    }
}

/* The name of class ID, for a message (a new string, or NULL). */
static char *
repo_instance_class_name(struct repo *repo, int64_t id)
{
    sqlite3_stmt *stmt;
    char *name = NULL;

    if (repo_stmt(repo, "SELECT name FROM class WHERE id = ?1", &stmt, NULL) < 0)
        return NULL;
    if (sqlite3_bind_int64(stmt, 1, id) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
        sqlite3_column_text(stmt, 0) != NULL)
        name = strdup((const char *)sqlite3_column_text(stmt, 0));
    repo_stmt_done(repo, stmt);
    return name;
}

/* Is KEY in table i<ID>?  1, 0 or -1. */
static int
repo_instance_key_in(struct repo *repo, int64_t id, const char *key, struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    int rc;

    snprintf(sql, sizeof(sql), "SELECT 1 FROM i%" PRId64 " WHERE k = ?1", id);
    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) {
        rc = repo_fail(repo, err, "looking up an instance");
    } else {
        rc = sqlite3_step(stmt);
        rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0
                                  : repo_fail(repo, err, "looking up an instance");
    }
    repo_stmt_done(repo, stmt);
    return rc;
}

/* No instance of an ancestor or descendant of class REF may have KEY. */
static int
repo_instance_check_lineage(struct repo *repo, const char *nspace, const struct repo_class_ref *ref,
                            const char *key, struct repo_error *err)
{
    struct repo_ids ids;
    int rc = 0;

    repo_ids_init(&ids);
    if (repo_ids_query(repo, "SELECT c.id FROM class_ancestry a JOIN class c ON c.id = "
                       "a.ancestor_id WHERE a.descendant_id = ?1 AND a.distance > 0 AND "
                       "c.instance_table <> 0 UNION ALL SELECT c.id FROM class_ancestry a "
                       "JOIN class c ON c.id = a.descendant_id WHERE a.ancestor_id = ?1 AND "
                       "a.distance > 0 AND c.instance_table <> 0", ref->id, &ids, err) < 0) {
        repo_ids_free(&ids);
        return -1;
    }
    for (size_t i = 0; rc == 0 && i < ids.n; i++) {
        int found = repo_instance_key_in(repo, ids.v[i], key, err);

        if (found < 0) {
            rc = -1;
        } else if (found == 1) {
            char *other = repo_instance_class_name(repo, ids.v[i]);
            rc = repo_failc(err, WBEM_E_ALREADY_EXISTS, "an instance of %s with the same keys "
                            "(%.300s) exists in namespace %s; a class and its ancestors and "
                            "descendants cannot have two instances with the same keys",
                            other ? other : "a related class", key, nspace);
            free(other);
        }
    }
    repo_ids_free(&ids);
    return rc;
}

/* "Class.key" or "Class=@". */
static char *
repo_instance_relpath(const cim_class *cls, const char *key, struct repo_error *err)
{
    struct repo_buf b = { 0 };

    repo_buf_add(&b, cls->name);
    repo_buf_add(&b, strcmp(key, "@") == 0 ? "=" : ".");
    repo_buf_add(&b, key);
    return repo_buf_take(&b, err);
}

/* Write the stored form FULL (key KEY, XDR BLOB) of an instance of REF. */
static int
repo_instance_write(struct repo *repo, const char *nspace, const struct repo_class_ref *ref,
                    enum repo_put_mode mode, const cim_instance *full, const char *key,
                    const unsigned char *blob, size_t len, struct repo_error *err)
{
    const cim_class *cls = &ref->c->cls;
    const char *sql = repo_instance_write_sql(ref->c, mode, err);
    sqlite3_stmt *stmt;
    bool bound;
    int rc, param = 3;

    if (sql == NULL || repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    bound = sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) == SQLITE_OK &&
            sqlite3_bind_blob(stmt, 2, blob, (int)len, SQLITE_STATIC) == SQLITE_OK;
    for (u_int i = 0; bound && i < cls->properties.properties_len; i++) {
        const cim_property *p = &cls->properties.properties_val[i];
        if (repo_instance_has_column(p))
            bound = repo_instance_bind(stmt, param++, p,
                                       &full->properties.properties_val[i].value) == SQLITE_OK;
    }
    if (!bound) {
        rc = repo_fail(repo, err, "storing an instance");
        goto done;
    }
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
        rc = 0;
        if (mode == REPO_PUT_UPDATE && sqlite3_changes(repo->db) == 0)
            rc = repo_failc(err, WBEM_E_NOT_FOUND, "there is no instance %s.%.300s in "
                            "namespace %s to update; create it instead", cls->name, key, nspace);
    } else if (rc == SQLITE_CONSTRAINT_UNIQUE && mode == REPO_PUT_CREATE) {
        rc = repo_failc(err, WBEM_E_ALREADY_EXISTS, "an instance %s.%.300s already exists in "
                        "namespace %s; update it instead", cls->name, key, nspace);
    } else {
        rc = repo_fail(repo, err, "storing an instance");
    }

done:
    repo_stmt_done(repo, stmt);
    return rc;
}

static int
repo_instance_do_put(struct repo *repo, const char *nspace, const cim_instance *inst,
                     enum repo_put_mode mode, char **relpath_out, struct repo_error *err)
{
    struct repo_class_ref ref;
    cim_property_value *props = NULL;
    const cim_value **key_values = NULL;
    unsigned char *blob = NULL;
    const cim_class *cls;
    cim_instance full;
    char *key = NULL;
    size_t len;
    int rc = -1;

    if (repo_class_lookup(repo, nspace, inst->class_name, &ref, err) < 0)
        return -1;
    cls = &ref.c->cls;
    if (ref.c->abstract)
        /* WMI says WBEM_E_INVALID_OPERATION, which common/wbem.h lacks. */
        return repo_failc(err, WBEM_E_INVALID_CLASS, "class %s is abstract and cannot have "
                          "instances of its own; create an instance of one of its concrete "
                          "subclasses", cls->name);
    for (u_int i = 0; i < cls->qualifiers.qualifiers_len; i++) {
        const cim_qualifier *q = &cls->qualifiers.qualifiers_val[i];

        /* A provider's instances live with the provider, never here. */
        if (strcasecmp(q->name, "Provider") == 0 && q->value.type == CIM_TYPE_STRING &&
            !q->value.is_null && q->value.items.items_len == 1)
            return repo_failc(err, WBEM_E_NOT_SUPPORTED, "the instances of class %s come "
                              "from provider %.200s, not from the repository: they cannot be "
                              "stored", cls->name, q->value.items.items_val[0].cim_scalar_u.s);
    }
    if (repo_instance_complete(ref.c, nspace, inst, &props, err) < 0)
        return -1;
    full.class_name = cls->name;
    full.properties.properties_len = cls->properties.properties_len;
    full.properties.properties_val = props;
    if ((key_values = calloc(ref.c->n_keys + 1, sizeof(*key_values))) == NULL) {
        repo_failf(err, "out of memory");
        goto cleanup;
    }
    for (unsigned j = 0; j < ref.c->n_keys; j++)
        key_values[j] = &props[ref.c->keys[j]].value;
    if ((key = repo_instance_key_build(cls, ref.c->keys, ref.c->n_keys, key_values, err)) == NULL)
        goto cleanup;
    if (xdr_blob_encode((xdrproc_t)xdr_cim_instance, &full, &blob, &len) < 0) {
        repo_failc(err, WBEM_E_INVALID_OBJECT, "the instance %s.%.300s cannot be encoded (a "
                   "value exceeds its bounds)", cls->name, key);
        goto cleanup;
    }
    if (!ref.has_table) {
        if (mode == REPO_PUT_UPDATE) {
            repo_failc(err, WBEM_E_NOT_FOUND, "there is no instance %s.%.300s in namespace "
                       "%s to update; create it instead", cls->name, key, nspace);
            goto cleanup;
        }
        if (repo_instance_create_table(repo, ref.id, cls, err) < 0)
            goto cleanup;
    }
    if (mode != REPO_PUT_UPDATE && (cls->superclass[0] != '\0' || ref.has_subclasses) &&
        repo_instance_check_lineage(repo, nspace, &ref, key, err) < 0)
        goto cleanup;
    if (repo_instance_write(repo, nspace, &ref, mode, &full, key, blob, len, err) < 0)
        goto cleanup;
    if (relpath_out != NULL && (*relpath_out = repo_instance_relpath(cls, key, err)) == NULL)
        goto cleanup;
    rc = 0;

cleanup:
    free(props);
    free(key_values);
    free(key);
    free(blob);
    return rc;
}

int
repo_instance_put(struct repo *repo, const char *nspace, const cim_instance *inst,
                  enum repo_put_mode mode, char **relpath_out, struct repo_error *err)
{
    bool own;

    if (relpath_out != NULL)
        *relpath_out = NULL;
    if (!repo_class_name_valid(inst->class_name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name (a "
                          "letter or _, then letters, digits and _)", inst->class_name);
    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    if (repo_write_end(repo, own, repo_instance_do_put(repo, nspace, inst, mode, relpath_out,
                                                       err), err) < 0) {
        if (relpath_out != NULL) {
            free(*relpath_out);
            *relpath_out = NULL;
        }
        return -1;
    }
    return 0;
}

/* ---- reading and deleting ---- */

/* The tables of class REF: its own when it exists, then with DEEP those
 * of its descendants, nearest first, then by class name. */
static int
repo_instance_tables(struct repo *repo, const struct repo_class_ref *ref, bool deep,
                     struct repo_ids *ids, struct repo_error *err)
{
    if (ref->has_table && repo_ids_push(ids, ref->id, err) < 0)
        return -1;
    if (!deep || !ref->has_subclasses)
        return 0;
    return repo_ids_query(repo, "SELECT a.descendant_id FROM class_ancestry a JOIN class c "
                          "ON c.id = a.descendant_id WHERE a.ancestor_id = ?1 AND "
                          "a.distance > 0 AND c.instance_table <> 0 "
                          "ORDER BY a.distance, c.name", ref->id, ids, err);
}

/* Read KEY from table i<ID> into *OUT: 1, 0 or -1. */
static int
repo_instance_read(struct repo *repo, const char *nspace, int64_t id, const char *key,
                   cim_instance *out, struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    int rc;

    snprintf(sql, sizeof(sql), "SELECT obj FROM i%" PRId64 " WHERE k = ?1", id);
    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) != SQLITE_OK) {
        rc = repo_fail(repo, err, "reading an instance");
        goto done;
    }
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_instance, sqlite3_column_blob(stmt, 0),
                             (size_t)sqlite3_column_bytes(stmt, 0), out) == 0 ? 1 :
             repo_failf(err, "the stored instance %.300s in %s does not decode; the repository "
                        "may be damaged", key, nspace);
    else if (rc == SQLITE_DONE)
        rc = 0;
    else
        rc = repo_fail(repo, err, "reading an instance");

done:
    repo_stmt_done(repo, stmt);
    return rc;
}

/* Delete KEY from table i<ID>: 1, 0 or -1. */
static int
repo_instance_remove(struct repo *repo, int64_t id, const char *key, struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    int rc;

    snprintf(sql, sizeof(sql), "DELETE FROM i%" PRId64 " WHERE k = ?1", id);
    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) != SQLITE_OK)
        rc = repo_fail(repo, err, "deleting an instance");
    else
        rc = repo_exec_stmt(repo, stmt, "deleting an instance", err);
    repo_stmt_done(repo, stmt);
    if (rc < 0)
        return -1;
    return sqlite3_changes(repo->db) > 0 ? 1 : 0;
}

/*
 * Find the instance at PATH in NSPACE and, for the first table holding
 * it, read it into OUT (when OUT is not NULL) or delete it.  1, 0, -1.
 */
static int
repo_instance_at(struct repo *repo, const char *nspace, const struct cim_path *path,
                 cim_instance *out, struct repo_error *err)
{
    struct repo_class_ref ref;
    struct repo_ids ids;
    char *key = NULL;
    int rc = -1;

    repo_ids_init(&ids);
    if (!repo_class_name_valid(path->class_name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name",
                          path->class_name);
    if (repo_class_lookup(repo, nspace, path->class_name, &ref, err) < 0)
        return -1;
    if ((key = repo_instance_path_key(ref.c, path, err)) == NULL)
        goto cleanup;
    if (repo_instance_tables(repo, &ref, true, &ids, err) < 0)
        goto cleanup;
    rc = 0;
    for (size_t i = 0; rc == 0 && i < ids.n; i++)
        rc = out != NULL ? repo_instance_read(repo, nspace, ids.v[i], key, out, err)
                         : repo_instance_remove(repo, ids.v[i], key, err);

cleanup:
    free(key);
    repo_ids_free(&ids);
    return rc;
}

/*
 * The one-statement read: when an earlier read remembered the class (a
 * class without subclasses, so one table holds the answer), run only the
 * SELECT, as its own transaction, and keep its answer if its snapshot has
 * the data version the memo was true at.  1 (found), 0 (absent), -1
 * (error), or 2: not answered here (nothing remembered, the key does not
 * convert, or something was committed since), so the caller takes the
 * full path.
 */
static int
repo_instance_get_quick(struct repo *repo, const char *nspace, const struct cim_path *path,
                        cim_instance *out, struct repo_error *err)
{
    struct repo_class_ref ref;
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    unsigned remembered, version;
    char *key;
    int rc;

    if (repo->in_transaction || repo->in_read ||
        repo_class_memo_get(repo, nspace, path->class_name, &ref, &remembered) != 1 ||
        ref.has_subclasses || !ref.has_table)
        return 2;
    if ((key = repo_instance_path_key(ref.c, path, NULL)) == NULL)
        return 2;
    /* Any failure (the table may be gone: another connection dropped the
     * class) leaves the answer to the full path, which reports errors. */
    snprintf(sql, sizeof(sql), "SELECT obj FROM i%" PRId64 " WHERE k = ?1", ref.id);
    if (repo_stmt(repo, sql, &stmt, NULL) < 0) {
        free(key);
        return 2;
    }
    rc = sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) == SQLITE_OK ? sqlite3_step(stmt)
                                                                      : SQLITE_ERROR;
    /* The statement's snapshot is the handle's latest: check its version. */
    if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || !repo_data_version(repo, &version) ||
        version != remembered)
        rc = 2;
    else if (rc == SQLITE_ROW)
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_instance, sqlite3_column_blob(stmt, 0),
                             (size_t)sqlite3_column_bytes(stmt, 0), out) == 0 ? 1 :
             repo_failf(err, "the stored instance %.300s in %s does not decode; the repository "
                        "may be damaged", key, nspace);
    else
        rc = 0;
    repo_stmt_done(repo, stmt);
    free(key);
    return rc;
}

int
repo_instance_get(struct repo *repo, const char *nspace, const struct cim_path *path,
                  cim_instance *out, struct repo_error *err)
{
    bool own;
    int rc;

    if (!repo_class_name_valid(path->class_name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name",
                          path->class_name);
    if ((rc = repo_instance_get_quick(repo, nspace, path, out, err)) != 2)
        return rc;
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = repo_instance_at(repo, nspace, path, out, err);
    repo_read_end(repo, own);
    return rc;
}

int
repo_instance_delete(struct repo *repo, const char *nspace, const struct cim_path *path,
                     struct repo_error *err)
{
    bool own;

    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_instance_at(repo, nspace, path, NULL, err), err);
}

/* The tables of CLASS_NAME (and with DEEP its descendants') into IDS. */
static int
repo_instance_class_tables(struct repo *repo, const char *nspace, const char *class_name,
                           bool deep, struct repo_ids *ids, struct repo_error *err)
{
    struct repo_class_ref ref;

    if (!repo_class_name_valid(class_name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name",
                          class_name);
    if (repo_class_lookup(repo, nspace, class_name, &ref, err) < 0)
        return -1;
    return repo_instance_tables(repo, &ref, deep, ids, err);
}

/* Call FN for each instance of table i<ID>, in key order: 0, 1 (FN
 * stopped the walk) or -1. */
static int
repo_instance_walk(struct repo *repo, const char *nspace, int64_t id,
                   int (*fn)(const cim_instance *inst, void *arg), void *arg,
                   struct repo_error *err)
{
    char sql[REPO_INSTANCE_SQL_SHORT];
    sqlite3_stmt *stmt;
    int rc, stop = 0;

    snprintf(sql, sizeof(sql), "SELECT obj FROM i%" PRId64 " ORDER BY k", id);
    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    while (stop == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        cim_instance inst;

        memset(&inst, 0, sizeof(inst));
        if (xdr_blob_decode((xdrproc_t)xdr_cim_instance, sqlite3_column_blob(stmt, 0),
                            (size_t)sqlite3_column_bytes(stmt, 0), &inst) < 0) {
            repo_stmt_done(repo, stmt);
            return repo_failf(err, "a stored instance in %s does not decode; the repository "
                              "may be damaged", nspace);
        }
        stop = fn(&inst, arg) != 0;
        xdr_free((xdrproc_t)xdr_cim_instance, &inst);
    }
    if (stop)
        rc = 1;
    else
        rc = rc == SQLITE_DONE ? 0 : repo_fail(repo, err, "listing instances");
    repo_stmt_done(repo, stmt);
    return rc;
}

int
repo_instance_enumerate(struct repo *repo, const char *nspace, const char *class_name,
                        bool deep, int (*fn)(const cim_instance *inst, void *arg), void *arg,
                        struct repo_error *err)
{
    struct repo_ids ids;
    bool own;
    int rc;

    repo_ids_init(&ids);
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = repo_instance_class_tables(repo, nspace, class_name, deep, &ids, err);
    for (size_t i = 0; rc == 0 && i < ids.n; i++)
        rc = repo_instance_walk(repo, nspace, ids.v[i], fn, arg, err);
    repo_read_end(repo, own);
    repo_ids_free(&ids);
    return rc < 0 ? -1 : 0;
}

int
repo_instance_count(struct repo *repo, const char *nspace, const char *class_name, bool deep,
                    uint64_t *count_out, struct repo_error *err)
{
    struct repo_ids ids;
    uint64_t total = 0, n;
    bool own;
    int rc;

    repo_ids_init(&ids);
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = repo_instance_class_tables(repo, nspace, class_name, deep, &ids, err);
    for (size_t i = 0; rc == 0 && i < ids.n; i++)
        if ((rc = repo_instance_table_count(repo, ids.v[i], &n, err)) == 0)
            total += n;
    repo_read_end(repo, own);
    repo_ids_free(&ids);
    if (rc == 0)
        *count_out = total;
    return rc;
}

/* ---- filtered, paged reads ---- */

void
repo_page_clear(struct repo_page *page)
{
    free(page->after_key);
    page->after_key = NULL;
    page->table = 0;
    page->done = false;
}

static int
repo_instance_ids_ascending(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

static int
repo_instance_bind_filter(struct repo *repo, sqlite3_stmt *stmt, const struct repo_filter *filter,
                          struct repo_error *err)
{
    for (size_t i = 0; filter != NULL && i < filter->n_params; i++) {
        const struct repo_param *p = &filter->params[i];
        int n = (int)i + 3, rc;

        switch (p->kind) {
        case REPO_PARAM_INT:
            rc = sqlite3_bind_int64(stmt, n, p->i);
            break;
        case REPO_PARAM_REAL:
            rc = sqlite3_bind_double(stmt, n, p->r);
            break;
        case REPO_PARAM_TEXT:
            rc = p->text != NULL ? sqlite3_bind_text(stmt, n, p->text, -1, SQLITE_STATIC)
                                 : sqlite3_bind_null(stmt, n);
            break;
        default:
            return repo_failf(err, "a query parameter has an unknown kind %d", (int)p->kind);
        }
        if (rc != SQLITE_OK)
            return repo_fail(repo, err, "binding a query's values");
    }
    return 0;
}

/* Read up to MAX rows of table i<ID> after PAGE->after_key: the number
 * read (PAGE->after_key advanced), with *STOPPED set when FN asked to
 * stop, or -1. */
static int
repo_instance_page_table(struct repo *repo, const char *nspace, int64_t id,
                         const struct repo_filter *filter, struct repo_page *page, unsigned max,
                         int (*fn)(const cim_instance *inst, const char *key, void *arg),
                         void *arg, bool *stopped, struct repo_error *err)
{
    struct repo_buf b = { 0 };
    sqlite3_stmt *stmt = NULL;
    unsigned rows = 0;
    char *sql;
    int rc;

    repo_buf_addf(&b, "SELECT k, obj FROM i%" PRId64 " WHERE k > ?1", id);
    if (filter != NULL && filter->where != NULL && filter->where[0] != '\0')
        repo_buf_addf(&b, " AND (%s)", filter->where);
    repo_buf_add(&b, " ORDER BY k LIMIT ?2");
    if ((sql = repo_buf_take(&b, err)) == NULL)
        return -1;
    rc = repo_stmt(repo, sql, &stmt, err);
    free(sql);
    if (rc < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, page->after_key != NULL ? page->after_key : "", -1,
                          SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_int64(stmt, 2, max) != SQLITE_OK) {
        rc = repo_fail(repo, err, "binding a page's position");
        goto done;
    }
    if ((rc = repo_instance_bind_filter(repo, stmt, filter, err)) < 0)
        goto done;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(stmt, 0);
        cim_instance inst;
        char *copy;
        int verdict;

        if (key == NULL || (copy = strdup(key)) == NULL) {
            rc = repo_failf(err, "out of memory reading instances");
            goto done;
        }
        free(page->after_key);
        page->after_key = copy;
        memset(&inst, 0, sizeof(inst));
        page->row_bytes = (size_t)sqlite3_column_bytes(stmt, 1);
        if (page->raw) {
            if ((page->row_data = sqlite3_column_blob(stmt, 1)) == NULL) {
                rc = repo_fail(repo, err, "reading the instances a query selects");
                goto done;
            }
            verdict = fn(NULL, copy, arg);
            page->row_data = NULL;
        } else {
            if (xdr_blob_decode((xdrproc_t)xdr_cim_instance, sqlite3_column_blob(stmt, 1),
                                page->row_bytes, &inst) < 0) {
                rc = repo_failf(err, "the stored instance %.300s in %s does not decode; the "
                                "repository may be damaged", copy, nspace);
                goto done;
            }
            verdict = fn(&inst, copy, arg);
            xdr_free((xdrproc_t)xdr_cim_instance, &inst);
        }
        rows++;
        if (verdict < 0) {
            rc = -1;
            goto done;
        }
        if (verdict > 0) {
            *stopped = true;
            break;
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        rc = repo_fail(repo, err, "reading the instances a query selects");
        goto done;
    }
    rc = (int)rows;
done:
    repo_stmt_done(repo, stmt);
    return rc;
}

int
repo_instance_page(struct repo *repo, const char *nspace, const char *class_name, bool deep,
                   const struct repo_filter *filter, struct repo_page *page, unsigned max_rows,
                   int (*fn)(const cim_instance *inst, const char *key, void *arg), void *arg,
                   struct repo_error *err)
{
    struct repo_ids ids;
    unsigned total = 0;
    bool own, stopped = false;
    int rc;

    if (filter != NULL && filter->n_params > REPO_FILTER_PARAMS_MAX)
        return repo_failc(err, WBEM_E_INVALID_QUERY, "a query compares with %zu values; at "
                          "most %d are accepted", filter->n_params, REPO_FILTER_PARAMS_MAX);
    if (page->done || max_rows == 0)
        return 0;
    repo_ids_init(&ids);
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = repo_instance_class_tables(repo, nspace, class_name, deep, &ids, err);
    if (rc == 0 && ids.n > 1)
        qsort(ids.v, ids.n, sizeof(ids.v[0]), repo_instance_ids_ascending);
    for (size_t i = 0; rc == 0 && i < ids.n && total < max_rows && !stopped; i++) {
        int n;

        if (ids.v[i] < page->table)
            continue;
        if (ids.v[i] > page->table) {
            free(page->after_key);
            page->after_key = NULL;
            page->table = ids.v[i];
        }
        n = repo_instance_page_table(repo, nspace, ids.v[i], filter, page, max_rows - total, fn,
                                     arg, &stopped, err);
        if (n < 0) {
            rc = -1;
            break;
        }
        /* A table that gave fewer rows than asked for is exhausted; the
         * next one starts from its first key. */
        total += (unsigned)n;
    }
    /* Every table read to its end: nothing follows. */
    if (rc == 0 && !stopped && total < max_rows)
        page->done = true;
    repo_read_end(repo, own);
    repo_ids_free(&ids);
    return rc < 0 ? -1 : (int)total;
}
