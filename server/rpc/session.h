/*
 * session.h: the sessions open on one connection.
 *
 * A session is a caller's negotiated use of one namespace: the effective
 * authentication level every call of the session must meet, the
 * impersonation level granted, the privileges requested, and a copy of
 * the identity that opened it.  Sessions live in their connection and are
 * named by random 64-bit ids, meaningless elsewhere.
 */
#ifndef CIMRPC_SESSION_H
#define CIMRPC_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config_policy.h"
#include "rpc/identity.h"

#define SESSIONS_PER_CONNECTION 64

struct session {
    struct session *next;
    uint64_t id;
    char *nspace;                       /* "root/cimv2" */
    int authn_level;                    /* effective: calls must meet it */
    int imp_level;                      /* granted */
    struct caller_identity identity;    /* who opened it (owned copy) */
    char **privileges;                  /* requested (owned) */
    size_t n_privileges;
    struct config_session_policy policy; /* the configuration when it opened */
};

struct session_list {
    struct session *head;
    size_t count;
};

void session_list_init(struct session_list *list);

/* Open a session: takes ownership of nothing; copies NSPACE, IDENTITY and
 * the privilege names.  Returns the session (owned by LIST), or NULL when
 * the connection holds SESSIONS_PER_CONNECTION already or on ENOMEM. */
struct session *session_open(struct session_list *list, const char *nspace, int authn_level,
                             int imp_level, const struct caller_identity *identity,
                             char *const *privileges, size_t n_privileges);

/* The session with ID, or NULL. */
struct session *session_find(struct session_list *list, uint64_t id);

/* Close and free SESSION. */
void session_close(struct session_list *list, struct session *session);

void session_close_all(struct session_list *list);

/* Does the caller ID act as the same party that opened SESSION?  The same
 * principal for Kerberos callers, the same uid for local callers; an
 * unauthenticated opener matches only unauthenticated callers. */
bool session_same_caller(const struct session *session, const struct caller_identity *id);

#endif
