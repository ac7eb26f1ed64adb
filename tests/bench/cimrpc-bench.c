/*
 * cimrpc-bench.c: the measuring client of the benchmark (driven by
 * tests/bench/run-bench, usable by hand).
 *
 *   cimrpc-bench rpc HOST PORT[,PORT...] LEVEL[,LEVEL...] null|ping SIZE ITER [WARMUP]
 *       ITER sequential round trips (after WARMUP untimed ones; default
 *       ITER/10, at least 10) on one connection and one context for each
 *       PORT and LEVEL.  With several, they take turns in blocks of 20
 *       calls (starting one further on each cycle), so that all of them
 *       meet the same machine conditions with warm caches.  The port
 *       "gss" stands for the in-process GSS work of the same round trip
 *       (see gss), measured in the same rotation.
 *   cimrpc-bench gss null|SIZE ITER [KEYTAB]
 *       The GSS-API work of one protected round trip, without a network,
 *       at each RPCSEC_GSS service (pkt, pktintegrity, pktprivacy).
 *   cimrpc-bench concurrent HOST PORT LEVEL SIZE CLIENTS SECONDS
 *       CLIENTS processes, each with its own connection and context,
 *       send PINGs of SIZE bytes back to back for SECONDS.
 *
 * LEVEL is none (AUTH_NONE), pkt (RPCSEC_GSS service none), pktintegrity
 * (or integrity) or pktprivacy (or privacy).  The client is libtirpc's:
 * clnt_vc_create with 256 KiB buffers (libtirpc wraps protected arguments
 * inside its send buffer) and authgss_create for the service
 * cimrpc@HOST from the default credential cache, as any libtirpc program
 * would use it; so every server is measured with the same client.
 *
 * The GSS work is measured on an in-process krb5 context pair (initiator
 * from the default ccache, acceptor from KEYTAB or $CIMRPC_SERVICE_KEYTAB
 * via gss_acquire_cred_from): per round trip, the call header's MIC and
 * its check, the arguments {seq, args} protected and checked, the results
 * {seq, results} protected and checked, and the reply verifier (MIC of
 * the sequence number) and its check.  "pkt" is the header and verifier
 * only.  Byte counts are those of NULL or of a PING of SIZE bytes.
 *
 * Every measurement prints one line on stdout:
 *   result mode=... level=... proc=... size=... n=... median_us=...
 *          min_us=... max_us=... p99_us=... calls_s=... [more=...]
 * (calls_s: ITER over the time spent in those calls; for concurrent, the
 * sum over the clients) and the program exits 0, or prints a message on
 * stderr and exits 1 (2 for usage).  Timings are CLOCK_MONOTONIC around
 * each call.  Nothing here asserts a timing: run-bench compares figures.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <rpc/auth_gss.h>
#include <rpc/rpc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-io.h"
#include "cimrpc.h"
#include "common/xdr_void.h"

/* libtirpc's client buffers: protected arguments are wrapped inside the
 * send buffer, which libtirpc caps at 256 KiB. */
#define BENCH_BUFSIZE (256u * 1024u)
/* The RPC header an RPCSEC_GSS call verifier signs: xid through the
 * credential, with a 16-byte handle (what both servers hand out). */
#define BENCH_HEADER_BYTES (8 * 4 + 5 * 4 + 16)
/* Consecutive calls on one target before the next takes its turn. */
#define BENCH_BLOCK 20
#define BENCH_RNDUP(n) (((n) + 3u) & ~(size_t)3u)

enum bench_level { BENCH_NONE, BENCH_PKT, BENCH_INTEGRITY, BENCH_PRIVACY };

static const char *const bench_level_names[] = { "none", "pkt", "pktintegrity", "pktprivacy" };

/* ------------------------------------------------------------ helpers */

