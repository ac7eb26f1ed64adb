/*
 * audit.h: the audit trail of access decisions (DESIGN.md section 6).
 *
 * Every access decision about a call whose procedure has an audit
 * category (@audit in idl/cimrpc.x other than none) is recorded, allowed
 * and denied alike, before the call's reply is sent and, when allowed,
 * before the operation runs: the time (ISO 8601, UTC, microseconds), the
 * principal, the local account and uid, the peer address and transport,
 * the operation and its category, the namespace, the object the call
 * names (audit.c knows, per procedure, where the arguments name it), the
 * authentication and impersonation levels, the outcome and the reason.
 * rpc/dispatch.c records the decisions it makes (session, level, rights);
 * a handler that decides more inside the operation records that too,
 * with audit_call_decision() or audit_access_check() and an object that
 * says what it checked: the authentication level a session may have
 * (procs/proc_open_session.c), the privileges of a method
 * (proc_exec_method.c) and of reading the trail (proc_cursor.c), Read
 * and Edit Security in __SystemSecurity's methods (system_security.c),
 * writing a privilege grant (proc_instance_put.c, proc_instance_delete.c),
 * and the namespaces and security settings a MOF writes
 * (proc_mof_compile.c, security/namespace_policy.c).  Each decision is
 * recorded once: a handler does not record again what the dispatcher
 * decided.  Each record goes to two places:
 *
 *   - a row of table audit in the audit database, a SQLite file of its
 *     own next to the repository (--audit; default REPOSITORY.audit),
 *     which callers with the security privilege in effect read as the
 *     instances of class __AuditRecord in namespace root
 *     (schema/mof/audit.mof; served by procs/proc_cursor.c from
 *     audit_page());
 *   - one line of the daemon's log (syslog when it runs as a daemon):
 *     LOG_NOTICE for a denial, LOG_INFO when allowed, the same fields as
 *     key=value pairs (values with spaces, quotes or control characters
 *     quoted and escaped, so no value can forge a line or a field).
 *
 * What is recorded, and where, follows the audit section of the
 * delegated configuration of the call's namespace (config/config_policy.h:
 * successes, failures, destination); decisions about configuration calls
 * are always recorded in both places.
 *
 * Durability: the database is in WAL mode with synchronous=NORMAL.  A
 * record is committed before the reply, so it survives a crash of the
 * daemon, but it reaches the disk only at the next WAL checkpoint (every
 * 1000 pages, SQLite's default): a power loss may take the latest
 * records with it (the log line carries each one too).  An fsync per
 * call would cap every caller's throughput at the disk's flush rate; as
 * it is, a record costs an append to the WAL and a log line.
 *
 * Fail closed: when a record cannot be written (disk full, the database
 * locked by another program past the busy timeout, the file moved or
 * deleted while open), audit_decision() fails and its caller denies the
 * call with a reason saying that the audit trail cannot be written.
 * Records are never written to a file the path no longer names: a
 * moved or deleted audit file refuses every call until cimrpcd restarts
 * (and creates a new one); the records still in the WAL are copied into
 * the moved file first, so it is complete.
 *
 * Threads: like the repository, each event-loop thread has its own
 * connection (struct audit), used by that thread only; SQLite orders the
 * writers.  Ids grow with commit order, so a gap in them shows records
 * removed by hand (ids are the table's rowids, not AUTOINCREMENT, which
 * would cost a second page write per record).
 *
 * The file is not the repository and has no migrations: its one table
 * is created when missing (CREATE TABLE IF NOT EXISTS), and a file that
 * is not an audit database (another application's, or the repository
 * named by mistake) is refused.
 */
#ifndef CIMRPC_AUDIT_H
#define CIMRPC_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "rpc/call.h"

struct audit;       /* one thread's connection to the audit database */

enum audit_outcome {
    AUDIT_ALLOWED = 1,
    AUDIT_DENIED,
};

/*
 * Open the audit database at PATH (borrowed), creating it (mode 0600) and
 * its table when missing.  Returns 0 with *AUDIT_OUT set (the caller owns
 * it: audit_close()), or -1 with *AUDIT_OUT NULL and WHY (WHY_LEN bytes)
 * saying what is wrong with the file and what to do.
 */
