/*
 * proc_config_read.c: CONFIG_READ, the delegated configuration of the
 * session's namespace as rows of __ConfigSetting (docs/CONFIGURATION.md).
 *
 *   SECTIONS   one row per attribute and collection of each section: its
 *              type, default, the section's overrideModeDefault and
 *              whether it is set at the root only;
 *   HERE       what the namespace itself stores: attributes, collection
 *              changes (add, remove, clear) and the locks set on it, with
 *              who made a setting and whether a lock now makes it ignored;
 *   EFFECTIVE  the merge from the root down: every attribute and entry,
 *              where it was set, and what keeps a delegated administrator
 *              of the namespace from changing it; the section's override
 *              mode; what is ignored below a lock.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_build.h"
#include "common/wbem.h"
#include "config/config_decl.h"
#include "config/config_merge.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "repository/repo_config.h"
#include "rpc/session.h"

#define ROW_CLASS "__ConfigSetting"

struct rows {
    cimrpc_config_read_res *res;
    const char *nspace;
    bool failed;
};

/* Add a row; any of the strings may be NULL. */
static void
row_add(struct rows *r, const char *section, const char *setting, const char *value,
        const char *type, const char *set_at, const char *lock, const char *note,
        const char *description)
{
    cim_instance *grown;
    struct cim_build b;
    u_int n = r->res->cimrpc_config_read_res_u.rows.rows_len;

    if (r->failed)
        return;
    if (n >= CIMRPC_CONFIG_ROWS_MAX) {
        r->failed = true;
        return;
    }
    cim_build_init(&b, ROW_CLASS);
    cim_build_string(&b, "Namespace", r->nspace);
    cim_build_string(&b, "Section", section);
    cim_build_string(&b, "Setting", setting);
    cim_build_string(&b, "Value", value);
    cim_build_string(&b, "Type", type);
    cim_build_string(&b, "SetAt", set_at);
    cim_build_string(&b, "Lock", lock);
    cim_build_string(&b, "Note", note);
    cim_build_string(&b, "Description", description);
    grown = realloc(r->res->cimrpc_config_read_res_u.rows.rows_val, (n + 1) * sizeof(*grown));
    if (cim_build_failed(&b) || grown == NULL) {
        if (grown != NULL)
            r->res->cimrpc_config_read_res_u.rows.rows_val = grown;
        cim_build_clear(&b);
        r->failed = true;
        return;
    }
    r->res->cimrpc_config_read_res_u.rows.rows_val = grown;
    grown[n] = b.inst;              /* taken over from the builder */
    r->res->cimrpc_config_read_res_u.rows.rows_len = n + 1;
}

static void
rows_sections(struct rows *r, const struct config_section *s)
{
    char type[1024], lock[128], value[4096];
    const char *note = s->root_only ? "set at root only" : NULL;

    snprintf(lock, sizeof(lock), "overrideModeDefault %s", s->override_allow ? "Allow" : "Deny");
    for (size_t i = 0; i < s->n_attrs; i++) {
        config_attr_type_text(&s->attrs[i], type, sizeof(type));
        row_add(r, s->name, s->attrs[i].name, s->attrs[i].default_text, type, "(default)", lock,
                note, s->attrs[i].description);
    }
    for (size_t i = 0; i < s->n_colls; i++) {
        const struct config_collection *c = &s->colls[i];
        char names[512];

        config_attr_names(NULL, c, names, sizeof(names));
        snprintf(type, sizeof(type), "collection of {%s}", names);
        value[0] = '\0';
        for (size_t d = 0; d < c->n_defaults; d++) {
            size_t used = strlen(value);
            snprintf(value + used, sizeof(value) - used, "%s%s", d ? "; " : "", c->defaults[d]);
        }
        row_add(r, s->name, c->name, value, type, "(default)", lock, note, c->description);
    }
}

/* Why a delegated administrator may not change PART here, into WHY;
 * NULL when nothing stops them. */
static const char *
lock_text(const struct config_section *s, const struct repo_config_level *levels, size_t n,
          enum config_part part, const char *name, const char *key, char *why, size_t len)
{
    if (n == 1)
        return "root's own settings: root administrators only";
    if (s->root_only) {
        snprintf(why, len, "section %s is set at root only", s->name);
        return why;
    }
    /* The section's own lock is explained once, on its overrideMode row. */
    if (!config_override_allow(s, levels, n - 1, NULL))
        return "the section (overrideMode Deny)";
    return config_locked(s, levels, n - 1, part, name, key, why, len) ? why : NULL;
}

