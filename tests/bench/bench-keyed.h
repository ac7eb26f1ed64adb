/*
 * bench-keyed.h: what the benchmark clients built on libcimrpc share
 * (query-bench.c, scale-bench.c): the clock, medians, connecting at a
 * given level, and the keyed comparison: an operation on one instance
 * chosen by key among N, timed against raw SQLite reading the same kind
 * of row from the same repository file plus one NULL round trip on the
 * same connection, the three taking turns in blocks so that they meet
 * the same machine conditions.
 */
#ifndef CIMRPC_BENCH_KEYED_H
#define CIMRPC_BENCH_KEYED_H

#include <stddef.h>

#include "cimrpc/cimrpc.h"

/* CLOCK_MONOTONIC in seconds. */
double bench_now(void);

/* The median of the N values of V (sorts V in place); 0 when N is 0. */
double bench_median(double *v, size_t n);

/* Print "PROG: WHAT: reason" on stderr, free ERR, return 1. */
int bench_fail(const char *prog, const char *what, cimrpc_error *err);

/* Connect to TARGET at the level named LEVEL, strictly (the level asked
 * for is the level used).  *CONN_OUT is the caller's (cimrpc_conn_close).
 * Returns 0, 1 (reported on stderr) or 2 (an unknown level). */
int bench_connect(const char *prog, const char *target, const char *level,
                  cimrpc_conn **conn_out);

/* The operation measured on the instance of CLASS whose KEYPROP is K:
 * 0, or -1 with *ERR_OUT set (or NULL, the message printed already). */
typedef int bench_keyed_op(cimrpc_conn *conn, const char *cls, const char *keyprop,
                           unsigned long k, cimrpc_error **err_out);

/*
 * Run OP ITER times on random keys among N, on one connection to TARGET
 * at LEVEL, taking turns with the raw SQLite lookup in the repository
 * file DB and a NULL round trip; print
 *     result mode=MODE level=LEVEL n=ITER MODE_us=M raw_us=M null_us=M ratio=R
 * with medians and ratio = op / (raw + null).  Returns 0, or 1/2 with a
 * message on stderr.
 */
int bench_keyed(const char *prog, const char *mode, bench_keyed_op *op, const char *target,
                const char *level, const char *db, const char *cls, const char *keyprop,
                unsigned long n, unsigned long iter);

#endif
