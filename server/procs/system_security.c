/*
 * system_security.c: __SystemSecurity's methods, served by cimrpcd on the
 * namespace of the caller's session (see system_security.h).
 *
 * Every method is called on __SystemSecurity=@ (or on the class path).
 * EXEC_METHOD has already required Execute Methods; each method then
 * checks its own right with audit_access_check(), so a denial names the
 * right missing and the namespace, and the decision, allowed or denied,
 * is in the audit trail as "NAMESPACE:__SystemSecurity::METHOD (RIGHT)":
 *
 *   GetSD([out] uint8 SD[])                    Read Security
 *       the namespace's effective descriptor (own ACEs, then inherited
 *       ones flagged ID) as the XDR of a cimrpc_sd (idl/cimrpc.x)
 *   SetSD([in] uint8 SD[])                     Edit Security
 *   GetSecurityDescriptor([out] __SecurityDescriptor Descriptor)
 *                                              Read Security
 *   SetSecurityDescriptor([in] __SecurityDescriptor Descriptor)
 *                                              Edit Security
 *   GetCallerAccessRights([out] sint32 Rights) nothing more
 *       the rights the caller holds on the namespace (CIMRPC_RIGHT_*)
 *   GetSDDL([out] string SDDL)                 Read Security (cimrpc)
 *   SetSDDL([in] string SDDL)                  Edit Security (cimrpc)
 *       the same descriptor as SDDL text (sd_sddl.h); the server parses
 *       it, so user and group names resolve against its accounts
 *
 * Every Set* validates the descriptor with sd_validate(), keeps only
 * its explicit ACEs (sd_strip_inherited()) and stores them as the
 * namespace's own descriptor in one write.  Rights are computed from the
 * chain of stored descriptors at every call, so the change applies to
 * the namespace and everything below it from the very next call.
 *
 * Results: success is the return value 0 with the output parameters.
 * Every failure is an EXEC_METHOD error result (a WBEM code and a reason
 * naming the method and saying what to do), never a non-zero return
 * value, so that the reason reaches the caller: ACCESS_DENIED for a
 * missing right; INVALID_PARAMETER for a descriptor that does not decode,
 * parse or validate (nothing is stored); INVALID_METHOD_PARAMETERS for a
 * parameter missing or of the wrong type; INVALID_OBJECT_PATH for a path
 * with keys.
 *
 * Owner and group: a namespace without a descriptor of its own shows
 * those of the nearest ancestor that has one (root's default: BA).
 *
 * __Trustee mapping (the MOF's Description of __Trustee says the same):
 *
 *   trustee            Name                 Domain   TrusteeType  SIDString
 *   well-known WD..SY  "Everyone", ...      ""       4            "WD" ... "SY"
 *   local user         account name, or     ""       1            "U{alice}" or
 *                      "#uid" without one                         "U{#1234}"
 *   local group        group name, or #gid  ""       2            "G{wheel}"
 *   Kerberos principal before the last '@'  realm    3            "P{alice@EX.COM}"
 *
 * SIDString is the trustee exactly as cimrpc's SDDL writes it.  Reading
 * a __Trustee back, a non-empty SIDString decides; without one, the
 * trustee is made from TrusteeType, Name and Domain (type 4 takes the
 * English name or the alias).  Either way the text is parsed by the SDDL
 * parser, so a user or group name must exist on this server.
 *
 * __SecurityDescriptor: ControlFlags has DACL Present (0x4), DACL
 * Protected (0x1000) and Self Relative (0x8000); read back, the DACL is
 * present when the flag is set or DACL is not null, SACL Present is
 * refused and the other bits are ignored.  Owner and Group are embedded
 * __Trustee instances (null: absent, which validation refuses); DACL is
 * an array of embedded __ACE with AccessMask, AceFlags, AceType (0 allow,
 * 1 deny) and Trustee.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "common/xdr_blob.h"
#include "log.h"
#include "procs/proc_util.h"
#include "procs/system_security.h"
#include "repository/repo_security.h"
#include "rpc/identity.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

#define SS_CLASS "__SystemSecurity"

/* Bytes a uint8[] parameter can carry (an array value's bound). */
#define SS_SD_BYTES_MAX CIM_ARRAY_MAX

/* __SecurityDescriptor.ControlFlags bits (SECURITY_DESCRIPTOR_CONTROL). */
#define SS_SE_DACL_PRESENT   0x0004u
#define SS_SE_SACL_PRESENT   0x0010u
#define SS_SE_DACL_PROTECTED 0x1000u
#define SS_SE_SELF_RELATIVE  0x8000u

/* __Trustee.TrusteeType values. */
enum ss_trustee_type {
    SS_TT_UNKNOWN = 0,
    SS_TT_USER = 1,
    SS_TT_GROUP = 2,
    SS_TT_PRINCIPAL = 3,
    SS_TT_WELL_KNOWN = 4,
};

/* __ACE.AceType values. */
#define SS_ACE_ALLOW 0u
#define SS_ACE_DENY  1u

/* One call being served. */
struct ss_call {
    struct call_context *ctx;
    const char *nspace;                 /* the session's namespace */
    const char *method;                 /* as the class spells it */
    const cimrpc_exec_method_args *args;
    cimrpc_exec_method_res *res;
    cimrpc_exec_method_ok ok;           /* built here, moved to RES on success */
    bool nomem;                         /* memory ran out: no reply at all */
};

/* ------------------------------------------------------------ errors --- */

