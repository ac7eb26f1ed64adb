/*
 * wql_sql.c: a bound WQL condition as a parameterised SQL condition
 * (wql_sql.h).
 *
 * One walk over the bound tree.  Each node's translation is a new string
 * (or "untranslatable") plus the parameters it appended to the shared
 * list; a node that comes back untranslatable, or whose text is dropped
 * by its parent (an OR over an untranslatable side, a NOT over an inexact
 * operand), takes its parameters back off the list, so the placeholders
 * in the final text are exactly ?3 .. ?(n_params + 2).  SQL text is made
 * from column positions, operators and placeholder numbers only.
 *
 * The parser makes a chain "a AND b AND c ..." a left-deep tree, up to
 * WQL_TERMS_MAX deep; SQLite refuses expressions nested more than 1000
 * deep.  So a chain of one operator is flattened and written as a
 * balanced tree of parentheses (AND and OR are associative in three-
 * valued logic too): depth log2(n).
 */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "query/wql_sql.h"

#define WQL_SQL_FIRST_PARAM 3   /* ?1 and ?2 are the page's own */

struct wql_sqlgen {
    const cim_class *cls;
    struct wql_sql *out;
    size_t cap;                 /* of out->params */
    struct wql_error *err;
};

static int
wql_sql_nomem(struct wql_sqlgen *g)
{
    return wql_error_set(g->err, WBEM_E_FAILED, 0, "out of memory translating a query to SQL");
}

/* A new string from FMT, into *OUT; -1 (ERR set) when out of memory. */
static int __attribute__((format(printf, 3, 4)))
wql_sql_fmt(struct wql_sqlgen *g, char **out, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vasprintf(out, fmt, ap);
    va_end(ap);
    if (n < 0) {
        *out = NULL;
        return wql_sql_nomem(g);
    }
    return 0;
}

/* ------------------------------------------------------- parameters ---- */

/* Take the parameter list back to its first N entries. */
static void
wql_sql_truncate(struct wql_sql *sql, size_t n)
{
    while (sql->n_params > n) {
        sql->n_params--;
        free(sql->params[sql->n_params].text);
        sql->params[sql->n_params].text = NULL;
    }
}

/*
 * Append P (its text, if any, now owned by the list: freed here on
 * failure) and return its placeholder number in *NUM.  Returns 1, 0 when
 * the list is full (REPO_FILTER_PARAMS_MAX: the test is left to the
 * evaluator), -1 when out of memory.
 */
static int
wql_sql_param(struct wql_sqlgen *g, struct repo_param p, unsigned *num)
{
    struct wql_sql *sql = g->out;

    if (sql->n_params >= REPO_FILTER_PARAMS_MAX) {
        free(p.text);
        return 0;
    }
    if (sql->n_params == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        struct repo_param *v = realloc(sql->params, cap * sizeof(*v));

        if (v == NULL) {
            free(p.text);
            return wql_sql_nomem(g);
        }
        sql->params = v;
        g->cap = cap;
    }
    sql->params[sql->n_params] = p;
    *num = (unsigned)(sql->n_params++) + WQL_SQL_FIRST_PARAM;
    return 1;
}

static int
wql_sql_param_int(struct wql_sqlgen *g, int64_t i, unsigned *num)
{
    struct repo_param p = { .kind = REPO_PARAM_INT, .i = i };

    return wql_sql_param(g, p, num);
}

/* A copy of S as a TEXT parameter. */
static int
wql_sql_param_text(struct wql_sqlgen *g, const char *s, unsigned *num)
{
    struct repo_param p = { .kind = REPO_PARAM_TEXT, .text = strdup(s) };

    if (p.text == NULL)
        return wql_sql_nomem(g);
    return wql_sql_param(g, p, num);
}

/* Integer V (bound, within the column type's range) encoded as stored:
 * INTEGER, or for uint64 above INT64_MAX the 20-digit TEXT. */
