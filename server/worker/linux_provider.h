/*
 * linux_provider.h: the built-in provider "cimrpc-linux" (the classes of
 * schema/mof/linux.mof) and the class tables its files define, one file
 * per class or pair of classes:
 *
 *   linux_computer.c      Linux_ComputerSystem
 *   linux_os.c            Linux_OperatingSystem (Reboot, Shutdown)
 *   linux_process.c       Linux_Process (Terminate; Create in
 *                         linux_process_create.c)
 *   linux_filesystem.c    Linux_FileSystem (mounts from linux_mounts.c)
 *   linux_file.c          Linux_File and Linux_Directory (their Read
 *                         methods in linux_file_read.c)
 *   linux_netadapter.c    Linux_NetworkAdapter
 *   linux_account.c       Linux_Account and Linux_Group
 *   linux_provider.c      the table, and Linux_RemoteQuery
 */
#ifndef CIMRPC_WORKER_LINUX_PROVIDER_H
#define CIMRPC_WORKER_LINUX_PROVIDER_H

#include "worker/provider.h"

extern const struct provider linux_provider;

extern const struct provider_class linux_computer_class;
extern const struct provider_class linux_os_class;
extern const struct provider_class linux_process_class;
extern const struct provider_class linux_filesystem_class;
extern const struct provider_class linux_file_class;
extern const struct provider_class linux_directory_class;
extern const struct provider_class linux_netadapter_class;
extern const struct provider_class linux_account_class;
extern const struct provider_class linux_group_class;
extern const struct provider_class linux_remote_query_class;

/* Linux_Process.Create (static) with PARAMS (borrowed). 0 or -1. */
int linux_process_create(struct provider_call *call, const cim_instance *params);

#endif
