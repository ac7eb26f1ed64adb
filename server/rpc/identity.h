/*
 * identity.h: who is calling.
 *
 * An identity starts out invalid: not authenticated, uid and gid
 * (uid_t)-1, no principal, no account.  Only code that has verified the
 * caller (SO_PEERCRED on the local socket; a GSS context, later) turns it
 * into someone.  No code path may treat a zeroed or invalid identity as a
 * user: uid 0 is never a default.
 */
#ifndef CIMRPC_IDENTITY_H
#define CIMRPC_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "cimrpc.h"

#define IDENTITY_NO_UID ((uid_t)-1)
#define IDENTITY_NO_GID ((gid_t)-1)

struct caller_identity {
    bool authenticated;
    char *principal;                    /* Kerberos principal, or NULL */
    char *account;                      /* local account name, or NULL */
    uid_t uid;                          /* IDENTITY_NO_UID without account */
    gid_t gid;
    gid_t *groups;                      /* supplementary groups, owned */
    size_t n_groups;
    enum cimrpc_transport transport;
    int authn_level;                    /* enum levels_authn */
};

/* Make *ID the invalid identity (Anonymous, no account).  Owns nothing. */
void identity_init(struct caller_identity *id, enum cimrpc_transport transport);

/*
 * Fill *ID from the kernel's view of a local-socket peer: authenticated,
 * uid/gid from CRED, account name and supplementary groups from the
 * account database.  A uid with no account still authenticates (its
 * account stays NULL, groups empty).  Returns 0, or -1 on allocation
 * failure (*ID is then invalid again).
 */
int identity_from_peercred(struct caller_identity *id, const struct ucred *cred);

/* Give *ID the local account NAME (uid UID, primary group GID) and its
 * supplementary groups from the account database.  Returns 0, or -1 on
 * allocation failure (*ID unchanged). */
int identity_set_account(struct caller_identity *id, uid_t uid, gid_t gid, const char *name);

/* Make *DST an independent copy of *SRC (DST's old contents are not
 * freed).  Returns 0, or -1 on allocation failure (*DST invalid). */
int identity_copy(struct caller_identity *dst, const struct caller_identity *src);

/* Free what *ID owns and make it invalid again.  Accepts NULL. */
void identity_clear(struct caller_identity *id);

#endif
