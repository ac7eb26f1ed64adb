/*
 * audit.c: the audit trail of access decisions (see audit.h): the audit
 * database, the record of one decision (the dispatcher's, or a finer one
 * a handler makes: audit_call_decision(), audit_access_check()), its log
 * line, and reading the records back as instances of __AuditRecord.
 *
 * What a call names is read from its decoded arguments by procedure
 * number (audit_procs[] below); a procedure missing from the table is
 * recorded with its session's namespace and no object.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/levels.h"
#include "common/rights.h"
#include "config/config_policy.h"
#include "log.h"
#include "rpc/dispatch_entry.h"
#include "rpc/identity.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"
#include "server.h"
#include "transport/connection.h"

#define AUDIT_BUSY_TIMEOUT_MS 1000      /* another writer (a loop, sqlite3) at most */
#define AUDIT_APPLICATION_ID 0x43415544 /* "CAUD": PRAGMA application_id */
#define AUDIT_SCHEMA_VERSION 1          /* PRAGMA user_version */
#define AUDIT_OBJECT_MAX 1024           /* bytes of the object stored */
#define AUDIT_LOG_OBJECT_MAX 256        /* bytes of it in the log line */
#define AUDIT_LOG_LINE 2048             /* the log's own line limit (log.c) */
#define AUDIT_CLASS "__AuditRecord"

struct audit {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *insert;
    sqlite3_stmt *page;
    sqlite3_stmt *last;
    bool moved;                         /* the path no longer names the file */
};

