/*
 * priv_pool.h: the provider workers of cimrpcd, one per caller identity.
 *
 * A call names an identity (uid, primary gid, supplementary groups,
 * impersonation level, Delegate's credential cache); the pool reuses the
 * worker of that identity or spawns one (priv_worker.h), then passes the
 * request.  Workers idle longer than the idle timeout are ended by
 * priv_pool_expire(), which the daemon calls from a timer (and which every
 * call runs first); ended and crashed workers are always reaped.  A worker
 * that dies, hangs or breaks the protocol fails only the call it was
 * serving, with WBEM_E_PROVIDER_FAILURE and a reason naming the account
 * and the signal; the next call for that identity spawns a fresh one.
 *
 * Limits: at most max_workers in all and max_per_user per uid.  A call
 * that would need one more is refused with WBEM_E_QUOTA_VIOLATION; idle
 * workers are not evicted to make room (expiry frees them).
 *
 * Threads and blocking: every function may block (spawn waits for READY,
 * a call for the answer), so call them from threads that are not event
 * loops.  Any number of threads may use one pool: a call holds its
 * worker alone while it talks to it, calls of other identities (and of
 * the same identity on its other workers, up to max_per_user) run at the
 * same time, and a call that finds no idle worker and no room for one
 * waits up to the call timeout for one of its identity to come free.
 */
#ifndef CIMRPC_PRIV_POOL_H
#define CIMRPC_PRIV_POOL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "priv/priv_worker.h"

#define PRIV_POOL_IDLE_TIMEOUT_MS 60000     /* defaults for a 0 in the config */
#define PRIV_POOL_CALL_TIMEOUT_MS 30000
#define PRIV_POOL_MAX_WORKERS 64
#define PRIV_POOL_MAX_PER_USER 4
#define PRIV_POOL_TIMEOUT_MAX_MS 86400000   /* a day: the bound on either timeout */

struct priv_pool_config {
    const char *worker_path;        /* absolute; copied */
    unsigned int idle_timeout_ms;   /* 0: PRIV_POOL_IDLE_TIMEOUT_MS */
    unsigned int call_timeout_ms;   /* 0: PRIV_POOL_CALL_TIMEOUT_MS */
    unsigned int max_workers;       /* 0: PRIV_POOL_MAX_WORKERS */
    unsigned int max_per_user;      /* 0: PRIV_POOL_MAX_PER_USER */
    const char *const *worker_args; /* NULL-terminated, copied; may be NULL:
                                       appended to every worker's command line */
};

/* An error of a pool call: a WBEM code (common/wbem.h) and a reason. */
struct priv_error {
    uint32_t code;
    char message[512];
};

struct priv_pool;

/* A pool with no workers yet.  *POOL_OUT is owned by the caller (free
 * with priv_pool_free()).  Returns 0, or -1 with ERR set. */
int priv_pool_new(const struct priv_pool_config *cfg, struct priv_pool **pool_out,
                  struct priv_error *err);

/* End every worker (reaped, ccaches removed) and free POOL.  Accepts NULL. */
void priv_pool_free(struct priv_pool *pool);

/* Run REQ (borrowed; its id is set here) in the worker of ID (borrowed),
 * spawning it if needed.  *REPLY_OUT is zeroed here; after success the
 * caller frees it with xdr_free(xdr_worker_reply, ...).  Returns 0 when
 * the worker answered (its status may be an error of the op), or -1 with
 * ERR set: WBEM_E_ACCESS_DENIED when ID may not have a worker,
 * WBEM_E_QUOTA_VIOLATION at a limit, WBEM_E_PROVIDER_FAILURE when the
 * worker could not start or ended, hung or misbehaved during the call. */
int priv_pool_call(struct priv_pool *pool, const struct priv_identity *id,
                   worker_request *req, worker_reply *reply_out, struct priv_error *err);

/* What priv_pool_provide() hands over for each reply: the result R
 * (borrowed for the call) with the worker's REASON, which says what is
 * wrong when R->code is not 0.  ARG is the caller's.  Return 0 to go on,
 * -1 to stop (priv_pool_provide() then returns -1 with ERR's code 0). */
typedef int priv_provide_fn(const worker_provide_result *r, const char *reason, void *arg);

/*
 * Run the PROVIDE request REQ (borrowed; its id is set here) in the
 * worker of ID, calling FN for each of its replies, in order, until the
 * last (more not set).  Returns 0 once the last reply was handed over
 * (it may carry the provider's error), or -1: with ERR set as for
 * priv_pool_call(), or with ERR's code 0 when FN stopped (a worker still
 * sending is then ended, not drained).
 */
int priv_pool_provide(struct priv_pool *pool, const struct priv_identity *id,
                      worker_request *req, priv_provide_fn *fn, void *arg,
                      struct priv_error *err);

/* End workers idle for longer than the idle timeout and reap any that
 * exited on their own.  Returns how many workers were removed. */
size_t priv_pool_expire(struct priv_pool *pool);

/* How many workers the pool holds. */
size_t priv_pool_size(struct priv_pool *pool);

/* The pid of ID's worker, or 0 when it has none (diagnostics, tests). */
pid_t priv_pool_worker_pid(struct priv_pool *pool, const struct priv_identity *id);

/* The wait status of the last worker the pool ended or reaped, or -1
 * when none has ended yet (diagnostics, tests). */
int priv_pool_last_status(struct priv_pool *pool);

#endif
