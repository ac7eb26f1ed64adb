/*
 * gss_acceptor.c: acceptor credential, context acceptance and principal
 * mapping on MIT GSS-API and libkrb5.
 *
 * The credential is acquired once with gss_acquire_cred_from() from the
 * daemon's keytab, so the process environment (KRB5_KTNAME, a default
 * ccache) plays no part.  The krb5 context used for auth_to_local is one
 * per thread: krb5 contexts must not be shared between threads.
 */
#include <config.h>

#include <errno.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <krb5.h>
#include <profile.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "security/gss_acceptor.h"

/* Accounts below this uid are system accounts: never a caller's. */
#define GSS_ACCEPTOR_MIN_UID 1000

static gss_cred_id_t acceptor_cred = GSS_C_NO_CREDENTIAL;
static char *acceptor_service;
static _Thread_local krb5_context thread_krb5;
static unsigned int acceptor_clockskew = 300;  /* krb5.conf libdefaults clockskew */

static krb5_context
gss_acceptor_krb5(void)
{
    if (thread_krb5 == NULL && krb5_init_context(&thread_krb5) != 0)
        thread_krb5 = NULL;
    return thread_krb5;
}

/* Read the clock skew allowance, which MIT adds to every accepted
 * context's lifetime; the daemon takes it off again so a context ends
 * with its ticket. */
static void
gss_acceptor_read_clockskew(void)
{
    krb5_context kctx = gss_acceptor_krb5();
    profile_t profile = NULL;
    int skew = 300;

    if (kctx == NULL || krb5_get_profile(kctx, &profile) != 0)
        return;
    if (profile_get_integer(profile, "libdefaults", "clockskew", NULL, 300, &skew) == 0 && skew >= 0)
        acceptor_clockskew = (unsigned int)skew;
    profile_release(profile);
}

void
gss_acceptor_status_text(OM_uint32 major, OM_uint32 minor, char *buf, size_t len)
{
    OM_uint32 tmp, ctx = 0;
    gss_buffer_desc text;
    size_t used = 0;

    used += (size_t)snprintf(buf, len, "GSS:");
    do {
        if (gss_display_status(&tmp, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &text) != GSS_S_COMPLETE)
            break;
        if (used < len)
            used += (size_t)snprintf(buf + used, len - used, " %.*s", (int)text.length, (char *)text.value);
        gss_release_buffer(&tmp, &text);
    } while (ctx != 0);
    if (minor != 0) {
        ctx = 0;
        if (used < len)
            used += (size_t)snprintf(buf + used, len - used, "; Kerberos:");
        do {
            if (gss_display_status(&tmp, minor, GSS_C_MECH_CODE, (gss_OID)gss_mech_krb5, &ctx,
                                   &text) != GSS_S_COMPLETE)
                break;
            if (used < len)
                used += (size_t)snprintf(buf + used, len - used, " %.*s", (int)text.length,
                                         (char *)text.value);
            gss_release_buffer(&tmp, &text);
        } while (ctx != 0);
    }
}

int
gss_acceptor_init(const char *keytab, const char *service, bool required)
{
    gss_key_value_element_desc elem = { .key = "keytab", .value = keytab };
    gss_key_value_set_desc store = { .count = 1, .elements = &elem };
    OM_uint32 major, minor;
    char why[512];

    if (keytab == NULL) {
        log_msg(LOG_INFO, "Kerberos disabled (--keytab none): only the local socket and "
                "authentication level none are available");
        return 0;
    }
    if (access(keytab, R_OK) < 0) {
        snprintf(why, sizeof(why), "cannot read keytab %s: %s", keytab, strerror(errno));
        goto unavailable;
    }
    major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                                  GSS_C_ACCEPT, &store, &acceptor_cred, NULL, NULL);
    if (GSS_ERROR(major)) {
        char text[384];
        gss_acceptor_status_text(major, minor, text, sizeof(text));
        snprintf(why, sizeof(why), "cannot use keytab %s (%s)", keytab, text);
        goto unavailable;
    }
    acceptor_service = strdup(service);
    if (acceptor_service == NULL) {
        gss_release_cred(&minor, &acceptor_cred);
        log_msg(LOG_ERR, "out of memory");
        return -1;
    }
    gss_acceptor_read_clockskew();
    log_msg(LOG_INFO, "Kerberos enabled: service %s, keytab %s", service, keytab);
    return 0;

unavailable:
    if (required) {
        log_msg(LOG_ERR, "%s; fix the keytab or choose another with --keytab", why);
        return -1;
    }
    log_msg(LOG_WARNING, "%s; Kerberos is disabled: only the local socket and "
            "authentication level none are available", why);
    return 0;
}

