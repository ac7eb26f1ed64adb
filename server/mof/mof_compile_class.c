/*
 * mof_compile_class.c: resolve a class declaration against its
 * superclass and store it.
 *
 * The resolved class starts as a copy of the superclass's: its
 * qualifiers that propagate (not Restricted), and all its properties and
 * methods at their positions, marked propagated.  The class's own
 * qualifiers then apply (DisableOverride ones cannot change), and each
 * own feature either overrides the inherited one of that name in place
 * (same type and arrayness; a reference may narrow its class) or is
 * appended.  The repository relies on "superclass's properties first, at
 * the same positions" for instance storage.
 *
 * Resolved classes are cached for the compilation (tsearch, keyed by
 * namespace and name without regard to case), so a document with many
 * instances of one class decodes that class once.
 */
#include <config.h>

#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "mof/mof_compile_internal.h"

struct mof_cached_class {
    char *nspace;
    cim_class cls;              /* cls.name is the key */
};

static int
mof_compile_cached_cmp(const void *a, const void *b)
{
    const struct mof_cached_class *x = a, *y = b;
    int c = strcasecmp(x->nspace, y->nspace);

    return c != 0 ? c : strcasecmp(x->cls.name, y->cls.name);
}

static void
mof_compile_cached_free(void *p)
{
    struct mof_cached_class *cc = p;

    free(cc->nspace);
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cc->cls);
    free(cc);
}

void
mof_compile_class_cache_clear(struct mof_compile_ctx *ctx)
{
    tdestroy(ctx->classes, mof_compile_cached_free);
    ctx->classes = NULL;
}

/* Put CLS (taken over, also on failure) into the cache, replacing. */
static int
mof_compile_class_cache_put(struct mof_compile_ctx *ctx, cim_class *cls)
{
    struct mof_cached_class *cc = calloc(1, sizeof(*cc)), **slot;

    if (cc == NULL || (cc->nspace = strdup(ctx->nspace)) == NULL) {
        free(cc);
        xdr_free((xdrproc_t)xdr_cim_class, (char *)cls);
        return mof_compile_nomem(ctx);
    }
    cc->cls = *cls;
    memset(cls, 0, sizeof(*cls));
    slot = tsearch(cc, &ctx->classes, mof_compile_cached_cmp);
    if (slot == NULL) {
        mof_compile_cached_free(cc);
        return mof_compile_nomem(ctx);
    }
    if (*slot != cc) {
        struct mof_cached_class *old = *slot;

        *slot = cc;             /* same key: replace the node's payload */
        mof_compile_cached_free(old);
    }
    return 0;
}

int
mof_compile_class_lookup(struct mof_compile_ctx *ctx, const char *name, const cim_class **cls_out)
{
    struct mof_cached_class key = { .nspace = ctx->nspace, .cls = { .name = (char *)name } };
    struct mof_cached_class **hit;
    struct repo_error rerr;
    cim_class cls;
    int found;

    hit = tfind(&key, &ctx->classes, mof_compile_cached_cmp);
    if (hit == NULL) {
        memset(&cls, 0, sizeof(cls));
        found = repo_class_get(ctx->repo, ctx->nspace, name, &cls, &rerr);
        if (found < 0)
            return mof_compile_fail(ctx, NULL, MOF_ERR_REPOSITORY, "%s", rerr.message);
        if (found == 0)
            return 0;
        if (mof_compile_class_cache_put(ctx, &cls) < 0)
            return -1;
        hit = tfind(&key, &ctx->classes, mof_compile_cached_cmp);
        if (hit == NULL)
            return mof_compile_nomem(ctx);
    }
    *cls_out = &(*hit)->cls;
    return 1;
}

/* A class declared in this document: remembered to refuse a second
 * declaration, with where the first one was. */
struct mof_declared_class {
    char *key;                  /* "namespace:name" */
    struct mof_pos pos;
};

static int
mof_compile_declared_cmp(const void *a, const void *b)
{
    return strcasecmp(((const struct mof_declared_class *)a)->key,
                      ((const struct mof_declared_class *)b)->key);
}

