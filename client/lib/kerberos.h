/*
 * kerberos.h: the client's Kerberos side of a connection (internal):
 * credentials, the server's name, and errors a person can act on.
 */
#ifndef CIMRPC_CLIENT_KERBEROS_H
#define CIMRPC_CLIENT_KERBEROS_H

#include <stdbool.h>
#include <gssapi/gssapi.h>
#include <krb5.h>

#include "cimrpc/cimrpc.h"
#include "options.h"

struct kerberos {
    krb5_context ctx;           /* held for krb5.conf (see kerberos.c), or NULL */
    gss_cred_id_t cred;         /* the initiator's; GSS_C_NO_CREDENTIAL only after a
                                 * refresh failed */
    gss_name_t target;          /* SERVICE@HOST, host-based, as a krb5 name */
    char *service;              /* for messages */
    char *host;
    char *principal;            /* client principal, or NULL for the default */
    char *keytab;               /* client keytab path, or NULL */
    char *ccache;               /* private MEMORY: cache (keytab only), or NULL */
};

/* Prepare Kerberos for a connection as OPTS say (OPTS borrowed): check the
 * keytab, import the server's name SERVICE@HOST into the krb5 mechanism,
 * acquire the initiator credential once (from the keytab into a private
 * memory cache, from the cache holding the principal's tickets, or from
 * the default cache), which every context of the connection then uses.
 * A missing or empty ticket cache is found here.  On success the caller
 * owns *krb_out (free with kerberos_free()). */
int kerberos_new(const cimrpc_options *opts, struct kerberos **krb_out, cimrpc_error **err_out);

/* Release the credential and name, destroy the private cache and let
 * krb5.conf go.  Accepts NULL. */
void kerberos_free(struct kerberos *krb);

/* Run the initiator's first step once on its own (gss_init_sec_context with
 * FLAGS, the context then deleted), so that whatever is wrong on this side
 * (no ticket, KDC unreachable, unknown service, clock skew, stale keytab)
 * is found with its GSS status.  *LIFETIME_OUT (may be NULL): the seconds
 * a context made now would last (its ticket's).  Returns 0, or -1 with
 * *err_out set. */
int kerberos_check(const struct kerberos *krb, OM_uint32 flags, OM_uint32 *lifetime_out,
                   cimrpc_error **err_out);

/* Acquire the credential afresh.  With a client keytab: drop the private
 * cache's tickets and get new ones from the keytab (a new credential and
 * cache).  Without one: find the ticket cache again, so that tickets got
 * since (a kinit) are used.  0, or -1 with *err_out set (the credential is
 * then GSS_C_NO_CREDENTIAL). */
int kerberos_refresh(struct kerberos *krb, cimrpc_error **err_out);

/* Record that the server at TARGET refused the context although this side
 * could start it.  HAVE_STATUS: MAJOR and MINOR are the status the server
 * sent back; otherwise DETAIL (may be NULL) says what the RPC layer saw.
 * Always -1. */
int kerberos_error_server(const struct kerberos *krb, const char *target, bool have_status,
                          OM_uint32 major, OM_uint32 minor, const char *detail,
                          cimrpc_error **err_out);

#endif
