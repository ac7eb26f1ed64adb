/*
 * mof_ast.c: constructors, destructors and the text dump of the MOF
 * syntax tree.  Lists grow by doubling; nothing here looks at input.
 */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "mof/mof_ast.h"

/* ------------------------------------------------------------ memory --- */

/* The array ITEMS, holding N elements of ELSIZE bytes, with room for one
 * more: ITEMS itself, a reallocated copy, or NULL when out of memory
 * (ITEMS is then untouched).  The capacity is implied by N: 4, doubled
 * each time N reaches a power of two. */
static void *
mof_ast_room(void *items, size_t n, size_t elsize)
{
    size_t cap;

    if (n == 0)
        cap = 4;
    else if (n >= 4 && (n & (n - 1)) == 0)
        cap = n * 2;
    else
        return items;
    if (cap > SIZE_MAX / elsize)
        return NULL;
    return realloc(items, cap * elsize);
}

/* Append ITEM to the array ARR of N elements; 0, or -1 out of memory. */
#define MOF_AST_APPEND(arr, n, item)                                           \
    __extension__({                                                            \
        void *room_ = mof_ast_room((arr), (n), sizeof(*(arr)));                \
        int rc_ = -1;                                                          \
        if (room_ != NULL) {                                                   \
            (arr) = room_;                                                     \
            (arr)[(n)++] = (item);                                             \
            rc_ = 0;                                                           \
        }                                                                      \
        rc_;                                                                   \
    })

