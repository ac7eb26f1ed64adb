/*
 * cmd_acl.c: `cimrpc acl`: a namespace's security descriptor.
 *
 *     cimrpc acl get [NS]          the descriptor: owner, group, protection
 *                                  and one row per ACE (-o value: SDDL)
 *     cimrpc acl set NS SDDL       replace it
 *     cimrpc acl add NS ACE        append an ACE to the namespace's own
 *     cimrpc acl remove NS ACE     delete one of its own ACEs
 *
 * NS is "root/..." or relative to the -n namespace, and defaults to it;
 * the command opens its session on NS.  Everything goes through the
 * methods of __SystemSecurity=@ that cimrpcd serves itself: GetSDDL
 * (Read Security) and SetSDDL (Edit Security), so the server parses the
 * text and user and group names are those of the server's accounts.
 *
 * add and remove read the descriptor (GetSDDL), drop the inherited ACEs
 * (marked ID: they come back from the parent by themselves), change the
 * namespace's own ACEs and write the result (SetSDDL).  Adding an ACE
 * that is among the own ones already, written the same, changes nothing.  Two people
 * changing the same namespace at once can lose one change: the last
 * SetSDDL wins.
 *
 * The text is taken apart here only as far as these need: the part
 * before the first ACE ("O:BAG:BAD:P") and the ACEs, each "(...)", with
 * braces ({user}) skipped so that a name cannot end an ACE early.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cli.h"

#define ACL_PATH "__SystemSecurity=@"
#define ACL_INVALID_METHOD 0x8004102Eu          /* WBEM_E_INVALID_METHOD */
#define ACL_NAME_MAX 256                        /* a trustee name (the server's bound) */

enum acl_verb { ACL_GET, ACL_SET, ACL_ADD, ACL_REMOVE };

static const char *const acl_verbs[] = { "get", "set", "add", "remove" };

struct acl_req {
    enum acl_verb verb;
    char *nspace;               /* NULL: the -n namespace */
    char *text;                 /* set: SDDL; add, remove: one ACE */
};

/* Rights, in REFERENCE.md's order, with their SDDL letters. */
static const struct {
    uint32_t bit;
    const char *letters;
    const char *name;
} acl_rights[] = {
    { 0x00001u, "CC", "Enable Account" },   { 0x00002u, "DC", "Execute Methods" },
    { 0x00004u, "LC", "Full Write" },       { 0x00008u, "SW", "Partial Write" },
    { 0x00010u, "RP", "Provider Write" },   { 0x00020u, "WP", "Remote Enable" },
    { 0x00040u, "DT", "Subscribe" },        { 0x00080u, "LO", "Publish" },
    { 0x20000u, "RC", "Read Security" },    { 0x40000u, "WD", "Edit Security" },
};

/* ACE flags with their SDDL letters. */
static const struct {
    uint32_t bit;
    const char *letters;
    const char *name;
} acl_flags[] = {
    { 0x2u, "CI", "container-inherit" },
    { 0x4u, "NP", "no-propagate" },
    { 0x8u, "IO", "inherit-only" },
    { 0x10u, "ID", "inherited" },
};

/* Well-known trustees: SDDL alias and name. */
static const struct {
    const char *alias;
    const char *name;
} acl_well_known[] = {
    { "WD", "Everyone" }, { "AU", "Authenticated Users" }, { "AN", "Anonymous" },
    { "BA", "Administrators" }, { "NU", "Network" }, { "IU", "Local" }, { "SU", "Service" },
    { "LS", "Local Service" }, { "NS", "Network Service" }, { "SY", "System" },
};

#define ACL_N(a) (sizeof(a) / sizeof((a)[0]))

void
acl_rights_text(uint32_t rights, char *buf, size_t len)
{
    size_t used = 0;

    if (len == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < ACL_N(acl_rights); i++) {
        int n;

        if (!(rights & acl_rights[i].bit))
            continue;
        n = snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", acl_rights[i].name);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
        rights &= ~acl_rights[i].bit;
    }
    if (rights != 0)
        snprintf(buf + used, len - used, "%s0x%X", used > 0 ? ", " : "", (unsigned)rights);
    else if (used == 0)
        snprintf(buf, len, "none");
}

/* ---------------------------------------------------------------- parse --- */

