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
#include <string.h>

#include "cli.h"
#include "common/cim_names.h"
#include "objrec.h"

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

    if (req == NULL) {
        fprintf(stderr, "cimrpc: classes: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_SHALLOW: req->shallow = true; break;
        case OPT_NAMES_ONLY: req->names_only = true; break;
        case 'h': status = classes_usage(stdout, CLI_EXIT_OK); goto fail;
        default: status = cli_bad_option("classes", c, argv); goto fail;
        }
    }
    if (optind + 1 < argc) {
        status = cli_usage("classes: unexpected argument '%s'; classes takes at most one "
                           "superclass", argv[optind + 1]);
        goto fail;
    }
    if (optind < argc) {
        if (!cim_names_element_valid(argv[optind])) {
            status = cli_usage("classes: '%s' is not a class name (a letter or '_', then "
                               "letters, digits and '_')", argv[optind]);
            goto fail;
        }
        if ((req->superclass = strdup(argv[optind])) == NULL) {
            fprintf(stderr, "cimrpc: classes: out of memory\n");
            status = CLI_EXIT_FAILURE;
            goto fail;
        }
    }
    *req_out = req;
    return CLI_RUN;
fail:
    classes_free(req);
    return status;
}

int
classes_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct classes_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (cimrpc_enumerate_classes(conn, req->superclass, !req->shallow, req->names_only,
                                 &cursor, &err) < 0) {
        status = cli_report(ctx, "classes", err);
        goto out;
    }
    status = objrec_drain(ctx, "classes", cursor,
                          req->names_only ? OBJREC_NAMES : OBJREC_SUMMARY, NULL);
out:
    cimrpc_cursor_close(cursor);
    cli_disconnect(ctx, conn);
    return status;
}
