/*
 * listener.h: listening sockets for TCP and the local (AF_UNIX) socket.
 *
 * Sockets are created non-blocking and close-on-exec.  A TCP spec is
 * "ADDR:PORT" with ADDR a numeric IPv4 address, a host name, or a
 * bracketed IPv6 address ("[::1]:5987").  Port 0 asks the kernel for a
 * free port; listener_local_port() tells which.
 */
#ifndef CIMRPC_LISTENER_H
#define CIMRPC_LISTENER_H

#include <stddef.h>

/* Open a TCP listener for SPEC.  Returns the descriptor, or -1 with the
 * reason (naming SPEC) written to WHY. */
int listener_open_tcp(const char *spec, int backlog, char *why, size_t why_len);

/* Open the local socket at PATH (mode 0666: who may do what is decided by
 * the access checks, with identity from SO_PEERCRED).  A stale socket
 * file is replaced; a live one (another daemon answers) is an error.  The
 * parent directory is created (0755) when missing.  Returns the
 * descriptor, or -1 with the reason in WHY. */
int listener_open_unix(const char *path, int backlog, char *why, size_t why_len);

/* The port a TCP listener is bound to, or -1. */
int listener_local_port(int fd);

#endif
