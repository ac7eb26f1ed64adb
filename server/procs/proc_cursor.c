/*
 * proc_cursor.c: the state of a cursor and its pages (proc_cursor.h).
 *
 * The instances of __AuditRecord in root are the audit trail: they come
 * from the audit database (security/audit.h), not from the repository.
 * Enumerating or querying them is an audit cursor: it needs the security
 * privilege in effect (cursor_audit_privilege(), the one place that
 * decides, recorded in the trail itself), reads records by id up to the
 * last one written when it opened (keyset paging, one record in memory
 * at a time), and decides a query's WHERE with the evaluator on each.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/wbem.h"
#include "common/xdr_blob.h"
#include "procs/proc_cursor.h"
#include "procs/proc_select.h"
#include "procs/proc_util.h"
#include "procs/provider_call.h"
#include "query/wql_assoc.h"
#include "query/wql_bind.h"
#include "query/wql_eval.h"
#include "query/wql_parser.h"
#include "query/wql_sql.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "rpc/session.h"
#include "rpc/user_ops.h"
#include "security/audit.h"
#include "security/privilege.h"
#include "server.h"
#include "transport/connection.h"

#define CURSOR_ISA_DEPTH_MAX 256        /* superclass links followed at most */
#define CURSOR_AUDIT_CLASS "__AuditRecord"

/* A class served by a provider, and the provider. */
struct cursor_dynamic {
    char *provider;
    cim_class *cls;                     /* a copy */
};

struct proc_cursor {
    cimrpc_cursor_kind kind;
    char *nspace;
    uint64_t returned;                  /* objects sent so far */
    char ops_key[USER_OPS_KEY_MAX];     /* its user's, once counted (user_ops.h) */
    bool ops_counted;
    long long opened_ms;                /* CLOCK_MONOTONIC, for limits queryTime */
    /* CLASSES: the names listed at open */
    char **names;
    size_t n_names, next_name;
    bool names_only;
    bool out_of_memory;                 /* while listing them */
    /* INSTANCES and QUERY (SELECT) */
    char *class_name;
    bool deep;
    cimrpc_selection select;
    struct repo_page page;
    /* QUERY */
    struct wql_query *query;
    struct wql_bound *bound;
    struct wql_sql sql;
    /* ASSOCIATORS OF / REFERENCES OF: the results gathered at open */
    cimrpc_object *objects;
    size_t n_objects, cap_objects, next_object;
    /* The audit trail (INSTANCES and QUERY of __AuditRecord in root):
     * records after audit_after up to audit_upto, the last id when the
     * cursor opened */
    bool audit;
    bool audit_done;
    uint64_t audit_after, audit_upto;
    cim_class *audit_cls;               /* a copy of __AuditRecord */
    /* Classes served by providers (INSTANCES and QUERY): the FROM class
     * itself when it is one (from_dynamic: the repository is not read),
     * and, for a deep enumeration or a query, its descendants that are;
     * their instances are asked of the providers when the cursor opens
     * (proc_cursor_provided()), then evaluated and selected page by page,
     * after the repository's */
    struct cursor_dynamic *dynamic;
    size_t n_dynamic;
    bool from_dynamic;
    bool too_many_dynamic;              /* more than CURSOR_DYNAMIC_MAX below */
    bool provided;                      /* the providers have answered */
    cim_instance *pending;
    size_t n_pending, next_pending;
};

void
proc_cursor_free(void *p)
{
    struct proc_cursor *c = p;

    if (c == NULL)
        return;
    if (c->ops_counted)
        user_ops_end(c->ops_key);
    for (size_t i = 0; i < c->n_names; i++)
        free(c->names[i]);
    free(c->names);
    free(c->class_name);
    xdr_free((xdrproc_t)xdr_cimrpc_selection, (char *)&c->select);
    repo_page_clear(&c->page);
    wql_sql_clear(&c->sql);
    wql_bound_free(c->bound);
    wql_query_free(c->query);
    for (size_t i = c->next_object; i < c->n_objects; i++)
        xdr_free((xdrproc_t)xdr_cimrpc_object, (char *)&c->objects[i]);
    free(c->objects);
    if (c->audit_cls != NULL) {
        xdr_free((xdrproc_t)xdr_cim_class, (char *)c->audit_cls);
        free(c->audit_cls);
    }
    for (size_t i = 0; i < c->n_dynamic; i++) {
        if (c->dynamic[i].cls != NULL) {
            xdr_free((xdrproc_t)xdr_cim_class, (char *)c->dynamic[i].cls);
            free(c->dynamic[i].cls);
        }
        free(c->dynamic[i].provider);
    }
    free(c->dynamic);
    for (size_t i = c->next_pending; i < c->n_pending; i++)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&c->pending[i]);
    free(c->pending);
    free(c->nspace);
    free(c);
}

/* ---- opening ---- */

static int
cursor_add_name(const cim_class *cls, void *arg)
{
    struct proc_cursor *c = arg;
    char **grown;

    if (c->n_names >= 16 && (c->n_names & (c->n_names - 1)) == 0) {
        grown = realloc(c->names, c->n_names * 2 * sizeof(*grown));
        if (grown == NULL)
            goto oom;
        c->names = grown;
    }
    if ((c->names[c->n_names] = strdup(cls->name)) == NULL)
        goto oom;
    c->n_names++;
    return 0;
oom:
    c->out_of_memory = true;
    return 1;
}

