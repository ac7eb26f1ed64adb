/*
 * call.h: the context one RPC call is served in.
 *
 * Built by the RPC layer for each call and handed to the procedure's
 * handler.  Everything in it is borrowed from the connection and lives at
 * least as long as the call.
 */
#ifndef CIMRPC_CALL_H
#define CIMRPC_CALL_H

#include <stdint.h>

struct connection;
struct caller_identity;
struct dispatch_entry;
struct gss_context;
struct session;

struct call_context {
    struct connection *conn;                    /* borrowed */
    const struct caller_identity *caller;       /* borrowed, never NULL */
    const struct gss_context *gss;              /* the Kerberos context the call
                                                   came under, or NULL */
    struct session *session;                    /* set for @session: required */
    const struct dispatch_entry *entry;         /* the procedure's row */
    const char *peer;                           /* caller's address as text */
    uint32_t xid;
};

#endif
