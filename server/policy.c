/*
 * policy.c: start-up settings shared by the RPC layer.
 */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "common/levels.h"
#include "policy.h"

static int authn_floor = LEVELS_AUTHN_PKT_INTEGRITY;   /* DCOM hardening default */
static char server_info[320] = "cimrpcd " PACKAGE_VERSION;

int
policy_authn_floor(void)
{
    return authn_floor;
}

void
policy_set_authn_floor(int level)
{
    authn_floor = level;
}

const char *
policy_server_info(void)
{
    return server_info;
}

int
policy_init(void)
{
    char host[256];

    if (gethostname(host, sizeof(host)) < 0)
        return -1;
    host[sizeof(host) - 1] = '\0';
    snprintf(server_info, sizeof(server_info), "cimrpcd %s on %s", PACKAGE_VERSION, host);
    return 0;
}
