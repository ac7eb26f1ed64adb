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

/* =================================================== CIM objects (0.2) */

/*
 * Values, instances, classes and the operations on them.
 *
 * Ownership, as everywhere: a function that "takes" an object owns it from
 * the call on, also when it fails; "borrowed" results live as long as the
 * object they come from and until it is changed; results handed out
 * (*..._out, or a returned pointer said to be the caller's) are freed with
 * their own *_free(), or with free() where that is said.
 *
 * These objects have no lock: one thread at a time may change one, and
 * any number may read one that no thread changes.  The operations lock
 * the connection they are given, like every call.
 *
 * Names (of classes, properties, methods, qualifiers) are compared
 * without regard to case, as in CIM.
 */

typedef struct cimrpc_value cimrpc_value;
typedef struct cimrpc_instance cimrpc_instance;
typedef struct cimrpc_class cimrpc_class;
typedef struct cimrpc_params cimrpc_params;
typedef struct cimrpc_select cimrpc_select;
typedef struct cimrpc_cursor cimrpc_cursor;
typedef struct cimrpc_obj cimrpc_obj;

/* ------------------------------------------------------------- types */

/* The CIM data types (DSP0004), numbered as on the wire. */
typedef enum {
    CIMRPC_TYPE_VOID = 0,        /* a method's return type only: it returns
                                  * nothing; never the type of a value */
    CIMRPC_TYPE_BOOLEAN = 1,
    CIMRPC_TYPE_SINT8 = 2,
    CIMRPC_TYPE_UINT8 = 3,
    CIMRPC_TYPE_SINT16 = 4,
    CIMRPC_TYPE_UINT16 = 5,
    CIMRPC_TYPE_SINT32 = 6,
    CIMRPC_TYPE_UINT32 = 7,
    CIMRPC_TYPE_SINT64 = 8,
    CIMRPC_TYPE_UINT64 = 9,
    CIMRPC_TYPE_REAL32 = 10,
    CIMRPC_TYPE_REAL64 = 11,
    CIMRPC_TYPE_CHAR16 = 12,     /* one UCS-2 code unit */
    CIMRPC_TYPE_STRING = 13,     /* UTF-8 text */
    CIMRPC_TYPE_DATETIME = 14,   /* yyyymmddhhmmss.mmmmmmsutc or an interval
                                  * ddddddddhhmmss.mmmmmm:000 */
    CIMRPC_TYPE_REFERENCE = 15,  /* an object path, Class.Key="v" */
    CIMRPC_TYPE_INSTANCE = 16,   /* an embedded instance */
} cimrpc_type;

/* The name of TYPE as MOF writes it ("uint32", "datetime"; "reference"
 * and "instance" for the last two, "void" for VOID); "unknown" for a
 * value that is not a type.  A static string. */
const char *cimrpc_type_name(cimrpc_type type);

/* Parse a type name (case-insensitive): the names cimrpc_type_name()
 * gives, and also "ref" and "object".  Returns 0, or -1 for an unknown
 * name (*type_out unchanged). */
int cimrpc_type_parse(const char *name, cimrpc_type *type_out);

/* ------------------------------------------------------------ values */

/*
 * A value: NULL, one scalar, or an array of scalars, of one type (never
 * VOID).  Constructors that cannot meet invalid input return the new
 * value (the caller's; cimrpc_value_free()), or NULL when memory runs
 * out.  Those that check their input return 0 and set *value_out (the
 * caller's), or -1 with *err_out (a usage error, or out of memory).
 */

cimrpc_value *cimrpc_value_new_boolean(bool b);
cimrpc_value *cimrpc_value_new_sint64(int64_t i);
cimrpc_value *cimrpc_value_new_uint64(uint64_t u);
cimrpc_value *cimrpc_value_new_real64(double r);
cimrpc_value *cimrpc_value_new_char16(uint16_t c);

/* A NULL value of TYPE (not VOID).  NULL when TYPE is not a value's type
 * or memory runs out. */
cimrpc_value *cimrpc_value_new_null(cimrpc_type type);

/* An integer of TYPE (SINT8 .. UINT64), I or U within its range. */
int cimrpc_value_new_sint(cimrpc_type type, int64_t i, cimrpc_value **value_out,
                          cimrpc_error **err_out);
