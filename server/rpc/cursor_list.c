/*
 * cursor_list.c: the per-connection cursor table (cursor_list.h).
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "rpc/cursor_list.h"

void
cursor_list_init(struct cursor_list *list)
{
    memset(list, 0, sizeof(*list));
}

static void
cursor_free(struct cursor *c)
{
    if (c->free_state != NULL && c->state != NULL)
        c->free_state(c->state);
    free(c);
}

static bool
cursor_list_id_taken(const struct cursor_list *list, uint64_t id)
{
    for (const struct cursor *c = list->head; c != NULL; c = c->next)
        if (c->id == id)
            return true;
    return false;
}

struct cursor *
cursor_list_add(struct cursor_list *list, uint64_t session, void *state,
                void (*free_state)(void *state), long long now_ms, int *full)
{
    struct cursor *c;

    *full = list->count >= CURSORS_PER_CONNECTION;
    if (*full || (c = calloc(1, sizeof(*c))) == NULL) {
        free_state(state);
        return NULL;
    }
    c->state = state;
    c->free_state = free_state;
    do {
        if (getrandom(&c->id, sizeof(c->id), 0) != (ssize_t)sizeof(c->id)) {
            cursor_free(c);
            return NULL;
        }
    } while (c->id == 0 || cursor_list_id_taken(list, c->id));
    c->session = session;
    c->last_used_ms = now_ms;
    c->next = list->head;
    list->head = c;
    list->count++;
    return c;
}

struct cursor *
cursor_list_find(struct cursor_list *list, uint64_t session, uint64_t id)
{
    for (struct cursor *c = list->head; c != NULL; c = c->next)
        if (c->id == id && c->session == session)
            return c;
    return NULL;
}

void
cursor_list_close(struct cursor_list *list, struct cursor *cursor)
{
    for (struct cursor **pp = &list->head; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == cursor) {
            *pp = cursor->next;
            list->count--;
            cursor_free(cursor);
            return;
        }
    }
}

/* Close the cursors for which KEEP is false; returns how many. */
static size_t
cursor_list_sweep(struct cursor_list *list, bool (*keep)(const struct cursor *c, const void *arg),
                  const void *arg)
{
    struct cursor **pp = &list->head;
    size_t closed = 0;

    while (*pp != NULL) {
        struct cursor *c = *pp;

        if (keep(c, arg)) {
            pp = &c->next;
            continue;
        }
        *pp = c->next;
        list->count--;
        cursor_free(c);
        closed++;
    }
    return closed;
}

static bool
cursor_other_session(const struct cursor *c, const void *arg)
{
    return c->session != *(const uint64_t *)arg;
}

void
cursor_list_close_session(struct cursor_list *list, uint64_t session)
{
    cursor_list_sweep(list, cursor_other_session, &session);
}

struct cursor_deadline {
    long long now_ms, idle_ms;
};

static bool
cursor_recent(const struct cursor *c, const void *arg)
{
    const struct cursor_deadline *d = arg;

    return d->now_ms - c->last_used_ms < d->idle_ms;
}

size_t
cursor_list_expire(struct cursor_list *list, long long now_ms, long long idle_ms)
{
    struct cursor_deadline d = { now_ms, idle_ms };

    return cursor_list_sweep(list, cursor_recent, &d);
}

static bool
cursor_none(const struct cursor *c, const void *arg)
{
    (void)c;
    (void)arg;
    return false;
}

void
cursor_list_close_all(struct cursor_list *list)
{
    cursor_list_sweep(list, cursor_none, NULL);
}