bool
gss_acceptor_enabled(void)
{
    return acceptor_cred != GSS_C_NO_CREDENTIAL;
}

/* Is TARGET (the name the client asked for) our service, "SERVICE/..."? */
static bool
gss_acceptor_is_our_service(gss_ctx_id_t ctx)
{
    OM_uint32 minor;
    gss_name_t target = GSS_C_NO_NAME;
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
    size_t n = strlen(acceptor_service);
    bool ok = false;

    if (gss_inquire_context(&minor, ctx, NULL, &target, NULL, NULL, NULL, NULL, NULL) == GSS_S_COMPLETE &&
        gss_display_name(&minor, target, &text, NULL) == GSS_S_COMPLETE)
        ok = text.length > n && memcmp(text.value, acceptor_service, n) == 0 &&
             ((char *)text.value)[n] == '/';
    gss_release_buffer(&minor, &text);
    gss_release_name(&minor, &target);
    return ok;
}

OM_uint32
gss_acceptor_step(OM_uint32 *minor, gss_ctx_id_t *ctx, gss_buffer_t in, gss_buffer_t out,
                  gss_name_t *source_out, OM_uint32 *lifetime_out, OM_uint32 *flags_out,
                  gss_cred_id_t *delegated_out)
{
    OM_uint32 major, tmp;

    *source_out = GSS_C_NO_NAME;
    *delegated_out = GSS_C_NO_CREDENTIAL;
    major = gss_accept_sec_context(minor, ctx, acceptor_cred, in, GSS_C_NO_CHANNEL_BINDINGS,
                                   source_out, NULL, out, flags_out, lifetime_out, delegated_out);
    if (major == GSS_S_COMPLETE && *lifetime_out != GSS_C_INDEFINITE)
        *lifetime_out = *lifetime_out > acceptor_clockskew ? *lifetime_out - acceptor_clockskew : 0;
    if (major == GSS_S_COMPLETE && !gss_acceptor_is_our_service(*ctx)) {
        gss_release_name(&tmp, source_out);
        gss_release_cred(&tmp, delegated_out);
        *minor = 0;
        return GSS_S_BAD_NAME;
    }
    return major;
}


/* Map PRINCIPAL to a local account with auth_to_local; fill ID's account,
 * uid, gid and groups when the account is acceptable. */
static int
gss_acceptor_map(const char *principal, struct caller_identity *id)
{
    krb5_context kctx = gss_acceptor_krb5();
    krb5_principal p = NULL;
    char local[256];
    struct passwd pw, *found = NULL;
    char buf[4096];
    int rc = 0;

    if (kctx == NULL || krb5_parse_name(kctx, principal, &p) != 0) {
        log_msg(LOG_NOTICE, "principal %s: cannot be parsed for local mapping", principal);
        return 0;
    }
    if (krb5_aname_to_localname(kctx, p, sizeof(local), local) != 0) {
        log_msg(LOG_INFO, "principal %s maps to no local account (auth_to_local)", principal);
        goto out;
    }
    if (getpwnam_r(local, &pw, buf, sizeof(buf), &found) != 0 || found == NULL) {
        log_msg(LOG_INFO, "principal %s maps to %s, which is not a local account", principal, local);
        goto out;
    }
    if (pw.pw_uid == 0 || pw.pw_uid < GSS_ACCEPTOR_MIN_UID) {
        log_msg(LOG_NOTICE, "principal %s maps to system account %s (uid %ld); refused: "
                "Kerberos callers never act as root or a system account", principal, local,
                (long)pw.pw_uid);
        goto out;
    }
    rc = identity_set_account(id, pw.pw_uid, pw.pw_gid, pw.pw_name);
out:
    krb5_free_principal(kctx, p);
    return rc;
}

int
gss_acceptor_identity(gss_name_t source, struct caller_identity *id)
{
    OM_uint32 minor;
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
    int rc = -1;

    if (gss_display_name(&minor, source, &text, NULL) != GSS_S_COMPLETE)
        return -1;
    id->principal = strndup(text.value, text.length);
    gss_release_buffer(&minor, &text);
    if (id->principal == NULL)
        return -1;
    id->authenticated = true;
    rc = gss_acceptor_map(id->principal, id);
    return rc;
}

void
gss_acceptor_thread_exit(void)
{
    if (thread_krb5 != NULL) {
        krb5_free_context(thread_krb5);
        thread_krb5 = NULL;
    }
}

void
gss_acceptor_shutdown(void)
{
    OM_uint32 minor;

    gss_release_cred(&minor, &acceptor_cred);
    free(acceptor_service);
    acceptor_service = NULL;
    gss_acceptor_thread_exit();
}