static int
acl_usage(FILE *out, int status)
{
    fprintf(out,
        "Usage: cimrpc [GLOBAL OPTIONS] acl get [NS]\n"
        "       cimrpc [GLOBAL OPTIONS] acl set [NS] SDDL\n"
        "       cimrpc [GLOBAL OPTIONS] acl add [NS] ACE\n"
        "       cimrpc [GLOBAL OPTIONS] acl remove [NS] ACE\n"
        "Read or change the security descriptor of namespace NS (root/... or relative\n"
        "to -n; default: the -n namespace).  get needs Read Security on NS, the others\n"
        "Edit Security, and all of them Execute Methods.\n"
        "  get     owner, group, whether the DACL is protected, and one row per ACE:\n"
        "          Allow/Deny, trustee, rights, flags and whether it is inherited;\n"
        "          -o value prints the descriptor in SDDL, -o json and -o csv one\n"
        "          record per ACE\n"
        "  set     replace the descriptor, e.g. 'O:BAG:BAD:(A;CI;CCDCRP;;;AU)'\n"
        "  add     append an ACE to NS's own ACEs, e.g. '(A;CI;CCDC;;;U{alice})'\n"
        "  remove  delete one of NS's own ACEs, written exactly as 'acl get -o value'\n"
        "          prints it\n"
        "ACE: (TYPE;FLAGS;RIGHTS;;;TRUSTEE) with TYPE A (allow) or D (deny); FLAGS CI\n"
        "(inherited by child namespaces), NP (by the children only), IO (not on NS\n"
        "itself); RIGHTS CC Enable Account, DC Execute Methods, LC Full Write, SW\n"
        "Partial Write, RP Provider Write, WP Remote Enable, DT Subscribe, LO Publish,\n"
        "RC Read Security, WD Edit Security; TRUSTEE WD Everyone, AU Authenticated\n"
        "Users, AN Anonymous, BA Administrators, NU Network, IU Local, SU Service, LS,\n"
        "NS, SY, U{user}, G{group} or P{principal@REALM}.  ACEs marked ID are inherited:\n"
        "change them on the parent namespace.\n");
    return status;
}

void
acl_free(cli_req *creq)
{
    struct acl_req *req = creq;

    if (req == NULL)
        return;
    free(req->nspace);
    free(req->text);
    free(req);
}

/* Does WORD look like the descriptor or ACE text VERB takes, rather than
 * a namespace?  Namespaces hold neither ':' nor '('. */
static bool
acl_looks_like_text(enum acl_verb verb, const char *word)
{
    return verb == ACL_SET ? strchr(word, ':') != NULL : word[0] == '(';
}

int
acl_parse(int argc, char **argv, cli_req **req_out)
{
    static const char *const synopsis[] = {
        "acl get [NS]", "acl set [NS] SDDL", "acl add [NS] ACE", "acl remove [NS] ACE",
    };
    struct acl_req *req;
    enum acl_verb verb;
    size_t i;
    int status, n;

    /* Options end at the action, so look for a help request after it. */
    if (cli_wants_help(argc, argv))
        return acl_usage(stdout, CLI_EXIT_OK);
    if ((status = args_options_none("acl", argc, argv, true, acl_usage)) != CLI_RUN)
        return status;
    if (optind >= argc)
        return cli_usage("acl: what to do? write acl get [NS], acl set NS SDDL, acl add NS ACE "
                         "or acl remove NS ACE");
    for (i = 0; i < ACL_N(acl_verbs); i++)
        if (strcmp(argv[optind], acl_verbs[i]) == 0)
            break;
    if (i == ACL_N(acl_verbs))
        return cli_usage("acl: unknown action '%s'; use get, set, add or remove",
                         argv[optind]);
    verb = (enum acl_verb)i;
    n = argc - optind - 1;
    if (verb == ACL_GET ? n > 1 : n > 2)
        return cli_usage("acl %s: unexpected argument '%s'; write %s", acl_verbs[verb],
                         argv[optind + (verb == ACL_GET ? 2 : 3)], synopsis[verb]);
    if (verb != ACL_GET && n == 0)
        return cli_usage("acl %s: %s missing; write %s", acl_verbs[verb],
                         verb == ACL_SET ? "the descriptor (SDDL) is" : "the ACE is",
                         synopsis[verb]);
    if (verb != ACL_GET && n == 1 && !acl_looks_like_text(verb, argv[optind + 1]))
        return cli_usage("acl %s: '%s' is not %s; write %s", acl_verbs[verb],
                         argv[optind + 1], verb == ACL_SET ? "SDDL (O:BAG:BAD:(...))"
                         : "an ACE ((A;CI;CCDC;;;U{alice}))", synopsis[verb]);
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("acl");
    req->verb = verb;
    status = 0;
    if (verb == ACL_GET && n == 1)
        status = args_copy("acl", argv[optind + 1], &req->nspace);
    else if (verb != ACL_GET && n == 2)
        status = args_copy("acl", argv[optind + 1], &req->nspace);
    if (status == 0 && verb != ACL_GET)
        status = args_copy("acl", argv[argc - 1], &req->text);
    if (status != 0) {
        acl_free(req);
        return status;
    }
    *req_out = req;
    return CLI_RUN;
}

