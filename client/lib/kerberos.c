/*
 * kerberos.c: the client's Kerberos side of a connection: credentials, the
 * server's name, and errors a person can act on.
 *
 * Credentials come from the default credential cache, or, for unattended
 * use, from a client keytab: then gss_acquire_cred_from() keeps the
 * tickets in a private MEMORY: cache named after the process and a random
 * number, so no ticket cache is ever written to disk; the cache is
 * destroyed with the object.
 *
 * The work is done once per connection: the credential is acquired once
 * (with GSS_C_NO_CREDENTIAL, MIT looks for the default cache again on
 * every gss_init_sec_context()), the server's name is imported into the
 * krb5 mechanism once (else every context imports it again), and a krb5
 * context is held for the object's life: MIT shares a parsed krb5.conf
 * among the krb5 contexts alive in the process (each GSS call makes its
 * own), so the file is read once instead of at every call.
 *
 * libtirpc's authgss_create() reports no GSS status when it fails, so the
 * initiator's first step is run here once on its own (kerberos_check)
 * before every context is set up: a local failure is then described from
 * its major and minor status.  On the shared credential, the first check
 * also settles which cache the credential uses and puts the service
 * ticket there, so the real context only finds both again.  The minor
 * status of the krb5 mechanism is the krb5 error code, compared with the
 * KRB5_* constants of <krb5.h>.  Every message ends with the GSS text in
 * parentheses.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <krb5.h>

#include "error.h"
#include "kerberos.h"

/* At most this many messages are read from one gss_display_status(), and
 * at most this many bytes of each are kept. */
#define KERBEROS_STATUS_MESSAGES_MAX 8
#define KERBEROS_STATUS_MESSAGE_LEN_MAX 1024

/* ------------------------------------------------------------ status text */

/* Append "SEP PIECE" to *TEXT (a NULL *TEXT starts it).  0 or -1 (ENOMEM;
 * *TEXT is then freed and NULL). */
static int
kerberos_append(char **text, const char *sep, const char *piece, size_t len)
{
    char *joined;

    if (asprintf(&joined, "%s%s%.*s", *text ? *text : "", *text ? sep : "", (int)len,
                 piece) < 0) {
        free(*text);
        *text = NULL;
        return -1;
    }
    free(*text);
    *text = joined;
    return 0;
}

/* The krb5 library's text for CODE, as a new string, or NULL. */
static char *
kerberos_code_text(krb5_error_code code)
{
    krb5_context ctx;
    const char *msg;
    char *text = NULL;

    if (krb5_init_context(&ctx) != 0)
        return NULL;
    msg = krb5_get_error_message(ctx, code);
    if (msg != NULL && *msg != '\0')
        text = strdup(msg);
    krb5_free_error_message(ctx, msg);
    krb5_free_context(ctx);
    return text;
}

/* The text of CODE, a GSS (TYPE GSS_C_GSS_CODE) or krb5 (GSS_C_MECH_CODE)
 * status, messages joined with "; ", without MIT's "Minor code may provide
 * more information" and final full stops.  A krb5 code this process never
 * produced (one a server sent back) is unknown to gss_display_status(), so
 * the krb5 library names it.  A new string, or NULL. */
static char *
kerberos_status_text(OM_uint32 code, int type)
{
    static const char more[] = "Minor code may provide more information";
    OM_uint32 msg_ctx = 0, minor;
    char *text = NULL;

    for (int i = 0; i < KERBEROS_STATUS_MESSAGES_MAX; i++) {
        gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
        OM_uint32 major = gss_display_status(&minor, code, type,
                                             type == GSS_C_MECH_CODE ? gss_mech_krb5
                                                                     : GSS_C_NO_OID,
                                             &msg_ctx, &buf);
        if (GSS_ERROR(major))
            break;
        const char *s = buf.value;
        size_t len = buf.length < KERBEROS_STATUS_MESSAGE_LEN_MAX ? buf.length
                                                                   : KERBEROS_STATUS_MESSAGE_LEN_MAX;
        while (len > 0 && s[len - 1] == '\0')
            len--;
        if (len >= sizeof(more) - 1 && memcmp(s + len - (sizeof(more) - 1), more,
                                              sizeof(more) - 1) == 0)
            len -= sizeof(more) - 1;
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
            len--;
        int rc = len > 0 ? kerberos_append(&text, "; ", s, len) : 0;
        gss_release_buffer(&minor, &buf);
        if (rc < 0 || msg_ctx == 0)
            break;
    }
    if (text == NULL && type == GSS_C_MECH_CODE)
        text = kerberos_code_text((krb5_error_code)code);
    return text;
}

/* "(GSS: major text; Kerberos: minor text)" for MAJOR and MINOR, as a new
 * string, or NULL when out of memory.  MINOR_TEXT_OUT (may be NULL)
 * receives the minor text alone (a new string, or NULL). */
