/*
 * test-config.c: the delegated configuration's declarations, values,
 * merge and lock rules (server/config/), on levels built in memory.
 *
 * Every expectation here is written from docs/CONFIGURATION.md, not
 * from the code: an attribute takes the deepest level's value; a
 * collection starts from the declaration, and each level clears, then
 * removes, then adds; a lock covers its namespace and those below; what
 * a delegated administrator stored under a lock is ignored, what a root
 * administrator stored never is.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_decl.h"
#include "config/config_merge.h"
#include "tap.h"

/* ------------------------------------------------- levels in memory --- */

#define LEVELS_MAX 4

static struct repo_config_level *
levels_new(size_t n, ...)
{
    struct repo_config_level *levels = calloc(n, sizeof(*levels));
    va_list ap;

    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        levels[i].nspace = strdup(va_arg(ap, const char *));
    va_end(ap);
    return levels;
}

static void
set(struct repo_config_level *l, const char *name, const char *value, bool delegated)
{
    l->settings = realloc(l->settings, (l->n_settings + 1) * sizeof(*l->settings));
    l->settings[l->n_settings++] = (struct repo_config_setting){
        .name = strdup(name), .value = strdup(value), .delegated = delegated };
}

static void
item(struct repo_config_level *l, const char *coll, const char *action, const char *key,
     const char *value, bool delegated)
{
    l->items = realloc(l->items, (l->n_items + 1) * sizeof(*l->items));
    l->items[l->n_items++] = (struct repo_config_item){
        .collection = strdup(coll), .key = strdup(key), .action = strdup(action),
        .value = strdup(value), .delegated = delegated };
}

static void
lock(struct repo_config_level *l, const char *kind, const char *name, const char *value)
{
    l->locks = realloc(l->locks, (l->n_locks + 1) * sizeof(*l->locks));
    l->locks[l->n_locks++] = (struct repo_config_lock){
        .kind = strdup(kind), .name = strdup(name), .value = strdup(value) };
}

static const struct config_section *
section(const char *name)
{
    return config_section_find(config_decls(), name);
}

/* The effective entries of SECTION's collections as "key;key;..." */
static const char *
entries(const struct config_effective *eff)
{
    static char buf[2048];

    buf[0] = '\0';
    for (size_t i = 0; i < eff->n_entries; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof(buf) - used, "%s%s@%s", i ? ";" : "", eff->entries[i].key,
                 config_effective_origin(eff, eff->entries[i].set_at));
    }
    return buf;
}

/* ------------------------------------------------------------- tests --- */

static void
test_declarations(void)
{
    static const char bad[] = "class X { string a = \"1\"; };\n"
                              "[Section (\"s\"), OverrideModeDefault (\"Maybe\")]\n"
                              "class S { boolean b = true; };";
    const struct config_section *s;
    const struct config_collection *c;
    char why[512];
    struct config_decls *d;

    tap_ok(config_decls() != NULL && config_decls()->n_sections == 7,
           "the shipped declarations load: 7 sections");
    s = section("Security/Authentication");
    tap_ok(s != NULL && !s->override_allow && !s->root_only,
           "sections are found without regard to case; security/authentication is Deny, "
           "everywhere");
    tap_is_str(s ? config_attr_find(s, "floor")->default_text : NULL, "pktintegrity",
               "floor defaults to pktintegrity");
    s = section("query");
    tap_ok(s != NULL && s->override_allow, "query is Allow (IIS: harmless presentation)");
    s = section("security/privileges");
    c = config_collection_find(s, "grants");
    tap_ok(s != NULL && s->root_only && c != NULL && c->n_defaults == 6 &&
           strcmp(c->default_keys[0], "privilege=bypass-traverse,trustee=WD") == 0,
           "security/privileges is root-only with 6 default grants, keyed by both attributes");
    tap_ok(config_decls_parse(bad, strlen(bad), "bad.mof", &d, why, sizeof(why)) < 0 &&
           strstr(why, "bad.mof:3:") != NULL && strstr(why, "Allow") != NULL,
           "a bad override mode names the file and line (%s)", why);
    tap_ok(config_decls_parse("[Section (\"s\")] class S { uint32 n; };", 38, "nodef.mof", &d,
                              why, sizeof(why)) < 0 && strstr(why, "needs a default") != NULL,
           "an attribute without a default is refused (%s)", why);
    tap_ok(config_decls_parse("[Section (\"s\")] class S { uint32 n = 1; };", 42, "ok.mof", &d,
                              why, sizeof(why)) == 0 &&
           d->n_sections == 1 && d->sections[0].override_allow,
           "a section without OverrideModeDefault is Allow, as in IIS");
    config_decls_free(d);
}

