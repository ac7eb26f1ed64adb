/*
 * wql_ast.c: building, freeing and writing out WQL syntax trees, and
 * filling the front end's error record.
 *
 * The dump is the tree's test oracle: it prints every node, one
 * spelling per construct, so two queries that mean the same (keyword
 * case, literal on the left, hex or decimal, quote style, redundant
 * parentheses) dump identically.  It recurses over the condition tree,
 * whose depth the parser bounds (WQL_DEPTH_MAX, WQL_TERMS_MAX).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "query/wql_ast.h"

/* ------------------------------------------------------------ error ---- */

int
wql_error_setv(struct wql_error *err, uint32_t code, unsigned pos, const char *fmt, va_list ap)
{
    size_t off = 0, size = sizeof(err->message);
    int n;

    err->code = code;
    err->pos = pos;
    err->message[0] = '\0';
    if (pos != 0) {
        n = snprintf(err->message, size, "column %u: ", pos);
        off = n > 0 ? (size_t)n : 0;
    }
    n = vsnprintf(err->message + off, size - off, fmt, ap);
    if (n > 0 && off + (size_t)n >= size) {
        /* Cut: do not leave half a UTF-8 sequence at the end. */
        size_t end = size - 1;
        while (end > off && ((unsigned char)err->message[end - 1] & 0xC0) == 0x80)
            end--;
        if (end > off && ((unsigned char)err->message[end - 1] & 0xC0) == 0xC0)
            end--;
        err->message[end] = '\0';
    }
    return -1;
}

int
wql_error_set(struct wql_error *err, uint32_t code, unsigned pos, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    wql_error_setv(err, code, pos, fmt, ap);
    va_end(ap);
    return -1;
}

/* ------------------------------------------------------ constructors --- */

struct wql_query *
wql_query_new(enum wql_query_kind kind)
{
    struct wql_query *q = calloc(1, sizeof(*q));

    if (q != NULL)
        q->kind = kind;
    return q;
}

struct wql_expr *
wql_expr_new(enum wql_expr_kind kind, unsigned pos)
{
    struct wql_expr *e = calloc(1, sizeof(*e));

    if (e != NULL) {
        e->kind = kind;
        e->pos = pos;
    }
    return e;
}

void
wql_literal_clear(struct wql_literal *lit)
{
    if (lit == NULL)
        return;
    free(lit->string);
    memset(lit, 0, sizeof(*lit));
}

void
wql_expr_free(struct wql_expr *e)
{
    /* Iterate down the left spine (long AND/OR chains lean left), recurse
     * only into right children, whose depth the parser bounds. */
    while (e != NULL) {
        struct wql_expr *left = e->left;
        wql_expr_free(e->right);
        free(e->property);
        wql_literal_clear(&e->value);
        free(e);
        e = left;
    }
}

static void
wql_query_free_names(char **names, size_t n)
{
    if (names == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void
wql_query_free(struct wql_query *q)
{
    if (q == NULL)
        return;
    wql_query_free_names(q->properties, q->n_properties);
    free(q->property_pos);
    free(q->class_name);
    wql_expr_free(q->where);
    free(q->object_path);
    free(q->assoc_class);
    free(q->result_class);
    free(q->role);
    free(q->result_role);
    free(q->required_qualifier);
    free(q->required_assoc_qualifier);
    wql_query_free_names(q->group_by, q->n_group_by);
    free(q->group_by_pos);
    wql_expr_free(q->having);
    free(q);
}

/* ----------------------------------------------------------- naming ---- */

const char *
wql_op_text(enum wql_op op)
{
    switch (op) {
    case WQL_OP_EQ:
        return "=";
    case WQL_OP_NE:
        return "<>";
    case WQL_OP_LT:
        return "<";
    case WQL_OP_LE:
        return "<=";
    case WQL_OP_GT:
        return ">";
    case WQL_OP_GE:
        return ">=";
    }
    return "?";
}

enum wql_op
wql_op_swap(enum wql_op op)
{
    switch (op) {
    case WQL_OP_LT:
        return WQL_OP_GT;
    case WQL_OP_LE:
        return WQL_OP_GE;
    case WQL_OP_GT:
        return WQL_OP_LT;
    case WQL_OP_GE:
        return WQL_OP_LE;
    default:
        return op;
    }
}

/* ------------------------------------------------------------- dump ---- */

/* A real in the fewest significant digits that read back as the same
 * double (whole numbers below 10^15 without an exponent); with MARK,
 * always with a '.' or an exponent so that it reads as a real (WITHIN
 * intervals are written as plain numbers). */
static void
wql_ast_dump_real(double d, bool mark, FILE *out)
{
    char num[40];

    if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
        snprintf(num, sizeof(num), "%.0f", d);  /* 2500, not 2.5e+03 */
    } else {
        for (int digits = 1; digits <= 17; digits++) {
            snprintf(num, sizeof(num), "%.*g", digits, d);
            if (strtod(num, NULL) == d)
                break;
        }
    }
    if (mark && strpbrk(num, ".eEn") == NULL)   /* n: inf, nan (never parsed) */
        strcat(num, ".0");
    fputs(num, out);
}

static void
wql_ast_dump_string(const char *s, FILE *out)
{
    fputc('\'', out);
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '\\':
            fputs("\\\\", out);
            break;
        case '\'':
            fputs("\\'", out);
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
        case '\b':
            fputs("\\b", out);
            break;
        case '\f':
            fputs("\\f", out);
            break;
        default:
            fputc(*s, out);
        }
    }
    fputc('\'', out);
}

/* A LIKE pattern is raw text: quote it with the quote it does not hold
 * (it cannot hold both; the lexer ends a pattern at its own quote). */
