/*
 * eventloop.c: epoll-based event loop.
 *
 * Watches live on a list owned by the loop.  A removed watch is only marked
 * dead and unlinked after the current batch of events is handled, so a
 * callback that removes another watch cannot leave a dangling pointer in
 * the batch still being processed.
 *
 * Other threads hand work to a loop with eventloop_post(): a list under a
 * mutex, and a write to the loop's eventfd, which the loop drains by
 * running each posted function in order.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "common/clock.h"
#include "log.h"
#include "transport/eventloop.h"

#define EVENTLOOP_BATCH 64

struct eventloop_watch {
    struct eventloop *loop;
    int fd;
    eventloop_fn *fn;
    void *arg;
    bool dead;
    struct eventloop_watch *next;
};

struct eventloop_post {
    eventloop_post_fn *fn;
    void *arg;
    struct eventloop_post *next;
};

struct eventloop {
    int epfd;
    int wake_fd;                        /* eventfd: stop and posts from afar */
    atomic_bool stopping;
    pthread_mutex_t post_lock;
    struct eventloop_post *posted, *posted_tail;
    struct eventloop_watch *watches;    /* live and dead */
    bool has_dead;
};

static uint32_t
eventloop_to_epoll(uint32_t events)
{
    uint32_t ev = 0;

    if (events & EVENTLOOP_READ)
        ev |= EPOLLIN;
    if (events & EVENTLOOP_WRITE)
        ev |= EPOLLOUT;
    /* EPOLLEXCLUSIVE allows only EPOLLIN and EPOLLOUT beside it. */
    if (events & EVENTLOOP_EXCLUSIVE)
        ev |= EPOLLEXCLUSIVE;
    else if (events & EVENTLOOP_READ)
        ev |= EPOLLRDHUP;
    return ev;
}

struct eventloop *
eventloop_new(void)
{
    struct eventloop *loop = calloc(1, sizeof(*loop));

    if (loop == NULL)
        return NULL;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };

    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    loop->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (loop->epfd < 0 || loop->wake_fd < 0 ||
        epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->wake_fd, &ev) < 0 ||
        (errno = pthread_mutex_init(&loop->post_lock, NULL)) != 0) {
        int saved = errno;
        if (loop->epfd >= 0)
            close(loop->epfd);
        if (loop->wake_fd >= 0)
            close(loop->wake_fd);
        free(loop);
        errno = saved;
        return NULL;
    }
    return loop;
}

static void
eventloop_reap(struct eventloop *loop)
{
    struct eventloop_watch **pp = &loop->watches;

    while (*pp != NULL) {
        struct eventloop_watch *w = *pp;
        if (w->dead) {
            *pp = w->next;
            free(w);
        } else {
            pp = &w->next;
        }
    }
    loop->has_dead = false;
}

/* Take the posted list (in posting order), leaving it empty. */
static struct eventloop_post *
eventloop_take_posted(struct eventloop *loop)
{
    struct eventloop_post *list;

    pthread_mutex_lock(&loop->post_lock);
    list = loop->posted;
    loop->posted = loop->posted_tail = NULL;
    pthread_mutex_unlock(&loop->post_lock);
    return list;
}

/* Run (or, when STOPPED, cancel) the functions posted so far. */
static void
eventloop_run_posted(struct eventloop *loop, bool stopped)
{
    struct eventloop_post *p = eventloop_take_posted(loop);

    while (p != NULL) {
        struct eventloop_post *next = p->next;

        p->fn(p->arg, stopped);
        free(p);
        p = next;
    }
}

int
eventloop_post(struct eventloop *loop, eventloop_post_fn *fn, void *arg)
{
    struct eventloop_post *p = calloc(1, sizeof(*p));
    uint64_t one = 1;

    if (p == NULL)
        return -1;
    p->fn = fn;
    p->arg = arg;
    pthread_mutex_lock(&loop->post_lock);
    if (loop->posted_tail != NULL)
        loop->posted_tail->next = p;
    else
        loop->posted = p;
    loop->posted_tail = p;
    pthread_mutex_unlock(&loop->post_lock);
    if (write(loop->wake_fd, &one, sizeof(one)) < 0)
        (void)0;                                /* a wake is already pending */
    return 0;
}