static char *
kerberos_status(OM_uint32 major, OM_uint32 minor, char **minor_text_out)
{
    char *gss = kerberos_status_text(major, GSS_C_GSS_CODE);
    char *krb = minor != 0 ? kerberos_status_text(minor, GSS_C_MECH_CODE) : NULL;
    char *all = NULL;

    if (asprintf(&all, "(GSS: %s%s%s)", gss ? gss : "unknown status",
                 krb ? "; Kerberos: " : "", krb ? krb : "") < 0)
        all = NULL;
    free(gss);
    if (minor_text_out != NULL)
        *minor_text_out = krb;
    else
        free(krb);
    return all;
}

/* The realm a KDC failure concerns: named in MIT's message ("... for realm
 * 'R'"), else the client principal's, else the default realm.  A new
 * string, or NULL when unknown. */
static char *
kerberos_realm(const struct kerberos *krb, const char *minor_text)
{
    const char *p = minor_text ? strstr(minor_text, "realm '") : NULL;
    const char *at = krb->principal ? strrchr(krb->principal, '@') : NULL;
    krb5_context ctx;
    char *realm = NULL, *def;

    if (p != NULL) {
        const char *q = strchr(p + 7, '\'');
        if (q != NULL && q > p + 7)
            return strndup(p + 7, (size_t)(q - (p + 7)));
    }
    if (at != NULL && at[1] != '\0')
        return strdup(at + 1);
    if (krb5_init_context(&ctx) != 0)
        return NULL;
    if (krb5_get_default_realm(ctx, &def) == 0) {
        realm = strdup(def);
        krb5_free_default_realm(ctx, def);
    }
    krb5_free_context(ctx);
    return realm;
}

/* Record the error for a local GSS failure (MAJOR, MINOR).  Always -1. */
static int
kerberos_error_local(const struct kerberos *krb, OM_uint32 major, OM_uint32 minor,
                     cimrpc_error **err_out)
{
    char *minor_text = NULL;
    char *status = kerberos_status(major, minor, &minor_text);
    const char *st = status ? status : "(GSS status unavailable: out of memory)";
    krb5_error_code code = (krb5_error_code)minor;
    OM_uint32 routine = GSS_ROUTINE_ERROR(major);
    char *realm = NULL;
    int rc;

    if (krb->keytab != NULL &&
        (code == KRB5_KT_NOTFOUND || code == KRB5_KT_KVNONOTFOUND ||
         code == KRB5KDC_ERR_PREAUTH_FAILED || code == KRB5KRB_AP_ERR_BAD_INTEGRITY)) {
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the keytab %s has no current key for "
                       "%s (its key version is out of date?): re-export it %s", krb->keytab,
                       krb->principal, st);
    } else if (code == KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN && krb->principal != NULL) {
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the KDC does not know the client "
                       "principal %s: check --principal %s", krb->principal, st);
    } else if (code == KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN) {
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the KDC does not know the service "
                       "principal %s/%s: check the host name (use the name in the server's "
                       "keytab, not an IP address) and --service %s", krb->service, krb->host, st);
    } else if (code == KRB5KRB_AP_ERR_SKEW) {
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "clock skew too great between this "
                       "machine and the KDC/server: synchronise the clocks %s", st);
    } else if (code == KRB5_KDC_UNREACH || code == KRB5_REALM_CANT_RESOLVE ||
               code == KRB5_REALM_UNKNOWN) {
        realm = kerberos_realm(krb, minor_text);
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot reach the Kerberos KDC for realm "
                       "%s; check krb5.conf and the network %s", realm ? realm : "(unknown)", st);
    } else if (routine == GSS_S_NO_CRED || routine == GSS_S_CREDENTIALS_EXPIRED ||
               code == KRB5KRB_AP_ERR_TKT_EXPIRED || code == KRB5_FCC_NOFILE ||
               code == KRB5_CC_NOTFOUND || code == KRB5_CC_END) {
        if (krb->keytab != NULL)
            rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot get a Kerberos ticket for %s "
                           "from the keytab %s: check --principal against the keytab's "
                           "principals (klist -k %s) %s", krb->principal, krb->keytab,
                           krb->keytab, st);
        else if (krb->principal != NULL)
            rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "no valid Kerberos ticket for %s: "
                           "run kinit %s (or use --keytab/--principal for unattended use) %s",
                           krb->principal, krb->principal, st);
        else
            rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "no valid Kerberos ticket: run kinit "
                           "(or use --keytab/--principal for unattended use) %s", st);
    } else {
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "Kerberos authentication to %s/%s "
                       "failed %s", krb->service, krb->host, st);
    }
    free(realm);
    free(minor_text);
    free(status);
    return rc;
}