static void
mof_compile_declared_free(void *p)
{
    struct mof_declared_class *d = p;

    free(d->key);
    free(d);
}

void
mof_compile_class_cleanup(struct mof_compile_ctx *ctx)
{
    mof_compile_class_cache_clear(ctx);
    tdestroy(ctx->declared, mof_compile_declared_free);
    ctx->declared = NULL;
}

static int
mof_compile_class_declare(struct mof_compile_ctx *ctx, const struct mof_class *c)
{
    struct mof_declared_class *d = calloc(1, sizeof(*d)), **slot;
    char where[512];

    if (d == NULL || asprintf(&d->key, "%s:%s", ctx->nspace, c->name) < 0) {
        free(d);
        return mof_compile_nomem(ctx);
    }
    d->pos = c->pos;
    slot = tsearch(d, &ctx->declared, mof_compile_declared_cmp);
    if (slot == NULL || *slot != d) {
        free(d->key);
        free(d);
        if (slot == NULL)
            return mof_compile_nomem(ctx);
        return mof_compile_fail(ctx, &c->pos, MOF_ERR_SEMANTIC,
                                "class %s is declared twice in namespace %s; the first "
                                "declaration is at %s", c->name, ctx->nspace,
                                mof_compile_where(&(*slot)->pos, where, sizeof(where)));
    }
    return 0;
}

/* Mark the qualifiers of an inherited element propagated, dropping the
 * Restricted ones (they stay with the class that set them). */
static void
mof_compile_inherit_in_place(cim_qualifier **items, u_int *n)
{
    u_int i, kept = 0;

    for (i = 0; i < *n; i++) {
        if ((*items)[i].flavor & CIM_FLAVOR_RESTRICTED) {
            xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)&(*items)[i]);
            continue;
        }
        (*items)[i].propagated = TRUE;
        (*items)[kept++] = (*items)[i];
    }
    *n = kept;
}

/* Start CLS as the resolved copy of SUPER's features. */
static int
mof_compile_inherit_features(struct mof_compile_ctx *ctx, const cim_class *super, cim_class *cls)
{
    u_int i;

    if (super->properties.properties_len > 0) {
        cls->properties.properties_val = calloc(super->properties.properties_len,
                                                sizeof(cim_property));
        if (cls->properties.properties_val == NULL)
            return mof_compile_nomem(ctx);
    }
    for (i = 0; i < super->properties.properties_len; i++) {
        cim_property *p = &cls->properties.properties_val[i];

        if (xdr_blob_copy((xdrproc_t)xdr_cim_property, &super->properties.properties_val[i], p) < 0)
            return mof_compile_nomem(ctx);
        cls->properties.properties_len = i + 1;
        p->propagated = TRUE;
        mof_compile_inherit_in_place(&p->qualifiers.qualifiers_val, &p->qualifiers.qualifiers_len);
    }
    if (super->methods.methods_len > 0) {
        cls->methods.methods_val = calloc(super->methods.methods_len, sizeof(cim_method));
        if (cls->methods.methods_val == NULL)
            return mof_compile_nomem(ctx);
    }
    for (i = 0; i < super->methods.methods_len; i++) {
        cim_method *m = &cls->methods.methods_val[i];

        if (xdr_blob_copy((xdrproc_t)xdr_cim_method, &super->methods.methods_val[i], m) < 0)
            return mof_compile_nomem(ctx);
        cls->methods.methods_len = i + 1;
        m->propagated = TRUE;
        mof_compile_inherit_in_place(&m->qualifiers.qualifiers_val, &m->qualifiers.qualifiers_len);
    }
    return 0;
}

int
mof_compile_derives_from(struct mof_compile_ctx *ctx, const char *name, const char *ancestor)
{
    const cim_class *cls;
    unsigned depth;
    int found;

    for (depth = 0; depth < 256 && name != NULL && name[0] != '\0'; depth++) {
        if (strcasecmp(name, ancestor) == 0)
            return 1;
        found = mof_compile_class_lookup(ctx, name, &cls);
        if (found <= 0)
            return found;
        name = cls->superclass;
    }
    return 0;
}

