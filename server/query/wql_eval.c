/*
 * wql_eval.c: a bound WQL condition decided over one instance
 * (wql_eval.h).
 *
 * Each test first reads its operand: the instance's value of the
 * property (or a system property from the instance and the environment)
 * into a struct wql_eval_operand, NULL when absent; then compares it with
 * the value wql_bind() converted.  AND, OR and NOT follow SQL's three-
 * valued logic and stop early when the left side decides (FALSE for AND,
 * TRUE for OR).  Nothing is allocated except the text of __PATH and the
 * class name read out of an embedded object or a reference, each freed
 * before the test returns.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_path.h"
#include "common/cim_type.h"
#include "common/wbem.h"
#include "query/wql_eval.h"

struct wql_evaluator {
    const cim_instance *inst;
    const struct wql_eval_env *env;     /* may be NULL */
    struct wql_error *err;
};

/* The value a test reads. */
struct wql_eval_operand {
    bool is_null;
    enum wql_value_kind kind;
    cim_type type;                      /* of the value */
    bool negative;                      /* INTEGER */
    uint64_t magnitude;
    double real;                        /* REAL */
    bool boolean;                       /* BOOLEAN */
    uint32_t char16;                    /* CHAR16 */
    const char *string;                 /* STRING; borrowed or OWNED */
    const cim_scalar *scalar;           /* a class property's value */
    char *owned;                        /* freed by wql_eval_operand_clear() */
};

static void
wql_eval_operand_clear(struct wql_eval_operand *o)
{
    free(o->owned);
    o->owned = NULL;
}

static int
wql_eval_nomem(struct wql_evaluator *ev)
{
    return wql_error_set(ev->err, WBEM_E_FAILED, 0, "out of memory evaluating a query");
}

/* The instance's value of property P (found by name; first tried at the
 * class's position), or NULL when the instance lacks it. */
static const cim_value *
wql_eval_find(const cim_instance *inst, const struct wql_prop *p)
{
    const cim_property_value *pv = inst->properties.properties_val;
    u_int n = inst->properties.properties_len;

    if (p->index < n && strcasecmp(pv[p->index].name, p->name) == 0)
        return &pv[p->index].value;
    for (u_int i = 0; i < n; i++)
        if (strcasecmp(pv[i].name, p->name) == 0)
            return &pv[i].value;
    return NULL;
}

/* "//SERVER/NSPACE:RELPATH" (parts missing as wql_eval.h says), or NULL
 * in *OUT without a relative path.  -1 when out of memory. */
static int
wql_eval_path(const struct wql_eval_env *env, char **out)
{
    size_t len;

    *out = NULL;
    if (env == NULL || env->relpath == NULL)
        return 0;
    len = strlen(env->relpath) + (env->nspace ? strlen(env->nspace) + 1 : 0) +
          (env->server && env->nspace ? strlen(env->server) + 3 : 0) + 1;
    if ((*out = malloc(len)) == NULL)
        return -1;
    if (env->server != NULL && env->nspace != NULL)
        snprintf(*out, len, "//%s/%s:%s", env->server, env->nspace, env->relpath);
    else if (env->nspace != NULL)
        snprintf(*out, len, "%s:%s", env->nspace, env->relpath);
    else
        snprintf(*out, len, "%s", env->relpath);
    return 0;
}

