/*
 * identity.c: caller identities.
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/levels.h"
#include "rpc/identity.h"

#define IDENTITY_MAX_GROUPS 1024

void
identity_init(struct caller_identity *id, enum cimrpc_transport transport)
{
    memset(id, 0, sizeof(*id));
    id->authenticated = false;
    id->uid = IDENTITY_NO_UID;
    id->gid = IDENTITY_NO_GID;
    id->transport = transport;
    id->authn_level = LEVELS_AUTHN_NONE;
}

void
identity_clear(struct caller_identity *id)
{
    if (id == NULL)
        return;
    free(id->principal);
    free(id->account);
    free(id->groups);
    identity_init(id, id->transport);
}

/* Look up the account of UID: name and groups.  Leaves them unset when the
 * uid has no entry.  Returns -1 only on allocation failure. */
static int
identity_lookup_account(struct caller_identity *id, uid_t uid)
{
    struct passwd pw, *found = NULL;
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    char *buf;
    int n = IDENTITY_MAX_GROUPS;
    int rc = -1;

    if (size <= 0)
        size = 16384;
    buf = malloc((size_t)size);
    if (buf == NULL)
        return -1;
    if (getpwuid_r(uid, &pw, buf, (size_t)size, &found) != 0 || found == NULL) {
        rc = 0;                         /* no account: not an error */
        goto out;
    }
    id->account = strdup(pw.pw_name);
    id->groups = calloc(IDENTITY_MAX_GROUPS, sizeof(gid_t));
    if (id->account == NULL || id->groups == NULL)
        goto out;
    if (getgrouplist(pw.pw_name, id->gid, id->groups, &n) < 0)
        n = IDENTITY_MAX_GROUPS;        /* truncated to the bound */
    id->n_groups = (size_t)n;
    rc = 0;
out:
    free(buf);
    return rc;
}

int
identity_from_peercred(struct caller_identity *id, const struct ucred *cred)
{
    identity_init(id, CIMRPC_TRANSPORT_LOCAL);
    id->uid = cred->uid;
    id->gid = cred->gid;
    if (identity_lookup_account(id, cred->uid) < 0) {
        identity_clear(id);
        return -1;
    }
    id->authenticated = true;
    /* The kernel vouches for a local peer: as strong as PktPrivacy. */
    id->authn_level = LEVELS_AUTHN_PKT_PRIVACY;
    return 0;
}
