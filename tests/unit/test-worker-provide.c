/*
 * test-worker-provide.c: the "cimrpc-linux" provider in real workers
 * (WORKER_OP_PROVIDE, idl/worker.x).
 *
 * Spawns cimrpc-worker (the build tree's, CIMRPC_WORKER_PATH) through
 * server/priv/ as cimrpc-alice and cimrpc-bob at Impersonate and as
 * nobody at Identify (tests/harness/users), sends PROVIDE requests and
 * checks the answers against what this program reads itself: processes
 * (a process started as alice, its owner, what bob may not see,
 * streaming over several replies, GET of a missing process, Terminate
 * by the owner and by others, Create), files (a file only alice may
 * read, clamped reads, directory listings), Reboot and Shutdown through
 * substituted commands, the file systems ("/" against statvfs), the
 * network adapters ("lo"), accounts, groups, the OS and computer
 * system, and malformed requests.  Needs root and the accounts: run it
 * through tests/integration/providers-worker.test; alone it skips.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <ifaddrs.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/wbem.h"
#include "priv/priv_worker.h"
#include "priv/worker_objects.h"
#include "common/cim_build.h"
#include "worker/provider.h"
#include "tap.h"
#include "test-identity.h"

#define PROVIDER "cimrpc-linux"
#define CALL_TIMEOUT_MS 20000
#define SLEEPERS 150                    /* alice's processes for the streaming test */

static char why[1024];
static char dir[] = "/tmp/cimrpc-provide.XXXXXX";
static char host[256], os_name[512];

/* ------------------------------------------------------------ accounts ---- */

/* Start ARGV as ID (stdio on /dev/null); the pid, or -1. */
static pid_t
start_as(const struct priv_identity *id, char *const argv[])
{
    pid_t pid = fork();

    if (pid != 0)
        return pid;
    {
        int null = open("/dev/null", O_RDWR);

        if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 ||
            setgroups(id->ngroups, id->groups) < 0 || setgid(id->gid) < 0 ||
            setuid(id->uid) < 0)
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
}

static void
stop(pid_t pid)
{
    int st;

    if (pid > 0 && kill(pid, SIGKILL) == 0)
        (void)waitpid(pid, &st, 0);
}

/* ------------------------------------------------------------- workers ---- */

struct tw {
    struct priv_worker *w;
};

/* Spawn a worker for ID with the worker arguments EXTRA (NULL: none)
 * into *T; 0 or -1 (WHY). */
static int
tw_spawn(struct tw *t, const struct priv_identity *id, const char *const *extra)
{
    memset(t, 0, sizeof(*t));
    return priv_worker_spawn_args(id, CIMRPC_WORKER_PATH, extra, &t->w, why, sizeof(why));
}

/* End T's worker: its wait status (0 when it exited cleanly: no
 * sanitizer report, no leak at exit in a sanitizer build). */
static int
tw_end(struct tw *t)
{
    int st = -1;

    priv_worker_end(t->w, &st);
    t->w = NULL;
    return st;
}

/* ------------------------------------------------------------- answers ---- */

struct answer {
    int status;                         /* the last reply's status */
    uint32_t code;
    char reason[WORKER_REASON_MAX + 1];
    u_int replies;
    bool in_step;                       /* ids and more flags as the contract says */
    cim_instance *objs;
    u_int nobjs;
    size_t bytes;                       /* of all batches */
};

static void
answer_free(struct answer *a)
{
    worker_objects_free(a->objs, a->nobjs);
    memset(a, 0, sizeof(*a));
}

/* Append the batch of R to A: 0 or -1. */
static int
answer_add(struct answer *a, const worker_reply *r)
{
    const worker_provide_result *p = &r->body.worker_reply_body_u.provide;
    cim_instance *list, *grown;
    u_int n;

    a->bytes += p->objects.objects_len;
    if (p->objects.objects_len == 0)
        return 0;
    if (worker_batch_decode(p->objects.objects_val, p->objects.objects_len, &list, &n) < 0)
        return -1;
    if (n == 0)
        return 0;                       /* an empty batch: nothing allocated */
    grown = realloc(a->objs, (a->nobjs + n + 1) * sizeof(*grown));
    if (!grown) {
        worker_objects_free(list, n);
        return -1;
    }
    a->objs = grown;
    memcpy(a->objs + a->nobjs, list, n * sizeof(*list));
    a->nobjs += n;
    free(list);
    return 0;
}

/* Send the PROVIDE request ARGS on T and read every reply into *A.
 * 0, or -1 (WHY) when the channel failed. */
static int
provide_args(struct tw *t, worker_provide_args *args, struct answer *a)
{
    worker_request req;
    worker_reply rep;

    memset(a, 0, sizeof(*a));
    a->in_step = true;
    memset(&req, 0, sizeof(req));
    req.body.op = WORKER_OP_PROVIDE;
    req.body.worker_request_body_u.provide = *args;
    if (priv_worker_call(t->w, &req, &rep, CALL_TIMEOUT_MS, why, sizeof(why)) < 0)
        return -1;
    for (;;) {
        const worker_provide_result *p = &rep.body.worker_reply_body_u.provide;
        bool more = rep.status == 0 && p->more;

        a->replies++;
        a->status = rep.status;
        a->code = p->code;
        snprintf(a->reason, sizeof(a->reason), "%s", rep.reason ? rep.reason : "");
        if (rep.id != req.id || rep.body.op != WORKER_OP_PROVIDE || (more && p->code != 0))
            a->in_step = false;
        if (rep.status == 0 && answer_add(a, &rep) < 0) {
            a->in_step = false;
            more = false;
        }
        xdr_free((xdrproc_t)xdr_worker_reply, (char *)&rep);
        if (!more)
            return 0;
        if (priv_worker_call_more(t->w, &req, &rep, CALL_TIMEOUT_MS, why, sizeof(why)) < 0)
            return -1;
    }
}

/* PROVIDE KIND on CLS with OBJECT and PARAMS (each may be NULL). */
static int
provide(struct tw *t, worker_provide_kind kind, const char *cls, const char *method,
        const cim_instance *object, const cim_instance *params, bool keys_only,
        struct answer *a)
{
    worker_provide_args args;
    char *obj = NULL, *par = NULL;
    u_int olen = 0, plen = 0;
    int rc;

    memset(&args, 0, sizeof(args));
    args.kind = kind;
    args.provider = (char *)PROVIDER;
    args.nspace = (char *)"root/cimv2";
    args.class_name = (char *)cls;
    args.method = (char *)(method ? method : "");
    args.keys_only = keys_only;
    if ((object && worker_object_encode(object, &obj, &olen) < 0) ||
        (params && worker_object_encode(params, &par, &plen) < 0)) {
        free(obj);
        snprintf(why, sizeof(why), "cannot encode the request's objects");
        return -1;
    }
    args.object.object_val = obj;
    args.object.object_len = olen;
    args.params.params_val = par;
    args.params.params_len = plen;
    rc = provide_args(t, &args, a);
    free(obj);
    free(par);
    return rc;
}

static int
enumerate(struct tw *t, const char *cls, bool keys_only, struct answer *a)
{
    return provide(t, WORKER_PROVIDE_ENUMERATE, cls, NULL, NULL, NULL, keys_only, a);
}

/* ------------------------------------------------------------ instances ---- */