static void
rows_here(struct rows *r, const struct config_section *s, const struct repo_config_level *levels,
          size_t n)
{
    const struct repo_config_level *here = &levels[n - 1];
    char why[1024], note[1200], setting[1200], value[1200];

    for (size_t i = 0; i < here->n_settings; i++) {
        const struct repo_config_setting *st = &here->settings[i];
        bool ignored = st->delegated && n > 1 &&
                       config_locked(s, levels, n - 1, CONFIG_PART_ATTR, st->name, NULL, why,
                                     sizeof(why));

        snprintf(note, sizeof(note), "set by a %s administrator%s%s",
                 st->delegated ? "delegated" : "root", ignored ? "; ignored: " : "",
                 ignored ? why : "");
        row_add(r, s->name, st->name, st->value, NULL, here->nspace, NULL, note, NULL);
    }
    for (size_t i = 0; i < here->n_items; i++) {
        const struct repo_config_item *it = &here->items[i];
        bool clear = strcmp(it->action, "clear") == 0;
        bool ignored = it->delegated && n > 1 &&
                       config_locked(s, levels, n - 1,
                                     clear ? CONFIG_PART_COLLECTION : CONFIG_PART_ITEM,
                                     it->collection, it->key, why, sizeof(why));

        snprintf(setting, sizeof(setting), clear ? "%s" : "%s[%s]", it->collection, it->key);
        snprintf(value, sizeof(value), "%s%s%s", it->action, it->value[0] ? " " : "", it->value);
        snprintf(note, sizeof(note), "set by a %s administrator%s%s",
                 it->delegated ? "delegated" : "root", ignored ? "; ignored: " : "",
                 ignored ? why : "");
        row_add(r, s->name, setting, value, NULL, here->nspace, NULL, note, NULL);
    }
    for (size_t i = 0; i < here->n_locks; i++) {
        const struct repo_config_lock *l = &here->locks[i];
        const char *v = l->name[0] != '\0' ? l->name : l->value;

        row_add(r, s->name, l->kind, v, NULL, here->nspace, NULL,
                "a lock for this namespace and those below it", NULL);
    }
}

static void
rows_effective(struct rows *r, const struct config_effective *eff)
{
    const struct config_section *s = eff->section;
    char why[1024], setting[1200];
    int from;
    bool allow = config_override_allow(s, eff->levels, eff->n_levels - 1, &from);

    if (allow || eff->n_levels == 1)
        snprintf(why, sizeof(why), "%s", allow ? "delegated administrators may change what is "
                                                 "not locked"
                                               : "root's own settings: root administrators "
                                                 "only");
    else
        (void)config_locked(s, eff->levels, eff->n_levels - 1, CONFIG_PART_SECTION, NULL, NULL,
                            why, sizeof(why));
    row_add(r, s->name, "overrideMode", allow ? "Allow" : "Deny", NULL,
            from >= 0 ? eff->levels[from].nspace : "(default)", NULL, why, NULL);
    for (size_t i = 0; i < s->n_attrs; i++) {
        const struct config_value *v = &eff->values[i];

        row_add(r, s->name, v->attr->name, v->value, NULL,
                config_effective_origin(eff, v->set_at),
                lock_text(s, eff->levels, eff->n_levels, CONFIG_PART_ATTR, v->attr->name, NULL,
                          why, sizeof(why)),
                NULL, NULL);
    }
    for (size_t i = 0; i < eff->n_entries; i++) {
        const struct config_entry *e = &eff->entries[i];

        snprintf(setting, sizeof(setting), "%s[%s]", e->coll->name, e->key);
        row_add(r, s->name, setting, e->value, NULL, config_effective_origin(eff, e->set_at),
                lock_text(s, eff->levels, eff->n_levels, CONFIG_PART_ITEM, e->coll->name, e->key,
                          why, sizeof(why)),
                NULL, NULL);
    }
    for (size_t i = 0; i < eff->n_ignored; i++)
        row_add(r, s->name, "(ignored)", eff->ignored[i], NULL, NULL, NULL,
                "stored, but a lock keeps it from taking effect", NULL);
}

int
proc_config_read(struct call_context *ctx, cimrpc_config_read_args *args,
                 cimrpc_config_read_res *res)
{
    const struct config_decls *decls = config_decls();
    struct rows r = { .res = res, .nspace = ctx->session->nspace };
    struct repo_error err = { .code = 0 };
    const struct config_section *only = NULL;

    res->code = 0;
    if (args->section[0] != '\0' && (only = config_section_find(decls, args->section)) == NULL) {
        char names[1024];
        config_section_names(decls, names, sizeof(names));
        return proc_error(&res->code, &res->cimrpc_config_read_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "there is no configuration section '%s'; "
                          "the sections are %s", args->section, names);
    }
    if (args->view < CIMRPC_CONFIG_VIEW_SECTIONS || args->view > CIMRPC_CONFIG_VIEW_EFFECTIVE)
        return proc_error(&res->code, &res->cimrpc_config_read_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "unknown configuration view %d",
                          (int)args->view);
    for (size_t i = 0; i < decls->n_sections && !r.failed; i++) {
        const struct config_section *s = &decls->sections[i];
        struct repo_config_level *levels;
        struct config_effective *eff;
        size_t n;

        if (only != NULL && s != only)
            continue;
        if (args->view == CIMRPC_CONFIG_VIEW_SECTIONS) {
            rows_sections(&r, s);
            continue;
        }
        if (repo_config_chain(proc_repo(ctx), r.nspace, s->name, &levels, &n, &err) < 0)
            goto repo_failed;
        if (args->view == CIMRPC_CONFIG_VIEW_HERE) {
            rows_here(&r, s, levels, n);
            repo_config_levels_free(levels, n);
            continue;
        }
        if (config_effective_build(s, levels, n, &eff) < 0)
            return -1;
        rows_effective(&r, eff);
        config_effective_free(eff);
    }
    if (!r.failed)
        return 0;
    xdr_free((xdrproc_t)xdr_cimrpc_config_read_res, (char *)res);
    memset(res, 0, sizeof(*res));
    return proc_error(&res->code, &res->cimrpc_config_read_res_u.reason, WBEM_E_FAILED,
                      "out of memory, or more than %d rows of configuration", CIMRPC_CONFIG_ROWS_MAX);
repo_failed:
    xdr_free((xdrproc_t)xdr_cimrpc_config_read_res, (char *)res);
    memset(res, 0, sizeof(*res));
    return proc_repo_error(&res->code, &res->cimrpc_config_read_res_u.reason, &err);
}
