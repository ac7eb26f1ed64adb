/*
 * config_decl.c: the section declarations, read from the MOF of
 * schema/config/sections.mof (config_decl.h).
 *
 * The MOF is parsed with the MOF front end and read straight from its
 * syntax tree: the declarations are never compiled into a namespace, so
 * no administrator can change them, and a mistake in the file stops the
 * daemon at start-up with the file's line and column.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_decl.h"
#include "config/config_sections_mof.h"
#include "mof/mof_ast.h"
#include "mof/mof_parser.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

#define CONFIG_TEXT_MAX 4096

static struct config_decls *current;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

/* Programs that never call config_decls_init() (tests, --import) get
 * the declarations as written. */
static void
init_default(void)
{
    char why[512];

    if (current == NULL)
        (void)config_decls_init(NULL, 0, why, sizeof(why));
}

const struct config_decls *
config_decls(void)
{
    if (current == NULL)
        (void)pthread_once(&default_once, init_default);
    return current;
}

static int
fail(char *why, size_t why_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
fail(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
    return -1;
}

/* ------------------------------------------------------------ freeing -- */

static void
attr_free(struct config_attr *a)
{
    free(a->name);
    for (size_t i = 0; i < a->n_values; i++)
        free(a->values[i]);
    free(a->values);
    free(a->default_text);
    free(a->description);
}

static void
collection_free(struct config_collection *c)
{
    free(c->name);
    free(c->entry_class);
    free(c->description);
    for (size_t i = 0; i < c->n_attrs; i++)
        attr_free(&c->attrs[i]);
    free(c->attrs);
    for (size_t i = 0; i < c->n_defaults; i++) {
        free(c->defaults[i]);
        free(c->default_keys[i]);
    }
    free(c->defaults);
    free(c->default_keys);
}

void
config_decls_free(struct config_decls *decls)
{
    if (decls == NULL)
        return;
    for (size_t i = 0; i < decls->n_sections; i++) {
        struct config_section *s = &decls->sections[i];

        free(s->name);
        free(s->description);
        for (size_t j = 0; j < s->n_attrs; j++)
            attr_free(&s->attrs[j]);
        free(s->attrs);
        for (size_t j = 0; j < s->n_colls; j++)
            collection_free(&s->colls[j]);
        free(s->colls);
    }
    free(decls->sections);
    free(decls);
}

/* ------------------------------------------------------------ lookups -- */

const struct config_section *
config_section_find(const struct config_decls *decls, const char *name)
{
    for (size_t i = 0; decls != NULL && name != NULL && i < decls->n_sections; i++)
        if (strcasecmp(decls->sections[i].name, name) == 0)
            return &decls->sections[i];
    return NULL;
}

const struct config_attr *
config_attr_find(const struct config_section *section, const char *name)
{
    for (size_t i = 0; section != NULL && i < section->n_attrs; i++)
        if (strcasecmp(section->attrs[i].name, name) == 0)
            return &section->attrs[i];
    return NULL;
}

const struct config_collection *
config_collection_find(const struct config_section *section, const char *name)
{
    for (size_t i = 0; section != NULL && i < section->n_colls; i++)
        if (strcasecmp(section->colls[i].name, name) == 0)
            return &section->colls[i];
    return NULL;
}

/* Append ", NAME" (or NAME first) to BUF. */
static void
list_add(char *buf, size_t len, const char *name)
{
    size_t used = strlen(buf);

    if (used < len)
        snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", name);
}

void
config_section_names(const struct config_decls *decls, char *buf, size_t len)
{
    if (len > 0)
        buf[0] = '\0';
    for (size_t i = 0; decls != NULL && i < decls->n_sections; i++)
        list_add(buf, len, decls->sections[i].name);
}

void
config_attr_names(const struct config_section *section, const struct config_collection *coll,
                  char *buf, size_t len)
{
    const struct config_attr *attrs = coll != NULL ? coll->attrs : section->attrs;
    size_t n = coll != NULL ? coll->n_attrs : section->n_attrs;

    if (len > 0)
        buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        list_add(buf, len, attrs[i].name);
}

/* ------------------------------------------------------------- values -- */

bool
config_text_bool(const char *text)
{
    return strcmp(text, "true") == 0;
}

uint32_t
config_text_uint32(const char *text)
{
    return (uint32_t)strtoul(text, NULL, 10);
}

void
config_attr_type_text(const struct config_attr *attr, char *buf, size_t len)
{
    if (len > 0)
        buf[0] = '\0';
    switch (attr->type) {
    case CONFIG_BOOLEAN:
        snprintf(buf, len, "boolean");
        return;
    case CONFIG_UINT32:
        snprintf(buf, len, "uint32 %lu-%lu", (unsigned long)attr->min, (unsigned long)attr->max);
        return;
    case CONFIG_STRING:
        break;
    }
    if (attr->format == CONFIG_FORMAT_ACCOUNT) {
        snprintf(buf, len, "local account");
    } else if (attr->format == CONFIG_FORMAT_TRUSTEE) {
        snprintf(buf, len, "trustee (WD, AU, BA, U{user}, G{group}, P{principal})");
    } else if (attr->n_values == 0) {
        snprintf(buf, len, "string");
    } else {
        for (size_t i = 0; i < attr->n_values; i++) {
            size_t used = strlen(buf);
            if (used < len)
                snprintf(buf + used, len - used, "%s%s", i > 0 ? "|" : "", attr->values[i]);
        }
    }
}

/* The canonical text of TEXT for ATTR; CHECK_SYSTEM looks the account
 * up (not for the built-in defaults, checked when used). */
static int
value_canon(const struct config_attr *attr, const char *where, const char *text, bool check_system,
            char *out, size_t out_len, char *why, size_t why_len)
{
    char type[512];

    config_attr_type_text(attr, type, sizeof(type));
    for (const char *p = text; *p != '\0'; p++)
        if (iscntrl((unsigned char)*p) || *p == ',' || *p == '=')
            return fail(why, why_len, "%s: the value may not hold ',', '=' or control "
                        "characters", where);
    switch (attr->type) {
    case CONFIG_BOOLEAN:
        if (strcasecmp(text, "true") == 0 || strcasecmp(text, "yes") == 0 ||
            strcasecmp(text, "on") == 0 || strcmp(text, "1") == 0)
            return snprintf(out, out_len, "true") < (int)out_len ? 0 : -1;
        if (strcasecmp(text, "false") == 0 || strcasecmp(text, "no") == 0 ||
            strcasecmp(text, "off") == 0 || strcmp(text, "0") == 0)
            return snprintf(out, out_len, "false") < (int)out_len ? 0 : -1;
        return fail(why, why_len, "%s is a boolean: '%s' is neither true nor false", where, text);
    case CONFIG_UINT32: {
        unsigned long long v;
        char *end;

        errno = 0;
        v = strtoull(text, &end, 10);
        if (text[0] == '\0' || !isdigit((unsigned char)text[0]) || *end != '\0' || errno != 0 ||
            v > attr->max || v < attr->min)
            return fail(why, why_len, "%s takes a whole number from %lu to %lu, not '%s'", where,
                        (unsigned long)attr->min, (unsigned long)attr->max, text);
        return snprintf(out, out_len, "%llu", v) < (int)out_len ? 0 : -1;
    }
    case CONFIG_STRING:
        break;
    }
    if (text[0] == '\0')
        return fail(why, why_len, "%s may not be empty; it takes %s", where, type);
    if (attr->n_values > 0) {
        for (size_t i = 0; i < attr->n_values; i++)
            if (strcasecmp(attr->values[i], text) == 0)
                return snprintf(out, out_len, "%s", attr->values[i]) < (int)out_len ? 0 : -1;
        return fail(why, why_len, "%s takes one of %s, not '%s'", where, type, text);
    }
    if (attr->format == CONFIG_FORMAT_TRUSTEE) {
        char sddl[CONFIG_TEXT_MAX + 8], sub[256], *canon;
        cimrpc_sd sd;

        memset(&sd, 0, sizeof(sd));
        if (snprintf(sddl, sizeof(sddl), "O:%s", text) >= (int)sizeof(sddl) ||
            sd_from_sddl(sddl, &sd, sub, sizeof(sub)) < 0)
            return fail(why, why_len, "%s: '%s' is not a trustee; write %s", where, text, type);
        canon = sd_to_sddl(&sd);
        sd_free(&sd);
        if (canon == NULL)
            return fail(why, why_len, "out of memory");
        /* "O:XX", perhaps followed by "G:..." and "D:...": keep XX. */
        {
            const char *owner = strncmp(canon, "O:", 2) == 0 ? canon + 2 : canon;
            const char *g = strstr(owner, "G:"), *d = strstr(owner, "D:");
            size_t n = strlen(owner);

            if (g != NULL && (size_t)(g - owner) < n)
                n = (size_t)(g - owner);
            if (d != NULL && (size_t)(d - owner) < n)
                n = (size_t)(d - owner);
            if (n >= out_len) {
                free(canon);
                return fail(why, why_len, "%s: the trustee is too long", where);
            }
            memcpy(out, owner, n);
            out[n] = '\0';
        }
        free(canon);
        return 0;
    }
    if (attr->format == CONFIG_FORMAT_ACCOUNT && check_system) {
        struct passwd pw, *found = NULL;
        char buf[16384];
        int rc = getpwnam_r(text, &pw, buf, sizeof(buf), &found);

        if (rc != 0)
            return fail(why, why_len, "%s: the account '%s' cannot be looked up: %s", where,
                        text, strerror(rc));
        if (found == NULL)
            return fail(why, why_len, "%s: there is no local account named '%s'", where, text);
        if (pw.pw_uid == 0)
            return fail(why, why_len, "%s: '%s' is root; provider code never runs as root: "
                        "name an unprivileged account", where, text);
    }
    if (strlen(text) >= out_len)
        return fail(why, why_len, "%s: the value is too long", where);
    snprintf(out, out_len, "%s", text);
    return 0;
}

int
config_value_canon(const struct config_attr *attr, const char *where, const char *text,
                   char *out, size_t out_len, char *why, size_t why_len)
{
    return value_canon(attr, where, text, true, out, out_len, why, why_len);
}

bool
config_entry_get(const char *entry, const char *name, char *out, size_t len)
{
    size_t nlen = strlen(name);

    for (const char *p = entry; *p != '\0';) {
        const char *comma = strchr(p, ','), *end = comma != NULL ? comma : p + strlen(p);

        if ((size_t)(end - p) > nlen && p[nlen] == '=' && strncasecmp(p, name, nlen) == 0) {
            size_t vlen = (size_t)(end - p) - nlen - 1;
            if (vlen >= len)
                return false;
            memcpy(out, p + nlen + 1, vlen);
            out[vlen] = '\0';
            return true;
        }
        p = comma != NULL ? comma + 1 : end;
    }
    return false;
}

static int
entry_canon(const struct config_collection *coll, const char *text, bool key_only,
            bool check_system, char *entry, char *key, size_t len, char *why, size_t why_len)
{
    char given[64][CONFIG_TEXT_MAX / 16];
    const struct config_attr *which[64];
    size_t n_given = 0, e_used = 0, k_used = 0;
    char copy[CONFIG_TEXT_MAX];

    if (snprintf(copy, sizeof(copy), "%s", text) >= (int)sizeof(copy))
        return fail(why, why_len, "the %s entry is too long", coll->name);
    for (char *save = NULL, *part = strtok_r(copy, ",", &save); part != NULL;
         part = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(part, '=');
        const struct config_attr *attr = NULL;

        if (eq == NULL)
            return fail(why, why_len, "the %s entry '%s': '%s' is not ATTRIBUTE=VALUE",
                        coll->name, text, part);
        *eq = '\0';
        for (size_t i = 0; i < coll->n_attrs; i++)
            if (strcasecmp(coll->attrs[i].name, part) == 0)
                attr = &coll->attrs[i];
        if (attr == NULL) {
            char names[512];
            config_attr_names(NULL, coll, names, sizeof(names));
            return fail(why, why_len, "the entries of %s have no attribute '%s'; they have %s",
                        coll->name, part, names);
        }
        if (key_only && !attr->key)
            return fail(why, why_len, "'%s' is not a key of the %s entries: name an entry by "
                        "its keys only", attr->name, coll->name);
        for (size_t i = 0; i < n_given; i++)
            if (which[i] == attr)
                return fail(why, why_len, "the %s entry '%s' gives %s twice", coll->name, text,
                            attr->name);
        if (n_given == 64)
            return fail(why, why_len, "the %s entry has too many attributes", coll->name);
        {
            char where[300];
            snprintf(where, sizeof(where), "%s.%s", coll->name, attr->name);
            if (value_canon(attr, where, eq + 1, check_system, given[n_given],
                            sizeof(given[n_given]), why, why_len) < 0)
                return -1;
        }
        which[n_given++] = attr;
    }
    for (size_t i = 0; i < coll->n_attrs; i++) {
        const struct config_attr *attr = &coll->attrs[i];
        const char *value = attr->default_text;
        int n;

        for (size_t j = 0; j < n_given; j++)
            if (which[j] == attr)
                value = given[j];
        if (value == NULL && (attr->key || !key_only))
            return fail(why, why_len, "the %s entry '%s' needs %s (its keys: name every one)",
                        coll->name, text, attr->name);
        if (value == NULL || (key_only && !attr->key))
            continue;
        n = snprintf(entry + e_used, len - e_used, "%s%s=%s", e_used > 0 ? "," : "", attr->name,
                     value);
        if (n < 0 || (size_t)n >= len - e_used)
            return fail(why, why_len, "the %s entry is too long", coll->name);
        e_used += (size_t)n;
        if (attr->key) {
            n = snprintf(key + k_used, len - k_used, "%s%s=%s", k_used > 0 ? "," : "",
                         attr->name, value);
            if (n < 0 || (size_t)n >= len - k_used)
                return fail(why, why_len, "the %s entry is too long", coll->name);
            k_used += (size_t)n;
        }
    }
    return 0;
}

int
config_entry_canon(const struct config_collection *coll, const char *text, bool key_only,
                   char *entry, char *key, size_t len, char *why, size_t why_len)
{
    return entry_canon(coll, text, key_only, true, entry, key, len, why, why_len);
}

/* ------------------------------------------------------------ parsing -- */

static const struct mof_qualifier *
qualifier(const struct mof_qualifier_list *list, const char *name)
{
    for (size_t i = 0; i < list->n; i++)
        if (mof_ast_name_eq(list->items[i]->name, name))
            return list->items[i];
    return NULL;
}

/* The string value of qualifier NAME, or NULL. */
static const char *
qualifier_string(const struct mof_qualifier_list *list, const char *name)
{
    const struct mof_qualifier *q = qualifier(list, name);

    return q != NULL && q->value != NULL && q->value->kind == MOF_VALUE_STRING ? q->value->u.string
                                                                               : NULL;
}

static int
pos_fail(const struct mof_pos *pos, char *why, size_t why_len, const char *what)
{
    return fail(why, why_len, "%s:%u:%u: %s", pos->file ? pos->file : "sections.mof", pos->line,
                pos->column, what);
}

/* A MOF literal as text for value_canon(). */
static int
literal_text(const struct mof_value *v, char *buf, size_t len)
{
    switch (v->kind) {
    case MOF_VALUE_BOOLEAN:
        snprintf(buf, len, "%s", v->u.boolean ? "true" : "false");
        return 0;
    case MOF_VALUE_INTEGER:
        snprintf(buf, len, "%s", v->u.integer.text);
        return 0;
    case MOF_VALUE_STRING:
        snprintf(buf, len, "%s", v->u.string);
        return 0;
    default:
        return -1;
    }
}

static int
attr_from_feature(const struct mof_feature *f, struct config_attr *a, char *why, size_t why_len)
{
    const struct mof_qualifier *q;
    const char *format = qualifier_string(&f->qualifiers, "Format");
    const char *description = qualifier_string(&f->qualifiers, "Description");

    if ((a->name = strdup(f->name)) == NULL ||
        (a->description = strdup(description != NULL ? description : "")) == NULL)
        return fail(why, why_len, "out of memory");
    a->min = 0;
    a->max = UINT32_MAX;
    switch (f->type.is_array ? MOF_TYPE_NONE : f->type.kind) {
    case MOF_TYPE_BOOLEAN:
        a->type = CONFIG_BOOLEAN;
        break;
    case MOF_TYPE_UINT32:
        a->type = CONFIG_UINT32;
        break;
    case MOF_TYPE_STRING:
        a->type = CONFIG_STRING;
        break;
    default:
        return pos_fail(&f->pos, why, why_len, "an attribute is a boolean, uint32 or string");
    }
    q = qualifier(&f->qualifiers, "Key");
    a->key = q != NULL && (q->value == NULL || (q->value->kind == MOF_VALUE_BOOLEAN &&
                                                q->value->u.boolean));
    if (format != NULL) {
        if (strcasecmp(format, "account") == 0)
            a->format = CONFIG_FORMAT_ACCOUNT;
        else if (strcasecmp(format, "trustee") == 0)
            a->format = CONFIG_FORMAT_TRUSTEE;
        else
            return pos_fail(&f->pos, why, why_len, "Format is \"account\" or \"trustee\"");
    }
    if ((q = qualifier(&f->qualifiers, "Values")) != NULL) {
        if (q->value == NULL || q->value->kind != MOF_VALUE_ARRAY)
            return pos_fail(&q->pos, why, why_len, "Values takes a list of strings");
        if ((a->values = calloc(q->value->u.array.n + 1, sizeof(char *))) == NULL)
            return fail(why, why_len, "out of memory");
        for (size_t i = 0; i < q->value->u.array.n; i++) {
            const struct mof_value *item = q->value->u.array.items[i];
            if (item->kind != MOF_VALUE_STRING)
                return pos_fail(&item->pos, why, why_len, "Values takes a list of strings");
            if ((a->values[a->n_values++] = strdup(item->u.string)) == NULL)
                return fail(why, why_len, "out of memory");
        }
    }
    if ((q = qualifier(&f->qualifiers, "MinValue")) != NULL && q->value != NULL &&
        q->value->kind == MOF_VALUE_INTEGER && q->value->u.integer.fits_uint64)
        a->min = (uint32_t)q->value->u.integer.uint64;
    if ((q = qualifier(&f->qualifiers, "MaxValue")) != NULL && q->value != NULL &&
        q->value->kind == MOF_VALUE_INTEGER && q->value->u.integer.fits_uint64 &&
        q->value->u.integer.uint64 <= UINT32_MAX)
        a->max = (uint32_t)q->value->u.integer.uint64;
    if (f->default_value != NULL && f->default_value->kind != MOF_VALUE_NULL) {
        char text[CONFIG_TEXT_MAX], canon[CONFIG_TEXT_MAX], sub[512];

        if (literal_text(f->default_value, text, sizeof(text)) < 0)
            return pos_fail(&f->default_value->pos, why, why_len, "a default is a literal");
        if (value_canon(a, a->name, text, false, canon, sizeof(canon), sub, sizeof(sub)) < 0)
            return pos_fail(&f->default_value->pos, why, why_len, sub);
        if ((a->default_text = strdup(canon)) == NULL)
            return fail(why, why_len, "out of memory");
    }
    return 0;
}

static const struct mof_class *
find_class(const struct mof_document *doc, const char *name)
{
    for (size_t i = 0; i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_CLASS &&
            mof_ast_name_eq(doc->decls[i]->u.klass->name, name))
            return doc->decls[i]->u.klass;
    return NULL;
}

static int
collection_from_feature(const struct mof_document *doc, const struct mof_feature *f,
                        struct config_collection *c, char *why, size_t why_len)
{
    const char *description = qualifier_string(&f->qualifiers, "Description");
    const struct mof_class *entry = f->type.ref_class ? find_class(doc, f->type.ref_class) : NULL;
    const struct mof_value *dv = f->default_value;

    if (entry == NULL)
        return pos_fail(&f->pos, why, why_len, "a collection's entries are of a class declared "
                        "in the same file");
    if ((c->name = strdup(f->name)) == NULL || (c->entry_class = strdup(entry->name)) == NULL ||
        (c->description = strdup(description != NULL ? description : "")) == NULL ||
        (c->attrs = calloc(entry->n_features + 1, sizeof(*c->attrs))) == NULL)
        return fail(why, why_len, "out of memory");
    /* Keys first, then the others, each in declaration order. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < entry->n_features; i++) {
            const struct mof_feature *ef = entry->features[i];
            const struct mof_qualifier *k = qualifier(&ef->qualifiers, "Key");
            bool is_key = k != NULL;

            if (ef->kind != MOF_FEATURE_PROPERTY || is_key != (pass == 0))
                continue;
            if (attr_from_feature(ef, &c->attrs[c->n_attrs++], why, why_len) < 0)
                return -1;
        }
    if (c->n_attrs == 0 || !c->attrs[0].key)
        return pos_fail(&entry->pos, why, why_len, "an entry class needs a Key property");
    if (dv == NULL || dv->kind == MOF_VALUE_NULL)
        return 0;
    if (dv->kind != MOF_VALUE_ARRAY)
        return pos_fail(&dv->pos, why, why_len, "a collection's default is a list of instances");
    if ((c->defaults = calloc(dv->u.array.n + 1, sizeof(char *))) == NULL ||
        (c->default_keys = calloc(dv->u.array.n + 1, sizeof(char *))) == NULL)
        return fail(why, why_len, "out of memory");
    for (size_t i = 0; i < dv->u.array.n; i++) {
        const struct mof_value *item = dv->u.array.items[i];
        char text[CONFIG_TEXT_MAX] = "", entry_text[CONFIG_TEXT_MAX], key[CONFIG_TEXT_MAX];
        char sub[512];

        if (item->kind != MOF_VALUE_INSTANCE ||
            !mof_ast_name_eq(item->u.instance->class_name, entry->name))
            return pos_fail(&item->pos, why, why_len, "a default entry is an instance of the "
                            "collection's class");
        for (size_t j = 0; j < item->u.instance->n_props; j++) {
            const struct mof_property_value *pv = item->u.instance->props[j];
            char v[256];
            size_t used = strlen(text);
            int w;

            if (pv->value == NULL || literal_text(pv->value, v, sizeof(v)) < 0)
                return pos_fail(&pv->pos, why, why_len, "an entry's values are literals");
            w = snprintf(text + used, sizeof(text) - used, "%s%s=%s", used > 0 ? "," : "",
                         pv->name, v);
            if (w < 0 || (size_t)w >= sizeof(text) - used)
                return pos_fail(&pv->pos, why, why_len, "the entry is too long");
        }
        if (entry_canon(c, text, false, false, entry_text, key, sizeof(key), sub,
                        sizeof(sub)) < 0)
            return pos_fail(&item->pos, why, why_len, sub);
        if ((c->defaults[c->n_defaults] = strdup(entry_text)) == NULL ||
            (c->default_keys[c->n_defaults++] = strdup(key)) == NULL)
            return fail(why, why_len, "out of memory");
    }
    return 0;
}

static int
section_from_class(const struct mof_document *doc, const struct mof_class *k,
                   struct config_section *s, char *why, size_t why_len)
{
    const char *name = qualifier_string(&k->qualifiers, "Section");
    const char *mode = qualifier_string(&k->qualifiers, "OverrideModeDefault");
    const char *where = qualifier_string(&k->qualifiers, "AllowDefinition");
    const char *description = qualifier_string(&k->qualifiers, "Description");

    /* IIS: a section declared without overrideModeDefault is Allow. */
    if (mode != NULL && strcasecmp(mode, "Allow") != 0 && strcasecmp(mode, "Deny") != 0)
        return pos_fail(&k->pos, why, why_len, "OverrideModeDefault is \"Allow\" or \"Deny\"");
    if (where != NULL && strcasecmp(where, "Everywhere") != 0 &&
        strcasecmp(where, "RootOnly") != 0)
        return pos_fail(&k->pos, why, why_len,
                        "AllowDefinition is \"Everywhere\" or \"RootOnly\"");
    s->override_allow = mode == NULL || strcasecmp(mode, "Allow") == 0;
    s->root_only = where != NULL && strcasecmp(where, "RootOnly") == 0;
    if ((s->name = strdup(name)) == NULL ||
        (s->description = strdup(description != NULL ? description : "")) == NULL ||
        (s->attrs = calloc(k->n_features + 1, sizeof(*s->attrs))) == NULL ||
        (s->colls = calloc(k->n_features + 1, sizeof(*s->colls))) == NULL)
        return fail(why, why_len, "out of memory");
    for (size_t i = 0; i < k->n_features; i++) {
        const struct mof_feature *f = k->features[i];

        if (f->kind != MOF_FEATURE_PROPERTY)
            return pos_fail(&f->pos, why, why_len, "a section has no methods");
        if (f->type.kind == MOF_TYPE_OBJECT && f->type.is_array) {
            if (collection_from_feature(doc, f, &s->colls[s->n_colls++], why, why_len) < 0)
                return -1;
        } else {
            struct config_attr *a = &s->attrs[s->n_attrs++];
            if (attr_from_feature(f, a, why, why_len) < 0)
                return -1;
            if (a->default_text == NULL)
                return pos_fail(&f->pos, why, why_len, "an attribute needs a default");
        }
    }
    return 0;
}

int
config_decls_parse(const char *text, size_t len, const char *name, struct config_decls **out,
                   char *why, size_t why_len)
{
    struct mof_parse_options opts = { .include_mode = MOF_INCLUDE_REFUSE };
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    struct config_decls *decls;
    int rc = 0;

    *out = NULL;
    if (mof_parse_buffer(text, len, name, &opts, &doc, &err) < 0) {
        fail(why, why_len, "%s", err != NULL ? err->message : "out of memory");
        mof_ast_error_free(err);
        return -1;
    }
    if ((decls = calloc(1, sizeof(*decls))) == NULL ||
        (decls->sections = calloc(doc->n_decls + 1, sizeof(*decls->sections))) == NULL) {
        free(decls);
        mof_ast_document_free(doc);
        return fail(why, why_len, "out of memory");
    }
    for (size_t i = 0; rc == 0 && i < doc->n_decls; i++) {
        const struct mof_decl *d = doc->decls[i];

        if (d->kind != MOF_DECL_CLASS) {
            rc = pos_fail(&d->pos, why, why_len, "only classes declare sections");
            break;
        }
        if (qualifier_string(&d->u.klass->qualifiers, "Section") == NULL)
            continue;       /* an entry class */
        if (config_section_find(decls, qualifier_string(&d->u.klass->qualifiers, "Section"))) {
            rc = pos_fail(&d->pos, why, why_len, "the section is declared twice");
            break;
        }
        rc = section_from_class(doc, d->u.klass, &decls->sections[decls->n_sections++], why,
                                why_len);
    }
    mof_ast_document_free(doc);
    if (rc < 0) {
        config_decls_free(decls);
        return -1;
    }
    *out = decls;
    return 0;
}

int
config_decls_init(const struct config_default_override *overrides, size_t n, char *why,
                  size_t why_len)
{
    struct config_decls *decls;

    if (config_decls_parse(config_sections_mof, config_sections_mof_len, "sections.mof", &decls,
                           why, why_len) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct config_section *s = config_section_find(decls, overrides[i].section);
        struct config_attr *a = (struct config_attr *)config_attr_find(s, overrides[i].attr);
        char canon[CONFIG_TEXT_MAX], where[300], *copy;

        snprintf(where, sizeof(where), "%s %s", overrides[i].section, overrides[i].attr);
        if (a == NULL) {
            config_decls_free(decls);
            return fail(why, why_len, "%s is not a configuration attribute", where);
        }
        if (config_value_canon(a, where, overrides[i].value, canon, sizeof(canon), why,
                               why_len) < 0 ||
            (copy = strdup(canon)) == NULL) {
            config_decls_free(decls);
            return -1;
        }
        free(a->default_text);
        a->default_text = copy;
    }
    config_decls_free(current);
    current = decls;
    return 0;
}
