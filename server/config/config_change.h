/*
 * config_change.h: changing the delegated configuration of a namespace,
 * all or nothing, under the delegation rules of docs/CONFIGURATION.md.
 *
 * The caller (procs/proc_config_write.c) has checked Full Write on the
 * namespace and says whether the caller is a root administrator (Edit
 * Security on root).  Everything else is decided here: the section and
 * its attributes exist, values are of their declared types, a root-only
 * section is not set below the root, and a delegated administrator
 * changes neither the root, nor a lock, nor anything a lock covers.
 * The changes run in one transaction: the first refusal rolls back all
 * of them.
 */
#ifndef CIMRPC_CONFIG_CHANGE_H
#define CIMRPC_CONFIG_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "repository/repo.h"

/* Why a change needs a root administrator, for the audit trail; set by
 * config_change_apply() on every outcome. */
struct config_change_outcome {
    unsigned changed;               /* changes applied */
    bool needed_root_admin;         /* some change needed Edit Security on root */
    char notes[CIMRPC_REASON_MAX];  /* settings a new lock makes ignored; "" */
};

/*
 * Apply CHANGES (N of them) to SECTION at namespace NSPACE, made by a
 * root administrator when ROOT_ADMIN.  Returns 0 with *OUT and the
 * changes made in a transaction still open, which the caller ends with
 * config_change_finish() (after recording the decision); or -1 with
 * *CODE (INVALID_PARAMETER for what cannot be right, NOT_FOUND for an
 * entry or lock to remove that is not there, ACCESS_DENIED for what the
 * caller may not change, FAILED) and WHY, nothing changed, no
 * transaction open.
 */
int config_change_apply(struct repo *repo, const char *nspace, const char *section,
                        const cimrpc_config_change *changes, size_t n, bool root_admin,
                        struct config_change_outcome *out, uint32_t *code, char *why,
                        size_t why_len);

/* Commit (COMMIT true) or undo what config_change_apply() left open.
 * Returns 0, or -1 with ERR when the commit failed (nothing changed). */
int config_change_finish(struct repo *repo, bool commit, struct repo_error *err);

/* Bumped by every committed change; readers that keep effective values
 * compare it (config_policy.c). */
unsigned long config_change_generation(void);

/* Something else changed the configuration (a namespace and its settings
 * deleted): bump the generation. */
void config_change_touched(void);

#endif
