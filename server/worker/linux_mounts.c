/*
 * linux_mounts.c: /proc/self/mountinfo, parsed and bounded
 * (linux_mounts.h).
 *
 * A line: ID PARENT MAJOR:MINOR ROOT POINT OPTIONS [OPTIONAL...] - FSTYPE
 * SOURCE SUPER_OPTIONS.  Duplicate mount points are removed after the
 * whole file is read: sorted by point (stable by position), the last of
 * each run is kept, then the survivors go back to file order.
 */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/linux_mounts.h"

#define FIELDS_MAX 64

/* Decode the octal escapes of S in place (\040 space, \011 tab, \012
 * newline, \134 backslash). */
static void
unescape(char *s)
{
    char *w = s;

    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static void
mount_free(struct linux_mount *m)
{
    free(m->point);
    free(m->options);
    free(m->fstype);
    free(m->source);
    free(m->super_options);
}

void
linux_mounts_free(struct linux_mounts *m)
{
    for (size_t i = 0; i < m->n; i++)
        mount_free(&m->list[i]);
    free(m->list);
    m->list = NULL;
    m->n = 0;
}

/* Parse LINE (modified) into *M.  0, or -1 with errno. */
static int
parse_line(char *line, struct linux_mount *m)
{
    char *f[FIELDS_MAX], *save = NULL, *tok;
    size_t n = 0, sep;

    memset(m, 0, sizeof(*m));
    for (tok = strtok_r(line, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
        if (n == FIELDS_MAX)
            goto bad;
        f[n++] = tok;
    }
    for (sep = 6; sep < n && strcmp(f[sep], "-") != 0; sep++)
        ;
    if (n < 10 || sep + 4 != n)
        goto bad;
    if (sscanf(f[0], "%u", &m->id) != 1 || sscanf(f[2], "%u:%u", &m->major, &m->minor) != 2)
        goto bad;
    for (size_t i = 3; i < n; i++)
        unescape(f[i]);
    m->point = strdup(f[4]);
    m->options = strdup(f[5]);
    m->fstype = strdup(f[sep + 1]);
    m->source = strdup(f[sep + 2]);
    m->super_options = strdup(f[sep + 3]);
    if (!m->point || !m->options || !m->fstype || !m->source || !m->super_options) {
        mount_free(m);
        errno = ENOMEM;
        return -1;
    }
    return 0;
bad:
    errno = EIO;
    return -1;
}

struct ranked {
    struct linux_mount m;
    size_t order;
};

static int
cmp_point(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c = strcmp(x->m.point, y->m.point);

    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int
cmp_order(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;

    return x->order < y->order ? -1 : x->order > y->order;
}

/* Keep the last mount of each mount point, in file order. */
static int
dedupe(struct ranked *r, size_t n, struct linux_mounts *out)
{
    size_t kept = 0;

    qsort(r, n, sizeof(*r), cmp_point);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && strcmp(r[i].m.point, r[i + 1].m.point) == 0)
            mount_free(&r[i].m);
        else
            r[kept++] = r[i];
    }
    qsort(r, kept, sizeof(*r), cmp_order);
    out->list = calloc(kept ? kept : 1, sizeof(*out->list));
    if (!out->list) {
        for (size_t i = 0; i < kept; i++)
            mount_free(&r[i].m);
        errno = ENOMEM;
        return -1;
    }
    for (size_t i = 0; i < kept; i++)
        out->list[i] = r[i].m;
    out->n = kept;
    return 0;
}

int
linux_mounts_read(struct linux_mounts *out)
{
    struct ranked *r = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    int rc = -1, saved = 0;
    FILE *f;

    out->list = NULL;
    out->n = 0;
    f = fopen("/proc/self/mountinfo", "re");
    if (!f)
        return -1;
    line = malloc(LINUX_MOUNT_LINE_MAX);
    if (!line) {
        saved = ENOMEM;
        goto cleanup;
    }
    while (fgets(line, LINUX_MOUNT_LINE_MAX, f)) {
        if (!strchr(line, '\n') && !feof(f)) {
            saved = EOVERFLOW;
            goto cleanup;
        }
        if (n == cap) {
            struct ranked *grown;

            if (cap == LINUX_MOUNTS_MAX) {
                saved = EOVERFLOW;
                goto cleanup;
            }
            cap = cap ? cap * 2 : 64;
            grown = reallocarray(r, cap, sizeof(*r));
            if (!grown) {
                saved = ENOMEM;
                goto cleanup;
            }
            r = grown;
        }
        if (parse_line(line, &r[n].m) < 0) {
            saved = errno;
            goto cleanup;
        }
        r[n].order = n;
        n++;
    }
    if (ferror(f)) {
        saved = EIO;
        goto cleanup;
    }
    if (dedupe(r, n, out) < 0) {
        saved = errno;
        n = 0;                          /* dedupe freed them */
        goto cleanup;
    }
    n = 0;                              /* moved to OUT */
    rc = 0;
cleanup:
    for (size_t i = 0; i < n; i++)
        mount_free(&r[i].m);
    free(r);
    free(line);
    fclose(f);
    if (rc < 0)
        errno = saved;
    return rc;
}

const struct linux_mount *
linux_mounts_by_id(const struct linux_mounts *m, unsigned int id)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->list[i].id == id)
            return &m->list[i];
    return NULL;
}

const struct linux_mount *
linux_mounts_by_point(const struct linux_mounts *m, const char *point)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->list[i].point, point) == 0)
            return &m->list[i];
    return NULL;
}

/* Is POINT a path prefix of PATH ("/a" of "/a/b" and "/a", "/" of all)? */
static bool
path_under(const char *path, const char *point)
{
    size_t n = strlen(point);

    if (strcmp(point, "/") == 0)
        return true;
    return strncmp(path, point, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

const struct linux_mount *
linux_mounts_holding(const struct linux_mounts *m, const char *path, unsigned int major,
                     unsigned int minor)
{
    const struct linux_mount *best = NULL;

    for (size_t i = 0; i < m->n; i++) {
        const struct linux_mount *c = &m->list[i];

        if (c->major != major || c->minor != minor || !path_under(path, c->point))
            continue;
        if (!best || strlen(c->point) >= strlen(best->point))
            best = c;
    }
    return best;
}
