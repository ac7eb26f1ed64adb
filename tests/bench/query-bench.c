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
 *         result mode=key level=L n=ITER query_us=M raw_us=M null_us=M ratio=R
 *       with medians, and ratio = query / (raw + null).
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

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cimrpc/cimrpc.h"

#define BENCH_BLOCK 20
#define BENCH_LEVELS_MAX 6

static double
bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double
bench_median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), bench_cmp_double);
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
bench_die(const char *what, cimrpc_error *err)
{
    fprintf(stderr, "query-bench: %s: %s\n", what, err ? cimrpc_error_message(err) : "failed");
    cimrpc_error_free(err);
    return 1;
}

static int
bench_connect(const char *target, const char *level_name, cimrpc_conn **conn)
{
    cimrpc_options *opts = cimrpc_options_new();
    cimrpc_authn_level level;
    cimrpc_error *err = NULL;

    if (opts == NULL)
        return 1;
    if (cimrpc_authn_level_parse(level_name, &level) < 0) {
        fprintf(stderr, "query-bench: unknown level '%s'\n", level_name);
        cimrpc_options_free(opts);
        return 2;
    }
    cimrpc_options_set_authn_level(opts, level);
    cimrpc_options_set_strict(opts, true);
    if (cimrpc_options_set_target(opts, target, &err) < 0 || cimrpc_connect(opts, conn, &err) < 0) {
        cimrpc_options_free(opts);
        return bench_die("connecting", err);
    }
    cimrpc_options_free(opts);
    return 0;
}

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

static int
bench_key(int argc, char **argv)
{
    const char *target = argv[2], *level = argv[3], *db_path = argv[4], *cls = argv[5],
               *keyprop = argv[6];
    unsigned long n = strtoul(argv[7], NULL, 10), iter = strtoul(argv[8], NULL, 10);
    double *tq = calloc(iter, sizeof(double)), *tr = calloc(iter, sizeof(double)),
           *tn = calloc(iter, sizeof(double));
    sqlite3_stmt *find = NULL, *get = NULL;
    cimrpc_error *err = NULL;
    cimrpc_conn *conn = NULL;
    uint64_t seed = 88172645463325252ull;
    sqlite3 *db = NULL;
    char sql[160];
    int64_t table;
    int rc = 1;

    (void)argc;
    if (tq == NULL || tr == NULL || tn == NULL || n == 0 || iter == 0)
        goto out;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384", NULL, NULL,
                     NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT c.id FROM class c JOIN namespace n ON n.id = "
                           "c.namespace_id WHERE n.path = 'root/cimv2' AND c.name = ?1", -1,
                           &find, NULL) != SQLITE_OK ||
        sqlite3_bind_text(find, 1, cls, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(find) != SQLITE_ROW) {
        fprintf(stderr, "query-bench: class %s not found in %s: %s\n", cls, db_path,
                db ? sqlite3_errmsg(db) : "out of memory");
        goto out;
    }
    table = sqlite3_column_int64(find, 0);
    snprintf(sql, sizeof(sql), "SELECT obj FROM i%" PRId64 " WHERE k = ?1", table);
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &get, NULL) != SQLITE_OK) {
        fprintf(stderr, "query-bench: %s\n", sqlite3_errmsg(db));
        goto out;
    }
    if ((rc = bench_connect(target, level, &conn)) != 0)
        goto out;
    rc = 1;
    for (unsigned long done = 0; done < iter;) {
        unsigned long block = iter - done < BENCH_BLOCK ? iter - done : BENCH_BLOCK;

        for (unsigned long i = 0; i < block; i++) {     /* the query */
            char wql[256], key[64];
            cimrpc_cursor *cursor;
            unsigned long k;
            double t0;
            long got;

            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
            k = (unsigned long)(seed % n);
            snprintf(wql, sizeof(wql), "SELECT * FROM %s WHERE %s = %lu", cls, keyprop, k);
            t0 = bench_now();
            if (cimrpc_query(conn, wql, &cursor, &err) < 0) {
                rc = bench_die("query", err);
                goto out;
            }
            got = bench_drain(cursor, &err);
            cimrpc_cursor_close(cursor);
            tq[done + i] = bench_now() - t0;
            if (got != 1) {
                fprintf(stderr, "query-bench: %s found %ld instances, not 1%s%s\n", wql, got,
                        err ? ": " : "", err ? cimrpc_error_message(err) : "");
                cimrpc_error_free(err);
                goto out;
            }
            /* the raw lookup of a row of the same kind */
            snprintf(key, sizeof(key), "%s=%lu", keyprop, (k * 7919) % n);
            t0 = bench_now();
            if (sqlite3_bind_text(get, 1, key, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                sqlite3_step(get) != SQLITE_ROW || sqlite3_column_bytes(get, 0) <= 0) {
                fprintf(stderr, "query-bench: raw lookup of %s failed\n", key);
                goto out;
            }
            sqlite3_reset(get);
            tr[done + i] = bench_now() - t0;
            t0 = bench_now();
            if (cimrpc_null(conn, &err) < 0) {
                rc = bench_die("null", err);
                goto out;
            }
            tn[done + i] = bench_now() - t0;
        }
        done += block;
    }
    {
        double q = bench_median(tq, iter) * 1e6, r = bench_median(tr, iter) * 1e6,
               nl = bench_median(tn, iter) * 1e6;

        printf("result mode=key level=%s n=%lu query_us=%.1f raw_us=%.2f null_us=%.1f "
               "ratio=%.2f\n", level, iter, q, r, nl, q / (r + nl));
    }
    rc = 0;
out:
    cimrpc_conn_close(conn);
    sqlite3_finalize(find);
    sqlite3_finalize(get);
    sqlite3_close(db);
    free(tq);
    free(tr);
    free(tn);
    return rc;
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
        if ((rc = bench_connect(target, l, &conns[n_levels])) != 0)
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
                rc = bench_die("enumerate", err);
                goto out;
            }
            got = bench_drain(cursor, &err);
            cimrpc_cursor_close(cursor);
            times[i][r] = bench_now() - t0;
            if (got < 0) {
                rc = bench_die("fetch", err);
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
        return bench_key(argc, argv);
    if (argc == 7 && strcmp(argv[1], "enum") == 0)
        return bench_enum(argc, argv);
    fprintf(stderr, "usage: query-bench key TARGET LEVEL DB CLASS KEYPROP N ITER\n"
            "       query-bench enum TARGET LEVEL[,LEVEL...] CLASS BATCH ROUNDS\n");
    return 2;
}
