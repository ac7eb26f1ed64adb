/*
 * rpcbind.h: announce the TCP listeners to rpcbind, when it runs.
 *
 * Registration is a courtesy to tools such as rpcinfo; clients of cimrpc
 * never need it (they connect to port 5987 or the port they are given).
 * When rpcbind is not running, nothing is registered and nothing fails.
 */
#ifndef CIMRPC_RPCBIND_H
#define CIMRPC_RPCBIND_H

#include <stdbool.h>

/* Register program and version for the TCP listener FD.  Returns true
 * when rpcbind accepted the registration, false otherwise (logged at
 * info level: rpcbind is optional). */
bool rpcbind_register(int fd, unsigned long prog, unsigned long vers);

/* Withdraw what rpcbind_register() registered for FD's address family. */
void rpcbind_unregister(int fd, unsigned long prog, unsigned long vers);

#endif
