/*
 * wql_ast.h: the syntax tree of one WQL query (WMI Query Language: data
 * queries, ASSOCIATORS OF, REFERENCES OF and event queries), and the error
 * the WQL front end reports.
 *
 *     SELECT Name, Size FROM CIM_LogicalDisk WHERE Size > 5 AND Name LIKE 'c%'
 *
 * parses into a struct wql_query of kind WQL_QUERY_SELECT with two
 * properties, class CIM_LogicalDisk and a WHERE tree
 * AND(COMPARE(Size > 5), LIKE(Name, 'c%')).  wql_query_dump() writes the
 * tree back in one normalised notation, every condition in parentheses:
 *
 *     SELECT Name,Size FROM CIM_LogicalDisk WHERE ((Size > 5) AND (Name LIKE 'c%'))
 *
 * The tree is purely syntactic: names keep their spelling (WQL names and
 * keywords are case-insensitive; compare names with strcasecmp()) and are
 * not resolved against any schema.  A condition always has the property
 * on the left: "5 < Size" is recorded as "Size > 5", "x = NULL" as
 * "x IS NULL".
 *
 * Positions (pos fields, struct wql_error) are 1-based columns counted in
 * characters (UTF-8 code points, not bytes) from the start of the query
 * text; a newline counts as one character.  0 means "no position".
 *
 * Ownership: a query owns everything it points to; every string is a
 * NUL-terminated, malloc'd copy.  wql_query_free() and wql_expr_free()
 * accept NULL.  The functions here are named after the node they act on
 * (wql_query_*, wql_expr_*, wql_literal_*, wql_error_*).
 */
#ifndef CIMRPC_WQL_AST_H
#define CIMRPC_WQL_AST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define WQL_QUERY_MAX      65536   /* bytes of query text accepted */
#define WQL_NAME_MAX       256     /* bytes of one identifier */
#define WQL_NAME_PARTS_MAX 8       /* identifiers in one dotted name (a.b.c) */
#define WQL_PROPERTIES_MAX 4096    /* names in a SELECT list (or GROUP BY) */
#define WQL_DEPTH_MAX      64      /* nesting of parentheses / NOT */
#define WQL_TERMS_MAX      1024    /* comparisons in one WHERE (or HAVING) */

enum wql_query_kind {
    WQL_QUERY_SELECT = 1,       /* SELECT ... FROM Class [WHERE ...] */
    WQL_QUERY_ASSOCIATORS,      /* ASSOCIATORS OF {path} [WHERE ...] */
    WQL_QUERY_REFERENCES,       /* REFERENCES OF {path} [WHERE ...] */
    WQL_QUERY_EVENT,            /* SELECT ... FROM an event class, WITHIN, GROUP */
};

/* ---------------------------------------------------------- literals --- */

enum wql_literal_kind {
    WQL_LIT_NULL = 1,
    WQL_LIT_BOOLEAN,
    WQL_LIT_INTEGER,
    WQL_LIT_REAL,
    WQL_LIT_STRING,
};

struct wql_literal {
    enum wql_literal_kind kind;
    bool boolean;
    bool negative;        /* INTEGER: the value is -magnitude (never set for 0) */
    uint64_t magnitude;   /* INTEGER: absolute value; -9223372036854775808 ..
                           * 18446744073709551615 accepted, else a range error */
    double real;          /* REAL: finite */
    char *string;         /* STRING: unescaped, UTF-8, owned.  For LIKE the raw
                           * pattern as written (no escapes processed). */
    unsigned pos;         /* 1-based character column where the literal starts */
};

/* ------------------------------------------------------- conditions --- */

enum wql_op { WQL_OP_EQ = 1, WQL_OP_NE, WQL_OP_LT, WQL_OP_LE, WQL_OP_GT, WQL_OP_GE };

enum wql_expr_kind {
    WQL_EXPR_AND = 1,
    WQL_EXPR_OR,
    WQL_EXPR_NOT,
    WQL_EXPR_COMPARE,     /* property op literal (a literal on the left is
                           * normalised: "5 < x" becomes "x > 5") */
    WQL_EXPR_LIKE,        /* property LIKE 'pattern'; negated: NOT LIKE */
    WQL_EXPR_ISA,         /* property ISA 'ClassName' (or a bare class name) */
    WQL_EXPR_IS_NULL,     /* property IS NULL; negated: IS NOT NULL */
};

struct wql_expr {
    enum wql_expr_kind kind;
    struct wql_expr *left, *right;   /* AND, OR; NOT uses left only; owned */
    char *property;                  /* COMPARE/LIKE/ISA/IS_NULL: as written; may be
                                      * dotted "TargetInstance.Name" (event queries) */
    enum wql_op op;                  /* COMPARE */
    bool negated;                    /* IS_NULL: IS NOT NULL; LIKE: NOT LIKE */
    struct wql_literal value;        /* COMPARE (never NULL: that is IS_NULL),
                                      * LIKE (string), ISA (string = class name) */
    unsigned pos;                    /* column of the property name; AND/OR/NOT:
                                      * of the operator keyword */
};

