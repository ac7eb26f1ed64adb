/*
 * eventloop.h: a small epoll event loop.
 *
 * Each watched descriptor has one callback, called with the ready events
 * (EVENTLOOP_READ, EVENTLOOP_WRITE, EVENTLOOP_ERROR).  A callback may add,
 * change or remove any watch, including its own; removing a watch inside a
 * callback is safe for the remaining events of the same iteration.  One
 * loop is driven by one thread; only eventloop_stop() and eventloop_post()
 * may be called from another.
 */
#ifndef CIMRPC_EVENTLOOP_H
#define CIMRPC_EVENTLOOP_H

#include <stdbool.h>
#include <stdint.h>

#define EVENTLOOP_READ  0x1u
#define EVENTLOOP_WRITE 0x2u
#define EVENTLOOP_ERROR 0x4u
#define EVENTLOOP_EXCLUSIVE 0x8u    /* with eventloop_add: wake only one of the
                                       loops watching a shared descriptor */

struct eventloop;
struct eventloop_watch;

typedef void eventloop_fn(struct eventloop_watch *watch, int fd, uint32_t events, void *arg);

/* A new loop, or NULL (errno set).  Free with eventloop_free(). */
struct eventloop *eventloop_new(void);

/* Free the loop and every watch still registered (descriptors are not
 * closed).  Accepts NULL. */
void eventloop_free(struct eventloop *loop);

/* Watch FD for EVENTS, calling FN(watch, fd, events, ARG).  ARG is
 * borrowed.  Returns the watch (owned by the loop), or NULL (errno set). */
struct eventloop_watch *eventloop_add(struct eventloop *loop, int fd, uint32_t events,
                                      eventloop_fn *fn, void *arg);

/* Change the events of WATCH.  Returns 0 or -1 (errno set). */
int eventloop_modify(struct eventloop_watch *watch, uint32_t events);

/* Stop watching and free WATCH (the descriptor is not closed).  Must be
 * called before the descriptor is closed.  Accepts NULL. */
void eventloop_remove(struct eventloop_watch *watch);

/* Run until eventloop_stop(); TIMEOUT_FN, if set, is called about every
 * TICK_MS milliseconds (housekeeping such as idle timeouts).  Returns 0
 * after a stop, -1 on an epoll failure (logged). */
int eventloop_run(struct eventloop *loop, int tick_ms,
                  void (*timeout_fn)(void *arg), void *timeout_arg);

/* Make eventloop_run() return after the current iteration.  Safe from any
 * thread. */
void eventloop_stop(struct eventloop *loop);

/* A function posted to a loop: called on the loop's thread with ARG and
 * STOPPED false, or, when the loop is freed or its posts cancelled
 * before it ran, with STOPPED true (free ARG, touch nothing of the loop). */
typedef void eventloop_post_fn(void *arg, bool stopped);

/* Have the loop's thread call FN(ARG, false) soon, after what was posted
 * before.  Safe from any thread.  Returns 0, or -1 when out of memory
 * (FN is then never called). */
int eventloop_post(struct eventloop *loop, eventloop_post_fn *fn, void *arg);

/* Call FN(ARG, true) for everything posted and not yet run (on the
 * calling thread, once the loop no longer runs). */
void eventloop_cancel_posted(struct eventloop *loop);

#endif
