/*
 * cmd_delete.c: `cimrpc delete PATH` deletes the instance at PATH;
 * `cimrpc delete --class CLASS` deletes a class with its subclasses and
 * all their instances (asked for explicitly, since a path without keys
 * is more often a mistake than a wish to delete a class).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "common/cim_names.h"
#include "propsel.h"

struct delete_req {
    char *target;
    bool is_class;
};

static int
delete_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] delete PATH\n"
                 "       cimrpc [GLOBAL OPTIONS] delete --class CLASS\n"
                 "Delete the instance at PATH (Class.Key=\"value\").\n"
                 "      --class   delete class CLASS, its subclasses and all their instances\n");
    return status;
}

void
delete_free(cli_req *creq)
{
    struct delete_req *req = creq;

    if (req == NULL)
        return;
    free(req->target);
    free(req);
}

int
delete_parse(int argc, char **argv, cli_req **req_out)
{
    enum { OPT_CLASS = 256 };
    static const struct option options[] = {
        { "class", no_argument, NULL, OPT_CLASS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct delete_req *req;
    bool is_class = false;
    int c, status;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_CLASS: is_class = true; break;
        default: return args_option_other("delete", c, argv, delete_usage);
        }
    }
    if ((status = args_one("delete", argc - optind, argv + optind,
                           "what? write: delete 'Class.Key=\"value\"'",
                           "; delete takes one path (quote a path that holds spaces)")) != 0)
        return status;
    if (is_class) {
        if (!cim_names_element_valid(argv[optind]))
            return cli_usage("delete: --class takes a class name, not '%s'", argv[optind]);
    } else if (propsel_path_is_class(argv[optind])) {
        return cli_usage("delete: '%s' names a class, not an instance: give the instance's "
                         "keys (%s.Key=\"value\"), or write delete --class %s to delete the "
                         "class with its subclasses and all their instances", argv[optind],
                         argv[optind], argv[optind]);
    } else if ((status = propsel_check_path("delete", argv[optind], true)) != 0) {
        return status;
    }
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("delete");
    if ((status = args_copy("delete", argv[optind], &req->target)) != 0) {
        free(req);
        return status;
    }
    req->is_class = is_class;
    *req_out = req;
    return CLI_RUN;
}

int
delete_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct delete_req *req = creq;
    cimrpc_error *err = NULL;
    int rc;

    if (req->is_class)
        rc = cimrpc_class_delete(conn, req->target, &err);
    else
        rc = cimrpc_instance_delete(conn, req->target, &err);
    return rc < 0 ? cli_report(ctx, "delete", err) : CLI_EXIT_OK;
}