static int
cursor_open_classes(struct repo *repo, struct proc_cursor *c, const cimrpc_enum_classes *spec,
                    u_int *code, char **reason)
{
    struct repo_error err = { "", 0 };
    const char *super = spec->superclass[0] != '\0' ? spec->superclass : NULL;
    const cim_class *cls;

    if (super != NULL && repo_class_peek(repo, c->nspace, super, &cls, &err) < 0) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    c->names_only = spec->names_only;
    if ((c->names = malloc(16 * sizeof(*c->names))) == NULL)
        return -1;
    if (repo_class_enumerate(repo, c->nspace, super, spec->deep, cursor_add_name, c, &err) < 0) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    return c->out_of_memory ? -1 : 0;
}

/* Keep CLS (borrowed; copied), served by PROVIDER, among C's dynamic
 * classes; *COPY_OUT (may be NULL) is the copy.  0, 1 when C has
 * CURSOR_DYNAMIC_MAX already, or -1 out of memory. */
static int
cursor_add_dynamic(struct proc_cursor *c, const cim_class *cls, const char *provider,
                   const cim_class **copy_out)
{
    struct cursor_dynamic *grown, *d;

    if (c->n_dynamic >= CURSOR_DYNAMIC_MAX)
        return 1;                       /* bounded: the caller says so */
    grown = realloc(c->dynamic, (c->n_dynamic + 1) * sizeof(*grown));
    if (grown == NULL)
        return -1;
    c->dynamic = grown;
    d = &c->dynamic[c->n_dynamic];
    memset(d, 0, sizeof(*d));
    if ((d->provider = strdup(provider)) == NULL ||
        (d->cls = calloc(1, sizeof(*d->cls))) == NULL ||
        xdr_blob_copy((xdrproc_t)xdr_cim_class, cls, d->cls) < 0) {
        free(d->provider);
        free(d->cls);
        return -1;
    }
    c->n_dynamic++;
    if (copy_out != NULL)
        *copy_out = d->cls;
    return 0;
}

/* The dynamic class of C named NAME, or NULL. */
static const struct cursor_dynamic *
cursor_dynamic_find(const struct proc_cursor *c, const char *name)
{
    for (size_t i = 0; i < c->n_dynamic; i++)
        if (strcasecmp(c->dynamic[i].cls->name, name) == 0)
            return &c->dynamic[i];
    return NULL;
}

/* repo_class_enumerate's callback: keep a concrete descendant served by a
 * provider. */
static int
cursor_keep_dynamic(const cim_class *cls, void *arg)
{
    struct proc_cursor *c = arg;
    const char *provider = proc_class_provider(cls);

    if (provider == NULL || cursor_dynamic_find(c, cls->name) != NULL ||
        provider_qualifier_true(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                                "Abstract"))
        return 0;
    switch (cursor_add_dynamic(c, cls, provider, NULL)) {
    case 0:
        return 0;
    case 1:
        c->too_many_dynamic = true;
        return 1;
    default:
        c->out_of_memory = true;
        return 1;
    }
}

/* The descendants of class NAME served by providers, for a deep read. */
static int
cursor_dynamic_descendants(struct repo *repo, struct proc_cursor *c, const char *name,
                           u_int *code, char **reason)
{
    struct repo_error err = { "", 0 };

    if (repo_class_enumerate(repo, c->nspace, name, true, cursor_keep_dynamic, c, &err) < 0) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    if (c->too_many_dynamic) {
        proc_error(code, reason, WBEM_E_QUOTA_VIOLATION, "class %s has more than %d classes "
                   "served by providers below it: read them one class at a time (a shallow "
                   "enumeration, or a query of each)", name, CURSOR_DYNAMIC_MAX);
        return -1;
    }
    return c->out_of_memory ? -1 : 0;
}

/* The class NAME of the cursor's namespace into *CLS_OUT (borrowed from
 * the repository's cache).  A class served by a provider makes C read
 * from the provider instead of the repository: it keeps the provider's
 * name and a copy of the class (then *CLS_OUT). */
static int
cursor_class(struct repo *repo, struct proc_cursor *c, const char *name,
             const cim_class **cls_out, u_int *code, char **reason)
{
    struct repo_error err = { "", 0 };
    const char *provider;

    if (repo_class_peek(repo, c->nspace, name, cls_out, &err) < 0) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    if ((provider = proc_class_provider(*cls_out)) != NULL) {
        if (cursor_add_dynamic(c, *cls_out, provider, cls_out) < 0)
            return -1;
        c->from_dynamic = true;
    }
    return 0;
}

/* Is class NAME in namespace NSPACE the audit trail? */
static bool
cursor_is_audit(const char *nspace, const char *name)
{
    return strcasecmp(nspace, "root") == 0 && strcasecmp(name, CURSOR_AUDIT_CLASS) == 0;
}

/*
 * PRIVILEGE CHECK for reading the audit trail: does the caller of CTX
 * have the security privilege in effect (held, and asked for with
 * cimrpc -p security)?  Returns 0, or -1 with WHY (WHY_LEN bytes) naming
 * the privilege and what is missing.  The only place that decides who
 * reads __AuditRecord.
 */
