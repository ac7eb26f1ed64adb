/*
 * linux_process.c: Linux_Process, the processes of /proc (enumerate,
 * get, Terminate; Create is in linux_process_create.c).
 *
 * A process is a thread-group leader: /proc lists only those, and a GET
 * of a thread's ID (which /proc also answers to) is NOT_FOUND.  What the
 * worker's account may not read is NULL: ExecutablePath (/proc/PID/exe)
 * is readable only by the owner, and a kernel mounted with hidepid hides
 * other users' processes entirely.  A process that ends while it is
 * being read is left out of an enumeration.  CommandLine holds at most
 * PROCESS_CMDLINE_MAX bytes of /proc/PID/cmdline, so that one process
 * always fits a reply.
 */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"

#define PROCESS_CLASS "Linux_Process"
#define PROCESS_CMDLINE_MAX 8192        /* bytes of CommandLine */
#define PROCESS_STAT_MAX 2048           /* bytes of /proc/PID/stat */
#define PROCESS_STATUS_MAX 16384        /* bytes of /proc/PID/status */
#define TERMINATE_SIGNAL_MAX 64         /* the MOF's MaxValue (SIGRTMAX) */

/* What /proc/PID/stat and /proc/PID/status say about one process. */
struct proc_info {
    long pid;
    char comm[64];
    char state;
    long ppid, pgrp, session;
    unsigned long long utime, stime, starttime, vsize;
    long long priority, nice, threads, rss;
    long tgid;
    unsigned long ruid, euid, rgid, egid;
};

/* Facts every process of one call shares. */
struct proc_ctx {
    struct linux_scope scope;
    long ticks;                 /* clock ticks per second */
    long page;                  /* bytes per page */
    long long boot;             /* boot time, seconds since the epoch; -1 unknown */
};

enum { KEY_CSCC, KEY_CSNAME, KEY_OSCC, KEY_OSNAME, KEY_CC, KEY_HANDLE, NKEYS };

static int
ctx_init(struct provider_call *call, struct proc_ctx *ctx)
{
    char buf[8192], *p;

    if (linux_scope_read(call, &ctx->scope) < 0)
        return -1;
    ctx->ticks = sysconf(_SC_CLK_TCK);
    ctx->page = sysconf(_SC_PAGESIZE);
    ctx->boot = -1;
    if (linux_read_file("/proc/stat", buf, sizeof(buf), NULL, NULL) == 0 &&
        (p = strstr(buf, "\nbtime ")))
        ctx->boot = strtoll(p + 7, NULL, 10);
    return 0;
}

/* Parse /proc/PID/stat into *PI. */
static int
parse_stat(const char *buf, struct proc_info *pi)
{
    const char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    size_t n;

    if (!open || !close || close < open)
        return -1;
    n = (size_t)(close - open - 1);
    if (n >= sizeof(pi->comm))
        n = sizeof(pi->comm) - 1;
    memcpy(pi->comm, open + 1, n);
    pi->comm[n] = '\0';
    /* Fields 3 (state) to 23 (vsize) and 24 (rss), after the comm. */
    if (sscanf(close + 1, " %c %ld %ld %ld %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d "
               "%lld %lld %lld %*d %llu %llu %lld", &pi->state, &pi->ppid, &pi->pgrp,
               &pi->session, &pi->utime, &pi->stime, &pi->priority, &pi->nice, &pi->threads,
               &pi->starttime, &pi->vsize, &pi->rss) != 12)
        return -1;
    return 0;
}

/* Parse the Tgid, Uid and Gid lines of /proc/PID/status into *PI. */
static int
parse_status(const char *buf, struct proc_info *pi)
{
    const char *p;

    if (!(p = strstr(buf, "\nTgid:")) || sscanf(p, "\nTgid: %ld", &pi->tgid) != 1)
        return -1;
    if (!(p = strstr(buf, "\nUid:")) || sscanf(p, "\nUid: %lu %lu", &pi->ruid, &pi->euid) != 2)
        return -1;
    if (!(p = strstr(buf, "\nGid:")) || sscanf(p, "\nGid: %lu %lu", &pi->rgid, &pi->egid) != 2)
        return -1;
    return 0;
}

