/*
 * options.h: connection options of libcimrpc (internal layout).
 *
 * Every string is owned by the options object.  Values are validated by
 * the setters, so cimrpc_connect() can send them as they are.
 */
#ifndef CIMRPC_CLIENT_OPTIONS_H
#define CIMRPC_CLIENT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc/cimrpc.h"

#define OPTIONS_PRIVILEGES_MAX 64       /* CIMRPC_PRIVILEGES_MAX on the wire */

struct cimrpc_options {
    char *target;               /* as given, for messages */
    bool local;                 /* unix:PATH */
    char *path;                 /* local socket path */
    char *host;                 /* TCP host (no brackets) */
    char *port;                 /* TCP port as text */
    cimrpc_authn_level authn;
    cimrpc_imp_level imp;
    bool strict;
    unsigned int timeout;       /* seconds */
    char *nspace;               /* "root/cimv2" */
    char *privileges[OPTIONS_PRIVILEGES_MAX];
    size_t n_privileges;
    char *principal;            /* client principal, or NULL */
    char *keytab;               /* client keytab, or NULL */
    char *service;              /* GSS service, "cimrpc" */
    char *client_info;          /* "libcimrpc VERSION" */
};

#endif