int
kerberos_error_server(const struct kerberos *krb, const char *target, bool have_status,
                      OM_uint32 major, OM_uint32 minor, const char *detail,
                      cimrpc_error **err_out)
{
    char *status = have_status ? kerberos_status(major, minor, NULL) : NULL;
    int rc;

    if (have_status && status == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    if (status != NULL)
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the server at %s rejected the Kerberos "
                       "ticket (its keytab may be out of date, or it does not serve %s/%s): see "
                       "the server's log %s", target, krb->service, krb->host, status);
    else
        rc = error_set(err_out, CIMRPC_ERR_CONNECT, 0, "the server at %s rejected the Kerberos "
                       "ticket (its keytab may be out of date, or it does not serve %s/%s): see "
                       "the server's log (%s)", target, krb->service, krb->host,
                       detail ? detail : "the server sent no GSS status");
    free(status);
    return rc;
}

/* ---------------------------------------------------------- credentials */

/* A name for a private memory cache: unique in this process (the counter)
 * and hard to guess (the random part). */
static char *
kerberos_ccache_name(void)
{
    static atomic_uint counter;
    uint64_t nonce = 0;
    char *name;

    if (getrandom(&nonce, sizeof(nonce), GRND_NONBLOCK) != (ssize_t)sizeof(nonce))
        nonce = 0;          /* the counter alone keeps the name unique */
    if (asprintf(&name, "MEMORY:cimrpc-%ld-%u-%016llx", (long)getpid(),
                 atomic_fetch_add(&counter, 1), (unsigned long long)nonce) < 0)
        return NULL;
    return name;
}

/* Destroy KRB's private memory cache, if any (the credential using it is
 * released already).  A memory cache outlives its credential in the
 * process: destroying it makes its tickets go with the connection. */
static void
kerberos_destroy_ccache(struct kerberos *krb)
{
    krb5_context ctx = krb->ctx;
    krb5_ccache cc;

    if (krb->ccache == NULL)
        return;
    if (ctx != NULL || krb5_init_context(&ctx) == 0) {
        if (krb5_cc_resolve(ctx, krb->ccache, &cc) == 0)
            krb5_cc_destroy(ctx, cc);
        if (ctx != krb->ctx)
            krb5_free_context(ctx);
    }
    free(krb->ccache);
    krb->ccache = NULL;
}

/* Import NAME of type TYPE into *NAME_OUT.  0, or -1 with the error. */
static int
kerberos_import(const char *name, gss_OID type, gss_name_t *name_out, cimrpc_error **err_out)
{
    gss_buffer_desc buf = { .length = strlen(name), .value = (void *)name };
    OM_uint32 major, minor;
    char *status;

    major = gss_import_name(&minor, &buf, type, name_out);
    if (!GSS_ERROR(major))
        return 0;
    status = kerberos_status(major, minor, NULL);
    error_set(err_out, CIMRPC_ERR_CONNECT, 0, "'%s' is not a Kerberos name this system "
              "accepts %s", name, status ? status : "");
    free(status);
    return -1;
}

/* Import the server's name SERVICE@HOST into KRB->target as a name of the
 * krb5 mechanism, which gss_init_sec_context() then uses as it is.  A
 * failure is the one the first gss_init_sec_context() would report.  0,
 * or -1 with the error. */
static int
kerberos_import_target(struct kerberos *krb, const char *target, cimrpc_error **err_out)
{
    gss_name_t name = GSS_C_NO_NAME;
    OM_uint32 major, minor, ignored;

    if (kerberos_import(target, GSS_C_NT_HOSTBASED_SERVICE, &name, err_out) < 0)
        return -1;
    major = gss_canonicalize_name(&minor, name, gss_mech_krb5, &krb->target);
    gss_release_name(&ignored, &name);
    if (GSS_ERROR(major)) {
        krb->target = GSS_C_NO_NAME;
        return kerberos_error_local(krb, major, minor, err_out);
    }
    return 0;
}

/* Acquire the client credential as KRB says: without a principal, the
 * default cache's (MIT picks the cache at the first context, for the
 * server's name, as it would for GSS_C_NO_CREDENTIAL).  0, or -1 with the
 * error. */
