/*
 * cursor.c: cursors over classes, instances and query results
 * (OPEN_CURSOR, FETCH, CLOSE_CURSOR).
 *
 * A cursor holds at most one batch, the decoded FETCH result: every
 * object in it is checked when it arrives, and handed out one at a time
 * by moving it out of the batch (the slot is left empty, its kind intact,
 * so that xdr_free() still walks the whole array).  When the batch is
 * used up it is freed and the next one fetched, until the server says
 * done: it has then closed its cursor, and cimrpc_cursor_close() need not.
 * The last batch also says whether the results were cut short (the
 * namespace's limits): that reason is copied out of it and kept until the
 * cursor is closed (cimrpc_cursor_truncated()).
 *
 * The cursor borrows its connection and takes its lock for each call,
 * like every operation; the cursor itself is for one thread at a time.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "error.h"
#include "obj.h"
#include "ops.h"
#include "select.h"
#include "wire.h"

/* Batches without objects the server may send in a row before it is
 * taken to be stuck. */
#define CURSOR_EMPTY_MAX 64

_Static_assert(CIMRPC_CURSOR_BATCH_DEFAULT <= CIMRPC_FETCH_MAX, "default batch too large");

struct cimrpc_cursor {
    cimrpc_conn *conn;              /* borrowed */
    uint64_t id;                    /* the server's name for it */
    cimrpc_cursor_kind kind;
    unsigned int batch;             /* objects asked for at a time */
    cimrpc_fetch_res res;           /* the batch in hand, when has_batch */
    bool has_batch;
    u_int next;                     /* the next object of the batch */
    bool done;                      /* the server said nothing follows */
    bool failed;                    /* a fetch failed: the cursor only fails */
    unsigned int empty;             /* empty batches in a row */
    char *truncated;                /* why the results were cut short (from the
                                     * last batch), or NULL: complete */
};

static int cursor_accept(cimrpc_cursor *cursor, const char *what, cimrpc_error **err_out);

/* Open a cursor on the server as SPEC says, with its first batch.  WHAT
 * names the operation. */
static int
cursor_open(cimrpc_conn *conn, cimrpc_cursor_spec *spec, const char *what,
            cimrpc_cursor **cursor_out, cimrpc_error **err_out)
{
    cimrpc_open_cursor_args args;
    cimrpc_open_cursor_res res;
    cimrpc_cursor *cursor;

    if (cursor_out == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: no place for the cursor", what);
    /* Made first, so that a cursor the server opens is never lost. */
    if ((cursor = calloc(1, sizeof(*cursor))) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    memset(&args, 0, sizeof(args));
    args.spec = *spec;
    args.first_objects = CIMRPC_CURSOR_BATCH_DEFAULT;
    memset(&res, 0, sizeof(res));
    if (ops_check_size(conn, (xdrproc_t)xdr_cimrpc_open_cursor_args, &args, what, err_out) < 0 ||
        conn_call_session(conn, CIMRPC_OPEN_CURSOR, (xdrproc_t)xdr_cimrpc_open_cursor_args,
                          &args, (xdrproc_t)xdr_cimrpc_open_cursor_res, &res, what,
                          err_out) < 0) {
        free(cursor);
        return -1;
    }
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_open_cursor_res_u.reason);
        xdr_free((xdrproc_t)xdr_cimrpc_open_cursor_res, (char *)&res);
        free(cursor);
        return -1;
    }
    cursor->conn = conn;
    cursor->id = res.cimrpc_open_cursor_res_u.ok.cursor;
    cursor->kind = spec->kind;
    cursor->batch = CIMRPC_CURSOR_BATCH_DEFAULT;
    /* The first batch came with the cursor: it is the one in hand. */
    memset(&cursor->res, 0, sizeof(cursor->res));
    cursor->res.cimrpc_fetch_res_u.ok = res.cimrpc_open_cursor_res_u.ok.first;
    memset(&res.cimrpc_open_cursor_res_u.ok.first, 0, sizeof(cimrpc_fetch_ok));
    xdr_free((xdrproc_t)xdr_cimrpc_open_cursor_res, (char *)&res);
    if (cursor_accept(cursor, what, err_out) < 0) {
        cimrpc_cursor_close(cursor);
        return -1;
    }
    *cursor_out = cursor;
    return 0;
}

