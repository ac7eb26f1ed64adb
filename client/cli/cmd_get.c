/*
 * cmd_get.c: `cimrpc get PATH [-p PROP,...]`: read one instance by its
 * path, with the properties chosen (all by default), or one class when
 * PATH has no keys (its properties and methods, or its MOF with -o mof).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

    if (req == NULL) {
        fprintf(stderr, "cimrpc: get: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:h", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            if ((status = propsel_parse(&req->sel, "get", "-p", optarg)) != 0)
                goto fail;
            break;
        case 'h': status = get_usage(stdout, CLI_EXIT_OK); goto fail;
        default: status = cli_bad_option("get", c, argv); goto fail;
        }
    }
    if (optind >= argc) {
        status = cli_usage("get: which object? give its path: get 'Class.Key=\"value\"'");
        goto fail;
    }
    if (optind + 1 < argc) {
        status = cli_usage("get: unexpected argument '%s' after the path (quote a path that "
                           "holds spaces)", argv[optind + 1]);
        goto fail;
    }
    req->is_class = propsel_path_is_class(argv[optind]);
    if (req->is_class && propsel_any(&req->sel)) {
        status = cli_usage("get: '%s' names a class: -p chooses properties of an instance; "
                           "give the instance's keys", argv[optind]);
        goto fail;
    }
    if (!req->is_class && (status = propsel_check_path("get", argv[optind], true)) != 0)
        goto fail;
    if ((req->path = strdup(argv[optind])) == NULL) {
        fprintf(stderr, "cimrpc: get: out of memory\n");
        status = CLI_EXIT_FAILURE;
        goto fail;
    }
    *req_out = req;
    return CLI_RUN;
fail:
    get_free(req);
    return status;
}

int
get_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct get_req *req = creq;
    struct output_record *rec = NULL;
    cimrpc_instance *inst = NULL;
    cimrpc_select *sel = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (req->is_class) {
        if (cimrpc_class_get(conn, req->path, &cls, &err) < 0) {
            status = cli_report(ctx, "get", err);
            goto out;
        }
        status = cli_print_record(ctx, objrec_class(cls, OBJREC_FULL,
                                                    ctx->g->format == OUTPUT_MOF));
        goto out;
    }
    if (propsel_build(&req->sel, &sel, &err) < 0 ||
        cimrpc_instance_get(conn, req->path, sel, &inst, &err) < 0) {
        status = cli_report(ctx, "get", err);
        goto out;
    }
    rec = objrec_instance(inst, ctx->g->format == OUTPUT_MOF);
    if (rec != NULL && propsel_apply(&req->sel, rec) < 0) {
        output_record_free(rec);
        rec = NULL;
    }
    status = cli_print_record(ctx, rec);
out:
    cimrpc_class_free(cls);
    cimrpc_instance_free(inst);
    cimrpc_select_free(sel);
    cli_disconnect(ctx, conn);
    return status;
}