/* The array size of a declared type: -1 scalar, 0 variable, n fixed. */
static int
mof_compile_array_size(const struct mof_type *t)
{
    if (!t->is_array)
        return -1;
    return t->array_size > (uint32_t)CIM_ARRAY_MAX ? CIM_ARRAY_MAX : (int)t->array_size;
}

/* Does a feature override an inherited one in a compatible way? */
static int
mof_compile_check_override(struct mof_compile_ctx *ctx, const struct mof_feature *f,
                           const char *class_name, const cim_property *old,
                           const cim_property *p)
{
    int derives;

    if (old->type != p->type || (old->array_size < 0) != (p->array_size < 0))
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                                "property %s of class %s overrides the %s%s declared in %s and "
                                "must keep that type (it is declared %s%s here)", f->name,
                                class_name, mof_compile_type_name(old->type),
                                old->array_size >= 0 ? " array" : "", old->class_origin,
                                mof_compile_type_name(p->type), p->array_size >= 0 ? " array" : "");
    if (p->type == CIM_TYPE_REFERENCE && strcasecmp(old->ref_class, p->ref_class) != 0) {
        derives = mof_compile_derives_from(ctx, p->ref_class, old->ref_class);
        if (derives < 0)
            return -1;
        if (derives == 0)
            return mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                                    "reference %s of class %s may only narrow the class it refers "
                                    "to, and %s is not derived from %s", f->name, class_name,
                                    p->ref_class, old->ref_class);
    }
    return 0;
}

