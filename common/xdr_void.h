/*
 * xdr_void.h: xdr_void as an xdrproc_t.
 *
 * libtirpc declares xdr_void(void), which does not convert to the variadic
 * xdrproc_t without a -Wcast-function-type warning; casting through the
 * generic function type void (*)(void) is the sanctioned way.
 */
#ifndef CIMRPC_XDR_VOID_H
#define CIMRPC_XDR_VOID_H

#include <rpc/rpc.h>

#define XDR_VOID ((xdrproc_t)(void (*)(void))xdr_void)

#endif
