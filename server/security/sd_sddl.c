/*
 * sd_sddl.c: SDDL text to and from security descriptors (syntax and
 * choices in sd_sddl.h).
 *
 * The parser is a hand-written recursive descent over the NUL-terminated
 * text with one cursor; every error goes through sddl_fail(), which puts
 * the character position in front of the message.  The writer appends to
 * a growing buffer that remembers an allocation failure, so the code that
 * composes text checks once at the end.
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rights.h"
#include "common/utf8.h"
#include "security/sd.h"
#include "security/sd_sddl.h"

/* Rights letters, in REFERENCE.md's order (the order they are written). */
static const struct {
    char code[3];
    uint32_t bit;
} sddl_rights[] = {
    { "CC", CIMRPC_RIGHT_ENABLE },         { "DC", CIMRPC_RIGHT_METHOD_EXECUTE },
    { "LC", CIMRPC_RIGHT_FULL_WRITE },     { "SW", CIMRPC_RIGHT_PARTIAL_WRITE },
    { "RP", CIMRPC_RIGHT_WRITE_PROVIDER }, { "WP", CIMRPC_RIGHT_REMOTE_ENABLE },
    { "DT", CIMRPC_RIGHT_SUBSCRIBE },      { "LO", CIMRPC_RIGHT_PUBLISH },
    { "RC", CIMRPC_RIGHT_READ_CONTROL },   { "WD", CIMRPC_RIGHT_WRITE_DAC },
};

/* ACE flag letters, in the order they are written. */
static const struct {
    char code[3];
    u_int bit;
} sddl_flags[] = {
    { "CI", CIMRPC_ACE_CONTAINER_INHERIT },
    { "NP", CIMRPC_ACE_NO_PROPAGATE_INHERIT },
    { "IO", CIMRPC_ACE_INHERIT_ONLY },
    { "ID", CIMRPC_ACE_INHERITED },
};

#define SDDL_N(a) (sizeof(a) / sizeof((a)[0]))

/* Largest buffer handed to getpwnam_r() and friends (big groups). */
#define SDDL_LOOKUP_BUF_MAX (1u << 20)

#define SDDL_EXPECT_TRUSTEE \
    "a trustee (WD, AU, AN, BA, NU, IU, SU, LS, NS, SY, U{user}, G{group} or P{principal})"
#define SDDL_EXPECT_RIGHT "a right (CC, DC, LC, SW, RP, WP, DT, LO, RC, WD) or 0x..."
#define SDDL_EXPECT_FLAG "an ACE flag (CI, NP, IO, ID) or ';'"

/* ----------------------------------------------------- account lookup --- */

enum sddl_lookup {
    SDDL_USER_BY_NAME,
    SDDL_USER_BY_ID,
    SDDL_GROUP_BY_NAME,
    SDDL_GROUP_BY_ID,
};

/*
 * Look up a local user or group by NAME or by ID.  Returns 1 with *ID_OUT
 * (by name) or *NAME_OUT (by id; malloc'd, caller frees) set, 0 when there
 * is no such account, or -1 with errno when the lookup itself failed.
 */
static int
sddl_lookup(enum sddl_lookup what, const char *name, unsigned int id, unsigned int *id_out,
            char **name_out)
{
    size_t size = 1024;
    char *buf = NULL;
    const char *found_name = NULL;
    unsigned int found_id = 0;
    int rc;

    for (;;) {
        char *bigger = realloc(buf, size);
        struct passwd pw, *pwp = NULL;
        struct group gr, *grp = NULL;

        if (bigger == NULL) {
            free(buf);
            errno = ENOMEM;
            return -1;
        }
        buf = bigger;
        if (what == SDDL_USER_BY_NAME)
            rc = getpwnam_r(name, &pw, buf, size, &pwp);
        else if (what == SDDL_USER_BY_ID)
            rc = getpwuid_r((uid_t)id, &pw, buf, size, &pwp);
        else if (what == SDDL_GROUP_BY_NAME)
            rc = getgrnam_r(name, &gr, buf, size, &grp);
        else
            rc = getgrgid_r((gid_t)id, &gr, buf, size, &grp);
        if (rc == ERANGE && size < SDDL_LOOKUP_BUF_MAX) {
            size *= 2;
            continue;
        }
        if (pwp != NULL) {
            found_name = pwp->pw_name;
            found_id = pwp->pw_uid;
        } else if (grp != NULL) {
            found_name = grp->gr_name;
            found_id = grp->gr_gid;
        }
        break;
    }
    if (found_name == NULL) {
        free(buf);
        /* glibc says "no such account" with 0; others with these. */
        if (rc == 0 || rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM)
            return 0;
        errno = rc;
        return -1;
    }
    if (id_out != NULL)
        *id_out = found_id;
    if (name_out != NULL) {
        *name_out = strdup(found_name);
        if (*name_out == NULL) {
            free(buf);
            errno = ENOMEM;
            return -1;
        }
    }
    free(buf);
    return 1;
}

