/*
 * linux_remote_query.c: Linux_RemoteQuery, the second hop.  Its static
 * method Query connects to the cimrpcd on Host with the caller's own
 * Kerberos identity (the forwarded credential the worker holds at
 * impersonation level Delegate, KRB5CCNAME), runs a WQL query in a
 * namespace there, and returns the instances found (EmbeddedObject: an
 * array of embedded instances).  The remote server sees the original caller, and checks
 * its rights as for any other connection.  Without a forwarded
 * credential (Identify, Impersonate) the call is refused and says so.
 *
 * The results must fit one reply: at most REMOTE_QUERY_RESULTS_MAX bytes
 * encoded, else the call fails (no partial result); a schema query (its
 * results are classes) is refused.  The class has no instances.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cimrpc/cimrpc.h"
#include "client/lib/instance.h"
#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/provider_args.h"

#define REMOTE_QUERY_CLASS "Linux_RemoteQuery"
#define REMOTE_QUERY_RESULTS_MAX (40u * 1024)   /* encoded bytes in one answer */
#define REMOTE_QUERY_TEXT_MAX 65536             /* a query or host name */
#define REMOTE_QUERY_TIMEOUT 60                 /* seconds for the remote server */

static int
remote_query_enumerate(struct provider_call *call)
{
    (void)call;
    return 0;                           /* no instances */
}

static int
remote_query_get(struct provider_call *call, const cim_instance *keys)
{
    (void)keys;
    return provider_fail(call, WBEM_E_NOT_FOUND, "%s has no instances: call Query on the "
                         "class", REMOTE_QUERY_CLASS);
}

/* The remote server's error ERR (taken) as the call's. */
static int
remote_query_failed(struct provider_call *call, const char *host, const char *what,
                    cimrpc_error *err)
{
    uint32_t code = err != NULL ? cimrpc_error_get_code(err) : 0;
    int rc = provider_fail(call, code != 0 ? code : WBEM_E_FAILED, "%s on %s: %s", what, host,
                           err != NULL ? cimrpc_error_message(err) : "out of memory");

    cimrpc_error_free(err);
    return rc;
}

/* The growing Results array: the instances and their wire views. */
struct remote_query_results {
    cimrpc_instance **insts;
    cim_instance *views;
    size_t n, cap, bytes;
};

static void
remote_query_results_free(struct remote_query_results *r)
{
    for (size_t i = 0; i < r->n; i++) {
        instance_wire_view_free(&r->views[i]);
        cimrpc_instance_free(r->insts[i]);
    }
    free(r->insts);
    free(r->views);
}

/* Add INST (taken).  0, 1 when over the bound (INST freed), -1 out of
 * memory (INST freed). */
static int
remote_query_results_add(struct remote_query_results *r, cimrpc_instance *inst)
{
    cim_instance view;
    unsigned long len;

    if (instance_wire_view(inst, &view) < 0) {
        cimrpc_instance_free(inst);
        return -1;
    }
    len = xdr_sizeof((xdrproc_t)xdr_cim_instance, &view);
    if (r->bytes + len > REMOTE_QUERY_RESULTS_MAX) {
        instance_wire_view_free(&view);
        cimrpc_instance_free(inst);
        return 1;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        cimrpc_instance **gi = realloc(r->insts, cap * sizeof(*gi));
        cim_instance *gv;

        if (gi != NULL)
            r->insts = gi;
        gv = gi != NULL ? realloc(r->views, cap * sizeof(*gv)) : NULL;
        if (gv == NULL) {
            instance_wire_view_free(&view);
            cimrpc_instance_free(inst);
            return -1;
        }
        r->views = gv;
        r->cap = cap;
    }
    r->insts[r->n] = inst;
    r->views[r->n] = view;
    r->n++;
    r->bytes += len;
    return 0;
}

