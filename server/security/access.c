/*
 * access.c: namespace rights under WMI's default security descriptor
 * (see access.h), and the check with a reason a caller can act on.
 */
#include <config.h>

#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/rights.h"
#include "log.h"
#include "security/access.h"

/* Enable, Execute Methods, Provider Write: (A;CI;CCDCRP;;;AU) */
#define ACCESS_AUTHENTICATED_USERS \
    (CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_WRITE_PROVIDER)

/* What BA holds: CCDCLCSWRPWPRCWD. */
#define ACCESS_ADMINISTRATORS                                                        \
    (CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_FULL_WRITE |    \
     CIMRPC_RIGHT_PARTIAL_WRITE | CIMRPC_RIGHT_WRITE_PROVIDER |                       \
     CIMRPC_RIGHT_REMOTE_ENABLE | CIMRPC_RIGHT_READ_CONTROL | CIMRPC_RIGHT_WRITE_DAC)

static const struct {
    uint32_t bit;
    const char *name;
} access_names[] = {
    { CIMRPC_RIGHT_ENABLE, "Enable Account" },
    { CIMRPC_RIGHT_METHOD_EXECUTE, "Execute Methods" },
    { CIMRPC_RIGHT_FULL_WRITE, "Full Write" },
    { CIMRPC_RIGHT_PARTIAL_WRITE, "Partial Write" },
    { CIMRPC_RIGHT_WRITE_PROVIDER, "Provider Write" },
    { CIMRPC_RIGHT_REMOTE_ENABLE, "Remote Enable" },
    { CIMRPC_RIGHT_SUBSCRIBE, "Subscribe" },
    { CIMRPC_RIGHT_PUBLISH, "Publish" },
    { CIMRPC_RIGHT_READ_CONTROL, "Read Security" },
    { CIMRPC_RIGHT_WRITE_DAC, "Edit Security" },
};

void
access_rights_text(uint32_t rights, char *buf, size_t len)
{
    size_t used = 0;

    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(access_names) / sizeof(access_names[0]); i++) {
        int n;

        if (!(rights & access_names[i].bit))
            continue;
        n = snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", access_names[i].name);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(buf, len, "none");
}

/* The administrators' group (--admin-group); set once at startup. */
static gid_t access_admin_gid = IDENTITY_NO_GID;

int
access_set_admin_group(const char *name)
{
    struct group gr, *found = NULL;
    char buf[16384];

    if (getgrnam_r(name, &gr, buf, sizeof(buf), &found) != 0 || found == NULL) {
        log_msg(LOG_ERR, "--admin-group %s: there is no such local group", name);
        return -1;
    }
    access_admin_gid = gr.gr_gid;
    return 0;
}

/* Is CALLER (with a local account) a member of the administrators' group? */
static bool
access_in_admin_group(const struct caller_identity *caller)
{
    if (access_admin_gid == IDENTITY_NO_GID)
        return false;
    if (caller->gid == access_admin_gid)
        return true;
    for (size_t i = 0; i < caller->n_groups; i++)
        if (caller->groups[i] == access_admin_gid)
            return true;
    return false;
}

uint32_t
access_rights(const struct caller_identity *caller, const char *nspace)
{
    (void)nspace;           /* every namespace has the default descriptor */
    if (caller->account != NULL && (caller->uid == 0 || access_in_admin_group(caller)))
        return ACCESS_ADMINISTRATORS;
    if (caller->authenticated)
        return ACCESS_AUTHENTICATED_USERS;
    return 0;
}

int
access_check(const struct caller_identity *caller, const char *nspace, uint32_t needed,
             char *why, size_t why_len)
{
    uint32_t held = access_rights(caller, nspace), missing;
    char missing_text[256], held_text[256];

    if (caller->transport == CIMRPC_TRANSPORT_NETWORK)
        needed |= CIMRPC_RIGHT_REMOTE_ENABLE;
    missing = needed & ~held;
    if (missing == 0)
        return 0;
    access_rights_text(missing, missing_text, sizeof(missing_text));
    access_rights_text(held, held_text, sizeof(held_text));
    if (!caller->authenticated)
        snprintf(why, why_len, "an anonymous caller holds no rights on namespace %s (it needs "
                 "%s); authenticate with Kerberos or use the local socket", nspace, missing_text);
    else
        snprintf(why, why_len, "%s lacks %s on namespace %s (holds: %s); under the default "
                 "security descriptor only Administrators (root and the --admin-group) hold %s%s",
                 caller->principal != NULL ? caller->principal
                 : caller->account != NULL ? caller->account : "the caller",
                 missing_text, nspace, held_text, missing_text,
                 (missing & CIMRPC_RIGHT_REMOTE_ENABLE) ? ", and Remote Enable is needed for "
                 "every call over the network" : "");
    return -1;
}