static const cim_value *
val(const cim_instance *i, const char *name)
{
    if (!i)
        return NULL;
    for (u_int p = 0; p < i->properties.properties_len; p++)
        if (strcasecmp(i->properties.properties_val[p].name, name) == 0)
            return &i->properties.properties_val[p].value;
    return NULL;
}

static const char *
sval(const cim_instance *i, const char *name)
{
    const cim_value *v = val(i, name);

    if (!v || v->is_null || v->is_array || v->items.items_len != 1 ||
        (v->type != CIM_TYPE_STRING && v->type != CIM_TYPE_DATETIME))
        return NULL;
    return v->items.items_val[0].cim_scalar_u.s;
}

/* The unsigned value of NAME, or -1 when absent, NULL or not unsigned. */
static long long
uval(const cim_instance *i, const char *name)
{
    const cim_value *v = val(i, name);

    if (!v || v->is_null || v->is_array || v->items.items_len != 1 ||
        v->type < CIM_TYPE_UINT8 || v->type > CIM_TYPE_UINT64 ||
        (v->type % 2) == 0)
        return -1;
    return (long long)v->items.items_val[0].cim_scalar_u.u;
}

/* 1, 0, or -1 when absent or NULL. */
static int
bval(const cim_instance *i, const char *name)
{
    const cim_value *v = val(i, name);

    if (!v || v->is_null || v->type != CIM_TYPE_BOOLEAN || v->items.items_len != 1)
        return -1;
    return v->items.items_val[0].cim_scalar_u.b ? 1 : 0;
}

static bool
null_prop(const cim_instance *i, const char *name)
{
    const cim_value *v = val(i, name);

    return v && v->is_null;
}

/* Does the string array NAME hold S? */
static bool
has_string(const cim_instance *i, const char *name, const char *s)
{
    const cim_value *v = val(i, name);

    if (!v || v->is_null || !v->is_array || v->type != CIM_TYPE_STRING)
        return false;
    for (u_int k = 0; k < v->items.items_len; k++)
        if (strcmp(v->items.items_val[k].cim_scalar_u.s, s) == 0)
            return true;
    return false;
}

/* The instance of A whose string property NAME is VALUE, or NULL. */
static const cim_instance *
find(const struct answer *a, const char *name, const char *value)
{
    for (u_int i = 0; i < a->nobjs; i++) {
        const char *s = sval(&a->objs[i], name);

        if (s && strcmp(s, value) == 0)
            return &a->objs[i];
    }
    return NULL;
}

static bool
failed_with(const struct answer *a, uint32_t code, const char *text)
{
    return a->status == 0 && a->code == code && a->replies == 1 && a->nobjs == 0 &&
           (!text || strstr(a->reason, text));
}

/* ----------------------------------------------------------- requests ---- */

static void
scope_cs_os(struct cim_build *b)
{
    cim_build_string(b, "CSCreationClassName", "Linux_ComputerSystem");
    cim_build_string(b, "CSName", host);
    cim_build_string(b, "OSCreationClassName", "Linux_OperatingSystem");
    cim_build_string(b, "OSName", os_name);
}

static void
keys_process(struct cim_build *b, pid_t pid)
{
    char handle[24];

    snprintf(handle, sizeof(handle), "%ld", (long)pid);
    cim_build_init(b, "Linux_Process");
    scope_cs_os(b);
    cim_build_string(b, "CreationClassName", "Linux_Process");
    cim_build_string(b, "Handle", handle);
}

/* Remove the last property of B. */
static void
drop_last(struct cim_build *b)
{
    u_int n = --b->inst.properties.properties_len;

    xdr_free((xdrproc_t)xdr_cim_property_value, (char *)&b->inst.properties.properties_val[n]);
}

static void
keys_file(struct cim_build *b, const char *cls, const char *fs, const char *path)
{
    cim_build_init(b, cls);
    cim_build_string(b, "CSCreationClassName", "Linux_ComputerSystem");
    cim_build_string(b, "CSName", host);
    cim_build_string(b, "FSCreationClassName", "Linux_FileSystem");
    cim_build_string(b, "FSName", fs);
    cim_build_string(b, "CreationClassName", cls);
    cim_build_string(b, "Name", path);
}

static void
keys_os(struct cim_build *b)
{
    cim_build_init(b, "Linux_OperatingSystem");
    cim_build_string(b, "CSCreationClassName", "Linux_ComputerSystem");
    cim_build_string(b, "CSName", host);
    cim_build_string(b, "CreationClassName", "Linux_OperatingSystem");
    cim_build_string(b, "Name", os_name);
}

/* GET the instance B (cleared here). */
static int
get(struct tw *t, const char *cls, struct cim_build *b, struct answer *a)
{
    int rc = provide(t, WORKER_PROVIDE_GET, cls, NULL, &b->inst, NULL, false, a);

    cim_build_clear(b);
    return rc;
}

/* INVOKE METHOD on the instance B (NULL: the class) with PARAMS (NULL:
 * none); both cleared here. */
static int
invoke(struct tw *t, const char *cls, const char *method, struct cim_build *b,
       struct cim_build *params, struct answer *a)
{
    int rc = provide(t, WORKER_PROVIDE_INVOKE, cls, method, b ? &b->inst : NULL,
                     params ? &params->inst : NULL, false, a);

    if (b)
        cim_build_clear(b);
    if (params)
        cim_build_clear(params);
    return rc;
}

static void
must(int rc, const char *what)
{
    if (rc < 0) {
        printf("Bail out! %s: %s\n", what, why);
        exit(1);
    }
}

/* The session ID of process PID from /proc/PID/stat (its parent's into
 * *PPID_OUT), or -1. */
static long
session_of(long long pid, long *ppid_out)
{
    char path[64], buf[4096];
    long ppid = -1, sid = -1;
    const char *close;
    FILE *f;

    *ppid_out = -1;
    snprintf(path, sizeof(path), "/proc/%lld/stat", pid);
    f = pid > 0 ? fopen(path, "r") : NULL;
    if (!f)
        return -1;
    if (fgets(buf, sizeof(buf), f) && (close = strrchr(buf, ')')) &&
        sscanf(close + 1, " %*c %ld %*d %ld", &ppid, &sid) == 2)
        *ppid_out = ppid;
    fclose(f);
    return sid;
}

/* The ReturnValue of an INVOKE answer, or -1. */
static long long
return_value(const struct answer *a)
{
    if (a->status != 0 || a->code != 0 || a->nobjs != 1 ||
        strcmp(a->objs[0].class_name, "__PARAMETERS") != 0)
        return -1;
    return uval(&a->objs[0], "ReturnValue");
}

/* ------------------------------------------------------ independent reads ---- */

static void
read_system(void)
{
    struct utsname u;
    char line[512];
    FILE *f;

    if (uname(&u) == 0)
        snprintf(host, sizeof(host), "%s", u.nodename);
    snprintf(os_name, sizeof(os_name), "Linux");
    f = fopen("/etc/os-release", "r");
    if (!f)
        f = fopen("/usr/lib/os-release", "r");
    while (f && fgets(line, sizeof(line), f)) {
        char *v = line + 5;
        size_t n;

        if (strncmp(line, "NAME=", 5) != 0)
            continue;
        if (*v == '"' || *v == '\'')
            v++;
        n = strcspn(v, "\"'\n");
        v[n] = '\0';
        snprintf(os_name, sizeof(os_name), "%s", v);
    }
    if (f)
        fclose(f);
}

