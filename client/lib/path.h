/*
 * path.h: object paths (internal): checking one before it is sent.
 */
#ifndef CIMRPC_CLIENT_PATH_H
#define CIMRPC_CLIENT_PATH_H

#include <stdbool.h>

#include "cimrpc/cimrpc.h"

/* Is PATH an object path (with INSTANCE, an instance's: keys, or a
 * singleton's Class=@)?  0, or -1 with a usage error saying what is
 * wrong. */
int path_check(const char *path, bool instance, cimrpc_error **err_out);

#endif
