/*
 * test-wql-engine.c: the WQL evaluation engine for data queries, its two
 * back ends run against the same data with known answers.
 *
 * A throw-away repository is loaded from the MOF below: a class hierarchy
 * T_Base > T_Sub > T_Leaf with a key and properties of every kind (sint32,
 * sint64 at its extremes, uint8, uint64 on both sides of INT64_MAX,
 * real64, boolean, char16, datetime, reference, array, embedded object),
 * NULLs everywhere, strings built to look like SQL injections, and a
 * class T_Pair with two keys.  Then each row of the conformance table
 * (query, expected keys, how much of it SQL decides) runs twice:
 *
 *   SQL:   wql_bind + wql_sql_translate + repo_instance_page (in pages of
 *          three) + wql_eval on the rows when the SQL is not exact;
 *   eval:  wql_bind + repo_instance_enumerate + wql_eval on every instance;
 *
 * and both answers must equal the expected one.  The mode column says
 * what the translation must be: E exact (SQL alone decides), P partial
 * (SQL narrows, the evaluator decides), N none (no SQL condition).
 *
 * Then: the SQL text of some queries (placeholders numbered from ?3, the
 * k = ? key lookup, no literal ever in the text, the uint64 encoding),
 * bind errors with their WBEM code, column and message, property lists,
 * and the evaluator alone on instances a provider might return (missing
 * properties, NaN, wrong types).
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/wbem.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "query/wql_bind.h"
#include "query/wql_eval.h"
#include "query/wql_parser.h"
#include "query/wql_sql.h"
#include "repository/repo.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "tap.h"

#define NS "root/cimv2"
#define SERVER "testhost"

static const char test_mof[] =
    "Qualifier Key : boolean = false, Scope(property, reference),\n"
    "    Flavor(DisableOverride, ToSubclass);\n"
    "Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter),\n"
    "    Flavor(EnableOverride, ToSubclass);\n"
    "class T_Part { string Label; };\n"
    "class T_SubPart : T_Part { uint32 Size; };\n"
    "class T_Base {\n"
    "    [Key] string Id;\n"
    "    string Name; sint32 S32; sint64 S64; uint8 U8; uint64 U64; real64 R64;\n"
    "    boolean Flag; char16 Ch; datetime When; T_Base REF Peer; string Tags[];\n"
    "    [EmbeddedInstance (\"T_Part\")] string Part;\n"
    "};\n"
    "class T_Sub : T_Base { string Extra; uint32 Level; };\n"
    "class T_Leaf : T_Sub { string Note; };\n"
    "class T_Pair { [Key] string A; [Key] uint32 B; string Note; };\n"
    "instance of T_Base { Id = \"a\"; Name = \"Alpha\"; S32 = 1; S64 = -5; U8 = 0; U64 = 0;\n"
    "    R64 = 1.5; Flag = TRUE; Ch = 'x'; When = \"20240101000000.000000+000\";\n"
    "    Peer = \"T_Sub.Id=\\\"s1\\\"\"; Tags = { \"t1\" };\n"
    "    Part = instance of T_Part { Label = \"p\"; }; };\n"
    "instance of T_Base { Id = \"b\"; Name = \"beta\"; S32 = -20; S64 = 9223372036854775807;\n"
    "    U8 = 255; U64 = 9223372036854775807; R64 = -2.25; Flag = FALSE; Ch = 'X';\n"
    "    When = \"20250601120000.000000+000\"; Peer = \"T_Base.Id=\\\"a\\\"\";\n"
    "    Part = instance of T_SubPart { Label = \"q\"; Size = 3; }; };\n"
    "instance of T_Base { Id = \"c\"; Name = \"GAMMA\"; S32 = 300;\n"
    "    S64 = -9223372036854775808; U8 = 10; U64 = 9223372036854775808; R64 = 0.0;\n"
    "    Ch = 'y'; Tags = { }; };\n"
    "instance of T_Base { Id = \"d\"; };\n"
    "instance of T_Base { Id = \"e\"; Name = \"a_b\"; S32 = 7; S64 = 7; U8 = 7;\n"
    "    U64 = 18446744073709551615; R64 = 7.0; Flag = TRUE; Ch = '_';\n"
    "    When = \"20230101000000.000000+000\"; Peer = \"T_Leaf.Id=\\\"l1\\\"\"; };\n"
    "instance of T_Base { Id = \"f\"; Name = \"a%b\"; S32 = 0; S64 = 0; U8 = 128; U64 = 12;\n"
    "    R64 = 10000000000.0; Flag = FALSE; Ch = '%'; };\n"
    "instance of T_Base { Id = \"g\"; Name = \"x' OR 1=1 --\"; S32 = 2; };\n"
    "instance of T_Base { Id = \"h\"; Name = \"\xC3\x89" "clair\"; S32 = 3; Ch = '\xC3\xA9'; };\n"
    "instance of T_Sub { Id = \"s1\"; Name = \"Sub one\"; S32 = 5; U8 = 5;\n"
    "    U64 = 18446744073709551614; R64 = 2.5; Flag = TRUE; Ch = 'S';\n"
    "    Peer = \"T_Base.Id=\\\"b\\\"\"; Extra = \"ex1\"; Level = 1; };\n"
    "instance of T_Sub { Id = \"s2\"; Name = \"sub two\"; S32 = 6; Flag = FALSE; Level = 2; };\n"
    "instance of T_Leaf { Id = \"l1\"; Name = \"Leaf\"; S32 = 8; U64 = 5; Flag = TRUE;\n"
    "    Extra = \"ex3\"; Level = 3; Note = \"n\";\n"
    "    Part = instance of T_SubPart { Label = \"r\"; Size = 9; }; };\n"
    "instance of T_Pair { A = \"k1\"; B = 1; };\n"
    "instance of T_Pair { A = \"k1\"; B = 2; };\n"
    "instance of T_Pair { A = \"K2\"; B = 1; Note = \"x\"; };\n";

#define ALL "a b c d e f g h s1 s2 l1"

/* The conformance table.  MODE: E exact SQL, P partial, N no SQL. */
static const struct row {
    const char *where;          /* after "SELECT * FROM T_Base WHERE ", or a
                                 * whole query when it starts with SELECT */
    const char *expect;         /* keys, space-separated, any order */
    char mode;
} rows[] = {
    /* integers */
    { "S32 = 7", "e", 'E' },
    { "S32 <> 7", "a b c f g h s1 s2 l1", 'E' },
    { "S32 != 7", "a b c f g h s1 s2 l1", 'E' },
    { "S32 < 2", "a b f", 'E' },
    { "S32 <= 2", "a b f g", 'E' },
    { "S32 > 7", "c l1", 'E' },
    { "S32 >= 7", "c e l1", 'E' },
    { "7 = S32", "e", 'E' },
    { "5 < S32", "c e s2 l1", 'E' },
    { "S32 = -20", "b", 'E' },
    { "S32 = 0x12C", "c", 'E' },
    { "S32 > 2.5", "c e h s1 s2 l1", 'E' },
    { "S32 = 2.5", "", 'E' },
    { "S32 <> 2.5", "a b c e f g h s1 s2 l1", 'E' },
    { "S32 < -0.5", "b", 'E' },
    { "S32 = '7'", "e", 'E' },
    { "S32 = '0x12C'", "c", 'E' },
    { "S32 > '5.5'", "c e s2 l1", 'E' },
    /* literals outside the type's range decide the test */
    { "U8 = 300", "", 'E' },
    { "U8 < 300", "a b c e f s1", 'E' },
    { "U8 <> 300", "a b c e f s1", 'E' },
    { "U8 > -1", "a b c e f s1", 'E' },
    { "U8 <= -1", "", 'E' },
    { "NOT (U8 = 300)", "a b c e f s1", 'E' },
    { "S32 < 99999999999", "a b c e f g h s1 s2 l1", 'E' },
    { "U8 >= 255", "b", 'E' },
    { "U8 > 127.5", "b f", 'E' },
    { "U8 < 1e300", "a b c e f s1", 'E' },
    { "U8 = '300'", "", 'E' },
    /* sint64 at its extremes */
    { "S64 = 9223372036854775807", "b", 'E' },
    { "S64 = -9223372036854775808", "c", 'E' },
    { "S64 < -9223372036854775808", "", 'E' },
    { "S64 > 9223372036854775807", "", 'E' },
    { "S64 < 0", "a c", 'E' },
    { "S64 > 9223372036854775808", "", 'E' },
    { "S64 < 9223372036854775808", "a b c e f", 'E' },
    { "S64 >= '-9223372036854775809'", "a b c e f", 'E' },
    { "S64 < '-99999999999999999999999'", "", 'E' },
    /* uint64 across INT64_MAX */
    { "U64 > 9223372036854775807", "c e s1", 'E' },
    { "U64 >= 9223372036854775807", "b c e s1", 'E' },
    { "U64 < 9223372036854775808", "a b f l1", 'E' },
    { "U64 = 18446744073709551615", "e", 'E' },
    { "U64 < 18446744073709551615", "a b c f s1 l1", 'E' },
    { "U64 > 18446744073709551614", "e", 'E' },
    { "U64 <= 12", "a f l1", 'E' },
    { "U64 = 9223372036854775808", "c", 'E' },
    { "U64 > -5", "a b c e f s1 l1", 'E' },
    { "U64 > 1e19", "e s1", 'E' },
    { "U64 < 9.3e18", "a b c f l1", 'E' },
    { "U64 <> 12", "a b c e s1 l1", 'E' },
    { "U64 = '18446744073709551615'", "e", 'E' },
    { "U64 > 18446744073709551615.5", "", 'E' },
    /* reals */
    { "R64 = 1.5", "a", 'E' },
    { "R64 > 2", "e f s1", 'E' },
    { "R64 < 0", "b", 'E' },
    { "R64 <= 0", "b c", 'E' },
    { "R64 = 7", "e", 'E' },
    { "R64 = '2.5'", "s1", 'E' },
    { "R64 >= -2.25", "a b c e f s1", 'E' },
    { "R64 <> 0", "a b e f s1", 'E' },
    /* booleans */
    { "Flag = TRUE", "a e s1 l1", 'E' },
    { "Flag = FALSE", "b f s2", 'E' },
    { "Flag <> TRUE", "b f s2", 'E' },
    { "Flag = 1", "a e s1 l1", 'E' },
    { "Flag = 0", "b f s2", 'E' },
    { "NOT Flag = TRUE", "b f s2", 'E' },
    { "Flag = 'true'", "a e s1 l1", 'E' },
    { "TRUE = Flag", "a e s1 l1", 'E' },
    /* strings, without regard to ASCII case */
    { "Name = 'alpha'", "a", 'E' },
    { "Name = 'ALPHA'", "a", 'E' },
    { "Name <> 'alpha'", "b c e f g h s1 s2 l1", 'E' },
    { "Name < 'b'", "a e f", 'E' },
    { "Name >= 'SUB'", "g h s1 s2", 'E' },
    { "Name > 'gamma'", "g h l1 s1 s2", 'E' },
    { "Name <= 'Gamma'", "a b c e f", 'E' },
    { "Name = '\xC3\xA9" "clair'", "", 'E' },
    { "Name = '\xC3\x89" "clair'", "h", 'E' },
    { "Name = '\xC3\x89" "CLAIR'", "h", 'E' },
    { "Name = '\xC3\xA9" "CLAIR'", "", 'E' },
    { "Name = 'Alpha '", "", 'E' },
    { "Name = 'Alph'", "", 'E' },
    /* LIKE */
    { "Name LIKE 'a%'", "a e f", 'E' },
    { "Name LIKE '%a'", "a b c", 'E' },
    { "Name LIKE 'a_b'", "e f", 'E' },
    { "Name LIKE 'a[_]b'", "e", 'E' },
    { "Name LIKE 'a[%]b'", "f", 'E' },
    { "Name LIKE '[a-c]%'", "a b e f", 'E' },
    { "Name LIKE '[^a-c]%'", "c g h l1 s1 s2", 'E' },
    { "Name NOT LIKE '%a%'", "g s1 s2", 'E' },
    { "Name LIKE 'sub%'", "s1 s2", 'E' },
    { "Name LIKE '_____'", "a c", 'E' },
    { "Name LIKE '\xC3\xA9" "clair'", "h", 'E' },
    { "Name LIKE '%'", "a b c e f g h s1 s2 l1", 'E' },
    { "NOT Name LIKE 'a%'", "b c g h s1 s2 l1", 'E' },
    { "When LIKE '2024%'", "a", 'E' },
    { "Peer LIKE 'T_Sub.%'", "a", 'E' },
    { "Ch LIKE 'x'", "a b", 'N' },
    { "Ch LIKE '[%_]'", "e f", 'N' },
    /* char16 */
    { "Ch = 'x'", "a b", 'E' },
    { "Ch = 'X'", "a b", 'E' },
    { "Ch <> 'x'", "c e f h s1", 'E' },
    { "Ch = '_'", "e", 'E' },
    { "Ch > 'x'", "c h", 'N' },
    { "Ch = '\xC3\xA9'", "h", 'E' },
    { "Ch = 's' AND S32 = 5", "s1", 'E' },
    /* datetime and reference */
    { "When > '20240101000000.000000+000'", "b", 'E' },
    { "When <= '20240101000000.000000+000'", "a e", 'E' },
    { "Peer = 'T_BASE.ID=\"A\"'", "b", 'E' },
    /* ISA */
    { "Peer ISA 'T_Sub'", "a e", 'N' },
    { "Peer ISA 'T_Base'", "a b e s1", 'N' },
    { "Peer ISA 'T_Leaf'", "e", 'N' },
    { "Part ISA 'T_Part'", "a b l1", 'N' },
    { "Part ISA 'T_SubPart'", "b l1", 'N' },
    { "__THIS ISA 'T_Sub'", "s1 s2 l1", 'N' },
    { "__THIS ISA T_Leaf", "l1", 'N' },
    { "__THIS ISA 'T_Base'", ALL, 'N' },
    { "NOT Part ISA 'T_SubPart'", "a", 'N' },
    { "Peer ISA 'T_Pair'", "", 'N' },
    /* IS NULL, two-valued */
    { "Name IS NULL", "d", 'E' },
    { "Name IS NOT NULL", "a b c e f g h s1 s2 l1", 'E' },
    { "Tags IS NULL", "b d e f g h s1 s2 l1", 'N' },
    { "Tags IS NOT NULL", "a c", 'N' },
    { "Part IS NULL", "c d e f g h s1 s2", 'N' },
    { "S64 IS NULL", "d g h s1 s2 l1", 'E' },
    { "Flag = NULL", "c d g h", 'E' },
    { "Flag <> NULL", "a b e f s1 s2 l1", 'E' },
    { "NOT (R64 IS NULL)", "a b c e f s1", 'E' },
    /* three-valued logic */
    { "NOT (S32 = 7)", "a b c f g h s1 s2 l1", 'E' },
    { "NOT (S64 = 0)", "a b c e", 'E' },
    { "S64 = 0 OR S32 = 7", "e f", 'E' },
    { "S64 = 0 OR NOT (S64 = 0)", "a b c e f", 'E' },
    { "NOT (S64 = 0 OR S32 > 5)", "a b", 'E' },
    { "S64 = 0 AND S32 = 0", "f", 'E' },
    { "NOT (Flag = TRUE AND U8 > 5)", "a b f s1 s2", 'E' },
    { "NOT (NOT (S64 = 7))", "e", 'E' },
    { "Flag = TRUE OR Flag IS NULL", "a c d e g h s1 l1", 'E' },
    { "NOT (U8 < 300) OR Name = 'GAMMA'", "c", 'E' },
    /* precedence: NOT over AND over OR */
    { "S32 = 1 OR S32 = 2 AND Flag = TRUE", "a", 'E' },
    { "(S32 = 1 OR S32 = 2) AND Flag = TRUE", "a", 'E' },
    { "S32 = 2 OR S32 = 1 AND Flag = TRUE", "a g", 'E' },
    { "NOT S32 = 1 AND Flag = TRUE", "e s1 l1", 'E' },
    { "NOT (S32 = 1 AND Flag = TRUE)", "b c e f g h s1 s2 l1", 'E' },
    { "((((S32 = 8))))", "l1", 'E' },
    /* system properties */
    { "__CLASS = 'T_Sub'", "s1 s2", 'N' },
    { "__CLASS = 't_leaf'", "l1", 'N' },
    { "__CLASS <> 'T_Base'", "s1 s2 l1", 'N' },
    { "__CLASS LIKE 'T_S%'", "s1 s2", 'N' },
    { "__GENUS = 2", ALL, 'N' },
    { "__GENUS = '2'", ALL, 'N' },
    { "__SUPERCLASS = 'T_Sub'", "l1", 'N' },
    { "__SUPERCLASS IS NULL", "a b c d e f g h", 'N' },
    { "__RELPATH = 'T_Sub.Id=\"s2\"'", "s2", 'N' },
    { "__NAMESPACE = 'ROOT/cimv2'", ALL, 'N' },
    { "__PATH LIKE '//testhost/root/cimv2:T_Leaf.%'", "l1", 'N' },
    { "__SERVER = '" SERVER "'", ALL, 'N' },
    /* part SQL, part evaluator */
    { "S32 > 0 AND __CLASS = 'T_Sub'", "s1 s2", 'P' },
    { "S32 > 0 OR __CLASS = 'T_Sub'", "a c e g h s1 s2 l1", 'N' },
    { "Flag = TRUE AND Part ISA 'T_SubPart'", "l1", 'P' },
    { "NOT (Part ISA 'T_Part')", "", 'N' },
    { "Ch > 'a' AND Ch < 'z' AND S32 < 100", "a b s1", 'P' },
    { "NOT (S32 = 1 AND __CLASS = 'T_Base')", "b c e f g h s1 s2 l1", 'N' },
    { "(S32 = 1 OR Tags IS NOT NULL) AND Name IS NOT NULL", "a c", 'P' },
    /* deep results and subclass properties */
    { "SELECT * FROM T_Base", ALL, 'E' },
    { "SELECT * FROM T_Sub", "s1 s2 l1", 'E' },
    { "SELECT * FROM T_Sub WHERE Extra = 'EX1'", "s1", 'E' },
    { "SELECT * FROM T_Sub WHERE Extra IS NULL", "s2", 'E' },
    { "SELECT * FROM T_Sub WHERE Level >= 2", "s2 l1", 'E' },
    { "SELECT * FROM T_Leaf WHERE Note = 'n'", "l1", 'E' },
    { "SELECT * FROM T_Sub WHERE Name LIKE '%e'", "s1", 'E' },
    { "SELECT * FROM T_Sub WHERE S32 < 7", "s1 s2", 'E' },
    { "SELECT * FROM T_Sub WHERE __THIS ISA 'T_Leaf'", "l1", 'N' },
    /* keys: k = ? lookups */
    { "Id = 'a'", "a", 'E' },
    { "Id = 'S1'", "s1", 'E' },
    { "Id = 'zz'", "", 'E' },
    { "Id = 'a' OR Id = 'b'", "a b", 'E' },
    { "Id = 'l1' AND S32 = 8", "l1", 'E' },
    { "Id = 'l1' AND S32 = 9", "", 'E' },
    { "Id = 'l1' AND __CLASS = 'T_Leaf'", "l1", 'P' },
    { "SELECT * FROM T_Sub WHERE Id = 'l1'", "l1", 'E' },
    { "SELECT * FROM T_Pair WHERE A = 'k1' AND B = 2", "k1/2", 'E' },
    { "SELECT * FROM T_Pair WHERE B = 1 AND A = 'K1'", "k1/1", 'E' },
    { "SELECT * FROM T_Pair WHERE A = 'k1'", "k1/1 k1/2", 'E' },
    { "SELECT * FROM T_Pair WHERE A = 'k2' AND B = '1'", "K2/1", 'E' },
    { "SELECT * FROM T_Pair WHERE A = 'k1' AND B = 300000000000", "", 'E' },
    { "SELECT * FROM T_Pair WHERE B < 2", "k1/1 K2/1", 'E' },
    { "SELECT * FROM T_Pair WHERE Note IS NULL", "k1/1 k1/2", 'E' },
    /* literals that would be SQL injections if pasted */
    { "Name = 'x\\' OR 1=1 --'", "g", 'E' },
    { "Name = \"x' OR 1=1 --\"", "g", 'E' },
    { "Name = '\\'; DROP TABLE i1; --'", "", 'E' },
    { "Name LIKE \"%' OR '1'='1\"", "", 'E' },
    { "Name = 'a\" OR \"\"=\"'", "", 'E' },
    { "Id = '\\') OR 1=1 --'", "", 'E' },
    { "Name LIKE \"x' OR 1=1%\"", "g", 'E' },
    { "Name > '\\' OR 1=1' AND Name < 'b'", "a e f", 'E' },
};

