/*
 * test-priv-worker.c: provider workers as real local accounts (issue 7).
 *
 * Spawns cimrpc-worker (the build tree's, CIMRPC_WORKER_PATH) through
 * server/priv/ as cimrpc-alice, cimrpc-bob and cimrpc-carol
 * (tests/harness/users) and checks, from the worker's answers and from
 * /proc: the identity (uids, gids, groups, CapEff 0, NoNewPrivs 1), that
 * root cannot be regained, that no descriptor and no environment variable
 * is inherited, that no SQLite is mapped, reuse per identity, a different
 * worker per identity, idle expiry without zombies, a crash failing only
 * its call, timeouts, the refusals (uid 0, system accounts, Anonymous)
 * and the limits.  Needs root and the accounts: run it through
 * tests/integration/workers.test, which makes them; alone it skips.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/wbem.h"
#include "priv/priv_pool.h"
#include "priv/priv_worker.h"
#include "tap.h"
#include "test-identity.h"

static char why[1024];

static int
cmp_u(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

    return x < y ? -1 : x > y;
}

/* The groups of ID sorted, compared with the worker's list. */
static bool
groups_equal(const struct priv_identity *id, const worker_identity *w)
{
    unsigned g[PRIV_GROUPS_MAX];

    if (w->groups.groups_len != id->ngroups)
        return false;
    for (size_t i = 0; i < id->ngroups; i++)
        g[i] = id->groups[i];
    qsort(g, id->ngroups, sizeof(g[0]), cmp_u);
    for (size_t i = 0; i < id->ngroups; i++)
        if (g[i] != w->groups.groups_val[i])
            return false;
    return true;
}

/* The process PID is gone and reaped (not a zombie, not our child). */
static bool
gone(pid_t pid)
{
    char path[64];
    int st;

    if (pid <= 0)
        return false;
    snprintf(path, sizeof(path), "/proc/%ld", (long)pid);
    return waitpid(pid, &st, WNOHANG) < 0 && errno == ECHILD && access(path, F_OK) < 0;
}

/* Read /proc/PID/FILE into BUF (NUL-terminated; NULs kept as \n). */
static ssize_t
read_proc(pid_t pid, const char *file, char *buf, size_t len)
{
    char path[64];
    ssize_t n, total = 0;
    int fd;

    snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while ((size_t)total < len - 1 && (n = read(fd, buf + total, len - 1 - (size_t)total)) > 0)
        total += n;
    close(fd);
    for (ssize_t i = 0; i < total; i++)
        if (buf[i] == '\0')
            buf[i] = '\n';
    buf[total] = '\0';
    return total;
}

static worker_request
request(worker_op op)
{
    worker_request r;

    memset(&r, 0, sizeof(r));
    r.body.op = op;
    return r;
}

static void
free_reply(worker_reply *r)
{
    xdr_free((xdrproc_t)xdr_worker_reply, (char *)r);
}

/* ------------------------------------------------------ one worker ---- */

static void __attribute__((noreturn))
bail(const char *reason)
{
    printf("Bail out! no worker for cimrpc-alice: %s\n", reason);
    exit(1);
}

