/*
 * priv_worker.c: spawn a cimrpc-worker as a caller's identity; talk to it.
 *
 * Invariants:
 *   - Between fork() and execve() the child calls only async-signal-safe
 *     functions (and raw syscalls); everything it needs (argv, envp, the
 *     group list) is built before fork().  A failing step is reported as
 *     {step, errno} on a close-on-exec pipe and the child _exit()s.
 *   - Descriptors in the child: 0-2 /dev/null, 3 the worker's socket end,
 *     4 the close-on-exec error pipe, nothing else (close_range).
 *   - Order of the drop: setgroups, setresgid, setresuid, capset(all 0),
 *     PR_SET_NO_NEW_PRIVS.  The worker re-checks all of it (READY) and the
 *     parent checks /proc/PID/status as well.
 *   - A struct priv_worker whose call failed is dead: its process has been
 *     reaped (never left a zombie) and it only waits to be ended.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include "common/login_defs.h"
#include "priv/priv_channel.h"
#include "priv/priv_worker.h"

#define UID_MIN_DEFAULT 1000ul
#define END_GRACE_MS 1000

struct priv_worker {
    pid_t pid;                  /* 0 once reaped */
    int fd;                     /* the daemon's end of the channel; -1 once closed */
    bool dead;                  /* a call failed or the worker exited */
    int wstatus;                /* the wait status once reaped, else -1 */
    unsigned int next_id;
    char *account;              /* for messages */
    char *ccache_path;          /* removed when the worker ends; may be NULL */
    char ready_reason[WORKER_REASON_MAX];
};

/* The steps of the child, reported to the parent when one fails. */
enum child_step {
    STEP_FDS = 1, STEP_CLOSE, STEP_CHDIR, STEP_SETGROUPS, STEP_SETRESGID,
    STEP_SETRESUID, STEP_CAPSET, STEP_NO_NEW_PRIVS, STEP_SIGNALS, STEP_EXEC,
};

static const char *
child_step_name(int step)
{
    switch (step) {
    case STEP_FDS: return "arranging descriptors";
    case STEP_CLOSE: return "closing inherited descriptors";
    case STEP_CHDIR: return "changing to /";
    case STEP_SETGROUPS: return "setgroups";
    case STEP_SETRESGID: return "setresgid";
    case STEP_SETRESUID: return "setresuid";
    case STEP_CAPSET: return "dropping capabilities";
    case STEP_NO_NEW_PRIVS: return "setting no_new_privs";
    case STEP_SIGNALS: return "resetting signals";
    case STEP_EXEC: return "executing the worker";
    default: return "an unknown step";
    }
}


static void
close_keep_errno(int fd)
{
    int saved = errno;

    if (fd >= 0)
        (void)close(fd);
    errno = saved;
}

/* ---------------------------------------------------------- accounts ---- */

unsigned long
priv_worker_uid_min(void)
{
    return login_defs_number("UID_MIN", UID_MIN_DEFAULT);
}

static const char *
account_name(const struct priv_identity *id, char *buf, size_t len)
{
    if (id->account && id->account[0])
        return id->account;
    snprintf(buf, len, "uid %lu", (unsigned long)id->uid);
    return buf;
}

