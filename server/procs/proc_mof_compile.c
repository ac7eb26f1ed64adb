/*
 * proc_mof_compile.c: MOF_COMPILE compiles MOF text a client sent (the
 * file and every file it includes, found by name; the daemon reads no
 * file of its own) into the session's namespace, in one transaction:
 * all of it is stored, or nothing.
 *
 * The dispatcher checked Full Write on the session's namespace; a
 * "#pragma namespace" moving elsewhere is checked here, with the same
 * rights, before anything is written there, and so are the security
 * settings a MOF may make (NamespaceSecuritySDDL, RequiresEncryption:
 * Edit Security, security/namespace_policy.c).  Each of these decisions
 * is recorded in the audit trail, with the namespace checked in its
 * object.
 *
 * Error codes: ACCESS_DENIED when the caller may not write to a
 * namespace the MOF names; FAILED when the repository failed or memory
 * ran out; INVALID_PARAMETER for everything wrong with the MOF itself
 * (syntax, a missing include, an undefined class, a value of the wrong
 * type, ...).  The reason starts with FILE:LINE:COLUMN.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "dispatch_procs.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "mof/mof_schema.h"
#include "procs/proc_util.h"
#include "rpc/session.h"
#include "security/access.h"
#include "security/audit.h"
#include "security/namespace_policy.h"

/* mof_parse_options.find_include over the files sent. */
static int
mof_compile_find(void *arg, const char *name, const char **text, size_t *len)
{
    const cimrpc_mof_compile_args *args = arg;

    for (u_int i = 1; i < args->files.files_len; i++) {
        const cimrpc_mof_file *f = &args->files.files_val[i];

        if (strcmp(f->name, name) == 0) {
            *text = f->text.text_val;
            *len = f->text.text_len;
            return 0;
        }
    }
    return -1;
}

/* The call being served, for mof_compile_allowed(). */
struct mof_compile_call {
    const struct call_context *ctx;
    const cimrpc_mof_compile_args *args;
};

/*
 * mof_compile_options.namespace_allowed: the caller's rights on PATH, a
 * namespace the MOF writes to (the session's, and each "#pragma
 * namespace").  Recorded in the audit trail as "PATH:MOF FILE (Enable
 * Account, Full Write)", except an allowed check of the session's own
 * namespace, where the dispatcher has just recorded Full Write.
 */
static int
mof_compile_allowed(const char *path, void *arg, char *why, size_t why_len)
{
    const struct mof_compile_call *call = arg;
    const struct call_context *ctx = call->ctx;
    const uint32_t needed = CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_FULL_WRITE;
    char what[CIMRPC_NAMESPACE_MAX + 16];

    if (strcasecmp(path, ctx->session->nspace) == 0 &&
        access_check(proc_repo(ctx), ctx->caller, path, needed, why, why_len) == 0)
        return 0;
    snprintf(what, sizeof(what), "MOF %.500s", call->args->files.files_val[0].name);
    return audit_access_check(ctx, NULL, path, needed, what, why, why_len);
}

static uint32_t
mof_compile_wbem_code(enum mof_error_code code)
{
    switch (code) {
    case MOF_ERR_ACCESS:
        return WBEM_E_ACCESS_DENIED;
    case MOF_ERR_NOMEM:
    case MOF_ERR_REPOSITORY:
    case MOF_ERR_IO:
        return WBEM_E_FAILED;
    default:
        return WBEM_E_INVALID_PARAMETER;
    }
}

int
proc_mof_compile(struct call_context *ctx, cimrpc_mof_compile_args *args,
                 cimrpc_mof_compile_res *res)
{
    struct mof_compile_call call = { .ctx = ctx, .args = args };
    struct mof_parse_options popts = {
        .include_mode = MOF_INCLUDE_SUPPLIED,
        .find_include = mof_compile_find,
        .find_include_arg = args,
    };
    struct mof_compile_options copts = {
        .nspace = ctx->session->nspace,
        .namespace_created = mof_schema_namespace_created,
        .namespace_allowed = mof_compile_allowed,
        .namespace_allowed_arg = &call,
        .namespace_sddl = namespace_policy_sddl,
        .namespace_encryption = namespace_policy_encryption,
        .namespace_security_arg = ctx,
    };
    struct mof_compile_stats stats;
    struct mof_document *doc = NULL;
    struct mof_error *merr = NULL;
    const cimrpc_mof_file *first;
    int rc;

    if (args->files.files_len == 0)
        return proc_error(&res->code, &res->cimrpc_mof_compile_res_u.reason,
                          WBEM_E_INVALID_PARAMETER, "no MOF file was sent: send the file to "
                          "compile first, then the files it includes");
    first = &args->files.files_val[0];
    for (u_int i = 0; i < args->files.files_len; i++)
        if (memchr(args->files.files_val[i].text.text_val, '\0',
                   args->files.files_val[i].text.text_len) != NULL)
            return proc_error(&res->code, &res->cimrpc_mof_compile_res_u.reason,
                              WBEM_E_INVALID_PARAMETER, "%.300s contains a NUL byte: MOF is "
                              "text (UTF-8)", args->files.files_val[i].name);
    memset(&stats, 0, sizeof(stats));
    rc = mof_parse_buffer(first->text.text_val, first->text.text_len, first->name, &popts, &doc,
                          &merr);
    if (rc == 0)
        rc = mof_compile(proc_repo(ctx), doc, &copts, &stats, &merr);
    if (rc < 0) {
        rc = merr == NULL ? -1
                          : proc_error(&res->code, &res->cimrpc_mof_compile_res_u.reason,
                                       mof_compile_wbem_code(merr->code), "%s", merr->message);
    } else {
        res->code = 0;
        res->cimrpc_mof_compile_res_u.ok.qualifiers = stats.qualifiers;
        res->cimrpc_mof_compile_res_u.ok.classes = stats.classes;
        res->cimrpc_mof_compile_res_u.ok.instances = stats.instances;
        res->cimrpc_mof_compile_res_u.ok.namespaces = stats.namespaces;
    }
    mof_ast_error_free(merr);
    mof_ast_document_free(doc);
    return rc;
}
