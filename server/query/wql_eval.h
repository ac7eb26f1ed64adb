/*
 * wql_eval.h: deciding a bound WQL condition (wql_bind.h) for one
 * instance, in memory.  This is the back end for instances that do not
 * come from the repository's tables (provider results) and for whatever
 * part of a condition the SQL translation (wql_sql.h) leaves open.
 *
 *     enum wql_truth t;
 *     if (wql_eval(bound, inst, &env, &t, &err) < 0)
 *         return reply_error(err.code, err.message);
 *     if (t == WQL_TRUE)
 *         ... the instance is a result ...
 *
 * The instance is one of the FROM class or of a class derived from it.
 * Its properties are found by name, without regard to case (first at
 * the position the class gives them, which is where repository instances
 * have them); a property the instance lacks is NULL, and so is a real
 * that is NaN (the repository stores NaN as NULL).  Semantics (three-
 * valued logic, case, conversions) are those of wql_bind.h.
 *
 * A value whose type does not fit its class's declaration (an array for
 * a scalar, a string for an integer: a provider's mistake) is an error,
 * WBEM_E_TYPE_MISMATCH, naming the property; integers of any width
 * compare with each other.  A reference that is not a valid path, or an
 * embedded object whose class cannot be read, makes ISA UNKNOWN.
 */
#ifndef CIMRPC_WQL_EVAL_H
#define CIMRPC_WQL_EVAL_H

#include "cimrpc.h"
#include "query/wql_ast.h"
#include "query/wql_bind.h"

enum wql_truth { WQL_FALSE = 0, WQL_TRUE = 1, WQL_UNKNOWN = 2 };

/* What the evaluator needs to know beyond the instance: the class
 * hierarchy (for ISA) and where the instance lives (system properties).
 * Every pointer is borrowed for the call. */
struct wql_eval_env {
    /* 1 when class NAME is ANCESTOR or derives from it, 0 when not, -1 on
     * error (set ERR).  NULL: only a class itself counts (names compared
     * without regard to case). */
    int (*isa)(void *arg, const char *name, const char *ancestor, struct wql_error *err);
    void *arg;
    const char *nspace;         /* for __NAMESPACE, __PATH; NULL: NULL */
    const char *server;         /* for __SERVER, __PATH; NULL: NULL */
    const char *relpath;        /* for __RELPATH, __PATH: "Class.Key=\"v\"";
                                 * NULL: NULL */
    const char *superclass;     /* for __SUPERCLASS; NULL (or ""): NULL */
};

/*
 * Decide B's WHERE condition (B borrowed) for INST (borrowed) in ENV
 * (borrowed; may be NULL: no ISA beyond a class itself, system
 * properties other than __CLASS and __GENUS NULL).  A query without
 * WHERE is TRUE.  Returns 0 with *OUT set, or -1 with ERR (borrowed)
 * filled: a value of the wrong type, the ISA callback's error, out of
 * memory (WBEM_E_FAILED).
 *
 * __PATH is "//SERVER/NSPACE:RELPATH" (without "//SERVER/" when SERVER
 * is NULL, without "NSPACE:" too when NSPACE is NULL), NULL without
 * RELPATH.
 */
int wql_eval(const struct wql_bound *b, const cim_instance *inst, const struct wql_eval_env *env,
             enum wql_truth *out, struct wql_error *err);

#endif
