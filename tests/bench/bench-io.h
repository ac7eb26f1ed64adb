/*
 * bench-io.h: whole reads and writes on a pipe, for benchmark clients
 * that run their load in child processes and collect the results
 * (cimrpc-bench.c, scale-bench.c).
 */
#ifndef CIMRPC_BENCH_IO_H
#define CIMRPC_BENCH_IO_H

#include <stddef.h>

/* Write, or read, exactly LEN bytes of BUF (borrowed) on FD, retrying
 * after EINTR.  0, or -1 on an error or an early end. */
int bench_io_write_all(int fd, const void *buf, size_t len);
int bench_io_read_all(int fd, void *buf, size_t len);

#endif
