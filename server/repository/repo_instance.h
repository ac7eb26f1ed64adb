/*
 * repo_instance.h: static instances in the repository.
 *
 * Layout (docs/ARCHITECTURE.md, "Instance storage"): each class that has
 * instances has its own table, i<class id>, created with its first
 * instance.  A row holds the instance's canonical key (the key part of
 * its relative path, unique in the table: a lookup by key is one B-tree
 * lookup), the whole instance as XDR (a get decodes one blob), and one
 * column c<n> per scalar property n of the resolved class, so that
 * queries run in SQLite over typed columns; properties qualified Indexed
 * get an index.  A subclass's table repeats its superclass's columns at
 * the same positions, so a query on a superclass is a UNION ALL over the
 * tables of that class and its descendants (class_ancestry), never a scan
 * of unrelated classes.
 *
 * Instances are stored complete: every property of the class, in the
 * class's order, those not given taking the class's default (or NULL).
 * Writes run in the caller's transaction, or in their own.
 */
#ifndef CIMRPC_REPO_INSTANCE_H
#define CIMRPC_REPO_INSTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "cimrpc.h"
#include "common/cim_path.h"
#include "repository/repo.h"
#include "repository/repo_class.h"

/*
 * Store INST (borrowed) in NSPACE.  Its class must exist and not be
 * Abstract; every property given must exist in the class with the same
 * type and arrayness (a NULL value is always allowed, except for keys);
 * every key property must have a value.  CREATE fails when an instance
 * with the same key exists, UPDATE when none does; an instance of an
 * ancestor or descendant class with the same key also refuses the write.
 * UPDATE replaces the whole instance.  On success, when
 * RELPATH_OUT is not NULL, *RELPATH_OUT is the instance's relative path
 * ("Class.Key=\"v\""; the caller frees it).  Errors name the class, the
 * property and what to do.
 */
int repo_instance_put(struct repo *repo, const char *nspace, const cim_instance *inst,
                      enum repo_put_mode mode, char **relpath_out, struct repo_error *err);

/*
 * Read the instance at PATH (borrowed: its class and keys; host and
 * namespace are ignored: NSPACE rules) into *OUT (zeroed by the caller;
 * on 1 the caller frees it with xdr_free(xdr_cim_instance, out)).  The key
 * values are converted to the key properties' types; a key missing,
 * unknown or of the wrong kind is an error.  When PATH names a superclass,
 * instances of its subclasses with those keys are found too (keys are
 * unique across a class's ancestors and descendants, so there is at most
 * one).  Returns 1 found, 0 not found, -1 error.
 */
int repo_instance_get(struct repo *repo, const char *nspace, const struct cim_path *path,
                      cim_instance *out, struct repo_error *err);

/* Delete the instance at PATH.  Returns 1 deleted, 0 not found, -1. */
int repo_instance_delete(struct repo *repo, const char *nspace, const struct cim_path *path,
                         struct repo_error *err);

/*
 * Call FN(inst, arg) for the instances of CLASS_NAME in NSPACE and, when
 * DEEP, of every class derived from it (instances of a class before those
 * of its subclasses, each class's in key order).  INST is borrowed for the
 * call; FN returning non-zero stops the walk.  The walk is one read
 * transaction: FN may read the repository but not write to it through the
 * same handle.  Returns 0 or -1.
 */
int repo_instance_enumerate(struct repo *repo, const char *nspace, const char *class_name,
                            bool deep, int (*fn)(const cim_instance *inst, void *arg), void *arg,
                            struct repo_error *err);

/* How many instances CLASS_NAME has (with DEEP, with its descendants'). */
int repo_instance_count(struct repo *repo, const char *nspace, const char *class_name, bool deep,
                        uint64_t *count_out, struct repo_error *err);

/*
 * Filtered, paged reads: what queries and cursors use.
 *
 * A filter is a boolean SQL expression over an instance table's columns
 * (c<n>, the n-th property of the queried class, which a subclass's table
 * has at the same position; k, the canonical key), with parameters ?3,
 * ?4, ... bound from PARAMS[0], PARAMS[1], ... (?1 and ?2 are the page's
 * own).  It is built by the WQL translator (query/wql_sql.h) from column
 * positions and operators only; every value in it is a parameter.  The
 * function cim_like(pattern, value) is WQL's LIKE (query/wql_like.h),
 * case-insensitive, NULL when either side is NULL.
 */
