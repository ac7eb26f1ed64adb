/*
 * repo_migrations.h: the repository's schema migrations, numbered from 1.
 *
 * The table is generated at build time from the files in schema/migrations by
 * schema/embed-sql.py, so the daemon needs no file at run time.  The
 * repository's PRAGMA user_version is the last migration applied.
 */
#ifndef CIMRPC_REPO_MIGRATIONS_H
#define CIMRPC_REPO_MIGRATIONS_H

#include <stddef.h>

struct repo_migration {
    int version;            /* 1, 2, ... in order */
    const char *name;       /* its file name, for messages */
    const char *sql;        /* statements to run, in one transaction */
};

extern const struct repo_migration repo_migrations[];
extern const size_t repo_migrations_count;

#endif
