/*
 * cimrpc_worker.c: cimrpc-worker, the process provider code runs in.
 *
 * cimrpcd starts one worker per caller identity through server/priv/
 * (priv_worker.c), which has already set the groups, gid and uid, set
 * no_new_privs, put the daemon's end of a SOCK_SEQPACKET socket pair on
 * descriptor 3, /dev/null on 0-2, and given a clean environment.  The
 * worker trusts none of that: before serving anything it checks, from the
 * kernel, that
 *
 *   - its real, effective and saved uids and gids are the target's, and its
 *     supplementary groups are exactly the target's list;
 *   - it holds no capability (CapEff, CapPrm, CapInh, CapAmb all 0; the
 *     bounding set may stay full, it grants nothing to a non-root process
 *     with no_new_privs) and NoNewPrivs is 1;
 *   - setuid(0), seteuid(0), setgid(0) and setgroups() all fail with EPERM;
 *   - descriptors 0-2 are /dev/null, 3 is the socket, nothing else is open;
 *   - the environment holds only PATH=/usr/bin:/bin, LANG=C, HOME and, for
 *     Delegate, KRB5CCNAME=FILE:<absolute path> and perhaps KRB5_CONFIG
 *     (an absolute path: the daemon's Kerberos configuration).
 *
 * It then sends READY (idl/worker.x) with what it verified, or a READY
 * whose ok is false with the first failed check, and exits 1.  After that
 * it serves requests on descriptor 3 until the daemon closes its end.
 * PROVIDE requests go to the providers compiled in (provider.c), which
 * may answer one request with several replies.
 *
 * Usage (by priv_worker.c only):
 *     cimrpc-worker --uid UID --gid GID --groups [GID[,GID...]]
 *                   [--reboot-command PATH] [--shutdown-command PATH]
 *
 * The commands are what Linux_OperatingSystem.Reboot and Shutdown run
 * (absolute paths; /sbin/reboot and /sbin/poweroff when not given).
 *
 * The program links libtirpc for XDR and nothing of the daemon: no SQLite,
 * no repository, no Kerberos.  Exit status: 0 when the daemon closed the
 * channel, 1 when a check failed, 2 on a protocol or system error.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "priv/priv_channel.h"
#include "worker.h"
#include "worker/provider.h"

#define WORKER_FD 3

extern char **environ;

struct target {
    uid_t uid;
    gid_t gid;
    gid_t groups[WORKER_GROUPS_MAX];
    size_t ngroups;
};

/* ------------------------------------------------------------ helpers ---- */


/* Parse a decimal id (no sign, no junk, below (id)-1) into *OUT. */
static int
parse_id(const char *s, unsigned int *out)
{
    unsigned long v;
    char *end;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v >= UINT_MAX)
        return -1;
    *out = (unsigned int)v;
    return 0;
}

static int
cmp_gid(const void *a, const void *b)
{
    gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

    return x < y ? -1 : x > y;
}

/* A command option's value: an absolute path that fits PATH_MAX. */
static int
parse_command(const char *opt, const char *val, const char **out, char *why, size_t why_len)
{
    if (val[0] != '/')
        return priv_why(why, why_len, "%s must be an absolute path, not '%.256s'", opt, val);
    if (strlen(val) >= PATH_MAX)
        return priv_why(why, why_len, "%s is longer than %d bytes", opt, PATH_MAX - 1);
    *out = val;
    return 0;
}

/* Parse "--uid U --gid G --groups a,b,c" into *T and the command options
 * into *CFG (their values borrowed from ARGV). */
