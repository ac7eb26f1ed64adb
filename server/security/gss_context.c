/*
 * gss_context.c: per-connection RPCSEC_GSS context table.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "common/clock.h"
#include "security/gss_context.h"

void
gss_context_list_init(struct gss_context_list *list)
{
    memset(list, 0, sizeof(*list));
}

struct gss_context *
gss_context_new(struct gss_context_list *list)
{
    struct gss_context *ctx;

    if (list->count >= GSS_CONTEXTS_PER_CONNECTION)
        return NULL;
    ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        return NULL;
    if (getrandom(ctx->handle, sizeof(ctx->handle), 0) != (ssize_t)sizeof(ctx->handle)) {
        free(ctx);
        return NULL;
    }
    ctx->gss = GSS_C_NO_CONTEXT;
    ctx->delegated = GSS_C_NO_CREDENTIAL;
    identity_init(&ctx->identity, CIMRPC_TRANSPORT_NETWORK);
    seq_window_init(&ctx->window);
    ctx->next = list->head;
    list->head = ctx;
    list->count++;
    return ctx;
}

struct gss_context *
gss_context_find(struct gss_context_list *list, const void *handle, size_t len)
{
    if (len != GSS_CONTEXT_HANDLE_LEN)
        return NULL;
    for (struct gss_context *ctx = list->head; ctx != NULL; ctx = ctx->next)
        if (memcmp(ctx->handle, handle, len) == 0)
            return ctx;
    return NULL;
}

void
gss_context_established(struct gss_context_list *list, struct gss_context *ctx,
                        unsigned int lifetime)
{
    ctx->established = true;
    ctx->expires_ms = clock_monotonic_ms() + (long long)lifetime * 1000;
    list->bound = ctx;
}

bool
gss_context_expired(const struct gss_context *ctx)
{
    return clock_monotonic_ms() >= ctx->expires_ms;
}

void
gss_context_destroy(struct gss_context_list *list, struct gss_context *ctx)
{
    struct gss_context **pp = &list->head;
    OM_uint32 minor;

    while (*pp != NULL && *pp != ctx)
        pp = &(*pp)->next;
    if (*pp == NULL)
        return;
    *pp = ctx->next;
    list->count--;
    if (list->bound == ctx) {
        list->bound = NULL;
        for (struct gss_context *c = list->head; c != NULL; c = c->next)
            if (c->established)
                list->bound = c;
    }
    if (ctx->gss != GSS_C_NO_CONTEXT)
        gss_delete_sec_context(&minor, &ctx->gss, GSS_C_NO_BUFFER);
    gss_release_cred(&minor, &ctx->delegated);
    identity_clear(&ctx->identity);
    free(ctx);
}

void
gss_context_destroy_all(struct gss_context_list *list)
{
    while (list->head != NULL)
        gss_context_destroy(list, list->head);
}
