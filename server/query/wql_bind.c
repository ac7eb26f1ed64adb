/*
 * wql_bind.c: resolving a parsed SELECT against its class (wql_bind.h).
 *
 * One walk over the syntax tree builds the bound tree beside it: every
 * property name is looked up (class properties first, then the system
 * properties), every literal converted to the type of the property it
 * meets, every LIKE pattern compiled.  Integer tests whose literal lies
 * outside the property type's range (or is a real with a fraction) are
 * rewritten here into plain integer tests or into DECIDED nodes, so the
 * back ends only ever compare integers within range.
 *
 * The walk recurses once per AND/OR/NOT node; the parser bounds the
 * nesting and the number of tests (WQL_DEPTH_MAX, WQL_TERMS_MAX).  The
 * first error stops it; everything built so far is freed by the one
 * cleanup in wql_bind().
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_type.h"
#include "common/utf8.h"
#include "common/wbem.h"
#include "query/wql_bind.h"

struct wql_bound {
    char *class_name;
    bool select_all;
    char **properties;          /* the class's spelling, owned */
    size_t n_properties;
    struct wql_cond *where;     /* NULL: no WHERE */
};

/* Everything one bind needs. */
struct wql_binder {
    const cim_class *cls;
    struct wql_error *err;
};

/* ------------------------------------------------------------ names ---- */

static const struct {
    const char *name;
    enum wql_sys sys;
} wql_bind_system[] = {
    { "__CLASS", WQL_SYS_CLASS },         { "__SUPERCLASS", WQL_SYS_SUPERCLASS },
    { "__NAMESPACE", WQL_SYS_NAMESPACE }, { "__RELPATH", WQL_SYS_RELPATH },
    { "__PATH", WQL_SYS_PATH },           { "__SERVER", WQL_SYS_SERVER },
    { "__GENUS", WQL_SYS_GENUS },         { "__THIS", WQL_SYS_THIS },
    { "__DERIVATION", WQL_SYS_DERIVATION },
};

/* TYPE's name in WQL's messages, which call an embedded instance an
 * embedded object throughout. */
static const char *
wql_bind_type_name(cim_type type)
{
    const char *name = cim_type_name(type);

    if (type == CIM_TYPE_INSTANCE)
        return "embedded object";
    return name != NULL ? name : "value of unknown type";
}

enum wql_value_kind
wql_bound_value_kind(cim_type type)
{
    switch (type) {
    case CIM_TYPE_SINT8: case CIM_TYPE_UINT8: case CIM_TYPE_SINT16: case CIM_TYPE_UINT16:
    case CIM_TYPE_SINT32: case CIM_TYPE_UINT32: case CIM_TYPE_SINT64: case CIM_TYPE_UINT64:
        return WQL_VALUE_INTEGER;
    case CIM_TYPE_REAL32: case CIM_TYPE_REAL64:
        return WQL_VALUE_REAL;
    case CIM_TYPE_STRING: case CIM_TYPE_DATETIME: case CIM_TYPE_REFERENCE:
        return WQL_VALUE_STRING;
    case CIM_TYPE_BOOLEAN:
        return WQL_VALUE_BOOLEAN;
    case CIM_TYPE_CHAR16:
        return WQL_VALUE_CHAR16;
    default:
        return WQL_VALUE_NONE;
    }
}

/*
 * Look NAME up: a property of the class, else a system property.  Returns
 * 1 with *P filled (P->name borrowed from the class or a static table), 0
 * when nothing has that name.  __DERIVATION comes back as an array.
 */
