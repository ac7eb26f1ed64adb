/*
 * linux_provider.c: the provider "cimrpc-linux" (schema/mof/linux.mof):
 * its table of classes, and Linux_RemoteQuery.
 *
 * Linux_RemoteQuery has no instances (an enumeration is empty, a GET is
 * NOT_FOUND).  Its static method Query needs a Kerberos client and the
 * cimrpc client library inside the worker, which the worker does not
 * link yet, so it answers NOT_SUPPORTED saying so.
 */
#include <config.h>

#include <strings.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"

#define REMOTE_QUERY_CLASS "Linux_RemoteQuery"

static int
remote_query_enumerate(struct provider_call *call)
{
    (void)call;
    return 0;                           /* no instances */
}

static int
remote_query_get(struct provider_call *call, const cim_instance *keys)
{
    (void)keys;
    return provider_fail(call, WBEM_E_NOT_FOUND, "%s has no instances: call Query on the "
                         "class", REMOTE_QUERY_CLASS);
}

static int
remote_query_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
                    const cim_instance *params)
{
    (void)keys;
    (void)params;
    if (strcasecmp(method, "Query") != 0)
        return provider_no_method(call, method);
    return provider_fail(call, WBEM_E_NOT_SUPPORTED, "%s.Query is not available yet: the "
                         "provider worker does not yet hold a Kerberos client to reach other "
                         "servers as the caller", REMOTE_QUERY_CLASS);
}

static const struct provider_class linux_remote_query_class = {
    .name = REMOTE_QUERY_CLASS,
    .enumerate = remote_query_enumerate,
    .get = remote_query_get,
    .invoke = remote_query_invoke,
};

static const struct provider_class *const classes[] = {
    &linux_computer_class,
    &linux_os_class,
    &linux_process_class,
    &linux_filesystem_class,
    &linux_file_class,
    &linux_directory_class,
    &linux_netadapter_class,
    &linux_account_class,
    &linux_group_class,
    &linux_remote_query_class,
};

const struct provider linux_provider = {
    .name = "cimrpc-linux",
    .classes = classes,
    .nclasses = sizeof(classes) / sizeof(classes[0]),
};
