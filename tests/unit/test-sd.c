/*
 * test-sd.c: namespace security descriptors (server/security/sd.h) and
 * their SDDL form (sd_sddl.h).
 *
 * In order: the default root descriptor; SDDL round trips, the canonical
 * form, named users and groups from the real account database, parse
 * errors with their exact positions, and the bounds; SetSD's validation
 * rules, each with its exact message; stripping and inheritance (CI, NP,
 * IO, protection, explicit ACEs first); evaluation, first by hand-picked
 * cases (deny beats allow, explicit beats inherited) and then against an
 * oracle written independently here: it knows each test caller's
 * memberships as a plain list, puts the ACEs in canonical order with an
 * insertion sort, and for each right takes the first matching ACE that
 * mentions it.  The oracle and sd_rights() must agree on thousands of
 * random descriptors (fixed seed) for every caller.  Last, random
 * descriptors through SDDL and XDR and back.
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rights.h"
#include "common/xdr_blob.h"
#include "security/sd.h"
#include "security/sd_sddl.h"
#include "tap.h"

#define DEFAULT_ROOT_SDDL                                                                   \
    "O:BAG:BAD:(A;CI;CCDCLCSWRPWPRCWD;;;BA)(A;CI;CCDCRP;;;NS)(A;CI;CCDCRP;;;LS)"             \
    "(A;CI;CCDCRP;;;AU)"

#define ALL CIMRPC_RIGHTS_ALL
#define CC CIMRPC_RIGHT_ENABLE
#define DC CIMRPC_RIGHT_METHOD_EXECUTE
#define LC CIMRPC_RIGHT_FULL_WRITE
#define SW CIMRPC_RIGHT_PARTIAL_WRITE
#define RP CIMRPC_RIGHT_WRITE_PROVIDER
#define WP CIMRPC_RIGHT_REMOTE_ENABLE
#define RC CIMRPC_RIGHT_READ_CONTROL
#define WDAC CIMRPC_RIGHT_WRITE_DAC

/* ------------------------------------------------------------ helpers --- */

/* Parse TEXT into *SD; a failure is reported as a failed check. */
static bool
must_parse(const char *text, cimrpc_sd *sd)
{
    char why[512];

    if (sd_from_sddl(text, sd, why, sizeof(why)) == 0)
        return true;
    tap_ok(0, "parses: %s", text);
    printf("#   %s\n", why);
    return false;
}

/* SD as SDDL into a static buffer ("(null)" on failure). */
static const char *
sddl(const cimrpc_sd *sd)
{
    static char buf[8192];
    char *s = sd_to_sddl(sd);

    snprintf(buf, sizeof(buf), "%s", s != NULL ? s : "(null)");
    free(s);
    return buf;
}

/* IN parses, is written as WANT, and WANT parses back to the same. */
static void
check_canonical(const char *in, const char *want)
{
    cimrpc_sd a = { 0 }, b = { 0 };

    if (!must_parse(in, &a))
        return;
    tap_is_str(sddl(&a), want, "canonical form of %s", in);
    if (must_parse(want, &b))
        tap_ok(sd_equal(&a, &b), "%s reads back the same", want);
    sd_free(&a);
    sd_free(&b);
}

/* IN fails to parse with exactly WANT, leaving the output empty. */
static void
check_parse_error(const char *in, const char *want)
{
    cimrpc_sd sd;
    char why[512] = "";
    int rc;

    memset(&sd, 0xA5, sizeof(sd));
    rc = sd_from_sddl(in, &sd, why, sizeof(why));
    tap_ok(rc == -1 && sd.dacl.dacl_val == NULL && sd.owner.name == NULL &&
               sd.dacl.dacl_len == 0,
           "refused, output empty: %.60s", in);
    tap_is_str(why, want, "message for %.60s", in);
    if (rc == 0)
        sd_free(&sd);
}

/* IN parses; sd_validate() gives WANT (NULL: accepts). */
static void
check_validate(const char *in, const char *want)
{
    cimrpc_sd sd = { 0 };
    char why[1024] = "";
    int rc;

    if (!must_parse(in, &sd))
        return;
    rc = sd_validate(&sd, why, sizeof(why));
    if (want == NULL) {
        if (!tap_ok(rc == 0, "valid: %s", in))
            printf("#   %s\n", why);
    } else {
        tap_ok(rc == -1, "invalid: %s", in);
        tap_is_str(why, want, "reason for %s", in);
    }
    sd_free(&sd);
}

/* sd_validate() of SD gives WANT. */
static void
check_validate_sd(const cimrpc_sd *sd, const char *want, const char *label)
{
    char why[1024] = "";

    tap_ok(sd_validate(sd, why, sizeof(why)) == -1, "invalid: %s", label);
    tap_is_str(why, want, "reason: %s", label);
}

/* ------------------------------------------------------------ callers --- */

/* A test caller: what sd_rights() is told, and, written out by hand for
 * the oracle, whom it stands for. */
struct who {
    const char *label;
    struct sd_caller c;
    const char *wk;             /* the well-known aliases it belongs to */
    long uid;                   /* the U{} it is, -1 none */
    long gids[4];               /* the G{}s it is in, -1 ends */
    const char *principal;      /* the P{} it is, NULL none */
};

static const gid_t alice_groups[] = { 27, 1001 };

static const struct who callers[] = {
    { "anonymous, local", { .authenticated = false, .network = false },
      "WD AN IU", -1, { -1 }, NULL },
    { "anonymous, network", { .authenticated = false, .network = true },
      "WD AN NU", -1, { -1 }, NULL },
    { "anonymous with stray flags",
      { .authenticated = false, .administrator = true, .service = true, .has_account = true,
        .uid = 0, .gid = 0, .principal = "root@EXAMPLE.COM" },
      "WD AN IU", -1, { -1 }, NULL },
    { "alice, local",
      { .authenticated = true, .has_account = true, .uid = 1000, .gid = 100,
        .groups = alice_groups, .n_groups = 2, .principal = "alice@EXAMPLE.COM" },
      "WD AU IU", 1000, { 100, 27, 1001, -1 }, "alice@EXAMPLE.COM" },
    { "alice, network",
      { .authenticated = true, .network = true, .has_account = true, .uid = 1000, .gid = 100,
        .groups = alice_groups, .n_groups = 2, .principal = "alice@EXAMPLE.COM" },
      "WD AU NU", 1000, { 100, 27, 1001, -1 }, "alice@EXAMPLE.COM" },
    { "root, local",
      { .authenticated = true, .administrator = true, .has_account = true, .uid = 0, .gid = 0 },
      "WD AU IU BA", 0, { 0, -1 }, NULL },
    { "admin principal, network",
      { .authenticated = true, .network = true, .administrator = true, .has_account = true,
        .uid = 0, .gid = 0, .principal = "admin@EXAMPLE.COM" },
      "WD AU NU BA", 0, { 0, -1 }, "admin@EXAMPLE.COM" },
    { "bob without an account, network",
      { .authenticated = true, .network = true, .has_account = false, .uid = 1000, .gid = 100,
        .groups = alice_groups, .n_groups = 2, .principal = "bob@EXAMPLE.COM" },
      "WD AU NU", -1, { -1 }, "bob@EXAMPLE.COM" },
    { "service, local",
      { .authenticated = true, .service = true, .has_account = true, .uid = 105,
        .gid = 65534, .principal = "host/box@EXAMPLE.COM" },
      "WD AU IU SU LS NS SY", 105, { 65534, -1 }, "host/box@EXAMPLE.COM" },
    { "service, network",
      { .authenticated = true, .network = true, .service = true, .has_account = true,
        .uid = 105, .gid = 65534, .principal = "host/box@EXAMPLE.COM" },
      "WD AU NU SU", 105, { 65534, -1 }, "host/box@EXAMPLE.COM" },
    { "Alice (other case), network",
      { .authenticated = true, .network = true, .principal = "Alice@EXAMPLE.COM" },
      "WD AU NU", -1, { -1 }, "Alice@EXAMPLE.COM" },
};

#define N_CALLERS (sizeof(callers) / sizeof(callers[0]))

enum {
    ANON_LOCAL, ANON_NET, ANON_STRAY, ALICE_LOCAL, ALICE_NET, ROOT_LOCAL, ADMIN_NET,
    BOB_NET, SERVICE_LOCAL, SERVICE_NET, ALICE_CASE,
};

/* The oracle's own alias table. */
static const char *
oracle_alias(unsigned int id)
{
    static const char *const aliases[] = { NULL, "WD", "AU", "AN", "BA", "NU",
                                           "IU", "SU", "LS", "NS", "SY" };

    return id < sizeof(aliases) / sizeof(aliases[0]) ? aliases[id] : NULL;
}