/* The index of the feature called NAME in a resolved list, or -1. */
static long
mof_compile_find_property(const cim_class *cls, const char *name)
{
    u_int i;

    for (i = 0; i < cls->properties.properties_len; i++)
        if (strcasecmp(cls->properties.properties_val[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long
mof_compile_find_method(const cim_class *cls, const char *name)
{
    u_int i;

    for (i = 0; i < cls->methods.methods_len; i++)
        if (strcasecmp(cls->methods.methods_val[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Does the superclass of CLS have a key property?  1, 0 or -1. */
static int
mof_compile_inherits_keys(struct mof_compile_ctx *ctx, const cim_class *cls)
{
    const cim_class *super;
    u_int i;
    int found;

    if (cls->superclass[0] == '\0')
        return 0;
    found = mof_compile_class_lookup(ctx, cls->superclass, &super);
    if (found <= 0)
        return found;
    for (i = 0; i < super->properties.properties_len; i++) {
        const cim_property *p = &super->properties.properties_val[i];

        if (mof_compile_qualifier_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                       "Key"))
            return 1;
    }
    return 0;
}

/*
 * The class of an embedded instance a property or parameter is typed by
 * (MOF v3 "ClassName Name;") must exist, and so must a property's
 * reference class; a class may refer to itself (SELF).  A parameter's
 * reference class is not checked: published schemas (DMTF's among them)
 * name classes in method parameters that they define further down.  WHAT
 * names the feature for messages.
 */
static int
mof_compile_check_type_class(struct mof_compile_ctx *ctx, const struct mof_pos *pos,
                             const struct mof_type *type, bool parameter, const char *self,
                             const char *what)
{
    const cim_class *target;
    int found;

    if (type->ref_class == NULL || strcasecmp(type->ref_class, self) == 0 ||
        (type->kind == MOF_TYPE_REFERENCE && parameter) ||
        (type->kind != MOF_TYPE_REFERENCE && type->kind != MOF_TYPE_OBJECT))
        return 0;
    found = mof_compile_class_lookup(ctx, type->ref_class, &target);
    if (found < 0)
        return -1;
    if (found > 0)
        return 0;
    if (type->kind == MOF_TYPE_REFERENCE)
        return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                                "%s refers to class %s, which is not defined in namespace %s; "
                                "define it first", what, type->ref_class, ctx->nspace);
    return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                            "%s is of type %s, which is neither a data type (boolean, string, "
                            "char16, datetime, sint8 to uint64, real32, real64) nor a class "
                            "defined in namespace %s; correct the type or define the class "
                            "first", what, type->ref_class, ctx->nspace);
}

static int
mof_compile_property(struct mof_compile_ctx *ctx, const struct mof_class *c,
                     const struct mof_feature *f, cim_class *cls)
{
    long idx = mof_compile_find_property(cls, f->name);
    cim_property p, *old = idx >= 0 ? &cls->properties.properties_val[idx] : NULL;
    bool is_ref = f->type.kind == MOF_TYPE_REFERENCE;
    bool is_object = f->type.kind == MOF_TYPE_OBJECT;
    char what[600];
    int rc = -1, inherits;

    memset(&p, 0, sizeof(p));
    snprintf(what, sizeof(what), "property %s of class %s", f->name, c->name);
    p.type = mof_compile_type(f->type.kind);
    if (p.type == 0)
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC, "%s cannot be of type %s", what,
                                mof_ast_type_name(f->type.kind));
    p.array_size = mof_compile_array_size(&f->type);
    if ((p.name = strdup(f->name)) == NULL || (p.class_origin = strdup(c->name)) == NULL ||
        (p.ref_class = strdup((is_ref || is_object) && f->type.ref_class != NULL
                                  ? f->type.ref_class : "")) == NULL) {
        mof_compile_nomem(ctx);
        goto cleanup;
    }
    if (mof_compile_check_type_class(ctx, &f->pos, &f->type, false, c->name, what) < 0)
        goto cleanup;
    if (old != NULL) {
        p.qualifiers.qualifiers_val = old->qualifiers.qualifiers_val;
        p.qualifiers.qualifiers_len = old->qualifiers.qualifiers_len;
        old->qualifiers.qualifiers_val = NULL;
        old->qualifiers.qualifiers_len = 0;
    } else if (mof_compile_qualifier_written(&f->qualifiers, "Override")) {
        mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                         "%s is marked Override but no superclass of %s has a property %s", what,
                         c->name, f->name);
        goto cleanup;
    }
    if (mof_compile_qualifiers(ctx, &f->qualifiers,
                               is_ref ? CIM_SCOPE_REFERENCE : CIM_SCOPE_PROPERTY, what,
                               &p.qualifiers.qualifiers_val, &p.qualifiers.qualifiers_len) < 0)
        goto cleanup;
    if (p.type == CIM_TYPE_STRING &&
        (mof_compile_qualifier_find(p.qualifiers.qualifiers_val, p.qualifiers.qualifiers_len,
                                    "EmbeddedInstance") != NULL ||
         mof_compile_qualifier_true(p.qualifiers.qualifiers_val, p.qualifiers.qualifiers_len,
                                    "EmbeddedObject")))
        p.type = CIM_TYPE_INSTANCE;
    if (mof_compile_qualifier_true(p.qualifiers.qualifiers_val, p.qualifiers.qualifiers_len, "Key") &&
        (p.array_size >= 0 || p.type == CIM_TYPE_INSTANCE)) {
        mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                         "%s is a key and so cannot be an array or an embedded instance", what);
        goto cleanup;
    }
    if (old != NULL && mof_compile_check_override(ctx, f, c->name, old, &p) < 0)
        goto cleanup;
    if (old == NULL &&
        mof_compile_qualifier_true(p.qualifiers.qualifiers_val, p.qualifiers.qualifiers_len, "Key") &&
        (inherits = mof_compile_inherits_keys(ctx, cls)) != 0) {
        if (inherits < 0)
            goto cleanup;
        mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                         "%s cannot be a key: the superclass %s already has keys, and a subclass "
                         "identifies its instances by them", what, cls->superclass);
        goto cleanup;
    }
    if (f->default_value != NULL) {
        if (mof_compile_value(ctx, f->default_value, p.type, p.array_size >= 0, what,
                              &p.default_value) < 0)
            goto cleanup;
    } else if (old != NULL) {
        p.default_value = old->default_value;
        memset(&old->default_value, 0, sizeof(old->default_value));
    } else {
        p.default_value.type = p.type;
        p.default_value.is_array = p.array_size >= 0;
        p.default_value.is_null = true;
    }
    if (old != NULL) {
        xdr_free((xdrproc_t)xdr_cim_property, (char *)old);
        *old = p;
        return 0;
    }
    if (cls->properties.properties_len >= CIM_PROPERTIES_MAX) {
        mof_compile_fail(ctx, &f->pos, MOF_ERR_LIMIT, "class %s has more than %d properties",
                         c->name, CIM_PROPERTIES_MAX);
        goto cleanup;
    }
    old = realloc(cls->properties.properties_val,
                  (cls->properties.properties_len + 1) * sizeof(cim_property));
    if (old == NULL) {
        mof_compile_nomem(ctx);
        goto cleanup;
    }
    cls->properties.properties_val = old;
    cls->properties.properties_val[cls->properties.properties_len++] = p;
    return 0;

cleanup:
    xdr_free((xdrproc_t)xdr_cim_property, (char *)&p);
    return rc;
}

static int
mof_compile_parameters(struct mof_compile_ctx *ctx, const struct mof_class *c,
                       const struct mof_feature *f, cim_method *m)
{
    char what[800];
    size_t i, j;

    if (f->n_params > CIM_PARAMETERS_MAX)
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_LIMIT,
                                "method %s of class %s has more than %d parameters", f->name,
                                c->name, CIM_PARAMETERS_MAX);
    if (f->n_params > 0 &&
        (m->parameters.parameters_val = calloc(f->n_params, sizeof(cim_parameter))) == NULL)
        return mof_compile_nomem(ctx);
    for (i = 0; i < f->n_params; i++) {
        const struct mof_parameter *fp = f->params[i];
        cim_parameter *p = &m->parameters.parameters_val[i];

        m->parameters.parameters_len = (u_int)i + 1;
        snprintf(what, sizeof(what), "parameter %s of method %s.%s", fp->name, c->name, f->name);
        for (j = 0; j < i; j++)
            if (mof_ast_name_eq(f->params[j]->name, fp->name))
                return mof_compile_fail(ctx, &fp->pos, MOF_ERR_SEMANTIC, "%s is declared twice",
                                        what);
        if (fp->default_value != NULL)
            return mof_compile_fail(ctx, &fp->default_value->pos, MOF_ERR_SEMANTIC,
                                    "%s has a default value; parameter defaults (MOF v3) are not "
                                    "supported, remove it", what);
        p->type = mof_compile_type(fp->type.kind);
        if (p->type == 0)
            return mof_compile_fail(ctx, &fp->pos, MOF_ERR_SEMANTIC, "%s cannot be of type %s",
                                    what, mof_ast_type_name(fp->type.kind));
        p->array_size = mof_compile_array_size(&fp->type);
        if ((p->name = strdup(fp->name)) == NULL ||
            (p->ref_class = strdup(fp->type.ref_class != NULL ? fp->type.ref_class : "")) == NULL)
            return mof_compile_nomem(ctx);
        if (mof_compile_check_type_class(ctx, &fp->pos, &fp->type, true, c->name, what) < 0)
            return -1;
        if (mof_compile_qualifiers(ctx, &fp->qualifiers, CIM_SCOPE_PARAMETER, what,
                                   &p->qualifiers.qualifiers_val,
                                   &p->qualifiers.qualifiers_len) < 0)
            return -1;
        if (p->type == CIM_TYPE_STRING &&
            (mof_compile_qualifier_find(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                        "EmbeddedInstance") != NULL ||
             mof_compile_qualifier_true(p->qualifiers.qualifiers_val,
                                        p->qualifiers.qualifiers_len, "EmbeddedObject")))
            p->type = CIM_TYPE_INSTANCE;
    }
    return 0;
}

