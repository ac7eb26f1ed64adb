/*
 * mof_compile_qualifier.c: qualifier declarations, and qualifiers as used
 * on classes, properties, methods and parameters.
 *
 * A used qualifier must be declared in the target namespace; its value
 * is converted to the declared type (a boolean qualifier written without
 * a value is TRUE, another takes the declared default); its flavor is
 * the declaration's with the written flavors applied.  Propagated
 * qualifiers (from the superclass or the overridden feature) may be
 * given a new value unless their flavor is DisableOverride.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "common/xdr_blob.h"
#include "mof/mof_compile_internal.h"
#include "repository/repo_qualifier.h"

/* The CIM scope bits of MOF scope bits. */
static unsigned
mof_compile_scopes(unsigned mof_scopes)
{
    static const struct { unsigned mof, cim; } map[] = {
        { MOF_SCOPE_CLASS, CIM_SCOPE_CLASS },         { MOF_SCOPE_ASSOCIATION, CIM_SCOPE_ASSOCIATION },
        { MOF_SCOPE_INDICATION, CIM_SCOPE_INDICATION }, { MOF_SCOPE_QUALIFIER, CIM_SCOPE_QUALIFIER },
        { MOF_SCOPE_PROPERTY, CIM_SCOPE_PROPERTY },   { MOF_SCOPE_REFERENCE, CIM_SCOPE_REFERENCE },
        { MOF_SCOPE_METHOD, CIM_SCOPE_METHOD },       { MOF_SCOPE_PARAMETER, CIM_SCOPE_PARAMETER },
        { MOF_SCOPE_ANY, CIM_SCOPE_ANY },
    };
    unsigned cim = 0;
    size_t i;

    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (mof_scopes & map[i].mof)
            cim |= map[i].cim;
    return cim;
}

/* Apply written MOF flavors to FLAVOR; a written pair that contradicts
 * itself is an error. */
static int
mof_compile_flavor(struct mof_compile_ctx *ctx, const struct mof_pos *pos, const char *name,
                   unsigned written, unsigned *flavor)
{
    if ((written & MOF_FLAVOR_ENABLEOVERRIDE) && (written & MOF_FLAVOR_DISABLEOVERRIDE))
        return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                                "qualifier %s is given both EnableOverride and DisableOverride; "
                                "keep one", name);
    if ((written & MOF_FLAVOR_TOSUBCLASS) && (written & MOF_FLAVOR_RESTRICTED))
        return mof_compile_fail(ctx, pos, MOF_ERR_SEMANTIC,
                                "qualifier %s is given both ToSubclass and Restricted; keep one",
                                name);
    if (written & MOF_FLAVOR_ENABLEOVERRIDE)
        *flavor = (*flavor & ~(unsigned)CIM_FLAVOR_DISABLE_OVERRIDE) | CIM_FLAVOR_ENABLE_OVERRIDE;
    if (written & MOF_FLAVOR_DISABLEOVERRIDE)
        *flavor = (*flavor & ~(unsigned)CIM_FLAVOR_ENABLE_OVERRIDE) | CIM_FLAVOR_DISABLE_OVERRIDE;
    if (written & MOF_FLAVOR_TOSUBCLASS)
        *flavor = (*flavor & ~(unsigned)CIM_FLAVOR_RESTRICTED) | CIM_FLAVOR_TO_SUBCLASS;
    if (written & MOF_FLAVOR_RESTRICTED)
        *flavor = (*flavor & ~(unsigned)CIM_FLAVOR_TO_SUBCLASS) | CIM_FLAVOR_RESTRICTED;
    if (written & MOF_FLAVOR_TRANSLATABLE)
        *flavor |= CIM_FLAVOR_TRANSLATABLE;
    return 0;
}

