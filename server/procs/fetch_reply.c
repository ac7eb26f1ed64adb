/*
 * fetch_reply.c: encoding pages of objects with stored instances passed
 * through, for FETCH and OPEN_CURSOR (fetch_reply.h).
 */
#include <config.h>

#include <stdlib.h>

#include "procs/fetch_reply.h"

/* One object: as xdr_cimrpc_object, with RAW in place of the instance. */
static bool_t
fetch_reply_object(XDR *xdrs, cimrpc_object *obj, const struct fetch_raw *raw)
{
    if (raw == NULL || raw->bytes == NULL || obj->kind != CIMRPC_OBJECT_INSTANCE)
        return xdr_cimrpc_object(xdrs, obj);
    return xdr_cimrpc_object_kind(xdrs, &obj->kind) &&
           xdr_cimrpc_path(xdrs, &obj->cimrpc_object_u.instance.path) &&
           XDR_PUTBYTES(xdrs, (char *)raw->bytes, (u_int)raw->len);
}

bool_t
fetch_reply_page(XDR *xdrs, cimrpc_fetch_ok *ok, const struct fetch_raw *raw)
{
    u_int n = ok->objects.objects_len;
    char *none = (char *)"", **truncated = ok->truncated != NULL ? &ok->truncated : &none;

    /* A page made without a truncation note (one never read) has none. */
    if (xdrs->x_op == XDR_FREE)
        return xdr_cimrpc_fetch_ok(xdrs, ok);
    if (raw == NULL) {
        cimrpc_fetch_ok copy = *ok;

        copy.truncated = *truncated;
        return xdr_cimrpc_fetch_ok(xdrs, &copy);
    }
    if (n > CIMRPC_OBJECTS_MAX || !xdr_u_int(xdrs, &n))
        return FALSE;
    for (u_int i = 0; i < n; i++)
        if (!fetch_reply_object(xdrs, &ok->objects.objects_val[i], &raw[i]))
            return FALSE;
    return xdr_bool(xdrs, &ok->done) && xdr_string(xdrs, truncated, CIMRPC_REASON_MAX);
}

void
fetch_reply_free_raw(cimrpc_fetch_ok *ok, struct fetch_raw **raw)
{
    if (*raw == NULL)
        return;
    for (u_int i = 0; i < ok->objects.objects_len; i++)
        free((*raw)[i].bytes);
    free(*raw);
    *raw = NULL;
}

bool_t
xdr_fetch_reply(XDR *xdrs, struct fetch_reply *r)
{
    if (xdrs->x_op == XDR_FREE) {
        if (r->res.code == 0)
            fetch_reply_free_raw(&r->res.cimrpc_fetch_res_u.ok, &r->raw);
        free(r->raw);
        r->raw = NULL;
        return xdr_cimrpc_fetch_res(xdrs, &r->res);
    }
    if (xdrs->x_op == XDR_ENCODE && r->res.code == 0)
        return xdr_u_int(xdrs, &r->res.code) &&
               fetch_reply_page(xdrs, &r->res.cimrpc_fetch_res_u.ok, r->raw);
    return xdr_cimrpc_fetch_res(xdrs, &r->res);
}
