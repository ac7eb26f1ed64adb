/*
 * cimrpc-pager.c: reads a cursor to its end through libcimrpc, for the
 * paging tests (tests/integration/paging.test).
 *
 *     cimrpc-pager -H unix:PATH [-n NS] [-b BATCH] [-p K:SECONDS] [-m N] [-v]
 *                  (-e CLASS | -q WQL | -c)
 *
 * -e enumerates the instances of CLASS (deep), -q runs WQL, -c lists every
 * class.  -b sets the batch (objects per FETCH).  -p K:SECONDS sleeps
 * SECONDS after the K-th object (to let a cursor time out).  -m N first
 * opens N cursors on the same query and keeps them open (to meet the
 * per-connection cursor limit).  -v prints every object, as MOF, before
 * the summary.
 *
 * Prints, one per line: "count N" (objects read), "ordered yes|no"
 * (whether the paths came in strictly increasing order, case folded as
 * the repository's NOCASE keys are: no object twice, none skipped out of
 * order), "maxrss_kb N" (this process's peak resident memory), and on a
 * failure "error 0xCODE: MESSAGE" with exit status 1.  Usage errors exit
 * 2.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cimrpc/cimrpc.h"

#define PAGER_MAX_EXTRA 64

static int
pager_fail(cimrpc_error *err)
{
    printf("error 0x%08x: %s\n", cimrpc_error_get_code(err), cimrpc_error_message(err));
    cimrpc_error_free(err);
    return 1;
}

static int
pager_open(cimrpc_conn *conn, char mode, const char *what, cimrpc_cursor **cursor,
           cimrpc_error **err)
{
    if (mode == 'e')
        return cimrpc_enumerate_instances(conn, what, true, NULL, cursor, err);
    if (mode == 'q')
        return cimrpc_query(conn, what, cursor, err);
    return cimrpc_enumerate_classes(conn, NULL, true, false, cursor, err);
}

/* The object's name: an instance's path, a class's name. */
static const char *
pager_name(const cimrpc_obj *obj)
{
    if (cimrpc_obj_get_kind(obj) == CIMRPC_OBJ_INSTANCE)
        return cimrpc_instance_path(cimrpc_obj_instance(obj));
    return cimrpc_class_name(cimrpc_obj_class(obj));
}

int
main(int argc, char **argv)
{
    const char *target = NULL, *nspace = NULL, *what = NULL;
    unsigned long batch = 0, pause_after = 0, pause_s = 0, extra = 0;
    cimrpc_cursor *cursor = NULL, *kept[PAGER_MAX_EXTRA];
    unsigned long long count = 0;
    char *last = NULL, mode = 0;
    cimrpc_options *opts;
    cimrpc_error *err = NULL;
    cimrpc_conn *conn;
    struct rusage ru;
    bool ordered = true, verbose = false;
    int c, rc;

    while ((c = getopt(argc, argv, "H:n:b:p:m:e:q:cv")) != -1) {
        switch (c) {
        case 'H': target = optarg; break;
        case 'n': nspace = optarg; break;
        case 'b': batch = strtoul(optarg, NULL, 10); break;
        case 'p':
            if (sscanf(optarg, "%lu:%lu", &pause_after, &pause_s) != 2)
                return 2;
            break;
        case 'm': extra = strtoul(optarg, NULL, 10); break;
        case 'e': case 'q': mode = (char)c; what = optarg; break;
        case 'c': mode = 'c'; break;
        case 'v': verbose = true; break;
        default: return 2;
        }
    }
    if (target == NULL || mode == 0 || extra > PAGER_MAX_EXTRA) {
        fprintf(stderr, "usage: cimrpc-pager -H TARGET [-n NS] [-b BATCH] [-p K:S] [-m N] [-v] "
                "(-e CLASS | -q WQL | -c)\n");
        return 2;
    }
    if ((opts = cimrpc_options_new()) == NULL)
        return 1;
    cimrpc_options_set_authn_level(opts, CIMRPC_AUTHN_NONE);
    if (cimrpc_options_set_target(opts, target, &err) < 0 ||
        (nspace != NULL && cimrpc_options_set_namespace(opts, nspace, &err) < 0) ||
        cimrpc_connect(opts, &conn, &err) < 0) {
        cimrpc_options_free(opts);
        return pager_fail(err);
    }
    cimrpc_options_free(opts);
    for (unsigned long i = 0; i < extra; i++) {
        if (pager_open(conn, mode, what, &kept[i], &err) < 0) {
            while (i > 0)
                cimrpc_cursor_close(kept[--i]);
            cimrpc_conn_close(conn);
            return pager_fail(err);
        }
    }
    rc = pager_open(conn, mode, what, &cursor, &err);
    if (rc == 0 && batch > 0)
        rc = cimrpc_cursor_set_batch(cursor, (unsigned)batch, &err);
    while (rc == 0) {
        cimrpc_obj *obj;
        const char *name;
        int got = cimrpc_cursor_next(cursor, &obj, &err);

        if (got <= 0) {
            rc = got;
            break;
        }
        name = pager_name(obj);
        if (verbose) {
            char *mof = cimrpc_obj_get_kind(obj) == CIMRPC_OBJ_INSTANCE
                            ? cimrpc_instance_to_mof(cimrpc_obj_instance(obj))
                            : cimrpc_class_to_mof(cimrpc_obj_class(obj));

            printf("%s\n%s", name != NULL ? name : "?", mof != NULL ? mof : "(no MOF)\n");
            free(mof);
        }
        if (last != NULL && (name == NULL || strcasecmp(last, name) >= 0))
            ordered = false;
        free(last);
        last = name != NULL ? strdup(name) : NULL;
        cimrpc_obj_free(obj);
        if (++count == pause_after && pause_s > 0)
            sleep((unsigned)pause_s);
    }
    free(last);
    printf("count %llu\n", count);
    printf("ordered %s\n", ordered ? "yes" : "no");
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("maxrss_kb %ld\n", ru.ru_maxrss);
    cimrpc_cursor_close(cursor);
    for (unsigned long i = 0; i < extra; i++)
        cimrpc_cursor_close(kept[i]);
    cimrpc_conn_close(conn);
    if (rc < 0)
        return pager_fail(err);
    return 0;
}
