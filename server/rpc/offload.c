/*
 * offload.c: a fixed set of threads running blocking jobs off the event
 * loops (offload.h).  One mutex guards the queue; a condition wakes idle
 * threads.  A job whose completion cannot be posted (out of memory) is
 * completed on the thread with STOPPED true, so its owner frees it and
 * the call is dropped rather than leaked.
 */
#include <config.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rpc/offload.h"

struct offload {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct offload_job *head, *tail;
    bool stopping;
    pthread_t *threads;
    unsigned int n_threads;
};

static void *
offload_thread(void *arg)
{
    struct offload *o = arg;

    for (;;) {
        struct offload_job *job;

        pthread_mutex_lock(&o->lock);
        while (o->head == NULL && !o->stopping)
            pthread_cond_wait(&o->wake, &o->lock);
        if (o->head == NULL) {
            pthread_mutex_unlock(&o->lock);
            return NULL;
        }
        job = o->head;
        o->head = job->next;
        if (o->head == NULL)
            o->tail = NULL;
        pthread_mutex_unlock(&o->lock);

        job->run(job);
        if (eventloop_post(job->loop, job->done, job) < 0) {
            log_msg(LOG_ERR, "out of memory handing a finished call back to its loop; "
                    "the call is dropped");
            job->done(job, true);
        }
    }
}

struct offload *
offload_new(unsigned int threads)
{
    struct offload *o = calloc(1, sizeof(*o));

    if (threads == 0)
        threads = OFFLOAD_THREADS;
    if (o == NULL || (o->threads = calloc(threads, sizeof(*o->threads))) == NULL) {
        free(o);
        log_msg(LOG_ERR, "out of memory starting the provider call threads");
        return NULL;
    }
    if (pthread_mutex_init(&o->lock, NULL) != 0 || pthread_cond_init(&o->wake, NULL) != 0) {
        log_msg(LOG_ERR, "cannot create the provider call threads' lock");
        free(o->threads);
        free(o);
        return NULL;
    }
    for (unsigned int i = 0; i < threads; i++) {
        int err = pthread_create(&o->threads[i], NULL, offload_thread, o);

        if (err != 0) {
            log_msg(LOG_ERR, "cannot start a provider call thread: %s", strerror(err));
            offload_free(o);
            return NULL;
        }
        o->n_threads++;
    }
    return o;
}

int
offload_submit(struct offload *o, struct offload_job *job)
{
    int rc = -1;

    job->next = NULL;
    pthread_mutex_lock(&o->lock);
    if (!o->stopping) {
        if (o->tail != NULL)
            o->tail->next = job;
        else
            o->head = job;
        o->tail = job;
        pthread_cond_signal(&o->wake);
        rc = 0;
    }
    pthread_mutex_unlock(&o->lock);
    return rc;
}

void
offload_free(struct offload *o)
{
    struct offload_job *queued;

    if (o == NULL)
        return;
    pthread_mutex_lock(&o->lock);
    o->stopping = true;
    queued = o->head;
    o->head = o->tail = NULL;
    pthread_cond_broadcast(&o->wake);
    pthread_mutex_unlock(&o->lock);
    while (queued != NULL) {
        struct offload_job *next = queued->next;

        queued->done(queued, true);
        queued = next;
    }
    for (unsigned int i = 0; i < o->n_threads; i++)
        pthread_join(o->threads[i], NULL);
    pthread_cond_destroy(&o->wake);
    pthread_mutex_destroy(&o->lock);
    free(o->threads);
    free(o);
}