int cimrpc_value_new_uint(cimrpc_type type, uint64_t u, cimrpc_value **value_out,
                          cimrpc_error **err_out);

/* A real of TYPE (REAL32 or REAL64); a finite R must fit the type. */
int cimrpc_value_new_real(cimrpc_type type, double r, cimrpc_value **value_out,
                          cimrpc_error **err_out);

/* A string (S is copied; at most 1 MiB). */
int cimrpc_value_new_string(const char *s, cimrpc_value **value_out, cimrpc_error **err_out);

/* A datetime: TEXT (copied) is a DSP0004 timestamp or interval. */
int cimrpc_value_new_datetime(const char *text, cimrpc_value **value_out,
                              cimrpc_error **err_out);

/* A reference: PATH (copied) is an object path. */
int cimrpc_value_new_reference(const char *path, cimrpc_value **value_out,
                               cimrpc_error **err_out);

/* An embedded instance: a copy of INST (borrowed; its path is not kept).
 * Embedded instances nest at most 32 deep, and one is at most 1 MiB. */
int cimrpc_value_new_instance(const cimrpc_instance *inst, cimrpc_value **value_out,
                              cimrpc_error **err_out);

/* A scalar of TYPE from TEXT (borrowed), as a person writes it: TRUE or
 * FALSE (any case), integers in decimal or 0x hexadecimal, reals, one
 * character for char16, a datetime, a path for a reference, any text for
 * a string.  Embedded instances have no text form.  NULL is not
 * recognised here: use cimrpc_value_new_null(). */
int cimrpc_value_from_text(cimrpc_type type, const char *text, cimrpc_value **value_out,
                           cimrpc_error **err_out);

/* An empty array of TYPE (not VOID).  NULL when TYPE is not a value's type
 * or memory runs out. */
cimrpc_value *cimrpc_value_new_array(cimrpc_type type);

/* Append ELEMENT, a non-NULL scalar of ARRAY's very type (no conversion),
 * to ARRAY.  Takes ELEMENT (freed also on failure).  At most 65536
 * elements. */
int cimrpc_value_array_append(cimrpc_value *array, cimrpc_value *element,
                              cimrpc_error **err_out);

/* A deep copy of V (borrowed), the caller's; NULL when memory runs out. */
cimrpc_value *cimrpc_value_copy(const cimrpc_value *v);

void cimrpc_value_free(cimrpc_value *v);

cimrpc_type cimrpc_value_type(const cimrpc_value *v);
bool cimrpc_value_is_null(const cimrpc_value *v);
bool cimrpc_value_is_array(const cimrpc_value *v);

/* The elements of an array; 1 for a scalar; 0 for NULL. */
size_t cimrpc_value_array_len(const cimrpc_value *v);

/*
 * Getters: element INDEX of an array, or INDEX 0 of a scalar, in its C
 * form.  Each returns 0 and sets *out, or -1 with *err_out (a usage
 * error) when V is NULL, INDEX is out of range, or V's type has another
 * C form.  The integer getters accept any integer type whose value fits
 * the C type; get_real64 accepts REAL32 and REAL64; get_string accepts
 * STRING, DATETIME and REFERENCE (*out borrowed from V).
 */
int cimrpc_value_get_boolean(const cimrpc_value *v, size_t index, bool *out,
                             cimrpc_error **err_out);
int cimrpc_value_get_sint64(const cimrpc_value *v, size_t index, int64_t *out,
                            cimrpc_error **err_out);
int cimrpc_value_get_uint64(const cimrpc_value *v, size_t index, uint64_t *out,
                            cimrpc_error **err_out);
int cimrpc_value_get_real64(const cimrpc_value *v, size_t index, double *out,
                            cimrpc_error **err_out);
int cimrpc_value_get_char16(const cimrpc_value *v, size_t index, uint16_t *out,
                            cimrpc_error **err_out);
int cimrpc_value_get_string(const cimrpc_value *v, size_t index, const char **out,
                            cimrpc_error **err_out);
/* An embedded instance: *out is a new instance, the caller's. */
int cimrpc_value_get_instance(const cimrpc_value *v, size_t index, cimrpc_instance **out,
                              cimrpc_error **err_out);

