/*
 * mof_compile_instance.c: instance declarations, aliases and embedded
 * instances.
 *
 * An instance is checked against its resolved class (every property
 * named exists, every value converts to the property's type) and stored
 * through the repository, which fills the properties not given with
 * their defaults and refuses abstract classes and missing keys.
 *
 * Aliases: every "instance of X as $A" of the document is recorded
 * before compiling, so a reference may name an instance declared later.
 * The alias's path is computed when first needed, in the namespace of the
 * reference, from the aliased instance's keys; an alias whose keys refer
 * back to itself is an error, not a loop.
 *
 * "instance of __NAMESPACE { Name = "x"; }" creates the namespace x under
 * the current one (as WMI's mofcomp does) instead of storing an instance.
 */
#include <config.h>

#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "mof/mof_compile_internal.h"
#include "repository/repo_instance.h"
#include "repository/repo_namespace.h"

struct mof_alias {
    const char *name;                   /* borrowed from the document */
    const struct mof_instance *inst;    /* borrowed */
    char *path;                         /* computed on first use */
    bool resolving;                     /* computing its path right now */
};

static int
mof_compile_alias_cmp(const void *a, const void *b)
{
    return strcasecmp(((const struct mof_alias *)a)->name, ((const struct mof_alias *)b)->name);
}

static void
mof_compile_alias_free(void *p)
{
    struct mof_alias *a = p;

    free(a->path);
    free(a);
}

static int
mof_compile_key_cmp(const void *a, const void *b)
{
    return strcasecmp(a, b);
}

void
mof_compile_instance_cleanup(struct mof_compile_ctx *ctx)
{
    tdestroy(ctx->aliases, mof_compile_alias_free);
    tdestroy(ctx->instance_keys, free);
    ctx->aliases = NULL;
    ctx->instance_keys = NULL;
}

int
mof_compile_instance_aliases(struct mof_compile_ctx *ctx, const struct mof_document *doc)
{
    char where[512];
    size_t i;

    for (i = 0; i < doc->n_decls; i++) {
        const struct mof_instance *inst;
        struct mof_alias *a, **slot;

        if (doc->decls[i]->kind != MOF_DECL_INSTANCE || doc->decls[i]->u.instance->alias == NULL)
            continue;
        inst = doc->decls[i]->u.instance;
        if ((a = calloc(1, sizeof(*a))) == NULL)
            return mof_compile_nomem(ctx);
        a->name = inst->alias;
        a->inst = inst;
        slot = tsearch(a, &ctx->aliases, mof_compile_alias_cmp);
        if (slot == NULL || *slot != a) {
            free(a);
            if (slot == NULL)
                return mof_compile_nomem(ctx);
            return mof_compile_fail(ctx, &inst->pos, MOF_ERR_SEMANTIC,
                                    "alias $%s is already used by the instance at %s; choose "
                                    "another", inst->alias,
                                    mof_compile_where(&(*slot)->inst->pos, where, sizeof(where)));
        }
    }
    return 0;
}

/* The class of the instance aliased NAME, or NULL (not an alias of this
 * document: mof_compile_alias_path reports that). */
static const char *
mof_compile_alias_class(struct mof_compile_ctx *ctx, const char *name)
{
    struct mof_alias key = { .name = name }, **hit;

    hit = tfind(&key, &ctx->aliases, mof_compile_alias_cmp);
    return hit != NULL ? (*hit)->inst->class_name : NULL;
}

/*
 * Check that the instances V holds are of the class P requires: aliases
 * given to a reference must name instances of its class (or below), and
 * embedded instances must be of the class the property is typed by (MOF v3)
 * or its EmbeddedInstance qualifier names.
 */