int
priv_identity_check(const struct priv_identity *id, char *why, size_t why_len)
{
    char nbuf[32];
    const char *name = account_name(id, nbuf, sizeof(nbuf));
    unsigned long uid_min;

    if (id->uid == (uid_t)-1 || id->gid == (gid_t)-1)
        return priv_why(why, why_len, "the caller has no local account to run provider code as");
    if (id->level != LEVELS_IMP_IDENTIFY && id->level != LEVELS_IMP_IMPERSONATE &&
        id->level != LEVELS_IMP_DELEGATE)
        return priv_why(why, why_len, "provider code does not run at impersonation level %s",
                    levels_imp_name(id->level));
    if (id->uid == 0)
        return priv_why(why, why_len, "provider code never runs as root (account %s maps to uid 0)",
                    name);
    if (id->ngroups > PRIV_GROUPS_MAX)
        return priv_why(why, why_len, "account %s is in %zu groups; a provider worker allows %d",
                    name, id->ngroups, PRIV_GROUPS_MAX);
    if (!(id->flags & PRIV_ALLOW_SYSTEM)) {
        uid_min = priv_worker_uid_min();
        if ((unsigned long)id->uid < uid_min)
            return priv_why(why, why_len, "account %s (uid %lu) is a system account (below "
                        "UID_MIN %lu); provider code runs as a system account only when "
                        "cimrpcd runs with --allow-system-accounts", name,
                        (unsigned long)id->uid, uid_min);
        if (id->gid == 0)
            return priv_why(why, why_len, "account %s has primary group 0 (root); refused unless "
                        "cimrpcd runs with --allow-system-accounts", name);
        for (size_t i = 0; i < id->ngroups; i++)
            if (id->groups[i] == 0)
                return priv_why(why, why_len, "account %s is in group 0 (root); refused unless "
                            "cimrpcd runs with --allow-system-accounts", name);
    }
    if (id->level == LEVELS_IMP_DELEGATE) {
        if (!id->ccache_path || id->ccache_path[0] != '/')
            return priv_why(why, why_len, "Delegate needs an absolute credential cache path");
        if (strlen(id->ccache_path) >= PATH_MAX)
            return priv_why(why, why_len, "the credential cache path is too long");
        if (id->cred && (id->cred_len == 0 || id->cred_len > PRIV_CRED_MAX))
            return priv_why(why, why_len, "the delegated credential is empty or larger than %d bytes",
                        PRIV_CRED_MAX);
    } else if (id->ccache_path || id->cred) {
        return priv_why(why, why_len, "only Delegate carries a credential cache");
    }
    if (id->home && id->home[0] != '/')
        return priv_why(why, why_len, "the home directory of %s is not an absolute path", name);
    return 0;
}

/* ------------------------------------------------------------- ccache ---- */

/* The ccache's directory must be root's and not writable by others, so the
 * user cannot swap the file under us. */
static int
ccache_check_dir(const char *path, char *why, size_t why_len)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t len = (size_t)(slash - path);
    struct stat st;

    if (len == 0)
        len = 1;
    if (len >= sizeof(dir))
        return priv_why(why, why_len, "the credential cache path is too long");
    memcpy(dir, path, len);
    dir[len] = '\0';
    if (lstat(dir, &st) < 0)
        return priv_why(why, why_len, "credential cache directory %s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)))
        return priv_why(why, why_len, "credential cache directory %s must be a directory of root "
                    "writable by nobody else", dir);
    return 0;
}

/* Create or check the Delegate ccache.  Sets *CREATED when this call made
 * the file (so a failed spawn removes only what it made). */