int
mof_compile_qualifier_decl(struct mof_compile_ctx *ctx, const struct mof_qualifier_decl *qd)
{
    cim_qualifier_decl decl;
    struct repo_error rerr;
    char what[320];
    int rc = -1;

    memset(&decl, 0, sizeof(decl));
    if (!cim_names_element_valid(qd->name))
        return mof_compile_fail(ctx, &qd->pos, MOF_ERR_SEMANTIC,
                                "'%s' is not a valid qualifier name", qd->name);
    decl.type = mof_compile_type(qd->type.kind);
    if (qd->type.kind == MOF_TYPE_REFERENCE || decl.type == 0)
        return mof_compile_fail(ctx, &qd->pos, MOF_ERR_SEMANTIC,
                                "qualifier %s must have a data type (boolean, integers, reals, "
                                "char16, string or datetime), not %s", qd->name,
                                mof_ast_type_name(qd->type.kind));
    decl.is_array = qd->type.is_array;
    decl.scopes = mof_compile_scopes(qd->scopes);
    if (decl.scopes == 0)
        return mof_compile_fail(ctx, &qd->pos, MOF_ERR_SEMANTIC,
                                "qualifier %s has no scope; add Scope(...)", qd->name);
    decl.flavor = CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS;
    if (mof_compile_flavor(ctx, &qd->pos, qd->name, qd->flavors, &decl.flavor) < 0)
        return -1;
    if ((decl.name = strdup(qd->name)) == NULL)
        return mof_compile_nomem(ctx);
    snprintf(what, sizeof(what), "the default of qualifier %s", qd->name);
    if (qd->default_value != NULL) {
        if (mof_compile_value(ctx, qd->default_value, decl.type, decl.is_array, what,
                              &decl.default_value) < 0)
            goto cleanup;
    } else {
        decl.default_value.type = decl.type;
        decl.default_value.is_array = decl.is_array;
        decl.default_value.is_null = true;
    }
    if (repo_qualifier_put(ctx->repo, ctx->nspace, &decl, &rerr) < 0) {
        mof_compile_fail(ctx, &qd->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
        goto cleanup;
    }
    ctx->stats.qualifiers++;
    rc = 0;

cleanup:
    xdr_free((xdrproc_t)xdr_cim_qualifier_decl, (char *)&decl);
    return rc;
}

const cim_qualifier *
mof_compile_qualifier_find(const cim_qualifier *items, u_int n, const char *name)
{
    u_int i;

    for (i = 0; i < n; i++)
        if (strcasecmp(items[i].name, name) == 0)
            return &items[i];
    return NULL;
}

bool
mof_compile_qualifier_true(const cim_qualifier *items, u_int n, const char *name)
{
    const cim_qualifier *q = mof_compile_qualifier_find(items, n, name);

    return q != NULL && q->value.type == CIM_TYPE_BOOLEAN && !q->value.is_null &&
           !q->value.is_array && q->value.items.items_len == 1 &&
           q->value.items.items_val[0].cim_scalar_u.b;
}

bool
mof_compile_qualifier_written(const struct mof_qualifier_list *list, const char *name)
{
    size_t i;

    for (i = 0; i < list->n; i++)
        if (mof_ast_name_eq(list->items[i]->name, name))
            return true;
    return false;
}

/* Are two values the same (type, arrayness, nullness, items)? */
static int
mof_compile_value_equal(const cim_value *a, const cim_value *b)
{
    unsigned char *ba = NULL, *bb = NULL;
    size_t la, lb;
    int eq = -1;

    if (xdr_blob_encode((xdrproc_t)xdr_cim_value, (void *)a, &ba, &la) == 0 &&
        xdr_blob_encode((xdrproc_t)xdr_cim_value, (void *)b, &bb, &lb) == 0)
        eq = la == lb && memcmp(ba, bb, la) == 0;
    free(ba);
    free(bb);
    return eq;
}

/* Append a zeroed qualifier to *ITEMS (of *N); returns it, or NULL. */
static cim_qualifier *
mof_compile_qualifier_append(cim_qualifier **items, u_int *n)
{
    cim_qualifier *grown;

    if (*n >= CIM_QUALIFIERS_MAX)
        return NULL;
    grown = realloc(*items, ((size_t)*n + 1) * sizeof(**items));
    if (grown == NULL)
        return NULL;
    *items = grown;
    memset(&grown[*n], 0, sizeof(grown[*n]));
    return &grown[(*n)++];
}

/* Resolve one written qualifier Q into *OUT (zeroed). */
static int
mof_compile_qualifier_value(struct mof_compile_ctx *ctx, const struct mof_qualifier *q,
                            unsigned scope, const char *what, cim_qualifier *out)
{
    cim_qualifier_decl decl;
    struct repo_error rerr;
    char target[400];
    int found, rc = -1;

    memset(&decl, 0, sizeof(decl));
    found = repo_qualifier_get(ctx->repo, ctx->nspace, q->name, &decl, &rerr);
    if (found < 0)
        return mof_compile_fail(ctx, &q->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
    if (found == 0)
        return mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC,
                                "qualifier %s is not declared in namespace %s; declare it "
                                "(\"Qualifier %s : type, Scope(...);\") or include the file that "
                                "does", q->name, ctx->nspace, q->name);
    if ((decl.scopes & scope) == 0) {
        mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC,
                         "qualifier %s cannot be used on %s: its declaration's Scope does not "
                         "include it", decl.name, what);
        goto cleanup;
    }
    out->flavor = decl.flavor;
    if (mof_compile_flavor(ctx, &q->pos, decl.name, q->flavors, &out->flavor) < 0)
        goto cleanup;
    if ((out->name = strdup(decl.name)) == NULL) {
        mof_compile_nomem(ctx);
        goto cleanup;
    }
    snprintf(target, sizeof(target), "qualifier %s", decl.name);
    if (q->value != NULL) {
        if (mof_compile_value(ctx, q->value, decl.type, decl.is_array, target, &out->value) < 0)
            goto cleanup;
    } else if (decl.type == CIM_TYPE_BOOLEAN && !decl.is_array) {
        out->value.type = CIM_TYPE_BOOLEAN;
        out->value.items.items_val = calloc(1, sizeof(cim_scalar));
        if (out->value.items.items_val == NULL) {
            mof_compile_nomem(ctx);
            goto cleanup;
        }
        out->value.items.items_len = 1;
        out->value.items.items_val[0].type = CIM_TYPE_BOOLEAN;
        out->value.items.items_val[0].cim_scalar_u.b = TRUE;
    } else {
        out->value = decl.default_value;
        memset(&decl.default_value, 0, sizeof(decl.default_value));
    }
    rc = 0;

cleanup:
    xdr_free((xdrproc_t)xdr_cim_qualifier_decl, (char *)&decl);
    return rc;
}

