/*
 * system_security.h: the methods of __SystemSecurity, which cimrpcd
 * serves itself (no provider) on the namespace of the caller's session.
 *
 * EXEC_METHOD (proc_exec_method.c) checks the class, the method and the
 * parameter names, and the dispatch table has already required Execute
 * Methods; then, for __SystemSecurity, it hands the call here.  What each
 * method needs and does is described in system_security.c.
 */
#ifndef CIMRPC_SYSTEM_SECURITY_H
#define CIMRPC_SYSTEM_SECURITY_H

#include <stdbool.h>

#include "cimrpc.h"
#include "common/cim_path.h"
#include "rpc/call.h"

/* Is CLASS_NAME (borrowed) __SystemSecurity, whose methods are served
 * here?  Compared without regard to case. */
bool system_security_serves(const char *class_name);

/*
 * Run method M (borrowed, from the repository's class cache: only its
 * name and return type are read, before any repository call; a method of
 * class __SystemSecurity as the session's namespace stores it, whose
 * parameter names the caller has checked) with the input parameters of ARGS
 * (borrowed), called on PATH (borrowed: "__SystemSecurity=@" or the class
 * path "__SystemSecurity").  Fills RES (zeroed by the dispatcher; the
 * dispatcher frees it): the return value (0) and the output parameters,
 * or an error code and a reason.  Returns 0 once RES is set, error
 * results included, or -1 when memory ran out (RES then holds nothing
 * that needs more than xdr_free()).
 */
int system_security_exec(struct call_context *ctx, const struct cim_path *path,
                         const cim_method *m, const cimrpc_exec_method_args *args,
                         cimrpc_exec_method_res *res);

#endif
