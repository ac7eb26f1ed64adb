/*
 * cimrpc.h: libcimrpc, the C client library of cimrpc.
 *
 * Usage:
 *
 *     cimrpc_options *opts = cimrpc_options_new();
 *     cimrpc_options_set_target(opts, "unix:/run/cimrpc/cimrpcd.sock", &err);
 *     cimrpc_conn *conn;
 *     if (cimrpc_connect(opts, &conn, &err) < 0) {
 *         fprintf(stderr, "%s\n", cimrpc_error_message(err));
 *         cimrpc_error_free(err);
 *     }
 *     ...
 *     cimrpc_conn_close(conn);
 *     cimrpc_options_free(opts);
 *
 * Conventions:
 * - Functions return 0 on success and -1 on failure; on failure *err_out
 *   (when err_out is not NULL) receives an error the caller owns and frees
 *   with cimrpc_error_free().  Outputs (*..._out) are set only on success.
 * - Every object is opaque and freed by its own *_free / *_close function,
 *   which accepts NULL.
 * - Strings returned by accessors are borrowed from their object and live
 *   as long as it does.
 * - A connection may be used from several threads; calls on it are
 *   serialised.  Distinct connections are independent.
 */
#ifndef CIMRPC_CIMRPC_H
#define CIMRPC_CIMRPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cimrpc_options cimrpc_options;
typedef struct cimrpc_conn cimrpc_conn;
typedef struct cimrpc_error cimrpc_error;
typedef struct cimrpc_identity cimrpc_identity;

/* ------------------------------------------------------------ errors */

/* What kind of failure an error is; the CLI maps these to exit codes. */
typedef enum {
    CIMRPC_ERR_OTHER = 1,       /* anything else */
    CIMRPC_ERR_USAGE = 2,       /* the caller passed something invalid */
    CIMRPC_ERR_CONNECT = 3,     /* cannot connect or authenticate */
    CIMRPC_ERR_ACCESS = 4,      /* access denied */
    CIMRPC_ERR_NOT_FOUND = 5,   /* no such namespace, class or instance */
} cimrpc_error_kind;

/* The kind of ERR. */
cimrpc_error_kind cimrpc_error_get_kind(const cimrpc_error *err);

/* The WBEM code of ERR (0x8004xxxx) when the server returned one, else 0. */
uint32_t cimrpc_error_get_code(const cimrpc_error *err);

/* A message a person can act on (borrowed from ERR). */
const char *cimrpc_error_message(const cimrpc_error *err);

void cimrpc_error_free(cimrpc_error *err);

/* ------------------------------------------------------------ levels */

/* DCOM authentication levels. */
typedef enum {
    CIMRPC_AUTHN_DEFAULT = 0,
    CIMRPC_AUTHN_NONE = 1,
    CIMRPC_AUTHN_CONNECT = 2,
    CIMRPC_AUTHN_CALL = 3,
    CIMRPC_AUTHN_PKT = 4,
    CIMRPC_AUTHN_PKT_INTEGRITY = 5,
    CIMRPC_AUTHN_PKT_PRIVACY = 6,
} cimrpc_authn_level;

/* Parse "none", "connect", "call", "pkt", "pktintegrity", "pktprivacy"
 * (case-insensitive).  Returns 0, or -1 for an unknown name. */
int cimrpc_authn_level_parse(const char *name, cimrpc_authn_level *level_out);

/* The name of LEVEL (static string). */
const char *cimrpc_authn_level_name(cimrpc_authn_level level);

/* DCOM impersonation levels: what the server may do as the caller.
 * cimrpcd never accepts ANONYMOUS; DEFAULT asks for IMPERSONATE. */
typedef enum {
    CIMRPC_IMP_DEFAULT = 0,
    CIMRPC_IMP_ANONYMOUS = 1,
    CIMRPC_IMP_IDENTIFY = 2,     /* ACLs checked as the caller; code runs as the service */
    CIMRPC_IMP_IMPERSONATE = 3,  /* code runs as the caller's local account */
    CIMRPC_IMP_DELEGATE = 4,     /* and holds the caller's forwarded Kerberos ticket */
} cimrpc_imp_level;

