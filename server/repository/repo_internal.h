/*
 * repo_internal.h: what the repo_*.c files share: the handle's layout,
 * the statement helpers, the statement and class caches, and the hooks
 * between classes and their instance tables.  Not for use outside
 * server/repository/.
 */
#ifndef CIMRPC_REPO_INTERNAL_H
#define CIMRPC_REPO_INTERNAL_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>

#include "cimrpc.h"
#include "repository/repo.h"

#include "common/cim_path.h"
#include "common/wbem.h"

#define REPO_STMT_CACHE_MAX 128     /* prepared statements kept per handle */
#define REPO_CLASS_CACHE_MAX 64     /* decoded classes kept per handle */
#define REPO_CLASS_MEMO_MAX 64      /* (namespace, class name) lookups remembered */

/* A prepared statement kept for reuse, found by its SQL text. */
struct repo_stmt_slot {
    uint64_t hash;                  /* of sql */
    char *sql;                      /* owned; NULL: the slot is free */
    sqlite3_stmt *stmt;             /* owned */
    uint64_t last_used;             /* repo->tick when last handed out */
    bool in_use;                    /* handed out, repo_stmt_done() not yet called */
};

/*
 * A class decoded once and kept while its row's generation is unchanged
 * (migration 0003: every write of a class row sets a new random
 * generation, so a stale copy is noticed whichever connection wrote).
 */
struct repo_class_cached {
    int64_t id;
    int64_t generation;
    cim_class cls;                  /* resolved, as stored; owned */
    bool abstract;                  /* qualifier Abstract is true */
    unsigned *keys;                 /* indices of the Key properties, in class order */
    unsigned n_keys;
    char *sql[3];                   /* repo_instance.c's write statements, built on first use */
    uint64_t last_used;
};

/* What repo_class_lookup() found. */
struct repo_class_ref {
    int64_t ns_id;
    int64_t id;
    bool has_table;                 /* its instance table i<id> exists */
    bool has_subclasses;
    struct repo_class_cached *c;    /* borrowed until the next lookup on the handle */
};

/* A class lookup remembered: valid while the database's data version is
 * still VERSION (nothing committed since, by any connection). */
struct repo_class_memo {
    uint64_t hash;                  /* of the folded namespace and name; 0: free slot */
    char *nspace, *name;            /* owned */
    struct repo_class_ref ref;      /* ref.c unused: found again by id */
    int64_t generation;
    unsigned version;
};

struct repo {
    sqlite3 *db;
    char *path;
    bool in_transaction;            /* repo_begin() .. repo_commit()/repo_rollback() */
    bool in_read;                   /* a read transaction of repo_read_begin() is open */
    uint64_t tick;                  /* use counter for the caches' eviction */
    struct repo_stmt_slot stmts[REPO_STMT_CACHE_MAX];
    struct repo_class_cached *classes[REPO_CLASS_CACHE_MAX]; /* owned; NULL: free */
    struct repo_class_memo memo[REPO_CLASS_MEMO_MAX];
};

/* Register the SQL function cim_like(pattern, value) on REPO's
 * connection (repo_like.c).  Returns 0 or -1. */
int repo_like_register(struct repo *repo, struct repo_error *err);

/* Record in ERR a message naming WHAT and SQLite's reason, with code
 * WBEM_E_FAILED.  Returns -1. */
int repo_fail(struct repo *repo, struct repo_error *err, const char *what);

/* Record in ERR (which may be NULL) a formatted message with code
 * WBEM_E_FAILED (repo_failf) or CODE, a WBEM_E_* (repo_failc).  They
 * return -1. */
