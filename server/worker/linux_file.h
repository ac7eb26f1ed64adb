/*
 * linux_file.h: finding the Linux_File or Linux_Directory an object
 * path names, shared by linux_file.c (the classes) and linux_file_read.c
 * (their Read methods).
 *
 * Name must be a normalized absolute path (no empty, "." or ".."
 * component, no trailing slash), at most LINUX_FILE_NAME_MAX bytes, so
 * that each file has one Name.  The file is looked at with statx() as
 * the worker's account, without following a final symbolic link, so the
 * kernel decides whether the caller may see it at all.
 */
#ifndef CIMRPC_WORKER_LINUX_FILE_H
#define CIMRPC_WORKER_LINUX_FILE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "worker/linux_system.h"
#include "worker/provider.h"

#define LINUX_FILE_CLASS "Linux_File"
#define LINUX_DIRECTORY_CLASS "Linux_Directory"
#define LINUX_FILE_NAME_MAX 1024        /* the MOF's MaxLen of CIM_LogicalFile.Name */

/* A file found by its keys. */
struct linux_file {
    const char *path;                   /* Name (borrowed from the keys) */
    struct statx stx;                   /* lstat()'s view */
    char fs_name[LINUX_FILE_NAME_MAX + 1];      /* the mount point holding it */
    struct linux_scope scope;
};

/* Read the keys KEYS (borrowed) of a file of CLASS_NAME (a directory
 * when DIRECTORY) and find it: *OUT.  0, or -1 with the error recorded:
 * INVALID_PARAMETER for bad keys, NOT_FOUND when no such file exists
 * (or it is of the other class, or on another file system than FSName
 * says), ACCESS_DENIED when the account may not look. */
int linux_file_lookup(struct provider_call *call, const cim_instance *keys, bool directory,
                      struct linux_file *out);

/* Linux_File.Read and Linux_Directory.Read (linux_file_read.c). */
int linux_file_read(struct provider_call *call, const cim_instance *keys,
                    const cim_instance *params);
int linux_directory_read(struct provider_call *call, const cim_instance *keys,
                         const cim_instance *params);

#endif