/* Set RES to the error WBEM with "METHOD: message".  Returns -1. */
static int __attribute__((format(printf, 3, 4)))
ss_fail(struct ss_call *c, uint32_t wbem, const char *fmt, ...)
{
    char text[CIMRPC_REASON_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (proc_error(&c->res->code, &c->res->cimrpc_exec_method_res_u.reason, wbem, "%s: %s",
                   c->method, text) < 0)
        c->nomem = true;
    return -1;
}

static int
ss_nomem(struct ss_call *c)
{
    c->nomem = true;
    return -1;
}

static int
ss_repo_fail(struct ss_call *c, const struct repo_error *err)
{
    return ss_fail(c, err->code, "%s",
                   err->message[0] != '\0' ? err->message : "the repository failed");
}

/* Who the caller is, for the log (borrowed). */
static const char *
ss_who(const struct ss_call *c)
{
    const struct caller_identity *id = c->ctx->caller;

    return id->principal != NULL ? id->principal
           : id->account != NULL ? id->account : "an anonymous caller";
}

/* Does the caller hold RIGHT on the session's namespace?  The decision
 * is recorded in the audit trail (and its log) as
 * "NAMESPACE:__SystemSecurity::METHOD (RIGHT)", allowed or denied; the
 * dispatcher recorded Execute Methods before.  0, or -1 with
 * ACCESS_DENIED naming what is missing (or why the decision cannot be
 * recorded). */
static int
ss_need(struct ss_call *c, uint32_t right)
{
    char what[sizeof(SS_CLASS) + CIM_NAME_MAX + 4], why[CIMRPC_REASON_MAX - 64];

    if (right == 0)
        return 0;
    snprintf(what, sizeof(what), SS_CLASS "::%s", c->method);
    if (audit_access_check(c->ctx, NULL, c->nspace, right, what, why, sizeof(why)) < 0)
        return ss_fail(c, WBEM_E_ACCESS_DENIED, "%s", why);
    return 0;
}

/* ------------------------------------------------------------ values --- */

/* A non-null scalar of TYPE with its one item zeroed.  0 or -1. */
static int
ss_value_scalar(cim_value *v, cim_type type)
{
    memset(v, 0, sizeof(*v));
    v->type = type;
    if ((v->items.items_val = calloc(1, sizeof(cim_scalar))) == NULL)
        return -1;
    v->items.items_len = 1;
    v->items.items_val[0].type = type;
    return 0;
}

static int
ss_value_uint(cim_value *v, cim_type type, uint64_t u)
{
    if (ss_value_scalar(v, type) < 0)
        return -1;
    v->items.items_val[0].cim_scalar_u.u = u;
    return 0;
}

static int
ss_value_sint(cim_value *v, cim_type type, int64_t i)
{
    if (ss_value_scalar(v, type) < 0)
        return -1;
    v->items.items_val[0].cim_scalar_u.i = i;
    return 0;
}

static int
ss_value_string(cim_value *v, const char *s)
{
    if (ss_value_scalar(v, CIM_TYPE_STRING) < 0)
        return -1;
    if ((v->items.items_val[0].cim_scalar_u.s = strdup(s)) == NULL) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return -1;
    }
    return 0;
}

static void
ss_value_null(cim_value *v, cim_type type, bool is_array)
{
    memset(v, 0, sizeof(*v));
    v->type = type;
    v->is_array = is_array;
    v->is_null = true;
}

/* INST (borrowed) encoded into item S.  0, or -1 (ENOMEM, or larger
 * than an embedded instance may be). */
static int
ss_scalar_instance(cim_scalar *s, const cim_instance *inst)
{
    unsigned char *blob;
    size_t len;

    s->type = CIM_TYPE_INSTANCE;
    if (xdr_blob_encode((xdrproc_t)xdr_cim_instance, (void *)inst, &blob, &len) < 0)
        return -1;
    if (len > CIM_EMBEDDED_MAX) {
        free(blob);
        return -1;
    }
    s->cim_scalar_u.embedded.embedded_val = (char *)blob;
    s->cim_scalar_u.embedded.embedded_len = (u_int)len;
    return 0;
}

static int
ss_value_instance(cim_value *v, const cim_instance *inst)
{
    if (ss_value_scalar(v, CIM_TYPE_INSTANCE) < 0)
        return -1;
    if (ss_scalar_instance(&v->items.items_val[0], inst) < 0) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return -1;
    }
    return 0;
}

/* An empty array of TYPE with room for N items.  0 or -1. */
static int
ss_value_array(cim_value *v, cim_type type, size_t n)
{
    memset(v, 0, sizeof(*v));
    v->type = type;
    v->is_array = true;
    if (n > 0 && (v->items.items_val = calloc(n, sizeof(cim_scalar))) == NULL)
        return -1;
    return 0;
}

/* ---------------------------------------------------------- instances --- */

/* Start *INST, an instance of CLASS with room for N properties. */
static int
ss_inst_new(cim_instance *inst, const char *class_name, size_t n)
{
    memset(inst, 0, sizeof(*inst));
    if ((inst->class_name = strdup(class_name)) == NULL)
        return -1;
    if ((inst->properties.properties_val = calloc(n, sizeof(cim_property_value))) == NULL)
        return -1;
    return 0;
}

/* Append property NAME with value V (taken, also on failure). */
static int
ss_inst_add(cim_instance *inst, const char *name, cim_value *v)
{
    cim_property_value *p = &inst->properties.properties_val[inst->properties.properties_len];

    if ((p->name = strdup(name)) == NULL) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return -1;
    }
    p->value = *v;
    inst->properties.properties_len++;
    return 0;
}

static int
ss_inst_add_uint32(cim_instance *inst, const char *name, uint32_t u)
{
    cim_value v;

    if (ss_value_uint(&v, CIM_TYPE_UINT32, u) < 0) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)&v);
        return -1;
    }
    return ss_inst_add(inst, name, &v);
}

static int
ss_inst_add_string(cim_instance *inst, const char *name, const char *s)
{
    cim_value v;

    if (ss_value_string(&v, s) < 0)
        return -1;
    return ss_inst_add(inst, name, &v);
}

/* Embed SUB (borrowed) as property NAME. */
static int
ss_inst_add_instance(cim_instance *inst, const char *name, const cim_instance *sub)
{
    cim_value v;

    if (ss_value_instance(&v, sub) < 0)
        return -1;
    return ss_inst_add(inst, name, &v);
}

static void
ss_inst_free(cim_instance *inst)
{
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)inst);
    memset(inst, 0, sizeof(*inst));
}

