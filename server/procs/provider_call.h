/*
 * provider_call.h: one provider operation on behalf of a call, prepared
 * on the call's loop, run on an offload thread, read back on the loop.
 *
 * provider_call_new() decides who the worker runs as, from the session's
 * impersonation level (DESIGN.md section 5): Identify, the service
 * account (provider_host.h); Impersonate, the caller's local account
 * (uid, gid, supplementary groups); Delegate, that account with the
 * caller's forwarded Kerberos credential in a private credential cache.
 * It checks that the namespace has the provider registered and enabled
 * (an instance of __Provider whose Name is the class's Provider
 * qualifier, Enabled, Location "builtin").  The procedure then adds the
 * objects of the request and defers the call (call_defer() in
 * rpc/call.h) with provider_call_run() and provider_call_free() and a
 * finish function of its own that reads the outcome: code 0 and the
 * objects returned, or the error code and reason, from the provider or
 * from the pool (PROVIDER_FAILURE for a worker that died or hung, with
 * which account and why).
 */
#ifndef CIMRPC_PROVIDER_CALL_H
#define CIMRPC_PROVIDER_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "priv/priv_worker.h"
#include "rpc/call.h"
#include "rpc/user_ops.h"
#include "worker.h"

#define PROVIDER_CALL_OBJECTS_MAX 100000        /* instances one call may return */
#define PROVIDER_CALL_BYTES_MAX (64u << 20)     /* and their encoded bytes */

struct provider_call {
    struct priv_pool *pool;                 /* borrowed (the server's) */
    struct priv_identity id;                /* strings below; groups copied */
    char *account, *home, *ccache_path;
    unsigned char *cred;                    /* Delegate's credential cache bytes */
    size_t cred_len;
    worker_request req;                     /* owned (xdr_free) */
    /* The outcome, set by provider_call_run(): */
    uint32_t code;                          /* 0, or a WBEM error code */
    char reason[CIMRPC_REASON_MAX];         /* the error; with code 0, the
                                               provider's note, or "" */
    cim_instance *objects;                  /* owned */
    size_t n_objects;
    size_t bytes;
    char ops_key[USER_OPS_KEY_MAX];         /* its user, counted in rpc/user_ops.h */
    bool ops_counted;
    void *state;                            /* the procedure's (freed by FREE_STATE) */
    void (*free_state)(void *state);
};

/*
 * A provider operation KIND on class CLASS_NAME served by PROVIDER in the
 * session's namespace, for the caller of CTX (which must have a session).
 * METHOD names the method for INVOKE (else NULL).  Returns 0 with
 * *CALL_OUT (free it with provider_call_free() unless handed to
 * call_defer()), or -1 with *CODE_OUT and WHY (WHY_LEN bytes) for the
 * caller: PROVIDER_NOT_FOUND (not registered or not enabled here),
 * ACCESS_DENIED (no account to run as), FAILED; *CODE_OUT is 0 for an
 * internal failure (out of memory).
 */
int provider_call_new(struct call_context *ctx, worker_provide_kind kind, const char *provider,
                      const char *class_name, const char *method, struct provider_call **call_out,
                      uint32_t *code_out, char *why, size_t why_len);

/* Attach the object (keys, or the instance to write) and the
 * in-parameters of the request (borrowed; encoded here; NULL for none).
 * Returns 0, or -1 with WHY set when they do not fit one request. */
int provider_call_set_objects(struct provider_call *call, const cim_instance *object,
                              const cim_instance *params, char *why, size_t why_len);

/* Does qualifier NAME hold (boolean true) among QUALS (N of them)? */
bool provider_qualifier_true(const cim_qualifier *quals, u_int n, const char *name);

/* Is V null, or of type TYPE and an array exactly when ARRAY_SIZE (a
 * declaration's: -1 scalar) says so? */
bool provider_value_fits(const cim_value *v, cim_type type, int array_size);

/*
 * Is INST, returned by a provider for class CLS (resolved), an instance
 * of CLS whose every property is one of CLS's, given once, of its type,
 * with every key given?  Returns 0, or -1 with WHY saying what is wrong
 * (the provider's fault: PROVIDER_FAILURE for the caller).
 */
int provider_check_instance(const cim_class *cls, const cim_instance *inst, char *why,
                            size_t why_len);

/* Run the request in its worker (an offload thread's call_run_fn). */
void provider_call_run(void *call);

/* Free CALL and everything it holds (a call_free_fn).  Accepts NULL. */
void provider_call_free(void *call);

/* CALL no longer counts as an operation in progress of its user
 * (rpc/user_ops.h); provider_call_free() ends it otherwise. */
void provider_call_end_operation(struct provider_call *call);

#endif
