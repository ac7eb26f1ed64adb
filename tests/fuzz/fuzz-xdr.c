/*
 * fuzz-xdr.c: the XDR round trip the fuzz targets check (fuzz-xdr.h).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-xdr.h"

void
fuzz_xdr_fixed_point(xdrproc_t proc, void *obj, size_t size)
{
    unsigned long n = xdr_sizeof(proc, obj);
    char *once = NULL, *twice = NULL;
    void *copy = NULL;
    XDR xdr;

    if (n > (unsigned long)UINT32_MAX / 2)
        abort();
    if ((once = malloc(n + 1)) == NULL || (twice = malloc(n + 1)) == NULL ||
        (copy = calloc(1, size)) == NULL)
        goto out;
    xdrmem_create(&xdr, once, (u_int)n, XDR_ENCODE);
    if (!proc(&xdr, obj) || xdr_getpos(&xdr) != n)
        abort();                        /* what was decoded must encode */
    xdr_destroy(&xdr);
    xdrmem_create(&xdr, once, (u_int)n, XDR_DECODE);
    if (!proc(&xdr, copy) || xdr_getpos(&xdr) != n)
        abort();                        /* and decode, reading it all */
    xdr_destroy(&xdr);
    xdrmem_create(&xdr, twice, (u_int)n, XDR_ENCODE);
    if (!proc(&xdr, copy) || xdr_getpos(&xdr) != n || memcmp(once, twice, n) != 0)
        abort();
    xdr_destroy(&xdr);
out:
    if (copy != NULL) {
        xdr_free(proc, copy);
        free(copy);
    }
    free(twice);
    free(once);
}
