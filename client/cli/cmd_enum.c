/*
 * cmd_enum.c: `cimrpc enum CLASS [--shallow] [--keys-only]
 * [--properties PROP,...] [--batch N]`: the instances of a class (and of
 * its subclasses unless --shallow), printed as they arrive through a
 * cursor, so memory stays bounded however many there are.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "cursor_out.h"
#include "propsel.h"

struct enum_req {
    char *class_name;
    bool shallow;
    long batch;                 /* 0: the library's default */
    struct propsel sel;
};

static int
enum_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] enum CLASS [--shallow] [--keys-only]\n"
                 "                                   [--properties PROP,...] [--batch N]\n"
                 "Print the instances of CLASS and of its subclasses, as they arrive.\n"
                 "      --shallow              only CLASS's own instances, not its subclasses'\n"
                 "      --keys-only            only the key properties\n"
                 "  -p, --properties PROP,...  only these properties (repeatable)\n"
                 "      --batch N              fetch N instances at a time (1 to %d)\n",
            CIMRPC_FETCH_MAX);
    return status;
}

void
enum_free(cli_req *creq)
{
    struct enum_req *req = creq;

    if (req == NULL)
        return;
    free(req->class_name);
    propsel_clear(&req->sel);
    free(req);
}

int
enum_parse(int argc, char **argv, cli_req **req_out)
{
    enum { OPT_SHALLOW = 256, OPT_KEYS_ONLY, OPT_BATCH };
    static const struct option options[] = {
        { "shallow", no_argument, NULL, OPT_SHALLOW },
        { "keys-only", no_argument, NULL, OPT_KEYS_ONLY },
        { "properties", required_argument, NULL, 'p' },
        { "batch", required_argument, NULL, OPT_BATCH },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct enum_req *req = calloc(1, sizeof(*req));
    int c, status;

    if (req == NULL)
        return args_no_memory("enum");
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:h", options, NULL)) != -1) {
        switch (c) {
        case OPT_SHALLOW: req->shallow = true; break;
        case OPT_KEYS_ONLY: req->sel.keys_only = true; break;
        case 'p':
            if ((status = propsel_parse(&req->sel, "enum", "--properties", optarg)) != 0)
                goto fail;
            break;
        case OPT_BATCH:
            if ((status = cursor_out_parse_batch("enum", optarg, &req->batch)) != 0)
                goto fail;
            break;
        default: status = args_option_other("enum", c, argv, enum_usage); goto fail;
        }
    }
    if (req->sel.keys_only && req->sel.n > 0) {
        status = cli_usage("enum: --keys-only and --properties choose differently: give one");
        goto fail;
    }
    if ((status = args_one("enum", argc - optind, argv + optind, "which class? write: enum CLASS",
                           "; enum takes one class")) != 0 ||
        (status = args_name("enum", "class", argv[optind], NULL, &req->class_name)) != 0)
        goto fail;
    *req_out = req;
    return CLI_RUN;
fail:
    enum_free(req);
    return status;
}

int
enum_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct enum_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_select *sel = NULL;
    cimrpc_error *err = NULL;
    int rc;

    if (propsel_build(&req->sel, &sel, &err) < 0)
        return cli_report(ctx, "enum", err);
    rc = cimrpc_enumerate_instances(conn, req->class_name, !req->shallow, sel, &cursor, &err);
    cimrpc_select_free(sel);            /* sent with the request; the cursor keeps no reference */
    if (rc < 0)
        return cli_report(ctx, "enum", err);
    return cursor_out_print(ctx, "enum", cursor, req->batch, OBJREC_SUMMARY, &req->sel);
}
