/*
 * cursor_list.h: the cursors open on one connection.
 *
 * A cursor is a result being read in pages (OPEN_CURSOR, FETCH N,
 * CLOSE_CURSOR).  It belongs to the session that opened it and is named
 * by a random 64-bit id, meaningless on other connections and to other
 * sessions.  The list bounds how many a connection holds, and closes a
 * cursor left unused for the idle timeout, when its session closes, and
 * with its connection.  What the cursor reads (its state) is the
 * procedures' business (procs/proc_cursor.h): the list holds it as an
 * opaque pointer and frees it with the function it was given.
 *
 * A connection lives on one event loop thread, so the list needs no lock.
 */
#ifndef CIMRPC_CURSOR_LIST_H
#define CIMRPC_CURSOR_LIST_H

#include <stddef.h>
#include <stdint.h>

#define CURSORS_PER_CONNECTION 16

struct cursor {
    struct cursor *next;
    uint64_t id;
    uint64_t session;                   /* the session that opened it */
    long long last_used_ms;             /* CLOCK_MONOTONIC milliseconds */
    void *state;                        /* owned, freed with free_state */
    void (*free_state)(void *state);
};

struct cursor_list {
    struct cursor *head;
    size_t count;
};

void cursor_list_init(struct cursor_list *list);

/*
 * Add a cursor of SESSION holding STATE, which the list owns from here
 * (also on failure, when it is freed at once with FREE_STATE).  NOW_MS is
 * the time of its opening.  Returns the cursor, or NULL when the
 * connection holds CURSORS_PER_CONNECTION already (*FULL set) or memory
 * or randomness ran out (*FULL clear).
 */
struct cursor *cursor_list_add(struct cursor_list *list, uint64_t session, void *state,
                               void (*free_state)(void *state), long long now_ms, int *full);

/* The cursor ID of SESSION, or NULL (another session's cursor is not
 * found either). */
struct cursor *cursor_list_find(struct cursor_list *list, uint64_t session, uint64_t id);

/* Close CURSOR (one of LIST's) and free its state. */
void cursor_list_close(struct cursor_list *list, struct cursor *cursor);

/* Close every cursor of SESSION. */
void cursor_list_close_session(struct cursor_list *list, uint64_t session);

/* Close the cursors unused for IDLE_MS or more at NOW_MS; returns how
 * many were closed. */
size_t cursor_list_expire(struct cursor_list *list, long long now_ms, long long idle_ms);

void cursor_list_close_all(struct cursor_list *list);

#endif