static void __attribute__((format(printf, 1, 2), noreturn))
bench_die(const char *fmt, ...)
{
    va_list ap;

    fputs("cimrpc-bench: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void __attribute__((noreturn))
bench_usage(void)
{
    fputs("usage: cimrpc-bench rpc HOST PORT[,PORT...] LEVEL[,LEVEL...] null|ping SIZE ITER "
          "[WARMUP]\n"
          "       cimrpc-bench gss null|SIZE ITER [KEYTAB]\n"
          "       cimrpc-bench concurrent HOST PORT LEVEL SIZE CLIENTS SECONDS\n"
          "LEVEL: none, pkt, pktintegrity (integrity), pktprivacy (privacy)\n",
          stderr);
    exit(2);
}

/* Non-negative integer argument WHAT from S, at most MAX. */
static long
bench_number(const char *s, const char *what, long max)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 0 || v > max)
        bench_die("%s must be a number from 0 to %ld, not '%s'", what, max, s);
    return v;
}

static enum bench_level
bench_level_parse(const char *s)
{
    if (strcmp(s, "none") == 0)
        return BENCH_NONE;
    if (strcmp(s, "pkt") == 0)
        return BENCH_PKT;
    if (strcmp(s, "pktintegrity") == 0 || strcmp(s, "integrity") == 0)
        return BENCH_INTEGRITY;
    if (strcmp(s, "pktprivacy") == 0 || strcmp(s, "privacy") == 0)
        return BENCH_PRIVACY;
    bench_die("unknown level '%s' (none, pkt, pktintegrity, pktprivacy)", s);
}

static double
bench_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Summary of N samples (sorted in place), in microseconds. */
struct bench_stats {
    size_t n;
    double median, min, max, p99;
};

static struct bench_stats
bench_summarize(double *samples, size_t n)
{
    struct bench_stats st = { .n = n };

    if (n == 0)
        return st;
    qsort(samples, n, sizeof(*samples), bench_cmp_double);
    st.min = samples[0];
    st.max = samples[n - 1];
    st.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    size_t k = (size_t)ceil(0.99 * (double)n);
    st.p99 = samples[k > 0 ? k - 1 : 0];
    return st;
}

static void
bench_print(const char *mode, const char *level, const char *proc, size_t size,
            const struct bench_stats *st, double calls_s, const char *more)
{
    printf("result mode=%s level=%s proc=%s size=%zu n=%zu median_us=%.2f min_us=%.2f "
           "max_us=%.2f p99_us=%.2f calls_s=%.0f%s%s\n",
           mode, level, proc, size, st->n, st->median, st->min, st->max, st->p99, calls_s,
           more ? " " : "", more ? more : "");
    fflush(stdout);
}

/* A payload of SIZE bytes with a recognizable pattern (caller frees). */
static char *
bench_payload(size_t size)
{
    char *p = malloc(size ? size : 1);

    if (p == NULL)
        bench_die("out of memory");
    for (size_t i = 0; i < size; i++)
        p[i] = (char)(i * 7 + 3);
    return p;
}

/* ------------------------------------------------------- RPC clients */

/* One libtirpc client: a connection and, above level none, a context. */
struct bench_client {
    CLIENT *clnt;
    int fd;
    double setup_us;                /* authgss_create, 0 at level none */
};

static const struct timeval bench_timeout = { 30, 0 };

/* Connect to HOST:PORT and, above level none, make an RPCSEC_GSS context
 * for cimrpc@HOST.  Returns 0, or -1 with a message on stderr. */
