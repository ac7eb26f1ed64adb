/*
 * gss_acceptor.h: the daemon's side of Kerberos context establishment.
 *
 * Holds the acceptor credential (the service key from the daemon's
 * keytab), accepts context tokens, and turns an authenticated principal
 * into a caller identity: the principal's name, and the local account the
 * realm's auth_to_local rules map it to (never uid 0 or a system account).
 */
#ifndef CIMRPC_GSS_ACCEPTOR_H
#define CIMRPC_GSS_ACCEPTOR_H

#include <stdbool.h>
#include <gssapi/gssapi.h>

#include "rpc/identity.h"

/* Acquire the acceptor credential from KEYTAB for service SERVICE.  A
 * NULL KEYTAB disables Kerberos.  When the keytab cannot be used: with
 * REQUIRED, returns -1 (logged); otherwise Kerberos stays disabled (logged
 * as a warning) and 0 is returned. */
int gss_acceptor_init(const char *keytab, const char *service, bool required);

/* Whether Kerberos contexts can be accepted. */
bool gss_acceptor_enabled(void);

/* One gss_accept_sec_context step with the acceptor credential.  On
 * GSS_S_COMPLETE, *SOURCE_OUT (caller frees with gss_release_name), the
 * context's remaining lifetime in seconds (until the ticket ends: MIT's
 * clock skew allowance is taken off), its flags, and a delegated
 * credential (or GSS_C_NO_CREDENTIAL; caller releases) are set.  OUT is
 * the token to return (caller releases with gss_release_buffer).  A
 * context accepted for another service than ours fails with
 * GSS_S_BAD_NAME. */
OM_uint32 gss_acceptor_step(OM_uint32 *minor, gss_ctx_id_t *ctx, gss_buffer_t in,
                            gss_buffer_t out, gss_name_t *source_out,
                            OM_uint32 *lifetime_out, OM_uint32 *flags_out,
                            gss_cred_id_t *delegated_out);

/* Fill ID (initialised by the caller) with the principal SOURCE and its
 * mapped local account.  A principal with no acceptable local account is
 * still authenticated; its account stays NULL and the reason is logged.
 * Returns 0, or -1 on allocation failure. */
int gss_acceptor_identity(gss_name_t source, struct caller_identity *id);

/* "GSS: ...; Kerberos: ..." text for MAJOR/MINOR, into BUF. */
void gss_acceptor_status_text(OM_uint32 major, OM_uint32 minor, char *buf, size_t len);

/* Release what the calling thread holds (its krb5 context); every thread
 * that accepted contexts calls it before it ends. */
void gss_acceptor_thread_exit(void);

/* Release the acceptor credential (and the calling thread's state). */
void gss_acceptor_shutdown(void);

#endif
