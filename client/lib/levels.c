/*
 * levels.c: the library's level names and version.
 */
#include <config.h>

#include "cimrpc/cimrpc.h"
#include "common/levels.h"

int
cimrpc_authn_level_parse(const char *name, cimrpc_authn_level *level_out)
{
    enum levels_authn level;

    if (levels_authn_parse(name, &level) < 0)
        return -1;
    *level_out = (cimrpc_authn_level)level;
    return 0;
}

const char *
cimrpc_authn_level_name(cimrpc_authn_level level)
{
    return levels_authn_name((int)level);
}

int
cimrpc_imp_level_parse(const char *name, cimrpc_imp_level *level_out)
{
    enum levels_imp level;

    if (levels_imp_parse(name, &level) < 0)
        return -1;
    *level_out = (cimrpc_imp_level)level;
    return 0;
}

const char *
cimrpc_imp_level_name(cimrpc_imp_level level)
{
    return levels_imp_name((int)level);
}

const char *
cimrpc_version(void)
{
    return PACKAGE_VERSION;
}