static int
bench_client_open(struct bench_client *bc, const char *host, const char *port,
                  enum bench_level level)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *ai = NULL;
    struct rpc_gss_sec sec = { .mech = (gss_OID)gss_mech_krb5, .qop = GSS_C_QOP_DEFAULT,
                               .cred = GSS_C_NO_CREDENTIAL, .req_flags = GSS_C_MUTUAL_FLAG };
    gss_name_t name = GSS_C_NO_NAME;
    gss_buffer_desc namebuf;
    OM_uint32 minor;
    char target[300];
    int one = 1, ret = -1;

    memset(bc, 0, sizeof(*bc));
    bc->fd = -1;
    if (getaddrinfo(host, port, &hints, &ai) != 0) {
        fprintf(stderr, "cimrpc-bench: cannot resolve %s\n", host);
        goto cleanup;
    }
    bc->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (bc->fd < 0 || connect(bc->fd, ai->ai_addr, ai->ai_addrlen) < 0) {
        fprintf(stderr, "cimrpc-bench: cannot connect to %s:%s: %s\n", host, port,
                strerror(errno));
        goto cleanup;
    }
    /* As libtirpc's own clnt_tli_create does for TCP. */
    (void)setsockopt(bc->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    struct netbuf raddr = { .len = ai->ai_addrlen, .maxlen = ai->ai_addrlen, .buf = ai->ai_addr };
    bc->clnt = clnt_vc_create(bc->fd, &raddr, CIMRPC_PROG, CIMRPC_V1, BENCH_BUFSIZE,
                              BENCH_BUFSIZE);
    if (bc->clnt == NULL) {
        fprintf(stderr, "cimrpc-bench: clnt_vc_create failed\n");
        goto cleanup;
    }
    if (level == BENCH_NONE) {
        ret = 0;
        goto cleanup;
    }
    sec.svc = level == BENCH_PKT ? RPCSEC_GSS_SVC_NONE
            : level == BENCH_INTEGRITY ? RPCSEC_GSS_SVC_INTEGRITY : RPCSEC_GSS_SVC_PRIVACY;
    snprintf(target, sizeof(target), "cimrpc@%s", host);
    namebuf.value = target;
    namebuf.length = strlen(target);
    if (gss_import_name(&minor, &namebuf, GSS_C_NT_HOSTBASED_SERVICE, &name) != GSS_S_COMPLETE) {
        fprintf(stderr, "cimrpc-bench: gss_import_name(%s) failed\n", target);
        goto cleanup;
    }
    double t0 = bench_now_us();
    AUTH *auth = authgss_create(bc->clnt, name, &sec);
    bc->setup_us = bench_now_us() - t0;
    if (auth == NULL) {
        fprintf(stderr, "cimrpc-bench: no RPCSEC_GSS context with %s:%s (kinit? keytab?)\n",
                host, port);
        goto cleanup;
    }
    auth_destroy(bc->clnt->cl_auth);
    bc->clnt->cl_auth = auth;
    ret = 0;

cleanup:
    if (name != GSS_C_NO_NAME)
        gss_release_name(&minor, &name);
    if (ai != NULL)
        freeaddrinfo(ai);
    return ret;
}

static void
bench_client_close(struct bench_client *bc)
{
    if (bc->clnt != NULL) {
        auth_destroy(bc->clnt->cl_auth);
        bc->clnt->cl_auth = NULL;
        clnt_destroy(bc->clnt);
    }
    if (bc->fd >= 0)
        close(bc->fd);
    bc->clnt = NULL;
    bc->fd = -1;
}

/* One call of PROC (NULL, or PING echoing PAYLOAD of SIZE bytes); returns
 * its round trip in microseconds, or -1 with a message on stderr. */
static double
bench_call(struct bench_client *bc, int ping, const char *payload, size_t size)
{
    enum clnt_stat st;
    double t0, t1;

    if (!ping) {
        t0 = bench_now_us();
        st = clnt_call(bc->clnt, CIMRPC_NULL, XDR_VOID, NULL, XDR_VOID,
                       NULL, bench_timeout);
        t1 = bench_now_us();
        if (st != RPC_SUCCESS) {
            fprintf(stderr, "cimrpc-bench: NULL: %s\n", clnt_sperrno(st));
            return -1;
        }
        return t1 - t0;
    }

    cimrpc_ping_args args = { .payload = { .payload_len = (u_int)size,
                                           .payload_val = (char *)payload } };
    cimrpc_ping_res res;
    memset(&res, 0, sizeof(res));
    t0 = bench_now_us();
    st = clnt_call(bc->clnt, CIMRPC_PING, (xdrproc_t)xdr_cimrpc_ping_args, (caddr_t)&args,
                   (xdrproc_t)xdr_cimrpc_ping_res, (caddr_t)&res, bench_timeout);
    t1 = bench_now_us();
    if (st != RPC_SUCCESS) {
        fprintf(stderr, "cimrpc-bench: PING: %s\n", clnt_sperrno(st));
        return -1;
    }
    int ok = res.code == 0 && res.cimrpc_ping_res_u.payload.payload_len == size &&
             memcmp(res.cimrpc_ping_res_u.payload.payload_val, payload, size) == 0;
    xdr_free((xdrproc_t)xdr_cimrpc_ping_res, (caddr_t)&res);
    if (!ok) {
        fprintf(stderr, "cimrpc-bench: PING: the echo differs from the payload\n");
        return -1;
    }
    return t1 - t0;
}

