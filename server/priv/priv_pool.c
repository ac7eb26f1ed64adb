/*
 * priv_pool.c: one worker per caller identity, reused, expired, limited.
 *
 * The pool is a list of entries, each a key (the identity that decides
 * what a worker can do: uid, gid, sorted groups, level, ccache path) and
 * its worker.  Invariants: no two entries share a key; every entry's
 * worker is alive or about to be removed by the same function that found
 * it dead; a removed worker is always reaped (priv_worker_end()).
 *
 * Threads: one mutex guards the list.  A call takes an idle entry of its
 * identity (or spawns one, under the mutex) and marks it busy, then
 * talks to the worker without the mutex, so calls of different
 * identities, and of one identity on several workers, run at once; a
 * call that finds every worker of its identity busy and no room for
 * another waits (up to the call timeout) for one to come free.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "priv/priv_pool.h"

struct pool_entry {
    struct pool_entry *next;
    uid_t uid;
    gid_t gid;
    gid_t groups[PRIV_GROUPS_MAX];      /* sorted */
    size_t ngroups;
    enum levels_imp level;
    char *ccache_path;                  /* NULL unless Delegate */
    struct priv_worker *worker;
    long long last_used_ms;
    bool busy;                          /* a call is using the worker */
};

struct priv_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;               /* an entry stopped being busy */
    struct pool_entry *entries;
    size_t count;
    char *worker_path;
    char *worker_args[PRIV_EXTRA_ARGS_MAX + 1];
    bool locks_ready;
    unsigned int idle_timeout_ms, call_timeout_ms, max_workers, max_per_user;
    int last_status;
};

static int __attribute__((format(printf, 3, 4)))
pool_fail(struct priv_error *err, uint32_t code, const char *fmt, ...)
{
    va_list ap;

    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return -1;
}

int
priv_pool_new(const struct priv_pool_config *cfg, struct priv_pool **pool_out,
              struct priv_error *err)
{
    struct priv_pool *pool;

    *pool_out = NULL;
    if (!cfg->worker_path || cfg->worker_path[0] != '/')
        return pool_fail(err, WBEM_E_FAILED, "the provider worker program path must be absolute");
    if (cfg->idle_timeout_ms > PRIV_POOL_TIMEOUT_MAX_MS ||
        cfg->call_timeout_ms > PRIV_POOL_TIMEOUT_MAX_MS)
        return pool_fail(err, WBEM_E_FAILED, "provider worker timeouts are at most %d ms",
                         PRIV_POOL_TIMEOUT_MAX_MS);
    pool = calloc(1, sizeof(*pool));
    if (!pool || !(pool->worker_path = strdup(cfg->worker_path))) {
        free(pool);
        return pool_fail(err, WBEM_E_FAILED, "out of memory");
    }
    for (size_t i = 0; cfg->worker_args != NULL && cfg->worker_args[i] != NULL; i++)
        if (i >= PRIV_EXTRA_ARGS_MAX ||
            (pool->worker_args[i] = strdup(cfg->worker_args[i])) == NULL) {
            priv_pool_free(pool);
            return pool_fail(err, WBEM_E_FAILED, i >= PRIV_EXTRA_ARGS_MAX ?
                             "too many provider worker arguments" : "out of memory");
        }
    if (pthread_mutex_init(&pool->lock, NULL) != 0) {
        priv_pool_free(pool);
        return pool_fail(err, WBEM_E_FAILED, "cannot create the worker pool's lock");
    }
    if (pthread_cond_init(&pool->freed, NULL) != 0) {
        pthread_mutex_destroy(&pool->lock);
        priv_pool_free(pool);
        return pool_fail(err, WBEM_E_FAILED, "cannot create the worker pool's condition");
    }
    pool->locks_ready = true;
    pool->idle_timeout_ms = cfg->idle_timeout_ms ? cfg->idle_timeout_ms : PRIV_POOL_IDLE_TIMEOUT_MS;
    pool->call_timeout_ms = cfg->call_timeout_ms ? cfg->call_timeout_ms : PRIV_POOL_CALL_TIMEOUT_MS;
    pool->max_workers = cfg->max_workers ? cfg->max_workers : PRIV_POOL_MAX_WORKERS;
    pool->max_per_user = cfg->max_per_user ? cfg->max_per_user : PRIV_POOL_MAX_PER_USER;
    pool->last_status = -1;
    *pool_out = pool;
    return 0;
}