/* Read process PID.  0, or -1 with errno (ENOENT/ESRCH: it is gone). */
static int
proc_read(long pid, struct proc_info *pi)
{
    char path[64], *buf;
    int rc = -1;

    memset(pi, 0, sizeof(*pi));
    pi->pid = pid;
    buf = malloc(PROCESS_STATUS_MAX);
    if (!buf)
        return -1;
    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    if (linux_read_file(path, buf, PROCESS_STAT_MAX, NULL, NULL) < 0)
        goto cleanup;
    if (parse_stat(buf, pi) < 0) {
        errno = EIO;
        goto cleanup;
    }
    snprintf(path, sizeof(path), "/proc/%ld/status", pid);
    if (linux_read_file(path, buf, PROCESS_STATUS_MAX, NULL, NULL) < 0)
        goto cleanup;
    if (parse_status(buf, pi) < 0) {
        errno = EIO;
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(buf);
    return rc;
}

/* /proc/PID/cmdline joined by spaces into BUF (LEN bytes); NULL when it
 * cannot be read. */
static const char *
proc_cmdline(long pid, char *buf, size_t len)
{
    char path[64];
    size_t n;

    snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
    if (linux_read_file(path, buf, len, &n, NULL) < 0)
        return NULL;
    while (n > 0 && buf[n - 1] == '\0')
        n--;
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\0')
            buf[i] = ' ';
    buf[n] = '\0';
    return buf;
}

/* ExecutablePath: /proc/PID/exe into BUF; NULL when not readable. */
static const char *
proc_exe(long pid, char *buf, size_t len)
{
    char path[64];
    ssize_t n;

    snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
    n = readlink(path, buf, len - 1);
    if (n < 0 || (size_t)n >= len - 1)
        return NULL;
    buf[n] = '\0';
    return buf;
}

/* CIM_Process.ExecutionState of a /proc state letter. */
static unsigned
execution_state(char state)
{
    switch (state) {
    case 'R': return 3;                 /* Running */
    case 'S': case 'D': case 'I': case 'W': case 'P': return 4;    /* Blocked */
    case 'T': case 't': return 8;       /* Stopped */
    case 'Z': case 'X': case 'x': return 7;    /* Terminated */
    default: return 0;                  /* Unknown */
    }
}

static void
add_keys(struct cim_build *b, const struct proc_ctx *ctx, long pid)
{
    char handle[24];

    snprintf(handle, sizeof(handle), "%ld", pid);
    cim_build_string(b, "CSCreationClassName", LINUX_CS_CLASS);
    cim_build_string(b, "CSName", ctx->scope.host);
    cim_build_string(b, "OSCreationClassName", LINUX_OS_CLASS);
    cim_build_string(b, "OSName", ctx->scope.os);
    cim_build_string(b, "CreationClassName", PROCESS_CLASS);
    cim_build_string(b, "Handle", handle);
}

/* Emit process PI (read already). */
static int
emit_process(struct provider_call *call, const struct proc_ctx *ctx, const struct proc_info *pi,
             bool keys_only)
{
    char *text = NULL, user[LINUX_NAME_MAX], exe[PATH_MAX];
    struct cim_build b;
    double ms_per_tick = ctx->ticks > 0 ? 1000.0 / (double)ctx->ticks : 0;

    cim_build_init(&b, PROCESS_CLASS);
    add_keys(&b, ctx, pi->pid);
    if (keys_only)
        return provider_emit_build(call, &b);
    text = malloc(PROCESS_CMDLINE_MAX + 1);
    if (!text) {
        cim_build_clear(&b);
        return provider_fail_oom(call);
    }
    cim_build_string(&b, "Name", pi->comm);
    cim_build_uint(&b, "ProcessId", CIM_TYPE_UINT32, (uint64_t)pi->pid);
    cim_build_uint(&b, "ParentProcessId", CIM_TYPE_UINT32, (uint64_t)pi->ppid);
    cim_build_string(&b, "CommandLine", proc_cmdline(pi->pid, text, PROCESS_CMDLINE_MAX + 1));
    cim_build_string(&b, "ExecutablePath", proc_exe(pi->pid, exe, sizeof(exe)));
    cim_build_uint(&b, "RealUserID", CIM_TYPE_UINT32, pi->ruid);
    cim_build_uint(&b, "EffectiveUserID", CIM_TYPE_UINT32, pi->euid);
    cim_build_uint(&b, "RealGroupID", CIM_TYPE_UINT32, pi->rgid);
    cim_build_uint(&b, "EffectiveGroupID", CIM_TYPE_UINT32, pi->egid);
    cim_build_string(&b, "UserName", linux_user_name((uid_t)pi->ruid, user, sizeof(user)));
    cim_build_uint(&b, "SessionID", CIM_TYPE_UINT32, (uint64_t)pi->session);
    cim_build_uint(&b, "ProcessGroupID", CIM_TYPE_UINT32, (uint64_t)pi->pgrp);
    cim_build_sint(&b, "NiceValue", CIM_TYPE_SINT32, pi->nice);
    cim_build_uint(&b, "ThreadCount", CIM_TYPE_UINT32, (uint64_t)pi->threads);
    cim_build_uint(&b, "VirtualSize", CIM_TYPE_UINT64, pi->vsize);
    cim_build_uint(&b, "WorkingSetSize", CIM_TYPE_UINT64,
                   pi->rss > 0 ? (uint64_t)pi->rss * (uint64_t)ctx->page : 0);
    if (pi->priority >= 0)              /* real-time priorities are negative */
        cim_build_uint(&b, "Priority", CIM_TYPE_UINT32, (uint64_t)pi->priority);
    else
        cim_build_null(&b, "Priority", CIM_TYPE_UINT32, false);
    cim_build_uint(&b, "ExecutionState", CIM_TYPE_UINT16, execution_state(pi->state));
    cim_build_uint(&b, "KernelModeTime", CIM_TYPE_UINT64,
                   (uint64_t)((double)pi->stime * ms_per_tick));
    cim_build_uint(&b, "UserModeTime", CIM_TYPE_UINT64,
                   (uint64_t)((double)pi->utime * ms_per_tick));
    if (ctx->boot >= 0 && ctx->ticks > 0) {
        unsigned long long ticks = pi->starttime;

        cim_build_datetime(&b, "CreationDate",
                           (time_t)(ctx->boot + (long long)(ticks / (unsigned long)ctx->ticks)),
                           (long)((ticks % (unsigned long)ctx->ticks) * 1000000 /
                                  (unsigned long)ctx->ticks), false);
    } else {
        cim_build_null(&b, "CreationDate", CIM_TYPE_DATETIME, false);
    }
    free(text);
    return provider_emit_build(call, &b);
}

/* A decimal process ID: 1 to INT_MAX, no sign, no leading zero. */
static int
parse_handle(struct provider_call *call, const char *s, long *pid_out)
{
    char *end;
    long v;

    *pid_out = 0;
    if (s[0] < '1' || s[0] > '9' || strlen(s) > 10)
        goto bad;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v > INT_MAX)
        goto bad;
    *pid_out = v;
    return 0;
bad:
    return provider_fail(call, WBEM_E_INVALID_PARAMETER, "the Handle of a Linux_Process is a "
                         "process ID in decimal, not \"%.64s\"", s);
}

