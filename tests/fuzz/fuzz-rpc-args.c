/*
 * fuzz-rpc-args.c: fuzz target for what the daemon decodes from a call
 * record before any handler runs: the RPC call header (libtirpc's
 * xdr_callmsg, server/rpc/rpc_server.c) and every procedure's arguments
 * (the xdr_args of the generated dispatch table, server/rpc/dispatch.c).
 *
 * Byte 0 chooses the mode and the rest of the input is its data:
 *
 *   bit 7 clear  arguments: procedure (byte 0 & 0x7f) % dispatch_table_size
 *                decodes the data with its xdr_args into zeroed storage of
 *                its args_size, as dispatch_call() does, and xdr_free()s it;
 *   bit 7 set    a whole call record: the header is decoded as
 *                rpc_server_handle() decodes it (credential and verifier
 *                into fixed MAX_AUTH_BYTES buffers), the AUTH_SYS or
 *                RPCSEC_GSS credential body as the server decodes it, and
 *                for a call to one of our procedures its arguments from
 *                the same stream; then the record goes to
 *                rpc_server_handle() itself (bit 0: over the local socket,
 *                else TCP) unless it would reach dispatch_call(), which
 *                needs a connection this target does not have: every
 *                other record (bad headers, other programs, versions and
 *                procedures, refused flavors and verifiers, RPCSEC_GSS
 *                with no connection) is answered by the server's code.
 *
 * Checks (abort() when broken): decoded arguments encode again and
 * decoding that encoding gives the same bytes once more (a fixed point,
 * and the decoder reads exactly what the encoder writes); the credential
 * and verifier lengths stay within MAX_AUTH_BYTES; rpc_server_handle()
 * answers a record whose header decodes, never drops or defers it, and
 * its reply is one record-marked last fragment carrying the call's xid.
 * ASan and LSan catch overreads and leaks in decode-then-free; every
 * allocation is bounded by the .x (a declared length is allocated before
 * it is read, at most the bound).
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <rpc/rpc.h>

#include "cimrpc.h"
#include "log.h"
#include "rpc/dispatch.h"
#include "rpc/rpc_server.h"
#include "fuzz.h"
#include "fuzz-xdr.h"

#define RPCSEC_GSS_FLAVOR_NUMBER 6

/* Decode the arguments of ENTRY from XDR as dispatch_call() does, check
 * them, and free them as dispatch_result_free() does. */
static void
fuzz_args(const struct dispatch_entry *e, XDR *xdr)
{
    void *args;

    if (e->args_size == 0)
        return;                         /* void: the daemon decodes nothing */
    if ((args = calloc(1, e->args_size)) == NULL)
        return;
    if (e->xdr_args(xdr, args))
        fuzz_xdr_fixed_point(e->xdr_args, args, e->args_size);
    xdr_free(e->xdr_args, args);        /* also after a partial decode */
    free(args);
}

