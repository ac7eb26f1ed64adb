/*
 * error.h: libcimrpc's error objects (internal helpers).
 *
 * An error is recorded once, where it happens, with a kind (which the CLI
 * maps to an exit status), a WBEM code when the server sent one, and a
 * message in the user's terms.
 */
#ifndef CIMRPC_CLIENT_ERROR_H
#define CIMRPC_CLIENT_ERROR_H

#include <stdint.h>
#include <rpc/rpc.h>

#include "cimrpc/cimrpc.h"

struct cimrpc_error {
    cimrpc_error_kind kind;
    uint32_t code;
    char *message;
};

/* Store a new error in *ERR_OUT (when ERR_OUT is not NULL).  Always -1, so
 * callers can write `return error_set(...)`. */
int error_set(cimrpc_error **err_out, cimrpc_error_kind kind, uint32_t code,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Store the error a server returned: CODE (a WBEM code) and REASON. */
int error_set_wbem(cimrpc_error **err_out, uint32_t code, const char *reason);

/* Store an error for a failed RPC (STAT) of operation WHAT on TARGET. */
int error_set_rpc(cimrpc_error **err_out, CLIENT *clnt, enum clnt_stat stat,
                  const char *what, const char *target);

#endif