int
mof_compile_qualifiers(struct mof_compile_ctx *ctx, const struct mof_qualifier_list *list,
                       unsigned scope, const char *what, cim_qualifier **items, u_int *n)
{
    size_t i, j;

    for (i = 0; i < list->n; i++) {
        const struct mof_qualifier *q = list->items[i];
        cim_qualifier resolved, *slot;
        int eq;

        for (j = 0; j < i; j++)
            if (mof_ast_name_eq(list->items[j]->name, q->name))
                return mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC,
                                        "qualifier %s is given twice on %s", q->name, what);
        memset(&resolved, 0, sizeof(resolved));
        if (mof_compile_qualifier_value(ctx, q, scope, what, &resolved) < 0) {
            xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)&resolved);
            return -1;
        }
        slot = (cim_qualifier *)mof_compile_qualifier_find(*items, *n, q->name);
        if (slot != NULL && (slot->flavor & CIM_FLAVOR_DISABLE_OVERRIDE)) {
            eq = mof_compile_value_equal(&slot->value, &resolved.value);
            if (eq != 1) {
                xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)&resolved);
                return eq < 0 ? mof_compile_nomem(ctx)
                              : mof_compile_fail(ctx, &q->pos, MOF_ERR_SEMANTIC,
                                                 "qualifier %s of %s is DisableOverride where it "
                                                 "is inherited from and cannot be given another "
                                                 "value here", slot->name, what);
            }
        }
        if (slot != NULL) {
            xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)slot);
        } else if ((slot = mof_compile_qualifier_append(items, n)) == NULL) {
            xdr_free((xdrproc_t)xdr_cim_qualifier, (char *)&resolved);
            return *n >= CIM_QUALIFIERS_MAX
                       ? mof_compile_fail(ctx, &q->pos, MOF_ERR_LIMIT,
                                          "%s has more than %d qualifiers", what,
                                          CIM_QUALIFIERS_MAX)
                       : mof_compile_nomem(ctx);
        }
        *slot = resolved;
    }
    return 0;
}

int
mof_compile_qualifiers_inherit(struct mof_compile_ctx *ctx, const cim_qualifier *from,
                               u_int from_n, cim_qualifier **to, u_int *to_n)
{
    u_int i;

    for (i = 0; i < from_n; i++) {
        unsigned char *blob;
        size_t len;
        cim_qualifier *slot;
        int rc;

        if (from[i].flavor & CIM_FLAVOR_RESTRICTED)
            continue;
        if ((slot = mof_compile_qualifier_append(to, to_n)) == NULL)
            return mof_compile_nomem(ctx);
        if (xdr_blob_encode((xdrproc_t)xdr_cim_qualifier, (void *)&from[i], &blob, &len) < 0) {
            (*to_n)--;
            return mof_compile_nomem(ctx);
        }
        rc = xdr_blob_decode((xdrproc_t)xdr_cim_qualifier, blob, len, slot);
        free(blob);
        if (rc < 0) {
            (*to_n)--;
            return mof_compile_nomem(ctx);
        }
        slot->propagated = TRUE;
    }
    return 0;
}
