/*
 * cmd_mofcomp.c: `cimrpc mofcomp FILE`: compile a MOF file on the server,
 * into the session's namespace (-n) unless its #pragma namespace says
 * otherwise, all or nothing.  FILE and the files it includes are read
 * here and sent together.  Prints what was stored: qualifier
 * declarations, classes, instances and namespaces created.  The server's
 * errors say FILE:LINE:COLUMN.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct mofcomp_req {
    char *file;
};

static int
mofcomp_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] mofcomp FILE\n"
                 "Compile the MOF file FILE (and the files it includes with #pragma include)\n"
                 "on the server, into the namespace of -n unless a #pragma namespace says\n"
                 "otherwise; all or nothing.  Needs Full Write on the namespace.\n");
    return status;
}

void
mofcomp_free(cli_req *creq)
{
    struct mofcomp_req *req = creq;

    if (req == NULL)
        return;
    free(req->file);
    free(req);
}

int
mofcomp_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option options[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct mofcomp_req *req;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == 'h')
            return mofcomp_usage(stdout, CLI_EXIT_OK);
        return cli_bad_option("mofcomp", c, argv);
    }
    if (optind >= argc)
        return cli_usage("mofcomp: which file? write: mofcomp FILE.mof");
    if (optind + 1 < argc)
        return cli_usage("mofcomp: unexpected argument '%s'; compile one file (it may "
                         "#pragma include others)", argv[optind + 1]);
    if ((req = calloc(1, sizeof(*req))) == NULL || (req->file = strdup(argv[optind])) == NULL) {
        free(req);
        fprintf(stderr, "cimrpc: mofcomp: out of memory\n");
        return CLI_EXIT_FAILURE;
    }
    *req_out = req;
    return CLI_RUN;
}

int
mofcomp_run(struct cli_ctx *ctx, const cli_req *creq)
{
    const struct mofcomp_req *req = creq;
    struct output_record *rec;
    cimrpc_mof_stats stats = { 0 };
    cimrpc_conn *conn = NULL;
    cimrpc_error *err = NULL;
    int status;

    status = cli_connect(ctx, &conn);
    if (status != CLI_EXIT_OK)
        return status;
    if (cimrpc_mof_compile(conn, req->file, &stats, &err) < 0) {
        status = cli_report(ctx, "mofcomp", err);
        goto out;
    }
    rec = output_record_new("CIMRPC_MofResult");
    if (rec != NULL &&
        (output_add_string(rec, "File", req->file) < 0 ||
         output_add_uint(rec, "Qualifiers", stats.qualifiers) < 0 ||
         output_add_uint(rec, "Classes", stats.classes) < 0 ||
         output_add_uint(rec, "Instances", stats.instances) < 0 ||
         output_add_uint(rec, "Namespaces", stats.namespaces) < 0)) {
        output_record_free(rec);
        rec = NULL;
    }
    status = cli_print_record(ctx, rec);
out:
    cli_disconnect(ctx, conn);
    return status;
}
