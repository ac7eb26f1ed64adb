/*
 * config_merge.c: the effective configuration and the lock rules
 * (config_merge.h).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "config/config_merge.h"

/* Is NAME one of the comma-separated names of LIST? */
static bool
list_has(const char *list, const char *name)
{
    size_t len = strlen(name);

    for (const char *p = list; *p != '\0';) {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

        if (n == len && strncasecmp(p, name, n) == 0)
            return true;
        p += n + (end != NULL ? 1 : 0);
    }
    return false;
}

bool
config_override_allow(const struct config_section *section,
                      const struct repo_config_level *levels, size_t at, int *from_out)
{
    for (size_t j = at + 1; j-- > 0;)
        for (size_t i = 0; i < levels[j].n_locks; i++)
            if (strcmp(levels[j].locks[i].kind, "overrideMode") == 0) {
                if (from_out != NULL)
                    *from_out = (int)j;
                return strcasecmp(levels[j].locks[i].value, "Allow") == 0;
            }
    if (from_out != NULL)
        *from_out = -1;
    return section->override_allow;
}

bool
config_locked(const struct config_section *section, const struct repo_config_level *levels,
              size_t at, enum config_part part, const char *name, const char *key, char *why,
              size_t why_len)
{
    const char *here = levels[at].nspace;
    char item[1024];
    int from;

    if (!config_override_allow(section, levels, at, &from)) {
        if (from >= 0)
            snprintf(why, why_len, "section %s is locked at %s: overrideMode Deny was set at %s; "
                     "a root administrator can unlock it (cimrpc config unlock %s %s)",
                     section->name, here, levels[from].nspace, here, section->name);
        else
            snprintf(why, why_len, "section %s is not delegated: its declaration says "
                     "overrideModeDefault Deny and no root administrator has unlocked it for %s "
                     "(cimrpc config unlock %s %s)", section->name, here, here, section->name);
        return true;
    }
    if (part == CONFIG_PART_SECTION)
        return false;
    snprintf(item, sizeof(item), "%s[%s]", name, key != NULL ? key : "");
    for (size_t j = 0; j <= at; j++)
        for (size_t i = 0; i < levels[j].n_locks; i++) {
            const struct repo_config_lock *l = &levels[j].locks[i];
            const char *set_at = levels[j].nspace, *lock = NULL, *what = "attribute";

            if (part == CONFIG_PART_ATTR) {
                if (strcmp(l->kind, "lockAttributes") == 0 && strcasecmp(l->name, name) == 0)
                    lock = "lockAttributes";
                else if (strcmp(l->kind, "lockAllAttributesExcept") == 0 &&
                         !list_has(l->value, name))
                    lock = "lockAllAttributesExcept";
            } else {
                what = "collection";
                if (strcmp(l->kind, "lockElements") == 0 && strcasecmp(l->name, name) == 0)
                    lock = "lockElements";
                else if (strcmp(l->kind, "lockAllElementsExcept") == 0 &&
                         !list_has(l->value, name))
                    lock = "lockAllElementsExcept";
                else if (part == CONFIG_PART_ITEM && strcmp(l->kind, "lockItem") == 0 &&
                         strcmp(l->name, item) == 0) {
                    snprintf(why, why_len, "entry %s of section %s is locked by lockItem set at "
                             "%s; a root administrator can unlock it (cimrpc config unlock %s "
                             "%s --item %s %s)", item, section->name, set_at, set_at,
                             section->name, name, key);
                    return true;
                }
            }
            if (lock == NULL)
                continue;
            if (l->value[0] != '\0' || strstr(lock, "Except") != NULL)
                snprintf(why, why_len, "%s %s of section %s is locked at %s by %s=\"%s\" set at "
                         "%s; a root administrator can lift it", what, name, section->name,
                         here, lock, l->value, set_at);
            else
                snprintf(why, why_len, "%s %s of section %s is locked at %s by %s set at %s; a "
                         "root administrator can lift it (cimrpc config unlock %s %s --%s %s)",
                         what, name, section->name, here, lock, set_at, set_at, section->name,
                         part == CONFIG_PART_ATTR ? "attributes" : "elements", name);
            return true;
        }
    return false;
}