static int
cursor_audit_privilege(const struct call_context *ctx, struct repo *repo, char *why,
                       size_t why_len)
{
    static const char *const needed[] = { PRIVILEGE_SECURITY };

    return privilege_check(repo, ctx->caller, ctx->session, needed, 1, why, why_len);
}

/* The SELECT list of the bound query as a property selection. */
static int cursor_query_selection(struct proc_cursor *c);

/*
 * Make C an audit cursor: decide (and record) whether the caller may read
 * the trail, then check SELECT (INSTANCES) or bind C->query (QUERY)
 * against __AuditRecord.  Returns 0, or -1 with the error in CODE/REASON
 * (or, when *CODE stays 0, out of memory).
 */
static int
cursor_open_audit(const struct call_context *ctx, struct repo *repo, struct proc_cursor *c,
                  const cimrpc_selection *select, u_int *code, char **reason)
{
    struct audit *audit = server_loop_audit(ctx->conn->owner);
    char why[CIMRPC_REASON_MAX - 128], denial[CIMRPC_REASON_MAX], audit_why[CIMRPC_REASON_MAX];
    struct repo_error err = { "", 0 };
    const cim_class *cls;
    bool allowed;

    allowed = cursor_audit_privilege(ctx, repo, why, sizeof(why)) == 0;
    if (!allowed)
        snprintf(denial, sizeof(denial), "reading the audit trail (%s in root): %s",
                 CURSOR_AUDIT_CLASS, why);
    if (audit_decision(audit, ctx, NULL, CURSOR_AUDIT_CLASS,
                       allowed ? AUDIT_ALLOWED : AUDIT_DENIED,
                       allowed ? "has the security privilege in effect" : denial, audit_why,
                       sizeof(audit_why)) < 0 && allowed) {
        proc_error(code, reason, WBEM_E_ACCESS_DENIED, "%s", audit_why);
        return -1;
    }
    if (!allowed) {
        proc_error(code, reason, WBEM_E_ACCESS_DENIED, "%s", denial);
        return -1;
    }
    if (repo_class_peek(repo, "root", CURSOR_AUDIT_CLASS, &cls, &err) < 0) {
        proc_repo_error(code, reason, &err);
        return -1;
    }
    if ((c->audit_cls = calloc(1, sizeof(*c->audit_cls))) == NULL)
        return -1;
    if (xdr_blob_copy((xdrproc_t)xdr_cim_class, cls, c->audit_cls) < 0) {
        free(c->audit_cls);
        c->audit_cls = NULL;
        return -1;
    }
    if (c->query != NULL) {
        struct wql_error werr;

        memset(&werr, 0, sizeof(werr));
        if (wql_bind(c->query, c->audit_cls, &c->bound, &werr) < 0) {
            proc_error(code, reason, werr.code ? werr.code : WBEM_E_FAILED, "%s",
                       werr.message[0] ? werr.message : "out of memory binding the query");
            return -1;
        }
        if (cursor_query_selection(c) < 0)
            return -1;
    } else if (proc_select_check(c->audit_cls, select, code, reason) < 0 ||
               xdr_blob_copy((xdrproc_t)xdr_cimrpc_selection, select, &c->select) < 0) {
        return -1;
    }
    if (audit_last_id(audit, &c->audit_upto, why, sizeof(why)) < 0) {
        proc_error(code, reason, WBEM_E_FAILED, "the audit trail cannot be read: %s", why);
        return -1;
    }
    c->audit = true;
    return (c->class_name = strdup(c->audit_cls->name)) != NULL ? 0 : -1;
}

static int
cursor_open_instances(struct repo *repo, struct proc_cursor *c,
                      const cimrpc_enum_instances *spec, u_int *code, char **reason)
{
    const cim_class *cls;

    if (cursor_class(repo, c, spec->class_name, &cls, code, reason) < 0 ||
        proc_select_check(cls, &spec->select, code, reason) < 0)
        return -1;
    c->deep = spec->deep;
    if ((c->class_name = strdup(cls->name)) == NULL ||
        xdr_blob_copy((xdrproc_t)xdr_cimrpc_selection, &spec->select, &c->select) < 0)
        return -1;
    return spec->deep ? cursor_dynamic_descendants(repo, c, c->class_name, code, reason) : 0;
}

/* The SELECT list of the bound query as a property selection. */
static int
cursor_query_selection(struct proc_cursor *c)
{
    size_t n = wql_bound_n_properties(c->bound);

    if (wql_bound_select_all(c->bound) || n == 0)
        return 0;
    c->select.has_list = TRUE;
    if ((c->select.properties.properties_val = calloc(n, sizeof(cim_name))) == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if ((c->select.properties.properties_val[i] = strdup(wql_bound_property(c->bound, i))) ==
            NULL)
            return -1;
        c->select.properties.properties_len++;
    }
    return 0;
}