static int
wql_sql_param_integer(struct wql_sqlgen *g, const struct wql_cond *c, unsigned *num)
{
    const struct wql_value *v = &c->value;
    char digits[24];

    if (v->negative)
        return wql_sql_param_int(g, v->magnitude > (uint64_t)INT64_MAX
                                    ? INT64_MIN : -(int64_t)v->magnitude, num);
    if (v->magnitude <= (uint64_t)INT64_MAX)
        return wql_sql_param_int(g, (int64_t)v->magnitude, num);
    snprintf(digits, sizeof(digits), "%020" PRIu64, v->magnitude);
    return wql_sql_param_text(g, digits, num);
}

/* ------------------------------------------------------------ tests ---- */

static const char *
wql_sql_op(enum wql_op op)
{
    switch (op) {
    case WQL_OP_EQ: return "=";
    case WQL_OP_NE: return "<>";
    case WQL_OP_LT: return "<";
    case WQL_OP_LE: return "<=";
    case WQL_OP_GT: return ">";
    default:        return ">=";
    }
}

/* Does test C read a column of the class?  (System properties, arrays
 * and embedded objects have none.) */
static bool
wql_sql_column(const struct wql_sqlgen *g, const struct wql_cond *c)
{
    return c->prop.sys == WQL_SYS_NONE && c->prop.has_column &&
           c->prop.index < g->cls->properties.properties_len;
}

/* char16 = / <> : an ASCII letter matches both its cases. */
static int
wql_sql_char16(struct wql_sqlgen *g, const struct wql_cond *c, char **text)
{
    uint32_t ch = c->value.char16, lower = wql_bound_char16_fold(ch);
    uint32_t upper = lower >= 'a' && lower <= 'z' ? lower - ('a' - 'A') : lower;
    bool ne = c->op == WQL_OP_NE;
    unsigned a, z;
    int rc;

    if (c->op != WQL_OP_EQ && c->op != WQL_OP_NE)
        return 0;               /* order over folded letters: the evaluator's */
    if ((rc = wql_sql_param_int(g, lower, &a)) <= 0)
        return rc;
    if (upper == lower)
        return wql_sql_fmt(g, text, "c%u %s ?%u", c->prop.index, ne ? "<>" : "=", a) < 0
               ? -1 : 1;
    if ((rc = wql_sql_param_int(g, upper, &z)) <= 0)
        return rc;
    return wql_sql_fmt(g, text, "c%u %sIN (?%u, ?%u)", c->prop.index, ne ? "NOT " : "", a, z) < 0
           ? -1 : 1;
}

/* A comparison: 1 with *TEXT, 0 untranslatable, -1.  Parameters it
 * appended are left for the caller to take back on 0 or -1. */
static int
wql_sql_compare(struct wql_sqlgen *g, const struct wql_cond *c, char **text)
{
    struct repo_param real = { .kind = REPO_PARAM_REAL, .r = c->value.real };
    unsigned n = c->prop.index, num = 0;
    int rc;

    if (!wql_sql_column(g, c))
        return 0;
    if (c->kind == WQL_COND_DECIDED)
        /* NULL for NULL (three-valued, as the evaluator), else decided. */
        return wql_sql_fmt(g, text, "(c%u %s c%u)", n, c->decided ? "=" : "<>", n) < 0 ? -1 : 1;
    switch (c->value.kind) {
    case WQL_VALUE_INTEGER:
        rc = wql_sql_param_integer(g, c, &num);
        break;
    case WQL_VALUE_REAL:
        rc = wql_sql_param(g, real, &num);
        break;
    case WQL_VALUE_BOOLEAN:
        rc = wql_sql_param_int(g, c->value.boolean ? 1 : 0, &num);
        break;
    case WQL_VALUE_STRING:
        rc = wql_sql_param_text(g, c->value.string, &num);
        break;
    case WQL_VALUE_CHAR16:
        return wql_sql_char16(g, c, text);
    default:
        return 0;
    }
    if (rc <= 0)
        return rc;
    return wql_sql_fmt(g, text, "c%u %s ?%u", n, wql_sql_op(c->op), num) < 0 ? -1 : 1;
}

