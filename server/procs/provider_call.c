/*
 * provider_call.c: who a provider operation runs as, and running it in
 * that identity's worker (provider_call.h).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "common/cim_type.h"
#include "common/levels.h"
#include "common/wbem.h"
#include "config/config_policy.h"
#include "priv/priv_pool.h"
#include "priv/worker_objects.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "provider_host.h"
#include "repository/repo_instance.h"
#include "rpc/identity.h"
#include "rpc/session.h"
#include "rpc/user_ops.h"
#include "security/gss_acceptor.h"
#include "security/gss_context.h"
#include "server.h"
#include "transport/connection.h"

/* Does qualifier NAME hold (boolean true) among QUALS (N of them)? */
bool
provider_qualifier_true(const cim_qualifier *quals, u_int n, const char *name)
{
    for (u_int i = 0; i < n; i++)
        if (strcasecmp(quals[i].name, name) == 0)
            return !quals[i].value.is_null && quals[i].value.type == CIM_TYPE_BOOLEAN &&
                   quals[i].value.items.items_len == 1 &&
                   quals[i].value.items.items_val[0].cim_scalar_u.b;
    return false;
}

/* Is PROVIDER registered, enabled and built in, in the session's
 * namespace?  Returns 0, or -1 with *CODE_OUT (0: internal) and WHY. */
static int
provider_call_registered(struct call_context *ctx, const char *provider, uint32_t *code_out,
                         char *why, size_t why_len)
{
    char text[CIM_NAME_MAX * 2 + 64];
    struct cim_path path = { 0 };
    struct repo_error err = { "", 0 };
    cim_instance inst = { 0 };
    const char *location = NULL;
    bool enabled = false;
    int found;

    snprintf(text, sizeof(text), "__Provider.Name=\"%s\"", provider);
    if (cim_path_parse(text, &path, why, why_len) < 0) {
        *code_out = WBEM_E_PROVIDER_NOT_FOUND;
        snprintf(why, why_len, "the class names provider '%.200s', which is not a valid "
                 "provider name", provider);
        return -1;
    }
    found = repo_instance_get(proc_repo(ctx), ctx->session->nspace, &path, &inst, &err);
    cim_path_clear(&path);
    if (found < 0) {
        *code_out = err.code != 0 ? err.code : WBEM_E_FAILED;
        snprintf(why, why_len, "%s", err.message);
        return -1;
    }
    for (u_int i = 0; found && i < inst.properties.properties_len; i++) {
        const cim_property_value *pv = &inst.properties.properties_val[i];
        const cim_value *v = &pv->value;

        if (v->is_null || v->is_array || v->items.items_len != 1)
            continue;
        if (strcasecmp(pv->name, "Enabled") == 0 && v->type == CIM_TYPE_BOOLEAN)
            enabled = v->items.items_val[0].cim_scalar_u.b;
        else if (strcasecmp(pv->name, "Location") == 0 && v->type == CIM_TYPE_STRING)
            location = v->items.items_val[0].cim_scalar_u.s;
    }
    *code_out = WBEM_E_PROVIDER_NOT_FOUND;
    if (!found)
        snprintf(why, why_len, "provider %s is not registered in namespace %s (no instance "
                 "of __Provider named so): compile its registration there", provider,
                 ctx->session->nspace);
    else if (!enabled)
        snprintf(why, why_len, "provider %s is disabled in namespace %s (its __Provider "
                 "instance has Enabled = false)", provider, ctx->session->nspace);
    else if (location == NULL || strcmp(location, "builtin") != 0)
        snprintf(why, why_len, "provider %s of namespace %s is registered at '%.200s'; this "
                 "cimrpcd runs only the providers built into its worker (Location = "
                 "\"builtin\")", provider, ctx->session->nspace, location ? location : "");
    else
        *code_out = 0;
    if (found)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    if (*code_out == 0) {
        char set_at[CIMRPC_NAMESPACE_MAX + 1];

        if (config_policy_provider_enabled(proc_repo(ctx), ctx->session->nspace, provider,
                                           &enabled, set_at, sizeof(set_at), &err) < 0) {
            *code_out = err.code != 0 ? err.code : WBEM_E_FAILED;
            snprintf(why, why_len, "%s", err.message);
        } else if (!enabled) {
            *code_out = WBEM_E_PROVIDER_NOT_CAPABLE;
            snprintf(why, why_len, "provider %s is not enabled in namespace %s: the providers "
                     "section's collection (last changed at %s) does not list it; an "
                     "administrator enables it with cimrpc config set %s providers --add "
                     "providers name=%s", provider, ctx->session->nspace, set_at,
                     ctx->session->nspace, provider);
        }
    }
    return *code_out == 0 ? 0 : -1;
}

