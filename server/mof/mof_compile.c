/*
 * mof_compile.c: the compile step's driver: one transaction around the
 * whole document, the declarations in order, the pragmas, and the first
 * error with its position.
 *
 * The target namespace starts as the caller's (root/cimv2 by default);
 * "#pragma namespace" changes it until the end of the file that says it
 * (an include gets its includer's namespace and cannot change it for the
 * includer).  A namespace named without "root" is relative to the
 * current one, as in WMI; "\\.\root\x" and "//./root/x" name this host.
 */
#include <config.h>

#include <search.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "mof/mof_compile_internal.h"
#include "mof/mof_parser.h"
#include "repository/repo_class.h"
#include "repository/repo_namespace.h"

#define MOF_COMPILE_DEFAULT_NAMESPACE "root/cimv2"

int
mof_compile_fail(struct mof_compile_ctx *ctx, const struct mof_pos *pos, enum mof_error_code code,
                 const char *fmt, ...)
{
    va_list ap;

    if (ctx->error != NULL)
        return -1;
    va_start(ap, fmt);
    ctx->error = mof_ast_error_newv(code, pos, fmt, ap);
    va_end(ap);
    return -1;
}

int
mof_compile_nomem(struct mof_compile_ctx *ctx)
{
    if (ctx->error == NULL)
        ctx->error = mof_ast_error_new(MOF_ERR_NOMEM, NULL, "out of memory");
    return -1;
}

const char *
mof_compile_where(const struct mof_pos *pos, char *buf, size_t buf_len)
{
    snprintf(buf, buf_len, "%s:%u", pos->file != NULL ? pos->file : "<input>", pos->line);
    return buf;
}

/* The namespace a "#pragma namespace" argument names, as a path of this
 * host, or NULL with ERR (a message) set. */
static char *
mof_compile_namespace_arg(struct mof_compile_ctx *ctx, const char *arg, char *why, size_t why_len)
{
    const char *s = arg;
    char *path, *c;

    if ((s[0] == '\\' && s[1] == '\\') || (s[0] == '/' && s[1] == '/')) {
        const char *host = s + 2;
        size_t len = strcspn(host, "\\/");

        if (!((len == 1 && host[0] == '.') || (len == 9 && strncasecmp(host, "localhost", 9) == 0))) {
            snprintf(why, why_len, "a MOF file can only name a namespace on this server "
                     "(\\\\.\\root\\...), not on %.*s", (int)len, host);
            return NULL;
        }
        s = host + len + (host[len] != '\0');
    }
    if (strncasecmp(s, "root", 4) == 0 && (s[4] == '\0' || s[4] == '/' || s[4] == '\\'))
        path = strdup(s);
    else if (asprintf(&path, "%s/%s", ctx->nspace, s) < 0)
        path = NULL;
    if (path == NULL) {
        snprintf(why, why_len, "out of memory");
        return NULL;
    }
    for (c = path; *c != '\0'; c++)
        if (*c == '\\')
            *c = '/';
    if (!cim_names_namespace_valid(path, why, why_len)) {
        free(path);
        return NULL;
    }
    return path;
}

static int
mof_compile_pragma_namespace(struct mof_compile_ctx *ctx, const struct mof_pragma *p)
{
    struct repo_error rerr;
    char why[300], *path;
    int64_t id;
    int found;

    path = mof_compile_namespace_arg(ctx, p->args[0], why, sizeof(why));
    if (path == NULL)
        return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                                "#pragma namespace(\"%s\"): %s", p->args[0], why);
    found = repo_namespace_find(ctx->repo, path, &id, &rerr);
    if (found <= 0) {
        if (found < 0)
            mof_compile_fail(ctx, &p->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
        else
            mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                             "namespace %s does not exist; create it first (in its parent: "
                             "instance of __NAMESPACE { Name = \"...\"; };)", path);
        free(path);
        return -1;
    }
    if (ctx->opts->namespace_allowed != NULL &&
        ctx->opts->namespace_allowed(path, ctx->opts->namespace_allowed_arg, why,
                                     sizeof(why)) < 0) {
        mof_compile_fail(ctx, &p->pos, MOF_ERR_ACCESS, "#pragma namespace(\"%s\"): %s",
                         p->args[0], why);
        free(path);
        return -1;
    }
    free(ctx->nspace);
    ctx->nspace = path;
    return 0;
}

