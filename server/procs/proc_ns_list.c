/*
 * proc_ns_list.c: NS_LIST names the namespaces below one, children only
 * or (recursive) all, as full paths in name order.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/wbem.h"
#include "dispatch_procs.h"
#include "procs/proc_util.h"
#include "repository/repo_namespace.h"

struct ns_list {
    struct repo *repo;
    char **names;
    size_t n, cap;
    bool recursive;
    bool failed;            /* out of memory, or too many */
    struct repo_error err;
};

static int
ns_list_add(const char *path, void *arg)
{
    struct ns_list *l = arg;

    if (l->n >= CIMRPC_NAMESPACES_MAX) {
        l->failed = true;
        snprintf(l->err.message, sizeof(l->err.message), "more than %d namespaces; list a "
                 "narrower part of the tree", CIMRPC_NAMESPACES_MAX);
        l->err.code = WBEM_E_FAILED;
        return 1;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **grown = realloc(l->names, cap * sizeof(*grown));

        if (grown == NULL) {
            l->failed = true;
            return 1;
        }
        l->names = grown;
        l->cap = cap;
    }
    if ((l->names[l->n] = strdup(path)) == NULL) {
        l->failed = true;
        return 1;
    }
    l->n++;
    if (l->recursive &&
        repo_namespace_children(l->repo, path, ns_list_add, l, &l->err) < 0 && !l->failed)
        l->failed = true;
    return l->failed ? 1 : 0;
}

int
proc_ns_list(struct call_context *ctx, cimrpc_ns_list_args *args, cimrpc_ns_list_res *res)
{
    struct ns_list l = { .repo = proc_repo(ctx), .recursive = args->recursive };
    char *parent = NULL;
    int64_t id;
    int rc = 0;

    if (proc_namespace(ctx, args->parent, &parent, &res->code,
                       &res->cimrpc_ns_list_res_u.reason) < 0)
        return res->code != 0 ? 0 : -1;
    if (repo_namespace_require(l.repo, parent, &id, &l.err) < 0 ||
        repo_namespace_children(l.repo, parent, ns_list_add, &l, &l.err) < 0 || l.failed) {
        rc = l.err.message[0] != '\0'
                 ? proc_repo_error(&res->code, &res->cimrpc_ns_list_res_u.reason, &l.err) : -1;
        for (size_t i = 0; i < l.n; i++)
            free(l.names[i]);
        free(l.names);
    } else {
        res->code = 0;
        res->cimrpc_ns_list_res_u.names.names_val = l.names;
        res->cimrpc_ns_list_res_u.names.names_len = (u_int)l.n;
    }
    free(parent);
    return rc;
}