/*
 * V as text for people and scripts, the caller's (free()); NULL when
 * memory runs out.  Strings, datetimes and references as they are;
 * integers in decimal; reals as %.17g; booleans TRUE or FALSE; a char16
 * as its character; embedded instances in MOF, "instance of X { A = 1; }";
 * arrays as "{a, b}"; NULL as NULL.  Numbers ignore the locale.
 */
char *cimrpc_value_to_text(const cimrpc_value *v);

/* --------------------------------------------------------- instances */

/* A new instance of CLASS_NAME (copied; a valid class name) without
 * properties or path, the caller's. */
int cimrpc_instance_new(const char *class_name, cimrpc_instance **inst_out,
                        cimrpc_error **err_out);

void cimrpc_instance_free(cimrpc_instance *inst);

/* The class name (borrowed). */
const char *cimrpc_instance_class_name(const cimrpc_instance *inst);

/* The relative path the server gave the instance ("Class.Key=\"v\"";
 * borrowed), or NULL for an instance built here. */
const char *cimrpc_instance_path(const cimrpc_instance *inst);

/* The properties, in order: the server's for an instance it sent (every
 * property of the class, or those selected), else in the order set. */
size_t cimrpc_instance_property_count(const cimrpc_instance *inst);
/* Property INDEX (< count): its name and value (borrowed), or NULL. */
const char *cimrpc_instance_property_name(const cimrpc_instance *inst, size_t index);
const cimrpc_value *cimrpc_instance_property_value(const cimrpc_instance *inst, size_t index);

/* The value of property NAME (borrowed), or NULL when INST has no such
 * property. */
const cimrpc_value *cimrpc_instance_get_property(const cimrpc_instance *inst, const char *name);

/* Set property NAME (a valid property name, copied) to VALUE, replacing
 * the value it has.  Takes VALUE (freed also on failure).  Values
 * borrowed from INST before are invalid afterwards. */
int cimrpc_instance_set_property(cimrpc_instance *inst, const char *name, cimrpc_value *value,
                                 cimrpc_error **err_out);

/* INST as MOF, "instance of X\n{\n    A = 1;\n};\n", the caller's (free());
 * NULL when memory runs out.  Properties that are NULL are left out, as
 * WMI does. */
char *cimrpc_instance_to_mof(const cimrpc_instance *inst);

/* The relative path of the instance of CLASS_NAME whose key properties
 * KEYS (borrowed; may be NULL) names: Class.Name="x",Id=3 in the order
 * given, or Class=@ (a singleton) without keys.  Key values are scalars
 * of any type but an embedded instance, and not NULL.  On success
 * *path_out is the caller's (free()). */
int cimrpc_path_make(const char *class_name, const cimrpc_params *keys, char **path_out,
                     cimrpc_error **err_out);

/* ----------------------------------------------------------- classes */

/*
 * A class as the server holds it: its own and its inherited properties
 * and methods.  Classes come from cimrpc_class_get() and cursors; new
 * classes are written in MOF (cimrpc_mof_compile()).  PROPERTY, METHOD and
 * PARAMETER arguments name an element (NULL where allowed: the class, the
 * method); INDEX arguments count from 0 below the matching count.
 * Functions given an unknown name or index return NULL, 0 or false.
 */

void cimrpc_class_free(cimrpc_class *cls);

/* The name, and the superclass (or NULL for a root class); borrowed. */
const char *cimrpc_class_name(const cimrpc_class *cls);
const char *cimrpc_class_superclass(const cimrpc_class *cls);

size_t cimrpc_class_property_count(const cimrpc_class *cls);
const char *cimrpc_class_property_name(const cimrpc_class *cls, size_t index);
cimrpc_type cimrpc_class_property_type(const cimrpc_class *cls, size_t index);
bool cimrpc_class_property_is_array(const cimrpc_class *cls, size_t index);
/* Properties typed by a class: a reference's class, an embedded instance's
 * class (borrowed), or NULL. */