static int
wql_sql_like(struct wql_sqlgen *g, const struct wql_cond *c, char **text)
{
    unsigned num;
    int rc;

    /* A char16 column holds a number, which cim_like() would match as
     * digits: the evaluator's. */
    if (!wql_sql_column(g, c) || c->prop.kind != WQL_VALUE_STRING)
        return 0;
    if ((rc = wql_sql_param_text(g, c->pattern, &num)) <= 0)
        return rc;
    return wql_sql_fmt(g, text, "%scim_like(?%u, c%u)", c->negated ? "NOT " : "", num,
                       c->prop.index) < 0 ? -1 : 1;
}

/* ------------------------------------------------------------- tree ---- */

static int wql_sql_cond(struct wql_sqlgen *g, const struct wql_cond *c, char **text, bool *exact);

/* The operands of the AND (or OR) chain at C, in order, appended to *V
 * (*N of *CAP used): "(a AND b) AND c" has three. */
static int
wql_sql_chain(struct wql_sqlgen *g, const struct wql_cond *c, enum wql_cond_kind kind,
              const struct wql_cond ***v, size_t *n, size_t *cap)
{
    if (c->kind == kind)
        return wql_sql_chain(g, c->left, kind, v, n, cap) < 0 ||
               wql_sql_chain(g, c->right, kind, v, n, cap) < 0 ? -1 : 0;
    if (*n == *cap) {
        size_t grow = *cap ? *cap * 2 : 16;
        const struct wql_cond **w = realloc(*v, grow * sizeof(*w));

        if (w == NULL)
            return wql_sql_nomem(g);
        *v = w;
        *cap = grow;
    }
    (*v)[(*n)++] = c;
    return 0;
}

/* TEXTS[0..N) (N > 0) joined by OP, grouped as a balanced tree so that
 * SQLite's expression depth (at most 1000) grows with log2(N): a chain of
 * a thousand tests is fine. */
static int
wql_sql_join(struct wql_sqlgen *g, char *const *texts, size_t n, const char *op, char **out)
{
    char *l = NULL, *r = NULL;
    int rc;

    if (n == 1) {
        if ((*out = strdup(texts[0])) == NULL)
            return wql_sql_nomem(g);
        return 0;
    }
    rc = wql_sql_join(g, texts, n / 2, op, &l);
    if (rc == 0)
        rc = wql_sql_join(g, texts + n / 2, n - n / 2, op, &r);
    if (rc == 0)
        rc = wql_sql_fmt(g, out, "(%s %s %s)", l, op, r);
    free(l);
    free(r);
    return rc;
}

/*
 * An AND or OR chain at C: its operands translated in order, then joined.
 * Under AND an untranslatable operand is left out (the result is then
 * inexact); under OR it makes the whole chain untranslatable.  Returns as
 * wql_sql_cond().
 */
static int
wql_sql_andor(struct wql_sqlgen *g, const struct wql_cond *c, char **text, bool *exact)
{
    const struct wql_cond **ops = NULL;
    size_t n = 0, cap = 0, kept = 0;
    char **texts = NULL;
    int rc = 0;

    if (wql_sql_chain(g, c, c->kind, &ops, &n, &cap) < 0)
        return -1;
    if ((texts = calloc(n, sizeof(*texts))) == NULL) {
        free(ops);
        return wql_sql_nomem(g);
    }
    for (size_t i = 0; i < n; i++) {
        bool e;

        if ((rc = wql_sql_cond(g, ops[i], &texts[kept], &e)) < 0)
            goto cleanup;
        if (rc == 0) {
            *exact = false;
            if (c->kind == WQL_COND_OR)
                goto cleanup;   /* rc 0: the caller takes the parameters back */
            continue;
        }
        *exact = *exact && e;
        kept++;
    }
    rc = 0;
    if (kept > 0)
        rc = wql_sql_join(g, texts, kept, c->kind == WQL_COND_AND ? "AND" : "OR", text) < 0
             ? -1 : 1;

cleanup:
    for (size_t i = 0; i < kept; i++)
        free(texts[i]);
    free(texts);
    free(ops);
    return rc;
}

/*
 * Translate C: 1 with *TEXT (a new string) and *EXACT, 0 when it cannot
 * be translated, -1 (ERR set).  On 0 and -1 the parameter list is as it
 * was before the call.
 */
