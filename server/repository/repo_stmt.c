/*
 * repo_stmt.c: the repository handle's prepared-statement cache.
 *
 * Preparing a statement costs more than running a point lookup, so the
 * statements of the hot paths (namespace and class lookups, instance
 * reads and writes) are prepared once per handle and kept, keyed by their
 * SQL text: REPO_STMT_CACHE_MAX slots, found by a 64-bit FNV-1a hash and
 * then the text, the least recently used evicted when full.  SQL text is
 * only ever built from fixed strings and integer ids (never from user
 * input), so the set of texts is bounded by the schema.
 *
 * Invariants: a slot's statement is either handed out (in_use, the
 * caller owns its current execution) or reset with no bindings; a
 * statement in use is never evicted nor handed out again.  After a schema
 * change (a table created or dropped) SQLite re-prepares a kept statement
 * by itself on its next step.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "repository/repo_internal.h"

static uint64_t
repo_stmt_hash(const char *sql)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (const unsigned char *p = (const unsigned char *)sql; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void
repo_stmt_slot_free(struct repo_stmt_slot *slot)
{
    sqlite3_finalize(slot->stmt);
    free(slot->sql);
    memset(slot, 0, sizeof(*slot));
}

int
repo_stmt(struct repo *repo, const char *sql, sqlite3_stmt **stmt_out, struct repo_error *err)
{
    uint64_t hash = repo_stmt_hash(sql);
    struct repo_stmt_slot *slot = NULL, *unused = NULL, *lru = NULL, *victim;
    bool busy = false;

    *stmt_out = NULL;
    for (size_t i = 0; i < REPO_STMT_CACHE_MAX; i++) {
        struct repo_stmt_slot *s = &repo->stmts[i];

        if (s->sql == NULL) {
            if (unused == NULL)
                unused = s;
        } else if (s->hash == hash && strcmp(s->sql, sql) == 0) {
            busy = s->in_use;
            slot = s;
            break;
        } else if (!s->in_use && (lru == NULL || s->last_used < lru->last_used)) {
            lru = s;
        }
    }
    if (slot != NULL && !busy) {
        slot->in_use = true;
        slot->last_used = ++repo->tick;
        *stmt_out = slot->stmt;
        return 0;
    }
    victim = unused != NULL ? unused : lru;
    if (busy || victim == NULL)          /* not kept: repo_stmt_done() finalizes it */
        return repo_prepare(repo, sql, stmt_out, err);
    if (victim->sql != NULL)
        repo_stmt_slot_free(victim);
    if ((victim->sql = strdup(sql)) == NULL)
        return repo_failf(err, "out of memory");
    if (sqlite3_prepare_v3(repo->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &victim->stmt,
                           NULL) != SQLITE_OK) {
        repo_fail(repo, err, "preparing a repository statement");
        repo_stmt_slot_free(victim);
        return -1;
    }
    victim->hash = hash;
    victim->in_use = true;
    victim->last_used = ++repo->tick;
    *stmt_out = victim->stmt;
    return 0;
}

void
repo_stmt_done(struct repo *repo, sqlite3_stmt *stmt)
{
    if (stmt == NULL)
        return;
    for (size_t i = 0; i < REPO_STMT_CACHE_MAX; i++) {
        struct repo_stmt_slot *s = &repo->stmts[i];

        if (s->stmt == stmt) {
            /* reset's result repeats the last step's error, already handled */
            (void)sqlite3_reset(stmt);
            (void)sqlite3_clear_bindings(stmt);
            s->in_use = false;
            return;
        }
    }
    sqlite3_finalize(stmt);
}

void
repo_stmt_cache_clear(struct repo *repo)
{
    for (size_t i = 0; i < REPO_STMT_CACHE_MAX; i++)
        if (repo->stmts[i].sql != NULL)
            repo_stmt_slot_free(&repo->stmts[i]);
}