/* A system property's value into O. */
static int
wql_eval_system(struct wql_evaluator *ev, const struct wql_prop *p, struct wql_eval_operand *o)
{
    const struct wql_eval_env *env = ev->env;
    const char *s = NULL;

    o->kind = WQL_VALUE_STRING;
    o->type = CIM_TYPE_STRING;
    switch (p->sys) {
    case WQL_SYS_CLASS:
        s = ev->inst->class_name;
        break;
    case WQL_SYS_SUPERCLASS:
        s = env != NULL && env->superclass != NULL && env->superclass[0] != '\0'
            ? env->superclass : NULL;
        break;
    case WQL_SYS_NAMESPACE:
        s = env != NULL ? env->nspace : NULL;
        break;
    case WQL_SYS_SERVER:
        s = env != NULL ? env->server : NULL;
        break;
    case WQL_SYS_RELPATH:
        s = env != NULL ? env->relpath : NULL;
        break;
    case WQL_SYS_PATH:
        if (wql_eval_path(env, &o->owned) < 0)
            return wql_eval_nomem(ev);
        s = o->owned;
        break;
    case WQL_SYS_GENUS:
        o->kind = WQL_VALUE_INTEGER;
        o->type = CIM_TYPE_SINT32;
        o->magnitude = 2;       /* an instance (1 would be a class) */
        return 0;
    default:                    /* __THIS: ISA reads the instance itself */
        o->kind = WQL_VALUE_NONE;
        return 0;
    }
    o->string = s;
    o->is_null = s == NULL;
    return 0;
}

/*
 * The operand of test C into O (zeroed by the caller; cleared with
 * wql_eval_operand_clear()).  A value of the wrong type for its class is
 * an error; one of the right type is decoded into O's fields.
 */
static int
wql_eval_operand(struct wql_evaluator *ev, const struct wql_cond *c, struct wql_eval_operand *o)
{
    const struct wql_prop *p = &c->prop;
    const cim_value *v;
    const cim_scalar *s;
    bool kind_ok;

    if (p->sys != WQL_SYS_NONE)
        return wql_eval_system(ev, p, o);
    v = wql_eval_find(ev->inst, p);
    if (v == NULL || v->is_null || (!v->is_array && v->items.items_len == 0)) {
        o->is_null = true;
        return 0;
    }
    if (c->kind == WQL_COND_IS_NULL) {
        /* Only NULL or not matters (a wrongly typed value is not NULL);
         * a NaN real counts as NULL, as the repository stores it. */
        o->is_null = !v->is_array && v->items.items_len == 1 &&
                     (v->type == CIM_TYPE_REAL32 || v->type == CIM_TYPE_REAL64) &&
                     v->items.items_val[0].type == v->type &&
                     isnan(v->items.items_val[0].cim_scalar_u.r);
        return 0;
    }
    kind_ok = p->type == CIM_TYPE_INSTANCE ? v->type == CIM_TYPE_INSTANCE
                                           : wql_bound_value_kind(v->type) == p->kind;
    if ((bool)v->is_array != p->is_array || v->items.items_len != 1 || !kind_ok ||
        v->items.items_val[0].type != v->type)
        return wql_error_set(ev->err, WBEM_E_TYPE_MISMATCH, 0,
                             "an instance of %s gives property %s a value that is not of the "
                             "type its class declares; the instance's provider must be fixed",
                             ev->inst->class_name, p->name);
    s = &v->items.items_val[0];
    o->scalar = s;
    o->type = v->type;
    o->kind = wql_bound_value_kind(v->type);
    switch (o->kind) {
    case WQL_VALUE_INTEGER:
        if (cim_type_is_signed(v->type)) {
            int64_t i = s->cim_scalar_u.i;
            o->negative = i < 0;
            o->magnitude = i < 0 ? (uint64_t)(-(i + 1)) + 1 : (uint64_t)i;
        } else {
            o->magnitude = s->cim_scalar_u.u;
        }
        break;
    case WQL_VALUE_REAL:
        o->real = s->cim_scalar_u.r;
        o->is_null = isnan(o->real);    /* stored as NULL by the repository */
        break;
    case WQL_VALUE_BOOLEAN:
        o->boolean = s->cim_scalar_u.b;
        break;
    case WQL_VALUE_CHAR16:
        o->char16 = s->cim_scalar_u.c;
        break;
    case WQL_VALUE_STRING:
        o->string = s->cim_scalar_u.s;
        o->is_null = o->string == NULL;
        break;
    default:
        break;
    }
    return 0;
}

/* ------------------------------------------------------------ tests ---- */