static int
ccache_prepare(const struct priv_identity *id, bool *created, char *why, size_t why_len)
{
    const char *path = id->ccache_path;
    struct stat st;
    size_t off = 0;
    int fd;

    *created = false;
    if (ccache_check_dir(path, why, why_len) < 0)
        return -1;
    if (!id->cred) {
        if (lstat(path, &st) < 0)
            return priv_why(why, why_len, "credential cache %s: %s", path, strerror(errno));
        if (!S_ISREG(st.st_mode) || st.st_uid != id->uid || (st.st_mode & 07777) != 0600)
            return priv_why(why, why_len, "credential cache %s must be a regular file of uid %lu "
                        "with mode 0600", path, (unsigned long)id->uid);
        return 0;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return priv_why(why, why_len, "cannot create credential cache %s: %s", path, strerror(errno));
    *created = true;
    while (off < id->cred_len) {
        ssize_t n = write(fd, (const char *)id->cred + off, id->cred_len - off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail_write;
        off += (size_t)n;
    }
    if (fchown(fd, id->uid, id->gid) < 0 || fchmod(fd, 0600) < 0 || close(fd) < 0) {
        fd = -1;
        goto fail_write;
    }
    return 0;
fail_write:
    priv_why(why, why_len, "cannot write credential cache %s: %s", path, strerror(errno));
    close_keep_errno(fd);
    (void)unlink(path);
    *created = false;
    return -1;
}

/* ------------------------------------------------------- wait helpers ---- */

void
priv_worker_describe_status(int wstatus, char *buf, size_t len)
{
    if (wstatus == -1)
        snprintf(buf, len, "status unknown");
    else if (WIFSIGNALED(wstatus))
        snprintf(buf, len, "signal %d", WTERMSIG(wstatus));
    else if (WIFEXITED(wstatus))
        snprintf(buf, len, "exit status %d", WEXITSTATUS(wstatus));
    else
        snprintf(buf, len, "wait status %#x", (unsigned)wstatus);
}

static void
sleep_ms(long ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Reap PID, waiting up to GRACE_MS before SIGKILL.  Returns the wait
 * status, or -1 when it could not be reaped (not our child). */
static int
reap(pid_t pid, int grace_ms)
{
    int st;

    for (int waited = 0;; waited++) {
        pid_t r = waitpid(pid, &st, WNOHANG);

        if (r == pid)
            return st;
        if (r < 0 && errno != EINTR)
            return -1;
        if (waited >= grace_ms)
            break;
        sleep_ms(1);
    }
    if (kill(pid, SIGKILL) < 0 && errno != ESRCH)
        return -1;
    for (;;) {
        pid_t r = waitpid(pid, &st, 0);

        if (r == pid)
            return st;
        if (r < 0 && errno != EINTR)
            return -1;
    }
}

/* ---------------------------------------------------------------- child ---- */

struct child_report {
    int step;
    int err;
};

static void __attribute__((noreturn))
child_fail(int errfd, int step)
{
    struct child_report r = { step, errno };

    (void)!write(errfd, &r, sizeof(r));
    _exit(127);
}

/* The child between fork() and execve(): async-signal-safe calls only. */
static void __attribute__((noreturn))
child_exec(int sock, int devnull, int errfd, const struct priv_identity *id, const gid_t *groups,
           const char *path, char *const argv[], char *const envp[])
{
    struct __user_cap_header_struct caphdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
    struct __user_cap_data_struct capdata[_LINUX_CAPABILITY_U32S_3];
    struct sigaction sa;
    sigset_t none;
    int s, n, e;

    /* Move the three descriptors above 4, then into place. */
    s = fcntl(sock, F_DUPFD_CLOEXEC, 5);
    n = fcntl(devnull, F_DUPFD_CLOEXEC, 5);
    e = fcntl(errfd, F_DUPFD_CLOEXEC, 5);
    if (e < 0)
        child_fail(errfd, STEP_FDS);
    errfd = e;
    if (s < 0 || n < 0)
        child_fail(errfd, STEP_FDS);
    if (dup2(n, 0) < 0 || dup2(n, 1) < 0 || dup2(n, 2) < 0 || dup2(s, 3) < 0)
        child_fail(errfd, STEP_FDS);
    if (dup3(errfd, 4, O_CLOEXEC) < 0)
        child_fail(errfd, STEP_FDS);
    errfd = 4;
    if (close_range(5, ~0U, 0) < 0)
        child_fail(errfd, STEP_CLOSE);
    if (chdir("/") < 0)
        child_fail(errfd, STEP_CHDIR);
    umask(022);
    if (setgroups(id->ngroups, groups) < 0)
        child_fail(errfd, STEP_SETGROUPS);
    if (setresgid(id->gid, id->gid, id->gid) < 0)
        child_fail(errfd, STEP_SETRESGID);
    if (setresuid(id->uid, id->uid, id->uid) < 0)
        child_fail(errfd, STEP_SETRESUID);
    memset(capdata, 0, sizeof(capdata));
    if (syscall(SYS_capset, &caphdr, capdata) < 0)
        child_fail(errfd, STEP_CAPSET);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        child_fail(errfd, STEP_NO_NEW_PRIVS);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++)
        (void)sigaction(sig, &sa, NULL);        /* SIGKILL, SIGSTOP, 32, 33: EINVAL */
    if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
        child_fail(errfd, STEP_SIGNALS);
    execve(path, argv, envp);
    child_fail(errfd, STEP_EXEC);
}

/* ---------------------------------------------------------------- spawn ---- */

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    return n < 0 ? NULL : s;
}

/* "a,b,c" of the groups; NULL on allocation failure. */
static char *
groups_text(const gid_t *groups, size_t n)
{
    char *s = malloc(n * 12 + 1);
    size_t off = 0;

    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++)
        off += (size_t)snprintf(s + off, 13, "%s%lu", i ? "," : "", (unsigned long)groups[i]);
    return s;
}

