/*
 * bench-keyed.c: shared helpers of the libcimrpc benchmark clients and
 * the keyed comparison (bench-keyed.h).
 */
#include <config.h>

#include <inttypes.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-keyed.h"

/* Consecutive measurements of one kind before the next takes its turn. */
#define BENCH_BLOCK 20

double
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

double
bench_median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), bench_cmp_double);
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
bench_fail(const char *prog, const char *what, cimrpc_error *err)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, err ? cimrpc_error_message(err) : "failed");
    cimrpc_error_free(err);
    return 1;
}

int
bench_connect(const char *prog, const char *target, const char *level_name,
              cimrpc_conn **conn_out)
{
    cimrpc_options *opts = cimrpc_options_new();
    cimrpc_authn_level level;
    cimrpc_error *err = NULL;
    int rc = 0;

    *conn_out = NULL;
    if (opts == NULL)
        return 1;
    if (cimrpc_authn_level_parse(level_name, &level) < 0) {
        fprintf(stderr, "%s: unknown level '%s'\n", prog, level_name);
        cimrpc_options_free(opts);
        return 2;
    }
    cimrpc_options_set_authn_level(opts, level);
    cimrpc_options_set_strict(opts, true);
    if (cimrpc_options_set_target(opts, target, &err) < 0 ||
        cimrpc_connect(opts, conn_out, &err) < 0)
        rc = bench_fail(prog, "connecting", err);
    cimrpc_options_free(opts);
    return rc;
}

/* The raw reference: the repository file, and the prepared lookup of a
 * row of CLS's instance table by key. */
struct bench_raw {
    sqlite3 *db;
    sqlite3_stmt *get;
};

static int
bench_raw_open(const char *prog, const char *path, const char *cls, struct bench_raw *raw)
{
    sqlite3_stmt *find = NULL;
    char sql[160];
    int ok;

    ok = sqlite3_open_v2(path, &raw->db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
         sqlite3_exec(raw->db, "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384",
                      NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2(raw->db, "SELECT c.id FROM class c JOIN namespace n ON n.id = "
                            "c.namespace_id WHERE n.path = 'root/cimv2' AND c.name = ?1", -1,
                            &find, NULL) == SQLITE_OK &&
         sqlite3_bind_text(find, 1, cls, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_step(find) == SQLITE_ROW;
    if (ok) {
        snprintf(sql, sizeof(sql), "SELECT obj FROM i%" PRId64 " WHERE k = ?1",
                 (int64_t)sqlite3_column_int64(find, 0));
        ok = sqlite3_prepare_v3(raw->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw->get,
                                NULL) == SQLITE_OK;
    }
    if (!ok)
        fprintf(stderr, "%s: class %s not found in %s: %s\n", prog, cls, path,
                raw->db ? sqlite3_errmsg(raw->db) : "out of memory");
    sqlite3_finalize(find);
    return ok ? 0 : -1;
}

/* One raw lookup of key "KEYPROP=K"; 0 or -1. */
static int
bench_raw_lookup(struct bench_raw *raw, const char *keyprop, unsigned long k)
{
    char key[96];
    int ok;

    snprintf(key, sizeof(key), "%s=%lu", keyprop, k);
    ok = sqlite3_bind_text(raw->get, 1, key, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
         sqlite3_step(raw->get) == SQLITE_ROW && sqlite3_column_bytes(raw->get, 0) > 0;
    sqlite3_reset(raw->get);
    return ok ? 0 : -1;
}

int
bench_keyed(const char *prog, const char *mode, bench_keyed_op *op, const char *target,
            const char *level, const char *db, const char *cls, const char *keyprop,
            unsigned long n, unsigned long iter)
{
    double *top = calloc(iter ? iter : 1, sizeof(double)),
           *traw = calloc(iter ? iter : 1, sizeof(double)),
           *tnull = calloc(iter ? iter : 1, sizeof(double));
    struct bench_raw raw = { NULL, NULL };
    uint64_t seed = 88172645463325252ull;
    cimrpc_conn *conn = NULL;
    int rc = 1;

    if (top == NULL || traw == NULL || tnull == NULL || n == 0 || iter == 0 ||
        bench_raw_open(prog, db, cls, &raw) < 0)
        goto out;
    if ((rc = bench_connect(prog, target, level, &conn)) != 0)
        goto out;
    rc = 1;
    for (unsigned long done = 0; done < iter;) {
        unsigned long block = iter - done < BENCH_BLOCK ? iter - done : BENCH_BLOCK;

        for (unsigned long i = done; i < done + block; i++) {
            cimrpc_error *err = NULL;
            unsigned long k;
            double t0;

            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
            k = (unsigned long)(seed % n);
            t0 = bench_now();
            if (op(conn, cls, keyprop, k, &err) < 0) {
                if (err != NULL)
                    rc = bench_fail(prog, mode, err);
                goto out;
            }
            top[i] = bench_now() - t0;
            t0 = bench_now();           /* a row of the same kind, elsewhere */
            if (bench_raw_lookup(&raw, keyprop, (k * 7919) % n) < 0) {
                fprintf(stderr, "%s: the raw lookup of %s=%lu failed\n", prog, keyprop,
                        (k * 7919) % n);
                goto out;
            }
            traw[i] = bench_now() - t0;
            t0 = bench_now();
            if (cimrpc_null(conn, &err) < 0) {
                rc = bench_fail(prog, "NULL", err);
                goto out;
            }
            tnull[i] = bench_now() - t0;
        }
        done += block;
    }
    {
        double o = bench_median(top, iter) * 1e6, r = bench_median(traw, iter) * 1e6,
               nl = bench_median(tnull, iter) * 1e6;

        printf("result mode=%s level=%s n=%lu %s_us=%.1f raw_us=%.2f null_us=%.1f ratio=%.2f\n",
               mode, level, iter, mode, o, r, nl, o / (r + nl));
    }
    rc = 0;
out:
    cimrpc_conn_close(conn);
    sqlite3_finalize(raw.get);
    sqlite3_close(raw.db);
    free(top);
    free(traw);
    free(tnull);
    return rc;
}