static int
mof_compile_check_classes(struct mof_compile_ctx *ctx, const cim_property *p,
                          const struct mof_value *v, const char *what)
{
    const struct mof_value *const *items = &v;
    const cim_qualifier *embedded = NULL;
    const char *required, *actual, *embedded_class = NULL;
    size_t n = 1, i;
    int ok;

    if (v->kind == MOF_VALUE_ARRAY) {
        items = (const struct mof_value *const *)v->u.array.items;
        n = v->u.array.n;
    }
    if (p->type == CIM_TYPE_INSTANCE && p->ref_class[0] != '\0')
        embedded_class = p->ref_class;
    else if (p->type == CIM_TYPE_INSTANCE)
        embedded = mof_compile_qualifier_find(p->qualifiers.qualifiers_val,
                                              p->qualifiers.qualifiers_len, "EmbeddedInstance");
    if (embedded != NULL && embedded->value.type == CIM_TYPE_STRING && !embedded->value.is_null &&
        embedded->value.items.items_len == 1)
        embedded_class = embedded->value.items.items_val[0].cim_scalar_u.s;
    for (i = 0; i < n; i++) {
        if (items[i]->kind == MOF_VALUE_ALIAS && p->type == CIM_TYPE_REFERENCE &&
            p->ref_class[0] != '\0')
            actual = mof_compile_alias_class(ctx, items[i]->u.alias), required = p->ref_class;
        else if (items[i]->kind == MOF_VALUE_INSTANCE && embedded_class != NULL)
            actual = items[i]->u.instance->class_name, required = embedded_class;
        else
            continue;
        if (actual == NULL)
            continue;
        ok = mof_compile_derives_from(ctx, actual, required);
        if (ok < 0)
            return -1;
        if (ok == 0)
            return mof_compile_fail(ctx, &items[i]->pos, MOF_ERR_SEMANTIC,
                                    "%s holds %s %s, which is not %s or derived from it",
                                    what, p->type == CIM_TYPE_REFERENCE
                                              ? "a reference to an instance of class"
                                              : "an embedded instance of class",
                                    actual, required);
    }
    return 0;
}

/* Build the instance MI (not yet stored) into *OUT (zeroed; the caller
 * frees it also on failure) and return its class in *CLS_OUT.  With
 * KEYS_ONLY, only its key properties are built (enough for its path). */
static int
mof_compile_build(struct mof_compile_ctx *ctx, const struct mof_instance *mi, bool keys_only,
                  cim_instance *out, const cim_class **cls_out)
{
    const cim_class *cls;
    char what[600];
    size_t i, j;
    int found;

    found = mof_compile_class_lookup(ctx, mi->class_name, &cls);
    if (found <= 0)
        return found < 0 ? -1 : mof_compile_fail(ctx, &mi->pos, MOF_ERR_SEMANTIC,
                                                 "class %s is not defined in namespace %s; "
                                                 "define it before its instances",
                                                 mi->class_name, ctx->nspace);
    if (mi->n_props > CIM_PROPERTIES_MAX)
        return mof_compile_fail(ctx, &mi->pos, MOF_ERR_LIMIT, "an instance of %s has more than "
                                "%d properties", cls->name, CIM_PROPERTIES_MAX);
    if ((out->class_name = strdup(cls->name)) == NULL)
        return mof_compile_nomem(ctx);
    if (mi->n_props > 0 &&
        (out->properties.properties_val = calloc(mi->n_props, sizeof(cim_property_value))) == NULL)
        return mof_compile_nomem(ctx);
    for (i = 0; i < mi->n_props; i++) {
        const struct mof_property_value *pv = mi->props[i];
        cim_property_value *v;
        const cim_property *p = NULL;
        cim_qualifier *quals = NULL;
        u_int n_quals = 0, k;
        int rc;

        for (k = 0; k < cls->properties.properties_len && p == NULL; k++)
            if (strcasecmp(cls->properties.properties_val[k].name, pv->name) == 0)
                p = &cls->properties.properties_val[k];
        if (p == NULL)
            return mof_compile_fail(ctx, &pv->pos, MOF_ERR_SEMANTIC,
                                    "class %s has no property %s", cls->name, pv->name);
        for (j = 0; j < i; j++)
            if (mof_ast_name_eq(mi->props[j]->name, pv->name))
                return mof_compile_fail(ctx, &pv->pos, MOF_ERR_SEMANTIC,
                                        "property %s is given twice in this instance of %s",
                                        p->name, cls->name);
        if (keys_only && !mof_compile_qualifier_true(p->qualifiers.qualifiers_val,
                                                     p->qualifiers.qualifiers_len, "Key"))
            continue;
        snprintf(what, sizeof(what), "property %s of class %s", p->name, cls->name);
        rc = mof_compile_qualifiers(ctx, &pv->qualifiers,
                                    p->type == CIM_TYPE_REFERENCE ? CIM_SCOPE_REFERENCE
                                                                  : CIM_SCOPE_PROPERTY,
                                    what, &quals, &n_quals);
        for (k = 0; k < n_quals; k++)
            xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)&quals[k]);
        free(quals);
        if (rc < 0)
            return -1;
        v = &out->properties.properties_val[out->properties.properties_len++];
        if ((v->name = strdup(p->name)) == NULL)
            return mof_compile_nomem(ctx);
        if (mof_compile_check_classes(ctx, p, pv->value, what) < 0 ||
            mof_compile_value(ctx, pv->value, p->type, p->array_size >= 0, what, &v->value) < 0)
            return -1;
    }
    *cls_out = cls;
    return 0;
}

