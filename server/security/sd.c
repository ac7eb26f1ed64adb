/*
 * sd.c: namespace security descriptors: the default, validation,
 * inheritance and evaluation (the model is described in sd.h).
 *
 * Memory: every string and array a descriptor holds comes from malloc, as
 * XDR's decoder allocates them, so sd_free() and xdr_free() are
 * interchangeable on any descriptor.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rights.h"
#include "common/utf8.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

/* ----------------------------------------------------- well-known ids --- */

struct sd_well_known_entry {
    unsigned int id;
    const char *alias;
    const char *name;
};

static const struct sd_well_known_entry sd_well_known[] = {
    { CIMRPC_WK_EVERYONE, "WD", "Everyone" },
    { CIMRPC_WK_AUTHENTICATED, "AU", "Authenticated Users" },
    { CIMRPC_WK_ANONYMOUS, "AN", "Anonymous" },
    { CIMRPC_WK_ADMINISTRATORS, "BA", "Administrators" },
    { CIMRPC_WK_NETWORK, "NU", "Network" },
    { CIMRPC_WK_LOCAL, "IU", "Local" },
    { CIMRPC_WK_SERVICE, "SU", "Service" },
    { CIMRPC_WK_LOCAL_SERVICE, "LS", "Local Service" },
    { CIMRPC_WK_NETWORK_SERVICE, "NS", "Network Service" },
    { CIMRPC_WK_SYSTEM, "SY", "System" },
};

#define SD_N_WELL_KNOWN (sizeof(sd_well_known) / sizeof(sd_well_known[0]))

/* The table's entry for well-known trustee ID, or NULL. */
static const struct sd_well_known_entry *
sd_well_known_find(unsigned int id)
{
    for (size_t i = 0; i < SD_N_WELL_KNOWN; i++)
        if (sd_well_known[i].id == id)
            return &sd_well_known[i];
    return NULL;
}

const char *
sd_well_known_alias(unsigned int id)
{
    const struct sd_well_known_entry *e = sd_well_known_find(id);

    return e != NULL ? e->alias : NULL;
}

const char *
sd_well_known_name(unsigned int id)
{
    const struct sd_well_known_entry *e = sd_well_known_find(id);

    return e != NULL ? e->name : NULL;
}

const char *
sd_principal_problem(const char *name)
{
    size_t len, at = SIZE_MAX;

    if (name == NULL || name[0] == '\0')
        return "a principal needs a name, e.g. P{alice@EXAMPLE.COM}";
    len = strnlen(name, CIMRPC_NAME_MAX + 1);
    if (len > CIMRPC_NAME_MAX)
        return "a principal name is at most 256 bytes";
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)name[i];
        uint32_t cp;
        size_t n;

        if (ch < 0x20 || ch == 0x7f)
            return "a principal name may not hold control characters";
        if (ch == '{' || ch == '}')
            return "a principal name may not hold braces";
        if (ch >= 0x80) {
            n = utf8_decode(name + i, len - i, &cp);
            if (n == 0)
                return "a principal name must be valid UTF-8";
            i += n;
            continue;
        }
        if (ch == '\\' && i + 1 < len) {        /* an escaped character */
            i += 2;
            continue;
        }
        if (ch == '@')
            at = i;
        i++;
    }
    if (at == SIZE_MAX || at == 0 || at + 1 == len)
        return "a principal needs a name and a realm, e.g. P{alice@EXAMPLE.COM}";
    return NULL;
}

/* ------------------------------------------------------------- memory --- */

static void
sd_trustee_free(cimrpc_trustee *t)
{
    free(t->name);
    memset(t, 0, sizeof(*t));
}

void
sd_free(cimrpc_sd *sd)
{
    if (sd == NULL)
        return;
    sd_trustee_free(&sd->owner);
    sd_trustee_free(&sd->group);
    if (sd->dacl.dacl_val != NULL)
        for (u_int i = 0; i < sd->dacl.dacl_len; i++)
            sd_trustee_free(&sd->dacl.dacl_val[i].trustee);
    free(sd->dacl.dacl_val);
    memset(sd, 0, sizeof(*sd));
}

/* Copy SRC into *DST (overwritten): a NULL name becomes "".  0 or -1. */
static int
sd_trustee_copy(const cimrpc_trustee *src, cimrpc_trustee *dst)
{
    dst->kind = src->kind;
    dst->id = src->id;
    dst->name = strdup(src->name != NULL ? src->name : "");
    return dst->name != NULL ? 0 : -1;
}

