/*
 * wql_parser.c: recursive descent over the tokens of wql_lexer.c.
 *
 * One function per production; each starts at the current token and
 * leaves the token after its production current.  Keywords are matched
 * in any case with wql_parser_kw() where the grammar expects them;
 * reserved words never name a class or property.  Every failure records
 * one error in p->err and returns -1 (or NULL) straight up to
 * wql_parser_run(), which then drops the half-built query.
 *
 * The parse is syntactic first; what the whole query decides is checked
 * after it: whether it is an event query (which wql_parse() refuses) and
 * whether a data query uses dotted names.  Conditions recurse only for
 * '(' and NOT, bounded by WQL_DEPTH_MAX; AND and OR chains are loops.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_path.h"
#include "common/wbem.h"
#include "query/wql_lexer.h"
#include "query/wql_like.h"
#include "query/wql_parser.h"

struct wql_parser {
    struct wql_lexer lx;
    struct wql_error *err;      /* borrowed from the caller */
    struct wql_query *q;        /* being built */
    unsigned depth;             /* '(' and NOT open */
    unsigned terms;             /* comparisons in the current condition */
};

#define WQL_PARSER_OPERATORS "a comparison operator (=, <>, !=, <, <=, >, >=)"

/* ----------------------------------------------------------- errors --- */

static int __attribute__((format(printf, 4, 5)))
wql_parser_fail(struct wql_parser *p, uint32_t code, unsigned pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    wql_error_setv(p->err, code, pos, fmt, ap);
    va_end(ap);
    return -1;
}

static int
wql_parser_nomem(struct wql_parser *p)
{
    return wql_parser_fail(p, WBEM_E_FAILED, 0, "out of memory");
}

/* "found <current token> but expected <WHAT>" at the current token, with
 * CODE. */
static int __attribute__((format(printf, 3, 4)))
wql_parser_expected_code(struct wql_parser *p, uint32_t code, const char *fmt, ...)
{
    char found[128], what[320];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    wql_lexer_describe(&p->lx.tok, found, sizeof(found));
    return wql_parser_fail(p, code, p->lx.tok.pos, "found %s but expected %s", found, what);
}

#define wql_parser_expected(p, ...) wql_parser_expected_code(p, WBEM_E_INVALID_QUERY, __VA_ARGS__)

/* ----------------------------------------------------------- tokens --- */

static const struct wql_token *
wql_parser_tok(const struct wql_parser *p)
{
    return &p->lx.tok;
}

static int
wql_parser_next(struct wql_parser *p)
{
    return wql_lexer_next(&p->lx, p->err);
}

static bool
wql_parser_is(const struct wql_parser *p, enum wql_token_kind kind)
{
    return p->lx.tok.kind == kind;
}

static bool
wql_parser_kw(const struct wql_parser *p, const char *kw)
{
    return wql_lexer_kw(&p->lx.tok, kw);
}

/* Is the current token a name that may name a property or class? */
static bool
wql_parser_is_name(const struct wql_parser *p)
{
    return wql_parser_is(p, WQL_TOK_NAME) && !wql_lexer_reserved(&p->lx.tok);
}

/* Is the current token a literal (string, number, TRUE, FALSE, NULL)? */
static bool
wql_parser_is_literal(const struct wql_parser *p)
{
    return wql_parser_is(p, WQL_TOK_STRING) || wql_parser_is(p, WQL_TOK_INTEGER) ||
           wql_parser_is(p, WQL_TOK_REAL) || wql_parser_kw(p, "TRUE") ||
           wql_parser_kw(p, "FALSE") || wql_parser_kw(p, "NULL");
}

/* The comparison operator of the current token, or 0. */
static enum wql_op
wql_parser_op(const struct wql_parser *p)
{
    switch (p->lx.tok.kind) {
    case WQL_TOK_EQ:
        return WQL_OP_EQ;
    case WQL_TOK_NE:
        return WQL_OP_NE;
    case WQL_TOK_LT:
        return WQL_OP_LT;
    case WQL_TOK_LE:
        return WQL_OP_LE;
    case WQL_TOK_GT:
        return WQL_OP_GT;
    case WQL_TOK_GE:
        return WQL_OP_GE;
    default:
        return (enum wql_op)0;
    }
}

/* A copy of the current name into *OUT (caller frees), then the next
 * token.  DOTTED: a dotted name is allowed.  WHAT says what was
 * expected. */