static uint32_t
fuzz_word(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The credential bodies the server decodes itself.  Returns false for an
 * AUTH_SYS body that does not decode (the server refuses the call). */
static bool
fuzz_cred_body(const struct opaque_auth *cred)
{
    bool ok = true;
    XDR xdr;

    if (cred->oa_flavor == AUTH_SYS) {
        struct authunix_parms parms;

        memset(&parms, 0, sizeof(parms));
        xdrmem_create(&xdr, cred->oa_base, cred->oa_length, XDR_DECODE);
        ok = xdr_authunix_parms(&xdr, &parms);
        xdr_destroy(&xdr);
        xdr_free((xdrproc_t)xdr_authunix_parms, &parms);
    } else if (cred->oa_flavor == RPCSEC_GSS_FLAVOR_NUMBER) {
        gss_wire_cred gc;

        memset(&gc, 0, sizeof(gc));
        xdrmem_create(&xdr, cred->oa_base, cred->oa_length, XDR_DECODE);
        if (xdr_gss_wire_cred(&xdr, &gc) && gc.handle.handle_len > RPCSEC_GSS_HANDLE_MAX)
            abort();
        xdr_destroy(&xdr);
        xdr_free((xdrproc_t)xdr_gss_wire_cred, &gc);
    }
    return ok;
}

/* A whole call record, as the server receives it. */
static void
fuzz_call(const uint8_t *record, size_t len, bool local)
{
    char cred_body[MAX_AUTH_BYTES], verf_body[MAX_AUTH_BYTES];
    struct rpc_peer peer = {
        .conn = NULL,
        .transport = local ? CIMRPC_TRANSPORT_LOCAL : CIMRPC_TRANSPORT_NETWORK,
        .local = NULL,
        .address = "fuzz",
    };
    struct reply_buf *reply = NULL;
    enum rpc_server_result r;
    struct rpc_msg msg;
    bool decoded, cred_ok, dispatched = false;
    XDR xdr;

    memset(&msg, 0, sizeof(msg));
    msg.rm_call.cb_cred.oa_base = cred_body;
    msg.rm_call.cb_verf.oa_base = verf_body;
    xdrmem_create(&xdr, (char *)record, (u_int)len, XDR_DECODE);
    decoded = xdr_callmsg(&xdr, &msg);
    if (decoded) {
        if (msg.rm_direction != CALL || msg.rm_call.cb_cred.oa_length > MAX_AUTH_BYTES ||
            msg.rm_call.cb_verf.oa_length > MAX_AUTH_BYTES ||
            msg.rm_call.cb_cred.oa_base != cred_body || msg.rm_call.cb_verf.oa_base != verf_body)
            abort();                    /* the fixed buffers are all it may use */
        cred_ok = fuzz_cred_body(&msg.rm_call.cb_cred);
        if (msg.rm_call.cb_prog == CIMRPC_PROG && msg.rm_call.cb_vers == CIMRPC_V1) {
            const struct dispatch_entry *e = dispatch_lookup((uint32_t)msg.rm_call.cb_proc);
            enum_t flavor = msg.rm_call.cb_cred.oa_flavor;

            if (e != NULL) {
                fuzz_args(e, &xdr);
                /* An AUTH_NONE or AUTH_SYS call that is not refused for
                 * its verifier, or for AUTH_SYS over TCP or malformed,
                 * reaches dispatch_call(), which needs the connection. */
                dispatched = (flavor == AUTH_NONE || (flavor == AUTH_SYS && local && cred_ok)) &&
                             msg.rm_call.cb_verf.oa_flavor == AUTH_NONE;
            }
        }
    }
    xdr_destroy(&xdr);
    if (dispatched)
        return;

    r = rpc_server_handle(&peer, record, len, &reply);
    switch (r) {
    case RPC_SERVER_REPLY:
        if (reply == NULL || len < 4 || reply->len < 8 || reply->sent != 0 ||
            fuzz_word(reply->data) != (0x80000000u | (uint32_t)(reply->len - 4)) ||
            fuzz_word(reply->data + 4) != fuzz_word(record))
            abort();                    /* one last fragment, the call's xid */
        break;
    case RPC_SERVER_CLOSE:
        if (decoded || reply != NULL)
            abort();                    /* a decoded call is always answered */
        break;
    case RPC_SERVER_NO_REPLY:
    case RPC_SERVER_DEFERRED:
    default:
        abort();                        /* nothing here may be dropped or deferred */
    }
    reply_buf_free(reply);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    const struct dispatch_entry *e;
    XDR xdr;

    if (!quiet) {
        log_set_verbosity(LOG_ERR);     /* every refusal is logged at NOTICE */
        quiet = true;
    }
    if (size < 1 || size - 1 > UINT32_MAX / 2)
        return 0;
    if (data[0] & 0x80) {
        fuzz_call(data + 1, size - 1, data[0] & 1);
        return 0;
    }
    if (dispatch_table_size == 0 ||
        (e = dispatch_lookup((uint32_t)((data[0] & 0x7f) % dispatch_table_size))) == NULL)
        return 0;                       /* a gap the daemon never decodes for */
    xdrmem_create(&xdr, (char *)data + 1, (u_int)(size - 1), XDR_DECODE);
    fuzz_args(e, &xdr);
    xdr_destroy(&xdr);
    return 0;
}
