/*
 * xdr_blob.h: an XDR-described object to and from a byte buffer, for
 * storing wire structures (the repository keeps classes this way).
 */
#ifndef CIMRPC_XDR_BLOB_H
#define CIMRPC_XDR_BLOB_H

#include <stddef.h>
#include <rpc/rpc.h>

/* Encode OBJ with PROC into a new buffer (*BUF_OUT, caller frees) of
 * *LEN_OUT bytes.  Returns 0, or -1 (nothing allocated). */
int xdr_blob_encode(xdrproc_t proc, void *obj, unsigned char **buf_out, size_t *len_out);

/* Decode BUF (LEN bytes) with PROC into OBJ, which must be zeroed; the
 * whole buffer must be consumed.  On success the caller frees OBJ's
 * contents with xdr_free(PROC, OBJ); on failure nothing is left
 * allocated.  Returns 0 or -1. */
int xdr_blob_decode(xdrproc_t proc, const void *buf, size_t len, void *obj);

/* Deep-copy SRC (borrowed) into DST (zeroed by the caller; freed with
 * xdr_free(PROC, DST) after success) through its XDR encoding.  Returns 0,
 * or -1 with nothing allocated. */
int xdr_blob_copy(xdrproc_t proc, const void *src, void *dst);

#endif
