/*
 * config_policy.c: typed reads of the delegated configuration
 * (config_policy.h).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/levels.h"
#include "common/wbem.h"
#include "config/config_change.h"
#include "config/config_decl.h"
#include "config/config_merge.h"
#include "config/config_policy.h"

#define AUDIT_CACHE_SLOTS 8

/* The effective SECTION of NSPACE. */
static int
effective(struct repo *repo, const char *nspace, const char *section,
          struct config_effective **out, struct repo_error *err)
{
    const struct config_section *s = config_section_find(config_decls(), section);

    if (s == NULL) {
        err->code = WBEM_E_FAILED;
        snprintf(err->message, sizeof(err->message), "internal error: no configuration "
                 "section %s is declared", section);
        return -1;
    }
    return config_effective_read(repo, nspace, s, out, err);
}

static uint32_t
value_uint(const struct config_effective *eff, const char *name)
{
    const char *v = config_effective_value(eff, name);

    return v != NULL ? config_text_uint32(v) : 0;
}

static bool
value_bool(const struct config_effective *eff, const char *name)
{
    const char *v = config_effective_value(eff, name);

    return v != NULL && config_text_bool(v);
}

static void
value_origin(const struct config_effective *eff, const char *name, char *out, size_t len)
{
    for (size_t i = 0; i < eff->section->n_attrs; i++)
        if (strcasecmp(eff->values[i].attr->name, name) == 0)
            snprintf(out, len, "%s", config_effective_origin(eff, eff->values[i].set_at));
}

/* The floor the root itself sets (or the default): the server's. */
static int
root_floor(const struct config_effective *eff)
{
    const struct config_attr *a = config_attr_find(eff->section, "floor");
    const char *text = a->default_text;
    enum levels_authn level = LEVELS_AUTHN_PKT_INTEGRITY;

    for (size_t i = 0; eff->n_levels > 0 && i < eff->levels[0].n_settings; i++)
        if (strcasecmp(eff->levels[0].settings[i].name, "floor") == 0)
            text = eff->levels[0].settings[i].value;
    (void)levels_authn_parse(text, &level);
    return (int)level;
}

/* Fill OUT from the effective sections of NSPACE, each read once. */
static int
session_read(struct repo *repo, const char *nspace, struct config_session_policy *out,
             struct repo_error *err)
{
    struct config_effective *eff;
    enum levels_authn floor = LEVELS_AUTHN_PKT_INTEGRITY;
    enum levels_imp imp = LEVELS_IMP_DELEGATE;

    if (effective(repo, nspace, "security/authentication", &eff, err) < 0)
        return -1;
    out->server_floor = root_floor(eff);
    (void)levels_authn_parse(config_effective_value(eff, "floor"), &floor);
    out->namespace_floor = (int)floor < out->server_floor ? out->server_floor : (int)floor;
    value_origin(eff, "floor", out->floor_set_at, sizeof(out->floor_set_at));
    out->anonymous_access = value_bool(eff, "anonymousAccess");
    config_effective_free(eff);

    if (effective(repo, nspace, "security/impersonation", &eff, err) < 0)
        return -1;
    (void)levels_imp_parse(config_effective_value(eff, "highestLevel"), &imp);
    out->highest_imp = (int)imp;
    out->allow_delegation = value_bool(eff, "allowDelegation");
    snprintf(out->service_account, sizeof(out->service_account), "%s",
             config_effective_value(eff, "serviceAccount"));
    config_effective_free(eff);

    if (effective(repo, nspace, "limits", &eff, err) < 0)
        return -1;
    out->result_size = value_uint(eff, "resultSize");
    value_origin(eff, "resultSize", out->result_size_set_at, sizeof(out->result_size_set_at));
    out->query_time = value_uint(eff, "queryTime");
    out->concurrent_operations = value_uint(eff, "concurrentOperations");
    out->record_size = value_uint(eff, "recordSize");
    config_effective_free(eff);

    if (effective(repo, nspace, "query", &eff, err) < 0)
        return -1;
    out->page_size = value_uint(eff, "pageSize");
    config_effective_free(eff);
    return 0;
}