static void
test_spawn_alice(const struct priv_identity *alice)
{
    struct priv_worker *w = NULL;
    worker_request req;
    worker_reply rep;
    char buf[65536];
    int low, extra, st = 0;
    pid_t pid;

    /* Descriptors the worker must not inherit (no O_CLOEXEC), one of them
     * far above 3. */
    low = open("/dev/null", O_RDONLY);
    extra = low >= 0 ? fcntl(low, F_DUPFD, 20) : -1;
    tap_ok(low >= 3 && extra >= 20 && !(fcntl(extra, F_GETFD) & FD_CLOEXEC),
           "extra descriptors without close-on-exec are open (%d, %d)", low, extra);
    tap_ok(priv_worker_spawn(alice, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) == 0,
           "a worker starts as cimrpc-alice: %s", w ? "ready" : why);
    if (extra >= 0)
        close(extra);
    if (low >= 0)
        close(low);
    if (!w)
        bail(why);
    pid = priv_worker_pid(w);
    tap_ok(strstr(priv_worker_ready_reason(w), "verified") &&
           strstr(priv_worker_ready_reason(w), "EPERM"),
           "the worker verified its drop before serving: %s", priv_worker_ready_reason(w));

    req = request(WORKER_OP_IDENTITY);
    if (priv_worker_call(w, &req, &rep, 5000, why, sizeof(why)) < 0)
        bail(why);
    {
        const worker_identity *v = &rep.body.worker_reply_body_u.identity;

        tap_is_int(rep.status, 0, "IDENTITY answers");
        tap_ok(v->ruid == alice->uid && v->euid == alice->uid && v->suid == alice->uid,
               "IDENTITY: real, effective and saved uid are alice's (%u)", v->euid);
        tap_ok(v->rgid == alice->gid && v->egid == alice->gid && v->sgid == alice->gid,
               "IDENTITY: real, effective and saved gid are alice's (%u)", v->egid);
        tap_ok(groups_equal(alice, v), "IDENTITY: the groups are exactly alice's (%u)",
               v->groups.groups_len);
        tap_is_int(v->no_new_privs, 1, "IDENTITY: NoNewPrivs is 1");
        tap_ok(v->cap_eff == 0 && v->cap_prm == 0 && v->cap_inh == 0 && v->cap_amb == 0,
               "IDENTITY: CapEff, CapPrm, CapInh and CapAmb are 0");
        tap_ok(v->fds.fds_len == 4 && v->fds.fds_val[0] == 0 && v->fds.fds_val[3] == 3,
               "IDENTITY: only descriptors 0-3 are open (%u open)", v->fds.fds_len);
    }
    free_reply(&rep);

    /* The kernel's view, from outside. */
    {
        char want[128];

        tap_ok(read_proc(pid, "status", buf, sizeof(buf)) > 0 &&
               (snprintf(want, sizeof(want), "\nUid:\t%u\t%u\t%u\t%u\n", (unsigned)alice->uid,
                         (unsigned)alice->uid, (unsigned)alice->uid, (unsigned)alice->uid),
                strstr(buf, want)) &&
               strstr(buf, "\nCapEff:\t0000000000000000\n") &&
               strstr(buf, "\nNoNewPrivs:\t1\n"),
               "/proc/PID/status shows alice's uids, CapEff 0 and NoNewPrivs 1");
        snprintf(want, sizeof(want), "PATH=/usr/bin:/bin\nLANG=C\nHOME=/nonexistent\n");
        tap_ok(read_proc(pid, "environ", buf, sizeof(buf)) >= 0 && strcmp(buf, want) == 0,
               "the worker's environment is only PATH, LANG and HOME");
        tap_ok(read_proc(pid, "maps", buf, sizeof(buf)) > 0 && !strstr(buf, "sqlite") &&
               strstr(buf, "tirpc"),
               "no SQLite is mapped in the worker (libtirpc is)");
    }

    req = request(WORKER_OP_TRY_REGAIN);
    tap_ok(priv_worker_call(w, &req, &rep, 5000, why, sizeof(why)) == 0 &&
           rep.body.worker_reply_body_u.regain.setuid_errno == EPERM &&
           rep.body.worker_reply_body_u.regain.seteuid_errno == EPERM &&
           rep.body.worker_reply_body_u.regain.setgid_errno == EPERM &&
           rep.body.worker_reply_body_u.regain.setgroups_errno == EPERM,
           "setuid(0), seteuid(0), setgid(0) and setgroups() fail with EPERM in the worker");
    free_reply(&rep);

    req = request(WORKER_OP_ECHO);
    req.body.worker_request_body_u.data.data_val = (char *)"provider";
    req.body.worker_request_body_u.data.data_len = 8;
    tap_ok(priv_worker_call(w, &req, &rep, 5000, why, sizeof(why)) == 0 && rep.status == 0 &&
           rep.body.worker_reply_body_u.data.data_len == 8 &&
           memcmp(rep.body.worker_reply_body_u.data.data_val, "provider", 8) == 0,
           "ECHO returns the bytes sent");
    free_reply(&rep);

    req = request(WORKER_OP_SLEEP);
    req.body.worker_request_body_u.ms = WORKER_SLEEP_MAX + 1;
    tap_ok(priv_worker_call(w, &req, &rep, 5000, why, sizeof(why)) == 0 &&
           rep.status == EINVAL && strstr(rep.reason, "SLEEP"),
           "an out-of-bounds SLEEP is refused by the worker, which keeps serving");
    free_reply(&rep);
    tap_is_int(priv_worker_alive(w), 1, "the worker is still alive after a refused request");

    priv_worker_end(w, &st);
    tap_ok(st == 0, "an ended worker exits with status 0 (wait status %#x)", (unsigned)st);
    tap_ok(gone(pid), "an ended worker is reaped (no zombie, no /proc entry)");
}

