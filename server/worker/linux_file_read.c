/*
 * linux_file_read.c: Linux_File.Read and Linux_Directory.Read, done as
 * the worker's account so that the file's permissions apply.
 *
 * Both answer within one reply.  Read returns at most FILE_READ_MAX bytes
 * per call, whatever Length asks (up to the MOF's 1 MiB): a uint8[]
 * travels as one XDR scalar of 12 bytes per byte, so 4 KiB of data is
 * 48 KiB of reply.  Fewer bytes than asked may come back, as the MOF
 * says; EndOfFile tells whether the end was reached (the read asks one
 * byte more to know).  Directory.Read lists the entries in byte order
 * and returns as many of Count as fit DIR_REPLY_BUDGET bytes;
 * EndOfDirectory says whether the last was returned.  A directory of
 * more than DIR_ENTRIES_MAX entries or DIR_BYTES_MAX bytes of names is
 * refused rather than read into memory.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/wbem.h"
#include "worker/linux_file.h"
#include "worker/provider_args.h"

#define FILE_READ_MAX 4096              /* bytes of Data per call */
#define FILE_LENGTH_MAX 1048576         /* the MOF's MaxValue of Length */
#define DIR_COUNT_MAX 10000             /* the MOF's MaxValue of Count */
#define DIR_REPLY_BUDGET 49152          /* bytes of Entries per reply */
#define DIR_ENTRIES_MAX 1000000
#define DIR_BYTES_MAX (64 * 1024 * 1024)

int
linux_file_read(struct provider_call *call, const cim_instance *keys,
                const cim_instance *params)
{
    static const char *const names[] = { "Offset", "Length" };
    unsigned char *buf = NULL;
    struct cim_build out;
    struct linux_file f;
    uint64_t offset, length;
    bool has_offset, has_length;
    ssize_t got;
    struct stat st;
    int fd = -1, rc = -1;

    if (provider_method_target(call, "Read", keys, false) < 0 ||
        provider_params_check(call, "Read", params, names, 2) < 0 ||
        provider_param_uint(call, "Read", params, "Offset", CIM_TYPE_UINT64, false, 0,
                            INT64_MAX, &offset, &has_offset) < 0 ||
        provider_param_uint(call, "Read", params, "Length", CIM_TYPE_UINT32, true, 0,
                            FILE_LENGTH_MAX, &length, &has_length) < 0 ||
        linux_file_lookup(call, keys, false, &f) < 0)
        return -1;
    if (!S_ISREG(f.stx.stx_mode))
        return provider_fail(call, WBEM_E_NOT_SUPPORTED, "%.256s is not a regular file; Read "
                             "reads only regular files", f.path);
    if (length > FILE_READ_MAX)
        length = FILE_READ_MAX;
    fd = open(f.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return provider_fail_errno(call, errno, NULL, "open %.256s", f.path);
    if (fstat(fd, &st) < 0) {
        provider_fail_errno(call, errno, NULL, "fstat %.256s", f.path);
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode)) {
        provider_fail(call, WBEM_E_NOT_FOUND, "%.256s changed while it was opened", f.path);
        goto cleanup;
    }
    buf = malloc(length + 1);
    if (!buf) {
        provider_fail_oom(call);
        goto cleanup;
    }
    do {
        got = pread(fd, buf, length + 1, (off_t)offset);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        provider_fail_errno(call, errno, NULL, "read %.256s", f.path);
        goto cleanup;
    }
    cim_build_init(&out, "__PARAMETERS");
    cim_build_bytes(&out, "Data", buf, (size_t)got > length ? length : (size_t)got);
    cim_build_bool(&out, "EndOfFile", (size_t)got <= length);
    rc = provider_emit_return(call, &out, 0);
cleanup:
    free(buf);
    close(fd);
    return rc;
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
names_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Every entry of the directory at PATH but "." and "..", sorted: *V_OUT
 * (N_OUT names).  0 or -1 with the error recorded. */
static int
list_dir(struct provider_call *call, const char *path, char ***v_out, size_t *n_out)
{
    size_t n = 0, cap = 0, bytes = 0;
    struct dirent *de;
    char **v = NULL;
    DIR *d;
    int fd;

    *v_out = NULL;
    *n_out = 0;
    fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return provider_fail_errno(call, errno, NULL, "open %.256s", path);
    d = fdopendir(fd);
    if (!d) {
        close(fd);
        return provider_fail_errno(call, errno, NULL, "opendir %.256s", path);
    }
    while ((errno = 0, de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        bytes += strlen(de->d_name) + 1;
        if (n == DIR_ENTRIES_MAX || bytes > DIR_BYTES_MAX) {
            provider_fail(call, WBEM_E_PROVIDER_NOT_CAPABLE, "%.256s has more than %d entries "
                          "or %d bytes of names; Read lists no larger directory", path,
                          DIR_ENTRIES_MAX, DIR_BYTES_MAX);
            goto fail;
        }
        if (n == cap) {
            char **grown = reallocarray(v, cap ? cap * 2 : 64, sizeof(*v));

            if (!grown)
                goto oom;
            v = grown;
            cap = cap ? cap * 2 : 64;
        }
        if (!(v[n] = strdup(de->d_name)))
            goto oom;
        n++;
    }
    if (errno) {
        provider_fail_errno(call, errno, NULL, "reading the directory %.256s", path);
        goto fail;
    }
    closedir(d);
    qsort(v, n, sizeof(*v), cmp_name);
    *v_out = v;
    *n_out = n;
    return 0;
oom:
    provider_fail_oom(call);
fail:
    closedir(d);
    names_free(v, n);
    return -1;
}

/* The most XDR bytes NAME can take in Entries (a byte that is not ASCII
 * may become the three bytes of U+FFFD). */
static size_t
entry_cost(const char *name)
{
    size_t len = 0;

    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        len += *p < 0x80 ? 1 : 3;
    return 8 + ((len + 3) & ~(size_t)3);        /* discriminant, length, padded text */
}

int
linux_directory_read(struct provider_call *call, const cim_instance *keys,
                     const cim_instance *params)
{
    static const char *const names[] = { "Offset", "Count" };
    struct cim_build out;
    struct linux_file f;
    uint64_t offset, count;
    bool has_offset, has_count;
    size_t n, first, taken = 0, cost = 0;
    char **v;

    if (provider_method_target(call, "Read", keys, false) < 0 ||
        provider_params_check(call, "Read", params, names, 2) < 0 ||
        provider_param_uint(call, "Read", params, "Offset", CIM_TYPE_UINT64, false, 0,
                            UINT64_MAX, &offset, &has_offset) < 0 ||
        provider_param_uint(call, "Read", params, "Count", CIM_TYPE_UINT32, true, 0,
                            DIR_COUNT_MAX, &count, &has_count) < 0 ||
        linux_file_lookup(call, keys, true, &f) < 0 ||
        list_dir(call, f.path, &v, &n) < 0)
        return -1;
    first = offset < n ? (size_t)offset : n;
    while (first + taken < n && taken < count) {
        size_t c = entry_cost(v[first + taken]);

        if (cost + c > DIR_REPLY_BUDGET)
            break;
        cost += c;
        taken++;
    }
    cim_build_init(&out, "__PARAMETERS");
    cim_build_strings(&out, "Entries", (const char *const *)(v + first), taken);
    cim_build_bool(&out, "EndOfDirectory", first + taken >= n);
    names_free(v, n);
    return provider_emit_return(call, &out, 0);
}