static int
wql_bind_lookup(const cim_class *cls, const char *name, struct wql_prop *p)
{
    memset(p, 0, sizeof(*p));
    for (u_int i = 0; i < cls->properties.properties_len; i++) {
        const cim_property *cp = &cls->properties.properties_val[i];

        if (strcasecmp(cp->name, name) != 0)
            continue;
        p->name = cp->name;
        p->sys = WQL_SYS_NONE;
        p->index = i;
        p->type = cp->type;
        p->is_array = cp->array_size >= 0;
        p->has_column = !p->is_array && cp->type != CIM_TYPE_INSTANCE;
        p->kind = p->is_array ? WQL_VALUE_NONE : wql_bound_value_kind(p->type);
        return 1;
    }
    for (size_t i = 0; i < sizeof(wql_bind_system) / sizeof(wql_bind_system[0]); i++) {
        if (strcasecmp(wql_bind_system[i].name, name) != 0)
            continue;
        p->name = wql_bind_system[i].name;
        p->sys = wql_bind_system[i].sys;
        p->type = p->sys == WQL_SYS_GENUS ? CIM_TYPE_SINT32 : CIM_TYPE_STRING;
        p->is_array = p->sys == WQL_SYS_DERIVATION;
        p->kind = p->sys == WQL_SYS_THIS || p->is_array ? WQL_VALUE_NONE
                                                        : wql_bound_value_kind(p->type);
        return 1;
    }
    return 0;
}

/* The property test E names, into *P with P->name a copy the caller owns;
 * refused with its column when unknown or unusable. */
static int
wql_bind_prop(struct wql_binder *bd, const struct wql_expr *e, struct wql_prop *p)
{
    if (!wql_bind_lookup(bd->cls, e->property, p))
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "class %s has no property '%s'", bd->cls->name, e->property);
    if (p->sys == WQL_SYS_THIS && e->kind != WQL_EXPR_ISA)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "__THIS stands for the instance itself and is only used with ISA, "
                             "as in \"__THIS ISA '%s'\"", bd->cls->name);
    if (p->sys == WQL_SYS_DERIVATION)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "__DERIVATION is an array and WQL compares single values only; "
                             "to test a class's ancestry, write \"__THIS ISA 'Class'\"");
    if ((p->name = strdup(p->name)) == NULL)
        return wql_error_set(bd->err, WBEM_E_FAILED, 0, "out of memory binding a query");
    return 0;
}

/* "the integer 5", "the string 'x'", ... for messages about LIT. */
static void
wql_bind_describe(const struct wql_literal *lit, char *buf, size_t len)
{
    switch (lit->kind) {
    case WQL_LIT_BOOLEAN:
        snprintf(buf, len, "%s", lit->boolean ? "TRUE" : "FALSE");
        break;
    case WQL_LIT_INTEGER:
        snprintf(buf, len, "the integer %s%llu", lit->negative ? "-" : "",
                 (unsigned long long)lit->magnitude);
        break;
    case WQL_LIT_REAL:
        snprintf(buf, len, "the real number %.15g", lit->real);
        break;
    case WQL_LIT_STRING:
        snprintf(buf, len, "the string '%.80s'", lit->string);
        break;
    default:
        snprintf(buf, len, "NULL");
        break;
    }
}

/* A literal LIT that does not fit property P of the class. */
static int
wql_bind_mismatch(struct wql_binder *bd, const struct wql_prop *p, const struct wql_literal *lit,
                  const char *wanted)
{
    char found[128];

    wql_bind_describe(lit, found, sizeof(found));
    return wql_error_set(bd->err, WBEM_E_TYPE_MISMATCH, lit->pos,
                         "property %s of class %s is a %s: compare it with %s, not %s", p->name,
                         bd->cls->name, wql_bind_type_name(p->type), wanted, found);
}

/* ---------------------------------------------------------- numbers ---- */

/* Does TEXT read, whole, as a finite real?  1 with *OUT, else 0. */
static int
wql_bind_parse_real(const char *text, double *out)
{
    char *end;

    if (*text == '\0' || *text == ' ' || *text == '\t' || *text == '\n')
        return 0;
    errno = 0;
    *out = strtod(text, &end);
    return *end == '\0' && isfinite(*out) && errno != ERANGE;
}

/* The outcome of "x OP v" for every x of the type when v lies ABOVE every
 * x (or below it). */
