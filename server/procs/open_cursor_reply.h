/*
 * open_cursor_reply.h: OPEN_CURSOR's results as the server builds them:
 * the cimrpc_open_cursor_res of the wire contract, whose first page may
 * carry stored instances passed through as stored (fetch_reply.h).
 * idl/cimrpc.x names this struct for OPEN_CURSOR (@reply).
 */
#ifndef CIMRPC_OPEN_CURSOR_REPLY_H
#define CIMRPC_OPEN_CURSOR_REPLY_H

#include "cimrpc.h"
#include "procs/fetch_reply.h"

struct open_cursor_reply {
    cimrpc_open_cursor_res res;     /* first: the handler's view */
    struct fetch_raw *raw;          /* NULL, or one entry per object of the first page */
};

/* Encode, free (or decode, without raw parts) R. */
bool_t xdr_open_cursor_reply(XDR *xdrs, struct open_cursor_reply *r);

#endif