/* Keep one result of ASSOCIATORS OF / REFERENCES OF. */
static int
cursor_keep_assoc(const struct wql_assoc_result *r, void *arg)
{
    struct proc_cursor *c = arg;
    cimrpc_object *obj;

    if (c->n_objects == c->cap_objects) {
        size_t cap = c->cap_objects ? c->cap_objects * 2 : 16;
        cimrpc_object *grown = realloc(c->objects, cap * sizeof(*grown));

        if (grown == NULL)
            return -1;
        c->objects = grown;
        c->cap_objects = cap;
    }
    obj = &c->objects[c->n_objects];
    memset(obj, 0, sizeof(*obj));
    if (r->inst == NULL) {
        obj->kind = CIMRPC_OBJECT_CLASS;
        if (xdr_blob_copy((xdrproc_t)xdr_cim_class, r->cls, &obj->cimrpc_object_u.cls) < 0)
            return -1;
    } else {
        cimrpc_object_instance *oi = &obj->cimrpc_object_u.instance;

        obj->kind = CIMRPC_OBJECT_INSTANCE;
        if ((oi->path = strdup(r->relpath)) == NULL)
            return -1;
        if (xdr_blob_copy((xdrproc_t)xdr_cim_instance, r->inst, &oi->inst) < 0) {
            free(oi->path);
            return -1;
        }
    }
    c->n_objects++;
    return 0;
}

static int
cursor_open_query(const struct call_context *ctx, struct repo *repo, struct proc_cursor *c,
                  const char *text, u_int *code, char **reason)
{
    struct wql_error werr;
    const cim_class *cls;

    memset(&werr, 0, sizeof(werr));
    if (wql_parse(text, &c->query, &werr) < 0)
        goto wql_failed;
    if (c->query->kind == WQL_QUERY_ASSOCIATORS || c->query->kind == WQL_QUERY_REFERENCES) {
        if (wql_assoc_run(repo, c->nspace, c->query, cursor_keep_assoc, c, CURSOR_ASSOC_MAX,
                          &werr) < 0)
            goto wql_failed;
        return 0;
    }
    if (cursor_is_audit(c->nspace, c->query->class_name))
        return cursor_open_audit(ctx, repo, c, NULL, code, reason);
    if (cursor_class(repo, c, c->query->class_name, &cls, code, reason) < 0)
        return -1;
    /* A provider's instances are decided by the evaluator alone. */
    if (wql_bind(c->query, cls, &c->bound, &werr) < 0 ||
        (!c->from_dynamic && wql_sql_translate(c->bound, cls, &c->sql, &werr) < 0))
        goto wql_failed;
    c->deep = true;
    if ((c->class_name = strdup(cls->name)) == NULL || cursor_query_selection(c) < 0)
        return -1;
    return cursor_dynamic_descendants(repo, c, c->class_name, code, reason);

wql_failed:
    if (werr.code == 0 || werr.code == WBEM_E_FAILED)
        proc_error(code, reason, werr.code ? werr.code : WBEM_E_FAILED, "%s",
                   werr.message[0] ? werr.message : "out of memory running the query");
    else
        proc_error(code, reason, werr.code, "%s", werr.message);
    return -1;
}

int
proc_cursor_open(const struct call_context *ctx, const cimrpc_cursor_spec *spec,
                 struct proc_cursor **out, u_int *code, char **reason)
{
    struct repo *repo = proc_repo(ctx);
    struct proc_cursor *c = calloc(1, sizeof(*c));
    int rc;