static int
wql_parser_name(struct wql_parser *p, bool dotted, const char *what, char **out)
{
    if (!wql_parser_is_name(p) || (!dotted && wql_parser_tok(p)->dotted))
        return wql_parser_expected(p, "%s", what);
    if ((*out = strdup(wql_parser_tok(p)->text)) == NULL)
        return wql_parser_nomem(p);
    if (wql_parser_next(p) < 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* Is NAME a valid class name (for ISA 'Name')? */
static bool
wql_parser_class_name_ok(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > WQL_NAME_MAX || !((name[0] >= 'A' && name[0] <= 'Z') ||
                                        (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

/* ---------------------------------------------------------- literals --- */

/* The literal at the current token into *LIT, then the next token. */
static int
wql_parser_literal(struct wql_parser *p, struct wql_literal *lit)
{
    const struct wql_token *t = wql_parser_tok(p);

    memset(lit, 0, sizeof(*lit));
    lit->pos = t->pos;
    switch (t->kind) {
    case WQL_TOK_STRING:
        lit->kind = WQL_LIT_STRING;
        if ((lit->string = strdup(t->text)) == NULL)
            return wql_parser_nomem(p);
        break;
    case WQL_TOK_INTEGER:
        lit->kind = WQL_LIT_INTEGER;
        lit->negative = t->negative;
        lit->magnitude = t->magnitude;
        break;
    case WQL_TOK_REAL:
        lit->kind = WQL_LIT_REAL;
        lit->real = t->real;
        break;
    default:
        if (wql_parser_kw(p, "NULL")) {
            lit->kind = WQL_LIT_NULL;
        } else if (wql_parser_kw(p, "TRUE") || wql_parser_kw(p, "FALSE")) {
            lit->kind = WQL_LIT_BOOLEAN;
            lit->boolean = wql_parser_kw(p, "TRUE");
        } else {
            return wql_parser_expected(p, "a value (a string, a number, TRUE, FALSE or NULL)");
        }
        break;
    }
    if (wql_parser_next(p) < 0) {
        wql_literal_clear(lit);
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------- conditions --- */

static struct wql_expr *wql_parser_or(struct wql_parser *p);

/* E (its property set) becomes "property OP LIT", taking what LIT owns;
 * "= NULL" and "<> NULL" become IS [NOT] NULL. */
static int
wql_parser_set_compare(struct wql_parser *p, struct wql_expr *e, enum wql_op op,
                       struct wql_literal *lit)
{
    if (lit->kind == WQL_LIT_NULL) {
        if (op != WQL_OP_EQ && op != WQL_OP_NE)
            return wql_parser_fail(p, WBEM_E_INVALID_QUERY, lit->pos,
                                   "NULL cannot be compared with '%s'; test for it with IS NULL "
                                   "or IS NOT NULL", wql_op_text(op));
        e->kind = WQL_EXPR_IS_NULL;
        e->negated = op == WQL_OP_NE;
        return 0;
    }
    e->kind = WQL_EXPR_COMPARE;
    e->op = op;
    e->value = *lit;
    memset(lit, 0, sizeof(*lit));
    return 0;
}

/* The pattern after LIKE (the current token is LIKE) into E. */
static int
wql_parser_like(struct wql_parser *p, struct wql_expr *e)
{
    struct wql_like *like = NULL;
    char why[256];

    p->lx.like_pattern = true;  /* read the pattern raw */
    if (wql_parser_next(p) < 0)
        return -1;
    if (!wql_parser_is(p, WQL_TOK_STRING))
        return wql_parser_expected(p, "a pattern in quotes after LIKE");
    if (wql_like_compile(wql_parser_tok(p)->text, &like, why, sizeof(why)) < 0)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                               "the LIKE pattern is malformed: %s", why);
    wql_like_free(like);
    e->kind = WQL_EXPR_LIKE;
    return wql_parser_literal(p, &e->value);
}

/* What follows "prop ISA": a class name in quotes or bare, into E. */
static int
wql_parser_isa(struct wql_parser *p, struct wql_expr *e)
{
    e->kind = WQL_EXPR_ISA;
    if (wql_parser_next(p) < 0)
        return -1;
    if (wql_parser_is(p, WQL_TOK_STRING)) {
        if (!wql_parser_class_name_ok(wql_parser_tok(p)->text))
            return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                                   "%.*s is not a class name (a letter or '_', then letters, "
                                   "digits and '_')", wql_parser_tok(p)->src_len > 60 ? 60
                                   : (int)wql_parser_tok(p)->src_len, wql_parser_tok(p)->src);
        return wql_parser_literal(p, &e->value);
    }
    e->value.kind = WQL_LIT_STRING;
    e->value.pos = wql_parser_tok(p)->pos;
    return wql_parser_name(p, false, "a class name after ISA", &e->value.string);
}

/* "prop ..." once the property is in E and consumed. */
static int
wql_parser_test_property(struct wql_parser *p, struct wql_expr *e)
{
    struct wql_literal lit;
    enum wql_op op = wql_parser_op(p);
    char found[128];
    int rc;

    if (op != 0) {
        if (wql_parser_next(p) < 0)
            return -1;
        if (wql_parser_is_name(p))
            return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                                   "found the property %s but expected a value: WQL compares "
                                   "a property with a constant, not with another property",
                                   wql_lexer_describe(wql_parser_tok(p), found, sizeof(found)));
        if (wql_parser_literal(p, &lit) < 0)
            return -1;
        rc = wql_parser_set_compare(p, e, op, &lit);
        wql_literal_clear(&lit);
        return rc;
    }
    if (wql_parser_kw(p, "LIKE"))
        return wql_parser_like(p, e);
    if (wql_parser_kw(p, "NOT")) {
        if (wql_parser_next(p) < 0)
            return -1;
        if (!wql_parser_kw(p, "LIKE"))
            return wql_parser_expected(p, "LIKE after NOT");
        e->negated = true;
        return wql_parser_like(p, e);
    }
    if (wql_parser_kw(p, "ISA"))
        return wql_parser_isa(p, e);
    if (wql_parser_kw(p, "IS")) {
        if (wql_parser_next(p) < 0)
            return -1;
        if (wql_parser_kw(p, "NOT")) {
            e->negated = true;
            if (wql_parser_next(p) < 0)
                return -1;
        }
        if (!wql_parser_kw(p, "NULL"))
            return wql_parser_expected(p, e->negated ? "NULL" : "NULL or NOT NULL");
        e->kind = WQL_EXPR_IS_NULL;
        return wql_parser_next(p);
    }
    return wql_parser_expected(p, WQL_PARSER_OPERATORS ", LIKE, ISA or IS");
}

/* "literal op prop", normalised to "prop op' literal". */
static int
wql_parser_test_literal(struct wql_parser *p, struct wql_expr *e)
{
    struct wql_literal lit;
    enum wql_op op;
    char found[128];
    int rc = -1;

    if (wql_parser_literal(p, &lit) < 0)
        return -1;
    if ((op = wql_parser_op(p)) == 0) {
        wql_parser_expected(p, WQL_PARSER_OPERATORS " between the value and a property");
        goto cleanup;
    }
    if (wql_parser_next(p) < 0)
        goto cleanup;
    if (wql_parser_is_literal(p)) {
        wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                        "found %s but expected a property name: WQL compares a property with "
                        "a constant, not two constants",
                        wql_lexer_describe(wql_parser_tok(p), found, sizeof(found)));
        goto cleanup;
    }
    e->pos = wql_parser_tok(p)->pos;
    if (wql_parser_name(p, true, "a property name", &e->property) < 0)
        goto cleanup;
    rc = wql_parser_set_compare(p, e, wql_op_swap(op), &lit);

cleanup:
    wql_literal_clear(&lit);
    return rc;
}

/* One comparison, LIKE, ISA or IS test. */
static struct wql_expr *
wql_parser_test(struct wql_parser *p)
{
    unsigned pos = wql_parser_tok(p)->pos;
    struct wql_expr *e;
    int rc;

    if (!wql_parser_is_name(p) && !wql_parser_is_literal(p)) {
        wql_parser_expected(p, "a property name, NOT or '('");
        return NULL;
    }
    if (++p->terms > WQL_TERMS_MAX) {
        wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos,
                        "the condition has more than %u comparisons", (unsigned)WQL_TERMS_MAX);
        return NULL;
    }
    if ((e = wql_expr_new(WQL_EXPR_COMPARE, pos)) == NULL) {
        wql_parser_nomem(p);
        return NULL;
    }
    if (wql_parser_is_literal(p)) {
        rc = wql_parser_test_literal(p, e);
    } else {
        rc = wql_parser_name(p, true, "a property name", &e->property);
        if (rc == 0)
            rc = wql_parser_test_property(p, e);
    }
    if (rc < 0) {
        wql_expr_free(e);
        return NULL;
    }
    return e;
}

/* Enter one level of '(' or NOT at the current token. */
static int
wql_parser_enter(struct wql_parser *p)
{
    if (++p->depth > WQL_DEPTH_MAX)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                               "the condition is nested more than %u levels deep "
                               "(parentheses and NOT)", (unsigned)WQL_DEPTH_MAX);
    return wql_parser_next(p);
}

/* not = NOT not / "(" cond ")" / test */
static struct wql_expr *
wql_parser_not(struct wql_parser *p)
{
    unsigned pos = wql_parser_tok(p)->pos;
    struct wql_expr *e = NULL, *inner;

    if (wql_parser_kw(p, "NOT")) {
        if (wql_parser_enter(p) < 0 || (inner = wql_parser_not(p)) == NULL)
            return NULL;
        p->depth--;
        if ((e = wql_expr_new(WQL_EXPR_NOT, pos)) == NULL) {
            wql_expr_free(inner);
            wql_parser_nomem(p);
            return NULL;
        }
        e->left = inner;
        return e;
    }
    if (wql_parser_is(p, WQL_TOK_LPAREN)) {
        if (wql_parser_enter(p) < 0 || (e = wql_parser_or(p)) == NULL)
            return NULL;
        p->depth--;
        if (!wql_parser_is(p, WQL_TOK_RPAREN)) {
            wql_parser_expected(p, "AND, OR or ')'");
            goto fail;
        }
        if (wql_parser_next(p) < 0)
            goto fail;
        return e;
    }
    return wql_parser_test(p);

fail:
    wql_expr_free(e);
    return NULL;
}

/* LEFT KW RIGHT ... for AND (over NOT) and OR (over AND). */
static struct wql_expr *
wql_parser_chain(struct wql_parser *p, const char *kw, enum wql_expr_kind kind,
                 struct wql_expr *(*operand)(struct wql_parser *))
{
    struct wql_expr *left = operand(p), *right, *e;

    while (left != NULL && wql_parser_kw(p, kw)) {
        unsigned pos = wql_parser_tok(p)->pos;
        if (wql_parser_next(p) < 0 || (right = operand(p)) == NULL) {
            wql_expr_free(left);
            return NULL;
        }
        if ((e = wql_expr_new(kind, pos)) == NULL) {
            wql_expr_free(left);
            wql_expr_free(right);
            wql_parser_nomem(p);
            return NULL;
        }
        e->left = left;
        e->right = right;
        left = e;
    }
    return left;
}

static struct wql_expr *
wql_parser_and(struct wql_parser *p)
{
    return wql_parser_chain(p, "AND", WQL_EXPR_AND, wql_parser_not);
}

static struct wql_expr *
wql_parser_or(struct wql_parser *p)
{
    return wql_parser_chain(p, "OR", WQL_EXPR_OR, wql_parser_and);
}

/* A whole condition (after WHERE or HAVING) into *OUT. */
static int
wql_parser_condition(struct wql_parser *p, struct wql_expr **out)
{
    p->terms = 0;
    p->depth = 0;
    *out = wql_parser_or(p);
    return *out != NULL ? 0 : -1;
}

/* ----------------------------------------------------------- SELECT --- */

/* One more name for a SELECT or GROUP BY list (*NAMES, *POSITIONS, *N),
 * from the current token.  LIST names the list in messages. */
static int
wql_parser_list_add(struct wql_parser *p, char ***names, unsigned **positions, size_t *n,
                    const char *what, const char *list)
{
    unsigned pos = wql_parser_tok(p)->pos;
    char *name = NULL;

    if (*n == WQL_PROPERTIES_MAX)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos, "the %s has more than %u "
                               "properties", list, (unsigned)WQL_PROPERTIES_MAX);
    if (wql_parser_name(p, true, what, &name) < 0)
        return -1;
    for (size_t i = 0; i < *n; i++)
        if (strcasecmp((*names)[i], name) == 0) {
            wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos, "property %s is named twice in the %s",
                            name, list);
            free(name);
            return -1;
        }
    char **nn = realloc(*names, (*n + 1) * sizeof(**names));
    unsigned *np = NULL;
    if (nn != NULL) {
        *names = nn;
        np = realloc(*positions, (*n + 1) * sizeof(**positions));
    }
    if (np == NULL) {
        free(name);
        return wql_parser_nomem(p);
    }
    *positions = np;
    (*names)[*n] = name;
    (*positions)[*n] = pos;
    (*n)++;
    return 0;
}

