/*
 * cmd_query.c: `cimrpc query [--batch N] WQL`: run a WQL query and print
 * its results (instances, or classes for a schema query) as they arrive
 * through a cursor: JSON, CSV, value and MOF print each result at once,
 * and memory stays bounded however many there are.  The query may be
 * given as several words, which are joined with spaces.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "cursor_out.h"

#define QUERY_MAX 65536         /* bytes of WQL, as the library allows */

struct query_req {
    char *wql;
    long batch;                 /* 0: the library's default */
};

static int
query_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] query [--batch N] WQL\n"
                 "Run the WQL query, such as \"SELECT * FROM CIM_Service WHERE Started = TRUE\",\n"
                 "and print its results as they arrive.\n"
                 "      --batch N   fetch N results at a time (1 to %d)\n", CIMRPC_FETCH_MAX);
    return status;
}

void
query_free(cli_req *creq)
{
    struct query_req *req = creq;

    if (req == NULL)
        return;
    free(req->wql);
    free(req);
}

int
query_parse(int argc, char **argv, cli_req **req_out)
{
    enum { OPT_BATCH = 256 };
    static const struct option options[] = {
        { "batch", required_argument, NULL, OPT_BATCH },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct query_req *req = calloc(1, sizeof(*req));
    size_t len = 0;
    int c, status;

    if (req == NULL)
        return args_no_memory("query");
    opterr = 0;
    /* '+': the query's own words (such as "-1" in a WHERE) are no options. */
    while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        switch (c) {
        case OPT_BATCH:
            if ((status = cursor_out_parse_batch("query", optarg, &req->batch)) != 0)
                goto fail;
            break;
        default: status = args_option_other("query", c, argv, query_usage); goto fail;
        }
    }
    if (optind >= argc) {
        status = cli_usage("query: which query? write: query \"SELECT * FROM Class\"");
        goto fail;
    }
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (len - 1 > QUERY_MAX) {
        status = cli_usage("query: a query is at most %d bytes, not %zu", QUERY_MAX, len - 1);
        goto fail;
    }
    if ((req->wql = malloc(len)) == NULL) {
        status = args_no_memory("query");
        goto fail;
    }
    req->wql[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(req->wql, " ");
        strcat(req->wql, argv[i]);
    }
    if (strspn(req->wql, " \t\r\n") == strlen(req->wql)) {
        status = cli_usage("query: the query is empty: write query \"SELECT * FROM Class\"");
        goto fail;
    }
    *req_out = req;
    return CLI_RUN;
fail:
    query_free(req);
    return status;
}

int
query_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct query_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_error *err = NULL;

    if (cimrpc_query(conn, req->wql, &cursor, &err) < 0)
        return cli_report(ctx, "query", err);
    return cursor_out_print(ctx, "query", cursor, req->batch, OBJREC_SUMMARY, NULL);
}