/* ---------------------------------------------------------- GSS work */

/* An established krb5 context pair inside this process, and the bytes
 * one round trip protects (owned): the call header, {seq, args},
 * {seq, results} and the reply verifier's sequence number.  Their
 * contents do not matter to the cost; their lengths do. */
struct bench_gss_work {
    gss_ctx_id_t init, accept;
    gss_buffer_desc header, args, results, seq;
};

static void __attribute__((noreturn))
bench_gss_fail(const char *what, OM_uint32 major, OM_uint32 minor)
{
    OM_uint32 ctx, min2;
    gss_buffer_desc text;

    fprintf(stderr, "cimrpc-bench: %s failed", what);
    for (int type = GSS_C_GSS_CODE; type <= GSS_C_MECH_CODE; type++) {
        OM_uint32 code = type == GSS_C_GSS_CODE ? major : minor;
        ctx = 0;
        do {
            if (gss_display_status(&min2, code, type, GSS_C_NO_OID, &ctx, &text) != GSS_S_COMPLETE)
                break;
            fprintf(stderr, ": %.*s", (int)text.length, (char *)text.value);
            gss_release_buffer(&min2, &text);
        } while (ctx != 0);
    }
    fputc('\n', stderr);
    exit(1);
}

/* Initiator from the default ccache to cimrpc@localhost, acceptor from
 * KEYTAB, with the flags libtirpc's client asks for; buffers for NULL
 * (PING false) or a PING of SIZE bytes. */
static void
bench_gss_work_init(struct bench_gss_work *w, const char *keytab, int ping, size_t size)
{
    gss_key_value_element_desc kv = { .key = "keytab", .value = keytab };
    gss_key_value_set_desc store = { .count = 1, .elements = &kv };
    gss_buffer_desc namebuf = { .value = (char *)"cimrpc@localhost", .length = 16 };
    gss_buffer_desc out = GSS_C_EMPTY_BUFFER, back = GSS_C_EMPTY_BUFFER;
    gss_cred_id_t acred = GSS_C_NO_CREDENTIAL;
    gss_name_t target = GSS_C_NO_NAME;
    OM_uint32 major, minor, amajor = GSS_S_CONTINUE_NEEDED;

    w->init = w->accept = GSS_C_NO_CONTEXT;
    major = gss_import_name(&minor, &namebuf, GSS_C_NT_HOSTBASED_SERVICE, &target);
    if (major != GSS_S_COMPLETE)
        bench_gss_fail("gss_import_name", major, minor);
    major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                                  GSS_C_ACCEPT, &store, &acred, NULL, NULL);
    if (major != GSS_S_COMPLETE)
        bench_gss_fail("gss_acquire_cred_from (the service keytab)", major, minor);
    for (int round = 0; round < 8; round++) {
        major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &w->init, target,
                                     (gss_OID)gss_mech_krb5, GSS_C_MUTUAL_FLAG, 0,
                                     GSS_C_NO_CHANNEL_BINDINGS, &back, NULL, &out, NULL, NULL);
        gss_release_buffer(&minor, &back);
        if (GSS_ERROR(major))
            bench_gss_fail("gss_init_sec_context (kinit?)", major, minor);
        if (out.length > 0) {
            amajor = gss_accept_sec_context(&minor, &w->accept, acred, &out,
                                            GSS_C_NO_CHANNEL_BINDINGS, NULL, NULL, &back, NULL,
                                            NULL, NULL);
            gss_release_buffer(&minor, &out);
            if (GSS_ERROR(amajor))
                bench_gss_fail("gss_accept_sec_context", amajor, minor);
        }
        if (major == GSS_S_COMPLETE && amajor == GSS_S_COMPLETE)
            break;
    }
    if (major != GSS_S_COMPLETE || amajor != GSS_S_COMPLETE)
        bench_die("the in-process GSS context did not complete");
    gss_release_buffer(&minor, &back);
    gss_release_cred(&minor, &acred);
    gss_release_name(&minor, &target);

    w->header.length = BENCH_HEADER_BYTES;
    w->args.length = ping ? 4 + 4 + BENCH_RNDUP(size) : 4;
    w->results.length = ping ? 4 + 4 + 4 + BENCH_RNDUP(size) : 4;
    w->seq.length = 4;
    w->header.value = bench_payload(w->header.length);
    w->args.value = bench_payload(w->args.length);
    w->results.value = bench_payload(w->results.length);
    w->seq.value = bench_payload(w->seq.length);
}