/* Parse "anonymous", "identify", "impersonate", "delegate" or "default"
 * (case-insensitive).  Returns 0, or -1 for an unknown name. */
int cimrpc_imp_level_parse(const char *name, cimrpc_imp_level *level_out);

/* The name of LEVEL (static string; "unknown" for an invalid value). */
const char *cimrpc_imp_level_name(cimrpc_imp_level level);

/* ----------------------------------------------------------- options */

/* New connection options: target the default local socket, level
 * pktprivacy, impersonation DEFAULT (impersonate), namespace root/cimv2,
 * GSS service "cimrpc", the default credential cache, timeout 30 s.
 * NULL when out of memory.
 *
 * Setters copy what they are given (the caller keeps ownership of its
 * strings); the ones that return int return 0, or -1 with *err_out set to
 * a usage error and OPTS unchanged. */
cimrpc_options *cimrpc_options_new(void);

void cimrpc_options_free(cimrpc_options *opts);

/* Where to connect: "HOST", "HOST:PORT", "[IPV6]:PORT" (TCP, default port
 * 5987) or "unix:PATH" (the local socket).  Returns 0 or -1 (usage error). */
int cimrpc_options_set_target(cimrpc_options *opts, const char *target, cimrpc_error **err_out);

/* The authentication level requested. */
void cimrpc_options_set_authn_level(cimrpc_options *opts, cimrpc_authn_level level);

/* Timeout of each call, in seconds (> 0). */
int cimrpc_options_set_timeout(cimrpc_options *opts, unsigned int seconds, cimrpc_error **err_out);

/* The impersonation level requested (0 to 4).  The server may grant less;
 * see cimrpc_conn_imp_level().  Delegate also needs a forwardable ticket. */
int cimrpc_options_set_imp_level(cimrpc_options *opts, cimrpc_imp_level level,
                                 cimrpc_error **err_out);

/* Strict mode: the server refuses the session rather than raising the
 * authentication level above the one requested.  Off by default. */
void cimrpc_options_set_strict(cimrpc_options *opts, bool strict);

/* The namespace the session opens: 1 to 512 bytes, segments of letters,
 * digits and '_' separated by single '/' ("root/cimv2", the default). */
int cimrpc_options_set_namespace(cimrpc_options *opts, const char *nspace,
                                 cimrpc_error **err_out);

/* Ask for privilege NAME (lowercase letters, digits and '-', such as
 * "shutdown") for the session; at most 64 privileges.  Adding a name
 * twice asks for it once. */
int cimrpc_options_add_privilege(cimrpc_options *opts, const char *name,
                                 cimrpc_error **err_out);

/* The client's Kerberos principal ("batch@EXAMPLE.COM").  With a keytab:
 * the principal whose key the keytab holds (required).  Without: pick that
 * principal's ticket from the credential cache collection.  NULL: the
 * default principal of the cache. */
int cimrpc_options_set_principal(cimrpc_options *opts, const char *principal,
                                 cimrpc_error **err_out);

/* A client keytab for unattended use (cron, timers): tickets are obtained
 * from it into a private in-memory cache, never written to disk.  Needs a
 * principal.  The file must be readable when connecting.  NULL: none. */
int cimrpc_options_set_keytab(cimrpc_options *opts, const char *path, cimrpc_error **err_out);

/* The GSS service name of the server: its principal is SERVICE/HOST
 * (default "cimrpc"). */
int cimrpc_options_set_service(cimrpc_options *opts, const char *service,
                               cimrpc_error **err_out);

/* A description of the client for the server's log (up to 256 printable
 * bytes; default "libcimrpc VERSION"). */
int cimrpc_options_set_client_info(cimrpc_options *opts, const char *text,
                                   cimrpc_error **err_out);

/* -------------------------------------------------------- connection */