/* The mount point of the mount holding PATH, from statx and mountinfo. */
static bool
mount_point_of(const char *path, char *out, size_t len)
{
    struct statx stx;
    char line[4096];
    bool found = false;
    FILE *f;

    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &stx) < 0 ||
        !(stx.stx_mask & STATX_MNT_ID) || !(f = fopen("/proc/self/mountinfo", "r")))
        return false;
    while (fgets(line, sizeof(line), f)) {
        unsigned long long id;
        char point[1024];

        if (sscanf(line, "%llu %*u %*s %*s %1023s", &id, point) == 2 && id == stx.stx_mnt_id) {
            snprintf(out, len, "%s", point);
            found = true;
        }
    }
    fclose(f);
    return found;
}

static int
write_file(const char *path, const char *data, size_t len, mode_t mode, uid_t uid, gid_t gid)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    if (fd < 0)
        return -1;
    if (write(fd, data, len) != (ssize_t)len || fchown(fd, uid, gid) < 0 ||
        fchmod(fd, mode) < 0) {
        close(fd);
        return -1;
    }
    return close(fd);
}

/* Wait up to 5 s for PATH to exist. */
static bool
appears(const char *path)
{
    struct timespec tick = { 0, 20 * 1000000L };
    struct stat st;

    for (int i = 0; i < 250; i++) {
        if (stat(path, &st) == 0)
            return true;
        nanosleep(&tick, NULL);
    }
    return false;
}

/* ------------------------------------------------------------ processes ---- */

static void
test_processes(struct tw *alice_w, struct tw *bob_w, struct tw *nobody_w,
               const struct priv_identity *alice)
{
    char *sleep_argv[] = { (char *)"/bin/sleep", (char *)"300", NULL };
    char handle[64], link[64], exe[4096];
    const cim_instance *p;
    struct cim_build b, prm;
    struct answer a;
    pid_t pid, gone_pid;
    ssize_t n;
    int st;

    pid = start_as(alice, sleep_argv);
    must(pid > 0 ? 0 : -1, "cannot start a process as alice");
    {
        struct timespec settle = { 0, 100 * 1000000L };

        nanosleep(&settle, NULL);       /* let it execute /bin/sleep */
    }
    snprintf(handle, sizeof(handle), "%ld", (long)pid);
    snprintf(link, sizeof(link), "/proc/%ld/exe", (long)pid);
    n = readlink(link, exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = '\0';

    must(enumerate(alice_w, "Linux_Process", false, &a), "enumerate processes");
    p = find(&a, "Handle", handle);
    tap_ok(a.status == 0 && a.code == 0 && a.in_step && p,
           "alice's worker enumerates Linux_Process, including her process %s (%u processes)",
           handle, a.nobjs);
    tap_ok(p && uval(p, "ProcessId") == pid && uval(p, "ParentProcessId") == getpid() &&
           uval(p, "RealUserID") == alice->uid && uval(p, "EffectiveUserID") == alice->uid &&
           sval(p, "UserName") && strcmp(sval(p, "UserName"), "cimrpc-alice") == 0,
           "the process has ProcessId %s, our pid as parent, alice's uid and name", handle);
    tap_ok(p && sval(p, "CommandLine") && strcmp(sval(p, "CommandLine"), "/bin/sleep 300") == 0 &&
           sval(p, "Name") && strcmp(sval(p, "Name"), "sleep") == 0 &&
           sval(p, "ExecutablePath") && strcmp(sval(p, "ExecutablePath"), exe) == 0,
           "its CommandLine, Name and ExecutablePath (%s) are what /proc says", exe);
    tap_ok(p && sval(p, "CSName") && strcmp(sval(p, "CSName"), host) == 0 &&
           sval(p, "OSName") && strcmp(sval(p, "OSName"), os_name) == 0 &&
           strcmp(sval(p, "CreationClassName"), "Linux_Process") == 0 &&
           strcmp(sval(p, "CSCreationClassName"), "Linux_ComputerSystem") == 0 &&
           strcmp(sval(p, "OSCreationClassName"), "Linux_OperatingSystem") == 0,
           "its scoping keys are this host (%s) and OS (%s)", host, os_name);
    tap_ok(p && sval(p, "CreationDate") && strlen(sval(p, "CreationDate")) == 25 &&
           uval(p, "ThreadCount") == 1 && uval(p, "VirtualSize") > 0,
           "CreationDate is a DSP0004 datetime (%s); ThreadCount and VirtualSize are set",
           p && sval(p, "CreationDate") ? sval(p, "CreationDate") : "none");
    answer_free(&a);

    keys_process(&b, pid);
    must(get(bob_w, "Linux_Process", &b, &a), "get as bob");
    tap_ok(a.code == 0 && a.nobjs == 1 && uval(&a.objs[0], "RealUserID") == alice->uid &&
           null_prop(&a.objs[0], "ExecutablePath") && sval(&a.objs[0], "CommandLine"),
           "bob's worker GETs alice's process, with ExecutablePath NULL (not his to read)");
    answer_free(&a);

    must(enumerate(alice_w, "Linux_Process", true, &a), "enumerate keys only");
    {
        bool six = a.nobjs > 0;

        for (u_int i = 0; i < a.nobjs; i++)
            six = six && a.objs[i].properties.properties_len == 6 && sval(&a.objs[i], "Handle");
        tap_ok(a.code == 0 && six, "keys_only: every process carries exactly its six keys");
    }
    answer_free(&a);

    /* A process ID nobody has: a child of ours, reaped. */
    gone_pid = fork();
    if (gone_pid == 0)
        _exit(0);
    (void)waitpid(gone_pid, &st, 0);
    keys_process(&b, gone_pid);
    must(get(alice_w, "Linux_Process", &b, &a), "get a missing process");
    snprintf(handle, sizeof(handle), "%ld", (long)gone_pid);
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, handle),
           "GET of a process that does not exist is NOT_FOUND naming it: %s", a.reason);
    answer_free(&a);

    /* Bad keys. */
    keys_process(&b, pid);
    drop_last(&b);                              /* Handle */
    cim_build_uint(&b, "Handle", CIM_TYPE_UINT32, (uint64_t)pid);
    must(get(alice_w, "Linux_Process", &b, &a), "get with a uint32 Handle");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "Handle"),
           "a Handle of type uint32 is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    drop_last(&b);
    must(get(alice_w, "Linux_Process", &b, &a), "get without Handle");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "missing"),
           "a missing key is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    cim_build_init(&b, "Linux_Process");
    scope_cs_os(&b);
    cim_build_string(&b, "CreationClassName", "Linux_Process");
    cim_build_string(&b, "Handle", "12ab");
    must(get(alice_w, "Linux_Process", &b, &a), "get with a bad Handle");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "12ab"),
           "a Handle that is no process ID is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    cim_build_string(&b, "Frobs", "1");
    must(get(alice_w, "Linux_Process", &b, &a), "get with an extra property");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "Frobs"),
           "a property that is no key is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    cim_build_init(&b, "Linux_Process");
    cim_build_string(&b, "CSCreationClassName", "Linux_ComputerSystem");
    cim_build_string(&b, "CSName", "not-this-host.invalid");
    cim_build_string(&b, "OSCreationClassName", "Linux_OperatingSystem");
    cim_build_string(&b, "OSName", os_name);
    cim_build_string(&b, "CreationClassName", "Linux_Process");
    cim_build_string(&b, "Handle", "1");
    must(get(alice_w, "Linux_Process", &b, &a), "get on another host");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "CSName"),
           "a process of another host is NOT_FOUND: %s", a.reason);
    answer_free(&a);

    /* Terminate: bob, nobody (Identify), bad parameters, then alice. */
    keys_process(&b, pid);
    must(invoke(bob_w, "Linux_Process", "Terminate", &b, NULL, &a), "terminate as bob");
    snprintf(handle, sizeof(handle), "kill(%ld, SIGTERM)", (long)pid);
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, handle) &&
           strstr(a.reason, "Operation not permitted") &&
           strstr(a.reason, "belongs to another user (cimrpc-alice)"),
           "bob cannot terminate alice's process: ACCESS_DENIED: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    must(invoke(nobody_w, "Linux_Process", "Terminate", &b, NULL, &a), "terminate at Identify");
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, "Operation not permitted"),
           "the Identify worker (nobody) cannot terminate it either: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Signal", CIM_TYPE_UINT32, 65);
    must(invoke(alice_w, "Linux_Process", "Terminate", &b, &prm, &a), "terminate, signal 65");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "Signal"),
           "Signal 65 is INVALID_METHOD_PARAMETERS: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "Signal", "9");
    must(invoke(alice_w, "Linux_Process", "Terminate", &b, &prm, &a), "terminate, string");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "uint32"),
           "a string Signal is INVALID_METHOD_PARAMETERS: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Force", CIM_TYPE_UINT32, 1);
    must(invoke(alice_w, "Linux_Process", "Terminate", &b, &prm, &a), "terminate, Force");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "Force"),
           "an unknown parameter is INVALID_METHOD_PARAMETERS: %s", a.reason);
    answer_free(&a);
    must(invoke(alice_w, "Linux_Process", "Terminate", NULL, NULL, &a), "terminate the class");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "not static"),
           "Terminate on the class (no instance) is refused: %s", a.reason);
    answer_free(&a);
    keys_process(&b, pid);
    must(invoke(alice_w, "Linux_Process", "Frobnicate", &b, NULL, &a), "unknown method");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD, "Frobnicate"),
           "an unknown method is INVALID_METHOD: %s", a.reason);
    answer_free(&a);
    tap_ok(kill(pid, 0) == 0, "alice's process survived the refused attempts");
    keys_process(&b, pid);
    must(invoke(alice_w, "Linux_Process", "Terminate", &b, NULL, &a), "terminate as alice");
    tap_ok(return_value(&a) == 0 && a.objs[0].properties.properties_len == 1,
           "alice terminates her own process: ReturnValue 0 and nothing else");
    answer_free(&a);
    tap_ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
           "... which ended by SIGTERM");
}