    *out = NULL;
    if (c != NULL)
        c->opened_ms = clock_monotonic_ms();
    if (c == NULL || (c->nspace = strdup(ctx->session->nspace)) == NULL) {
        free(c);
        return -1;
    }
    c->kind = spec->kind;
    switch (spec->kind) {
    case CIMRPC_CURSOR_CLASSES:
        rc = cursor_open_classes(repo, c, &spec->cimrpc_cursor_spec_u.classes, code, reason);
        break;
    case CIMRPC_CURSOR_INSTANCES:
        if (cursor_is_audit(c->nspace, spec->cimrpc_cursor_spec_u.instances.class_name))
            rc = cursor_open_audit(ctx, repo, c, &spec->cimrpc_cursor_spec_u.instances.select,
                                   code, reason);
        else
            rc = cursor_open_instances(repo, c, &spec->cimrpc_cursor_spec_u.instances, code,
                                       reason);
        break;
    case CIMRPC_CURSOR_QUERY:
        rc = cursor_open_query(ctx, repo, c, spec->cimrpc_cursor_spec_u.wql, code, reason);
        break;
    default:
        rc = proc_error(code, reason, WBEM_E_INVALID_PARAMETER, "cursor kind %d is not one of "
                        "classes (1), instances (2) or query (3)", (int)spec->kind);
        rc = -1;
        break;
    }
    if (rc < 0) {
        proc_cursor_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

/* ---- fetching ---- */

/* One FETCH being filled. */
struct cursor_fill {
    const struct call_context *ctx;
    struct repo *repo;
    struct proc_cursor *c;
    cimrpc_fetch_ok *ok;
    struct fetch_raw *raw;              /* one per object of OK */
    unsigned max;
    size_t bytes;
    u_int *code;
    char **reason;
    char server[256];
    /* The class of the last instance (borrowed from the repository's
     * cache, good until the next class lookup on the handle). */
    const cim_class *last_cls;
};

/* Append OBJ (taken over), of about BYTES encoded (0: measure it), to the
 * page; 1 when the page is full. */
static int
cursor_fill_add(struct cursor_fill *f, cimrpc_object *obj, size_t bytes)
{
    f->ok->objects.objects_val[f->ok->objects.objects_len++] = *obj;
    f->bytes += bytes != 0 ? bytes : xdr_sizeof((xdrproc_t)xdr_cimrpc_object, obj);
    return f->ok->objects.objects_len >= f->max || f->bytes >= CURSOR_PAGE_BYTES;
}

static int
cursor_fill_classes(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;
    struct repo_error err = { "", 0 };

    while (c->next_name < c->n_names) {
        cimrpc_object obj;
        cim_class *cls = &obj.cimrpc_object_u.cls;
        int found;

        memset(&obj, 0, sizeof(obj));
        obj.kind = CIMRPC_OBJECT_CLASS;
        found = repo_class_get(f->repo, c->nspace, c->names[c->next_name], cls, &err);
        if (found < 0) {
            proc_repo_error(f->code, f->reason, &err);
            return -1;
        }
        free(c->names[c->next_name]);
        c->names[c->next_name++] = NULL;
        if (found == 0)
            continue;                   /* deleted since the cursor opened */
        if (c->names_only) {
            cim_class bare;

            memset(&bare, 0, sizeof(bare));
            bare.name = cls->name;
            bare.superclass = cls->superclass;
            cls->name = NULL;
            cls->superclass = NULL;
            xdr_free((xdrproc_t)xdr_cim_class, (char *)cls);
            *cls = bare;
        }
        if (cursor_fill_add(f, &obj, 0))
            break;
    }
    f->ok->done = c->next_name >= c->n_names;
    return 0;
}

static int
cursor_fill_objects(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;

    while (c->next_object < c->n_objects) {
        cimrpc_object obj = c->objects[c->next_object++];

        if (cursor_fill_add(f, &obj, 0))
            break;
    }
    f->ok->done = c->next_object >= c->n_objects;
    return 0;
}

/* wql_eval's ISA: is class NAME ANCESTOR or derived from it? */
static int
cursor_isa(void *arg, const char *name, const char *ancestor, struct wql_error *werr)
{
    struct cursor_fill *f = arg;
    struct repo_error err = { "", 0 };
    char current[CIM_NAME_MAX + 1];

    snprintf(current, sizeof(current), "%s", name);
    for (int depth = 0; depth < CURSOR_ISA_DEPTH_MAX; depth++) {
        const cim_class *cls;

        if (strcasecmp(current, ancestor) == 0)
            return 1;
        if (repo_class_peek(f->repo, f->c->nspace, current, &cls, &err) < 0) {
            if (err.code == WBEM_E_INVALID_CLASS)
                return 0;
            return wql_error_set(werr, err.code, 0, "%s", err.message);
        }
        if (cls->superclass == NULL || cls->superclass[0] == '\0')
            return 0;
        snprintf(current, sizeof(current), "%s", cls->superclass);
    }
    return 0;
}

/* The class name at the start of ROW (LEN bytes), a stored instance's
 * XDR encoding, into NAME (CIM_NAME_MAX + 1 bytes).  0, or -1 when the
 * encoding is damaged. */
static int
cursor_raw_class(const unsigned char *row, size_t len, char *name)
{
    uint32_t n;

    if (len < 4 || len % 4 != 0)
        return -1;
    n = (uint32_t)row[0] << 24 | (uint32_t)row[1] << 16 | (uint32_t)row[2] << 8 | row[3];
    if (n == 0 || n > CIM_NAME_MAX || n > len - 4 || memchr(row + 4, '\0', n) != NULL)
        return -1;
    memcpy(name, row + 4, n);
    name[n] = '\0';
    return 0;
}

/* repo_instance_page's callback in raw mode: a stored instance passed on
 * as it is, with its path. */
static int
cursor_fill_raw(struct cursor_fill *f, const char *key)
{
    const struct repo_page *page = &f->c->page;
    struct fetch_raw *raw = &f->raw[f->ok->objects.objects_len];
    char class_name[CIM_NAME_MAX + 1];
    cimrpc_object obj;
    int n;

    if (cursor_raw_class(page->row_data, page->row_bytes, class_name) < 0) {
        proc_error(f->code, f->reason, WBEM_E_FAILED, "the stored instance %.300s in %s is "
                   "damaged; the repository may need to be restored", key, f->c->nspace);
        return -1;
    }
    memset(&obj, 0, sizeof(obj));
    obj.kind = CIMRPC_OBJECT_INSTANCE;
    n = strcmp(key, "@") == 0 ? asprintf(&obj.cimrpc_object_u.instance.path, "%s=@", class_name)
                              : asprintf(&obj.cimrpc_object_u.instance.path, "%s.%s",
                                         class_name, key);
    if (n < 0 || (raw->bytes = malloc(page->row_bytes)) == NULL) {
        if (n >= 0)
            free(obj.cimrpc_object_u.instance.path);
        return -1;
    }
    memcpy(raw->bytes, page->row_data, page->row_bytes);
    raw->len = page->row_bytes;
    return cursor_fill_add(f, &obj, raw->len + (size_t)n + 8);
}

/* repo_instance_page's callback: one stored instance of the cursor. */
static int
cursor_fill_instance(const cim_instance *stored, const char *key, void *arg)
{
    struct cursor_fill *f = arg;
    struct proc_cursor *c = f->c;
    struct repo_error err = { "", 0 };
    /* The result takes over the decoded instance (proc_select_apply()),
     * which the repository then frees empty. */
    cim_instance *inst = (cim_instance *)stored;
    const cim_class *cls;
    cimrpc_object obj;

    if (stored == NULL)
        return cursor_fill_raw(f, key);
    if (c->bound != NULL && !c->sql.exact) {
        struct wql_eval_env env = { cursor_isa, f, c->nspace, f->server, NULL, NULL };
        enum wql_truth truth;
        struct wql_error werr;
        char *relpath = NULL;
        int rc;

        memset(&werr, 0, sizeof(werr));
        if ((strcmp(key, "@") == 0 ? asprintf(&relpath, "%s=@", inst->class_name)
                                   : asprintf(&relpath, "%s.%s", inst->class_name, key)) < 0)
            return -1;
        env.relpath = relpath;
        if (repo_class_peek(f->repo, c->nspace, inst->class_name, &cls, &err) == 0)
            env.superclass = cls->superclass;
        rc = wql_eval(c->bound, inst, &env, &truth, &werr);
        free(relpath);
        f->last_cls = NULL;         /* ISA may have looked classes up */
        if (rc < 0) {
            proc_error(f->code, f->reason, werr.code ? werr.code : WBEM_E_FAILED, "%s",
                       werr.message[0] ? werr.message : "out of memory evaluating the query");
            return -1;
        }
        if (truth != WQL_TRUE)
            return 0;
    }
    if (f->last_cls != NULL && strcasecmp(f->last_cls->name, inst->class_name) == 0) {
        cls = f->last_cls;
    } else if (repo_class_peek(f->repo, c->nspace, inst->class_name, &cls, &err) == 0) {
        f->last_cls = cls;
    } else {
        proc_repo_error(f->code, f->reason, &err);
        return -1;
    }
    memset(&obj, 0, sizeof(obj));
    obj.kind = CIMRPC_OBJECT_INSTANCE;
    if (proc_select_apply(cls, &c->select, inst, key, &obj.cimrpc_object_u.instance, f->code,
                          f->reason) < 0)
        return -1;
    /* The stored encoding and the path: what the reply will carry, or a
     * little more when properties were left out. */
    return cursor_fill_add(f, &obj,
                           c->page.row_bytes + strlen(obj.cimrpc_object_u.instance.path) + 8);
}

/* audit_page's callback: one record of the audit trail, kept when the
 * query's WHERE holds for it. */
static int
cursor_audit_row(cim_instance *inst, uint64_t id, void *arg)
{
    struct cursor_fill *f = arg;
    struct proc_cursor *c = f->c;
    char key[32], relpath[sizeof(CURSOR_AUDIT_CLASS) + sizeof(key)];
    cimrpc_object obj;

    snprintf(key, sizeof(key), "Id=%llu", (unsigned long long)id);
    if (c->bound != NULL) {
        struct wql_eval_env env = { cursor_isa, f, c->nspace, f->server, relpath,
                                    c->audit_cls->superclass };
        enum wql_truth truth;
        struct wql_error werr;

        snprintf(relpath, sizeof(relpath), "%s.%s", CURSOR_AUDIT_CLASS, key);
        memset(&werr, 0, sizeof(werr));
        if (wql_eval(c->bound, inst, &env, &truth, &werr) < 0) {
            proc_error(f->code, f->reason, werr.code ? werr.code : WBEM_E_FAILED, "%s",
                       werr.message[0] ? werr.message : "out of memory evaluating the query");
            return -1;
        }
        if (truth != WQL_TRUE)
            return 0;
    }
    memset(&obj, 0, sizeof(obj));
    obj.kind = CIMRPC_OBJECT_INSTANCE;
    if (proc_select_apply(c->audit_cls, &c->select, inst, key, &obj.cimrpc_object_u.instance,
                          f->code, f->reason) < 0)
        return -1;
    return cursor_fill_add(f, &obj, 0);
}

/* The next page of a provider cursor: the provider's instances (checked
 * when they arrived), each kept when the query's WHERE holds for it and
 * given the properties selected. */
static int
cursor_fill_provided(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;

    while (c->next_pending < c->n_pending && f->ok->objects.objects_len < f->max &&
           f->bytes < CURSOR_PAGE_BYTES) {
        cim_instance *inst = &c->pending[c->next_pending++];
        /* Checked when it arrived: its class is one of C's dynamic ones. */
        const cim_class *cls = cursor_dynamic_find(c, inst->class_name)->cls;
        struct repo_error err = { "", 0 };
        cimrpc_object obj;
        char *key;
        int rc = 0;

        if ((key = repo_instance_key(cls, inst, &err)) == NULL) {
            xdr_free((xdrproc_t)xdr_cim_instance, (char *)inst);
            proc_repo_error(f->code, f->reason, &err);
            return -1;
        }
        if (c->bound != NULL) {
            char *relpath = NULL;
            struct wql_eval_env env = { cursor_isa, f, c->nspace, f->server, NULL,
                                        cls->superclass };
            enum wql_truth truth = WQL_FALSE;
            struct wql_error werr;

            memset(&werr, 0, sizeof(werr));
            if ((strcmp(key, "@") == 0 ? asprintf(&relpath, "%s=@", cls->name)
                                       : asprintf(&relpath, "%s.%s", cls->name, key)) < 0)
                relpath = NULL;
            env.relpath = relpath;
            rc = relpath == NULL ? -2 : wql_eval(c->bound, inst, &env, &truth, &werr);
            free(relpath);
            if (rc == -1)
                proc_error(f->code, f->reason, werr.code ? werr.code : WBEM_E_FAILED, "%s",
                           werr.message[0] ? werr.message : "out of memory evaluating the "
                           "query");
            if (rc < 0 || truth != WQL_TRUE) {
                xdr_free((xdrproc_t)xdr_cim_instance, (char *)inst);
                free(key);
                if (rc < 0)
                    return -1;
                continue;
            }
        }
        memset(&obj, 0, sizeof(obj));
        obj.kind = CIMRPC_OBJECT_INSTANCE;
        rc = proc_select_apply(cls, &c->select, inst, key, &obj.cimrpc_object_u.instance,
                               f->code, f->reason);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)inst);
        free(key);
        if (rc < 0)
            return -1;
        if (cursor_fill_add(f, &obj, 0))
            break;
    }
    f->ok->done = c->next_pending >= c->n_pending;
    return 0;
}

