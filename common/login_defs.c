/*
 * login_defs.c: reading numbers from /etc/login.defs (login_defs.h).
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/login_defs.h"

#define LOGIN_DEFS_PATH "/etc/login.defs"

unsigned long
login_defs_number(const char *key, unsigned long def)
{
    size_t klen = strlen(key);
    unsigned long v = def;
    char line[256];
    FILE *f;

    f = fopen(LOGIN_DEFS_PATH, "re");
    if (f == NULL)
        return def;
    while (fgets(line, sizeof(line), f) != NULL) {
        char *p = line, *end;
        unsigned long n;

        while (isspace((unsigned char)*p))
            p++;
        if (strncmp(p, key, klen) != 0 || !isspace((unsigned char)p[klen]))
            continue;
        p += klen;
        while (isspace((unsigned char)*p))
            p++;
        errno = 0;
        n = strtoul(p, &end, 10);
        if (errno == 0 && end != p && n > 0 && n < UINT_MAX)
            v = n;
    }
    if (fclose(f) != 0)
        return def;
    return v;
}