const char *cimrpc_class_property_ref_class(const cimrpc_class *cls, size_t index);
/* The default value (borrowed; a NULL value when none was declared). */
const cimrpc_value *cimrpc_class_property_default(const cimrpc_class *cls, size_t index);
/* The class that declared the property (borrowed). */
const char *cimrpc_class_property_origin(const cimrpc_class *cls, size_t index);
/* Is it qualified Key? */
bool cimrpc_class_property_is_key(const cimrpc_class *cls, size_t index);
/* The index of property NAME, or -1. */
long cimrpc_class_property_index(const cimrpc_class *cls, const char *name);

/* The key properties, in the class's order: their number and names
 * (borrowed). */
size_t cimrpc_class_key_count(const cimrpc_class *cls);
const char *cimrpc_class_key_name(const cimrpc_class *cls, size_t index);

/* The qualifiers of PROPERTY, or of the class itself when PROPERTY is
 * NULL, inherited ones included: their number, and each one's name and
 * value (borrowed). */
size_t cimrpc_class_qualifier_count(const cimrpc_class *cls, const char *property);
const char *cimrpc_class_qualifier_name(const cimrpc_class *cls, const char *property,
                                        size_t index);
const cimrpc_value *cimrpc_class_qualifier_value(const cimrpc_class *cls, const char *property,
                                                 size_t index);
/* The value of qualifier NAME of PROPERTY (or of the class when PROPERTY
 * is NULL), borrowed; NULL when it has none such:
 * cimrpc_class_qualifier(cls, "Name", "Key"). */
const cimrpc_value *cimrpc_class_qualifier(const cimrpc_class *cls, const char *property,
                                           const char *name);

size_t cimrpc_class_method_count(const cimrpc_class *cls);
const char *cimrpc_class_method_name(const cimrpc_class *cls, size_t index);
/* VOID for a method that returns nothing. */
cimrpc_type cimrpc_class_method_return_type(const cimrpc_class *cls, size_t index);
/* The value of qualifier NAME of METHOD, or of its PARAMETER when that is
 * not NULL (borrowed), or NULL. */
const cimrpc_value *cimrpc_class_method_qualifier(const cimrpc_class *cls, const char *method,
                                                  const char *parameter, const char *name);

/* Directions of a parameter (bits), as WMI reads its qualifiers: In
 * when qualified In, or qualified neither In nor Out; Out when qualified
 * Out.  ([Out] alone is an output only, [In, Out] both.) */
enum {
    CIMRPC_PARAM_IN = 1 << 0,
    CIMRPC_PARAM_OUT = 1 << 1,
};

/* Parameter PARAM (< count) of method METHOD (an index). */
size_t cimrpc_class_param_count(const cimrpc_class *cls, size_t method);
const char *cimrpc_class_param_name(const cimrpc_class *cls, size_t method, size_t param);
cimrpc_type cimrpc_class_param_type(const cimrpc_class *cls, size_t method, size_t param);
bool cimrpc_class_param_is_array(const cimrpc_class *cls, size_t method, size_t param);
/* A reference's or an embedded instance's class (borrowed), or NULL. */
const char *cimrpc_class_param_ref_class(const cimrpc_class *cls, size_t method, size_t param);
/* CIMRPC_PARAM_IN and/or CIMRPC_PARAM_OUT. */
unsigned int cimrpc_class_param_direction(const cimrpc_class *cls, size_t method,
                                          size_t param);

/* CLS as MOF (what the class itself declares: its qualifiers, and the
 * properties, with defaults, and methods, with parameters, that it
 * defines or overrides), the caller's (free()); NULL when memory runs
 * out. */
char *cimrpc_class_to_mof(const cimrpc_class *cls);

/* ---------------------------------------------------- method params */

/* Named values: the parameters of a method call, or key values for
 * cimrpc_path_make().  NULL when memory runs out; the caller's. */
cimrpc_params *cimrpc_params_new(void);

void cimrpc_params_free(cimrpc_params *params);

/* Set parameter NAME (a valid name, copied) to VALUE, replacing a value
 * it has: parameters keep the order they were first added in.  Takes
 * VALUE (freed also on failure).  At most 256 parameters.  Values
 * borrowed from PARAMS before are invalid afterwards. */
int cimrpc_params_add(cimrpc_params *params, const char *name, cimrpc_value *value,
                      cimrpc_error **err_out);

