/*
 * privilege.c: named privileges and their grants (privilege.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "log.h"
#include "config/config_policy.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/privilege.h"
#include "security/sd.h"
#include "security/sd_sddl.h"


static const struct privilege_info privilege_table[] = {
    { PRIVILEGE_BYPASS_TRAVERSE, "reach a namespace through ancestors one may not enter", true },
    { PRIVILEGE_SECURITY, "read the audit trail and manage privileges", false },
    { "backup", "read any file, whatever its permissions", false },
    { "restore", "write any file, whatever its permissions", false },
    { "shutdown", "shut down or restart this host from a local session", false },
    { "remote-shutdown", "shut down or restart this host over the network", false },
};

#define PRIVILEGE_COUNT (sizeof(privilege_table) / sizeof(privilege_table[0]))

const struct privilege_info *
privilege_find(const char *name)
{
    for (size_t i = 0; i < PRIVILEGE_COUNT; i++)
        if (strcasecmp(privilege_table[i].name, name) == 0)
            return &privilege_table[i];
    return NULL;
}

const char *
privilege_names(void)
{
    return "bypass-traverse, security, backup, restore, shutdown, remote-shutdown";
}

/* Does the trustee written TEXT (SDDL trustee form) stand for CALLER? */
static bool
privilege_trustee_matches(const char *text, const struct sd_caller *caller)
{
    char sddl[CIMRPC_NAME_MAX + 8], why[256];
    cimrpc_sd sd;
    bool match;

    if (snprintf(sddl, sizeof(sddl), "O:%s", text) >= (int)sizeof(sddl))
        return false;
    memset(&sd, 0, sizeof(sd));
    if (sd_from_sddl(sddl, &sd, why, sizeof(why)) < 0) {
        log_msg(LOG_WARNING, "a privilege grant names the trustee '%s', which is not one (%s); "
                "it grants nothing", text, why);
        return false;
    }
    match = sd_trustee_matches(&sd.owner, caller);
    sd_free(&sd);
    return match;
}

/* Looking through the grants for one that names a trustee standing for
 * the caller. */
struct privilege_scan {
    const char *name;
    const struct sd_caller *caller;
    bool held;
};

static int
privilege_scan_grant(const char *privilege, const char *trustee, void *arg)
{
    struct privilege_scan *scan = arg;

    if (strcasecmp(privilege, scan->name) != 0)
        return 0;
    scan->held = privilege_trustee_matches(trustee, scan->caller);
    return scan->held;          /* found: stop */
}

int
privilege_held(struct repo *repo, const struct caller_identity *caller, const char *name,
               bool *held_out, struct repo_error *err)
{
    struct sd_caller c;
    struct privilege_scan scan;

    *held_out = false;
    access_sd_caller(caller, &c);
    scan.name = name;
    scan.caller = &c;
    scan.held = false;
    if (config_policy_privilege_grants(repo, privilege_scan_grant, &scan, err) < 0)
        return -1;
    *held_out = scan.held;
    return 0;
}

/* Did SESSION ask for privilege NAME? */
static bool
privilege_requested(const struct session *session, const char *name)
{
    for (size_t i = 0; session != NULL && i < session->n_privileges; i++)
        if (strcasecmp(session->privileges[i], name) == 0)
            return true;
    return false;
}

/* Append ", NAME" (or "NAME" first) to BUF of LEN bytes. */
static void
privilege_list_add(char *buf, size_t len, const char *name)
{
    size_t used = strlen(buf);

    snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", name);
}

int
privilege_check(struct repo *repo, const struct caller_identity *caller,
                const struct session *session, const char *const *names, size_t n, char *why,
                size_t why_len)
{
    char required[256] = "", not_held[256] = "", not_requested[256] = "";
    struct repo_error err = { "", 0 };
    bool refused = false;

    for (size_t i = 0; i < n; i++) {
        const struct privilege_info *p = privilege_find(names[i]);
        bool held;

        privilege_list_add(required, sizeof(required), names[i]);
        if (p == NULL) {
            privilege_list_add(not_held, sizeof(not_held), names[i]);
            refused = true;
            continue;
        }
        if (privilege_held(repo, caller, p->name, &held, &err) < 0) {
            snprintf(why, why_len, "the privilege grants cannot be read (%s); refused until "
                     "they can", err.message);
            return -1;
        }
        if (!held) {
            privilege_list_add(not_held, sizeof(not_held), p->name);
            refused = true;
        } else if (!p->enabled_by_default && !privilege_requested(session, p->name)) {
            privilege_list_add(not_requested, sizeof(not_requested), p->name);
            refused = true;
        }
    }
    if (!refused)
        return 0;
    snprintf(why, why_len, "this needs the privilege%s %s;%s%s%s%s%s", n == 1 ? "" : "s",
             required, not_held[0] ? " not held: " : "", not_held,
             not_held[0] ? " (a root administrator grants it: cimrpc config set root "
                           "security/privileges --add grants privilege=NAME,trustee=U{you})"
                         : "",
             not_requested[0] ? (not_held[0] ? "; held but not requested: "
                                             : " held but not requested: ") : "",
             not_requested);
    if (not_requested[0]) {
        size_t used = strlen(why);

        snprintf(why + used, why_len - used, " (ask for it when connecting: cimrpc -p NAME)");
    }
    return -1;
}