/* ------------------------------------------------------------ helpers --- */

static struct repo *repo;
static char dir[4096], dbfile[4200];
static cim_class classes[6];
static const char *const class_names[] = { "T_Base", "T_Sub", "T_Leaf", "T_Pair", "T_Part",
                                           "T_SubPart" };
#define N_CLASSES (sizeof(class_names) / sizeof(class_names[0]))
static unsigned sql_with_quote;        /* SQL texts seen that hold a quote */

static const cim_class *
find_class(const char *name)
{
    for (size_t i = 0; i < N_CLASSES; i++)
        if (classes[i].name != NULL && strcasecmp(classes[i].name, name) == 0)
            return &classes[i];
    return NULL;
}

/* The env's ISA: walk up the superclasses of the loaded classes. */
static int
isa_cb(void *arg, const char *name, const char *ancestor, struct wql_error *err)
{
    (void)arg;
    (void)err;
    for (int depth = 0; name != NULL && name[0] != '\0' && depth < 16; depth++) {
        const cim_class *c = find_class(name);

        if (strcasecmp(name, ancestor) == 0)
            return 1;
        name = c != NULL ? c->superclass : NULL;
    }
    return 0;
}

/* A result's label: its Id, or A/B for T_Pair. */
static char *
label(const cim_instance *inst)
{
    const char *id = NULL, *a = "?";
    unsigned long long b = 0;
    char *s = NULL;

    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *pv = &inst->properties.properties_val[i];

        if (pv->value.is_null || pv->value.items.items_len != 1)
            continue;
        if (strcasecmp(pv->name, "Id") == 0)
            id = pv->value.items.items_val[0].cim_scalar_u.s;
        else if (strcasecmp(pv->name, "A") == 0)
            a = pv->value.items.items_val[0].cim_scalar_u.s;
        else if (strcasecmp(pv->name, "B") == 0)
            b = pv->value.items.items_val[0].cim_scalar_u.u;
    }
    if (id != NULL)
        s = strdup(id);
    else if (asprintf(&s, "%s/%llu", a, b) < 0)
        s = NULL;
    if (s == NULL)
        abort();
    return s;
}