void
config_effective_free(struct config_effective *eff)
{
    if (eff == NULL)
        return;
    repo_config_levels_free(eff->levels, eff->n_levels);
    free(eff->values);
    free(eff->entries);
    for (size_t i = 0; i < eff->n_ignored; i++)
        free(eff->ignored[i]);
    free(eff->ignored);
    free(eff);
}

static int
note_ignored(struct config_effective *eff, size_t at, const char *what, const char *why)
{
    char **grown = realloc(eff->ignored, (eff->n_ignored + 1) * sizeof(char *));
    char text[2048];

    if (grown == NULL)
        return -1;
    eff->ignored = grown;
    snprintf(text, sizeof(text), "%s: %s (set by a delegated administrator; ignored: %s)",
             eff->levels[at].nspace, what, why);
    if ((eff->ignored[eff->n_ignored] = strdup(text)) == NULL)
        return -1;
    eff->n_ignored++;
    return 0;
}

static int
entry_find(const struct config_effective *eff, const struct config_collection *coll,
           const char *key)
{
    for (size_t i = 0; i < eff->n_entries; i++)
        if (eff->entries[i].coll == coll && strcmp(eff->entries[i].key, key) == 0)
            return (int)i;
    return -1;
}

static void
entry_drop(struct config_effective *eff, size_t i)
{
    memmove(&eff->entries[i], &eff->entries[i + 1],
            (eff->n_entries - i - 1) * sizeof(eff->entries[0]));
    eff->n_entries--;
}

static int
entry_put(struct config_effective *eff, const struct config_collection *coll, const char *key,
          const char *value, int set_at)
{
    int at = entry_find(eff, coll, key);
    struct config_entry *grown;

    if (at >= 0) {
        eff->entries[at].value = value;
        eff->entries[at].key = key;
        eff->entries[at].set_at = set_at;
        return 0;
    }
    if ((grown = realloc(eff->entries, (eff->n_entries + 1) * sizeof(*grown))) == NULL)
        return -1;
    eff->entries = grown;
    eff->entries[eff->n_entries++] =
        (struct config_entry){ .coll = coll, .key = key, .value = value, .set_at = set_at };
    return 0;
}