/* Unlink E from the list and end its worker. */
static void
pool_remove(struct priv_pool *pool, struct pool_entry *e)
{
    struct pool_entry **pp;
    int st;

    for (pp = &pool->entries; *pp; pp = &(*pp)->next)
        if (*pp == e) {
            *pp = e->next;
            pool->count--;
            break;
        }
    priv_worker_end(e->worker, &st);
    pool->last_status = st;
    free(e->ccache_path);
    free(e);
}

void
priv_pool_free(struct priv_pool *pool)
{
    if (!pool)
        return;
    while (pool->entries)
        pool_remove(pool, pool->entries);
    for (size_t i = 0; i < PRIV_EXTRA_ARGS_MAX; i++)
        free(pool->worker_args[i]);
    if (pool->locks_ready) {
        pthread_cond_destroy(&pool->freed);
        pthread_mutex_destroy(&pool->lock);
    }
    free(pool->worker_path);
    free(pool);
}

static int
cmp_gid(const void *a, const void *b)
{
    gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

    return x < y ? -1 : x > y;
}

static bool
entry_matches(const struct pool_entry *e, const struct priv_identity *id, const gid_t *sorted)
{
    if (e->uid != id->uid || e->gid != id->gid || e->level != id->level ||
        e->ngroups != id->ngroups)
        return false;
    if (memcmp(e->groups, sorted, id->ngroups * sizeof(gid_t)) != 0)
        return false;
    if (!e->ccache_path != !id->ccache_path)
        return false;
    return !e->ccache_path || strcmp(e->ccache_path, id->ccache_path) == 0;
}

static struct pool_entry *
pool_find(const struct priv_pool *pool, const struct priv_identity *id)
{
    gid_t sorted[PRIV_GROUPS_MAX];

    if (id->ngroups > PRIV_GROUPS_MAX)
        return NULL;
    memcpy(sorted, id->groups, id->ngroups * sizeof(gid_t));
    qsort(sorted, id->ngroups, sizeof(gid_t), cmp_gid);
    for (struct pool_entry *e = pool->entries; e; e = e->next)
        if (!e->busy && entry_matches(e, id, sorted))
            return e;
    return NULL;
}

/* Is a worker of ID busy (so waiting for it makes sense)? */
static bool
pool_has_busy(const struct priv_pool *pool, const struct priv_identity *id)
{
    gid_t sorted[PRIV_GROUPS_MAX];

    memcpy(sorted, id->groups, id->ngroups * sizeof(gid_t));
    qsort(sorted, id->ngroups, sizeof(gid_t), cmp_gid);
    for (struct pool_entry *e = pool->entries; e; e = e->next)
        if (e->busy && entry_matches(e, id, sorted))
            return true;
    return false;
}

/* priv_pool_expire() with the lock held. */
static size_t
pool_expire_locked(struct priv_pool *pool)
{
    long long now = clock_monotonic_ms();
    struct pool_entry *e, *next;
    size_t removed = 0;

    for (e = pool->entries; e; e = next) {
        next = e->next;
        if (e->busy)
            continue;
        if (!priv_worker_alive(e->worker) ||
            now - e->last_used_ms >= (long long)pool->idle_timeout_ms) {
            pool_remove(pool, e);
            removed++;
        }
    }
    return removed;
}

size_t
priv_pool_expire(struct priv_pool *pool)
{
    size_t removed;

    pthread_mutex_lock(&pool->lock);
    removed = pool_expire_locked(pool);
    pthread_mutex_unlock(&pool->lock);
    return removed;
}