static void
test_values(void)
{
    const struct config_section *lim = section("limits"), *auth = section("security/authentication");
    const struct config_collection *grants = config_collection_find(section("security/privileges"),
                                                                    "grants");
    char out[4096], key[4096], why[512];

    tap_ok(config_value_canon(config_attr_find(auth, "floor"), "floor", "PktPrivacy", out,
                              sizeof(out), why, sizeof(why)) == 0 &&
           strcmp(out, "pktprivacy") == 0, "a listed value takes its declared spelling");
    tap_ok(config_value_canon(config_attr_find(auth, "floor"), "floor", "high", out,
                              sizeof(out), why, sizeof(why)) < 0 &&
           strstr(why, "none|connect|call|pkt|pktintegrity|pktprivacy") != NULL,
           "an unlisted value is refused, listing the accepted ones");
    tap_ok(config_value_canon(config_attr_find(auth, "anonymousAccess"), "a", "Yes", out,
                              sizeof(out), why, sizeof(why)) == 0 && strcmp(out, "true") == 0,
           "booleans accept yes and are written true");
    tap_ok(config_value_canon(config_attr_find(lim, "queryTime"), "q", "86401", out, sizeof(out),
                              why, sizeof(why)) < 0 && strstr(why, "0 to 86400") != NULL,
           "a number above MaxValue is refused with the range");
    tap_ok(config_value_canon(config_attr_find(lim, "queryTime"), "q", "-1", out, sizeof(out),
                              why, sizeof(why)) < 0, "a negative number is refused");
    tap_ok(config_value_canon(config_attr_find(lim, "queryTime"), "q", "1,2", out, sizeof(out),
                              why, sizeof(why)) < 0 && strstr(why, "','") != NULL,
           "a value holding ',' is refused");
    tap_ok(config_entry_canon(grants, "Trustee=BA,Privilege=Backup", false, out, key,
                              sizeof(out), why, sizeof(why)) == 0 &&
           strcmp(out, "privilege=backup,trustee=BA") == 0 && strcmp(key, out) == 0,
           "an entry is written in declaration order and spelling (%s)", out);
    tap_ok(config_entry_canon(grants, "privilege=backup", false, out, key, sizeof(out), why,
                              sizeof(why)) < 0 && strstr(why, "trustee") != NULL,
           "an entry without one of its keys is refused");
    tap_ok(config_entry_canon(grants, "privilege=backup,color=red", false, out, key,
                              sizeof(out), why, sizeof(why)) < 0 &&
           strstr(why, "privilege, trustee") != NULL,
           "an unknown entry attribute is refused, listing the known ones");
    tap_ok(config_entry_canon(grants, "privilege=backup,trustee=XX", false, out, key,
                              sizeof(out), why, sizeof(why)) < 0 &&
           strstr(why, "not a trustee") != NULL, "a trustee is checked as SDDL");
}

static void
test_merge(void)
{
    const struct config_section *q = section("query"), *prov = section("providers");
    struct repo_config_level *l;
    struct config_effective *eff;

    l = levels_new(3, "root", "root/a", "root/a/b");
    set(&l[0], "pageSize", "50", false);
    set(&l[1], "pageSize", "70", true);
    tap_ok(config_effective_build(q, l, 3, &eff) == 0, "three levels merge");
    tap_is_str(config_effective_value(eff, "pageSize"), "70",
               "the deepest level that sets an attribute wins");
    tap_is_str(config_effective_origin(eff, eff->values[0].set_at), "root/a",
               "...and says where it was set");
    config_effective_free(eff);

    l = levels_new(1, "root");
    tap_ok(config_effective_build(q, l, 1, &eff) == 0 &&
           strcmp(config_effective_value(eff, "pageSize"), "100") == 0 &&
           eff->values[0].set_at == -1, "nothing set: the declared default, from (default)");
    config_effective_free(eff);

    l = levels_new(3, "root", "root/a", "root/a/b");
    item(&l[1], "providers", "add", "name=x", "name=x", false);
    item(&l[2], "providers", "remove", "name=cimrpc-linux", "", false);
    item(&l[2], "providers", "add", "name=y", "name=y", false);
    config_effective_build(prov, l, 3, &eff);
    tap_is_str(entries(eff), "name=x@root/a;name=y@root/a/b",
               "a collection: the default, an add above, a remove and an add below");
    config_effective_free(eff);

    l = levels_new(2, "root", "root/a");
    item(&l[1], "providers", "add", "name=z", "name=z", false);
    item(&l[1], "providers", "clear", "", "", false);
    config_effective_build(prov, l, 2, &eff);
    tap_is_str(entries(eff), "name=z@root/a",
               "at one level a clear applies before the adds, whatever their order");
    config_effective_free(eff);
}