/* Apply level AT's changes to collection COLL. */
static int
merge_collection(struct config_effective *eff, size_t at, const struct config_collection *coll)
{
    const struct repo_config_level *level = &eff->levels[at];
    char why[1024], what[1200];

    for (int phase = 0; phase < 3; phase++) {
        static const char *const order[3] = { "clear", "remove", "add" };

        for (size_t i = 0; i < level->n_items; i++) {
            const struct repo_config_item *it = &level->items[i];

            if (strcasecmp(it->collection, coll->name) != 0 || strcmp(it->action, order[phase]))
                continue;
            snprintf(what, sizeof(what), "%s %s%s%s", it->action, coll->name,
                     it->key[0] ? " " : "", it->key);
            if (it->delegated &&
                config_locked(eff->section, eff->levels, at,
                              phase == 0 ? CONFIG_PART_COLLECTION : CONFIG_PART_ITEM, coll->name,
                              it->key, why, sizeof(why))) {
                if (note_ignored(eff, at, what, why) < 0)
                    return -1;
                continue;
            }
            if (phase == 0) {
                /* A delegated clear leaves the entries locked above. */
                for (size_t e = eff->n_entries; e-- > 0;)
                    if (eff->entries[e].coll == coll &&
                        !(it->delegated &&
                          config_locked(eff->section, eff->levels, at, CONFIG_PART_ITEM,
                                        coll->name, eff->entries[e].key, why, sizeof(why))))
                        entry_drop(eff, e);
            } else if (phase == 1) {
                int e = entry_find(eff, coll, it->key);
                if (e >= 0)
                    entry_drop(eff, (size_t)e);
            } else if (entry_put(eff, coll, it->key, it->value, (int)at) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

int
config_effective_build(const struct config_section *section, struct repo_config_level *levels,
                       size_t n, struct config_effective **out)
{
    struct config_effective *eff = calloc(1, sizeof(*eff));
    char why[1024], what[1200];

    *out = NULL;
    if (eff == NULL || (eff->values = calloc(section->n_attrs + 1, sizeof(*eff->values))) == NULL) {
        free(eff);
        repo_config_levels_free(levels, n);
        return -1;
    }
    eff->section = section;
    eff->levels = levels;
    eff->n_levels = n;
    for (size_t i = 0; i < section->n_attrs; i++)
        eff->values[i] = (struct config_value){ .attr = &section->attrs[i],
                                                .value = section->attrs[i].default_text,
                                                .set_at = -1 };
    for (size_t c = 0; c < section->n_colls; c++)
        for (size_t d = 0; d < section->colls[c].n_defaults; d++)
            if (entry_put(eff, &section->colls[c], section->colls[c].default_keys[d],
                          section->colls[c].defaults[d], -1) < 0)
                goto fail;
    /* A root-only section is read at the root only. */
    for (size_t at = 0; at < (section->root_only && n > 0 ? 1 : n); at++) {
        const struct repo_config_level *level = &levels[at];

        for (size_t i = 0; i < level->n_settings; i++) {
            const struct repo_config_setting *s = &level->settings[i];
            size_t a;

            for (a = 0; a < section->n_attrs; a++)
                if (strcasecmp(section->attrs[a].name, s->name) == 0)
                    break;
            if (a == section->n_attrs)
                continue;       /* no longer declared */
            if (s->delegated && at > 0 &&
                config_locked(section, levels, at, CONFIG_PART_ATTR, s->name, NULL, why,
                              sizeof(why))) {
                snprintf(what, sizeof(what), "%s=%s", s->name, s->value);
                if (note_ignored(eff, at, what, why) < 0)
                    goto fail;
                continue;
            }
            eff->values[a].value = s->value;
            eff->values[a].set_at = (int)at;
        }
        for (size_t c = 0; c < section->n_colls; c++)
            if (merge_collection(eff, at, &section->colls[c]) < 0)
                goto fail;
    }
    *out = eff;
    return 0;
fail:
    config_effective_free(eff);
    return -1;
}

int
config_effective_read(struct repo *repo, const char *nspace, const struct config_section *section,
                      struct config_effective **out, struct repo_error *err)
{
    struct repo_config_level *levels;
    size_t n;

    *out = NULL;
    if (repo_config_chain(repo, nspace, section->name, &levels, &n, err) < 0)
        return -1;
    if (config_effective_build(section, levels, n, out) < 0) {
        if (err != NULL) {
            err->code = WBEM_E_FAILED;
            snprintf(err->message, sizeof(err->message), "out of memory merging the "
                     "configuration");
        }
        return -1;
    }
    return 0;
}

const char *
config_effective_value(const struct config_effective *eff, const char *name)
{
    for (size_t i = 0; i < eff->section->n_attrs; i++)
        if (strcasecmp(eff->values[i].attr->name, name) == 0)
            return eff->values[i].value;
    return NULL;
}

const char *
config_effective_origin(const struct config_effective *eff, int set_at)
{
    return set_at >= 0 && (size_t)set_at < eff->n_levels ? eff->levels[set_at].nspace
                                                         : "(default)";
}

const struct config_entry *
config_effective_entry(const struct config_effective *eff, const struct config_collection *coll,
                       const char *key)
{
    int at = entry_find(eff, coll, key);

    return at >= 0 ? &eff->entries[at] : NULL;
}
