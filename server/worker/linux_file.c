/*
 * linux_file.c: Linux_File and Linux_Directory, one file at a time by
 * its path (the file systems are not enumerated as a whole: list a
 * directory with Linux_Directory.Read and get its entries).
 *
 * The scoping keys FSCreationClassName/FSName name the file system that
 * holds the file: the mount whose ID statx() reports (or, on kernels
 * without it, the longest mount point over the path on the file's
 * device).  Metadata comes from statx() without following a final
 * symbolic link; Readable, Writeable and Executable say what the
 * worker's account may do with the path (access(), which follows it).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common/wbem.h"
#include "worker/linux_file.h"
#include "worker/linux_mounts.h"
#include "worker/linux_provider.h"
#include "worker/provider_args.h"

enum { KEY_CSCC, KEY_CSNAME, KEY_FSCC, KEY_FSNAME, KEY_CC, KEY_NAME, NKEYS };

/* NULL when PATH is a normalized absolute path, else what is wrong. */
static const char *
path_problem(const char *path)
{
    if (path[0] != '/')
        return "is not an absolute path";
    if (strlen(path) > LINUX_FILE_NAME_MAX)
        return "is longer than 1024 bytes";
    if (strcmp(path, "/") == 0)
        return NULL;
    for (const char *p = path; *p; ) {
        size_t n;

        p++;                            /* past the slash */
        n = strcspn(p, "/");
        if (n == 0)
            return p[0] ? "has an empty component (\"//\")" : "ends with a slash";
        if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return "has a \".\" or \"..\" component";
        p += n;
    }
    return NULL;
}

/* The mount point holding the file into F->fs_name.  0 or -1. */
static int
find_fs(struct provider_call *call, struct linux_file *f)
{
    const struct linux_mount *m = NULL;
    struct linux_mounts mounts;

    if (linux_mounts_read(&mounts) < 0)
        return provider_fail_errno(call, errno, NULL, "reading /proc/self/mountinfo");
    if (f->stx.stx_mask & STATX_MNT_ID)
        m = linux_mounts_by_id(&mounts, (unsigned int)f->stx.stx_mnt_id);
    if (!m)
        m = linux_mounts_holding(&mounts, f->path, f->stx.stx_dev_major, f->stx.stx_dev_minor);
    if (m)
        snprintf(f->fs_name, sizeof(f->fs_name), "%s", m->point);
    linux_mounts_free(&mounts);
    if (!m)
        return provider_fail(call, WBEM_E_FAILED, "no mount of this system holds %.256s",
                             f->path);
    return 0;
}

int
linux_file_lookup(struct provider_call *call, const cim_instance *keys, bool directory,
                  struct linux_file *out)
{
    const char *cls = directory ? LINUX_DIRECTORY_CLASS : LINUX_FILE_CLASS;
    struct provider_key spec[NKEYS];
    const char *v[NKEYS], *problem;

    memset(out, 0, sizeof(*out));
    if (linux_scope_read(call, &out->scope) < 0)
        return -1;
    spec[KEY_CSCC] = (struct provider_key){ "CSCreationClassName", LINUX_CS_CLASS, false };
    spec[KEY_CSNAME] = (struct provider_key){ "CSName", out->scope.host, false };
    spec[KEY_FSCC] = (struct provider_key){ "FSCreationClassName", LINUX_FS_CLASS, false };
    spec[KEY_FSNAME] = (struct provider_key){ "FSName", NULL, false };
    spec[KEY_CC] = (struct provider_key){ "CreationClassName", cls, false };
    spec[KEY_NAME] = (struct provider_key){ "Name", NULL, false };
    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0)
        return -1;
    out->path = v[KEY_NAME];
    problem = path_problem(out->path);
    if (problem)
        return provider_fail(call, WBEM_E_INVALID_PARAMETER, "the Name of a %s is its "
                             "normalized absolute path; \"%.256s\" %s", cls, out->path, problem);
    if (statx(AT_FDCWD, out->path, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT,
              STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID, &out->stx) < 0)
        return provider_fail_errno(call, errno, NULL, "lstat %.256s", out->path);
    if (directory && !S_ISDIR(out->stx.stx_mode))
        return provider_fail(call, WBEM_E_NOT_FOUND, "%.256s is not a directory (see %s)",
                             out->path, LINUX_FILE_CLASS);
    if (!directory && S_ISDIR(out->stx.stx_mode))
        return provider_fail(call, WBEM_E_NOT_FOUND, "%.256s is a directory (see %s)",
                             out->path, LINUX_DIRECTORY_CLASS);
    if (find_fs(call, out) < 0)
        return -1;
    if (strcmp(v[KEY_FSNAME], out->fs_name) != 0)
        return provider_fail(call, WBEM_E_NOT_FOUND, "no %s has FSName \"%.256s\" and Name "
                             "\"%.256s\": that file is on the file system mounted at \"%.256s\"",
                             cls, v[KEY_FSNAME], out->path, out->fs_name);
    return 0;
}

