/*
 * priv_worker.h: start, talk to and end one cimrpc-worker process.
 *
 * This file and priv_worker.c are the only code in cimrpcd that changes a
 * uid or spawns a process.  priv_worker_spawn() forks; the child, using
 * only async-signal-safe calls, puts the socket on descriptor 3 and
 * /dev/null on 0-2, closes every other descriptor, sets the groups, gid
 * and uid (in that order), clears every capability, sets no_new_privs,
 * resets signals and executes the worker with a clean environment.  The
 * parent then waits for the worker's READY report (idl/worker.x), checks
 * it, and checks the worker's /proc/PID/status itself.  A worker that
 * fails a check or exits is reaped and the spawn fails with its reason.
 *
 * Nothing but exec runs in the child, so no SQLite handle, lock or
 * allocator state of the daemon is ever used across fork().
 *
 * Refused always: uid 0 (a root worker could not prove it cannot regain
 * root) and the Anonymous level.  Refused unless PRIV_ALLOW_SYSTEM:
 * system accounts (uid below UID_MIN of /etc/login.defs, 1000 when it is
 * not set) and gid 0 as primary or supplementary group.
 *
 * Delegate: the worker gets KRB5CCNAME=FILE:<ccache_path>, and
 * KRB5_CONFIG when the identity names one (the daemon's own, so the
 * worker reaches the same realms).  When cred is
 * given, spawn creates that file (O_EXCL, mode 0600, owned by the target
 * uid) with those bytes; otherwise the file must already exist as a
 * regular file of the target uid with mode 0600.  Its directory must be
 * root's and not writable by others.  The file is removed when the worker
 * ends.  The credential storage is complete only once the daemon plumbs
 * the GSS forwarded credential (gss_store_cred_into) into these bytes; the
 * next session does that.
 *
 * Blocking: spawn waits for READY, calls wait for the answer.  Call them
 * from a thread that is not an event loop.  One thread at a time per
 * worker.  Workers are reaped with waitpid() on their own pid, so the
 * daemon must leave SIGCHLD at its default (not SIG_IGN) and must not
 * reap children it did not start with a wildcard wait.
 */
#ifndef CIMRPC_PRIV_WORKER_H
#define CIMRPC_PRIV_WORKER_H

#include <stddef.h>
#include <sys/types.h>

#include "common/levels.h"
#include "worker.h"

#define PRIV_GROUPS_MAX WORKER_GROUPS_MAX
#define PRIV_CRED_MAX (1024 * 1024)         /* bytes of a Delegate credential */
#define PRIV_READY_TIMEOUT_MS 10000         /* a worker must report READY in this */
#define PRIV_EXTRA_ARGS_MAX 8               /* extra worker arguments */

enum priv_flags {
    PRIV_ALLOW_SYSTEM = 0x1,    /* allow system accounts and gid 0 (configuration) */
};

/* Who a worker runs as.  Every pointer is borrowed for the call it is
 * passed to.  An identity with uid (uid_t)-1 is invalid and refused. */
struct priv_identity {
    uid_t uid;
    gid_t gid;                          /* primary group */
    gid_t groups[PRIV_GROUPS_MAX];      /* supplementary groups, any order */
    size_t ngroups;
    enum levels_imp level;              /* IDENTIFY, IMPERSONATE or DELEGATE */
    const char *account;                /* account name, for messages; may be NULL */
    const char *home;                   /* HOME of the account; NULL: "/" */
    const char *ccache_path;            /* Delegate only: absolute path */
    const void *cred;                   /* Delegate: the ccache bytes, or NULL */
    size_t cred_len;
    const char *krb5_config;            /* Delegate: KRB5_CONFIG for the worker
                                           (absolute), or NULL: /etc/krb5.conf */
    unsigned flags;                     /* enum priv_flags */
};

struct priv_worker;

/* UID_MIN from /etc/login.defs, or 1000 when absent or unreadable. */
unsigned long priv_worker_uid_min(void);

/* Check that ID may have a worker at all (valid ids, level, no root, no
 * system account unless allowed, ccache rules).  Returns 0, or -1 with a
 * reason for the user in WHY.  The pool uses it to tell a refusal
 * (access denied) from a failure to start. */
int priv_identity_check(const struct priv_identity *id, char *why, size_t why_len);

/* Start a worker for ID (borrowed) from WORKER_PATH (absolute, borrowed)
 * and wait for it to report READY.  On success *OUT is the worker, owned
 * by the caller (end it with priv_worker_end()).  On failure *OUT is NULL,
 * the child (if any) is reaped, a ccache this call created is removed,
 * and WHY says what went wrong, with the worker's own reason when it
 * refused.  Returns 0 or -1. */
int priv_worker_spawn(const struct priv_identity *id, const char *worker_path,
                      struct priv_worker **out, char *why, size_t why_len);

/* As priv_worker_spawn(), with EXTRA_ARGS (borrowed; NULL-terminated, at
 * most PRIV_EXTRA_ARGS_MAX; NULL for none) appended to the worker's
 * command line: the daemon's settings for its providers, such as
 * "--reboot-command" and a path. */
int priv_worker_spawn_args(const struct priv_identity *id, const char *worker_path,
                           const char *const *extra_args, struct priv_worker **out, char *why,
                           size_t why_len);

/* Send REQ (borrowed; its id is set here) and wait up to TIMEOUT_MS (-1:
 * forever) for the answer, decoded into *REPLY_OUT (zeroed here; free it
 * with xdr_free(xdr_worker_reply, ...) after success).  Returns 0 when
 * the worker answered (the answer's status may still be an error), or -1
 * with WHY set when the worker died, timed out or broke the protocol: the
 * worker is then stopped and reaped, and every later call fails at once
 * (end it and spawn a new one). */
int priv_worker_call(struct priv_worker *w, worker_request *req, worker_reply *reply_out,
                     int timeout_ms, char *why, size_t why_len);

/* Wait for a further answer to REQ (borrowed; sent by the last
 * priv_worker_call() on W), for operations that answer in several
 * replies (PROVIDE with more set).  As priv_worker_call() otherwise. */
int priv_worker_call_more(struct priv_worker *w, const worker_request *req,
                          worker_reply *reply_out, int timeout_ms, char *why, size_t why_len);

/* 1 when the worker is still usable: it has not failed a call and has
 * not exited (reaped here without blocking if it has).  0 otherwise. */
int priv_worker_alive(struct priv_worker *w);

/* The worker's pid (for diagnostics and tests). */
pid_t priv_worker_pid(const struct priv_worker *w);

/* What the worker reported it verified before serving (borrowed). */
const char *priv_worker_ready_reason(const struct priv_worker *w);

/* The account name used in messages (borrowed). */
const char *priv_worker_account(const struct priv_worker *w);

/* End W: close the channel, give the worker a second to exit, then kill
 * it; reap it, remove its ccache, free W.  *STATUS_OUT (may be NULL)
 * receives the wait status, or -1 when it is unknown.  Accepts NULL. */
void priv_worker_end(struct priv_worker *w, int *status_out);

/* Describe a wait status: "exit status 1", "signal 6". */
void priv_worker_describe_status(int wstatus, char *buf, size_t len);

#endif