static int
parse_args(int argc, char **argv, struct target *t, struct provider_config *cfg, char *why,
           size_t why_len)
{
    unsigned int v;
    bool have_uid = false, have_gid = false, have_groups = false;

    memset(t, 0, sizeof(*t));
    cfg->reboot_command = PROVIDER_DEFAULT_REBOOT;
    cfg->shutdown_command = PROVIDER_DEFAULT_SHUTDOWN;
    for (int i = 1; i < argc; i += 2) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

        if (!val)
            return priv_why(why, why_len, "option %s needs a value", opt);
        if (strcmp(opt, "--uid") == 0) {
            if (parse_id(val, &v) < 0)
                return priv_why(why, why_len, "bad --uid '%s'", val);
            t->uid = v;
            have_uid = true;
        } else if (strcmp(opt, "--gid") == 0) {
            if (parse_id(val, &v) < 0)
                return priv_why(why, why_len, "bad --gid '%s'", val);
            t->gid = v;
            have_gid = true;
        } else if (strcmp(opt, "--groups") == 0) {
            const char *p = val;

            while (*p) {
                char num[16];
                size_t len = strcspn(p, ",");

                if (len == 0 || len >= sizeof(num) || t->ngroups == WORKER_GROUPS_MAX)
                    return priv_why(why, why_len, "bad --groups '%s'", val);
                memcpy(num, p, len);
                num[len] = '\0';
                if (parse_id(num, &v) < 0)
                    return priv_why(why, why_len, "bad --groups '%s'", val);
                t->groups[t->ngroups++] = v;
                p += len;
                if (*p == ',' && *++p == '\0')
                    return priv_why(why, why_len, "bad --groups '%s'", val);
            }
            have_groups = true;
        } else if (strcmp(opt, "--reboot-command") == 0) {
            if (parse_command(opt, val, &cfg->reboot_command, why, why_len) < 0)
                return -1;
        } else if (strcmp(opt, "--shutdown-command") == 0) {
            if (parse_command(opt, val, &cfg->shutdown_command, why, why_len) < 0)
                return -1;
        } else {
            return priv_why(why, why_len, "unknown option %s", opt);
        }
    }
    if (!have_uid || !have_gid || !have_groups)
        return priv_why(why, why_len, "usage: cimrpc-worker --uid UID --gid GID --groups LIST "
                        "[--reboot-command PATH] [--shutdown-command PATH]");
    qsort(t->groups, t->ngroups, sizeof(t->groups[0]), cmp_gid);
    return 0;
}

/* Read the capability sets and NoNewPrivs from /proc/self/status. */
static int
read_status(worker_identity *id, char *why, size_t why_len)
{
    char line[256];
    FILE *f;
    unsigned seen = 0;

    f = fopen("/proc/self/status", "re");
    if (!f)
        return priv_why(why, why_len, "cannot read /proc/self/status: %s", strerror(errno));
    while (fgets(line, sizeof(line), f)) {
        unsigned long long v;
        int nnp;

        if (sscanf(line, "CapEff: %llx", &v) == 1) {
            id->cap_eff = v;
            seen |= 1;
        } else if (sscanf(line, "CapPrm: %llx", &v) == 1) {
            id->cap_prm = v;
            seen |= 2;
        } else if (sscanf(line, "CapInh: %llx", &v) == 1) {
            id->cap_inh = v;
            seen |= 4;
        } else if (sscanf(line, "CapAmb: %llx", &v) == 1) {
            id->cap_amb = v;
            seen |= 8;
        } else if (sscanf(line, "NoNewPrivs: %d", &nnp) == 1) {
            id->no_new_privs = nnp;
            seen |= 16;
        }
    }
    if (fclose(f) != 0 || seen != 31)
        return priv_why(why, why_len, "/proc/self/status lacks the capability or NoNewPrivs lines");
    return 0;
}

/* List the open descriptors (ascending) from /proc/self/fd. */
static int
read_fds(worker_identity *id, char *why, size_t why_len)
{
    struct dirent *de;
    DIR *d;
    int self;

    d = opendir("/proc/self/fd");
    if (!d)
        return priv_why(why, why_len, "cannot list /proc/self/fd: %s", strerror(errno));
    self = dirfd(d);
    id->fds.fds_val = calloc(WORKER_FDS_MAX, sizeof(int));
    if (!id->fds.fds_val) {
        closedir(d);
        return priv_why(why, why_len, "out of memory");
    }
    while ((de = readdir(d))) {
        unsigned int fd;

        if (de->d_name[0] == '.')
            continue;
        if (parse_id(de->d_name, &fd) < 0 || (int)fd == self)
            continue;
        if (id->fds.fds_len == WORKER_FDS_MAX) {
            closedir(d);
            return priv_why(why, why_len, "more than %d descriptors open", WORKER_FDS_MAX);
        }
        id->fds.fds_val[id->fds.fds_len++] = (int)fd;
    }
    closedir(d);
    qsort(id->fds.fds_val, id->fds.fds_len, sizeof(int), cmp_gid);
    return 0;
}