static void
free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

/* Read one field of /proc/PID/status ("Uid:") into LINE; 0 or -1. */
static int
proc_status_field(FILE *f, const char *name, char *line, size_t len)
{
    size_t nlen = strlen(name);

    rewind(f);
    while (fgets(line, (int)len, f))
        if (strncmp(line, name, nlen) == 0)
            return 0;
    return -1;
}

static int
cmp_gid(const void *a, const void *b)
{
    gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

    return x < y ? -1 : x > y;
}

/* The daemon's own look at the worker, from the kernel: uids, gids,
 * groups, CapEff, CapPrm, NoNewPrivs. */
static int
check_proc_status(pid_t pid, const struct priv_identity *id, const gid_t *sorted,
                  char *why, size_t why_len)
{
    char path[64], line[8192];
    unsigned long a, b, c, d;
    unsigned long long cap;
    int nnp, rc = -1;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
    f = fopen(path, "re");
    if (!f)
        return priv_why(why, why_len, "cannot read %s: %s", path, strerror(errno));
    if (proc_status_field(f, "Uid:", line, sizeof(line)) < 0 ||
        sscanf(line, "Uid: %lu %lu %lu %lu", &a, &b, &c, &d) != 4 ||
        a != id->uid || b != id->uid || c != id->uid || d != id->uid) {
        priv_why(why, why_len, "the kernel shows other uids for the worker");
        goto cleanup;
    }
    if (proc_status_field(f, "Gid:", line, sizeof(line)) < 0 ||
        sscanf(line, "Gid: %lu %lu %lu %lu", &a, &b, &c, &d) != 4 ||
        a != id->gid || b != id->gid || c != id->gid || d != id->gid) {
        priv_why(why, why_len, "the kernel shows other gids for the worker");
        goto cleanup;
    }
    if (proc_status_field(f, "Groups:", line, sizeof(line)) < 0) {
        priv_why(why, why_len, "the kernel shows no groups line for the worker");
        goto cleanup;
    } else {
        char *p = line + strlen("Groups:"), *end;
        size_t i = 0;

        for (;;) {
            unsigned long g;

            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '\n' || *p == '\0')
                break;
            g = strtoul(p, &end, 10);
            if (end == p || i >= id->ngroups || g != sorted[i]) {
                priv_why(why, why_len, "the kernel shows other groups for the worker");
                goto cleanup;
            }
            i++;
            p = end;
        }
        if (i != id->ngroups) {
            priv_why(why, why_len, "the kernel shows other groups for the worker");
            goto cleanup;
        }
    }
    if (proc_status_field(f, "CapEff:", line, sizeof(line)) < 0 ||
        sscanf(line, "CapEff: %llx", &cap) != 1 || cap != 0 ||
        proc_status_field(f, "CapPrm:", line, sizeof(line)) < 0 ||
        sscanf(line, "CapPrm: %llx", &cap) != 1 || cap != 0) {
        priv_why(why, why_len, "the kernel shows capabilities in the worker");
        goto cleanup;
    }
    if (proc_status_field(f, "NoNewPrivs:", line, sizeof(line)) < 0 ||
        sscanf(line, "NoNewPrivs: %d", &nnp) != 1 || nnp != 1) {
        priv_why(why, why_len, "the kernel shows no_new_privs unset in the worker");
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (fclose(f) != 0 && rc == 0)
        rc = priv_why(why, why_len, "cannot read %s: %s", path, strerror(errno));
    return rc;
}

/* Check the READY report against what was asked. */
static int
check_ready(const worker_reply *r, const struct priv_identity *id, const gid_t *sorted,
            char *why, size_t why_len)
{
    const worker_identity *v;

    if (r->id != 0 || r->body.op != WORKER_OP_READY)
        return priv_why(why, why_len, "it did not start with a READY report");
    if (!r->body.worker_reply_body_u.ready.ok)
        return priv_why(why, why_len, "it refused to serve: %s",
                    r->body.worker_reply_body_u.ready.reason);
    v = &r->body.worker_reply_body_u.ready.verified;
    if (v->ruid != id->uid || v->euid != id->uid || v->suid != id->uid ||
        v->rgid != id->gid || v->egid != id->gid || v->sgid != id->gid)
        return priv_why(why, why_len, "it reported other uids or gids than asked");
    if (v->groups.groups_len != id->ngroups)
        return priv_why(why, why_len, "it reported other groups than asked");
    for (size_t i = 0; i < id->ngroups; i++)
        if (v->groups.groups_val[i] != sorted[i])
            return priv_why(why, why_len, "it reported other groups than asked");
    if (v->cap_eff || v->cap_prm || v->cap_inh || v->cap_amb || v->no_new_privs != 1)
        return priv_why(why, why_len, "it reported capabilities or no no_new_privs");
    if (v->fds.fds_len != 4)
        return priv_why(why, why_len, "it reported %u open descriptors", v->fds.fds_len);
    return 0;
}

