/*
 * repo.c: opening the repository, its integrity check, migrations and
 * transactions.
 *
 * Opening order: open (creating only with REPO_OPEN_CREATE), busy timeout,
 * PRAGMA quick_check (a damaged file is refused with SQLite's first
 * complaint), WAL + synchronous=FULL + foreign_keys, then the migrations
 * above the file's user_version, each in its own transaction together
 * with the user_version it reaches.  A file from a newer cimrpc (a
 * user_version above the last migration known) is refused rather than
 * misread.
 *
 * The handle also keeps prepared statements (repo_stmt.c) and decoded
 * classes (repo_class.c); both are emptied at close, and the class cache
 * at every rollback, so that nothing read inside an abandoned transaction
 * outlives it.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "repository/repo_internal.h"
#include "repository/repo_migrations.h"

#define REPO_BUSY_TIMEOUT_MS 5000

static int __attribute__((format(printf, 3, 0)))
repo_vfailc(struct repo_error *err, uint32_t code, const char *fmt, va_list ap)
{
    if (err != NULL) {
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        err->code = code;
    }
    return -1;
}

int
repo_failf(struct repo_error *err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    repo_vfailc(err, WBEM_E_FAILED, fmt, ap);
    va_end(ap);
    return -1;
}

int
repo_failc(struct repo_error *err, uint32_t code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    repo_vfailc(err, code, fmt, ap);
    va_end(ap);
    return -1;
}

int
repo_fail(struct repo *repo, struct repo_error *err, const char *what)
{
    int code = sqlite3_extended_errcode(repo->db);

    if (code == SQLITE_FULL)
        return repo_failf(err, "%s: the disk holding %s is full; free space and try again",
                          what, repo->path);
    if ((code & 0xff) == SQLITE_READONLY)
        return repo_failf(err, "%s: %s is read-only (%s)", what, repo->path,
                          sqlite3_errmsg(repo->db));
    return repo_failf(err, "%s: %s", what, sqlite3_errmsg(repo->db));
}

int
repo_prepare(struct repo *repo, const char *sql, sqlite3_stmt **stmt, struct repo_error *err)
{
    if (sqlite3_prepare_v2(repo->db, sql, -1, stmt, NULL) != SQLITE_OK) {
        *stmt = NULL;
        return repo_fail(repo, err, "preparing a repository statement");
    }
    return 0;
}

int
repo_exec_stmt(struct repo *repo, sqlite3_stmt *stmt, const char *what, struct repo_error *err)
{
    int rc = sqlite3_step(stmt);

    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return repo_fail(repo, err, what);
    return 0;
}

/* Run a fixed statement (no parameters, no rows wanted). */
int
repo_exec(struct repo *repo, const char *sql, const char *what, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_prepare(repo, sql, &stmt, err) < 0)
        return -1;
    rc = repo_exec_stmt(repo, stmt, what, err);
    sqlite3_finalize(stmt);
    return rc;
}

