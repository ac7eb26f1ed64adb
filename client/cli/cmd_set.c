/*
 * cmd_set.c: `cimrpc set PATH NAME=VALUE...`: change properties of an
 * instance.  The instance is read, the values are made in the types the
 * class declares, and the whole instance is written back in update mode
 * (so it must exist, and the properties not named keep their values).
 * Keys cannot be changed: they are the instance's identity.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "cli.h"
#include "propsel.h"

struct set_req {
    char *path;
    struct assign_list assigns;
};

static int
set_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] set PATH NAME=VALUE...\n"
                 "Change properties of the instance at PATH; the others keep their values.\n"
                 "VALUE: text as the property's type reads it, NULL for null, {a,b} or a\n"
                 "repeated NAME=VALUE for arrays, \\TEXT for TEXT exactly (see cimrpc --help).\n");
    return status;
}

void
set_free(cli_req *creq)
{
    struct set_req *req = creq;

    if (req == NULL)
        return;
    free(req->path);
    assign_list_clear(&req->assigns);
    free(req);
}

int
set_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option options[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct set_req *req;
    int c, status;

    opterr = 0;
    /* '+': values may start with '-' (Temp=-5 does not, but -5 alone would). */
    while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        if (c == 'h')
            return set_usage(stdout, CLI_EXIT_OK);
        return cli_bad_option("set", c, argv);
    }
    if (optind >= argc)
        return cli_usage("set: which instance? write: set 'Class.Key=\"value\"' NAME=VALUE...");
    if ((status = propsel_check_path("set", argv[optind], true)) != 0)
        return status;
    if (optind + 1 >= argc)
        return cli_usage("set: nothing to change: give NAME=VALUE after the path");
    if ((req = calloc(1, sizeof(*req))) == NULL || (req->path = strdup(argv[optind])) == NULL) {
        free(req);
        fprintf(stderr, "cimrpc: set: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    status = assign_parse(&req->assigns, "set", argc - optind - 1, argv + optind + 1);
    if (status != 0) {
        set_free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

int
set_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct set_req *req = creq;
    cimrpc_instance *inst = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (cimrpc_instance_get(conn, req->path, NULL, &inst, &err) < 0 ||
        cimrpc_class_get(conn, cimrpc_instance_class_name(inst), &cls, &err) < 0) {
        status = cli_report(ctx, "set", err);
        goto out;
    }
    for (size_t i = 0; i < req->assigns.n; i++) {
        const struct assign *a = &req->assigns.items[i];
        cimrpc_value *v = NULL;
        char *why = NULL;
        size_t index;

        if ((status = assign_property(a, cls, &index, &v, &why)) != 0) {
            cli_fail(ctx, status, "set: %s", why ? why : "out of memory");
            free(why);
            goto out;
        }
        if (cimrpc_class_property_is_key(cls, index)) {
            cimrpc_value_free(v);
            status = cli_fail(ctx, CLI_EXIT_USAGE, "set: %s is a key of %s, so it names the "
                              "instance and cannot be changed: create the instance with the "
                              "new key and delete this one", cimrpc_class_property_name(cls, index),
                              cimrpc_class_name(cls));
            goto out;
        }
        if (cimrpc_instance_set_property(inst, cimrpc_class_property_name(cls, index), v,
                                         &err) < 0) {
            status = cli_report(ctx, "set", err);
            goto out;
        }
    }
    if (cimrpc_instance_put(conn, inst, CIMRPC_WRITE_UPDATE, NULL, &err) < 0) {
        status = cli_report(ctx, "set", err);
        goto out;
    }
    status = CLI_EXIT_OK;
out:
    cimrpc_class_free(cls);
    cimrpc_instance_free(inst);
    cli_disconnect(ctx, conn);
    return status;
}