/* What this process runs as, from the kernel.  *ID is zeroed first;
 * free it with xdr_free(xdr_worker_identity, ID). */
static int
identity_read(worker_identity *id, char *why, size_t why_len)
{
    uid_t r, e, s;
    gid_t rg, eg, sg;
    int n;

    memset(id, 0, sizeof(*id));
    if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
        return priv_why(why, why_len, "getresuid/getresgid failed: %s", strerror(errno));
    id->ruid = r, id->euid = e, id->suid = s;
    id->rgid = rg, id->egid = eg, id->sgid = sg;
    n = getgroups(0, NULL);
    if (n < 0)
        return priv_why(why, why_len, "getgroups failed: %s", strerror(errno));
    if (n > WORKER_GROUPS_MAX)
        return priv_why(why, why_len, "member of %d groups (at most %d)", n, WORKER_GROUPS_MAX);
    id->groups.groups_val = calloc((size_t)n + 1, sizeof(u_int));
    if (!id->groups.groups_val)
        return priv_why(why, why_len, "out of memory");
    {
        gid_t g[WORKER_GROUPS_MAX];
        int got = getgroups(n, g);

        if (got < 0)
            return priv_why(why, why_len, "getgroups failed: %s", strerror(errno));
        qsort(g, (size_t)got, sizeof(g[0]), cmp_gid);
        for (int i = 0; i < got; i++)
            id->groups.groups_val[i] = g[i];
        id->groups.groups_len = (u_int)got;
    }
    if (read_status(id, why, why_len) < 0)
        return -1;
    return read_fds(id, why, why_len);
}

/* -------------------------------------------------------------- checks ---- */

static int
check_ids(const worker_identity *id, const struct target *t, char *why, size_t why_len)
{
    if (id->ruid != t->uid || id->euid != t->uid || id->suid != t->uid)
        return priv_why(why, why_len, "uids are %u/%u/%u, not %u", id->ruid, id->euid, id->suid,
                    (unsigned)t->uid);
    if (id->rgid != t->gid || id->egid != t->gid || id->sgid != t->gid)
        return priv_why(why, why_len, "gids are %u/%u/%u, not %u", id->rgid, id->egid, id->sgid,
                    (unsigned)t->gid);
    if (id->groups.groups_len != t->ngroups)
        return priv_why(why, why_len, "member of %u groups, not %zu", id->groups.groups_len,
                    t->ngroups);
    for (size_t i = 0; i < t->ngroups; i++)
        if (id->groups.groups_val[i] != t->groups[i])
            return priv_why(why, why_len, "supplementary groups differ from the target's (%u)",
                        id->groups.groups_val[i]);
    return 0;
}

