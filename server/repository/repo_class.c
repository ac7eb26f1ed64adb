/*
 * repo_class.c: store, read, delete and list classes; the handle's cache
 * of decoded classes.
 *
 * The ancestry closure is maintained on insert: a new class is its own
 * ancestor at distance 0 and has every ancestor of its superclass at one
 * more.  Deleting a class deletes exactly its ancestry range, so its
 * subclasses go with it in one statement, after their instance tables
 * are dropped in the same transaction.
 *
 * Rules on writes, in this order: the superclass exists; CREATE and
 * UPDATE against what exists; a definition byte-identical to the stored
 * one changes nothing and succeeds (re-importing a schema is idempotent,
 * subclasses or not); the superclass is never changed; a class with
 * subclasses is not updated; a subclass lists its superclass's properties
 * first, at the same positions, with the same types (its instance table
 * repeats the superclass's columns there); a class with instances keeps
 * its property list (repo_instance_class_update()).
 *
 * The class cache keeps up to REPO_CLASS_CACHE_MAX decoded classes per
 * handle, keyed by id and checked against the row's generation by the
 * statement that finds the class, so a copy is never used after any
 * connection rewrote the class.  Writes on this handle forget the entry,
 * a rollback empties the cache.
 *
 * Inside a read of repo_read_begin(), a lookup also remembers what that
 * statement found (REPO_CLASS_MEMO_MAX entries) with the snapshot's data
 * version (SQLITE_FCNTL_DATA_VERSION, which changes with every commit by
 * any connection, this one included).  repo_instance_get() uses it to
 * read an instance in one statement: if that statement's snapshot has
 * the same version, nothing was committed in between and the memo is
 * still the truth.  Writes neither use nor fill it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Find class NAME in namespace NS_ID: its id (and whether it has
 * subclasses).  Returns 1, 0 (not found) or -1. */
static int
repo_class_find(struct repo *repo, int64_t ns_id, const char *name, int64_t *id_out,
                bool *has_subclasses, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT c.id, EXISTS (SELECT 1 FROM class s WHERE s.superclass_id = c.id) "
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
    repo_stmt_done(repo, stmt);
    return rc;
}

/* ---- the class cache ---- */

static void
repo_class_cached_free(struct repo_class_cached *c)
{
    if (c == NULL)
        return;
    xdr_free((xdrproc_t)xdr_cim_class, &c->cls);
    free(c->keys);
    for (size_t i = 0; i < sizeof(c->sql) / sizeof(c->sql[0]); i++)
        free(c->sql[i]);
    free(c);
}

static void
repo_class_memo_free(struct repo_class_memo *m)
{
    free(m->nspace);
    free(m->name);
    memset(m, 0, sizeof(*m));
}

void
repo_class_cache_clear(struct repo *repo)
{
    for (size_t i = 0; i < REPO_CLASS_CACHE_MAX; i++) {
        repo_class_cached_free(repo->classes[i]);
        repo->classes[i] = NULL;
    }
    for (size_t i = 0; i < REPO_CLASS_MEMO_MAX; i++)
        repo_class_memo_free(&repo->memo[i]);
}

/* Forget class ID (it is being rewritten or deleted on this handle). */
static void
repo_class_cache_forget(struct repo *repo, int64_t id)
{
    for (size_t i = 0; i < REPO_CLASS_CACHE_MAX; i++)
        if (repo->classes[i] != NULL && repo->classes[i]->id == id) {
            repo_class_cached_free(repo->classes[i]);
            repo->classes[i] = NULL;
        }
}

int
repo_class_load(struct repo *repo, int64_t id, cim_class *out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT definition, name FROM class WHERE id = ?1", &stmt, err) < 0)
        return -1;
    rc = sqlite3_bind_int64(stmt, 1, id) == SQLITE_OK ? sqlite3_step(stmt) : SQLITE_ERROR;
    if (rc == SQLITE_ROW)
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_class, sqlite3_column_blob(stmt, 0),
                             (size_t)sqlite3_column_bytes(stmt, 0), out) == 0 ? 0 :
             repo_failf(err, "the stored definition of class %s does not decode; the "
                        "repository may be damaged", (const char *)sqlite3_column_text(stmt, 1));
    else if (rc == SQLITE_DONE)
        rc = repo_failf(err, "internal error: class %lld vanished", (long long)id);
    else
        rc = repo_fail(repo, err, "reading a class");
    repo_stmt_done(repo, stmt);
    return rc;
}