/* ------------------------------------------------------- refusals ---- */

static void
test_refusals(const char *dir)
{
    struct priv_identity id;
    struct priv_worker *w = NULL;
    char script[512];
    FILE *f;
    int st;

    memset(&id, 0, sizeof(id));
    id.uid = 0;
    id.gid = 0;
    id.level = LEVELS_IMP_IMPERSONATE;
    id.account = "root";
    tap_ok(priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) < 0 && !w &&
           strstr(why, "never runs as root"), "uid 0 is refused: %s", why);
    id.flags = PRIV_ALLOW_SYSTEM;
    tap_ok(priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) < 0 && !w &&
           strstr(why, "never runs as root"), "uid 0 is refused even with system accounts allowed");

    tap_ok(test_identity_of("daemon", LEVELS_IMP_IMPERSONATE, &id) == 0, "the daemon account exists");
    tap_ok(priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) < 0 && !w &&
           strstr(why, "system account") && strstr(why, "UID_MIN"),
           "a system account (daemon) is refused: %s", why);
    id.flags = PRIV_ALLOW_SYSTEM;
    tap_ok(priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) == 0 && w,
           "a system account is allowed when the configuration says so%s%s", w ? "" : ": ",
           w ? "" : why);
    priv_worker_end(w, &st);
    w = NULL;
    tap_ok(st == 0, "that worker ends cleanly");

    tap_ok(test_identity_of("cimrpc-alice", LEVELS_IMP_ANONYMOUS, &id) == 0 &&
           priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) < 0 &&
           strstr(why, "anonymous"), "Anonymous is refused: %s", why);
    id.level = LEVELS_IMP_IMPERSONATE;
    id.uid = (uid_t)-1;
    tap_ok(priv_worker_spawn(&id, CIMRPC_WORKER_PATH, &w, why, sizeof(why)) < 0 &&
           strstr(why, "no local account"), "an invalid identity (uid -1) is refused");

    tap_ok(test_identity_of("cimrpc-alice", LEVELS_IMP_IMPERSONATE, &id) == 0 &&
           priv_worker_spawn(&id, "/nonexistent/cimrpc-worker", &w, why, sizeof(why)) < 0 &&
           strstr(why, "executing the worker") && strstr(why, "No such file"),
           "a missing worker program fails the spawn with the step: %s", why);
    tap_ok(priv_worker_spawn(&id, "/bin/false", &w, why, sizeof(why)) < 0 &&
           strstr(why, "ended (exit status 1) before it was ready"),
           "a worker that exits before READY is reaped and named: %s", why);

    /* The real worker started with one environment variable too many
     * refuses, and its own reason reaches the caller. */
    snprintf(script, sizeof(script), "%s/leaky-worker", dir);
    f = fopen(script, "we");
    tap_ok(f && fprintf(f, "#!/bin/sh\nexec /usr/bin/env -i PATH=/usr/bin:/bin LANG=C "
                        "HOME=/nonexistent LEAKED=1 %s \"$@\"\n",
                        CIMRPC_WORKER_PATH) > 0 && fclose(f) == 0 && chmod(script, 0755) == 0,
           "a wrapper that leaks a variable into the worker's environment");
    tap_ok(priv_worker_spawn(&id, script, &w, why, sizeof(why)) < 0 &&
           strstr(why, "refused to serve") && strstr(why, "LEAKED"),
           "a worker that fails its own checks refuses, with its reason: %s", why);
}