/* Spawn a worker for ID into a new entry, within the limits. */
static struct pool_entry *
pool_spawn(struct priv_pool *pool, const struct priv_identity *id, struct priv_error *err)
{
    char why[sizeof(err->message)];
    struct pool_entry *e;
    size_t mine = 0;

    if (priv_identity_check(id, why, sizeof(why)) < 0) {
        pool_fail(err, WBEM_E_ACCESS_DENIED, "%s", why);
        return NULL;
    }
    for (e = pool->entries; e; e = e->next)
        if (e->uid == id->uid)
            mine++;
    if (mine >= pool->max_per_user) {
        pool_fail(err, WBEM_E_QUOTA_VIOLATION, "%s already has %zu provider workers (the "
                  "limit per user is %u); try again when one has ended",
                  id->account ? id->account : "this account", mine, pool->max_per_user);
        return NULL;
    }
    if (pool->count >= pool->max_workers) {
        pool_fail(err, WBEM_E_QUOTA_VIOLATION, "the server already runs %zu provider workers "
                  "(the limit is %u); try again when one has ended", pool->count,
                  pool->max_workers);
        return NULL;
    }
    e = calloc(1, sizeof(*e));
    if (!e || (id->ccache_path && !(e->ccache_path = strdup(id->ccache_path)))) {
        free(e);
        pool_fail(err, WBEM_E_PROVIDER_FAILURE, "out of memory");
        return NULL;
    }
    e->uid = id->uid;
    e->gid = id->gid;
    e->level = id->level;
    e->ngroups = id->ngroups;
    memcpy(e->groups, id->groups, id->ngroups * sizeof(gid_t));
    qsort(e->groups, e->ngroups, sizeof(gid_t), cmp_gid);
    if (priv_worker_spawn_args(id, pool->worker_path, (const char *const *)pool->worker_args,
                               &e->worker, why, sizeof(why)) < 0) {
        pool_fail(err, WBEM_E_PROVIDER_FAILURE, "%s", why);
        free(e->ccache_path);
        free(e);
        return NULL;
    }
    e->last_used_ms = clock_monotonic_ms();
    e->next = pool->entries;
    pool->entries = e;
    pool->count++;
    return e;
}

/*
 * Take an idle worker of ID, spawning one when there is none and room for
 * it, or waiting (up to the call timeout) for a busy one of ID when there
 * is no room.  The entry comes back marked busy; give it back with
 * pool_release().  Returns NULL with ERR set.
 */