/* Connect as OPTS says (OPTS is borrowed; it may be freed afterwards):
 * set up the transport and its security (Kerberos over TCP unless the
 * level is none), then open a session on the namespace.  When the server
 * raises the authentication level (not in strict mode) the connection
 * follows it.  On success the caller owns *conn_out. */
int cimrpc_connect(const cimrpc_options *opts, cimrpc_conn **conn_out, cimrpc_error **err_out);

/* Close the session and the security context (best effort, briefly), then
 * the connection, and free CONN.  Accepts NULL. */
void cimrpc_conn_close(cimrpc_conn *conn);

/* The target CONN is connected to, as given (borrowed). */
const char *cimrpc_conn_target(const cimrpc_conn *conn);

/* The authentication level in force on CONN: at least the session's
 * effective level. */
cimrpc_authn_level cimrpc_conn_authn_level(const cimrpc_conn *conn);

/* The impersonation level the server granted to the session. */
cimrpc_imp_level cimrpc_conn_imp_level(const cimrpc_conn *conn);

/* Why the server granted less impersonation than requested (borrowed), or
 * NULL when it said nothing. */
const char *cimrpc_conn_imp_reason(const cimrpc_conn *conn);

/* Who the session runs as, as the server established it when the session
 * opened (borrowed from CONN; do not free). */
const cimrpc_identity *cimrpc_conn_session_identity(const cimrpc_conn *conn);

/* The server's description of itself ("cimrpcd 0.1.0 on HOST"; borrowed),
 * or NULL when it gave none. */
const char *cimrpc_conn_server_info(const cimrpc_conn *conn);

/* The namespace of the session (borrowed). */
const char *cimrpc_conn_namespace(const cimrpc_conn *conn);

/* ------------------------------------------------------------- calls */

/* The RPC null procedure: a round trip that does nothing. */
int cimrpc_null(cimrpc_conn *conn, cimrpc_error **err_out);

/* Send LEN bytes of PAYLOAD (LEN <= 1 MiB) and check that the server
 * echoes them back unchanged. */
int cimrpc_ping(cimrpc_conn *conn, const void *payload, size_t len, cimrpc_error **err_out);

/* Ask the server who it believes the caller is.  The caller owns
 * *identity_out (free with cimrpc_identity_free()). */
int cimrpc_whoami(cimrpc_conn *conn, cimrpc_identity **identity_out, cimrpc_error **err_out);

/* ---------------------------------------------------------- identity */

typedef enum {
    CIMRPC_TRANSPORT_KIND_LOCAL = 1,    /* the local socket */
    CIMRPC_TRANSPORT_KIND_NETWORK = 2,  /* TCP */
} cimrpc_transport_kind;

bool cimrpc_identity_authenticated(const cimrpc_identity *id);
/* Kerberos principal, or NULL when none. */
const char *cimrpc_identity_principal(const cimrpc_identity *id);
/* Local account name, or NULL when none. */
const char *cimrpc_identity_account(const cimrpc_identity *id);
/* Returns 0 and sets *uid_out / *gid_out when the caller has a local
 * account, -1 otherwise. */
int cimrpc_identity_ids(const cimrpc_identity *id, uint32_t *uid_out, uint32_t *gid_out);
size_t cimrpc_identity_group_count(const cimrpc_identity *id);
/* Group INDEX (< count): its gid, and its name or NULL. */
uint32_t cimrpc_identity_group_gid(const cimrpc_identity *id, size_t index);
const char *cimrpc_identity_group_name(const cimrpc_identity *id, size_t index);
cimrpc_transport_kind cimrpc_identity_transport(const cimrpc_identity *id);
cimrpc_authn_level cimrpc_identity_authn_level(const cimrpc_identity *id);
/* The caller's address as the server saw it. */
const char *cimrpc_identity_peer(const cimrpc_identity *id);

void cimrpc_identity_free(cimrpc_identity *id);

/* ----------------------------------------------------------- library */

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *cimrpc_version(void);

#ifdef __cplusplus
}
#endif

#endif
