/*
 * config_change.c: applying configuration changes (config_change.h).
 *
 * Each change is checked against the state the earlier changes of the
 * same call left (the chain is read again inside the transaction), so a
 * root administrator may lock and set in one call, and a refusal of the
 * tenth change undoes the first nine.
 */
#include <config.h>

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "config/config_change.h"
#include "config/config_decl.h"
#include "config/config_merge.h"
#include "repository/repo_config.h"

#define TEXT_MAX 4096

static atomic_ulong generation = 1;

unsigned long
config_change_generation(void)
{
    return atomic_load(&generation);
}

struct change_ctx {
    struct repo *repo;
    const char *nspace;
    const struct config_section *section;
    bool root_admin;
    struct config_change_outcome *out;
    uint32_t *code;
    char *why;
    size_t why_len;
    struct repo_config_level *levels;   /* the chain as it stands */
    size_t n_levels;
};

static int
refuse(struct change_ctx *c, uint32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
refuse(struct change_ctx *c, uint32_t code, const char *fmt, ...)
{
    va_list ap;

    *c->code = code;
    va_start(ap, fmt);
    vsnprintf(c->why, c->why_len, fmt, ap);
    va_end(ap);
    return -1;
}

static int
repo_refuse(struct change_ctx *c, const struct repo_error *err)
{
    return refuse(c, err->code != 0 ? err->code : WBEM_E_FAILED, "%s", err->message);
}

/* Read the chain again (after the previous change). */
static int
reload(struct change_ctx *c)
{
    struct repo_error err = { .code = 0 };

    repo_config_levels_free(c->levels, c->n_levels);
    c->levels = NULL;
    c->n_levels = 0;
    if (repo_config_chain(c->repo, c->nspace, c->section->name, &c->levels, &c->n_levels,
                          &err) < 0)
        return repo_refuse(c, &err);
    return 0;
}

/* The merge of the chain as it stands (a copy of the levels is taken
 * over by the merge, so read them again). */
static int
effective_now(struct change_ctx *c, struct config_effective **eff)
{
    struct repo_error err = { .code = 0 };

    if (config_effective_read(c->repo, c->nspace, c->section, eff, &err) < 0)
        return repo_refuse(c, &err);
    return 0;
}

/* May the caller change PART at this namespace? */
static int
permission(struct change_ctx *c, enum config_part part, const char *name, const char *key)
{
    size_t at = c->n_levels - 1;
    char why[1024];

    if (c->section->root_only && at > 0)
        return refuse(c, WBEM_E_INVALID_PARAMETER, "section %s may be set only at root (its "
                      "declaration says AllowDefinition RootOnly), not at %s", c->section->name,
                      c->nspace);
    if (at == 0) {
        c->out->needed_root_admin = true;
        if (!c->root_admin)
            return refuse(c, WBEM_E_ACCESS_DENIED, "changing root's own settings of section %s "
                          "needs Edit Security on root (a root administrator)",
                          c->section->name);
        return 0;
    }
    if (config_locked(c->section, c->levels, at, part, name, key, why, sizeof(why))) {
        c->out->needed_root_admin = true;
        if (!c->root_admin)
            return refuse(c, WBEM_E_ACCESS_DENIED, "%s; nothing was changed", why);
    }
    return 0;
}

static int
lock_permission(struct change_ctx *c)
{
    c->out->needed_root_admin = true;
    if (!c->root_admin)
        return refuse(c, WBEM_E_ACCESS_DENIED, "locks of section %s need Edit Security on root: "
                      "only a root administrator sets or lifts them", c->section->name);
    if (c->section->root_only && c->n_levels > 1)
        return refuse(c, WBEM_E_INVALID_PARAMETER, "section %s is set only at root and takes no "
                      "locks below it", c->section->name);
    return 0;
}

static const struct config_attr *
attr_named(struct change_ctx *c, const char *name)
{
    const struct config_attr *a = config_attr_find(c->section, name);
    char names[1024];

    if (a != NULL)
        return a;
    if (config_collection_find(c->section, name) != NULL) {
        refuse(c, WBEM_E_INVALID_PARAMETER, "%s of section %s is a collection: change its "
               "entries (--add, --remove, --clear)", name, c->section->name);
        return NULL;
    }
    config_attr_names(c->section, NULL, names, sizeof(names));
    refuse(c, WBEM_E_INVALID_PARAMETER, "section %s has no attribute '%s'; its attributes: %s",
           c->section->name, name, names[0] ? names : "none");
    return NULL;
}

static const struct config_collection *
collection_named(struct change_ctx *c, const char *name)
{
    const struct config_collection *coll = config_collection_find(c->section, name);
    char names[1024] = "";

    if (coll != NULL)
        return coll;
    for (size_t i = 0; i < c->section->n_colls; i++) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "",
                 c->section->colls[i].name);
    }
    refuse(c, WBEM_E_INVALID_PARAMETER, "section %s has no collection '%s'%s%s",
           c->section->name, name, names[0] ? "; its collections: " : " (it has none)", names);
    return NULL;
}

