/*
 * cmd_whoami.c: `cimrpc whoami`: the caller's identity as the server
 * established it when the session opened, the authentication level the
 * session's calls travel at (the session's effective level, which may be
 * above the one asked for), the impersonation level the
 * session was granted (with the server's reason when it is less than
 * requested), and the rights the caller holds on the session's namespace
 * (__SystemSecurity.GetCallerAccessRights; null when the server will not
 * say, for lack of Execute Methods or, over the network, Remote Enable).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Add the identity's fields to REC.  Returns 0 or -1 (ENOMEM). */
static int
whoami_fill(struct output_record *rec, const cimrpc_identity *id, cimrpc_authn_level level)
{
    size_t n = cimrpc_identity_group_count(id);
    char **groups = calloc(n ? n : 1, sizeof(char *));
    uint32_t uid, gid;
    bool has_ids = cimrpc_identity_ids(id, &uid, &gid) == 0;
    int rc = -1;

    if (groups == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *name = cimrpc_identity_group_name(id, i);
        if (asprintf(&groups[i], "%s(%u)", name ? name : "?",
                     (unsigned)cimrpc_identity_group_gid(id, i)) < 0) {
            groups[i] = NULL;
            goto out;
        }
    }
    if (output_add_bool(rec, "Authenticated", cimrpc_identity_authenticated(id)) < 0 ||
        output_add_string(rec, "Principal", cimrpc_identity_principal(id)) < 0 ||
        output_add_string(rec, "Account", cimrpc_identity_account(id)) < 0)
        goto out;
    if (has_ids) {
        if (output_add_int(rec, "UID", uid) < 0 || output_add_int(rec, "GID", gid) < 0)
            goto out;
    } else if (output_add_string(rec, "UID", NULL) < 0 || output_add_string(rec, "GID", NULL) < 0) {
        goto out;
    }
    if (output_add_list(rec, "Groups", (const char *const *)groups, n) < 0 ||
        output_add_string(rec, "Transport", cimrpc_identity_transport(id) ==
                          CIMRPC_TRANSPORT_KIND_LOCAL ? "local" : "network") < 0 ||
        output_add_string(rec, "AuthenticationLevel", cimrpc_authn_level_name(level)) < 0 ||
        output_add_string(rec, "Peer", cimrpc_identity_peer(id)) < 0)
        goto out;
    rc = 0;
out:
    for (size_t i = 0; i < n; i++)
        free(groups[i]);
    free(groups);
    return rc;
}

/* Add the session's impersonation level to REC, and the server's note
 * when it is less than REQUESTED (else null: the columns stay the same,
 * for scripts and for a fan-out's CSV).  Returns 0 or -1 (ENOMEM). */
static int
whoami_fill_imp(struct output_record *rec, const cimrpc_conn *conn, cimrpc_imp_level requested)
{
    cimrpc_imp_level granted = cimrpc_conn_imp_level(conn);
    const char *reason = cimrpc_conn_imp_reason(conn);

    if (output_add_string(rec, "ImpersonationLevel", cimrpc_imp_level_name(granted)) < 0)
        return -1;
    if (granted < requested)
        return output_add_string(rec, "ImpersonationNote", reason ? reason :
                                 "the server granted less than requested and gave no reason");
    return output_add_null(rec, "ImpersonationNote");
}

/* Add the caller's rights on the session's namespace to REC, last so
 * that the fields before keep their order: spelled out, or null when the
 * call fails (the fields stay the same).  Returns 0 or -1 (ENOMEM). */
static int
whoami_fill_rights(struct output_record *rec, cimrpc_conn *conn)
{
    cimrpc_params *out = NULL;
    cimrpc_error *err = NULL;
    char text[512];
    int64_t rights;

    if (cimrpc_exec_method(conn, "__SystemSecurity=@", "GetCallerAccessRights", NULL, NULL, &out,
                           &err) < 0 ||
        cimrpc_value_get_sint64(cimrpc_params_get(out, "Rights"), 0, &rights, &err) < 0 ||
        rights < 0 || rights > UINT32_MAX) {
        cimrpc_error_free(err);
        cimrpc_params_free(out);
        return output_add_null(rec, "Rights");
    }
    cimrpc_params_free(out);
    acl_rights_text((uint32_t)rights, text, sizeof(text));
    return output_add_string(rec, "Rights", text);
}

int
whoami_parse(int argc, char **argv, cli_req **req_out)
{
    if (argc > 1) {
        if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            printf("Usage: cimrpc [GLOBAL OPTIONS] whoami\n"
                   "Print who the server believes you are, and the rights you hold on the\n"
                   "namespace (-n).\n");
            return CLI_EXIT_OK;
        }
        fprintf(stderr, "cimrpc: whoami: unexpected argument '%s' (whoami takes none)\n", argv[1]);
        return CLI_EXIT_USAGE;
    }
    *req_out = NULL;
    return CLI_RUN;
}

void
whoami_free(cli_req *req)
{
    (void)req;
}

int
whoami_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *req)
{
    const cimrpc_identity *id = cimrpc_conn_session_identity(conn);
    struct output_record *rec = output_record_new("CIMRPC_Identity");

    (void)req;
    if (rec == NULL || whoami_fill(rec, id, cimrpc_conn_authn_level(conn)) < 0 ||
        whoami_fill_imp(rec, conn, ctx->g->imp) < 0 || whoami_fill_rights(rec, conn) < 0) {
        output_record_free(rec);
        return cli_fail(ctx, CLI_EXIT_FAILURE, "whoami: out of memory");
    }
    return cli_print_record(ctx, rec);
}