static bool
oracle_match(const cimrpc_trustee *t, const struct who *w)
{
    const char *alias;

    switch ((int)t->kind) {
    case CIMRPC_TRUSTEE_WELL_KNOWN:
        alias = oracle_alias(t->id);
        for (const char *p = w->wk; alias != NULL && *p != '\0'; p += p[2] == ' ' ? 3 : 2)
            if (strncmp(p, alias, 2) == 0)
                return true;
        return false;
    case CIMRPC_TRUSTEE_USER:
        return w->uid >= 0 && (unsigned long)w->uid == t->id;
    case CIMRPC_TRUSTEE_GROUP:
        for (size_t i = 0; w->gids[i] >= 0; i++)
            if ((unsigned long)w->gids[i] == t->id)
                return true;
        return false;
    case CIMRPC_TRUSTEE_PRINCIPAL:
        return w->principal != NULL && strcmp(w->principal, t->name) == 0;
    default:
        return false;
    }
}

/* For each right, the first ACE in canonical order that matches the
 * caller, applies here (not IO) and names the right decides it. */
static uint32_t
oracle_rights(const cimrpc_sd *sd, const struct who *w)
{
    static const uint32_t bits[] = { CC, DC, LC, SW, RP, WP, CIMRPC_RIGHT_SUBSCRIBE,
                                     CIMRPC_RIGHT_PUBLISH, RC, WDAC };
    u_int order[64], n = 0;
    uint32_t granted = 0;

    if (!sd->dacl_present)
        return 0;
    for (u_int i = 0; i < sd->dacl.dacl_len && i < 64; i++) {
        const cimrpc_ace *a = &sd->dacl.dacl_val[i];
        int key = ((a->flags & CIMRPC_ACE_INHERITED) ? 2 : 0) + (a->allow ? 1 : 0);
        u_int j = n;

        while (j > 0) {
            const cimrpc_ace *b = &sd->dacl.dacl_val[order[j - 1]];
            int kb = ((b->flags & CIMRPC_ACE_INHERITED) ? 2 : 0) + (b->allow ? 1 : 0);

            if (kb <= key)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
        n++;
    }
    for (size_t b = 0; b < sizeof(bits) / sizeof(bits[0]); b++)
        for (u_int k = 0; k < n; k++) {
            const cimrpc_ace *a = &sd->dacl.dacl_val[order[k]];

            if ((a->flags & CIMRPC_ACE_INHERIT_ONLY) || !(a->mask & bits[b]) ||
                !oracle_match(&a->trustee, w))
                continue;
            if (a->allow)
                granted |= bits[b];
            break;
        }
    return granted;
}

/* Rights of caller WHO under the descriptor TEXT. */
static uint32_t
rights_of(const char *text, int who)
{
    cimrpc_sd sd = { 0 };
    uint32_t r;

    if (!must_parse(text, &sd))
        return 0xDEAD;
    r = sd_rights(&sd, &callers[who].c);
    sd_free(&sd);
    return r;
}

/* ---------------------------------------------------------- random --- */

static uint64_t rng_state = 0x5D0C1A55EEDull;

static uint32_t
rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static bool
chance(unsigned percent)
{
    return rng() % 100 < percent;
}

static const struct {
    int kind;
    unsigned int id;
    const char *name;
} pool[] = {
    { CIMRPC_TRUSTEE_WELL_KNOWN, 1, "" },  { CIMRPC_TRUSTEE_WELL_KNOWN, 2, "" },
    { CIMRPC_TRUSTEE_WELL_KNOWN, 3, "" },  { CIMRPC_TRUSTEE_WELL_KNOWN, 4, "" },
    { CIMRPC_TRUSTEE_WELL_KNOWN, 5, "" },  { CIMRPC_TRUSTEE_WELL_KNOWN, 6, "" },
    { CIMRPC_TRUSTEE_WELL_KNOWN, 7, "" },  { CIMRPC_TRUSTEE_WELL_KNOWN, 8, "" },
    { CIMRPC_TRUSTEE_WELL_KNOWN, 9, "" },  { CIMRPC_TRUSTEE_WELL_KNOWN, 10, "" },
    { CIMRPC_TRUSTEE_USER, 0, "root" },    { CIMRPC_TRUSTEE_USER, 105, "" },
    { CIMRPC_TRUSTEE_USER, 1000, "" },     { CIMRPC_TRUSTEE_USER, 3999999999u, "" },
    { CIMRPC_TRUSTEE_GROUP, 0, "root" },   { CIMRPC_TRUSTEE_GROUP, 27, "" },
    { CIMRPC_TRUSTEE_GROUP, 100, "" },     { CIMRPC_TRUSTEE_GROUP, 1001, "" },
    { CIMRPC_TRUSTEE_GROUP, 65534, "" },   { CIMRPC_TRUSTEE_GROUP, 3999999998u, "" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "alice@EXAMPLE.COM" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "Alice@EXAMPLE.COM" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "bob@EXAMPLE.COM" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "admin@EXAMPLE.COM" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "host/box@EXAMPLE.COM" },
    { CIMRPC_TRUSTEE_PRINCIPAL, 0, "root@EXAMPLE.COM" },
    /* never valid, never matching: only in evaluation */
    { CIMRPC_TRUSTEE_WELL_KNOWN, 99, "" }, { 9, 1000, "" }, { 0, 0, "" },
};

#define POOL_VALID 26           /* the entries before the invalid ones */
#define POOL_ALL (sizeof(pool) / sizeof(pool[0]))

/* An absent trustee, as the library builds one. */
static void
absent_trustee(cimrpc_trustee *t)
{
    t->name = strdup("");
    if (t->name == NULL)
        abort();
}

static void
random_trustee(cimrpc_trustee *t, size_t n_pool)
{
    size_t i = rng() % n_pool;

    t->kind = (cimrpc_trustee_kind)pool[i].kind;
    t->id = pool[i].id;
    t->name = strdup(pool[i].name);
    if (t->name == NULL)
        abort();
}

/* A random descriptor of up to MAX_ACES ACEs.  VALID_ONLY: only trustees
 * and bits SDDL can write (for the round trips). */
static void
random_sd(cimrpc_sd *sd, u_int max_aces, bool valid_only)
{
    size_t n_pool = valid_only ? POOL_VALID : POOL_ALL;
    u_int n = rng() % (max_aces + 1);

    memset(sd, 0, sizeof(*sd));
    if (!valid_only || chance(85))
        random_trustee(&sd->owner, POOL_VALID);
    else
        absent_trustee(&sd->owner);
    if (!valid_only || chance(85))
        random_trustee(&sd->group, POOL_VALID);
    else
        absent_trustee(&sd->group);
    sd->dacl_present = !chance(valid_only ? 10 : 3);
    if (!sd->dacl_present && sd->owner.kind == 0 && sd->group.kind == 0)
        sd->dacl_present = TRUE;    /* "" does not parse: say something */
    sd->dacl_protected = sd->dacl_present && chance(20);
    if (!sd->dacl_present)
        n = 0;
    sd->dacl.dacl_val = n > 0 ? calloc(n, sizeof(cimrpc_ace)) : NULL;
    if (n > 0 && sd->dacl.dacl_val == NULL)
        abort();
    sd->dacl.dacl_len = n;
    for (u_int i = 0; i < n; i++) {
        cimrpc_ace *a = &sd->dacl.dacl_val[i];

        a->allow = chance(60);
        a->flags = rng() & SD_ACE_FLAGS_ALL;
        for (uint32_t bit = 1; bit != 0; bit <<= 1)
            if ((bit & ALL) && chance(35))
                a->mask |= bit;
        if (chance(5))
            a->mask |= 0x100;
        random_trustee(&a->trustee, n_pool);
    }
}

/* ---------------------------------------------------------- sections --- */

static void
test_default_root(void)
{
    cimrpc_sd root = { 0 }, parsed = { 0 };
    char why[256] = "";

    tap_is_int(sd_default_root(&root), 0, "default root builds");
    tap_is_str(sddl(&root), DEFAULT_ROOT_SDDL, "default root is WMI's descriptor");
    tap_ok(sd_validate(&root, why, sizeof(why)) == 0, "default root is valid %s", why);
    if (must_parse(DEFAULT_ROOT_SDDL, &parsed))
        tap_ok(sd_equal(&root, &parsed), "WMI's SDDL parses to the default root");
    tap_is_int(sd_rights(&root, &callers[ROOT_LOCAL].c), ALL & ~(CIMRPC_RIGHT_SUBSCRIBE |
               CIMRPC_RIGHT_PUBLISH), "administrators hold CCDCLCSWRPWPRCWD");
    tap_is_int(sd_rights(&root, &callers[ADMIN_NET].c), 0x6003F,
               "administrators hold Remote Enable");
    tap_is_int(sd_rights(&root, &callers[ALICE_LOCAL].c), CC | DC | RP,
               "authenticated users hold Enable, Execute Methods, Provider Write");
    tap_is_int(sd_rights(&root, &callers[ALICE_NET].c) & WP, 0,
               "authenticated users lack Remote Enable");
    tap_is_int(sd_rights(&root, &callers[ANON_LOCAL].c), 0, "anonymous holds nothing");
    tap_is_int(sd_rights(&root, &callers[ANON_STRAY].c), 0,
               "anonymous with stray admin/service flags holds nothing");
    tap_is_int(sd_rights(&root, &callers[SERVICE_LOCAL].c), CC | DC | RP,
               "local and network service hold 0x13");
    sd_free(&root);
    sd_free(&parsed);
    sd_free(NULL);
    tap_ok(root.dacl.dacl_val == NULL && root.owner.name == NULL, "sd_free zeroes");
}

static void
test_canonical(void)
{
    static const char *const same[] = {
        DEFAULT_ROOT_SDDL,
        "O:BAG:BAD:P(A;CI;CCDC;;;AU)",
        "O:BAG:BAD:",
        "O:BAG:BAD:P",
    };
    static const char *const pairs[][2] = {
        { "O:BA G:BA D:AI (A;CI;CC;;;AU) (D;;WP;;;NU)",
          "O:BAG:BAD:(A;CI;CC;;;AU)(D;;WP;;;NU)" },
        { "  O:BAG:BAD:PAI(A;;0x13;;;AU)\n", "O:BAG:BAD:P(A;;CCDCRP;;;AU)" },
        { "O:BAG:BAD:(A;;0X60000;;;BA)", "O:BAG:BAD:(A;;RCWD;;;BA)" },
        { "O:BAG:BAD:(A;IDCI;RPCC;;;AU)", "O:BAG:BAD:(A;CIID;CCRP;;;AU)" },
        { "O:BAG:BAD:(A;IONPCI;WDRCLODTWPRPSWLCDCCC;;;AU)",
          "O:BAG:BAD:(A;CINPIO;CCDCLCSWRPWPDTLORCWD;;;AU)" },
        { "O:BAG:BAD:(A;CI;0x100013;;;AU)", "O:BAG:BAD:(A;CI;0x100013;;;AU)" },
        { "O:BAG:BAD:(A;;;;;WD)", "O:BAG:BAD:(A;;;;;WD)" },
        { "O:BAG:BAD:(A;;0x0;;;WD)", "O:BAG:BAD:(A;;;;;WD)" },
        { "D:(A;;CC;;;AU)G:SYO:LS", "O:LSG:SYD:(A;;CC;;;AU)" },
        { "O:BA", "O:BA" },
        { "G:BA", "G:BA" },
        { "D:", "D:" },
        { "O:WDG:AND:(A;;CC;;;AU)(A;;CC;;;AN)(A;;CC;;;BA)(A;;CC;;;NU)(A;;CC;;;IU)"
          "(A;;CC;;;SU)(A;;CC;;;LS)(A;;CC;;;NS)(A;;CC;;;SY)",
          "O:WDG:AND:(A;;CC;;;AU)(A;;CC;;;AN)(A;;CC;;;BA)(A;;CC;;;NU)(A;;CC;;;IU)"
          "(A;;CC;;;SU)(A;;CC;;;LS)(A;;CC;;;NS)(A;;CC;;;SY)" },
        { "O:U{#0}G:G{#0}D:(A;;CC;;;U{root})(D;;DC;;;G{root})",
          "O:U{root}G:G{root}D:(A;;CC;;;U{root})(D;;DC;;;G{root})" },
        { "O:BAG:BAD:(A;;CC;;;U{#3999999999})(A;;CC;;;G{#3999999998})",
          "O:BAG:BAD:(A;;CC;;;U{#3999999999})(A;;CC;;;G{#3999999998})" },
        { "O:BAG:BAD:(A;;CC;;;U{#4294967294})", "O:BAG:BAD:(A;;CC;;;U{#4294967294})" },
        { "O:BAG:BAD:(A;;CC;;;P{alice@EXAMPLE.COM})(D;;WP;;;P{host/box.example.com@EX})",
          "O:BAG:BAD:(A;;CC;;;P{alice@EXAMPLE.COM})(D;;WP;;;P{host/box.example.com@EX})" },
        { "O:P{j\xc3\xbcrgen@EXAMPLE.COM}G:BAD:", "O:P{j\xc3\xbcrgen@EXAMPLE.COM}G:BAD:" },
        { "O:P{a\\@b@R}G:BAD:", "O:P{a\\@b@R}G:BAD:" },
    };
    struct group *daemon_group = getgrnam("daemon");
    struct passwd *nobody = getpwnam("nobody");
    char in[256], want[256];

    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
        check_canonical(same[i], same[i]);
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        check_canonical(pairs[i][0], pairs[i][1]);

    /* Named accounts from the real account database. */
    if (tap_ok(daemon_group != NULL, "the daemon group exists")) {
        cimrpc_sd sd = { 0 };
        gid_t gid = daemon_group->gr_gid;

        snprintf(in, sizeof(in), "O:BAG:G{#%u}D:(A;;CC;;;G{daemon})", (unsigned)gid);
        check_canonical(in, "O:BAG:G{daemon}D:(A;;CC;;;G{daemon})");
        if (must_parse("O:BAG:BAD:(A;;CC;;;G{daemon})", &sd)) {
            tap_ok(sd.dacl.dacl_val[0].trustee.kind == CIMRPC_TRUSTEE_GROUP &&
                       sd.dacl.dacl_val[0].trustee.id == gid,
                   "G{daemon} is stored as gid %u", (unsigned)gid);
            tap_is_str(sd.dacl.dacl_val[0].trustee.name, "daemon", "its display name is kept");
        }
        sd_free(&sd);
    }
    if (tap_ok(nobody != NULL, "the nobody user exists")) {
        snprintf(in, sizeof(in), "O:U{#%u}G:BAD:", (unsigned)nobody->pw_uid);
        snprintf(want, sizeof(want), "O:U{nobody}G:BAD:");
        check_canonical(in, want);
    }
    {
        cimrpc_sd sd = { 0 };

        if (must_parse("O:U{root}G:G{root}D:(A;;CC;;;U{#0})", &sd)) {
            tap_ok(sd.owner.kind == CIMRPC_TRUSTEE_USER && sd.owner.id == 0 &&
                       strcmp(sd.owner.name, "root") == 0, "U{root} is uid 0");
            tap_ok(sd.group.kind == CIMRPC_TRUSTEE_GROUP && sd.group.id == 0,
                   "G{root} is gid 0");
            tap_is_str(sd.dacl.dacl_val[0].trustee.name, "root",
                       "U{#0} gets the display name root");
            tap_ok(sd.dacl_present && !sd.dacl_protected && sd.dacl.dacl_len == 1,
                   "one ACE, DACL present, not protected");
        }
        sd_free(&sd);
        if (must_parse("O:BAG:BAD:P", &sd))
            tap_ok(sd.dacl_present && sd.dacl_protected && sd.dacl.dacl_len == 0,
                   "D:P is an empty protected DACL");
        sd_free(&sd);
        if (must_parse("O:BA", &sd))
            tap_ok(!sd.dacl_present && sd.group.kind == 0, "O:BA alone: no group, no DACL");
        sd_free(&sd);
    }
}

static void
test_parse_errors(void)
{
    static const char *const cases[][2] = {
        { "", "character 1: found the end of the text but expected O:, G: or D:" },
        { "   ", "character 4: found the end of the text but expected O:, G: or D:" },
        { "X:BA", "character 1: found 'X:' but expected O:, G: or D:" },
        { "(A;;CC;;;AU)", "character 1: found '(A' but expected O:, G: or D:" },
        { "O:BAG:BAD:(A;;CCXX;;;AU)",
          "character 17: found 'XX' but expected a right (CC, DC, LC, SW, RP, WP, DT, LO, RC, "
          "WD) or 0x..." },
        { "O:BAG:BAD:(A;;GA;;;WD)",
          "character 15: found 'GA' but expected a right (CC, DC, LC, SW, RP, WP, DT, LO, RC, "
          "WD) or 0x..." },
        { "O:BAG:BAD:(A;OICI;CC;;;AU)",
          "character 14: OI (object inherit) does not apply to namespaces, whose only children "
          "are namespaces: use CI (container inherit)" },
        { "O:BAG:BAD:(A;CIXY;CC;;;AU)",
          "character 16: found 'XY' but expected an ACE flag (CI, NP, IO, ID) or ';'" },
        { "O:BAG:BAD:(A;SA;CC;;;AU)",
          "character 14: found 'SA' but expected an ACE flag (CI, NP, IO, ID) or ';'" },
        { "O:BAG:BAD:(OA;;CC;;;AU)",
          "character 12: found 'OA' but expected an ACE type: A (allow) or D (deny)" },
        { "O:BAG:BAD:(AU;SA;CC;;;WD)",
          "character 12: found 'AU' but expected an ACE type: A (allow) or D (deny)" },
        { "O:XXG:BA",
          "character 3: found 'XX' but expected a trustee (WD, AU, AN, BA, NU, IU, SU, LS, NS, "
          "SY, U{user}, G{group} or P{principal})" },
        { "O:BAG:BAD:(A;;CC;;;au)",
          "character 20: found 'au' but expected a trustee (WD, AU, AN, BA, NU, IU, SU, LS, NS, "
          "SY, U{user}, G{group} or P{principal})" },
        { "O:S-1-5-32-544G:BA",
          "character 3: found 'S-1-5-32-544' but expected a trustee (WD, AU, AN, BA, NU, IU, SU, "
          "LS, NS, SY, U{user}, G{group} or P{principal}) (SIDs are not used here)" },
        { "O:BAG:BAD:(A;;CC;;;AU",
          "character 22: found the end of the text but expected ')' after the trustee" },
        { "O:BAG:BAD:(A;;CC;;;AU;(x))",
          "character 22: found ';' but expected ')' after the trustee" },
        { "O:BAG:BAD:(A;;CC;x;;AU)",
          "character 18: found 'x' but expected ';': object ACEs (with GUIDs) do not apply to "
          "namespaces" },
        { "O:BAG:BAD:(A;CI",
          "character 16: found the end of the text but expected ';' after the ACE flags" },
        { "O:BAG:BAD:(A;;CC",
          "character 17: found the end of the text but expected ';' after the rights" },
        { "O:BAG:BAD:(A",
          "character 12: found 'A' but expected an ACE type: A (allow) or D (deny)" },
        { "O:U{no-such-user-cimrpc}G:BAD:",
          "character 5: there is no local user 'no-such-user-cimrpc'" },
        { "O:BAG:G{no-such-group-cimrpc}D:",
          "character 9: there is no local group 'no-such-group-cimrpc'" },
        { "O:BAG:BAD:(A;;CC;;;U{#abc})",
          "character 22: found '#abc' but expected a uid (a decimal number below 4294967295)" },
        { "O:BAG:BAD:(A;;CC;;;G{#4294967295})",
          "character 22: found '#4294967295' but expected a gid (a decimal number below "
          "4294967295)" },
        { "O:BAG:BAD:(A;;CC;;;U{#})",
          "character 22: found '#' but expected a uid (a decimal number below 4294967295)" },
        { "O:P{alice}", "character 5: a principal needs a name and a realm, e.g. "
                        "P{alice@EXAMPLE.COM}" },
        { "O:P{alice@}", "character 5: a principal needs a name and a realm, e.g. "
                         "P{alice@EXAMPLE.COM}" },
        { "O:P{@R}", "character 5: a principal needs a name and a realm, e.g. "
                     "P{alice@EXAMPLE.COM}" },
        { "O:P{alice\\@R}", "character 5: a principal needs a name and a realm, e.g. "
                            "P{alice@EXAMPLE.COM}" },
        { "O:P{a\tb@R}", "character 6: a principal name may not hold control characters" },
        { "O:P{a\xff@R}", "character 6: the principal name is not valid UTF-8" },
        { "O:U{ro{ot}", "character 7: found '{' inside a user name, which may not hold braces" },
        { "O:U{root", "character 3: the user name that starts here has no closing '}'" },
        { "O:U{}", "character 5: found '}' but expected a user name or #uid" },
        { "O:G{}", "character 5: found '}' but expected a group name or #gid" },
        { "O:P{}", "character 5: found '}' but expected a principal name" },
        { "O:BAO:BA", "character 5: a second owner (O:): a descriptor has one" },
        { "O:BAG:BAG:BA", "character 9: a second group (G:): a descriptor has one" },
        { "O:BAG:BAD:D:", "character 11: a second DACL (D:): a descriptor has one" },
        { "O:BAG:BAD:(A;;0x;;;AU)", "character 17: found ';' but expected hex digits after 0x" },
        { "O:BAG:BAD:(A;;0x123456789;;;AU)",
          "character 15: the mask 0x12345678... does not fit in 32 bits" },
        { "O:BAG:BAD:(A;;0x13Z;;;AU)",
          "character 19: found 'Z' but expected ';' after the hex mask" },
        { "O:BAG:BAD:(A;;0x13RP;;;AU)",
          "character 19: found 'RP' but expected ';' after the hex mask" },
        { "O:BAG:BAD:S:(AU;SA;CC;;;WD)",
          "character 11: found 'S:' but expected O:, G: or D: (namespaces have no SACL)" },
        { "O:BAG:BAD:NO_ACCESS_CONTROL",
          "character 11: found 'NO' but expected P, AI or an ACE '('" },
        { "O:BAG:BAD:(A;;CC;;;AU)(A;;CC;;;WD)x",
          "character 35: found 'x' but expected O:, G: or D:" },
        { "O:P{j\xc3\xbc@X}G:BA D:(A;;ZZ;;;WD)",
          "character 21: found 'ZZ' but expected a right (CC, DC, LC, SW, RP, WP, DT, LO, RC, "
          "WD) or 0x..." },
        { "O:BA\x01", "character 5: found '\\x01' but expected O:, G: or D:" },
        { "O:BA\xc3(", "character 5: found '\\xC3(' but expected O:, G: or D:" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_parse_error(cases[i][0], cases[i][1]);
    {
        char why[64] = "x";
        cimrpc_sd sd;

        tap_ok(sd_from_sddl(NULL, &sd, why, sizeof(why)) == -1, "NULL text refused");
        tap_is_str(why, "there is no descriptor text", "NULL text: message");
    }
}

/* Bounds: text length, ACE count, name length. */
static void
test_bounds(void)
{
    const size_t ace_len = strlen("(A;;CC;;;WD)");
    size_t cap = 16 + (CIMRPC_ACES_MAX + 2) * ace_len + SD_SDDL_TEXT_MAX;
    char *text = malloc(cap), why[256] = "", name[300];
    cimrpc_sd sd = { 0 };
    size_t len;

    if (text == NULL)
        abort();
    len = (size_t)snprintf(text, cap, "O:BAG:BAD:");
    for (int i = 0; i < CIMRPC_ACES_MAX; i++)
        len += (size_t)snprintf(text + len, cap - len, "(A;;CC;;;WD)");
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == 0 && sd.dacl.dacl_len == CIMRPC_ACES_MAX,
           "%d ACEs parse", CIMRPC_ACES_MAX);
    tap_ok(sd_validate(&sd, why, sizeof(why)) == 0, "%d ACEs are valid", CIMRPC_ACES_MAX);
    sd_free(&sd);
    snprintf(text + len, cap - len, "(A;;CC;;;WD)");
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == -1 && sd.dacl.dacl_val == NULL,
           "ACE %d refused", CIMRPC_ACES_MAX + 1);
    snprintf(name, sizeof(name), "character %zu: more than %d ACEs: a DACL holds at most %d",
             len + 1, CIMRPC_ACES_MAX, CIMRPC_ACES_MAX);
    tap_is_str(why, name, "ACE count message");

    /* 64 KiB of text, then one byte more. */
    memset(text, ' ', SD_SDDL_TEXT_MAX);
    memcpy(text, "O:BA", 4);
    text[SD_SDDL_TEXT_MAX] = '\0';
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == 0, "%d bytes of text parse",
           SD_SDDL_TEXT_MAX);
    sd_free(&sd);
    text[SD_SDDL_TEXT_MAX] = ' ';
    text[SD_SDDL_TEXT_MAX + 1] = '\0';
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == -1, "%d bytes refused",
           SD_SDDL_TEXT_MAX + 1);
    tap_is_str(why, "the descriptor is longer than 65536 bytes", "text length message");

    /* A principal of exactly 256 bytes, then 257. */
    memset(name, 'a', sizeof(name));
    snprintf(text, cap, "O:P{%.*s@R}", 254, name);
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == 0 && strlen(sd.owner.name) == 256,
           "a 256-byte principal parses");
    sd_free(&sd);
    snprintf(text, cap, "O:P{%.*s@R}", 255, name);
    tap_ok(sd_from_sddl(text, &sd, why, sizeof(why)) == -1, "a 257-byte principal is refused");
    tap_is_str(why, "character 5: the principal name is longer than 256 bytes",
               "name length message");
    free(text);

    /* sd_inherit's bound. */
    {
        cimrpc_sd parent = { 0 }, child = { 0 }, out;

        parent.dacl_present = child.dacl_present = TRUE;
        parent.dacl.dacl_len = 1000;
        child.dacl.dacl_len = 100;
        parent.dacl.dacl_val = calloc(1000, sizeof(cimrpc_ace));
        child.dacl.dacl_val = calloc(100, sizeof(cimrpc_ace));
        if (parent.dacl.dacl_val == NULL || child.dacl.dacl_val == NULL)
            abort();
        for (int i = 0; i < 1000; i++)
            parent.dacl.dacl_val[i].flags = CIMRPC_ACE_CONTAINER_INHERIT;
        errno = 0;
        tap_ok(sd_inherit(&parent, &child, &out) == -1 && errno == E2BIG &&
                   out.dacl.dacl_val == NULL,
               "inheriting past %d ACEs fails with E2BIG", CIMRPC_ACES_MAX);
        child.dacl.dacl_len = 24;
        tap_ok(sd_inherit(&parent, &child, &out) == 0 && out.dacl.dacl_len == 1024,
               "exactly %d ACEs inherit", CIMRPC_ACES_MAX);
        sd_free(&out);
        sd_free(&parent);
        child.dacl.dacl_len = 100;
        sd_free(&child);
    }
}