/* Decode class ID at GENERATION into a new cache entry, evicting the
 * least recently used one when the cache is full. */
static struct repo_class_cached *
repo_class_cache_fill(struct repo *repo, int64_t id, int64_t generation, struct repo_error *err)
{
    struct repo_class_cached *c = calloc(1, sizeof(*c));
    size_t slot = 0;

    if (c == NULL) {
        repo_failf(err, "out of memory");
        return NULL;
    }
    c->id = id;
    c->generation = generation;
    if (repo_class_load(repo, id, &c->cls, err) < 0) {
        free(c);
        return NULL;
    }
    c->abstract = repo_qualifier_is_true(c->cls.qualifiers.qualifiers_val,
                                         c->cls.qualifiers.qualifiers_len, "Abstract");
    c->keys = calloc(c->cls.properties.properties_len + 1, sizeof(*c->keys));
    if (c->keys == NULL) {
        repo_class_cached_free(c);
        repo_failf(err, "out of memory");
        return NULL;
    }
    for (u_int i = 0; i < c->cls.properties.properties_len; i++) {
        const cim_property *p = &c->cls.properties.properties_val[i];
        if (repo_qualifier_is_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                   "Key"))
            c->keys[c->n_keys++] = i;
    }
    for (size_t i = 0; i < REPO_CLASS_CACHE_MAX; i++) {
        if (repo->classes[i] == NULL) {
            slot = i;
            break;
        }
        if (repo->classes[i]->last_used < repo->classes[slot]->last_used)
            slot = i;
    }
    repo_class_cached_free(repo->classes[slot]);
    repo->classes[slot] = c;
    return c;
}

/* The memo's hash of NSPACE and NAME, folded to lower case; never 0. */
static uint64_t
repo_class_memo_hash(const char *nspace, const char *name)
{
    uint64_t h = 14695981039346656037u;     /* FNV-1a */
    const char *parts[2] = { nspace, name };

    for (size_t i = 0; i < 2; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p != '\0'; p++)
            h = (h ^ (uint64_t)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p)) * 1099511628211u;
        h = (h ^ 0xFFu) * 1099511628211u;
    }
    return h != 0 ? h : 1;
}

/* The cached class ID at GENERATION, or NULL. */
static struct repo_class_cached *
repo_class_cache_find(struct repo *repo, int64_t id, int64_t generation)
{
    for (size_t i = 0; i < REPO_CLASS_CACHE_MAX; i++)
        if (repo->classes[i] != NULL && repo->classes[i]->id == id)
            return repo->classes[i]->generation == generation ? repo->classes[i] : NULL;
    return NULL;
}

int
repo_class_memo_get(struct repo *repo, const char *nspace, const char *name,
                    struct repo_class_ref *ref_out, unsigned *version_out)
{
    uint64_t hash = repo_class_memo_hash(nspace, name);
    struct repo_class_memo *m = &repo->memo[hash % REPO_CLASS_MEMO_MAX];
    struct repo_class_cached *c;

    if (m->hash != hash || strcasecmp(m->name, name) != 0 || strcasecmp(m->nspace, nspace) != 0)
        return 0;
    if ((c = repo_class_cache_find(repo, m->ref.id, m->generation)) == NULL)
        return 0;
    *ref_out = m->ref;
    ref_out->c = c;
    *version_out = m->version;
    c->last_used = ++repo->tick;
    return 1;
}

/* Remember REF (just found by the statement) for later reads. */
static void
repo_class_memo_store(struct repo *repo, const char *nspace, const char *name, uint64_t hash,
                      const struct repo_class_ref *ref, int64_t generation)
{
    struct repo_class_memo *m = &repo->memo[hash % REPO_CLASS_MEMO_MAX];
    unsigned version;

    /* Only what a read found: a write's own changes are not committed. */
    if (!repo->in_read || repo->in_transaction || !repo_data_version(repo, &version))
        return;
    repo_class_memo_free(m);
    if ((m->nspace = strdup(nspace)) == NULL || (m->name = strdup(name)) == NULL) {
        repo_class_memo_free(m);    /* only an optimisation: go without */
        return;
    }
    m->hash = hash;
    m->ref = *ref;
    m->ref.c = NULL;
    m->generation = generation;
    m->version = version;
}

