/*
 * user_ops.h: the operations each user has in progress across all
 * connections and threads (open cursors and provider calls), bounded by
 * the limits section's concurrentOperations (docs/CONFIGURATION.md).
 *
 * A user is the caller's local account (uid) when it has one, else its
 * Kerberos principal, else "anonymous".  Thread-safe.
 */
#ifndef CIMRPC_USER_OPS_H
#define CIMRPC_USER_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "rpc/identity.h"

#define USER_OPS_KEY_MAX 300

/* CALLER's key into KEY (USER_OPS_KEY_MAX bytes). */
void user_ops_key(const struct caller_identity *caller, char *key);

/* Start an operation of KEY unless it has LIMIT in progress already.
 * Returns true when started (end it with user_ops_end()), false with
 * *IN_PROGRESS_OUT when at the limit or out of memory. */
bool user_ops_begin(const char *key, unsigned limit, unsigned *in_progress_out);

/* End an operation user_ops_begin() started. */
void user_ops_end(const char *key);

#endif
