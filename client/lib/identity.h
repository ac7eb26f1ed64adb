/*
 * identity.h: building identity objects from decoded replies (internal).
 */
#ifndef CIMRPC_CLIENT_IDENTITY_H
#define CIMRPC_CLIENT_IDENTITY_H

#include "cimrpc.h"
#include "cimrpc/cimrpc.h"

/* A new identity that takes ownership of the decoded data in *OK (which is
 * zeroed, so the caller's later xdr_free of the enclosing reply frees
 * nothing twice).  NULL when out of memory; *OK is then left untouched and
 * still the caller's. */
cimrpc_identity *identity_new(cimrpc_whoami_ok *ok);

#endif
