/*
 * proc_whoami.c: WHOAMI reports the caller's identity as the server
 * established it: authenticated or Anonymous, principal, local account,
 * groups, transport, effective authentication level and address.
 */
#include <config.h>

#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dispatch_procs.h"
#include "rpc/call.h"
#include "rpc/identity.h"

/* Name of GID, as a new string ("" when it has none); NULL on ENOMEM. */
static char *
whoami_group_name(gid_t gid)
{
    char buf[4096];
    struct group gr, *found = NULL;

    if (getgrgid_r(gid, &gr, buf, sizeof(buf), &found) != 0 || found == NULL)
        return strdup("");
    return strdup(gr.gr_name);
}

static char *
whoami_strdup_or_empty(const char *s)
{
    return strdup(s != NULL ? s : "");
}

int
proc_whoami(struct call_context *ctx, cimrpc_whoami_res *res)
{
    const struct caller_identity *id = ctx->caller;
    cimrpc_whoami_ok *ok = &res->cimrpc_whoami_res_u.ok;
    size_t n = id->n_groups;

    res->code = 0;
    ok->authenticated = id->authenticated;
    ok->principal = whoami_strdup_or_empty(id->principal);
    ok->account = whoami_strdup_or_empty(id->account);
    ok->peer = whoami_strdup_or_empty(ctx->peer);
    if (ok->principal == NULL || ok->account == NULL || ok->peer == NULL)
        return -1;
    ok->has_uid = id->uid != IDENTITY_NO_UID;
    ok->uid = ok->has_uid ? (u_int)id->uid : 0;
    ok->gid = ok->has_uid ? (u_int)id->gid : 0;
    ok->transport = id->transport;
    ok->authn_level = (u_int)id->authn_level;

    if (n > CIMRPC_GROUPS_MAX)
        n = CIMRPC_GROUPS_MAX;
    if (n > 0) {
        ok->groups.groups_val = calloc(n, sizeof(cimrpc_group));
        if (ok->groups.groups_val == NULL)
            return -1;
        ok->groups.groups_len = (u_int)n;
        for (size_t i = 0; i < n; i++) {
            ok->groups.groups_val[i].gid = (u_int)id->groups[i];
            ok->groups.groups_val[i].name = whoami_group_name(id->groups[i]);
            if (ok->groups.groups_val[i].name == NULL)
                return -1;
        }
    }
    return 0;
}