static const char audit_schema[] =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS audit ("
    "  id INTEGER PRIMARY KEY,"
    "  time TEXT NOT NULL,"                 /* ISO 8601 UTC, microseconds */
    "  principal TEXT,"
    "  account TEXT,"
    "  uid INTEGER,"
    "  peer TEXT NOT NULL,"
    "  transport TEXT NOT NULL,"            /* local, network */
    "  operation TEXT NOT NULL,"            /* the procedure: INSTANCE_PUT */
    "  category TEXT NOT NULL,"             /* its @audit: session, read, ... */
    "  namespace TEXT,"
    "  object TEXT,"
    "  authn_level INTEGER,"                /* DCOM values (common/levels.h) */
    "  imp_level INTEGER,"
    "  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),"
    "  reason TEXT);"
    "PRAGMA application_id = 1128355140;"   /* AUDIT_APPLICATION_ID */
    "PRAGMA user_version = 1;"              /* AUDIT_SCHEMA_VERSION */
    "COMMIT;";

#define AUDIT_COLUMNS "time, principal, account, uid, peer, transport, operation, category, " \
    "namespace, object, authn_level, imp_level, outcome, reason"

static const char audit_insert_sql[] =
    "INSERT INTO audit (" AUDIT_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char audit_page_sql[] =
    "SELECT id, " AUDIT_COLUMNS " FROM audit WHERE id > ?1 AND id <= ?2 ORDER BY id LIMIT ?3";
static const char audit_last_sql[] = "SELECT coalesce(max(id), 0) FROM audit";

/* ---- what a call names ---- */

/* Where the arguments of one procedure name its object (into BUF, LEN
 * bytes, or a borrowed string) and, for a session being opened, its
 * namespace and impersonation level. */
struct audit_proc {
    uint32_t proc;
    const char *(*object)(const void *args, char *buf, size_t len);
    const char *(*nspace)(const void *args);
    int (*imp_level)(const void *args);
};

static const char *
audit_object_name(const void *args, char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return ((const cimrpc_name_args *)args)->name;
}

static const char *
audit_object_ns_list(const void *args, char *buf, size_t len)
{
    const char *parent = ((const cimrpc_ns_list_args *)args)->parent;

    (void)buf;
    (void)len;
    return parent != NULL && parent[0] != '\0' ? parent : NULL;
}

static const char *
audit_object_class_put(const void *args, char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return ((const cimrpc_class_put_args *)args)->cls.name;
}

static const char *
audit_object_instance_get(const void *args, char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return ((const cimrpc_instance_get_args *)args)->path;
}

static const char *
audit_object_instance_put(const void *args, char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return ((const cimrpc_instance_put_args *)args)->inst.class_name;
}

static const char *
audit_object_path(const void *args, char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return ((const cimrpc_path_args *)args)->path;
}

static const char *
audit_object_open_cursor(const void *args, char *buf, size_t len)
{
    const cimrpc_cursor_spec *spec = &((const cimrpc_open_cursor_args *)args)->spec;

    (void)buf;
    (void)len;
    switch (spec->kind) {
    case CIMRPC_CURSOR_CLASSES:
        return spec->cimrpc_cursor_spec_u.classes.superclass;
    case CIMRPC_CURSOR_INSTANCES:
        return spec->cimrpc_cursor_spec_u.instances.class_name;
    case CIMRPC_CURSOR_QUERY:
        return spec->cimrpc_cursor_spec_u.wql;
    default:
        return NULL;
    }
}

static const char *audit_bound(const char *src, char *buf, size_t max);

/* "PATH::METHOD", the path cut so that the method always fits. */
static const char *
audit_object_exec_method(const void *args, char *buf, size_t len)
{
    const cimrpc_exec_method_args *a = args;
    char path[AUDIT_OBJECT_MAX + 4];

    snprintf(buf, len, "%s::%s",
             a->path != NULL ? audit_bound(a->path, path, AUDIT_OBJECT_MAX - CIM_NAME_MAX - 8)
                             : "",
             a->method != NULL ? a->method : "");
    return buf;
}

static const char *
audit_object_mof_compile(const void *args, char *buf, size_t len)
{
    const cimrpc_mof_compile_args *a = args;

    (void)buf;
    (void)len;
    return a->files.files_len > 0 ? a->files.files_val[0].name : NULL;
}

static const char *
audit_nspace_open_session(const void *args)
{
    return ((const cimrpc_open_session_args *)args)->nspace;
}

/* The level asked for; 0 asks for Impersonate, as proc_open_session.c
 * reads it. */
static int
audit_imp_open_session(const void *args)
{
    u_int imp = ((const cimrpc_open_session_args *)args)->imp_level;

    return imp == 0 ? LEVELS_IMP_IMPERSONATE : (int)imp;
}

static const struct audit_proc audit_procs[] = {
    { CIMRPC_OPEN_SESSION, NULL, audit_nspace_open_session, audit_imp_open_session },
    { CIMRPC_NS_LIST, audit_object_ns_list, NULL, NULL },
    { CIMRPC_NS_CREATE, audit_object_name, NULL, NULL },
    { CIMRPC_NS_DELETE, audit_object_name, NULL, NULL },
    { CIMRPC_CLASS_GET, audit_object_name, NULL, NULL },
    { CIMRPC_CLASS_PUT, audit_object_class_put, NULL, NULL },
    { CIMRPC_CLASS_DELETE, audit_object_name, NULL, NULL },
    { CIMRPC_INSTANCE_GET, audit_object_instance_get, NULL, NULL },
    { CIMRPC_INSTANCE_PUT, audit_object_instance_put, NULL, NULL },
    { CIMRPC_INSTANCE_DELETE, audit_object_path, NULL, NULL },
    { CIMRPC_OPEN_CURSOR, audit_object_open_cursor, NULL, NULL },
    { CIMRPC_EXEC_METHOD, audit_object_exec_method, NULL, NULL },
    { CIMRPC_MOF_COMPILE, audit_object_mof_compile, NULL, NULL },
};

static const struct audit_proc *
audit_proc_find(uint32_t proc)
{
    for (size_t i = 0; i < sizeof(audit_procs) / sizeof(audit_procs[0]); i++)
        if (audit_procs[i].proc == proc)
            return &audit_procs[i];
    return NULL;
}

static const char *
audit_category_name(enum dispatch_audit category)
{
    switch (category) {
    case DISPATCH_AUDIT_SESSION: return "session";
    case DISPATCH_AUDIT_READ: return "read";
    case DISPATCH_AUDIT_WRITE: return "write";
    case DISPATCH_AUDIT_METHOD: return "method";
    case DISPATCH_AUDIT_SECURITY: return "security";
    case DISPATCH_AUDIT_CONFIG: return "config";
    default: return "none";
    }
}

/* ---- opening ---- */

/* What went wrong with DB into WHY: "WHAT: " (when WHAT is not NULL),
 * then the cause, naming the file PATH when it is not NULL (callers' own
 * reasons leave the path to the log). */
static void
audit_sql_failure(sqlite3 *db, const char *path, const char *what, char *why, size_t why_len)
{
    int code = db != NULL ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    const char *sep = what != NULL ? ": " : "", *space = path != NULL ? " " : "";

    if (what == NULL)
        what = "";
    if (path == NULL)
        path = "";
    if ((code & 0xff) == SQLITE_BUSY)
        snprintf(why, why_len, "%s%sthe audit database%s%s is locked by another program "
                 "(for more than %d ms)", what, sep, space, path, AUDIT_BUSY_TIMEOUT_MS);
    else if (code == SQLITE_FULL)
        snprintf(why, why_len, "%s%sthe disk holding the audit database%s%s is full", what, sep,
                 space, path);
    else if ((code & 0xff) == SQLITE_READONLY)
        snprintf(why, why_len, "%s%sthe audit database%s%s is read-only (%s)", what, sep, space,
                 path, sqlite3_errmsg(db));
    else
        snprintf(why, why_len, "%s%sthe audit database%s%s: %s", what, sep, space, path,
                 db != NULL ? sqlite3_errmsg(db) : "out of memory");
}

static int
audit_query_int(struct audit *a, const char *sql, long long *value, char *why, size_t why_len)
{
    sqlite3_stmt *stmt = NULL;
    int rc;

    if (sqlite3_prepare_v2(a->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        audit_sql_failure(a->db, a->path, "cannot read it", why, why_len);
        return -1;
    }
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(stmt, 0);
    else
        audit_sql_failure(a->db, a->path, "cannot read it", why, why_len);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Give a new file the table; refuse a file that belongs to something
 * else. */
static int
audit_init_schema(struct audit *a, char *why, size_t why_len)
{
    long long app_id, version, tables;
    char *msg = NULL;

    if (audit_query_int(a, "PRAGMA application_id", &app_id, why, why_len) < 0 ||
        audit_query_int(a, "PRAGMA user_version", &version, why, why_len) < 0 ||
        audit_query_int(a, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                        "name NOT IN ('audit', 'sqlite_sequence')", &tables, why, why_len) < 0)
        return -1;
    if ((app_id != 0 && app_id != AUDIT_APPLICATION_ID) ||
        (app_id == 0 && (version != 0 || tables != 0))) {
        snprintf(why, why_len, "%s is a SQLite database of something else, not cimrpcd's audit "
                 "trail (is --audit naming the repository?); name another file", a->path);
        return -1;
    }
    if (version > AUDIT_SCHEMA_VERSION) {
        snprintf(why, why_len, "the audit database %s was written by a newer cimrpcd (version "
                 "%lld; this one knows %d); use that cimrpcd or name another file", a->path,
                 version, AUDIT_SCHEMA_VERSION);
        return -1;
    }
    if (sqlite3_exec(a->db, audit_schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(why, why_len, "cannot create the table of the audit database %s: %s", a->path,
                 msg != NULL ? msg : "out of memory");
        sqlite3_free(msg);
        if (!sqlite3_get_autocommit(a->db) &&
            sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
            log_msg(LOG_WARNING, "the audit database %s: the failed creation could not be "
                    "rolled back: %s", a->path, sqlite3_errmsg(a->db));
        return -1;
    }
    return 0;
}

/* Create PATH (mode 0600) when it is missing; refuse what is not a file. */
static int
audit_create_file(const char *path, char *why, size_t why_len)
{
    struct stat st;
    int fd;

    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        if (close(fd) < 0) {
            snprintf(why, why_len, "cannot create the audit database %s: %s", path,
                     strerror(errno));
            return -1;
        }
        return 0;
    }
    if (errno != EEXIST) {
        snprintf(why, why_len, "cannot create the audit database %s: %s (its directory must "
                 "exist and be writable by cimrpcd)", path, strerror(errno));
        return -1;
    }
    if (stat(path, &st) < 0) {
        snprintf(why, why_len, "cannot open the audit database %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "the audit database %s is not a regular file; remove what is "
                 "there or name another file with --audit", path);
        return -1;
    }
    return 0;
}

int
audit_open(const char *path, struct audit **audit_out, char *why, size_t why_len)
{
    struct audit *a = calloc(1, sizeof(*a));
    long long wal = 0;

    *audit_out = NULL;
    why[0] = '\0';
    if (a == NULL || (a->path = strdup(path)) == NULL) {
        snprintf(why, why_len, "out of memory opening the audit database %s", path);
        free(a);
        return -1;
    }
    if (audit_create_file(path, why, why_len) < 0)
        goto fail;
    if (sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                        SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
        audit_sql_failure(a->db, path, "cannot open it", why, why_len);
        goto fail;
    }
    if (sqlite3_extended_result_codes(a->db, 1) != SQLITE_OK ||
        sqlite3_busy_timeout(a->db, AUDIT_BUSY_TIMEOUT_MS) != SQLITE_OK ||
        sqlite3_exec(a->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
        audit_query_int(a, "SELECT journal_mode = 'wal' FROM pragma_journal_mode", &wal, why,
                        why_len) < 0) {
        if (why[0] == '\0')
            audit_sql_failure(a->db, path, "cannot open it", why, why_len);
        goto fail;
    }
    if (!wal) {
        snprintf(why, why_len, "the audit database %s cannot use write-ahead logging (is its "
                 "directory read-only or on a network file system?)", path);
        goto fail;
    }
    /* Durable at checkpoint, not at each commit: see audit.h. */
    if (sqlite3_exec(a->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
        audit_sql_failure(a->db, path, "cannot set synchronous=NORMAL", why, why_len);
        goto fail;
    }
    if (audit_init_schema(a, why, why_len) < 0)
        goto fail;
    if (sqlite3_prepare_v3(a->db, audit_insert_sql, -1, SQLITE_PREPARE_PERSISTENT, &a->insert,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(a->db, audit_page_sql, -1, SQLITE_PREPARE_PERSISTENT, &a->page,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(a->db, audit_last_sql, -1, SQLITE_PREPARE_PERSISTENT, &a->last,
                           NULL) != SQLITE_OK) {
        audit_sql_failure(a->db, path, "its table does not have the columns cimrpcd writes",
                          why, why_len);
        goto fail;
    }
    *audit_out = a;
    return 0;

fail:
    audit_close(a);
    return -1;
}

/* Has the file of A been moved or deleted (the path names another file,
 * or none)?  1 yes, 0 no, -1 cannot tell (WHY set). */
static int
audit_moved(struct audit *a, char *why, size_t why_len)
{
    int moved = 0, rc;

    rc = sqlite3_file_control(a->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved);
    if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND) {
        audit_sql_failure(a->db, NULL, "cannot check the file", why, why_len);
        return -1;
    }
    return moved != 0;
}

/* The file of A was moved or deleted: copy the records the WAL holds
 * into it, which SQLite does not do at close for a moved file, so that a
 * moved file is complete and the WAL left at the path is empty (a new
 * database there would otherwise replay it). */
static void
audit_flush_moved(struct audit *a)
{
    if (a->moved)
        return;
    a->moved = true;
    if (sqlite3_exec(a->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
        log_msg(LOG_WARNING, "the audit database %s was moved or deleted while in use, and "
                "its last records could not be copied into it from %s-wal (%s): keep that "
                "file beside it", a->path, a->path, sqlite3_errmsg(a->db));
}

void
audit_close(struct audit *a)
{
    char why[256];

    if (a == NULL)
        return;
    if (a->db != NULL && audit_moved(a, why, sizeof(why)) == 1)
        audit_flush_moved(a);
    sqlite3_finalize(a->insert);
    sqlite3_finalize(a->page);
    sqlite3_finalize(a->last);
    if (a->db != NULL && sqlite3_close(a->db) != SQLITE_OK)
        log_msg(LOG_WARNING, "the audit database %s did not close cleanly: %s", a->path,
                sqlite3_errmsg(a->db));
    free(a->path);
    free(a);
}

/* ---- one decision ---- */

struct audit_record {
    char time[40];                      /* 2024-05-01T12:34:56.123456Z */
    const char *principal, *account;
    long long uid;                      /* -1: none */
    const char *peer, *transport, *operation, *category, *nspace;
    const char *object;                 /* bounded copy, or NULL */
    int authn_level, imp_level;         /* -1: none */
    const char *outcome, *reason;
};

/* SRC cut to at most MAX bytes (at a UTF-8 character boundary, with
 * "..." when cut) into BUF (MAX + 4 bytes). */
static const char *
audit_bound(const char *src, char *buf, size_t max)
{
    size_t n;

    if (src == NULL)
        return NULL;
    n = strlen(src);
    if (n <= max)
        return src;
    n = max;
    while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
        n--;
    memcpy(buf, src, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

static void
audit_now(char *buf, size_t len)
{
    struct timespec ts;
    struct tm tm;
    size_t n;

    if (clock_gettime(CLOCK_REALTIME, &ts) < 0 || gmtime_r(&ts.tv_sec, &tm) == NULL) {
        snprintf(buf, len, "1970-01-01T00:00:00.000000Z");
        return;
    }
    n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, len - n, ".%06ldZ", ts.tv_nsec / 1000);
}

/* One log line being built: fields appended as key=value. */
struct audit_line {
    char buf[AUDIT_LOG_LINE];
    size_t len;
};

static void
audit_line_put(struct audit_line *l, const char *text, size_t n)
{
    if (n > sizeof(l->buf) - 1 - l->len)
        n = sizeof(l->buf) - 1 - l->len;
    memcpy(l->buf + l->len, text, n);
    l->len += n;
    l->buf[l->len] = '\0';
}

/* Append " KEY=VALUE", VALUE quoted when it is empty or holds a space, a
 * quote, a backslash, '=' or a control character; within quotes '"' and
 * '\' are escaped and control characters written as \n, \t or \xHH, so a
 * value never ends the line or starts a field.  A NULL VALUE is left
 * out. */
static void
audit_line_field(struct audit_line *l, const char *key, const char *value)
{
    bool quote = false;
    const unsigned char *p;

    if (value == NULL)
        return;
    if (value[0] == '\0')
        quote = true;
    for (p = (const unsigned char *)value; *p != '\0' && !quote; p++)
        if (*p <= ' ' || *p == '"' || *p == '\\' || *p == '=' || *p == 0x7f)
            quote = true;
    if (l->len > 0)
        audit_line_put(l, " ", 1);
    audit_line_put(l, key, strlen(key));
    audit_line_put(l, "=", 1);
    if (!quote) {
        audit_line_put(l, value, strlen(value));
        return;
    }
    audit_line_put(l, "\"", 1);
    for (p = (const unsigned char *)value; *p != '\0'; p++) {
        char esc[8];

        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            audit_line_put(l, esc, 2);
        } else if (*p == '\n') {
            audit_line_put(l, "\\n", 2);
        } else if (*p == '\t') {
            audit_line_put(l, "\\t", 2);
        } else if (*p < ' ' || *p == 0x7f) {
            snprintf(esc, sizeof(esc), "\\x%02x", *p);
            audit_line_put(l, esc, 4);
        } else {
            audit_line_put(l, (const char *)p, 1);
        }
    }
    audit_line_put(l, "\"", 1);
}

static void
audit_line_int(struct audit_line *l, const char *key, long long value)
{
    char num[24];

    if (value < 0)
        return;
    snprintf(num, sizeof(num), "%lld", value);
    audit_line_field(l, key, num);
}

/* Log the decision R (ID 0: not stored) as one line. */
static void
audit_log(const struct audit_record *r, long long id)
{
    struct audit_line l;
    char object[AUDIT_LOG_OBJECT_MAX + 4];

    l.len = 0;
    l.buf[0] = '\0';
    audit_line_put(&l, "audit:", 6);
    audit_line_int(&l, "id", id > 0 ? id : -1);
    audit_line_field(&l, "time", r->time);
    audit_line_field(&l, "outcome", r->outcome);
    audit_line_field(&l, "operation", r->operation);
    audit_line_field(&l, "category", r->category);
    audit_line_field(&l, "principal", r->principal);
    audit_line_field(&l, "account", r->account);
    audit_line_int(&l, "uid", r->uid);
    audit_line_field(&l, "peer", r->peer);
    audit_line_field(&l, "transport", r->transport);
    audit_line_field(&l, "namespace", r->nspace);
    audit_line_field(&l, "authn_level",
                     r->authn_level >= 0 ? levels_authn_name(r->authn_level) : NULL);
    audit_line_field(&l, "imp_level", r->imp_level >= 0 ? levels_imp_name(r->imp_level) : NULL);
    audit_line_field(&l, "object", audit_bound(r->object, object, AUDIT_LOG_OBJECT_MAX));
    audit_line_field(&l, "reason", r->reason);
    log_msg(strcmp(r->outcome, "denied") == 0 ? LOG_NOTICE : LOG_INFO, "%s", l.buf);
}

static int
audit_bind_text(sqlite3_stmt *stmt, int i, const char *value)
{
    if (value == NULL)
        return sqlite3_bind_null(stmt, i);
    return sqlite3_bind_text(stmt, i, value, -1, SQLITE_STATIC);
}

static int
audit_bind_int(sqlite3_stmt *stmt, int i, long long value)
{
    if (value < 0)
        return sqlite3_bind_null(stmt, i);
    return sqlite3_bind_int64(stmt, i, value);
}

/* Store R.  Returns its id, or 0 with WHY set (not naming the file: it
 * goes to the caller too). */
static long long
audit_store(struct audit *a, const struct audit_record *r, char *why, size_t why_len)
{
    sqlite3_stmt *s = a->insert;
    long long id = 0;
    int moved;

    /* Never write into a file the path no longer names (deleted, or
     * moved away): the records would be lost with it. */
    if ((moved = audit_moved(a, why, why_len)) < 0)
        return 0;
    if (moved) {
        audit_flush_moved(a);
        snprintf(why, why_len, "the audit database was moved or deleted while in use; "
                 "restart cimrpcd to start a new one");
        return 0;
    }
    if (audit_bind_text(s, 1, r->time) != SQLITE_OK ||
        audit_bind_text(s, 2, r->principal) != SQLITE_OK ||
        audit_bind_text(s, 3, r->account) != SQLITE_OK ||
        audit_bind_int(s, 4, r->uid) != SQLITE_OK ||
        audit_bind_text(s, 5, r->peer) != SQLITE_OK ||
        audit_bind_text(s, 6, r->transport) != SQLITE_OK ||
        audit_bind_text(s, 7, r->operation) != SQLITE_OK ||
        audit_bind_text(s, 8, r->category) != SQLITE_OK ||
        audit_bind_text(s, 9, r->nspace) != SQLITE_OK ||
        audit_bind_text(s, 10, r->object) != SQLITE_OK ||
        audit_bind_int(s, 11, r->authn_level) != SQLITE_OK ||
        audit_bind_int(s, 12, r->imp_level) != SQLITE_OK ||
        audit_bind_text(s, 13, r->outcome) != SQLITE_OK ||
        audit_bind_text(s, 14, r->reason) != SQLITE_OK) {
        audit_sql_failure(a->db, NULL, "cannot prepare the record", why, why_len);
    } else if (sqlite3_step(s) != SQLITE_DONE) {
        audit_sql_failure(a->db, NULL, NULL, why, why_len);
    } else {
        id = sqlite3_last_insert_rowid(a->db);
    }
    /* The step's error was reported above; reset only clears the state. */
    (void)sqlite3_reset(s);
    if (sqlite3_clear_bindings(s) != SQLITE_OK)
        log_msg(LOG_WARNING, "the audit database %s: cannot clear a statement", a->path);
    if (!sqlite3_get_autocommit(a->db) &&
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
        log_msg(LOG_WARNING, "the audit database %s: a failed record could not be rolled "
                "back: %s", a->path, sqlite3_errmsg(a->db));
    return id;
}

int
audit_decision(struct audit *audit, const struct call_context *ctx, const void *args,
               const char *object, enum audit_outcome outcome, const char *reason, char *why,
               size_t why_len)
{
    const struct caller_identity *caller = ctx->caller;
    const struct audit_proc *proc = audit_proc_find(ctx->entry->proc);
    char method_buf[AUDIT_OBJECT_MAX + CIM_NAME_MAX + 16];
    char object_buf[AUDIT_OBJECT_MAX + 4];
    char store_why[CIMRPC_REASON_MAX];
    struct audit_record r;
    bool log_records = true;
    long long id;

    memset(&r, 0, sizeof(r));
    audit_now(r.time, sizeof(r.time));
    r.principal = caller->principal;
    r.account = caller->account;
    r.uid = caller->uid != IDENTITY_NO_UID ? (long long)caller->uid : -1;
    r.peer = ctx->peer != NULL ? ctx->peer : "unknown";
    r.transport = caller->transport == CIMRPC_TRANSPORT_NETWORK ? "network" : "local";
    r.operation = ctx->entry->name;
    r.category = audit_category_name(ctx->entry->audit);
    r.authn_level = caller->authn_level;
    r.imp_level = -1;
    if (ctx->session != NULL) {
        r.nspace = ctx->session->nspace;
        r.imp_level = ctx->session->imp_level;
    } else if (args != NULL && proc != NULL) {
        if (proc->nspace != NULL)
            r.nspace = proc->nspace(args);
        if (proc->imp_level != NULL)
            r.imp_level = proc->imp_level(args);
    }
    if (object == NULL && args != NULL && proc != NULL && proc->object != NULL)
        object = proc->object(args, method_buf, sizeof(method_buf));
    if (object != NULL && object[0] == '\0')
        object = NULL;
    r.object = audit_bound(object, object_buf, AUDIT_OBJECT_MAX);
    r.outcome = outcome == AUDIT_ALLOWED ? "allowed" : "denied";
    r.reason = reason;

    /* The audit section governs the namespace's calls, never the changes
     * of the configuration itself (turning audit off is recorded). */
    if (r.nspace != NULL && ctx->conn != NULL && ctx->entry->audit != DISPATCH_AUDIT_CONFIG) {
        struct config_audit_policy policy;
        struct repo_error err = { "", 0 };

        /* What cannot be read is recorded everywhere. */
        if (config_policy_audit(server_loop_repo(ctx->conn->owner), r.nspace, &policy,
                                &err) == 0) {
            if (outcome == AUDIT_ALLOWED ? !policy.successes : !policy.failures)
                return 0;
            if (policy.destination == CONFIG_AUDIT_LOG) {
                audit_log(&r, 0);
                return 0;
            }
            if (policy.destination == CONFIG_AUDIT_REPOSITORY)
                log_records = false;
        }
    }
    store_why[0] = '\0';
    if (audit == NULL)
        snprintf(store_why, sizeof(store_why), "no audit database is open");
    id = audit != NULL ? audit_store(audit, &r, store_why, sizeof(store_why)) : 0;
    if (id > 0) {
        if (log_records)
            audit_log(&r, id);
        return 0;
    }
    /* Not stored: an allowed call becomes a denied one, and the log line
     * says so with the reason. */
    log_msg(LOG_ERR, "cannot write the audit trail to %s: %s",
            audit != NULL ? audit->path : "(none)", store_why);
    snprintf(why, why_len, "the audit trail cannot be written (%s), so every audited call is "
             "refused until it can be; the administrator finds the cause in cimrpcd's log",
             store_why);
    if (outcome == AUDIT_ALLOWED) {
        r.outcome = "denied";
        r.reason = why;
    }
    audit_log(&r, 0);
    return -1;
}

int
audit_call_decision(const struct call_context *ctx, const void *args, const char *object,
                    bool allowed, const char *reason, char *why, size_t why_len)
{
    char audit_why[CIMRPC_REASON_MAX];

    if (audit_decision(server_loop_audit(ctx->conn->owner), ctx, args, object,
                       allowed ? AUDIT_ALLOWED : AUDIT_DENIED, reason, audit_why,
                       sizeof(audit_why)) < 0 && allowed) {
        snprintf(why, why_len, "%s", audit_why);
        return -1;
    }
    if (allowed)
        return 0;
    /* Recorded or not (audit.c logged it either way), a denial stands. */
    snprintf(why, why_len, "%s", reason);
    return -1;
}

int
audit_access_check(const struct call_context *ctx, const void *args, const char *nspace,
                   uint32_t needed, const char *what, char *why, size_t why_len)
{
    char object[AUDIT_OBJECT_MAX + 256], rights[256], held[640], denial[CIMRPC_REASON_MAX];
    bool allowed;

    access_rights_text(needed, rights, sizeof(rights));
    snprintf(object, sizeof(object), "%.300s:%.600s (%s)", nspace, what, rights);
    allowed = access_check(server_loop_repo(ctx->conn->owner), ctx->caller, nspace, needed,
                           denial, sizeof(denial)) == 0;
    if (allowed) {
        if (ctx->caller->transport == CIMRPC_TRANSPORT_NETWORK)
            access_rights_text(needed | CIMRPC_RIGHT_REMOTE_ENABLE, rights, sizeof(rights));
        snprintf(held, sizeof(held), "holds %s on namespace %.300s", rights, nspace);
    }
    return audit_call_decision(ctx, args, object, allowed, allowed ? held : denial, why,
                               why_len);
}

/* ---- reading back ---- */

int
audit_last_id(struct audit *audit, uint64_t *id_out, char *why, size_t why_len)
{
    int rc;

    *id_out = 0;
    rc = sqlite3_step(audit->last);
    if (rc == SQLITE_ROW)
        *id_out = (uint64_t)sqlite3_column_int64(audit->last, 0);
    else
        audit_sql_failure(audit->db, audit->path, "cannot read it", why, why_len);
    (void)sqlite3_reset(audit->last);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* The ISO 8601 time TEXT ("2024-05-01T12:34:56.123456Z") as a CIM
 * datetime ("20240501123456.123456+000") into BUF (26 bytes); NULL when
 * TEXT is not in that form. */
static const char *
audit_cim_datetime(const char *text, char *buf)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";
    size_t n = 0;

    if (text == NULL || strlen(text) != sizeof(shape) - 1)
        return NULL;
    for (size_t i = 0; shape[i] != '\0'; i++) {
        if (shape[i] == 'd') {
            if (text[i] < '0' || text[i] > '9')
                return NULL;
            buf[n++] = text[i];
        } else if (text[i] != shape[i]) {
            return NULL;
        } else if (shape[i] == '.') {
            buf[n++] = '.';
        }
    }
    memcpy(buf + n, "+000", 5);
    return buf;
}

/* The value of column COL of the current row as TYPE into V (zeroed). */
static int
audit_column_value(sqlite3_stmt *s, int col, cim_type type, cim_value *v)
{
    const char *text;
    char datetime[32];

    v->type = type;
    if (sqlite3_column_type(s, col) == SQLITE_NULL) {
        v->is_null = TRUE;
        return 0;
    }
    text = (const char *)sqlite3_column_text(s, col);
    if (type == CIM_TYPE_DATETIME && (text = audit_cim_datetime(text, datetime)) == NULL) {
        v->is_null = TRUE;              /* not written by cimrpcd */
        return 0;
    }
    if ((v->items.items_val = calloc(1, sizeof(cim_scalar))) == NULL)
        return -1;
    v->items.items_len = 1;
    v->items.items_val[0].type = type;
    switch (type) {
    case CIM_TYPE_UINT32:
    case CIM_TYPE_UINT64:
        v->items.items_val[0].cim_scalar_u.u = (u_quad_t)sqlite3_column_int64(s, col);
        return 0;
    default:
        if (text == NULL)
            return -1;
        return (v->items.items_val[0].cim_scalar_u.s = strdup(text)) != NULL ? 0 : -1;
    }
}

/* The properties of __AuditRecord (schema/mof/audit.mof) in its order,
 * from the columns of audit_page_sql. */
static const struct {
    const char *name;
    cim_type type;
} audit_properties[] = {
    { "Id", CIM_TYPE_UINT64 },
    { "Time", CIM_TYPE_DATETIME },
    { "Principal", CIM_TYPE_STRING },
    { "Account", CIM_TYPE_STRING },
    { "Uid", CIM_TYPE_UINT32 },
    { "Peer", CIM_TYPE_STRING },
    { "Transport", CIM_TYPE_STRING },
    { "Operation", CIM_TYPE_STRING },
    { "Category", CIM_TYPE_STRING },
    { "Namespace", CIM_TYPE_STRING },
    { "Object", CIM_TYPE_STRING },
    { "AuthenticationLevel", CIM_TYPE_UINT32 },
    { "ImpersonationLevel", CIM_TYPE_UINT32 },
    { "Outcome", CIM_TYPE_STRING },
    { "Reason", CIM_TYPE_STRING },
};

#define AUDIT_N_PROPERTIES (sizeof(audit_properties) / sizeof(audit_properties[0]))

/* The current row of S as an instance into INST (zeroed). */
static int
audit_row_instance(sqlite3_stmt *s, cim_instance *inst)
{
    if ((inst->class_name = strdup(AUDIT_CLASS)) == NULL ||
        (inst->properties.properties_val = calloc(AUDIT_N_PROPERTIES,
                                                  sizeof(cim_property_value))) == NULL)
        return -1;
    for (size_t i = 0; i < AUDIT_N_PROPERTIES; i++) {
        cim_property_value *pv = &inst->properties.properties_val[i];

        inst->properties.properties_len++;
        if ((pv->name = strdup(audit_properties[i].name)) == NULL ||
            audit_column_value(s, (int)i, audit_properties[i].type, &pv->value) < 0)
            return -1;
    }
    return 0;
}

int
audit_page(struct audit *audit, uint64_t *after_inout, uint64_t upto, unsigned max,
           audit_row_fn *fn, void *arg, bool *done_out, char *why, size_t why_len)
{
    sqlite3_stmt *s = audit->page;
    int n = 0, rc = SQLITE_DONE, stop = 0;

    why[0] = '\0';
    *done_out = false;
    if (sqlite3_bind_int64(s, 1, (sqlite3_int64)*after_inout) != SQLITE_OK ||
        sqlite3_bind_int64(s, 2, (sqlite3_int64)upto) != SQLITE_OK ||
        sqlite3_bind_int64(s, 3, (sqlite3_int64)max + 1) != SQLITE_OK) {
        audit_sql_failure(audit->db, audit->path, "cannot read it", why, why_len);
        (void)sqlite3_reset(s);
        return -1;
    }
    /* One more row than asked for says whether any is left. */
    while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        cim_instance inst;
        uint64_t id = (uint64_t)sqlite3_column_int64(s, 0);

        if ((unsigned)n == max)
            break;
        memset(&inst, 0, sizeof(inst));
        stop = audit_row_instance(s, &inst) < 0 ? -1 : fn(&inst, id, arg);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        if (stop < 0)
            break;
        *after_inout = id;
        n++;
        if (stop > 0)
            rc = sqlite3_step(s);       /* is another row left? */
    }
    if (stop >= 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
        audit_sql_failure(audit->db, audit->path, "cannot read it", why, why_len);
    else
        *done_out = rc == SQLITE_DONE;
    (void)sqlite3_reset(s);
    return stop < 0 || why[0] != '\0' ? -1 : n;
}
