/*
 * wql_sql.h: a bound WQL condition (wql_bind.h) translated into a
 * parameterised SQL condition over the repository's instance columns,
 * for repo_instance_page() (repository/repo_instance.h).
 *
 *     struct wql_sql sql;
 *     if (wql_sql_translate(bound, cls, &sql, &err) < 0) ...
 *     struct repo_filter f = { sql.where, sql.params, sql.n_params };
 *     repo_instance_page(repo, ns, cls->name, true, &f, &page, n, row, &ctx, &rerr);
 *     ... in row(): if (!sql.exact) wql_eval(bound, inst, ...) must be TRUE ...
 *     wql_sql_clear(&sql);
 *
 * The SQL text holds only column names (c<n>, the n-th property of the
 * class; k, the canonical key), operators, parentheses, NOT/AND/OR/IN/IS
 * [NOT] NULL, cim_like(?N, c<n>) and placeholders ?3, ?4, ...: never a
 * value from the query, so no literal can change what the SQL means.
 *
 * Exactness.  The SQL condition never drops an instance the condition
 * would return: for any instance, "the WQL condition is TRUE" implies
 * "the SQL condition is TRUE".  When EXACT is set the converse holds too
 * and the rows SQL returns are the answer; otherwise each row must also
 * pass wql_eval().  A test translates exactly when SQL decides it the
 * same way in all three truth values (NULL is SQL's NULL, strings
 * compare under the columns' NOCASE collation as wql_bind.h defines,
 * uint64 values above INT64_MAX are bound as 20-digit TEXT like the
 * stored ones).  What is left to the evaluator: system properties, ISA,
 * properties without a column (IS NULL on arrays and embedded objects),
 * LIKE on char16 and ordering of char16 values, and any part that would
 * take more than REPO_FILTER_PARAMS_MAX parameters.  Under AND an
 * untranslatable side is dropped (the result becomes inexact); under OR
 * or NOT (NOT needs an exact operand) the whole subtree is untranslatable.
 *
 * Key lookups.  When the top-level AND conjuncts pin every Key property
 * of the class with '=' (integer, boolean, string, datetime, reference or
 * char16 keys, not reals), the canonical key of those values is added as
 * "k = ?N AND (...)", so that the read is one B-tree search per table.
 * Equal values (strings without regard to ASCII case, as under k's NOCASE
 * collation) give the same canonical key, so this never drops a row the
 * condition returns; the conjuncts stay in the SQL.  This relies on a
 * class's subclasses adding no keys (DSP0004, enforced by the MOF
 * compiler), so that their instances' keys are built from the same
 * properties.
 *
 * Ownership: the struct is the caller's (zeroed by translate); WHERE and
 * PARAMS (with their texts) are owned by it and freed by wql_sql_clear().
 */
#ifndef CIMRPC_WQL_SQL_H
#define CIMRPC_WQL_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc.h"
#include "query/wql_ast.h"
#include "query/wql_bind.h"
#include "repository/repo_instance.h"

struct wql_sql {
    char *where;                /* NULL: no SQL condition (every row passes to
                                 * the evaluator); owned */
    struct repo_param *params;  /* ?3, ?4, ... in order; owned */
    size_t n_params;            /* at most REPO_FILTER_PARAMS_MAX */
    bool exact;                 /* true: WHERE alone decides; false: rows must
                                 * also pass wql_eval() */
};

/*
 * Translate B's WHERE condition (B borrowed) over the columns of CLS
 * (borrowed: the class B was bound to) into *OUT (overwritten; on success
 * the caller frees it with wql_sql_clear(), on failure it is left empty).
 * A query without WHERE gives WHERE NULL and EXACT true.  Returns 0, or
 * -1 with ERR (borrowed) set: out of memory (WBEM_E_FAILED), or CLS not
 * the class B was bound to (WBEM_E_INVALID_CLASS).
 */
int wql_sql_translate(const struct wql_bound *b, const cim_class *cls, struct wql_sql *out,
                      struct wql_error *err);

/* Free what SQL owns and zero it.  Accepts NULL. */
void wql_sql_clear(struct wql_sql *sql);

#endif
