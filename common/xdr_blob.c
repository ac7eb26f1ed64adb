/*
 * xdr_blob.c: encode and decode XDR objects in memory.
 */
#include <config.h>

#include <stdlib.h>

#include "common/xdr_blob.h"

int
xdr_blob_encode(xdrproc_t proc, void *obj, unsigned char **buf_out, size_t *len_out)
{
    unsigned long size = xdr_sizeof(proc, obj);
    unsigned char *buf;
    XDR xdr;

    if (size == 0 || size > 0x7fffffffUL)
        return -1;
    buf = malloc(size);
    if (buf == NULL)
        return -1;
    xdrmem_create(&xdr, (char *)buf, (u_int)size, XDR_ENCODE);
    if (!proc(&xdr, obj)) {
        xdr_destroy(&xdr);
        free(buf);
        return -1;
    }
    *len_out = xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    *buf_out = buf;
    return 0;
}

int
xdr_blob_decode(xdrproc_t proc, const void *buf, size_t len, void *obj)
{
    XDR xdr;
    bool_t ok;

    if (len > 0x7fffffffUL)
        return -1;
    xdrmem_create(&xdr, (char *)buf, (u_int)len, XDR_DECODE);
    ok = proc(&xdr, obj) && xdr_getpos(&xdr) == len;
    xdr_destroy(&xdr);
    if (!ok) {
        xdr_free(proc, obj);
        return -1;
    }
    return 0;
}

int
xdr_blob_copy(xdrproc_t proc, const void *src, void *dst)
{
    unsigned char *buf;
    size_t len;
    int rc;

    if (xdr_blob_encode(proc, (void *)src, &buf, &len) < 0)
        return -1;
    rc = xdr_blob_decode(proc, buf, len, dst);
    free(buf);
    return rc;
}