static void
test_locks(void)
{
    const struct config_section *lim = section("limits"), *prov = section("providers");
    const struct config_section *q = section("query");
    struct repo_config_level *l;
    struct config_effective *eff;
    char why[1024];

    l = levels_new(2, "root", "root/a");
    tap_ok(config_locked(lim, l, 1, CONFIG_PART_ATTR, "resultSize", NULL, why, sizeof(why)) &&
           strstr(why, "overrideModeDefault Deny") != NULL &&
           strstr(why, "cimrpc config unlock root/a limits") != NULL,
           "a Deny section is locked for delegated administrators, saying how to unlock it");
    tap_ok(!config_locked(q, l, 1, CONFIG_PART_ATTR, "pageSize", NULL, why, sizeof(why)),
           "an Allow section is not");
    lock(&l[0], "overrideMode", "", "Allow");
    tap_ok(!config_locked(lim, l, 1, CONFIG_PART_ATTR, "resultSize", NULL, why, sizeof(why)),
           "overrideMode Allow at root unlocks it below");
    lock(&l[1], "lockAttributes", "resultSize", "");
    tap_ok(config_locked(lim, l, 1, CONFIG_PART_ATTR, "resultSize", NULL, why, sizeof(why)) &&
           strstr(why, "lockAttributes") != NULL && strstr(why, "set at root/a") != NULL,
           "lockAttributes locks the attribute at the namespace it is set on (%s)", why);
    tap_ok(!config_locked(lim, l, 1, CONFIG_PART_ATTR, "queryTime", NULL, why, sizeof(why)),
           "...and not its sibling");
    repo_config_levels_free(l, 2);

    l = levels_new(3, "root", "root/a", "root/a/b");
    lock(&l[0], "overrideMode", "", "Allow");
    lock(&l[1], "lockAllAttributesExcept", "", "queryTime");
    tap_ok(config_locked(lim, l, 2, CONFIG_PART_ATTR, "recordSize", NULL, why, sizeof(why)) &&
           !config_locked(lim, l, 2, CONFIG_PART_ATTR, "QueryTime", NULL, why, sizeof(why)),
           "lockAllAttributesExcept holds below where it was set, sparing the exceptions");
    tap_ok(!config_locked(lim, l, 0, CONFIG_PART_ATTR, "recordSize", NULL, why, sizeof(why)),
           "...and not above it");
    lock(&l[2], "overrideMode", "", "Deny");
    tap_ok(config_locked(lim, l, 2, CONFIG_PART_ATTR, "queryTime", NULL, why, sizeof(why)) &&
           strstr(why, "overrideMode Deny was set at root/a/b") != NULL,
           "the nearest overrideMode wins");
    repo_config_levels_free(l, 3);

    l = levels_new(2, "root", "root/a");
    lock(&l[0], "overrideMode", "", "Allow");
    lock(&l[0], "lockItem", "providers[name=cimrpc-linux]", "");
    item(&l[1], "providers", "clear", "", "", true);
    item(&l[1], "providers", "add", "name=mine", "name=mine", true);
    config_effective_build(prov, l, 2, &eff);
    tap_is_str(entries(eff), "name=cimrpc-linux@(default);name=mine@root/a",
               "a delegated clear keeps an entry locked by lockItem");
    config_effective_free(eff);

    l = levels_new(2, "root", "root/a");
    lock(&l[0], "overrideMode", "", "Allow");
    lock(&l[0], "lockElements", "providers", "");
    item(&l[1], "providers", "add", "name=mine", "name=mine", true);
    item(&l[1], "providers", "add", "name=theirs", "name=theirs", false);
    config_effective_build(prov, l, 2, &eff);
    tap_ok(strcmp(entries(eff), "name=cimrpc-linux@(default);name=theirs@root/a") == 0 &&
           eff->n_ignored == 1 && strstr(eff->ignored[0], "add providers name=mine") != NULL,
           "under lockElements a delegated add is ignored and listed, a root "
           "administrator's holds (%s)", entries(eff));
    config_effective_free(eff);

    l = levels_new(2, "root", "root/a");
    set(&l[1], "resultSize", "5", true);
    set(&l[1], "queryTime", "9", false);
    config_effective_build(lim, l, 2, &eff);
    tap_ok(strcmp(config_effective_value(eff, "resultSize"), "0") == 0 &&
           strcmp(config_effective_value(eff, "queryTime"), "9") == 0 && eff->n_ignored == 1,
           "in a Deny section a delegated setting is ignored, a root administrator's holds");
    config_effective_free(eff);

    l = levels_new(2, "root", "root/a");
    item(&l[1], "grants", "add", "privilege=backup,trustee=WD", "privilege=backup,trustee=WD",
         false);
    config_effective_build(section("security/privileges"), l, 2, &eff);
    tap_is_int(eff->n_entries, 6, "a root-only section is read at the root only");
    config_effective_free(eff);
}

int
main(void)
{
    tap_plan(36);
    test_declarations();
    test_values();
    test_merge();
    test_locks();
    return tap_done();
}