static int
check_caps(const worker_identity *id, char *why, size_t why_len)
{
    if (id->cap_eff || id->cap_prm || id->cap_inh || id->cap_amb)
        return priv_why(why, why_len, "holds capabilities (CapEff %" PRIx64 ", CapPrm %" PRIx64
                    ", CapInh %" PRIx64 ", CapAmb %" PRIx64 ")", (uint64_t)id->cap_eff,
                    (uint64_t)id->cap_prm, (uint64_t)id->cap_inh, (uint64_t)id->cap_amb);
    if (id->no_new_privs != 1 || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
        return priv_why(why, why_len, "no_new_privs is not set");
    return 0;
}

static int
check_fds(const worker_identity *id, char *why, size_t why_len)
{
    struct stat st;
    int type = 0;
    socklen_t len = sizeof(type);

    if (id->fds.fds_len != 4)
        return priv_why(why, why_len, "%u descriptors are open, not 4 (0-3)", id->fds.fds_len);
    for (int fd = 0; fd < 4; fd++)
        if (id->fds.fds_val[fd] != fd)
            return priv_why(why, why_len, "descriptor %d is open", id->fds.fds_val[fd]);
    for (int fd = 0; fd < 3; fd++)
        if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(1, 3))
            return priv_why(why, why_len, "descriptor %d is not /dev/null", fd);
    if (fstat(WORKER_FD, &st) < 0 || !S_ISSOCK(st.st_mode) ||
        getsockopt(WORKER_FD, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_SEQPACKET)
        return priv_why(why, why_len, "descriptor 3 is not a SOCK_SEQPACKET socket");
    return 0;
}

/* Each attempt to regain root must fail with EPERM.  If one succeeds the
 * process exits at once: it must never serve (or even report) as root. */
static void
try_regain(worker_regain *r)
{
    errno = 0;
    r->setuid_errno = setuid(0) == 0 ? 0 : errno;
    errno = 0;
    r->seteuid_errno = seteuid(0) == 0 ? 0 : errno;
    errno = 0;
    r->setgid_errno = setgid(0) == 0 ? 0 : errno;
    errno = 0;
    r->setgroups_errno = setgroups(0, NULL) == 0 ? 0 : errno;
    if (!r->setuid_errno || !r->seteuid_errno || !r->setgid_errno || !r->setgroups_errno)
        _exit(1);
}

static int
check_regain(char *why, size_t why_len)
{
    worker_regain r;

    try_regain(&r);
    if (r.setuid_errno != EPERM || r.seteuid_errno != EPERM || r.setgid_errno != EPERM ||
        r.setgroups_errno != EPERM)
        return priv_why(why, why_len, "regaining root did not fail with EPERM (%d %d %d %d)",
                    r.setuid_errno, r.seteuid_errno, r.setgid_errno, r.setgroups_errno);
    return 0;
}

static bool
env_is(const char *entry, const char *name, size_t name_len)
{
    return strncmp(entry, name, name_len) == 0 && entry[name_len] == '=';
}

static int
check_env(char *why, size_t why_len)
{
    bool path = false, lang = false, home = false, ccache = false, krb5_config = false;

    for (char **e = environ; e && *e; e++) {
        const char *v = strchr(*e, '=');

        if (!v)
            return priv_why(why, why_len, "malformed environment entry");
        v++;
        if (env_is(*e, "PATH", 4) && !path && strcmp(v, "/usr/bin:/bin") == 0)
            path = true;
        else if (env_is(*e, "LANG", 4) && !lang && strcmp(v, "C") == 0)
            lang = true;
        else if (env_is(*e, "HOME", 4) && !home && v[0] == '/')
            home = true;
        else if (env_is(*e, "KRB5CCNAME", 10) && !ccache && strncmp(v, "FILE:/", 6) == 0)
            ccache = true;
        else if (env_is(*e, "KRB5_CONFIG", 11) && !krb5_config && v[0] == '/')
            krb5_config = true;
        else
            return priv_why(why, why_len, "unexpected environment entry %.*s",
                        (int)(v - *e - 1), *e);
    }
    if (!path || !lang || !home)
        return priv_why(why, why_len, "PATH, LANG or HOME missing from the environment");
    return 0;
}

/* Run every check; on success *ID holds what was verified. */
static int
verify(const struct target *t, worker_identity *id, char *why, size_t why_len)
{
    if (identity_read(id, why, why_len) < 0 || check_fds(id, why, why_len) < 0 ||
        check_ids(id, t, why, why_len) < 0 || check_caps(id, why, why_len) < 0 ||
        check_env(why, why_len) < 0 || check_regain(why, why_len) < 0)
        return -1;
    snprintf(why, why_len, "verified: uid %u, gid %u, %zu groups; no capabilities; "
             "no_new_privs; descriptors 0-3 only; clean environment; "
             "setuid(0), seteuid(0), setgid(0), setgroups() fail with EPERM",
             (unsigned)t->uid, (unsigned)t->gid, t->ngroups);
    return 0;
}

/* ------------------------------------------------------------- serving ---- */

static void
sleep_ms(unsigned int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Send one reply of a PROVIDE answer (provider_send_fn). */
static int
send_reply(void *arg, worker_reply *rep)
{
    (void)arg;
    return priv_channel_send(WORKER_FD, (xdrproc_t)xdr_worker_reply, rep);
}

/* Answer REQ into REP (zeroed; REP's reason points at WHY; release it
 * with provider_reply_release() after sending).  Returns PRIV_CHANNEL_OK,
 * or the channel status of a PROVIDE whose earlier replies could not be
 * sent (stop serving). */
static int
serve_one(const worker_request *req, worker_reply *rep, const struct provider_config *cfg,
          char *why, size_t why_len)
{
    rep->id = req->id;
    rep->body.op = req->body.op;
    rep->reason = why;
    why[0] = '\0';
    switch (req->body.op) {
    case WORKER_OP_IDENTITY:
        if (identity_read(&rep->body.worker_reply_body_u.identity, why, why_len) < 0)
            rep->status = EIO;
        break;
    case WORKER_OP_ECHO:
        /* Borrowed from REQ; REQ outlives the send. */
        rep->body.worker_reply_body_u.data.data_len = req->body.worker_request_body_u.data.data_len;
        rep->body.worker_reply_body_u.data.data_val = req->body.worker_request_body_u.data.data_val;
        break;
    case WORKER_OP_CRASH:
        abort();
    case WORKER_OP_SLEEP:
        if (req->body.worker_request_body_u.ms > WORKER_SLEEP_MAX) {
            rep->status = EINVAL;
            snprintf(why, why_len, "SLEEP of more than %d ms", WORKER_SLEEP_MAX);
            break;
        }
        sleep_ms(req->body.worker_request_body_u.ms);
        break;
    case WORKER_OP_TRY_REGAIN:
        try_regain(&rep->body.worker_reply_body_u.regain);
        break;
    case WORKER_OP_PROVIDE:
        return provider_serve(req, cfg, send_reply, NULL, rep, why, why_len);
    case WORKER_OP_READY:
    default:
        rep->status = EINVAL;
        snprintf(why, why_len, "operation %d is not a request", (int)req->body.op);
        break;
    }
    return PRIV_CHANNEL_OK;
}

static int
serve(const struct provider_config *cfg)
{
    char why[WORKER_REASON_MAX];

    for (;;) {
        worker_request req;
        worker_reply rep;
        int rc;

        memset(&req, 0, sizeof(req));
        rc = priv_channel_recv(WORKER_FD, (xdrproc_t)xdr_worker_request, &req, -1);
        if (rc == PRIV_CHANNEL_EOF)
            return 0;
        if (rc != PRIV_CHANNEL_OK)
            return 2;
        memset(&rep, 0, sizeof(rep));
        rc = serve_one(&req, &rep, cfg, why, sizeof(why));
        if (rc == PRIV_CHANNEL_OK)
            rc = priv_channel_send(WORKER_FD, (xdrproc_t)xdr_worker_reply, &rep);
        provider_reply_release(&rep);
        if (rep.body.op == WORKER_OP_IDENTITY)
            xdr_free((xdrproc_t)xdr_worker_identity,
                     (char *)&rep.body.worker_reply_body_u.identity);
        xdr_free((xdrproc_t)xdr_worker_request, (char *)&req);
        if (rc == PRIV_CHANNEL_EOF)
            return 0;
        if (rc != PRIV_CHANNEL_OK)
            return 2;
    }
}

int
main(int argc, char **argv)
{
    char why[WORKER_REASON_MAX];
    struct provider_config cfg;
    struct target t;
    worker_reply ready;
    int ok, rc;

    memset(&ready, 0, sizeof(ready));
    ready.body.op = WORKER_OP_READY;
    ready.reason = why;
    ok = parse_args(argc, argv, &t, &cfg, why, sizeof(why)) == 0 &&
         verify(&t, &ready.body.worker_reply_body_u.ready.verified, why, sizeof(why)) == 0;
    ready.status = ok ? 0 : EPERM;
    ready.body.worker_reply_body_u.ready.ok = ok;
    ready.body.worker_reply_body_u.ready.reason = why;
    rc = priv_channel_send(WORKER_FD, (xdrproc_t)xdr_worker_reply, &ready);
    xdr_free((xdrproc_t)xdr_worker_identity,
             (char *)&ready.body.worker_reply_body_u.ready.verified);
    if (!ok)
        return 1;
    if (rc != PRIV_CHANNEL_OK)
        return 2;
    return serve(&cfg);
}
