/*
 * fuzz-xdr.h: what the fuzz targets that decode XDR share.
 */
#ifndef CIMRPC_FUZZ_XDR_H
#define CIMRPC_FUZZ_XDR_H

#include <stddef.h>
#include <rpc/rpc.h>

/* OBJ (borrowed), decoded with PROC into SIZE bytes, must encode, decode
 * again reading every byte, and encode to the same bytes; abort() when
 * not. */
void fuzz_xdr_fixed_point(xdrproc_t proc, void *obj, size_t size);

#endif
