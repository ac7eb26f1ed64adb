/*
 * rpcbind.c: registration with rpcbind through libtirpc's rpcb_set().
 */
#include <config.h>

#include <netconfig.h>
#include <rpc/rpc.h>
#include <rpc/rpcb_clnt.h>
#include <sys/socket.h>

#include "log.h"
#include "transport/rpcbind.h"

/* The netconfig entry for FD's address family ("tcp" or "tcp6"), or NULL. */
static struct netconfig *
rpcbind_netconfig(int fd, struct sockaddr_storage *ss, socklen_t *len)
{
    *len = sizeof(*ss);
    if (getsockname(fd, (struct sockaddr *)ss, len) < 0)
        return NULL;
    return getnetconfigent(ss->ss_family == AF_INET6 ? "tcp6" : "tcp");
}

bool
rpcbind_register(int fd, unsigned long prog, unsigned long vers)
{
    struct sockaddr_storage ss;
    socklen_t len;
    struct netconfig *nconf = rpcbind_netconfig(fd, &ss, &len);
    struct netbuf addr = { .maxlen = len, .len = len, .buf = &ss };
    bool ok;

    if (nconf == NULL) {
        log_msg(LOG_INFO, "not registered with rpcbind: no netconfig entry for TCP");
        return false;
    }
    /* Replace a registration left behind by an earlier run. */
    (void)rpcb_unset(prog, vers, nconf);
    ok = rpcb_set(prog, vers, nconf, &addr);
    if (ok)
        log_msg(LOG_INFO, "registered with rpcbind (%s)", nconf->nc_netid);
    else
        log_msg(LOG_INFO, "not registered with rpcbind (%s): rpcbind is not running or "
                "refused; clients connect directly", nconf->nc_netid);
    freenetconfigent(nconf);
    return ok;
}

void
rpcbind_unregister(int fd, unsigned long prog, unsigned long vers)
{
    struct sockaddr_storage ss;
    socklen_t len;
    struct netconfig *nconf = rpcbind_netconfig(fd, &ss, &len);

    if (nconf == NULL)
        return;
    (void)rpcb_unset(prog, vers, nconf);
    freenetconfigent(nconf);
}
