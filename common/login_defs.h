/*
 * login_defs.h: numbers from /etc/login.defs (UID_MIN, GID_MIN, ...),
 * which say where the accounts of people begin and system accounts end.
 */
#ifndef CIMRPC_LOGIN_DEFS_H
#define CIMRPC_LOGIN_DEFS_H

/* The value of KEY (borrowed, such as "UID_MIN") in /etc/login.defs, a
 * positive decimal below UINT_MAX; DEF when the file, the key or a valid
 * value is missing (the last valid line wins, as login does). */
unsigned long login_defs_number(const char *key, unsigned long def);

#endif
