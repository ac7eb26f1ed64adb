/*
 * cmd_invoke.c: `cimrpc invoke PATH METHOD [NAME=VALUE...]`: run a method
 * of the instance at PATH, or of the class PATH names (a static method).
 * The class definition says each parameter's type, so values are written
 * as text (see assign.h); the return value and output parameters are
 * printed as one record, ReturnValue first, as WMI's __PARAMETERS.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "assign.h"
#include "cli.h"
#include "objrec.h"
#include "propsel.h"

struct invoke_req {
    char *path;
    char *method;
    struct assign_list assigns;
};

static int
invoke_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] invoke PATH METHOD [NAME=VALUE...]\n"
                 "Run METHOD of the instance at PATH (Class.Key=\"value\"), or of the class\n"
                 "PATH names (a static method), with the input parameters given.\n"
                 ASSIGN_HELP("parameter"));
    return status;
}

void
invoke_free(cli_req *creq)
{
    struct invoke_req *req = creq;

    if (req == NULL)
        return;
    free(req->path);
    free(req->method);
    assign_list_clear(&req->assigns);
    free(req);
}

int
invoke_parse(int argc, char **argv, cli_req **req_out)
{
    struct invoke_req *req;
    int status;

    /* In order: values may start with '-'. */
    if ((status = args_options_none("invoke", argc, argv, true, invoke_usage)) != CLI_RUN)
        return status;
    if (optind + 2 > argc)
        return cli_usage("invoke: write: invoke PATH METHOD [NAME=VALUE...], such as "
                         "invoke 'Class.Key=\"v\"' Reset");
    if ((status = propsel_check_path("invoke", argv[optind], false)) != 0)
        return status;
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("invoke");
    if ((status = args_name("invoke", "method", argv[optind + 1],
                            "invoke PATH METHOD [NAME=VALUE...]", &req->method)) != 0 ||
        (status = args_copy("invoke", argv[optind], &req->path)) != 0 ||
        (status = assign_parse(&req->assigns, "invoke", argc - optind - 2,
                               argv + optind + 2)) != 0) {
        invoke_free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

/* The index of method NAME in CLS, or -1. */
static long
invoke_method_index(const cimrpc_class *cls, const char *name)
{
    for (size_t m = 0; m < cimrpc_class_method_count(cls); m++)
        if (strcasecmp(cimrpc_class_method_name(cls, m), name) == 0)
            return (long)m;
    return -1;
}

/* The index of parameter NAME of method M, or -1. */
static long
invoke_param_index(const cimrpc_class *cls, size_t m, const char *name)
{
    for (size_t p = 0; p < cimrpc_class_param_count(cls, m); p++)
        if (strcasecmp(cimrpc_class_param_name(cls, m, p), name) == 0)
            return (long)p;
    return -1;
}

/* "A, B" from the names of CLS's methods, or of the input parameters of
 * method M when M >= 0 (the caller's; NULL on ENOMEM). */
static char *
invoke_names(const cimrpc_class *cls, long m)
{
    size_t n = m < 0 ? cimrpc_class_method_count(cls) : cimrpc_class_param_count(cls, (size_t)m);
    size_t len = 1;
    char *text;

    for (size_t i = 0; i < n; i++)
        len += strlen(m < 0 ? cimrpc_class_method_name(cls, i)
                            : cimrpc_class_param_name(cls, (size_t)m, i)) + 2;
    if ((text = malloc(len)) == NULL)
        return NULL;
    text[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (m >= 0 && !(cimrpc_class_param_direction(cls, (size_t)m, i) & CIMRPC_PARAM_IN))
            continue;
        if (text[0] != '\0')
            strcat(text, ", ");
        strcat(text, m < 0 ? cimrpc_class_method_name(cls, i)
                           : cimrpc_class_param_name(cls, (size_t)m, i));
    }
    return text;
}

/* Make the input parameters of method M of CLS from REQ's assignments.
 * Returns 0 with *params_out (the caller's), or the exit status after
 * reporting. */
static int
invoke_params(struct cli_ctx *ctx, const struct invoke_req *req, const cimrpc_class *cls,
              size_t m, cimrpc_params **params_out)
{
    cimrpc_params *params = cimrpc_params_new();
    cimrpc_error *err = NULL;
    int status = CLI_EXIT_OK;

    if (params == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "invoke: out of memory");
    for (size_t i = 0; i < req->assigns.n && status == CLI_EXIT_OK; i++) {
        const struct assign *a = &req->assigns.items[i];
        long p = invoke_param_index(cls, m, a->name);
        cimrpc_value *v = NULL;
        char *why = NULL, *names;

        if (p < 0 || !(cimrpc_class_param_direction(cls, m, (size_t)p) & CIMRPC_PARAM_IN)) {
            names = invoke_names(cls, (long)m);
            status = cli_fail(ctx, CLI_EXIT_USAGE, "invoke: %s.%s has no input parameter '%s'; "
                              "%s%s", cimrpc_class_name(cls), cimrpc_class_method_name(cls, m),
                              a->name, names && *names ? "its input parameters are " :
                              "it takes none", names && *names ? names : "");
            free(names);
            break;
        }
        status = assign_value(a, cimrpc_class_param_type(cls, m, (size_t)p),
                              cimrpc_class_param_is_array(cls, m, (size_t)p), &v, &why);
        if (status != 0) {
            cli_fail(ctx, status, "invoke: %s", why ? why : "out of memory");
            free(why);
            break;
        }
        if (cimrpc_params_add(params, cimrpc_class_param_name(cls, m, (size_t)p), v, &err) < 0)
            status = cli_report(ctx, "invoke", err);
    }
    if (status != CLI_EXIT_OK) {
        cimrpc_params_free(params);
        return status;
    }
    *params_out = params;
    return CLI_EXIT_OK;
}

/* Print the return value RET (may be NULL) and output parameters OUT. */
static int
invoke_print(struct cli_ctx *ctx, const cimrpc_value *ret, const cimrpc_params *out)
{
    size_t n = out ? cimrpc_params_count(out) : 0;
    struct output_record *rec;

    if (ret == NULL && n == 0)
        return CLI_EXIT_OK;             /* a void method without outputs */
    if ((rec = output_record_new("__PARAMETERS")) == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "invoke: out of memory");
    if (ret != NULL && objrec_add_value(rec, "ReturnValue", ret) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (objrec_add_value(rec, cimrpc_params_name(out, i), cimrpc_params_value(out, i)) < 0)
            goto fail;
    return cli_print_record(ctx, rec);
fail:
    output_record_free(rec);
    return cli_fail(ctx, CLI_EXIT_FAILURE, "invoke: out of memory");
}

int
invoke_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct invoke_req *req = creq;
    cimrpc_params *in = NULL, *out = NULL;
    cimrpc_value *ret = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_error *err = NULL;
    char *class_name = propsel_path_class(req->path), *names;
    long m;
    int status;

    if (class_name == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "invoke: out of memory");
    if (cimrpc_class_get(conn, class_name, &cls, &err) < 0) {
        status = cli_report(ctx, "invoke", err);
        goto out;
    }
    if ((m = invoke_method_index(cls, req->method)) < 0) {
        names = invoke_names(cls, -1);
        status = cli_fail(ctx, CLI_EXIT_USAGE, "invoke: %s has no method '%s'; %s%s",
                          cimrpc_class_name(cls), req->method,
                          names && *names ? "its methods are " : "it has none",
                          names && *names ? names : "");
        free(names);
        goto out;
    }
    if ((status = invoke_params(ctx, req, cls, (size_t)m, &in)) != CLI_EXIT_OK)
        goto out;
    if (cimrpc_exec_method(conn, req->path, cimrpc_class_method_name(cls, (size_t)m), in, &ret,
                           &out, &err) < 0) {
        status = cli_report(ctx, "invoke", err);
        goto out;
    }
    status = invoke_print(ctx, ret, out);
out:
    cimrpc_value_free(ret);
    cimrpc_params_free(out);
    cimrpc_params_free(in);
    cimrpc_class_free(cls);
    free(class_name);
    return status;
}