/* A number of seconds (after WITHIN) into *OUT, then the next token. */
static int
wql_parser_interval(struct wql_parser *p, const char *clause, double *out)
{
    const struct wql_token *t = wql_parser_tok(p);
    char found[128];

    if (t->kind == WQL_TOK_INTEGER)
        *out = t->negative ? -(double)t->magnitude : (double)t->magnitude;
    else if (t->kind == WQL_TOK_REAL)
        *out = t->real;
    else
        return wql_parser_expected(p, "a number of seconds after %s", clause);
    if (!(*out > 0))
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, t->pos,
                               "%s needs a number of seconds greater than 0, not %s", clause,
                               wql_lexer_describe(t, found, sizeof(found)));
    return wql_parser_next(p);
}

/* GROUP WITHIN seconds [BY prop, ...] [HAVING cond]; current: GROUP. */
static int
wql_parser_group(struct wql_parser *p)
{
    struct wql_query *q = p->q;
    unsigned pos = wql_parser_tok(p)->pos;

    if (wql_parser_next(p) < 0)
        return -1;
    if (!wql_parser_kw(p, "WITHIN"))
        return wql_parser_expected_code(p, WBEM_E_MISSING_GROUP_WITHIN,
                                        "WITHIN: GROUP needs an interval, as in GROUP WITHIN "
                                        "600 BY TargetInstance.Name");
    if (wql_parser_next(p) < 0 || wql_parser_interval(p, "GROUP WITHIN", &q->group_within) < 0)
        return -1;
    q->has_group = true;
    if (q->event_pos == 0)
        q->event_pos = pos;
    if (wql_parser_kw(p, "BY")) {
        if (wql_parser_next(p) < 0)
            return -1;
        for (;;) {
            if (wql_parser_list_add(p, &q->group_by, &q->group_by_pos, &q->n_group_by,
                                    "a property name", "GROUP BY list") < 0)
                return -1;
            if (!wql_parser_is(p, WQL_TOK_COMMA))
                break;
            if (wql_parser_next(p) < 0)
                return -1;
        }
    }
    if (wql_parser_kw(p, "HAVING")) {
        if (wql_parser_next(p) < 0 || wql_parser_condition(p, &q->having) < 0)
            return -1;
    }
    return 0;
}

