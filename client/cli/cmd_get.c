/*
 * cmd_get.c: `cimrpc get PATH [-p PROP,...]`: read one instance by its
 * path, with the properties chosen (all by default), or one class when
 * PATH has no keys (its properties and methods, or its MOF with -o mof).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "objrec.h"
#include "propsel.h"

struct get_req {
    char *path;
    bool is_class;
    struct propsel sel;
};

static int
get_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] get PATH [-p PROP,...]\n"
                 "Read the instance at PATH (Class.Key=\"value\", Class=@ for a singleton),\n"
                 "or the class PATH names when it has no keys.\n"
                 "  -p, --properties PROP,...  only these properties (repeatable)\n");
    return status;
}

void
get_free(cli_req *creq)
{
    struct get_req *req = creq;

    if (req == NULL)
        return;
    free(req->path);
    propsel_clear(&req->sel);
    free(req);
}

int
get_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option options[] = {
        { "properties", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct get_req *req = calloc(1, sizeof(*req));
    int c, status;

    if (req == NULL)
        return args_no_memory("get");
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:h", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            if ((status = propsel_parse(&req->sel, "get", "-p", optarg)) != 0)
                goto fail;
            break;
        default: status = args_option_other("get", c, argv, get_usage); goto fail;
        }
    }
    if ((status = args_one("get", argc - optind, argv + optind,
                           "which object? give its path: get 'Class.Key=\"value\"'",
                           " after the path (quote a path that holds spaces)")) != 0)
        goto fail;
    req->is_class = propsel_path_is_class(argv[optind]);
    if (req->is_class && propsel_any(&req->sel)) {
        status = cli_usage("get: '%s' names a class: -p chooses properties of an instance; "
                           "give the instance's keys", argv[optind]);
        goto fail;
    }
    if (!req->is_class && (status = propsel_check_path("get", argv[optind], true)) != 0)
        goto fail;
    if ((status = args_copy("get", argv[optind], &req->path)) != 0)
        goto fail;
    *req_out = req;
    return CLI_RUN;
fail:
    get_free(req);
    return status;
}

int
get_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct get_req *req = creq;
    bool mof = ctx->g->format == OUTPUT_MOF;
    cimrpc_instance *inst = NULL;
    cimrpc_select *sel = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_error *err = NULL;
    int status;

    if (req->is_class) {
        if (cimrpc_class_get(conn, req->path, &cls, &err) < 0)
            return cli_report(ctx, "get", err);
        status = cli_print_record(ctx, objrec_class(cls, OBJREC_FULL, mof));
        cimrpc_class_free(cls);
        return status;
    }
    if (propsel_build(&req->sel, &sel, &err) < 0 ||
        cimrpc_instance_get(conn, req->path, sel, &inst, &err) < 0)
        status = cli_report(ctx, "get", err);
    else
        status = cli_print_record(ctx, propsel_filter(&req->sel, objrec_instance(inst, mof)));
    cimrpc_instance_free(inst);
    cimrpc_select_free(sel);
    return status;
}