/* The next page of the audit trail: records read in pages by id, bounded
 * as the repository's instances are. */
static int
cursor_fill_audit(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;
    struct audit *audit = server_loop_audit(f->ctx->conn->owner);
    unsigned scanned = 0;
    char why[512];

    while (!c->audit_done && f->ok->objects.objects_len < f->max &&
           f->bytes < CURSOR_PAGE_BYTES && scanned < CURSOR_SCAN_MAX) {
        unsigned want = f->max - f->ok->objects.objects_len;
        int n;

        /* Records the evaluator may turn down: read more than needed. */
        if (c->bound != NULL && want < 1000)
            want = 1000;
        if (want > CURSOR_SCAN_MAX - scanned)
            want = CURSOR_SCAN_MAX - scanned;
        n = audit_page(audit, &c->audit_after, c->audit_upto, want, cursor_audit_row, f,
                       &c->audit_done, why, sizeof(why));
        if (n < 0) {
            if (*f->code == 0 && why[0] != '\0')
                proc_error(f->code, f->reason, WBEM_E_FAILED, "the audit trail cannot be "
                           "read: %s", why);
            return -1;
        }
        scanned += (unsigned)n;
    }
    f->ok->done = c->audit_done;
    return 0;
}

static int
cursor_fill_instances(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;
    struct repo_error err = { "", 0 };
    struct repo_filter filter = { NULL, NULL, 0 };
    unsigned scanned = 0;

    if (c->bound != NULL) {
        filter.where = c->sql.where;
        filter.params = c->sql.params;
        filter.n_params = c->sql.n_params;
    }
    /* Whole instances that SQL alone selects need no decoding. */
    c->page.raw = !c->select.keys_only && !c->select.has_list &&
                  (c->bound == NULL || c->sql.exact);
    while (!c->page.done && f->ok->objects.objects_len < f->max &&
           f->bytes < CURSOR_PAGE_BYTES && scanned < CURSOR_SCAN_MAX) {
        unsigned want = f->max - f->ok->objects.objects_len;
        int n;

        /* Rows the evaluator may turn down: read more than needed. */
        if (c->bound != NULL && !c->sql.exact && want < 1000)
            want = 1000;
        if (want > CURSOR_SCAN_MAX - scanned)
            want = CURSOR_SCAN_MAX - scanned;
        n = repo_instance_page(f->repo, c->nspace, c->class_name, c->deep, &filter, &c->page,
                               want, cursor_fill_instance, f, &err);
        if (n < 0) {
            if (*f->code == 0 && err.message[0] != '\0')
                proc_repo_error(f->code, f->reason, &err);
            return -1;
        }
        scanned += (unsigned)n;
    }
    f->ok->done = c->page.done;
    return 0;
}

