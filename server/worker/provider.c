/*
 * provider.c: the registry of providers compiled into cimrpc-worker and
 * the serving of one PROVIDE request (provider.h).
 *
 * Invariants of a call:
 *   - At most one error is recorded (the first, where it happened); once
 *     it is, provider_emit() refuses, so a class function that goes on
 *     cannot send more.
 *   - Every reply but the last carries more = TRUE and a full batch; the
 *     last carries more = FALSE and either the rest of the instances or
 *     the error (then with no instances).
 *   - A failed send ends the call (channel_status), and the worker stops
 *     serving: the daemon is gone or no longer in step.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "priv/priv_channel.h"
#include "priv/worker_objects.h"
#include "worker/linux_provider.h"
#include "worker/provider.h"

/* Every provider of this worker. */
static const struct provider *const registry[] = {
    &linux_provider,
};

struct provider_call {
    const worker_request *req;
    const struct provider_config *cfg;
    const char *class_name;
    bool keys_only;
    provider_send_fn send;
    void *send_arg;
    struct worker_batch *batch;
    u_int emitted;              /* instances emitted in all */
    bool failed;                /* an error is recorded in why/code */
    uint32_t code;
    int channel_status;         /* a send that failed, else PRIV_CHANNEL_OK */
    char *why;
    size_t why_len;
};

/* ------------------------------------------------------------ accessors ---- */

const char *
provider_call_class(const struct provider_call *call)
{
    return call->class_name;
}

const struct provider_config *
provider_call_config(const struct provider_call *call)
{
    return call->cfg;
}

bool
provider_call_keys_only(const struct provider_call *call)
{
    return call->keys_only;
}

/* --------------------------------------------------------------- errors ---- */

static int
fail_v(struct provider_call *call, uint32_t code, const char *fmt, va_list ap)
{
    if (call->failed)
        return -1;
    call->failed = true;
    call->code = code;
    vsnprintf(call->why, call->why_len, fmt, ap);
    return -1;
}

int
provider_fail(struct provider_call *call, uint32_t code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fail_v(call, code, fmt, ap);
    va_end(ap);
    return -1;
}

uint32_t
provider_errno_code(int err)
{
    switch (err) {
    case EPERM:
    case EACCES:
    case EROFS:
        return WBEM_E_ACCESS_DENIED;
    case ENOENT:
    case ENOTDIR:
    case ESRCH:
    case ELOOP:
    case ENXIO:
        return WBEM_E_NOT_FOUND;
    case ENAMETOOLONG:
    case EINVAL:
        return WBEM_E_INVALID_PARAMETER;
    case ENOMEM:
        return WBEM_E_PROVIDER_FAILURE;
    default:
        return WBEM_E_FAILED;
    }
}

int
provider_fail_errno(struct provider_call *call, int err, const char *hint, const char *fmt, ...)
{
    size_t len;
    va_list ap;

    if (call->failed)
        return -1;
    va_start(ap, fmt);
    fail_v(call, provider_errno_code(err), fmt, ap);
    va_end(ap);
    len = strlen(call->why);
    if (len < call->why_len)
        snprintf(call->why + len, call->why_len - len, ": %s%s%s", strerror(err),
                 hint ? ": " : "", hint ? hint : "");
    return -1;
}

int
provider_fail_oom(struct provider_call *call)
{
    return provider_fail(call, WBEM_E_PROVIDER_FAILURE,
                         "the provider ran out of memory serving %s", call->class_name);
}