/* The canonical "a,b" of the names in LIST (attributes, or collections
 * when COLLS), each checked, into OUT. */
static int
name_list(struct change_ctx *c, const char *list, bool colls, char *out, size_t len)
{
    char copy[TEXT_MAX];

    out[0] = '\0';
    snprintf(copy, sizeof(copy), "%s", list);
    for (char *save = NULL, *p = strtok_r(copy, ", ", &save); p != NULL;
         p = strtok_r(NULL, ", ", &save)) {
        const char *name;
        size_t used = strlen(out);

        if (colls) {
            const struct config_collection *coll = collection_named(c, p);
            if (coll == NULL)
                return -1;
            name = coll->name;
        } else {
            const struct config_attr *a = config_attr_find(c->section, p);
            if (a == NULL) {
                (void)attr_named(c, p);     /* says why */
                return -1;
            }
            name = a->name;
        }
        snprintf(out + used, len - used, "%s%s", used ? "," : "", name);
    }
    return 0;
}

static int
store_result(struct change_ctx *c, int rc, const struct repo_error *err)
{
    if (rc < 0)
        return repo_refuse(c, err);
    c->out->changed++;
    return 0;
}

static int
change_set(struct change_ctx *c, const cimrpc_config_change *ch)
{
    const struct config_attr *a = attr_named(c, ch->name);
    char where[512], canon[TEXT_MAX];
    struct repo_error err = { .code = 0 };

    if (a == NULL)
        return -1;
    snprintf(where, sizeof(where), "%s %s", c->section->name, a->name);
    if (config_value_canon(a, where, ch->value, canon, sizeof(canon), c->why, c->why_len) < 0) {
        *c->code = WBEM_E_INVALID_PARAMETER;
        return -1;
    }
    if (permission(c, CONFIG_PART_ATTR, a->name, NULL) < 0)
        return -1;
    return store_result(c, repo_config_set(c->repo, c->nspace, c->section->name, a->name, canon,
                                           !c->root_admin, &err), &err);
}

static int
change_reset(struct change_ctx *c, const cimrpc_config_change *ch)
{
    const struct config_collection *coll = config_collection_find(c->section, ch->name);
    struct repo_error err = { .code = 0 };
    const struct config_attr *a;

    if (coll != NULL) {
        if (permission(c, CONFIG_PART_COLLECTION, coll->name, NULL) < 0)
            return -1;
        return store_result(c, repo_config_item_delete(c->repo, c->nspace, c->section->name,
                                                       coll->name, NULL, &err), &err);
    }
    if ((a = attr_named(c, ch->name)) == NULL)
        return -1;
    if (permission(c, CONFIG_PART_ATTR, a->name, NULL) < 0)
        return -1;
    return store_result(c, repo_config_unset(c->repo, c->nspace, c->section->name, a->name, &err),
                        &err);
}