int
mof_ast_set_string(char **field, const char *s)
{
    char *copy = NULL;

    if (s != NULL && (copy = strdup(s)) == NULL)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

/* ------------------------------------------------------------ errors --- */

struct mof_error *
mof_ast_error_new(enum mof_error_code code, const struct mof_pos *pos, const char *fmt, ...)
{
    struct mof_error *err;
    va_list ap;

    va_start(ap, fmt);
    err = mof_ast_error_newv(code, pos, fmt, ap);
    va_end(ap);
    return err;
}

struct mof_error *
mof_ast_error_newv(enum mof_error_code code, const struct mof_pos *pos, const char *fmt,
                   va_list ap)
{
    struct mof_error *err = calloc(1, sizeof(*err));
    int rc;

    if (err == NULL)
        return NULL;
    err->code = code;
    rc = vasprintf(&err->reason, fmt, ap);
    if (rc < 0) {
        err->reason = NULL;
        goto fail;
    }
    if (pos != NULL && pos->file != NULL) {
        if ((err->file = strdup(pos->file)) == NULL)
            goto fail;
        err->line = pos->line;
        err->column = pos->column;
        if (pos->line > 0)
            rc = asprintf(&err->message, "%s:%u:%u: %s", pos->file, pos->line, pos->column,
                          err->reason);
        else
            rc = asprintf(&err->message, "%s: %s", pos->file, err->reason);
    } else {
        rc = asprintf(&err->message, "%s", err->reason);
    }
    if (rc < 0) {
        err->message = NULL;
        goto fail;
    }
    return err;

fail:
    mof_ast_error_free(err);
    return NULL;
}

void
mof_ast_error_free(struct mof_error *err)
{
    if (err == NULL)
        return;
    free(err->file);
    free(err->reason);
    free(err->message);
    free(err);
}

/* ------------------------------------------------------ constructors --- */

struct mof_document *
mof_ast_document_new(void)
{
    return calloc(1, sizeof(struct mof_document));
}

/* Allocate SIZE zeroed bytes and store a copy of NAME in the char *
 * at byte offset NAME_OFFSET.  Returns the node or NULL. */
static void *
mof_ast_named_new(size_t size, size_t name_offset, const char *name)
{
    char *node = calloc(1, size);
    char *copy;

    if (node == NULL)
        return NULL;
    if (name != NULL) {
        if ((copy = strdup(name)) == NULL) {
            free(node);
            return NULL;
        }
        memcpy(node + name_offset, &copy, sizeof(copy));
    }
    return node;
}

#define MOF_AST_NEW(type, member, name)                                        \
    ((struct type *)mof_ast_named_new(sizeof(struct type),                    \
                                      offsetof(struct type, member), (name)))

struct mof_pragma *
mof_ast_pragma_new(const char *name, struct mof_pos pos)
{
    struct mof_pragma *p = MOF_AST_NEW(mof_pragma, name, name);

    if (p != NULL)
        p->pos = pos;
    return p;
}

struct mof_qualifier_decl *
mof_ast_qualifier_decl_new(const char *name, struct mof_pos pos)
{
    struct mof_qualifier_decl *qd =
        MOF_AST_NEW(mof_qualifier_decl, name, name);

    if (qd != NULL)
        qd->pos = pos;
    return qd;
}

struct mof_qualifier *
mof_ast_qualifier_new(const char *name, struct mof_pos pos)
{
    struct mof_qualifier *q = MOF_AST_NEW(mof_qualifier, name, name);

    if (q != NULL)
        q->pos = pos;
    return q;
}

struct mof_class *
mof_ast_class_new(const char *name, struct mof_pos pos)
{
    struct mof_class *c = MOF_AST_NEW(mof_class, name, name);

    if (c != NULL)
        c->pos = pos;
    return c;
}

struct mof_feature *
mof_ast_feature_new(enum mof_feature_kind kind, const char *name, struct mof_pos pos)
{
    struct mof_feature *f = MOF_AST_NEW(mof_feature, name, name);

    if (f != NULL) {
        f->kind = kind;
        f->pos = pos;
    }
    return f;
}

struct mof_parameter *
mof_ast_parameter_new(const char *name, struct mof_pos pos)
{
    struct mof_parameter *p = MOF_AST_NEW(mof_parameter, name, name);

    if (p != NULL)
        p->pos = pos;
    return p;
}

struct mof_instance *
mof_ast_instance_new(const char *class_name, struct mof_pos pos)
{
    struct mof_instance *inst =
        MOF_AST_NEW(mof_instance, class_name, class_name);

    if (inst != NULL)
        inst->pos = pos;
    return inst;
}

struct mof_property_value *
mof_ast_property_value_new(const char *name, struct mof_pos pos)
{
    struct mof_property_value *pv =
        MOF_AST_NEW(mof_property_value, name, name);

    if (pv != NULL)
        pv->pos = pos;
    return pv;
}

static struct mof_value *
mof_ast_value_new(enum mof_value_kind kind, struct mof_pos pos)
{
    struct mof_value *v = calloc(1, sizeof(*v));

    if (v != NULL) {
        v->kind = kind;
        v->pos = pos;
    }
    return v;
}

struct mof_value *
mof_ast_value_new_null(struct mof_pos pos)
{
    return mof_ast_value_new(MOF_VALUE_NULL, pos);
}

struct mof_value *
mof_ast_value_new_boolean(struct mof_pos pos, bool b)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_BOOLEAN, pos);

    if (v != NULL)
        v->u.boolean = b;
    return v;
}

struct mof_value *
mof_ast_value_new_integer(struct mof_pos pos, const char *text, const struct mof_integer *i)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_INTEGER, pos);

    if (v == NULL)
        return NULL;
    v->u.integer = *i;
    if ((v->u.integer.text = strdup(text)) == NULL) {
        free(v);
        return NULL;
    }
    return v;
}

struct mof_value *
mof_ast_value_new_real(struct mof_pos pos, const char *text, double value)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_REAL, pos);

    if (v == NULL)
        return NULL;
    v->u.real.value = value;
    if (text != NULL && (v->u.real.text = strdup(text)) == NULL) {
        free(v);
        return NULL;
    }
    return v;
}

struct mof_value *
mof_ast_value_new_string(struct mof_pos pos, const char *s, size_t len)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_STRING, pos);

    if (v == NULL)
        return NULL;
    if ((v->u.string = strndup(s, len)) == NULL) {
        free(v);
        return NULL;
    }
    return v;
}

