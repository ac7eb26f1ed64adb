/*
 * worker_exec.h: starting programs from cimrpc-worker, as the worker's
 * own account (it holds no privilege to lose or pass on).
 *
 * Both ways give the program /dev/null on descriptors 0-2, no other
 * descriptor of the worker (least of all the daemon's channel on 3), an
 * empty signal mask, and exactly the environment the caller passes.
 * Between fork() and execve() the child calls only async-signal-safe
 * functions; a step that fails there is reported to the worker as the
 * step and its errno through a close-on-exec pipe, so the caller can say
 * what went wrong ("chdir /x: No such file or directory").
 */
#ifndef CIMRPC_WORKER_WORKER_EXEC_H
#define CIMRPC_WORKER_WORKER_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Where starting a program failed. */
struct worker_exec_error {
    const char *step;           /* "execute", "chdir", "fork", ... (static) */
    int err;                    /* its errno */
};

/*
 * Run PATH (absolute) with ARGV and ENVP (NULL-terminated; all borrowed)
 * and wait up to TIMEOUT_MS for it to end.  Returns 0 with its wait
 * status in *WSTATUS_OUT; 1 when it did not end in time (it has then
 * been killed with SIGKILL and reaped); -1 when it could not be started,
 * with *ERR_OUT saying where and why.
 */
int worker_exec_wait(const char *path, char *const argv[], char *const envp[], int timeout_ms,
                     int *wstatus_out, struct worker_exec_error *err_out);

/*
 * Start PATH (absolute) with ARGV and ENVP (borrowed) in directory DIR
 * (absolute, borrowed), detached from the worker: in a session of its
 * own, orphaned at once (reparented to init or the nearest subreaper,
 * so the worker never has to reap it), with no controlling terminal.
 * Returns 0 once the program has been executed, with its process ID in
 * *PID_OUT; -1 when it could not be, with *ERR_OUT saying where and
 * why.
 */
int worker_exec_detached(const char *path, char *const argv[], char *const envp[],
                         const char *dir, pid_t *pid_out, struct worker_exec_error *err_out);

#endif