/* The value of property NAME of INST (borrowed), or NULL. */
static const cim_value *
ss_prop(const cim_instance *inst, const char *name)
{
    for (u_int i = 0; i < inst->properties.properties_len; i++)
        if (inst->properties.properties_val[i].name != NULL &&
            strcasecmp(inst->properties.properties_val[i].name, name) == 0)
            return &inst->properties.properties_val[i].value;
    return NULL;
}

/* ----------------------------------------------------- reading values --- */

/* Is V a non-null scalar with its one item of V's type? */
static bool
ss_is_scalar(const cim_value *v)
{
    return !v->is_null && !v->is_array && v->items.items_len == 1 &&
           v->items.items_val[0].type == v->type;
}

/* Decode embedded instance item S into *OUT (zeroed here) and check that
 * it is an instance of CLASS_NAME.  WHAT names it in messages. */
static int
ss_decode_instance(struct ss_call *c, const cim_scalar *s, const char *class_name,
                   const char *what, cim_instance *out)
{
    memset(out, 0, sizeof(*out));
    if (s->type != CIM_TYPE_INSTANCE)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s must be an embedded instance of %s",
                       what, class_name);
    if (xdr_blob_decode((xdrproc_t)xdr_cim_instance, s->cim_scalar_u.embedded.embedded_val,
                        s->cim_scalar_u.embedded.embedded_len, out) < 0) {
        memset(out, 0, sizeof(*out));
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s is not a well-formed embedded "
                       "instance", what);
    }
    if (out->class_name == NULL || strcasecmp(out->class_name, class_name) != 0) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s is an instance of %.100s; it must be an "
                "instance of %s", what, out->class_name ? out->class_name : "no class",
                class_name);
        ss_inst_free(out);
        return -1;
    }
    return 0;
}

/* Integer property NAME of INST into *OUT (32 bits, not negative).
 * Returns 1 when given, 0 when absent or null, -1 on a bad value. */
static int
ss_prop_uint32(struct ss_call *c, const cim_instance *inst, const char *name, const char *what,
               uint32_t *out)
{
    const cim_value *v = ss_prop(inst, name);
    const cim_scalar *s;
    bool negative_ok;

    *out = 0;
    if (v == NULL || v->is_null)
        return 0;
    if (!ss_is_scalar(v) || v->type < CIM_TYPE_SINT8 || v->type > CIM_TYPE_UINT64)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s.%s must be an integer (uint32)", what,
                       name);
    s = &v->items.items_val[0];
    negative_ok = v->type == CIM_TYPE_SINT8 || v->type == CIM_TYPE_SINT16 ||
                  v->type == CIM_TYPE_SINT32 || v->type == CIM_TYPE_SINT64;
    if (negative_ok ? (s->cim_scalar_u.i < 0 || s->cim_scalar_u.i > (int64_t)UINT32_MAX)
                    : s->cim_scalar_u.u > UINT32_MAX)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s.%s is out of the range of a uint32",
                       what, name);
    *out = negative_ok ? (uint32_t)s->cim_scalar_u.i : (uint32_t)s->cim_scalar_u.u;
    return 1;
}

/* String property NAME of INST (borrowed into *OUT; "" when absent or
 * null).  0, or -1 on a value that is not a string. */
static int
ss_prop_string(struct ss_call *c, const cim_instance *inst, const char *name, const char *what,
               const char **out)
{
    const cim_value *v = ss_prop(inst, name);

    *out = "";
    if (v == NULL || v->is_null)
        return 0;
    if (!ss_is_scalar(v) || v->type != CIM_TYPE_STRING ||
        v->items.items_val[0].cim_scalar_u.s == NULL)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s.%s must be a string", what, name);
    *out = v->items.items_val[0].cim_scalar_u.s;
    return 0;
}

/* Input parameter NAME (borrowed), or NULL when not given. */
static const cim_value *
ss_param(const struct ss_call *c, const char *name)
{
    for (u_int i = 0; i < c->args->in_params.in_params_len; i++)
        if (strcasecmp(c->args->in_params.in_params_val[i].name, name) == 0)
            return &c->args->in_params.in_params_val[i].value;
    return NULL;
}

/* Input parameter NAME, required and not null.  NULL with the error set. */
static const cim_value *
ss_param_required(struct ss_call *c, const char *name, const char *type_text)
{
    const cim_value *v = ss_param(c, name);

    if (v == NULL || v->is_null) {
        ss_fail(c, WBEM_E_INVALID_METHOD_PARAMETERS, "the input parameter %s (%s) is required",
                name, type_text);
        return NULL;
    }
    return v;
}

/* ----------------------------------------------------------- trustees --- */

/* A deep copy of SRC into *DST (zeroed by the caller). */
static int
ss_trustee_copy(cimrpc_trustee *dst, const cimrpc_trustee *src)
{
    dst->kind = src->kind;
    dst->id = src->id;
    dst->name = strdup(src->name != NULL ? src->name : "");
    return dst->name != NULL ? 0 : -1;
}

/* T (borrowed) as cimrpc's SDDL writes a trustee ("BA", "U{alice}"):
 * malloc'd, or NULL (errno ENOMEM, or EINVAL when SDDL cannot say it). */
static char *
ss_trustee_sddl(const cimrpc_trustee *t)
{
    cimrpc_sd one;
    char *text, *sid;

    memset(&one, 0, sizeof(one));
    one.owner = *t;                     /* borrowed: sd_to_sddl() only reads */
    if ((text = sd_to_sddl(&one)) == NULL)
        return NULL;
    if (strncmp(text, "O:", 2) != 0) {
        free(text);
        errno = EINVAL;
        return NULL;
    }
    sid = strdup(text + 2);
    free(text);
    return sid;
}

/* T (borrowed) as an instance of __Trustee into *OUT (see the mapping at
 * the top).  0, or -1 with the error set. */