struct mof_value *
mof_ast_value_new_char16(struct mof_pos pos, uint32_t c)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_CHAR16, pos);

    if (v != NULL)
        v->u.char16 = c;
    return v;
}

struct mof_value *
mof_ast_value_new_alias(struct mof_pos pos, const char *name)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_ALIAS, pos);

    if (v == NULL)
        return NULL;
    if ((v->u.alias = strdup(name)) == NULL) {
        free(v);
        return NULL;
    }
    return v;
}

struct mof_value *
mof_ast_value_new_instance(struct mof_pos pos, struct mof_instance *inst)
{
    struct mof_value *v = mof_ast_value_new(MOF_VALUE_INSTANCE, pos);

    if (v == NULL) {
        mof_ast_instance_free(inst);
        return NULL;
    }
    v->u.instance = inst;
    return v;
}

struct mof_value *
mof_ast_value_new_array(struct mof_pos pos)
{
    return mof_ast_value_new(MOF_VALUE_ARRAY, pos);
}

const char *
mof_ast_document_add_file(struct mof_document *doc, const char *name)
{
    for (size_t i = 0; i < doc->n_files; i++)
        if (strcmp(doc->files[i], name) == 0)
            return doc->files[i];
    char *copy = strdup(name);
    if (copy == NULL || MOF_AST_APPEND(doc->files, doc->n_files, copy) < 0) {
        free(copy);
        return NULL;
    }
    return copy;
}

/* --------------------------------------------------------- attaching --- */

static int
mof_ast_document_append_decl(struct mof_document *doc, struct mof_decl *d)
{
    if (MOF_AST_APPEND(doc->decls, doc->n_decls, d) < 0)
        return -1;
    return 0;
}

/* A new declaration of KIND, or NULL. */
static struct mof_decl *
mof_ast_decl_new(enum mof_decl_kind kind, unsigned depth, struct mof_pos pos)
{
    struct mof_decl *d = calloc(1, sizeof(*d));

    if (d != NULL) {
        d->kind = kind;
        d->depth = depth;
        d->pos = pos;
    }
    return d;
}

static void
mof_ast_decl_free(struct mof_decl *d)
{
    if (d == NULL)
        return;
    switch (d->kind) {
    case MOF_DECL_PRAGMA:
        mof_ast_pragma_free(d->u.pragma);
        break;
    case MOF_DECL_QUALIFIER:
        mof_ast_qualifier_decl_free(d->u.qualifier);
        break;
    case MOF_DECL_CLASS:
        mof_ast_class_free(d->u.klass);
        break;
    case MOF_DECL_INSTANCE:
        mof_ast_instance_free(d->u.instance);
        break;
    case MOF_DECL_INCLUDE_END:
        break;
    }
    free(d);
}

int
mof_ast_document_append_pragma(struct mof_document *doc, unsigned depth, struct mof_pragma *p)
{
    struct mof_decl *d = mof_ast_decl_new(MOF_DECL_PRAGMA, depth, p->pos);

    if (d == NULL) {
        mof_ast_pragma_free(p);
        return -1;
    }
    d->u.pragma = p;
    if (mof_ast_document_append_decl(doc, d) < 0) {
        mof_ast_decl_free(d);
        return -1;
    }
    return 0;
}

int
mof_ast_document_append_qualifier(struct mof_document *doc, unsigned depth,
                                  struct mof_qualifier_decl *qd)
{
    struct mof_decl *d = mof_ast_decl_new(MOF_DECL_QUALIFIER, depth, qd->pos);

    if (d == NULL) {
        mof_ast_qualifier_decl_free(qd);
        return -1;
    }
    d->u.qualifier = qd;
    if (mof_ast_document_append_decl(doc, d) < 0) {
        mof_ast_decl_free(d);
        return -1;
    }
    return 0;
}

int
mof_ast_document_append_class(struct mof_document *doc, unsigned depth, struct mof_class *c)
{
    struct mof_decl *d = mof_ast_decl_new(MOF_DECL_CLASS, depth, c->pos);

    if (d == NULL) {
        mof_ast_class_free(c);
        return -1;
    }
    d->u.klass = c;
    if (mof_ast_document_append_decl(doc, d) < 0) {
        mof_ast_decl_free(d);
        return -1;
    }
    return 0;
}