static bool
wql_bind_decided(enum wql_op op, bool above)
{
    switch (op) {
    case WQL_OP_EQ: return false;
    case WQL_OP_NE: return true;
    case WQL_OP_LT: case WQL_OP_LE: return above;
    default:        return !above;          /* > >= */
    }
}

/*
 * "prop OP -MAG" (NEG) or "+MAG" against integer property P into C: a
 * COMPARE within range, or DECIDED.  OVER: the magnitude exceeds 64 bits.
 */
static void
wql_bind_integer(const struct wql_prop *p, enum wql_op op, bool neg, uint64_t mag, bool over,
                 struct wql_cond *c)
{
    c->op = op;
    if (over || !cim_type_int_fits(p->type, neg, mag)) {
        c->kind = WQL_COND_DECIDED;
        c->decided = wql_bind_decided(op, !neg);
        return;
    }
    c->kind = WQL_COND_COMPARE;
    c->value.kind = WQL_VALUE_INTEGER;
    c->value.negative = neg && mag != 0;
    c->value.magnitude = mag;
}

/* "prop OP R" (R finite) against integer property P into C: x < 2.5 is
 * x <= 2, x > 2.5 is x >= 3, x = 2.5 is FALSE for every x. */
static void
wql_bind_integer_real(const struct wql_prop *p, enum wql_op op, double r, struct wql_cond *c)
{
    double f = r;
    bool over = false;

    if (floor(r) != r) {
        switch (op) {
        case WQL_OP_EQ: case WQL_OP_NE:
            c->kind = WQL_COND_DECIDED;
            c->op = op;
            c->decided = op == WQL_OP_NE;
            return;
        case WQL_OP_LT: case WQL_OP_LE:
            f = floor(r);
            op = WQL_OP_LE;
            break;
        default:
            f = ceil(r);
            op = WQL_OP_GE;
            break;
        }
    }
    /* f is integral: 2^64 and beyond, or below -2^63, lie outside every
     * integer type; the conversions below are exact. */
    if (f >= 18446744073709551616.0 || f < -9223372036854775808.0)
        over = true;
    if (over)
        wql_bind_integer(p, op, f < 0, UINT64_MAX, true, c);
    else if (f < 0)
        wql_bind_integer(p, op, true, f == -9223372036854775808.0
                                      ? (uint64_t)INT64_MAX + 1 : (uint64_t)(int64_t)-f,
                         false, c);
    else
        wql_bind_integer(p, op, false, (uint64_t)f, false, c);
}

/* ------------------------------------------------------- comparisons ---- */

static int
wql_bind_compare_integer(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_literal *lit = &e->value;
    bool neg;
    uint64_t mag;
    double r;
    int rc;

    switch (lit->kind) {
    case WQL_LIT_INTEGER:
        wql_bind_integer(&c->prop, e->op, lit->negative, lit->magnitude, false, c);
        return 0;
    case WQL_LIT_REAL:
        wql_bind_integer_real(&c->prop, e->op, lit->real, c);
        return 0;
    case WQL_LIT_STRING:
        if ((rc = cim_type_parse_integer(lit->string, &neg, &mag)) >= 0) {
            wql_bind_integer(&c->prop, e->op, neg, mag, rc > 0, c);
            return 0;
        }
        if (wql_bind_parse_real(lit->string, &r)) {
            wql_bind_integer_real(&c->prop, e->op, r, c);
            return 0;
        }
        return wql_bind_mismatch(bd, &c->prop, lit, "a number (a string must read as one)");
    default:
        return wql_bind_mismatch(bd, &c->prop, lit, "a number");
    }
}

static int
wql_bind_compare_real(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_literal *lit = &e->value;
    double r;

    switch (lit->kind) {
    case WQL_LIT_INTEGER:
        r = (double)lit->magnitude;
        c->value.real = lit->negative ? -r : r;
        break;
    case WQL_LIT_REAL:
        c->value.real = lit->real;
        break;
    case WQL_LIT_STRING:
        if (!wql_bind_parse_real(lit->string, &c->value.real))
            return wql_bind_mismatch(bd, &c->prop, lit, "a number (a string must read as one)");
        break;
    default:
        return wql_bind_mismatch(bd, &c->prop, lit, "a number");
    }
    c->kind = WQL_COND_COMPARE;
    c->op = e->op;
    c->value.kind = WQL_VALUE_REAL;
    return 0;
}