static int
ss_trustee_to_inst(struct ss_call *c, const cimrpc_trustee *t, cim_instance *out)
{
    char *sid = ss_trustee_sddl(t), *name = NULL;
    const char *domain = "";
    uint32_t type = SS_TT_UNKNOWN;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (sid == NULL)
        return errno == ENOMEM ? ss_nomem(c)
               : ss_fail(c, WBEM_E_FAILED, "a stored trustee cannot be written in SDDL; set "
                         "the namespace's descriptor again");
    switch (t->kind) {
    case CIMRPC_TRUSTEE_WELL_KNOWN:
        type = SS_TT_WELL_KNOWN;
        name = strdup(sd_well_known_name(t->id) != NULL ? sd_well_known_name(t->id) : sid);
        break;
    case CIMRPC_TRUSTEE_USER:
    case CIMRPC_TRUSTEE_GROUP:
        /* "U{name}" -> "name" */
        type = t->kind == CIMRPC_TRUSTEE_USER ? SS_TT_USER : SS_TT_GROUP;
        name = strlen(sid) >= 3 ? strndup(sid + 2, strlen(sid) - 3) : strdup(sid);
        break;
    case CIMRPC_TRUSTEE_PRINCIPAL: {
        const char *at = strrchr(t->name, '@');

        type = SS_TT_PRINCIPAL;
        name = at != NULL ? strndup(t->name, (size_t)(at - t->name)) : strdup(t->name);
        domain = at != NULL ? at + 1 : "";
        break;
    }
    default:
        name = strdup("");
        break;
    }
    if (name == NULL || ss_inst_new(out, "__Trustee", 4) < 0 ||
        ss_inst_add_string(out, "Name", name) < 0 ||
        ss_inst_add_string(out, "Domain", domain) < 0 ||
        ss_inst_add_uint32(out, "TrusteeType", type) < 0 ||
        ss_inst_add_string(out, "SIDString", sid) < 0) {
        ss_inst_free(out);
        ss_nomem(c);
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(name);
    free(sid);
    return rc;
}

/* The SDDL text of the trustee an instance of __Trustee describes
 * without a SIDString: malloc'd into *TEXT_OUT.  0, or -1 with the error
 * set. */
static int
ss_trustee_text(struct ss_call *c, const cim_instance *inst, const char *what, char **text_out)
{
    const char *name, *domain;
    uint32_t type;
    int given, n = -1;

    *text_out = NULL;
    if ((given = ss_prop_uint32(c, inst, "TrusteeType", what, &type)) < 0 ||
        ss_prop_string(c, inst, "Name", what, &name) < 0 ||
        ss_prop_string(c, inst, "Domain", what, &domain) < 0)
        return -1;
    if (given == 0 || name[0] == '\0')
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s has no SIDString, so it needs "
                       "TrusteeType and Name (or give SIDString, such as \"BA\", "
                       "\"U{alice}\" or \"P{alice@EXAMPLE.COM}\")", what);
    switch (type) {
    case SS_TT_USER:
        n = asprintf(text_out, "U{%s}", name);
        break;
    case SS_TT_GROUP:
        n = asprintf(text_out, "G{%s}", name);
        break;
    case SS_TT_PRINCIPAL:
        n = domain[0] != '\0' ? asprintf(text_out, "P{%s@%s}", name, domain)
                              : asprintf(text_out, "P{%s}", name);
        break;
    case SS_TT_WELL_KNOWN: {
        const char *alias = NULL;

        /* The English name or the alias. */
        for (unsigned int id = 1; alias == NULL && sd_well_known_alias(id) != NULL; id++)
            if (strcasecmp(name, sd_well_known_name(id)) == 0 ||
                strcmp(name, sd_well_known_alias(id)) == 0)
                alias = sd_well_known_alias(id);
        if (alias == NULL)
            return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s names well-known trustee '%.100s', "
                           "which does not exist (Everyone, Authenticated Users, Anonymous, "
                           "Administrators, Network, Local, Service, Local Service, Network "
                           "Service, System, or their aliases WD ... SY)", what, name);
        n = asprintf(text_out, "%s", alias);
        break;
    }
    default:
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s has TrusteeType %u; use 1 (user), 2 "
                       "(group), 3 (Kerberos principal) or 4 (well-known)", what, type);
    }
    if (n < 0) {
        *text_out = NULL;
        return ss_nomem(c);
    }
    return 0;
}

/* The trustee an instance of __Trustee (borrowed) describes, into *OUT
 * (zeroed here; sd_free() frees it as part of a descriptor). */
static int
ss_trustee_from_inst(struct ss_call *c, const cim_instance *inst, const char *what,
                     cimrpc_trustee *out)
{
    char why[512], *text = NULL, *sddl = NULL;
    const char *sid;
    cimrpc_sd one;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if (ss_prop_string(c, inst, "SIDString", what, &sid) < 0)
        return -1;
    if (sid[0] == '\0' && ss_trustee_text(c, inst, what, &text) < 0)
        return -1;
    if (asprintf(&sddl, "O:%s", text != NULL ? text : sid) < 0) {
        free(text);
        return ss_nomem(c);
    }
    memset(&one, 0, sizeof(one));
    if (sd_from_sddl(sddl, &one, why, sizeof(why)) < 0) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s is not a trustee: in \"%.300s\", %s", what,
                sddl, why);
        goto cleanup;
    }
    if (one.owner.kind == 0 || one.group.kind != 0 || one.dacl_present) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s: \"%.300s\" is not one trustee", what,
                text != NULL ? text : sid);
        goto cleanup;
    }
    *out = one.owner;
    memset(&one.owner, 0, sizeof(one.owner));
    rc = 0;
cleanup:
    sd_free(&one);
    free(sddl);
    free(text);
    return rc;
}

/* -------------------------------------------------------- descriptors --- */

/* Walking root down to the session's namespace: the owner and group of
 * the nearest namespace that stores them. */
struct ss_owner_walk {
    cimrpc_trustee owner, group;        /* borrowed from the walk's step */
    cimrpc_sd *sd;                      /* gets copies of them at the end */
    bool failed;
};

