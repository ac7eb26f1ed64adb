/*
 * error.c: building and reading libcimrpc errors.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/wbem.h"
#include "error.h"

/* When even the error cannot be allocated, this one is handed out; the
 * free function recognises it. */
static cimrpc_error error_no_memory = {
    .kind = CIMRPC_ERR_OTHER, .code = 0, .message = (char *)"out of memory",
};

int
error_set(cimrpc_error **err_out, cimrpc_error_kind kind, uint32_t code, const char *fmt, ...)
{
    cimrpc_error *err;
    va_list ap;

    if (err_out == NULL)
        return -1;
    err = calloc(1, sizeof(*err));
    if (err == NULL) {
        *err_out = &error_no_memory;
        return -1;
    }
    err->kind = kind;
    err->code = code;
    va_start(ap, fmt);
    if (vasprintf(&err->message, fmt, ap) < 0)
        err->message = NULL;
    va_end(ap);
    if (err->message == NULL) {
        free(err);
        err = &error_no_memory;
    }
    *err_out = err;
    return -1;
}

int
error_set_wbem(cimrpc_error **err_out, uint32_t code, const char *reason)
{
    const char *name = wbem_code_name(code);
    cimrpc_error_kind kind = CIMRPC_ERR_OTHER;

    switch (code) {
    case WBEM_E_ACCESS_DENIED:
        kind = CIMRPC_ERR_ACCESS;
        break;
    case WBEM_E_NOT_FOUND:
    case WBEM_E_INVALID_NAMESPACE:
    case WBEM_E_INVALID_CLASS:
        kind = CIMRPC_ERR_NOT_FOUND;
        break;
    case WBEM_E_INVALID_PARAMETER:
    case WBEM_E_INVALID_QUERY:
    case WBEM_E_INVALID_OBJECT_PATH:
    case WBEM_E_UNPARSABLE_QUERY:
        kind = CIMRPC_ERR_USAGE;
        break;
    default:
        break;
    }
    return error_set(err_out, kind, code, "%s (%s, 0x%08X)",
                     reason && *reason ? reason : "the server reported an error",
                     name ? name : "unknown WBEM code", (unsigned)code);
}

int
error_set_rpc(cimrpc_error **err_out, CLIENT *clnt, enum clnt_stat stat, const char *what,
              const char *target)
{
    struct rpc_err detail = { 0 };

    if (clnt != NULL)
        clnt_geterr(clnt, &detail);
    switch (stat) {
    case RPC_TIMEDOUT:
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: %s did not answer in time "
                         "(raise --timeout if the server is busy)", what, target);
    case RPC_CANTSEND:
    case RPC_CANTRECV:
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: the connection to %s was lost "
                         "(%s); check that cimrpcd is running and its log", what, target,
                         detail.re_errno ? strerror(detail.re_errno) : clnt_sperrno(stat));
    case RPC_AUTHERROR:
        switch ((int)detail.re_why) {
        case AUTH_TOOWEAK:
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: %s refused the credentials: "
                             "this authentication is too weak for the server", what, target);
        case RPCSEC_GSS_CREDPROBLEM:
        case RPCSEC_GSS_CTXPROBLEM:
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: %s no longer accepts this "
                             "connection's Kerberos context (has the ticket expired?): renew "
                             "it with kinit and connect again", what, target);
        case AUTH_INVALIDRESP:
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: the reply from %s does not "
                             "carry a valid Kerberos verifier, so it may not come from the "
                             "server; connect again", what, target);
        default:
            return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: %s refused the credentials: "
                             "%s", what, target, clnt_sperrno(stat));
        }
    case RPC_PROGUNAVAIL:
    case RPC_PROGVERSMISMATCH:
        return error_set(err_out, CIMRPC_ERR_CONNECT, 0, "%s: %s does not serve cimrpc protocol "
                         "version 1 (is it a cimrpcd?)", what, target);
    case RPC_PROCUNAVAIL:
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: the server at %s does not offer "
                         "this operation (it may be an older cimrpcd)", what, target);
    case RPC_CANTDECODERES:
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: the reply from %s could not be "
                         "decoded (protocol mismatch or a reply larger than allowed)",
                         what, target);
    case RPC_CANTDECODEARGS:
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: the server at %s could not decode "
                         "the request (a value is out of its bounds)", what, target);
    case RPC_SYSTEMERROR:
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: the server at %s failed internally; "
                         "see its log", what, target);
    default:
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s on %s failed: %s", what, target,
                         clnt_sperrno(stat));
    }
}

cimrpc_error_kind
cimrpc_error_get_kind(const cimrpc_error *err)
{
    return err ? err->kind : CIMRPC_ERR_OTHER;
}

uint32_t
cimrpc_error_get_code(const cimrpc_error *err)
{
    return err ? err->code : 0;
}

const char *
cimrpc_error_message(const cimrpc_error *err)
{
    return err ? err->message : "no error";
}

void
cimrpc_error_free(cimrpc_error *err)
{
    if (err == NULL || err == &error_no_memory)
        return;
    free(err->message);
    free(err);
}
