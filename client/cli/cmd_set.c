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

#include "args.h"
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
                 ASSIGN_HELP("property"));
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
    struct set_req *req;
    int status;

    /* In order: values may start with '-' (Temp=-5 does not, but -5 alone would). */
    if ((status = args_options_none("set", argc, argv, true, set_usage)) != CLI_RUN)
        return status;
    if (optind >= argc)
        return cli_usage("set: which instance? write: set 'Class.Key=\"value\"' NAME=VALUE...");
    if ((status = propsel_check_path("set", argv[optind], true)) != 0)
        return status;
    if (optind + 1 >= argc)
        return cli_usage("set: nothing to change: give NAME=VALUE after the path");
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("set");
    if ((status = args_copy("set", argv[optind], &req->path)) != 0 ||
        (status = assign_parse(&req->assigns, "set", argc - optind - 1, argv + optind + 1)) != 0) {
        set_free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

int
set_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct set_req *req = creq;
    cimrpc_instance *inst = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_error *err = NULL;
    int status;

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
    return status;
}
