/*
 * provider-bench.c: the measuring client of the provider benchmark
 * (driven by tests/bench/run-provider-bench, usable by hand), through
 * libcimrpc over the local socket, at impersonation level Identify (so
 * root's calls run in the service account's worker).
 *
 *   provider-bench reuse SOCKET ITER
 *       ITER times each, taking turns in blocks of 50 on two connections:
 *         repo    GetObject of a stored instance (__Provider in root/cimv2)
 *         get     GetObject of Linux_ComputerSystem, served by the
 *                 provider in its worker (already running)
 *         method  Linux_RemoteQuery.Query without a forwarded credential:
 *                 the worker refuses it at once, so this is a method call
 *                 through the worker whose body does nothing
 *       Prints medians:
 *         result mode=reuse n=ITER repo_us=M get_us=M method_us=M
 *   provider-bench first SOCKET ROUNDS IDLE_S
 *       ROUNDS times: wait IDLE_S seconds (longer than the daemon's
 *       --worker-idle-timeout, so the worker has ended), time the first
 *       provider GetObject (the worker is spawned), then a second one.
 *       Prints medians:
 *         result mode=first n=ROUNDS first_us=M second_us=M
 *
 * Timings are CLOCK_MONOTONIC; nothing here asserts one.  Exit status 0,
 * or 1 with a message on stderr (2 for usage).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-keyed.h"
#include "cimrpc/cimrpc.h"

#define PROG "provider-bench"
#define BLOCK 50
#define REPO_PATH "__Provider.Name=\"cimrpc-linux\""

/* A connection to SOCKET's namespace NSPACE at Identify. */
static int
connect_identify(const char *socket, const char *nspace, cimrpc_conn **conn_out)
{
    cimrpc_options *opts = cimrpc_options_new();
    cimrpc_error *err = NULL;
    char target[4200];
    int rc;

    if (opts == NULL)
        return bench_fail(PROG, "options", NULL);
    snprintf(target, sizeof(target), "unix:%s", socket);
    if (cimrpc_options_set_target(opts, target, &err) < 0 ||
        cimrpc_options_set_namespace(opts, nspace, &err) < 0 ||
        cimrpc_options_set_imp_level(opts, CIMRPC_IMP_IDENTIFY, &err) < 0 ||
        cimrpc_connect(opts, conn_out, &err) < 0)
        rc = bench_fail(PROG, "connect", err);
    else
        rc = 0;
    cimrpc_options_free(opts);
    return rc;
}

/* The path of the one Linux_ComputerSystem (the caller frees it). */
static char *
computer_path(cimrpc_conn *conn)
{
    cimrpc_cursor *cursor;
    cimrpc_error *err = NULL;
    cimrpc_obj *obj;
    char *path = NULL;

    if (cimrpc_query(conn, "SELECT Name FROM Linux_ComputerSystem", &cursor, &err) < 0) {
        bench_fail(PROG, "the computer system", err);
        return NULL;
    }
    if (cimrpc_cursor_next(cursor, &obj, &err) == 1) {
        const char *p = cimrpc_instance_path(cimrpc_obj_instance(obj));

        path = p != NULL ? strdup(p) : NULL;
        cimrpc_obj_free(obj);
    } else {
        bench_fail(PROG, "the computer system", err);
    }
    cimrpc_cursor_close(cursor);
    return path;
}

/* One GetObject of PATH: its time in microseconds, or -1 (reported). */
static double
time_get(cimrpc_conn *conn, const char *path)
{
    cimrpc_instance *inst = NULL;
    cimrpc_error *err = NULL;
    double t0 = bench_now();

    if (cimrpc_instance_get(conn, path, NULL, &inst, &err) < 0) {
        bench_fail(PROG, path, err);
        return -1;
    }
    t0 = bench_now() - t0;
    cimrpc_instance_free(inst);
    return t0 * 1e6;
}

/* One Linux_RemoteQuery.Query the worker refuses: microseconds, or -1. */
static double
time_method(cimrpc_conn *conn, const cimrpc_params *in)
{
    cimrpc_error *err = NULL;
    double t0 = bench_now();
    int rc = cimrpc_exec_method(conn, "Linux_RemoteQuery", "Query", in, NULL, NULL, &err);

    t0 = bench_now() - t0;
    if (rc == 0 || cimrpc_error_get_code(err) != 0x80041003u) {
        bench_fail(PROG, "Linux_RemoteQuery.Query (expected ACCESS_DENIED)", err);
        return -1;
    }
    cimrpc_error_free(err);
    return t0 * 1e6;
}

