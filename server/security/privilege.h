/*
 * privilege.h: named privileges, who holds them, and which a call has in
 * effect (DESIGN.md section 6).
 *
 * A privilege is a named right that is not about one namespace: reaching
 * a namespace through ancestors the caller may not enter
 * (bypass-traverse), reading the audit trail (security), shutting the
 * host down (shutdown, remote-shutdown), reading or restoring any file
 * (backup, restore).  The known ones are listed by privilege_find().
 *
 * Grants are the entries of the delegated configuration's
 * security/privileges section at the root (docs/CONFIGURATION.md),
 * { privilege = backup, trustee = G{wheel} }, the trustee in the SDDL
 * trustee form of sd_sddl.h, managed with cimrpc config set root
 * security/privileges --add grants privilege=backup,trustee=G{wheel}
 * (a root administrator's change).  Its declaration grants
 * bypass-traverse to Everyone and the others to Administrators.
 *
 * A caller *holds* a privilege when a grant's trustee stands for it (the
 * matching rules of sd.h).  A call has it *in effect* when the caller
 * holds it and the session asked for it (cimrpc -p NAME), except for a
 * privilege enabled by default (bypass-traverse, as Windows enables
 * SeChangeNotifyPrivilege), which is in effect whenever it is held.
 */
#ifndef CIMRPC_PRIVILEGE_H
#define CIMRPC_PRIVILEGE_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "cimrpc.h"
#include "repository/repo.h"
#include "rpc/call.h"
#include "rpc/identity.h"

struct session;

#define PRIVILEGE_BYPASS_TRAVERSE "bypass-traverse"
#define PRIVILEGE_SECURITY "security"

struct privilege_info {
    const char *name;               /* "bypass-traverse" */
    const char *description;        /* what it allows, for messages */
    bool enabled_by_default;        /* in effect without being requested */
};

/* The known privilege NAME (case-insensitive), or NULL. */
const struct privilege_info *privilege_find(const char *name);

/* "bypass-traverse, security, ...": every known name, a static string. */
const char *privilege_names(void);

/* Does CALLER hold privilege NAME?  *HELD_OUT set; returns 0, or -1 with
 * ERR when the grants cannot be read. */
int privilege_held(struct repo *repo, const struct caller_identity *caller, const char *name,
                   bool *held_out, struct repo_error *err);

/*
 * Do CALLER and SESSION (borrowed; NULL: none, so nothing was requested)
 * have every privilege of NAMES (N of them) in effect?  Returns 0, or -1
 * with WHY listing the privileges required, those the caller does not
 * hold and those it holds but did not request (and how to request them).
 * A grant that cannot be read refuses.
 */
int privilege_check(struct repo *repo, const struct caller_identity *caller,
                    const struct session *session, const char *const *names, size_t n,
                    char *why, size_t why_len);

#endif
