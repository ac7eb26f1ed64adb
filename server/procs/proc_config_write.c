/*
 * proc_config_write.c: CONFIG_WRITE changes the delegated configuration
 * of the session's namespace (docs/CONFIGURATION.md).
 *
 * The dispatcher has checked Full Write on the namespace.  Whether the
 * caller is a root administrator (Edit Security on root) decides what
 * else it may change; config/config_change.c applies the rules.  When a
 * change needed a root administrator (the root's own settings, a lock,
 * something locked), that decision is recorded in the audit trail as
 * "NAMESPACE:config SECTION (Edit Security on root)" before the changes
 * are committed; a change refused by a lock is recorded with the lock's
 * reason.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "config/config_change.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"

int
proc_config_write(struct call_context *ctx, cimrpc_config_write_args *args,
                  cimrpc_config_write_res *res)
{
    struct repo *repo = proc_repo(ctx);
    const char *nspace = ctx->session->nspace;
    struct config_change_outcome out;
    struct repo_error err = { .code = 0 };
    char why[CIMRPC_REASON_MAX], audit_why[CIMRPC_REASON_MAX], object[1024];
    uint32_t rights = 0, code = 0;
    char *notes;
    bool root_admin;
    int rc;

    /* Who is a root administrator is read now, for this call only. */
    if (access_rights(repo, ctx->caller, "root", &rights, &err) < 0)
        return proc_repo_error(&res->code, &res->cimrpc_config_write_res_u.reason, &err);
    root_admin = (rights & CIMRPC_RIGHT_WRITE_DAC) != 0;
    snprintf(object, sizeof(object), "%s:config %s (Edit Security on root)", nspace,
             args->section);
    rc = config_change_apply(repo, nspace, args->section, args->changes.changes_val,
                             args->changes.changes_len, root_admin, &out, &code, why,
                             sizeof(why));
    if (rc < 0) {
        if (code == WBEM_E_ACCESS_DENIED)
            (void)audit_call_decision(ctx, NULL, object, false, why, audit_why,
                                      sizeof(audit_why));
        return proc_error(&res->code, &res->cimrpc_config_write_res_u.reason, code, "%s", why);
    }
    if (out.needed_root_admin &&
        audit_call_decision(ctx, NULL, object, true, "holds Edit Security on root", audit_why,
                            sizeof(audit_why)) < 0) {
        (void)config_change_finish(repo, false, NULL);
        return proc_error(&res->code, &res->cimrpc_config_write_res_u.reason,
                          WBEM_E_ACCESS_DENIED, "%s", audit_why);
    }
    if ((notes = strdup(out.notes)) == NULL) {
        (void)config_change_finish(repo, false, NULL);
        return -1;
    }
    if (config_change_finish(repo, true, &err) < 0) {
        free(notes);
        return proc_repo_error(&res->code, &res->cimrpc_config_write_res_u.reason, &err);
    }
    res->code = 0;
    res->cimrpc_config_write_res_u.ok.changed = out.changed;
    res->cimrpc_config_write_res_u.ok.notes = notes;
    return 0;
}
