/*
 * repo.h: the CIM repository, one SQLite database file.
 *
 * This module and its repo_*.c siblings own every SQL statement of the
 * daemon; nothing else includes <sqlite3.h>.  The database runs in WAL
 * mode with synchronous=FULL, so a write acknowledged after repo_commit()
 * survives a crash and a power loss; foreign keys are enforced.  A
 * repository handle belongs to one thread at a time, and never crosses
 * fork().
 */
#ifndef CIMRPC_REPO_H
#define CIMRPC_REPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct repo;

/*
 * How every repository connection reads: the file memory-mapped (up to
 * 256 MiB; pages are then read without a system call and shared between
 * connections) and a 16 MiB page cache.  The benchmark gives its raw
 * SQLite reference the same settings.
 */
#define REPO_PRAGMA_MMAP "PRAGMA mmap_size = 268435456"
#define REPO_PRAGMA_CACHE "PRAGMA cache_size = -16384"

/*
 * Why a repository call failed: a message a person can act on, and the
 * WBEM code (common/wbem.h) a client gets for it, WBEM_E_FAILED when
 * nothing more precise applies (damaged data, SQLite failures, out of
 * memory, internal errors).  Both are set on failure only.  The codes:
 *
 *   INVALID_NAMESPACE   a namespace missing, or its path malformed
 *   ALREADY_EXISTS      a namespace, class or instance (a related class's
 *                       instance with the same keys too) on create
 *   NOT_FOUND           what was asked for is missing: the class to update
 *                       or delete, the instance to update, the qualifier
 *                       declaration to delete
 *   INVALID_CLASS       a class named by an instance, a path, a listing or
 *                       as superclass is missing; a malformed class name;
 *                       a definition that cannot be stored (a subclass not
 *                       listing its superclass's properties first, a key
 *                       of an unusable type); an instance of an Abstract
 *                       class (WMI: INVALID_OPERATION, not defined here)
 *   INVALID_OBJECT_PATH a path's keys: missing, unknown, badly written,
 *                       out of range, '=@' misused, a class path
 *   INVALID_OBJECT      an instance without a value for a key, or too big
 *   INVALID_PARAMETER   an instance property the class lacks or given
 *                       twice; a malformed qualifier declaration
 *   TYPE_MISMATCH       a value of the wrong type, arrayness or range
 *   NOT_SUPPORTED       a change the repository refuses: a class with
 *                       subclasses or instances, a new superclass, too
 *                       many properties, deleting root (WMI's
 *                       CLASS_HAS_CHILDREN etc. are not defined here)
 *
 * Tri-state reads (1 found, 0 not found) leave ERR alone on 0.
 */
struct repo_error {
    char message[512];
    uint32_t code;
};

enum repo_open_flags {
    REPO_OPEN_CREATE = 0x1,     /* create the file (and schema) when missing */
    REPO_OPEN_NO_CHECK = 0x2,   /* skip the integrity check and migrations: for
                                   further connections once one has opened it */
};

/*
 * Open the repository at PATH: check its integrity (a damaged file is
 * refused, never repaired silently), then bring its schema up to date
 * with the numbered migrations, all in one transaction.  On success the
 * caller owns *REPO_OUT (repo_close()).  On failure ERR says why.
 */
int repo_open(const char *path, int flags, struct repo **repo_out, struct repo_error *err);

/* Close the repository.  Accepts NULL. */
void repo_close(struct repo *repo);

/* The schema version in force (the last migration applied). */
int repo_schema_version(struct repo *repo);

/*
 * Transactions.  repo_begin() starts an immediate (write) transaction;
 * repo_commit() makes it durable and returns 0 only once SQLite reported
 * COMMIT done; repo_rollback() undoes it and never fails.  Nested use is
 * an error.
 */
/* The data version of REPO's database (changed by every commit of
 * another connection, seen when a read starts): false if unknown. */
bool repo_data_version(struct repo *repo, unsigned *version_out);

/*
 * A read transaction around several statements, so that they see one
 * snapshot (a class and its instance tables as one state).  Nothing
 * happens when a transaction is already open; *OWN says whether this
 * call opened one, to pass to repo_read_end().  While it is open the
 * handle cannot start a write transaction.
 */
int repo_read_begin(struct repo *repo, bool *own, struct repo_error *err);
void repo_read_end(struct repo *repo, bool own);

int repo_begin(struct repo *repo, struct repo_error *err);
int repo_commit(struct repo *repo, struct repo_error *err);
void repo_rollback(struct repo *repo);

#endif