void
eventloop_cancel_posted(struct eventloop *loop)
{
    eventloop_run_posted(loop, true);
}

void
eventloop_free(struct eventloop *loop)
{
    if (loop == NULL)
        return;
    eventloop_run_posted(loop, true);
    pthread_mutex_destroy(&loop->post_lock);
    while (loop->watches != NULL) {
        struct eventloop_watch *w = loop->watches;
        loop->watches = w->next;
        free(w);
    }
    close(loop->epfd);
    close(loop->wake_fd);
    free(loop);
}

struct eventloop_watch *
eventloop_add(struct eventloop *loop, int fd, uint32_t events, eventloop_fn *fn, void *arg)
{
    struct epoll_event ev = { .events = eventloop_to_epoll(events) };
    struct eventloop_watch *w = calloc(1, sizeof(*w));

    if (w == NULL)
        return NULL;
    w->loop = loop;
    w->fd = fd;
    w->fn = fn;
    w->arg = arg;
    ev.data.ptr = w;
    if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
        int saved = errno;
        free(w);
        errno = saved;
        return NULL;
    }
    w->next = loop->watches;
    loop->watches = w;
    return w;
}

int
eventloop_modify(struct eventloop_watch *w, uint32_t events)
{
    struct epoll_event ev = { .events = eventloop_to_epoll(events), .data.ptr = w };

    return epoll_ctl(w->loop->epfd, EPOLL_CTL_MOD, w->fd, &ev);
}

void
eventloop_remove(struct eventloop_watch *w)
{
    if (w == NULL || w->dead)
        return;
    /* Failure means the fd is already gone from the set; nothing to undo. */
    (void)epoll_ctl(w->loop->epfd, EPOLL_CTL_DEL, w->fd, NULL);
    w->dead = true;
    w->loop->has_dead = true;
}

int
eventloop_run(struct eventloop *loop, int tick_ms, void (*timeout_fn)(void *), void *timeout_arg)
{
    struct epoll_event events[EVENTLOOP_BATCH];
    long long next_tick = clock_monotonic_ms() + tick_ms;

    while (!atomic_load(&loop->stopping)) {
        int wait_ms = -1;
        int n;

        if (timeout_fn != NULL) {
            long long left = next_tick - clock_monotonic_ms();
            wait_ms = left < 0 ? 0 : (int)left;
        }
        n = epoll_wait(loop->epfd, events, EVENTLOOP_BATCH, wait_ms);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            log_msg(LOG_ERR, "event loop failed: epoll_wait: %s", strerror(errno));
            return -1;
        }
        for (int i = 0; i < n; i++) {
            struct eventloop_watch *w = events[i].data.ptr;
            uint32_t ev = 0;
            uint64_t count;

            if (w == NULL) {                    /* the wake eventfd */
                if (read(loop->wake_fd, &count, sizeof(count)) < 0)
                    (void)0;                    /* already drained */
                eventloop_run_posted(loop, false);
                continue;
            }
            if (w->dead)
                continue;
            if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP))
                ev |= EVENTLOOP_READ;
            if (events[i].events & EPOLLOUT)
                ev |= EVENTLOOP_WRITE;
            if (events[i].events & EPOLLERR)
                ev |= EVENTLOOP_ERROR;
            w->fn(w, w->fd, ev, w->arg);
        }
        if (loop->has_dead)
            eventloop_reap(loop);
        if (timeout_fn != NULL && clock_monotonic_ms() >= next_tick) {
            timeout_fn(timeout_arg);
            next_tick = clock_monotonic_ms() + tick_ms;
        }
    }
    return 0;
}

void
eventloop_stop(struct eventloop *loop)
{
    uint64_t one = 1;

    atomic_store(&loop->stopping, true);
    if (write(loop->wake_fd, &one, sizeof(one)) < 0)
        (void)0;                                /* a wake is already pending */
}