/* ----------------------------------------------------------------- SDDL --- */

/* SDDL taken apart: what precedes the first ACE, and the ACEs. */
struct acl_sddl {
    char *head;                 /* "O:BAG:BAD:P" */
    char **aces;                /* "(A;CI;CC;;;AU)", each the caller's */
    size_t n;
    char *tail;                 /* anything after the last ACE ("" normally) */
};

static void
acl_sddl_clear(struct acl_sddl *s)
{
    free(s->head);
    for (size_t i = 0; i < s->n; i++)
        free(s->aces[i]);
    free(s->aces);
    free(s->tail);
    memset(s, 0, sizeof(*s));
}

/* The end of the ACE that starts at TEXT[POS] ('('): the index after its
 * ')', skipping {...}; 0 when it does not end. */
static size_t
acl_ace_end(const char *text, size_t pos)
{
    for (size_t i = pos + 1; text[i] != '\0'; i++) {
        if (text[i] == '{') {
            const char *close = strchr(text + i, '}');
            if (close == NULL)
                return 0;
            i = (size_t)(close - text);
        } else if (text[i] == ')') {
            return i + 1;
        } else if (text[i] == '(') {
            return 0;
        }
    }
    return 0;
}

/* Take TEXT apart into *OUT (zeroed here).  0; 1 when TEXT is not what
 * it should be (an ACE that does not end); -1 on ENOMEM. */
static int
acl_sddl_split(const char *text, struct acl_sddl *out)
{
    size_t pos = 0, end;

    memset(out, 0, sizeof(*out));
    /* The head: up to the first '(' outside braces. */
    while (text[pos] != '\0' && text[pos] != '(') {
        if (text[pos] == '{') {
            const char *close = strchr(text + pos, '}');
            if (close == NULL)
                break;
            pos = (size_t)(close - text);
        }
        pos++;
    }
    if ((out->head = strndup(text, pos)) == NULL)
        return -1;
    while (text[pos] == '(') {
        char **aces;

        if ((end = acl_ace_end(text, pos)) == 0)
            return 1;
        if ((aces = realloc(out->aces, (out->n + 1) * sizeof(char *))) == NULL)
            return -1;
        out->aces = aces;
        if ((out->aces[out->n] = strndup(text + pos, end - pos)) == NULL)
            return -1;
        out->n++;
        pos = end;
    }
    return (out->tail = strdup(text + pos)) == NULL ? -1 : 0;
}

/* HEAD, then the ACEs of S for which KEEP[i] is true, then EXTRA (may be
 * NULL), then the tail: the caller's, or NULL on ENOMEM. */
static char *
acl_sddl_join(const struct acl_sddl *s, const bool *keep, const char *extra)
{
    size_t len = strlen(s->head) + strlen(s->tail) + (extra ? strlen(extra) : 0) + 3;
    bool has_dacl = strstr(s->head, "D:") != NULL;
    char *text;

    for (size_t i = 0; i < s->n; i++)
        if (keep[i])
            len += strlen(s->aces[i]);
    if ((text = malloc(len)) == NULL)
        return NULL;
    strcpy(text, s->head);
    if (!has_dacl)
        strcat(text, "D:");
    for (size_t i = 0; i < s->n; i++)
        if (keep[i])
            strcat(text, s->aces[i]);
    if (extra != NULL)
        strcat(text, extra);
    strcat(text, s->tail);
    return text;
}

