/*
 * cmd_create.c: `cimrpc create CLASS NAME=VALUE...`: create an instance
 * of CLASS with the values given (made in the types the class declares;
 * the properties not named take the class's defaults) and print its path.
 * Every key must be given; an instance that exists already is refused.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "assign.h"
#include "cli.h"

struct create_req {
    char *class_name;
    struct assign_list assigns;
};

static int
create_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] create CLASS NAME=VALUE...\n"
                 "Create an instance of CLASS (every key must be given) and print its path.\n"
                 ASSIGN_HELP("property"));
    return status;
}

void
create_free(cli_req *creq)
{
    struct create_req *req = creq;

    if (req == NULL)
        return;
    free(req->class_name);
    assign_list_clear(&req->assigns);
    free(req);
}

int
create_parse(int argc, char **argv, cli_req **req_out)
{
    struct create_req *req;
    int status;

    /* In order: values may start with '-'. */
    if ((status = args_options_none("create", argc, argv, true, create_usage)) != CLI_RUN)
        return status;
    if (optind >= argc)
        return cli_usage("create: which class? write: create CLASS KEY=VALUE...");
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("create");
    if ((status = args_name("create", "class", argv[optind], "create CLASS NAME=VALUE...",
                            &req->class_name)) != 0 ||
        (status = assign_parse(&req->assigns, "create", argc - optind - 1,
                               argv + optind + 1)) != 0) {
        create_free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

/* Is key NAME given a value other than NULL in REQ? */
static bool
create_has_key(const struct create_req *req, const char *name)
{
    for (size_t i = 0; i < req->assigns.n; i++) {
        const struct assign *a = &req->assigns.items[i];
        if (strcasecmp(a->name, name) == 0)
            return !(a->n_texts == 1 && strcmp(a->texts[0], "NULL") == 0);
    }
    return false;
}

int
create_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct create_req *req = creq;
    struct output_record *rec;
    cimrpc_instance *inst = NULL;
    cimrpc_class *cls = NULL;
    cimrpc_error *err = NULL;
    char *path = NULL;
    int status;

    if (cimrpc_class_get(conn, req->class_name, &cls, &err) < 0 ||
        cimrpc_instance_new(cimrpc_class_name(cls), &inst, &err) < 0) {
        status = cli_report(ctx, "create", err);
        goto out;
    }
    for (size_t k = 0; k < cimrpc_class_key_count(cls); k++) {
        const char *key = cimrpc_class_key_name(cls, k);
        if (!create_has_key(req, key)) {
            status = cli_fail(ctx, CLI_EXIT_USAGE, "create: %s needs its key %s: write "
                              "%s=VALUE", cimrpc_class_name(cls), key, key);
            goto out;
        }
    }
    for (size_t i = 0; i < req->assigns.n; i++) {
        cimrpc_value *v = NULL;
        char *why = NULL;
        size_t index;

        if ((status = assign_property(&req->assigns.items[i], cls, &index, &v, &why)) != 0) {
            cli_fail(ctx, status, "create: %s", why ? why : "out of memory");
            free(why);
            goto out;
        }
        if (cimrpc_instance_set_property(inst, cimrpc_class_property_name(cls, index), v,
                                         &err) < 0) {
            status = cli_report(ctx, "create", err);
            goto out;
        }
    }
    if (cimrpc_instance_put(conn, inst, CIMRPC_WRITE_CREATE, &path, &err) < 0) {
        status = cli_report(ctx, "create", err);
        goto out;
    }
    rec = output_record_new("CIMRPC_Created");
    if (rec != NULL && output_add_string(rec, "Path", path) < 0) {
        output_record_free(rec);
        rec = NULL;
    }
    status = cli_print_record(ctx, rec);
out:
    free(path);
    cimrpc_class_free(cls);
    cimrpc_instance_free(inst);
    return status;
}
