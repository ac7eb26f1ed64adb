/*
 * linux_provider.c: the provider "cimrpc-linux" (schema/mof/linux.mof):
 * its table of classes.
 */
#include <config.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"

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