int
repo_class_lookup(struct repo *repo, const char *nspace, const char *name,
                  struct repo_class_ref *ref_out, struct repo_error *err)
{
    struct repo_class_cached *c = NULL;
    sqlite3_stmt *stmt;
    int64_t generation = 0;
    int rc;

    memset(ref_out, 0, sizeof(*ref_out));
    if (repo_stmt(repo, "SELECT c.namespace_id, c.id, c.generation, c.instance_table, "
                  "EXISTS (SELECT 1 FROM class s WHERE s.superclass_id = c.id) FROM class c "
                  "WHERE c.namespace_id = (SELECT id FROM namespace WHERE path = ?1) "
                  "AND c.name = ?2", &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, nspace, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC) != SQLITE_OK)
        rc = SQLITE_ERROR;
    else
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        ref_out->ns_id = sqlite3_column_int64(stmt, 0);
        ref_out->id = sqlite3_column_int64(stmt, 1);
        generation = sqlite3_column_int64(stmt, 2);
        ref_out->has_table = sqlite3_column_int(stmt, 3) != 0;
        ref_out->has_subclasses = sqlite3_column_int(stmt, 4) != 0;
        rc = 1;
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "looking up a class");
    }
    repo_stmt_done(repo, stmt);
    if (rc == 0) {
        int64_t ns_id;
        if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
            return -1;
        /* Lookups serve instance operations: the class is named by an
         * instance or a path, not itself the object asked for. */
        return repo_failc(err, WBEM_E_INVALID_CLASS, "class %.300s does not exist in "
                          "namespace %s", name, nspace);
    }
    if (rc < 0)
        return -1;
    for (size_t i = 0; i < REPO_CLASS_CACHE_MAX; i++)
        if (repo->classes[i] != NULL && repo->classes[i]->id == ref_out->id) {
            if (repo->classes[i]->generation == generation) {
                c = repo->classes[i];
            } else {
                repo_class_cached_free(repo->classes[i]);
                repo->classes[i] = NULL;
            }
            break;
        }
    if (c == NULL && (c = repo_class_cache_fill(repo, ref_out->id, generation, err)) == NULL)
        return -1;
    c->last_used = ++repo->tick;
    ref_out->c = c;
    repo_class_memo_store(repo, nspace, name, repo_class_memo_hash(nspace, name), ref_out,
                          generation);
    return 0;
}

/* ---- writing classes ---- */

static int
repo_class_insert(struct repo *repo, int64_t ns_id, const cim_class *cls, int64_t super_id,
                  const unsigned char *blob, size_t len, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t id;
    int rc;

    if (repo_prepare(repo, "INSERT INTO class (namespace_id, name, superclass_id, definition, "
                     "generation) VALUES (?1, ?2, ?3, ?4, random())", &stmt, err) < 0)
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

    if (repo_prepare(repo, "UPDATE class SET definition = ?2, generation = random() "
                     "WHERE id = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_blob(stmt, 2, blob, (int)len, SQLITE_STATIC);
    rc = repo_exec_stmt(repo, stmt, "updating a class", err);
    sqlite3_finalize(stmt);
    return rc;
}

/* What is stored for an existing class ID: whether DEFINITION (LEN
 * bytes) is byte-identical to it, its superclass's id (0 for none) and
 * whether it has an instance table. */
static int
repo_class_stored(struct repo *repo, int64_t id, const unsigned char *definition, size_t len,
                  bool *same_out, int64_t *super_out, bool *has_table_out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT definition, IFNULL(superclass_id, 0), instance_table FROM class "
                  "WHERE id = ?1", &stmt, err) < 0)
        return -1;
    sqlite3_bind_int64(stmt, 1, id);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const void *stored = sqlite3_column_blob(stmt, 0);
        size_t stored_len = (size_t)sqlite3_column_bytes(stmt, 0);

        *same_out = stored_len == len && (len == 0 || memcmp(stored, definition, len) == 0);
        *super_out = sqlite3_column_int64(stmt, 1);
        *has_table_out = sqlite3_column_int(stmt, 2) != 0;
        rc = 0;
    } else {
        rc = repo_fail(repo, err, "reading a class");
    }
    repo_stmt_done(repo, stmt);
    return rc;
}