static enum wql_truth
wql_eval_order(enum wql_op op, int cmp)
{
    bool t;

    switch (op) {
    case WQL_OP_EQ: t = cmp == 0; break;
    case WQL_OP_NE: t = cmp != 0; break;
    case WQL_OP_LT: t = cmp < 0; break;
    case WQL_OP_LE: t = cmp <= 0; break;
    case WQL_OP_GT: t = cmp > 0; break;
    default:        t = cmp >= 0; break;
    }
    return t ? WQL_TRUE : WQL_FALSE;
}

/* Compare the integers -A/+A and -B/+B (sign and magnitude). */
static int
wql_eval_int_cmp(bool a_neg, uint64_t a, bool b_neg, uint64_t b)
{
    if (a_neg != b_neg)
        return a_neg ? -1 : 1;
    if (a == b)
        return 0;
    return (a < b) != a_neg ? -1 : 1;
}

static int
wql_eval_compare(struct wql_evaluator *ev, const struct wql_cond *c, enum wql_truth *out)
{
    struct wql_eval_operand o = { 0 };
    const struct wql_value *v = &c->value;
    int cmp = 0;

    if (wql_eval_operand(ev, c, &o) < 0)
        return -1;
    if (o.is_null) {
        *out = WQL_UNKNOWN;
    } else if (c->kind == WQL_COND_DECIDED) {
        *out = c->decided ? WQL_TRUE : WQL_FALSE;
    } else {
        switch (v->kind) {
        case WQL_VALUE_INTEGER:
            cmp = wql_eval_int_cmp(o.negative, o.magnitude, v->negative, v->magnitude);
            break;
        case WQL_VALUE_REAL:
            cmp = (o.real > v->real) - (o.real < v->real);
            break;
        case WQL_VALUE_BOOLEAN:
            cmp = o.boolean != v->boolean;
            break;
        case WQL_VALUE_CHAR16: {
            uint32_t a = wql_bound_char16_fold(o.char16), z = wql_bound_char16_fold(v->char16);
            cmp = (a > z) - (a < z);
            break;
        }
        default:
            cmp = wql_bound_text_cmp(o.string, v->string);
            break;
        }
        *out = wql_eval_order(c->op, cmp);
    }
    wql_eval_operand_clear(&o);
    return 0;
}

static int
wql_eval_like(struct wql_evaluator *ev, const struct wql_cond *c, enum wql_truth *out)
{
    struct wql_eval_operand o = { 0 };
    char utf8[4];
    const char *text;
    bool m;

    if (wql_eval_operand(ev, c, &o) < 0)
        return -1;
    if (o.is_null) {
        *out = WQL_UNKNOWN;
        wql_eval_operand_clear(&o);
        return 0;
    }
    if (o.kind == WQL_VALUE_CHAR16) {
        /* As the repository writes a char16 in a key. */
        cim_type_char16_utf8(o.char16, utf8);
        text = utf8;
    } else {
        text = o.string;
    }
    m = wql_like_match(c->like, text);
    *out = m != c->negated ? WQL_TRUE : WQL_FALSE;
    wql_eval_operand_clear(&o);
    return 0;
}

/* The class named by the XDR of an embedded instance: its first field,
 * read alone (bounded by CIM_NAME_MAX; nothing else is decoded), as a new
 * string the caller frees, or NULL when it cannot be read. */
static char *
wql_eval_embedded_class(const cim_scalar *s)
{
    XDR xdrs;
    char *name = NULL;

    if (s->cim_scalar_u.embedded.embedded_len == 0)
        return NULL;
    xdrmem_create(&xdrs, s->cim_scalar_u.embedded.embedded_val,
                  s->cim_scalar_u.embedded.embedded_len, XDR_DECODE);
    if (!xdr_string(&xdrs, &name, CIM_NAME_MAX))
        name = NULL;            /* xdr_string frees what it allocated */
    xdr_destroy(&xdrs);
    return name;                /* malloc'd by xdr_string */
}

