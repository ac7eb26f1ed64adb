/*
 * config_legacy.c: privilege grants of repositories made before the
 * delegated configuration (config_legacy.h).
 *
 * Those kept each grant as an instance of __PrivilegeGrant in root.  The
 * first start of a newer cimrpcd moves them, in one transaction, into
 * the root's security/privileges section: a clear of the declared
 * entries, then one add per grant, so the grants in force are exactly
 * the ones the administrator had; then the class goes.  A grant that is
 * not acceptable any more (an unknown privilege, a trustee that no longer
 * exists) is left out and logged.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "config/config_change.h"
#include "config/config_decl.h"
#include "config/config_legacy.h"
#include "log.h"
#include "repository/repo_class.h"
#include "repository/repo_config.h"
#include "repository/repo_instance.h"

#define LEGACY_CLASS "__PrivilegeGrant"
#define TEXT_MAX 4096

struct legacy_scan {
    struct repo *repo;
    const struct config_collection *grants;
    unsigned moved, skipped;
    struct repo_error *err;
    bool failed;
};

static const char *
legacy_string(const cim_instance *inst, const char *name)
{
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *pv = &inst->properties.properties_val[i];

        if (strcasecmp(pv->name, name) == 0 && pv->value.type == CIM_TYPE_STRING &&
            !pv->value.is_null && !pv->value.is_array && pv->value.items.items_len == 1)
            return pv->value.items.items_val[0].cim_scalar_u.s;
    }
    return NULL;
}

static int
legacy_grant(const cim_instance *inst, void *arg)
{
    struct legacy_scan *scan = arg;
    const char *privilege = legacy_string(inst, "Privilege");
    const char *trustee = legacy_string(inst, "Trustee");
    char text[TEXT_MAX], entry[TEXT_MAX], key[TEXT_MAX], why[512] = "the grant is too long";

    if (privilege == NULL || trustee == NULL ||
        snprintf(text, sizeof(text), "privilege=%s,trustee=%s", privilege,
                 trustee) >= (int)sizeof(text) ||
        config_entry_canon(scan->grants, text, false, entry, key, sizeof(entry), why,
                           sizeof(why)) < 0) {
        log_msg(LOG_WARNING, "the privilege grant of %s to %s is not carried over into "
                "the configuration: %s", privilege ? privilege : "(none)",
                trustee ? trustee : "(none)", privilege && trustee ? why : "a key is missing");
        scan->skipped++;
        return 0;
    }
    if (repo_config_item_put(scan->repo, "root", "security/privileges", scan->grants->name, key,
                             "add", entry, false, scan->err) < 0) {
        scan->failed = true;
        return 1;
    }
    scan->moved++;
    return 0;
}

int
config_legacy_import(struct repo *repo, struct repo_error *err)
{
    const struct config_section *s = config_section_find(config_decls(), "security/privileges");
    struct legacy_scan scan = { .repo = repo, .err = err };
    uint64_t n;

    if (s == NULL || (scan.grants = config_collection_find(s, "grants")) == NULL)
        return 0;
    if (repo_instance_count(repo, "root", LEGACY_CLASS, false, &n, err) < 0)
        return err->code == WBEM_E_INVALID_CLASS || err->code == WBEM_E_NOT_FOUND ? 0 : -1;
    if (repo_begin(repo, err) < 0)
        return -1;
    if (repo_config_item_delete(repo, "root", s->name, scan.grants->name, NULL, err) < 0 ||
        repo_config_item_put(repo, "root", s->name, scan.grants->name, "", "clear", "", false,
                             err) < 0 ||
        repo_instance_enumerate(repo, "root", LEGACY_CLASS, false, legacy_grant, &scan,
                                err) < 0 ||
        scan.failed || repo_class_delete(repo, "root", LEGACY_CLASS, err) < 0) {
        repo_rollback(repo);
        return -1;
    }
    if (config_change_finish(repo, true, err) < 0)
        return -1;
    log_msg(LOG_NOTICE, "moved %u privilege grants from %s instances in root into the root's "
            "security/privileges configuration (%u left out, see above); see them with "
            "cimrpc config effective root security/privileges", scan.moved, LEGACY_CLASS,
            scan.skipped);
    return 0;
}