static const char *
repo_class_arrayness(const cim_property *p)
{
    return p->array_size >= 0 ? "an array" : "a scalar";
}

/* A subclass lists its superclass's properties first, at the same
 * positions, with the same types and arrayness. */
static int
repo_class_check_prefix(struct repo *repo, const cim_class *cls, int64_t super_id,
                        struct repo_error *err)
{
    cim_class super;
    int rc = 0;

    memset(&super, 0, sizeof(super));
    if (repo_class_load(repo, super_id, &super, err) < 0)
        return -1;
    if (cls->properties.properties_len < super.properties.properties_len) {
        rc = repo_failc(err, WBEM_E_INVALID_CLASS, "class %s has %u properties but its "
                        "superclass %s has %u; a subclass lists every property of its "
                        "superclass first, in the same order, then its own", cls->name,
                        cls->properties.properties_len, super.name,
                        super.properties.properties_len);
        goto cleanup;
    }
    for (u_int i = 0; i < super.properties.properties_len; i++) {
        const cim_property *mine = &cls->properties.properties_val[i];
        const cim_property *theirs = &super.properties.properties_val[i];

        if (strcasecmp(mine->name, theirs->name) != 0) {
            rc = repo_failc(err, WBEM_E_INVALID_CLASS, "property %u of class %s is %s where "
                            "its superclass %s has %s; a subclass lists every property of its "
                            "superclass first, in the same order, then its own", i + 1,
                            cls->name, mine->name, super.name, theirs->name);
            goto cleanup;
        }
        if (mine->type != theirs->type ||
            (mine->array_size >= 0) != (theirs->array_size >= 0)) {
            rc = repo_failc(err, WBEM_E_INVALID_CLASS, "property %s of class %s is not of the "
                            "type it has in its superclass %s (type code %d, %s, there: %d, "
                            "%s); an inherited property keeps its type", mine->name, cls->name,
                            super.name, (int)mine->type, repo_class_arrayness(mine),
                            (int)theirs->type, repo_class_arrayness(theirs));
            goto cleanup;
        }
    }

cleanup:
    xdr_free((xdrproc_t)xdr_cim_class, &super);
    return rc;
}

/* The rules on an existing class ID whose stored definition differs: its
 * instances, then the write. */
static int
repo_class_rewrite(struct repo *repo, const char *nspace, const cim_class *cls, int64_t id,
                   bool has_table, const unsigned char *blob, size_t len,
                   struct repo_error *err)
{
    cim_class old;
    int rc;

    if (has_table) {
        memset(&old, 0, sizeof(old));
        if (repo_class_load(repo, id, &old, err) < 0)
            return -1;
        rc = repo_instance_class_update(repo, nspace, id, &old, cls, err);
        xdr_free((xdrproc_t)xdr_cim_class, &old);
        if (rc < 0)
            return -1;
    }
    return repo_class_update(repo, id, blob, len, err);
}