static int
wql_eval_isa(struct wql_evaluator *ev, const struct wql_cond *c, enum wql_truth *out)
{
    struct wql_eval_operand o = { 0 };
    struct cim_path path = { 0 };
    char why[256], *owned = NULL;
    const char *name = NULL;
    int rc = 0, r;

    *out = WQL_UNKNOWN;
    if (c->prop.sys == WQL_SYS_THIS) {
        name = ev->inst->class_name;
    } else {
        if (wql_eval_operand(ev, c, &o) < 0)
            return -1;
        if (o.is_null)
            goto cleanup;
        if (o.type == CIM_TYPE_INSTANCE)
            name = owned = wql_eval_embedded_class(o.scalar);
        else if (cim_path_parse(o.string, &path, why, sizeof(why)) == 0)
            name = path.class_name;
    }
    if (name == NULL)
        goto cleanup;           /* the class cannot be read: UNKNOWN */
    if (ev->env != NULL && ev->env->isa != NULL)
        r = ev->env->isa(ev->env->arg, name, c->value.string, ev->err);
    else
        r = strcasecmp(name, c->value.string) == 0;
    if (r < 0) {
        rc = -1;
        goto cleanup;
    }
    *out = r ? WQL_TRUE : WQL_FALSE;

cleanup:
    free(owned);
    cim_path_clear(&path);
    wql_eval_operand_clear(&o);
    return rc;
}

static int
wql_eval_is_null(struct wql_evaluator *ev, const struct wql_cond *c, enum wql_truth *out)
{
    struct wql_eval_operand o = { 0 };

    if (wql_eval_operand(ev, c, &o) < 0)
        return -1;
    *out = o.is_null != c->negated ? WQL_TRUE : WQL_FALSE;
    wql_eval_operand_clear(&o);
    return 0;
}

/* ------------------------------------------------------------- tree ---- */

static int
wql_eval_cond(struct wql_evaluator *ev, const struct wql_cond *c, enum wql_truth *out)
{
    enum wql_truth l, r;

    switch (c->kind) {
    case WQL_COND_AND:
    case WQL_COND_OR:
        if (wql_eval_cond(ev, c->left, &l) < 0)
            return -1;
        if (l == (c->kind == WQL_COND_AND ? WQL_FALSE : WQL_TRUE)) {
            *out = l;
            return 0;
        }
        if (wql_eval_cond(ev, c->right, &r) < 0)
            return -1;
        if (r == (c->kind == WQL_COND_AND ? WQL_FALSE : WQL_TRUE))
            *out = r;
        else if (l == WQL_UNKNOWN || r == WQL_UNKNOWN)
            *out = WQL_UNKNOWN;
        else
            *out = l;           /* both TRUE (AND) or both FALSE (OR) */
        return 0;
    case WQL_COND_NOT:
        if (wql_eval_cond(ev, c->left, &l) < 0)
            return -1;
        *out = l == WQL_UNKNOWN ? WQL_UNKNOWN : l == WQL_TRUE ? WQL_FALSE : WQL_TRUE;
        return 0;
    case WQL_COND_COMPARE:
    case WQL_COND_DECIDED:
        return wql_eval_compare(ev, c, out);
    case WQL_COND_LIKE:
        return wql_eval_like(ev, c, out);
    case WQL_COND_ISA:
        return wql_eval_isa(ev, c, out);
    case WQL_COND_IS_NULL:
        return wql_eval_is_null(ev, c, out);
    }
    return wql_error_set(ev->err, WBEM_E_FAILED, 0,
                         "the bound query holds a test of unknown kind %d", (int)c->kind);
}

int
wql_eval(const struct wql_bound *b, const cim_instance *inst, const struct wql_eval_env *env,
         enum wql_truth *out, struct wql_error *err)
{
    struct wql_evaluator ev = { .inst = inst, .env = env, .err = err };
    const struct wql_cond *where = wql_bound_where(b);

    if (where == NULL) {
        *out = WQL_TRUE;
        return 0;
    }
    return wql_eval_cond(&ev, where, out);
}