/* "#pragma classflags(...)" / "instanceflags(...)": how existing
 * classes or instances are treated from here on. */
static int
mof_compile_pragma_flags(struct mof_compile_ctx *ctx, const struct mof_pragma *p,
                         enum repo_put_mode *mode)
{
    enum repo_put_mode m = REPO_PUT_CREATE_OR_UPDATE;
    size_t i;

    for (i = 0; i < p->n_args; i++) {
        const char *a = p->args[i];

        if (strcasecmp(a, "createonly") == 0 || strcmp(a, "2") == 0)
            m = REPO_PUT_CREATE;
        else if (strcasecmp(a, "updateonly") == 0 || strcmp(a, "1") == 0)
            m = REPO_PUT_UPDATE;
        else if (strcasecmp(a, "forceupdate") == 0 || strcasecmp(a, "safeupdate") == 0 ||
                 strcmp(a, "0") == 0)
            ;   /* create or update: the default */
        else
            return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                                    "#pragma %s does not know \"%s\"; use createonly, updateonly, "
                                    "forceupdate or safeupdate", p->name, a);
    }
    *mode = m;
    return 0;
}

/* "#pragma deleteclass("Name", FAIL|NOFAIL)". */
static int
mof_compile_pragma_deleteclass(struct mof_compile_ctx *ctx, const struct mof_pragma *p)
{
    struct repo_error rerr;
    const cim_class *cls;
    bool nofail = false;
    int found;

    if (p->n_args < 1 || p->n_args > 2 ||
        (p->n_args == 2 && strcasecmp(p->args[1], "FAIL") != 0 &&
         !(nofail = strcasecmp(p->args[1], "NOFAIL") == 0)))
        return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                                "write #pragma deleteclass(\"ClassName\", FAIL) or "
                                "(\"ClassName\", NOFAIL)");
    found = mof_compile_class_lookup(ctx, p->args[0], &cls);
    if (found < 0)
        return -1;
    if (found == 0) {
        if (nofail)
            return 0;
        return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                                "#pragma deleteclass: class %s does not exist in namespace %s "
                                "(use NOFAIL to allow that)", p->args[0], ctx->nspace);
    }
    if (repo_class_delete(ctx->repo, ctx->nspace, p->args[0], &rerr) < 0)
        return mof_compile_fail(ctx, &p->pos, MOF_ERR_REPOSITORY, "%s", rerr.message);
    mof_compile_class_cache_clear(ctx);
    ctx->stats.deleted_classes++;
    return 0;
}

static int
mof_compile_pragma(struct mof_compile_ctx *ctx, const struct mof_pragma *p, char ***stack,
                   size_t *depth)
{
    switch (p->kind) {
    case MOF_PRAGMA_INCLUDE: {
        char **grown;

        if (p->include_path == NULL)
            return 0;       /* recorded, not read: nothing follows */
        grown = realloc(*stack, (*depth + 1) * sizeof(char *));
        if (grown == NULL)
            return mof_compile_nomem(ctx);
        *stack = grown;
        if ((grown[*depth] = strdup(ctx->nspace)) == NULL)
            return mof_compile_nomem(ctx);
        (*depth)++;
        return 0;
    }
    case MOF_PRAGMA_NAMESPACE:
        return mof_compile_pragma_namespace(ctx, p);
    case MOF_PRAGMA_LOCALE:
    case MOF_PRAGMA_INSTANCELOCALE:
        return 0;           /* qualifier values are stored as written */
    case MOF_PRAGMA_NONLOCAL:
    case MOF_PRAGMA_NONLOCALTYPE:
    case MOF_PRAGMA_SOURCE:
    case MOF_PRAGMA_SOURCETYPE:
        return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                                "#pragma %s (instances on other servers) is not supported", p->name);
    case MOF_PRAGMA_OTHER:
        break;
    }
    if (strcasecmp(p->name, "classflags") == 0)
        return mof_compile_pragma_flags(ctx, p, &ctx->class_mode);
    if (strcasecmp(p->name, "instanceflags") == 0)
        return mof_compile_pragma_flags(ctx, p, &ctx->instance_mode);
    if (strcasecmp(p->name, "deleteclass") == 0)
        return mof_compile_pragma_deleteclass(ctx, p);
    if (strcasecmp(p->name, "autorecover") == 0)
        return 0;           /* the repository is built from MOF already */
    return mof_compile_fail(ctx, &p->pos, MOF_ERR_SEMANTIC,
                            "unknown #pragma %s; cimrpc understands include, namespace, locale, "
                            "instancelocale, classflags, instanceflags, deleteclass and "
                            "autorecover", p->name);
}