int
cimrpc_enumerate_classes(cimrpc_conn *conn, const char *superclass, bool deep, bool names_only,
                         cimrpc_cursor **cursor_out, cimrpc_error **err_out)
{
    cimrpc_cursor_spec spec = { .kind = CIMRPC_CURSOR_CLASSES };

    if (superclass != NULL && ops_check_name(superclass, "class", err_out) < 0)
        return -1;
    spec.cimrpc_cursor_spec_u.classes.superclass = (char *)(superclass ? superclass : "");
    spec.cimrpc_cursor_spec_u.classes.deep = deep;
    spec.cimrpc_cursor_spec_u.classes.names_only = names_only;
    return cursor_open(conn, &spec, "enumerate classes", cursor_out, err_out);
}

int
cimrpc_enumerate_instances(cimrpc_conn *conn, const char *class_name, bool deep,
                           const cimrpc_select *sel, cimrpc_cursor **cursor_out,
                           cimrpc_error **err_out)
{
    cimrpc_cursor_spec spec = { .kind = CIMRPC_CURSOR_INSTANCES };

    if (ops_check_name(class_name, "class", err_out) < 0)
        return -1;
    spec.cimrpc_cursor_spec_u.instances.class_name = (char *)class_name;
    spec.cimrpc_cursor_spec_u.instances.deep = deep;
    select_wire(sel, &spec.cimrpc_cursor_spec_u.instances.select);
    return cursor_open(conn, &spec, "enumerate instances", cursor_out, err_out);
}

int
cimrpc_query(cimrpc_conn *conn, const char *wql, cimrpc_cursor **cursor_out,
             cimrpc_error **err_out)
{
    cimrpc_cursor_spec spec = { .kind = CIMRPC_CURSOR_QUERY };

    if (wql == NULL || wql[0] == '\0')
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a query is required, such as "
                         "SELECT * FROM Win32_Process");
    if (strlen(wql) > CIMRPC_QUERY_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a query is at most %d bytes, not %zu",
                         CIMRPC_QUERY_MAX, strlen(wql));
    spec.cimrpc_cursor_spec_u.wql = (char *)wql;
    return cursor_open(conn, &spec, "query", cursor_out, err_out);
}

int
cimrpc_cursor_set_batch(cimrpc_cursor *cursor, unsigned int n, cimrpc_error **err_out)
{
    if (n < 1 || n > CIMRPC_FETCH_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a batch is 1 to %d objects, not %u",
                         CIMRPC_FETCH_MAX, n);
    cursor->batch = n;
    return 0;
}

/* Check the batch just fetched: no more objects than asked for, each of
 * a kind the cursor walks and valid.  0, or -1 with WHY. */
static int
cursor_check_batch(const cimrpc_cursor *cursor, char *why, size_t why_len)
{
    const cimrpc_fetch_ok *ok = &cursor->res.cimrpc_fetch_res_u.ok;

    if (ok->objects.objects_len > cursor->batch) {
        snprintf(why, why_len, "%u objects, more than the %u asked for",
                 ok->objects.objects_len, cursor->batch);
        return -1;
    }
    for (u_int i = 0; i < ok->objects.objects_len; i++) {
        const cimrpc_object *o = &ok->objects.objects_val[i];
        bool is_class = o->kind == CIMRPC_OBJECT_CLASS;
        if ((is_class && cursor->kind == CIMRPC_CURSOR_INSTANCES) ||
            (!is_class && cursor->kind == CIMRPC_CURSOR_CLASSES)) {
            snprintf(why, why_len, "%s where %s were asked for", is_class ? "a class"
                     : "an instance", is_class ? "instances" : "classes");
            return -1;
        }
        if (is_class ? wire_check_class(&o->cimrpc_object_u.cls, why, why_len) < 0
                     : wire_check_instance(&o->cimrpc_object_u.instance.inst, 0, why,
                                           why_len) < 0)
            return -1;
    }
    return 0;
}

/* Fetch the next batch (none is in hand).  0, or -1 with the cursor
 * failed. */