struct keys {
    char **v;
    size_t n;
};

static void
keys_add(struct keys *k, char *s)
{
    k->v = realloc(k->v, (k->n + 1) * sizeof(*k->v));
    if (k->v == NULL)
        abort();
    k->v[k->n++] = s;
}

static int
keys_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys sorted and joined by ' ', freed; a new string. */
static char *
keys_join(struct keys *k)
{
    size_t len = 1;
    char *s;

    if (k->n > 1)
        qsort(k->v, k->n, sizeof(*k->v), keys_cmp);
    for (size_t i = 0; i < k->n; i++)
        len += strlen(k->v[i]) + 1;
    if ((s = calloc(1, len)) == NULL)
        abort();
    for (size_t i = 0; i < k->n; i++) {
        if (i > 0)
            strcat(s, " ");
        strcat(s, k->v[i]);
        free(k->v[i]);
    }
    free(k->v);
    k->v = NULL;
    k->n = 0;
    return s;
}

/* EXPECT (any order) sorted like keys_join(). */
static char *
sorted(const char *expect)
{
    struct keys k = { 0 };
    char *copy = strdup(expect), *save = NULL;

    if (copy == NULL)
        abort();
    for (char *t = strtok_r(copy, " ", &save); t != NULL; t = strtok_r(NULL, " ", &save)) {
        char *d = strdup(t);
        if (d == NULL)
            abort();
        keys_add(&k, d);
    }
    free(copy);
    return keys_join(&k);
}