int repo_failf(struct repo_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int repo_failc(struct repo_error *err, uint32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepare SQL on REPO into *STMT (the caller finalizes it): for one-off
 * statements such as DDL.  Returns 0 or -1 (ERR set). */
int repo_prepare(struct repo *repo, const char *sql, sqlite3_stmt **stmt, struct repo_error *err);

/* Run a statement with no result rows to completion.  Returns 0 or -1. */
int repo_exec_stmt(struct repo *repo, sqlite3_stmt *stmt, const char *what, struct repo_error *err);

/* Prepare and run SQL (one statement, no rows; for one-off DDL built from
 * ids only), then finalize it.  Returns 0 or -1 (ERR set). */
int repo_exec(struct repo *repo, const char *sql, const char *what, struct repo_error *err);

/*
 * The statement cache (repo_stmt.c).  repo_stmt() hands out the prepared
 * statement for SQL (prepared once, SQLITE_PREPARE_PERSISTENT), reset and
 * without bindings; the handle keeps it (the caller does not finalize
 * it) and the caller gives it back with repo_stmt_done() once done with
 * its rows, which resets it and clears its bindings.  SQL is borrowed
 * (copied when cached).  A statement already handed out and not given
 * back is never handed out twice: a second request for the same SQL gets
 * a fresh statement that repo_stmt_done() finalizes.  The cache holds
 * REPO_STMT_CACHE_MAX statements and evicts the least recently used.
 */
int repo_stmt(struct repo *repo, const char *sql, sqlite3_stmt **stmt_out,
              struct repo_error *err);
void repo_stmt_done(struct repo *repo, sqlite3_stmt *stmt);    /* accepts NULL */
void repo_stmt_cache_clear(struct repo *repo);                 /* finalizes all */

/* repo_read_begin() and repo_read_end() are in repo.h. */

/*
 * A write inside the caller's transaction, or in its own: repo_write_begin()
 * opens one when none is open (*OWN says so); repo_write_end() then
 * commits it when RC >= 0 and rolls it back otherwise.  repo_write_end()
 * returns RC, or -1 when the COMMIT failed (ERR set).  Writes the caller
 * wraps in its transaction are committed or undone by the caller.
 */
/* repo_data_version() is in repo.h. */

int repo_write_begin(struct repo *repo, bool *own, struct repo_error *err);
int repo_write_end(struct repo *repo, bool own, int rc, struct repo_error *err);

/*
 * Classes (repo_class.c).  repo_class_lookup() finds class NAME of
 * NSPACE in one statement and returns its decoded definition from the
 * class cache (decoding it only when the stored generation differs);
 * a missing namespace or class is an error naming it
 * (WBEM_E_INVALID_NAMESPACE, WBEM_E_INVALID_CLASS).  Callers run it
 * inside a transaction (a read or a write), so that the class and what
 * they read next are one state.
 */
int repo_class_lookup(struct repo *repo, const char *nspace, const char *name,
                      struct repo_class_ref *ref_out, struct repo_error *err);
/* What a lookup of NAME in NSPACE inside an earlier read found, and the
 * data version it was true at (*VERSION_OUT): 1, or 0 if nothing is
 * remembered.  The caller must check that its own snapshot has that
 * version before trusting REF_OUT (borrowed like repo_class_lookup's). */
int repo_class_memo_get(struct repo *repo, const char *nspace, const char *name,
                        struct repo_class_ref *ref_out, unsigned *version_out);
void repo_class_cache_clear(struct repo *repo);

/* Decode the stored definition of class ID into *OUT (zeroed by the
 * caller; xdr_free(xdr_cim_class, out)).  Returns 0 or -1. */
int repo_class_load(struct repo *repo, int64_t id, cim_class *out, struct repo_error *err);

/* Is qualifier NAME among QUALS (N of them) a boolean TRUE? */
bool repo_qualifier_is_true(const cim_qualifier *quals, unsigned n, const char *name);

/*
 * Instance tables (repo_instance.c), for the class and namespace code.
 * Each runs inside the caller's write transaction.
 *
 * repo_instance_drop_below: drop the tables of class ID and of every
 * class derived from it (before the classes are deleted).
 * repo_instance_drop_namespace: the same for every class of namespace
 * PATH and of the namespaces below it.
 * repo_instance_class_update: class ID (NAME in NSPACE), which has an
 * instance table, is being updated from OLD to NEW.  Refused when the
 * table holds instances and the property list (names, types, arrayness,
 * order, keys) changes; a changed empty table is dropped (the next
 * instance creates it again); otherwise the Indexed indexes are brought in
 * line with NEW.
 */
int repo_instance_drop_below(struct repo *repo, int64_t id, struct repo_error *err);
int repo_instance_drop_namespace(struct repo *repo, const char *path, struct repo_error *err);
int repo_instance_class_update(struct repo *repo, const char *nspace, int64_t id,
                               const cim_class *old, const cim_class *new_cls,
                               struct repo_error *err);

/*
 * A growing string (repo_buf.c).  Start from { 0 }; appends after a
 * failure are dropped; repo_buf_take() hands over the string (the caller
 * frees it) or, after a failure, frees it and returns NULL with ERR set.
 */
struct repo_buf {
    char *s;
    size_t len, cap;
    bool failed;                    /* out of memory: every later append is dropped */
};

bool repo_buf_reserve(struct repo_buf *b, size_t more);
void repo_buf_add(struct repo_buf *b, const char *text);
void repo_buf_addf(struct repo_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void repo_buf_quoted(struct repo_buf *b, const char *value);   /* as cim_path_append_quoted() */
char *repo_buf_take(struct repo_buf *b, struct repo_error *err);

/* A list of table (class) ids; the first few need no allocation. */
struct repo_ids {
    int64_t *v;
    size_t n, cap;
    int64_t inline_v[8];
};

void repo_ids_init(struct repo_ids *ids);
int repo_ids_push(struct repo_ids *ids, int64_t id, struct repo_error *err);
void repo_ids_free(struct repo_ids *ids);       /* and empties the list for reuse */
/* Append the first column of every row of SQL, with ?1 bound to ID. */
int repo_ids_query(struct repo *repo, const char *sql, int64_t id, struct repo_ids *ids,
                   struct repo_error *err);

/* Room for a statement that names one instance table by id. */
#define REPO_INSTANCE_SQL_SHORT 160

/*
 * CIM types as the instance tables see them (repo_instance_key.c).
 * type_name: cim_type_name() (common/cim_type.h), "unknown type" for a
 * type without one; a static string.  has_column: P (borrowed) is a
 * scalar other than an embedded instance, which has a column c<n>;
 * column_type: that column's declared type, a static string.  (Integer
 * ranges: common/cim_type.h.)
 */
const char *repo_instance_type_name(cim_type type);
bool repo_instance_has_column(const cim_property *p);
const char *repo_instance_column_type(cim_type type);

/*
 * Canonical keys (repo_instance_key.c); each returns a new string or NULL
 * with ERR set.  key_build: from VALUES[j], the value of the j-th key
 * property of CLS (KEYS[j] its position; values borrowed).  path_key:
 * from the bindings of PATH, converted to the key types of cached class C.
 * key_names: "A, B", the key property names of C, for messages.
 */
char *repo_instance_key_build(const cim_class *cls, const unsigned *keys, unsigned n_keys,
                              const cim_value *const *values, struct repo_error *err);
char *repo_instance_path_key(const struct repo_class_cached *c, const struct cim_path *path,
                             struct repo_error *err);
void repo_instance_key_names(const struct repo_class_cached *c, struct repo_buf *b);

/*
 * Instance tables (repo_instance_table.c), in the caller's write
 * transaction.  create_table: table i<ID> for CLS, its Indexed indexes,
 * and class.instance_table set.  table_count: the rows of i<ID>.
 * indexed: does property P get an index?
 */
int repo_instance_create_table(struct repo *repo, int64_t id, const cim_class *cls,
                               struct repo_error *err);
int repo_instance_table_count(struct repo *repo, int64_t id, uint64_t *count,
                              struct repo_error *err);
bool repo_instance_indexed(const cim_property *p);

#endif