int
priv_worker_spawn(const struct priv_identity *id, const char *worker_path,
                  struct priv_worker **out, char *why, size_t why_len)
{
    return priv_worker_spawn_args(id, worker_path, NULL, out, why, why_len);
}

int
priv_worker_spawn_args(const struct priv_identity *id, const char *worker_path,
                       const char *const *extra_args, struct priv_worker **out, char *why,
                       size_t why_len)
{
    enum { FIXED_ARGS = 7, ARGV_MAX = FIXED_ARGS + PRIV_EXTRA_ARGS_MAX + 1 };
    char nbuf[32], detail[WORKER_REASON_MAX + 128], status[64];
    const char *name = account_name(id, nbuf, sizeof(nbuf));
    char *argv_s[ARGV_MAX] = { NULL }, *env_s[6] = { NULL };
    char *argv[ARGV_MAX], *envp[6];
    size_t nargs = FIXED_ARGS;
    gid_t sorted[PRIV_GROUPS_MAX];
    struct priv_worker *w = NULL;
    struct child_report report;
    worker_reply ready;
    bool ccache_created = false, have_ready = false;
    int sv[2] = { -1, -1 }, errp[2] = { -1, -1 }, devnull = -1;
    pid_t pid = -1;
    ssize_t n;
    int rc = -1, nenv = 0;

    *out = NULL;
    memset(&ready, 0, sizeof(ready));
    if (priv_identity_check(id, why, why_len) < 0)
        return -1;
    if (!worker_path || worker_path[0] != '/')
        return priv_why(why, why_len, "the provider worker program path must be absolute");
    memcpy(sorted, id->groups, id->ngroups * sizeof(gid_t));
    qsort(sorted, id->ngroups, sizeof(gid_t), cmp_gid);

    /* Everything the child needs, built before fork(). */
    argv_s[0] = strdup("cimrpc-worker");
    argv_s[1] = strdup("--uid");
    argv_s[2] = xasprintf("%lu", (unsigned long)id->uid);
    argv_s[3] = strdup("--gid");
    argv_s[4] = xasprintf("%lu", (unsigned long)id->gid);
    argv_s[5] = strdup("--groups");
    argv_s[6] = groups_text(sorted, id->ngroups);
    for (size_t i = 0; extra_args != NULL && extra_args[i] != NULL; i++) {
        if (i >= PRIV_EXTRA_ARGS_MAX) {
            priv_why(why, why_len, "more than %d extra worker arguments", PRIV_EXTRA_ARGS_MAX);
            goto cleanup;
        }
        if ((argv_s[nargs++] = strdup(extra_args[i])) == NULL) {
            priv_why(why, why_len, "out of memory");
            goto cleanup;
        }
    }
    env_s[nenv++] = strdup("PATH=/usr/bin:/bin");
    env_s[nenv++] = strdup("LANG=C");
    env_s[nenv++] = xasprintf("HOME=%s", id->home ? id->home : "/");
    if (id->level == LEVELS_IMP_DELEGATE) {
        env_s[nenv++] = xasprintf("KRB5CCNAME=FILE:%s", id->ccache_path);
        if (id->krb5_config != NULL)
            env_s[nenv++] = xasprintf("KRB5_CONFIG=%s", id->krb5_config);
    }
    for (int i = 0; i < 7; i++)
        if (!argv_s[i]) {
            priv_why(why, why_len, "out of memory");
            goto cleanup;
        }
    for (int i = 0; i < nenv; i++)
        if (!env_s[i]) {
            priv_why(why, why_len, "out of memory");
            goto cleanup;
        }
    memcpy(argv, argv_s, sizeof(argv));
    memcpy(envp, env_s, sizeof(envp));

    w = calloc(1, sizeof(*w));
    if (!w || !(w->account = strdup(name)) ||
        (id->ccache_path && !(w->ccache_path = strdup(id->ccache_path)))) {
        priv_why(why, why_len, "out of memory");
        goto cleanup;
    }
    w->fd = -1;
    w->wstatus = -1;
    if (id->level == LEVELS_IMP_DELEGATE &&
        ccache_prepare(id, &ccache_created, why, why_len) < 0)
        goto cleanup;

    devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) {
        priv_why(why, why_len, "cannot open /dev/null: %s", strerror(errno));
        goto cleanup;
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0 ||
        pipe2(errp, O_CLOEXEC) < 0) {
        priv_why(why, why_len, "cannot create the provider worker's channel: %s", strerror(errno));
        goto cleanup;
    }
    pid = fork();
    if (pid < 0) {
        priv_why(why, why_len, "cannot start a provider worker for %s: fork: %s", name,
             strerror(errno));
        goto cleanup;
    }
    if (pid == 0)
        child_exec(sv[1], devnull, errp[1], id, sorted, worker_path, argv, envp);

    close_keep_errno(sv[1]);
    sv[1] = -1;
    close_keep_errno(errp[1]);
    errp[1] = -1;
    do {
        n = read(errp[0], &report, sizeof(report));
    } while (n < 0 && errno == EINTR);
    if (n == (ssize_t)sizeof(report)) {
        priv_why(why, why_len, "cannot start a provider worker for %s: %s: %s", name,
             child_step_name(report.step), strerror(report.err));
        goto cleanup;
    }
    if (n != 0) {
        priv_why(why, why_len, "cannot start a provider worker for %s: lost track of the child",
             name);
        goto cleanup;
    }

    rc = priv_channel_recv(sv[0], (xdrproc_t)xdr_worker_reply, &ready, PRIV_READY_TIMEOUT_MS);
    if (rc != PRIV_CHANNEL_OK) {
        if (rc == PRIV_CHANNEL_EOF) {
            priv_worker_describe_status(reap(pid, END_GRACE_MS), status, sizeof(status));
            pid = -1;
            priv_why(why, why_len, "the provider worker for %s ended (%s) before it was ready",
                 name, status);
        } else {
            priv_why(why, why_len, "the provider worker for %s did not report ready: %s", name,
                 priv_channel_strerror(rc));
        }
        rc = -1;
        goto cleanup;
    }
    rc = -1;
    have_ready = true;
    if (check_ready(&ready, id, sorted, detail, sizeof(detail)) < 0 ||
        check_proc_status(pid, id, sorted, detail, sizeof(detail)) < 0) {
        priv_why(why, why_len, "the provider worker for %s failed its checks: %s", name, detail);
        goto cleanup;
    }
    snprintf(w->ready_reason, sizeof(w->ready_reason), "%s",
             ready.body.worker_reply_body_u.ready.reason);
    w->pid = pid;
    w->fd = sv[0];
    sv[0] = -1;
    pid = -1;
    *out = w;
    w = NULL;
    rc = 0;