/* ------------------------------------------------------------ pool ---- */

static void
test_pool(const char *dir, const struct priv_identity *alice, const struct priv_identity *bob,
          const struct priv_identity *carol)
{
    struct priv_pool_config cfg = {
        .worker_path = CIMRPC_WORKER_PATH, .idle_timeout_ms = 2000, .call_timeout_ms = 500,
        .max_workers = 3, .max_per_user = 2,
    };
    struct priv_identity alice_id, alice_del, root;
    struct priv_pool *pool = NULL;
    struct priv_error err;
    worker_request req;
    worker_reply rep;
    char ccache[512];
    struct stat st;
    pid_t pa, pa2, pb, pd;
    struct timespec idle = { .tv_sec = 2, .tv_nsec = 300 * 1000000L };

    if (priv_pool_new(&cfg, &pool, &err) < 0) {
        printf("Bail out! %s\n", err.message);
        exit(1);
    }
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 &&
           rep.body.worker_reply_body_u.identity.euid == alice->uid,
           "pool: a call as alice runs as alice: %s", err.message);
    free_reply(&rep);
    pa = priv_pool_worker_pid(pool, alice);
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 &&
           priv_pool_worker_pid(pool, alice) == pa && pa > 0,
           "pool: the second call as alice reuses her worker (pid %ld)", (long)pa);
    free_reply(&rep);
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, bob, &req, &rep, &err) == 0 &&
           rep.body.worker_reply_body_u.identity.euid == bob->uid,
           "pool: a call as bob runs as bob");
    free_reply(&rep);
    pb = priv_pool_worker_pid(pool, bob);
    tap_ok(pb > 0 && pb != pa && priv_pool_size(pool) == 2,
           "pool: bob has his own worker (pid %ld)", (long)pb);

    /* A crash fails only its call. */
    req = request(WORKER_OP_CRASH);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) < 0 &&
           err.code == WBEM_E_PROVIDER_FAILURE &&
           strstr(err.message, "the provider worker for cimrpc-alice ended (signal 6) "
                  "during the call"),
           "pool: a crash fails the call with PROVIDER_FAILURE naming the signal: %s",
           err.message);
    tap_ok(gone(pa) && priv_pool_worker_pid(pool, alice) == 0,
           "pool: the crashed worker is reaped and forgotten");
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, bob, &req, &rep, &err) == 0 &&
           priv_pool_worker_pid(pool, bob) == pb, "pool: bob's worker is untouched by the crash");
    free_reply(&rep);
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 && rep.status == 0,
           "pool: the next call as alice works");
    free_reply(&rep);
    pa2 = priv_pool_worker_pid(pool, alice);
    tap_ok(pa2 > 0 && pa2 != pa, "pool: ... in a fresh worker (pid %ld)", (long)pa2);

    /* A hung worker is stopped after the call timeout. */
    req = request(WORKER_OP_SLEEP);
    req.body.worker_request_body_u.ms = 5000;
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) < 0 &&
           err.code == WBEM_E_PROVIDER_FAILURE && strstr(err.message, "did not answer within"),
           "pool: a worker that does not answer in time fails the call: %s", err.message);
    tap_ok(gone(pa2), "pool: the hung worker is killed and reaped");
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 && rep.status == 0,
           "pool: and alice gets a fresh worker again");
    free_reply(&rep);

    /* Delegate: a different worker, with the credential cache. */
    alice_id = *alice;
    alice_id.level = LEVELS_IMP_IDENTIFY;
    alice_del = *alice;
    alice_del.level = LEVELS_IMP_DELEGATE;
    snprintf(ccache, sizeof(ccache), "%s/krb5cc_alice", dir);
    alice_del.ccache_path = ccache;
    alice_del.cred = "not a real ccache";
    alice_del.cred_len = 17;
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, &alice_del, &req, &rep, &err) == 0,
           "pool: a Delegate call as alice works: %s", err.message);
    free_reply(&rep);
    pd = priv_pool_worker_pid(pool, &alice_del);
    tap_ok(pd > 0 && pd != priv_pool_worker_pid(pool, alice),
           "pool: Delegate gets its own worker");
    tap_ok(stat(ccache, &st) == 0 && st.st_uid == alice->uid && (st.st_mode & 07777) == 0600,
           "pool: the credential cache is alice's, mode 0600");
    {
        char env[4096], want[1024];

        snprintf(want, sizeof(want), "KRB5CCNAME=FILE:%s\n", ccache);
        tap_ok(read_proc(pd, "environ", env, sizeof(env)) > 0 && strstr(env, want),
               "pool: the Delegate worker has KRB5CCNAME for it");
    }

    /* Limits: alice has 2 (Impersonate, Delegate), the pool 3 with bob's
     * (used again so that it is not idle for long). */
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, bob, &req, &rep, &err) == 0 &&
           priv_pool_worker_pid(pool, bob) == pb, "pool: bob's worker is still his");
    free_reply(&rep);
    tap_is_int(priv_pool_size(pool), 3, "pool: three workers run");
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, &alice_id, &req, &rep, &err) < 0 &&
           err.code == WBEM_E_QUOTA_VIOLATION && strstr(err.message, "cimrpc-alice already has 2"),
           "pool: a third worker for alice is refused: %s", err.message);
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, carol, &req, &rep, &err) < 0 &&
           err.code == WBEM_E_QUOTA_VIOLATION &&
           strstr(err.message, "already runs 3 provider workers"),
           "pool: a fourth worker (carol's) is refused: %s", err.message);
    tap_is_int(priv_pool_worker_pid(pool, carol), 0, "pool: carol has no worker");

    root = *alice;
    root.uid = 0;
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, &root, &req, &rep, &err) < 0 &&
           err.code == WBEM_E_ACCESS_DENIED, "pool: uid 0 is ACCESS_DENIED: %s", err.message);

    /* Idle expiry. */
    pa2 = priv_pool_worker_pid(pool, alice);
    nanosleep(&idle, NULL);
    tap_is_int(priv_pool_expire(pool), 3, "pool: the three idle workers expire");
    tap_ok(priv_pool_size(pool) == 0 && gone(pa2) && gone(pb) && gone(pd),
           "pool: expired workers are reaped (no zombies)");
    tap_ok(priv_pool_last_status(pool) == 0, "pool: expired workers exit with status 0");
    tap_ok(stat(ccache, &st) < 0 && errno == ENOENT,
           "pool: the credential cache is removed with its worker");

    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 &&
           priv_pool_worker_pid(pool, alice) > 0, "pool: a call after expiry spawns again");
    free_reply(&rep);
    pa = priv_pool_worker_pid(pool, alice);
    priv_pool_free(pool);
    tap_ok(gone(pa), "pool: freeing the pool ends and reaps its workers");
}

