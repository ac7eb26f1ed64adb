/*
 * wql_bind.h: a WQL data query (SELECT) resolved against the class it
 * reads: names looked up once, literals converted once to the types of
 * the properties they meet, so that the two back ends that decide the
 * WHERE condition (wql_eval.h over one instance, wql_sql.h as SQL over
 * the repository's columns) never look at names or text again and give
 * the same answer.
 *
 *     struct wql_bound *b;
 *     if (wql_bind(query, cls, &b, &err) < 0)
 *         return reply_error(err.code, err.message);
 *     ... wql_sql_translate(b, cls, ...), wql_eval(b, inst, ...) ...
 *     wql_bound_free(b);
 *
 * Names.  Property names compare without regard to case and resolve to
 * the class's spelling.  The system properties __CLASS, __SUPERCLASS,
 * __NAMESPACE, __RELPATH, __PATH and __SERVER are strings, __GENUS is an
 * integer (2: an instance), __DERIVATION an array of strings (so not
 * usable in a condition: test ancestry with "__THIS ISA 'Class'").  In a
 * SELECT list they are accepted and left out of the bound list: every
 * instance result carries its path anyway.
 *
 * What a condition may test:
 *   prop op literal    op one of = <> < <= > >=, on a single value: an
 *                      array or an embedded object is refused ("WQL
 *                      compares single values only").
 *   prop [NOT] LIKE p  string, datetime, reference or char16 properties.
 *   prop ISA 'Class'   a reference (the class of the path it holds), an
 *                      embedded object (the class of the instance in it)
 *                      or __THIS (the instance's own class).
 *   prop IS [NOT] NULL any property, arrays and embedded objects too.
 *
 * Literal conversion (once, here), by the property's type:
 *   integers    an integer; a real (compared as numbers: x < 2.5 is
 *               x <= 2, x = 2.5 is FALSE); a string that reads as a
 *               number ('4', '-0x1F', '2.5': WMI converts "ProcessId =
 *               '4'").  A value outside the type's range decides the
 *               test for every non-NULL value (uint8 = 300 is FALSE,
 *               uint8 < 300 TRUE, uint8 > -1 TRUE): it is not an error.
 *   reals       an integer (converted to the nearest double), a real, a
 *               string that reads as a number.
 *   string, datetime, reference
 *               a string.
 *   boolean     TRUE, FALSE, 0, 1, or the strings 'TRUE', 'FALSE', '0',
 *               '1'; only = and <>.
 *   char16      a string of exactly one character (at most U+FFFF).
 * Anything else is WBEM_E_TYPE_MISMATCH at the literal's column, saying
 * what the property takes.  Other refusals (unknown property, array,
 * embedded object, LIKE or ISA on the wrong type, ordering booleans) are
 * WBEM_E_INVALID_QUERY at the property's column.
 *
 * Case: strings (and char16) compare with ASCII letters folded to lower
 * case and every other byte as it is, exactly as SQLite's NOCASE
 * collation does, so that the SQL back end and the evaluator agree byte
 * for byte: non-ASCII letters compare by code point ('É' <> 'é').  < and
 * > order by the folded bytes (a shorter string first when one is a
 * prefix of the other).  LIKE folds more (wql_like.h), in both back ends.
 *
 * NULL: SQL's three-valued logic.  A comparison, LIKE or ISA with a NULL
 * property (or a property the instance lacks, or a real that is NaN) is
 * UNKNOWN; NOT UNKNOWN is UNKNOWN; FALSE AND UNKNOWN is FALSE, TRUE OR
 * UNKNOWN is TRUE, other mixes UNKNOWN; a query returns only the
 * instances for which the whole condition is TRUE.  IS NULL and IS NOT
 * NULL are two-valued: never UNKNOWN.
 *
 * The bound condition (struct wql_cond) is visible so that the two back
 * ends can walk it; everyone else treats struct wql_bound as opaque.
 * Ownership: a bound query owns its condition tree, names and compiled
 * patterns; it borrows nothing from the query or the class it was made
 * from, which may be freed after wql_bind().
 */
#ifndef CIMRPC_WQL_BIND_H
#define CIMRPC_WQL_BIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "query/wql_ast.h"
#include "query/wql_like.h"

struct wql_bound;   /* opaque: a resolved query */

/* Which property a test reads. */
enum wql_sys {
    WQL_SYS_NONE = 0,           /* a property of the class (wql_prop.index) */
    WQL_SYS_CLASS,
    WQL_SYS_SUPERCLASS,
    WQL_SYS_NAMESPACE,
    WQL_SYS_RELPATH,
    WQL_SYS_PATH,
    WQL_SYS_SERVER,
    WQL_SYS_GENUS,
    WQL_SYS_DERIVATION,         /* an array: refused in conditions */
    WQL_SYS_THIS,               /* only with ISA */
};