static int
mof_compile_method(struct mof_compile_ctx *ctx, const struct mof_class *c,
                   const struct mof_feature *f, cim_class *cls)
{
    long idx = mof_compile_find_method(cls, f->name);
    cim_method m, *old = idx >= 0 ? &cls->methods.methods_val[idx] : NULL;
    char what[600];

    memset(&m, 0, sizeof(m));
    snprintf(what, sizeof(what), "method %s of class %s", f->name, c->name);
    m.return_type = mof_compile_type(f->type.kind);
    if ((m.return_type == CIM_TYPE_VOID && f->type.kind != MOF_TYPE_VOID) ||
        f->type.kind == MOF_TYPE_OBJECT || f->type.is_array)
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                                "%s must return nothing (void) or a single value of a data type "
                                "(usually uint32), not %s%s; return anything else through an "
                                "out parameter", what,
                                f->type.kind == MOF_TYPE_OBJECT && f->type.ref_class != NULL
                                    ? f->type.ref_class : mof_ast_type_name(f->type.kind),
                                f->type.is_array ? " array" : "");
    if ((m.name = strdup(f->name)) == NULL || (m.class_origin = strdup(c->name)) == NULL) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)&m);
        return mof_compile_nomem(ctx);
    }
    if (old != NULL) {
        m.qualifiers = old->qualifiers;
        memset(&old->qualifiers, 0, sizeof(old->qualifiers));
    } else if (mof_compile_qualifier_written(&f->qualifiers, "Override")) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)&m);
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                                "%s is marked Override but no superclass of %s has a method %s",
                                what, c->name, f->name);
    }
    if (mof_compile_qualifiers(ctx, &f->qualifiers, CIM_SCOPE_METHOD, what,
                               &m.qualifiers.qualifiers_val, &m.qualifiers.qualifiers_len) < 0 ||
        mof_compile_parameters(ctx, c, f, &m) < 0) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)&m);
        return -1;
    }
    if (old != NULL) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)old);
        *old = m;
        return 0;
    }
    if (cls->methods.methods_len >= CIM_METHODS_MAX) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)&m);
        return mof_compile_fail(ctx, &f->pos, MOF_ERR_LIMIT, "class %s has more than %d methods",
                                c->name, CIM_METHODS_MAX);
    }
    old = realloc(cls->methods.methods_val, (cls->methods.methods_len + 1) * sizeof(cim_method));
    if (old == NULL) {
        xdr_free((xdrproc_t)xdr_cim_method, (char *)&m);
        return mof_compile_nomem(ctx);
    }
    cls->methods.methods_val = old;
    cls->methods.methods_val[cls->methods.methods_len++] = m;
    return 0;
}

