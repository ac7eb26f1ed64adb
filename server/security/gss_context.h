/*
 * gss_context.h: the RPCSEC_GSS contexts of one connection.
 *
 * Contexts live in their connection and die with it, so a handle is
 * meaningless on any other connection.  Each is named by 16 random bytes
 * (never a pointer), bounded in number per connection, and valid only
 * until its Kerberos ticket ends: an expired context is refused even
 * though GSS-API would keep using it.
 */
#ifndef CIMRPC_GSS_CONTEXT_H
#define CIMRPC_GSS_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <gssapi/gssapi.h>

#include "rpc/identity.h"
#include "security/seq_window.h"

#define GSS_CONTEXT_HANDLE_LEN 16
#define GSS_CONTEXTS_PER_CONNECTION 8

struct gss_context {
    struct gss_context *next;
    unsigned char handle[GSS_CONTEXT_HANDLE_LEN];
    gss_ctx_id_t gss;
    bool established;
    long long expires_ms;                   /* CLOCK_MONOTONIC; valid when established */
    struct seq_window window;
    struct caller_identity identity;        /* owned; authenticated when established */
    gss_cred_id_t delegated;                /* forwarded credential, or none */
};

struct gss_context_list {
    struct gss_context *head;
    size_t count;
    struct gss_context *bound;              /* latest established: Connect level */
};

void gss_context_list_init(struct gss_context_list *list);

/* A new, not yet established context with a fresh random handle, or NULL
 * when the connection holds GSS_CONTEXTS_PER_CONNECTION already or memory
 * ran out. */
struct gss_context *gss_context_new(struct gss_context_list *list);

/* The context named by HANDLE (LEN bytes), or NULL. */
struct gss_context *gss_context_find(struct gss_context_list *list, const void *handle, size_t len);

/* Mark CTX established for LIFETIME seconds and make it the connection's
 * bound context. */
void gss_context_established(struct gss_context_list *list, struct gss_context *ctx,
                             unsigned int lifetime);

/* Has CTX's ticket ended? */
bool gss_context_expired(const struct gss_context *ctx);

/* Remove and free CTX (deleting the GSS context and any delegated
 * credential). */
void gss_context_destroy(struct gss_context_list *list, struct gss_context *ctx);

/* Free every context of the list. */
void gss_context_destroy_all(struct gss_context_list *list);

#endif