static int
ss_owner_step(const char *nspace, const cimrpc_sd *stored, void *arg)
{
    struct ss_owner_walk *w = arg;

    (void)nspace;
    if (stored == NULL)
        return 0;
    /* Copy now: STORED lives for this step only. */
    if (stored->owner.kind != 0 && w->sd->owner.kind == 0) {
        free(w->owner.name);
        memset(&w->owner, 0, sizeof(w->owner));
        if (ss_trustee_copy(&w->owner, &stored->owner) < 0)
            w->failed = true;
    }
    if (stored->group.kind != 0 && w->sd->group.kind == 0) {
        free(w->group.name);
        memset(&w->group, 0, sizeof(w->group));
        if (ss_trustee_copy(&w->group, &stored->group) < 0)
            w->failed = true;
    }
    return w->failed ? 1 : 0;
}

/* The session namespace's effective descriptor into *SD_OUT (the
 * caller's; sd_free()), with the owner and group of the nearest
 * namespace that has them.  0, or -1 with the error set. */
static int
ss_effective(struct ss_call *c, cimrpc_sd *sd_out)
{
    struct repo_error err = { "", 0 };
    struct ss_owner_walk w;

    if (access_effective_sd(proc_repo(c->ctx), c->nspace, sd_out, &err) < 0)
        return ss_repo_fail(c, &err);
    if (sd_out->owner.kind != 0 && sd_out->group.kind != 0)
        return 0;
    memset(&w, 0, sizeof(w));
    w.sd = sd_out;
    /* Root without a descriptor has WMI's default owner and group, BA. */
    w.owner.kind = w.group.kind = CIMRPC_TRUSTEE_WELL_KNOWN;
    w.owner.id = w.group.id = CIMRPC_WK_ADMINISTRATORS;
    w.owner.name = strdup("");
    w.group.name = strdup("");
    if (w.owner.name == NULL || w.group.name == NULL)
        w.failed = true;
    if (!w.failed && repo_security_chain(proc_repo(c->ctx), c->nspace, ss_owner_step, &w,
                                         &err) < 0) {
        free(w.owner.name);
        free(w.group.name);
        sd_free(sd_out);
        return ss_repo_fail(c, &err);
    }
    if (w.failed) {
        free(w.owner.name);
        free(w.group.name);
        sd_free(sd_out);
        return ss_nomem(c);
    }
    if (sd_out->owner.kind == 0) {
        free(sd_out->owner.name);
        sd_out->owner = w.owner;
    } else {
        free(w.owner.name);
    }
    if (sd_out->group.kind == 0) {
        free(sd_out->group.name);
        sd_out->group = w.group;
    } else {
        free(w.group.name);
    }
    return 0;
}

/* Validate SD (borrowed) and store its explicit ACEs as the session
 * namespace's own descriptor.  0, or -1 with the error set (nothing
 * stored). */
static int
ss_store(struct ss_call *c, const cimrpc_sd *sd)
{
    struct repo_error err = { "", 0 };
    char why[CIMRPC_REASON_MAX - 128];
    cimrpc_sd own;
    char *text;

    if (sd_validate(sd, why, sizeof(why)) < 0)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "the descriptor is refused and nothing was "
                       "changed: %s", why);
    if (sd_strip_inherited(sd, &own) < 0)
        return ss_nomem(c);
    if (repo_security_set(proc_repo(c->ctx), c->nspace, &own, &err) < 0) {
        sd_free(&own);
        return ss_repo_fail(c, &err);
    }
    text = sd_to_sddl(&own);
    log_msg(LOG_NOTICE, "namespace %s: %s set the security descriptor (%s): %s", c->nspace,
            ss_who(c), c->method, text != NULL ? text : "(not expressible in SDDL)");
    free(text);
    sd_free(&own);
    return 0;
}

/* An instance of __ACE from ACE (borrowed) into *OUT. */
static int
ss_ace_to_inst(struct ss_call *c, const cimrpc_ace *ace, cim_instance *out)
{
    cim_instance trustee;

    memset(out, 0, sizeof(*out));
    if (ss_trustee_to_inst(c, &ace->trustee, &trustee) < 0)
        return -1;
    if (ss_inst_new(out, "__ACE", 4) < 0 ||
        ss_inst_add_uint32(out, "AccessMask", ace->mask) < 0 ||
        ss_inst_add_uint32(out, "AceFlags", ace->flags) < 0 ||
        ss_inst_add_uint32(out, "AceType", ace->allow ? SS_ACE_ALLOW : SS_ACE_DENY) < 0 ||
        ss_inst_add_instance(out, "Trustee", &trustee) < 0) {
        ss_inst_free(&trustee);
        ss_inst_free(out);
        return ss_nomem(c);
    }
    ss_inst_free(&trustee);
    return 0;
}

/* Property NAME of *OUT: trustee T (borrowed) embedded, or null when
 * absent. */
static int
ss_inst_add_trustee(struct ss_call *c, cim_instance *out, const char *name,
                    const cimrpc_trustee *t)
{
    cim_instance inst;
    cim_value v;
    int rc;

    if (t->kind == 0) {
        ss_value_null(&v, CIM_TYPE_INSTANCE, false);
        return ss_inst_add(out, name, &v) < 0 ? ss_nomem(c) : 0;
    }
    if (ss_trustee_to_inst(c, t, &inst) < 0)
        return -1;
    rc = ss_inst_add_instance(out, name, &inst) < 0 ? ss_nomem(c) : 0;
    ss_inst_free(&inst);
    return rc;
}