int
mof_compile_alias_path(struct mof_compile_ctx *ctx, const char *name, const struct mof_pos *pos,
                       const char **path_out)
{
    struct mof_alias key = { .name = name }, **hit, *a;
    const cim_class *cls;
    struct repo_error rerr;
    cim_instance inst;
    char *keytext;
    int rc;

    hit = tfind(&key, &ctx->aliases, mof_compile_alias_cmp);
    if (hit == NULL)
        return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                                "alias $%s is not defined; declare \"instance of Class as $%s "
                                "{ ... };\" in this compilation", name, name);
    a = *hit;
    if (a->path != NULL) {
        *path_out = a->path;
        return 0;
    }
    if (a->resolving)
        return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                                "alias $%s refers to itself through its own keys", name);
    a->resolving = true;
    memset(&inst, 0, sizeof(inst));
    rc = mof_compile_build(ctx, a->inst, true, &inst, &cls);
    a->resolving = false;
    if (rc == 0) {
        keytext = repo_instance_key(cls, &inst, &rerr);
        if (keytext == NULL)
            rc = mof_compile_fail(ctx, &a->inst->pos, MOF_ERR_SEMANTIC, "%s", rerr.message);
        else if (strcmp(keytext, "@") == 0 ? asprintf(&a->path, "%s=@", cls->name) < 0
                                           : asprintf(&a->path, "%s.%s", cls->name, keytext) < 0)
            rc = mof_compile_nomem(ctx);
        free(keytext);
    }
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    if (rc == 0)
        *path_out = a->path;
    return rc;
}

int
mof_compile_embedded(struct mof_compile_ctx *ctx, const struct mof_instance *mi, cim_scalar *out)
{
    const cim_class *cls;
    cim_instance inst;
    unsigned char *blob = NULL;
    size_t len;
    int rc = -1;

    memset(&inst, 0, sizeof(inst));
    out->type = CIM_TYPE_INSTANCE;
    if (mof_compile_build(ctx, mi, false, &inst, &cls) < 0)
        goto cleanup;
    if (mof_compile_qualifier_true(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                                   "Abstract")) {
        mof_compile_fail(ctx, &mi->pos, MOF_ERR_SEMANTIC,
                         "class %s is abstract and cannot have instances; embed an instance of "
                         "a concrete subclass", cls->name);
        goto cleanup;
    }
    if (xdr_blob_encode((xdrproc_t)xdr_cim_instance, &inst, &blob, &len) < 0 ||
        len > CIM_EMBEDDED_MAX) {
        mof_compile_fail(ctx, &mi->pos, MOF_ERR_LIMIT,
                         "the embedded instance of %s is larger than %d bytes", cls->name,
                         CIM_EMBEDDED_MAX);
        goto cleanup;
    }
    out->cim_scalar_u.embedded.embedded_val = (char *)blob;
    out->cim_scalar_u.embedded.embedded_len = (u_int)len;
    blob = NULL;
    rc = 0;

cleanup:
    free(blob);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    return rc;
}

/* The instance qualifier NAME of MI, or NULL. */
static const struct mof_qualifier *
mof_compile_instance_qualifier(const struct mof_instance *mi, const char *name)
{
    for (size_t i = 0; i < mi->qualifiers.n; i++)
        if (mof_ast_name_eq(mi->qualifiers.items[i]->name, name))
            return mi->qualifiers.items[i];
    return NULL;
}