enum repo_param_kind { REPO_PARAM_INT = 1, REPO_PARAM_REAL, REPO_PARAM_TEXT };

struct repo_param {
    enum repo_param_kind kind;
    int64_t i;                      /* INT */
    double r;                       /* REAL */
    char *text;                     /* TEXT, UTF-8; owned by whoever built the list */
};

#define REPO_FILTER_PARAMS_MAX 2048

struct repo_filter {
    const char *where;              /* NULL or "": every instance */
    const struct repo_param *params;
    size_t n_params;                /* at most REPO_FILTER_PARAMS_MAX */
};

/*
 * Where a paged read stands: the table being read (its class id; tables
 * are read in ascending id order, which puts a class before the classes
 * derived from it) and the last key returned from it.  Start from
 * { 0, NULL }; repo_page_clear() frees the key.  Between pages the
 * repository may change: a page sees the instances committed when it
 * runs, and an instance is never returned twice.
 */
struct repo_page {
    int64_t table;
    char *after_key;                /* owned; NULL: from the table's first key */
    bool done;                      /* nothing follows */
    bool raw;                       /* set by the caller: FN gets INST NULL and
                                     * the stored encoding in row_data */
    const void *row_data;           /* while FN runs, with RAW: the instance's
                                     * XDR encoding, ROW_BYTES long */
    size_t row_bytes;               /* while FN runs: the stored size of its
                                     * instance (its XDR encoding) */
};

void repo_page_clear(struct repo_page *page);

/*
 * Read up to MAX_ROWS instances of CLASS_NAME (and with DEEP of its
 * descendants) that pass FILTER (borrowed; NULL: all), after PAGE
 * (updated), calling FN(inst, key, arg) for each, in (table, key) order:
 * INST and KEY (the canonical key, "Name=\"x\"") are borrowed for the
 * call (INST is NULL with PAGE->raw: nothing is decoded; FN may take over
 * INST's contents otherwise, leaving it as xdr_free() accepts it).  FN
 * returns 0 to go on, 1 to stop after this row (the row counts
 * as read), -1 to fail (ERR is the caller's to set then: the read returns
 * -1).  Each call is one read transaction.  Returns the number of rows
 * read (PAGE->done set when nothing follows), or -1.  A class missing is
 * INVALID_CLASS; a filter SQLite refuses is WBEM_E_FAILED.
 */
int repo_instance_page(struct repo *repo, const char *nspace, const char *class_name, bool deep,
                       const struct repo_filter *filter, struct repo_page *page,
                       unsigned max_rows,
                       int (*fn)(const cim_instance *inst, const char *key, void *arg),
                       void *arg, struct repo_error *err);

/*
 * The canonical key of INST as an instance of CLS (resolved): its key
 * properties in class order, "Name=value" joined by ',' (strings and
 * references quoted, integers in decimal, booleans TRUE/FALSE), or "@"
 * for a class without keys.  The relative path is "Class." + key (or
 * "Class=@").  Returns a string the caller frees, or NULL with ERR set
 * (a key without a value).
 */
char *repo_instance_key(const cim_class *cls, const cim_instance *inst, struct repo_error *err);

/*
 * The keys PATH (an instance path of class CLS, resolved) gives, checked
 * and converted as a GET checks them, as an instance of CLS holding its
 * key properties alone, into *KEYS_OUT (zeroed here; the caller frees it
 * with xdr_free(xdr_cim_instance, ...) after success): what a provider
 * is asked about.  "Class=@" gives an instance without properties.
 * Returns 0, or -1 with ERR set (INVALID_OBJECT_PATH saying what is
 * wrong).
 */
int repo_instance_path_keys(const cim_class *cls, const struct cim_path *path,
                            cim_instance *keys_out, struct repo_error *err);

#endif
