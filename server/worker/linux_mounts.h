/*
 * linux_mounts.h: the mount table of the worker's mount namespace, from
 * /proc/self/mountinfo (proc(5)), for Linux_FileSystem and for the
 * FSName key of Linux_File and Linux_Directory.
 *
 * Where several mounts share a mount point, only the last (the one on
 * top, which paths reach) is kept, so mount points are unique, as the
 * Name key of Linux_FileSystem must be.  Escaped characters (\040 for a
 * space) are decoded.  The table is bounded: LINUX_MOUNTS_MAX mounts,
 * lines of at most LINUX_MOUNT_LINE_MAX bytes.
 */
#ifndef CIMRPC_WORKER_LINUX_MOUNTS_H
#define CIMRPC_WORKER_LINUX_MOUNTS_H

#include <stddef.h>

#define LINUX_MOUNTS_MAX 65536
#define LINUX_MOUNT_LINE_MAX 65536

struct linux_mount {
    unsigned int id;                    /* the mount ID */
    unsigned int major, minor;          /* st_dev of the file system */
    char *point;                        /* the mount point */
    char *options;                      /* per-mount options, comma-separated */
    char *fstype;                       /* "ext4", "fuse.sshfs" */
    char *source;                       /* "/dev/sda1", "server:/x", "proc" */
    char *super_options;                /* per-superblock options */
};

struct linux_mounts {
    struct linux_mount *list;
    size_t n;
};

/* Read the table into *OUT (freed with linux_mounts_free()).  0, or -1
 * with errno (EOVERFLOW: beyond the bounds; EIO: a malformed line). */
int linux_mounts_read(struct linux_mounts *out);

/* Free *M's contents.  Accepts an empty table. */
void linux_mounts_free(struct linux_mounts *m);

/* The mount with mount ID ID, or with mount point POINT (borrowed), or
 * NULL; the mount returned is borrowed from M. */
const struct linux_mount *linux_mounts_by_id(const struct linux_mounts *m, unsigned int id);
const struct linux_mount *linux_mounts_by_point(const struct linux_mounts *m, const char *point);

/* The mount holding the file at PATH (absolute, borrowed), which lstat()
 * showed on device MAJOR:MINOR: the one whose mount point is the longest
 * prefix of PATH on that device (for kernels without statx's mount ID).
 * NULL when none fits; else borrowed from M. */
const struct linux_mount *linux_mounts_holding(const struct linux_mounts *m, const char *path,
                                               unsigned int major, unsigned int minor);

#endif