static int
mof_compile_decls(struct mof_compile_ctx *ctx, const struct mof_document *doc)
{
    char **stack = NULL;
    size_t depth = 0, i;
    int rc = 0;

    for (i = 0; i < doc->n_decls && rc == 0; i++) {
        const struct mof_decl *d = doc->decls[i];

        switch (d->kind) {
        case MOF_DECL_PRAGMA:
            rc = mof_compile_pragma(ctx, d->u.pragma, &stack, &depth);
            break;
        case MOF_DECL_QUALIFIER:
            rc = mof_compile_qualifier_decl(ctx, d->u.qualifier);
            break;
        case MOF_DECL_CLASS:
            rc = mof_compile_class(ctx, d->u.klass);
            break;
        case MOF_DECL_INSTANCE:
            rc = mof_compile_instance(ctx, d->u.instance);
            break;
        case MOF_DECL_INCLUDE_END:
            if (depth > 0) {
                free(ctx->nspace);
                ctx->nspace = stack[--depth];
            }
            break;
        }
    }
    while (depth > 0)
        free(stack[--depth]);
    free(stack);
    return rc;
}

int
mof_compile(struct repo *repo, const struct mof_document *doc,
            const struct mof_compile_options *opts, struct mof_compile_stats *stats,
            struct mof_error **err_out)
{
    static const struct mof_compile_options defaults = { 0 };
    struct mof_compile_ctx ctx;
    struct repo_error rerr;
    bool began = false;
    char why[300];
    int64_t id;
    int rc = -1, found;

    *err_out = NULL;
    memset(&ctx, 0, sizeof(ctx));
    ctx.repo = repo;
    ctx.opts = opts != NULL ? opts : &defaults;
    ctx.class_mode = REPO_PUT_CREATE_OR_UPDATE;
    ctx.instance_mode = REPO_PUT_CREATE_OR_UPDATE;
    ctx.nspace = strdup(ctx.opts->nspace != NULL ? ctx.opts->nspace
                                                 : MOF_COMPILE_DEFAULT_NAMESPACE);
    if (ctx.nspace == NULL) {
        mof_compile_nomem(&ctx);
        goto cleanup;
    }
    if (!ctx.opts->in_transaction) {
        if (repo_begin(repo, &rerr) < 0) {
            mof_compile_fail(&ctx, NULL, MOF_ERR_REPOSITORY, "%s", rerr.message);
            goto cleanup;
        }
        began = true;
    }
    found = repo_namespace_find(repo, ctx.nspace, &id, &rerr);
    if (found <= 0) {
        if (found < 0)
            mof_compile_fail(&ctx, NULL, MOF_ERR_REPOSITORY, "%s", rerr.message);
        else
            mof_compile_fail(&ctx, NULL, MOF_ERR_SEMANTIC,
                             "namespace %s does not exist; create it first", ctx.nspace);
        goto cleanup;
    }
    if (ctx.opts->namespace_allowed != NULL &&
        ctx.opts->namespace_allowed(ctx.nspace, ctx.opts->namespace_allowed_arg, why,
                                    sizeof(why)) < 0) {
        mof_compile_fail(&ctx, NULL, MOF_ERR_ACCESS, "%s", why);
        goto cleanup;
    }
    if (mof_compile_instance_aliases(&ctx, doc) < 0 || mof_compile_decls(&ctx, doc) < 0)
        goto cleanup;
    if (began) {
        if (repo_commit(repo, &rerr) < 0) {
            mof_compile_fail(&ctx, NULL, MOF_ERR_REPOSITORY, "%s", rerr.message);
            goto cleanup;
        }
        began = false;
    }
    rc = 0;

cleanup:
    if (began)
        repo_rollback(repo);
    if (rc < 0 && ctx.error == NULL)
        mof_compile_nomem(&ctx);
    if (stats != NULL)
        *stats = ctx.stats;
    mof_compile_instance_cleanup(&ctx);
    mof_compile_class_cleanup(&ctx);
    free(ctx.nspace);
    *err_out = ctx.error;
    return rc;
}
