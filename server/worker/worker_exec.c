/*
 * worker_exec.c: programs started from cimrpc-worker (worker_exec.h).
 *
 * Invariants:
 *   - The report pipe is close-on-exec in every process, so the worker's
 *     read of it ends exactly when the program has been executed (EOF
 *     with no report) or a step failed (a report).  Reports are smaller
 *     than PIPE_BUF, so they arrive whole.
 *   - Every child the worker forks is reaped before the call returns.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "worker/worker_exec.h"

enum exec_step {
    STEP_PID = 1,               /* not a failure: the detached program's pid */
    STEP_FORK, STEP_SETSID, STEP_CHDIR, STEP_STDIO, STEP_FDS, STEP_SIGNALS, STEP_EXEC,
};

struct report {
    int step;
    int value;                  /* errno, or the pid for STEP_PID */
};

static const char *
step_name(int step)
{
    switch (step) {
    case STEP_FORK: return "fork";
    case STEP_SETSID: return "setsid";
    case STEP_CHDIR: return "chdir";
    case STEP_STDIO: return "redirecting standard streams to /dev/null";
    case STEP_FDS: return "closing descriptors";
    case STEP_SIGNALS: return "resetting the signal mask";
    case STEP_EXEC: return "execute";
    default: return "an unknown step";
    }
}

static void
report_write(int fd, int step, int value)
{
    struct report r = { step, value };

    (void)!write(fd, &r, sizeof(r));
}

static void __attribute__((noreturn))
child_fail(int fd, int step)
{
    report_write(fd, step, errno);
    _exit(127);
}

/* In a child: the common set-up, then execve().  Async-signal-safe. */
static void __attribute__((noreturn))
child_exec(int report_fd, int devnull, const char *dir, const char *path, char *const argv[],
           char *const envp[])
{
    sigset_t none;

    if (dir && chdir(dir) < 0)
        child_fail(report_fd, STEP_CHDIR);
    if (dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 || dup2(devnull, 2) < 0)
        child_fail(report_fd, STEP_STDIO);
    if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        child_fail(report_fd, STEP_FDS);
    if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
        child_fail(report_fd, STEP_SIGNALS);
    execve(path, argv, envp);
    child_fail(report_fd, STEP_EXEC);
}

/* Read the reports until EOF: the first failure into *ERR_OUT (1), or
 * 0 when none; *PID_OUT (may be NULL) gets a STEP_PID report. */
static int
reports_read(int fd, pid_t *pid_out, struct worker_exec_error *err_out)
{
    struct report r;
    int failed = 0;

    for (;;) {
        ssize_t n = read(fd, &r, sizeof(r));

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (n != (ssize_t)sizeof(r))
            continue;
        if (r.step == STEP_PID) {
            if (pid_out)
                *pid_out = r.value;
        } else if (!failed) {
            err_out->step = step_name(r.step);
            err_out->err = r.value;
            failed = 1;
        }
    }
    return failed;
}

/* Reap PID, waiting as long as it takes. */
static int
reap(pid_t pid, int *wstatus)
{
    pid_t r;

    do {
        r = waitpid(pid, wstatus, 0);
    } while (r < 0 && errno == EINTR);
    return r == pid ? 0 : -1;
}

/* Open /dev/null and the report pipe (all close-on-exec) and fork: the
 * pid (0 in the child), or -1 with *ERR_OUT and nothing left open. */
static pid_t
fork_prepared(int *devnull, int pipefd[2], struct worker_exec_error *err_out)
{
    pid_t pid;

    *devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (*devnull < 0) {
        err_out->step = "open /dev/null";
        err_out->err = errno;
        return -1;
    }
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        err_out->step = "pipe";
        err_out->err = errno;
        close(*devnull);
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        err_out->step = step_name(STEP_FORK);
        err_out->err = errno;
        close(*devnull);
        close(pipefd[0]);
        close(pipefd[1]);
    }
    return pid;
}

static void
close_all(int devnull, int pipefd[2])
{
    close(devnull);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
}

int
worker_exec_wait(const char *path, char *const argv[], char *const envp[], int timeout_ms,
                 int *wstatus_out, struct worker_exec_error *err_out)
{
    int devnull, pipefd[2], st = 0;
    long long deadline;
    pid_t pid;

    *wstatus_out = -1;
    pid = fork_prepared(&devnull, pipefd, err_out);
    if (pid < 0)
        return -1;
    if (pid == 0)
        child_exec(pipefd[1], devnull, NULL, path, argv, envp);
    close(pipefd[1]);
    pipefd[1] = -1;
    if (reports_read(pipefd[0], NULL, err_out)) {
        close_all(devnull, pipefd);
        (void)reap(pid, &st);
        return -1;
    }
    close_all(devnull, pipefd);
    deadline = clock_monotonic_ms() + timeout_ms;
    for (;;) {
        struct timespec tick = { 0, 10 * 1000000L };
        pid_t r = waitpid(pid, &st, WNOHANG);

        if (r == pid) {
            *wstatus_out = st;
            return 0;
        }
        if (r < 0 && errno != EINTR) {
            err_out->step = "waitpid";
            err_out->err = errno;
            return -1;
        }
        if (clock_monotonic_ms() >= deadline)
            break;
        nanosleep(&tick, NULL);
    }
    (void)kill(pid, SIGKILL);
    (void)reap(pid, &st);
    return 1;
}

int
worker_exec_detached(const char *path, char *const argv[], char *const envp[],
                     const char *dir, pid_t *pid_out, struct worker_exec_error *err_out)
{
    int devnull, pipefd[2], st = 0;
    pid_t mid, pid = 0;

    *pid_out = 0;
    mid = fork_prepared(&devnull, pipefd, err_out);
    if (mid < 0)
        return -1;
    if (mid == 0) {
        /* The middle process: a new session, the program's parent for an
         * instant, then gone, so the program is orphaned. */
        pid_t child;

        if (setsid() < 0)
            child_fail(pipefd[1], STEP_SETSID);
        child = fork();
        if (child < 0)
            child_fail(pipefd[1], STEP_FORK);
        if (child == 0)
            child_exec(pipefd[1], devnull, dir, path, argv, envp);
        report_write(pipefd[1], STEP_PID, child);
        _exit(0);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    if (reap(mid, &st) < 0) {
        err_out->step = "waitpid";
        err_out->err = errno;
        close_all(devnull, pipefd);
        return -1;
    }
    if (reports_read(pipefd[0], &pid, err_out)) {
        close_all(devnull, pipefd);
        return -1;
    }
    close_all(devnull, pipefd);
    if (pid <= 0) {
        err_out->step = step_name(STEP_FORK);
        err_out->err = ECHILD;
        return -1;
    }
    *pid_out = pid;
    return 0;
}
