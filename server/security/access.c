/*
 * access.c: the rights a caller holds on a namespace, from the
 * namespaces' security descriptors (see access.h), and the check with a
 * reason a caller can act on.
 */
#include <config.h>

#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/rights.h"
#include "common/wbem.h"
#include "log.h"
#include "repository/repo_security.h"
#include "security/access.h"
#include "security/privilege.h"
#include "security/sd.h"

static const struct {
    uint32_t bit;
    const char *name;
} access_names[] = {
    { CIMRPC_RIGHT_ENABLE, "Enable Account" },
    { CIMRPC_RIGHT_METHOD_EXECUTE, "Execute Methods" },
    { CIMRPC_RIGHT_FULL_WRITE, "Full Write" },
    { CIMRPC_RIGHT_PARTIAL_WRITE, "Partial Write" },
    { CIMRPC_RIGHT_WRITE_PROVIDER, "Provider Write" },
    { CIMRPC_RIGHT_REMOTE_ENABLE, "Remote Enable" },
    { CIMRPC_RIGHT_SUBSCRIBE, "Subscribe" },
    { CIMRPC_RIGHT_PUBLISH, "Publish" },
    { CIMRPC_RIGHT_READ_CONTROL, "Read Security" },
    { CIMRPC_RIGHT_WRITE_DAC, "Edit Security" },
};

void
access_rights_text(uint32_t rights, char *buf, size_t len)
{
    size_t used = 0;

    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(access_names) / sizeof(access_names[0]); i++) {
        int n;

        if (!(rights & access_names[i].bit))
            continue;
        n = snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", access_names[i].name);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(buf, len, "none");
}

/* The administrators' group (--admin-group); set once at startup. */
static gid_t access_admin_gid = IDENTITY_NO_GID;

int
access_set_admin_group(const char *name)
{
    struct group gr, *found = NULL;
    char buf[16384];

    if (getgrnam_r(name, &gr, buf, sizeof(buf), &found) != 0 || found == NULL) {
        log_msg(LOG_ERR, "--admin-group %s: there is no such local group", name);
        return -1;
    }
    access_admin_gid = gr.gr_gid;
    return 0;
}

/* Is CALLER (with a local account) a member of the administrators' group? */
static bool
access_in_admin_group(const struct caller_identity *caller)
{
    if (access_admin_gid == IDENTITY_NO_GID)
        return false;
    if (caller->gid == access_admin_gid)
        return true;
    for (size_t i = 0; i < caller->n_groups; i++)
        if (caller->groups[i] == access_admin_gid)
            return true;
    return false;
}

void
access_sd_caller(const struct caller_identity *caller, struct sd_caller *c)
{
    memset(c, 0, sizeof(*c));
    c->authenticated = caller->authenticated;
    c->network = caller->transport == CIMRPC_TRANSPORT_NETWORK;
    c->has_account = caller->account != NULL;
    c->administrator = c->has_account && (caller->uid == 0 || access_in_admin_group(caller));
    c->uid = caller->uid;
    c->gid = caller->gid;
    c->groups = caller->groups;
    c->n_groups = caller->n_groups;
    c->principal = caller->principal;
}

/* Walking root down to a namespace, each one's effective descriptor
 * computed from its parent's and its own. */
struct access_walk {
    cimrpc_sd effective;            /* of the last namespace walked; owned */
    bool started;
    bool failed;                    /* out of memory or too many ACEs */
    const char *target;             /* the namespace walked to */
    const struct sd_caller *caller; /* NULL: no traversal check */
    char blocked[CIMRPC_NAMESPACE_MAX + 1]; /* first ancestor without Enable, or "" */
};

static int
access_walk_step(const char *nspace, const cimrpc_sd *stored, void *arg)
{
    struct access_walk *w = arg;
    cimrpc_sd next, root;
    int rc;

    memset(&next, 0, sizeof(next));
    if (!w->started && stored == NULL) {
        /* root without a descriptor of its own has WMI's default */
        if (sd_default_root(&root) < 0) {
            w->failed = true;
            return 1;
        }
        rc = sd_inherit(NULL, &root, &next);
        sd_free(&root);
    } else {
        cimrpc_sd none;

        memset(&none, 0, sizeof(none));
        rc = sd_inherit(w->started ? &w->effective : NULL, stored != NULL ? stored : &none,
                        &next);
    }
    if (rc < 0) {
        w->failed = true;
        return 1;
    }
    sd_free(&w->effective);
    w->effective = next;
    w->started = true;
    if (w->caller != NULL && w->blocked[0] == '\0' && strcasecmp(nspace, w->target) != 0 &&
        !(sd_rights(&w->effective, w->caller) & CIMRPC_RIGHT_ENABLE))
        snprintf(w->blocked, sizeof(w->blocked), "%s", nspace);
    return 0;
}

/* Walk to NSPACE; with CALLER, note the first ancestor it may not enter
 * in W->blocked. */