int
config_policy_session(struct repo *repo, const char *nspace, struct config_session_policy *out,
                      struct repo_error *err)
{
    bool own;
    int rc;

    memset(out, 0, sizeof(*out));
    /* One snapshot: a change committed meanwhile is seen whole or not at all. */
    if (repo_read_begin(repo, &own, err) < 0)
        return -1;
    rc = session_read(repo, nspace, out, err);
    repo_read_end(repo, own);
    return rc;
}

struct audit_slot {
    const struct repo *repo;
    char nspace[512];
    unsigned long generation;
    unsigned data_version;
    struct config_audit_policy policy;
};

static _Thread_local struct audit_slot audit_cache[AUDIT_CACHE_SLOTS];
static _Thread_local unsigned audit_next;

int
config_policy_audit(struct repo *repo, const char *nspace, struct config_audit_policy *out,
                    struct repo_error *err)
{
    unsigned long generation = config_change_generation();
    struct config_effective *eff;
    struct audit_slot *slot;
    unsigned version = 0;
    bool versioned = repo_data_version(repo, &version);
    const char *dest;

    for (unsigned i = 0; versioned && i < AUDIT_CACHE_SLOTS; i++) {
        slot = &audit_cache[i];
        if (slot->repo == repo && slot->generation == generation &&
            slot->data_version == version && strcasecmp(slot->nspace, nspace) == 0) {
            *out = slot->policy;
            return 0;
        }
    }
    if (effective(repo, nspace, "audit", &eff, err) < 0)
        return -1;
    out->successes = value_bool(eff, "successes");
    out->failures = value_bool(eff, "failures");
    dest = config_effective_value(eff, "destination");
    out->destination = dest != NULL && strcmp(dest, "repository") == 0 ? CONFIG_AUDIT_REPOSITORY
                       : dest != NULL && strcmp(dest, "log") == 0  ? CONFIG_AUDIT_LOG
                                                                   : CONFIG_AUDIT_BOTH;
    config_effective_free(eff);
    if (strlen(nspace) < sizeof(slot->nspace)) {
        slot = &audit_cache[audit_next++ % AUDIT_CACHE_SLOTS];
        slot->repo = repo;
        slot->generation = generation;
        slot->data_version = version;
        snprintf(slot->nspace, sizeof(slot->nspace), "%s", nspace);
        slot->policy = *out;
    }
    return 0;
}

int
config_policy_provider_enabled(struct repo *repo, const char *nspace, const char *name,
                               bool *enabled_out, char *set_at, size_t len,
                               struct repo_error *err)
{
    struct config_effective *eff;
    int latest = -1;

    *enabled_out = false;
    if (effective(repo, nspace, "providers", &eff, err) < 0)
        return -1;
    for (size_t i = 0; i < eff->n_entries; i++) {
        char entry_name[256];

        if (config_entry_get(eff->entries[i].value, "name", entry_name, sizeof(entry_name)) &&
            strcasecmp(entry_name, name) == 0)
            *enabled_out = true;
    }
    /* Where the collection was last changed: the deepest level with a change of it. */
    for (size_t l = 0; l < eff->n_levels; l++)
        if (eff->levels[l].n_items > 0)
            latest = (int)l;
    snprintf(set_at, len, "%s", config_effective_origin(eff, latest));
    config_effective_free(eff);
    return 0;
}

int
config_policy_privilege_grants(struct repo *repo,
                               int (*fn)(const char *privilege, const char *trustee, void *arg),
                               void *arg, struct repo_error *err)
{
    struct config_effective *eff;

    if (effective(repo, "root", "security/privileges", &eff, err) < 0)
        return -1;
    for (size_t i = 0; i < eff->n_entries; i++) {
        char privilege[128], trustee[1024];

        if (config_entry_get(eff->entries[i].value, "privilege", privilege, sizeof(privilege)) &&
            config_entry_get(eff->entries[i].value, "trustee", trustee, sizeof(trustee)) &&
            fn(privilege, trustee, arg) != 0)
            break;
    }
    config_effective_free(eff);
    return 0;
}