/* The collection and canonical entry (and key) a change names. */
static const struct config_collection *
entry_named(struct change_ctx *c, const cimrpc_config_change *ch, bool key_only, char *entry,
            char *key)
{
    const struct config_collection *coll = collection_named(c, ch->name);

    if (coll == NULL)
        return NULL;
    if (config_entry_canon(coll, ch->value, key_only, entry, key, TEXT_MAX, c->why,
                           c->why_len) < 0) {
        *c->code = WBEM_E_INVALID_PARAMETER;
        return NULL;
    }
    return coll;
}

/* Is the entry KEY of COLL in the merge as it stands?  1, 0 or -1. */
static int
entry_present(struct change_ctx *c, const struct config_collection *coll, const char *key)
{
    struct config_effective *eff;
    int present;

    if (effective_now(c, &eff) < 0)
        return -1;
    present = config_effective_entry(eff, coll, key) != NULL;
    config_effective_free(eff);
    return present;
}

static int
change_item(struct change_ctx *c, const cimrpc_config_change *ch)
{
    char entry[TEXT_MAX], key[TEXT_MAX];
    bool add = ch->op == CIMRPC_CONFIG_ADD;
    const struct config_collection *coll = entry_named(c, ch, !add, entry, key);
    struct repo_error err = { .code = 0 };
    int present;

    if (coll == NULL || permission(c, CONFIG_PART_ITEM, coll->name, key) < 0)
        return -1;
    if (add)
        return store_result(c, repo_config_item_put(c->repo, c->nspace, c->section->name,
                                                    coll->name, key, "add", entry,
                                                    !c->root_admin, &err), &err);
    if ((present = entry_present(c, coll, key)) <= 0)
        return present < 0 ? -1 : refuse(c, WBEM_E_NOT_FOUND, "collection %s of section %s "
                                         "has no entry %s at %s", coll->name, c->section->name,
                                         key, c->nspace);
    /* Undo an add made here; if the entry is still inherited, remove it. */
    if (repo_config_item_delete(c->repo, c->nspace, c->section->name, coll->name, key, &err) < 0)
        return repo_refuse(c, &err);
    if ((present = entry_present(c, coll, key)) < 0)
        return -1;
    if (present &&
        repo_config_item_put(c->repo, c->nspace, c->section->name, coll->name, key, "remove", "",
                             !c->root_admin, &err) < 0)
        return repo_refuse(c, &err);
    c->out->changed++;
    return 0;
}

static int
change_clear(struct change_ctx *c, const cimrpc_config_change *ch)
{
    const struct config_collection *coll = collection_named(c, ch->name);
    struct repo_error err = { .code = 0 };
    struct config_effective *eff;
    char why[1024];

    if (coll == NULL || permission(c, CONFIG_PART_COLLECTION, coll->name, NULL) < 0)
        return -1;
    if (!c->root_admin && c->n_levels > 1) {
        if (effective_now(c, &eff) < 0)
            return -1;
        for (size_t i = 0; i < eff->n_entries; i++)
            if (eff->entries[i].coll == coll &&
                config_locked(c->section, c->levels, c->n_levels - 1, CONFIG_PART_ITEM,
                              coll->name, eff->entries[i].key, why, sizeof(why))) {
                config_effective_free(eff);
                return refuse(c, WBEM_E_ACCESS_DENIED, "cannot clear %s: %s; nothing was "
                              "changed", coll->name, why);
            }
        config_effective_free(eff);
    }
    if (repo_config_item_delete(c->repo, c->nspace, c->section->name, coll->name, NULL, &err) < 0)
        return repo_refuse(c, &err);
    return store_result(c, repo_config_item_put(c->repo, c->nspace, c->section->name, coll->name,
                                                "", "clear", "", !c->root_admin, &err), &err);
}

/* Put (LOCK) or remove a lock of KIND and NAME with VALUE. */
static int
lock_store(struct change_ctx *c, bool lock, const char *kind, const char *name, const char *value,
           const char *what)
{
    struct repo_error err = { .code = 0 };
    bool removed;

    if (lock)
        return store_result(c, repo_config_lock_put(c->repo, c->nspace, c->section->name, kind,
                                                    name, value, &err), &err);
    if (repo_config_lock_delete(c->repo, c->nspace, c->section->name, kind, name, &removed,
                                &err) < 0)
        return repo_refuse(c, &err);
    if (!removed)
        return refuse(c, WBEM_E_NOT_FOUND, "%s has no %s %s set on it for section %s (locks set "
                      "above it are lifted where they were set: see cimrpc config effective)",
                      c->nspace, kind, what, c->section->name);
    c->out->changed++;
    return 0;
}