/* The next page of a cursor that reads the repository, then providers:
 * the repository's instances first, then the providers'. */
static int
cursor_fill_mixed(struct cursor_fill *f)
{
    struct proc_cursor *c = f->c;

    if (!c->page.done && cursor_fill_instances(f) < 0)
        return -1;
    if (c->page.done && f->ok->objects.objects_len < f->max && f->bytes < CURSOR_PAGE_BYTES)
        return cursor_fill_provided(f);
    f->ok->done = c->page.done && c->next_pending >= c->n_pending;
    return 0;
}

int
proc_cursor_count(struct proc_cursor *c, const struct call_context *ctx, char *why,
                  size_t why_len)
{
    unsigned limit = ctx->session->policy.concurrent_operations, in_progress;

    user_ops_key(ctx->caller, c->ops_key);
    if (!user_ops_begin(c->ops_key, limit, &in_progress)) {
        snprintf(why, why_len, "you have %u operations in progress (open cursors and provider "
                 "calls, over all your connections), the most the limits section's "
                 "concurrentOperations allows in %s: read or close a cursor first", in_progress,
                 c->nspace);
        return -1;
    }
    c->ops_counted = true;
    return 0;
}

/* End OK's page as cut short by limits resultSize.  Returns 0 or -1. */
static int
cursor_truncated(cimrpc_fetch_ok *ok, const struct config_session_policy *policy,
                 const struct proc_cursor *c)
{
    char text[CIMRPC_REASON_MAX];

    snprintf(text, sizeof(text), "the result was cut short after %llu objects: the limits "
             "section's resultSize (set at %s) allows no more in %s; narrow the query",
             (unsigned long long)c->returned, policy->result_size_set_at, c->nspace);
    return (ok->truncated = strdup(text)) != NULL ? 0 : -1;
}