/* The home directory of UID into a new string ("/" when unknown). */
static char *
provider_call_home(uid_t uid)
{
    struct passwd pw, *found = NULL;
    char buf[4096];

    if (getpwuid_r(uid, &pw, buf, sizeof(buf), &found) != 0 || found == NULL ||
        found->pw_dir == NULL || found->pw_dir[0] != '/')
        return strdup("/");
    return strdup(found->pw_dir);
}

/*
 * Delegate: the caller's forwarded credential as the bytes of a FILE
 * credential cache, into CALL (written by GSS-API as root to a private
 * temporary file in DIR, read back and removed: the worker's pool writes
 * them again as the caller's file, mode 0600).  Returns 0, or -1 with
 * WHY set.
 */
static int
provider_call_delegated(struct provider_call *call, gss_cred_id_t cred, const char *dir,
                        char *why, size_t why_len)
{
    char tmp[PATH_MAX], spec[PATH_MAX + 8];
    gss_key_value_element_desc el = { "ccache", spec };
    gss_key_value_set_desc store = { 1, &el };
    OM_uint32 major, minor;
    struct stat st;
    ssize_t n;
    int fd;

    snprintf(tmp, sizeof(tmp), "%s/.store.XXXXXX", dir);
    if ((fd = mkstemp(tmp)) < 0) {
        snprintf(why, why_len, "cannot store the forwarded credential in %s: %s", dir,
                 strerror(errno));
        return -1;
    }
    close(fd);
    snprintf(spec, sizeof(spec), "FILE:%s", tmp);
    major = gss_store_cred_into(&minor, cred, GSS_C_INITIATE, GSS_C_NO_OID, 1, 0, &store,
                                NULL, NULL);
    /* The cache may have been made anew under the name: read it by name. */
    fd = GSS_ERROR(major) ? -1 : open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (size_t)st.st_size > PRIV_CRED_MAX ||
        (call->cred = malloc((size_t)st.st_size)) == NULL) {
        char text[512];

        if (GSS_ERROR(major))
            gss_acceptor_status_text(major, minor, text, sizeof(text));
        else
            snprintf(text, sizeof(text), "%.300s: %s", tmp, fd < 0 ? strerror(errno) :
                     "not a credential cache of at most 1 MiB");
        snprintf(why, why_len, "cannot store your forwarded Kerberos credential for the "
                 "provider (%s); the daemon's log and its directory %.300s may say more",
                 text, dir);
        if (fd >= 0)
            close(fd);
        (void)unlink(tmp);
        return -1;
    }
    n = pread(fd, call->cred, (size_t)st.st_size, 0);
    close(fd);
    (void)unlink(tmp);
    if (n != st.st_size) {
        snprintf(why, why_len, "cannot read back your forwarded Kerberos credential from %.300s: "
                 "%s", tmp, n < 0 ? strerror(errno) : "short read");
        return -1;
    }
    call->cred_len = (size_t)n;
    return 0;
}

/* Who the worker of CTX's call runs as, into CALL->id.  Returns 0, or -1
 * with *CODE_OUT (0: internal) and WHY. */