int
mof_ast_document_append_instance(struct mof_document *doc, unsigned depth,
                                 struct mof_instance *inst)
{
    struct mof_decl *d = mof_ast_decl_new(MOF_DECL_INSTANCE, depth, inst->pos);

    if (d == NULL) {
        mof_ast_instance_free(inst);
        return -1;
    }
    d->u.instance = inst;
    if (mof_ast_document_append_decl(doc, d) < 0) {
        mof_ast_decl_free(d);
        return -1;
    }
    return 0;
}

int
mof_ast_document_append_include_end(struct mof_document *doc, unsigned depth, struct mof_pos pos)
{
    struct mof_decl *d = mof_ast_decl_new(MOF_DECL_INCLUDE_END, depth, pos);

    if (d == NULL)
        return -1;
    if (mof_ast_document_append_decl(doc, d) < 0) {
        free(d);
        return -1;
    }
    return 0;
}

int
mof_ast_pragma_add_arg(struct mof_pragma *p, const char *arg)
{
    char *copy = strdup(arg);

    if (copy == NULL || MOF_AST_APPEND(p->args, p->n_args, copy) < 0) {
        free(copy);
        return -1;
    }
    return 0;
}

int
mof_ast_qualifier_list_append(struct mof_qualifier_list *list, struct mof_qualifier *q)
{
    if (MOF_AST_APPEND(list->items, list->n, q) < 0) {
        mof_ast_qualifier_free(q);
        return -1;
    }
    return 0;
}

int
mof_ast_class_add_feature(struct mof_class *c, struct mof_feature *f)
{
    if (MOF_AST_APPEND(c->features, c->n_features, f) < 0) {
        mof_ast_feature_free(f);
        return -1;
    }
    return 0;
}

int
mof_ast_feature_add_parameter(struct mof_feature *m, struct mof_parameter *p)
{
    if (MOF_AST_APPEND(m->params, m->n_params, p) < 0) {
        mof_ast_parameter_free(p);
        return -1;
    }
    return 0;
}

int
mof_ast_instance_add_property(struct mof_instance *inst, struct mof_property_value *pv)
{
    if (MOF_AST_APPEND(inst->props, inst->n_props, pv) < 0) {
        mof_ast_property_value_free(pv);
        return -1;
    }
    return 0;
}

int
mof_ast_value_array_append(struct mof_value *array, struct mof_value *item)
{
    if (MOF_AST_APPEND(array->u.array.items, array->u.array.n, item) < 0) {
        mof_ast_value_free(item);
        return -1;
    }
    return 0;
}

/* ----------------------------------------------------------- freeing --- */

void
mof_ast_document_free(struct mof_document *doc)
{
    if (doc == NULL)
        return;
    for (size_t i = 0; i < doc->n_decls; i++)
        mof_ast_decl_free(doc->decls[i]);
    free(doc->decls);
    for (size_t i = 0; i < doc->n_files; i++)
        free(doc->files[i]);
    free(doc->files);
    free(doc);
}

void
mof_ast_pragma_free(struct mof_pragma *p)
{
    if (p == NULL)
        return;
    free(p->name);
    for (size_t i = 0; i < p->n_args; i++)
        free(p->args[i]);
    free(p->args);
    free(p->include_path);
    free(p);
}

void
mof_ast_type_clear(struct mof_type *t)
{
    free(t->ref_class);
    t->ref_class = NULL;
}