/* Add Association = TRUE (for "association X" declarations) when absent. */
static int
mof_compile_mark_association(struct mof_compile_ctx *ctx, cim_class *cls)
{
    cim_qualifier *grown, *q;

    if (mof_compile_qualifier_find(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                                   "Association") != NULL)
        return 0;
    grown = realloc(cls->qualifiers.qualifiers_val,
                    (cls->qualifiers.qualifiers_len + 1) * sizeof(cim_qualifier));
    if (grown == NULL)
        return mof_compile_nomem(ctx);
    cls->qualifiers.qualifiers_val = grown;
    q = &grown[cls->qualifiers.qualifiers_len];
    memset(q, 0, sizeof(*q));
    q->name = strdup("Association");
    q->value.type = CIM_TYPE_BOOLEAN;
    q->value.items.items_val = calloc(1, sizeof(cim_scalar));
    if (q->name == NULL || q->value.items.items_val == NULL) {
        xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)q);
        return mof_compile_nomem(ctx);
    }
    q->value.items.items_len = 1;
    q->value.items.items_val[0].type = CIM_TYPE_BOOLEAN;
    q->value.items.items_val[0].cim_scalar_u.b = TRUE;
    q->flavor = CIM_FLAVOR_DISABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS;
    cls->qualifiers.qualifiers_len++;
    return 0;
}

/* Class-wide rules once every feature is in place. */
static int
mof_compile_class_check(struct mof_compile_ctx *ctx, const struct mof_class *c,
                        const cim_class *cls)
{
    unsigned refs = 0;
    u_int i;

    for (i = 0; i < cls->properties.properties_len; i++)
        if (cls->properties.properties_val[i].type == CIM_TYPE_REFERENCE)
            refs++;
    if (mof_compile_qualifier_true(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                                   "Association") && refs < 2 &&
        !mof_compile_qualifier_true(cls->qualifiers.qualifiers_val,
                                    cls->qualifiers.qualifiers_len, "Abstract"))
        return mof_compile_fail(ctx, &c->pos, MOF_ERR_SEMANTIC,
                                "association %s has %u reference%s; an association relates at "
                                "least two (declare them as \"Class REF Name;\")", c->name, refs,
                                refs == 1 ? "" : "s");
    return 0;
}