static void
test_streaming(struct tw *alice_w, const struct priv_identity *alice)
{
    char *sleep_argv[] = { (char *)"/bin/sleep", (char *)"300", NULL };
    pid_t pids[SLEEPERS];
    struct answer a;
    int found = 0, started = 0;
    bool unique = true;

    for (int i = 0; i < SLEEPERS; i++)
        if ((pids[i] = start_as(alice, sleep_argv)) > 0)
            started++;
    tap_is_int(started, SLEEPERS, "started %d processes as alice", SLEEPERS);
    must(enumerate(alice_w, "Linux_Process", false, &a), "enumerate many processes");
    for (int i = 0; i < SLEEPERS; i++) {
        char handle[24];

        snprintf(handle, sizeof(handle), "%ld", (long)pids[i]);
        found += find(&a, "Handle", handle) != NULL;
    }
    for (u_int i = 0; i < a.nobjs && unique; i++)
        for (u_int j = i + 1; j < a.nobjs && unique; j++)
            unique = strcmp(sval(&a.objs[i], "Handle"), sval(&a.objs[j], "Handle")) != 0;
    tap_ok(a.bytes > 2 * WORKER_DATA_MAX,
           "the enumeration is larger than two replies (%zu bytes)", a.bytes);
    tap_ok(a.code == 0 && a.replies >= 3 && a.in_step,
           "it streams in %u replies, all with the request's id, more=TRUE on all but the last",
           a.replies);
    tap_is_int(found, SLEEPERS, "every one of the %d processes is in it", SLEEPERS);
    tap_ok(unique, "no process is reported twice (%u processes)", a.nobjs);
    answer_free(&a);
    for (int i = 0; i < SLEEPERS; i++)
        stop(pids[i]);
}

static void
test_create(struct tw *alice_w, const struct priv_identity *alice, const char *rw)
{
    char line[1024], path[1024], proc[64];
    struct cim_build prm;
    struct answer a;
    struct stat st;
    long long pid;

    snprintf(line, sizeof(line), "/usr/bin/touch '%s/created by alice'", rw);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "CommandLine", line);
    must(invoke(alice_w, "Linux_Process", "Create", NULL, &prm, &a), "create touch");
    snprintf(path, sizeof(path), "%s/created by alice", rw);
    tap_ok(return_value(&a) == 0 && uval(&a.objs[0], "ProcessId") > 0,
           "Create runs a quoted command line: ReturnValue 0, ProcessId %lld",
           a.nobjs ? uval(&a.objs[0], "ProcessId") : -1);
    answer_free(&a);
    tap_ok(appears(path) && stat(path, &st) == 0 && st.st_uid == alice->uid,
           "the program ran as alice (the file it made is hers)");

    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "CommandLine", "sleep 30");
    cim_build_string(&prm, "CurrentDirectory", rw);
    must(invoke(alice_w, "Linux_Process", "Create", NULL, &prm, &a), "create sleep");
    pid = a.nobjs ? uval(&a.objs[0], "ProcessId") : -1;
    answer_free(&a);
    {
        long ppid, wppid, sid = session_of(pid, &ppid);
        long wsid = session_of(priv_worker_pid(alice_w->w), &wppid);
        char cwd[1024], fd0[256];
        ssize_t n;

        /* The worker's session is the test's; in a container whose
         * session leader is outside our pid namespace it reads as 0. */
        snprintf(proc, sizeof(proc), "/proc/%lld/cwd", pid);
        n = readlink(proc, cwd, sizeof(cwd) - 1);
        cwd[n > 0 ? n : 0] = '\0';
        snprintf(proc, sizeof(proc), "/proc/%lld/fd/0", pid);
        n = readlink(proc, fd0, sizeof(fd0) - 1);
        fd0[n > 0 ? n : 0] = '\0';
        snprintf(proc, sizeof(proc), "/proc/%lld", pid);
        tap_ok(pid > 0 && stat(proc, &st) == 0 && st.st_uid == alice->uid && sid > 0 &&
               wsid >= 0 && sid != wsid && sid != pid && ppid != priv_worker_pid(alice_w->w) &&
               strcmp(cwd, rw) == 0 && strcmp(fd0, "/dev/null") == 0,
               "a created program (found in PATH) is alice's, detached: not the worker's child, "
               "in a new session it does not lead, in CurrentDirectory, stdin /dev/null "
               "(pid %lld, ppid %ld, sid %ld, worker's sid %ld)", pid, ppid, sid, wsid);
    }
    if (pid > 0)
        (void)kill((pid_t)pid, SIGKILL);

    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "CommandLine", "echo a | cat");
    must(invoke(alice_w, "Linux_Process", "Create", NULL, &prm, &a), "create a pipe");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "'|'"),
           "a pipe is refused (no shell runs): %s", a.reason);
    answer_free(&a);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "CommandLine", "no-such-program-cimrpc --help");
    must(invoke(alice_w, "Linux_Process", "Create", NULL, &prm, &a), "create a missing program");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "no-such-program-cimrpc"),
           "a program not in PATH is NOT_FOUND: %s", a.reason);
    answer_free(&a);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_string(&prm, "CommandLine", "/bin/true");
    cim_build_string(&prm, "CurrentDirectory", "/root");
    must(invoke(alice_w, "Linux_Process", "Create", NULL, &prm, &a), "create in /root");
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, "Permission denied") ||
           failed_with(&a, WBEM_E_NOT_FOUND, "/root"),
           "a CurrentDirectory alice may not enter is refused: %s", a.reason);
    answer_free(&a);
    must(invoke(alice_w, "Linux_Process", "Create", NULL, NULL, &a), "create without params");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "CommandLine"),
           "Create without CommandLine is INVALID_METHOD_PARAMETERS: %s", a.reason);
    answer_free(&a);
}