/* The fields of one ACE "(T;F;R;;;W)", pointing into a copy the caller
 * frees (*COPY_OUT).  0, or 1 when ACE has not six fields, -1 ENOMEM. */
struct acl_ace {
    const char *type, *flags, *rights, *trustee;
};

static int
acl_ace_fields(const char *ace, char **copy_out, struct acl_ace *f)
{
    size_t len = strlen(ace);
    char *copy, *field[6];
    size_t k = 0;

    *copy_out = NULL;
    if (len < 2 || ace[0] != '(' || ace[len - 1] != ')')
        return 1;
    if ((copy = strndup(ace + 1, len - 2)) == NULL)
        return -1;
    field[k++] = copy;
    for (char *p = copy; *p != '\0' && k < 6; p++) {
        if (*p == '{') {
            char *close = strchr(p, '}');
            if (close == NULL)
                break;
            p = close;
        } else if (*p == ';') {
            *p = '\0';
            field[k++] = p + 1;
        }
    }
    if (k < 6) {
        free(copy);
        return 1;
    }
    f->type = field[0];
    f->flags = field[1];
    f->rights = field[2];
    f->trustee = field[5];
    *copy_out = copy;
    return 0;
}

/* The bits of RIGHTS ("CCDC" or "0x13").  Unknown letters are left out. */
static uint32_t
acl_rights_mask(const char *rights)
{
    uint32_t mask = 0;

    if (strncasecmp(rights, "0x", 2) == 0)
        return (uint32_t)strtoul(rights + 2, NULL, 16);
    for (size_t i = 0; rights[i] != '\0' && rights[i + 1] != '\0'; i += 2)
        for (size_t r = 0; r < ACL_N(acl_rights); r++)
            if (strncmp(rights + i, acl_rights[r].letters, 2) == 0)
                mask |= acl_rights[r].bit;
    return mask;
}

static uint32_t
acl_flags_mask(const char *flags)
{
    uint32_t mask = 0;

    for (size_t i = 0; flags[i] != '\0' && flags[i + 1] != '\0'; i += 2)
        for (size_t f = 0; f < ACL_N(acl_flags); f++)
            if (strncmp(flags + i, acl_flags[f].letters, 2) == 0)
                mask |= acl_flags[f].bit;
    return mask;
}

/* "container-inherit, no-propagate" for FLAGS without ID, or "-". */
static void
acl_flags_text(uint32_t flags, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < ACL_N(acl_flags); i++) {
        int n;

        if (!(flags & acl_flags[i].bit) || acl_flags[i].bit == 0x10u)
            continue;
        n = snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", acl_flags[i].name);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(buf, len, "-");
}

/* Trustee text for people: "AU (Authenticated Users)", or as written. */
static void
acl_trustee_text(const char *trustee, char *buf, size_t len)
{
    for (size_t i = 0; i < ACL_N(acl_well_known); i++)
        if (strcmp(trustee, acl_well_known[i].alias) == 0) {
            snprintf(buf, len, "%s (%s)", trustee, acl_well_known[i].name);
            return;
        }
    snprintf(buf, len, "%s", trustee);
}

/* Value of part KEY ("O:", "G:") in HEAD, up to the next part, into BUF;
 * "" when absent.  Braces are skipped. */
static void
acl_head_part(const char *head, const char *key, char *buf, size_t len)
{
    const char *p = head, *start = NULL;
    size_t n;

    buf[0] = '\0';
    for (size_t i = 0; head[i] != '\0'; i++) {
        if (head[i] == '{') {
            const char *close = strchr(head + i, '}');
            if (close == NULL)
                break;
            i = (size_t)(close - head);
            continue;
        }
        if (strncmp(head + i, key, 2) == 0) {
            start = head + i + 2;
            break;
        }
    }
    if (start == NULL)
        return;
    for (p = start; *p != '\0'; p++) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close == NULL)
                break;
            p = close;
            continue;
        }
        if ((p[0] == 'O' || p[0] == 'G' || p[0] == 'D') && p[1] == ':')
            break;
    }
    n = (size_t)(p - start);
    snprintf(buf, len, "%.*s", (int)n, start);
}

/* ----------------------------------------------------------------- calls --- */

/* The full path of NS (borrowed; NULL: the session's) given the session's
 * namespace SESSION: the caller's, or NULL on ENOMEM. */
