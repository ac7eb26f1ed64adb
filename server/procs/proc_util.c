/*
 * proc_util.c: error results, namespace and path arguments for the
 * operation handlers (see proc_util.h).
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "procs/proc_util.h"
#include "repository/repo_namespace.h"
#include "rpc/session.h"
#include "server.h"
#include "transport/connection.h"

int
proc_error(u_int *code, char **reason, uint32_t wbem, const char *fmt, ...)
{
    char text[CIMRPC_REASON_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    *code = wbem != 0 ? wbem : WBEM_E_FAILED;
    free(*reason);
    return (*reason = strdup(text)) != NULL ? 0 : -1;
}

int
proc_repo_error(u_int *code, char **reason, const struct repo_error *err)
{
    return proc_error(code, reason, err->code, "%s",
                      err->message[0] != '\0' ? err->message : "the repository failed");
}

struct repo *
proc_repo(const struct call_context *ctx)
{
    return server_loop_repo(ctx->conn->owner);
}

/* Is NAME "root" or below it ("root/...")? */
static bool
proc_namespace_absolute(const char *name)
{
    return strncasecmp(name, "root", 4) == 0 && (name[4] == '\0' || name[4] == '/');
}

int
proc_namespace(const struct call_context *ctx, const char *name, char **path_out,
               u_int *code, char **reason)
{
    const char *base = ctx->session->nspace;
    struct repo_error why = { "", 0 };
    char *path;
    int n;

    *path_out = NULL;
    if (name[0] == '\0')
        n = asprintf(&path, "%s", base);
    else if (proc_namespace_absolute(name))
        n = asprintf(&path, "%s", name);
    else
        n = asprintf(&path, "%s/%s", base, name);
    if (n < 0)
        return -1;
    for (char *p = path; *p != '\0'; p++)
        if (*p == '\\')
            *p = '/';
    if (!repo_namespace_valid(path, &why)) {
        free(path);
        proc_error(code, reason, WBEM_E_INVALID_NAMESPACE, "%s", why.message);
        return -1;
    }
    *path_out = path;
    return 0;
}

int
proc_path(const struct call_context *ctx, const char *text, struct cim_path *path,
          u_int *code, char **reason)
{
    char why[512];

    memset(path, 0, sizeof(*path));
    if (cim_path_parse(text, path, why, sizeof(why)) < 0) {
        proc_error(code, reason, WBEM_E_INVALID_OBJECT_PATH, "'%.200s' is not an object path: "
                   "%s", text, why);
        return -1;
    }
    if (path->host != NULL) {
        proc_error(code, reason, WBEM_E_INVALID_OBJECT_PATH, "the path %.200s names a host; "
                   "give a path without //host (calls act on the server they are sent to)",
                   text);
        cim_path_clear(path);
        return -1;
    }
    if (path->nspace != NULL && strcasecmp(path->nspace, ctx->session->nspace) != 0) {
        proc_error(code, reason, WBEM_E_INVALID_OBJECT_PATH, "the path %.200s is in namespace "
                   "%s, but the session is on %s; open a session on %s", text, path->nspace,
                   ctx->session->nspace, path->nspace);
        cim_path_clear(path);
        return -1;
    }
    return 0;
}

int
proc_put_mode(cimrpc_put_mode mode, enum repo_put_mode *out, u_int *code, char **reason)
{
    switch (mode) {
    case CIMRPC_PUT_CREATE_OR_UPDATE:
        *out = REPO_PUT_CREATE_OR_UPDATE;
        return 0;
    case CIMRPC_PUT_CREATE:
        *out = REPO_PUT_CREATE;
        return 0;
    case CIMRPC_PUT_UPDATE:
        *out = REPO_PUT_UPDATE;
        return 0;
    }
    proc_error(code, reason, WBEM_E_INVALID_PARAMETER, "put mode %d is not one of "
               "create-or-update (0), create (1) and update (2)", (int)mode);
    return -1;
}

const char *
proc_class_provider(const cim_class *cls)
{
    for (u_int i = 0; i < cls->qualifiers.qualifiers_len; i++) {
        const cim_qualifier *q = &cls->qualifiers.qualifiers_val[i];

        if (strcasecmp(q->name, "Provider") == 0 && q->value.type == CIM_TYPE_STRING &&
            !q->value.is_null && q->value.items.items_len == 1)
            return q->value.items.items_val[0].cim_scalar_u.s;
    }
    return NULL;
}
