/*
 * clock.h: monotonic time in milliseconds, for timeouts and lifetimes
 * (never wall-clock time, which can jump).
 */
#ifndef CIMRPC_CLOCK_H
#define CIMRPC_CLOCK_H

/* Milliseconds on CLOCK_MONOTONIC. */
long long clock_monotonic_ms(void);

#endif
