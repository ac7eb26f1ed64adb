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
 * Grants are instances of __PrivilegeGrant in root (schema/mof/
 * privileges.mof): { Privilege = "backup"; Trustee = "G{wheel}"; }, the
 * trustee in the SDDL trustee form of sd_sddl.h.  They are managed with
 * the ordinary instance operations (cimrpc -n root create/delete/enum
 * __PrivilegeGrant), which for this class need Edit Security on root
 * (proc_instance_put.c); a new repository grants bypass-traverse to
 * Everyone and the others to Administrators.  A repository without the
 * class (made before it existed) has those defaults built in.
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

/*
 * A write of a grant by the call of CTX (borrowed; its session's
 * namespace is where it writes): INSTANCE_PUT of INST, or INSTANCE_DELETE
 * (INST NULL) of the instance at PATH (borrowed; NULL for a put), of
 * class CLASS_NAME.  Returns 1 when that is not a grant (nothing more to
 * check, nothing recorded), 0 when the caller may write it, -1 when not,
 * with *CODE (a WBEM code) and WHY: a grant needs Edit Security on root,
 * a known privilege name and a trustee in SDDL trustee form.  A grant's
 * decision, allowed or refused, is recorded in the audit trail
 * (audit_call_decision()) as "root:__PrivilegeGrant.Privilege=...,
 * Trustee=... (Edit Security)"; when it cannot be, the write is refused
 * (ACCESS_DENIED) saying so.
 */
int privilege_grant_write_check(struct repo *repo, const struct call_context *ctx,
                                const char *class_name, const cim_instance *inst,
                                const char *path, uint32_t *code, char *why, size_t why_len);

#endif