static int
kerberos_acquire(struct kerberos *krb, cimrpc_error **err_out)
{
    gss_OID_set_desc mechs = { .count = 1, .elements = gss_mech_krb5 };
    gss_name_t name = GSS_C_NO_NAME;
    OM_uint32 major, minor;
    char *ktname = NULL;
    int rc = -1;

    if (krb->principal != NULL &&
        kerberos_import(krb->principal, GSS_KRB5_NT_PRINCIPAL_NAME, &name, err_out) < 0)
        return -1;
    if (krb->keytab != NULL) {
        if ((krb->ccache = kerberos_ccache_name()) == NULL ||
            asprintf(&ktname, "FILE:%s", krb->keytab) < 0) {
            ktname = NULL;
            error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
            goto cleanup;
        }
        gss_key_value_element_desc elements[] = {
            { .key = "client_keytab", .value = ktname },
            { .key = "ccache", .value = krb->ccache },
        };
        gss_key_value_set_desc store = { .count = 2, .elements = elements };
        major = gss_acquire_cred_from(&minor, name, GSS_C_INDEFINITE, &mechs, GSS_C_INITIATE,
                                      &store, &krb->cred, NULL, NULL);
    } else {
        major = gss_acquire_cred(&minor, name, GSS_C_INDEFINITE, &mechs, GSS_C_INITIATE,
                                 &krb->cred, NULL, NULL);
    }
    if (GSS_ERROR(major)) {
        krb->cred = GSS_C_NO_CREDENTIAL;
        kerberos_error_local(krb, major, minor, err_out);
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(ktname);
    gss_release_name(&minor, &name);
    return rc;
}

int
kerberos_new(const cimrpc_options *opts, struct kerberos **krb_out, cimrpc_error **err_out)
{
    struct kerberos *krb;
    char *target = NULL;
    int fd;

    *krb_out = NULL;
    if (opts->keytab != NULL && opts->principal == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a client keytab needs the principal "
                         "whose key it holds: give --principal with --keytab");
    krb = calloc(1, sizeof(*krb));
    if (krb == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    krb->cred = GSS_C_NO_CREDENTIAL;
    krb->target = GSS_C_NO_NAME;
    /* Only to keep krb5.conf parsed: without it the GSS calls below read it
     * themselves, and report a broken one in their own terms. */
    if (krb5_init_context(&krb->ctx) != 0)
        krb->ctx = NULL;
    if ((krb->service = strdup(opts->service)) == NULL ||
        (krb->host = strdup(opts->host)) == NULL ||
        (opts->principal != NULL && (krb->principal = strdup(opts->principal)) == NULL) ||
        (opts->keytab != NULL && (krb->keytab = strdup(opts->keytab)) == NULL) ||
        asprintf(&target, "%s@%s", opts->service, opts->host) < 0) {
        target = NULL;
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        goto fail;
    }
    if (krb->keytab != NULL) {
        fd = open(krb->keytab, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error_set(err_out, CIMRPC_ERR_CONNECT, 0, "cannot read the keytab %s: %s%s",
                      krb->keytab, strerror(errno), errno == EACCES ?
                      " (it must be readable by the user running cimrpc)" : "");
            goto fail;
        }
        close(fd);
    }
    if (kerberos_import_target(krb, target, err_out) < 0 || kerberos_acquire(krb, err_out) < 0)
        goto fail;
    free(target);
    *krb_out = krb;
    return 0;
fail:
    free(target);
    kerberos_free(krb);
    return -1;
}

void
kerberos_free(struct kerberos *krb)
{
    OM_uint32 minor;

    if (krb == NULL)
        return;
    if (krb->cred != GSS_C_NO_CREDENTIAL)
        gss_release_cred(&minor, &krb->cred);
    if (krb->target != GSS_C_NO_NAME)
        gss_release_name(&minor, &krb->target);
    kerberos_destroy_ccache(krb);
    if (krb->ctx != NULL)
        krb5_free_context(krb->ctx);
    free(krb->service);
    free(krb->host);
    free(krb->principal);
    free(krb->keytab);
    free(krb);
}

int
kerberos_check(const struct kerberos *krb, OM_uint32 flags, OM_uint32 *lifetime_out,
               cimrpc_error **err_out)
{
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_buffer_desc token = GSS_C_EMPTY_BUFFER;
    OM_uint32 major, minor, ignored, lifetime = 0;

    major = gss_init_sec_context(&minor, krb->cred, &ctx, krb->target, gss_mech_krb5, flags, 0,
                                 GSS_C_NO_CHANNEL_BINDINGS, GSS_C_NO_BUFFER, NULL, &token,
                                 NULL, &lifetime);
    gss_release_buffer(&ignored, &token);
    if (ctx != GSS_C_NO_CONTEXT)
        gss_delete_sec_context(&ignored, &ctx, GSS_C_NO_BUFFER);
    if (GSS_ERROR(major))
        return kerberos_error_local(krb, major, minor, err_out);
    if (lifetime_out != NULL)
        *lifetime_out = lifetime;
    return 0;
}

int
kerberos_refresh(struct kerberos *krb, cimrpc_error **err_out)
{
    OM_uint32 minor;

    if (krb->cred != GSS_C_NO_CREDENTIAL)
        gss_release_cred(&minor, &krb->cred);
    kerberos_destroy_ccache(krb);
    return kerberos_acquire(krb, err_out);
}