int audit_open(const char *path, struct audit **audit_out, char *why, size_t why_len);

/* Close AUDIT and free it.  Accepts NULL. */
void audit_close(struct audit *audit);

/*
 * Record the decision OUTCOME about the call of CTX (borrowed; its entry's
 * audit category is not none) in AUDIT and in the log.  ARGS (borrowed)
 * are the call's decoded arguments, where the object and, for a session
 * being opened, the namespace and levels are read from (NULL when they
 * are not known).  OBJECT (borrowed) names the object when the caller
 * knows better than the arguments (NULL: from the arguments).  REASON
 * (borrowed) is the denial's reason, or what the allowed call held.
 * Returns 0 once the record is committed, or -1 (logged, with the line
 * of the decision) with WHY (WHY_LEN bytes) saying that the audit trail
 * cannot be written and why: the caller must then deny the call.
 */
int audit_decision(struct audit *audit, const struct call_context *ctx, const void *args,
                   const char *object, enum audit_outcome outcome, const char *reason,
                   char *why, size_t why_len);

/*
 * A decision a handler makes inside the call of CTX (borrowed), after the
 * dispatcher recorded the procedure's own check: record it in the audit
 * trail of the thread serving CTX.  OBJECT (borrowed) says what was
 * checked, as "NAMESPACE:WHAT (NEEDED)", such as
 * "root/cimv2:__SystemSecurity::SetSD (Edit Security)".  ARGS as for
 * audit_decision() (NULL once CTX has a session).  ALLOWED is the
 * decision; REASON (borrowed) what the allowed caller held, or why it was
 * denied.  Returns 0 when the call may go on (allowed, and recorded), or
 * -1 when it may not, with WHY (WHY_LEN bytes; not REASON's buffer): a
 * copy of REASON for a denial (which stands whether it was recorded or
 * not), or why the audit trail cannot be written for an allowed decision
 * that could not be recorded.
 */
int audit_call_decision(const struct call_context *ctx, const void *args, const char *object,
                        bool allowed, const char *reason, char *why, size_t why_len);

/*
 * access_check() (security/access.h) of the caller of CTX (borrowed) for
 * the rights NEEDED on namespace NSPACE (borrowed), recorded with
 * audit_call_decision() (ARGS as there: the arguments of a session being
 * opened, otherwise NULL) under the object "NSPACE:WHAT (RIGHTS)" (WHAT
 * borrowed, such as "__SystemSecurity::SetSD") and, when allowed, the
 * reason "holds RIGHTS on namespace NSPACE".  Returns 0, or -1 with WHY
 * (WHY_LEN bytes) naming what is missing, or why the trail cannot be
 * written.
 */
int audit_access_check(const struct call_context *ctx, const void *args, const char *nspace,
                       uint32_t needed, const char *what, char *why, size_t why_len);

/* The highest record id so far into *ID_OUT (0 when there is none).
 * Returns 0, or -1 with WHY set. */
int audit_last_id(struct audit *audit, uint64_t *id_out, char *why, size_t why_len);

/*
 * A record as an instance of __AuditRecord, and its id.  FN may take
 * over INST's contents (leaving it empty); what it leaves is freed after
 * it returns.  Returns 0 to go on, 1 to stop after this record, -1 to
 * stop with an error (audit_page() then returns -1 with WHY empty).
 */
typedef int audit_row_fn(cim_instance *inst, uint64_t id, void *arg);

/*
 * Read the records with AFTER < id <= UPTO in id order, at most MAX of
 * them, each passed to FN with ARG.  *AFTER_INOUT (in: AFTER) becomes
 * the id of the last record passed, *DONE_OUT whether none is left up to
 * UPTO.  Memory stays bounded by one record.  Returns the number of
 * records read, or -1 with WHY set (or left empty when FN failed).
 */
int audit_page(struct audit *audit, uint64_t *after_inout, uint64_t upto, unsigned max,
               audit_row_fn *fn, void *arg, bool *done_out, char *why, size_t why_len);

#endif