/* SD (borrowed) as an instance of __SecurityDescriptor into *OUT. */
static int
ss_sd_to_inst(struct ss_call *c, const cimrpc_sd *sd, cim_instance *out)
{
    uint32_t control = SS_SE_SELF_RELATIVE;
    cim_value dacl;

    if (sd->dacl_present)
        control |= SS_SE_DACL_PRESENT;
    if (sd->dacl_protected)
        control |= SS_SE_DACL_PROTECTED;
    if (ss_inst_new(out, "__SecurityDescriptor", 4) < 0 ||
        ss_inst_add_uint32(out, "ControlFlags", control) < 0) {
        ss_inst_free(out);
        return ss_nomem(c);
    }
    if (ss_inst_add_trustee(c, out, "Owner", &sd->owner) < 0 ||
        ss_inst_add_trustee(c, out, "Group", &sd->group) < 0) {
        ss_inst_free(out);
        return -1;
    }
    if (!sd->dacl_present) {
        ss_value_null(&dacl, CIM_TYPE_INSTANCE, true);
    } else {
        if (ss_value_array(&dacl, CIM_TYPE_INSTANCE, sd->dacl.dacl_len) < 0) {
            ss_inst_free(out);
            return ss_nomem(c);
        }
        for (u_int i = 0; i < sd->dacl.dacl_len; i++) {
            cim_instance ace;
            int rc;

            if (ss_ace_to_inst(c, &sd->dacl.dacl_val[i], &ace) < 0) {
                xdr_free((xdrproc_t)xdr_cim_value, (char *)&dacl);
                ss_inst_free(out);
                return -1;
            }
            rc = ss_scalar_instance(&dacl.items.items_val[i], &ace);
            ss_inst_free(&ace);
            if (rc < 0) {
                xdr_free((xdrproc_t)xdr_cim_value, (char *)&dacl);
                ss_inst_free(out);
                return ss_nomem(c);
            }
            dacl.items.items_len++;
        }
    }
    if (ss_inst_add(out, "DACL", &dacl) < 0) {
        ss_inst_free(out);
        return ss_nomem(c);
    }
    return 0;
}

/* Embedded property NAME of INST (an instance of CLASS_NAME) decoded into
 * *OUT.  1 when given, 0 when absent or null, -1 with the error set. */
static int
ss_prop_instance(struct ss_call *c, const cim_instance *inst, const char *name,
                 const char *class_name, const char *what, cim_instance *out)
{
    const cim_value *v = ss_prop(inst, name);
    char label[160];

    memset(out, 0, sizeof(*out));
    if (v == NULL || v->is_null)
        return 0;
    snprintf(label, sizeof(label), "%s.%s", what, name);
    if (!ss_is_scalar(v))
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s must be one embedded %s", label,
                       class_name);
    return ss_decode_instance(c, &v->items.items_val[0], class_name, label, out) < 0 ? -1 : 1;
}

/* The __ACE in item S into *ACE (zeroed here).  POS counts from 1. */
static int
ss_ace_from_scalar(struct ss_call *c, const cim_scalar *s, u_int pos, cimrpc_ace *ace)
{
    cim_instance inst, trustee;
    char what[64];
    uint32_t type = 0;
    int rc = -1, given;

    memset(ace, 0, sizeof(*ace));
    snprintf(what, sizeof(what), "DACL[%u]", pos);
    if (ss_decode_instance(c, s, "__ACE", what, &inst) < 0)
        return -1;
    memset(&trustee, 0, sizeof(trustee));
    if ((given = ss_prop_uint32(c, &inst, "AccessMask", what, &ace->mask)) < 0)
        goto cleanup;
    if (given == 0) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s has no AccessMask", what);
        goto cleanup;
    }
    if (ss_prop_uint32(c, &inst, "AceFlags", what, &ace->flags) < 0 ||
        ss_prop_uint32(c, &inst, "AceType", what, &type) < 0)
        goto cleanup;
    if (type != SS_ACE_ALLOW && type != SS_ACE_DENY) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s has AceType %u; use 0 (allow) or 1 (deny)",
                what, type);
        goto cleanup;
    }
    ace->allow = type == SS_ACE_ALLOW;
    if ((given = ss_prop_instance(c, &inst, "Trustee", "__Trustee", what, &trustee)) < 0)
        goto cleanup;
    if (given == 0) {
        ss_fail(c, WBEM_E_INVALID_PARAMETER, "%s has no Trustee", what);
        goto cleanup;
    }
    snprintf(what, sizeof(what), "DACL[%u].Trustee", pos);
    if (ss_trustee_from_inst(c, &trustee, what, &ace->trustee) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    ss_inst_free(&trustee);
    ss_inst_free(&inst);
    return rc;
}

/* The descriptor an instance of __SecurityDescriptor (borrowed) holds,
 * into *SD (zeroed here; sd_free() it also after a failure). */
static int
ss_sd_from_inst(struct ss_call *c, const cim_instance *inst, cimrpc_sd *sd)
{
    const char *what = "Descriptor";
    const cim_value *dacl;
    cim_instance t;
    uint32_t control = 0;
    int given;

    memset(sd, 0, sizeof(*sd));
    if ((given = ss_prop_uint32(c, inst, "ControlFlags", what, &control)) < 0)
        return -1;
    if (control & SS_SE_SACL_PRESENT)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "Descriptor.ControlFlags has SACL Present "
                       "(0x10), but namespace descriptors have no SACL; clear the flag");
    for (int i = 0; i < 2; i++) {
        const char *name = i == 0 ? "Owner" : "Group";

        if ((given = ss_prop_instance(c, inst, name, "__Trustee", what, &t)) < 0)
            return -1;
        if (given > 0) {
            char label[32];

            snprintf(label, sizeof(label), "Descriptor.%s", name);
            given = ss_trustee_from_inst(c, &t, label, i == 0 ? &sd->owner : &sd->group);
            ss_inst_free(&t);
            if (given < 0)
                return -1;
        }
    }
    dacl = ss_prop(inst, "DACL");
    sd->dacl_protected = (control & SS_SE_DACL_PROTECTED) != 0;
    sd->dacl_present = (control & SS_SE_DACL_PRESENT) != 0 || (dacl != NULL && !dacl->is_null);
    if (dacl == NULL || dacl->is_null)
        return 0;
    if (!dacl->is_array || dacl->type != CIM_TYPE_INSTANCE)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "Descriptor.DACL must be an array of "
                       "embedded __ACE instances");
    if (dacl->items.items_len > CIMRPC_ACES_MAX)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "Descriptor.DACL has %u entries; at most "
                       "%d are allowed", dacl->items.items_len, CIMRPC_ACES_MAX);
    if (dacl->items.items_len > 0 &&
        (sd->dacl.dacl_val = calloc(dacl->items.items_len, sizeof(cimrpc_ace))) == NULL)
        return ss_nomem(c);
    for (u_int i = 0; i < dacl->items.items_len; i++) {
        if (ss_ace_from_scalar(c, &dacl->items.items_val[i], i + 1, &sd->dacl.dacl_val[i]) < 0)
            return -1;
        sd->dacl.dacl_len++;
    }
    return 0;
}