/* A trustee of kind WELL_KNOWN, id ID, into *T (overwritten).  0 or -1. */
static int
sd_trustee_well_known(cimrpc_trustee *t, unsigned int id)
{
    t->kind = CIMRPC_TRUSTEE_WELL_KNOWN;
    t->id = id;
    t->name = strdup("");
    return t->name != NULL ? 0 : -1;
}

/* Start *OUT (overwritten) with SRC's owner, group and DACL flags and room
 * for N ACEs (none used yet).  Returns 0, or -1 with *OUT empty. */
static int
sd_begin(const cimrpc_sd *src, u_int n, cimrpc_sd *out)
{
    memset(out, 0, sizeof(*out));
    if (n > CIMRPC_ACES_MAX) {
        errno = E2BIG;
        return -1;
    }
    if (sd_trustee_copy(&src->owner, &out->owner) < 0 ||
        sd_trustee_copy(&src->group, &out->group) < 0)
        goto fail;
    out->dacl_present = src->dacl_present;
    out->dacl_protected = src->dacl_protected;
    if (n > 0) {
        out->dacl.dacl_val = calloc(n, sizeof(*out->dacl.dacl_val));
        if (out->dacl.dacl_val == NULL)
            goto fail;
    }
    return 0;

fail:
    sd_free(out);
    errno = ENOMEM;
    return -1;
}

/* Append a copy of ACE to OUT's DACL (room reserved by sd_begin()) with
 * flags FLAGS.  Returns 0, or -1 (OUT unchanged). */
static int
sd_append(cimrpc_sd *out, const cimrpc_ace *ace, u_int flags)
{
    cimrpc_ace *dst = &out->dacl.dacl_val[out->dacl.dacl_len];

    if (sd_trustee_copy(&ace->trustee, &dst->trustee) < 0)
        return -1;
    dst->allow = ace->allow;
    dst->flags = flags;
    dst->mask = ace->mask;
    out->dacl.dacl_len++;
    return 0;
}

int
sd_copy(const cimrpc_sd *src, cimrpc_sd *out)
{
    u_int n = src->dacl.dacl_len;

    if (sd_begin(src, n, out) < 0)
        return -1;
    for (u_int i = 0; i < n; i++)
        if (sd_append(out, &src->dacl.dacl_val[i], src->dacl.dacl_val[i].flags) < 0) {
            sd_free(out);
            errno = ENOMEM;
            return -1;
        }
    return 0;
}

int
sd_default_root(cimrpc_sd *out)
{
    static const struct {
        unsigned int who;
        uint32_t mask;
    } aces[] = {
        { CIMRPC_WK_ADMINISTRATORS,
          CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_FULL_WRITE |
              CIMRPC_RIGHT_PARTIAL_WRITE | CIMRPC_RIGHT_WRITE_PROVIDER |
              CIMRPC_RIGHT_REMOTE_ENABLE | CIMRPC_RIGHT_READ_CONTROL | CIMRPC_RIGHT_WRITE_DAC },
        { CIMRPC_WK_NETWORK_SERVICE,
          CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_WRITE_PROVIDER },
        { CIMRPC_WK_LOCAL_SERVICE,
          CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_WRITE_PROVIDER },
        { CIMRPC_WK_AUTHENTICATED,
          CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | CIMRPC_RIGHT_WRITE_PROVIDER },
    };
    const u_int n = sizeof(aces) / sizeof(aces[0]);

    memset(out, 0, sizeof(*out));
    if (sd_trustee_well_known(&out->owner, CIMRPC_WK_ADMINISTRATORS) < 0 ||
        sd_trustee_well_known(&out->group, CIMRPC_WK_ADMINISTRATORS) < 0)
        goto fail;
    out->dacl_present = TRUE;
    out->dacl_protected = FALSE;
    out->dacl.dacl_val = calloc(n, sizeof(*out->dacl.dacl_val));
    if (out->dacl.dacl_val == NULL)
        goto fail;
    for (u_int i = 0; i < n; i++) {
        cimrpc_ace *ace = &out->dacl.dacl_val[i];

        if (sd_trustee_well_known(&ace->trustee, aces[i].who) < 0)
            goto fail;
        ace->allow = TRUE;
        ace->flags = CIMRPC_ACE_CONTAINER_INHERIT;
        ace->mask = aces[i].mask;
        out->dacl.dacl_len++;
    }
    return 0;

fail:
    sd_free(out);
    return -1;
}

/* --------------------------------------------------------- validation --- */

