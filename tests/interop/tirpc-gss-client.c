/*
 * tirpc-gss-client.c: libtirpc's own RPCSEC_GSS client (authgss_create)
 * against cimrpcd, as an independent peer for interoperability tests.
 *
 *   tirpc-gss-client HOST PORT none|integrity|privacy SIZE COUNT [OPTION...]
 *
 * Establishes a context for cimrpc@HOST from the default credential cache,
 * sends COUNT PINGs of SIZE bytes, checks every echo, and prints
 * "ok COUNT" on success.  Options: "deleg" requests delegation;
 * "pause=S" sleeps S seconds before the last call; "marker=TEXT" fills
 * the payload with TEXT repeated (to look for it on the wire).  Exits 1 with a message otherwise.  Uses only
 * libtirpc, GSS-API and the generated XDR routines: none of libcimrpc.
 */
#include <config.h>

#include <arpa/inet.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <netdb.h>
#include <rpc/auth_gss.h>
#include <rpc/rpc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cimrpc.h"

static int
fail(const char *what)
{
    fprintf(stderr, "tirpc-gss-client: %s\n", what);
    return 1;
}

int
main(int argc, char **argv)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *ai;
    struct rpc_gss_sec sec = { .mech = (gss_OID)gss_mech_krb5, .qop = GSS_C_QOP_DEFAULT,
                               .cred = GSS_C_NO_CREDENTIAL,
                               .req_flags = GSS_C_MUTUAL_FLAG };
    struct timeval tv = { 10, 0 };
    gss_buffer_desc namebuf;
    gss_name_t name;
    OM_uint32 minor;
    char target[300];
    CLIENT *clnt;
    int fd, count;
    size_t size;
    unsigned int pause = 0;
    const char *marker = NULL;

    if (argc < 6)
        return fail("usage: HOST PORT none|integrity|privacy SIZE COUNT [deleg]");
    if (strcmp(argv[3], "none") == 0)
        sec.svc = RPCSEC_GSS_SVC_NONE;
    else if (strcmp(argv[3], "integrity") == 0)
        sec.svc = RPCSEC_GSS_SVC_INTEGRITY;
    else if (strcmp(argv[3], "privacy") == 0)
        sec.svc = RPCSEC_GSS_SVC_PRIVACY;
    else
        return fail("service must be none, integrity or privacy");
    size = (size_t)atol(argv[4]);
    count = atoi(argv[5]);
    for (int i = 6; i < argc; i++) {
        if (strcmp(argv[i], "deleg") == 0)
            sec.req_flags |= GSS_C_DELEG_FLAG;
        else if (strncmp(argv[i], "pause=", 6) == 0)
            pause = (unsigned int)atoi(argv[i] + 6);
        else if (strncmp(argv[i], "marker=", 7) == 0 && argv[i][7] != '\0')
            marker = argv[i] + 7;
        else
            return fail("unknown option (deleg, pause=S, marker=TEXT)");
    }

    if (getaddrinfo(argv[1], argv[2], &hints, &ai) != 0)
        return fail("cannot resolve the host");
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
        return fail("cannot connect");
    struct netbuf raddr = { .len = ai->ai_addrlen, .maxlen = ai->ai_addrlen, .buf = ai->ai_addr };
    /* libtirpc protects arguments inside its send buffer: size it for the
     * largest PING. */
    clnt = clnt_vc_create(fd, &raddr, CIMRPC_PROG, CIMRPC_V1, 2 << 20, 2 << 20);
    if (clnt == NULL)
        return fail("clnt_vc_create failed");

    snprintf(target, sizeof(target), "cimrpc@%s", argv[1]);
    namebuf.value = target;
    namebuf.length = strlen(target);
    if (gss_import_name(&minor, &namebuf, GSS_C_NT_HOSTBASED_SERVICE, &name) != GSS_S_COMPLETE)
        return fail("gss_import_name failed");
    clnt->cl_auth = authgss_create(clnt, name, &sec);
    if (clnt->cl_auth == NULL)
        return fail("authgss_create failed: no RPCSEC_GSS context with the server");

    char *payload = malloc(size ? size : 1);
    for (size_t i = 0; i < size; i++)
        payload[i] = marker ? marker[i % strlen(marker)] : (char)(i * 7 + 3);
    for (int i = 0; i < count; i++) {
        if (pause > 0 && i == count - 1)
            sleep(pause);
        cimrpc_ping_args args = { .payload = { .payload_len = (u_int)size, .payload_val = payload } };
        cimrpc_ping_res res;
        memset(&res, 0, sizeof(res));
        enum clnt_stat st = clnt_call(clnt, CIMRPC_PING, (xdrproc_t)xdr_cimrpc_ping_args, &args,
                                      (xdrproc_t)xdr_cimrpc_ping_res, &res, tv);
        if (st != RPC_SUCCESS) {
            fprintf(stderr, "tirpc-gss-client: call %d: %s\n", i, clnt_sperrno(st));
            return 1;
        }
        if (res.code != 0 || res.cimrpc_ping_res_u.payload.payload_len != size ||
            memcmp(res.cimrpc_ping_res_u.payload.payload_val, payload, size) != 0)
            return fail("the echo differs from the payload");
        xdr_free((xdrproc_t)xdr_cimrpc_ping_res, &res);
    }
    printf("ok %d\n", count);
    auth_destroy(clnt->cl_auth);
    clnt->cl_auth = NULL;
    clnt_destroy(clnt);
    close(fd);
    gss_release_name(&minor, &name);
    freeaddrinfo(ai);
    free(payload);
    return 0;
}