static int
repo_class_do_put(struct repo *repo, const char *nspace, const cim_class *cls,
                  enum repo_put_mode mode, struct repo_error *err)
{
    int64_t ns_id, id = 0, super_id = 0, old_super = 0;
    bool has_subclasses = false, same = false, has_table = false;
    unsigned char *blob = NULL;
    size_t len;
    int found, rc = -1;

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (cls->superclass[0] != '\0') {
        found = repo_class_find(repo, ns_id, cls->superclass, &super_id, NULL, err);
        if (found <= 0)
            return found < 0 ? -1 : repo_failc(err, WBEM_E_INVALID_CLASS, "the superclass %s "
                                               "of %s does not exist in namespace %s; define "
                                               "it first", cls->superclass, cls->name, nspace);
    }
    found = repo_class_find(repo, ns_id, cls->name, &id, &has_subclasses, err);
    if (found < 0)
        return -1;
    if (found == 1 && mode == REPO_PUT_CREATE)
        return repo_failc(err, WBEM_E_ALREADY_EXISTS, "class %s already exists in namespace %s",
                          cls->name, nspace);
    if (found == 0 && mode == REPO_PUT_UPDATE)
        return repo_failc(err, WBEM_E_NOT_FOUND, "class %s does not exist in namespace %s",
                          cls->name, nspace);
    if (xdr_blob_encode((xdrproc_t)xdr_cim_class, (void *)cls, &blob, &len) < 0)
        return repo_failc(err, WBEM_E_INVALID_CLASS, "class %s cannot be encoded (a value "
                          "exceeds its bounds)", cls->name);
    if (found == 1) {
        if (repo_class_stored(repo, id, blob, len, &same, &old_super, &has_table, err) < 0)
            goto cleanup;
        if (same) {                     /* nothing to do: re-importing is idempotent */
            rc = 0;
            goto cleanup;
        }
        /* WMI's CLASS_HAS_CHILDREN and the like are not in common/wbem.h:
         * a refused change is WBEM_E_NOT_SUPPORTED. */
        if (old_super != super_id) {
            repo_failc(err, WBEM_E_NOT_SUPPORTED, "class %s cannot change its superclass; "
                       "delete the class and create it again", cls->name);
            goto cleanup;
        }
        if (has_subclasses) {
            repo_failc(err, WBEM_E_NOT_SUPPORTED, "class %s has subclasses in namespace %s; "
                       "delete or update them first", cls->name, nspace);
            goto cleanup;
        }
    }
    if (super_id != 0 && repo_class_check_prefix(repo, cls, super_id, err) < 0)
        goto cleanup;
    if (found == 1) {
        repo_class_cache_forget(repo, id);
        rc = repo_class_rewrite(repo, nspace, cls, id, has_table, blob, len, err);
    } else {
        rc = repo_class_insert(repo, ns_id, cls, super_id, blob, len, err);
    }

cleanup:
    free(blob);
    return rc;
}

int
repo_class_put(struct repo *repo, const char *nspace, const cim_class *cls,
               enum repo_put_mode mode, struct repo_error *err)
{
    bool own;

    if (!repo_class_name_valid(cls->name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name (a "
                          "letter or _, then letters, digits and _)", cls->name);
    if (cls->superclass[0] != '\0' && !repo_class_name_valid(cls->superclass))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid superclass name",
                          cls->superclass);
    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_class_do_put(repo, nspace, cls, mode, err), err);
}

int
repo_class_get(struct repo *repo, const char *nspace, const char *name, cim_class *out,
               struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, "SELECT c.definition FROM class c JOIN namespace n "
                  "ON n.id = c.namespace_id WHERE n.path = ?1 AND c.name = ?2", &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_text(stmt, 1, nspace, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC) != SQLITE_OK)
        rc = SQLITE_ERROR;
    else
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
    repo_stmt_done(repo, stmt);
    return rc;
}

int
repo_class_peek(struct repo *repo, const char *nspace, const char *name,
                const cim_class **cls_out, struct repo_error *err)
{
    struct repo_class_ref ref;
    bool own;
    int rc;

    *cls_out = NULL;
    if (!repo_class_name_valid(name))
        return repo_failc(err, WBEM_E_INVALID_CLASS, "'%.300s' is not a valid class name", name);
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = repo_class_lookup(repo, nspace, name, &ref, err);
    repo_read_end(repo, own);
    if (rc == 0)
        *cls_out = &ref.c->cls;
    return rc;
}

static int
repo_class_do_delete(struct repo *repo, const char *nspace, const char *name,
                     struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int64_t ns_id, id;
    int found, rc;

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    found = repo_class_find(repo, ns_id, name, &id, NULL, err);
    if (found <= 0)
        return found < 0 ? -1 : repo_failc(err, WBEM_E_NOT_FOUND, "class %s does not exist "
                                           "in namespace %s", name, nspace);
    repo_class_cache_clear(repo);
    if (repo_instance_drop_below(repo, id, err) < 0)
        return -1;
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
    bool own;

    if (repo_write_begin(repo, &own, err) < 0)
        return -1;
    return repo_write_end(repo, own, repo_class_do_delete(repo, nspace, name, err), err);
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

    if (repo_namespace_require(repo, nspace, &ns_id, err) < 0)
        return -1;
    if (superclass != NULL) {
        found = repo_class_find(repo, ns_id, superclass, &super_id, NULL, err);
        if (found <= 0)
            /* The class to list below, as WMI's CreateClassEnum answers. */
            return found < 0 ? -1 : repo_failc(err, WBEM_E_INVALID_CLASS, "class %s does not "
                                               "exist in namespace %s", superclass, nspace);
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
