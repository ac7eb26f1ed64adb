/*
 * linux_os.c: Linux_OperatingSystem, the one running system (uname,
 * /etc/os-release, /proc/meminfo, /proc/loadavg, /proc/stat, sysinfo()),
 * and its methods Reboot and Shutdown.
 *
 * Reboot and Shutdown run the worker's configured command (cimrpc-worker
 * --reboot-command / --shutdown-command, absolute paths) as the worker's
 * account, with argv {PATH}, the environment PATH=/usr/bin:/bin alone
 * and /dev/null on its standard streams, and wait up to
 * OS_COMMAND_TIMEOUT_MS for it.  The daemon has already checked the
 * shutdown privilege; the kernel and the command decide the rest.
 * ReturnValue is 0 when the command exits 0, 2 (Access Denied) when the
 * account may not execute it, and 8 (Unknown Failure) otherwise; the
 * reply's reason then says what happened.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utmpx.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"
#include "worker/worker_exec.h"

#define OS_TYPE_LINUX 36                /* CIM_OperatingSystem.OSType LINUX */
#define OS_COMMAND_TIMEOUT_MS 60000
#define MEMINFO_MAX 16384

enum { RV_OK = 0, RV_ACCESS_DENIED = 2, RV_UNKNOWN_FAILURE = 8 };

/* The value (kB) of FIELD in the /proc/meminfo text MI, or -1. */
static long long
meminfo(const char *mi, const char *field)
{
    size_t n = strlen(field);

    for (const char *p = mi; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, field, n) == 0 && p[n] == ':')
            return strtoll(p + n + 1, NULL, 10);
    return -1;
}

static void
add_kb(struct cim_build *b, const char *name, long long kb)
{
    if (kb >= 0)
        cim_build_uint(b, name, CIM_TYPE_UINT64, (uint64_t)kb);
    else
        cim_build_null(b, name, CIM_TYPE_UINT64, false);
}

static void
add_memory(struct cim_build *b)
{
    char *mi = malloc(MEMINFO_MAX);
    long long total = -1, free_kb = -1, avail = -1, swap = -1, swap_free = -1;

    if (mi && linux_read_file("/proc/meminfo", mi, MEMINFO_MAX, NULL, NULL) == 0) {
        total = meminfo(mi, "MemTotal");
        free_kb = meminfo(mi, "MemFree");
        avail = meminfo(mi, "MemAvailable");
        swap = meminfo(mi, "SwapTotal");
        swap_free = meminfo(mi, "SwapFree");
    }
    free(mi);
    add_kb(b, "TotalVisibleMemorySize", total);
    add_kb(b, "FreePhysicalMemory", free_kb);
    add_kb(b, "AvailablePhysicalMemory", avail);
    add_kb(b, "TotalSwapSpaceSize", swap);
    add_kb(b, "SizeStoredInPagingFiles", swap);
    add_kb(b, "FreeSpaceInPagingFiles", swap_free);
    add_kb(b, "TotalVirtualMemorySize", total >= 0 && swap >= 0 ? total + swap : -1);
    add_kb(b, "FreeVirtualMemory", free_kb >= 0 && swap_free >= 0 ? free_kb + swap_free : -1);
}

