/*
 * cmd_classes.c: `cimrpc classes [SUPERCLASS] [--shallow] [--names-only]`:
 * the classes of the namespace (all of them, or those derived from
 * SUPERCLASS; with --shallow only the root classes or SUPERCLASS's direct
 * subclasses), printed as they arrive.  -o mof prints their definitions.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "cursor_out.h"

struct classes_req {
    char *superclass;           /* NULL: from the roots */
    bool shallow;
    bool names_only;
};

static int
classes_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] classes [SUPERCLASS] [--shallow] "
                 "[--names-only]\n"
                 "Print the classes of the namespace, or those derived from SUPERCLASS.\n"
                 "      --shallow      only the root classes, or SUPERCLASS's direct subclasses\n"
                 "      --names-only   only each class's name and superclass (faster)\n");
    return status;
}

void
classes_free(cli_req *creq)
{
    struct classes_req *req = creq;

    if (req == NULL)
        return;
    free(req->superclass);
    free(req);
}

int
classes_parse(int argc, char **argv, cli_req **req_out)
{
    enum { OPT_SHALLOW = 256, OPT_NAMES_ONLY };
    static const struct option options[] = {
        { "shallow", no_argument, NULL, OPT_SHALLOW },
        { "names-only", no_argument, NULL, OPT_NAMES_ONLY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct classes_req *req = calloc(1, sizeof(*req));
    int c, status;

    if (req == NULL)
        return args_no_memory("classes");
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_SHALLOW: req->shallow = true; break;
        case OPT_NAMES_ONLY: req->names_only = true; break;
        default: status = args_option_other("classes", c, argv, classes_usage); goto fail;
        }
    }
    if ((status = args_one("classes", argc - optind, argv + optind, NULL,
                           "; classes takes at most one superclass")) != 0 ||
        (optind < argc &&
         (status = args_name("classes", "class", argv[optind], NULL, &req->superclass)) != 0))
        goto fail;
    *req_out = req;
    return CLI_RUN;
fail:
    classes_free(req);
    return status;
}

int
classes_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct classes_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_error *err = NULL;

    if (cimrpc_enumerate_classes(conn, req->superclass, !req->shallow, req->names_only,
                                 &cursor, &err) < 0)
        return cli_report(ctx, "classes", err);
    return cursor_out_print(ctx, "classes", cursor, 0,
                            req->names_only ? OBJREC_NAMES : OBJREC_SUMMARY, NULL);
}