void
provider_note(struct provider_call *call, const char *fmt, ...)
{
    va_list ap;

    if (call->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(call->why, call->why_len, fmt, ap);
    va_end(ap);
}

int
provider_no_method(struct provider_call *call, const char *method)
{
    return provider_fail(call, WBEM_E_INVALID_METHOD, "%s has no method %s",
                         call->class_name, method);
}

/* ------------------------------------------------------------- emitting ---- */

/* Send the batch as a reply with more = TRUE and start another. */
static int
flush(struct provider_call *call)
{
    worker_reply r;
    int rc;

    memset(&r, 0, sizeof(r));
    r.id = call->req->id;
    r.reason = (char *)"";
    r.body.op = WORKER_OP_PROVIDE;
    r.body.worker_reply_body_u.provide.more = TRUE;
    r.body.worker_reply_body_u.provide.objects.objects_len = (u_int)call->batch->len;
    r.body.worker_reply_body_u.provide.objects.objects_val = call->batch->data;
    rc = call->send(call->send_arg, &r);
    if (rc != PRIV_CHANNEL_OK) {
        call->channel_status = rc;
        return provider_fail(call, WBEM_E_PROVIDER_FAILURE, "the daemon is no longer listening "
                             "(%s)", priv_channel_strerror(rc));
    }
    worker_batch_init(call->batch);
    return 0;
}

int
provider_emit(struct provider_call *call, const cim_instance *inst)
{
    int rc;

    if (call->failed)
        return -1;
    rc = worker_batch_add(call->batch, inst);
    if (rc == 1) {
        if (flush(call) < 0)
            return -1;
        rc = worker_batch_add(call->batch, inst);
    }
    if (rc != 0)
        return provider_fail(call, WBEM_E_PROVIDER_FAILURE, "an instance of %s does not fit "
                             "one reply of %d bytes", call->class_name, WORKER_DATA_MAX);
    call->emitted++;
    return 0;
}

int
provider_emit_build(struct provider_call *call, struct cim_build *b)
{
    int rc;

    if (cim_build_failed(b))
        rc = provider_fail_oom(call);
    else
        rc = provider_emit(call, &b->inst);
    cim_build_clear(b);
    return rc;
}

int
provider_emit_return(struct provider_call *call, struct cim_build *out, uint32_t rv)
{
    cim_build_uint(out, "ReturnValue", CIM_TYPE_UINT32, rv);
    return provider_emit_build(call, out);
}

/* -------------------------------------------------------------- serving ---- */

static const char *
kind_name(worker_provide_kind kind)
{
    switch (kind) {
    case WORKER_PROVIDE_ENUMERATE: return "enumerated";
    case WORKER_PROVIDE_GET: return "read";
    case WORKER_PROVIDE_INVOKE: return "called";
    case WORKER_PROVIDE_PUT: return "written";
    case WORKER_PROVIDE_DELETE: return "deleted";
    default: return "used";
    }
}

/* The class CLASS_NAME of the provider PROVIDER, or NULL with the error. */
static const struct provider_class *
find_class(struct provider_call *call, const char *provider, const char *class_name)
{
    const struct provider *p = NULL;

    for (size_t i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
        if (strcasecmp(registry[i]->name, provider) == 0)
            p = registry[i];
    if (!p) {
        provider_fail(call, WBEM_E_INVALID_CLASS, "this worker has no provider \"%.256s\"",
                      provider);
        return NULL;
    }
    for (size_t i = 0; i < p->nclasses; i++)
        if (strcasecmp(p->classes[i]->name, class_name) == 0)
            return p->classes[i];
    provider_fail(call, WBEM_E_INVALID_CLASS, "the provider %s serves no class \"%.256s\"",
                  p->name, class_name);
    return NULL;
}

/* Run the operation of ARGS on CLS with the decoded OBJECT and PARAMS
 * (HAVE_OBJECT: the request held an object). */
static int
run(struct provider_call *call, const worker_provide_args *args, const struct provider_class *cls,
    const cim_instance *object, bool have_object, const cim_instance *params)
{
    const char *what = kind_name(args->kind);
    bool needs_object = args->kind == WORKER_PROVIDE_GET || args->kind == WORKER_PROVIDE_PUT ||
                        args->kind == WORKER_PROVIDE_DELETE;
    u_int want = 0;             /* instances the operation must emit; 0: any */
    int rc;

    if (needs_object && !have_object)
        return provider_fail(call, WBEM_E_INVALID_PARAMETER, "an instance of %s cannot be %s "
                             "without its keys", cls->name, what);
    if (have_object && object->class_name[0] && strcasecmp(object->class_name, cls->name) != 0)
        return provider_fail(call, WBEM_E_INVALID_PARAMETER, "the object given is of class "
                             "%.256s, not %s", object->class_name, cls->name);
    if (params->class_name[0] && strcasecmp(params->class_name, "__PARAMETERS") != 0)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS, "the in-parameters are "
                             "of class %.256s, not __PARAMETERS", params->class_name);
    switch (args->kind) {
    case WORKER_PROVIDE_ENUMERATE:
        if (!cls->enumerate)
            return provider_fail(call, WBEM_E_NOT_SUPPORTED, "the instances of %s cannot be "
                                 "enumerated: ask for one by its keys", cls->name);
        rc = cls->enumerate(call);
        break;
    case WORKER_PROVIDE_GET:
        if (!cls->get)
            return provider_fail(call, WBEM_E_NOT_SUPPORTED, "the instances of %s cannot be "
                                 "read one by one", cls->name);
        want = 1;
        rc = cls->get(call, object);
        break;
    case WORKER_PROVIDE_INVOKE:
        if (!args->method[0])
            return provider_fail(call, WBEM_E_INVALID_METHOD, "no method named for %s",
                                 cls->name);
        if (!cls->invoke)
            return provider_fail(call, WBEM_E_NOT_SUPPORTED, "%s has no methods the provider "
                                 "runs", cls->name);
        want = 1;
        rc = cls->invoke(call, args->method, have_object ? object : NULL, params);
        break;
    case WORKER_PROVIDE_PUT:
        if (!cls->put)
            return provider_fail(call, WBEM_E_NOT_SUPPORTED, "the instances of %s cannot be "
                                 "written: the provider only reads the system", cls->name);
        rc = cls->put(call, object, args->put_mode);
        break;
    case WORKER_PROVIDE_DELETE:
    default:
        if (!cls->delete_instance)
            return provider_fail(call, WBEM_E_NOT_SUPPORTED, "the instances of %s cannot be "
                                 "deleted: the provider only reads the system", cls->name);
        rc = cls->delete_instance(call, object);
        break;
    }
    if (rc < 0 && !call->failed)        /* a class function must say why */
        return provider_fail(call, WBEM_E_PROVIDER_FAILURE, "%s failed without a reason",
                             cls->name);
    if (rc == 0 && want && call->emitted != want)
        return provider_fail(call, WBEM_E_PROVIDER_FAILURE, "%s answered with %u objects, "
                             "not %u", cls->name, call->emitted, want);
    return rc;
}

/* Decode the object DATA/LEN into *INST: 1; 0 when LEN is 0 (*INST is
 * then an instance of no class with no properties, owning nothing); -1
 * when it does not decode. */
static int
decode_object(const char *data, u_int len, cim_instance *inst)
{
    memset(inst, 0, sizeof(*inst));
    if (len == 0) {
        inst->class_name = (char *)"";         /* an empty object, never freed */
        return 0;
    }
    return worker_object_decode(data, len, inst) < 0 ? -1 : 1;
}

int
provider_serve(const worker_request *req, const struct provider_config *cfg,
               provider_send_fn send, void *send_arg, worker_reply *rep, char *why,
               size_t why_len)
{
    const worker_provide_args *args = &req->body.worker_request_body_u.provide;
    worker_provide_result *res = &rep->body.worker_reply_body_u.provide;
    struct provider_call call;
    const struct provider_class *cls;
    cim_instance object, params;
    int have_object, have_params, status = PRIV_CHANNEL_OK;

    rep->id = req->id;
    rep->body.op = WORKER_OP_PROVIDE;
    rep->reason = why;
    why[0] = '\0';
    memset(&call, 0, sizeof(call));
    call.req = req;
    call.cfg = cfg;
    call.class_name = args->class_name;
    call.keys_only = args->kind == WORKER_PROVIDE_ENUMERATE && args->keys_only;
    call.send = send;
    call.send_arg = send_arg;
    call.why = why;
    call.why_len = why_len;

    if (args->kind < WORKER_PROVIDE_ENUMERATE || args->kind > WORKER_PROVIDE_DELETE) {
        rep->status = EINVAL;
        snprintf(why, why_len, "PROVIDE of unknown kind %d", (int)args->kind);
        return 0;
    }
    have_object = decode_object(args->object.object_val, args->object.object_len, &object);
    have_params = decode_object(args->params.params_val, args->params.params_len, &params);
    if (have_object < 0 || have_params < 0) {
        rep->status = EINVAL;
        snprintf(why, why_len, "the %s of the PROVIDE request is not an XDR cim_instance",
                 have_object < 0 ? "object" : "in-parameters");
        goto cleanup;
    }
    call.batch = malloc(sizeof(*call.batch));
    if (!call.batch) {
        provider_fail_oom(&call);
    } else {
        worker_batch_init(call.batch);
        cls = find_class(&call, args->provider, args->class_name);
        if (cls)
            (void)run(&call, args, cls, &object, have_object == 1, &params);
    }
    if (call.channel_status != PRIV_CHANNEL_OK) {
        status = call.channel_status;
        goto cleanup;
    }
    if (call.failed) {
        res->code = call.code;
        if (call.batch)
            worker_batch_init(call.batch);      /* no instances with an error */
    }
    res->more = FALSE;
    if (call.batch) {
        res->objects.objects_val = malloc(call.batch->len);
        if (!res->objects.objects_val) {
            res->code = WBEM_E_PROVIDER_FAILURE;
            snprintf(why, why_len, "the provider ran out of memory serving %s",
                     args->class_name);
        } else {
            memcpy(res->objects.objects_val, call.batch->data, call.batch->len);
            res->objects.objects_len = (u_int)call.batch->len;
        }
    }
cleanup:
    if (have_object > 0)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&object);
    if (have_params > 0)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&params);
    free(call.batch);
    return status;
}

void
provider_reply_release(worker_reply *rep)
{
    if (rep->body.op != WORKER_OP_PROVIDE)
        return;
    free(rep->body.worker_reply_body_u.provide.objects.objects_val);
    rep->body.worker_reply_body_u.provide.objects.objects_val = NULL;
    rep->body.worker_reply_body_u.provide.objects.objects_len = 0;
}