static cimrpc_params *
method_params(void)
{
    static const char *const names[] = { "Host", "Query" };
    static const char *const values[] = { "elsewhere.invalid", "SELECT * FROM X" };
    cimrpc_params *in = cimrpc_params_new();
    cimrpc_error *err = NULL;

    for (size_t i = 0; in != NULL && i < 2; i++) {
        cimrpc_value *v;

        if (cimrpc_value_new_string(values[i], &v, &err) < 0 ||
            cimrpc_params_add(in, names[i], v, &err) < 0) {
            bench_fail(PROG, "parameters", err);
            cimrpc_params_free(in);
            return NULL;
        }
    }
    if (in == NULL)
        bench_fail(PROG, "parameters", NULL);
    return in;
}

static int
run_reuse(const char *socket, long iter)
{
    cimrpc_conn *root = NULL, *cimv2 = NULL;
    double *repo = calloc((size_t)iter, sizeof(double));
    double *get = calloc((size_t)iter, sizeof(double));
    double *method = calloc((size_t)iter, sizeof(double));
    cimrpc_params *in = method_params();
    char *path = NULL;
    int rc = 1;

    if (repo == NULL || get == NULL || method == NULL || in == NULL ||
        connect_identify(socket, "root/cimv2", &root) != 0 ||
        connect_identify(socket, "root/cimv2", &cimv2) != 0 ||
        (path = computer_path(cimv2)) == NULL)
        goto done;
    for (long i = 0; i < iter; i += BLOCK) {
        long end = i + BLOCK < iter ? i + BLOCK : iter;

        for (long j = i; j < end; j++)
            if ((repo[j] = time_get(root, REPO_PATH)) < 0)
                goto done;
        for (long j = i; j < end; j++)
            if ((get[j] = time_get(cimv2, path)) < 0)
                goto done;
        for (long j = i; j < end; j++)
            if ((method[j] = time_method(cimv2, in)) < 0)
                goto done;
    }
    printf("result mode=reuse n=%ld repo_us=%.1f get_us=%.1f method_us=%.1f\n", iter,
           bench_median(repo, (size_t)iter), bench_median(get, (size_t)iter),
           bench_median(method, (size_t)iter));
    rc = 0;
done:
    cimrpc_params_free(in);
    free(path);
    free(repo);
    free(get);
    free(method);
    cimrpc_conn_close(root);
    cimrpc_conn_close(cimv2);
    return rc;
}

static int
run_first(const char *socket, long rounds, long idle_s)
{
    double *first = calloc((size_t)rounds, sizeof(double));
    double *second = calloc((size_t)rounds, sizeof(double));
    cimrpc_conn *cimv2 = NULL;
    char *path = NULL;
    int rc = 1;

    if (first == NULL || second == NULL || connect_identify(socket, "root/cimv2", &cimv2) != 0 ||
        (path = computer_path(cimv2)) == NULL)
        goto done;
    for (long r = 0; r < rounds; r++) {
        struct timespec idle = { .tv_sec = idle_s, .tv_nsec = 0 };

        nanosleep(&idle, NULL);
        if ((first[r] = time_get(cimv2, path)) < 0 || (second[r] = time_get(cimv2, path)) < 0)
            goto done;
    }
    printf("result mode=first n=%ld first_us=%.1f second_us=%.1f\n", rounds,
           bench_median(first, (size_t)rounds), bench_median(second, (size_t)rounds));
    rc = 0;
done:
    free(path);
    free(first);
    free(second);
    cimrpc_conn_close(cimv2);
    return rc;
}

int
main(int argc, char **argv)
{
    long n = argc >= 4 ? strtol(argv[3], NULL, 10) : 0;

    if (argc == 4 && strcmp(argv[1], "reuse") == 0 && n > 0 && n <= 10000000)
        return run_reuse(argv[2], n);
    if (argc == 5 && strcmp(argv[1], "first") == 0 && n > 0 && n <= 1000) {
        long idle = strtol(argv[4], NULL, 10);

        if (idle > 0 && idle <= 3600)
            return run_first(argv[2], n, idle);
    }
    fprintf(stderr, "usage: %s reuse SOCKET ITER | first SOCKET ROUNDS IDLE_S\n", PROG);
    return 2;
}