/* --------------------------------------------------------------- files ---- */

static void
test_files(struct tw *alice_w, struct tw *bob_w, const struct priv_identity *alice)
{
    static const char secret[] = "alice's secret\n";
    char path[512], big[512], pub[512], fs[1024], closed[512];
    char *data = malloc(10000);
    struct cim_build b, prm;
    struct answer a;
    const cim_value *v;

    must(data ? 0 : -1, "out of memory");
    for (int i = 0; i < 10000; i++)
        data[i] = (char)('a' + i % 26);
    snprintf(path, sizeof(path), "%s/secret", dir);
    snprintf(big, sizeof(big), "%s/big", dir);
    snprintf(pub, sizeof(pub), "%s/pub", dir);
    snprintf(closed, sizeof(closed), "%s/closed", dir);
    must(write_file(path, secret, strlen(secret), 0600, alice->uid, alice->gid), "secret file");
    must(write_file(big, data, 10000, 0644, 0, 0), "big file");
    free(data);
    must(mkdir(pub, 0755) == 0 || errno == EEXIST ? 0 : -1, "pub directory");
    must(mkdir(closed, 0700) == 0 || errno == EEXIST ? 0 : -1, "closed directory");
    {
        const char *names[] = { "b", "a", "c" };

        for (int i = 0; i < 3; i++) {
            char p[600];

            snprintf(p, sizeof(p), "%s/%s", pub, names[i]);
            must(write_file(p, "", 0, 0644, 0, 0), "pub entry");
        }
    }
    must(mount_point_of(path, fs, sizeof(fs)) ? 0 : -1, "the mount of the scratch directory");

    keys_file(&b, "Linux_File", fs, path);
    must(get(bob_w, "Linux_File", &b, &a), "get the secret as bob");
    tap_ok(a.code == 0 && a.nobjs == 1 && uval(&a.objs[0], "Mode") == 0600 &&
           uval(&a.objs[0], "OwnerID") == alice->uid &&
           strcmp(sval(&a.objs[0], "OwnerName"), "cimrpc-alice") == 0 &&
           uval(&a.objs[0], "FileSize") == (long long)strlen(secret) && uval(&a.objs[0], "FileType") == 1 &&
           bval(&a.objs[0], "Readable") == 0 && strcmp(sval(&a.objs[0], "FSName"), fs) == 0,
           "bob's worker GETs alice's 0600 file: mode, owner, size, FSName %s, Readable FALSE",
           fs);
    answer_free(&a);
    keys_file(&b, "Linux_File", fs, path);
    must(get(alice_w, "Linux_File", &b, &a), "get the secret as alice");
    tap_ok(a.code == 0 && a.nobjs == 1 && bval(&a.objs[0], "Readable") == 1,
           "for alice it is Readable");
    answer_free(&a);

    keys_file(&b, "Linux_File", fs, path);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Length", CIM_TYPE_UINT32, 1000);
    must(invoke(alice_w, "Linux_File", "Read", &b, &prm, &a), "read the secret as alice");
    v = a.nobjs ? val(&a.objs[0], "Data") : NULL;
    {
        bool same = v && v->is_array && v->type == CIM_TYPE_UINT8 &&
                    v->items.items_len == strlen(secret);

        for (u_int i = 0; same && i < v->items.items_len; i++)
            same = v->items.items_val[i].cim_scalar_u.u == (unsigned char)secret[i];
        tap_ok(return_value(&a) == 0 && same && bval(&a.objs[0], "EndOfFile") == 1,
               "alice reads her 0600 file with Linux_File.Read: the bytes, EndOfFile TRUE");
    }
    answer_free(&a);
    keys_file(&b, "Linux_File", fs, path);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Length", CIM_TYPE_UINT32, 1000);
    must(invoke(bob_w, "Linux_File", "Read", &b, &prm, &a), "read the secret as bob");
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, "Permission denied") && strstr(a.reason, path),
           "bob's Read of it is ACCESS_DENIED: %s", a.reason);
    answer_free(&a);

    keys_file(&b, "Linux_File", fs, big);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Length", CIM_TYPE_UINT32, 100000);
    must(invoke(bob_w, "Linux_File", "Read", &b, &prm, &a), "read a large file");
    v = a.nobjs ? val(&a.objs[0], "Data") : NULL;
    tap_ok(return_value(&a) == 0 && v && v->items.items_len == 4096 &&
           v->items.items_val[4095].cim_scalar_u.u == (unsigned char)('a' + 4095 % 26) &&
           bval(&a.objs[0], "EndOfFile") == 0,
           "a Read of 100000 bytes returns 4096 (what fits a reply), EndOfFile FALSE");
    answer_free(&a);
    keys_file(&b, "Linux_File", fs, big);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Offset", CIM_TYPE_UINT64, 8192);
    cim_build_uint(&prm, "Length", CIM_TYPE_UINT32, 4096);
    must(invoke(bob_w, "Linux_File", "Read", &b, &prm, &a), "read the tail");
    v = a.nobjs ? val(&a.objs[0], "Data") : NULL;
    tap_ok(return_value(&a) == 0 && v && v->items.items_len == 10000 - 8192 &&
           v->items.items_val[0].cim_scalar_u.u == (unsigned char)('a' + 8192 % 26) &&
           bval(&a.objs[0], "EndOfFile") == 1,
           "a Read at Offset 8192 returns the last 1808 bytes, EndOfFile TRUE");
    answer_free(&a);
    keys_file(&b, "Linux_File", fs, big);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Length", CIM_TYPE_UINT32, 2000000);
    must(invoke(bob_w, "Linux_File", "Read", &b, &prm, &a), "read too much");
    tap_ok(failed_with(&a, WBEM_E_INVALID_METHOD_PARAMETERS, "Length"),
           "Length above the MOF's 1 MiB is INVALID_METHOD_PARAMETERS: %s", a.reason);
    answer_free(&a);

    keys_file(&b, "Linux_File", fs, pub);
    must(get(alice_w, "Linux_File", &b, &a), "get a directory as a file");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "is a directory"),
           "a directory is no Linux_File (NOT_FOUND): %s", a.reason);
    answer_free(&a);
    {
        char odd[600];

        snprintf(odd, sizeof(odd), "%s/pub/../secret", dir);
        keys_file(&b, "Linux_File", fs, odd);
        must(get(alice_w, "Linux_File", &b, &a), "get a path with ..");
        tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "normalized"),
               "a Name with \"..\" is INVALID_PARAMETER: %s", a.reason);
        answer_free(&a);
    }
    keys_file(&b, "Linux_File", "/no/such/mount", path);
    must(get(alice_w, "Linux_File", &b, &a), "get with the wrong FSName");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, fs), "a wrong FSName is NOT_FOUND: %s", a.reason);
    answer_free(&a);
    {
        char missing[600];

        snprintf(missing, sizeof(missing), "%s/missing", dir);
        keys_file(&b, "Linux_File", fs, missing);
        must(get(alice_w, "Linux_File", &b, &a), "get a missing file");
        tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "No such file"),
               "a missing file is NOT_FOUND: %s", a.reason);
        answer_free(&a);
    }
    must(enumerate(alice_w, "Linux_File", false, &a), "enumerate files");
    tap_ok(failed_with(&a, WBEM_E_NOT_SUPPORTED, "Linux_File"),
           "Linux_File cannot be enumerated (NOT_SUPPORTED): %s", a.reason);
    answer_free(&a);

    keys_file(&b, "Linux_Directory", fs, pub);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Count", CIM_TYPE_UINT32, 2);
    must(invoke(alice_w, "Linux_Directory", "Read", &b, &prm, &a), "list a directory");
    v = a.nobjs ? val(&a.objs[0], "Entries") : NULL;
    tap_ok(return_value(&a) == 0 && v && v->items.items_len == 2 &&
           strcmp(v->items.items_val[0].cim_scalar_u.s, "a") == 0 &&
           strcmp(v->items.items_val[1].cim_scalar_u.s, "b") == 0 &&
           bval(&a.objs[0], "EndOfDirectory") == 0,
           "Linux_Directory.Read lists the first 2 entries in byte order (a, b), not the end");
    answer_free(&a);
    keys_file(&b, "Linux_Directory", fs, pub);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Offset", CIM_TYPE_UINT64, 2);
    cim_build_uint(&prm, "Count", CIM_TYPE_UINT32, 10);
    must(invoke(alice_w, "Linux_Directory", "Read", &b, &prm, &a), "list the rest");
    v = a.nobjs ? val(&a.objs[0], "Entries") : NULL;
    tap_ok(return_value(&a) == 0 && v && v->items.items_len == 1 &&
           strcmp(v->items.items_val[0].cim_scalar_u.s, "c") == 0 &&
           bval(&a.objs[0], "EndOfDirectory") == 1,
           "... and from Offset 2 the last one (c), EndOfDirectory TRUE");
    answer_free(&a);
    keys_file(&b, "Linux_Directory", fs, closed);
    cim_build_init(&prm, "__PARAMETERS");
    cim_build_uint(&prm, "Count", CIM_TYPE_UINT32, 10);
    must(invoke(alice_w, "Linux_Directory", "Read", &b, &prm, &a), "list a closed directory");
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, "Permission denied"),
           "listing root's 0700 directory is ACCESS_DENIED for alice: %s", a.reason);
    answer_free(&a);
    keys_file(&b, "Linux_Directory", fs, pub);
    must(get(alice_w, "Linux_Directory", &b, &a), "get a directory");
    tap_ok(a.code == 0 && a.nobjs == 1 && uval(&a.objs[0], "Mode") == 0755 &&
           uval(&a.objs[0], "OwnerID") == 0 && !val(&a.objs[0], "FileType"),
           "GET Linux_Directory gives its mode and owner");
    answer_free(&a);
}