/* Refuse MI's qualifiers other than ALLOWED (NULL: none allowed). */
static int
mof_compile_instance_qualifiers_only(struct mof_compile_ctx *ctx, const struct mof_instance *mi,
                                     const char *allowed)
{
    for (size_t i = 0; i < mi->qualifiers.n; i++) {
        const struct mof_qualifier *q = mi->qualifiers.items[i];

        if (allowed == NULL || !mof_ast_name_eq(q->name, allowed))
            return mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC, "qualifier %s has no "
                                    "meaning on an instance of %s%s%s", q->name, mi->class_name,
                                    allowed != NULL ? "; it takes only " : "",
                                    allowed != NULL ? allowed : "");
    }
    return 0;
}

/* "[RequiresEncryption(ON)] instance of __SystemSecurity {};": the
 * current namespace's demand for PktPrivacy.  Nothing is stored as an
 * instance (__SystemSecurity=@ is the namespace itself). */
static int
mof_compile_system_security(struct mof_compile_ctx *ctx, const struct mof_instance *mi)
{
    const struct mof_qualifier *q = mof_compile_instance_qualifier(mi, "RequiresEncryption");
    char why[256];
    bool on;

    if (mof_compile_instance_qualifiers_only(ctx, mi, "RequiresEncryption") < 0)
        return -1;
    if (mi->n_props > 0)
        return mof_compile_fail(ctx, &mi->props[0]->pos, MOF_ERR_SEMANTIC, "an instance of "
                                "__SystemSecurity has no properties to set; it stands for "
                                "the namespace (write [RequiresEncryption(TRUE)] on it)");
    if (q == NULL)
        return 0;
    if (q->value != NULL && q->value->kind != MOF_VALUE_BOOLEAN)
        return mof_compile_fail(ctx, &q->value->pos, MOF_ERR_SEMANTIC,
                                "RequiresEncryption takes TRUE or FALSE");
    on = q->value == NULL || q->value->u.boolean;
    if (ctx->opts->namespace_encryption == NULL)
        return mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC, "RequiresEncryption cannot "
                                "be set here");
    switch (ctx->opts->namespace_encryption(ctx->repo, ctx->nspace, on,
                                            ctx->opts->namespace_security_arg, why,
                                            sizeof(why))) {
    case 0:
        break;
    case -2:
        return mof_compile_fail(ctx, &q->pos, MOF_ERR_ACCESS, "RequiresEncryption: %s", why);
    default:
        return mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC, "RequiresEncryption: %s", why);
    }
    return 0;
}

/* "instance of __NAMESPACE { Name = "x"; }": create x below the current
 * namespace unless it exists; NamespaceSecuritySDDL on it gives a new
 * namespace its descriptor. */