static int
access_walk(struct repo *repo, const char *nspace, const struct sd_caller *caller,
            struct access_walk *w, cimrpc_sd *sd_out, struct repo_error *err)
{
    memset(w, 0, sizeof(*w));
    w->target = nspace;
    w->caller = caller;
    memset(sd_out, 0, sizeof(*sd_out));
    if (repo_security_chain(repo, nspace, access_walk_step, w, err) < 0 || w->failed ||
        !w->started) {
        if (w->failed)
            snprintf(err->message, sizeof(err->message), "the security descriptors from root "
                     "to %s cannot be combined (out of memory, or more than %d entries)",
                     nspace, CIMRPC_ACES_MAX);
        if (w->failed || !w->started)
            err->code = WBEM_E_FAILED;
        sd_free(&w->effective);
        return -1;
    }
    *sd_out = w->effective;
    return 0;
}

int
access_effective_sd(struct repo *repo, const char *nspace, cimrpc_sd *sd_out,
                    struct repo_error *err)
{
    struct access_walk w;

    return access_walk(repo, nspace, NULL, &w, sd_out, err);
}

/* CALLER's rights on NSPACE into *HELD, and in BLOCKED (LEN bytes) the
 * first ancestor it may not enter ("" when none).  0, or -1 with ERR. */
static int
access_rights_walk(struct repo *repo, const struct caller_identity *caller, const char *nspace,
                   uint32_t *held, char *blocked, size_t len, struct repo_error *err)
{
    struct access_walk w;
    struct sd_caller c;
    cimrpc_sd sd;

    *held = 0;
    access_sd_caller(caller, &c);
    if (access_walk(repo, nspace, &c, &w, &sd, err) < 0)
        return -1;
    *held = sd_rights(&sd, &c);
    snprintf(blocked, len, "%s", w.blocked);
    sd_free(&sd);
    return 0;
}

int
access_rights(struct repo *repo, const struct caller_identity *caller, const char *nspace,
              uint32_t *rights_out, struct repo_error *err)
{
    char blocked[CIMRPC_NAMESPACE_MAX + 1];

    return access_rights_walk(repo, caller, nspace, rights_out, blocked, sizeof(blocked), err);
}

/* The caller's name for messages. */
static const char *
access_who(const struct caller_identity *caller)
{
    return caller->principal != NULL ? caller->principal
           : caller->account != NULL ? caller->account : "the caller";
}

int
access_check(struct repo *repo, const struct caller_identity *caller, const char *nspace,
             uint32_t needed, char *why, size_t why_len)
{
    struct repo_error err = { "", 0 };
    char missing_text[256], held_text[256], blocked[CIMRPC_NAMESPACE_MAX + 1];
    uint32_t held, missing;
    bool bypass;

    if (access_rights_walk(repo, caller, nspace, &held, blocked, sizeof(blocked), &err) < 0) {
        /* Fail closed: no descriptor read, no access. */
        log_msg(LOG_WARNING, "access to %s refused: %s", nspace, err.message);
        snprintf(why, why_len, "the security of namespace %s cannot be read (%s); access is "
                 "refused until it can", nspace, err.message);
        return -1;
    }
    if (caller->transport == CIMRPC_TRANSPORT_NETWORK)
        needed |= CIMRPC_RIGHT_REMOTE_ENABLE;
    missing = needed & ~held;
    if (missing == 0 && blocked[0] != '\0') {
        /* Traversal: Enable Account on every ancestor, or bypass-traverse. */
        if (privilege_held(repo, caller, PRIVILEGE_BYPASS_TRAVERSE, &bypass, &err) < 0) {
            snprintf(why, why_len, "the privilege grants cannot be read (%s); access is "
                     "refused until they can", err.message);
            return -1;
        }
        if (bypass)
            return 0;
        snprintf(why, why_len, "%s may not reach namespace %s: it lacks Enable Account on "
                 "%s above it, and does not hold the bypass-traverse privilege",
                 access_who(caller), nspace, blocked);
        return -1;
    }
    if (missing == 0)
        return 0;
    access_rights_text(missing, missing_text, sizeof(missing_text));
    access_rights_text(held, held_text, sizeof(held_text));
    if (!caller->authenticated)
        snprintf(why, why_len, "an anonymous caller lacks %s on namespace %s (holds: %s); "
                 "authenticate with Kerberos or use the local socket", missing_text, nspace,
                 held_text);
    else
        snprintf(why, why_len, "%s lacks %s on namespace %s (holds: %s); the namespace's "
                 "security descriptor grants it (cimrpc acl get %s shows it)%s",
                 access_who(caller), missing_text, nspace, held_text, nspace,
                 (missing & CIMRPC_RIGHT_REMOTE_ENABLE) ? "; Remote Enable is needed for every "
                 "call over the network, and by default only Administrators (root and the "
                 "--admin-group) hold it" : "");
    return -1;
}