/* Read the keys of a process and the process itself. */
static int
process_lookup(struct provider_call *call, const cim_instance *keys, struct proc_ctx *ctx,
               struct proc_info *pi)
{
    struct provider_key spec[NKEYS];
    const char *v[NKEYS];
    long pid;

    if (ctx_init(call, ctx) < 0)
        return -1;
    spec[KEY_CSCC] = (struct provider_key){ "CSCreationClassName", LINUX_CS_CLASS, false };
    spec[KEY_CSNAME] = (struct provider_key){ "CSName", ctx->scope.host, false };
    spec[KEY_OSCC] = (struct provider_key){ "OSCreationClassName", LINUX_OS_CLASS, false };
    spec[KEY_OSNAME] = (struct provider_key){ "OSName", ctx->scope.os, false };
    spec[KEY_CC] = (struct provider_key){ "CreationClassName", PROCESS_CLASS, false };
    spec[KEY_HANDLE] = (struct provider_key){ "Handle", NULL, false };
    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0 ||
        parse_handle(call, v[KEY_HANDLE], &pid) < 0)
        return -1;
    if (proc_read(pid, pi) < 0) {
        if (errno == ENOENT || errno == ESRCH)
            return provider_fail(call, WBEM_E_NOT_FOUND, "no process has ID %ld", pid);
        return provider_fail_errno(call, errno, NULL, "reading /proc/%ld", pid);
    }
    if (pi->tgid != pid)
        return provider_fail(call, WBEM_E_NOT_FOUND, "no process has ID %ld (it is a thread "
                             "of process %ld)", pid, pi->tgid);
    return 0;
}