static int
mof_compile_namespace_instance(struct mof_compile_ctx *ctx, const struct mof_instance *mi)
{
    const struct mof_value *name = NULL;
    const struct mof_qualifier *sddl;
    struct repo_error rerr;
    char *path = NULL, why[512];
    int64_t id;
    int found, rc = -1;
    size_t i;

    for (i = 0; i < mi->n_props; i++) {
        if (!mof_ast_name_eq(mi->props[i]->name, "Name"))
            return mof_compile_fail(ctx, &mi->props[i]->pos, MOF_ERR_SEMANTIC,
                                    "an __NAMESPACE instance has only the property Name, not %s",
                                    mi->props[i]->name);
        name = mi->props[i]->value;
    }
    if (name == NULL || name->kind != MOF_VALUE_STRING)
        return mof_compile_fail(ctx, name != NULL ? &name->pos : &mi->pos, MOF_ERR_SEMANTIC,
                                "an __NAMESPACE instance needs Name = \"child\"");
    if (asprintf(&path, "%s/%s", ctx->nspace, name->u.string) < 0)
        return mof_compile_nomem(ctx);
    if (strchr(name->u.string, '/') != NULL ||
        !cim_names_namespace_valid(path, why, sizeof(why))) {
        mof_compile_fail(ctx, &name->pos, MOF_ERR_SEMANTIC,
                         "\"%s\" is not a namespace name: %s", name->u.string,
                         strchr(name->u.string, '/') != NULL
                             ? "give one segment (letters, digits, _)" : why);
        goto cleanup;
    }
    if (mof_compile_instance_qualifiers_only(ctx, mi, "NamespaceSecuritySDDL") < 0)
        goto cleanup;
    sddl = mof_compile_instance_qualifier(mi, "NamespaceSecuritySDDL");
    if (sddl != NULL && (sddl->value == NULL || sddl->value->kind != MOF_VALUE_STRING)) {
        mof_compile_fail(ctx, &sddl->pos, MOF_ERR_SEMANTIC, "NamespaceSecuritySDDL takes the "
                         "descriptor as a string, such as \"O:BAG:BAD:(A;CI;CC;;;AU)\"");
        goto cleanup;
    }
    found = repo_namespace_find(ctx->repo, path, &id, &rerr);
    if (found == 0) {
        if (repo_namespace_create(ctx->repo, path, &rerr) < 0 ||
            (ctx->opts->namespace_created != NULL &&
             ctx->opts->namespace_created(ctx->repo, path, ctx->opts->namespace_created_arg,
                                          &rerr) < 0))
            found = -1;
        else
            ctx->stats.namespaces++;
        if (found == 0 && sddl != NULL) {
            if (ctx->opts->namespace_sddl == NULL) {
                mof_compile_fail(ctx, &sddl->pos, MOF_ERR_SEMANTIC,
                                 "NamespaceSecuritySDDL cannot be set here");
                goto cleanup;
            }
            int set = ctx->opts->namespace_sddl(ctx->repo, path, sddl->value->u.string,
                                                ctx->opts->namespace_security_arg, why,
                                                sizeof(why));

            if (set < 0) {
                mof_compile_fail(ctx, &sddl->value->pos,
                                 set == -2 ? MOF_ERR_ACCESS : MOF_ERR_SEMANTIC,
                                 "NamespaceSecuritySDDL: %s", why);
                goto cleanup;
            }
        }
    }
    if (found < 0) {
        mof_compile_fail(ctx, &mi->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
        goto cleanup;
    }
    rc = 0;

cleanup:
    free(path);
    return rc;
}

int
mof_compile_instance(struct mof_compile_ctx *ctx, const struct mof_instance *mi)
{
    const cim_class *cls;
    struct repo_error rerr;
    cim_instance inst;
    char *relpath = NULL, *key = NULL, **slot;
    int rc = -1;

    if (mi->value_of)
        return mof_compile_fail(ctx, &mi->pos, MOF_ERR_SEMANTIC,
                                "\"value of\" declares a structure value (MOF v3), which cimrpc "
                                "stores only embedded in a property; write \"instance of\"");
    if (mof_ast_name_eq(mi->class_name, "__NAMESPACE"))
        return mof_compile_namespace_instance(ctx, mi);
    if (mof_ast_name_eq(mi->class_name, "__SystemSecurity"))
        return mof_compile_system_security(ctx, mi);
    memset(&inst, 0, sizeof(inst));
    if (mof_compile_build(ctx, mi, false, &inst, &cls) < 0)
        goto cleanup;
    if (repo_instance_put(ctx->repo, ctx->nspace, &inst, ctx->instance_mode, &relpath,
                          &rerr) < 0) {
        mof_compile_fail(ctx, &mi->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
        goto cleanup;
    }
    if (asprintf(&key, "%s:%s", ctx->nspace, relpath) < 0) {
        key = NULL;
        mof_compile_nomem(ctx);
        goto cleanup;
    }
    slot = tsearch(key, &ctx->instance_keys, mof_compile_key_cmp);
    if (slot == NULL) {
        mof_compile_nomem(ctx);
        goto cleanup;
    }
    if (*slot != key) {
        mof_compile_fail(ctx, &mi->pos, MOF_ERR_SEMANTIC,
                         "an instance with the same keys (%s) is already declared in this "
                         "compilation; keys must be unique", relpath);
        goto cleanup;
    }
    key = NULL;
    ctx->stats.instances++;
    rc = 0;

cleanup:
    free(key);
    free(relpath);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    return rc;
}
