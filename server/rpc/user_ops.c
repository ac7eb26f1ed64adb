/*
 * user_ops.c: operations in progress per user (user_ops.h).
 *
 * A small table under one mutex: users with operations in progress are
 * few, and an entry goes when its count returns to zero.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpc/user_ops.h"

struct user_ops_entry {
    struct user_ops_entry *next;
    unsigned count;
    char key[USER_OPS_KEY_MAX];
};

static pthread_mutex_t user_ops_lock = PTHREAD_MUTEX_INITIALIZER;
static struct user_ops_entry *user_ops_head;

void
user_ops_key(const struct caller_identity *caller, char *key)
{
    if (caller->uid != IDENTITY_NO_UID)
        snprintf(key, USER_OPS_KEY_MAX, "uid:%lu", (unsigned long)caller->uid);
    else if (caller->principal != NULL)
        snprintf(key, USER_OPS_KEY_MAX, "principal:%s", caller->principal);
    else
        snprintf(key, USER_OPS_KEY_MAX, "anonymous");
}

static struct user_ops_entry **
user_ops_find(const char *key)
{
    struct user_ops_entry **p = &user_ops_head;

    while (*p != NULL && strcmp((*p)->key, key) != 0)
        p = &(*p)->next;
    return p;
}

bool
user_ops_begin(const char *key, unsigned limit, unsigned *in_progress_out)
{
    struct user_ops_entry **p, *e;
    bool started = false;

    pthread_mutex_lock(&user_ops_lock);
    p = user_ops_find(key);
    e = *p;
    if (e == NULL && (e = calloc(1, sizeof(*e))) != NULL) {
        snprintf(e->key, sizeof(e->key), "%s", key);
        e->next = user_ops_head;
        user_ops_head = e;
    }
    *in_progress_out = e != NULL ? e->count : 0;
    if (e != NULL && e->count < limit) {
        e->count++;
        started = true;
    }
    pthread_mutex_unlock(&user_ops_lock);
    return started;
}

void
user_ops_end(const char *key)
{
    struct user_ops_entry **p, *e;

    pthread_mutex_lock(&user_ops_lock);
    p = user_ops_find(key);
    if ((e = *p) != NULL && e->count > 0 && --e->count == 0) {
        *p = e->next;
        free(e);
    }
    pthread_mutex_unlock(&user_ops_lock);
}
