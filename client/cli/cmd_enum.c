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
#include <string.h>

#include "cli.h"
#include "common/cim_names.h"
#include "objrec.h"
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

    if (req == NULL) {
        fprintf(stderr, "cimrpc: enum: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
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
            if (cli_parse_long("enum", "--batch", optarg, 1, CIMRPC_FETCH_MAX, &req->batch) < 0) {
                status = CLI_EXIT_USAGE;
                goto fail;
            }
            break;
        case 'h': status = enum_usage(stdout, CLI_EXIT_OK); goto fail;
        default: status = cli_bad_option("enum", c, argv); goto fail;
        }
    }
    if (req->sel.keys_only && req->sel.n > 0) {
        status = cli_usage("enum: --keys-only and --properties choose differently: give one");
        goto fail;
    }
    if (optind >= argc) {
        status = cli_usage("enum: which class? write: enum CLASS");
        goto fail;
    }
    if (optind + 1 < argc) {
        status = cli_usage("enum: unexpected argument '%s'; enum takes one class",
                           argv[optind + 1]);
        goto fail;
    }
    if (!cim_names_element_valid(argv[optind])) {
        status = cli_usage("enum: '%s' is not a class name (a letter or '_', then letters, "
                           "digits and '_')", argv[optind]);
        goto fail;
    }
    if ((req->class_name = strdup(argv[optind])) == NULL) {
        fprintf(stderr, "cimrpc: enum: out of memory\n");
        status = CLI_EXIT_FAILURE;
        goto fail;
    }
    *req_out = req;
    return CLI_RUN;
fail:
    enum_free(req);
    return status;
}

int
enum_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct enum_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_select *sel = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (propsel_build(&req->sel, &sel, &err) < 0 ||
        cimrpc_enumerate_instances(conn, req->class_name, !req->shallow, sel, &cursor,
                                   &err) < 0 ||
        (req->batch > 0 && cimrpc_cursor_set_batch(cursor, (unsigned)req->batch, &err) < 0)) {
        status = cli_report(ctx, "enum", err);
        goto out;
    }
    status = objrec_drain(ctx, "enum", cursor, OBJREC_SUMMARY, &req->sel);
out:
    cimrpc_cursor_close(cursor);
    cimrpc_select_free(sel);
    cli_disconnect(ctx, conn);
    return status;
}