static int
wql_bind_compare_boolean(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_literal *lit = &e->value;
    const char *s = lit->string;
    int v = -1;

    if (e->op != WQL_OP_EQ && e->op != WQL_OP_NE)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "property %s of class %s is a boolean, which has no order: test "
                             "it with = or <>", c->prop.name, bd->cls->name);
    if (lit->kind == WQL_LIT_BOOLEAN)
        v = lit->boolean;
    else if (lit->kind == WQL_LIT_INTEGER && !lit->negative && lit->magnitude <= 1)
        v = (int)lit->magnitude;
    else if (lit->kind == WQL_LIT_STRING && (strcasecmp(s, "TRUE") == 0 || strcmp(s, "1") == 0))
        v = 1;
    else if (lit->kind == WQL_LIT_STRING && (strcasecmp(s, "FALSE") == 0 || strcmp(s, "0") == 0))
        v = 0;
    if (v < 0)
        return wql_bind_mismatch(bd, &c->prop, lit, "TRUE, FALSE, 1 or 0");
    c->kind = WQL_COND_COMPARE;
    c->op = e->op;
    c->value.kind = WQL_VALUE_BOOLEAN;
    c->value.boolean = v == 1;
    return 0;
}

static int
wql_bind_compare_char16(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_literal *lit = &e->value;
    uint32_t cp = 0;
    size_t n = 0, len;

    if (lit->kind == WQL_LIT_STRING && (len = strlen(lit->string)) > 0)
        n = utf8_decode(lit->string, len, &cp);
    if (lit->kind != WQL_LIT_STRING || n == 0 || lit->string[n] != '\0' || cp > 0xFFFF)
        return wql_bind_mismatch(bd, &c->prop, lit, "one character in quotes (at most U+FFFF)");
    c->kind = WQL_COND_COMPARE;
    c->op = e->op;
    c->value.kind = WQL_VALUE_CHAR16;
    c->value.char16 = cp;
    return 0;
}

static int
wql_bind_compare(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_prop *p = &c->prop;

    if (p->is_array)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "property %s of class %s is an array and WQL compares single "
                             "values only", p->name, bd->cls->name);
    if (p->type == CIM_TYPE_INSTANCE)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "property %s of class %s is an embedded object and WQL compares "
                             "single values only (ISA tests the class of the object it holds)",
                             p->name, bd->cls->name);
    switch (p->kind) {
    case WQL_VALUE_INTEGER:
        return wql_bind_compare_integer(bd, e, c);
    case WQL_VALUE_REAL:
        return wql_bind_compare_real(bd, e, c);
    case WQL_VALUE_BOOLEAN:
        return wql_bind_compare_boolean(bd, e, c);
    case WQL_VALUE_CHAR16:
        return wql_bind_compare_char16(bd, e, c);
    case WQL_VALUE_STRING:
        if (e->value.kind != WQL_LIT_STRING)
            return wql_bind_mismatch(bd, p, &e->value, "a string in quotes");
        if ((c->value.string = strdup(e->value.string)) == NULL)
            return wql_error_set(bd->err, WBEM_E_FAILED, 0, "out of memory binding a query");
        c->kind = WQL_COND_COMPARE;
        c->op = e->op;
        c->value.kind = WQL_VALUE_STRING;
        return 0;
    default:
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "property %s of class %s is a %s, which WQL cannot compare",
                             p->name, bd->cls->name, wql_bind_type_name(p->type));
    }
}

