/*
 * proc_util.h: what the operation handlers share: building an error
 * result, reaching the repository, and reading namespace, path and mode
 * arguments.
 *
 * Every result of an operation is a union on a WBEM code: 0 and the
 * answer, or an error code and a reason.  The helpers below fill the
 * error side, given the result's code and reason fields.  A handler
 * returns 0 once its result is set (also an error result) and -1 only
 * when it cannot build a reply at all (out of memory).
 */
#ifndef CIMRPC_PROC_UTIL_H
#define CIMRPC_PROC_UTIL_H

#include <stdint.h>

#include "cimrpc.h"
#include "common/cim_path.h"
#include "repository/repo.h"
#include "repository/repo_class.h"
#include "rpc/call.h"

/* Set *CODE to WBEM (never 0) and *REASON to the formatted text (owned
 * by the result).  Returns 0, or -1 when memory ran out. */
int proc_error(u_int *code, char **reason, uint32_t wbem, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The same for a repository error, with its code. */
int proc_repo_error(u_int *code, char **reason, const struct repo_error *err);

/* The repository connection of the thread serving CTX (borrowed). */
struct repo *proc_repo(const struct call_context *ctx);

/* NAME as a full namespace path into *PATH_OUT (the caller frees it):
 * "root/..." is taken as it is, anything else is relative to the
 * session's namespace, and "" is the session's namespace.  Returns 0, or
 * -1 with the error set in CODE/REASON (or, when those stay 0, out of
 * memory). */
int proc_namespace(const struct call_context *ctx, const char *name, char **path_out,
                   u_int *code, char **reason);

/* Parse TEXT as an object path of the session's namespace into *PATH
 * (zeroed here; cim_path_clear() it).  A path that names another
 * namespace or host is refused.  Returns 0, or -1 with the error set. */
int proc_path(const struct call_context *ctx, const char *text, struct cim_path *path,
              u_int *code, char **reason);

/* The Provider qualifier's value on CLS (borrowed from it), or NULL for
 * a static class. */
const char *proc_class_provider(const cim_class *cls);

/* The repository's put mode for MODE: 0, or -1 with the error set. */
int proc_put_mode(cimrpc_put_mode mode, enum repo_put_mode *out, u_int *code, char **reason);

#endif
