/*
 * options.c: connection options: parsing and checking targets, levels,
 * the namespace, privileges, Kerberos credentials and timeouts.
 *
 * Each setter checks its value completely and changes OPTS only when the
 * value is valid, so that cimrpc_connect() never meets a bad one.
 */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "cimrpc.h"
#include "common/cim_names.h"
#include "error.h"
#include "options.h"

#define OPTIONS_DEFAULT_TIMEOUT 30
#define OPTIONS_DEFAULT_NAMESPACE "root/cimv2"
#define OPTIONS_DEFAULT_SERVICE "cimrpc"
#define OPTIONS_SERVICE_MAX 64

cimrpc_options *
cimrpc_options_new(void)
{
    cimrpc_options *opts = calloc(1, sizeof(*opts));

    if (opts == NULL)
        return NULL;
    opts->authn = CIMRPC_AUTHN_PKT_PRIVACY;
    opts->imp = CIMRPC_IMP_DEFAULT;
    opts->timeout = OPTIONS_DEFAULT_TIMEOUT;
    opts->nspace = strdup(OPTIONS_DEFAULT_NAMESPACE);
    opts->service = strdup(OPTIONS_DEFAULT_SERVICE);
    opts->client_info = strdup("libcimrpc " PACKAGE_VERSION);
    if (opts->nspace == NULL || opts->service == NULL || opts->client_info == NULL ||
        cimrpc_options_set_target(opts, "unix:" CIMRPC_DEFAULT_SOCKET, NULL) < 0) {
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
    free(opts->nspace);
    for (size_t i = 0; i < opts->n_privileges; i++)
        free(opts->privileges[i]);
    free(opts->principal);
    free(opts->keytab);
    free(opts->service);
    free(opts->client_info);
    free(opts);
}

/* Replace *SLOT with a copy of VALUE (NULL clears it).  0 or -1 (ENOMEM). */
static int
options_replace(char **slot, const char *value, cimrpc_error **err_out)
{
    char *copy = NULL;

    if (value != NULL && (copy = strdup(value)) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    free(*slot);
    *slot = copy;
    return 0;
}

/* True when S holds a control character (it would garble logs). */
static bool
options_has_control(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
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

int
cimrpc_options_set_imp_level(cimrpc_options *opts, cimrpc_imp_level level, cimrpc_error **err_out)
{
    if ((int)level < CIMRPC_IMP_DEFAULT || level > CIMRPC_IMP_DELEGATE)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "impersonation level %d does not exist; "
                         "use identify, impersonate or delegate", (int)level);
    opts->imp = level;
    return 0;
}

void
cimrpc_options_set_strict(cimrpc_options *opts, bool strict)
{
    opts->strict = strict;
}

int
cimrpc_options_set_namespace(cimrpc_options *opts, const char *nspace, cimrpc_error **err_out)
{
    char why[320];

    if (!cim_names_namespace_valid(nspace, why, sizeof(why)))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "not a valid namespace: %s", why);
    return options_replace(&opts->nspace, nspace, err_out);
}

int
cimrpc_options_add_privilege(cimrpc_options *opts, const char *name, cimrpc_error **err_out)
{
    char *copy;

    if (!cim_names_privilege_valid(name))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s' is not a valid privilege name: "
                         "1 to %d lowercase letters, digits and '-', such as shutdown",
                         name ? name : "", CIMRPC_NAME_MAX);
    for (size_t i = 0; i < opts->n_privileges; i++)
        if (strcmp(opts->privileges[i], name) == 0)
            return 0;
    if (opts->n_privileges >= OPTIONS_PRIVILEGES_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "at most %d privileges can be requested",
                         OPTIONS_PRIVILEGES_MAX);
    if ((copy = strdup(name)) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    opts->privileges[opts->n_privileges++] = copy;
    return 0;
}

int
cimrpc_options_set_principal(cimrpc_options *opts, const char *principal, cimrpc_error **err_out)
{
    if (principal != NULL && (*principal == '\0' || strlen(principal) >= CIMRPC_NAME_MAX ||
                              options_has_control(principal)))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s' is not a valid Kerberos principal: "
                         "1 to %d printable characters, such as batch@EXAMPLE.COM",
                         principal, CIMRPC_NAME_MAX - 1);
    return options_replace(&opts->principal, principal, err_out);
}

int
cimrpc_options_set_keytab(cimrpc_options *opts, const char *path, cimrpc_error **err_out)
{
    /* MIT's own spelling FILE:PATH is accepted; the readable check at
     * connect time needs the bare path. */
    if (path != NULL && strncmp(path, "FILE:", 5) == 0)
        path += 5;
    if (path != NULL && (*path == '\0' || strlen(path) >= PATH_MAX || options_has_control(path)))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s' is not a valid keytab file name",
                         path);
    return options_replace(&opts->keytab, path, err_out);
}

int
cimrpc_options_set_service(cimrpc_options *opts, const char *service, cimrpc_error **err_out)
{
    size_t len = service ? strlen(service) : 0;

    if (len == 0 || len > OPTIONS_SERVICE_MAX ||
        strspn(service, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789._-") != len)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%s' is not a valid GSS service name: "
                         "1 to %d letters, digits, '.', '_' and '-' (the server's principal is "
                         "SERVICE/HOST; the default service is %s)", service ? service : "",
                         OPTIONS_SERVICE_MAX, OPTIONS_DEFAULT_SERVICE);
    return options_replace(&opts->service, service, err_out);
}

int
cimrpc_options_set_client_info(cimrpc_options *opts, const char *text, cimrpc_error **err_out)
{
    if (text == NULL || strlen(text) > CIMRPC_INFO_MAX || options_has_control(text))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "the client description must be at "
                         "most %d bytes without control characters", CIMRPC_INFO_MAX);
    return options_replace(&opts->client_info, text, err_out);
}
