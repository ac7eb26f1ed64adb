/*
 * repo_config.h: the delegated configuration as stored, namespace by
 * namespace (schema/migrations/0005-configuration.sql).
 *
 * The repository stores rows and checks nothing about them: which
 * sections exist, what values mean, who may write them and how the
 * levels merge is server/config/'s business.  Reads of the chain from
 * root down to a namespace happen in one read transaction, so a change
 * made meanwhile is seen whole or not at all; writes join the caller's
 * transaction (repo_begin()) or make their own.
 */
#ifndef CIMRPC_REPO_CONFIG_H
#define CIMRPC_REPO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "repository/repo.h"

struct repo_config_setting {
    char *name;                     /* the attribute */
    char *value;                    /* canonical text */
    bool delegated;                 /* set by a delegated administrator */
};

struct repo_config_item {
    char *collection;
    char *key;                      /* the entry's key text; "" for a clear */
    char *action;                   /* "add", "remove" or "clear" */
    char *value;                    /* add: the entry's text; else "" */
    bool delegated;
};

struct repo_config_lock {
    char *kind;                     /* "overrideMode", "lockAttributes", ... */
    char *name;                     /* see the migration */
    char *value;
};

/* What one namespace stores for one section. */
struct repo_config_level {
    char *nspace;                   /* "root/a", as stored */
    struct repo_config_setting *settings;
    size_t n_settings;
    struct repo_config_item *items; /* ordered by collection, then key */
    size_t n_items;
    struct repo_config_lock *locks;
    size_t n_locks;
};

/*
 * Read what root and each namespace down to PATH store for SECTION, in
 * that order, into *LEVELS_OUT (one per namespace; the caller frees them
 * with repo_config_levels_free()) and *N_OUT.  A namespace on the way
 * that does not exist is INVALID_NAMESPACE.  Returns 0 or -1.
 */
int repo_config_chain(struct repo *repo, const char *path, const char *section,
                      struct repo_config_level **levels_out, size_t *n_out,
                      struct repo_error *err);

void repo_config_levels_free(struct repo_config_level *levels, size_t n);

/* The namespaces strictly below PATH that store anything for SECTION,
 * with what they store, into *LEVELS_OUT and *N_OUT as above (ordered
 * by path).  Returns 0 or -1. */
int repo_config_below(struct repo *repo, const char *path, const char *section,
                      struct repo_config_level **levels_out, size_t *n_out,
                      struct repo_error *err);

/* Store attribute NAME = VALUE of SECTION at PATH (replacing). */
int repo_config_set(struct repo *repo, const char *path, const char *section, const char *name,
                    const char *value, bool delegated, struct repo_error *err);

/* Remove what PATH stores for attribute NAME of SECTION (nothing stored
 * is not an error). */
int repo_config_unset(struct repo *repo, const char *path, const char *section,
                      const char *name, struct repo_error *err);

/* Store a collection change at PATH (replacing the one for the same key). */
int repo_config_item_put(struct repo *repo, const char *path, const char *section,
                         const char *collection, const char *key, const char *action,
                         const char *value, bool delegated, struct repo_error *err);

/* Remove PATH's change for KEY of COLLECTION, or every change of the
 * collection when KEY is NULL. */
int repo_config_item_delete(struct repo *repo, const char *path, const char *section,
                            const char *collection, const char *key, struct repo_error *err);

/* Store a lock at PATH (replacing the one of the same kind and name). */
int repo_config_lock_put(struct repo *repo, const char *path, const char *section,
                         const char *kind, const char *name, const char *value,
                         struct repo_error *err);

/* Remove PATH's lock of KIND and NAME; *REMOVED_OUT says whether there
 * was one. */
int repo_config_lock_delete(struct repo *repo, const char *path, const char *section,
                            const char *kind, const char *name, bool *removed_out,
                            struct repo_error *err);

#endif