/* Does CLASS name an event class (by WMI's naming: the intrinsic
 * __Instance*Event classes, and every event class ends in "Event")? */
static bool
wql_parser_event_class(const char *name)
{
    static const char *const intrinsic[] = {
        "__InstanceCreationEvent", "__InstanceModificationEvent",
        "__InstanceDeletionEvent", "__InstanceOperationEvent",
    };
    size_t n = strlen(name);

    for (size_t i = 0; i < sizeof(intrinsic) / sizeof(intrinsic[0]); i++)
        if (strcasecmp(name, intrinsic[i]) == 0)
            return true;
    return n >= 5 && strcasecmp(name + n - 5, "Event") == 0;
}

/* What may follow the part of the SELECT parsed so far. */
static const char *
wql_parser_select_follow(const struct wql_query *q)
{
    bool event = q->event_pos != 0;

    if (q->having != NULL)
        return "AND, OR or the end of the query";
    if (q->has_group)
        return q->n_group_by > 0 ? "',', HAVING or the end of the query"
                                 : "BY, HAVING or the end of the query";
    if (q->where != NULL)
        return event ? "AND, OR, GROUP or the end of the query" : "AND, OR or the end of the query";
    if (q->has_within)
        return "WHERE, GROUP or the end of the query";
    return event ? "WITHIN, WHERE, GROUP or the end of the query"
                 : "WHERE or the end of the query";
}

