/*
 * options.h: connection options of libcimrpc (internal layout).
 */
#ifndef CIMRPC_CLIENT_OPTIONS_H
#define CIMRPC_CLIENT_OPTIONS_H

#include <stdbool.h>

#include "cimrpc/cimrpc.h"

struct cimrpc_options {
    char *target;               /* as given, for messages */
    bool local;                 /* unix:PATH */
    char *path;                 /* local socket path */
    char *host;                 /* TCP host (no brackets) */
    char *port;                 /* TCP port as text */
    cimrpc_authn_level authn;
    unsigned int timeout;       /* seconds */
};

#endif