/* The environment for INST, whose relative path is CLASS.KEY. */
static void
env_for(const cim_instance *inst, const char *key, char **relpath, struct wql_eval_env *env)
{
    const cim_class *c = find_class(inst->class_name);

    if (asprintf(relpath, "%s.%s", inst->class_name, key) < 0)
        abort();
    memset(env, 0, sizeof(*env));
    env->isa = isa_cb;
    env->nspace = NS;
    env->server = SERVER;
    env->relpath = *relpath;
    env->superclass = c != NULL ? c->superclass : NULL;
}

struct run {
    const struct wql_bound *b;
    const struct wql_sql *sql;  /* NULL: evaluator only */
    struct keys keys;
    struct wql_error err;
    bool failed;
};

/* Keep INST when the evaluator (if it must be asked) says TRUE. */
static int
run_row(struct run *r, const cim_instance *inst, const char *key)
{
    struct wql_eval_env env;
    enum wql_truth t = WQL_TRUE;
    char *relpath = NULL;
    int rc;

    if (r->sql == NULL || !r->sql->exact) {
        env_for(inst, key, &relpath, &env);
        rc = wql_eval(r->b, inst, &env, &t, &r->err);
        free(relpath);
        if (rc < 0) {
            r->failed = true;
            return -1;
        }
    }
    if (t == WQL_TRUE)
        keys_add(&r->keys, label(inst));
    return 0;
}

static int
page_cb(const cim_instance *inst, const char *key, void *arg)
{
    return run_row(arg, inst, key);
}

static int
enum_cb(const cim_instance *inst, void *arg)
{
    struct repo_error rerr;
    char *key = repo_instance_key(find_class(inst->class_name), inst, &rerr);
    int rc;

    if (key == NULL)
        abort();
    rc = run_row(arg, inst, key);
    free(key);
    return rc;
}

/* The SQL back end: every page of three, then the joined keys; NULL on
 * failure (reported). */
static char *
run_sql(const struct wql_bound *b, const cim_class *cls, const struct wql_sql *sql)
{
    struct run r = { .b = b, .sql = sql };
    struct repo_filter f = { sql->where, sql->params, sql->n_params };
    struct repo_page page = { 0 };
    struct repo_error rerr;

    while (!page.done) {
        if (repo_instance_page(repo, NS, cls->name, true, &f, &page, 3, page_cb, &r, &rerr) < 0) {
            printf("#   page: %s%s\n", r.failed ? r.err.message : rerr.message,
                   r.failed ? " (evaluator)" : "");
            repo_page_clear(&page);
            free(keys_join(&r.keys));
            return NULL;
        }
    }
    repo_page_clear(&page);
    return keys_join(&r.keys);
}

static char *
run_eval(const struct wql_bound *b, const cim_class *cls)
{
    struct run r = { .b = b };
    struct repo_error rerr;

    if (repo_instance_enumerate(repo, NS, cls->name, true, enum_cb, &r, &rerr) < 0) {
        printf("#   enumerate: %s\n", r.failed ? r.err.message : rerr.message);
        free(keys_join(&r.keys));
        return NULL;
    }
    return keys_join(&r.keys);
}

