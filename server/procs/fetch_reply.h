/*
 * fetch_reply.h: FETCH's results as the server builds them: the
 * cimrpc_fetch_res of the wire contract, plus, for instances read from
 * the repository unchanged, their stored encoding, which goes into the
 * reply as it is instead of being decoded and encoded again.
 *
 * The stored encoding of an instance is its cim_instance XDR (the
 * repository keeps instances so), so the bytes on the wire are exactly
 * those xdr_cimrpc_fetch_res would write for the decoded instance: a
 * client cannot tell the difference.  idl/cimrpc.x names this struct for
 * FETCH (@reply), so the dispatcher allocates, encodes and frees it.
 */
#ifndef CIMRPC_FETCH_REPLY_H
#define CIMRPC_FETCH_REPLY_H

#include <stddef.h>

#include "cimrpc.h"

struct fetch_raw {
    unsigned char *bytes;           /* owned; NULL: the object is encoded normally */
    size_t len;                     /* a multiple of 4 */
};

struct fetch_reply {
    cimrpc_fetch_res res;           /* first: the handler's view */
    /* NULL, or one entry per res.ok.objects: when raw[i].bytes is set,
     * objects[i] is an instance whose inst is empty and whose stored
     * encoding raw[i] is sent in its place. */
    struct fetch_raw *raw;
};

/* Encode, free (or decode, without raw parts) R.  The XDR routine the
 * dispatcher uses for FETCH. */
bool_t xdr_fetch_reply(XDR *xdrs, struct fetch_reply *r);

/* Encode page OK with RAW (one entry per object, or NULL: none) in
 * xdr_cimrpc_fetch_ok's form; with XDR_FREE or XDR_DECODE, RAW must be
 * NULL.  For replies that carry a page (fetch_reply, open_cursor_reply). */
bool_t fetch_reply_page(XDR *xdrs, cimrpc_fetch_ok *ok, const struct fetch_raw *raw);

/* Free *RAW (one entry per object of OK) and set it to NULL. */
void fetch_reply_free_raw(cimrpc_fetch_ok *ok, struct fetch_raw **raw);

#endif