/* ------------------------------------------------------------ results --- */

/* Append output parameter NAME with value V (taken, also on failure). */
static int
ss_out(struct ss_call *c, const char *name, cim_value *v)
{
    cim_property_value *params = realloc(c->ok.out_params.out_params_val,
                                         (c->ok.out_params.out_params_len + 1) *
                                         sizeof(*params));
    cim_property_value *p;

    if (params == NULL) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return ss_nomem(c);
    }
    c->ok.out_params.out_params_val = params;
    p = &params[c->ok.out_params.out_params_len];
    memset(p, 0, sizeof(*p));
    if ((p->name = strdup(name)) == NULL) {
        xdr_free((xdrproc_t)xdr_cim_value, (char *)v);
        return ss_nomem(c);
    }
    p->value = *v;
    c->ok.out_params.out_params_len++;
    return 0;
}

/* ------------------------------------------------------------ methods --- */

static int
ss_get_sd(struct ss_call *c)
{
    unsigned char *blob = NULL;
    size_t len = 0;
    cimrpc_sd sd;
    cim_value v;
    int rc = -1;

    if (ss_effective(c, &sd) < 0)
        return -1;
    if (xdr_blob_encode((xdrproc_t)xdr_cimrpc_sd, &sd, &blob, &len) < 0) {
        ss_nomem(c);
        goto cleanup;
    }
    if (len > SS_SD_BYTES_MAX) {
        ss_fail(c, WBEM_E_FAILED, "the descriptor of %s is %zu bytes in binary form, more "
                "than a uint8 array carries (%d); read it with GetSDDL or "
                "GetSecurityDescriptor", c->nspace, len, SS_SD_BYTES_MAX);
        goto cleanup;
    }
    if (ss_value_array(&v, CIM_TYPE_UINT8, len) < 0) {
        ss_nomem(c);
        goto cleanup;
    }
    for (size_t i = 0; i < len; i++) {
        v.items.items_val[i].type = CIM_TYPE_UINT8;
        v.items.items_val[i].cim_scalar_u.u = blob[i];
    }
    v.items.items_len = (u_int)len;
    rc = ss_out(c, "SD", &v);
cleanup:
    free(blob);
    sd_free(&sd);
    return rc;
}

static int
ss_set_sd(struct ss_call *c)
{
    const cim_value *v = ss_param_required(c, "SD", "uint8[]");
    unsigned char *bytes;
    cimrpc_sd sd;
    u_int n;
    int rc;

    if (v == NULL)
        return -1;
    if (v->type != CIM_TYPE_UINT8 || !v->is_array)
        return ss_fail(c, WBEM_E_INVALID_METHOD_PARAMETERS, "SD must be a uint8 array (the "
                       "bytes GetSD returns)");
    n = v->items.items_len;
    if (n > SS_SD_BYTES_MAX)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "SD has %u bytes; at most %d", n,
                       SS_SD_BYTES_MAX);
    if ((bytes = malloc(n > 0 ? n : 1)) == NULL)
        return ss_nomem(c);
    for (u_int i = 0; i < n; i++) {
        if (v->items.items_val[i].type != CIM_TYPE_UINT8 ||
            v->items.items_val[i].cim_scalar_u.u > 0xFF) {
            free(bytes);
            return ss_fail(c, WBEM_E_INVALID_METHOD_PARAMETERS, "SD[%u] is not a uint8", i);
        }
        bytes[i] = (unsigned char)v->items.items_val[i].cim_scalar_u.u;
    }
    memset(&sd, 0, sizeof(sd));
    rc = xdr_blob_decode((xdrproc_t)xdr_cimrpc_sd, bytes, n, &sd);
    free(bytes);
    if (rc < 0)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "SD (%u bytes) is not a security descriptor "
                       "in the binary form GetSD returns; nothing was changed (SetSDDL takes "
                       "the text form)", n);
    rc = ss_store(c, &sd);
    xdr_free((xdrproc_t)xdr_cimrpc_sd, (char *)&sd);
    return rc;
}

static int
ss_get_security_descriptor(struct ss_call *c)
{
    cim_instance inst;
    cimrpc_sd sd;
    cim_value v;
    int rc;

    if (ss_effective(c, &sd) < 0)
        return -1;
    rc = ss_sd_to_inst(c, &sd, &inst);
    sd_free(&sd);
    if (rc < 0)
        return -1;
    rc = ss_value_instance(&v, &inst);
    ss_inst_free(&inst);
    if (rc < 0)
        return ss_fail(c, WBEM_E_FAILED, "the descriptor of %s does not fit in an embedded "
                       "instance (%d bytes); read it with GetSDDL", c->nspace,
                       CIM_EMBEDDED_MAX);
    return ss_out(c, "Descriptor", &v);
}

static int
ss_set_security_descriptor(struct ss_call *c)
{
    const cim_value *v = ss_param_required(c, "Descriptor", "embedded __SecurityDescriptor");
    cim_instance inst;
    cimrpc_sd sd;
    int rc;

    if (v == NULL)
        return -1;
    if (!ss_is_scalar(v) || v->type != CIM_TYPE_INSTANCE)
        return ss_fail(c, WBEM_E_INVALID_METHOD_PARAMETERS, "Descriptor must be one embedded "
                       "instance of __SecurityDescriptor");
    if (ss_decode_instance(c, &v->items.items_val[0], "__SecurityDescriptor", "Descriptor",
                           &inst) < 0)
        return -1;
    rc = ss_sd_from_inst(c, &inst, &sd);
    ss_inst_free(&inst);
    if (rc == 0)
        rc = ss_store(c, &sd);
    sd_free(&sd);
    return rc;
}