static int
wql_parser_select(struct wql_parser *p)
{
    struct wql_query *q = p->q;

    if (wql_parser_next(p) < 0) /* SELECT */
        return -1;
    if (wql_parser_is(p, WQL_TOK_STAR)) {
        q->select_all = true;
        if (wql_parser_next(p) < 0)
            return -1;
    } else {
        const char *what = "a property name or '*'";
        for (;;) {
            if (wql_parser_list_add(p, &q->properties, &q->property_pos, &q->n_properties, what,
                                    "SELECT list") < 0)
                return -1;
            if (!wql_parser_is(p, WQL_TOK_COMMA))
                break;
            if (wql_parser_next(p) < 0)
                return -1;
            what = "a property name";
        }
    }
    if (!wql_parser_kw(p, "FROM"))
        return wql_parser_expected(p, q->select_all ? "FROM" : "',' or FROM");
    if (wql_parser_next(p) < 0)
        return -1;
    q->class_pos = wql_parser_tok(p)->pos;
    if (wql_parser_name(p, false, "a class name", &q->class_name) < 0)
        return -1;
    if (wql_parser_event_class(q->class_name))
        q->event_pos = q->class_pos;

    if (wql_parser_kw(p, "WITHIN")) {
        if (q->event_pos == 0)
            q->event_pos = wql_parser_tok(p)->pos;
        if (wql_parser_next(p) < 0 || wql_parser_interval(p, "WITHIN", &q->within) < 0)
            return -1;
        q->has_within = true;
    }
    if (wql_parser_kw(p, "WHERE")) {
        if (wql_parser_next(p) < 0 || wql_parser_condition(p, &q->where) < 0)
            return -1;
    }
    if (wql_parser_kw(p, "GROUP") && wql_parser_group(p) < 0)
        return -1;
    if (wql_parser_kw(p, "HAVING") && !q->has_group)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                               "HAVING needs GROUP before it: GROUP WITHIN seconds [BY ...] "
                               "HAVING ...");
    if (wql_parser_kw(p, "WITHIN") && (q->where != NULL || q->has_group) && !q->has_within)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                               "WITHIN comes right after the class: SELECT ... FROM Class "
                               "WITHIN seconds WHERE ...");
    if (!wql_parser_is(p, WQL_TOK_EOF))
        return wql_parser_expected(p, "%s", wql_parser_select_follow(q));
    if (q->event_pos != 0)
        q->kind = WQL_QUERY_EVENT;
    return 0;
}

