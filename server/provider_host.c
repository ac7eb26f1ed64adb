/*
 * provider_host.c: the worker program, the service account and the pool
 * (provider_host.h).
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "provider_host.h"

#define PROVIDER_HOST_DEFAULT_ACCOUNT "nobody"

struct provider_host {
    struct priv_pool *pool;
    struct priv_identity service;
    char *service_account;
    char *service_home;
    char *worker_path;
    char *ccache_dir;                   /* NULL: none could be made */
    char *krb5_config;                  /* the daemon's KRB5_CONFIG, or NULL */
    bool allow_system;                  /* --allow-system-accounts */
};

/* Is PATH an executable regular file? */
static bool
provider_host_executable(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The worker program: OPTION when given (it must exist), else the
 * installed one, else the one beside this cimrpcd (a build tree).  A new
 * string, or NULL (logged). */
static char *
provider_host_worker(const char *option)
{
    char self[PATH_MAX], *slash, *path;
    ssize_t n;

    if (option != NULL) {
        if (provider_host_executable(option))
            return strdup(option);
        log_msg(LOG_ERR, "--worker %s: not an executable file (%s)", option,
                strerror(errno != 0 ? errno : EACCES));
        return NULL;
    }
    if (provider_host_executable(CIMRPC_DEFAULT_WORKER))
        return strdup(CIMRPC_DEFAULT_WORKER);
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n > 0) {
        self[n] = '\0';
        if ((slash = strrchr(self, '/')) != NULL) {
            slash[1] = '\0';
            if (asprintf(&path, "%scimrpc-worker", self) < 0)
                return NULL;
            if (provider_host_executable(path))
                return path;
            free(path);
        }
    }
    log_msg(LOG_ERR, "the provider worker %s is not installed, and there is no cimrpc-worker "
            "beside cimrpcd; install it or name it with --worker PATH", CIMRPC_DEFAULT_WORKER);
    return NULL;
}

int
provider_host_resolve_service(const char *name, struct priv_identity *id, char **account_out,
                              char **home_out, char *why, size_t why_len)
{
    struct passwd pw, *found = NULL;
    char buf[16384];
    int n = PRIV_GROUPS_MAX, rc;

    *account_out = *home_out = NULL;
    rc = getpwnam_r(name, &pw, buf, sizeof(buf), &found);
    if (rc != 0) {
        snprintf(why, why_len, "the service account %s cannot be looked up: %s", name,
                 strerror(rc));
        return -1;
    }
    if (found == NULL) {
        snprintf(why, why_len, "the service account %s does not exist; create it or name "
                 "another (security/impersonation serviceAccount, or --service-account)", name);
        return -1;
    }
    if (pw.pw_uid == 0) {
        snprintf(why, why_len, "the service account %s is root; provider code never runs as "
                 "root: name an unprivileged account", name);
        return -1;
    }
    memset(id, 0, sizeof(*id));
    id->uid = pw.pw_uid;
    id->gid = pw.pw_gid;
    if (getgrouplist(name, pw.pw_gid, id->groups, &n) < 0) {
        snprintf(why, why_len, "the service account %s is in more than %d groups", name,
                 PRIV_GROUPS_MAX);
        return -1;
    }
    if ((*account_out = strdup(name)) == NULL ||
        (*home_out = strdup(pw.pw_dir != NULL && pw.pw_dir[0] == '/' ? pw.pw_dir : "/")) == NULL) {
        free(*account_out);
        *account_out = NULL;
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    id->ngroups = (size_t)n;
    id->level = LEVELS_IMP_IDENTIFY;
    id->account = *account_out;
    id->home = *home_out;
    /* nobody and the like sit outside the range of login accounts. */
    id->flags = PRIV_ALLOW_SYSTEM;
    return 0;
}

/* The service account NAME into HOST->service.  Returns 0, or -1 (logged). */
static int
provider_host_account(struct provider_host *host, const char *name)
{
    char why[512];

    if (provider_host_resolve_service(name, &host->service, &host->service_account,
                                      &host->service_home, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "%s", why);
        return -1;
    }
    return 0;
}

/* REPOSITORY.delegated: made (or checked) root's, mode 0711, not a link.
 * A new string, or NULL (logged). */
static char *
provider_host_make_ccache_dir(const char *repository)
{
    struct stat st;
    char *dir;

    if (asprintf(&dir, "%s.delegated", repository) < 0)
        return NULL;
    if (mkdir(dir, 0711) < 0 && errno != EEXIST) {
        log_msg(LOG_WARNING, "cannot make %s for delegated credentials: %s; calls at "
                "impersonation level delegate will fail", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
        (st.st_mode & 0022) != 0 || chmod(dir, 0711) < 0) {
        log_msg(LOG_WARNING, "%s must be a directory of the daemon's own, writable by no one "
                "else; calls at impersonation level delegate will fail", dir);
        free(dir);
        return NULL;
    }
    return dir;
}

struct provider_host *
provider_host_new(const struct daemon_options *opts)
{
    struct provider_host *host = calloc(1, sizeof(*host));
    const char *args[5];
    struct priv_pool_config cfg = { 0 };
    struct priv_error err;
    size_t n = 0;

    if (host == NULL) {
        log_msg(LOG_ERR, "out of memory");
        return NULL;
    }
    if ((host->worker_path = provider_host_worker(opts->worker)) == NULL ||
        provider_host_account(host, opts->service_account ? opts->service_account
                                                            : PROVIDER_HOST_DEFAULT_ACCOUNT) < 0)
        goto fail;
    if (opts->reboot_command != NULL) {
        args[n++] = "--reboot-command";
        args[n++] = opts->reboot_command;
    }
    if (opts->shutdown_command != NULL) {
        args[n++] = "--shutdown-command";
        args[n++] = opts->shutdown_command;
    }
    args[n] = NULL;
    host->allow_system = opts->allow_system_accounts;
    host->ccache_dir = provider_host_make_ccache_dir(opts->repository);
    {
        const char *conf = getenv("KRB5_CONFIG");

        if (conf != NULL && conf[0] == '/' && (host->krb5_config = strdup(conf)) == NULL)
            goto fail;
    }
    cfg.worker_path = host->worker_path;
    cfg.idle_timeout_ms = opts->worker_idle_timeout * 1000u;
    cfg.worker_args = args;
    if (priv_pool_new(&cfg, &host->pool, &err) < 0) {
        log_msg(LOG_ERR, "cannot make the provider worker pool: %s", err.message);
        goto fail;
    }
    log_msg(LOG_INFO, "providers run in %s; callers who are only identified as %s (uid %lu)",
            host->worker_path, host->service_account, (unsigned long)host->service.uid);
    return host;

fail:
    provider_host_free(host);
    return NULL;
}

void
provider_host_free(struct provider_host *host)
{
    if (host == NULL)
        return;
    priv_pool_free(host->pool);
    free(host->service_account);
    free(host->service_home);
    free(host->worker_path);
    free(host->ccache_dir);
    free(host->krb5_config);
    free(host);
}

struct priv_pool *
provider_host_pool(const struct provider_host *host)
{
    return host->pool;
}

const struct priv_identity *
provider_host_service(const struct provider_host *host)
{
    return &host->service;
}

const char *
provider_host_ccache_dir(const struct provider_host *host)
{
    return host->ccache_dir;
}

const char *
provider_host_krb5_config(const struct provider_host *host)
{
    return host->krb5_config;
}

bool
provider_host_allow_system(const struct provider_host *host)
{
    return host->allow_system;
}
