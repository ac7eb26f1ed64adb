/*
 * wql_assoc.h: ASSOCIATORS OF and REFERENCES OF run over the static
 * instances and classes of the repository.
 *
 *     struct wql_error err;
 *     if (wql_assoc_run(repo, "root/cimv2", q, send_one, &reply, 0, &err) < 0)
 *         return reply_error(err.code, err.message);
 *
 * The query (a struct wql_query of kind WQL_QUERY_ASSOCIATORS or
 * WQL_QUERY_REFERENCES, from wql_parse()) names its source object in
 * braces; the results are streamed to a callback one by one, each an
 * instance with its relative path or, for ClassDefsOnly and SchemaOnly, a
 * class.  The semantics, the handling of stored references and the cost
 * are described at the top of wql_assoc.c.
 */
#ifndef CIMRPC_WQL_ASSOC_H
#define CIMRPC_WQL_ASSOC_H

#include <stddef.h>

#include "cimrpc.h"
#include "query/wql_ast.h"
#include "repository/repo.h"

/* Results one run may return when the caller gives max_results 0. */
#define WQL_ASSOC_RESULTS_DEFAULT 10000

/*
 * One result, borrowed for the duration of the callback only.
 *
 *   instance: CLS is the instance's own (most derived) class, INST the
 *             instance (with KeysOnly only its key properties), RELPATH its
 *             relative path, "Class.Key=\"v\"" (or "Class=@").
 *   class:    CLS is the class, INST is NULL, RELPATH the class name.
 */
struct wql_assoc_result {
    const cim_class *cls;
    const cim_instance *inst;
    const char *relpath;
};

/*
 * Run Q (borrowed; kind ASSOCIATORS or REFERENCES) in namespace NSPACE of
 * REPO (borrowed; the walk reads it in read transactions, never writes).
 * FN(result, ARG) is called for each result; it may read REPO but not
 * write to it, and returns 0 to go on or non-zero to stop (the run then
 * returns 0).
 *
 * At most MAX_RESULTS results (0: WQL_ASSOC_RESULTS_DEFAULT) are
 * returned: a query that finds more fails with WBEM_E_FAILED and a
 * message asking to narrow it (ResultClass, AssocClass, Role); results
 * already passed to FN stay passed, and the caller decides what to do
 * with them.
 *
 * Returns 0, or -1 with ERR (borrowed) filled: a WBEM code and a sentence
 * for the user.  Errors about the object path carry the column of the
 * path in the query (Q->object_path_pos):
 *   INVALID_OBJECT_PATH  the path does not parse, names another host or
 *                        namespace than NSPACE, or its keys do not fit
 *                        its class
 *   INVALID_CLASS        the path's class, or the class given to
 *                        AssocClass or ResultClass, does not exist
 *   NOT_FOUND            no instance has the path's keys
 *   INVALID_QUERY        a class path without SchemaOnly, an instance
 *                        path with SchemaOnly, a query of another kind
 *   INVALID_NAMESPACE    NSPACE does not exist
 *   FAILED               too many results; out of memory; repository
 *                        failures (with the repository's reason)
 */
int wql_assoc_run(struct repo *repo, const char *nspace, const struct wql_query *q,
                  int (*fn)(const struct wql_assoc_result *r, void *arg), void *arg,
                  size_t max_results, struct wql_error *err);

#endif