static int
cursor_fetch(cimrpc_cursor *cursor, cimrpc_error **err_out)
{
    cimrpc_fetch_args args = { .cursor = cursor->id, .max_objects = cursor->batch };

    memset(&cursor->res, 0, sizeof(cursor->res));
    cursor->failed = true;          /* until the batch is in hand */
    if (conn_call_session(cursor->conn, CIMRPC_FETCH, (xdrproc_t)xdr_cimrpc_fetch_args, &args,
                          (xdrproc_t)xdr_cimrpc_fetch_res, &cursor->res, "fetch",
                          err_out) < 0)
        return -1;
    if (cursor->res.code != 0) {
        error_set_wbem(err_out, cursor->res.code, cursor->res.cimrpc_fetch_res_u.reason);
        xdr_free((xdrproc_t)xdr_cimrpc_fetch_res, (char *)&cursor->res);
        return -1;
    }
    return cursor_accept(cursor, "fetch", err_out);
}

/* Take the batch in CURSOR->res (code 0), fetched or sent with the
 * cursor, after checking it.  0, or -1 with the cursor failed and the
 * batch freed. */
static int
cursor_accept(cimrpc_cursor *cursor, const char *what, cimrpc_error **err_out)
{
    cimrpc_fetch_ok *ok = &cursor->res.cimrpc_fetch_res_u.ok;
    char why[512];

    if (cursor_check_batch(cursor, why, sizeof(why)) < 0)
        wire_error(err_out, cursor->conn, what, why);
    else if (ok->objects.objects_len == 0 && !ok->done && ++cursor->empty > CURSOR_EMPTY_MAX)
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "%s: %s sent %d empty batches in a row "
                  "without ending the results", what, cursor->conn->target, CURSOR_EMPTY_MAX);
    else if (ok->done && ok->truncated != NULL && ok->truncated[0] != '\0' &&
             (cursor->truncated = strdup(ok->truncated)) == NULL)
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    else {
        if (ok->objects.objects_len > 0)
            cursor->empty = 0;
        cursor->done = ok->done;
        cursor->has_batch = true;
        cursor->next = 0;
        cursor->failed = false;
        return 0;
    }
    xdr_free((xdrproc_t)xdr_cimrpc_fetch_res, (char *)&cursor->res);
    return -1;
}

/* Free the batch in hand, if any. */
static void
cursor_drop_batch(cimrpc_cursor *cursor)
{
    if (!cursor->has_batch)
        return;
    xdr_free((xdrproc_t)xdr_cimrpc_fetch_res, (char *)&cursor->res);
    cursor->has_batch = false;
}

int
cimrpc_cursor_next(cimrpc_cursor *cursor, cimrpc_obj **obj_out, cimrpc_error **err_out)
{
    if (cursor == NULL || obj_out == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "cimrpc_cursor_next: a cursor and a "
                         "place for the object are required");
    for (;;) {
        cimrpc_fetch_ok *ok = &cursor->res.cimrpc_fetch_res_u.ok;

        if (cursor->failed)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "the cursor failed earlier; close "
                             "it and start again");
        if (cursor->has_batch && cursor->next < ok->objects.objects_len) {
            cimrpc_obj *obj = obj_adopt(&ok->objects.objects_val[cursor->next]);
            if (obj == NULL)        /* the object stays: a retry may succeed */
                return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
            cursor->next++;
            *obj_out = obj;
            return 1;
        }
        cursor_drop_batch(cursor);
        if (cursor->done)
            return 0;
        if (cursor_fetch(cursor, err_out) < 0)
            return -1;
    }
}

void
cimrpc_cursor_close(cimrpc_cursor *cursor)
{
    cimrpc_conn *conn;

    if (cursor == NULL)
        return;
    conn = cursor->conn;
    cursor_drop_batch(cursor);
    if (!cursor->done) {
        cimrpc_cursor_args args = { .cursor = cursor->id };
        cimrpc_status_res res;

        memset(&res, 0, sizeof(res));
        pthread_mutex_lock(&conn->lock);
        if (!conn->broken && conn->has_session &&
            conn_call_locked(conn, CIMRPC_CLOSE_CURSOR, (xdrproc_t)xdr_cimrpc_cursor_args, &args,
                             (xdrproc_t)xdr_cimrpc_status_res, &res, "close cursor",
                             CONN_CALL_SESSION | CONN_CALL_NO_RENEW, NULL) == 0)
            xdr_free((xdrproc_t)xdr_cimrpc_status_res, (char *)&res);
        pthread_mutex_unlock(&conn->lock);
    }
    free(cursor->truncated);
    free(cursor);
}

const char *
cimrpc_cursor_truncated(const cimrpc_cursor *cursor)
{
    return cursor != NULL ? cursor->truncated : NULL;
}