static void
add_load(struct cim_build *b)
{
    static const char *const names[] = { "LoadAverage1", "LoadAverage5", "LoadAverage15" };
    double load[3];
    char buf[256];

    if (linux_read_line("/proc/loadavg", buf, sizeof(buf)) == 0 &&
        sscanf(buf, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3) {
        for (int i = 0; i < 3; i++)
            cim_build_real64(b, names[i], load[i]);
    } else {
        for (int i = 0; i < 3; i++)
            cim_build_null(b, names[i], CIM_TYPE_REAL64, false);
    }
}

/* Processes (thread-group leaders) in /proc, or -1. */
static long long
count_processes(void)
{
    struct dirent *de;
    long long n = 0;
    DIR *d = opendir("/proc");

    if (!d)
        return -1;
    while ((de = readdir(d)))
        if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
            n++;
    closedir(d);
    return n;
}

/* User sessions in utmp. */
static long long
count_sessions(void)
{
    struct utmpx *u;
    long long n = 0;

    setutxent();
    while ((u = getutxent()))
        if (u->ut_type == USER_PROCESS)
            n++;
    endutxent();
    return n;
}

/* "major.minor.revision" of a kernel release ("6.1.0-18-amd64"). */
static void
kernel_version(const char *release, char *out, size_t len)
{
    unsigned a = 0, b = 0, c = 0;

    if (sscanf(release, "%u.%u.%u", &a, &b, &c) < 2)
        snprintf(out, len, "%s", release);
    else
        snprintf(out, len, "%u.%u.%u", a, b, c);
}

static void
add_limits(struct cim_build *b)
{
    struct rlimit rl;
    uint64_t pid_max;

    if (linux_read_u64("/proc/sys/kernel/pid_max", &pid_max) == 0 && pid_max <= UINT32_MAX)
        cim_build_uint(b, "MaxNumberOfProcesses", CIM_TYPE_UINT32, pid_max);
    else
        cim_build_null(b, "MaxNumberOfProcesses", CIM_TYPE_UINT32, false);
    if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur <= UINT32_MAX)
        cim_build_uint(b, "MaxProcessesPerUser", CIM_TYPE_UINT32, rl.rlim_cur);
    else
        cim_build_null(b, "MaxProcessesPerUser", CIM_TYPE_UINT32, false);
    if (getrlimit(RLIMIT_AS, &rl) == 0)       /* 0: no limit */
        cim_build_uint(b, "MaxProcessMemorySize", CIM_TYPE_UINT64,
                       rl.rlim_cur == RLIM_INFINITY ? 0 : rl.rlim_cur / 1024);
    else
        cim_build_null(b, "MaxProcessMemorySize", CIM_TYPE_UINT64, false);
}

static void
add_times(struct cim_build *b)
{
    struct sysinfo si;
    struct timespec now;
    struct tm tm;
    char buf[8192], *p;

    if (clock_gettime(CLOCK_REALTIME, &now) == 0 && localtime_r(&now.tv_sec, &tm)) {
        cim_build_datetime(b, "LocalDateTime", now.tv_sec, now.tv_nsec / 1000, true);
        cim_build_sint(b, "CurrentTimeZone", CIM_TYPE_SINT16, tm.tm_gmtoff / 60);
    } else {
        cim_build_null(b, "LocalDateTime", CIM_TYPE_DATETIME, false);
        cim_build_null(b, "CurrentTimeZone", CIM_TYPE_SINT16, false);
    }
    if (linux_read_file("/proc/stat", buf, sizeof(buf), NULL, NULL) == 0 &&
        (p = strstr(buf, "\nbtime ")))
        cim_build_datetime(b, "LastBootUpTime", (time_t)strtoll(p + 7, NULL, 10), 0, false);
    else
        cim_build_null(b, "LastBootUpTime", CIM_TYPE_DATETIME, false);
    if (sysinfo(&si) == 0 && si.uptime >= 0)
        cim_build_uint(b, "Uptime", CIM_TYPE_UINT64, (uint64_t)si.uptime);
    else
        cim_build_null(b, "Uptime", CIM_TYPE_UINT64, false);
}

static int
emit_os(struct provider_call *call, const struct linux_scope *scope, bool keys_only)
{
    struct linux_os_release rel;
    struct utsname u;
    struct cim_build b;
    char version[LINUX_NAME_MAX];
    long long n;

    cim_build_init(&b, LINUX_OS_CLASS);
    cim_build_string(&b, "CSCreationClassName", LINUX_CS_CLASS);
    cim_build_string(&b, "CSName", scope->host);
    cim_build_string(&b, "CreationClassName", LINUX_OS_CLASS);
    cim_build_string(&b, "Name", scope->os);
    if (keys_only)
        return provider_emit_build(call, &b);
    if (uname(&u) < 0) {
        cim_build_clear(&b);
        return provider_fail_errno(call, errno, NULL, "uname()");
    }
    linux_os_release_read(&rel);
    kernel_version(u.release, version, sizeof(version));
    cim_build_uint(&b, "OSType", CIM_TYPE_UINT16, OS_TYPE_LINUX);
    cim_build_string(&b, "Version", version);
    cim_build_string(&b, "KernelRelease", u.release);
    cim_build_string(&b, "KernelVersion", u.version);
    cim_build_string(&b, "Architecture", u.machine);
    cim_build_string(&b, "Distribution", rel.pretty_name[0] ? rel.pretty_name : NULL);
    cim_build_string(&b, "DistributionID", rel.id[0] ? rel.id : NULL);
    cim_build_string(&b, "DistributionVersion", rel.version_id[0] ? rel.version_id : NULL);
    cim_build_bool(&b, "Distributed", false);
    cim_build_uint(&b, "NumberOfLicensedUsers", CIM_TYPE_UINT32, 0);
    cim_build_uint(&b, "NumberOfUsers", CIM_TYPE_UINT32, (uint64_t)count_sessions());
    n = count_processes();
    if (n >= 0)
        cim_build_uint(&b, "NumberOfProcesses", CIM_TYPE_UINT32, (uint64_t)n);
    else
        cim_build_null(&b, "NumberOfProcesses", CIM_TYPE_UINT32, false);
    add_times(&b);
    add_load(&b);
    add_memory(&b);
    add_limits(&b);
    return provider_emit_build(call, &b);
}