/* Can NAME be written as U{NAME} or G{NAME} and read back the same? */
static bool
sddl_name_ok(const char *name)
{
    size_t len = strnlen(name, CIMRPC_NAME_MAX + 1);

    if (len == 0 || len > CIMRPC_NAME_MAX || name[0] == '#')
        return false;
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)name[i];
        uint32_t cp;
        size_t n;

        if (ch < 0x20 || ch == 0x7f || ch == '{' || ch == '}')
            return false;
        if (ch < 0x80) {
            i++;
            continue;
        }
        n = utf8_decode(name + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* ------------------------------------------------------------- writer --- */

struct sddl_out {
    char *s;
    size_t len, cap;
    bool failed;                /* an allocation failed: s is unusable */
};

static void
sddl_add(struct sddl_out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap > 0 ? o->cap : 128;
        char *bigger;

        while (cap < o->len + n + 1)
            cap *= 2;
        bigger = realloc(o->s, cap);
        if (bigger == NULL) {
            o->failed = true;
            return;
        }
        o->s = bigger;
        o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void
sddl_puts(struct sddl_out *o, const char *s)
{
    sddl_add(o, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
sddl_printf(struct sddl_out *o, const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        o->failed = true;       /* only short numbers are written this way */
        return;
    }
    sddl_add(o, buf, (size_t)n);
}

/* Write trustee T.  STRICT: look users and groups up and refuse what SDDL
 * cannot express (-1, errno EINVAL or ENOMEM); otherwise never fail. */
static int
sddl_write_trustee(struct sddl_out *o, const cimrpc_trustee *t, bool strict)
{
    const char *alias, *stored = t->name != NULL ? t->name : "";
    char *name = NULL;
    int rc;

    switch (t->kind) {
    case CIMRPC_TRUSTEE_WELL_KNOWN:
        alias = sd_well_known_alias(t->id);
        if (alias != NULL) {
            sddl_puts(o, alias);
            return 0;
        }
        break;
    case CIMRPC_TRUSTEE_USER:
    case CIMRPC_TRUSTEE_GROUP:
        if (strict) {
            rc = sddl_lookup(t->kind == CIMRPC_TRUSTEE_USER ? SDDL_USER_BY_ID : SDDL_GROUP_BY_ID,
                             NULL, t->id, NULL, &name);
            if (rc < 0 && errno == ENOMEM)
                return -1;
        } else if (sddl_name_ok(stored)) {
            name = strdup(stored);
            if (name == NULL)
                o->failed = true;
        }
        sddl_puts(o, t->kind == CIMRPC_TRUSTEE_USER ? "U{" : "G{");
        if (name != NULL && sddl_name_ok(name))
            sddl_puts(o, name);
        else
            sddl_printf(o, "#%u", t->id);
        sddl_puts(o, "}");
        free(name);
        return 0;
    case CIMRPC_TRUSTEE_PRINCIPAL:
        if (strict && sd_principal_problem(stored) != NULL)
            break;
        sddl_puts(o, "P{");
        sddl_puts(o, stored);
        sddl_puts(o, "}");
        return 0;
    default:
        break;
    }
    if (strict) {
        errno = EINVAL;
        return -1;
    }
    sddl_printf(o, "?%d:%u", (int)t->kind, t->id);
    return 0;
}

/* Write ACE.  STRICT as for sddl_write_trustee(). */
static int
sddl_write_ace(struct sddl_out *o, const cimrpc_ace *ace, bool strict)
{
    u_int unknown_flags = ace->flags & ~(u_int)SD_ACE_FLAGS_ALL;

    if (strict && unknown_flags != 0) {
        errno = EINVAL;
        return -1;
    }
    sddl_puts(o, ace->allow ? "(A;" : "(D;");
    for (size_t i = 0; i < SDDL_N(sddl_flags); i++)
        if (ace->flags & sddl_flags[i].bit)
            sddl_puts(o, sddl_flags[i].code);
    if (unknown_flags != 0)
        sddl_printf(o, "0x%X", unknown_flags);
    sddl_puts(o, ";");
    if (ace->mask & ~(u_int)CIMRPC_RIGHTS_ALL)
        sddl_printf(o, "0x%X", ace->mask);
    else
        for (size_t i = 0; i < SDDL_N(sddl_rights); i++)
            if (ace->mask & sddl_rights[i].bit)
                sddl_puts(o, sddl_rights[i].code);
    sddl_puts(o, ";;;");
    if (sddl_write_trustee(o, &ace->trustee, strict) < 0)
        return -1;
    sddl_puts(o, ")");
    return 0;
}

char *
sd_to_sddl(const cimrpc_sd *sd)
{
    struct sddl_out o = { 0 };

    sddl_add(&o, "", 0);                        /* "" for an empty descriptor */
    if (sd->owner.kind != 0) {
        sddl_puts(&o, "O:");
        if (sddl_write_trustee(&o, &sd->owner, true) < 0)
            goto fail;
    }
    if (sd->group.kind != 0) {
        sddl_puts(&o, "G:");
        if (sddl_write_trustee(&o, &sd->group, true) < 0)
            goto fail;
    }
    if (sd->dacl_present) {
        if (sd->dacl.dacl_len > CIMRPC_ACES_MAX ||
            (sd->dacl.dacl_len > 0 && sd->dacl.dacl_val == NULL)) {
            errno = EINVAL;
            goto fail;
        }
        sddl_puts(&o, sd->dacl_protected ? "D:P" : "D:");
        for (u_int i = 0; i < sd->dacl.dacl_len; i++)
            if (sddl_write_ace(&o, &sd->dacl.dacl_val[i], true) < 0)
                goto fail;
    }
    if (o.failed) {
        errno = ENOMEM;
        goto fail;
    }
    return o.s;

fail:
    free(o.s);
    return NULL;
}

void
sd_sddl_ace_text(const cimrpc_ace *ace, char *buf, size_t len)
{
    struct sddl_out o = { 0 };

    if (len == 0)
        return;
    (void)sddl_write_ace(&o, ace, false);
    snprintf(buf, len, "%s", o.failed || o.s == NULL ? "(an ACE)" : o.s);
    free(o.s);
}

/* ------------------------------------------------------------- parser --- */

struct sddl_parser {
    const char *text;
    size_t len;                 /* strlen(text) */
    size_t pos;                 /* the cursor, a byte offset */
    char *why;
    size_t why_len;
};

/* The number of characters (UTF-8 code points; a malformed byte counts as
 * one) before byte offset AT, plus one. */
static size_t
sddl_column(const struct sddl_parser *p, size_t at)
{
    size_t col = 1;

    for (size_t i = 0; i < at && i < p->len; i++)
        if (((unsigned char)p->text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/* Record "character N: MESSAGE" for byte offset AT.  Returns -1. */
static int __attribute__((format(printf, 3, 4)))
sddl_fail(struct sddl_parser *p, size_t at, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (p->why == NULL || p->why_len == 0)
        return -1;
    n = snprintf(p->why, p->why_len, "character %zu: ", sddl_column(p, at));
    if (n < 0 || (size_t)n >= p->why_len)
        return -1;
    va_start(ap, fmt);
    vsnprintf(p->why + n, p->why_len - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Describe what is at byte offset AT for a message, into BUF (LEN bytes):
 * "the end of the text", or up to MAX characters in quotes, stopping
 * early (when TOKEN) at a delimiter or whitespace. */
static const char *
sddl_found(const struct sddl_parser *p, size_t at, size_t max, bool token, char *buf,
           size_t len)
{
    size_t used = 0, i = at;

    if (at >= p->len) {
        snprintf(buf, len, "the end of the text");
        return buf;
    }
    used = (size_t)snprintf(buf, len, "'");
    for (size_t n = 0; n < max && i < p->len; n++) {
        unsigned char ch = (unsigned char)p->text[i];
        uint32_t cp;
        size_t step = 1;
        int w;

        if (token && n > 0 && strchr(";():{} \t\r\n", ch) != NULL)
            break;
        if (token && n > 0 && strchr("OGDS", ch) != NULL && i + 1 < p->len &&
            p->text[i + 1] == ':')
            break;                              /* the next part, "G:" */
        if (ch >= 0x80)
            step = utf8_decode(p->text + i, p->len - i, &cp);
        if (ch < 0x20 || ch == 0x7f || step == 0) {     /* shown, not copied */
            w = snprintf(buf + used, len - used, "\\x%02X", ch);
            step = 1;
        } else {
            w = snprintf(buf + used, len - used, "%.*s", (int)step, p->text + i);
        }
        if (w < 0 || (size_t)w >= len - used - 1)
            break;
        used += (size_t)w;
        i += step;
    }
    snprintf(buf + used, len - used, "'");
    return buf;
}

/* Fail with "found X but expected WHAT" at the cursor. */
static int
sddl_expected(struct sddl_parser *p, size_t max, bool token, const char *what)
{
    char found[128];

    return sddl_fail(p, p->pos, "found %s but expected %s",
                     sddl_found(p, p->pos, max, token, found, sizeof(found)), what);
}

static bool
sddl_at(const struct sddl_parser *p, const char *s)
{
    size_t n = strlen(s);

    return p->len - p->pos >= n && memcmp(p->text + p->pos, s, n) == 0;
}

static void
sddl_skip_space(struct sddl_parser *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->text[p->pos]) != NULL)
        p->pos++;
}

/* Expect the character CH at the cursor and step over it. */
static int
sddl_expect_char(struct sddl_parser *p, char ch, const char *what)
{
    if (p->pos < p->len && p->text[p->pos] == ch) {
        p->pos++;
        return 0;
    }
    return sddl_expected(p, 8, true, what);
}

/* Parse a decimal id (0 to 4294967294) from S, all of it.  0 or -1. */
static int
sddl_parse_id(const char *s, unsigned int *out)
{
    unsigned long long v = 0;

    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
        if (v >= 0xFFFFFFFFull)
            return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

/* A U{...}, G{...} or P{...} trustee; the cursor is on the letter. */
static int
sddl_parse_named(struct sddl_parser *p, cimrpc_trustee *t)
{
    const char letter = p->text[p->pos];
    const char *what = letter == 'U' ? "user" : letter == 'G' ? "group" : "principal";
    size_t start = p->pos + 2, end = start, len;
    const char *problem;
    char *name;
    int rc;

    while (end < p->len && p->text[end] != '}' && end - start <= CIMRPC_NAME_MAX)
        end++;
    if (end - start > CIMRPC_NAME_MAX)
        return sddl_fail(p, start, "the %s name is longer than %d bytes", what, CIMRPC_NAME_MAX);
    if (end >= p->len)
        return sddl_fail(p, p->pos, "the %s name that starts here has no closing '}'", what);
    len = end - start;
    if (len == 0)
        return sddl_fail(p, start, "found '}' but expected a %s name%s", what,
                         letter == 'U' ? " or #uid" : letter == 'G' ? " or #gid" : "");
    for (size_t i = start; i < end;) {
        unsigned char ch = (unsigned char)p->text[i];
        uint32_t cp;
        size_t n = 1;

        if (ch < 0x20 || ch == 0x7f)
            return sddl_fail(p, i, "a %s name may not hold control characters", what);
        if (ch == '{')
            return sddl_fail(p, i, "found '{' inside a %s name, which may not hold braces", what);
        if (ch >= 0x80 && (n = utf8_decode(p->text + i, end - i, &cp)) == 0)
            return sddl_fail(p, i, "the %s name is not valid UTF-8", what);
        i += n;
    }
    name = strndup(p->text + start, len);
    if (name == NULL)
        return sddl_fail(p, p->pos, "out of memory");

    if (letter == 'P') {
        problem = sd_principal_problem(name);
        if (problem != NULL) {
            sddl_fail(p, start, "%s", problem);
            free(name);
            return -1;
        }
        t->kind = CIMRPC_TRUSTEE_PRINCIPAL;
        t->id = 0;
        t->name = name;
        p->pos = end + 1;
        return 0;
    }

    t->kind = letter == 'U' ? CIMRPC_TRUSTEE_USER : CIMRPC_TRUSTEE_GROUP;
    if (name[0] == '#') {
        char *display = NULL;

        if (sddl_parse_id(name + 1, &t->id) < 0) {
            sddl_fail(p, start, "found '%s' but expected a %s (a decimal number below "
                      "4294967295)", name, letter == 'U' ? "uid" : "gid");
            free(name);
            return -1;
        }
        free(name);
        rc = sddl_lookup(letter == 'U' ? SDDL_USER_BY_ID : SDDL_GROUP_BY_ID, NULL, t->id, NULL,
                         &display);
        if (rc < 0 && errno == ENOMEM)
            return sddl_fail(p, p->pos, "out of memory");
        t->name = rc > 0 && sddl_name_ok(display) ? display : strdup("");
        if (t->name != display)
            free(display);
        if (t->name == NULL)
            return sddl_fail(p, p->pos, "out of memory");
        p->pos = end + 1;
        return 0;
    }
    rc = sddl_lookup(letter == 'U' ? SDDL_USER_BY_NAME : SDDL_GROUP_BY_NAME, name, 0, &t->id,
                     NULL);
    if (rc <= 0) {
        if (rc == 0)
            sddl_fail(p, start, "there is no local %s '%s'", what, name);
        else
            sddl_fail(p, start, "could not look up the local %s '%s': %s", what, name,
                      strerror(errno));
        free(name);
        return -1;
    }
    t->name = name;
    p->pos = end + 1;
    return 0;
}

/* A trustee at the cursor into *T (zeroed; on failure left zeroed). */
static int
sddl_parse_trustee(struct sddl_parser *p, cimrpc_trustee *t)
{
    char alias[3] = { 0 };

    if (p->len - p->pos >= 2 && strchr("UGP", p->text[p->pos]) != NULL &&
        p->text[p->pos + 1] == '{')
        return sddl_parse_named(p, t);
    if (p->len - p->pos >= 2) {
        memcpy(alias, p->text + p->pos, 2);
        /* The well-known ids run from 1 without gaps (idl/cimrpc.x). */
        for (unsigned int id = 1; sd_well_known_alias(id) != NULL; id++)
            if (strcmp(sd_well_known_alias(id), alias) == 0) {
                t->name = strdup("");
                if (t->name == NULL)
                    return sddl_fail(p, p->pos, "out of memory");
                t->kind = CIMRPC_TRUSTEE_WELL_KNOWN;
                t->id = id;
                p->pos += 2;
                return 0;
            }
    }
    if (sddl_at(p, "S-"))
        return sddl_expected(p, 20, true, SDDL_EXPECT_TRUSTEE " (SIDs are not used here)");
    return sddl_expected(p, 20, true, SDDL_EXPECT_TRUSTEE);
}

/* The flags field of an ACE, up to (not over) its ';'. */
static int
sddl_parse_flags(struct sddl_parser *p, u_int *flags)
{
    while (p->pos < p->len && p->text[p->pos] != ';') {
        size_t i;

        for (i = 0; i < SDDL_N(sddl_flags); i++)
            if (sddl_at(p, sddl_flags[i].code))
                break;
        if (i < SDDL_N(sddl_flags)) {
            *flags |= sddl_flags[i].bit;
            p->pos += 2;
            continue;
        }
        if (sddl_at(p, "OI"))
            return sddl_fail(p, p->pos, "OI (object inherit) does not apply to namespaces, "
                             "whose only children are namespaces: use CI (container inherit)");
        return sddl_expected(p, 2, false, SDDL_EXPECT_FLAG);
    }
    return 0;
}

/* The rights field of an ACE, up to (not over) its ';'. */
static int
sddl_parse_rights(struct sddl_parser *p, uint32_t *mask)
{
    if (sddl_at(p, "0x") || sddl_at(p, "0X")) {
        size_t start = p->pos, digits = 0;
        uint32_t v = 0;

        p->pos += 2;
        while (p->pos < p->len && strchr("0123456789abcdefABCDEF", p->text[p->pos]) != NULL &&
               p->text[p->pos] != '\0') {
            char ch = p->text[p->pos];

            if (++digits > 8)
                return sddl_fail(p, start, "the mask %.*s... does not fit in 32 bits",
                                 (int)(p->pos - start), p->text + start);
            v = v << 4 | (uint32_t)(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
            p->pos++;
        }
        if (digits == 0)
            return sddl_expected(p, 8, true, "hex digits after 0x");
        if (p->pos < p->len && p->text[p->pos] != ';')
            return sddl_expected(p, 8, true, "';' after the hex mask");
        *mask = v;
        return 0;
    }
    while (p->pos < p->len && p->text[p->pos] != ';') {
        size_t i;

        for (i = 0; i < SDDL_N(sddl_rights); i++)
            if (sddl_at(p, sddl_rights[i].code))
                break;
        if (i == SDDL_N(sddl_rights))
            return sddl_expected(p, 2, false, SDDL_EXPECT_RIGHT);
        *mask |= sddl_rights[i].bit;
        p->pos += 2;
    }
    return 0;
}

/* One ACE, the cursor on its '(', into *ACE (zeroed). */
static int
sddl_parse_ace(struct sddl_parser *p, cimrpc_ace *ace)
{
    p->pos++;                                   /* '(' */
    if (sddl_at(p, "A;") || sddl_at(p, "D;")) {
        ace->allow = p->text[p->pos] == 'A';
        p->pos += 2;
    } else {
        return sddl_expected(p, 8, true, "an ACE type: A (allow) or D (deny)");
    }
    if (sddl_parse_flags(p, &ace->flags) < 0 ||
        sddl_expect_char(p, ';', "';' after the ACE flags") < 0 ||
        sddl_parse_rights(p, &ace->mask) < 0 ||
        sddl_expect_char(p, ';', "';' after the rights") < 0)
        return -1;
    for (int i = 0; i < 2; i++)
        if (sddl_expect_char(p, ';', "';': object ACEs (with GUIDs) do not apply to "
                             "namespaces") < 0)
            return -1;
    if (sddl_parse_trustee(p, &ace->trustee) < 0)
        return -1;
    return sddl_expect_char(p, ')', "')' after the trustee");
}

/* The DACL after "D:": its flags, then ACEs. */
static int
sddl_parse_dacl(struct sddl_parser *p, cimrpc_sd *sd)
{
    u_int cap = 0;

    sd->dacl_present = TRUE;
    for (;;) {
        if (sddl_at(p, "P")) {
            sd->dacl_protected = TRUE;
            p->pos++;
        } else if (sddl_at(p, "AI")) {
            p->pos += 2;                        /* auto-inherited: always so here */
        } else {
            break;
        }
    }
    sddl_skip_space(p);
    if (p->pos < p->len && p->text[p->pos] != '(' &&
        !sddl_at(p, "O:") && !sddl_at(p, "G:") && !sddl_at(p, "D:") && !sddl_at(p, "S:"))
        return sddl_expected(p, 2, false, "P, AI or an ACE '('");
    while (p->pos < p->len && p->text[p->pos] == '(') {
        cimrpc_ace *ace;

        if (sd->dacl.dacl_len == CIMRPC_ACES_MAX)
            return sddl_fail(p, p->pos, "more than %d ACEs: a DACL holds at most %d",
                             CIMRPC_ACES_MAX, CIMRPC_ACES_MAX);
        if (sd->dacl.dacl_len == cap) {
            u_int bigger = cap == 0 ? 8 : cap * 2;
            cimrpc_ace *grown;

            if (bigger > CIMRPC_ACES_MAX)
                bigger = CIMRPC_ACES_MAX;
            grown = realloc(sd->dacl.dacl_val, bigger * sizeof(*grown));
            if (grown == NULL)
                return sddl_fail(p, p->pos, "out of memory");
            sd->dacl.dacl_val = grown;
            cap = bigger;
        }
        ace = &sd->dacl.dacl_val[sd->dacl.dacl_len];
        memset(ace, 0, sizeof(*ace));
        if (sddl_parse_ace(p, ace) < 0) {
            free(ace->trustee.name);
            memset(ace, 0, sizeof(*ace));
            return -1;
        }
        sd->dacl.dacl_len++;
        sddl_skip_space(p);
    }
    return 0;
}

int
sd_from_sddl(const char *text, cimrpc_sd *out, char *why, size_t why_len)
{
    struct sddl_parser p = { .text = text, .why = why, .why_len = why_len };
    bool seen_o = false, seen_g = false, seen_d = false;

    memset(out, 0, sizeof(*out));
    if (why != NULL && why_len > 0)
        why[0] = '\0';
    if (text == NULL) {
        if (why != NULL && why_len > 0)
            snprintf(why, why_len, "there is no descriptor text");
        return -1;
    }
    p.len = strnlen(text, SD_SDDL_TEXT_MAX + 1);
    if (p.len > SD_SDDL_TEXT_MAX) {
        if (why != NULL && why_len > 0)
            snprintf(why, why_len, "the descriptor is longer than %d bytes", SD_SDDL_TEXT_MAX);
        return -1;
    }
    sddl_skip_space(&p);
    if (p.pos == p.len) {
        sddl_expected(&p, 2, false, "O:, G: or D:");
        return -1;
    }
    while (p.pos < p.len) {
        if (sddl_at(&p, "O:") || sddl_at(&p, "G:")) {
            bool owner = p.text[p.pos] == 'O';
            bool *seen = owner ? &seen_o : &seen_g;

            if (*seen) {
                sddl_fail(&p, p.pos, "a second %s: a descriptor has one",
                          owner ? "owner (O:)" : "group (G:)");
                goto fail;
            }
            *seen = true;
            p.pos += 2;
            sddl_skip_space(&p);
            if (sddl_parse_trustee(&p, owner ? &out->owner : &out->group) < 0)
                goto fail;
        } else if (sddl_at(&p, "D:")) {
            if (seen_d) {
                sddl_fail(&p, p.pos, "a second DACL (D:): a descriptor has one");
                goto fail;
            }
            seen_d = true;
            p.pos += 2;
            sddl_skip_space(&p);
            if (sddl_parse_dacl(&p, out) < 0)
                goto fail;
        } else if (sddl_at(&p, "S:")) {
            sddl_expected(&p, 2, false, "O:, G: or D: (namespaces have no SACL)");
            goto fail;
        } else {
            sddl_expected(&p, 2, false, "O:, G: or D:");
            goto fail;
        }
        sddl_skip_space(&p);
    }
    /* An owner or group left out still has a name, so that it encodes. */
    if ((out->owner.name == NULL && (out->owner.name = strdup("")) == NULL) ||
        (out->group.name == NULL && (out->group.name = strdup("")) == NULL)) {
        sddl_fail(&p, p.pos, "out of memory");
        goto fail;
    }
    return 0;

fail:
    sd_free(out);
    return -1;
}