static int
change_lock(struct change_ctx *c, const cimrpc_config_change *ch)
{
    char list[TEXT_MAX], entry[TEXT_MAX], key[TEXT_MAX], item[TEXT_MAX + 300];
    const struct config_attr *a;
    const struct config_collection *coll;
    int present;

    if (lock_permission(c) < 0)
        return -1;
    switch (ch->op) {
    case CIMRPC_CONFIG_OVERRIDE_MODE:
        if (strcasecmp(ch->value, "Inherit") == 0)
            return lock_store(c, false, "overrideMode", "", "", "");
        if (strcasecmp(ch->value, "Allow") != 0 && strcasecmp(ch->value, "Deny") != 0)
            return refuse(c, WBEM_E_INVALID_PARAMETER, "an override mode is Allow, Deny or "
                          "Inherit, not '%s'", ch->value);
        return lock_store(c, true, "overrideMode", "",
                          strcasecmp(ch->value, "Allow") == 0 ? "Allow" : "Deny", "");
    case CIMRPC_CONFIG_LOCK_ATTRIBUTE:
    case CIMRPC_CONFIG_UNLOCK_ATTRIBUTE:
        if ((a = attr_named(c, ch->name)) == NULL)
            return -1;
        return lock_store(c, ch->op == CIMRPC_CONFIG_LOCK_ATTRIBUTE, "lockAttributes", a->name,
                          "", a->name);
    case CIMRPC_CONFIG_LOCK_ALL_ATTRIBUTES_EXCEPT:
    case CIMRPC_CONFIG_LOCK_ALL_ELEMENTS_EXCEPT: {
        bool colls = ch->op == CIMRPC_CONFIG_LOCK_ALL_ELEMENTS_EXCEPT;
        if (name_list(c, ch->value, colls, list, sizeof(list)) < 0)
            return -1;
        return lock_store(c, true, colls ? "lockAllElementsExcept" : "lockAllAttributesExcept",
                          "", list, "");
    }
    case CIMRPC_CONFIG_UNLOCK_ALL_ATTRIBUTES_EXCEPT:
        return lock_store(c, false, "lockAllAttributesExcept", "", "", "");
    case CIMRPC_CONFIG_UNLOCK_ALL_ELEMENTS_EXCEPT:
        return lock_store(c, false, "lockAllElementsExcept", "", "", "");
    case CIMRPC_CONFIG_LOCK_ELEMENT:
    case CIMRPC_CONFIG_UNLOCK_ELEMENT:
        if ((coll = collection_named(c, ch->name)) == NULL)
            return -1;
        return lock_store(c, ch->op == CIMRPC_CONFIG_LOCK_ELEMENT, "lockElements", coll->name,
                          "", coll->name);
    case CIMRPC_CONFIG_LOCK_ITEM:
    case CIMRPC_CONFIG_UNLOCK_ITEM:
        if ((coll = entry_named(c, ch, true, entry, key)) == NULL)
            return -1;
        snprintf(item, sizeof(item), "%s[%s]", coll->name, key);
        if (ch->op == CIMRPC_CONFIG_UNLOCK_ITEM)
            return lock_store(c, false, "lockItem", item, "", item);
        if ((present = entry_present(c, coll, key)) <= 0)
            return present < 0 ? -1 : refuse(c, WBEM_E_NOT_FOUND, "collection %s of section %s "
                                             "has no entry %s at %s to lock", coll->name,
                                             c->section->name, key, c->nspace);
        return lock_store(c, true, "lockItem", item, "", item);
    default:
        return refuse(c, WBEM_E_INVALID_PARAMETER, "unknown configuration change %d",
                      (int)ch->op);
    }
}

/* After new locks: what delegated administrators stored at NSPACE and
 * below that the merge now ignores, into the notes. */
