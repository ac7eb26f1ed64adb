/*
 * offload.h: threads for work that must not run on an event loop.
 *
 * A call whose handler would block (provider code in a worker process,
 * which may take seconds) hands its slow part to these threads: the job
 * runs on one of them, then its completion is posted back to the loop
 * that owns the call (eventloop_post()), so everything that touches a
 * connection, a session or a loop's repository handle stays on the loop's
 * thread.  Jobs run in submission order as threads come free.
 */
#ifndef CIMRPC_OFFLOAD_H
#define CIMRPC_OFFLOAD_H

#include "transport/eventloop.h"

#define OFFLOAD_THREADS 8           /* jobs that may block at the same time */

struct offload_job {
    void (*run)(struct offload_job *job);   /* on an offload thread */
    eventloop_post_fn *done;                /* then posted to LOOP with the job */
    struct eventloop *loop;                 /* borrowed */
    struct offload_job *next;               /* the queue's */
};

struct offload;

/* Start THREADS threads (0: OFFLOAD_THREADS).  Returns the pool (free it
 * with offload_free()), or NULL (logged). */
struct offload *offload_new(unsigned int threads);

/* Queue JOB (borrowed until its done function is called).  Returns 0, or
 * -1 when the pool is stopping (JOB is then not run: the caller still
 * owns it). */
int offload_submit(struct offload *o, struct offload_job *job);

/*
 * Stop: jobs already running finish and post their completion; jobs not
 * yet started are not run, their done function is called here with
 * STOPPED true.  Then the threads are joined and O freed.  Call it
 * after the loops stopped and before they are freed (their pending
 * posts are then cancelled by eventloop_free()).  Accepts NULL.
 */
void offload_free(struct offload *o);

#endif