static char *
acl_namespace(const char *ns, const char *session)
{
    char *path;

    if (ns == NULL || ns[0] == '\0')
        return strdup(session);
    if (strncasecmp(ns, "root", 4) == 0 && (ns[4] == '\0' || ns[4] == '/'))
        return strdup(ns);
    if (asprintf(&path, "%s/%s", session, ns) < 0)
        return NULL;
    return path;
}

/* A connection with its session on NSPACE: CONN itself when its session
 * is there, else a new one with the same options (*OWNED_OUT true: the
 * caller closes it).  Returns 0, or the exit status after reporting. */
static int
acl_connect(struct cli_ctx *ctx, cimrpc_conn *conn, const char *nspace, cimrpc_conn **out,
            bool *owned_out)
{
    cimrpc_options *opts = NULL;
    cimrpc_error *err = NULL;
    int status;

    *owned_out = false;
    if (strcasecmp(cimrpc_conn_namespace(conn), nspace) == 0) {
        *out = conn;
        return CLI_EXIT_OK;
    }
    if (cli_options_build(ctx->g, cimrpc_conn_target(conn), &opts, &err) < 0 ||
        cimrpc_options_set_namespace(opts, nspace, &err) < 0) {
        cimrpc_options_free(opts);
        return cli_report(ctx, "acl", err);
    }
    status = cimrpc_connect(opts, out, &err) < 0 ? cli_report(ctx, "connect", err) : CLI_EXIT_OK;
    cimrpc_options_free(opts);
    *owned_out = status == CLI_EXIT_OK;
    return status;
}

/* Report ERR (taken) of method METHOD of NSPACE for action WHAT,
 * explaining the repository being too old for it. */
static int
acl_report(struct cli_ctx *ctx, const char *what, const char *method, const char *nspace,
           cimrpc_error *err)
{
    if (err != NULL && cimrpc_error_get_code(err) == ACL_INVALID_METHOD) {
        cimrpc_error_free(err);
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: namespace %s has no method "
                        "__SystemSecurity.%s: its system classes come from an older cimrpcd; "
                        "use 'cimrpc invoke __SystemSecurity=@ GetSD' or SetSD there, or "
                        "recreate the namespace", what, nspace, method);
    }
    return cli_report(ctx, what, err);
}

/* GetSDDL on CONN's namespace NSPACE: 0 with *SDDL_OUT (the caller's), or
 * the exit status after reporting. */
static int
acl_get_sddl(struct cli_ctx *ctx, cimrpc_conn *conn, const char *what, const char *nspace,
             char **sddl_out)
{
    cimrpc_params *out = NULL;
    cimrpc_error *err = NULL;
    const char *text;

    *sddl_out = NULL;
    if (cimrpc_exec_method(conn, ACL_PATH, "GetSDDL", NULL, NULL, &out, &err) < 0)
        return acl_report(ctx, what, "GetSDDL", nspace, err);
    if (cimrpc_value_get_string(cimrpc_params_get(out, "SDDL"), 0, &text, &err) < 0) {
        cimrpc_params_free(out);
        cimrpc_error_free(err);
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: the server answered GetSDDL without the "
                        "descriptor (no SDDL output parameter)", what);
    }
    *sddl_out = strdup(text);
    cimrpc_params_free(out);
    if (*sddl_out == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
    return CLI_EXIT_OK;
}