/* Parse and bind TEXT; NULL with ERR filled on failure. */
static struct wql_bound *
prepare(const char *text, const cim_class **cls_out, struct wql_error *err)
{
    struct wql_query *q = NULL;
    struct wql_bound *b = NULL;

    memset(err, 0, sizeof(*err));
    *cls_out = NULL;
    if (wql_parse(text, &q, err) < 0)
        return NULL;
    if ((*cls_out = find_class(q->class_name)) == NULL) {
        wql_error_set(err, WBEM_E_INVALID_CLASS, q->class_pos, "no class %s", q->class_name);
        wql_query_free(q);
        return NULL;
    }
    if (wql_bind(q, *cls_out, &b, err) < 0)
        b = NULL;
    wql_query_free(q);
    return b;
}

static void
full_query(const char *where, char *buf, size_t len)
{
    if (strncmp(where, "SELECT", 6) == 0)
        snprintf(buf, len, "%s", where);
    else
        snprintf(buf, len, "SELECT * FROM T_Base WHERE %s", where);
}

static void
run_table(void)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct row *row = &rows[i];
        char text[1024], *want = sorted(row->expect), *got;
        const cim_class *cls;
        struct wql_error err;
        struct wql_bound *b;
        struct wql_sql sql;
        char mode;

        full_query(row->where, text, sizeof(text));
        b = prepare(text, &cls, &err);
        if (b == NULL) {
            tap_ok(0, "%s: binds (%s)", text, err.message);
            tap_ok(0, "%s: SQL back end", text);
            tap_ok(0, "%s: evaluator", text);
            free(want);
            continue;
        }
        memset(&err, 0, sizeof(err));
        if (wql_sql_translate(b, cls, &sql, &err) < 0) {
            tap_ok(0, "%s: translates (%s)", text, err.message);
            tap_ok(0, "%s: SQL back end", text);
        } else {
            mode = sql.exact ? 'E' : sql.where != NULL ? 'P' : 'N';
            if (sql.where != NULL && (strchr(sql.where, '\'') || strchr(sql.where, '"')))
                sql_with_quote++;
            if (!tap_ok(mode == row->mode, "%s: translation is %c", text, row->mode))
                printf("#   got %c: %s\n", mode, sql.where ? sql.where : "(no SQL)");
            got = run_sql(b, cls, &sql);
            tap_is_str(got, want, "%s: SQL back end", text);
            if (got != NULL && strcmp(got, want) != 0)
                printf("#   SQL: %s\n", sql.where ? sql.where : "(none)");
            free(got);
        }
        wql_sql_clear(&sql);
        got = run_eval(b, cls);
        tap_is_str(got, want, "%s: evaluator", text);
        free(got);
        free(want);
        wql_bound_free(b);
    }
}

/* ----------------------------------------------------------- SQL text --- */

/* Translate QUERY; its SQL text (a new string, "" for none) and *SQL kept
 * for inspection (the caller clears it). */
static char *
sql_of(const char *query, struct wql_sql *sql)
{
    const cim_class *cls;
    struct wql_error err;
    struct wql_bound *b = prepare(query, &cls, &err);
    char *s;

    memset(sql, 0, sizeof(*sql));
    if (b == NULL || wql_sql_translate(b, cls, sql, &err) < 0) {
        printf("#   %s: %s\n", query, err.message);
        wql_bound_free(b);
        return strdup("(failed)");
    }
    s = strdup(sql->where != NULL ? sql->where : "");
    wql_bound_free(b);
    if (s == NULL)
        abort();
    return s;
}

static void
check_sql_text(void)
{
    static const char *const injections[] = {
        "SELECT * FROM T_Base WHERE Name = 'x\\' OR 1=1 --'",
        "SELECT * FROM T_Base WHERE Name = '\\'; DROP TABLE i1; --'",
        "SELECT * FROM T_Base WHERE Name LIKE \"%' OR '1'='1\"",
        "SELECT * FROM T_Base WHERE Id = '\\') OR 1=1 --'",
        "SELECT * FROM T_Pair WHERE A = '\\'); DROP TABLE i1; --' AND B = 1",
    };
    struct wql_sql sql;
    char *s;

    s = sql_of("SELECT * FROM T_Base WHERE S32 = 1 AND Name = 'x'", &sql);
    tap_is_str(s, "(c2 = ?3 AND c1 = ?4)", "placeholders count from ?3 in order");
    tap_ok(sql.n_params == 2 && sql.params[0].kind == REPO_PARAM_INT && sql.params[0].i == 1 &&
           sql.params[1].kind == REPO_PARAM_TEXT && strcmp(sql.params[1].text, "x") == 0,
           "parameters hold the values: INT 1, TEXT 'x'");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE Id = 'a'", &sql);
    tap_ok(strstr(s, "k = ?") != NULL, "a key pinned with = gives a lookup by k (%s)", s);
    tap_ok(sql.n_params == 2 && sql.params[1].kind == REPO_PARAM_TEXT &&
           strcmp(sql.params[1].text, "Id=\"a\"") == 0, "the k parameter is the canonical key");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Pair WHERE B = 2 AND Note IS NULL AND A = 'k1'", &sql);
    tap_ok(strncmp(s, "k = ?", 5) == 0, "two keys pinned among three conjuncts: k lookup (%s)",
           s);
    tap_ok(sql.n_params == 3 && strcmp(sql.params[2].text, "A=\"k1\",B=2") == 0,
           "the canonical key lists the keys in class order");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Pair WHERE A = 'k1'", &sql);
    tap_ok(strstr(s, "k = ") == NULL, "one of two keys pinned: no k lookup (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE Id = 'a' OR Id = 'b'", &sql);
    tap_ok(strstr(s, "k = ") == NULL, "keys under OR: no k lookup (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE NOT (Id = 'a')", &sql);
    tap_ok(strstr(s, "k = ") == NULL, "a key under NOT: no k lookup (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE U64 > 9223372036854775808", &sql);
    tap_is_str(s, "c5 > ?3", "uint64 comparison");
    tap_ok(sql.n_params == 1 && sql.params[0].kind == REPO_PARAM_TEXT &&
           strcmp(sql.params[0].text, "09223372036854775808") == 0,
           "uint64 above INT64_MAX is bound as 20-digit TEXT, as stored");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE U8 = 300", &sql);
    tap_is_str(s, "(c4 <> c4)", "uint8 = 300: FALSE for values, NULL for NULL, no parameter");
    tap_is_int(sql.n_params, 0, "no parameter for a decided test");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE S32 > 2.5", &sql);
    tap_ok(strcmp(s, "c2 >= ?3") == 0 && sql.params[0].i == 3, "S32 > 2.5 is S32 >= 3 (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE Ch = 'x'", &sql);
    tap_is_str(s, "c8 IN (?3, ?4)", "char16 letter: both cases");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE Name NOT LIKE 'a%'", &sql);
    tap_is_str(s, "NOT cim_like(?3, c1)", "NOT LIKE through cim_like");
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE S32 > 0 AND __CLASS = 'T_Sub' AND R64 IS NULL", &sql);
    tap_ok(strcmp(s, "(c2 > ?3 AND c6 IS NULL)") == 0 && !sql.exact && sql.n_params == 1,
           "AND keeps its translatable sides, inexact (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE S32 = 1 OR (S32 = 2 AND __CLASS = 'T_Sub')", &sql);
    tap_ok(strcmp(s, "(c2 = ?3 OR c2 = ?4)") == 0 && !sql.exact && sql.n_params == 2,
           "OR over an inexact side: kept, inexact (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE S32 = 1 OR __CLASS = 'T_Sub'", &sql);
    tap_ok(s[0] == '\0' && !sql.exact && sql.n_params == 0,
           "OR over an untranslatable side: no SQL, no parameters left (%s)", s);
    free(s);
    wql_sql_clear(&sql);

    s = sql_of("SELECT * FROM T_Base WHERE NOT (S32 = 1 AND __CLASS = 'T_Sub') AND S64 = 4", &sql);
    tap_ok(strcmp(s, "c3 = ?3") == 0 && !sql.exact && sql.n_params == 1 &&
           sql.params[0].i == 4, "NOT over an inexact side is dropped with its parameters (%s)",
           s);
    free(s);
    wql_sql_clear(&sql);

    for (size_t i = 0; i < sizeof(injections) / sizeof(injections[0]); i++) {
        s = sql_of(injections[i], &sql);
        tap_ok(strchr(s, '\'') == NULL && strchr(s, '"') == NULL && strstr(s, "DROP") == NULL &&
               strstr(s, "1=1") == NULL && strstr(s, "--") == NULL && strchr(s, ';') == NULL,
               "injection %zu: the SQL text holds no part of the literal (%s)", i + 1, s);
        free(s);
        wql_sql_clear(&sql);
    }
    tap_is_int(sql_with_quote, 0, "no SQL text of the whole table holds a quote");
}