static int
ss_get_caller_access_rights(struct ss_call *c)
{
    struct repo_error err = { "", 0 };
    uint32_t rights;
    cim_value v;

    if (access_rights(proc_repo(c->ctx), c->ctx->caller, c->nspace, &rights, &err) < 0)
        return ss_repo_fail(c, &err);
    if (ss_value_sint(&v, CIM_TYPE_SINT32, (int32_t)rights) < 0)
        return ss_nomem(c);
    return ss_out(c, "Rights", &v);
}

static int
ss_get_sddl(struct ss_call *c)
{
    cimrpc_sd sd;
    cim_value v;
    char *text;
    int rc;

    if (ss_effective(c, &sd) < 0)
        return -1;
    text = sd_to_sddl(&sd);
    sd_free(&sd);
    if (text == NULL)
        return errno == ENOMEM ? ss_nomem(c)
               : ss_fail(c, WBEM_E_FAILED, "the descriptor of %s holds something SDDL cannot "
                         "express; read it with GetSD", c->nspace);
    rc = ss_value_string(&v, text);
    free(text);
    if (rc < 0)
        return ss_nomem(c);
    return ss_out(c, "SDDL", &v);
}

static int
ss_set_sddl(struct ss_call *c)
{
    const cim_value *v = ss_param_required(c, "SDDL", "string");
    char why[CIMRPC_REASON_MAX - 128];
    const char *text;
    cimrpc_sd sd;
    int rc;

    if (v == NULL)
        return -1;
    if (!ss_is_scalar(v) || v->type != CIM_TYPE_STRING ||
        (text = v->items.items_val[0].cim_scalar_u.s) == NULL)
        return ss_fail(c, WBEM_E_INVALID_METHOD_PARAMETERS, "SDDL must be a string, such as "
                       "O:BAG:BAD:(A;CI;CCDCRP;;;AU)");
    if (strnlen(text, SD_SDDL_TEXT_MAX + 1) > SD_SDDL_TEXT_MAX)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "the SDDL text is longer than %d bytes",
                       SD_SDDL_TEXT_MAX);
    memset(&sd, 0, sizeof(sd));
    if (sd_from_sddl(text, &sd, why, sizeof(why)) < 0)
        return ss_fail(c, WBEM_E_INVALID_PARAMETER, "the SDDL text is refused and nothing was "
                       "changed: %s", why);
    rc = ss_store(c, &sd);
    sd_free(&sd);
    return rc;
}

static const struct {
    const char *name;
    uint32_t right;                     /* needed besides Execute Methods */
    int (*run)(struct ss_call *c);
} ss_methods[] = {
    { "GetSD", CIMRPC_RIGHT_READ_CONTROL, ss_get_sd },
    { "SetSD", CIMRPC_RIGHT_WRITE_DAC, ss_set_sd },
    { "GetSecurityDescriptor", CIMRPC_RIGHT_READ_CONTROL, ss_get_security_descriptor },
    { "SetSecurityDescriptor", CIMRPC_RIGHT_WRITE_DAC, ss_set_security_descriptor },
    { "GetCallerAccessRights", 0, ss_get_caller_access_rights },
    { "GetSDDL", CIMRPC_RIGHT_READ_CONTROL, ss_get_sddl },
    { "SetSDDL", CIMRPC_RIGHT_WRITE_DAC, ss_set_sddl },
};

bool
system_security_serves(const char *class_name)
{
    return class_name != NULL && strcasecmp(class_name, SS_CLASS) == 0;
}

int
system_security_exec(struct call_context *ctx, const struct cim_path *path, const cim_method *m,
                     const cimrpc_exec_method_args *args, cimrpc_exec_method_res *res)
{
    /* M is borrowed from the repository's class cache only until the next
     * repository call: keep what is needed of it. */
    const cim_type return_type = m->return_type;
    char method[CIM_NAME_MAX + 1];
    struct ss_call c = {
        .ctx = ctx, .nspace = ctx->session->nspace, .method = method, .args = args,
        .res = res,
    };
    size_t i, n = sizeof(ss_methods) / sizeof(ss_methods[0]);
    int rc;

    snprintf(method, sizeof(method), "%s", m->name);
    m = NULL;
    for (i = 0; i < n; i++)
        if (strcasecmp(ss_methods[i].name, method) == 0)
            break;
    if (path->n_keys > 0)
        rc = ss_fail(&c, WBEM_E_INVALID_OBJECT_PATH, "__SystemSecurity has one instance, "
                     "__SystemSecurity=@; call its methods on that (or on the class)");
    else if (i == n)
        rc = ss_fail(&c, WBEM_E_NOT_SUPPORTED, "this cimrpcd does not serve this method of "
                     "__SystemSecurity");
    else if ((rc = ss_need(&c, ss_methods[i].right)) == 0)
        rc = ss_methods[i].run(&c);
    if (rc == 0 && !c.nomem) {
        if (return_type == CIM_TYPE_VOID)
            c.ok.return_value.type = CIM_TYPE_VOID;
        else if (ss_value_uint(&c.ok.return_value, return_type, 0) < 0)
            c.nomem = true;
    }
    if (rc < 0 && !c.nomem && res->code == 0)     /* a failure without its reason: a bug */
        ss_fail(&c, WBEM_E_FAILED, "the server failed to serve the method; see its log");
    if (rc < 0 || c.nomem) {
        xdr_free((xdrproc_t)xdr_cimrpc_exec_method_ok, (char *)&c.ok);
        return c.nomem ? -1 : 0;
    }
    res->code = 0;
    res->cimrpc_exec_method_res_u.ok = c.ok;
    return 0;
}