static int
wql_sql_cond(struct wql_sqlgen *g, const struct wql_cond *c, char **text, bool *exact)
{
    size_t mark = g->out->n_params;
    char *l = NULL;
    bool el = false;
    int rl, rc = 0;

    *text = NULL;
    *exact = true;
    switch (c->kind) {
    case WQL_COND_AND:
    case WQL_COND_OR:
        rc = wql_sql_andor(g, c, text, exact);
        break;
    case WQL_COND_NOT:
        if ((rl = wql_sql_cond(g, c->left, &l, &el)) < 0)
            rc = -1;
        else if (rl == 1 && el)
            rc = wql_sql_fmt(g, text, "(NOT %s)", l) < 0 ? -1 : 1;
        break;
    case WQL_COND_COMPARE:
    case WQL_COND_DECIDED:
        rc = wql_sql_compare(g, c, text);
        break;
    case WQL_COND_LIKE:
        rc = wql_sql_like(g, c, text);
        break;
    case WQL_COND_IS_NULL:
        if (wql_sql_column(g, c))
            rc = wql_sql_fmt(g, text, "c%u IS %sNULL", c->prop.index,
                             c->negated ? "NOT " : "") < 0 ? -1 : 1;
        break;
    default:                    /* ISA: the evaluator's */
        break;
    }
    free(l);
    if (rc != 1) {
        free(*text);
        *text = NULL;
        *exact = false;
        wql_sql_truncate(g->out, mark);
    }
    return rc;
}

/* ------------------------------------------------------- key lookup ---- */

/* Is property P of the class qualified Key? */
static bool
wql_sql_is_key(const cim_property *p)
{
    for (u_int i = 0; i < p->qualifiers.qualifiers_len; i++) {
        const cim_qualifier *q = &p->qualifiers.qualifiers_val[i];

        if (strcasecmp(q->name, "Key") == 0)
            return q->value.type == CIM_TYPE_BOOLEAN && !q->value.is_null &&
                   q->value.items.items_len >= 1 && q->value.items.items_val[0].cim_scalar_u.b;
    }
    return false;
}

/* The '=' test on property INDEX among the top-level AND conjuncts of C
 * that a canonical key can stand for, or NULL. */
static const struct wql_cond *
wql_sql_pinned(const struct wql_cond *c, unsigned index)
{
    const struct wql_cond *hit;

    if (c->kind == WQL_COND_AND) {
        if ((hit = wql_sql_pinned(c->left, index)) != NULL)
            return hit;
        return wql_sql_pinned(c->right, index);
    }
    if (c->kind == WQL_COND_COMPARE && c->op == WQL_OP_EQ && c->prop.sys == WQL_SYS_NONE &&
        c->prop.index == index && c->prop.has_column && c->value.kind != WQL_VALUE_REAL)
        return c;
    return NULL;
}

/* The key value pinned by C, as an instance property would hold it. */
static void
wql_sql_key_scalar(const struct wql_cond *c, cim_type type, cim_scalar *s)
{
    const struct wql_value *v = &c->value;

    memset(s, 0, sizeof(*s));
    s->type = type;
    switch (v->kind) {
    case WQL_VALUE_INTEGER:
        if (type == CIM_TYPE_SINT8 || type == CIM_TYPE_SINT16 || type == CIM_TYPE_SINT32 ||
            type == CIM_TYPE_SINT64)
            s->cim_scalar_u.i = v->negative ? (v->magnitude > (uint64_t)INT64_MAX
                                               ? INT64_MIN : -(int64_t)v->magnitude)
                                            : (int64_t)v->magnitude;
        else
            s->cim_scalar_u.u = v->magnitude;
        break;
    case WQL_VALUE_BOOLEAN:
        s->cim_scalar_u.b = v->boolean;
        break;
    case WQL_VALUE_CHAR16:
        s->cim_scalar_u.c = v->char16;
        break;
    default:
        s->cim_scalar_u.s = v->string;
        break;
    }
}