/* ------------------------------------------------------- long chains --- */

/* Run TEXT (or the bound query B when TEXT is NULL) through both back
 * ends and check the answer; the translation is returned in *SQL. */
static void
check_both(const char *label_text, struct wql_bound *b, const cim_class *cls, const char *expect,
           struct wql_sql *sql)
{
    struct wql_error err;
    char *want = sorted(expect), *got;

    memset(sql, 0, sizeof(*sql));
    if (!tap_ok(wql_sql_translate(b, cls, sql, &err) == 0, "%s: translates", label_text))
        printf("#   %s\n", err.message);
    got = run_sql(b, cls, sql);
    tap_is_str(got, want, "%s: SQL back end", label_text);
    free(got);
    got = run_eval(b, cls);
    tap_is_str(got, want, "%s: evaluator", label_text);
    free(got);
    free(want);
}

/* A chain of N tests "S32 OP i" (i = 0 .. N-1) joined by AND (or OR),
 * built as the parser builds chains: left-deep. */
static struct wql_query *
chain_query(unsigned n, enum wql_op op, bool and)
{
    struct wql_query *q = wql_query_new(WQL_QUERY_SELECT);

    if (q == NULL || (q->class_name = strdup("T_Base")) == NULL)
        abort();
    q->select_all = true;
    for (unsigned i = 0; i < n; i++) {
        struct wql_expr *t = wql_expr_new(WQL_EXPR_COMPARE, 1), *j;

        if (t == NULL || (t->property = strdup("S32")) == NULL)
            abort();
        t->op = op;
        t->value.kind = WQL_LIT_INTEGER;
        t->value.magnitude = i;
        if (q->where == NULL) {
            q->where = t;
            continue;
        }
        if ((j = wql_expr_new(and ? WQL_EXPR_AND : WQL_EXPR_OR, 1)) == NULL)
            abort();
        j->left = q->where;
        j->right = t;
        q->where = j;
    }
    return q;
}

static void
check_long_chains(void)
{
    const cim_class *cls = find_class("T_Base");
    struct wql_error err;
    struct wql_bound *b;
    struct wql_query *q;
    struct wql_sql sql;
    size_t len = 0, cap = 80000;
    char *text = malloc(cap);

    /* As many tests as the parser accepts: SQLite must not find the
     * expression too deep. */
    if (text == NULL)
        abort();
    len = (size_t)snprintf(text, cap, "SELECT * FROM T_Base WHERE S32 <> 0");
    for (unsigned i = 1; i < WQL_TERMS_MAX; i++)
        len += (size_t)snprintf(text + len, cap - len, " AND S32 <> %u", i);
    b = prepare(text, &cls, &err);
    tap_ok(b != NULL, "%u tests joined by AND bind (%s)", (unsigned)WQL_TERMS_MAX,
           b ? "" : err.message);
    if (b != NULL) {
        check_both("1024 x AND", b, cls, "b", &sql);
        tap_ok(sql.exact && sql.n_params == WQL_TERMS_MAX, "... exact, one parameter each");
        wql_sql_clear(&sql);
    }
    wql_bound_free(b);

    len = (size_t)snprintf(text, cap, "SELECT * FROM T_Base WHERE S32 = 0");
    for (unsigned i = 1; i < WQL_TERMS_MAX; i++)
        len += (size_t)snprintf(text + len, cap - len, " OR S32 = %u", i);
    b = prepare(text, &cls, &err);
    if (b != NULL) {
        check_both("1024 x OR", b, cls, "a c e f g h s1 s2 l1", &sql);
        wql_sql_clear(&sql);
    } else {
        tap_ok(0, "1024 x OR binds (%s)", err.message);
    }
    wql_bound_free(b);
    free(text);

    /* More tests than REPO_FILTER_PARAMS_MAX placeholders (a tree the
     * parser would not make, so made here): AND keeps what fits. */
    cls = find_class("T_Base");
    q = chain_query(REPO_FILTER_PARAMS_MAX + 52, WQL_OP_NE, true);
    if (wql_bind(q, cls, &b, &err) < 0)
        b = NULL;
    wql_query_free(q);
    tap_ok(b != NULL, "2100 tests joined by AND bind");
    if (b != NULL) {
        check_both("2100 x AND", b, cls, "b", &sql);
        tap_ok(!sql.exact && sql.where != NULL && sql.n_params == REPO_FILTER_PARAMS_MAX,
               "... SQL takes the first %d, the evaluator the rest", REPO_FILTER_PARAMS_MAX);
        wql_sql_clear(&sql);
    }
    wql_bound_free(b);

    q = chain_query(REPO_FILTER_PARAMS_MAX + 52, WQL_OP_EQ, false);
    if (wql_bind(q, cls, &b, &err) < 0)
        b = NULL;
    wql_query_free(q);
    tap_ok(b != NULL, "2100 tests joined by OR bind");
    if (b != NULL) {
        check_both("2100 x OR", b, cls, "a c e f g h s1 s2 l1", &sql);
        tap_ok(!sql.exact && sql.where == NULL && sql.n_params == 0,
               "... an OR that does not fit is the evaluator's, no parameters left");
        wql_sql_clear(&sql);
    }
    wql_bound_free(b);
}