static void
bench_gss_work_free(struct bench_gss_work *w)
{
    OM_uint32 minor;

    gss_delete_sec_context(&minor, &w->init, GSS_C_NO_BUFFER);
    gss_delete_sec_context(&minor, &w->accept, GSS_C_NO_BUFFER);
    free(w->header.value);
    free(w->args.value);
    free(w->results.value);
    free(w->seq.value);
}

/* FROM's MIC over MSG, checked by TO. */
static void
bench_gss_mic(gss_ctx_id_t from, gss_ctx_id_t to, gss_buffer_t msg)
{
    gss_buffer_desc mic;
    OM_uint32 major, minor;

    major = gss_get_mic(&minor, from, GSS_C_QOP_DEFAULT, msg, &mic);
    if (major != GSS_S_COMPLETE)
        bench_gss_fail("gss_get_mic", major, minor);
    major = gss_verify_mic(&minor, to, msg, &mic, NULL);
    if (major != GSS_S_COMPLETE)
        bench_gss_fail("gss_verify_mic", major, minor);
    gss_release_buffer(&minor, &mic);
}

/* FROM wraps MSG with confidentiality, TO unwraps it. */
static void
bench_gss_wrap(gss_ctx_id_t from, gss_ctx_id_t to, gss_buffer_t msg)
{
    gss_buffer_desc sealed, plain;
    OM_uint32 major, minor;
    int conf = 0;

    major = gss_wrap(&minor, from, 1, GSS_C_QOP_DEFAULT, msg, &conf, &sealed);
    if (major != GSS_S_COMPLETE || !conf)
        bench_gss_fail("gss_wrap", major, minor);
    major = gss_unwrap(&minor, to, &sealed, &plain, &conf, NULL);
    if (major != GSS_S_COMPLETE)
        bench_gss_fail("gss_unwrap", major, minor);
    if (plain.length != msg->length)
        bench_die("gss_unwrap returned %zu bytes instead of %zu", plain.length, msg->length);
    gss_release_buffer(&minor, &sealed);
    gss_release_buffer(&minor, &plain);
}

/* The GSS work of one round trip at LEVEL (above none), in µs. */
static double
bench_gss_round_trip(struct bench_gss_work *w, enum bench_level level)
{
    double t0 = bench_now_us();

    bench_gss_mic(w->init, w->accept, &w->header);          /* call verifier */
    if (level == BENCH_INTEGRITY) {
        bench_gss_mic(w->init, w->accept, &w->args);
        bench_gss_mic(w->accept, w->init, &w->results);
    } else if (level == BENCH_PRIVACY) {
        bench_gss_wrap(w->init, w->accept, &w->args);
        bench_gss_wrap(w->accept, w->init, &w->results);
    }
    bench_gss_mic(w->accept, w->init, &w->seq);             /* reply verifier */
    return bench_now_us() - t0;
}

/* ------------------------------------------------------------ rpc mode */

/* One thing measured by the rpc mode: a server at a level, or ("gss") the
 * in-process GSS work of the same round trip at a level. */
struct bench_target {
    const char *port;               /* borrowed; "gss" for GSS work */
    enum bench_level level;
    struct bench_client bc;         /* unused for "gss" */
    double *samples;
};

/* Split a comma-separated LIST (modified in place) into at most MAX
 * items; returns their number. */