static struct pool_entry *
pool_acquire(struct priv_pool *pool, const struct priv_identity *id, struct priv_error *err)
{
    long long deadline = clock_monotonic_ms() + pool->call_timeout_ms;
    struct pool_entry *e;

    pthread_mutex_lock(&pool->lock);
    (void)pool_expire_locked(pool);
    while ((e = pool_find(pool, id)) == NULL) {
        struct timespec until;
        long long now = clock_monotonic_ms();

        if ((e = pool_spawn(pool, id, err)) != NULL)
            break;
        if (err->code != WBEM_E_QUOTA_VIOLATION || !pool_has_busy(pool, id) || now >= deadline)
            break;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (deadline - now) / 1000;
        until.tv_nsec += (long)((deadline - now) % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        if (pthread_cond_timedwait(&pool->freed, &pool->lock, &until) == ETIMEDOUT &&
            (e = pool_find(pool, id)) == NULL)
            break;
    }
    if (e != NULL) {
        e->busy = true;
        err->code = WBEM_S_NO_ERROR;
        err->message[0] = '\0';
    }
    pthread_mutex_unlock(&pool->lock);
    return e;
}

/* Give E back: idle again, or removed (its worker ended) when FAILED. */
static void
pool_release(struct priv_pool *pool, struct pool_entry *e, bool failed)
{
    pthread_mutex_lock(&pool->lock);
    e->busy = false;
    if (failed)
        pool_remove(pool, e);
    else
        e->last_used_ms = clock_monotonic_ms();
    pthread_cond_broadcast(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}

int
priv_pool_call(struct priv_pool *pool, const struct priv_identity *id,
               worker_request *req, worker_reply *reply_out, struct priv_error *err)
{
    char why[sizeof(err->message)];
    struct pool_entry *e;

    memset(reply_out, 0, sizeof(*reply_out));
    err->code = WBEM_S_NO_ERROR;
    err->message[0] = '\0';
    if ((e = pool_acquire(pool, id, err)) == NULL)
        return -1;
    if (priv_worker_call(e->worker, req, reply_out, (int)pool->call_timeout_ms,
                         why, sizeof(why)) < 0) {
        pool_release(pool, e, true);
        return pool_fail(err, WBEM_E_PROVIDER_FAILURE, "%s", why);
    }
    pool_release(pool, e, false);
    return 0;
}

int
priv_pool_provide(struct priv_pool *pool, const struct priv_identity *id,
                  worker_request *req, priv_provide_fn *fn, void *arg, struct priv_error *err)
{
    char why[sizeof(err->message)];
    struct pool_entry *e;
    worker_reply reply;
    bool more = true, first = true, failed = false;
    int rc = 0;

    err->code = WBEM_S_NO_ERROR;
    err->message[0] = '\0';
    if (req->body.op != WORKER_OP_PROVIDE)
        return pool_fail(err, WBEM_E_FAILED, "priv_pool_provide: not a PROVIDE request");
    if ((e = pool_acquire(pool, id, err)) == NULL)
        return -1;
    while (more) {
        int got = first ? priv_worker_call(e->worker, req, &reply, (int)pool->call_timeout_ms,
                                           why, sizeof(why))
                        : priv_worker_call_more(e->worker, req, &reply,
                                                (int)pool->call_timeout_ms, why, sizeof(why));
        const worker_provide_result *r = &reply.body.worker_reply_body_u.provide;

        first = false;
        if (got < 0) {
            failed = true;
            rc = pool_fail(err, WBEM_E_PROVIDER_FAILURE, "%s", why);
            break;
        }
        if (reply.status != 0) {
            /* The worker refused the request itself: a bug on our side. */
            rc = pool_fail(err, WBEM_E_PROVIDER_FAILURE, "the provider worker for %s refused "
                           "the request: %s", priv_worker_account(e->worker),
                           reply.reason ? reply.reason : "");
            more = false;
        } else if (r->code != 0 && r->more) {
            failed = true;              /* an error must be the last reply */
            rc = pool_fail(err, WBEM_E_PROVIDER_FAILURE, "the provider worker for %s broke "
                           "the protocol (an error with more to come)",
                           priv_worker_account(e->worker));
        } else {
            more = r->more;
            if (fn(r, reply.reason ? reply.reason : "", arg) < 0) {
                /* The caller wants no more: a worker still sending is
                 * ended rather than drained. */
                failed = more;
                more = false;
                rc = -1;
                err->code = WBEM_S_NO_ERROR;
            }
        }
        xdr_free((xdrproc_t)xdr_worker_reply, (char *)&reply);
        if (failed)
            break;
    }
    pool_release(pool, e, failed);
    return rc;
}

size_t
priv_pool_size(struct priv_pool *pool)
{
    size_t n;

    pthread_mutex_lock(&pool->lock);
    n = pool->count;
    pthread_mutex_unlock(&pool->lock);
    return n;
}

pid_t
priv_pool_worker_pid(struct priv_pool *pool, const struct priv_identity *id)
{
    struct pool_entry *e;
    pid_t pid;

    pthread_mutex_lock(&pool->lock);
    e = pool_find(pool, id);
    pid = e ? priv_worker_pid(e->worker) : 0;
    pthread_mutex_unlock(&pool->lock);
    return pid;
}

int
priv_pool_last_status(struct priv_pool *pool)
{
    int st;

    pthread_mutex_lock(&pool->lock);
    st = pool->last_status;
    pthread_mutex_unlock(&pool->lock);
    return st;
}
