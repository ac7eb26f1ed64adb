/*
 * namespace_policy.c: namespace security set from MOF, and a namespace's
 * authentication floor (namespace_policy.h).  Through the daemon, each
 * check of Edit Security is recorded in the audit trail.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "common/levels.h"
#include "common/rights.h"
#include "repository/repo_security.h"
#include "security/audit.h"
#include "security/namespace_policy.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

/* Through the daemon: may the call ARG (a struct call_context; NULL
 * offline) edit the security of NSPACE, to set WHAT?  The decision is
 * recorded in the audit trail as "NSPACE:WHAT (Enable Account, Edit
 * Security)". */
static int
namespace_policy_allowed(const char *nspace, const char *what, void *arg, char *why,
                         size_t why_len)
{
    const struct call_context *ctx = arg;

    if (ctx == NULL)
        return 0;
    return audit_access_check(ctx, NULL, nspace, CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_WRITE_DAC, what,
                              why, why_len);
}

int
namespace_policy_sddl(struct repo *repo, const char *path, const char *sddl, void *arg,
                      char *why, size_t why_len)
{
    char parent[CIMRPC_NAMESPACE_MAX + 1], what[CIMRPC_NAMESPACE_MAX + 32];
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
    snprintf(what, sizeof(what), "NamespaceSecuritySDDL of %s", path);
    if (namespace_policy_allowed(parent, what, arg, why, why_len) < 0)
        return -2;
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

    if (namespace_policy_allowed(path, on ? "RequiresEncryption(TRUE)"
                                          : "RequiresEncryption(FALSE)", arg, why,
                                 why_len) < 0)
        return -2;
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
