/*
 * linux_account.c: Linux_Account and Linux_Group, from the account and
 * group databases through NSS (getpwent(), getgrent(), getpwnam_r(),
 * getgrnam_r()), as the worker's account reads them.
 *
 * Password hashes are never read (the shadow databases are not opened).
 * NSS may return one name from two sources (files and a directory); an
 * enumeration reports each name once, the first seen, since Name is the
 * key.  Names longer than the MOF's MaxLen are left out: they cannot be
 * keys.  SystemAccount and SystemGroup compare with UID_MIN and GID_MIN
 * of /etc/login.defs (1000 when not set).
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/login_defs.h"
#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"

#define ACCOUNT_CLASS "Linux_Account"
#define GROUP_CLASS "Linux_Group"
#define ACCOUNT_NAME_MAX 1024           /* the MOF's MaxLen of CIM_Account.Name */
#define GROUP_NAME_MAX 256              /* the MOF's MaxLen of CIM_Group.Name */
#define SEEN_MAX (1u << 20)             /* names one enumeration remembers */
#define NSS_BUF_MAX (1024 * 1024)       /* bytes getpwnam_r may ask for */

/* ------------------------------------------------------ names seen ---- */

/* A set of names (open addressing, power-of-two size). */
struct seen {
    char **slot;
    size_t size, n;
};

static uint64_t
hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;        /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void
seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->size; i++)
        free(s->slot[i]);
    free(s->slot);
    memset(s, 0, sizeof(*s));
}

static int
seen_grow(struct seen *s)
{
    struct seen bigger = { NULL, s->size ? s->size * 2 : 256, s->n };

    bigger.slot = calloc(bigger.size, sizeof(char *));
    if (!bigger.slot)
        return -1;
    for (size_t i = 0; i < s->size; i++) {
        size_t j;

        if (!s->slot[i])
            continue;
        for (j = hash(s->slot[i]) & (bigger.size - 1); bigger.slot[j];
             j = (j + 1) & (bigger.size - 1))
            ;
        bigger.slot[j] = s->slot[i];
    }
    free(s->slot);
    *s = bigger;
    return 0;
}

/* Add NAME: 1 when it is new, 0 when it was there, -1 when out of
 * memory or beyond SEEN_MAX. */
static int
seen_add(struct seen *s, const char *name)
{
    size_t j;

    if (s->n == SEEN_MAX || ((s->n + 1) * 2 > s->size && seen_grow(s) < 0))
        return -1;
    for (j = hash(name) & (s->size - 1); s->slot[j]; j = (j + 1) & (s->size - 1))
        if (strcmp(s->slot[j], name) == 0)
            return 0;
    if (!(s->slot[j] = strdup(name)))
        return -1;
    s->n++;
    return 1;
}

/* Whether an enumeration reports NAME from database DB ("account"):
 * 1 when it is new and fits MAX bytes, 0 to skip it, -1 with the error
 * recorded. */
static int
seen_fresh(struct provider_call *call, struct seen *seen, const char *name, size_t max,
           const char *db)
{
    int fresh;

    if (strlen(name) > max)
        return 0;
    fresh = seen_add(seen, name);
    if (fresh < 0)
        return provider_fail(call, WBEM_E_PROVIDER_FAILURE, "the %s database lists more names "
                             "than the provider can hold (%u)", db, SEEN_MAX);
    return fresh;
}

/* ------------------------------------------------------- accounts ---- */

static int
emit_account(struct provider_call *call, const struct linux_scope *scope,
             const struct passwd *pw, unsigned long uid_min, bool keys_only)
{
    struct cim_build b;
    char uid[24];

    snprintf(uid, sizeof(uid), "%lu", (unsigned long)pw->pw_uid);
    cim_build_init(&b, ACCOUNT_CLASS);
    cim_build_string(&b, "SystemCreationClassName", LINUX_CS_CLASS);
    cim_build_string(&b, "SystemName", scope->host);
    cim_build_string(&b, "CreationClassName", ACCOUNT_CLASS);
    cim_build_string(&b, "Name", pw->pw_name);
    if (!keys_only) {
        cim_build_string(&b, "UserID", uid);
        cim_build_uint(&b, "UID", CIM_TYPE_UINT32, pw->pw_uid);
        cim_build_uint(&b, "GID", CIM_TYPE_UINT32, pw->pw_gid);
        cim_build_string(&b, "GECOS", pw->pw_gecos);
        cim_build_string(&b, "HomeDirectory", pw->pw_dir);
        cim_build_string(&b, "LoginShell", pw->pw_shell);
        cim_build_bool(&b, "SystemAccount", (unsigned long)pw->pw_uid < uid_min);
    }
    return provider_emit_build(call, &b);
}

/* The errno values getpwent() and getgrent() set on a real failure
 * (others may be left behind by NSS modules at the end). */
static bool
nss_failed(int err)
{
    return err == EIO || err == EINTR || err == EMFILE || err == ENFILE || err == ENOMEM ||
           err == ERANGE;
}

static int
account_enumerate(struct provider_call *call)
{
    unsigned long uid_min = login_defs_number("UID_MIN", 1000);
    bool keys_only = provider_call_keys_only(call);
    struct linux_scope scope;
    struct seen seen = { NULL, 0, 0 };
    struct passwd *pw;
    int rc = 0;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    setpwent();
    while (rc == 0 && (errno = 0, pw = getpwent())) {
        rc = seen_fresh(call, &seen, pw->pw_name, ACCOUNT_NAME_MAX, "account");
        if (rc == 1)
            rc = emit_account(call, &scope, pw, uid_min, keys_only);
    }
    if (rc == 0 && !pw && nss_failed(errno))
        rc = provider_fail_errno(call, errno, NULL, "reading the account database");
    endpwent();
    seen_free(&seen);
    return rc;
}