/* ----------------------------------------------------- reboot, shutdown ---- */

static void
make_script(const char *name, const char *body, mode_t mode, char *out, size_t len)
{
    FILE *f;

    snprintf(out, len, "%s/%s", dir, name);
    f = fopen(out, "w");
    must(f && fprintf(f, "#!/bin/sh\n%s\n", body) > 0 && fclose(f) == 0 &&
         chmod(out, mode) == 0 ? 0 : -1, "a script");
}

static void
test_reboot(const struct priv_identity *alice, const char *rw, struct tw *plain)
{
    char reboot[1024], shutdown[1024], rootonly[1024], marker[1024], body[2048], buf[64] = "";
    const char *extra[5] = { "--reboot-command", reboot, "--shutdown-command", shutdown, NULL };
    const char *rel[3] = { "--reboot-command", "sbin/reboot", NULL };
    struct cim_build b;
    struct answer a;
    struct tw w;
    int st1, st2;
    FILE *f;

    snprintf(marker, sizeof(marker), "%s/rebooted", rw);
    snprintf(body, sizeof(body), "echo \"$(id -u) $PATH $#\" > '%s'", marker);
    make_script("reboot.sh", body, 0755, reboot, sizeof(reboot));
    make_script("shutdown.sh", "exit 3", 0755, shutdown, sizeof(shutdown));
    make_script("root-only.sh", "exit 0", 0700, rootonly, sizeof(rootonly));
    if (tw_spawn(&w, alice, extra) < 0) {
        printf("Bail out! a worker with --reboot-command: %s\n", why);
        exit(1);
    }
    keys_os(&b);
    must(invoke(&w, "Linux_OperatingSystem", "Reboot", &b, NULL, &a), "reboot");
    tap_ok(return_value(&a) == 0, "Reboot runs --reboot-command: ReturnValue 0");
    answer_free(&a);
    f = fopen(marker, "r");
    if (f) {
        if (!fgets(buf, sizeof(buf), f))
            buf[0] = '\0';
        fclose(f);
    }
    snprintf(body, sizeof(body), "%u /usr/bin:/bin 0\n", (unsigned)alice->uid);
    tap_is_str(buf, body, "the command ran as alice, with PATH=/usr/bin:/bin and no argument");
    keys_os(&b);
    must(invoke(&w, "Linux_OperatingSystem", "Shutdown", &b, NULL, &a), "shutdown");
    tap_ok(return_value(&a) == 8 && strstr(a.reason, "exited with status 3"),
           "a --shutdown-command that exits 3 gives ReturnValue 8 (Unknown Failure): %s",
           a.reason);
    answer_free(&a);
    st1 = tw_end(&w);

    extra[1] = rootonly;
    extra[2] = NULL;
    must(tw_spawn(&w, alice, extra), "a worker with a root-only command");
    keys_os(&b);
    must(invoke(&w, "Linux_OperatingSystem", "Reboot", &b, NULL, &a), "reboot root-only");
    tap_ok(return_value(&a) == 2 && strstr(a.reason, "Permission denied"),
           "a command alice may not execute gives ReturnValue 2 (Access Denied): %s", a.reason);
    answer_free(&a);
    st2 = tw_end(&w);
    tap_ok(st1 == 0 && st2 == 0, "the workers that ran commands exit cleanly (%#x, %#x)",
           (unsigned)st1, (unsigned)st2);

    tap_ok(tw_spawn(&w, alice, rel) < 0 && strstr(why, "--reboot-command must be an "
                                                   "absolute path"),
           "the worker refuses a relative --reboot-command: %s", why);

    /* The default command (PROVIDER_DEFAULT_REBOOT) is never run here:
     * on a machine where it exists it would reboot it. */
    (void)unlink(marker);
}

