/*
 * privilege.c: named privileges and their grants (privilege.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/cim_path.h"
#include "common/rights.h"
#include "common/wbem.h"
#include "log.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"
#include "security/privilege.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

#define PRIVILEGE_GRANT_CLASS "__PrivilegeGrant"

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

/* Looking through the grants for one that names a trustee standing for
 * the caller. */
struct privilege_scan {
    const char *name;
    const struct sd_caller *caller;
    bool held;
};

/* The string property NAME of INST, or NULL. */
static const char *
privilege_string(const cim_instance *inst, const char *name)
{
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *pv = &inst->properties.properties_val[i];

        if (strcasecmp(pv->name, name) == 0 && pv->value.type == CIM_TYPE_STRING &&
            !pv->value.is_null && !pv->value.is_array && pv->value.items.items_len == 1)
            return pv->value.items.items_val[0].cim_scalar_u.s;
    }
    return NULL;
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

static int
privilege_scan_grant(const cim_instance *inst, void *arg)
{
    struct privilege_scan *scan = arg;
    const char *privilege = privilege_string(inst, "Privilege");
    const char *trustee = privilege_string(inst, "Trustee");

    if (privilege == NULL || trustee == NULL || strcasecmp(privilege, scan->name) != 0)
        return 0;
    scan->held = privilege_trustee_matches(trustee, scan->caller);
    return scan->held;          /* found: stop */
}

/* A repository made before __PrivilegeGrant existed: the grants a new one
 * starts with. */
static bool
privilege_default_held(const char *name, const struct sd_caller *caller)
{
    if (strcasecmp(name, PRIVILEGE_BYPASS_TRAVERSE) == 0)
        return true;                            /* Everyone */
    return caller->authenticated && caller->administrator;
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
    if (repo_instance_enumerate(repo, "root", PRIVILEGE_GRANT_CLASS, false, privilege_scan_grant,
                                &scan, err) < 0) {
        if (err->code != WBEM_E_INVALID_CLASS)
            return -1;
        scan.held = privilege_default_held(name, &c);
    }
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
             not_held[0] ? " (an administrator grants it with an instance of "
                           "__PrivilegeGrant in root)" : "",
             not_requested[0] ? (not_held[0] ? "; held but not requested: "
                                             : " held but not requested: ") : "",
             not_requested);
    if (not_requested[0]) {
        size_t used = strlen(why);

        snprintf(why + used, why_len - used, " (ask for it when connecting: cimrpc -p NAME)");
    }
    return -1;
}

/* The checks of a grant write (privilege_grant_write_check()): 0, or -1
 * with *CODE and WHY. */
static int
privilege_grant_decide(struct repo *repo, const struct caller_identity *caller,
                       const cim_instance *inst, uint32_t *code, char *why, size_t why_len)
{
    const char *privilege, *trustee;
    char sddl[CIMRPC_NAME_MAX + 8], sddl_why[256];
    cimrpc_sd sd;

    *code = WBEM_E_ACCESS_DENIED;
    if (access_check(repo, caller, "root", CIMRPC_RIGHT_WRITE_DAC, why, why_len) < 0)
        return -1;
    if (inst == NULL)
        return 0;
    *code = WBEM_E_INVALID_PARAMETER;
    privilege = privilege_string(inst, "Privilege");
    trustee = privilege_string(inst, "Trustee");
    if (privilege == NULL || privilege_find(privilege) == NULL) {
        snprintf(why, why_len, "a privilege grant names a privilege: one of %s",
                 privilege_names());
        return -1;
    }
    memset(&sd, 0, sizeof(sd));
    if (trustee == NULL ||
        snprintf(sddl, sizeof(sddl), "O:%s", trustee) >= (int)sizeof(sddl) ||
        sd_from_sddl(sddl, &sd, sddl_why, sizeof(sddl_why)) < 0) {
        snprintf(why, why_len, "Trustee %s%s%s is not a trustee: write WD, AU, BA, U{user}, "
                 "G{group} or P{principal@REALM}", trustee != NULL ? "'" : "",
                 trustee != NULL ? trustee : "(missing)", trustee != NULL ? "'" : "");
        return -1;
    }
    sd_free(&sd);
    return 0;
}

/* The grant INST (borrowed) as its relative path,
 * __PrivilegeGrant.Privilege="backup",Trustee="G{wheel}", into BUF (LEN
 * bytes); the class name alone when a key is missing or too long. */
static void
privilege_grant_path(const cim_instance *inst, char *buf, size_t len)
{
    const char *privilege = privilege_string(inst, "Privilege");
    const char *trustee = privilege_string(inst, "Trustee");
    size_t used;

    snprintf(buf, len, "%s", PRIVILEGE_GRANT_CLASS);
    if (privilege == NULL || trustee == NULL)
        return;
    snprintf(buf, len, "%s.Privilege=", PRIVILEGE_GRANT_CLASS);
    used = strlen(buf);
    if (cim_path_append_quoted(buf, len, &used, privilege) < 0 || used + 10 >= len) {
        snprintf(buf, len, "%s", PRIVILEGE_GRANT_CLASS);
        return;
    }
    memcpy(buf + used, ",Trustee=", 10);
    used += 9;
    if (cim_path_append_quoted(buf, len, &used, trustee) < 0)
        snprintf(buf, len, "%s", PRIVILEGE_GRANT_CLASS);
}

int
privilege_grant_write_check(struct repo *repo, const struct call_context *ctx,
                            const char *class_name, const cim_instance *inst, const char *path,
                            uint32_t *code, char *why, size_t why_len)
{
    char grant[CIMRPC_NAME_MAX + 192], object[CIMRPC_NAME_MAX + 256];
    char decided[CIMRPC_REASON_MAX], audit_why[CIMRPC_REASON_MAX];
    int rc;

    if (strcasecmp(ctx->session->nspace, "root") != 0 ||
        strcasecmp(class_name, PRIVILEGE_GRANT_CLASS) != 0)
        return 1;
    rc = privilege_grant_decide(repo, ctx->caller, inst, code, decided, sizeof(decided));
    if (inst != NULL)
        privilege_grant_path(inst, grant, sizeof(grant));
    else
        snprintf(grant, sizeof(grant), "%.*s", (int)sizeof(grant) - 4,
                 path != NULL ? path : PRIVILEGE_GRANT_CLASS);
    snprintf(object, sizeof(object), "root:%s (Edit Security)", grant);
    if (rc == 0) {
        char rights[128];

        access_rights_text(CIMRPC_RIGHT_WRITE_DAC |
                           (ctx->caller->transport == CIMRPC_TRANSPORT_NETWORK
                                ? CIMRPC_RIGHT_REMOTE_ENABLE : 0), rights, sizeof(rights));
        snprintf(decided, sizeof(decided), "holds %s on namespace root", rights);
    }
    if (audit_call_decision(ctx, NULL, object, rc == 0, decided, audit_why,
                            sizeof(audit_why)) < 0) {
        if (rc == 0)
            *code = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "%s", audit_why);
        return -1;
    }
    return 0;
}
