/*
 * gss-raw.c: a raw RPCSEC_GSS client (RFC 2203) for testing cimrpcd's
 * server side with calls a well-behaved client never sends.
 *
 *   gss-raw HOST PORT SCENARIO [ARG]
 *
 * Unlike tirpc-gss-client (libtirpc's authgss), this program builds every
 * RPC record itself on plain TCP sockets and MIT GSS-API: the context is
 * established with gss_init_sec_context and INIT / CONTINUE_INIT calls to
 * the NULL procedure; DATA calls are assembled byte by byte (RPC header,
 * flavor-6 credential, a verifier that is gss_get_mic over the header from
 * the xid through the credential, then the arguments plain, or wrapped as
 * gss_wire_integ / gss_wire_priv); replies are parsed by hand, their
 * verifiers (MIC of the sequence number, or of the window for the last
 * INIT reply) checked with gss_verify_mic.  Because the bytes are ours, a
 * scenario can replay a record, corrupt a checksum, alter a header after
 * it was signed, jump sequence numbers, or borrow a handle.
 *
 * The target is the service cimrpc@HOST; credentials come from the
 * default credential cache (KRB5CCNAME).  Sequence numbers start at 1 on
 * every fresh context.  Each scenario prints "ok SCENARIO" and exits 0,
 * or prints "FAIL: what happened" and exits 1 (2 for a usage error):
 *
 *   ping [N]     N (default 1) PINGs of 64 bytes, service none, in turn
 *   integrity    3 PINGs at service integrity, reply checksums verified
 *   privacy      3 PINGs at service privacy (gss_wrap / gss_unwrap)
 *   replay       a record resent byte for byte gets no reply within
 *                1000 ms; the next sequence number still works
 *   forged       a call whose header MIC has one byte flipped is
 *                RPCSEC_GSS_CREDPROBLEM and does not move the window
 *   tampered     calls whose proc, xid or sequence number were changed
 *                after signing are RPCSEC_GSS_CREDPROBLEM
 *   inflight [N] N (default 32, at most 128) PINGs written at once in
 *                reverse sequence order: all answered, once each
 *   window       the 128-entry window: 300 ok, 172 and 100 dropped,
 *                173 ok, 173 again dropped
 *   maxseq       sequence number 0x80000000 is RPCSEC_GSS_CTXPROBLEM and
 *                ends the context (the next call is CREDPROBLEM)
 *   destroy      RPCSEC_GSS_DESTROY answers with a valid verifier; the
 *                handle is then unknown (CREDPROBLEM)
 *   badhandle    a random 16-byte handle is CREDPROBLEM
 *   crossconn    a handle from connection A used on connection B is
 *                CREDPROBLEM: contexts belong to their connection
 *
 * Uses only GSS-API, libtirpc's XDR primitives and the generated XDR
 * routines: none of libcimrpc.
 */
#include <config.h>

#include <errno.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <netdb.h>
#include <poll.h>
#include <rpc/rpc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cimrpc.h"

#define GSS_FLAVOR 6
#define GSS_PROC_DATA 0
#define GSS_PROC_INIT 1
#define GSS_PROC_CONTINUE_INIT 2
#define GSS_PROC_DESTROY 3
#define SVC_NONE 1
#define SVC_INTEGRITY 2
#define SVC_PRIVACY 3
#define CREDPROBLEM 13              /* RPCSEC_GSS_CREDPROBLEM */
#define CTXPROBLEM 14               /* RPCSEC_GSS_CTXPROBLEM */
#define MAXSEQ 0x80000000u
#define WINDOW 128u                 /* the server's window */
#define PAYLOAD 64                  /* bytes per PING */
#define REPLY_MS 10000              /* a reply must come within this */
#define SILENCE_MS 1000             /* "no reply" means none within this */
#define MAX_REPLY (8u << 20)        /* largest reply record accepted */
#define LAST_FRAGMENT 0x80000000u

/* ------------------------------------------------------------ failures */

static char fail_text[1024];

