/*
 * namespace_policy.c: namespace security set from MOF, and a namespace's
 * authentication floor (namespace_policy.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "common/levels.h"
#include "common/rights.h"
#include "repository/repo_security.h"
#include "security/access.h"
#include "security/namespace_policy.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

/* Through the daemon: may the caller ARG edit the security of NSPACE? */
static int
namespace_policy_allowed(struct repo *repo, const char *nspace, void *arg, char *why,
                         size_t why_len)
{
    const struct caller_identity *caller = arg;

    if (caller == NULL)
        return 0;
    return access_check(repo, caller, nspace, CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_WRITE_DAC, why,
                        why_len);
}

int
namespace_policy_sddl(struct repo *repo, const char *path, const char *sddl, void *arg,
                      char *why, size_t why_len)
{
    char parent[CIMRPC_NAMESPACE_MAX + 1];
    const char *slash = strrchr(path, '/');
    struct repo_error err = { "", 0 };
    cimrpc_sd sd, own;
    int rc = -1;

    if (slash == NULL || (size_t)(slash - path) >= sizeof(parent)) {
        snprintf(why, why_len, "root's descriptor cannot be set from MOF");
        return -1;
    }
    memcpy(parent, path, (size_t)(slash - path));
    parent[slash - path] = '\0';
    if (namespace_policy_allowed(repo, parent, arg, why, why_len) < 0)
        return -1;
    memset(&sd, 0, sizeof(sd));
    memset(&own, 0, sizeof(own));
    if (sd_from_sddl(sddl, &sd, why, why_len) < 0 || sd_validate(&sd, why, why_len) < 0)
        goto out;
    if (sd_strip_inherited(&sd, &own) < 0) {
        snprintf(why, why_len, "out of memory");
        goto out;
    }
    if (repo_security_set(repo, path, &own, &err) < 0) {
        snprintf(why, why_len, "%s", err.message);
        goto out;
    }
    rc = 0;
out:
    sd_free(&sd);
    sd_free(&own);
    return rc;
}

int
namespace_policy_encryption(struct repo *repo, const char *path, bool on, void *arg, char *why,
                            size_t why_len)
{
    struct repo_error err = { "", 0 };

    if (namespace_policy_allowed(repo, path, arg, why, why_len) < 0)
        return -1;
    if (repo_security_set_requires_encryption(repo, path, on, &err) < 0) {
        snprintf(why, why_len, "%s", err.message);
        return -1;
    }
    return 0;
}

int
namespace_policy_floor(struct repo *repo, const char *path, int *floor_out,
                       struct repo_error *err)
{
    int on = repo_security_requires_encryption(repo, path, err);

    if (on < 0)
        return -1;
    *floor_out = on ? LEVELS_AUTHN_PKT_PRIVACY : 0;
    return 0;
}