void
mof_ast_qualifier_list_clear(struct mof_qualifier_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        mof_ast_qualifier_free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

void
mof_ast_qualifier_decl_free(struct mof_qualifier_decl *qd)
{
    if (qd == NULL)
        return;
    free(qd->name);
    mof_ast_qualifier_list_clear(&qd->qualifiers);
    mof_ast_type_clear(&qd->type);
    mof_ast_value_free(qd->default_value);
    free(qd);
}

void
mof_ast_qualifier_free(struct mof_qualifier *q)
{
    if (q == NULL)
        return;
    free(q->name);
    mof_ast_value_free(q->value);
    free(q);
}

void
mof_ast_class_free(struct mof_class *c)
{
    if (c == NULL)
        return;
    free(c->name);
    free(c->alias);
    free(c->superclass);
    mof_ast_qualifier_list_clear(&c->qualifiers);
    for (size_t i = 0; i < c->n_features; i++)
        mof_ast_feature_free(c->features[i]);
    free(c->features);
    free(c);
}

void
mof_ast_feature_free(struct mof_feature *f)
{
    if (f == NULL)
        return;
    free(f->name);
    mof_ast_qualifier_list_clear(&f->qualifiers);
    mof_ast_type_clear(&f->type);
    mof_ast_value_free(f->default_value);
    for (size_t i = 0; i < f->n_params; i++)
        mof_ast_parameter_free(f->params[i]);
    free(f->params);
    free(f);
}

void
mof_ast_parameter_free(struct mof_parameter *p)
{
    if (p == NULL)
        return;
    free(p->name);
    mof_ast_qualifier_list_clear(&p->qualifiers);
    mof_ast_type_clear(&p->type);
    mof_ast_value_free(p->default_value);
    free(p);
}

void
mof_ast_instance_free(struct mof_instance *inst)
{
    if (inst == NULL)
        return;
    free(inst->class_name);
    free(inst->alias);
    mof_ast_qualifier_list_clear(&inst->qualifiers);
    for (size_t i = 0; i < inst->n_props; i++)
        mof_ast_property_value_free(inst->props[i]);
    free(inst->props);
    free(inst);
}

void
mof_ast_property_value_free(struct mof_property_value *pv)
{
    if (pv == NULL)
        return;
    free(pv->name);
    mof_ast_qualifier_list_clear(&pv->qualifiers);
    mof_ast_value_free(pv->value);
    free(pv);
}

void
mof_ast_value_free(struct mof_value *v)
{
    if (v == NULL)
        return;
    switch (v->kind) {
    case MOF_VALUE_INTEGER:
        free(v->u.integer.text);
        break;
    case MOF_VALUE_REAL:
        free(v->u.real.text);
        break;
    case MOF_VALUE_STRING:
        free(v->u.string);
        break;
    case MOF_VALUE_ALIAS:
        free(v->u.alias);
        break;
    case MOF_VALUE_INSTANCE:
        mof_ast_instance_free(v->u.instance);
        break;
    case MOF_VALUE_ARRAY:
        for (size_t i = 0; i < v->u.array.n; i++)
            mof_ast_value_free(v->u.array.items[i]);
        free(v->u.array.items);
        break;
    case MOF_VALUE_NULL:
    case MOF_VALUE_BOOLEAN:
    case MOF_VALUE_CHAR16:
        break;
    }
    free(v);
}

/* ----------------------------------------------------------- helpers --- */

static int
mof_ast_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool
mof_ast_name_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        if (mof_ast_lower((unsigned char)*a) != mof_ast_lower((unsigned char)*b))
            return false;
        if (*a == '\0')
            return true;
    }
}

static const char *const mof_ast_type_names[] = {
    [MOF_TYPE_NONE] = "(none)",      [MOF_TYPE_BOOLEAN] = "boolean",
    [MOF_TYPE_SINT8] = "sint8",      [MOF_TYPE_UINT8] = "uint8",
    [MOF_TYPE_SINT16] = "sint16",    [MOF_TYPE_UINT16] = "uint16",
    [MOF_TYPE_SINT32] = "sint32",    [MOF_TYPE_UINT32] = "uint32",
    [MOF_TYPE_SINT64] = "sint64",    [MOF_TYPE_UINT64] = "uint64",
    [MOF_TYPE_REAL32] = "real32",    [MOF_TYPE_REAL64] = "real64",
    [MOF_TYPE_CHAR16] = "char16",    [MOF_TYPE_STRING] = "string",
    [MOF_TYPE_DATETIME] = "datetime", [MOF_TYPE_REFERENCE] = "REF",
    [MOF_TYPE_VOID] = "void",        [MOF_TYPE_OBJECT] = "object",
};