/* ------------------------------------------------------- system classes ---- */

static void
test_system(struct tw *alice_w, struct tw *nobody_w)
{
    const struct passwd *pw;
    const struct group *gr;
    const cim_instance *p;
    struct cim_build b;
    struct statvfs sv;
    struct utsname u;
    struct answer a;

    must(enumerate(alice_w, "Linux_FileSystem", false, &a), "enumerate file systems");
    p = find(&a, "Name", "/");
    tap_ok(a.code == 0 && p && statvfs("/", &sv) == 0 &&
           uval(p, "BlockSize") == (long long)sv.f_bsize &&
           uval(p, "FileSystemSize") == (long long)(sv.f_blocks * sv.f_frsize) &&
           sval(p, "Root") && strcmp(sval(p, "Root"), "/") == 0 &&
           sval(p, "FileSystemType") && sval(p, "DeviceNumber"),
           "Linux_FileSystem has \"/\" with BlockSize and FileSystemSize as statvfs() says "
           "(%s, %lld bytes)", p ? sval(p, "FileSystemType") : "-",
           p ? uval(p, "FileSystemSize") : -1);
    {
        long long avail = p ? uval(p, "AvailableSpace") : -1;
        long long want = (long long)(sv.f_bavail * sv.f_frsize);
        long long slack = (long long)(sv.f_blocks * sv.f_frsize) / 100 + (64 << 20);

        tap_ok(avail >= 0 && avail <= uval(p, "FileSystemSize") && avail >= want - slack &&
               avail <= want + slack && uval(p, "FreeSpace") >= avail,
               "its AvailableSpace (%lld) is statvfs()'s (%lld) within 1%% + 64 MiB, and at "
               "most FreeSpace", avail, want);
    }
    answer_free(&a);
    cim_build_init(&b, "Linux_FileSystem");
    cim_build_string(&b, "CSCreationClassName", "Linux_ComputerSystem");
    cim_build_string(&b, "CSName", host);
    cim_build_string(&b, "CreationClassName", "Linux_FileSystem");
    cim_build_string(&b, "Name", "/no/mount/here");
    must(get(alice_w, "Linux_FileSystem", &b, &a), "get a missing mount");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "/no/mount/here"),
           "GET of a mount point that is none is NOT_FOUND: %s", a.reason);
    answer_free(&a);

    must(enumerate(alice_w, "Linux_NetworkAdapter", false, &a), "enumerate adapters");
    p = find(&a, "DeviceID", "lo");
    tap_ok(a.code == 0 && p && uval(p, "InterfaceType") == 772 && uval(p, "Flags") >= 0 &&
           (uval(p, "Flags") & 0x8) && strcmp(sval(p, "SystemName"), host) == 0,
           "Linux_NetworkAdapter has \"lo\": type 772 (loopback), the Loopback flag");
    {
        struct ifaddrs *ifa = NULL, *i;
        bool lo4 = false;

        if (getifaddrs(&ifa) == 0)
            for (i = ifa; i; i = i->ifa_next)
                lo4 = lo4 || (i->ifa_addr && i->ifa_addr->sa_family == AF_INET &&
                              strcmp(i->ifa_name, "lo") == 0);
        if (ifa)
            freeifaddrs(ifa);
        tap_ok(p && (lo4 ? has_string(p, "IPAddresses", "127.0.0.1/8")
                         : val(p, "IPAddresses") && val(p, "IPAddresses")->is_array),
               "lo's IPAddresses %s", lo4 ? "hold 127.0.0.1/8" : "are an array (no IPv4 here)");
    }
    answer_free(&a);
    cim_build_init(&b, "Linux_NetworkAdapter");
    cim_build_string(&b, "SystemCreationClassName", "Linux_ComputerSystem");
    cim_build_string(&b, "SystemName", host);
    cim_build_string(&b, "CreationClassName", "Linux_NetworkAdapter");
    cim_build_string(&b, "DeviceID", "../../etc");
    must(get(alice_w, "Linux_NetworkAdapter", &b, &a), "get a bad interface");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "DeviceID"),
           "a DeviceID with a slash is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);

    must(enumerate(nobody_w, "Linux_Account", false, &a), "enumerate accounts");
    pw = getpwnam("cimrpc-alice");
    p = find(&a, "Name", "cimrpc-alice");
    {
        char uid[24];

        snprintf(uid, sizeof(uid), "%u", pw ? (unsigned)pw->pw_uid : 0);
        tap_ok(a.code == 0 && p && pw && uval(p, "UID") == pw->pw_uid &&
               uval(p, "GID") == pw->pw_gid && strcmp(sval(p, "UserID"), uid) == 0 &&
               bval(p, "SystemAccount") == 0 && strcmp(sval(p, "SystemName"), host) == 0,
               "Linux_Account (read at Identify) has cimrpc-alice with her UID %s and GID", uid);
    }
    answer_free(&a);
    cim_build_init(&b, "Linux_Account");
    cim_build_string(&b, "SystemCreationClassName", "Linux_ComputerSystem");
    cim_build_string(&b, "SystemName", host);
    cim_build_string(&b, "CreationClassName", "Linux_Account");
    cim_build_string(&b, "Name", "root");
    must(get(alice_w, "Linux_Account", &b, &a), "get root");
    tap_ok(a.code == 0 && a.nobjs == 1 && uval(&a.objs[0], "UID") == 0 &&
           bval(&a.objs[0], "SystemAccount") == 1 && !val(&a.objs[0], "Password"),
           "GET Linux_Account root: UID 0, a system account, no password");
    answer_free(&a);
    cim_build_init(&b, "Linux_Account");
    cim_build_string(&b, "SystemCreationClassName", "Linux_ComputerSystem");
    cim_build_string(&b, "SystemName", host);
    cim_build_string(&b, "CreationClassName", "Linux_Account");
    cim_build_string(&b, "Name", "cimrpc-nobody-here");
    must(get(alice_w, "Linux_Account", &b, &a), "get a missing account");
    tap_ok(failed_with(&a, WBEM_E_NOT_FOUND, "cimrpc-nobody-here"),
           "GET of an account that does not exist is NOT_FOUND: %s", a.reason);
    answer_free(&a);

    must(enumerate(alice_w, "Linux_Group", false, &a), "enumerate groups");
    gr = getgrnam("cimrpc-test");
    p = find(&a, "Name", "cimrpc-test");
    tap_ok(a.code == 0 && p && gr && uval(p, "GID") == gr->gr_gid &&
           has_string(p, "Members", "cimrpc-alice") && has_string(p, "Members", "cimrpc-bob") &&
           has_string(p, "Members", "cimrpc-carol") && has_string(p, "Members", "cimrpc-admin") &&
           bval(p, "SystemGroup") == 0,
           "Linux_Group has cimrpc-test with its GID and its four members");
    answer_free(&a);

    must(enumerate(alice_w, "Linux_OperatingSystem", false, &a), "enumerate the OS");
    tap_ok(a.code == 0 && a.nobjs == 1 && uname(&u) == 0 &&
           strcmp(sval(&a.objs[0], "Name"), os_name) == 0 &&
           strcmp(sval(&a.objs[0], "KernelRelease"), u.release) == 0 &&
           uval(&a.objs[0], "OSType") == 36 && uval(&a.objs[0], "TotalVisibleMemorySize") > 0 &&
           sval(&a.objs[0], "LastBootUpTime") && uval(&a.objs[0], "NumberOfProcesses") > 0,
           "Linux_OperatingSystem: one instance, Name %s, KernelRelease %s, OSType 36", os_name,
           u.release);
    answer_free(&a);
    keys_os(&b);
    must(get(alice_w, "Linux_OperatingSystem", &b, &a), "get the OS");
    tap_ok(a.code == 0 && a.nobjs == 1 && strcmp(sval(&a.objs[0], "CSName"), host) == 0,
           "GET Linux_OperatingSystem by its keys");
    answer_free(&a);
    must(enumerate(alice_w, "Linux_ComputerSystem", false, &a), "enumerate the computer");
    tap_ok(a.code == 0 && a.nobjs == 1 && strcmp(sval(&a.objs[0], "Name"), host) == 0 &&
           strcmp(sval(&a.objs[0], "NameFormat"), "IP") == 0,
           "Linux_ComputerSystem: one instance named %s", host);
    answer_free(&a);

    cim_build_init(&b, "__PARAMETERS");
    cim_build_string(&b, "Host", "elsewhere.invalid");
    cim_build_string(&b, "Query", "SELECT * FROM Linux_Process");
    must(invoke(alice_w, "Linux_RemoteQuery", "Query", NULL, &b, &a), "remote query");
    tap_ok(failed_with(&a, WBEM_E_ACCESS_DENIED, "-i delegate"),
           "Linux_RemoteQuery.Query without a forwarded credential is ACCESS_DENIED, saying "
           "how to delegate: %s", a.reason);
    answer_free(&a);
}