int
mof_compile_class(struct mof_compile_ctx *ctx, const struct mof_class *c)
{
    const cim_class *super = NULL;
    struct repo_error rerr;
    unsigned scope = CIM_SCOPE_CLASS;
    cim_class cls;
    size_t i, j;
    int found;

    memset(&cls, 0, sizeof(cls));
    if (!cim_names_element_valid(c->name))
        return mof_compile_fail(ctx, &c->pos, MOF_ERR_SEMANTIC,
                                "'%s' is not a valid class name (a letter or _, then letters, "
                                "digits and _)", c->name);
    if (mof_compile_class_declare(ctx, c) < 0)
        return -1;
    if (c->superclass != NULL) {
        found = mof_compile_class_lookup(ctx, c->superclass, &super);
        if (found <= 0)
            return found < 0 ? -1 : mof_compile_fail(ctx, &c->pos, MOF_ERR_SEMANTIC,
                                                     "the superclass %s of class %s is not "
                                                     "defined in namespace %s; define it first "
                                                     "or include the file that does",
                                                     c->superclass, c->name, ctx->nspace);
        if (strcasecmp(super->name, c->name) == 0)
            return mof_compile_fail(ctx, &c->pos, MOF_ERR_SEMANTIC,
                                    "class %s cannot be its own superclass", c->name);
    }
    if ((cls.name = strdup(c->name)) == NULL ||
        (cls.superclass = strdup(super != NULL ? super->name : "")) == NULL)
        goto nomem;
    if (super != NULL &&
        (mof_compile_qualifiers_inherit(ctx, super->qualifiers.qualifiers_val,
                                        super->qualifiers.qualifiers_len,
                                        &cls.qualifiers.qualifiers_val,
                                        &cls.qualifiers.qualifiers_len) < 0 ||
         mof_compile_inherit_features(ctx, super, &cls) < 0))
        goto fail;
    if (c->association_keyword || mof_compile_qualifier_written(&c->qualifiers, "Association") ||
        mof_compile_qualifier_true(cls.qualifiers.qualifiers_val, cls.qualifiers.qualifiers_len,
                                   "Association"))
        scope |= CIM_SCOPE_ASSOCIATION;
    if (mof_compile_qualifier_written(&c->qualifiers, "Indication") ||
        mof_compile_qualifier_true(cls.qualifiers.qualifiers_val, cls.qualifiers.qualifiers_len,
                                   "Indication"))
        scope |= CIM_SCOPE_INDICATION;
    {
        char what[300];

        snprintf(what, sizeof(what), "class %s", c->name);
        if (mof_compile_qualifiers(ctx, &c->qualifiers, scope, what, &cls.qualifiers.qualifiers_val,
                                   &cls.qualifiers.qualifiers_len) < 0)
            goto fail;
    }
    if (c->association_keyword && mof_compile_mark_association(ctx, &cls) < 0)
        goto fail;
    for (i = 0; i < c->n_features; i++) {
        const struct mof_feature *f = c->features[i];

        for (j = 0; j < i; j++)
            if (c->features[j]->kind == f->kind && mof_ast_name_eq(c->features[j]->name, f->name)) {
                mof_compile_fail(ctx, &f->pos, MOF_ERR_SEMANTIC,
                                 "class %s declares %s %s twice", c->name,
                                 f->kind == MOF_FEATURE_METHOD ? "method" : "property", f->name);
                goto fail;
            }
        if ((f->kind == MOF_FEATURE_METHOD ? mof_compile_method(ctx, c, f, &cls)
                                           : mof_compile_property(ctx, c, f, &cls)) < 0)
            goto fail;
    }
    if (mof_compile_class_check(ctx, c, &cls) < 0)
        goto fail;
    if (repo_class_put(ctx->repo, ctx->nspace, &cls, ctx->class_mode, &rerr) < 0) {
        mof_compile_fail(ctx, &c->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
        goto fail;
    }
    ctx->stats.classes++;
    return mof_compile_class_cache_put(ctx, &cls);

nomem:
    mof_compile_nomem(ctx);
fail:
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
    return -1;
}