const char *
mof_ast_type_name(enum mof_type_kind kind)
{
    if ((size_t)kind >= sizeof(mof_ast_type_names) / sizeof(mof_ast_type_names[0]))
        return "(invalid)";
    return mof_ast_type_names[kind];
}

enum mof_type_kind
mof_ast_type_lookup(const char *name)
{
    for (int k = MOF_TYPE_BOOLEAN; k <= MOF_TYPE_DATETIME; k++)
        if (mof_ast_name_eq(name, mof_ast_type_names[k]))
            return (enum mof_type_kind)k;
    return MOF_TYPE_NONE;
}

const char *
mof_ast_flavor_name(unsigned flavor_bit)
{
    switch (flavor_bit) {
    case MOF_FLAVOR_ENABLEOVERRIDE:
        return "EnableOverride";
    case MOF_FLAVOR_DISABLEOVERRIDE:
        return "DisableOverride";
    case MOF_FLAVOR_TOSUBCLASS:
        return "ToSubclass";
    case MOF_FLAVOR_RESTRICTED:
        return "Restricted";
    case MOF_FLAVOR_TRANSLATABLE:
        return "Translatable";
    case MOF_FLAVOR_TOINSTANCE:
        return "ToInstance";
    case MOF_FLAVOR_NOTTOINSTANCE:
        return "NotToInstance";
    default:
        return NULL;
    }
}

const char *
mof_ast_scope_name(unsigned scope_bit)
{
    switch (scope_bit) {
    case MOF_SCOPE_CLASS:
        return "class";
    case MOF_SCOPE_ASSOCIATION:
        return "association";
    case MOF_SCOPE_INDICATION:
        return "indication";
    case MOF_SCOPE_QUALIFIER:
        return "qualifier";
    case MOF_SCOPE_PROPERTY:
        return "property";
    case MOF_SCOPE_REFERENCE:
        return "reference";
    case MOF_SCOPE_METHOD:
        return "method";
    case MOF_SCOPE_PARAMETER:
        return "parameter";
    case MOF_SCOPE_ANY:
        return "any";
    default:
        return NULL;
    }
}

/* -------------------------------------------------------------- dump --- */

static void
mof_ast_dump_string(const char *s, FILE *out)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\x%02X", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void
mof_ast_dump_pos(struct mof_pos pos, FILE *out)
{
    fprintf(out, " @%s:%u:%u", pos.file != NULL ? pos.file : "?", pos.line, pos.column);
}

static void
mof_ast_dump_flavors(unsigned flavors, FILE *out, const char *sep)
{
    bool first = true;

    for (unsigned bit = 1; bit <= MOF_FLAVOR_NOTTOINSTANCE; bit <<= 1) {
        if ((flavors & bit) == 0)
            continue;
        fprintf(out, "%s%s", first ? "" : sep, mof_ast_flavor_name(bit));
        first = false;
    }
}

static void
mof_ast_dump_qualifiers(const struct mof_qualifier_list *list, FILE *out)
{
    if (list->n == 0)
        return;
    fputc('[', out);
    for (size_t i = 0; i < list->n; i++) {
        const struct mof_qualifier *q = list->items[i];
        fprintf(out, "%s%s", i > 0 ? ", " : "", q->name);
        if (q->value != NULL) {
            if (q->value->kind == MOF_VALUE_ARRAY) {
                mof_ast_dump_value(q->value, out);
            } else {
                fputc('(', out);
                mof_ast_dump_value(q->value, out);
                fputc(')', out);
            }
        }
        if (q->flavors != 0) {
            fputs(": ", out);
            mof_ast_dump_flavors(q->flavors, out, " ");
        }
    }
    fputs("] ", out);
}