/* Export refuses what SDDL cannot express; the message form shows it. */
static void
test_export_limits(void)
{
    cimrpc_sd sd = { 0 };
    char text[256];

    if (!must_parse("O:BAG:BAD:(A;CI;CC;;;AU)", &sd))
        return;
    sd.dacl.dacl_val[0].flags |= 0x1;
    errno = 0;
    tap_ok(sd_to_sddl(&sd) == NULL && errno == EINVAL, "unknown ACE flags: EINVAL");
    sd_sddl_ace_text(&sd.dacl.dacl_val[0], text, sizeof(text));
    tap_is_str(text, "(A;CI0x1;CC;;;AU)", "message form shows unknown flags");
    sd.dacl.dacl_val[0].flags = 0;
    sd.dacl.dacl_val[0].trustee.id = 42;
    errno = 0;
    tap_ok(sd_to_sddl(&sd) == NULL && errno == EINVAL, "unknown well-known id: EINVAL");
    sd_sddl_ace_text(&sd.dacl.dacl_val[0], text, sizeof(text));
    tap_is_str(text, "(A;;CC;;;?1:42)", "message form shows the unknown trustee");
    sd.dacl.dacl_val[0].trustee.id = CIMRPC_WK_EVERYONE;
    sd.owner.kind = (cimrpc_trustee_kind)7;
    errno = 0;
    tap_ok(sd_to_sddl(&sd) == NULL && errno == EINVAL, "unknown owner kind: EINVAL");
    sd.owner.kind = CIMRPC_TRUSTEE_PRINCIPAL;
    free(sd.owner.name);
    sd.owner.name = strdup("a}b@R");
    errno = 0;
    tap_ok(sd_to_sddl(&sd) == NULL && errno == EINVAL, "principal with a brace: EINVAL");
    sd.dacl.dacl_val[0].trustee.kind = CIMRPC_TRUSTEE_USER;
    sd.dacl.dacl_val[0].trustee.id = 4000000001u;
    free(sd.dacl.dacl_val[0].trustee.name);
    sd.dacl.dacl_val[0].trustee.name = strdup("x}y");
    sd_sddl_ace_text(&sd.dacl.dacl_val[0], text, sizeof(text));
    tap_is_str(text, "(A;;CC;;;U{#4000000001})", "an unwritable display name falls back to #id");
    sd_sddl_ace_text(&sd.dacl.dacl_val[0], text, 8);
    tap_is_str(text, "(A;;CC;", "message form truncates");
    sd_free(&sd);
    tap_is_str(sddl(&sd), "", "an empty descriptor is the empty string");
}