size_t cimrpc_params_count(const cimrpc_params *params);
/* Parameter INDEX (< count): its name and value (borrowed), or NULL. */
const char *cimrpc_params_name(const cimrpc_params *params, size_t index);
const cimrpc_value *cimrpc_params_value(const cimrpc_params *params, size_t index);
/* The value of parameter NAME (borrowed), or NULL. */
const cimrpc_value *cimrpc_params_get(const cimrpc_params *params, const char *name);

/* -------------------------------------------------------- operations */

/*
 * Each operation calls the server once (cursors: once per batch) on the
 * session of CONN, locking CONN for the call, and returns 0, or -1 with
 * *err_out.  When the server refuses, the error carries its WBEM code
 * (cimrpc_error_get_code()) and reason, and its kind follows the code:
 * NOT_FOUND, INVALID_NAMESPACE and INVALID_CLASS are CIMRPC_ERR_NOT_FOUND;
 * ACCESS_DENIED is CIMRPC_ERR_ACCESS; INVALID_PARAMETER, INVALID_QUERY,
 * UNPARSABLE_QUERY and INVALID_OBJECT_PATH are CIMRPC_ERR_USAGE; the rest
 * CIMRPC_ERR_OTHER.  Arguments found invalid before any call are usage
 * errors.  At levels pktintegrity and pktprivacy over TCP, the arguments
 * of one call (a MOF compilation, an instance, a class, a method's
 * parameters) are limited to about 255 KiB by libtirpc.
 */

/* How a put treats what exists (WMI's WBEM_FLAG_*). */
typedef enum {
    CIMRPC_WRITE_CREATE_OR_UPDATE = 0,
    CIMRPC_WRITE_CREATE = 1,        /* refused (ALREADY_EXISTS) if it exists */
    CIMRPC_WRITE_UPDATE = 2,        /* refused (NOT_FOUND) if it does not */
} cimrpc_write_mode;

/* Namespace paths are "root/..." or relative to the session's namespace
 * ("test" in a session on root/cimv2 is root/cimv2/test).
 *
 * The namespaces below PARENT (NULL or "": the session's namespace), with
 * RECURSIVE all of them, else its children: full paths, sorted.  On
 * success *names_out is a NULL-terminated array of *n_out strings, the
 * caller's (cimrpc_strv_free()); N_OUT may be NULL. */
int cimrpc_ns_list(cimrpc_conn *conn, const char *parent, bool recursive, char ***names_out,
                   size_t *n_out, cimrpc_error **err_out);

/* Free a NULL-terminated array of strings and the strings.  Accepts NULL. */
void cimrpc_strv_free(char **strv);

/* Create namespace PATH, a child of an existing one, with the qualifiers
 * and system classes every namespace has. */
int cimrpc_ns_create(cimrpc_conn *conn, const char *path, cimrpc_error **err_out);

/* Delete namespace PATH and everything in and below it. */
int cimrpc_ns_delete(cimrpc_conn *conn, const char *path, cimrpc_error **err_out);

/* Read class NAME of the session's namespace into *class_out (the
 * caller's). */
int cimrpc_class_get(cimrpc_conn *conn, const char *name, cimrpc_class **class_out,
                     cimrpc_error **err_out);

/* Store CLS (borrowed; from this or another connection) as MODE says. */
int cimrpc_class_put(cimrpc_conn *conn, const cimrpc_class *cls, cimrpc_write_mode mode,
                     cimrpc_error **err_out);

/* Delete class NAME, its subclasses and all their instances. */
int cimrpc_class_delete(cimrpc_conn *conn, const char *name, cimrpc_error **err_out);

/* Which properties instances carry: every one (no selection, or a new
 * one), only the keys, or the keys and the properties of a list (the
 * server always keeps the keys, so that an instance stays identifiable).
 * NULL when memory runs out; the caller's. */
cimrpc_select *cimrpc_select_new(void);
void cimrpc_select_free(cimrpc_select *sel);
/* Only the key properties (a list is then not looked at). */
void cimrpc_select_set_keys_only(cimrpc_select *sel, bool keys_only);
/* Add property NAME (a valid name, copied; once) to the list.  At most
 * 4096 names.  The server refuses names the class does not have. */
int cimrpc_select_add(cimrpc_select *sel, const char *name, cimrpc_error **err_out);

