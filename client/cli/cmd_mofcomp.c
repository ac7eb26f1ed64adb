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

#include "args.h"
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
    struct mofcomp_req *req;
    int status;

    if ((status = args_options_none("mofcomp", argc, argv, false, mofcomp_usage)) != CLI_RUN)
        return status;
    if ((status = args_one("mofcomp", argc - optind, argv + optind,
                           "which file? write: mofcomp FILE.mof",
                           "; compile one file (it may #pragma include others)")) != 0)
        return status;
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("mofcomp");
    if ((status = args_copy("mofcomp", argv[optind], &req->file)) != 0) {
        free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

int
mofcomp_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct mofcomp_req *req = creq;
    struct output_record *rec;
    cimrpc_mof_stats stats = { 0 };
    cimrpc_error *err = NULL;

    if (cimrpc_mof_compile(conn, req->file, &stats, &err) < 0)
        return cli_report(ctx, "mofcomp", err);
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
    return cli_print_record(ctx, rec);
}