/* Read the keys of the one OS instance. */
static int
os_keys(struct provider_call *call, const cim_instance *keys, struct linux_scope *scope)
{
    struct provider_key spec[4];
    const char *v[4];

    if (linux_scope_read(call, scope) < 0)
        return -1;
    spec[0] = (struct provider_key){ "CSCreationClassName", LINUX_CS_CLASS, false };
    spec[1] = (struct provider_key){ "CSName", scope->host, false };
    spec[2] = (struct provider_key){ "CreationClassName", LINUX_OS_CLASS, false };
    spec[3] = (struct provider_key){ "Name", scope->os, false };
    return provider_keys_read(call, keys, spec, 4, v);
}

static int
os_enumerate(struct provider_call *call)
{
    struct linux_scope scope;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    return emit_os(call, &scope, provider_call_keys_only(call));
}

static int
os_get(struct provider_call *call, const cim_instance *keys)
{
    struct linux_scope scope;

    if (os_keys(call, keys, &scope) < 0)
        return -1;
    return emit_os(call, &scope, false);
}

/* Reboot or Shutdown: run COMMAND and tell how it went. */
static int
os_run(struct provider_call *call, const char *method, const char *command,
       const cim_instance *keys, const cim_instance *params)
{
    char *argv[] = { (char *)command, NULL };
    char *envp[] = { (char *)"PATH=/usr/bin:/bin", NULL };
    struct worker_exec_error err;
    struct linux_scope scope;
    struct cim_build out;
    uint32_t rv = RV_OK;
    int wstatus, rc;

    if (provider_method_target(call, method, keys, false) < 0 ||
        provider_params_check(call, method, params, NULL, 0) < 0 ||
        os_keys(call, keys, &scope) < 0)
        return -1;
    rc = worker_exec_wait(command, argv, envp, OS_COMMAND_TIMEOUT_MS, &wstatus, &err);
    if (rc < 0) {
        rv = err.err == EACCES || err.err == EPERM ? RV_ACCESS_DENIED : RV_UNKNOWN_FAILURE;
        provider_note(call, "%s: %s %s: %s", method, err.step, command, strerror(err.err));
    } else if (rc > 0) {
        rv = RV_UNKNOWN_FAILURE;
        provider_note(call, "%s: %s did not finish within %d s and was killed", method,
                      command, OS_COMMAND_TIMEOUT_MS / 1000);
    } else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0) {
        rv = RV_UNKNOWN_FAILURE;
        provider_note(call, "%s: %s exited with status %d", method, command,
                      WEXITSTATUS(wstatus));
    } else if (WIFSIGNALED(wstatus)) {
        rv = RV_UNKNOWN_FAILURE;
        provider_note(call, "%s: %s was killed by signal %d", method, command,
                      WTERMSIG(wstatus));
    }
    cim_build_init(&out, "__PARAMETERS");
    return provider_emit_return(call, &out, rv);
}

static int
os_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
          const cim_instance *params)
{
    const struct provider_config *cfg = provider_call_config(call);

    if (strcasecmp(method, "Reboot") == 0)
        return os_run(call, "Reboot", cfg->reboot_command, keys, params);
    if (strcasecmp(method, "Shutdown") == 0)
        return os_run(call, "Shutdown", cfg->shutdown_command, keys, params);
    return provider_no_method(call, method);
}

const struct provider_class linux_os_class = {
    .name = LINUX_OS_CLASS,
    .enumerate = os_enumerate,
    .get = os_get,
    .invoke = os_invoke,
};
