/*
 * test-identity.c: the worker identity of a local account for tests
 * (test-identity.h).
 */
#include <config.h>

#include <grp.h>
#include <pwd.h>
#include <string.h>

#include "test-identity.h"

int
test_identity_of(const char *name, enum levels_imp level, struct priv_identity *id)
{
    struct passwd *pw = getpwnam(name);
    int n = PRIV_GROUPS_MAX;

    memset(id, 0, sizeof(*id));
    if (pw == NULL)
        return -1;
    id->uid = pw->pw_uid;
    id->gid = pw->pw_gid;
    if (getgrouplist(name, pw->pw_gid, id->groups, &n) < 0)
        return -1;
    id->ngroups = (size_t)n;
    id->level = level;
    id->account = name;
    id->home = "/nonexistent";
    return 0;
}
