/*
 * fuzz-gss-cred.c: fuzz target for the server side of RPCSEC_GSS
 * (server/security/rpcsec_gss.c, seq_window.c): credential, verifier and
 * protected-body framing, context tokens, and the sequence window.
 *
 * Byte 0 chooses the mode (byte 0 % 3); the rest is its data:
 *
 *   0  wire types: byte 1 % 5 picks gss_wire_cred, gss_wire_init_arg,
 *      gss_wire_init_res, gss_wire_integ or gss_wire_priv (idl/cimrpc.x);
 *      the rest is decoded with its XDR routine, as rpcsec_gss.c decodes
 *      credentials, context-token arguments and integrity and privacy
 *      bodies, and freed.
 *   1  sequence window: the data is a list of sequence numbers fed to
 *      seq_window_accept(): a byte below 0xc0 is a number relative to the
 *      highest accepted so far (byte - 0x60, so -96 .. +95), a byte from
 *      0xc0 is followed by a 4-byte big-endian absolute number.
 *   2  calls: the data is up to 16 call records, each a 2-byte big-endian
 *      length and the record, passed to rpcsec_gss_accept() on one
 *      connection's context list, the way rpc_server_handle() does for a
 *      credential of flavor RPCSEC_GSS.  Kerberos is enabled with a keytab
 *      the target writes at start-up (service cimrpc/fuzz.invalid@FUZZ.INVALID,
 *      one fixed aes256 key), so INIT and CONTINUE_INIT tokens go through
 *      gss_accept_sec_context().  The list starts with three contexts of
 *      fixed handles: "fuzz-established" (established, but with no GSS
 *      context behind it, so no MIC ever verifies), "fuzz-expired-ctx"
 *      (established, already expired) and "fuzz-pending-ctx" (not yet
 *      established).  A context a call creates gets the handle
 *      "fuzz-context-NNN" (its number in the input) once the call is
 *      answered, so later records can name it.
 *
 * Checks (abort() when broken): mode 0, decoded values encode again and
 * decoding that encoding gives the same bytes once more, within the .x
 * bounds; mode 1, seq_window_accept() agrees with an independent model
 * (accept the first number, any number above the highest accepted, and a
 * number at most 127 below it that was not accepted before; refuse
 * everything else) and keeps the highest number; mode 2, every call is
 * answered (REPLIED, with the call's xid): no call can be dropped or
 * proceed, since both come only after a header MIC verified, and here
 * none can; the context list stays consistent and within
 * GSS_CONTEXTS_PER_CONNECTION.
 */
#include <config.h>

#include <errno.h>
#include <gssapi/gssapi.h>
#include <krb5.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rpc/rpc.h>

#include "cimrpc.h"
#include "log.h"
#include "security/gss_acceptor.h"
#include "security/gss_context.h"
#include "security/rpcsec_gss.h"
#include "security/seq_window.h"
#include "fuzz.h"
#include "fuzz-xdr.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_SERVICE "cimrpc"
#define FUZZ_PRINCIPAL FUZZ_SERVICE "/fuzz.invalid@FUZZ.INVALID"
#define FUZZ_MAX_CALLS 16
#define FUZZ_MAX_SEQS 1024

/* ------------------------------------------------------------- set-up */

static char fuzz_dir[64];
static char fuzz_keytab[96];
static bool fuzz_ready;

static void
fuzz_cleanup(void)
{
    gss_acceptor_shutdown();
    if (fuzz_keytab[0] != '\0')
        unlink(fuzz_keytab);
    if (fuzz_dir[0] != '\0')
        rmdir(fuzz_dir);
}

static void __attribute__((noreturn))
fuzz_setup_failed(const char *what, const char *why)
{
    fprintf(stderr, "fuzz-gss-cred: cannot set up the test keytab: %s: %s\n", what, why);
    exit(1);
}

/* Write a keytab with one fixed key for FUZZ_PRINCIPAL and enable the
 * acceptor with it, as cimrpcd --keytab does. */