/* --------------------------------------------------------- bind errors --- */

static const struct bad {
    const char *query;
    uint32_t code;
    unsigned pos;
    const char *words;          /* the message must contain this */
} bad[] = {
    { "SELECT * FROM T_Base WHERE Nmae = 'x'", WBEM_E_INVALID_QUERY, 28,
      "column 28: class T_Base has no property 'Nmae'" },
    { "SELECT Id, Nmae FROM T_Base", WBEM_E_INVALID_QUERY, 12,
      "column 12: class T_Base has no property 'Nmae'" },
    { "SELECT * FROM T_Base WHERE Extra = 'x'", WBEM_E_INVALID_QUERY, 28,
      "class T_Base has no property 'Extra'" },
    { "SELECT * FROM T_Base WHERE S32 = 1 AND Tags = 't1'", WBEM_E_INVALID_QUERY, 40,
      "Tags of class T_Base is an array and WQL compares single values only" },
    { "SELECT * FROM T_Base WHERE Part = 'x'", WBEM_E_INVALID_QUERY, 28,
      "embedded object and WQL compares single values only" },
    { "SELECT * FROM T_Base WHERE S32 = 'abc'", WBEM_E_TYPE_MISMATCH, 34,
      "S32 of class T_Base is a sint32: compare it with a number" },
    { "SELECT * FROM T_Base WHERE Name = 5", WBEM_E_TYPE_MISMATCH, 35,
      "compare it with a string in quotes, not the integer 5" },
    { "SELECT * FROM T_Base WHERE When = 20240101", WBEM_E_TYPE_MISMATCH, 35,
      "is a datetime: compare it with a string in quotes" },
    { "SELECT * FROM T_Base WHERE Flag = 2", WBEM_E_TYPE_MISMATCH, 35,
      "compare it with TRUE, FALSE, 1 or 0" },
    { "SELECT * FROM T_Base WHERE Flag < TRUE", WBEM_E_INVALID_QUERY, 28,
      "boolean, which has no order" },
    { "SELECT * FROM T_Base WHERE Ch = 'ab'", WBEM_E_TYPE_MISMATCH, 33,
      "one character in quotes" },
    { "SELECT * FROM T_Base WHERE R64 = TRUE", WBEM_E_TYPE_MISMATCH, 34,
      "compare it with a number, not TRUE" },
    { "SELECT * FROM T_Base WHERE S32 LIKE '1%'", WBEM_E_INVALID_QUERY, 28,
      "LIKE matches strings, but property S32 of class T_Base is a sint32" },
    { "SELECT * FROM T_Base WHERE Tags LIKE 't%'", WBEM_E_INVALID_QUERY, 28,
      "is an array of string" },
    { "SELECT * FROM T_Base WHERE Name ISA 'T_Base'", WBEM_E_INVALID_QUERY, 28,
      "ISA tests the class of a reference, of an embedded object or of __THIS" },
    { "SELECT * FROM T_Base WHERE __CLASS ISA 'T_Base'", WBEM_E_INVALID_QUERY, 28,
      "ISA tests the class" },
    { "SELECT * FROM T_Base WHERE __THIS = 'x'", WBEM_E_INVALID_QUERY, 28,
      "only used with ISA" },
    { "SELECT * FROM T_Base WHERE __DERIVATION = 'T_Base'", WBEM_E_INVALID_QUERY, 28,
      "__THIS ISA 'Class'" },
    { "SELECT __THIS FROM T_Base", WBEM_E_INVALID_QUERY, 8, "has no property '__THIS'" },
    { "SELECT * FROM T_Base WHERE NOT (S32 = 1 OR (Flag = TRUE AND Peer > 5))",
      WBEM_E_TYPE_MISMATCH, 68, "Peer of class T_Base is a reference" },
};

static void
check_bind_errors(void)
{
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const struct bad *c = &bad[i];
        const cim_class *cls;
        struct wql_error err;
        struct wql_bound *b = prepare(c->query, &cls, &err);

        tap_ok(b == NULL && err.code == c->code, "%s: refused with %s", c->query,
               wbem_code_name(c->code));
        if (b == NULL && err.code != c->code)
            printf("#   got %s: %s\n", wbem_code_name(err.code), err.message);
        tap_is_int(err.pos, c->pos, "%s: at column %u", c->query, c->pos);
        if (!tap_ok(strstr(err.message, c->words) != NULL, "%s: says '%s'", c->query, c->words))
            printf("#   got: %s\n", err.message);
        wql_bound_free(b);
    }
}

/* ------------------------------------------------------ property lists --- */

static void
check_property_lists(void)
{
    const cim_class *cls;
    struct wql_error err;
    struct wql_bound *b;

    b = prepare("SELECT name, S32, __CLASS, __PATH, __derivation, LEVEL FROM T_Sub", &cls, &err);
    tap_ok(b != NULL && !wql_bound_select_all(b), "a property list binds, with system names");
    tap_is_int(b ? wql_bound_n_properties(b) : 99, 3, "system properties are left out");
    tap_is_str(b ? wql_bound_property(b, 0) : NULL, "Name", "the class's spelling: Name");
    tap_is_str(b ? wql_bound_property(b, 1) : NULL, "S32", "then S32");
    tap_is_str(b ? wql_bound_property(b, 2) : NULL, "Level", "then Level (inherited order "
               "does not matter, the written one does)");
    tap_ok(b != NULL && wql_bound_property(b, 3) == NULL, "nothing past the end");
    tap_is_str(b ? wql_bound_class(b) : NULL, "T_Sub", "the class");
    wql_bound_free(b);

    b = prepare("SELECT * FROM t_base", &cls, &err);
    tap_ok(b != NULL && wql_bound_select_all(b) && wql_bound_n_properties(b) == 0 &&
           wql_bound_where(b) == NULL, "SELECT * binds: all, no list, no WHERE");
    wql_bound_free(b);
    wql_bound_free(NULL);
    tap_ok(1, "wql_bound_free(NULL) is harmless");
}

/* ------------------------------------------------- evaluator on its own --- */

static cim_scalar *
prop(cim_instance *inst, const char *name, cim_type type, bool null)
{
    cim_property_value *pv;
    u_int n = inst->properties.properties_len;

    inst->properties.properties_val = realloc(inst->properties.properties_val,
                                              (n + 1) * sizeof(*pv));
    if (inst->properties.properties_val == NULL)
        abort();
    pv = &inst->properties.properties_val[n];
    inst->properties.properties_len = n + 1;
    memset(pv, 0, sizeof(*pv));
    if ((pv->name = strdup(name)) == NULL)
        abort();
    pv->value.type = type;
    pv->value.is_null = null;
    if (null)
        return NULL;
    pv->value.items.items_len = 1;
    if ((pv->value.items.items_val = calloc(1, sizeof(cim_scalar))) == NULL)
        abort();
    pv->value.items.items_val[0].type = type;
    return pv->value.items.items_val;
}

/* Evaluate WHERE (after "SELECT * FROM T_Base WHERE ") over INST: the
 * truth, or -1 with *CODE. */