static void
test_validate(void)
{
    static const char *const ok[] = {
        DEFAULT_ROOT_SDDL,
        "O:BAG:BAD:",
        "O:BAG:BAD:P",
        "O:U{root}G:G{root}D:(A;CIIO;CC;;;AU)(A;CINPIO;CC;;;AU)(A;NP;CC;;;AU)",
        "O:BAG:BAD:(A;;LCSWRP;;;AU)(D;;LC;;;NU)(D;;LCSW;;;AN)",
        "O:BAG:BAD:(A;ID;CC;;;AU)(A;CIID;0x6003F;;;BA)",
        "O:P{alice@EXAMPLE.COM}G:P{bob@EXAMPLE.COM}D:(A;;CC;;;P{carol@EXAMPLE.COM})",
        "O:BAG:BAD:(A;;;;;WD)",
    };
    static const char *const bad[][2] = {
        { "G:BAD:", "the descriptor has no owner (O:), e.g. O:BA" },
        { "O:BAD:", "the descriptor has no group (G:), e.g. G:BA" },
        { "O:BAG:BA", "the descriptor has no DACL (D:): a namespace's descriptor needs one" },
        { "O:BAG:BAD:(A;CI;CC;;;AU)(A;;LC;;;AU)",
          "ACE 2 (A;;LC;;;AU) allows Full Write (LC) without Partial Write (SW) and Provider "
          "Write (RP): an ACE that allows Full Write must also allow Partial Write and "
          "Provider Write" },
        { "O:BAG:BAD:(A;CI;CCLCSW;;;AU)",
          "ACE 1 (A;CI;CCLCSW;;;AU) allows Full Write (LC) without Provider Write (RP): an ACE "
          "that allows Full Write must also allow Partial Write and Provider Write" },
        { "O:BAG:BAD:(A;;CC;;;WD)(A;;CC;;;AU)(A;;LCRP;;;U{root})",
          "ACE 3 (A;;LCRP;;;U{root}) allows Full Write (LC) without Partial Write (SW): an ACE "
          "that allows Full Write must also allow Partial Write and Provider Write" },
        { "O:BAG:BAD:(A;IO;CC;;;AU)",
          "ACE 1 (A;IO;CC;;;AU) is inherit-only (IO) without container inherit (CI): it would "
          "apply to no namespace; add CI or remove IO" },
        { "O:BAG:BAD:(A;CI;CC;;;AU)(D;NPIOID;CC;;;P{alice@EXAMPLE.COM})",
          "ACE 2 (D;NPIOID;CC;;;P{alice@EXAMPLE.COM}) is inherit-only (IO) without container "
          "inherit (CI): it would apply to no namespace; add CI or remove IO" },
        { "O:BAG:BAD:(A;;0x100;;;AU)",
          "ACE 1 (A;;0x100;;;AU) has unknown access bits 0x100: the rights are CC, DC, LC, SW, "
          "RP, WP, DT, LO, RC and WD (0x600FF)" },
        { "O:BAG:BAD:(D;;0x80000000;;;AU)",
          "ACE 1 (D;;0x80000000;;;AU) has unknown access bits 0x80000000: the rights are CC, "
          "DC, LC, SW, RP, WP, DT, LO, RC and WD (0x600FF)" },
    };
    cimrpc_sd sd = { 0 };
    char big[512], want[1024];

    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        check_validate(ok[i], NULL);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        check_validate(bad[i][0], bad[i][1]);

    /* What SDDL cannot say, built by hand. */
    if (!must_parse("O:BAG:BAD:(A;CI;CC;;;AU)(A;;CC;;;WD)", &sd))
        return;
    sd.dacl.dacl_val[1].flags = 0x40;
    check_validate_sd(&sd, "ACE 2 (A;0x40;CC;;;WD) has unknown flags 0x40: the ACE flags are "
                      "CI, NP, IO and ID", "unknown flag 0x40");
    sd.dacl.dacl_val[1].flags = CIMRPC_ACE_CONTAINER_INHERIT | 0x1;
    check_validate_sd(&sd, "ACE 2 (A;CI0x1;CC;;;WD) has unknown flags 0x1: the ACE flags are "
                      "CI, NP, IO and ID", "object inherit 0x1");
    sd.dacl.dacl_val[1].flags = 0;
    sd.dacl.dacl_val[1].trustee.id = 11;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;?1:11) names well-known trustee 11, which does not "
                      "exist (the well-known trustees are WD, AU, AN, BA, NU, IU, SU, LS, NS "
                      "and SY)", "well-known id 11");
    sd.dacl.dacl_val[1].trustee.id = 0;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;?1:0) names well-known trustee 0, which does not "
                      "exist (the well-known trustees are WD, AU, AN, BA, NU, IU, SU, LS, NS "
                      "and SY)", "well-known id 0");
    sd.dacl.dacl_val[1].trustee.kind = (cimrpc_trustee_kind)9;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;?9:0) has a trustee of unknown kind 9 (a trustee is "
                      "well-known, a user, a group or a principal)", "trustee kind 9");
    sd.dacl.dacl_val[1].trustee.kind = (cimrpc_trustee_kind)0;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;?0:0) has no trustee", "no trustee");
    sd.dacl.dacl_val[1].trustee.kind = CIMRPC_TRUSTEE_USER;
    sd.dacl.dacl_val[1].trustee.id = 0xFFFFFFFFu;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;U{#4294967295}) names uid 4294967295, which is not "
                      "a valid user id", "uid -1");
    sd.dacl.dacl_val[1].trustee.kind = CIMRPC_TRUSTEE_GROUP;
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;G{#4294967295}) names gid 4294967295, which is not "
                      "a valid group id", "gid -1");
    sd.dacl.dacl_val[1].trustee.kind = CIMRPC_TRUSTEE_PRINCIPAL;
    free(sd.dacl.dacl_val[1].trustee.name);
    sd.dacl.dacl_val[1].trustee.name = strdup("alice");
    check_validate_sd(&sd, "ACE 2 (A;;CC;;;P{alice}) names principal 'alice', but a principal "
                      "needs a name and a realm, e.g. P{alice@EXAMPLE.COM}", "principal realm");
    free(sd.dacl.dacl_val[1].trustee.name);
    memset(big, 'x', sizeof(big));
    big[300] = '\0';
    sd.dacl.dacl_val[1].trustee.name = strdup(big);
    snprintf(want, sizeof(want), "ACE 2 (A;;CC;;;P{%s}) has a trustee name longer than 256 "
             "bytes", big);
    check_validate_sd(&sd, want, "principal of 300 bytes");
    sd.dacl.dacl_val[1].trustee.kind = CIMRPC_TRUSTEE_WELL_KNOWN;
    sd.dacl.dacl_val[1].trustee.id = CIMRPC_WK_EVERYONE;
    free(sd.dacl.dacl_val[1].trustee.name);
    sd.dacl.dacl_val[1].trustee.name = strdup("");
    sd.owner.id = 42;
    check_validate_sd(&sd, "the descriptor's owner names well-known trustee 42, which does not "
                      "exist (the well-known trustees are WD, AU, AN, BA, NU, IU, SU, LS, NS "
                      "and SY)", "owner id 42");
    sd.owner.id = CIMRPC_WK_ADMINISTRATORS;
    sd.group.kind = CIMRPC_TRUSTEE_PRINCIPAL;
    check_validate_sd(&sd, "the descriptor's group names principal '', but a principal needs a "
                      "name, e.g. P{alice@EXAMPLE.COM}", "group principal without a name");
    sd.group.kind = CIMRPC_TRUSTEE_WELL_KNOWN;
    tap_is_int(sd_validate(&sd, NULL, 0), 0, "repaired descriptor is valid (no message buffer)");
    sd.dacl.dacl_len = CIMRPC_ACES_MAX + 1;
    check_validate_sd(&sd, "the DACL has 1025 ACEs; at most 1024 are allowed", "1025 ACEs");
    sd.dacl.dacl_len = 2;
    sd_free(&sd);

    tap_ok(sd_principal_problem("host/box.example.com@EXAMPLE.COM") == NULL,
           "a service principal is fine");
    tap_ok(sd_principal_problem("a\\@b") != NULL, "an escaped @ is no realm");
    tap_ok(sd_principal_problem(NULL) != NULL, "NULL is no principal");
}