/* ---------------------------------------------------- pool, threads ---- */

struct sleeper {
    struct priv_pool *pool;
    const struct priv_identity *id;
    unsigned int ms;
    int rc;
    volatile int done;          /* set once the call returned */
    pid_t pid;                  /* the worker that slept */
};

static void *
sleeper_run(void *arg)
{
    struct sleeper *s = arg;
    struct priv_error err;
    worker_request req = request(WORKER_OP_SLEEP);
    worker_reply rep;

    req.body.worker_request_body_u.ms = s->ms;
    s->pid = priv_pool_worker_pid(s->pool, s->id);
    s->rc = priv_pool_call(s->pool, s->id, &req, &rep, &err);
    if (s->rc == 0)
        free_reply(&rep);
    __atomic_store_n(&s->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Start S's call on a thread, once its worker exists, and give it time
 * to take the worker. */
static int
sleeper_start(struct sleeper *s, pthread_t *t)
{
    struct timespec settle = { .tv_sec = 0, .tv_nsec = 200 * 1000000L };

    if (pthread_create(t, NULL, sleeper_run, s) != 0)
        return -1;
    nanosleep(&settle, NULL);
    return 0;
}

static void
test_pool_threads(const struct priv_identity *alice, const struct priv_identity *bob)
{
    struct priv_pool_config cfg = {
        .worker_path = CIMRPC_WORKER_PATH, .call_timeout_ms = 20000, .max_per_user = 1,
    };
    struct sleeper s = { .id = alice, .ms = 1500 };
    struct priv_pool *pool = NULL;
    struct priv_error err;
    worker_request req;
    worker_reply rep;
    pthread_t t;
    pid_t pa;

    if (priv_pool_new(&cfg, &pool, &err) < 0) {
        printf("Bail out! %s\n", err.message);
        exit(1);
    }
    s.pool = pool;
    req = request(WORKER_OP_IDENTITY);
    if (priv_pool_call(pool, alice, &req, &rep, &err) < 0) {
        printf("Bail out! no worker for alice: %s\n", err.message);
        exit(1);
    }
    free_reply(&rep);
    pa = priv_pool_worker_pid(pool, alice);

    /* Another identity does not wait for a busy worker. */
    if (sleeper_start(&s, &t) < 0) {
        printf("Bail out! cannot start a thread\n");
        exit(1);
    }
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, bob, &req, &rep, &err) == 0 && rep.status == 0 &&
           !__atomic_load_n(&s.done, __ATOMIC_SEQ_CST),
           "pool threads: bob's call is served while alice's worker is busy");
    if (err.code == WBEM_S_NO_ERROR)
        free_reply(&rep);
    tap_is_int(priv_pool_worker_pid(pool, alice), 0,
               "pool threads: a busy worker is not handed to another call");

    /* The same identity at its limit waits for its worker, then reuses it. */
    req = request(WORKER_OP_IDENTITY);
    tap_ok(priv_pool_call(pool, alice, &req, &rep, &err) == 0 && rep.status == 0 &&
           rep.body.worker_reply_body_u.identity.euid == alice->uid,
           "pool threads: alice's second call at her limit waits, then is served");
    if (err.code == WBEM_S_NO_ERROR)
        free_reply(&rep);
    pthread_join(t, NULL);
    tap_ok(s.rc == 0 && s.pid == pa && priv_pool_worker_pid(pool, alice) == pa &&
           priv_pool_size(pool) == 2,
           "pool threads: both of alice's calls used her one worker (no second spawned)");
    priv_pool_free(pool);
}