static int
remote_query_run(struct provider_call *call, const char *host, const char *nspace,
                 const char *wql)
{
    struct remote_query_results results = { NULL, NULL, 0, 0, 0 };
    cimrpc_options *opts = cimrpc_options_new();
    cimrpc_cursor *cursor = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    struct cim_build out;
    cimrpc_obj *obj;
    int more, rc = -1;

    if (opts == NULL)
        return provider_fail_oom(call);
    cimrpc_options_set_authn_level(opts, CIMRPC_AUTHN_PKT_PRIVACY);
    if (cimrpc_options_set_target(opts, host, &err) < 0 ||
        cimrpc_options_set_namespace(opts, nspace, &err) < 0 ||
        cimrpc_options_set_timeout(opts, REMOTE_QUERY_TIMEOUT, &err) < 0 ||
        cimrpc_options_set_client_info(opts, "cimrpc-worker (Linux_RemoteQuery)", &err) < 0) {
        rc = provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS, "%s.Query: %s",
                           REMOTE_QUERY_CLASS, err ? cimrpc_error_message(err) : "out of memory");
        cimrpc_error_free(err);
        goto done;
    }
    if (cimrpc_connect(opts, &conn, &err) < 0) {
        rc = remote_query_failed(call, host, "connecting", err);
        goto done;
    }
    if (cimrpc_query(conn, wql, &cursor, &err) < 0) {
        rc = remote_query_failed(call, host, "the query", err);
        goto done;
    }
    while ((more = cimrpc_cursor_next(cursor, &obj, &err)) > 0) {
        cimrpc_instance *inst = cimrpc_obj_take_instance(obj);
        int added;

        cimrpc_obj_free(obj);
        if (inst == NULL) {
            rc = provider_fail(call, WBEM_E_INVALID_QUERY, "%s.Query returns instances; "
                               "the query on %s returned classes (a schema query)",
                               REMOTE_QUERY_CLASS, host);
            goto done;
        }
        added = remote_query_results_add(&results, inst);
        if (added < 0) {
            rc = provider_fail_oom(call);
            goto done;
        }
        if (added > 0) {
            rc = provider_fail(call, WBEM_E_QUOTA_VIOLATION, "the results of the query on %s "
                               "exceed %u KiB (%zu objects so far): narrow the query (a "
                               "WHERE, or fewer properties)", host,
                               REMOTE_QUERY_RESULTS_MAX / 1024, results.n);
            goto done;
        }
    }
    if (more < 0) {
        rc = remote_query_failed(call, host, "reading the results", err);
        goto done;
    }
    cim_build_init(&out, "__PARAMETERS");
    {
        const cim_instance **list = calloc(results.n ? results.n : 1, sizeof(*list));

        if (list == NULL) {
            cim_build_clear(&out);
            rc = provider_fail_oom(call);
            goto done;
        }
        for (size_t i = 0; i < results.n; i++)
            list[i] = &results.views[i];
        cim_build_embedded(&out, "Results", list, results.n);
        free(list);
    }
    rc = provider_emit_return(call, &out, 0);

done:
    cimrpc_cursor_close(cursor);
    cimrpc_conn_close(conn);
    cimrpc_options_free(opts);
    remote_query_results_free(&results);
    return rc;
}

static int
remote_query_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
                    const cim_instance *params)
{
    static const char *const names[] = { "Host", "Namespace", "Query" };
    const char *host, *nspace, *wql;

    if (strcasecmp(method, "Query") != 0)
        return provider_no_method(call, method);
    if (provider_method_target(call, method, keys, true) < 0 ||
        provider_params_check(call, method, params, names, 3) < 0 ||
        provider_param_string(call, method, params, "Host", true, 1024, &host) < 0 ||
        provider_param_string(call, method, params, "Namespace", false, 512, &nspace) < 0 ||
        provider_param_string(call, method, params, "Query", true, REMOTE_QUERY_TEXT_MAX,
                              &wql) < 0)
        return -1;
    if (getenv("KRB5CCNAME") == NULL)
        return provider_fail(call, WBEM_E_ACCESS_DENIED, "%s.Query reaches %s as you, which "
                             "needs your forwarded Kerberos credential: this session's "
                             "impersonation level is not delegate (connect over TCP with "
                             "-i delegate and a forwardable ticket)", REMOTE_QUERY_CLASS, host);
    return remote_query_run(call, host, nspace != NULL ? nspace : "root/cimv2", wql);
}

const struct provider_class linux_remote_query_class = {
    .name = REMOTE_QUERY_CLASS,
    .enumerate = remote_query_enumerate,
    .get = remote_query_get,
    .invoke = remote_query_invoke,
};