static int
process_enumerate(struct provider_call *call)
{
    bool keys_only = provider_call_keys_only(call);
    struct proc_ctx ctx;
    struct dirent *de;
    int rc = 0;
    DIR *d;

    if (ctx_init(call, &ctx) < 0)
        return -1;
    d = opendir("/proc");
    if (!d)
        return provider_fail_errno(call, errno, NULL, "listing /proc");
    while (rc == 0 && (errno = 0, de = readdir(d))) {
        struct proc_info pi;
        char *end;
        long pid;

        if (!isdigit((unsigned char)de->d_name[0]))
            continue;
        pid = strtol(de->d_name, &end, 10);
        if (*end || pid <= 0 || pid > INT_MAX)
            continue;
        if (proc_read(pid, &pi) < 0 || pi.tgid != pid)
            continue;                   /* ended meanwhile, or unreadable */
        rc = emit_process(call, &ctx, &pi, keys_only);
    }
    if (rc == 0 && errno != 0)
        rc = provider_fail_errno(call, errno, NULL, "listing /proc");
    closedir(d);
    return rc;
}

static int
process_get(struct provider_call *call, const cim_instance *keys)
{
    struct proc_ctx ctx;
    struct proc_info pi;

    if (process_lookup(call, keys, &ctx, &pi) < 0)
        return -1;
    return emit_process(call, &ctx, &pi, false);
}

/* "SIGTERM", or "signal 40" for one without a name, into BUF. */
static const char *
signal_text(int sig, char *buf, size_t len)
{
    const char *abbrev = sigabbrev_np(sig);

    if (abbrev)
        snprintf(buf, len, "SIG%s", abbrev);
    else
        snprintf(buf, len, "%d", sig);
    return buf;
}

static int
process_terminate(struct provider_call *call, const cim_instance *keys,
                  const cim_instance *params)
{
    static const char *const names[] = { "Signal" };
    char sigbuf[32], hint[LINUX_NAME_MAX + 64], owner[LINUX_NAME_MAX];
    struct proc_ctx ctx;
    struct proc_info pi;
    struct cim_build out;
    uint64_t sig;
    bool present;
    int err;

    if (provider_method_target(call, "Terminate", keys, false) < 0 ||
        provider_params_check(call, "Terminate", params, names, 1) < 0 ||
        provider_param_uint(call, "Terminate", params, "Signal", CIM_TYPE_UINT32, false, 1,
                            TERMINATE_SIGNAL_MAX, &sig, &present) < 0 ||
        process_lookup(call, keys, &ctx, &pi) < 0)
        return -1;
    if (!present)
        sig = SIGTERM;
    if (kill((pid_t)pi.pid, (int)sig) < 0) {
        err = errno;
        hint[0] = '\0';
        if (err == EPERM)
            snprintf(hint, sizeof(hint), "process %ld belongs to another user (%s)", pi.pid,
                     linux_user_name((uid_t)pi.ruid, owner, sizeof(owner)) ?
                     owner : "an unknown account");
        return provider_fail_errno(call, err, hint[0] ? hint : NULL, "kill(%ld, %s)", pi.pid,
                                   signal_text((int)sig, sigbuf, sizeof(sigbuf)));
    }
    cim_build_init(&out, "__PARAMETERS");
    return provider_emit_return(call, &out, 0);
}

static int
process_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
               const cim_instance *params)
{
    if (strcasecmp(method, "Terminate") == 0)
        return process_terminate(call, keys, params);
    if (strcasecmp(method, "Create") == 0)
        return linux_process_create(call, params);
    return provider_no_method(call, method);
}

const struct provider_class linux_process_class = {
    .name = PROCESS_CLASS,
    .enumerate = process_enumerate,
    .get = process_get,
    .invoke = process_invoke,
};
