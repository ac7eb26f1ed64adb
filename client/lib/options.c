/*
 * options.c: connection options: parsing targets, levels and timeouts.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "error.h"
#include "options.h"

#define OPTIONS_DEFAULT_TIMEOUT 30

cimrpc_options *
cimrpc_options_new(void)
{
    cimrpc_options *opts = calloc(1, sizeof(*opts));

    if (opts == NULL)
        return NULL;
    opts->authn = CIMRPC_AUTHN_PKT_PRIVACY;
    opts->timeout = OPTIONS_DEFAULT_TIMEOUT;
    if (cimrpc_options_set_target(opts, "unix:" CIMRPC_DEFAULT_SOCKET, NULL) < 0) {
        cimrpc_options_free(opts);
        return NULL;
    }
    return opts;
}

void
cimrpc_options_free(cimrpc_options *opts)
{
    if (opts == NULL)
        return;
    free(opts->target);
    free(opts->path);
    free(opts->host);
    free(opts->port);
    free(opts);
}

/* Split TARGET into host and port (default port when absent). */
static int
options_split_tcp(const char *target, char **host_out, char **port_out, cimrpc_error **err_out)
{
    const char *host = target, *port = NULL;
    size_t host_len;
    char *end;

    if (target[0] == '[') {
        const char *close = strchr(target, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            goto bad;
        host = target + 1;
        host_len = (size_t)(close - host);
        if (close[1] == ':')
            port = close + 2;
    } else {
        const char *colon = strchr(target, ':');
        if (colon != NULL && strchr(colon + 1, ':') != NULL)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "host '%s' looks like an IPv6 "
                             "address; write it in brackets: [%s]:PORT", target, target);
        host_len = colon ? (size_t)(colon - target) : strlen(target);
        if (colon != NULL)
            port = colon + 1;
    }
    if (host_len == 0)
        goto bad;
    if (port != NULL) {
        long value = strtol(port, &end, 10);
        if (*port == '\0' || *end != '\0' || value < 1 || value > 65535)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "port in '%s' must be a number "
                             "from 1 to 65535", target);
    }
    *host_out = strndup(host, host_len);
    if (asprintf(port_out, "%s", port ? port : "5987") < 0)
        *port_out = NULL;
    if (*host_out == NULL || *port_out == NULL) {
        free(*host_out);
        free(*port_out);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    return 0;
bad:
    return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s' is not a valid host; write HOST, "
                     "HOST:PORT, [IPV6]:PORT or unix:PATH", target);
}

int
cimrpc_options_set_target(cimrpc_options *opts, const char *target, cimrpc_error **err_out)
{
    char *copy, *path = NULL, *host = NULL, *port = NULL;
    bool local = strncmp(target, "unix:", 5) == 0;

    if (local) {
        const char *p = target + 5;
        if (*p == '\0' || strlen(p) >= sizeof(((struct sockaddr_un *)0)->sun_path))
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s': the socket path must be "
                             "1 to %zu bytes long", target,
                             sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
        if ((path = strdup(p)) == NULL)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    } else if (options_split_tcp(target, &host, &port, err_out) < 0) {
        return -1;
    }
    copy = strdup(target);
    if (copy == NULL) {
        free(path);
        free(host);
        free(port);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    free(opts->target);
    free(opts->path);
    free(opts->host);
    free(opts->port);
    opts->target = copy;
    opts->local = local;
    opts->path = path;
    opts->host = host;
    opts->port = port;
    return 0;
}

void
cimrpc_options_set_authn_level(cimrpc_options *opts, cimrpc_authn_level level)
{
    opts->authn = level;
}

int
cimrpc_options_set_timeout(cimrpc_options *opts, unsigned int seconds, cimrpc_error **err_out)
{
    if (seconds == 0 || seconds > 86400)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "the timeout must be 1 to 86400 seconds");
    opts->timeout = seconds;
    return 0;
}