/* ----------------------------------------- ASSOCIATORS / REFERENCES --- */

enum wql_parser_assoc_kw {
    WQL_KW_ASSOC_CLASS,
    WQL_KW_CLASS_DEFS_ONLY,
    WQL_KW_KEYS_ONLY,
    WQL_KW_REQUIRED_ASSOC_QUALIFIER,
    WQL_KW_REQUIRED_QUALIFIER,
    WQL_KW_RESULT_CLASS,
    WQL_KW_RESULT_ROLE,
    WQL_KW_ROLE,
    WQL_KW_SCHEMA_ONLY,
    WQL_KW_COUNT,
};

static const struct {
    const char *name;
    bool references;            /* valid in REFERENCES OF too */
    const char *value;          /* what follows '=', or NULL for a flag */
} wql_parser_assoc_kws[WQL_KW_COUNT] = {
    [WQL_KW_ASSOC_CLASS] = { "AssocClass", false, "a class name" },
    [WQL_KW_CLASS_DEFS_ONLY] = { "ClassDefsOnly", true, NULL },
    [WQL_KW_KEYS_ONLY] = { "KeysOnly", true, NULL },
    [WQL_KW_REQUIRED_ASSOC_QUALIFIER] = { "RequiredAssocQualifier", false, "a qualifier name" },
    [WQL_KW_REQUIRED_QUALIFIER] = { "RequiredQualifier", true, "a qualifier name" },
    [WQL_KW_RESULT_CLASS] = { "ResultClass", true, "a class name" },
    [WQL_KW_RESULT_ROLE] = { "ResultRole", false, "a property name" },
    [WQL_KW_ROLE] = { "Role", true, "a property name" },
    [WQL_KW_SCHEMA_ONLY] = { "SchemaOnly", true, NULL },
};

/* Keywords that exclude each other (WMI's rules). */
static const enum wql_parser_assoc_kw wql_parser_assoc_conflicts[][2] = {
    { WQL_KW_CLASS_DEFS_ONLY, WQL_KW_RESULT_CLASS },
    { WQL_KW_CLASS_DEFS_ONLY, WQL_KW_SCHEMA_ONLY },
    { WQL_KW_KEYS_ONLY, WQL_KW_CLASS_DEFS_ONLY },
    { WQL_KW_KEYS_ONLY, WQL_KW_SCHEMA_ONLY },
};

#define WQL_PARSER_ASSOC_KWS \
    "AssocClass, ClassDefsOnly, KeysOnly, RequiredAssocQualifier, RequiredQualifier, " \
    "ResultClass, ResultRole, Role, SchemaOnly"
#define WQL_PARSER_REF_KWS \
    "ClassDefsOnly, KeysOnly, RequiredQualifier, ResultClass, Role, SchemaOnly"

/* Where keyword K's value goes in Q (NULL for a flag). */
static char **
wql_parser_assoc_slot(struct wql_query *q, enum wql_parser_assoc_kw k)
{
    switch (k) {
    case WQL_KW_ASSOC_CLASS:
        return &q->assoc_class;
    case WQL_KW_REQUIRED_ASSOC_QUALIFIER:
        return &q->required_assoc_qualifier;
    case WQL_KW_REQUIRED_QUALIFIER:
        return &q->required_qualifier;
    case WQL_KW_RESULT_CLASS:
        return &q->result_class;
    case WQL_KW_RESULT_ROLE:
        return &q->result_role;
    case WQL_KW_ROLE:
        return &q->role;
    case WQL_KW_CLASS_DEFS_ONLY:
        q->class_defs_only = true;
        return NULL;
    case WQL_KW_KEYS_ONLY:
        q->keys_only = true;
        return NULL;
    case WQL_KW_SCHEMA_ONLY:
        q->schema_only = true;
        return NULL;
    default:
        return NULL;
    }
}

