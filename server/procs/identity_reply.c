/*
 * identity_reply.c: fill cimrpc_whoami_ok from a caller identity.
 */
#include <config.h>

#include <grp.h>
#include <stdlib.h>
#include <string.h>

#include "procs/identity_reply.h"

/* Name of GID, as a new string ("" when it has none); NULL on ENOMEM. */
static char *
identity_reply_group_name(gid_t gid)
{
    char buf[4096];
    struct group gr, *found = NULL;

    if (getgrgid_r(gid, &gr, buf, sizeof(buf), &found) != 0 || found == NULL)
        return strdup("");
    return strdup(gr.gr_name);
}

static char *
identity_reply_strdup(const char *s)
{
    return strdup(s != NULL ? s : "");
}

int
identity_reply_fill(cimrpc_whoami_ok *out, const struct caller_identity *id, const char *peer)
{
    size_t n = id->n_groups;

    out->authenticated = id->authenticated;
    out->principal = identity_reply_strdup(id->principal);
    out->account = identity_reply_strdup(id->account);
    out->peer = identity_reply_strdup(peer);
    if (out->principal == NULL || out->account == NULL || out->peer == NULL)
        return -1;
    out->has_uid = id->uid != IDENTITY_NO_UID;
    out->uid = out->has_uid ? (u_int)id->uid : 0;
    out->gid = out->has_uid ? (u_int)id->gid : 0;
    out->transport = id->transport;
    out->authn_level = (u_int)id->authn_level;
    if (n > CIMRPC_GROUPS_MAX)
        n = CIMRPC_GROUPS_MAX;
    if (n == 0)
        return 0;
    out->groups.groups_val = calloc(n, sizeof(cimrpc_group));
    if (out->groups.groups_val == NULL)
        return -1;
    out->groups.groups_len = (u_int)n;
    for (size_t i = 0; i < n; i++) {
        out->groups.groups_val[i].gid = (u_int)id->groups[i];
        out->groups.groups_val[i].name = identity_reply_group_name(id->groups[i]);
        if (out->groups.groups_val[i].name == NULL)
            return -1;
    }
    return 0;
}