/* ----------------------------------------------------------- malformed ---- */

static void
test_malformed(struct tw *t)
{
    worker_provide_args args;
    struct cim_build b;
    struct answer a;

    must(enumerate(t, "Linux_Nothing", false, &a), "unknown class");
    tap_ok(failed_with(&a, WBEM_E_INVALID_CLASS, "Linux_Nothing"),
           "an unknown class is INVALID_CLASS: %s", a.reason);
    answer_free(&a);
    memset(&args, 0, sizeof(args));
    args.kind = WORKER_PROVIDE_ENUMERATE;
    args.provider = (char *)"no-such-provider";
    args.nspace = args.method = (char *)"";
    args.class_name = (char *)"Linux_Process";
    must(provide_args(t, &args, &a), "unknown provider");
    tap_ok(failed_with(&a, WBEM_E_INVALID_CLASS, "no-such-provider"),
           "an unknown provider is INVALID_CLASS: %s", a.reason);
    answer_free(&a);
    args.provider = (char *)PROVIDER;
    args.object.object_val = (char *)"\0\0\0\x05garbage";
    args.object.object_len = 11;
    args.kind = WORKER_PROVIDE_GET;
    must(provide_args(t, &args, &a), "an undecodable object");
    tap_ok(a.status == EINVAL && a.replies == 1 && strstr(a.reason, "object"),
           "an object that is no cim_instance is a malformed request (EINVAL): %s", a.reason);
    answer_free(&a);
    args.object.object_len = 0;
    args.kind = (worker_provide_kind)99;
    must(provide_args(t, &args, &a), "an unknown kind");
    tap_ok(a.status == EINVAL && strstr(a.reason, "99"),
           "an unknown PROVIDE kind is a malformed request (EINVAL): %s", a.reason);
    answer_free(&a);
    args.kind = WORKER_PROVIDE_GET;
    must(provide_args(t, &args, &a), "GET without keys");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "keys"),
           "a GET without keys is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    keys_process(&b, 1);
    must(provide(t, WORKER_PROVIDE_PUT, "Linux_Process", NULL, &b.inst, NULL, false, &a), "put");
    tap_ok(failed_with(&a, WBEM_E_NOT_SUPPORTED, "written"),
           "PUT of a Linux_Process is NOT_SUPPORTED: %s", a.reason);
    answer_free(&a);
    must(provide(t, WORKER_PROVIDE_DELETE, "Linux_Process", NULL, &b.inst, NULL, false, &a),
         "delete");
    tap_ok(failed_with(&a, WBEM_E_NOT_SUPPORTED, "deleted"),
           "DELETE of a Linux_Process is NOT_SUPPORTED: %s", a.reason);
    answer_free(&a);
    must(provide(t, WORKER_PROVIDE_GET, "Linux_Account", NULL, &b.inst, NULL, false, &a),
         "mismatched object");
    tap_ok(failed_with(&a, WBEM_E_INVALID_PARAMETER, "Linux_Process"),
           "an object of another class than asked is INVALID_PARAMETER: %s", a.reason);
    answer_free(&a);
    cim_build_clear(&b);
    tap_is_int(priv_worker_alive(t->w), 1, "the worker keeps serving after malformed requests");
}

int
main(void)
{
    struct priv_identity alice, bob, nobody;
    struct tw alice_w, bob_w, nobody_w;
    char rw[512];

    setvbuf(stdout, NULL, _IOLBF, 0);   /* nothing pending when a child forks */
    if (geteuid() != 0) {
        printf("1..0 # SKIP provider workers need root "
               "(run tests/integration/providers-worker.test)\n");
        return 0;
    }
    if (test_identity_of("cimrpc-alice", LEVELS_IMP_IMPERSONATE, &alice) < 0 ||
        test_identity_of("cimrpc-bob", LEVELS_IMP_IMPERSONATE, &bob) < 0 ||
        test_identity_of("nobody", LEVELS_IMP_IDENTIFY, &nobody) < 0) {
        printf("1..0 # SKIP the test accounts are missing (tests/harness/users ensure)\n");
        return 0;
    }
    if (!mkdtemp(dir) || chmod(dir, 0711) < 0) {
        printf("Bail out! cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    snprintf(rw, sizeof(rw), "%s/alice-rw", dir);
    if (mkdir(rw, 0755) < 0 || chown(rw, alice.uid, alice.gid) < 0) {
        printf("Bail out! cannot create %s: %s\n", rw, strerror(errno));
        return 1;
    }
    read_system();
    tap_plan(82);
    must(tw_spawn(&alice_w, &alice, NULL), "a worker as cimrpc-alice");
    must(tw_spawn(&bob_w, &bob, NULL), "a worker as cimrpc-bob");
    must(tw_spawn(&nobody_w, &nobody, NULL), "a worker as nobody (Identify)");
    tap_ok(priv_worker_pid(nobody_w.w) > 0, "nobody (uid 65534, not below UID_MIN) gets an "
           "Identify worker without PRIV_ALLOW_SYSTEM");

    test_processes(&alice_w, &bob_w, &nobody_w, &alice);
    test_streaming(&alice_w, &alice);
    test_create(&alice_w, &alice, rw);
    test_files(&alice_w, &bob_w, &alice);
    test_reboot(&alice, rw, &alice_w);
    test_system(&alice_w, &nobody_w);
    test_malformed(&bob_w);

    {
        int sa = tw_end(&alice_w), sb = tw_end(&bob_w), sn = tw_end(&nobody_w);

        tap_ok(sa == 0 && sb == 0 && sn == 0, "the three workers exit cleanly when the channel "
               "closes (wait status %#x, %#x, %#x)", (unsigned)sa, (unsigned)sb, (unsigned)sn);
    }
    {
        char cmd[600];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            printf("# cannot remove %s\n", dir);
    }
    return tap_done();
}
