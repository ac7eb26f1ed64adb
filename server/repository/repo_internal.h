/*
 * repo_internal.h: what the repo_*.c files share: the handle's layout and
 * the statement helpers.  Not for use outside server/repository/.
 */
#ifndef CIMRPC_REPO_INTERNAL_H
#define CIMRPC_REPO_INTERNAL_H

#include <sqlite3.h>
#include <stdarg.h>

#include "repository/repo.h"

struct repo {
    sqlite3 *db;
    char *path;
    bool in_transaction;
};

/* Record in ERR a message naming WHAT and SQLite's reason.  Returns -1. */
int repo_fail(struct repo *repo, struct repo_error *err, const char *what);

/* Record in ERR a formatted message.  Returns -1. */
int repo_failf(struct repo_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prepare SQL on REPO into *STMT.  Returns 0 or -1 (ERR set). */
int repo_prepare(struct repo *repo, const char *sql, sqlite3_stmt **stmt, struct repo_error *err);

/* Run a statement with no result rows to completion.  Returns 0 or -1. */
int repo_exec_stmt(struct repo *repo, sqlite3_stmt *stmt, const char *what, struct repo_error *err);

#endif
