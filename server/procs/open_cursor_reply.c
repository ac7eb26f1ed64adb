/*
 * open_cursor_reply.c: encoding OPEN_CURSOR's results with its first
 * page's stored instances passed through (open_cursor_reply.h).
 */
#include <config.h>

#include <stdlib.h>

#include "procs/open_cursor_reply.h"

bool_t
xdr_open_cursor_reply(XDR *xdrs, struct open_cursor_reply *r)
{
    cimrpc_open_cursor_ok *ok = &r->res.cimrpc_open_cursor_res_u.ok;

    if (xdrs->x_op == XDR_FREE) {
        if (r->res.code == 0)
            fetch_reply_free_raw(&ok->first, &r->raw);
        free(r->raw);
        r->raw = NULL;
        return xdr_cimrpc_open_cursor_res(xdrs, &r->res);
    }
    if (xdrs->x_op == XDR_ENCODE && r->res.code == 0)
        return xdr_u_int(xdrs, &r->res.code) && xdr_u_hyper(xdrs, &ok->cursor) &&
               fetch_reply_page(xdrs, &ok->first, r->raw);
    return xdr_cimrpc_open_cursor_res(xdrs, &r->res);
}