cleanup:
    if (have_ready)
        xdr_free((xdrproc_t)xdr_worker_reply, (char *)&ready);
    close_keep_errno(sv[0]);            /* first: the worker's cue to exit */
    close_keep_errno(sv[1]);
    if (pid > 0)
        (void)reap(pid, END_GRACE_MS);
    close_keep_errno(errp[0]);
    close_keep_errno(errp[1]);
    close_keep_errno(devnull);
    if (rc < 0 && ccache_created)
        (void)unlink(id->ccache_path);
    if (w) {
        free(w->account);
        free(w->ccache_path);
        free(w);
    }
    free_strv(argv_s, ARGV_MAX);
    free_strv(env_s, 6);
    return rc;
}

/* ----------------------------------------------------------------- calls ---- */

/* The worker is unusable: make sure it is gone and reaped. */
static void
worker_kill(struct priv_worker *w, int grace_ms)
{
    w->dead = true;
    if (w->fd >= 0) {
        close_keep_errno(w->fd);
        w->fd = -1;
    }
    if (w->pid > 0) {
        w->wstatus = reap(w->pid, grace_ms);
        w->pid = 0;
    }
}

/* Wait up to TIMEOUT_MS for the next reply to request ID (operation OP)
 * of W into *REPLY_OUT; RC is the outcome of sending it (or OK for a
 * further reply).  Returns as priv_worker_call(). */