static int
note_ignored(struct change_ctx *c)
{
    struct repo_error err = { .code = 0 };
    struct repo_config_level *below;
    size_t n_below, used = 0, shown = 0, total = 0;
    char *notes = c->out->notes;
    size_t len = sizeof(c->out->notes);

    if (repo_config_below(c->repo, c->nspace, c->section->name, &below, &n_below, &err) < 0)
        return repo_refuse(c, &err);
    for (size_t i = 0; i <= n_below; i++) {
        const char *ns = i == 0 ? c->nspace : below[i - 1].nspace;
        struct config_effective *eff;

        if (config_effective_read(c->repo, ns, c->section, &eff, &err) < 0) {
            repo_config_levels_free(below, n_below);
            return repo_refuse(c, &err);
        }
        for (size_t j = 0; j < eff->n_ignored; j++) {
            /* Only what is stored at NS itself (its ancestors' notes
             * come with their own namespace). */
            if (strncasecmp(eff->ignored[j], ns, strlen(ns)) != 0 ||
                eff->ignored[j][strlen(ns)] != ':')
                continue;
            total++;
            if (used + strlen(eff->ignored[j]) + 40 < len) {
                used += (size_t)snprintf(notes + used, len - used, "%s%s",
                                         used ? "; " : "now ignored: ", eff->ignored[j]);
                shown++;
            }
        }
        config_effective_free(eff);
    }
    repo_config_levels_free(below, n_below);
    if (total > shown && used < len)
        snprintf(notes + used, len - used, "; and %zu more (cimrpc config get NAMESPACE %s)",
                 total - shown, c->section->name);
    return 0;
}

int
config_change_apply(struct repo *repo, const char *nspace, const char *section,
                    const cimrpc_config_change *changes, size_t n, bool root_admin,
                    struct config_change_outcome *out, uint32_t *code, char *why,
                    size_t why_len)
{
    const struct config_section *s = config_section_find(config_decls(), section);
    struct change_ctx c = { .repo = repo, .nspace = nspace, .section = s,
                            .root_admin = root_admin, .out = out, .code = code, .why = why,
                            .why_len = why_len };
    struct repo_error err = { .code = 0 };
    bool locks = false;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    if (s == NULL) {
        char names[1024];
        config_section_names(config_decls(), names, sizeof(names));
        return refuse(&c, WBEM_E_INVALID_PARAMETER, "there is no configuration section '%s'; "
                      "the sections are %s", section, names);
    }
    if (n == 0)
        return refuse(&c, WBEM_E_INVALID_PARAMETER, "no change was given for section %s",
                      s->name);
    if (repo_begin(repo, &err) < 0)
        return repo_refuse(&c, &err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const cimrpc_config_change *ch = &changes[i];

        if ((rc = reload(&c)) < 0)
            break;
        switch (ch->op) {
        case CIMRPC_CONFIG_SET:
            rc = change_set(&c, ch);
            break;
        case CIMRPC_CONFIG_RESET:
            rc = change_reset(&c, ch);
            break;
        case CIMRPC_CONFIG_ADD:
        case CIMRPC_CONFIG_REMOVE:
            rc = change_item(&c, ch);
            break;
        case CIMRPC_CONFIG_CLEAR:
            rc = change_clear(&c, ch);
            break;
        default:
            locks = true;
            rc = change_lock(&c, ch);
            break;
        }
    }
    if (rc == 0 && locks)
        rc = note_ignored(&c);
    repo_config_levels_free(c.levels, c.n_levels);
    if (rc < 0) {
        repo_rollback(repo);
        return -1;
    }
    return 0;
}

void
config_change_touched(void)
{
    atomic_fetch_add(&generation, 1);
}

int
config_change_finish(struct repo *repo, bool commit, struct repo_error *err)
{
    if (!commit) {
        repo_rollback(repo);
        return 0;
    }
    if (repo_commit(repo, err) < 0) {
        repo_rollback(repo);
        return -1;
    }
    atomic_fetch_add(&generation, 1);
    return 0;
}