/* Record why the scenario failed (the first reason wins).  Returns -1. */
static int failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
failf(const char *fmt, ...)
{
    va_list ap;

    if (fail_text[0] == '\0') {
        va_start(ap, fmt);
        vsnprintf(fail_text, sizeof(fail_text), fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* GSS-API's text for MAJOR/MINOR into OUT. */
static void
gss_text(OM_uint32 major, OM_uint32 minor, char *out, size_t size)
{
    OM_uint32 ctx = 0, tmp;
    gss_buffer_desc text;
    size_t used = 0;

    out[0] = '\0';
    do {
        if (GSS_ERROR(gss_display_status(&tmp, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &text)))
            break;
        used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? "; " : "",
                                 (int)text.length, (const char *)text.value);
        gss_release_buffer(&tmp, &text);
    } while (ctx != 0 && used < size);
    ctx = 0;
    while (minor != 0 && used < size) {
        if (GSS_ERROR(gss_display_status(&tmp, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &ctx, &text)))
            break;
        used += (size_t)snprintf(out + used, size - used, "; %.*s", (int)text.length,
                                 (const char *)text.value);
        gss_release_buffer(&tmp, &text);
        if (ctx == 0)
            break;
    }
}

/* ------------------------------------------------------ growable bytes */

struct buf {
    unsigned char *data;
    size_t len, cap;
};

static void
buf_free(struct buf *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

/* Append N bytes from P, or N unset bytes when P is NULL. */
static int
buf_put(struct buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        unsigned char *d;
        while (cap < b->len + n)
            cap *= 2;
        d = realloc(b->data, cap);
        if (d == NULL)
            return failf("out of memory");
        b->data = d;
        b->cap = cap;
    }
    if (p != NULL && n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static uint32_t
get_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
buf_u32(struct buf *b, uint32_t v)
{
    unsigned char w[4];

    put_be32(w, v);
    return buf_put(b, w, 4);
}

/* XDR opaque<>: length, bytes, zero padding to 4. */
static int
buf_opaque(struct buf *b, const void *p, size_t n)
{
    static const unsigned char zero[4];

    if (buf_u32(b, (uint32_t)n) < 0 || buf_put(b, p, n) < 0)
        return -1;
    return buf_put(b, zero, (4 - n % 4) % 4);
}

/* Append the XDR encoding of OBJ (by PROC). */
static int
buf_xdr(struct buf *b, xdrproc_t proc, void *obj)
{
    unsigned long size = xdr_sizeof(proc, obj);
    XDR xdr;
    int ok;

    if (size == 0)
        return failf("cannot size an XDR object");
    if (buf_put(b, NULL, size) < 0)      /* reserve */
        return -1;
    b->len -= size;
    xdrmem_create(&xdr, (char *)b->data + b->len, (u_int)size, XDR_ENCODE);
    ok = proc(&xdr, obj);
    if (ok)
        b->len += xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    return ok ? 0 : failf("XDR encoding failed");
}

/* ----------------------------------------------------------- transport */

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
connect_to(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai, *a;
    int fd = -1, rc;

    rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        failf("cannot resolve %s port %s: %s", host, port, gai_strerror(rc));
        return -1;
    }
    for (a = ai; a != NULL; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    if (fd < 0)
        failf("cannot connect to %s port %s: %s", host, port, strerror(errno));
    return fd;
}

static int
send_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return failf("send failed: %s", strerror(errno));
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Append RECORD to OUT as one last fragment. */
static int
frame(struct buf *out, const struct buf *record)
{
    if (record->len >= LAST_FRAGMENT)
        return failf("record too large");
    return buf_u32(out, LAST_FRAGMENT | (uint32_t)record->len) < 0 ? -1
           : buf_put(out, record->data, record->len);
}

/* Send RECORD as a single fragment, in one write. */
static int
send_record(int fd, const struct buf *record)
{
    struct buf out = { 0 };
    int rc = frame(&out, record) < 0 ? -1 : send_all(fd, out.data, out.len);

    buf_free(&out);
    return rc;
}

/* Read exactly N bytes before DEADLINE.  Returns 0, or -1 (failure set). */
static int
read_exact(int fd, unsigned char *p, size_t n, long long deadline)
{
    while (n > 0) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        long long left = deadline - now_ms();
        int rc;
        ssize_t r;

        if (left <= 0)
            return failf("timed out in the middle of a reply");
        rc = poll(&pfd, 1, (int)left);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0)
            return failf("poll failed: %s", strerror(errno));
        if (rc == 0)
            continue;
        r = recv(fd, p, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return failf("recv failed: %s", strerror(errno));
        if (r == 0)
            return failf("the server closed the connection");
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/*
 * Receive one record (fragments reassembled) into OUT (replaced).
 * Returns 1, 0 when no byte arrived within TIMEOUT_MS, or -1 (failure
 * set; the server closing the connection is a failure).
 */
static int
recv_record(int fd, int timeout_ms, struct buf *out)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    long long deadline;
    bool last = false;
    int rc;

    out->len = 0;
    do
        rc = poll(&pfd, 1, timeout_ms);
    while (rc < 0 && errno == EINTR);
    if (rc < 0)
        return failf("poll failed: %s", strerror(errno));
    if (rc == 0)
        return 0;
    deadline = now_ms() + REPLY_MS;
    while (!last) {
        unsigned char mark[4];
        uint32_t n;

        if (read_exact(fd, mark, 4, deadline) < 0)
            return -1;
        n = get_be32(mark);
        last = (n & LAST_FRAGMENT) != 0;
        n &= ~LAST_FRAGMENT;
        if (out->len + n > MAX_REPLY)
            return failf("reply record over %u bytes", MAX_REPLY);
        if (buf_put(out, NULL, n) < 0)
            return -1;
        if (read_exact(fd, out->data + out->len - n, n, deadline) < 0)
            return -1;
    }
    return 1;
}

/* ------------------------------------------------------------- replies */

struct reply {
    uint32_t xid;
    uint32_t stat;                  /* MSG_ACCEPTED or MSG_DENIED */
    uint32_t detail;                /* accept_stat, or reject_stat */
    uint32_t auth;                  /* auth_stat when AUTH_ERROR */
    uint32_t verf_flavor;
    const unsigned char *verf;      /* into the record */
    size_t verf_len;
    const unsigned char *results;   /* into the record */
    size_t results_len;
};

/* Parse the reply header of REC.  Returns 0, or -1 (failure set). */
static int
parse_reply(const struct buf *rec, struct reply *r)
{
    const unsigned char *p = rec->data;
    size_t n = rec->len, off = 0;

    memset(r, 0, sizeof(*r));
#define WORD(v)                                                         \
    do {                                                                \
        if (off + 4 > n)                                                \
            return failf("reply truncated (%zu bytes)", n);             \
        (v) = get_be32(p + off);                                        \
        off += 4;                                                       \
    } while (0)
    uint32_t dir;
    WORD(r->xid);
    WORD(dir);
    if (dir != REPLY)
        return failf("received a record that is not a reply (direction %u)", (unsigned)dir);
    WORD(r->stat);
    if (r->stat == MSG_ACCEPTED) {
        uint32_t len;
        WORD(r->verf_flavor);
        WORD(len);
        if (len > MAX_AUTH_BYTES || off + ((len + 3u) & ~3u) > n)
            return failf("reply verifier of %u bytes does not fit", (unsigned)len);
        r->verf = p + off;
        r->verf_len = len;
        off += (len + 3u) & ~3u;
        WORD(r->detail);
    } else if (r->stat == MSG_DENIED) {
        WORD(r->detail);
        if (r->detail == AUTH_ERROR)
            WORD(r->auth);
    } else {
        return failf("reply status %u is neither accepted nor denied", (unsigned)r->stat);
    }
#undef WORD
    r->results = p + off;
    r->results_len = n - off;
    return 0;
}

static const char *
accept_name(uint32_t s)
{
    static const char *const names[] = { "SUCCESS", "PROG_UNAVAIL", "PROG_MISMATCH",
                                         "PROC_UNAVAIL", "GARBAGE_ARGS", "SYSTEM_ERR" };
    return s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static const char *
auth_name(uint32_t s)
{
    static const char *const names[] = { "AUTH_OK", "AUTH_BADCRED", "AUTH_REJECTEDCRED",
                                         "AUTH_BADVERF", "AUTH_REJECTEDVERF", "AUTH_TOOWEAK",
                                         "AUTH_INVALIDRESP", "AUTH_FAILED" };
    if (s == CREDPROBLEM)
        return "RPCSEC_GSS_CREDPROBLEM";
    if (s == CTXPROBLEM)
        return "RPCSEC_GSS_CTXPROBLEM";
    return s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

/* "MSG_ACCEPTED SUCCESS", "MSG_DENIED AUTH_ERROR 13 (RPCSEC_GSS_CREDPROBLEM)"... */
static const char *
describe(const struct reply *r)
{
    static char text[128];

    if (r->stat == MSG_ACCEPTED)
        snprintf(text, sizeof(text), "MSG_ACCEPTED %s", accept_name(r->detail));
    else if (r->detail == AUTH_ERROR)
        snprintf(text, sizeof(text), "MSG_DENIED AUTH_ERROR %u (%s)", (unsigned)r->auth,
                 auth_name(r->auth));
    else
        snprintf(text, sizeof(text), "MSG_DENIED RPC_MISMATCH");
    return text;
}

/* Verify that MIC is CTX's checksum over the XDR of the word V. */
static int
verify_word_mic(gss_ctx_id_t ctx, uint32_t v, const unsigned char *mic, size_t mic_len,
                const char *what)
{
    unsigned char word[4];
    gss_buffer_desc msg = { .length = 4, .value = word };
    gss_buffer_desc tok = { .length = mic_len, .value = (void *)mic };
    OM_uint32 major, minor;
    char text[512];

    put_be32(word, v);
    major = gss_verify_mic(&minor, ctx, &msg, &tok, NULL);
    if (major != GSS_S_COMPLETE) {
        gss_text(major, minor, text, sizeof(text));
        return failf("%s: the reply verifier does not verify (%s)", what, text);
    }
    return 0;
}

/* ------------------------------------------------------------- context */

struct gss_peer {                   /* one established RPCSEC_GSS context */
    gss_ctx_id_t ctx;
    unsigned char handle[RPCSEC_GSS_HANDLE_MAX];
    size_t handle_len;
    uint32_t window;
};

static uint32_t next_xid;

static void
peer_release(struct gss_peer *g)
{
    OM_uint32 minor;

    if (g->ctx != GSS_C_NO_CONTEXT)
        gss_delete_sec_context(&minor, &g->ctx, GSS_C_NO_BUFFER);
}

/* Record the reply to XID on FD into REC and parse it into R; anything
 * but a reply to XID within REPLY_MS is a failure. */
static int
await_reply(int fd, uint32_t xid, struct buf *rec, struct reply *r, const char *what)
{
    int rc = recv_record(fd, REPLY_MS, rec);

    if (rc == 0)
        return failf("%s: no reply within %d ms", what, REPLY_MS);
    if (rc < 0 || parse_reply(rec, r) < 0)
        return -1;
    if (r->xid != xid)
        return failf("%s: reply xid 0x%08x, expected 0x%08x", what, (unsigned)r->xid,
                     (unsigned)xid);
    return 0;
}

/* Send one INIT or CONTINUE_INIT call carrying TOKEN; decode the reply's
 * init_res into RES (caller frees) and keep its verifier in VERF. */
static int
init_call(int fd, const struct gss_peer *g, uint32_t proc, const gss_buffer_desc *token,
          gss_wire_init_res *res, struct buf *verf, uint32_t *verf_flavor)
{
    gss_wire_cred cred = {
        .vers = 1, .proc = proc, .seq = 0, .service = SVC_NONE,
        .handle = { .handle_len = proc == GSS_PROC_INIT ? 0 : (u_int)g->handle_len,
                    .handle_val = (char *)g->handle },
    };
    gss_wire_init_arg arg = {
        .token = { .token_len = (u_int)token->length, .token_val = token->value },
    };
    struct buf rec = { 0 }, credbody = { 0 }, in = { 0 };
    uint32_t xid = next_xid++;
    struct reply r;
    XDR xdr;
    int rc = -1;

    if (buf_xdr(&credbody, (xdrproc_t)xdr_gss_wire_cred, &cred) < 0 ||
        buf_u32(&rec, xid) < 0 || buf_u32(&rec, CALL) < 0 || buf_u32(&rec, 2) < 0 ||
        buf_u32(&rec, CIMRPC_PROG) < 0 || buf_u32(&rec, CIMRPC_V1) < 0 ||
        buf_u32(&rec, CIMRPC_NULL) < 0 || buf_u32(&rec, GSS_FLAVOR) < 0 ||
        buf_opaque(&rec, credbody.data, credbody.len) < 0 ||
        buf_u32(&rec, AUTH_NONE) < 0 || buf_u32(&rec, 0) < 0 ||
        buf_xdr(&rec, (xdrproc_t)xdr_gss_wire_init_arg, &arg) < 0 ||
        send_record(fd, &rec) < 0 || await_reply(fd, xid, &in, &r, "context setup") < 0)
        goto out;
    if (r.stat != MSG_ACCEPTED || r.detail != SUCCESS) {
        failf("context setup: the server answered %s", describe(&r));
        goto out;
    }
    memset(res, 0, sizeof(*res));
    xdrmem_create(&xdr, (char *)r.results, (u_int)r.results_len, XDR_DECODE);
    if (!xdr_gss_wire_init_res(&xdr, res) || xdr_getpos(&xdr) != r.results_len) {
        xdr_destroy(&xdr);
        xdr_free((xdrproc_t)xdr_gss_wire_init_res, res);
        failf("context setup: the reply is not a well-formed rpc_gss_init_res");
        goto out;
    }
    xdr_destroy(&xdr);
    verf->len = 0;
    *verf_flavor = r.verf_flavor;
    rc = buf_put(verf, r.verf, r.verf_len);
    if (rc < 0)
        xdr_free((xdrproc_t)xdr_gss_wire_init_res, res);
out:
    buf_free(&rec);
    buf_free(&credbody);
    buf_free(&in);
    return rc;
}

/* Establish a context with cimrpc@HOST on FD into G. */
static int
establish(int fd, const char *host, struct gss_peer *g)
{
    char target[300], text[512];
    gss_buffer_desc namebuf, in = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
    gss_name_t name = GSS_C_NO_NAME;
    OM_uint32 major, minor, tmp;
    struct buf token = { 0 }, verf = { 0 };
    uint32_t verf_flavor = 0;
    bool server_done = false, first = true;
    int rc = -1;

    memset(g, 0, sizeof(*g));
    g->ctx = GSS_C_NO_CONTEXT;
    snprintf(target, sizeof(target), "cimrpc@%s", host);
    namebuf.value = target;
    namebuf.length = strlen(target);
    major = gss_import_name(&minor, &namebuf, GSS_C_NT_HOSTBASED_SERVICE, &name);
    if (major != GSS_S_COMPLETE) {
        gss_text(major, minor, text, sizeof(text));
        return failf("gss_import_name(%s): %s", target, text);
    }
    for (;;) {
        gss_wire_init_res res;

        in.length = token.len;
        in.value = token.data;
        /* No replay or sequence flags: RPCSEC_GSS has its own window. */
        major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &g->ctx, name,
                                     (gss_OID)gss_mech_krb5, GSS_C_MUTUAL_FLAG, 0,
                                     GSS_C_NO_CHANNEL_BINDINGS, first ? GSS_C_NO_BUFFER : &in,
                                     NULL, &out, NULL, NULL);
        if (GSS_ERROR(major)) {
            gss_text(major, minor, text, sizeof(text));
            failf("gss_init_sec_context for %s: %s", target, text);
            goto out;
        }
        if (out.length == 0) {
            if (major == GSS_S_COMPLETE && server_done)
                break;
            failf("context setup: GSS-API produced no token before the context completed");
            goto out;
        }
        if (server_done) {
            failf("context setup: the server completed while the client still has a token");
            goto out;
        }
        if (init_call(fd, g, first ? GSS_PROC_INIT : GSS_PROC_CONTINUE_INIT, &out, &res, &verf,
                      &verf_flavor) < 0)
            goto out;
        gss_release_buffer(&tmp, &out);
        if (res.major != GSS_S_COMPLETE && res.major != GSS_S_CONTINUE_NEEDED) {
            failf("context setup: the server refused the context (major 0x%x, minor 0x%x)",
                  (unsigned)res.major, (unsigned)res.minor);
            xdr_free((xdrproc_t)xdr_gss_wire_init_res, &res);
            goto out;
        }
        if (res.handle.handle_len == 0 || res.handle.handle_len > sizeof(g->handle) ||
            (!first && (res.handle.handle_len != g->handle_len ||
                        memcmp(res.handle.handle_val, g->handle, g->handle_len) != 0))) {
            failf("context setup: bad or changing context handle (%u bytes)",
                  (unsigned)res.handle.handle_len);
            xdr_free((xdrproc_t)xdr_gss_wire_init_res, &res);
            goto out;
        }
        memcpy(g->handle, res.handle.handle_val, res.handle.handle_len);
        g->handle_len = res.handle.handle_len;
        g->window = res.window;
        server_done = res.major == GSS_S_COMPLETE;
        token.len = 0;
        rc = buf_put(&token, res.token.token_val, res.token.token_len);
        xdr_free((xdrproc_t)xdr_gss_wire_init_res, &res);
        if (rc < 0)
            goto out;
        rc = -1;
        first = false;
        if (major == GSS_S_COMPLETE) {
            if (!server_done) {
                failf("context setup: the client is done but the server wants more");
                goto out;
            }
            break;
        }
        if (token.len == 0) {
            failf("context setup: the server sent no token while the client needs one");
            goto out;
        }
    }
    /* The last reply's verifier is the MIC of the window. */
    if (verf_flavor != GSS_FLAVOR) {
        failf("context setup: the final reply's verifier has flavor %u, not RPCSEC_GSS",
              (unsigned)verf_flavor);
        goto out;
    }
    if (g->window == 0) {
        failf("context setup: the server announced a window of 0");
        goto out;
    }
    rc = verify_word_mic(g->ctx, g->window, verf.data, verf.len, "context setup");
out:
    gss_release_buffer(&tmp, &out);
    gss_release_name(&tmp, &name);
    buf_free(&token);
    buf_free(&verf);
    return rc;
}

/* --------------------------------------------------------------- calls */

struct call {
    uint32_t xid, seq, service, proc;
    unsigned char payload[PAYLOAD];
    struct buf rec;                 /* the record, without record marking */
    size_t verf_body;               /* offset of the header MIC in rec */
    size_t verf_len;
};

static void
fill_payload(unsigned char *p, uint32_t salt)
{
    for (size_t i = 0; i < PAYLOAD; i++)
        p[i] = (unsigned char)(salt * 31u + i * 7u + 3u);
}

/*
 * Build into C a call of RPC procedure PROC (CIMRPC_PING with a 64-byte
 * payload, or CIMRPC_NULL with none) with an RPCSEC_GSS credential
 * {1, GSS_PROC, SEQ, SERVICE, HANDLE} signed and protected with CTX.
 */
static int
build_call(struct call *c, gss_ctx_id_t ctx, const unsigned char *handle, size_t handle_len,
           uint32_t gss_proc, uint32_t proc, uint32_t seq, uint32_t service)
{
    gss_wire_cred cred = {
        .vers = 1, .proc = gss_proc, .seq = seq, .service = service,
        .handle = { .handle_len = (u_int)handle_len, .handle_val = (char *)handle },
    };
    cimrpc_ping_args ping;
    struct buf credbody = { 0 }, args = { 0 }, body = { 0 };
    gss_buffer_desc in, mic = GSS_C_EMPTY_BUFFER, wrapped = GSS_C_EMPTY_BUFFER;
    OM_uint32 major, minor, tmp;
    char text[512];
    int rc = -1, conf = 0;

    memset(c, 0, sizeof(*c));
    c->xid = next_xid++;
    c->seq = seq;
    c->service = service;
    c->proc = proc;
    fill_payload(c->payload, c->xid);
    ping.payload.payload_len = PAYLOAD;
    ping.payload.payload_val = (char *)c->payload;

    if (buf_xdr(&credbody, (xdrproc_t)xdr_gss_wire_cred, &cred) < 0 ||
        buf_u32(&c->rec, c->xid) < 0 || buf_u32(&c->rec, CALL) < 0 ||
        buf_u32(&c->rec, 2) < 0 || buf_u32(&c->rec, CIMRPC_PROG) < 0 ||
        buf_u32(&c->rec, CIMRPC_V1) < 0 || buf_u32(&c->rec, proc) < 0 ||
        buf_u32(&c->rec, GSS_FLAVOR) < 0 || buf_opaque(&c->rec, credbody.data, credbody.len) < 0)
        goto out;
    /* The verifier: MIC over xid .. end of the credential. */
    in.length = c->rec.len;
    in.value = c->rec.data;
    major = gss_get_mic(&minor, ctx, GSS_C_QOP_DEFAULT, &in, &mic);
    if (major != GSS_S_COMPLETE) {
        gss_text(major, minor, text, sizeof(text));
        failf("gss_get_mic over the call header: %s", text);
        goto out;
    }
    if (buf_u32(&c->rec, GSS_FLAVOR) < 0)
        goto out;
    c->verf_body = c->rec.len + 4;
    c->verf_len = mic.length;
    if (buf_opaque(&c->rec, mic.value, mic.length) < 0)
        goto out;

    if (proc == CIMRPC_PING && buf_xdr(&args, (xdrproc_t)xdr_cimrpc_ping_args, &ping) < 0)
        goto out;
    if (gss_proc != GSS_PROC_DATA || service == SVC_NONE) {
        rc = buf_put(&c->rec, args.data, args.len);
        goto out;
    }
    /* Integrity and privacy protect XDR {seq, args}. */
    if (buf_u32(&body, seq) < 0 || buf_put(&body, args.data, args.len) < 0)
        goto out;
    in.length = body.len;
    in.value = body.data;
    if (service == SVC_INTEGRITY) {
        gss_release_buffer(&tmp, &mic);
        major = gss_get_mic(&minor, ctx, GSS_C_QOP_DEFAULT, &in, &mic);
        if (major != GSS_S_COMPLETE) {
            gss_text(major, minor, text, sizeof(text));
            failf("gss_get_mic over the arguments: %s", text);
            goto out;
        }
        gss_wire_integ integ = {
            .body = { .body_len = (u_int)body.len, .body_val = (char *)body.data },
            .checksum = { .checksum_len = (u_int)mic.length, .checksum_val = mic.value },
        };
        rc = buf_xdr(&c->rec, (xdrproc_t)xdr_gss_wire_integ, &integ);
    } else {
        major = gss_wrap(&minor, ctx, 1, GSS_C_QOP_DEFAULT, &in, &conf, &wrapped);
        if (major != GSS_S_COMPLETE || !conf) {
            gss_text(major, minor, text, sizeof(text));
            failf("gss_wrap of the arguments: %s", conf ? text : "no confidentiality");
            goto out;
        }
        gss_wire_priv priv = {
            .body = { .body_len = (u_int)wrapped.length, .body_val = wrapped.value },
        };
        rc = buf_xdr(&c->rec, (xdrproc_t)xdr_gss_wire_priv, &priv);
    }
out:
    gss_release_buffer(&tmp, &mic);
    gss_release_buffer(&tmp, &wrapped);
    buf_free(&credbody);
    buf_free(&args);
    buf_free(&body);
    return rc;
}

static int
build_ping(struct call *c, const struct gss_peer *g, uint32_t seq, uint32_t service)
{
    return build_call(c, g->ctx, g->handle, g->handle_len, GSS_PROC_DATA, CIMRPC_PING, seq,
                      service);
}

static void
call_free(struct call *c)
{
    buf_free(&c->rec);
}

/* Decode a PING result from BYTES and compare the echo with C's payload. */
static int
check_echo(const struct call *c, const unsigned char *bytes, size_t len, const char *what)
{
    cimrpc_ping_res res;
    XDR xdr;
    int rc = 0;

    memset(&res, 0, sizeof(res));
    xdrmem_create(&xdr, (char *)bytes, (u_int)len, XDR_DECODE);
    if (!xdr_cimrpc_ping_res(&xdr, &res) || xdr_getpos(&xdr) != len)
        rc = failf("%s: the PING result does not decode", what);
    else if (res.code != 0)
        rc = failf("%s: PING answered code %u (%s)", what, (unsigned)res.code,
                   res.cimrpc_ping_res_u.reason ? res.cimrpc_ping_res_u.reason : "");
    else if (res.cimrpc_ping_res_u.payload.payload_len != PAYLOAD ||
             memcmp(res.cimrpc_ping_res_u.payload.payload_val, c->payload, PAYLOAD) != 0)
        rc = failf("%s: the echo differs from the payload", what);
    xdr_destroy(&xdr);
    xdr_free((xdrproc_t)xdr_cimrpc_ping_res, &res);
    return rc;
}

/* Check that R is the protected, correctly echoed SUCCESS reply to the
 * PING C (or, for a DESTROY, the empty SUCCESS reply). */
static int
check_success(const struct call *c, gss_ctx_id_t ctx, const struct reply *r, const char *what)
{
    gss_buffer_desc msg, tok, plain = GSS_C_EMPTY_BUFFER;
    OM_uint32 major, minor, tmp;
    char text[512];
    XDR xdr;
    int rc = -1, conf = 0;

    if (r->stat != MSG_ACCEPTED || r->detail != SUCCESS)
        return failf("%s: expected MSG_ACCEPTED SUCCESS, got %s", what, describe(r));
    if (r->verf_flavor != GSS_FLAVOR)
        return failf("%s: reply verifier flavor %u, not RPCSEC_GSS", what,
                     (unsigned)r->verf_flavor);
    if (verify_word_mic(ctx, c->seq, r->verf, r->verf_len, what) < 0)
        return -1;
    if (c->proc != CIMRPC_PING) {
        if (r->results_len != 0)
            return failf("%s: %zu bytes of results where none were expected", what,
                         r->results_len);
        return 0;
    }
    if (c->service == SVC_NONE)
        return check_echo(c, r->results, r->results_len, what);

    xdrmem_create(&xdr, (char *)r->results, (u_int)r->results_len, XDR_DECODE);
    if (c->service == SVC_INTEGRITY) {
        gss_wire_integ integ;
        memset(&integ, 0, sizeof(integ));
        if (!xdr_gss_wire_integ(&xdr, &integ) || xdr_getpos(&xdr) != r->results_len) {
            failf("%s: the results are not a well-formed rpc_gss_integ_data", what);
        } else {
            msg.length = integ.body.body_len;
            msg.value = integ.body.body_val;
            tok.length = integ.checksum.checksum_len;
            tok.value = integ.checksum.checksum_val;
            major = gss_verify_mic(&minor, ctx, &msg, &tok, NULL);
            if (major != GSS_S_COMPLETE) {
                gss_text(major, minor, text, sizeof(text));
                failf("%s: the results' checksum does not verify (%s)", what, text);
            } else if (msg.length < 4 || get_be32(msg.value) != c->seq) {
                failf("%s: the protected results carry the wrong sequence number", what);
            } else {
                rc = check_echo(c, (unsigned char *)msg.value + 4, msg.length - 4, what);
            }
        }
        xdr_free((xdrproc_t)xdr_gss_wire_integ, &integ);
    } else {
        gss_wire_priv priv;
        memset(&priv, 0, sizeof(priv));
        if (!xdr_gss_wire_priv(&xdr, &priv) || xdr_getpos(&xdr) != r->results_len) {
            failf("%s: the results are not a well-formed rpc_gss_priv_data", what);
        } else {
            msg.length = priv.body.body_len;
            msg.value = priv.body.body_val;
            major = gss_unwrap(&minor, ctx, &msg, &plain, &conf, NULL);
            if (major != GSS_S_COMPLETE || !conf) {
                gss_text(major, minor, text, sizeof(text));
                failf("%s: the results do not unwrap (%s)", what, conf ? text : "not sealed");
            } else if (plain.length < 4 || get_be32(plain.value) != c->seq) {
                failf("%s: the sealed results carry the wrong sequence number", what);
            } else {
                rc = check_echo(c, (unsigned char *)plain.value + 4, plain.length - 4, what);
            }
        }
        xdr_free((xdrproc_t)xdr_gss_wire_priv, &priv);
        gss_release_buffer(&tmp, &plain);
    }
    xdr_destroy(&xdr);
    return rc;
}

/* Send C on FD; its reply must be a verified SUCCESS with the echo. */
static int
call_ok(int fd, const struct call *c, gss_ctx_id_t ctx, const char *what)
{
    struct buf in = { 0 };
    struct reply r;
    int rc = -1;

    if (send_record(fd, &c->rec) == 0 && await_reply(fd, c->xid, &in, &r, what) == 0)
        rc = check_success(c, ctx, &r, what);
    buf_free(&in);
    return rc;
}

/* Send C on FD; the reply must be MSG_DENIED AUTH_ERROR WHY. */
static int
call_denied(int fd, const struct call *c, uint32_t why, const char *what)
{
    struct buf in = { 0 };
    struct reply r;
    int rc = -1;

    if (send_record(fd, &c->rec) == 0 && await_reply(fd, c->xid, &in, &r, what) == 0) {
        if (r.stat == MSG_DENIED && r.detail == AUTH_ERROR && r.auth == why)
            rc = 0;
        else
            failf("%s: expected MSG_DENIED AUTH_ERROR %u (%s), got %s", what, (unsigned)why,
                  auth_name(why), describe(&r));
    }
    buf_free(&in);
    return rc;
}

/* Send C on FD; nothing may come back within SILENCE_MS, and the
 * connection must stay open. */
static int
call_dropped(int fd, const struct call *c, const char *what)
{
    struct buf in = { 0 };
    struct reply r;
    int rc = -1, got;

    if (send_record(fd, &c->rec) < 0)
        goto out;
    got = recv_record(fd, SILENCE_MS, &in);
    if (got == 0)
        rc = 0;
    else if (got > 0 && parse_reply(&in, &r) == 0)
        failf("%s: expected no reply within %d ms, got %s (xid 0x%08x)", what, SILENCE_MS,
              describe(&r), (unsigned)r.xid);
out:
    buf_free(&in);
    return rc;
}

/* One PING at SEQ and SERVICE on the context G, answered and echoed. */
static int
ping_ok(int fd, const struct gss_peer *g, uint32_t seq, uint32_t service, const char *what)
{
    struct call c;
    int rc = build_ping(&c, g, seq, service) < 0 ? -1 : call_ok(fd, &c, g->ctx, what);

    call_free(&c);
    return rc;
}

static int
ping_denied(int fd, const struct gss_peer *g, uint32_t seq, uint32_t why, const char *what)
{
    struct call c;
    int rc = build_ping(&c, g, seq, SVC_NONE) < 0 ? -1 : call_denied(fd, &c, why, what);

    call_free(&c);
    return rc;
}

/* PINGs at each of the N sequence numbers SEQS, sent in one write: none
 * may be answered within SILENCE_MS, and the connection must stay open. */
static int
pings_dropped(int fd, const struct gss_peer *g, const uint32_t *seqs, size_t n, const char *what)
{
    struct call c[4];
    struct buf out = { 0 }, in = { 0 };
    struct reply r;
    size_t built = 0;
    int rc = -1, got;

    if (n > sizeof(c) / sizeof(c[0]))
        return failf("%s: too many calls", what);
    for (; built < n; built++)
        if (build_ping(&c[built], g, seqs[built], SVC_NONE) < 0 || frame(&out, &c[built].rec) < 0) {
            built++;
            goto out;
        }
    if (send_all(fd, out.data, out.len) < 0)
        goto out;
    got = recv_record(fd, SILENCE_MS, &in);
    if (got == 0) {
        rc = 0;
    } else if (got > 0 && parse_reply(&in, &r) == 0) {
        size_t i = 0;
        while (i < n && c[i].xid != r.xid)
            i++;
        if (i < n)
            failf("%s: expected no reply within %d ms, but seq %u got %s", what, SILENCE_MS,
                  (unsigned)c[i].seq, describe(&r));
        else
            failf("%s: expected no reply within %d ms, got %s (unknown xid 0x%08x)", what,
                  SILENCE_MS, describe(&r), (unsigned)r.xid);
    }
out:
    for (size_t i = 0; i < built; i++)
        call_free(&c[i]);
    buf_free(&out);
    buf_free(&in);
    return rc;
}

static int
ping_dropped(int fd, const struct gss_peer *g, uint32_t seq, const char *what)
{
    return pings_dropped(fd, g, &seq, 1, what);
}

/* ----------------------------------------------------------- scenarios */

struct env {
    const char *host, *port;
    long arg;                       /* the optional ARG, or -1 */
    int fd;                         /* connection A, context g */
    struct gss_peer g;
};

static int
sc_pings(struct env *e, long count, uint32_t service)
{
    char what[64];

    for (long i = 0; i < count; i++) {
        snprintf(what, sizeof(what), "PING %ld of %ld", i + 1, count);
        if (ping_ok(e->fd, &e->g, (uint32_t)i + 1, service, what) < 0)
            return -1;
    }
    return 0;
}

static int
sc_ping(struct env *e)
{
    long n = e->arg < 0 ? 1 : e->arg;

    if (n < 1 || n > 100000)
        return failf("ping: N must be 1..100000");
    return sc_pings(e, n, SVC_NONE);
}

static int
sc_integrity(struct env *e)
{
    return sc_pings(e, 3, SVC_INTEGRITY);
}

static int
sc_privacy(struct env *e)
{
    return sc_pings(e, 3, SVC_PRIVACY);
}

static int
sc_replay(struct env *e)
{
    struct call c;
    int rc = -1;

    if (build_ping(&c, &e->g, 1, SVC_NONE) < 0)
        goto out;
    if (call_ok(e->fd, &c, e->g.ctx, "replay: the original call (seq 1)") < 0 ||
        call_dropped(e->fd, &c, "replay: the same record resent") < 0 ||
        ping_ok(e->fd, &e->g, 2, SVC_NONE, "replay: the next call (seq 2)") < 0)
        goto out;
    rc = 0;
out:
    call_free(&c);
    return rc;
}

static int
sc_forged(struct env *e)
{
    struct call c;
    int rc = -1;

    if (build_ping(&c, &e->g, 1, SVC_NONE) < 0)
        goto out;
    /* Flip one byte in the middle of the header MIC (its checksum part). */
    c.rec.data[c.verf_body + c.verf_len - 3] ^= 0x5a;
    if (call_denied(e->fd, &c, CREDPROBLEM, "forged: a call whose header MIC is corrupted") < 0 ||
        ping_ok(e->fd, &e->g, 1, SVC_NONE, "forged: the genuine call with the same seq 1") < 0 ||
        ping_ok(e->fd, &e->g, 2, SVC_NONE, "forged: the next call (seq 2)") < 0)
        goto out;
    rc = 0;
out:
    call_free(&c);
    return rc;
}

static int
sc_tampered(struct env *e)
{
    static const struct {
        size_t offset;              /* word changed after signing */
        uint32_t value;
        const char *what;
    } cases[] = {
        { 20, CIMRPC_WHOAMI, "tampered: a PING whose procedure was changed to WHOAMI" },
        { 0, 0, "tampered: a PING whose xid was changed" },
        { 40, 77, "tampered: a PING whose credential sequence number was changed" },
    };
    struct call c;
    uint32_t seq = 1;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (build_ping(&c, &e->g, seq, SVC_NONE) < 0) {
            call_free(&c);
            return -1;
        }
        if (cases[i].offset == 0) {
            c.xid ^= 0x01000000u;   /* the server answers to the altered xid */
            put_be32(c.rec.data, c.xid);
        } else {
            put_be32(c.rec.data + cases[i].offset, cases[i].value);
        }
        if (call_denied(e->fd, &c, CREDPROBLEM, cases[i].what) < 0) {
            call_free(&c);
            return -1;
        }
        call_free(&c);
    }
    /* None of them moved the window: seq 1 is still fresh. */
    return ping_ok(e->fd, &e->g, seq, SVC_NONE, "tampered: the genuine call (seq 1) afterwards");
}

static int
sc_inflight(struct env *e)
{
    long n = e->arg < 0 ? 32 : e->arg;
    struct call *calls;
    bool *seen;
    struct buf out = { 0 }, in = { 0 };
    char what[64];
    int rc = -1;

    if (n < 1 || n > (long)WINDOW)
        return failf("inflight: N must be 1..%u (the window)", WINDOW);
    calls = calloc((size_t)n, sizeof(*calls));
    seen = calloc((size_t)n, sizeof(*seen));
    if (calls == NULL || seen == NULL) {
        failf("out of memory");
        goto out;
    }
    for (long i = 0; i < n; i++)
        if (build_ping(&calls[i], &e->g, (uint32_t)i + 1, SVC_NONE) < 0)
            goto out;
    for (long i = n - 1; i >= 0; i--)       /* newest sequence number first */
        if (frame(&out, &calls[i].rec) < 0)
            goto out;
    if (send_all(e->fd, out.data, out.len) < 0)
        goto out;
    for (long k = 0; k < n; k++) {
        struct reply r;
        long i;
        int got = recv_record(e->fd, REPLY_MS, &in);

        if (got == 0) {
            failf("inflight: only %ld of %ld replies arrived within %d ms", k, n, REPLY_MS);
            goto out;
        }
        if (got < 0 || parse_reply(&in, &r) < 0)
            goto out;
        for (i = 0; i < n && calls[i].xid != r.xid; i++)
            ;
        if (i == n) {
            failf("inflight: a reply with unknown xid 0x%08x (%s)", (unsigned)r.xid, describe(&r));
            goto out;
        }
        if (seen[i]) {
            failf("inflight: the call with seq %ld was answered twice", i + 1);
            goto out;
        }
        seen[i] = true;
        snprintf(what, sizeof(what), "inflight: the call with seq %ld", i + 1);
        if (check_success(&calls[i], e->g.ctx, &r, what) < 0)
            goto out;
    }
    rc = 0;
out:
    if (calls != NULL)
        for (long i = 0; i < n; i++)
            call_free(&calls[i]);
    free(calls);
    free(seen);
    buf_free(&out);
    buf_free(&in);
    return rc;
}

static int
sc_window(struct env *e)
{
    if (e->g.window != WINDOW)
        return failf("window: the server announced a window of %u, expected %u",
                     (unsigned)e->g.window, WINDOW);
    /* 172 is just below; 100 is far below, where a bitmap indexed modulo
     * the window would find a clear bit. */
    static const uint32_t below[] = { 300 - WINDOW, 100 };

    if (ping_ok(e->fd, &e->g, 300, SVC_NONE, "window: seq 300") < 0 ||
        pings_dropped(e->fd, &e->g, below, 2, "window: seq 172 and 100 (below the window)") < 0 ||
        ping_ok(e->fd, &e->g, 300 - WINDOW + 1, SVC_NONE, "window: seq 173 (in the window)") < 0 ||
        ping_dropped(e->fd, &e->g, 300 - WINDOW + 1, "window: seq 173 again") < 0)
        return -1;
    return 0;
}

static int
sc_maxseq(struct env *e)
{
    struct call c;
    int rc;

    /* A forged call at MAXSEQ must not end the context: its header MIC is
     * checked first. */
    if (build_ping(&c, &e->g, MAXSEQ, SVC_NONE) < 0)
        return -1;
    c.rec.data[c.verf_body + c.verf_len - 3] ^= 0x5a;
    rc = call_denied(e->fd, &c, CREDPROBLEM, "maxseq: a forged call at seq 0x80000000");
    call_free(&c);
    if (rc < 0 ||
        ping_ok(e->fd, &e->g, 1, SVC_NONE, "maxseq: the context survives the forged call") < 0)
        return -1;
    if (ping_denied(e->fd, &e->g, MAXSEQ, CTXPROBLEM, "maxseq: seq 0x80000000") < 0 ||
        ping_denied(e->fd, &e->g, 2, CREDPROBLEM, "maxseq: seq 2 after the context ended") < 0)
        return -1;
    return 0;
}

static int
sc_destroy(struct env *e)
{
    struct call c;
    int rc = -1;

    if (ping_ok(e->fd, &e->g, 1, SVC_NONE, "destroy: a PING before (seq 1)") < 0)
        return -1;
    if (build_call(&c, e->g.ctx, e->g.handle, e->g.handle_len, GSS_PROC_DESTROY, CIMRPC_NULL, 2,
                   SVC_NONE) < 0 ||
        call_ok(e->fd, &c, e->g.ctx, "destroy: RPCSEC_GSS_DESTROY (seq 2)") < 0 ||
        ping_denied(e->fd, &e->g, 3, CREDPROBLEM, "destroy: a PING on the destroyed handle") < 0)
        goto out;
    rc = 0;
out:
    call_free(&c);
    return rc;
}

static int
sc_badhandle(struct env *e)
{
    unsigned char handle[16];
    struct call c;
    int rc = -1;

    if (ping_ok(e->fd, &e->g, 1, SVC_NONE, "badhandle: the genuine context (seq 1)") < 0)
        return -1;
    do {
        if (getrandom(handle, sizeof(handle), 0) != (ssize_t)sizeof(handle))
            return failf("getrandom failed");
    } while (e->g.handle_len == sizeof(handle) && memcmp(handle, e->g.handle, sizeof(handle)) == 0);
    if (build_call(&c, e->g.ctx, handle, sizeof(handle), GSS_PROC_DATA, CIMRPC_PING, 2,
                   SVC_NONE) < 0 ||
        call_denied(e->fd, &c, CREDPROBLEM, "badhandle: a PING with a random handle") < 0 ||
        ping_ok(e->fd, &e->g, 2, SVC_NONE, "badhandle: the genuine context afterwards (seq 2)") < 0)
        goto out;
    rc = 0;
out:
    call_free(&c);
    return rc;
}

static int
sc_crossconn(struct env *e)
{
    int fd_b = connect_to(e->host, e->port);
    int rc = -1;

    if (fd_b < 0)
        return -1;
    if (ping_denied(fd_b, &e->g, 1, CREDPROBLEM,
                    "crossconn: connection A's handle and MIC on connection B") == 0 &&
        ping_ok(e->fd, &e->g, 1, SVC_NONE, "crossconn: the same seq 1 on connection A") == 0)
        rc = 0;
    close(fd_b);
    return rc;
}

static const struct scenario {
    const char *name;
    int (*run)(struct env *);
    bool takes_arg;
} scenarios[] = {
    { "ping", sc_ping, true },
    { "integrity", sc_integrity, false },
    { "privacy", sc_privacy, false },
    { "replay", sc_replay, false },
    { "forged", sc_forged, false },
    { "tampered", sc_tampered, false },
    { "inflight", sc_inflight, true },
    { "window", sc_window, false },
    { "maxseq", sc_maxseq, false },
    { "destroy", sc_destroy, false },
    { "badhandle", sc_badhandle, false },
    { "crossconn", sc_crossconn, false },
};

static int
usage(void)
{
    fprintf(stderr, "usage: gss-raw HOST PORT SCENARIO [ARG]\nscenarios:");
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
        fprintf(stderr, " %s%s", scenarios[i].name, scenarios[i].takes_arg ? " [N]" : "");
    fprintf(stderr, "\n");
    return 2;
}

int
main(int argc, char **argv)
{
    const struct scenario *sc = NULL;
    struct env e = { .arg = -1, .fd = -1 };
    char *end;
    int rc = 1;

    if (argc < 4 || argc > 5)
        return usage();
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
        if (strcmp(argv[3], scenarios[i].name) == 0)
            sc = &scenarios[i];
    if (sc == NULL || (argc == 5 && !sc->takes_arg))
        return usage();
    if (argc == 5) {
        errno = 0;
        e.arg = strtol(argv[4], &end, 10);
        if (errno != 0 || *end != '\0' || end == argv[4] || e.arg < 0)
            return usage();
    }
    e.host = argv[1];
    e.port = argv[2];
    e.g.ctx = GSS_C_NO_CONTEXT;
    if (getrandom(&next_xid, sizeof(next_xid), 0) != (ssize_t)sizeof(next_xid)) {
        failf("getrandom failed");
        goto out;
    }
    e.fd = connect_to(e.host, e.port);
    if (e.fd < 0 || establish(e.fd, e.host, &e.g) < 0 || sc->run(&e) < 0)
        goto out;
    printf("ok %s\n", sc->name);
    rc = 0;
out:
    if (rc != 0)
        fprintf(stderr, "FAIL: %s\n", fail_text[0] ? fail_text : "unknown failure");
    peer_release(&e.g);
    if (e.fd >= 0)
        close(e.fd);
    return rc;
}
