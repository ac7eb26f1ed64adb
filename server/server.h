/*
 * server.h: the running daemon: listeners, connections, the event loop,
 * and the signals that stop it or reopen its log.
 */
#ifndef CIMRPC_SERVER_H
#define CIMRPC_SERVER_H

#include "options.h"

struct audit;
struct offload;
struct provider_host;
struct repo;
struct server;
struct server_loop;
struct connection;

/* Open every listener named in OPTS (borrowed; must outlive the server).
 * Returns the server, or NULL with the reason logged. */
struct server *server_new(const struct daemon_options *opts);

/* Serve until SIGTERM or SIGINT.  SIGHUP reopens the log.  The caller must
 * have blocked those signals (server_block_signals) before starting any
 * thread.  Returns 0 on a clean stop, -1 on failure. */
int server_run(struct server *srv);

/* Block SIGTERM, SIGINT and SIGHUP (delivered through the loop instead)
 * and ignore SIGPIPE.  Returns 0 or -1. */
int server_block_signals(void);

/* Close every connection and listener (removing the local socket file)
 * and free SRV.  Accepts NULL. */
void server_free(struct server *srv);

/* The repository connection of loop SL (each loop thread has its own). */
struct repo *server_loop_repo(const struct server_loop *sl);

/* The audit database connection of loop SL (each loop thread has its
 * own; security/audit.h). */
struct audit *server_loop_audit(const struct server_loop *sl);

/* The threads deferred calls run on (rpc/offload.h), shared by the loops. */
struct offload *server_loop_offload(const struct server_loop *sl);

/* The provider workers and service account (provider_host.h), shared. */
struct provider_host *server_loop_providers(const struct server_loop *sl);

/* Called by a connection as it closes, to forget it (on its loop). */
void server_connection_closed(struct server_loop *sl, struct connection *conn);

#endif