/* The integer result of a one-row query such as a PRAGMA. */
static int
repo_query_int(struct repo *repo, const char *sql, int *out, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc = -1;

    if (repo_prepare(repo, sql, &stmt, err) < 0)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *out = sqlite3_column_int(stmt, 0);
        rc = 0;
    } else {
        repo_fail(repo, err, "reading the repository's settings");
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* PRAGMA quick_check: "ok", or the first problem SQLite found. */
static int
repo_check_integrity(struct repo *repo, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc = -1;

    if (sqlite3_prepare_v2(repo->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
        return repo_failf(err, "%s is not a usable repository (%s); restore it from a backup "
                          "or move it away to start with a new one", repo->path,
                          sqlite3_errmsg(repo->db));
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *verdict = (const char *)sqlite3_column_text(stmt, 0);
        if (verdict != NULL && strcmp(verdict, "ok") == 0)
            rc = 0;
        else
            repo_failf(err, "%s is damaged (integrity check: %s); restore it from a backup or "
                       "move it away to start with a new one", repo->path,
                       verdict ? verdict : "no verdict");
    } else {
        repo_failf(err, "%s is not a usable repository (%s); restore it from a backup or move "
                   "it away to start with a new one", repo->path, sqlite3_errmsg(repo->db));
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int
repo_migrate(struct repo *repo, struct repo_error *err)
{
    int version;
    char sql[64];

    if (repo_query_int(repo, "PRAGMA user_version", &version, err) < 0)
        return -1;
    if (version > (int)repo_migrations_count)
        return repo_failf(err, "%s has schema version %d, newer than this cimrpcd knows (%zu): "
                          "run the cimrpcd that wrote it", repo->path, version,
                          repo_migrations_count);
    for (size_t i = (size_t)version; i < repo_migrations_count; i++) {
        const struct repo_migration *m = &repo_migrations[i];
        char *msg = NULL;

        if (repo_begin(repo, err) < 0)
            return -1;
        if (sqlite3_exec(repo->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
            repo_failf(err, "upgrading %s with migration %s failed: %s", repo->path, m->name,
                       msg ? msg : sqlite3_errmsg(repo->db));
            sqlite3_free(msg);
            repo_rollback(repo);
            return -1;
        }
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m->version);
        if (repo_exec(repo, sql, "recording the schema version", err) < 0 ||
            repo_commit(repo, err) < 0) {
            repo_rollback(repo);
            return -1;
        }
    }
    return 0;
}

int
repo_open(const char *path, int flags, struct repo **repo_out, struct repo_error *err)
{
    int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    struct repo *repo = calloc(1, sizeof(*repo));
    struct stat st;
    int journal_ok;

    *repo_out = NULL;
    if (repo == NULL || (repo->path = strdup(path)) == NULL) {
        free(repo);
        return repo_failf(err, "out of memory");
    }
    if (stat(path, &st) < 0) {
        if (errno != ENOENT || !(flags & REPO_OPEN_CREATE)) {
            repo_failf(err, "cannot open the repository %s: %s", path, strerror(errno));
            goto fail;
        }
        open_flags |= SQLITE_OPEN_CREATE;
    }
    if (sqlite3_open_v2(path, &repo->db, open_flags, NULL) != SQLITE_OK) {
        repo_failf(err, "cannot open the repository %s: %s", path,
                   repo->db ? sqlite3_errmsg(repo->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(repo->db, 1);
    sqlite3_busy_timeout(repo->db, REPO_BUSY_TIMEOUT_MS);
    if (!(flags & REPO_OPEN_NO_CHECK) && repo_check_integrity(repo, err) < 0)
        goto fail;
    if (repo_exec(repo, "PRAGMA journal_mode = WAL", "switching to WAL", err) < 0 ||
        repo_query_int(repo, "SELECT journal_mode = 'wal' FROM pragma_journal_mode", &journal_ok,
                       err) < 0)
        goto fail;
    if (!journal_ok) {
        repo_failf(err, "%s cannot use write-ahead logging (is its directory read-only or on "
                   "a network file system?)", path);
        goto fail;
    }
    if (repo_exec(repo, "PRAGMA synchronous = FULL", "setting synchronous=FULL", err) < 0 ||
        repo_exec(repo, "PRAGMA foreign_keys = ON", "enabling foreign keys", err) < 0 ||
        repo_exec(repo, REPO_PRAGMA_MMAP, "mapping the file", err) < 0 ||
        repo_exec(repo, REPO_PRAGMA_CACHE, "sizing the page cache", err) < 0 ||
        repo_like_register(repo, err) < 0 ||
        (!(flags & REPO_OPEN_NO_CHECK) && repo_migrate(repo, err) < 0))
        goto fail;
    *repo_out = repo;
    return 0;

fail:
    repo_close(repo);
    return -1;
}

void
repo_close(struct repo *repo)
{
    if (repo == NULL)
        return;
    if (repo->in_transaction)
        repo_rollback(repo);
    repo_class_cache_clear(repo);
    repo_stmt_cache_clear(repo);
    sqlite3_close_v2(repo->db);
    free(repo->path);
    free(repo);
}

int
repo_schema_version(struct repo *repo)
{
    int version = -1;

    if (repo_query_int(repo, "PRAGMA user_version", &version, NULL) < 0)
        return -1;
    return version;
}

int
repo_begin(struct repo *repo, struct repo_error *err)
{
    if (repo->in_transaction)
        return repo_failf(err, "internal error: a repository transaction is already open");
    if (repo->in_read)
        return repo_failf(err, "internal error: the repository cannot be written while "
                          "instances or classes are being read on the same connection");
    if (repo_exec(repo, "BEGIN IMMEDIATE", "starting a repository transaction", err) < 0)
        return -1;
    repo->in_transaction = true;
    return 0;
}

int
repo_commit(struct repo *repo, struct repo_error *err)
{
    if (!repo->in_transaction)
        return repo_failf(err, "internal error: no repository transaction to commit");
    if (repo_exec(repo, "COMMIT", "committing to the repository", err) < 0)
        return -1;          /* still open: the caller rolls back */
    repo->in_transaction = false;
    return 0;
}

void
repo_rollback(struct repo *repo)
{
    if (!repo->in_transaction)
        return;
    /* ROLLBACK cannot fail in a way that leaves the transaction half done;
     * if the connection is already out of the transaction it is a no-op. */
    (void)sqlite3_exec(repo->db, "ROLLBACK", NULL, NULL, NULL);
    repo->in_transaction = false;
    repo_class_cache_clear(repo);
}

/* Run one of the cached fixed statements BEGIN and COMMIT. */
static int
repo_exec_cached(struct repo *repo, const char *sql, const char *what, struct repo_error *err)
{
    sqlite3_stmt *stmt;
    int rc;

    if (repo_stmt(repo, sql, &stmt, err) < 0)
        return -1;
    rc = repo_exec_stmt(repo, stmt, what, err);
    repo_stmt_done(repo, stmt);
    return rc;
}

int
repo_read_begin(struct repo *repo, bool *own, struct repo_error *err)
{
    *own = false;
    if (repo->in_transaction || repo->in_read)
        return 0;
    if (repo_exec_cached(repo, "BEGIN", "starting a repository read", err) < 0)
        return -1;
    repo->in_read = true;
    *own = true;
    return 0;
}

void
repo_read_end(struct repo *repo, bool own)
{
    if (!own)
        return;
    /* Ending a read transaction writes nothing; should COMMIT fail (a
     * statement still running), ROLLBACK ends it just the same. */
    if (repo_exec_cached(repo, "COMMIT", "ending a repository read", NULL) < 0)
        (void)sqlite3_exec(repo->db, "ROLLBACK", NULL, NULL, NULL);
    repo->in_read = false;
}

bool
repo_data_version(struct repo *repo, unsigned *version_out)
{
    return sqlite3_file_control(repo->db, "main", SQLITE_FCNTL_DATA_VERSION,
                                version_out) == SQLITE_OK;
}

int
repo_write_begin(struct repo *repo, bool *own, struct repo_error *err)
{
    *own = !repo->in_transaction;
    return *own ? repo_begin(repo, err) : 0;
}

int
repo_write_end(struct repo *repo, bool own, int rc, struct repo_error *err)
{
    if (!own)
        return rc;
    if (rc >= 0 && repo_commit(repo, err) < 0)
        rc = -1;
    if (rc < 0)
        repo_rollback(repo);
    return rc;
}