static void __attribute__((format(printf, 3, 4)))
sd_why(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    if (why == NULL || why_len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

/* Is trustee T well formed?  0, or -1 with the problem in PROBLEM
 * (PROBLEM_LEN bytes), phrased to follow "owner", "group" or an ACE. */
static int
sd_trustee_check(const cimrpc_trustee *t, char *problem, size_t problem_len)
{
    const char *bad;

    if (t->name != NULL && strnlen(t->name, CIMRPC_NAME_MAX + 1) > CIMRPC_NAME_MAX) {
        sd_why(problem, problem_len, "has a trustee name longer than %d bytes",
               CIMRPC_NAME_MAX);
        return -1;
    }
    switch (t->kind) {
    case CIMRPC_TRUSTEE_WELL_KNOWN:
        if (sd_well_known_alias(t->id) != NULL)
            return 0;
        sd_why(problem, problem_len,
               "names well-known trustee %u, which does not exist (the well-known trustees "
               "are WD, AU, AN, BA, NU, IU, SU, LS, NS and SY)", t->id);
        return -1;
    case CIMRPC_TRUSTEE_USER:
        if (t->id != (unsigned int)-1)
            return 0;
        sd_why(problem, problem_len, "names uid %u, which is not a valid user id", t->id);
        return -1;
    case CIMRPC_TRUSTEE_GROUP:
        if (t->id != (unsigned int)-1)
            return 0;
        sd_why(problem, problem_len, "names gid %u, which is not a valid group id", t->id);
        return -1;
    case CIMRPC_TRUSTEE_PRINCIPAL:
        bad = sd_principal_problem(t->name);
        if (bad == NULL)
            return 0;
        sd_why(problem, problem_len, "names principal '%s', but %s",
               t->name != NULL ? t->name : "", bad);
        return -1;
    default:
        sd_why(problem, problem_len,
               "has a trustee of unknown kind %d (a trustee is well-known, a user, a group "
               "or a principal)", (int)t->kind);
        return -1;
    }
}

/* Right letters for messages: "SW and RP" for the missing write bits. */
static const char *
sd_missing_writes(uint32_t mask)
{
    bool pw = mask & CIMRPC_RIGHT_PARTIAL_WRITE, rp = mask & CIMRPC_RIGHT_WRITE_PROVIDER;

    if (!pw && !rp)
        return "Partial Write (SW) and Provider Write (RP)";
    return !pw ? "Partial Write (SW)" : "Provider Write (RP)";
}

/* Check ACE number POS (from 1).  0, or -1 with WHY. */
static int
sd_ace_check(const cimrpc_ace *ace, u_int pos, char *why, size_t why_len)
{
    char text[600], problem[512];
    const uint32_t writes = CIMRPC_RIGHT_PARTIAL_WRITE | CIMRPC_RIGHT_WRITE_PROVIDER;

    sd_sddl_ace_text(ace, text, sizeof(text));
    if (ace->flags & ~(u_int)SD_ACE_FLAGS_ALL) {
        sd_why(why, why_len,
               "ACE %u %s has unknown flags 0x%X: the ACE flags are CI, NP, IO and ID", pos,
               text, ace->flags & ~(u_int)SD_ACE_FLAGS_ALL);
        return -1;
    }
    if (ace->mask & ~(u_int)CIMRPC_RIGHTS_ALL) {
        sd_why(why, why_len,
               "ACE %u %s has unknown access bits 0x%X: the rights are CC, DC, LC, SW, RP, "
               "WP, DT, LO, RC and WD (0x%X)", pos, text,
               ace->mask & ~(u_int)CIMRPC_RIGHTS_ALL, (u_int)CIMRPC_RIGHTS_ALL);
        return -1;
    }
    if ((ace->flags & CIMRPC_ACE_INHERIT_ONLY) && !(ace->flags & CIMRPC_ACE_CONTAINER_INHERIT)) {
        sd_why(why, why_len,
               "ACE %u %s is inherit-only (IO) without container inherit (CI): it would "
               "apply to no namespace; add CI or remove IO", pos, text);
        return -1;
    }
    if (ace->allow && (ace->mask & CIMRPC_RIGHT_FULL_WRITE) && (ace->mask & writes) != writes) {
        sd_why(why, why_len,
               "ACE %u %s allows Full Write (LC) without %s: an ACE that allows Full Write "
               "must also allow Partial Write and Provider Write", pos, text,
               sd_missing_writes(ace->mask));
        return -1;
    }
    if (ace->trustee.kind == 0) {
        sd_why(why, why_len, "ACE %u %s has no trustee", pos, text);
        return -1;
    }
    if (sd_trustee_check(&ace->trustee, problem, sizeof(problem)) < 0) {
        sd_why(why, why_len, "ACE %u %s %s", pos, text, problem);
        return -1;
    }
    return 0;
}

int
sd_validate(const cimrpc_sd *sd, char *why, size_t why_len)
{
    char problem[512];

    if (sd->owner.kind == 0) {
        sd_why(why, why_len, "the descriptor has no owner (O:), e.g. O:BA");
        return -1;
    }
    if (sd_trustee_check(&sd->owner, problem, sizeof(problem)) < 0) {
        sd_why(why, why_len, "the descriptor's owner %s", problem);
        return -1;
    }
    if (sd->group.kind == 0) {
        sd_why(why, why_len, "the descriptor has no group (G:), e.g. G:BA");
        return -1;
    }
    if (sd_trustee_check(&sd->group, problem, sizeof(problem)) < 0) {
        sd_why(why, why_len, "the descriptor's group %s", problem);
        return -1;
    }
    if (!sd->dacl_present) {
        sd_why(why, why_len,
               "the descriptor has no DACL (D:): a namespace's descriptor needs one");
        return -1;
    }
    if (sd->dacl.dacl_len > CIMRPC_ACES_MAX) {
        sd_why(why, why_len, "the DACL has %u ACEs; at most %d are allowed",
               sd->dacl.dacl_len, CIMRPC_ACES_MAX);
        return -1;
    }
    if (sd->dacl.dacl_len > 0 && sd->dacl.dacl_val == NULL) {
        sd_why(why, why_len, "the DACL is damaged");
        return -1;
    }
    for (u_int i = 0; i < sd->dacl.dacl_len; i++)
        if (sd_ace_check(&sd->dacl.dacl_val[i], i + 1, why, why_len) < 0)
            return -1;
    return 0;
}

/* -------------------------------------------------------- inheritance --- */

int
sd_inherit(const cimrpc_sd *parent, const cimrpc_sd *child, cimrpc_sd *out)
{
    const bool inherits = !child->dacl_protected && parent != NULL && parent->dacl_present;
    u_int n_explicit = 0, n_inherited = 0;

    if (child->dacl_present)
        for (u_int i = 0; i < child->dacl.dacl_len; i++)
            if (!(child->dacl.dacl_val[i].flags & CIMRPC_ACE_INHERITED))
                n_explicit++;
    if (inherits)
        for (u_int i = 0; i < parent->dacl.dacl_len; i++)
            if (parent->dacl.dacl_val[i].flags & CIMRPC_ACE_CONTAINER_INHERIT)
                n_inherited++;
    if (n_explicit > CIMRPC_ACES_MAX || n_inherited > CIMRPC_ACES_MAX - n_explicit) {
        memset(out, 0, sizeof(*out));
        errno = E2BIG;
        return -1;
    }
    if (sd_begin(child, n_explicit + n_inherited, out) < 0)
        return -1;
    out->dacl_present = TRUE;
    if (child->dacl_present)
        for (u_int i = 0; i < child->dacl.dacl_len; i++) {
            const cimrpc_ace *ace = &child->dacl.dacl_val[i];

            if (!(ace->flags & CIMRPC_ACE_INHERITED) && sd_append(out, ace, ace->flags) < 0)
                goto fail;
        }
    if (inherits)
        for (u_int i = 0; i < parent->dacl.dacl_len; i++) {
            const cimrpc_ace *ace = &parent->dacl.dacl_val[i];
            u_int flags = (ace->flags | CIMRPC_ACE_INHERITED) & ~(u_int)CIMRPC_ACE_INHERIT_ONLY;

            if (!(ace->flags & CIMRPC_ACE_CONTAINER_INHERIT))
                continue;
            if (ace->flags & CIMRPC_ACE_NO_PROPAGATE_INHERIT)
                flags &= ~(u_int)(CIMRPC_ACE_CONTAINER_INHERIT | CIMRPC_ACE_NO_PROPAGATE_INHERIT);
            if (sd_append(out, ace, flags) < 0)
                goto fail;
        }
    return 0;

fail:
    sd_free(out);
    errno = ENOMEM;
    return -1;
}

int
sd_strip_inherited(const cimrpc_sd *in, cimrpc_sd *out)
{
    u_int n = 0;

    for (u_int i = 0; i < in->dacl.dacl_len; i++)
        if (!(in->dacl.dacl_val[i].flags & CIMRPC_ACE_INHERITED))
            n++;
    if (sd_begin(in, n, out) < 0)
        return -1;
    for (u_int i = 0; i < in->dacl.dacl_len; i++) {
        const cimrpc_ace *ace = &in->dacl.dacl_val[i];

        if (!(ace->flags & CIMRPC_ACE_INHERITED) && sd_append(out, ace, ace->flags) < 0) {
            sd_free(out);
            errno = ENOMEM;
            return -1;
        }
    }
    return 0;
}

/* --------------------------------------------------------- evaluation --- */

/* Is gid G the caller's primary or one of its supplementary groups? */
static bool
sd_caller_in_group(const struct sd_caller *c, gid_t g)
{
    if (c->gid == g)
        return true;
    for (size_t i = 0; i < c->n_groups; i++)
        if (c->groups[i] == g)
            return true;
    return false;
}

bool
sd_trustee_matches(const cimrpc_trustee *t, const struct sd_caller *c)
{
    switch (t->kind) {
    case CIMRPC_TRUSTEE_WELL_KNOWN:
        switch (t->id) {
        case CIMRPC_WK_EVERYONE:
            return true;
        case CIMRPC_WK_AUTHENTICATED:
            return c->authenticated;
        case CIMRPC_WK_ANONYMOUS:
            return !c->authenticated;
        case CIMRPC_WK_NETWORK:
            return c->network;
        case CIMRPC_WK_LOCAL:
            return !c->network;
        case CIMRPC_WK_ADMINISTRATORS:
            return c->authenticated && c->administrator;
        case CIMRPC_WK_SERVICE:
            return c->authenticated && c->service;
        case CIMRPC_WK_LOCAL_SERVICE:
        case CIMRPC_WK_NETWORK_SERVICE:
        case CIMRPC_WK_SYSTEM:
            return c->authenticated && c->service && !c->network;
        default:
            return false;
        }
    case CIMRPC_TRUSTEE_USER:
        return c->authenticated && c->has_account && c->uid == (uid_t)t->id;
    case CIMRPC_TRUSTEE_GROUP:
        return c->authenticated && c->has_account && sd_caller_in_group(c, (gid_t)t->id);
    case CIMRPC_TRUSTEE_PRINCIPAL:
        return c->authenticated && c->principal != NULL && t->name != NULL &&
               t->name[0] != '\0' && strcmp(c->principal, t->name) == 0;
    default:
        return false;
    }
}

uint32_t
sd_rights(const cimrpc_sd *effective, const struct sd_caller *c)
{
    /* Canonical order: explicit deny, explicit allow, inherited deny,
     * inherited allow. */
    static const struct {
        bool inherited, allow;
    } passes[] = { { false, false }, { false, true }, { true, false }, { true, true } };
    uint32_t granted = 0, denied = 0;

    if (!effective->dacl_present || effective->dacl.dacl_val == NULL)
        return 0;
    for (size_t p = 0; p < sizeof(passes) / sizeof(passes[0]); p++)
        for (u_int i = 0; i < effective->dacl.dacl_len; i++) {
            const cimrpc_ace *ace = &effective->dacl.dacl_val[i];
            const bool inherited = (ace->flags & CIMRPC_ACE_INHERITED) != 0;
            const bool allow = ace->allow != 0;
            const uint32_t mask = ace->mask & CIMRPC_RIGHTS_ALL;

            if (inherited != passes[p].inherited || allow != passes[p].allow)
                continue;
            if (ace->flags & CIMRPC_ACE_INHERIT_ONLY)    /* for children only */
                continue;
            if (!sd_trustee_matches(&ace->trustee, c))
                continue;
            if (ace->allow)
                granted |= mask & ~denied;
            else
                denied |= mask & ~granted;
        }
    return granted;
}

/* ----------------------------------------------------------- equality --- */

bool
sd_trustee_equal(const cimrpc_trustee *a, const cimrpc_trustee *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == CIMRPC_TRUSTEE_PRINCIPAL)
        return strcmp(a->name != NULL ? a->name : "", b->name != NULL ? b->name : "") == 0;
    return a->kind == 0 || a->id == b->id;
}

bool
sd_equal(const cimrpc_sd *a, const cimrpc_sd *b)
{
    if (!sd_trustee_equal(&a->owner, &b->owner) || !sd_trustee_equal(&a->group, &b->group) ||
        !a->dacl_present != !b->dacl_present || !a->dacl_protected != !b->dacl_protected ||
        a->dacl.dacl_len != b->dacl.dacl_len)
        return false;
    for (u_int i = 0; i < a->dacl.dacl_len; i++) {
        const cimrpc_ace *x = &a->dacl.dacl_val[i], *y = &b->dacl.dacl_val[i];

        if (!x->allow != !y->allow || x->flags != y->flags || x->mask != y->mask ||
            !sd_trustee_equal(&x->trustee, &y->trustee))
            return false;
    }
    return true;
}
