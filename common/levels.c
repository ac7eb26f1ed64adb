/*
 * levels.c: names of DCOM authentication and impersonation levels.
 */
#include <config.h>

#include <stddef.h>
#include <strings.h>

#include "common/levels.h"

struct level_name {
    int value;
    const char *name;
};

static const struct level_name authn_names[] = {
    { LEVELS_AUTHN_DEFAULT, "default" },
    { LEVELS_AUTHN_NONE, "none" },
    { LEVELS_AUTHN_CONNECT, "connect" },
    { LEVELS_AUTHN_CALL, "call" },
    { LEVELS_AUTHN_PKT, "pkt" },
    { LEVELS_AUTHN_PKT_INTEGRITY, "pktintegrity" },
    { LEVELS_AUTHN_PKT_PRIVACY, "pktprivacy" },
};

static const struct level_name imp_names[] = {
    { LEVELS_IMP_DEFAULT, "default" },
    { LEVELS_IMP_ANONYMOUS, "anonymous" },
    { LEVELS_IMP_IDENTIFY, "identify" },
    { LEVELS_IMP_IMPERSONATE, "impersonate" },
    { LEVELS_IMP_DELEGATE, "delegate" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int
levels_lookup(const struct level_name *table, size_t n, const char *name, int *value_out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(table[i].name, name) == 0) {
            *value_out = table[i].value;
            return 0;
        }
    }
    return -1;
}

static const char *
levels_name(const struct level_name *table, size_t n, int value)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].value == value)
            return table[i].name;
    return "unknown";
}

int
levels_authn_parse(const char *name, enum levels_authn *level_out)
{
    int value;

    if (name == NULL || levels_lookup(authn_names, COUNT(authn_names), name, &value) < 0)
        return -1;
    *level_out = (enum levels_authn)value;
    return 0;
}

int
levels_imp_parse(const char *name, enum levels_imp *level_out)
{
    int value;

    if (name == NULL || levels_lookup(imp_names, COUNT(imp_names), name, &value) < 0)
        return -1;
    *level_out = (enum levels_imp)value;
    return 0;
}

const char *
levels_authn_name(int level)
{
    return levels_name(authn_names, COUNT(authn_names), level);
}

const char *
levels_imp_name(int level)
{
    return levels_name(imp_names, COUNT(imp_names), level);
}

const char *
levels_authn_names(void)
{
    return "none, connect, call, pkt, pktintegrity, pktprivacy";
}

const char *
levels_imp_names(void)
{
    return "identify, impersonate, delegate";
}
