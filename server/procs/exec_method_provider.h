/*
 * exec_method_provider.h: EXEC_METHOD on a class served by a provider:
 * the method runs in a worker as the session's identity
 * (procs/provider_call.h), off the loop, and what it returns is checked
 * against the method's declaration before the caller sees it.
 */
#ifndef CIMRPC_EXEC_METHOD_PROVIDER_H
#define CIMRPC_EXEC_METHOD_PROVIDER_H

#include "cimrpc.h"
#include "common/cim_path.h"
#include "rpc/call.h"

/*
 * Run method M of class CLS (both borrowed, resolved) served by PROVIDER
 * on PATH (an instance path, or the class for a static method) with the
 * in-parameters of ARGS.  Returns 0 with the call deferred, or with an
 * error in RES (a bad path or parameter, the provider not registered);
 * -1 on an internal failure.
 */
int exec_method_provider(struct call_context *ctx, const cim_class *cls, const cim_method *m,
                         const struct cim_path *path, const cimrpc_exec_method_args *args,
                         const char *provider, cimrpc_exec_method_res *res);

#endif