static void
fuzz_setup(void)
{
    static unsigned char key[32];
    const char *tmp = getenv("TMPDIR");
    krb5_context kctx = NULL;
    krb5_keytab kt = NULL;
    krb5_keytab_entry entry;
    char name[128];
    krb5_error_code ret;

    if (fuzz_ready)
        return;
    fuzz_ready = true;
    log_set_verbosity(LOG_ERR);         /* every refusal is logged at NOTICE */
    /* Nothing reaches a replay cache (no ticket decrypts), but never
     * write one anyway. */
    setenv("KRB5RCACHETYPE", "none", 1);
    if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 32)
        tmp = "/tmp";
    snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/cimrpc-fuzz-XXXXXX", tmp);
    if (mkdtemp(fuzz_dir) == NULL) {
        fuzz_dir[0] = '\0';
        fuzz_setup_failed(tmp, strerror(errno));
    }
    snprintf(fuzz_keytab, sizeof(fuzz_keytab), "%s/keytab", fuzz_dir);
    atexit(fuzz_cleanup);

    memset(key, 0x42, sizeof(key));
    memset(&entry, 0, sizeof(entry));
    snprintf(name, sizeof(name), "FILE:%s", fuzz_keytab);
    if ((ret = krb5_init_context(&kctx)) != 0)
        fuzz_setup_failed("krb5_init_context", strerror(ret));
    if ((ret = krb5_parse_name(kctx, FUZZ_PRINCIPAL, &entry.principal)) != 0 ||
        (ret = krb5_kt_resolve(kctx, name, &kt)) != 0)
        fuzz_setup_failed(name, krb5_get_error_message(kctx, ret));
    entry.vno = 1;
    entry.key.magic = KV5M_KEYBLOCK;
    entry.key.enctype = ENCTYPE_AES256_CTS_HMAC_SHA1_96;
    entry.key.length = sizeof(key);
    entry.key.contents = key;
    if ((ret = krb5_kt_add_entry(kctx, kt, &entry)) != 0)
        fuzz_setup_failed(name, krb5_get_error_message(kctx, ret));
    krb5_kt_close(kctx, kt);
    krb5_free_principal(kctx, entry.principal);
    krb5_free_context(kctx);
    if (gss_acceptor_init(fuzz_keytab, FUZZ_SERVICE, true) < 0 || !gss_acceptor_enabled())
        fuzz_setup_failed(fuzz_keytab, "gss_acceptor_init refused it");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    return 0;
}

/* ------------------------------------------------------- 0: wire types */

static void
fuzz_wire(unsigned which, const uint8_t *data, size_t size)
{
    union {
        gss_wire_cred cred;
        gss_wire_init_arg init_arg;
        gss_wire_init_res init_res;
        gss_wire_integ integ;
        gss_wire_priv priv;
    } u;
    xdrproc_t proc;
    size_t obj_size;
    bool ok;
    XDR xdr;

    switch (which % 5) {
    case 0:
        proc = (xdrproc_t)xdr_gss_wire_cred;
        obj_size = sizeof(u.cred);
        break;
    case 1:
        proc = (xdrproc_t)xdr_gss_wire_init_arg;
        obj_size = sizeof(u.init_arg);
        break;
    case 2:
        proc = (xdrproc_t)xdr_gss_wire_init_res;
        obj_size = sizeof(u.init_res);
        break;
    case 3:
        proc = (xdrproc_t)xdr_gss_wire_integ;
        obj_size = sizeof(u.integ);
        break;
    default:
        proc = (xdrproc_t)xdr_gss_wire_priv;
        obj_size = sizeof(u.priv);
        break;
    }
    memset(&u, 0, sizeof(u));
    xdrmem_create(&xdr, (char *)data, (u_int)size, XDR_DECODE);
    ok = proc(&xdr, &u);
    xdr_destroy(&xdr);
    if (ok) {
        switch (which % 5) {
        case 0:
            if (u.cred.handle.handle_len > RPCSEC_GSS_HANDLE_MAX)
                abort();
            break;
        case 1:
            if (u.init_arg.token.token_len > RPCSEC_GSS_TOKEN_MAX)
                abort();
            break;
        case 2:
            if (u.init_res.handle.handle_len > RPCSEC_GSS_HANDLE_MAX ||
                u.init_res.token.token_len > RPCSEC_GSS_TOKEN_MAX)
                abort();
            break;
        case 3:
            if (u.integ.body.body_len > RPCSEC_GSS_BODY_MAX ||
                u.integ.checksum.checksum_len > RPCSEC_GSS_MIC_MAX)
                abort();
            break;
        default:
            if (u.priv.body.body_len > RPCSEC_GSS_BODY_MAX)
                abort();
            break;
        }
        fuzz_xdr_fixed_point(proc, &u, obj_size);
    }
    xdr_free(proc, &u);                 /* also after a partial decode */
}

/* ----------------------------------------------------- 1: seq window */

static void
fuzz_window(const uint8_t *data, size_t size)
{
    static uint32_t accepted[FUZZ_MAX_SEQS];
    struct seq_window w;
    size_t n_accepted = 0, pos = 0;
    uint32_t highest = 0;
    bool started = false;

    seq_window_init(&w);
    for (unsigned op = 0; op < FUZZ_MAX_SEQS && pos < size; op++) {
        uint8_t b = data[pos++];
        uint32_t seq;
        bool want, got;

        if (b < 0xc0) {
            seq = highest + (uint32_t)((int32_t)b - 0x60);
        } else {
            if (size - pos < 4)
                break;
            seq = (uint32_t)data[pos] << 24 | (uint32_t)data[pos + 1] << 16 |
                  (uint32_t)data[pos + 2] << 8 | data[pos + 3];
            pos += 4;
        }
        /* The model: every number accepted so far, and the highest. */
        if (!started || seq > highest) {
            want = true;
        } else if (highest - seq >= SEQ_WINDOW_SIZE) {
            want = false;
        } else {
            want = true;
            for (size_t i = 0; i < n_accepted && want; i++)
                if (accepted[i] == seq)
                    want = false;
        }
        got = seq_window_accept(&w, seq);
        if (got != want)
            abort();
        if (want) {
            accepted[n_accepted++] = seq;
            if (!started || seq > highest)
                highest = seq;
            started = true;
        }
        if (!w.started || w.highest != highest)
            abort();
    }
}