int
proc_cursor_page(const struct call_context *ctx, struct proc_cursor *c, unsigned max,
                 cimrpc_fetch_ok *ok, struct fetch_raw **raw_out, u_int *code, char **reason)
{
    const struct config_session_policy *policy = &ctx->session->policy;
    struct cursor_fill f;
    u_int allowed = 0;
    bool clipped = false;
    int rc = -1;

    *raw_out = NULL;
    *code = 0;
    *reason = NULL;
    if (policy->query_time > 0 &&
        clock_monotonic_ms() - c->opened_ms > (long long)policy->query_time * 1000) {
        (void)proc_error(code, reason, WBEM_E_QUOTA_VIOLATION, "the query ran longer than "
                         "the %u seconds the limits section's queryTime allows in %s; "
                         "narrow it, or read it faster", policy->query_time, c->nspace);
        return -1;
    }
    /* Under resultSize: read one object past what may be sent, to know
     * whether the result was really cut short. */
    if (policy->result_size > 0 && c->returned + max > policy->result_size) {
        allowed = (u_int)(policy->result_size - c->returned);
        max = allowed + 1;
        clipped = true;
    }
    memset(&f, 0, sizeof(f));
    f.ctx = ctx;
    f.repo = proc_repo(ctx);
    f.c = c;
    f.ok = ok;
    f.max = max;
    f.code = code;
    f.reason = reason;
    if (gethostname(f.server, sizeof(f.server) - 1) < 0)
        snprintf(f.server, sizeof(f.server), "localhost");
    if ((ok->objects.objects_val = calloc(max, sizeof(cimrpc_object))) != NULL &&
        (*raw_out = f.raw = calloc(max, sizeof(struct fetch_raw))) != NULL) {
        if (c->audit)
            rc = cursor_fill_audit(&f);
        else if (c->from_dynamic)
            rc = c->provided ? cursor_fill_provided(&f) : -1;
        else if (c->n_dynamic > 0)
            rc = c->provided ? cursor_fill_mixed(&f) : -1;
        else if (c->objects != NULL || (c->kind == CIMRPC_CURSOR_QUERY && c->bound == NULL))
            rc = cursor_fill_objects(&f);
        else if (c->kind == CIMRPC_CURSOR_CLASSES)
            rc = cursor_fill_classes(&f);
        else
            rc = cursor_fill_instances(&f);
    }
    if (rc == 0) {
        if (clipped && ok->objects.objects_len > allowed) {
            /* Drop the look-ahead: the result goes on past the limit. */
            while (ok->objects.objects_len > allowed) {
                u_int last = --ok->objects.objects_len;

                xdr_free((xdrproc_t)xdr_cimrpc_object, (char *)&ok->objects.objects_val[last]);
                free(f.raw[last].bytes);
                f.raw[last].bytes = NULL;
            }
            c->returned += ok->objects.objects_len;
            ok->done = TRUE;
            return cursor_truncated(ok, policy, c);
        }
        c->returned += ok->objects.objects_len;
        return (ok->truncated = strdup("")) != NULL ? 0 : -1;
    }
    fetch_reply_free_raw(ok, raw_out);
    xdr_free((xdrproc_t)xdr_cimrpc_fetch_ok, (char *)ok);
    memset(ok, 0, sizeof(*ok));
    return -1;
}

size_t
proc_cursor_providers(const struct proc_cursor *c, const char **providers, const char **classes,
                      bool *keys_only_out)
{
    if (c->provided)
        return 0;
    for (size_t i = 0; i < c->n_dynamic; i++) {
        providers[i] = c->dynamic[i].provider;
        classes[i] = c->dynamic[i].cls->name;
    }
    /* Keys alone do for ENUMERATE only when no WHERE needs more. */
    *keys_only_out = c->bound == NULL && c->select.keys_only;
    return c->n_dynamic;
}

int
proc_cursor_provided(struct proc_cursor *c, cim_instance **objects, size_t *n, u_int *code,
                     char **reason)
{
    char why[CIMRPC_REASON_MAX - 256];
    cim_instance *grown;

    for (size_t i = 0; i < *n; i++) {
        const struct cursor_dynamic *d = cursor_dynamic_find(c, (*objects)[i].class_name ?
                                                                (*objects)[i].class_name : "");
        const cim_class *asked = d != NULL ? d->cls : c->dynamic[0].cls;

        if (d == NULL || provider_check_instance(asked, &(*objects)[i], why, sizeof(why)) < 0) {
            if (d == NULL)
                snprintf(why, sizeof(why), "it returned an instance of %.200s, a class it was "
                         "not asked about", (*objects)[i].class_name ? (*objects)[i].class_name
                                                                     : "no class");
            proc_error(code, reason, WBEM_E_PROVIDER_FAILURE, "a provider broke its contract: "
                       "%s", why);
            return -1;
        }
    }
    c->provided = true;
    if (*n == 0)
        return 0;
    grown = realloc(c->pending, (c->n_pending + *n) * sizeof(*grown));
    if (grown == NULL)
        return -1;
    c->pending = grown;
    memcpy(c->pending + c->n_pending, *objects, *n * sizeof(**objects));
    c->n_pending += *n;
    free(*objects);                     /* the instances moved */
    *objects = NULL;
    *n = 0;
    return 0;
}