static int
wql_bind_like(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_prop *p = &c->prop;
    char why[256];

    if (p->is_array || (p->kind != WQL_VALUE_STRING && p->kind != WQL_VALUE_CHAR16))
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "LIKE matches strings, but property %s of class %s is a%s %s%s",
                             p->name, bd->cls->name,
                             p->is_array ? "n" : (p->type == CIM_TYPE_INSTANCE ? "n" : ""),
                             p->is_array ? "array of " : "", wql_bind_type_name(p->type));
    if (e->value.kind != WQL_LIT_STRING)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->value.pos,
                             "LIKE needs a pattern in quotes");
    if (wql_like_compile(e->value.string, &c->like, why, sizeof(why)) < 0)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->value.pos,
                             "the LIKE pattern is malformed: %s", why);
    if ((c->pattern = strdup(e->value.string)) == NULL)
        return wql_error_set(bd->err, WBEM_E_FAILED, 0, "out of memory binding a query");
    c->kind = WQL_COND_LIKE;
    c->negated = e->negated;
    return 0;
}

static int
wql_bind_isa(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond *c)
{
    const struct wql_prop *p = &c->prop;

    if (p->sys != WQL_SYS_THIS && (p->is_array || (p->type != CIM_TYPE_REFERENCE &&
                                                   p->type != CIM_TYPE_INSTANCE) ||
                                   p->sys != WQL_SYS_NONE))
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                             "ISA tests the class of a reference, of an embedded object or of "
                             "__THIS, but %s of class %s is a%s %s%s", p->name, bd->cls->name,
                             p->is_array ? "n" : "", p->is_array ? "array of " : "",
                             wql_bind_type_name(p->type));
    if (e->value.kind != WQL_LIT_STRING)
        return wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->value.pos,
                             "ISA needs a class name");
    if ((c->value.string = strdup(e->value.string)) == NULL)
        return wql_error_set(bd->err, WBEM_E_FAILED, 0, "out of memory binding a query");
    c->kind = WQL_COND_ISA;
    return 0;
}

/* ------------------------------------------------------------- tree ---- */

static void
wql_bind_cond_free(struct wql_cond *c)
{
    if (c == NULL)
        return;
    wql_bind_cond_free(c->left);
    wql_bind_cond_free(c->right);
    free((char *)c->prop.name);
    free(c->value.string);
    free(c->pattern);
    wql_like_free(c->like);
    free(c);
}

/* Bind E into *OUT (NULL on entry; set on success, owned by the caller). */
static int
wql_bind_cond(struct wql_binder *bd, const struct wql_expr *e, struct wql_cond **out)
{
    struct wql_cond *c = calloc(1, sizeof(*c));
    int rc = -1;

    if (c == NULL)
        return wql_error_set(bd->err, WBEM_E_FAILED, 0, "out of memory binding a query");
    c->pos = e->pos;
    switch (e->kind) {
    case WQL_EXPR_AND:
    case WQL_EXPR_OR:
        c->kind = e->kind == WQL_EXPR_AND ? WQL_COND_AND : WQL_COND_OR;
        if (wql_bind_cond(bd, e->left, &c->left) < 0 || wql_bind_cond(bd, e->right, &c->right) < 0)
            goto cleanup;
        break;
    case WQL_EXPR_NOT:
        c->kind = WQL_COND_NOT;
        if (wql_bind_cond(bd, e->left, &c->left) < 0)
            goto cleanup;
        break;
    case WQL_EXPR_COMPARE:
    case WQL_EXPR_LIKE:
    case WQL_EXPR_ISA:
    case WQL_EXPR_IS_NULL:
        /* The name is a copy: the class may go before the bound query. */
        if (wql_bind_prop(bd, e, &c->prop) < 0) {
            c->prop.name = NULL;
            goto cleanup;
        }
        if (e->kind == WQL_EXPR_COMPARE)
            rc = wql_bind_compare(bd, e, c);
        else if (e->kind == WQL_EXPR_LIKE)
            rc = wql_bind_like(bd, e, c);
        else if (e->kind == WQL_EXPR_ISA)
            rc = wql_bind_isa(bd, e, c);
        else {
            c->kind = WQL_COND_IS_NULL;
            c->negated = e->negated;
            rc = 0;
        }
        if (rc < 0)
            goto cleanup;
        break;
    default:
        wql_error_set(bd->err, WBEM_E_INVALID_QUERY, e->pos,
                      "the condition holds a test this server does not know (kind %d)",
                      (int)e->kind);
        goto cleanup;
    }
    *out = c;
    return 0;

cleanup:
    wql_bind_cond_free(c);
    return -1;
}