/* Read the instance at PATH (Class.Key="v"; in the session's namespace)
 * with the properties SEL selects (borrowed; NULL: all) into *inst_out
 * (the caller's). */
int cimrpc_instance_get(cimrpc_conn *conn, const char *path, const cimrpc_select *sel,
                        cimrpc_instance **inst_out, cimrpc_error **err_out);

/* Store INST (borrowed) as MODE says.  The server converts nothing: each
 * property must be one of the class's, of its very type and arrayness (or
 * NULL); cimrpc_class_property_type() and cimrpc_value_from_text() make
 * such values from text.  Keys must be given; other properties not given
 * take the class's defaults.  On success, when PATH_OUT is not NULL,
 * *path_out is the stored instance's relative path (the caller's;
 * free()). */
int cimrpc_instance_put(cimrpc_conn *conn, const cimrpc_instance *inst, cimrpc_write_mode mode,
                        char **path_out, cimrpc_error **err_out);

/* Delete the instance at PATH. */
int cimrpc_instance_delete(cimrpc_conn *conn, const char *path, cimrpc_error **err_out);

/* --------------------------------------------------------- cursors */

/*
 * A cursor walks classes, instances or a query's results, fetching them
 * from the server in batches (500 objects by default): it holds at most
 * one batch.  It borrows its connection: close every cursor before the
 * connection.  A cursor does not survive the renewal of an expired
 * Kerberos context (the session is new); it then fails.
 */

#define CIMRPC_FETCH_MAX 10000              /* objects in one batch, at most */
#define CIMRPC_CURSOR_BATCH_DEFAULT 500

/* The classes derived from SUPERCLASS (NULL: the root classes), with
 * DEEP all descendants, else the direct subclasses; with NAMES_ONLY the
 * classes carry only their name and superclass.  On success *cursor_out
 * is the caller's (cimrpc_cursor_close()). */
int cimrpc_enumerate_classes(cimrpc_conn *conn, const char *superclass, bool deep,
                             bool names_only, cimrpc_cursor **cursor_out,
                             cimrpc_error **err_out);

/* The instances of CLASS_NAME, with DEEP those of its subclasses too,
 * carrying the properties SEL selects (borrowed; NULL: all). */
int cimrpc_enumerate_instances(cimrpc_conn *conn, const char *class_name, bool deep,
                               const cimrpc_select *sel, cimrpc_cursor **cursor_out,
                               cimrpc_error **err_out);

/* The results of WQL query WQL (at most 64 KiB): instances, or classes
 * for a schema query. */
int cimrpc_query(cimrpc_conn *conn, const char *wql, cimrpc_cursor **cursor_out,
                 cimrpc_error **err_out);

/* Fetch N objects at a time (1 .. CIMRPC_FETCH_MAX) from now on. */
int cimrpc_cursor_set_batch(cimrpc_cursor *cursor, unsigned int n, cimrpc_error **err_out);

/* The next object: returns 1 with *obj_out set (the caller's;
 * cimrpc_obj_free()), 0 at the end, or -1 with *err_out.  After an error
 * the cursor only fails. */
int cimrpc_cursor_next(cimrpc_cursor *cursor, cimrpc_obj **obj_out, cimrpc_error **err_out);

/* Close CURSOR (telling the server, unless it has reported the end,
 * without waiting on a connection already lost and ignoring errors) and
 * free it.  Accepts NULL. */
void cimrpc_cursor_close(cimrpc_cursor *cursor);

/* An object from a cursor: a class or an instance. */
typedef enum {
    CIMRPC_OBJ_CLASS = 1,
    CIMRPC_OBJ_INSTANCE = 2,
} cimrpc_obj_kind;

cimrpc_obj_kind cimrpc_obj_get_kind(const cimrpc_obj *obj);
/* The class or instance (borrowed), or NULL when OBJ is of the other kind
 * or it was taken. */
const cimrpc_class *cimrpc_obj_class(const cimrpc_obj *obj);
const cimrpc_instance *cimrpc_obj_instance(const cimrpc_obj *obj);
/* The class or instance, handed over to the caller (OBJ no longer has
 * it), or NULL as above. */
