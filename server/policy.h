/*
 * policy.h: server-wide settings the RPC layer consults, fixed at start-up.
 *
 * For now they come from the bootstrap options (--authn-floor); the
 * delegated configuration (security/authentication at the root) takes
 * them over when it exists.  Read-only once the server runs, so any thread
 * may read them without locking.
 */
#ifndef CIMRPC_POLICY_H
#define CIMRPC_POLICY_H

/* The lowest authentication level a session may have (DCOM value). */
int policy_authn_floor(void);
void policy_set_authn_floor(int level);

/* "cimrpcd VERSION on HOST", for session replies. */
const char *policy_server_info(void);

/* Fill the server description from the host name.  Returns 0 or -1. */
int policy_init(void);

#endif