/* ------------------------------------------------------------ entry ---- */

int
wql_bind(const struct wql_query *q, const cim_class *cls, struct wql_bound **out,
         struct wql_error *err)
{
    struct wql_binder bd = { .cls = cls, .err = err };
    struct wql_bound *b = NULL;
    struct wql_prop p;
    int rc = -1;

    *out = NULL;
    if (q->kind != WQL_QUERY_SELECT)
        return wql_error_set(err, WBEM_E_INVALID_QUERY_TYPE, 0,
                             "only SELECT queries over instances can be run this way");
    if ((b = calloc(1, sizeof(*b))) == NULL ||
        (b->class_name = strdup(cls->name)) == NULL ||
        (b->properties = calloc(q->n_properties + 1, sizeof(*b->properties))) == NULL) {
        wql_error_set(err, WBEM_E_FAILED, 0, "out of memory binding a query");
        goto cleanup;
    }
    b->select_all = q->select_all;
    for (size_t i = 0; i < q->n_properties; i++) {
        unsigned pos = q->property_pos != NULL ? q->property_pos[i] : 0;
        bool seen = false;

        if (!wql_bind_lookup(cls, q->properties[i], &p)) {
            wql_error_set(err, WBEM_E_INVALID_QUERY, pos, "class %s has no property '%s'",
                          cls->name, q->properties[i]);
            goto cleanup;
        }
        if (p.sys != WQL_SYS_NONE) {
            if (p.sys == WQL_SYS_THIS) {
                wql_error_set(err, WBEM_E_INVALID_QUERY, pos, "class %s has no property '%s'",
                              cls->name, q->properties[i]);
                goto cleanup;
            }
            continue;           /* system properties: every result has its path */
        }
        for (size_t j = 0; j < b->n_properties && !seen; j++)
            seen = strcmp(b->properties[j], p.name) == 0;
        if (seen)
            continue;
        if ((b->properties[b->n_properties] = strdup(p.name)) == NULL) {
            wql_error_set(err, WBEM_E_FAILED, 0, "out of memory binding a query");
            goto cleanup;
        }
        b->n_properties++;
    }
    if (q->where != NULL && wql_bind_cond(&bd, q->where, &b->where) < 0)
        goto cleanup;
    *out = b;
    b = NULL;
    rc = 0;

cleanup:
    wql_bound_free(b);
    return rc;
}

void
wql_bound_free(struct wql_bound *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n_properties; i++)
        free(b->properties[i]);
    free(b->properties);
    free(b->class_name);
    wql_bind_cond_free(b->where);
    free(b);
}

bool
wql_bound_select_all(const struct wql_bound *b)
{
    return b->select_all;
}

size_t
wql_bound_n_properties(const struct wql_bound *b)
{
    return b->n_properties;
}

const char *
wql_bound_property(const struct wql_bound *b, size_t i)
{
    return i < b->n_properties ? b->properties[i] : NULL;
}

const char *
wql_bound_class(const struct wql_bound *b)
{
    return b->class_name;
}

const struct wql_cond *
wql_bound_where(const struct wql_bound *b)
{
    return b->where;
}

/* ---------------------------------------------------------- folding ---- */

static unsigned char
wql_bound_fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

int
wql_bound_text_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    for (;; x++, y++) {
        unsigned char fx = wql_bound_fold(*x), fy = wql_bound_fold(*y);

        if (*x == '\0' || *y == '\0')
            return (*x != '\0') - (*y != '\0');
        if (fx != fy)
            return fx < fy ? -1 : 1;
    }
}

uint32_t
wql_bound_char16_fold(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}