/* ------------------------------------------------------------ 2: calls */

static const char fuzz_established[GSS_CONTEXT_HANDLE_LEN + 1] = "fuzz-established";
static const char fuzz_expired[GSS_CONTEXT_HANDLE_LEN + 1] = "fuzz-expired-ctx";
static const char fuzz_pending[GSS_CONTEXT_HANDLE_LEN + 1] = "fuzz-pending-ctx";

static void
fuzz_context(struct gss_context_list *list, const char *handle, bool established,
             unsigned lifetime)
{
    struct gss_context *ctx = gss_context_new(list);

    if (ctx == NULL)
        abort();
    memcpy(ctx->handle, handle, GSS_CONTEXT_HANDLE_LEN);
    if (established)
        gss_context_established(list, ctx, lifetime);
}

/* Name the contexts the last call created, and check the list. */
static void
fuzz_name_contexts(struct gss_context_list *list, unsigned *created)
{
    size_t n = 0;
    bool bound_found = list->bound == NULL;

    for (struct gss_context *c = list->head; c != NULL; c = c->next) {
        if (memcmp(c->handle, "fuzz-", 5) != 0) {
            char name[GSS_CONTEXT_HANDLE_LEN + 1];

            snprintf(name, sizeof(name), "fuzz-context-%03u", (*created)++ % 1000);
            memcpy(c->handle, name, GSS_CONTEXT_HANDLE_LEN);
        }
        if (c == list->bound)
            bound_found = c->established;
        n++;
    }
    if (n != list->count || n > GSS_CONTEXTS_PER_CONNECTION || !bound_found)
        abort();
}

/* One record, as rpc_server_handle() treats it up to rpcsec_gss_accept(). */
static void
fuzz_one_call(struct gss_context_list *list, const uint8_t *record, size_t len)
{
    char cred_body[MAX_AUTH_BYTES], verf_body[MAX_AUTH_BYTES];
    struct reply_buf *reply = NULL;
    struct rpcsec_gss_call call;
    enum rpcsec_gss_outcome o;
    struct rpc_msg msg;
    size_t args_offset;
    XDR xdr;

    memset(&msg, 0, sizeof(msg));
    msg.rm_call.cb_cred.oa_base = cred_body;
    msg.rm_call.cb_verf.oa_base = verf_body;
    xdrmem_create(&xdr, (char *)record, (u_int)len, XDR_DECODE);
    if (!xdr_callmsg(&xdr, &msg) || msg.rm_call.cb_cred.oa_flavor != RPCSEC_GSS_FLAVOR) {
        xdr_destroy(&xdr);
        return;
    }
    args_offset = xdr_getpos(&xdr);
    o = rpcsec_gss_accept(list, &msg, record, len, args_offset, "fuzz", &call, &reply);
    xdr_destroy(&xdr);
    if (o != RPCSEC_GSS_REPLIED)
        abort();                        /* DROP and PROCEED need a verified MIC */
    if (reply == NULL || reply->len < 8 || reply->len - 4 > 0x7fffffff ||
        reply->data[0] != (0x80 | (unsigned char)((reply->len - 4) >> 24)) ||
        reply->data[1] != (unsigned char)((reply->len - 4) >> 16) ||
        reply->data[2] != (unsigned char)((reply->len - 4) >> 8) ||
        reply->data[3] != (unsigned char)(reply->len - 4) || memcmp(reply->data + 4, record, 4) != 0)
        abort();                        /* one last fragment, the call's xid */
    reply_buf_free(reply);
}

static void
fuzz_calls(const uint8_t *data, size_t size)
{
    struct gss_context_list list;
    unsigned created = 0;
    size_t pos = 0;

    gss_context_list_init(&list);
    fuzz_context(&list, fuzz_expired, true, 0);
    fuzz_context(&list, fuzz_pending, false, 0);
    fuzz_context(&list, fuzz_established, true, 3600);
    for (int i = 0; i < FUZZ_MAX_CALLS && size - pos >= 2; i++) {
        size_t len = (size_t)data[pos] << 8 | data[pos + 1];

        pos += 2;
        if (len > size - pos)
            len = size - pos;
        fuzz_one_call(&list, data + pos, len);
        fuzz_name_contexts(&list, &created);
        pos += len;
    }
    gss_context_destroy_all(&list);
    if (list.count != 0 || list.bound != NULL)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    if (size < 1 || size - 1 > UINT32_MAX / 2)
        return 0;
    switch (data[0] % 3) {
    case 0:
        if (size >= 2)
            fuzz_wire(data[1], data + 2, size - 2);
        break;
    case 1:
        fuzz_window(data + 1, size - 1);
        break;
    default:
        fuzz_calls(data + 1, size - 1);
        break;
    }
    return 0;
}
