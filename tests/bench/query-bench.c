/*
 * query-bench.c: the measuring client of the query benchmark (driven by
 * tests/bench/run-query-bench, usable by hand), through libcimrpc as any
 * application would use it.
 *
 *   query-bench key TARGET LEVEL DB CLASS KEYPROP N ITER
 *       ITER WQL key-equality queries "SELECT * FROM CLASS WHERE KEYPROP
 *       = k" for random k in 0..N-1 (each opened, read to its end), on one
 *       connection at LEVEL, taking turns in blocks with the references
 *       measured in the same run: the raw SQLite lookup of the same row
 *       in the repository file DB (the instance table's key index, one
 *       prepared statement, the stored object read) and one RPC round
 *       trip (NULL) on the same connection.  Prints
 *         result mode=query level=L n=ITER query_us=M raw_us=M null_us=M ratio=R
 *       with medians, and ratio = query / (raw + null) (bench-keyed.c).
 *   query-bench enum TARGET LEVEL[,LEVEL...] CLASS BATCH ROUNDS
 *       Reads every instance of CLASS through a cursor fetching BATCH at
 *       a time, ROUNDS times per level, the levels taking turns.  Prints
 *       per level
 *         result mode=enum level=L n=OBJECTS median_s=S instances_s=R
 *
 * LEVEL is a DCOM authentication level name (none, connect, call, pkt,
 * pktintegrity, pktprivacy); the server must allow it.  Kerberos comes
 * from the default credential cache.  Timings are CLOCK_MONOTONIC;
 * nothing here asserts one.  Exit status 0, or 1 with a message on
 * stderr (2 for usage).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-keyed.h"
#include "cimrpc/cimrpc.h"

#define BENCH_LEVELS_MAX 6

/* Read CURSOR to its end; the number of objects, or -1. */
static long
bench_drain(cimrpc_cursor *cursor, cimrpc_error **err)
{
    long n = 0;
    cimrpc_obj *obj;
    int rc;

    while ((rc = cimrpc_cursor_next(cursor, &obj, err)) == 1) {
        cimrpc_obj_free(obj);
        n++;
    }
    return rc < 0 ? -1 : n;
}

/* bench_keyed_op: the WQL key-equality query, read to its end. */
static int
bench_key_query(cimrpc_conn *conn, const char *cls, const char *keyprop, unsigned long k,
                cimrpc_error **err)
{
    cimrpc_cursor *cursor;
    char wql[256];
    long got;

    snprintf(wql, sizeof(wql), "SELECT * FROM %s WHERE %s = %lu", cls, keyprop, k);
    if (cimrpc_query(conn, wql, &cursor, err) < 0)
        return -1;
    got = bench_drain(cursor, err);
    cimrpc_cursor_close(cursor);
    if (got == 1)
        return 0;
    if (got >= 0)
        fprintf(stderr, "query-bench: %s found %ld instances, not 1\n", wql, got);
    return -1;
}

static int
bench_enum(int argc, char **argv)
{
    const char *target = argv[2], *cls = argv[4];
    unsigned long batch = strtoul(argv[5], NULL, 10), rounds = strtoul(argv[6], NULL, 10);
    char *levels = strdup(argv[3]), *save = NULL;
    const char *names[BENCH_LEVELS_MAX];
    cimrpc_conn *conns[BENCH_LEVELS_MAX] = { 0 };
    double times[BENCH_LEVELS_MAX][64];
    long objects[BENCH_LEVELS_MAX] = { 0 };
    size_t n_levels = 0;
    int rc = 1;

    (void)argc;
    if (levels == NULL || rounds == 0 || rounds > 64 || batch == 0)
        goto out;
    for (char *l = strtok_r(levels, ",", &save); l != NULL; l = strtok_r(NULL, ",", &save)) {
        if (n_levels == BENCH_LEVELS_MAX)
            goto out;
        names[n_levels] = l;
        if ((rc = bench_connect("query-bench", target, l, &conns[n_levels])) != 0)
            goto out;
        n_levels++;
    }
    rc = 1;
    for (unsigned long r = 0; r < rounds; r++) {
        for (size_t i = 0; i < n_levels; i++) {
            cimrpc_cursor *cursor;
            cimrpc_error *err = NULL;
            double t0 = bench_now();
            long got;

            if (cimrpc_enumerate_instances(conns[i], cls, true, NULL, &cursor, &err) < 0 ||
                cimrpc_cursor_set_batch(cursor, (unsigned)batch, &err) < 0) {
                rc = bench_fail("query-bench", "enumerate", err);
                goto out;
            }
            got = bench_drain(cursor, &err);
            cimrpc_cursor_close(cursor);
            times[i][r] = bench_now() - t0;
            if (got < 0) {
                rc = bench_fail("query-bench", "fetch", err);
                goto out;
            }
            objects[i] = got;
        }
    }
    for (size_t i = 0; i < n_levels; i++) {
        double m = bench_median(times[i], rounds);

        printf("result mode=enum level=%s n=%ld batch=%lu median_s=%.3f instances_s=%.0f\n",
               names[i], objects[i], batch, m, (double)objects[i] / m);
    }
    rc = 0;
out:
    for (size_t i = 0; i < BENCH_LEVELS_MAX; i++)
        cimrpc_conn_close(conns[i]);
    free(levels);
    return rc;
}

int
main(int argc, char **argv)
{
    if (argc == 9 && strcmp(argv[1], "key") == 0)
        return bench_keyed("query-bench", "query", bench_key_query, argv[2], argv[3], argv[4],
                           argv[5], argv[6], strtoul(argv[7], NULL, 10),
                           strtoul(argv[8], NULL, 10));
    if (argc == 7 && strcmp(argv[1], "enum") == 0)
        return bench_enum(argc, argv);
    fprintf(stderr, "usage: query-bench key TARGET LEVEL DB CLASS KEYPROP N ITER\n"
            "       query-bench enum TARGET LEVEL[,LEVEL...] CLASS BATCH ROUNDS\n");
    return 2;
}
