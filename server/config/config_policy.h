/*
 * config_policy.h: the delegated configuration as the rest of the daemon
 * uses it, typed (docs/CONFIGURATION.md, "What the sections do").
 *
 * A session reads its policy once, when it opens (authentication,
 * impersonation, limits, query).  Audit, providers and privileges are
 * read for each decision; audit, read for every call, is kept per thread
 * for each of a few namespaces until a configuration change is committed
 * (config_change_generation()) or the repository's data version moves
 * (a change by another process, such as cimrpcd --import).
 */
#ifndef CIMRPC_CONFIG_POLICY_H
#define CIMRPC_CONFIG_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repository/repo.h"

/* What a session on a namespace is governed by, read when it opens. */
struct config_session_policy {
    int server_floor;               /* the root's security/authentication floor */
    int namespace_floor;            /* the namespace's (never below the root's) */
    char floor_set_at[512];         /* where the namespace's floor was set */
    bool anonymous_access;
    int highest_imp;                /* enum levels_imp */
    bool allow_delegation;
    char service_account[256];
    uint32_t result_size;           /* 0: no limit */
    char result_size_set_at[512];
    uint32_t query_time;            /* seconds; 0: no limit */
    uint32_t concurrent_operations;
    uint32_t record_size;
    uint32_t page_size;
};

/* Read the policy of a session on NSPACE.  Returns 0 or -1 with ERR. */
int config_policy_session(struct repo *repo, const char *nspace,
                          struct config_session_policy *out, struct repo_error *err);

enum config_audit_destination {
    CONFIG_AUDIT_BOTH = 0,
    CONFIG_AUDIT_REPOSITORY,
    CONFIG_AUDIT_LOG,
};

struct config_audit_policy {
    bool successes;
    bool failures;
    enum config_audit_destination destination;
};

/* The audit policy of calls in NSPACE (cached as above).  Returns 0 or
 * -1 with ERR; a caller that cannot read it records everything. */
int config_policy_audit(struct repo *repo, const char *nspace, struct config_audit_policy *out,
                        struct repo_error *err);

/* Is provider NAME enabled in NSPACE?  *ENABLED_OUT, and in SET_AT
 * (LEN bytes) where the collection was last changed ("(default)").
 * Returns 0 or -1 with ERR. */
int config_policy_provider_enabled(struct repo *repo, const char *nspace, const char *name,
                                   bool *enabled_out, char *set_at, size_t len,
                                   struct repo_error *err);

/* Call FN(privilege, trustee, ARG) for each grant in force (the root's
 * security/privileges); FN returning non-zero stops.  Returns 0 or -1
 * with ERR. */
int config_policy_privilege_grants(struct repo *repo,
                                   int (*fn)(const char *privilege, const char *trustee,
                                             void *arg),
                                   void *arg, struct repo_error *err);

#endif