/* Linux_File.FileType of MODE. */
static unsigned
file_type(mode_t mode)
{
    if (S_ISREG(mode)) return 1;
    if (S_ISLNK(mode)) return 3;
    if (S_ISCHR(mode)) return 4;
    if (S_ISBLK(mode)) return 5;
    if (S_ISFIFO(mode)) return 6;
    if (S_ISSOCK(mode)) return 7;
    return 0;
}

static void
add_time(struct cim_build *b, const char *name, const struct statx_timestamp *t)
{
    cim_build_datetime(b, name, (time_t)t->tv_sec, (long)(t->tv_nsec / 1000), false);
}

static int
emit_file(struct provider_call *call, const struct linux_file *f, bool directory)
{
    const char *cls = directory ? LINUX_DIRECTORY_CLASS : LINUX_FILE_CLASS;
    char owner[LINUX_NAME_MAX], group[LINUX_NAME_MAX], devnum[32];
    const struct statx *st = &f->stx;
    struct cim_build b;

    snprintf(devnum, sizeof(devnum), "%u:%u", st->stx_dev_major, st->stx_dev_minor);
    cim_build_init(&b, cls);
    cim_build_string(&b, "CSCreationClassName", LINUX_CS_CLASS);
    cim_build_string(&b, "CSName", f->scope.host);
    cim_build_string(&b, "FSCreationClassName", LINUX_FS_CLASS);
    cim_build_string(&b, "FSName", f->fs_name);
    cim_build_string(&b, "CreationClassName", cls);
    cim_build_string(&b, "Name", f->path);
    cim_build_uint(&b, "FileSize", CIM_TYPE_UINT64, st->stx_size);
    add_time(&b, "LastModified", &st->stx_mtime);
    add_time(&b, "LastAccessed", &st->stx_atime);
    add_time(&b, "StatusChangeTime", &st->stx_ctime);
    if (st->stx_mask & STATX_BTIME)
        add_time(&b, "CreationDate", &st->stx_btime);
    else
        cim_build_null(&b, "CreationDate", CIM_TYPE_DATETIME, false);
    cim_build_bool(&b, "Readable", access(f->path, R_OK) == 0);
    cim_build_bool(&b, "Writeable", access(f->path, W_OK) == 0);
    cim_build_bool(&b, "Executable", access(f->path, X_OK) == 0);
    cim_build_uint(&b, "Mode", CIM_TYPE_UINT32, st->stx_mode & 07777);
    cim_build_uint(&b, "OwnerID", CIM_TYPE_UINT32, st->stx_uid);
    cim_build_string(&b, "OwnerName", linux_user_name(st->stx_uid, owner, sizeof(owner)));
    cim_build_uint(&b, "GroupID", CIM_TYPE_UINT32, st->stx_gid);
    cim_build_string(&b, "GroupName", linux_group_name(st->stx_gid, group, sizeof(group)));
    cim_build_uint(&b, "LinkCount", CIM_TYPE_UINT64, st->stx_nlink);
    cim_build_uint(&b, "Inode", CIM_TYPE_UINT64, st->stx_ino);
    cim_build_string(&b, "DeviceNumber", devnum);
    if (!directory) {
        char target[PATH_MAX];
        ssize_t n = -1;

        cim_build_uint(&b, "FileType", CIM_TYPE_UINT16, file_type(st->stx_mode));
        if (S_ISLNK(st->stx_mode))
            n = readlink(f->path, target, sizeof(target) - 1);
        if (n >= 0 && (size_t)n < sizeof(target) - 1) {
            target[n] = '\0';
            cim_build_string(&b, "SymbolicLinkTarget", target);
        } else {
            cim_build_null(&b, "SymbolicLinkTarget", CIM_TYPE_STRING, false);
        }
    }
    return provider_emit_build(call, &b);
}

static int
file_get(struct provider_call *call, const cim_instance *keys)
{
    struct linux_file f;

    if (linux_file_lookup(call, keys, false, &f) < 0)
        return -1;
    return emit_file(call, &f, false);
}

static int
directory_get(struct provider_call *call, const cim_instance *keys)
{
    struct linux_file f;

    if (linux_file_lookup(call, keys, true, &f) < 0)
        return -1;
    return emit_file(call, &f, true);
}

static int
file_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
            const cim_instance *params)
{
    if (strcasecmp(method, "Read") == 0)
        return linux_file_read(call, keys, params);
    return provider_no_method(call, method);
}

static int
directory_invoke(struct provider_call *call, const char *method, const cim_instance *keys,
                 const cim_instance *params)
{
    if (strcasecmp(method, "Read") == 0)
        return linux_directory_read(call, keys, params);
    return provider_no_method(call, method);
}

const struct provider_class linux_file_class = {
    .name = LINUX_FILE_CLASS,
    .get = file_get,
    .invoke = file_invoke,
};

const struct provider_class linux_directory_class = {
    .name = LINUX_DIRECTORY_CLASS,
    .get = directory_get,
    .invoke = directory_invoke,
};
