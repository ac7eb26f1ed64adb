/*
 * linux_filesystem.c: Linux_FileSystem, the mounts of the worker's mount
 * namespace (linux_mounts.c) with the sizes statvfs() gives the worker's
 * account.
 *
 * Name and Root are the mount point.  Sizes are NULL where statvfs()
 * fails for the account (a mount point under a directory it may not
 * search), and for autofs mount points, where statvfs() would trigger
 * the automount.  ReadOnly is true when either the mount or the
 * superblock is read-only.  MountOptions lists the mount's options then
 * the superblock's, each once.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "common/wbem.h"
#include "worker/linux_mounts.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"

#define OPTIONS_MAX 256                 /* mount options listed */

enum { KEY_CSCC, KEY_CSNAME, KEY_CC, KEY_NAME, NKEYS };

/* Split the comma-separated A then B into V (at most OPTIONS_MAX,
 * borrowed from the copies in BUF), each once.  Returns the count. */
static size_t
options_split(char *a, char *b, const char **v)
{
    char *lists[2] = { a, b };
    size_t n = 0;

    for (int l = 0; l < 2; l++) {
        char *save = NULL;

        for (char *o = strtok_r(lists[l], ",", &save); o && n < OPTIONS_MAX;
             o = strtok_r(NULL, ",", &save)) {
            size_t i;

            for (i = 0; i < n && strcmp(v[i], o) != 0; i++)
                ;
            if (i == n)
                v[n++] = o;
        }
    }
    return n;
}

static bool
has_option(const char *list, const char *opt)
{
    size_t n = strlen(opt);

    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");

        if (len == n && strncmp(p, opt, n) == 0)
            return true;
        p += len;
        if (*p == ',')
            p++;
    }
    return false;
}

static int
emit_mount(struct provider_call *call, const struct linux_scope *scope,
           const struct linux_mount *m, bool keys_only)
{
    char devnum[32], *a = NULL, *b = NULL;
    const char *opts[OPTIONS_MAX];
    struct cim_build bld;
    struct statvfs sv;
    size_t nopts;

    cim_build_init(&bld, LINUX_FS_CLASS);
    cim_build_string(&bld, "CSCreationClassName", LINUX_CS_CLASS);
    cim_build_string(&bld, "CSName", scope->host);
    cim_build_string(&bld, "CreationClassName", LINUX_FS_CLASS);
    cim_build_string(&bld, "Name", m->point);
    if (keys_only)
        return provider_emit_build(call, &bld);
    a = strdup(m->options);
    b = strdup(m->super_options);
    if (!a || !b) {
        free(a);
        free(b);
        cim_build_clear(&bld);
        return provider_fail_oom(call);
    }
    nopts = options_split(a, b, opts);
    snprintf(devnum, sizeof(devnum), "%u:%u", m->major, m->minor);
    cim_build_string(&bld, "Root", m->point);
    cim_build_string(&bld, "MountSource", m->source);
    cim_build_strings(&bld, "MountOptions", opts, nopts);
    cim_build_uint(&bld, "MountID", CIM_TYPE_UINT32, m->id);
    cim_build_string(&bld, "DeviceNumber", devnum);
    cim_build_string(&bld, "FileSystemType", m->fstype);
    cim_build_bool(&bld, "ReadOnly",
                   has_option(m->options, "ro") || has_option(m->super_options, "ro"));
    if (strcmp(m->fstype, "autofs") != 0 && statvfs(m->point, &sv) == 0) {
        uint64_t frsize = sv.f_frsize ? sv.f_frsize : sv.f_bsize;

        cim_build_uint(&bld, "BlockSize", CIM_TYPE_UINT64, sv.f_bsize);
        cim_build_uint(&bld, "FileSystemSize", CIM_TYPE_UINT64, (uint64_t)sv.f_blocks * frsize);
        cim_build_uint(&bld, "AvailableSpace", CIM_TYPE_UINT64, (uint64_t)sv.f_bavail * frsize);
        cim_build_uint(&bld, "FreeSpace", CIM_TYPE_UINT64, (uint64_t)sv.f_bfree * frsize);
        cim_build_uint(&bld, "TotalInodes", CIM_TYPE_UINT64, sv.f_files);
        cim_build_uint(&bld, "FreeInodes", CIM_TYPE_UINT64, sv.f_ffree);
        cim_build_uint(&bld, "MaxFileNameLength", CIM_TYPE_UINT32, sv.f_namemax);
    } else {
        static const char *const sizes[] = { "BlockSize", "FileSystemSize", "AvailableSpace",
                                             "FreeSpace", "TotalInodes", "FreeInodes" };

        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
            cim_build_null(&bld, sizes[i], CIM_TYPE_UINT64, false);
        cim_build_null(&bld, "MaxFileNameLength", CIM_TYPE_UINT32, false);
    }
    free(a);
    free(b);
    return provider_emit_build(call, &bld);
}

static int
mounts_read(struct provider_call *call, struct linux_mounts *mounts)
{
    if (linux_mounts_read(mounts) < 0)
        return provider_fail_errno(call, errno, NULL, "reading /proc/self/mountinfo");
    return 0;
}

static int
filesystem_enumerate(struct provider_call *call)
{
    struct linux_scope scope;
    struct linux_mounts mounts;
    int rc = 0;

    if (linux_scope_read(call, &scope) < 0 || mounts_read(call, &mounts) < 0)
        return -1;
    for (size_t i = 0; i < mounts.n && rc == 0; i++)
        rc = emit_mount(call, &scope, &mounts.list[i], provider_call_keys_only(call));
    linux_mounts_free(&mounts);
    return rc;
}

static int
filesystem_get(struct provider_call *call, const cim_instance *keys)
{
    struct provider_key spec[NKEYS];
    const struct linux_mount *m;
    struct linux_scope scope;
    struct linux_mounts mounts;
    const char *v[NKEYS];
    int rc;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    spec[KEY_CSCC] = (struct provider_key){ "CSCreationClassName", LINUX_CS_CLASS, false };
    spec[KEY_CSNAME] = (struct provider_key){ "CSName", scope.host, false };
    spec[KEY_CC] = (struct provider_key){ "CreationClassName", LINUX_FS_CLASS, false };
    spec[KEY_NAME] = (struct provider_key){ "Name", NULL, false };
    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0 || mounts_read(call, &mounts) < 0)
        return -1;
    m = linux_mounts_by_point(&mounts, v[KEY_NAME]);
    if (m)
        rc = emit_mount(call, &scope, m, false);
    else
        rc = provider_fail(call, WBEM_E_NOT_FOUND, "no file system is mounted at \"%.256s\"",
                           v[KEY_NAME]);
    linux_mounts_free(&mounts);
    return rc;
}

const struct provider_class linux_filesystem_class = {
    .name = LINUX_FS_CLASS,
    .enumerate = filesystem_enumerate,
    .get = filesystem_get,
};