static void
mof_ast_dump_type(const struct mof_type *t, FILE *out)
{
    if (t->kind == MOF_TYPE_REFERENCE)
        fprintf(out, "%s REF", t->ref_class != NULL ? t->ref_class : "?");
    else if (t->kind == MOF_TYPE_OBJECT)
        fputs(t->ref_class != NULL ? t->ref_class : "object", out);
    else
        fputs(mof_ast_type_name(t->kind), out);
    if (t->is_array) {
        if (t->array_size > 0)
            fprintf(out, "[%u]", (unsigned)t->array_size);
        else
            fputs("[]", out);
    }
}

static void
mof_ast_dump_instance_body(const struct mof_instance *inst, FILE *out)
{
    fprintf(out, "%s of %s", inst->value_of ? "value" : "instance", inst->class_name);
    if (inst->alias != NULL)
        fprintf(out, " as $%s", inst->alias);
}

void
mof_ast_dump_value(const struct mof_value *v, FILE *out)
{
    switch (v->kind) {
    case MOF_VALUE_NULL:
        fputs("null", out);
        break;
    case MOF_VALUE_BOOLEAN:
        fputs(v->u.boolean ? "true" : "false", out);
        break;
    case MOF_VALUE_INTEGER: {
        /* the text, and the value when the text does not say it plainly */
        char num[32];
        if (v->u.integer.fits_sint64)
            snprintf(num, sizeof(num), "%lld", (long long)v->u.integer.sint64);
        else
            snprintf(num, sizeof(num), "%llu", (unsigned long long)v->u.integer.uint64);
        if (strcmp(num, v->u.integer.text) == 0)
            fputs(num, out);
        else
            fprintf(out, "%s=%s", v->u.integer.text, num);
        break;
    }
    case MOF_VALUE_REAL: {
        char num[40];
        snprintf(num, sizeof(num), "%.17g", v->u.real.value);
        if (strcmp(num, v->u.real.text) == 0)
            fputs(num, out);
        else
            fprintf(out, "%s=%s", v->u.real.text, num);
        break;
    }
    case MOF_VALUE_STRING:
        mof_ast_dump_string(v->u.string, out);
        break;
    case MOF_VALUE_CHAR16:
        fprintf(out, "U+%04X", (unsigned)v->u.char16);
        break;
    case MOF_VALUE_ALIAS:
        fprintf(out, "$%s", v->u.alias);
        break;
    case MOF_VALUE_INSTANCE:
        mof_ast_dump_instance_body(v->u.instance, out);
        fputs(" {", out);
        for (size_t i = 0; i < v->u.instance->n_props; i++) {
            const struct mof_property_value *pv = v->u.instance->props[i];
            fputc(' ', out);
            mof_ast_dump_qualifiers(&pv->qualifiers, out);
            fprintf(out, "%s = ", pv->name);
            mof_ast_dump_value(pv->value, out);
            fputc(';', out);
        }
        fputs(" }", out);
        break;
    case MOF_VALUE_ARRAY:
        fputc('{', out);
        for (size_t i = 0; i < v->u.array.n; i++) {
            if (i > 0)
                fputs(", ", out);
            mof_ast_dump_value(v->u.array.items[i], out);
        }
        fputc('}', out);
        break;
    }
}

static void
mof_ast_dump_default(const struct mof_value *v, FILE *out)
{
    if (v == NULL)
        return;
    fputs(" = ", out);
    mof_ast_dump_value(v, out);
}

static void
mof_ast_dump_pragma(const struct mof_pragma *p, FILE *out)
{
    fprintf(out, "pragma %s(", p->name);
    for (size_t i = 0; i < p->n_args; i++) {
        if (i > 0)
            fputs(", ", out);
        mof_ast_dump_string(p->args[i], out);
    }
    fputc(')', out);
    if (p->include_path != NULL)
        fprintf(out, " -> %s", p->include_path);
    mof_ast_dump_pos(p->pos, out);
    fputc('\n', out);
}