cimrpc_class *cimrpc_obj_take_class(cimrpc_obj *obj);
cimrpc_instance *cimrpc_obj_take_instance(cimrpc_obj *obj);
void cimrpc_obj_free(cimrpc_obj *obj);

/* --------------------------------------------------------- methods */

/* Run method METHOD of the instance at PATH, or of the class PATH names
 * (static methods), with the parameters IN (borrowed; NULL: none).  On
 * success, when RET_OUT is not NULL, *ret_out is the return value (the
 * caller's), or NULL for a method that returns nothing; when OUT_OUT is
 * not NULL, *out_out holds the output parameters (the caller's). */
int cimrpc_exec_method(cimrpc_conn *conn, const char *path, const char *method,
                       const cimrpc_params *in, cimrpc_value **ret_out, cimrpc_params **out_out,
                       cimrpc_error **err_out);

/* ------------------------------------------------------------- MOF */

#define CIMRPC_MOF_FILES_MAX 1024           /* files in one compilation */
#define CIMRPC_MOF_MAX 16777216             /* bytes of MOF in one compilation */

/* What a compilation stored. */
typedef struct {
    uint32_t qualifiers;        /* qualifier declarations */
    uint32_t classes;
    uint32_t instances;
    uint32_t namespaces;        /* created */
} cimrpc_mof_stats;

/*
 * Compile the MOF file FILE into the session's namespace, on the server,
 * with the caller's rights, in one transaction.  FILE and every file it
 * includes with #pragma include("NAME") (NAME relative to the including
 * file's directory, unless absolute) are read here and sent: at most
 * CIMRPC_MOF_FILES_MAX files and CIMRPC_MOF_MAX bytes in all; one NAME
 * must mean one file.  The server's errors say FILE:LINE:COLUMN.  On
 * success, when STATS_OUT is not NULL, *stats_out says what was stored.
 */
int cimrpc_mof_compile(cimrpc_conn *conn, const char *file, cimrpc_mof_stats *stats_out,
                       cimrpc_error **err_out);

/* ----------------------------------------------------------- library */

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *cimrpc_version(void);

/* ================================================ configuration (0.3) */

/*
 * The delegated configuration of cimrpcd (docs/CONFIGURATION.md): server
 * settings grouped into sections ("limits", "security/authentication"),
 * set on namespaces and merged from the root down, with locks that keep
 * delegated administrators from changing what a root administrator
 * decided.  Both calls work on the session's namespace
 * (cimrpc_conn_namespace()): connect with cimrpc_options_set_namespace()
 * to the namespace to read or change.  Errors follow the rules of the
 * operations above.
 */

#define CIMRPC_CONFIG_NAME_MAX 256          /* bytes of a section, attribute or
                                             * collection name */
#define CIMRPC_CONFIG_VALUE_MAX 4096        /* bytes of one value, list or entry */
#define CIMRPC_CONFIG_CHANGES_MAX 256       /* changes in one write */
#define CIMRPC_CONFIG_ROWS_MAX 4096         /* rows in one read */

/* Which configuration a read returns. */
typedef enum {
    CIMRPC_CFG_VIEW_SECTIONS = 1,   /* the section declarations: one row per
                                     * attribute and collection, with its
                                     * type, default and description */
    CIMRPC_CFG_VIEW_HERE = 2,       /* what the namespace itself sets, and the
                                     * locks set on it */
    CIMRPC_CFG_VIEW_EFFECTIVE = 3,  /* the merge from the root down: each value,
                                     * where it was set and what locks it */
} cimrpc_cfg_view;

/*
 * Read the configuration of the session's namespace: VIEW of section
 * SECTION (borrowed; NULL or "": every section; at most
 * CIMRPC_CONFIG_NAME_MAX bytes).  Each row is an instance of
 * __ConfigSetting (schema/mof/system.mof) whose string properties
 * Namespace, Section, Setting, Value, Type, SetAt, Lock, Note and
 * Description may each be NULL; rows have no path
 * (cimrpc_instance_path() is NULL).
 *
 * On success *rows_out is a NULL-terminated array of *n_out rows (N_OUT
 * may be NULL), in the server's order: the array and the rows are the
 * caller's, freed together with cimrpc_instancev_free(); to keep some
 * rows, free the others with cimrpc_instance_free() and the array with
 * free() instead.
 */
