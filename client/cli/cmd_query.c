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

#include "cli.h"
#include "objrec.h"

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

    if (req == NULL) {
        fprintf(stderr, "cimrpc: query: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    opterr = 0;
    /* '+': the query's own words (such as "-1" in a WHERE) are no options. */
    while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        switch (c) {
        case OPT_BATCH:
            if (cli_parse_long("query", "--batch", optarg, 1, CIMRPC_FETCH_MAX,
                               &req->batch) < 0) {
                status = CLI_EXIT_USAGE;
                goto fail;
            }
            break;
        case 'h': status = query_usage(stdout, CLI_EXIT_OK); goto fail;
        default: status = cli_bad_option("query", c, argv); goto fail;
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
        fprintf(stderr, "cimrpc: query: out of memory\n");
        status = CLI_EXIT_FAILURE;
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
query_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct query_req *req = creq;
    cimrpc_cursor *cursor = NULL;
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (cimrpc_query(conn, req->wql, &cursor, &err) < 0 ||
        (req->batch > 0 && cimrpc_cursor_set_batch(cursor, (unsigned)req->batch, &err) < 0)) {
        status = cli_report(ctx, "query", err);
        goto out;
    }
    status = objrec_drain(ctx, "query", cursor, OBJREC_SUMMARY, NULL);
out:
    cimrpc_cursor_close(cursor);
    cli_disconnect(ctx, conn);
    return status;
}
