/*
 * levels.h: DCOM authentication and impersonation levels.
 *
 * Values are DCOM's (REFERENCE.md, "DCOM levels").  Names are the ones the
 * command line uses: none, connect, call, pkt, pktintegrity, pktprivacy;
 * anonymous, identify, impersonate, delegate.  Shared by server and client.
 */
#ifndef CIMRPC_LEVELS_H
#define CIMRPC_LEVELS_H

enum levels_authn {
    LEVELS_AUTHN_DEFAULT = 0,
    LEVELS_AUTHN_NONE = 1,
    LEVELS_AUTHN_CONNECT = 2,
    LEVELS_AUTHN_CALL = 3,
    LEVELS_AUTHN_PKT = 4,
    LEVELS_AUTHN_PKT_INTEGRITY = 5,
    LEVELS_AUTHN_PKT_PRIVACY = 6,
};

enum levels_imp {
    LEVELS_IMP_DEFAULT = 0,
    LEVELS_IMP_ANONYMOUS = 1,
    LEVELS_IMP_IDENTIFY = 2,
    LEVELS_IMP_IMPERSONATE = 3,
    LEVELS_IMP_DELEGATE = 4,
};

/* Parse a level name (case-insensitive) into *level_out.  Returns 0, or -1
 * when the name is unknown (*level_out untouched). */
int levels_authn_parse(const char *name, enum levels_authn *level_out);
int levels_imp_parse(const char *name, enum levels_imp *level_out);

/* The command-line name of a level: a static string, or "unknown". */
const char *levels_authn_name(int level);
const char *levels_imp_name(int level);

/* The list of valid names, for error messages: "none, connect, ...". */
const char *levels_authn_names(void);
const char *levels_imp_names(void);

#endif