/* Look NAME up with getpwnam_r() (GROUP false) or getgrnam_r() (GROUP
 * true): 1 found (*BUF_OUT holds the data, freed by the caller), 0 not
 * found, -1 error recorded. */
static int
lookup(struct provider_call *call, bool group, const char *name, struct passwd *pw,
       struct group *gr, char **buf_out)
{
    size_t size = 1024;
    char *buf = NULL;

    *buf_out = NULL;
    for (;;) {
        char *grown = realloc(buf, size);
        void *res = NULL;
        int rc;

        if (!grown) {
            free(buf);
            return provider_fail_oom(call);
        }
        buf = grown;
        if (group)
            rc = getgrnam_r(name, gr, buf, size, (struct group **)&res);
        else
            rc = getpwnam_r(name, pw, buf, size, (struct passwd **)&res);
        if (rc == ERANGE && size < NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        if (rc != 0 && rc != ENOENT && rc != ESRCH) {
            free(buf);
            return provider_fail_errno(call, rc, NULL, "looking up the %s %.256s",
                                       group ? "group" : "account", name);
        }
        if (!res) {
            free(buf);
            return 0;
        }
        *buf_out = buf;
        return 1;
    }
}

static int
account_get(struct provider_call *call, const cim_instance *keys)
{
    enum { KEY_SCC, KEY_SNAME, KEY_CC, KEY_NAME, NKEYS };
    struct provider_key spec[NKEYS];
    struct linux_scope scope;
    struct passwd pw;
    const char *v[NKEYS];
    char *buf;
    int found, rc;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    spec[KEY_SCC] = (struct provider_key){ "SystemCreationClassName", LINUX_CS_CLASS, false };
    spec[KEY_SNAME] = (struct provider_key){ "SystemName", scope.host, false };
    spec[KEY_CC] = (struct provider_key){ "CreationClassName", ACCOUNT_CLASS, false };
    spec[KEY_NAME] = (struct provider_key){ "Name", NULL, false };
    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0)
        return -1;
    found = strlen(v[KEY_NAME]) > ACCOUNT_NAME_MAX ? 0 :
            lookup(call, false, v[KEY_NAME], &pw, NULL, &buf);
    if (found < 0)
        return -1;
    if (found == 0)
        return provider_fail(call, WBEM_E_NOT_FOUND, "no account is named \"%.256s\"",
                             v[KEY_NAME]);
    rc = emit_account(call, &scope, &pw, login_defs_number("UID_MIN", 1000), false);
    free(buf);
    return rc;
}

/* --------------------------------------------------------- groups ---- */

static int
emit_group(struct provider_call *call, const struct group *gr, unsigned long gid_min,
           bool keys_only)
{
    struct cim_build b;
    size_t n = 0;

    cim_build_init(&b, GROUP_CLASS);
    cim_build_string(&b, "CreationClassName", GROUP_CLASS);
    cim_build_string(&b, "Name", gr->gr_name);
    if (!keys_only) {
        while (gr->gr_mem && gr->gr_mem[n] && n < CIM_ARRAY_MAX)
            n++;
        cim_build_uint(&b, "GID", CIM_TYPE_UINT32, gr->gr_gid);
        cim_build_strings(&b, "Members", (const char *const *)gr->gr_mem, n);
        cim_build_bool(&b, "SystemGroup", (unsigned long)gr->gr_gid < gid_min);
    }
    return provider_emit_build(call, &b);
}

static int
group_enumerate(struct provider_call *call)
{
    unsigned long gid_min = login_defs_number("GID_MIN", 1000);
    bool keys_only = provider_call_keys_only(call);
    struct seen seen = { NULL, 0, 0 };
    struct group *gr;
    int rc = 0;

    setgrent();
    while (rc == 0 && (errno = 0, gr = getgrent())) {
        rc = seen_fresh(call, &seen, gr->gr_name, GROUP_NAME_MAX, "group");
        if (rc == 1)
            rc = emit_group(call, gr, gid_min, keys_only);
    }
    if (rc == 0 && !gr && nss_failed(errno))
        rc = provider_fail_errno(call, errno, NULL, "reading the group database");
    endgrent();
    seen_free(&seen);
    return rc;
}

static int
group_get(struct provider_call *call, const cim_instance *keys)
{
    enum { KEY_CC, KEY_NAME, NKEYS };
    struct provider_key spec[NKEYS] = {
        [KEY_CC] = { "CreationClassName", GROUP_CLASS, false },
        [KEY_NAME] = { "Name", NULL, false },
    };
    const char *v[NKEYS];
    struct group gr;
    char *buf;
    int found, rc;

    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0)
        return -1;
    found = strlen(v[KEY_NAME]) > GROUP_NAME_MAX ? 0 :
            lookup(call, true, v[KEY_NAME], NULL, &gr, &buf);
    if (found < 0)
        return -1;
    if (found == 0)
        return provider_fail(call, WBEM_E_NOT_FOUND, "no group is named \"%.256s\"",
                             v[KEY_NAME]);
    rc = emit_group(call, &gr, login_defs_number("GID_MIN", 1000), false);
    free(buf);
    return rc;
}

const struct provider_class linux_account_class = {
    .name = ACCOUNT_CLASS,
    .enumerate = account_enumerate,
    .get = account_get,
};

const struct provider_class linux_group_class = {
    .name = GROUP_CLASS,
    .enumerate = group_enumerate,
    .get = group_get,
};
