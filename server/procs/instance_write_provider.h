/*
 * instance_write_provider.h: INSTANCE_PUT and INSTANCE_DELETE of an
 * instance of a class served by a provider: the write goes to the
 * provider, in a worker as the session's identity (procs/provider_call.h),
 * never to the repository.  Such a write needs Provider Write on the
 * namespace (DESIGN.md section 6), checked and recorded here, besides the
 * Partial Write the dispatcher checks for every instance write.
 */
#ifndef CIMRPC_INSTANCE_WRITE_PROVIDER_H
#define CIMRPC_INSTANCE_WRITE_PROVIDER_H

#include "cimrpc.h"
#include "common/cim_path.h"
#include "rpc/call.h"

/* Write ARGS->inst, of class CLS (borrowed, resolved) served by
 * PROVIDER.  Returns 0 with the call deferred or an error in RES, or -1
 * on an internal failure. */
int instance_put_provider(struct call_context *ctx, cimrpc_instance_put_args *args,
                          const cim_class *cls, const char *provider, cimrpc_path_res *res);

/* Delete the instance at PATH, of class CLS served by PROVIDER.  As
 * above. */
int instance_delete_provider(struct call_context *ctx, const struct cim_path *path,
                             const cim_class *cls, const char *provider, cimrpc_status_res *res);

#endif