static void
mof_ast_dump_qualifier_decl(const struct mof_qualifier_decl *qd, FILE *out)
{
    bool first = true;

    mof_ast_dump_qualifiers(&qd->qualifiers, out);
    fprintf(out, "qualifier %s : ", qd->name);
    mof_ast_dump_type(&qd->type, out);
    mof_ast_dump_default(qd->default_value, out);
    fputs(" scope(", out);
    for (unsigned bit = 1; bit <= MOF_SCOPE_ANY; bit <<= 1) {
        if ((qd->scopes & bit) == 0)
            continue;
        fprintf(out, "%s%s", first ? "" : ", ", mof_ast_scope_name(bit));
        first = false;
    }
    fputc(')', out);
    if (qd->flavors != 0) {
        fputs(" flavor(", out);
        mof_ast_dump_flavors(qd->flavors, out, ", ");
        fputc(')', out);
    }
    mof_ast_dump_pos(qd->pos, out);
    fputc('\n', out);
}

static void
mof_ast_dump_class(const struct mof_class *c, FILE *out)
{
    mof_ast_dump_qualifiers(&c->qualifiers, out);
    fprintf(out, "%s %s", c->association_keyword ? "association" : "class", c->name);
    if (c->alias != NULL)
        fprintf(out, " as $%s", c->alias);
    if (c->superclass != NULL)
        fprintf(out, " : %s", c->superclass);
    mof_ast_dump_pos(c->pos, out);
    fputc('\n', out);
    for (size_t i = 0; i < c->n_features; i++) {
        const struct mof_feature *f = c->features[i];
        fputs("  ", out);
        mof_ast_dump_qualifiers(&f->qualifiers, out);
        fputs(f->kind == MOF_FEATURE_METHOD ? "method " : "property ", out);
        mof_ast_dump_type(&f->type, out);
        fprintf(out, " %s", f->name);
        mof_ast_dump_default(f->default_value, out);
        mof_ast_dump_pos(f->pos, out);
        fputc('\n', out);
        for (size_t j = 0; j < f->n_params; j++) {
            const struct mof_parameter *p = f->params[j];
            fputs("    ", out);
            mof_ast_dump_qualifiers(&p->qualifiers, out);
            fputs("param ", out);
            mof_ast_dump_type(&p->type, out);
            fprintf(out, " %s", p->name);
            mof_ast_dump_default(p->default_value, out);
            mof_ast_dump_pos(p->pos, out);
            fputc('\n', out);
        }
    }
}

static void
mof_ast_dump_instance(const struct mof_instance *inst, FILE *out)
{
    mof_ast_dump_qualifiers(&inst->qualifiers, out);
    mof_ast_dump_instance_body(inst, out);
    mof_ast_dump_pos(inst->pos, out);
    fputc('\n', out);
    for (size_t i = 0; i < inst->n_props; i++) {
        const struct mof_property_value *pv = inst->props[i];
        fputs("  ", out);
        mof_ast_dump_qualifiers(&pv->qualifiers, out);
        fprintf(out, "%s = ", pv->name);
        mof_ast_dump_value(pv->value, out);
        mof_ast_dump_pos(pv->pos, out);
        fputc('\n', out);
    }
}

int
mof_ast_dump(const struct mof_document *doc, FILE *out)
{
    for (size_t i = 0; i < doc->n_decls; i++) {
        const struct mof_decl *d = doc->decls[i];
        switch (d->kind) {
        case MOF_DECL_PRAGMA:
            mof_ast_dump_pragma(d->u.pragma, out);
            break;
        case MOF_DECL_QUALIFIER:
            mof_ast_dump_qualifier_decl(d->u.qualifier, out);
            break;
        case MOF_DECL_CLASS:
            mof_ast_dump_class(d->u.klass, out);
            break;
        case MOF_DECL_INSTANCE:
            mof_ast_dump_instance(d->u.instance, out);
            break;
        case MOF_DECL_INCLUDE_END:
            fputs("include-end", out);
            mof_ast_dump_pos(d->pos, out);
            fputc('\n', out);
            break;
        }
    }
    return ferror(out) ? -1 : 0;
}