/* Inheritance, stripping, and what they do to rights. */
static void
test_inherit(void)
{
    cimrpc_sd root = { 0 }, parent = { 0 }, child = { 0 }, eff = { 0 }, eff2 = { 0 },
              stored = { 0 }, grand = { 0 };

    sd_default_root(&root);

    /* A child with no ACEs of its own inherits root's, flagged ID. */
    must_parse("O:BAG:BAD:", &child);
    tap_is_int(sd_inherit(&root, &child, &eff), 0, "inherit from root");
    tap_is_str(sddl(&eff), "O:BAG:BAD:(A;CIID;CCDCLCSWRPWPRCWD;;;BA)(A;CIID;CCDCRP;;;NS)"
               "(A;CIID;CCDCRP;;;LS)(A;CIID;CCDCRP;;;AU)", "root's ACEs arrive inherited");
    tap_is_int(sd_rights(&eff, &callers[ALICE_LOCAL].c), CC | DC | RP,
               "alice keeps 0x13 below root");
    tap_ok(sd_inherit(&eff, &child, &eff2) == 0 && sd_equal(&eff, &eff2),
           "CI keeps going: the grandchild sees the same");
    sd_free(&eff);
    sd_free(&eff2);
    sd_free(&child);

    /* Explicit ACEs first; stale inherited ones dropped; owner from the child. */
    must_parse("O:U{root}G:G{root}D:(A;ID;WD;;;WD)(D;;WP;;;NU)(A;;CC;;;AN)", &child);
    sd_inherit(&root, &child, &eff);
    tap_is_str(sddl(&eff), "O:U{root}G:G{root}D:(D;;WP;;;NU)(A;;CC;;;AN)"
               "(A;CIID;CCDCLCSWRPWPRCWD;;;BA)(A;CIID;CCDCRP;;;NS)(A;CIID;CCDCRP;;;LS)"
               "(A;CIID;CCDCRP;;;AU)", "explicit ACEs first, the stale ID ACE dropped");
    tap_is_int(sd_rights(&eff, &callers[ADMIN_NET].c) & WP, 0,
               "an explicit deny of WP to NU beats the inherited allow to BA");
    tap_is_int(sd_rights(&eff, &callers[ROOT_LOCAL].c) & WP, WP,
               "a local administrator keeps WP");
    tap_is_int(sd_rights(&eff, &callers[ANON_NET].c), CC, "anonymous gets the explicit CC");
    sd_strip_inherited(&eff, &stored);
    tap_is_str(sddl(&stored), "O:U{root}G:G{root}D:(D;;WP;;;NU)(A;;CC;;;AN)",
               "strip keeps only the explicit ACEs");
    tap_ok(sd_inherit(&root, &stored, &eff2) == 0 && sd_equal(&eff, &eff2),
           "strip then inherit gives the same effective descriptor");
    sd_free(&eff);
    sd_free(&eff2);
    sd_free(&stored);
    sd_free(&child);

    /* NP stops after one level; no CI, no inheritance. */
    must_parse("O:BAG:BAD:(A;CINP;CC;;;AU)(A;CI;DC;;;AU)(A;;RP;;;AU)", &parent);
    must_parse("O:BAG:BAD:", &child);
    sd_inherit(NULL, &parent, &eff);
    tap_is_int(sd_rights(&eff, &callers[ALICE_LOCAL].c), CC | DC | RP,
               "the parent itself: all three");
    sd_inherit(&eff, &child, &eff2);
    tap_is_str(sddl(&eff2), "O:BAG:BAD:(A;ID;CC;;;AU)(A;CIID;DC;;;AU)",
               "NP: the copy loses CI and NP; the ACE without CI stays behind");
    tap_is_int(sd_rights(&eff2, &callers[ALICE_LOCAL].c), CC | DC, "the child: CC and DC");
    sd_inherit(&eff2, &child, &grand);
    tap_is_str(sddl(&grand), "O:BAG:BAD:(A;CIID;DC;;;AU)", "the grandchild: only DC");
    tap_is_int(sd_rights(&grand, &callers[ALICE_LOCAL].c), DC, "the grandchild grants DC");
    sd_free(&eff);
    sd_free(&eff2);
    sd_free(&grand);
    sd_free(&parent);

    /* IO: not for the namespace itself; cleared on the copy. */
    must_parse("O:BAG:BAD:(A;CIIO;CC;;;AU)(A;CINPIO;DC;;;AU)(D;CIIO;RP;;;AU)(A;;RP;;;AU)",
               &parent);
    tap_is_int(sd_rights(&parent, &callers[ALICE_LOCAL].c), RP,
               "IO ACEs do not apply to the namespace they are set on");
    sd_inherit(NULL, &parent, &eff);
    sd_inherit(&eff, &child, &eff2);
    tap_is_str(sddl(&eff2), "O:BAG:BAD:(A;CIID;CC;;;AU)(A;ID;DC;;;AU)(D;CIID;RP;;;AU)",
               "IO cleared on the copy, NP too");
    tap_is_int(sd_rights(&eff2, &callers[ALICE_LOCAL].c), CC | DC, "the child: CC, DC, not RP");
    sd_inherit(&eff2, &child, &grand);
    tap_is_int(sd_rights(&grand, &callers[ALICE_LOCAL].c), CC,
               "the grandchild: CC only (IO+NP stopped, RP still denied)");
    sd_free(&eff);
    sd_free(&eff2);
    sd_free(&grand);
    sd_free(&child);

    /* A protected child inherits nothing. */
    must_parse("O:BAG:BAD:P(A;;CC;;;AU)(A;ID;DC;;;AU)", &child);
    sd_inherit(&parent, &child, &eff);
    tap_is_str(sddl(&eff), "O:BAG:BAD:P(A;;CC;;;AU)", "protected: only the explicit ACEs");
    sd_free(&eff);
    sd_free(&child);

    /* A protected parent still passes its CI ACEs on (protection is the
     * child's choice). */
    sd_free(&parent);
    must_parse("O:BAG:BAD:P(A;CI;CC;;;AU)", &parent);
    must_parse("O:BAG:BAD:", &child);
    sd_inherit(&parent, &child, &eff);
    tap_is_str(sddl(&eff), "O:BAG:BAD:(A;CIID;CC;;;AU)", "a protected parent still passes on");
    sd_free(&eff);

    /* No parent, or a parent without a DACL: only the explicit ACEs. */
    sd_free(&parent);
    must_parse("O:BAG:BA", &parent);
    sd_free(&child);
    must_parse("O:BAG:BAD:(A;;CC;;;AU)", &child);
    sd_inherit(&parent, &child, &eff);
    tap_is_str(sddl(&eff), "O:BAG:BAD:(A;;CC;;;AU)", "a parent without a DACL passes nothing");
    sd_free(&eff);
    sd_inherit(NULL, &child, &eff);
    tap_is_str(sddl(&eff), "O:BAG:BAD:(A;;CC;;;AU)", "no parent: only the explicit ACEs");
    sd_free(&eff);
    sd_free(&child);
    must_parse("O:BA", &child);
    sd_inherit(&root, &child, &eff);
    tap_ok(eff.dacl_present && eff.dacl.dacl_len == 4,
           "a child without a DACL still gets the inherited ACEs");
    sd_free(&eff);
    sd_free(&child);
    sd_free(&parent);

    /* Explicit beats inherited across a level. */
    must_parse("O:BAG:BAD:(D;CI;DC;;;AU)(A;CI;CCDC;;;WD)", &parent);
    must_parse("O:BAG:BAD:(A;;DC;;;U{#1000})", &child);
    sd_inherit(NULL, &parent, &eff);
    sd_inherit(&eff, &child, &eff2);
    tap_is_int(sd_rights(&eff2, &callers[ALICE_LOCAL].c), CC | DC,
               "an explicit allow to alice beats the inherited deny to AU");
    tap_is_int(sd_rights(&eff2, &callers[BOB_NET].c), CC,
               "bob (no account) stays denied DC");
    tap_is_int(sd_rights(&eff2, &callers[ANON_LOCAL].c), CC | DC,
               "anonymous is not AU: the inherited allow to WD gives CC and DC");
    sd_free(&eff);
    sd_free(&eff2);
    sd_free(&child);
    sd_free(&parent);
    sd_free(&root);
}

