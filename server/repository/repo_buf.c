/*
 * repo_buf.c: the two small containers the repository builds statements
 * and keys with: a growing string (SQL text from ids and column
 * positions, canonical keys, messages) and a list of table ids.
 *
 * A growing string records its first failure (out of memory) and drops
 * every later append, so a builder checks once, in repo_buf_take(); every
 * length it allocates is that of text already in memory.
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cim_path.h"
#include "repository/repo_internal.h"

bool
repo_buf_reserve(struct repo_buf *b, size_t more)
{
    size_t cap;
    char *s;

    if (b->failed)
        return false;
    if (more > SIZE_MAX / 4 - b->len) {
        b->failed = true;
        return false;
    }
    if (b->len + more + 1 <= b->cap)
        return true;
    for (cap = b->cap ? b->cap : 128; cap < b->len + more + 1; cap *= 2)
        ;
    if ((s = realloc(b->s, cap)) == NULL) {
        b->failed = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

void
repo_buf_add(struct repo_buf *b, const char *text)
{
    size_t n = strlen(text);

    if (!repo_buf_reserve(b, n))
        return;
    memcpy(b->s + b->len, text, n + 1);
    b->len += n;
}

void
repo_buf_addf(struct repo_buf *b, const char *fmt, ...)
{
    char small[64];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        repo_buf_add(b, small);
        return;
    }
    if (!repo_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void
repo_buf_quoted(struct repo_buf *b, const char *value)
{
    if (!repo_buf_reserve(b, 2 * strlen(value) + 2))
        return;
    if (cim_path_append_quoted(b->s, b->cap, &b->len, value) < 0)
        b->failed = true;
}

/* B's string (the caller frees it), or NULL with ERR set. */
char *
repo_buf_take(struct repo_buf *b, struct repo_error *err)
{
    if (b->failed || !repo_buf_reserve(b, 0)) {
        free(b->s);
        memset(b, 0, sizeof(*b));
        repo_failf(err, "out of memory");
        return NULL;
    }
    return b->s;
}

void
repo_ids_init(struct repo_ids *ids)
{
    ids->v = ids->inline_v;
    ids->n = 0;
    ids->cap = sizeof(ids->inline_v) / sizeof(ids->inline_v[0]);
}

int
repo_ids_push(struct repo_ids *ids, int64_t id, struct repo_error *err)
{
    if (ids->n == ids->cap) {
        int64_t *v = malloc(2 * ids->cap * sizeof(*v));

        if (v == NULL)
            return repo_failf(err, "out of memory");
        memcpy(v, ids->v, ids->n * sizeof(*v));
        if (ids->v != ids->inline_v)
            free(ids->v);
        ids->v = v;
        ids->cap *= 2;
    }
    ids->v[ids->n++] = id;
    return 0;
}

void
repo_ids_free(struct repo_ids *ids)
{
    if (ids->v != ids->inline_v)
        free(ids->v);
    repo_ids_init(ids);
}

/* Append to IDS the first column of every row of SQL with ?1 bound to ID. */
int
repo_ids_query(struct repo *repo, const char *sql, int64_t id, struct repo_ids *ids,
               struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_bind_int64(stmt, 1, id) != SQLITE_OK) {
        rc = repo_fail(repo, err, "listing instance tables");
        goto done;
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (repo_ids_push(ids, sqlite3_column_int64(stmt, 0), err) < 0)
            break;
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc != SQLITE_ROW)          /* SQLITE_ROW: repo_ids_push() failed, ERR set */
        rc = repo_fail(repo, err, "listing instance tables");
    else
        rc = -1;

done:
    repo_stmt_done(repo, stmt);
    return rc;
}