static int
provider_call_identity(struct call_context *ctx, struct provider_call *call,
                       uint32_t *code_out, char *why, size_t why_len)
{
    const struct provider_host *host = server_loop_providers(ctx->conn->owner);
    const struct caller_identity *caller = &ctx->session->identity;
    int level = ctx->session->imp_level;

    *code_out = 0;
    if (level == LEVELS_IMP_IDENTIFY &&
        strcmp(ctx->session->policy.service_account, provider_host_service(host)->account)) {
        /* The namespace's configuration names another service account. */
        if (provider_host_resolve_service(ctx->session->policy.service_account, &call->id,
                                          &call->account, &call->home, why, why_len) < 0) {
            *code_out = WBEM_E_ACCESS_DENIED;
            return -1;
        }
        return 0;
    }
    if (level == LEVELS_IMP_IDENTIFY) {
        call->id = *provider_host_service(host);
        if ((call->account = strdup(call->id.account)) == NULL ||
            (call->home = strdup(call->id.home)) == NULL)
            return -1;
        call->id.account = call->account;
        call->id.home = call->home;
        return 0;
    }
    if (caller->account == NULL || caller->uid == IDENTITY_NO_UID) {
        *code_out = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "the session impersonates, but the caller has no local account "
                 "to run provider code as");
        return -1;
    }
    if (caller->uid == 0) {
        *code_out = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "provider code never runs as root: connect as another account, "
                 "or ask only to be identified (cimrpc -i identify) to have it run as the "
                 "service account %s", provider_host_service(host)->account);
        return -1;
    }
    if (caller->n_groups > PRIV_GROUPS_MAX) {
        *code_out = WBEM_E_ACCESS_DENIED;
        snprintf(why, why_len, "account %s is in %zu groups; provider code runs with at most "
                 "%d", caller->account, caller->n_groups, PRIV_GROUPS_MAX);
        return -1;
    }
    memset(&call->id, 0, sizeof(call->id));
    call->id.uid = caller->uid;
    call->id.gid = caller->gid;
    memcpy(call->id.groups, caller->groups, caller->n_groups * sizeof(gid_t));
    call->id.ngroups = caller->n_groups;
    call->id.level = level == LEVELS_IMP_DELEGATE ? LEVELS_IMP_DELEGATE
                                                  : LEVELS_IMP_IMPERSONATE;
    if (provider_host_allow_system(host))
        call->id.flags = PRIV_ALLOW_SYSTEM;
    if ((call->account = strdup(caller->account)) == NULL ||
        (call->home = provider_call_home(caller->uid)) == NULL)
        return -1;
    call->id.account = call->account;
    call->id.home = call->home;
    if (call->id.level == LEVELS_IMP_DELEGATE) {
        const char *dir = provider_host_ccache_dir(host);

        if (ctx->gss == NULL || ctx->gss->delegated == GSS_C_NO_CREDENTIAL || dir == NULL) {
            *code_out = WBEM_E_FAILED;
            snprintf(why, why_len, "the session delegates, but %s", dir == NULL ?
                     "this cimrpcd has no directory for delegated credentials (see its log)" :
                     "this call came without the forwarded credential");
            return -1;
        }
        if (asprintf(&call->ccache_path, "%s/cc-%lu-%ld-%016" PRIx64, dir,
                     (unsigned long)caller->uid, (long)getpid(), ctx->session->id) < 0) {
            call->ccache_path = NULL;
            return -1;
        }
        call->id.ccache_path = call->ccache_path;
        if (provider_call_delegated(call, ctx->gss->delegated, dir, why, why_len) < 0) {
            *code_out = WBEM_E_FAILED;
            return -1;
        }
        call->id.cred = call->cred;
        call->id.cred_len = call->cred_len;
        call->id.krb5_config = provider_host_krb5_config(host);
    }
    return 0;
}

