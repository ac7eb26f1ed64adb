/*
 * priv_pool.c: one worker per caller identity, reused, expired, limited.
 *
 * The pool is a list of entries, each a key (the identity that decides
 * what a worker can do: uid, gid, sorted groups, level, ccache path) and
 * its worker.  Invariants: no two entries share a key; every entry's
 * worker is alive or about to be removed by the same function that found
 * it dead; a removed worker is always reaped (priv_worker_end()).
 */
#include <config.h>

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
};

struct priv_pool {
    struct pool_entry *entries;
    size_t count;
    char *worker_path;
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
        if (entry_matches(e, id, sorted))
            return e;
    return NULL;
}

size_t
priv_pool_expire(struct priv_pool *pool)
{
    long long now = clock_monotonic_ms();
    struct pool_entry *e, *next;
    size_t removed = 0;

    for (e = pool->entries; e; e = next) {
        next = e->next;
        if (!priv_worker_alive(e->worker) ||
            now - e->last_used_ms >= (long long)pool->idle_timeout_ms) {
            pool_remove(pool, e);
            removed++;
        }
    }
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
    if (priv_worker_spawn(id, pool->worker_path, &e->worker, why, sizeof(why)) < 0) {
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

int
priv_pool_call(struct priv_pool *pool, const struct priv_identity *id,
               worker_request *req, worker_reply *reply_out, struct priv_error *err)
{
    char why[sizeof(err->message)];
    struct pool_entry *e;

    memset(reply_out, 0, sizeof(*reply_out));
    err->code = WBEM_S_NO_ERROR;
    err->message[0] = '\0';
    (void)priv_pool_expire(pool);
    e = pool_find(pool, id);
    if (!e && !(e = pool_spawn(pool, id, err)))
        return -1;
    if (priv_worker_call(e->worker, req, reply_out, (int)pool->call_timeout_ms,
                         why, sizeof(why)) < 0) {
        pool_remove(pool, e);
        return pool_fail(err, WBEM_E_PROVIDER_FAILURE, "%s", why);
    }
    e->last_used_ms = clock_monotonic_ms();
    return 0;
}

size_t
priv_pool_size(const struct priv_pool *pool)
{
    return pool->count;
}

pid_t
priv_pool_worker_pid(const struct priv_pool *pool, const struct priv_identity *id)
{
    struct pool_entry *e = pool_find(pool, id);

    return e ? priv_worker_pid(e->worker) : 0;
}

int
priv_pool_last_status(const struct priv_pool *pool)
{
    return pool->last_status;
}
