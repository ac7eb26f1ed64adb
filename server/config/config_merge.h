/*
 * config_merge.h: the effective configuration of a namespace (the merge
 * from the root down to it), and the locks that keep a delegated
 * administrator from changing a part of a section at a namespace.
 *
 * Levels are what root, root/a, ... store (repository/repo_config.h),
 * index 0 being root.  The rules, from docs/CONFIGURATION.md:
 *
 *   - an attribute takes the value of the deepest level that sets it, or
 *     the declaration's default;
 *   - a collection starts from the declaration's entries; at each level
 *     a clear drops what is inherited, then removes, then adds apply;
 *   - a section declared RootOnly is read at the root only;
 *   - what a delegated administrator stored where a lock (set at that
 *     level or above) now covers it is ignored, and listed as such;
 *     what a root administrator stored is never ignored.
 */
#ifndef CIMRPC_CONFIG_MERGE_H
#define CIMRPC_CONFIG_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config_decl.h"
#include "repository/repo.h"
#include "repository/repo_config.h"

struct config_value {
    const struct config_attr *attr; /* borrowed from the declarations */
    const char *value;              /* canonical text (borrowed: levels or decls) */
    int set_at;                     /* level index, or -1 for the default */
};

struct config_entry {
    const struct config_collection *coll;
    const char *key;                /* canonical key text (borrowed) */
    const char *value;              /* canonical entry text (borrowed) */
    int set_at;                     /* level index, or -1 for the default */
};

struct config_effective {
    const struct config_section *section;
    struct repo_config_level *levels;       /* owned */
    size_t n_levels;
    struct config_value *values;            /* one per attribute, in order */
    struct config_entry *entries;           /* every collection's, in order */
    size_t n_entries;
    char **ignored;                         /* "root/a: successes=false
                                               (ignored: ...)"; owned */
    size_t n_ignored;
};

/* What a lock check is about. */
enum config_part {
    CONFIG_PART_SECTION = 1,        /* the section as a whole */
    CONFIG_PART_ATTR,               /* NAME: an attribute */
    CONFIG_PART_COLLECTION,         /* NAME: a collection */
    CONFIG_PART_ITEM,               /* NAME: a collection, KEY an entry's key */
};

/*
 * Is PART of SECTION locked against a delegated administrator at level
 * AT of LEVELS (AT + 1 of them are read)?  Returns true with WHY (the
 * lock, where it was set, and who can lift it), false when it is free.
 * The root (AT 0) and root-only sections are not this function's
 * business: a caller checks them first.
 */
bool config_locked(const struct config_section *section, const struct repo_config_level *levels,
                   size_t at, enum config_part part, const char *name, const char *key,
                   char *why, size_t why_len);

/* The override mode in force at level AT: true for Allow; *FROM_OUT (may
 * be NULL) gets the level that set it, -1 for the declaration. */
bool config_override_allow(const struct config_section *section,
                           const struct repo_config_level *levels, size_t at, int *from_out);

/* Merge LEVELS (N of them; taken over, even on failure) for SECTION into
 * *OUT (free with config_effective_free()).  Returns 0 or -1 (ENOMEM). */
int config_effective_build(const struct config_section *section,
                           struct repo_config_level *levels, size_t n,
                           struct config_effective **out);

/* Read the chain down to NSPACE from REPO and merge it.  Returns 0 or -1
 * with ERR. */
int config_effective_read(struct repo *repo, const char *nspace,
                          const struct config_section *section, struct config_effective **out,
                          struct repo_error *err);

void config_effective_free(struct config_effective *eff);

/* The effective canonical value of attribute NAME (borrowed), or NULL
 * when the section has no such attribute. */
const char *config_effective_value(const struct config_effective *eff, const char *name);

/* The namespace name of level SET_AT, or "(default)". */
const char *config_effective_origin(const struct config_effective *eff, int set_at);

/* The effective entry of COLL with key text KEY, or NULL. */
const struct config_entry *config_effective_entry(const struct config_effective *eff,
                                                  const struct config_collection *coll,
                                                  const char *key);

#endif