int
main(void)
{
    struct priv_identity alice, bob, carol;
    char dir[] = "/tmp/cimrpc-workers.XXXXXX";

    if (geteuid() != 0) {
        printf("1..0 # SKIP provider workers need root (run tests/integration/workers.test)\n");
        return 0;
    }
    if (test_identity_of("cimrpc-alice", LEVELS_IMP_IMPERSONATE, &alice) < 0 ||
        test_identity_of("cimrpc-bob", LEVELS_IMP_IMPERSONATE, &bob) < 0 ||
        test_identity_of("cimrpc-carol", LEVELS_IMP_IMPERSONATE, &carol) < 0) {
        printf("1..0 # SKIP the test accounts are missing (tests/harness/users ensure)\n");
        return 0;
    }
    /* Root's scratch directory the workers can traverse (ccaches, scripts). */
    if (!mkdtemp(dir) || chmod(dir, 0711) < 0) {
        printf("Bail out! cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    tap_plan(63);
    test_spawn_alice(&alice);
    test_refusals(dir);
    test_pool(dir, &alice, &bob, &carol);
    test_pool_threads(&alice, &bob);
    {
        char script[512];

        snprintf(script, sizeof(script), "%s/leaky-worker", dir);
        (void)unlink(script);
        if (rmdir(dir) < 0)
            printf("# cannot remove %s: %s\n", dir, strerror(errno));
    }
    return tap_done();
}