/* One keyword of the WHERE list (the current token), checked against
 * those in *SEEN. */
static int
wql_parser_assoc_keyword(struct wql_parser *p, const char *query, const char *valid,
                         unsigned *seen)
{
    bool refs = p->q->kind == WQL_QUERY_REFERENCES;
    unsigned pos = wql_parser_tok(p)->pos;
    size_t k;
    char **slot;

    if (wql_parser_kw(p, "AND"))
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos,
                               "found 'AND' but expected %s keyword (%s): the keywords after "
                               "WHERE are separated by blanks, not AND",
                               refs ? "a REFERENCES OF" : "an ASSOCIATORS OF", valid);
    for (k = 0; k < WQL_KW_COUNT; k++)
        if (wql_parser_kw(p, wql_parser_assoc_kws[k].name))
            break;
    if (k == WQL_KW_COUNT)
        return wql_parser_expected(p, "%s %s keyword (%s)", refs ? "a" : "an", query, valid);
    if (refs && !wql_parser_assoc_kws[k].references)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos,
                               "%s is not valid in REFERENCES OF (valid: %s)",
                               wql_parser_assoc_kws[k].name, valid);
    if ((*seen & (1u << k)) != 0)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos, "%s is given twice",
                               wql_parser_assoc_kws[k].name);
    for (size_t c = 0; c < sizeof(wql_parser_assoc_conflicts) /
                               sizeof(wql_parser_assoc_conflicts[0]); c++) {
        enum wql_parser_assoc_kw a = wql_parser_assoc_conflicts[c][0],
                                 b = wql_parser_assoc_conflicts[c][1];
        enum wql_parser_assoc_kw other = (size_t)a == k ? b : (size_t)b == k ? a : WQL_KW_COUNT;
        if (other != WQL_KW_COUNT && (*seen & (1u << other)) != 0)
            return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos,
                                   "%s cannot be used together with %s",
                                   wql_parser_assoc_kws[k].name,
                                   wql_parser_assoc_kws[other].name);
    }
    *seen |= 1u << k;
    slot = wql_parser_assoc_slot(p->q, (enum wql_parser_assoc_kw)k);
    if (wql_parser_next(p) < 0)
        return -1;
    if (wql_parser_assoc_kws[k].value == NULL)
        return 0;
    if (!wql_parser_is(p, WQL_TOK_EQ))
        return wql_parser_expected(p, "'=' after %s", wql_parser_assoc_kws[k].name);
    if (wql_parser_next(p) < 0)
        return -1;
    return wql_parser_name(p, false, wql_parser_assoc_kws[k].value, slot);
}

/* ASSOCIATORS OF {path} [WHERE ...] / REFERENCES OF {path} [WHERE ...] */
static int
wql_parser_assoc(struct wql_parser *p)
{
    struct wql_query *q = p->q;
    bool refs = q->kind == WQL_QUERY_REFERENCES;
    const char *query = refs ? "REFERENCES OF" : "ASSOCIATORS OF";
    const char *valid = refs ? WQL_PARSER_REF_KWS : WQL_PARSER_ASSOC_KWS;
    struct cim_path path;
    unsigned seen = 0;
    char why[256];

    if (wql_parser_next(p) < 0)
        return -1;
    if (!wql_parser_kw(p, "OF"))
        return wql_parser_expected(p, "OF");
    if (wql_parser_next(p) < 0)
        return -1;
    if (!wql_parser_is(p, WQL_TOK_PATH))
        return wql_parser_expected(p, "an object path in braces, as in %s {Class.Key=\"v\"}",
                                   query);
    q->object_path_pos = wql_parser_tok(p)->text_pos;
    if (wql_parser_tok(p)->len == 0)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, wql_parser_tok(p)->pos,
                               "the object path between '{' and '}' is empty");
    if (cim_path_parse(wql_parser_tok(p)->text, &path, why, sizeof(why)) < 0)
        return wql_parser_fail(p, WBEM_E_INVALID_QUERY, q->object_path_pos,
                               "the object path is not valid: %s", why);
    cim_path_clear(&path);
    if ((q->object_path = strdup(wql_parser_tok(p)->text)) == NULL)
        return wql_parser_nomem(p);
    if (wql_parser_next(p) < 0)
        return -1;
    if (wql_parser_is(p, WQL_TOK_EOF))
        return 0;
    if (!wql_parser_kw(p, "WHERE"))
        return wql_parser_expected(p, "WHERE or the end of the query");
    if (wql_parser_next(p) < 0)
        return -1;
    do {
        if (seen != 0 && !wql_parser_is(p, WQL_TOK_NAME))
            return wql_parser_expected(p, "%s %s keyword or the end of the query",
                                       refs ? "a" : "an", query);
        if (wql_parser_assoc_keyword(p, query, valid, &seen) < 0)
            return -1;
    } while (!wql_parser_is(p, WQL_TOK_EOF));
    return 0;
}

