/*
 * cmd_ns.c: namespaces.
 *
 *     cimrpc ns list [--recursive] [NS]   the children of NS (default: the
 *                                         session's namespace), or all below
 *     cimrpc ns create NS                 a child of an existing namespace
 *     cimrpc ns delete NS                 NS and everything in and below it
 *
 * NS is a full path ("root/cimv2/app") or relative to the session's
 * namespace ("app" with -n root/cimv2).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"

enum ns_action { NS_LIST, NS_CREATE, NS_DELETE };

struct ns_req {
    enum ns_action action;
    char *nspace;               /* NULL: the session's (list only) */
    bool recursive;
};

static int
ns_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] ns list [--recursive] [NS]\n"
                 "       cimrpc [GLOBAL OPTIONS] ns create NS\n"
                 "       cimrpc [GLOBAL OPTIONS] ns delete NS\n"
                 "List the namespaces below NS (default: the session's, -n), create one,\n"
                 "or delete one with everything in and below it.  NS is a full path\n"
                 "(root/cimv2/app) or relative to the session's namespace.\n"
                 "  -r, --recursive   list every namespace below, not only the children\n");
    return status;
}

void
ns_free(cli_req *creq)
{
    struct ns_req *req = creq;

    if (req == NULL)
        return;
    free(req->nspace);
    free(req);
}

int
ns_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option options[] = {
        { "recursive", no_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct ns_req *req;
    enum ns_action action;
    bool recursive = false;
    const char *verb;
    int c, n, status;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":rh", options, NULL)) != -1) {
        switch (c) {
        case 'r': recursive = true; break;
        default: return args_option_other("ns", c, argv, ns_usage);
        }
    }
    if (optind >= argc)
        return cli_usage("ns: what to do? write ns list, ns create NS or ns delete NS");
    verb = argv[optind];
    n = argc - optind - 1;
    if (strcmp(verb, "list") == 0) {
        action = NS_LIST;
        if (n > 1)
            return cli_usage("ns list: unexpected argument '%s'; list takes at most one "
                             "namespace", argv[optind + 2]);
    } else if (strcmp(verb, "create") == 0 || strcmp(verb, "delete") == 0) {
        action = verb[0] == 'c' ? NS_CREATE : NS_DELETE;
        if (n == 0)
            return cli_usage("ns %s: which namespace? write ns %s NS", verb, verb);
        if (n > 1)
            return cli_usage("ns %s: unexpected argument '%s'; give one namespace", verb,
                             argv[optind + 2]);
        if (recursive)
            return cli_usage("ns %s: --recursive is for ns list (ns delete always deletes "
                             "everything below)", verb);
    } else {
        return cli_usage("ns: unknown action '%s'; use list, create or delete", verb);
    }
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("ns");
    if (n > 0 && (status = args_copy("ns", argv[optind + 1], &req->nspace)) != 0) {
        ns_free(req);
        return status;
    }
    req->action = action;
    req->recursive = recursive;
    *req_out = req;
    return CLI_RUN;
}

static int
ns_list(struct cli_ctx *ctx, cimrpc_conn *conn, const struct ns_req *req)
{
    struct output_stream *s;
    cimrpc_error *err = NULL;
    char **names = NULL;
    size_t n = 0;
    int status = CLI_EXIT_OK;

    if (cimrpc_ns_list(conn, req->nspace, req->recursive, &names, &n, &err) < 0)
        return cli_report(ctx, "ns list", err);
    if ((s = cli_stream(ctx, false)) == NULL) {
        cimrpc_strv_free(names);
        return CLI_EXIT_FAILURE;
    }
    for (size_t i = 0; i < n && status == CLI_EXIT_OK; i++) {
        struct output_record *rec = output_record_new("__NAMESPACE");
        if (rec != NULL && output_add_string(rec, "Name", names[i]) < 0) {
            output_record_free(rec);
            rec = NULL;
        }
        status = cli_stream_add(ctx, s, rec);
    }
    cimrpc_strv_free(names);
    if (status != CLI_EXIT_OK) {
        output_stream_free(s);
        return status;
    }
    return cli_stream_end(ctx, s);
}

int
ns_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct ns_req *req = creq;
    cimrpc_error *err = NULL;
    int status = CLI_EXIT_FAILURE;

    switch (req->action) {
    case NS_LIST:
        status = ns_list(ctx, conn, req);
        break;
    case NS_CREATE:
        status = cimrpc_ns_create(conn, req->nspace, &err) < 0 ?
                 cli_report(ctx, "ns create", err) : CLI_EXIT_OK;
        break;
    case NS_DELETE:
        status = cimrpc_ns_delete(conn, req->nspace, &err) < 0 ?
                 cli_report(ctx, "ns delete", err) : CLI_EXIT_OK;
        break;
    }
    return status;
}
