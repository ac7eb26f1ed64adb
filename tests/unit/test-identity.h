/*
 * test-identity.h: the worker identity of a real local account, for the
 * tests that spawn provider workers (test-priv-worker.c,
 * test-worker-provide.c).
 */
#ifndef CIMRPC_TEST_IDENTITY_H
#define CIMRPC_TEST_IDENTITY_H

#include "priv/priv_worker.h"

/* Fill *ID for account NAME (borrowed: ID points at it) at LEVEL, with
 * its groups from the account database and HOME /nonexistent.  Returns
 * 0, or -1 when there is no such account or it is in too many groups. */
int test_identity_of(const char *name, enum levels_imp level, struct priv_identity *id);

#endif