/* ------------------------------------------------------------ checks --- */

/* The test in E with the leftmost dotted property name, or NULL. */
static const struct wql_expr *
wql_parser_first_dotted(const struct wql_expr *e)
{
    const struct wql_expr *best = NULL, *r;

    for (; e != NULL; e = e->left) {
        if ((r = wql_parser_first_dotted(e->right)) != NULL && (best == NULL || r->pos < best->pos))
            best = r;
        if (e->property != NULL && strchr(e->property, '.') != NULL &&
            (best == NULL || e->pos < best->pos))
            best = e;
    }
    return best;
}

/* A data query names properties of its class directly: no dotted names
 * (WQL data queries have no paths into embedded objects). */
static int
wql_parser_check_data(struct wql_parser *p)
{
    const struct wql_query *q = p->q;
    const struct wql_expr *e;
    const char *name = NULL;
    unsigned pos = 0;

    for (size_t i = 0; i < q->n_properties && name == NULL; i++)
        if (strchr(q->properties[i], '.') != NULL) {
            name = q->properties[i];
            pos = q->property_pos[i];
        }
    if (name == NULL && (e = wql_parser_first_dotted(q->where)) != NULL) {
        name = e->property;
        pos = e->pos;
    }
    if (name == NULL)
        return 0;
    return wql_parser_fail(p, WBEM_E_INVALID_QUERY, pos,
                           "the dotted name %s is only valid in event queries "
                           "(TargetInstance.Name); a data query names the properties of "
                           "class %s directly", name, q->class_name);
}

/* ------------------------------------------------------------- entry --- */

static int
wql_parser_run(const char *text, struct wql_query **query_out, struct wql_error *err,
               bool allow_event)
{
    struct wql_parser p;
    int rc = -1;

    *query_out = NULL;
    memset(err, 0, sizeof(*err));
    memset(&p, 0, sizeof(p));
    p.err = err;
    if (wql_lexer_init(&p.lx, text, err) < 0 || wql_parser_next(&p) < 0)
        goto cleanup;
    if (wql_parser_kw(&p, "SELECT")) {
        p.q = wql_query_new(WQL_QUERY_SELECT);
    } else if (wql_parser_kw(&p, "ASSOCIATORS")) {
        p.q = wql_query_new(WQL_QUERY_ASSOCIATORS);
    } else if (wql_parser_kw(&p, "REFERENCES")) {
        p.q = wql_query_new(WQL_QUERY_REFERENCES);
    } else {
        wql_parser_expected(&p, "SELECT, ASSOCIATORS OF or REFERENCES OF");
        goto cleanup;
    }
    if (p.q == NULL) {
        wql_parser_nomem(&p);
        goto cleanup;
    }
    if (p.q->kind == WQL_QUERY_SELECT ? wql_parser_select(&p) < 0 : wql_parser_assoc(&p) < 0)
        goto cleanup;
    if (p.q->kind == WQL_QUERY_EVENT && !allow_event) {
        bool by_class = p.q->event_pos == p.q->class_pos;
        wql_parser_fail(&p, WBEM_E_INVALID_QUERY_TYPE, p.q->event_pos,
                        "%s%s makes this an event query; event queries are not supported "
                        "yet: cimrpc has no event subscriptions", by_class ? "FROM " : "",
                        by_class ? p.q->class_name : p.q->has_within ? "WITHIN" : "GROUP");
        goto cleanup;
    }
    if (p.q->kind == WQL_QUERY_SELECT && wql_parser_check_data(&p) < 0)
        goto cleanup;
    *query_out = p.q;
    p.q = NULL;
    rc = 0;

cleanup:
    wql_query_free(p.q);
    wql_lexer_free(&p.lx);
    return rc;
}

int
wql_parse(const char *text, struct wql_query **query_out, struct wql_error *err)
{
    return wql_parser_run(text, query_out, err, false);
}

int
wql_parse_any(const char *text, struct wql_query **query_out, struct wql_error *err)
{
    return wql_parser_run(text, query_out, err, true);
}