static size_t
bench_split(char *list, char **items, size_t max)
{
    size_t n = 0;
    char *save = NULL;

    for (char *tok = strtok_r(list, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        if (n == max)
            bench_die("too many items in a list (at most %zu)", max);
        items[n++] = tok;
    }
    if (n == 0)
        bench_die("an empty list");
    return n;
}

static int
bench_rpc(int argc, char **argv)
{
    char *ports[16], *levels[4];
    struct bench_target targets[64];
    struct bench_gss_work gss;
    size_t nports, nlevels, ntargets = 0, size, iter, warmup;
    int ping, have_gss = 0;

    if (argc < 6 || argc > 7)
        bench_usage();
    nports = bench_split(argv[1], ports, 16);
    nlevels = bench_split(argv[2], levels, 4);
    if (strcmp(argv[3], "null") == 0)
        ping = 0;
    else if (strcmp(argv[3], "ping") == 0)
        ping = 1;
    else
        bench_die("procedure must be null or ping, not '%s'", argv[3]);
    size = ping ? (size_t)bench_number(argv[4], "SIZE", CIMRPC_PING_MAX) : 0;
    iter = (size_t)bench_number(argv[5], "ITER", 10000000);
    warmup = argc > 6 ? (size_t)bench_number(argv[6], "WARMUP", 10000000)
                      : (iter / 10 > 10 ? iter / 10 : 10);
    if (iter == 0)
        bench_die("ITER must be at least 1");

    char *payload = bench_payload(size);
    for (size_t p = 0; p < nports; p++) {
        for (size_t l = 0; l < nlevels; l++) {
            struct bench_target *t = &targets[ntargets];
            t->port = ports[p];
            t->level = bench_level_parse(levels[l]);
            if (strcmp(t->port, "gss") == 0) {
                if (t->level == BENCH_NONE)
                    continue;       /* no GSS work at all */
                if (!have_gss) {
                    const char *keytab = getenv("CIMRPC_SERVICE_KEYTAB");
                    if (keytab == NULL || *keytab == '\0')
                        bench_die("port 'gss' needs CIMRPC_SERVICE_KEYTAB (the service keytab)");
                    bench_gss_work_init(&gss, keytab, ping, size);
                    have_gss = 1;
                }
            } else {
                (void)bench_number(t->port, "PORT", 65535);
                if (bench_client_open(&t->bc, argv[0], t->port, t->level) < 0)
                    return 1;
            }
            if ((t->samples = calloc(iter, sizeof(*t->samples))) == NULL)
                bench_die("out of memory");
            ntargets++;
        }
    }

    /* The targets take turns in blocks of BENCH_BLOCK calls, starting one
     * further on each cycle: short enough that all of them meet the same
     * machine conditions, long enough that each runs with warm caches as
     * a lone client would. */
    for (size_t i = 0; i < warmup + iter; i += BENCH_BLOCK) {
        size_t end = i + BENCH_BLOCK < warmup + iter ? i + BENCH_BLOCK : warmup + iter;
        for (size_t k = 0; k < ntargets; k++) {
            struct bench_target *t = &targets[(i / BENCH_BLOCK + k) % ntargets];
            for (size_t j = i; j < end; j++) {
                double us = strcmp(t->port, "gss") == 0
                          ? bench_gss_round_trip(&gss, t->level)
                          : bench_call(&t->bc, ping, payload, size);
                if (us < 0)
                    return 1;
                if (j >= warmup)
                    t->samples[j - warmup] = us;
            }
        }
    }

    for (size_t k = 0; k < ntargets; k++) {
        struct bench_target *t = &targets[k];
        int is_gss = strcmp(t->port, "gss") == 0;
        double sum = 0;
        char more[96];

        for (size_t i = 0; i < iter; i++)
            sum += t->samples[i];
        struct bench_stats st = bench_summarize(t->samples, iter);
        snprintf(more, sizeof(more), "port=%s setup_us=%.0f", t->port, is_gss ? 0 : t->bc.setup_us);
        bench_print(is_gss ? "gss" : "rpc", bench_level_names[t->level], ping ? "ping" : "null",
                    size, &st, (double)iter / (sum / 1e6), more);
        if (!is_gss)
            bench_client_close(&t->bc);
        free(t->samples);
    }
    if (have_gss)
        bench_gss_work_free(&gss);
    free(payload);
    return 0;
}

/* ------------------------------------------------------------ gss mode */

static int
bench_gss(int argc, char **argv)
{
    struct bench_gss_work w;
    const char *keytab;
    int ping;
    size_t size = 0, iter, warmup;

    if (argc < 2 || argc > 3)
        bench_usage();
    ping = strcmp(argv[0], "null") != 0;
    if (ping)
        size = (size_t)bench_number(argv[0], "SIZE", CIMRPC_PING_MAX);
    iter = (size_t)bench_number(argv[1], "ITER", 10000000);
    if (iter == 0)
        bench_die("ITER must be at least 1");
    warmup = iter / 10 > 10 ? iter / 10 : 10;
    keytab = argc > 2 ? argv[2] : getenv("CIMRPC_SERVICE_KEYTAB");
    if (keytab == NULL || *keytab == '\0')
        bench_die("no service keytab: give KEYTAB or set CIMRPC_SERVICE_KEYTAB");
    bench_gss_work_init(&w, keytab, ping, size);

    double *samples = calloc(iter, sizeof(*samples));
    if (samples == NULL)
        bench_die("out of memory");
    for (enum bench_level level = BENCH_PKT; level <= BENCH_PRIVACY; level++) {
        double sum = 0;

        for (size_t i = 0; i < warmup + iter; i++) {
            double us = bench_gss_round_trip(&w, level);
            if (i >= warmup) {
                samples[i - warmup] = us;
                sum += us;
            }
        }
        struct bench_stats st = bench_summarize(samples, iter);
        bench_print("gss", bench_level_names[level], ping ? "ping" : "null", size, &st,
                    (double)iter / (sum / 1e6), NULL);
    }
    bench_gss_work_free(&w);
    free(samples);
    return 0;
}

/* ----------------------------------------------------- concurrent mode */

/* One client process: connect, warm up, say ready on READY, wait for GO
 * to close, then PING until SECONDS have passed and write to OUT the
 * number of calls, the elapsed time and every latency (doubles, µs). */
static void __attribute__((noreturn))
bench_worker(const char *host, const char *port, enum bench_level level, size_t size,
             double seconds, int ready, int go, int out)
{
    struct bench_client bc;
    size_t cap = 65536, n = 0;
    double *samples = malloc(cap * sizeof(*samples));
    char *payload = bench_payload(size), c = 'r';

    if (samples == NULL || bench_client_open(&bc, host, port, level) < 0)
        _exit(1);
    for (int i = 0; i < 20; i++)
        if (bench_call(&bc, 1, payload, size) < 0)
            _exit(1);
    if (bench_io_write_all(ready, &c, 1) < 0)
        _exit(1);
    close(ready);                   /* the parent sees EOF once all are ready or gone */
    if (read(go, &c, 1) != 1)       /* one byte per client: go; EOF: the parent gave up */
        _exit(1);
    double t0 = bench_now_us(), end = t0 + seconds * 1e6, now = t0;
    while (now < end) {
        double us = bench_call(&bc, 1, payload, size);
        if (us < 0)
            _exit(1);
        if (n == cap) {
            cap *= 2;
            if ((samples = realloc(samples, cap * sizeof(*samples))) == NULL)
                _exit(1);
        }
        samples[n++] = us;
        now = bench_now_us();
    }
    double elapsed = now - t0;
    uint64_t count = n;
    if (bench_io_write_all(out, &count, sizeof(count)) < 0 ||
        bench_io_write_all(out, &elapsed, sizeof(elapsed)) < 0 ||
        bench_io_write_all(out, samples, n * sizeof(*samples)) < 0)
        _exit(1);
    bench_client_close(&bc);
    _exit(0);
}

/* Stop the N client processes in PIDS (the run failed), then fail. */
static void __attribute__((format(printf, 3, 4), noreturn))
bench_workers_fail(const pid_t *pids, size_t n, const char *fmt, ...)
{
    va_list ap;

    for (size_t i = 0; i < n; i++)
        if (pids[i] > 0)
            kill(pids[i], SIGTERM);
    while (wait(NULL) > 0)
        ;
    fputs("cimrpc-bench: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static int
bench_concurrent(int argc, char **argv)
{
    enum bench_level level;
    size_t size, clients;
    double seconds;
    int ready[2], go[2];

    if (argc != 6)
        bench_usage();
    level = bench_level_parse(argv[2]);
    size = (size_t)bench_number(argv[3], "SIZE", CIMRPC_PING_MAX);
    clients = (size_t)bench_number(argv[4], "CLIENTS", 256);
    seconds = (double)bench_number(argv[5], "SECONDS", 3600);
    if (clients == 0 || seconds == 0)
        bench_die("CLIENTS and SECONDS must be at least 1");

    pid_t *pids = calloc(clients, sizeof(*pids));
    int *outs = calloc(clients, sizeof(*outs));
    if (pids == NULL || outs == NULL || pipe(ready) < 0 || pipe(go) < 0)
        bench_die("out of memory or descriptors");
    signal(SIGPIPE, SIG_IGN);
    for (size_t i = 0; i < clients; i++) {
        int out[2];
        if (pipe(out) < 0)
            bench_die("pipe: %s", strerror(errno));
        fflush(stdout);
        pids[i] = fork();
        if (pids[i] < 0)
            bench_die("fork: %s", strerror(errno));
        if (pids[i] == 0) {
            close(ready[0]);
            close(go[1]);
            close(out[0]);
            bench_worker(argv[0], argv[1], level, size, seconds, ready[1], go[0], out[1]);
        }
        close(out[1]);
        outs[i] = out[0];
    }
    close(ready[1]);
    close(go[0]);
    for (size_t i = 0; i < clients; i++) {
        char c;
        if (bench_io_read_all(ready[0], &c, 1) < 0)
            bench_workers_fail(pids, clients, "a client could not connect or make its context");
    }
    for (size_t i = 0; i < clients; i++)
        if (bench_io_write_all(go[1], "g", 1) < 0)
            bench_workers_fail(pids, clients, "cannot start the clients");
    close(go[1]);

    size_t total = 0, cap = 0;
    double *all = NULL, rate = 0;
    for (size_t i = 0; i < clients; i++) {
        uint64_t count;
        double elapsed;
        if (bench_io_read_all(outs[i], &count, sizeof(count)) < 0 ||
            bench_io_read_all(outs[i], &elapsed, sizeof(elapsed)) < 0)
            bench_workers_fail(pids, clients, "client %zu failed during the run", i);
        if (total + count > cap) {
            cap = (total + count) * 2;
            if ((all = realloc(all, cap * sizeof(*all))) == NULL)
                bench_workers_fail(pids, clients, "out of memory");
        }
        if (bench_io_read_all(outs[i], all + total, count * sizeof(*all)) < 0)
            bench_workers_fail(pids, clients, "client %zu failed during the run", i);
        total += count;
        rate += (double)count / (elapsed / 1e6);
        close(outs[i]);
    }
    int failed = 0;
    for (size_t i = 0; i < clients; i++) {
        int status;
        if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    }
    if (failed)
        bench_die("a client failed");

    struct bench_stats st = bench_summarize(all, total);
    char more[64];
    snprintf(more, sizeof(more), "clients=%zu seconds=%.0f", clients, seconds);
    bench_print("concurrent", bench_level_names[level], "ping", size, &st, rate, more);
    free(all);
    free(pids);
    free(outs);
    return 0;
}

/* ---------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
    if (argc < 2)
        bench_usage();
    if (strcmp(argv[1], "rpc") == 0)
        return bench_rpc(argc - 2, argv + 2);
    if (strcmp(argv[1], "gss") == 0)
        return bench_gss(argc - 2, argv + 2);
    if (strcmp(argv[1], "concurrent") == 0)
        return bench_concurrent(argc - 2, argv + 2);
    bench_usage();
}