int cimrpc_config_read(cimrpc_conn *conn, const char *section, cimrpc_cfg_view view,
                       cimrpc_instance ***rows_out, size_t *n_out, cimrpc_error **err_out);

/* Free a NULL-terminated array of instances and the instances (what
 * cimrpc_config_read() hands out).  Accepts NULL. */
void cimrpc_instancev_free(cimrpc_instance **rows);

/* What one change of a write does. */
typedef enum {
    CIMRPC_CFG_SET = 1,             /* attribute NAME takes VALUE here */
    CIMRPC_CFG_RESET = 2,           /* remove what is set here for NAME: an
                                     * attribute's value, or a collection's
                                     * adds, removes and clear */
    CIMRPC_CFG_ADD = 3,             /* collection NAME: the entry VALUE,
                                     * "key=v,attr=v" (a new key, or new
                                     * values for an existing one) */
    CIMRPC_CFG_REMOVE = 4,          /* collection NAME: the entry whose key
                                     * is VALUE, "key=v" */
    CIMRPC_CFG_CLEAR = 5,           /* collection NAME: drop what is inherited */
    CIMRPC_CFG_OVERRIDE_MODE = 6,   /* VALUE "Allow", "Deny" or "Inherit" (remove
                                     * the mode set here), for the subtree */
    CIMRPC_CFG_LOCK_ATTRIBUTE = 7,  /* attribute NAME */
    CIMRPC_CFG_UNLOCK_ATTRIBUTE = 8,
    CIMRPC_CFG_LOCK_ALL_ATTRIBUTES_EXCEPT = 9,      /* VALUE "a,b" or "" */
    CIMRPC_CFG_UNLOCK_ALL_ATTRIBUTES_EXCEPT = 10,
    CIMRPC_CFG_LOCK_ELEMENT = 11,   /* collection NAME */
    CIMRPC_CFG_UNLOCK_ELEMENT = 12,
    CIMRPC_CFG_LOCK_ALL_ELEMENTS_EXCEPT = 13,       /* VALUE "c,d" or "" */
    CIMRPC_CFG_UNLOCK_ALL_ELEMENTS_EXCEPT = 14,
    CIMRPC_CFG_LOCK_ITEM = 15,      /* collection NAME, the entry whose key is
                                     * VALUE, "key=v" */
    CIMRPC_CFG_UNLOCK_ITEM = 16,
} cimrpc_cfg_op;

/* One change.  NAME and VALUE are borrowed; NULL stands for "" (an
 * operation that takes no name or no value); NAME is at most
 * CIMRPC_CONFIG_NAME_MAX bytes, VALUE CIMRPC_CONFIG_VALUE_MAX. */
typedef struct {
    cimrpc_cfg_op op;
    const char *name;
    const char *value;
} cimrpc_cfg_change;

/*
 * Change section SECTION (borrowed; required) of the session's namespace
 * with the N changes at CHANGES (borrowed; 1 to CIMRPC_CONFIG_CHANGES_MAX),
 * applied in order.  The server applies them all or none: a change it
 * refuses (a lock, a value of the wrong type, rights the caller lacks)
 * fails the whole call with its reason.  On success, when CHANGED_OUT is
 * not NULL, *changed_out is the number of changes that altered something;
 * when NOTES_OUT is not NULL, *notes_out is what the server says the
 * caller should know, such as settings below that a new lock makes
 * ignored (the caller's; free()), or NULL when it says nothing.
 */
int cimrpc_config_write(cimrpc_conn *conn, const char *section, const cimrpc_cfg_change *changes,
                        size_t n, uint32_t *changed_out, char **notes_out,
                        cimrpc_error **err_out);

/*
 * Why the server cut the results of CURSOR short, such as a result-size
 * limit of the namespace's configuration (borrowed from CURSOR; valid
 * until it is closed), or NULL when the results are complete.  The
 * server says so with its last batch: check it once cimrpc_cursor_next()
 * has returned 0 (until the last batch has arrived it is NULL).
 */
const char *cimrpc_cursor_truncated(const cimrpc_cursor *cursor);

#ifdef __cplusplus
}
#endif

#endif