int
provider_call_new(struct call_context *ctx, worker_provide_kind kind, const char *provider,
                  const char *class_name, const char *method, struct provider_call **call_out,
                  uint32_t *code_out, char *why, size_t why_len)
{
    struct provider_call *call;
    worker_provide_args *a;

    *call_out = NULL;
    *code_out = 0;
    why[0] = '\0';
    if (provider_call_registered(ctx, provider, code_out, why, why_len) < 0)
        return -1;
    if ((call = calloc(1, sizeof(*call))) == NULL)
        return -1;
    call->pool = provider_host_pool(server_loop_providers(ctx->conn->owner));
    user_ops_key(ctx->caller, call->ops_key);
    {
        unsigned in_progress;

        if (!user_ops_begin(call->ops_key, ctx->session->policy.concurrent_operations,
                            &in_progress)) {
            *code_out = WBEM_E_QUOTA_VIOLATION;
            snprintf(why, why_len, "you have %u operations in progress (open cursors and "
                     "provider calls, over all your connections), the most the limits "
                     "section's concurrentOperations allows in %s: wait for one to end",
                     in_progress, ctx->session->nspace);
            goto fail;
        }
        call->ops_counted = true;
    }
    if (provider_call_identity(ctx, call, code_out, why, why_len) < 0)
        goto fail;
    call->req.body.op = WORKER_OP_PROVIDE;
    a = &call->req.body.worker_request_body_u.provide;
    a->kind = kind;
    if ((a->provider = strdup(provider)) == NULL ||
        (a->nspace = strdup(ctx->session->nspace)) == NULL ||
        (a->class_name = strdup(class_name)) == NULL ||
        (a->method = strdup(method != NULL ? method : "")) == NULL)
        goto fail;
    *call_out = call;
    return 0;

fail:
    provider_call_free(call);
    return -1;
}

int
provider_call_set_objects(struct provider_call *call, const cim_instance *object,
                          const cim_instance *params, char *why, size_t why_len)
{
    worker_provide_args *a = &call->req.body.worker_request_body_u.provide;

    if ((object != NULL &&
         worker_object_encode(object, &a->object.object_val, &a->object.object_len) < 0) ||
        (params != NULL &&
         worker_object_encode(params, &a->params.params_val, &a->params.params_len) < 0) ||
        (size_t)a->object.object_len + a->params.params_len > WORKER_DATA_MAX) {
        snprintf(why, why_len, "the object and parameters are too large for a provider "
                 "(at most %d bytes together)", WORKER_DATA_MAX);
        return -1;
    }
    return 0;
}

/* Take the objects of one reply into CALL (a priv_provide_fn). */
static int
provider_call_take(const worker_provide_result *r, const char *reason, void *arg)
{
    struct provider_call *call = arg;
    cim_instance *list, *grown;
    u_int n;

    if (r->code != 0) {
        call->code = r->code;
        snprintf(call->reason, sizeof(call->reason), "%s", reason[0] ? reason :
                 "the provider failed without saying why");
        return 0;
    }
    if (reason[0] != '\0')             /* a note, such as why a method returned 8 */
        snprintf(call->reason, sizeof(call->reason), "%s", reason);
    if (worker_batch_decode(r->objects.objects_val, r->objects.objects_len, &list, &n) < 0) {
        call->code = WBEM_E_PROVIDER_FAILURE;
        snprintf(call->reason, sizeof(call->reason), "the provider worker for %s sent objects "
                 "that do not decode", call->account);
        return -1;
    }
    call->bytes += r->objects.objects_len;
    if (call->n_objects + n > PROVIDER_CALL_OBJECTS_MAX || call->bytes > PROVIDER_CALL_BYTES_MAX) {
        worker_objects_free(list, n);
        call->code = WBEM_E_QUOTA_VIOLATION;
        snprintf(call->reason, sizeof(call->reason), "the provider returned more than %d "
                 "objects or %u MiB; narrow the request", PROVIDER_CALL_OBJECTS_MAX,
                 PROVIDER_CALL_BYTES_MAX >> 20);
        return -1;
    }
    if (n > 0) {
        grown = realloc(call->objects, (call->n_objects + n) * sizeof(*grown));
        if (grown == NULL) {
            worker_objects_free(list, n);
            call->code = WBEM_E_FAILED;
            snprintf(call->reason, sizeof(call->reason), "out of memory");
            return -1;
        }
        call->objects = grown;
        memcpy(call->objects + call->n_objects, list, n * sizeof(*list));
        call->n_objects += n;
        free(list);                     /* the instances moved */
    }
    return 0;
}

