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

int
identity_set_account(struct caller_identity *id, uid_t uid, gid_t gid, const char *name)
{
    int n = IDENTITY_MAX_GROUPS;
    char *account = strdup(name);
    gid_t *groups = calloc(IDENTITY_MAX_GROUPS, sizeof(gid_t));

    if (account == NULL || groups == NULL) {
        free(account);
        free(groups);
        return -1;
    }
    if (getgrouplist(name, gid, groups, &n) < 0)
        n = IDENTITY_MAX_GROUPS;        /* truncated to the bound */
    free(id->account);
    free(id->groups);
    id->account = account;
    id->groups = groups;
    id->n_groups = (size_t)n;
    id->uid = uid;
    id->gid = gid;
    return 0;
}

/* The account name of UID into BUF, or NULL when the uid has none. */
static const char *
identity_account_name(uid_t uid, char *buf, size_t len)
{
    struct passwd pw, *found = NULL;

    if (getpwuid_r(uid, &pw, buf, len, &found) != 0 || found == NULL)
        return NULL;
    return pw.pw_name;
}

int
identity_from_peercred(struct caller_identity *id, const struct ucred *cred)
{
    char buf[4096];
    const char *name;

    identity_init(id, CIMRPC_TRANSPORT_LOCAL);
    id->uid = cred->uid;
    id->gid = cred->gid;
    name = identity_account_name(cred->uid, buf, sizeof(buf));
    if (name != NULL && identity_set_account(id, cred->uid, cred->gid, name) < 0) {
        identity_clear(id);
        return -1;
    }
    id->authenticated = true;
    /* The kernel vouches for a local peer: as strong as PktPrivacy. */
    id->authn_level = LEVELS_AUTHN_PKT_PRIVACY;
    return 0;
}

int
identity_copy(struct caller_identity *dst, const struct caller_identity *src)
{
    identity_init(dst, src->transport);
    dst->authenticated = src->authenticated;
    dst->uid = src->uid;
    dst->gid = src->gid;
    dst->authn_level = src->authn_level;
    if ((src->principal != NULL && (dst->principal = strdup(src->principal)) == NULL) ||
        (src->account != NULL && (dst->account = strdup(src->account)) == NULL))
        goto fail;
    if (src->n_groups > 0) {
        dst->groups = calloc(src->n_groups, sizeof(gid_t));
        if (dst->groups == NULL)
            goto fail;
        memcpy(dst->groups, src->groups, src->n_groups * sizeof(gid_t));
        dst->n_groups = src->n_groups;
    }
    return 0;
fail:
    identity_clear(dst);
    return -1;
}