/* SetSDDL with TEXT on CONN's namespace NSPACE.  Returns the exit status. */
static int
acl_set_sddl(struct cli_ctx *ctx, cimrpc_conn *conn, const char *what, const char *nspace,
             const char *text)
{
    cimrpc_params *in = cimrpc_params_new();
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    int rc;

    if (in == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
    if (cimrpc_value_new_string(text, &v, &err) < 0 ||
        cimrpc_params_add(in, "SDDL", v, &err) < 0) {
        cimrpc_params_free(in);
        return cli_report(ctx, what, err);
    }
    rc = cimrpc_exec_method(conn, ACL_PATH, "SetSDDL", in, NULL, NULL, &err);
    cimrpc_params_free(in);
    return rc < 0 ? acl_report(ctx, what, "SetSDDL", nspace, err) : CLI_EXIT_OK;
}

/* ---------------------------------------------------------------- output --- */

/* Display width of UTF-8 S: its code points. */
static size_t
acl_width(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static void
acl_pad(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    for (size_t w = acl_width(s); w < width; w++)
        fputc(' ', out);
}

/* One ACE, as the table and the records show it. */
struct acl_row {
    char type[8];
    char sid[ACL_NAME_MAX + 8];        /* the trustee as SDDL writes it */
    char trustee[ACL_NAME_MAX + 64];   /* and for people */
    char rights[256];
    char flags[96];
    bool inherited;
    uint32_t mask, aflags;
    const char *ace;            /* its SDDL, borrowed */
};

static int
acl_row(const char *ace, struct acl_row *row)
{
    struct acl_ace f;
    char *copy;
    int rc = acl_ace_fields(ace, &copy, &f);

    memset(row, 0, sizeof(*row));
    row->ace = ace;
    if (rc != 0)
        return rc;
    snprintf(row->type, sizeof(row->type), "%s",
             strcmp(f.type, "A") == 0 ? "Allow" : strcmp(f.type, "D") == 0 ? "Deny" : f.type);
    snprintf(row->sid, sizeof(row->sid), "%s", f.trustee);
    acl_trustee_text(f.trustee, row->trustee, sizeof(row->trustee));
    row->mask = acl_rights_mask(f.rights);
    row->aflags = acl_flags_mask(f.flags);
    acl_rights_text(row->mask, row->rights, sizeof(row->rights));
    acl_flags_text(row->aflags, row->flags, sizeof(row->flags));
    row->inherited = (row->aflags & 0x10u) != 0;
    free(copy);
    return 0;
}

/* The table: a header of the descriptor's parts, then one row per ACE. */
static int
acl_print_table(struct cli_ctx *ctx, const char *nspace, const struct acl_sddl *s,
                const struct acl_row *rows)
{
    static const char *const cols[] = { "Type", "Trustee", "Rights", "Flags", "Inherited" };
    char owner[ACL_NAME_MAX + 64], group[ACL_NAME_MAX + 64], part[ACL_NAME_MAX + 8];
    size_t width[5];
    const char *dacl = strstr(s->head, "D:");
    bool protected_ = dacl != NULL && dacl[2] == 'P';
    FILE *out = ctx->out;

    acl_head_part(s->head, "O:", part, sizeof(part));
    acl_trustee_text(part[0] ? part : "(none)", owner, sizeof(owner));
    acl_head_part(s->head, "G:", part, sizeof(part));
    acl_trustee_text(part[0] ? part : "(none)", group, sizeof(group));
    fprintf(out, "Namespace  %s\nOwner      %s\nGroup      %s\nProtected  %s\n", nspace, owner,
            group, protected_ ? "yes (inherits nothing from its parent)" : "no");
    if (s->n == 0) {
        fprintf(out, "\nThe DACL is empty: nobody holds any right here.\n");
        return fflush(out) == 0 && !ferror(out) ? CLI_EXIT_OK
               : cli_fail(ctx, CLI_EXIT_FAILURE, "acl get: cannot write the output");
    }
    for (size_t c = 0; c < 5; c++)
        width[c] = strlen(cols[c]);
    for (size_t i = 0; i < s->n; i++) {
        const char *cell[4] = { rows[i].type, rows[i].trustee, rows[i].rights, rows[i].flags };
        for (size_t c = 0; c < 4; c++)
            if (acl_width(cell[c]) > width[c])
                width[c] = acl_width(cell[c]);
    }
    fputc('\n', out);
    for (size_t c = 0; c < 5; c++) {
        if (c < 4)
            acl_pad(out, cols[c], width[c] + 2);
        else
            fputs(cols[c], out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < s->n; i++) {
        const char *cell[4] = { rows[i].type, rows[i].trustee, rows[i].rights, rows[i].flags };
        for (size_t c = 0; c < 4; c++)
            acl_pad(out, cell[c], width[c] + 2);
        fputs(rows[i].inherited ? "yes\n" : "no\n", out);
    }
    if (fflush(out) != 0 || ferror(out))
        return cli_fail(ctx, CLI_EXIT_FAILURE, "acl get: cannot write the output");
    return CLI_EXIT_OK;
}

/* JSON, CSV, MOF: one record per ACE, each with the descriptor's parts. */
static int
acl_print_records(struct cli_ctx *ctx, const char *nspace, const struct acl_sddl *s,
                  const struct acl_row *rows)
{
    char owner[ACL_NAME_MAX + 8], group[ACL_NAME_MAX + 8];
    const char *dacl = strstr(s->head, "D:");
    bool protected_ = dacl != NULL && dacl[2] == 'P';
    struct output_stream *st;
    int status = CLI_EXIT_OK;

    acl_head_part(s->head, "O:", owner, sizeof(owner));
    acl_head_part(s->head, "G:", group, sizeof(group));
    if ((st = cli_stream(ctx, false)) == NULL)
        return CLI_EXIT_FAILURE;
    for (size_t i = 0; i < s->n && status == CLI_EXIT_OK; i++) {
        struct output_record *rec = output_record_new("CIMRPC_ACE");

        if (rec != NULL &&
            (output_add_string(rec, "Namespace", nspace) < 0 ||
             output_add_string(rec, "Owner", owner[0] ? owner : NULL) < 0 ||
             output_add_string(rec, "Group", group[0] ? group : NULL) < 0 ||
             output_add_bool(rec, "Protected", protected_) < 0 ||
             output_add_string(rec, "Type", rows[i].type) < 0 ||
             output_add_string(rec, "Trustee", rows[i].sid) < 0 ||
             output_add_uint(rec, "AccessMask", rows[i].mask) < 0 ||
             output_add_string(rec, "Rights", rows[i].rights) < 0 ||
             output_add_uint(rec, "AceFlags", rows[i].aflags) < 0 ||
             output_add_string(rec, "Flags", rows[i].flags) < 0 ||
             output_add_bool(rec, "Inherited", rows[i].inherited) < 0 ||
             output_add_string(rec, "ACE", rows[i].ace) < 0)) {
            output_record_free(rec);
            rec = NULL;
        }
        status = cli_stream_add(ctx, st, rec);
    }
    if (status != CLI_EXIT_OK) {
        output_stream_free(st);
        return status;
    }
    return cli_stream_end(ctx, st);
}

/* ------------------------------------------------------------------ run --- */

static int
acl_get(struct cli_ctx *ctx, cimrpc_conn *conn, const char *nspace)
{
    struct acl_sddl s;
    struct acl_row *rows = NULL;
    struct output_record *rec;
    char *sddl;
    int status, rc;

    if ((status = acl_get_sddl(ctx, conn, "acl get", nspace, &sddl)) != CLI_EXIT_OK)
        return status;
    if (ctx->g->format == OUTPUT_VALUE) {
        rec = output_record_new("CIMRPC_SecurityDescriptor");
        if (rec != NULL && output_add_string(rec, "SDDL", sddl) < 0) {
            output_record_free(rec);
            rec = NULL;
        }
        free(sddl);
        return cli_print_record(ctx, rec);
    }
    rc = acl_sddl_split(sddl, &s);
    if (rc == 0 && s.n > 0 && (rows = calloc(s.n, sizeof(*rows))) == NULL)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < s.n; i++)
        rc = acl_row(s.aces[i], &rows[i]);
    if (rc < 0)
        status = cli_fail(ctx, CLI_EXIT_FAILURE, "acl get: out of memory");
    else if (rc > 0)
        status = cli_fail(ctx, CLI_EXIT_FAILURE, "acl get: the server's descriptor of %s "
                          "cannot be read here: %s", nspace, sddl);
    else if (ctx->g->format == OUTPUT_TABLE)
        status = acl_print_table(ctx, nspace, &s, rows);
    else
        status = acl_print_records(ctx, nspace, &s, rows);
    free(rows);
    acl_sddl_clear(&s);
    free(sddl);
    return status;
}

/* add and remove: read, change the own ACEs, write. */
static int
acl_change(struct cli_ctx *ctx, cimrpc_conn *conn, const char *nspace, const struct acl_req *req)
{
    const char *what = req->verb == ACL_ADD ? "acl add" : "acl remove";
    struct acl_sddl s, one;
    bool *keep = NULL;
    char *sddl = NULL, *text = NULL, *own = NULL;
    size_t found = SIZE_MAX, n_own = 0;
    int status, rc;

    memset(&s, 0, sizeof(s));
    /* The ACE given must be one ACE, nothing around it. */
    rc = acl_sddl_split(req->text, &one);
    if (rc < 0) {
        acl_sddl_clear(&one);
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
    }
    if (rc > 0 || one.n != 1 || one.head[0] != '\0' || one.tail[0] != '\0') {
        acl_sddl_clear(&one);
        return cli_fail(ctx, CLI_EXIT_USAGE, "%s: '%s' is not one ACE; write it as "
                        "(TYPE;FLAGS;RIGHTS;;;TRUSTEE), such as (A;CI;CCDC;;;U{alice})", what,
                        req->text);
    }
    acl_sddl_clear(&one);
    if ((status = acl_get_sddl(ctx, conn, what, nspace, &sddl)) != CLI_EXIT_OK)
        return status;
    rc = acl_sddl_split(sddl, &s);
    if (rc == 0 && (keep = calloc(s.n + 1, sizeof(*keep))) == NULL)
        rc = -1;
    if (rc != 0) {
        status = rc < 0 ? cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what)
                 : cli_fail(ctx, CLI_EXIT_FAILURE, "%s: the server's descriptor of %s cannot "
                            "be read here: %s", what, nspace, sddl);
        goto cleanup;
    }
    for (size_t i = 0; i < s.n; i++) {
        struct acl_row row;

        rc = acl_row(s.aces[i], &row);
        if (rc != 0) {
            status = cli_fail(ctx, CLI_EXIT_FAILURE, "%s: the server's descriptor of %s cannot "
                              "be read here: %s", what, nspace, sddl);
            goto cleanup;
        }
        keep[i] = !row.inherited;
        if (found == SIZE_MAX && strcmp(s.aces[i], req->text) == 0)
            found = i;
    }
    if (req->verb == ACL_ADD && found != SIZE_MAX && keep[found]) {
        status = CLI_EXIT_OK;           /* there already, as written: nothing to do */
        goto cleanup;
    }
    if (req->verb == ACL_REMOVE) {
        size_t len = 1;

        if (found != SIZE_MAX && !keep[found]) {
            status = cli_fail(ctx, CLI_EXIT_USAGE, "acl remove: %s is inherited by %s from its "
                              "parent (it is marked ID); remove it on the namespace it comes "
                              "from, or protect %s's DACL with acl set (D:P) so that it "
                              "inherits nothing", req->text, nspace, nspace);
            goto cleanup;
        }
        if (found == SIZE_MAX) {
            for (size_t i = 0; i < s.n; i++)
                if (keep[i]) {
                    len += strlen(s.aces[i]) + 1;
                    n_own++;
                }
            if ((own = calloc(1, len)) == NULL) {
                status = cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
                goto cleanup;
            }
            for (size_t i = 0; i < s.n; i++)
                if (keep[i]) {
                    if (own[0] != '\0')
                        strcat(own, " ");
                    strcat(own, s.aces[i]);
                }
            status = cli_fail(ctx, CLI_EXIT_NOT_FOUND, "acl remove: %s is not one of the ACEs "
                              "of %s; %s%s; write the ACE exactly as 'cimrpc acl get %s -o "
                              "value' prints it", req->text, nspace,
                              n_own > 0 ? "its own ACEs are " : "it has no ACEs of its own",
                              own, nspace);
            goto cleanup;
        }
        keep[found] = false;
    }
    text = acl_sddl_join(&s, keep, req->verb == ACL_ADD ? req->text : NULL);
    if (text == NULL) {
        status = cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
        goto cleanup;
    }
    status = acl_set_sddl(ctx, conn, what, nspace, text);
cleanup:
    free(own);
    free(text);
    free(keep);
    acl_sddl_clear(&s);
    free(sddl);
    return status;
}

int
acl_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct acl_req *req = creq;
    char *nspace = acl_namespace(req->nspace, cimrpc_conn_namespace(conn));
    cimrpc_conn *on = NULL;
    bool owned = false;
    int status;

    if (nspace == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "acl: out of memory");
    if ((status = acl_connect(ctx, conn, nspace, &on, &owned)) != CLI_EXIT_OK) {
        free(nspace);
        return status;
    }
    switch (req->verb) {
    case ACL_GET:
        status = acl_get(ctx, on, nspace);
        break;
    case ACL_SET:
        status = acl_set_sddl(ctx, on, "acl set", nspace, req->text);
        break;
    case ACL_ADD:
    case ACL_REMOVE:
        status = acl_change(ctx, on, nspace, req);
        break;
    }
    if (owned)
        cimrpc_conn_close(on);
    free(nspace);
    return status;
}
