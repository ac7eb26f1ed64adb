/*
 * cim_names.c: validation of namespace paths, element names and privilege
 * names.
 */
#include <config.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"

static bool __attribute__((format(printf, 3, 4)))
cim_names_refuse(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    if (why != NULL && why_len > 0) {
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool
cim_names_namespace_valid(const char *path, char *why, size_t why_len)
{
    size_t len = path != NULL ? strlen(path) : 0;
    bool segment_start = true;

    if (len == 0 || len > CIM_NAMES_NAMESPACE_MAX)
        return cim_names_refuse(why, why_len, "a namespace path has 1 to %d characters, "
                                "such as root/cimv2", CIM_NAMES_NAMESPACE_MAX);
    for (const char *p = path; *p; p++) {
        if (*p == '/') {
            if (segment_start)
                return cim_names_refuse(why, why_len, "'%.300s' has an empty segment; write "
                                        "segments joined by single slashes, such as "
                                        "root/cimv2", path);
            segment_start = true;
        } else if (isalnum((unsigned char)*p) || *p == '_') {
            segment_start = false;
        } else if (*p == '\\') {
            return cim_names_refuse(why, why_len, "'%.300s' uses '\\'; separate the segments "
                                    "with '/', such as root/cimv2", path);
        } else {
            return cim_names_refuse(why, why_len, "'%.300s' contains '%c'; namespace names "
                                    "use letters, digits and _", path, *p);
        }
    }
    if (segment_start)
        return cim_names_refuse(why, why_len, "'%.300s' ends with a slash", path);
    if (strncasecmp(path, "root", 4) != 0 || (path[4] != '\0' && path[4] != '/'))
        return cim_names_refuse(why, why_len, "'%.300s' is not below root; every namespace "
                                "starts with root/", path);
    return true;
}

bool
cim_names_element_valid(const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;

    if (n == 0 || n > CIM_NAMES_NAME_MAX || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    return true;
}

bool
cim_names_privilege_valid(const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;

    if (n == 0 || n > CIM_NAMES_NAME_MAX)
        return false;
    for (const char *p = name; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return false;
    return true;
}