/* How values of a type compare. */
enum wql_value_kind {
    WQL_VALUE_NONE = 0,         /* arrays, embedded objects, __THIS */
    WQL_VALUE_INTEGER,          /* sint8..uint64 */
    WQL_VALUE_REAL,             /* real32, real64 */
    WQL_VALUE_STRING,           /* string, datetime, reference */
    WQL_VALUE_BOOLEAN,
    WQL_VALUE_CHAR16,
};

/* A property as a test reads it. */
struct wql_prop {
    const char *name;           /* the class's spelling; owned by the bound query */
    enum wql_sys sys;
    unsigned index;             /* WQL_SYS_NONE: its position in the class */
    cim_type type;              /* system properties: string, __GENUS sint32 */
    bool is_array;
    bool has_column;            /* a repository column c<index>: a scalar
                                 * property of the class, not embedded */
    enum wql_value_kind kind;
};

/* A literal converted to a property's type. */
struct wql_value {
    enum wql_value_kind kind;
    bool negative;              /* INTEGER: -magnitude (never for 0), within */
    uint64_t magnitude;         /*   the property type's range */
    double real;                /* REAL: finite */
    bool boolean;               /* BOOLEAN */
    uint32_t char16;            /* CHAR16: the code unit as written */
    char *string;               /* STRING; ISA: the class name; owned */
};

enum wql_cond_kind {
    WQL_COND_AND = 1,
    WQL_COND_OR,
    WQL_COND_NOT,
    WQL_COND_COMPARE,           /* prop op value */
    WQL_COND_DECIDED,           /* prop op value with the value out of the
                                 * type's range: DECIDED for any non-NULL
                                 * value, UNKNOWN for NULL */
    WQL_COND_LIKE,
    WQL_COND_ISA,
    WQL_COND_IS_NULL,
};

struct wql_cond {
    enum wql_cond_kind kind;
    struct wql_cond *left, *right;  /* AND, OR; NOT uses left only; owned */
    struct wql_prop prop;           /* the tests */
    enum wql_op op;                 /* COMPARE (and DECIDED: as written) */
    bool negated;                   /* LIKE: NOT LIKE; IS_NULL: IS NOT NULL */
    bool decided;                   /* DECIDED: the outcome for non-NULL */
    struct wql_value value;         /* COMPARE: the operand; ISA: the class
                                     * name in value.string */
    struct wql_like *like;          /* LIKE: the compiled pattern; owned */
    char *pattern;                  /* LIKE: the pattern text; owned */
    unsigned pos;                   /* column of the property (AND/OR/NOT:
                                     * of the operator) */
};

/*
 * Resolve Q (borrowed; a WQL_QUERY_SELECT) against CLS (borrowed), the
 * resolved class its FROM names (inherited properties first).  Returns 0
 * with *OUT set (NULL on entry; the caller owns it: wql_bound_free()), or
 * -1 with *OUT NULL and ERR (borrowed) filled: the code (above), the
 * column of the offending name or literal, and a sentence such as
 * "column 23: class CIM_Foo has no property 'Nmae'".  Out of memory is
 * WBEM_E_FAILED.
 */
int wql_bind(const struct wql_query *q, const cim_class *cls, struct wql_bound **out,
             struct wql_error *err);

/* Free B and everything it owns.  Accepts NULL. */
void wql_bound_free(struct wql_bound *b);

/* SELECT *?  (Then the list below is empty.) */
bool wql_bound_select_all(const struct wql_bound *b);

/* The properties the SELECT list names, system properties left out,
 * each once, in the order written. */
size_t wql_bound_n_properties(const struct wql_bound *b);

/* The I-th of them (I < wql_bound_n_properties()) in the class's
 * spelling; borrowed from B. */
const char *wql_bound_property(const struct wql_bound *b, size_t i);

/* The FROM class's name (the class's spelling); borrowed from B. */
const char *wql_bound_class(const struct wql_bound *b);

/* The bound WHERE condition, or NULL when the query has none; borrowed
 * from B, for the back ends. */
const struct wql_cond *wql_bound_where(const struct wql_bound *b);

/*
 * Compare strings A and B (NUL-terminated, borrowed) as WQL does: ASCII
 * letters folded to lower case, other bytes as they are, then by length
 * (SQLite's NOCASE).  Returns <0, 0 or >0.
 */
int wql_bound_text_cmp(const char *a, const char *b);

/* Code unit C with ASCII letters folded to lower case (char16 tests). */
uint32_t wql_bound_char16_fold(uint32_t c);

/* How a single value (not an array) of TYPE compares: WQL_VALUE_NONE for
 * an embedded object or a type WQL does not compare.  The binder gives a
 * property this kind; the evaluator checks an instance's value by it. */
enum wql_value_kind wql_bound_value_kind(cim_type type);

#endif
