/*
 * identity.c: WHOAMI and the identity object it returns.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cimrpc.h"
#include "common/xdr_void.h"
#include "conn.h"
#include "error.h"
#include "identity.h"

struct cimrpc_identity {
    cimrpc_whoami_ok ok;            /* decoded reply, owned */
};

cimrpc_identity *
identity_new(cimrpc_whoami_ok *ok)
{
    cimrpc_identity *id = calloc(1, sizeof(*id));

    if (id == NULL)
        return NULL;
    id->ok = *ok;
    memset(ok, 0, sizeof(*ok));
    return id;
}

int
cimrpc_whoami(cimrpc_conn *conn, cimrpc_identity **identity_out, cimrpc_error **err_out)
{
    cimrpc_whoami_res res;
    cimrpc_identity *id;

    memset(&res, 0, sizeof(res));
    if (conn_call(conn, CIMRPC_WHOAMI, XDR_VOID, NULL,
                  (xdrproc_t)xdr_cimrpc_whoami_res, &res, "whoami", err_out) < 0)
        return -1;
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_whoami_res_u.reason);
        xdr_free((xdrproc_t)xdr_cimrpc_whoami_res, &res);
        return -1;
    }
    id = identity_new(&res.cimrpc_whoami_res_u.ok);
    xdr_free((xdrproc_t)xdr_cimrpc_whoami_res, &res);
    if (id == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    *identity_out = id;
    return 0;
}

void
cimrpc_identity_free(cimrpc_identity *id)
{
    if (id == NULL)
        return;
    xdr_free((xdrproc_t)xdr_cimrpc_whoami_ok, &id->ok);
    free(id);
}

static const char *
identity_nonempty(const char *s)
{
    return s != NULL && *s != '\0' ? s : NULL;
}

bool
cimrpc_identity_authenticated(const cimrpc_identity *id)
{
    return id->ok.authenticated;
}

const char *
cimrpc_identity_principal(const cimrpc_identity *id)
{
    return identity_nonempty(id->ok.principal);
}

const char *
cimrpc_identity_account(const cimrpc_identity *id)
{
    return identity_nonempty(id->ok.account);
}

int
cimrpc_identity_ids(const cimrpc_identity *id, uint32_t *uid_out, uint32_t *gid_out)
{
    if (!id->ok.has_uid)
        return -1;
    if (uid_out != NULL)
        *uid_out = id->ok.uid;
    if (gid_out != NULL)
        *gid_out = id->ok.gid;
    return 0;
}

size_t
cimrpc_identity_group_count(const cimrpc_identity *id)
{
    return id->ok.groups.groups_len;
}

uint32_t
cimrpc_identity_group_gid(const cimrpc_identity *id, size_t index)
{
    return index < id->ok.groups.groups_len ? id->ok.groups.groups_val[index].gid : 0;
}

const char *
cimrpc_identity_group_name(const cimrpc_identity *id, size_t index)
{
    if (index >= id->ok.groups.groups_len)
        return NULL;
    return identity_nonempty(id->ok.groups.groups_val[index].name);
}

cimrpc_transport_kind
cimrpc_identity_transport(const cimrpc_identity *id)
{
    return id->ok.transport == CIMRPC_TRANSPORT_LOCAL ? CIMRPC_TRANSPORT_KIND_LOCAL
                                                      : CIMRPC_TRANSPORT_KIND_NETWORK;
}

cimrpc_authn_level
cimrpc_identity_authn_level(const cimrpc_identity *id)
{
    return (cimrpc_authn_level)id->ok.authn_level;
}

const char *
cimrpc_identity_peer(const cimrpc_identity *id)
{
    return id->ok.peer;
}
