/*
 * linux_system.h: what the classes of the "cimrpc-linux" provider share:
 * the identity of the scoping system (the host name, which is
 * Linux_ComputerSystem.Name, and the distribution's name, which is
 * Linux_OperatingSystem.Name), account and group names, login.defs, and
 * bounded readers of small kernel files (/proc, /sys).
 *
 * Everything reads the system as the worker's account at the moment of
 * the call; nothing is cached between requests.
 */
#ifndef CIMRPC_WORKER_LINUX_SYSTEM_H
#define CIMRPC_WORKER_LINUX_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "worker/provider.h"

#define LINUX_CS_CLASS "Linux_ComputerSystem"
#define LINUX_OS_CLASS "Linux_OperatingSystem"
#define LINUX_FS_CLASS "Linux_FileSystem"
#define LINUX_NAME_MAX 256              /* bytes of a host or OS name, with the NUL */

/* The keys that scope the provider's other instances. */
struct linux_scope {
    char host[LINUX_NAME_MAX];          /* Linux_ComputerSystem.Name */
    char os[LINUX_NAME_MAX];            /* Linux_OperatingSystem.Name */
};

/* The fields of /etc/os-release (or /usr/lib/os-release) the provider
 * uses; each empty when absent.  name defaults to "Linux" as
 * os-release(5) says. */
struct linux_os_release {
    char name[LINUX_NAME_MAX];          /* NAME */
    char pretty_name[LINUX_NAME_MAX];   /* PRETTY_NAME */
    char id[LINUX_NAME_MAX];            /* ID */
    char version_id[LINUX_NAME_MAX];    /* VERSION_ID */
};

/* Read the scoping keys into *SCOPE.  0, or -1 with the error recorded
 * in CALL. */
int linux_scope_read(struct provider_call *call, struct linux_scope *scope);

/* Read os-release into *OUT (never fails: what cannot be read stays at
 * its default). */
void linux_os_release_read(struct linux_os_release *out);

/* The account name of UID into BUF (LEN bytes): BUF, or NULL when the
 * ID has no account (or its name does not fit). */
const char *linux_user_name(uid_t uid, char *buf, size_t len);

/* The group name of GID, as linux_user_name(). */
const char *linux_group_name(gid_t gid, char *buf, size_t len);

/* Read the file PATH (at most LEN - 1 bytes) into BUF, NUL-terminated,
 * *LEN_OUT its length (may be NULL).  A longer file is cut (*CUT_OUT,
 * may be NULL, says so).  0, or -1 with errno. */
int linux_read_file(const char *path, char *buf, size_t len, size_t *len_out, bool *cut_out);

/* Read the file PATH as one unsigned decimal number (white space
 * around allowed).  0, or -1 with errno (EINVAL: not a number). */
int linux_read_u64(const char *path, uint64_t *out);

/* Read the file PATH as one line (the trailing newline removed) into
 * BUF (LEN bytes).  0, or -1 with errno. */
int linux_read_line(const char *path, char *buf, size_t len);

#endif