/* ------------------------------------------------------------ query --- */

struct wql_query {
    enum wql_query_kind kind;
    /* SELECT and EVENT */
    bool select_all;                 /* SELECT * */
    char **properties;               /* SELECT a, b (as written, order kept; */
    size_t n_properties;             /* duplicates refused) */
    unsigned *property_pos;          /* column of each of properties[] */
    char *class_name;                /* FROM */
    unsigned class_pos;              /* its column */
    struct wql_expr *where;          /* NULL: no WHERE */
    /* ASSOCIATORS OF / REFERENCES OF */
    char *object_path;               /* the text between { and }, trimmed */
    unsigned object_path_pos;        /* column of its first character */
    char *assoc_class, *result_class, *role, *result_role, *required_qualifier,
        *required_assoc_qualifier;   /* NULL when not given */
    bool class_defs_only, schema_only, keys_only;
    /* EVENT */
    bool has_within;
    double within;                   /* WITHIN seconds (fractional, > 0) */
    bool has_group;
    double group_within;             /* GROUP WITHIN seconds (> 0) */
    char **group_by;                 /* GROUP ... BY a, b (order kept) */
    size_t n_group_by;
    unsigned *group_by_pos;          /* column of each of group_by[] */
    struct wql_expr *having;         /* NULL: no HAVING */
    unsigned event_pos;              /* EVENT: column of what made it one (the
                                      * FROM class, WITHIN or GROUP) */
};

/* ------------------------------------------------------------ error ---- */

struct wql_error {
    uint32_t code;        /* WBEM code (common/wbem.h): WBEM_E_INVALID_QUERY for
                           * syntax and semantic errors, WBEM_E_INVALID_QUERY_TYPE
                           * for a query kind that is not supported,
                           * WBEM_E_MISSING_GROUP_WITHIN for GROUP without WITHIN,
                           * WBEM_E_FAILED when memory ran out */
    unsigned pos;         /* 1-based character column of the offending token; 0 if none */
    char message[512];    /* complete sentence for a user, starting with the
                           * position: "column 23: found 'FORM' but expected FROM" */
};

/*
 * Fill ERR (borrowed) with CODE, POS and the message FMT, prefixed with
 * "column POS: " when POS is not 0 (a message too long is cut at a
 * character boundary).  Returns -1, for "return wql_error_set(...)".
 */
int wql_error_set(struct wql_error *err, uint32_t code, unsigned pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int wql_error_setv(struct wql_error *err, uint32_t code, unsigned pos, const char *fmt,
                   va_list ap) __attribute__((format(printf, 4, 0)));

/* ------------------------------------------------------ constructors --- */

/* A new zeroed query / condition node of KIND; NULL when out of memory.
 * The caller owns it. */
struct wql_query *wql_query_new(enum wql_query_kind kind);
struct wql_expr *wql_expr_new(enum wql_expr_kind kind, unsigned pos);

/* Free Q and everything it owns.  Accepts NULL. */
void wql_query_free(struct wql_query *q);

/* Free E, its children and everything they own.  Accepts NULL. */
void wql_expr_free(struct wql_expr *e);

/* Free what LIT owns (its string) and zero it.  Accepts NULL. */
void wql_literal_clear(struct wql_literal *lit);

/* ----------------------------------------------------------- naming ---- */

/* "=", "<>", "<", "<=", ">", ">="; "?" for a value out of range. */
const char *wql_op_text(enum wql_op op);

/* The operator that keeps "literal OP property" true when the sides are
 * swapped: < becomes >, <= becomes >=; = and <> stay. */
enum wql_op wql_op_swap(enum wql_op op);

/* ------------------------------------------------------------- dump ---- */

/*
 * Write Q (borrowed) to OUT in the normalised notation described above,
 * followed by nothing (no newline).  Keywords are upper case, names as
 * written, strings in single quotes with \\ \' \n \t \r \b \f escapes
 * (a LIKE pattern raw, in whichever quote it does not contain), integers
 * in decimal, reals in the shortest form that reads back exactly.
 * Returns 0, or -1 when writing failed.
 */
int wql_query_dump(const struct wql_query *q, FILE *out);

/* Write one condition (borrowed) in the same notation. */
void wql_expr_dump(const struct wql_expr *e, FILE *out);

/* Write one literal (borrowed) in the same notation. */
void wql_literal_dump(const struct wql_literal *lit, FILE *out);

/* Q in the dump notation, as a new string the caller frees; NULL when
 * out of memory. */
char *wql_query_to_string(const struct wql_query *q);

#endif
