/*
 * identity_reply.h: describing a caller identity on the wire (the
 * cimrpc_whoami_ok structure), shared by WHOAMI and OPEN_SESSION.
 */
#ifndef CIMRPC_IDENTITY_REPLY_H
#define CIMRPC_IDENTITY_REPLY_H

#include "cimrpc.h"
#include "rpc/identity.h"

/* Fill OUT (zeroed by the caller; freed with the results) from ID as seen
 * from PEER.  Returns 0, or -1 on allocation failure. */
int identity_reply_fill(cimrpc_whoami_ok *out, const struct caller_identity *id, const char *peer);

#endif
