/*
 * kerberos.h: the client's Kerberos side of a connection (internal):
 * credentials, the server's name, and errors a person can act on.
 */
#ifndef CIMRPC_CLIENT_KERBEROS_H
#define CIMRPC_CLIENT_KERBEROS_H

#include <stdbool.h>
#include <gssapi/gssapi.h>

#include "cimrpc/cimrpc.h"
#include "options.h"

struct kerberos {
    gss_cred_id_t cred;         /* GSS_C_NO_CREDENTIAL: the default ccache */
    gss_name_t target;          /* SERVICE@HOST, host-based */
    char *service;              /* for messages */
    char *host;
    char *principal;            /* client principal, or NULL for the default */
    char *keytab;               /* client keytab path, or NULL */
    char *ccache;               /* private MEMORY: cache (keytab only), or NULL */
};

/* Prepare Kerberos for a connection as OPTS say (OPTS borrowed): check the
 * keytab, acquire the credential (from the keytab into a private memory
 * cache, or the default cache), import the server's name SERVICE@HOST.
 * On success the caller owns *krb_out (free with kerberos_free()). */
int kerberos_new(const cimrpc_options *opts, struct kerberos **krb_out, cimrpc_error **err_out);

/* Release the credential and name and destroy the private cache.  Accepts
 * NULL. */
void kerberos_free(struct kerberos *krb);

/* Run the initiator's first step once on its own (gss_init_sec_context with
 * FLAGS, the context then deleted), so that whatever is wrong on this side
 * (no ticket, KDC unreachable, unknown service, clock skew, stale keytab)
 * is found with its GSS status.  *LIFETIME_OUT (may be NULL): the seconds
 * a context made now would last (its ticket's).  Returns 0, or -1 with
 * *err_out set. */
int kerberos_check(const struct kerberos *krb, OM_uint32 flags, OM_uint32 *lifetime_out,
                   cimrpc_error **err_out);

/* With a client keytab: drop the private cache's tickets and get fresh ones
 * from the keytab (a new credential and cache).  Without one: nothing can
 * be done here, returns 0.  0, or -1 with *err_out set. */
int kerberos_refresh(struct kerberos *krb, cimrpc_error **err_out);

/* Record that the server at TARGET refused the context although this side
 * could start it.  HAVE_STATUS: MAJOR and MINOR are the status the server
 * sent back; otherwise DETAIL (may be NULL) says what the RPC layer saw.
 * Always -1. */
int kerberos_error_server(const struct kerberos *krb, const char *target, bool have_status,
                          OM_uint32 major, OM_uint32 minor, const char *detail,
                          cimrpc_error **err_out);

#endif