/*
 * When WHERE pins every key of the class with '=', the canonical key as a
 * new string in *KEY_OUT (else NULL).  -1 only when out of memory; a key
 * that cannot be built (too long) just means no lookup.
 */
static int
wql_sql_key(struct wql_sqlgen *g, const struct wql_cond *where, char **key_out)
{
    const cim_class *cls = g->cls;
    u_int n = cls->properties.properties_len, n_keys = 0;
    cim_property_value *pvs = calloc(n + 1, sizeof(*pvs));
    cim_scalar *scalars = calloc(n + 1, sizeof(*scalars));
    cim_instance inst = { 0 };
    struct repo_error rerr = { "", 0 };
    int rc = 0;

    *key_out = NULL;
    if (pvs == NULL || scalars == NULL) {
        rc = wql_sql_nomem(g);
        goto cleanup;
    }
    for (u_int i = 0; i < n; i++) {
        const cim_property *p = &cls->properties.properties_val[i];
        const struct wql_cond *c;

        if (!wql_sql_is_key(p))
            continue;
        if ((c = wql_sql_pinned(where, i)) == NULL)
            goto cleanup;       /* a key left open: no lookup */
        wql_sql_key_scalar(c, p->type, &scalars[n_keys]);
        pvs[n_keys].name = p->name;
        pvs[n_keys].value.type = p->type;
        pvs[n_keys].value.items.items_len = 1;
        pvs[n_keys].value.items.items_val = &scalars[n_keys];
        n_keys++;
    }
    if (n_keys == 0)
        goto cleanup;           /* a class without keys */
    inst.class_name = cls->name;
    inst.properties.properties_len = n_keys;
    inst.properties.properties_val = pvs;
    *key_out = repo_instance_key(cls, &inst, &rerr);
    if (*key_out == NULL && rerr.code == WBEM_E_FAILED)
        rc = wql_sql_nomem(g);

cleanup:
    free(scalars);
    free(pvs);
    return rc;
}

/* ------------------------------------------------------------ entry ---- */

/* wql_sql_translate() but for the clean-up of a failure. */
static int
wql_sql_translate_into(const struct wql_bound *b, const cim_class *cls, struct wql_sql *out,
                       struct wql_error *err)
{
    struct wql_sqlgen g = { .cls = cls, .out = out, .err = err };
    const struct wql_cond *where = wql_bound_where(b);
    char *text = NULL, *key = NULL, *both = NULL;
    unsigned num;
    bool exact = true;
    int rc;

    memset(out, 0, sizeof(*out));
    out->exact = true;
    if (strcasecmp(wql_bound_class(b), cls->name) != 0)
        return wql_error_set(err, WBEM_E_INVALID_CLASS, 0,
                             "the query was prepared for class %s, not %s",
                             wql_bound_class(b), cls->name);
    if (where == NULL)
        return 0;
    if ((rc = wql_sql_cond(&g, where, &text, &exact)) < 0)
        return -1;
    out->where = text;
    out->exact = rc == 1 && exact;
    if (wql_sql_key(&g, where, &key) < 0)
        return -1;
    if (key == NULL)
        return 0;
    rc = wql_sql_param(&g, (struct repo_param){ .kind = REPO_PARAM_TEXT, .text = key }, &num);
    if (rc <= 0)
        return rc;              /* full: no lookup, still right */
    if (out->where != NULL)
        rc = wql_sql_fmt(&g, &both, "k = ?%u AND %s", num, out->where);
    else
        rc = wql_sql_fmt(&g, &both, "k = ?%u", num);
    if (rc < 0)
        return -1;
    free(out->where);
    out->where = both;
    return 0;
}

int
wql_sql_translate(const struct wql_bound *b, const cim_class *cls, struct wql_sql *out,
                  struct wql_error *err)
{
    if (wql_sql_translate_into(b, cls, out, err) < 0) {
        wql_sql_clear(out);
        return -1;
    }
    return 0;
}

void
wql_sql_clear(struct wql_sql *sql)
{
    if (sql == NULL)
        return;
    wql_sql_truncate(sql, 0);
    free(sql->params);
    free(sql->where);
    memset(sql, 0, sizeof(*sql));
}
