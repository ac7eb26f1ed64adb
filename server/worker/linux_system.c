/*
 * linux_system.c: the scoping system, names of ids, login.defs and small
 * file readers shared by the "cimrpc-linux" classes (linux_system.h).
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "worker/linux_system.h"

#define OS_RELEASE_MAX 65536            /* bytes of os-release read */
#define NSS_BUF_MAX (1024 * 1024)       /* bytes getpwuid_r may ask for */

/* ------------------------------------------------------------- readers ---- */

int
linux_read_file(const char *path, char *buf, size_t len, size_t *len_out, bool *cut_out)
{
    size_t total = 0;
    int fd, saved;

    if (len_out)
        *len_out = 0;
    if (cut_out)
        *cut_out = false;
    if (len == 0) {
        errno = EINVAL;
        return -1;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    while (total < len - 1) {
        ssize_t n = read(fd, buf + total, len - 1 - total);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        total += (size_t)n;
    }
    if (total == len - 1 && cut_out) {
        char c;
        ssize_t n;

        do {
            n = read(fd, &c, 1);
        } while (n < 0 && errno == EINTR);
        *cut_out = n > 0;
    }
    close(fd);
    buf[total] = '\0';
    if (len_out)
        *len_out = total;
    return 0;
}

int
linux_read_line(const char *path, char *buf, size_t len)
{
    size_t n;

    if (linux_read_file(path, buf, len, &n, NULL) < 0)
        return -1;
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

int
linux_read_u64(const char *path, uint64_t *out)
{
    char buf[64], *p, *end;
    unsigned long long v;

    *out = 0;
    if (linux_read_file(path, buf, sizeof(buf), NULL, NULL) < 0)
        return -1;
    for (p = buf; isspace((unsigned char)*p); p++)
        ;
    if (!isdigit((unsigned char)*p)) {
        errno = EINVAL;
        return -1;
    }
    errno = 0;
    v = strtoull(p, &end, 10);
    if (errno)
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    if (*end) {
        errno = EINVAL;
        return -1;
    }
    *out = v;
    return 0;
}

/* ------------------------------------------------------------ identity ---- */

/* Copy the os-release value VAL (quoted or not) into OUT. */
static void
os_release_value(const char *val, char *out, size_t len)
{
    size_t o = 0;
    char quote = 0;

    if (*val == '"' || *val == '\'')
        quote = *val++;
    for (; *val && *val != '\n' && o + 1 < len; val++) {
        if (quote && *val == quote)
            break;
        if (quote == '"' && *val == '\\' && val[1] && val[1] != '\n')
            val++;
        out[o++] = *val;
    }
    out[o] = '\0';
}

void
linux_os_release_read(struct linux_os_release *out)
{
    static const char *const paths[] = { "/etc/os-release", "/usr/lib/os-release" };
    char *buf = malloc(OS_RELEASE_MAX);

    memset(out, 0, sizeof(*out));
    snprintf(out->name, sizeof(out->name), "Linux");
    if (!buf)
        return;
    for (size_t i = 0; i < 2; i++) {
        char *line, *save = NULL;

        if (linux_read_file(paths[i], buf, OS_RELEASE_MAX, NULL, NULL) < 0)
            continue;
        for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (strncmp(line, "NAME=", 5) == 0)
                os_release_value(line + 5, out->name, sizeof(out->name));
            else if (strncmp(line, "PRETTY_NAME=", 12) == 0)
                os_release_value(line + 12, out->pretty_name, sizeof(out->pretty_name));
            else if (strncmp(line, "ID=", 3) == 0)
                os_release_value(line + 3, out->id, sizeof(out->id));
            else if (strncmp(line, "VERSION_ID=", 11) == 0)
                os_release_value(line + 11, out->version_id, sizeof(out->version_id));
        }
        break;
    }
    if (!out->name[0])
        snprintf(out->name, sizeof(out->name), "Linux");
    free(buf);
}

int
linux_scope_read(struct provider_call *call, struct linux_scope *scope)
{
    struct linux_os_release rel;
    struct utsname u;

    if (uname(&u) < 0)
        return provider_fail_errno(call, errno, NULL, "uname()");
    snprintf(scope->host, sizeof(scope->host), "%s", u.nodename);
    linux_os_release_read(&rel);
    snprintf(scope->os, sizeof(scope->os), "%s", rel.name);
    return 0;
}

/* ---------------------------------------------------------- id names ---- */

/* The name of user (or, when GROUP, group) ID into BUF, or NULL. */
static const char *
id_name(bool group, unsigned int id, char *buf, size_t len)
{
    size_t size = 1024;
    const char *name = NULL;
    char *tmp = NULL;

    for (;;) {
        char *grown = realloc(tmp, size);
        const char *found = NULL;
        int rc;

        if (!grown)
            break;
        tmp = grown;
        if (group) {
            struct group gr, *res = NULL;

            rc = getgrgid_r((gid_t)id, &gr, tmp, size, &res);
            found = rc == 0 && res ? res->gr_name : NULL;
        } else {
            struct passwd pw, *res = NULL;

            rc = getpwuid_r((uid_t)id, &pw, tmp, size, &res);
            found = rc == 0 && res ? res->pw_name : NULL;
        }
        if (rc == ERANGE && size < NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        if (found && strlen(found) < len) {
            snprintf(buf, len, "%s", found);
            name = buf;
        }
        break;
    }
    free(tmp);
    return name;
}

const char *
linux_user_name(uid_t uid, char *buf, size_t len)
{
    return id_name(false, uid, buf, len);
}

const char *
linux_group_name(gid_t gid, char *buf, size_t len)
{
    return id_name(true, gid, buf, len);
}