void
provider_call_run(void *arg)
{
    struct provider_call *call = arg;
    struct priv_error err;

    if (priv_pool_provide(call->pool, &call->id, &call->req, provider_call_take, call,
                          &err) < 0 && err.code != 0) {
        call->code = err.code;
        snprintf(call->reason, sizeof(call->reason), "%s", err.message);
    }
}

void
provider_call_end_operation(struct provider_call *call)
{
    if (call->ops_counted)
        user_ops_end(call->ops_key);
    call->ops_counted = false;
}

void
provider_call_free(void *arg)
{
    struct provider_call *call = arg;

    if (call == NULL)
        return;
    provider_call_end_operation(call);
    if (call->free_state != NULL)
        call->free_state(call->state);
    xdr_free((xdrproc_t)xdr_worker_request, (char *)&call->req);
    worker_objects_free(call->objects, (u_int)call->n_objects);
    free(call->account);
    free(call->home);
    free(call->ccache_path);
    free(call->cred);
    free(call);
}

bool
provider_value_fits(const cim_value *v, cim_type type, int array_size)
{
    return v->is_null || (v->type == type && v->is_array == (array_size >= 0) &&
                          (v->is_array || v->items.items_len == 1));
}

int
provider_check_instance(const cim_class *cls, const cim_instance *inst, char *why,
                        size_t why_len)
{
    if (inst->class_name == NULL || strcasecmp(inst->class_name, cls->name) != 0) {
        snprintf(why, why_len, "it returned an instance of %.200s when asked for %s",
                 inst->class_name ? inst->class_name : "no class", cls->name);
        return -1;
    }
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *pv = &inst->properties.properties_val[i];
        const cim_property *p = NULL;

        for (u_int j = 0; j < cls->properties.properties_len && p == NULL; j++)
            if (strcasecmp(cls->properties.properties_val[j].name, pv->name) == 0)
                p = &cls->properties.properties_val[j];
        if (p == NULL) {
            snprintf(why, why_len, "it returned property %.200s, which class %s does not have",
                     pv->name, cls->name);
            return -1;
        }
        for (u_int j = 0; j < i; j++)
            if (strcasecmp(inst->properties.properties_val[j].name, pv->name) == 0) {
                snprintf(why, why_len, "it returned property %s twice", p->name);
                return -1;
            }
        if (!provider_value_fits(&pv->value, p->type, p->array_size)) {
            snprintf(why, why_len, "it returned %s.%s as %s%s, but the property is %s%s",
                     cls->name, p->name, cim_type_name(pv->value.type),
                     pv->value.is_array ? "[]" : "", cim_type_name(p->type),
                     p->array_size >= 0 ? "[]" : "");
            return -1;
        }
    }
    for (u_int j = 0; j < cls->properties.properties_len; j++) {
        const cim_property *p = &cls->properties.properties_val[j];
        bool given = false;

        if (!provider_qualifier_true(p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len,
                                     "Key"))
            continue;
        for (u_int i = 0; i < inst->properties.properties_len && !given; i++)
            given = strcasecmp(inst->properties.properties_val[i].name, p->name) == 0 &&
                    !inst->properties.properties_val[i].value.is_null;
        if (!given) {
            snprintf(why, why_len, "it returned an instance of %s without its key %s",
                     cls->name, p->name);
            return -1;
        }
    }
    return 0;
}
