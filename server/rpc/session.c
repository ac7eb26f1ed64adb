/*
 * session.c: per-connection session table.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "rpc/session.h"

void
session_list_init(struct session_list *list)
{
    memset(list, 0, sizeof(*list));
}

static void
session_free(struct session *s)
{
    for (size_t i = 0; i < s->n_privileges; i++)
        free(s->privileges[i]);
    free(s->privileges);
    free(s->nspace);
    identity_clear(&s->identity);
    free(s);
}

struct session *
session_open(struct session_list *list, const char *nspace, int authn_level, int imp_level,
             const struct caller_identity *identity, char *const *privileges, size_t n_privileges)
{
    struct session *s;

    if (list->count >= SESSIONS_PER_CONNECTION)
        return NULL;
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        return NULL;
    identity_init(&s->identity, identity->transport);
    do {
        if (getrandom(&s->id, sizeof(s->id), 0) != (ssize_t)sizeof(s->id))
            goto fail;
    } while (s->id == 0 || session_find(list, s->id) != NULL);
    s->authn_level = authn_level;
    s->imp_level = imp_level;
    if ((s->nspace = strdup(nspace)) == NULL || identity_copy(&s->identity, identity) < 0)
        goto fail;
    if (n_privileges > 0 && (s->privileges = calloc(n_privileges, sizeof(char *))) == NULL)
        goto fail;
    for (size_t i = 0; i < n_privileges; i++) {
        if ((s->privileges[i] = strdup(privileges[i])) == NULL)
            goto fail;
        s->n_privileges++;
    }
    s->next = list->head;
    list->head = s;
    list->count++;
    return s;
fail:
    session_free(s);
    return NULL;
}

struct session *
session_find(struct session_list *list, uint64_t id)
{
    for (struct session *s = list->head; s != NULL; s = s->next)
        if (s->id == id)
            return s;
    return NULL;
}

void
session_close(struct session_list *list, struct session *session)
{
    struct session **pp = &list->head;

    while (*pp != NULL && *pp != session)
        pp = &(*pp)->next;
    if (*pp == NULL)
        return;
    *pp = session->next;
    list->count--;
    session_free(session);
}

void
session_close_all(struct session_list *list)
{
    while (list->head != NULL)
        session_close(list, list->head);
}

bool
session_same_caller(const struct session *session, const struct caller_identity *id)
{
    const struct caller_identity *owner = &session->identity;

    if (owner->authenticated != id->authenticated || owner->transport != id->transport)
        return false;
    if (!owner->authenticated)
        return true;
    if (owner->principal != NULL || id->principal != NULL)
        return owner->principal != NULL && id->principal != NULL &&
               strcmp(owner->principal, id->principal) == 0;
    return owner->uid == id->uid;
}