static int
worker_receive(struct priv_worker *w, int rc, unsigned int id, worker_op op,
               worker_reply *reply_out, int timeout_ms, char *why, size_t why_len)
{
    char status[64];

    if (rc == PRIV_CHANNEL_OK)
        rc = priv_channel_recv(w->fd, (xdrproc_t)xdr_worker_reply, reply_out, timeout_ms);
    if (rc == PRIV_CHANNEL_OK && (reply_out->id != id || reply_out->body.op != op)) {
        xdr_free((xdrproc_t)xdr_worker_reply, (char *)reply_out);
        memset(reply_out, 0, sizeof(*reply_out));
        rc = PRIV_CHANNEL_PROTOCOL;
    }
    switch (rc) {
    case PRIV_CHANNEL_OK:
        return 0;
    case PRIV_CHANNEL_EOF:
        worker_kill(w, END_GRACE_MS);
        priv_worker_describe_status(w->wstatus, status, sizeof(status));
        return priv_why(why, why_len, "the provider worker for %s ended (%s) during the call",
                    w->account, status);
    case PRIV_CHANNEL_TIMEOUT:
        worker_kill(w, 0);
        return priv_why(why, why_len, "the provider worker for %s did not answer within %d ms "
                    "and was stopped", w->account, timeout_ms);
    case PRIV_CHANNEL_PROTOCOL:
        worker_kill(w, 0);
        return priv_why(why, why_len, "the provider worker for %s broke the protocol and was "
                    "stopped", w->account);
    default:
        rc = errno;
        worker_kill(w, 0);
        return priv_why(why, why_len, "lost the channel to the provider worker for %s: %s",
                    w->account, strerror(rc));
    }
}

int
priv_worker_call(struct priv_worker *w, worker_request *req, worker_reply *reply_out,
                 int timeout_ms, char *why, size_t why_len)
{
    memset(reply_out, 0, sizeof(*reply_out));
    if (w->dead)
        return priv_why(why, why_len, "the provider worker for %s has ended", w->account);
    if (++w->next_id == 0)
        w->next_id = 1;
    req->id = w->next_id;
    return worker_receive(w, priv_channel_send(w->fd, (xdrproc_t)xdr_worker_request, req),
                          req->id, req->body.op, reply_out, timeout_ms, why, why_len);
}

int
priv_worker_call_more(struct priv_worker *w, const worker_request *req,
                      worker_reply *reply_out, int timeout_ms, char *why, size_t why_len)
{
    memset(reply_out, 0, sizeof(*reply_out));
    if (w->dead)
        return priv_why(why, why_len, "the provider worker for %s has ended", w->account);
    return worker_receive(w, PRIV_CHANNEL_OK, req->id, req->body.op, reply_out, timeout_ms,
                          why, why_len);
}

int
priv_worker_alive(struct priv_worker *w)
{
    int st;
    pid_t r;

    if (w->dead)
        return 0;
    r = waitpid(w->pid, &st, WNOHANG);
    if (r == 0)
        return 1;
    if (r == w->pid) {
        w->wstatus = st;
        w->pid = 0;
    }
    worker_kill(w, 0);
    return 0;
}

pid_t
priv_worker_pid(const struct priv_worker *w)
{
    return w->pid;
}

const char *
priv_worker_ready_reason(const struct priv_worker *w)
{
    return w->ready_reason;
}

const char *
priv_worker_account(const struct priv_worker *w)
{
    return w->account;
}

void
priv_worker_end(struct priv_worker *w, int *status_out)
{
    if (status_out)
        *status_out = -1;
    if (!w)
        return;
    /* Closing the channel is the worker's signal to exit. */
    worker_kill(w, END_GRACE_MS);
    if (status_out)
        *status_out = w->wstatus;
    if (w->ccache_path)
        (void)unlink(w->ccache_path);
    free(w->account);
    free(w->ccache_path);
    free(w);
}
