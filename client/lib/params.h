/*
 * params.h: named values for method calls and paths (internal layout).
 */
#ifndef CIMRPC_CLIENT_PARAMS_H
#define CIMRPC_CLIENT_PARAMS_H

#include "nvlist.h"

struct cimrpc_params {
    struct nvlist list;
};

#endif