static int
eval_one(const char *where, const cim_instance *inst, const struct wql_eval_env *env,
         uint32_t *code)
{
    char text[512];
    const cim_class *cls;
    struct wql_error err;
    struct wql_bound *b;
    enum wql_truth t;
    int rc;

    snprintf(text, sizeof(text), "SELECT * FROM T_Base WHERE %s", where);
    if ((b = prepare(text, &cls, &err)) == NULL) {
        printf("#   %s: %s\n", text, err.message);
        *code = err.code;
        return -2;
    }
    rc = wql_eval(b, inst, env, &t, &err);
    wql_bound_free(b);
    *code = rc < 0 ? err.code : 0;
    return rc < 0 ? -1 : (int)t;
}

static void
check_evaluator(void)
{
    cim_instance inst = { 0 };
    uint32_t code;

    /* A provider's instance: properties in its own order, some missing,
     * a subclass the repository does not know. */
    if ((inst.class_name = strdup("X_Provided")) == NULL)
        abort();
    prop(&inst, "r64", CIM_TYPE_REAL64, false)->cim_scalar_u.r = NAN;
    prop(&inst, "NAME", CIM_TYPE_STRING, false)->cim_scalar_u.s = strdup("Zed");
    prop(&inst, "s32", CIM_TYPE_UINT16, false)->cim_scalar_u.u = 40000;
    prop(&inst, "Flag", CIM_TYPE_BOOLEAN, true);

    tap_is_int(eval_one("Name = 'zed'", &inst, NULL, &code), WQL_TRUE,
               "names found without regard to case, anywhere in the instance");
    tap_is_int(eval_one("S64 = 1", &inst, NULL, &code), WQL_UNKNOWN,
               "a property the instance lacks is NULL: UNKNOWN");
    tap_is_int(eval_one("S64 IS NULL", &inst, NULL, &code), WQL_TRUE,
               "a property the instance lacks IS NULL");
    tap_is_int(eval_one("R64 = 1", &inst, NULL, &code), WQL_UNKNOWN, "NaN compares as NULL");
    tap_is_int(eval_one("R64 IS NULL", &inst, NULL, &code), WQL_TRUE, "NaN IS NULL");
    tap_is_int(eval_one("NOT (R64 <> 1)", &inst, NULL, &code), WQL_UNKNOWN,
               "NOT UNKNOWN is UNKNOWN");
    tap_is_int(eval_one("R64 = 1 OR Name = 'Zed'", &inst, NULL, &code), WQL_TRUE,
               "UNKNOWN OR TRUE is TRUE");
    tap_is_int(eval_one("R64 = 1 AND Name = 'x'", &inst, NULL, &code), WQL_FALSE,
               "UNKNOWN AND FALSE is FALSE");
    tap_is_int(eval_one("R64 = 1 AND Name = 'Zed'", &inst, NULL, &code), WQL_UNKNOWN,
               "UNKNOWN AND TRUE is UNKNOWN");
    tap_is_int(eval_one("Flag = TRUE OR Flag = FALSE", &inst, NULL, &code), WQL_UNKNOWN,
               "NULL = TRUE OR NULL = FALSE is UNKNOWN");
    tap_is_int(eval_one("S32 = 40000", &inst, NULL, &code), WQL_TRUE,
               "integers of another width compare by value");
    tap_is_int(eval_one("S32 > 2147483647", &inst, NULL, &code), WQL_FALSE,
               "a literal above sint32 decides the test even for a wider value");
    tap_is_int(eval_one("__THIS ISA 'X_Provided'", &inst, NULL, &code), WQL_TRUE,
               "without an environment, ISA knows a class itself");
    tap_is_int(eval_one("__THIS ISA 'T_Base'", &inst, NULL, &code), WQL_FALSE,
               "without an environment, ISA knows nothing more");
    tap_is_int(eval_one("__GENUS = 2 AND __CLASS = 'x_provided'", &inst, NULL, &code), WQL_TRUE,
               "__GENUS and __CLASS need no environment");
    tap_is_int(eval_one("__PATH IS NULL AND __NAMESPACE IS NULL", &inst, NULL, &code),
               WQL_TRUE, "without an environment, the other system properties are NULL");

    prop(&inst, "U8", CIM_TYPE_STRING, false)->cim_scalar_u.s = strdup("7");
    tap_is_int(eval_one("U8 = 7", &inst, NULL, &code), -1,
               "a string where the class says uint8 is an error");
    tap_is_int(code, WBEM_E_TYPE_MISMATCH, "... TYPE_MISMATCH");
    tap_is_int(eval_one("U8 IS NOT NULL", &inst, NULL, &code), WQL_TRUE,
               "... but IS NULL does not look at the type");
    tap_is_int(eval_one("S32 = 1 AND U8 = 7", &inst, NULL, &code), WQL_FALSE,
               "... and AND stops at its FALSE left side");

    xdr_free((xdrproc_t)xdr_cim_instance, &inst);
}

/* -------------------------------------------------------------- setup --- */

static void
load(void)
{
    const char *tmp = getenv("TMPDIR");
    struct repo_error rerr;
    struct mof_document *doc = NULL;
    struct mof_error *merr = NULL;

    snprintf(dir, sizeof(dir), "%s/test-wql-engine-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! cannot create a directory under %s\n", tmp && *tmp ? tmp : "/tmp");
        exit(1);
    }
    snprintf(dbfile, sizeof(dbfile), "%s/repo.db", dir);
    if (repo_open(dbfile, REPO_OPEN_CREATE, &repo, &rerr) < 0) {
        printf("Bail out! cannot create the repository %s: %s\n", dbfile, rerr.message);
        exit(1);
    }
    if (mof_parse_buffer(test_mof, sizeof(test_mof) - 1, "engine.mof", NULL, &doc, &merr) < 0 ||
        mof_compile(repo, doc, NULL, NULL, &merr) < 0) {
        printf("Bail out! the test data does not compile: %s\n",
               merr != NULL ? merr->message : "out of memory");
        exit(1);
    }
    mof_ast_document_free(doc);
    for (size_t i = 0; i < N_CLASSES; i++)
        if (repo_class_get(repo, NS, class_names[i], &classes[i], &rerr) != 1) {
            printf("Bail out! class %s did not load\n", class_names[i]);
            exit(1);
        }
}

static void
unload(void)
{
    char path[4300];

    for (size_t i = 0; i < N_CLASSES; i++)
        xdr_free((xdrproc_t)xdr_cim_class, &classes[i]);
    repo_close(repo);
    unlink(dbfile);
    snprintf(path, sizeof(path), "%s-wal", dbfile);
    unlink(path);
    snprintf(path, sizeof(path), "%s-shm", dbfile);
    unlink(path);
    rmdir(dir);
}

int
main(void)
{
    load();
    run_table();
    check_sql_text();
    check_long_chains();
    check_bind_errors();
    check_property_lists();
    check_evaluator();
    unload();
    tap_plan(tap_n);
    return tap_done();
}