static void
wql_ast_dump_pattern(const char *s, FILE *out)
{
    char q = strchr(s, '\'') != NULL ? '"' : '\'';

    fprintf(out, "%c%s%c", q, s, q);
}

void
wql_literal_dump(const struct wql_literal *lit, FILE *out)
{
    switch (lit->kind) {
    case WQL_LIT_NULL:
        fputs("NULL", out);
        break;
    case WQL_LIT_BOOLEAN:
        fputs(lit->boolean ? "TRUE" : "FALSE", out);
        break;
    case WQL_LIT_INTEGER:
        fprintf(out, "%s%llu", lit->negative ? "-" : "", (unsigned long long)lit->magnitude);
        break;
    case WQL_LIT_REAL:
        wql_ast_dump_real(lit->real, true, out);
        break;
    case WQL_LIT_STRING:
        wql_ast_dump_string(lit->string != NULL ? lit->string : "", out);
        break;
    default:
        fputs("?", out);
    }
}

void
wql_expr_dump(const struct wql_expr *e, FILE *out)
{
    switch (e->kind) {
    case WQL_EXPR_AND:
    case WQL_EXPR_OR:
        fputc('(', out);
        wql_expr_dump(e->left, out);
        fputs(e->kind == WQL_EXPR_AND ? " AND " : " OR ", out);
        wql_expr_dump(e->right, out);
        fputc(')', out);
        break;
    case WQL_EXPR_NOT:
        fputs("(NOT ", out);
        wql_expr_dump(e->left, out);
        fputc(')', out);
        break;
    case WQL_EXPR_COMPARE:
        fprintf(out, "(%s %s ", e->property, wql_op_text(e->op));
        wql_literal_dump(&e->value, out);
        fputc(')', out);
        break;
    case WQL_EXPR_LIKE:
        fprintf(out, "(%s %s ", e->property, e->negated ? "NOT LIKE" : "LIKE");
        wql_ast_dump_pattern(e->value.string != NULL ? e->value.string : "", out);
        fputc(')', out);
        break;
    case WQL_EXPR_ISA:
        fprintf(out, "(%s ISA ", e->property);
        wql_literal_dump(&e->value, out);
        fputc(')', out);
        break;
    case WQL_EXPR_IS_NULL:
        fprintf(out, "(%s IS %sNULL)", e->property, e->negated ? "NOT " : "");
        break;
    default:
        fputs("(?)", out);
    }
}

static void
wql_ast_dump_names(char **names, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc(',', out);
        fputs(names[i], out);
    }
}

/* " Keyword = value" when VALUE is set. */
static void
wql_ast_dump_assoc(const char *keyword, const char *value, FILE *out)
{
    if (value != NULL)
        fprintf(out, " %s = %s", keyword, value);
}

static void
wql_ast_dump_assoc_query(const struct wql_query *q, FILE *out)
{
    bool any = q->assoc_class != NULL || q->result_class != NULL || q->role != NULL ||
               q->result_role != NULL || q->required_qualifier != NULL ||
               q->required_assoc_qualifier != NULL || q->class_defs_only ||
               q->schema_only || q->keys_only;

    fprintf(out, "%s OF {%s}", q->kind == WQL_QUERY_ASSOCIATORS ? "ASSOCIATORS" : "REFERENCES",
            q->object_path != NULL ? q->object_path : "");
    if (!any)
        return;
    fputs(" WHERE", out);
    wql_ast_dump_assoc("AssocClass", q->assoc_class, out);
    if (q->class_defs_only)
        fputs(" ClassDefsOnly", out);
    if (q->keys_only)
        fputs(" KeysOnly", out);
    wql_ast_dump_assoc("RequiredAssocQualifier", q->required_assoc_qualifier, out);
    wql_ast_dump_assoc("RequiredQualifier", q->required_qualifier, out);
    wql_ast_dump_assoc("ResultClass", q->result_class, out);
    wql_ast_dump_assoc("ResultRole", q->result_role, out);
    wql_ast_dump_assoc("Role", q->role, out);
    if (q->schema_only)
        fputs(" SchemaOnly", out);
}

int
wql_query_dump(const struct wql_query *q, FILE *out)
{
    if (q->kind == WQL_QUERY_ASSOCIATORS || q->kind == WQL_QUERY_REFERENCES) {
        wql_ast_dump_assoc_query(q, out);
        return ferror(out) ? -1 : 0;
    }
    fputs("SELECT ", out);
    if (q->select_all)
        fputc('*', out);
    else
        wql_ast_dump_names(q->properties, q->n_properties, out);
    fprintf(out, " FROM %s", q->class_name != NULL ? q->class_name : "");
    if (q->has_within) {
        fputs(" WITHIN ", out);
        wql_ast_dump_real(q->within, false, out);
    }
    if (q->where != NULL) {
        fputs(" WHERE ", out);
        wql_expr_dump(q->where, out);
    }
    if (q->has_group) {
        fputs(" GROUP WITHIN ", out);
        wql_ast_dump_real(q->group_within, false, out);
        if (q->n_group_by > 0) {
            fputs(" BY ", out);
            wql_ast_dump_names(q->group_by, q->n_group_by, out);
        }
        if (q->having != NULL) {
            fputs(" HAVING ", out);
            wql_expr_dump(q->having, out);
        }
    }
    return ferror(out) ? -1 : 0;
}

char *
wql_query_to_string(const struct wql_query *q)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    int rc;

    if (f == NULL)
        return NULL;
    rc = wql_query_dump(q, f);
    if (fclose(f) != 0 || rc < 0) {
        free(s);
        return NULL;
    }
    return s;
}