static void
test_rights_cases(void)
{
    static const struct {
        const char *text;
        int who;
        uint32_t want;
        const char *what;
    } cases[] = {
        { "O:BAG:BAD:(A;;CCDC;;;AU)(D;;DC;;;WD)", ALICE_LOCAL, CC, "deny beats allow" },
        { "O:BAG:BAD:(D;;DC;;;WD)(A;;CCDC;;;AU)", ALICE_LOCAL, CC, "in either stored order" },
        { "O:BAG:BAD:(A;ID;CC;;;AU)(D;;CC;;;U{#1000})", ALICE_LOCAL, 0,
          "an inherited allow cannot override an explicit deny" },
        { "O:BAG:BAD:(D;ID;CC;;;WD)(A;;CC;;;AU)", ALICE_LOCAL, CC,
          "an explicit allow wins over an inherited deny" },
        { "O:BAG:BAD:(A;;CC;;;AU)(D;ID;CC;;;WD)", ALICE_LOCAL, CC, "stored the other way round" },
        { "O:BAG:BAD:(D;ID;CC;;;WD)(A;;CC;;;AU)", ANON_LOCAL, 0, "anonymous still denied" },
        { "O:BAG:BAD:(A;ID;CC;;;AU)(D;ID;CC;;;WD)", ALICE_LOCAL, 0,
          "inherited deny beats inherited allow" },
        { "O:BAG:BAD:(A;CIIO;CC;;;AU)", ALICE_LOCAL, 0, "an IO allow does not apply" },
        { "O:BAG:BAD:(D;CIIO;CC;;;AU)(A;;CC;;;AU)", ALICE_LOCAL, CC, "an IO deny does not apply" },
        { "O:BAG:BA", ROOT_LOCAL, 0, "no DACL grants nothing (fails closed)" },
        { "O:BAG:BAD:", ROOT_LOCAL, 0, "an empty DACL grants nothing" },
        { "O:BAG:BAD:(A;;0xFFFFFFFF;;;WD)", ANON_LOCAL, ALL, "unknown bits are never returned" },
        { "O:BAG:BAD:(A;;CC;;;P{alice@EXAMPLE.COM})", ALICE_NET, CC, "principal matches" },
        { "O:BAG:BAD:(A;;CC;;;P{alice@EXAMPLE.COM})", ALICE_CASE, 0,
          "principals are case-sensitive" },
        { "O:BAG:BAD:(A;;CC;;;P{root@EXAMPLE.COM})", ANON_STRAY, 0,
          "an anonymous caller's principal is ignored" },
        { "O:BAG:BAD:(A;;CC;;;U{#1000})", ALICE_LOCAL, CC, "user by uid" },
        { "O:BAG:BAD:(A;;CC;;;U{#1000})", BOB_NET, 0, "no account: no uid match" },
        { "O:BAG:BAD:(A;;CC;;;G{#100})", BOB_NET, 0, "no account: no gid match" },
        { "O:BAG:BAD:(A;;CC;;;G{#27})", ALICE_LOCAL, CC, "supplementary group" },
        { "O:BAG:BAD:(A;;CC;;;G{#100})", ALICE_NET, CC, "primary group" },
        { "O:BAG:BAD:(A;;CC;;;G{#28})", ALICE_LOCAL, 0, "other group" },
        { "O:BAG:BAD:(A;;CC;;;U{root})", ANON_STRAY, 0, "anonymous never matches a user" },
        { "O:BAG:BAD:(A;;CC;;;NU)(A;;DC;;;IU)", ALICE_NET, CC, "network caller: NU" },
        { "O:BAG:BAD:(A;;CC;;;NU)(A;;DC;;;IU)", ALICE_LOCAL, DC, "local caller: IU" },
        { "O:BAG:BAD:(A;;CC;;;NU)(A;;DC;;;IU)", ANON_NET, CC, "NU holds anonymous callers too" },
        { "O:BAG:BAD:(A;;CC;;;AN)", ANON_NET, CC, "AN: anonymous" },
        { "O:BAG:BAD:(A;;CC;;;AN)", ALICE_NET, 0, "AN: not alice" },
        { "O:BAG:BAD:(A;;CC;;;AU)", ANON_NET, 0, "AU: never anonymous" },
        { "O:BAG:BAD:(A;;CC;;;BA)", ANON_STRAY, 0, "BA needs authentication" },
        { "O:BAG:BAD:(A;;CC;;;BA)", ADMIN_NET, CC, "BA: administrator" },
        { "O:BAG:BAD:(A;;CC;;;SU)", SERVICE_NET, CC, "SU: a service over the network" },
        { "O:BAG:BAD:(A;;CC;;;LS)(A;;DC;;;NS)(A;;RP;;;SY)", SERVICE_LOCAL, CC | DC | RP,
          "LS, NS, SY: a local service" },
        { "O:BAG:BAD:(A;;CC;;;LS)(A;;DC;;;NS)(A;;RP;;;SY)", SERVICE_NET, 0,
          "LS, NS, SY: never a network caller" },
        { "O:BAG:BAD:(A;;CC;;;LS)(A;;DC;;;NS)(A;;RP;;;SY)", ROOT_LOCAL, 0,
          "LS, NS, SY: not root" },
        { "O:BAG:BAD:(A;;CC;;;SU)", ANON_STRAY, 0, "SU needs authentication" },
        { "O:BAG:BAD:(A;;CCDC;;;WD)(D;;DC;;;AN)(A;ID;RP;;;AN)", ANON_LOCAL, CC | RP,
          "a mix for anonymous" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        tap_is_int(rights_of(cases[i].text, cases[i].who), cases[i].want, "%s (%s)",
                   cases[i].what, callers[cases[i].who].label);
}

/* sd_trustee_matches() against the callers' hand-written memberships. */
static void
test_matching(void)
{
    for (size_t w = 0; w < N_CALLERS; w++) {
        size_t bad = 0;

        for (size_t i = 0; i < POOL_ALL; i++) {
            cimrpc_trustee t = { .kind = (cimrpc_trustee_kind)pool[i].kind, .id = pool[i].id,
                                 .name = (char *)pool[i].name };

            if (sd_trustee_matches(&t, &callers[w].c) != oracle_match(&t, &callers[w])) {
                if (bad++ == 0)
                    printf("#   trustee %zu (kind %d id %u %s)\n", i, pool[i].kind,
                           pool[i].id, pool[i].name);
            }
        }
        tap_ok(bad == 0, "memberships of %s", callers[w].label);
    }
}

/* sd_rights() against the oracle on random descriptors. */
static void
test_rights_oracle(void)
{
    enum { N_SD = 2000, BATCH = 250 };
    cimrpc_sd sd;
    size_t bad[N_CALLERS] = { 0 }, perm_bad = 0, nonzero = 0;

    for (int n = 1; n <= N_SD; n++) {
        random_sd(&sd, 12, false);
        for (size_t w = 0; w < N_CALLERS; w++) {
            uint32_t got = sd_rights(&sd, &callers[w].c), want = oracle_rights(&sd, &callers[w]);

            if (got != 0)
                nonzero++;
            if (got != want && bad[w]++ == 0)
                printf("#   %s: got 0x%X want 0x%X for a descriptor of %u ACEs\n",
                       callers[w].label, got, want, sd.dacl.dacl_len);
        }
        /* Canonical order makes the stored order irrelevant. */
        if (sd.dacl.dacl_len > 1) {
            uint32_t before[N_CALLERS];

            for (size_t w = 0; w < N_CALLERS; w++)
                before[w] = sd_rights(&sd, &callers[w].c);
            for (u_int i = sd.dacl.dacl_len - 1; i > 0; i--) {
                u_int j = rng() % (i + 1);
                cimrpc_ace tmp = sd.dacl.dacl_val[i];

                sd.dacl.dacl_val[i] = sd.dacl.dacl_val[j];
                sd.dacl.dacl_val[j] = tmp;
            }
            for (size_t w = 0; w < N_CALLERS; w++)
                if (sd_rights(&sd, &callers[w].c) != before[w])
                    perm_bad++;
        }
        sd_free(&sd);
        if (n % BATCH == 0) {
            for (size_t w = 0; w < N_CALLERS; w++) {
                tap_ok(bad[w] == 0, "oracle agrees for %s, descriptors %d-%d", callers[w].label,
                       n - BATCH + 1, n);
                bad[w] = 0;
            }
            tap_ok(perm_bad == 0, "shuffling ACEs changes nothing, descriptors %d-%d",
                   n - BATCH + 1, n);
            perm_bad = 0;
        }
    }
    /* A matrix where everything is denied would prove little. */
    tap_ok(nonzero > N_SD * N_CALLERS / 10, "the matrix grants rights often (%zu of %zu)",
           nonzero, (size_t)N_SD * N_CALLERS);
}

/* Random descriptors through SDDL and XDR and back. */
static void
test_round_trips(void)
{
    enum { N_SD = 500, BATCH = 100 };
    size_t sddl_bad = 0, stable_bad = 0, xdr_bad = 0, copy_bad = 0, strip_bad = 0;

    for (int n = 1; n <= N_SD; n++) {
        cimrpc_sd sd, back = { 0 }, decoded = { 0 }, copy = { 0 }, stripped = { 0 };
        char why[512], *text, *again;
        unsigned char *blob = NULL;
        size_t len = 0;

        random_sd(&sd, 10, true);
        text = sd_to_sddl(&sd);
        if (text == NULL || sd_from_sddl(text, &back, why, sizeof(why)) < 0 ||
            !sd_equal(&sd, &back)) {
            if (sddl_bad++ == 0)
                printf("#   %s\n", text != NULL ? text : "(export failed)");
        } else {
            again = sd_to_sddl(&back);
            if (again == NULL || strcmp(again, text) != 0)
                stable_bad++;
            free(again);
        }
        if (xdr_blob_encode((xdrproc_t)xdr_cimrpc_sd, &sd, &blob, &len) < 0 ||
            xdr_blob_decode((xdrproc_t)xdr_cimrpc_sd, blob, len, &decoded) < 0 ||
            !sd_equal(&sd, &decoded))
            xdr_bad++;
        if (sd_copy(&sd, &copy) < 0 || !sd_equal(&sd, &copy))
            copy_bad++;
        if (sd_strip_inherited(&sd, &stripped) < 0)
            strip_bad++;
        for (u_int i = 0, j = 0; i < sd.dacl.dacl_len; i++) {
            if (sd.dacl.dacl_val[i].flags & CIMRPC_ACE_INHERITED)
                continue;
            if (j >= stripped.dacl.dacl_len ||
                stripped.dacl.dacl_val[j].flags != sd.dacl.dacl_val[i].flags ||
                stripped.dacl.dacl_val[j].mask != sd.dacl.dacl_val[i].mask)
                strip_bad++;
            j++;
        }
        for (u_int j = 0; j < stripped.dacl.dacl_len; j++)
            if (stripped.dacl.dacl_val[j].flags & CIMRPC_ACE_INHERITED)
                strip_bad++;
        free(text);
        free(blob);
        sd_free(&sd);
        sd_free(&back);
        sd_free(&decoded);          /* sd_free on what XDR allocated */
        sd_free(&copy);
        sd_free(&stripped);
        if (n % BATCH == 0) {
            tap_ok(sddl_bad == 0, "SDDL round trip, descriptors %d-%d", n - BATCH + 1, n);
            tap_ok(stable_bad == 0, "SDDL is stable, descriptors %d-%d", n - BATCH + 1, n);
            tap_ok(xdr_bad == 0, "XDR round trip, descriptors %d-%d", n - BATCH + 1, n);
            tap_ok(copy_bad == 0, "sd_copy, descriptors %d-%d", n - BATCH + 1, n);
            tap_ok(strip_bad == 0, "sd_strip_inherited, descriptors %d-%d", n - BATCH + 1, n);
            sddl_bad = stable_bad = xdr_bad = copy_bad = strip_bad = 0;
        }
    }
}

/* sd_equal and the well-known names. */
static void
test_misc(void)
{
    cimrpc_sd a = { 0 }, b = { 0 };

    must_parse("O:BAG:BAD:(A;;CC;;;U{root})", &a);
    must_parse("O:BAG:BAD:(A;;CC;;;U{#0})", &b);
    tap_ok(sd_equal(&a, &b), "equal ignores users' display names");
    b.dacl.dacl_val[0].allow = FALSE;
    tap_ok(!sd_equal(&a, &b), "allow differs");
    b.dacl.dacl_val[0].allow = TRUE;
    b.dacl_protected = TRUE;
    tap_ok(!sd_equal(&a, &b), "protection differs");
    b.dacl_protected = FALSE;
    b.owner.id = CIMRPC_WK_SYSTEM;
    tap_ok(!sd_equal(&a, &b), "owner differs");
    sd_free(&a);
    sd_free(&b);
    tap_is_str(sd_well_known_alias(CIMRPC_WK_LOCAL), "IU", "Local is IU");
    tap_is_str(sd_well_known_name(CIMRPC_WK_LOCAL), "Local", "IU is called Local");
    tap_is_str(sd_well_known_name(CIMRPC_WK_AUTHENTICATED), "Authenticated Users", "AU's name");
    tap_ok(sd_well_known_alias(0) == NULL && sd_well_known_alias(11) == NULL &&
               sd_well_known_name(11) == NULL, "no well-known 0 or 11");
    for (unsigned int id = 1; id <= 10; id++)
        tap_is_str(sd_well_known_alias(id), oracle_alias(id), "alias of well-known %u", id);
}

int
main(void)
{
    test_default_root();
    test_canonical();
    test_parse_errors();
    test_bounds();
    test_export_limits();
    test_validate();
    test_inherit();
    test_rights_cases();
    test_matching();
    test_rights_oracle();
    test_round_trips();
    test_misc();
    tap_plan(tap_n);
    return tap_done();
}
