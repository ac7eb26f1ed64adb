/*
 * tirpc-ref-server.c: the stock libtirpc reference server for the
 * benchmark (tests/bench/run-bench).
 *
 *   tirpc-ref-server PORT [PRINCIPAL]
 *
 * Serves cimrpc's program and version with NULL and PING (echo) the way a
 * libtirpc program does out of the box: one listening socket made into a
 * transport by svc_vc_create, dispatch registered with svc_reg (no
 * netconfig, so nothing talks to rpcbind), svc_run in a single thread, and
 * libtirpc's own server-side RPCSEC_GSS (svcauth_gss) for service
 * PRINCIPAL (default cimrpc@localhost, a host-based service name) set with
 * rpc_gss_set_svc_name.  libtirpc acquires its acceptor credential with
 * gss_acquire_cred, so the keytab comes from KRB5_KTNAME.  AUTH_NONE calls
 * are served too.
 *
 * Listens on 127.0.0.1:PORT (0: a kernel-chosen port) and prints
 * "listening on port N" on stdout once ready.  Runs until killed.
 *
 * This is a yardstick, not part of cimrpc: nothing here should be tuned
 * beyond what a typical libtirpc program does, or the comparison means
 * nothing.  The only non-default settings are the buffer sizes passed to
 * svc_vc_create: libtirpc protects results inside its send buffer, so it
 * must hold a 64 KiB echo (the default, 64 KB, does not).
 */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <rpc/rpc.h>
#include <rpc/rpcsec_gss.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cimrpc.h"
#include "common/xdr_void.h"

/* Send and receive buffer of each connection (see the header comment). */
#define REF_BUFSIZE (256u * 1024u)

static void
ref_dispatch(struct svc_req *req, SVCXPRT *xprt)
{
    switch (req->rq_proc) {
    case CIMRPC_NULL:
        (void)svc_sendreply(xprt, XDR_VOID, NULL);
        return;
    case CIMRPC_PING: {
        cimrpc_ping_args args;
        cimrpc_ping_res res;

        memset(&args, 0, sizeof(args));
        if (!svc_getargs(xprt, (xdrproc_t)xdr_cimrpc_ping_args, (caddr_t)&args)) {
            svcerr_decode(xprt);
            return;
        }
        memset(&res, 0, sizeof(res));
        res.code = 0;
        res.cimrpc_ping_res_u.payload.payload_len = args.payload.payload_len;
        res.cimrpc_ping_res_u.payload.payload_val = args.payload.payload_val;
        (void)svc_sendreply(xprt, (xdrproc_t)xdr_cimrpc_ping_res, (caddr_t)&res);
        (void)svc_freeargs(xprt, (xdrproc_t)xdr_cimrpc_ping_args, (caddr_t)&args);
        return;
    }
    default:
        svcerr_noproc(xprt);
        return;
    }
}

int
main(int argc, char **argv)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    char *principal = argc > 2 ? argv[2] : (char *)"cimrpc@localhost";
    char mech[] = "kerberos_v5";
    SVCXPRT *xprt;
    char *end;
    long port;
    int fd, one = 1;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: tirpc-ref-server PORT [PRINCIPAL]\n");
        return 2;
    }
    port = strtol(argv[1], &end, 10);
    if (*end != '\0' || port < 0 || port > 65535) {
        fprintf(stderr, "tirpc-ref-server: invalid port '%s'\n", argv[1]);
        return 2;
    }

    if (!rpc_gss_set_svc_name(principal, mech, 0, CIMRPC_PROG, CIMRPC_V1)) {
        fprintf(stderr, "tirpc-ref-server: rpc_gss_set_svc_name(%s) failed\n", principal);
        return 1;
    }

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons((unsigned short)port);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 || listen(fd, 64) < 0 ||
        getsockname(fd, (struct sockaddr *)&sin, &len) < 0) {
        perror("tirpc-ref-server: cannot listen on 127.0.0.1");
        return 1;
    }
    xprt = svc_vc_create(fd, REF_BUFSIZE, REF_BUFSIZE);
    if (xprt == NULL) {
        fprintf(stderr, "tirpc-ref-server: svc_vc_create failed\n");
        return 1;
    }
    /* A NULL netconfig: registered with the dispatcher only, not rpcbind. */
    if (!svc_reg(xprt, CIMRPC_PROG, CIMRPC_V1, ref_dispatch, NULL)) {
        fprintf(stderr, "tirpc-ref-server: svc_reg failed\n");
        return 1;
    }
    printf("listening on port %u\n", (unsigned)ntohs(sin.sin_port));
    fflush(stdout);
    svc_run();
    fprintf(stderr, "tirpc-ref-server: svc_run returned\n");
    return 1;
}
