/*
 * test-mof-parse.c: the MOF front end (lexer, parser, syntax tree) on the
 * fixtures in tests/mof/: DMTF-style qualifier declarations, a small core
 * schema, instances with aliases, references and embedded instances,
 * every literal form, an include chain, and one broken file per error.
 * Asserts the tree (counts, names, types, values, positions) and the
 * exact error messages, FILE:LINE:COLUMN included.
 *
 * The fixtures are read relative to their directory (MOF_FIXTURES, set by
 * the build), so file names in positions and messages are short.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mof/mof_lexer.h"
#include "mof/mof_parser.h"
#include "tap.h"

#ifndef MOF_FIXTURES
#define MOF_FIXTURES "tests/mof"
#endif

/* ------------------------------------------------------------ helpers --- */

static struct mof_document *
parse_ok(const char *path, const struct mof_parse_options *opts)
{
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    int rc = mof_parse_file(path, opts, &doc, &err);

    if (!tap_ok(rc == 0 && doc != NULL && err == NULL, "%s parses", path))
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    mof_ast_error_free(err);
    if (rc != 0) {
        mof_ast_document_free(doc);
        return NULL;
    }
    return doc;
}

static struct mof_document *
parse_text_ok(const char *text, const char *label)
{
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    int rc = mof_parse_buffer(text, strlen(text), "buf.mof", NULL, &doc, &err);

    if (!tap_ok(rc == 0 && doc != NULL && err == NULL, "%s: parses", label))
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    mof_ast_error_free(err);
    if (rc != 0) {
        mof_ast_document_free(doc);
        return NULL;
    }
    return doc;
}

/* Check a failed parse: no document, the message and the code. */
static void
check_failure(int rc, struct mof_document *doc, struct mof_error *err, enum mof_error_code code,
              const char *want, const char *label)
{
    tap_ok(rc == -1 && doc == NULL && err != NULL, "%s: fails without a document", label);
    tap_is_str(err != NULL ? err->message : NULL, want, "%s: message", label);
    tap_is_int(err != NULL ? (int)err->code : -1, code, "%s: error code", label);
    mof_ast_document_free(doc);
    mof_ast_error_free(err);
}

static void
file_fails(const char *path, const struct mof_parse_options *opts, enum mof_error_code code,
           const char *want)
{
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    int rc = mof_parse_file(path, opts, &doc, &err);

    check_failure(rc, doc, err, code, want, path);
}

/* Parse LEN bytes of TEXT (strlen when LEN is 0) as "buf.mof". */
static void
text_fails(const char *text, size_t len, enum mof_error_code code, const char *want,
           const char *label)
{
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    int rc = mof_parse_buffer(text, len != 0 ? len : strlen(text), "buf.mof", NULL, &doc, &err);

    check_failure(rc, doc, err, code, want, label);
}

/* V in the dump notation (caller frees). */
static char *
value_text(const struct mof_value *v)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);

    if (f == NULL)
        return NULL;
    if (v != NULL)
        mof_ast_dump_value(v, f);
    else
        fputs("(no value)", f);
    fclose(f);
    return s;
}

static void
check_value(const struct mof_value *v, const char *want, const char *label)
{
    char *got = value_text(v);

    tap_is_str(got, want, "%s", label);
    free(got);
}

static void
check_pos(struct mof_pos pos, const char *file, unsigned line, unsigned column, const char *label)
{
    char got[256], want[256];

    snprintf(got, sizeof(got), "%s:%u:%u", pos.file != NULL ? pos.file : "(null)", pos.line,
             pos.column);
    snprintf(want, sizeof(want), "%s:%u:%u", file, line, column);
    tap_is_str(got, want, "%s position", label);
}

static size_t
count_decls(const struct mof_document *doc, enum mof_decl_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < doc->n_decls; i++)
        n += doc->decls[i]->kind == kind;
    return n;
}

static const struct mof_class *
find_class(const struct mof_document *doc, const char *name)
{
    for (size_t i = 0; i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_CLASS &&
            mof_ast_name_eq(doc->decls[i]->u.klass->name, name))
            return doc->decls[i]->u.klass;
    return NULL;
}

static const struct mof_qualifier_decl *
find_qualifier_decl(const struct mof_document *doc, const char *name)
{
    for (size_t i = 0; i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_QUALIFIER &&
            mof_ast_name_eq(doc->decls[i]->u.qualifier->name, name))
            return doc->decls[i]->u.qualifier;
    return NULL;
}

/* The Nth (from 0) instance declaration. */
static const struct mof_instance *
nth_instance(const struct mof_document *doc, size_t nth)
{
    for (size_t i = 0; i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_INSTANCE && nth-- == 0)
            return doc->decls[i]->u.instance;
    return NULL;
}

static const struct mof_feature *
find_feature(const struct mof_class *c, const char *name)
{
    for (size_t i = 0; c != NULL && i < c->n_features; i++)
        if (mof_ast_name_eq(c->features[i]->name, name))
            return c->features[i];
    return NULL;
}

static const struct mof_qualifier *
find_qualifier(const struct mof_qualifier_list *list, const char *name)
{
    for (size_t i = 0; i < list->n; i++)
        if (mof_ast_name_eq(list->items[i]->name, name))
            return list->items[i];
    return NULL;
}

static const struct mof_property_value *
find_pv(const struct mof_instance *inst, const char *name)
{
    for (size_t i = 0; inst != NULL && i < inst->n_props; i++)
        if (mof_ast_name_eq(inst->props[i]->name, name))
            return inst->props[i];
    return NULL;
}

/* --------------------------------------------------------- qualifiers --- */

static void
test_qualifier_declarations(void)
{
    struct mof_document *doc = parse_ok("qualifiers.mof", NULL);
    const struct mof_qualifier_decl *q;
    bool all_scoped = true;

    if (doc == NULL)
        return;
    tap_is_int(doc->n_decls, 32, "qualifiers.mof: 32 declarations");
    tap_is_int(count_decls(doc, MOF_DECL_QUALIFIER), 31, "31 of them qualifier declarations");
    tap_ok(doc->decls[0]->kind == MOF_DECL_PRAGMA &&
               doc->decls[0]->u.pragma->kind == MOF_PRAGMA_LOCALE &&
               doc->decls[0]->u.pragma->n_args == 1 &&
               strcmp(doc->decls[0]->u.pragma->args[0], "en_US") == 0,
           "the first is #pragma locale(\"en_US\")");

    q = find_qualifier_decl(doc, "Key");
    tap_ok(q != NULL && q->type.kind == MOF_TYPE_BOOLEAN && !q->type.is_array,
           "Key is a scalar boolean");
    if (q != NULL) {
        check_value(q->default_value, "false", "Key defaults to false");
        tap_is_int(q->scopes, MOF_SCOPE_PROPERTY | MOF_SCOPE_REFERENCE,
                   "Key's scope is property and reference");
        tap_is_int(q->flavors, MOF_FLAVOR_DISABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS,
                   "Key's flavors are DisableOverride ToSubclass");
        check_pos(q->pos, "qualifiers.mof", 55, 11, "Key's name");
    }

    q = find_qualifier_decl(doc, "Description");
    tap_ok(q != NULL && q->type.kind == MOF_TYPE_STRING && q->default_value != NULL &&
               q->default_value->kind == MOF_VALUE_NULL && q->scopes == MOF_SCOPE_ANY &&
               q->flavors == (MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS |
                              MOF_FLAVOR_TRANSLATABLE),
           "Description: string = null, Scope(any), translatable");

    q = find_qualifier_decl(doc, "ValueMap");
    tap_ok(q != NULL && q->type.kind == MOF_TYPE_STRING && q->type.is_array &&
               q->type.array_size == 0 && q->default_value == NULL,
           "ValueMap: string[] with no default");

    q = find_qualifier_decl(doc, "EmbeddedInstance");
    tap_ok(q != NULL && q->flavors == 0 &&
               q->scopes == (MOF_SCOPE_PROPERTY | MOF_SCOPE_METHOD | MOF_SCOPE_PARAMETER),
           "EmbeddedInstance: no Flavor(...) means no flavors");

    q = find_qualifier_decl(doc, "MaxValue");
    tap_ok(q != NULL && q->type.kind == MOF_TYPE_SINT64, "MaxValue is sint64");

    q = find_qualifier_decl(doc, "Triple");
    tap_ok(q != NULL && q->type.kind == MOF_TYPE_UINT8 && q->type.is_array &&
               q->type.array_size == 3 && q->scopes == (MOF_SCOPE_QUALIFIER | MOF_SCOPE_PROPERTY) &&
               q->flavors == MOF_FLAVOR_DISABLEOVERRIDE,
           "Triple (MOF v3 form): uint8[3], Scope(qualifier, property), Policy(DisableOverride)");
    if (q != NULL) {
        check_value(q->default_value, "{1, 2, 3}", "Triple's default is an array");
        tap_ok(q->qualifiers.n == 1 && mof_ast_name_eq(q->qualifiers.items[0]->name, "description"),
               "Triple carries its own Description qualifier");
    }

    for (size_t i = 0; i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_QUALIFIER && doc->decls[i]->u.qualifier->scopes == 0)
            all_scoped = false;
    tap_ok(all_scoped, "every qualifier declaration has a scope");
    mof_ast_document_free(doc);
}

/* ------------------------------------------------------------ classes --- */

/* WMI's flavor spellings, as Windows driver MOFs write them. */
static void
test_wmi_flavors(void)
{
    struct mof_document *doc = parse_text_ok(
        "class A {\n"
        "  [Description(\"d\") : amended, DisplayName(\"n\") : NotToSubClass ToInstance]\n"
        "  string P;\n"
        "};\n", "WMI flavors");
    const struct mof_class *c = doc != NULL ? find_class(doc, "A") : NULL;
    const struct mof_feature *f = c != NULL ? find_feature(c, "P") : NULL;
    const struct mof_qualifier *q;

    q = f != NULL ? find_qualifier(&f->qualifiers, "Description") : NULL;
    tap_ok(q != NULL && q->flavors == MOF_FLAVOR_TRANSLATABLE,
           "WMI's Amended is read as Translatable");
    q = f != NULL ? find_qualifier(&f->qualifiers, "DisplayName") : NULL;
    tap_ok(q != NULL && q->flavors == (MOF_FLAVOR_RESTRICTED | MOF_FLAVOR_TOINSTANCE),
           "WMI's NotToSubClass is Restricted; ToInstance is recorded");
    mof_ast_document_free(doc);
    text_fails("class A { [Key : ToInstance NotToInstance] string P; };", 0, MOF_ERR_SYNTAX,
               "buf.mof:1:29: flavor 'NotToInstance' contradicts 'ToInstance'",
               "ToInstance and NotToInstance together");
}

static void
test_core_schema(void)
{
    struct mof_document *doc = parse_ok("core.mof", NULL);
    const struct mof_class *c;
    const struct mof_feature *f;
    const struct mof_qualifier *q;

    if (doc == NULL)
        return;
    tap_is_int(doc->n_decls, 7, "core.mof: 7 declarations");
    tap_is_int(count_decls(doc, MOF_DECL_CLASS), 5, "5 of them classes");
    tap_ok(doc->decls[1]->kind == MOF_DECL_PRAGMA &&
               doc->decls[1]->u.pragma->kind == MOF_PRAGMA_NAMESPACE &&
               strcmp(doc->decls[1]->u.pragma->args[0], "root/cimv2") == 0,
           "#pragma namespace(\"root/cimv2\") is recorded");

    c = find_class(doc, "CIM_ManagedElement");
    tap_ok(c != NULL && c->superclass == NULL && c->alias == NULL && c->n_features == 4 &&
               c->qualifiers.n == 4,
           "CIM_ManagedElement: root class, 4 qualifiers, 4 properties");
    if (c == NULL)
        goto out;
    check_pos(c->pos, "core.mof", 13, 7, "CIM_ManagedElement");
    q = find_qualifier(&c->qualifiers, "Abstract");
    tap_ok(q != NULL && q->value == NULL && q->flavors == 0, "Abstract is written without a value");
    q = find_qualifier(&c->qualifiers, "Description");
    check_value(q != NULL ? q->value : NULL,
                "\"ManagedElement is the root of the model: every class below descends from it.\"",
                "a Description made of two adjacent literals is one string");
    q = find_qualifier(&c->qualifiers, "version");
    check_value(q != NULL ? q->value : NULL, "\"2.19.0\"", "qualifier lookup ignores case");

    f = find_feature(c, "InstanceID");
    tap_ok(f != NULL && f->kind == MOF_FEATURE_PROPERTY && f->type.kind == MOF_TYPE_STRING &&
               find_qualifier(&f->qualifiers, "Key") != NULL,
           "InstanceID: a [Key] string property");
    if (f != NULL)
        check_pos(f->pos, "core.mof", 17, 11, "InstanceID");
    f = find_feature(c, "Caption");
    q = f != NULL ? find_qualifier(&f->qualifiers, "Description") : NULL;
    tap_ok(q != NULL && q->flavors == (MOF_FLAVOR_TOSUBCLASS | MOF_FLAVOR_TRANSLATABLE),
           "Caption's Description carries the flavors ToSubclass Translatable");
    q = f != NULL ? find_qualifier(&f->qualifiers, "MaxLen") : NULL;
    tap_ok(q != NULL && q->value != NULL && q->value->kind == MOF_VALUE_INTEGER &&
               q->value->u.integer.uint64 == 64,
           "MaxLen(64) holds the integer 64");
    f = find_feature(c, "Generation");
    tap_ok(f != NULL && f->type.kind == MOF_TYPE_UINT64 && f->qualifiers.n == 0,
           "Generation: an unqualified uint64");

    c = find_class(doc, "CIM_ManagedSystemElement");
    tap_ok(c != NULL && c->superclass != NULL && strcmp(c->superclass, "CIM_ManagedElement") == 0 &&
               c->n_features == 5,
           "CIM_ManagedSystemElement : CIM_ManagedElement, 5 properties");
    f = find_feature(c, "OperationalStatus");
    tap_ok(f != NULL && f->type.kind == MOF_TYPE_UINT16 && f->type.is_array &&
               f->type.array_size == 0,
           "OperationalStatus is uint16[]");
    q = f != NULL ? find_qualifier(&f->qualifiers, "ValueMap") : NULL;
    check_value(q != NULL ? q->value : NULL, "{\"0\", \"1\", \"2\", \"..\", \"0x8000\"}",
                "ValueMap{...} is an array of strings");
    f = find_feature(c, "InstallDate");
    tap_ok(f != NULL && f->type.kind == MOF_TYPE_DATETIME, "InstallDate is a datetime");
    f = find_feature(c, "Status");
    check_value(f != NULL ? f->default_value : NULL, "\"OK\"", "Status defaults to \"OK\"");

    c = find_class(doc, "CIM_LogicalElement");
    tap_ok(c != NULL && c->n_features == 0 && c->superclass != NULL &&
               strcmp(c->superclass, "CIM_ManagedSystemElement") == 0,
           "CIM_LogicalElement : CIM_ManagedSystemElement, empty body");

    c = find_class(doc, "CIM_Dependency");
    tap_ok(c != NULL && find_qualifier(&c->qualifiers, "Association") != NULL && c->n_features == 2,
           "CIM_Dependency is an [Association] with two features");
    for (size_t i = 0; c != NULL && i < c->n_features; i++) {
        f = c->features[i];
        tap_ok(f->kind == MOF_FEATURE_PROPERTY && f->type.kind == MOF_TYPE_REFERENCE &&
                   f->type.ref_class != NULL &&
                   strcmp(f->type.ref_class, "CIM_ManagedElement") == 0,
               "%s is a CIM_ManagedElement REF", f->name);
    }
    f = find_feature(c, "Antecedent");
    if (f != NULL)
        check_pos(f->pos, "core.mof", 56, 27, "Antecedent");

    c = find_class(doc, "CIM_Service");
    f = find_feature(c, "StartService");
    tap_ok(f != NULL && f->kind == MOF_FEATURE_METHOD && f->type.kind == MOF_TYPE_UINT32 &&
               f->n_params == 0,
           "StartService(): a uint32 method without parameters");
    f = find_feature(c, "RequestStateChange");
    tap_ok(f != NULL && f->kind == MOF_FEATURE_METHOD && f->n_params == 5 &&
               find_qualifier(&f->qualifiers, "Static") != NULL,
           "RequestStateChange: a [Static] method with 5 parameters");
    if (f != NULL && f->n_params == 5) {
        const struct mof_parameter *const *p = (const struct mof_parameter *const *)f->params;
        tap_ok(strcmp(p[0]->name, "RequestedState") == 0 && p[0]->type.kind == MOF_TYPE_UINT16 &&
                   find_qualifier(&p[0]->qualifiers, "In") != NULL,
               "parameter 1: [In] uint16 RequestedState");
        q = find_qualifier(&p[1]->qualifiers, "In");
        tap_ok(strcmp(p[1]->name, "Job") == 0 && p[1]->type.kind == MOF_TYPE_REFERENCE &&
                   strcmp(p[1]->type.ref_class, "CIM_ManagedElement") == 0 && q != NULL &&
                   q->value != NULL && q->value->kind == MOF_VALUE_BOOLEAN &&
                   !q->value->u.boolean &&
                   find_qualifier(&p[1]->qualifiers, "Out") != NULL,
               "parameter 2: [In(false), Out] CIM_ManagedElement REF Job");
        check_pos(p[1]->pos, "core.mof", 74, 30, "parameter Job");
        tap_ok(p[2]->type.kind == MOF_TYPE_DATETIME, "parameter 3 is a datetime");
        tap_ok(p[3]->type.kind == MOF_TYPE_UINT8 && p[3]->type.is_array &&
                   p[3]->type.array_size == 0 && p[3]->qualifiers.n == 3,
               "parameter 4: [In, Out, OctetString] uint8 Data[]");
        tap_ok(p[4]->type.kind == MOF_TYPE_STRING && p[4]->type.is_array &&
                   p[4]->type.array_size == 4,
               "parameter 5: string Messages[4]");
    }
out:
    mof_ast_document_free(doc);
}

/* ----------------------------------------------------------- literals --- */

static void
test_literals(void)
{
    static const struct {
        const char *name;
        const char *dump;
    } want[] = {
        { "Dec", "42" },
        { "NegDec", "-17" },
        { "PlusDec", "+5=5" },
        { "Zero", "0" },
        { "Hex", "0x1F=31" },
        { "NegHex", "-0X10=-16" },
        { "Bin", "1010b=10" },
        { "BinUpper", "11B=3" },
        { "Oct", "017=15" },
        { "NegOct", "-010=-8" },
        { "U64Max", "18446744073709551615" },
        { "S64Min", "-9223372036854775808" },
        { "HexMax", "0xFFFFFFFFFFFFFFFF=18446744073709551615" },
        { "Real", "3.25" },
        { "RealExp", "-1.5e3=-1500" },
        { "RealDot", ".5=0.5" },
        { "RealPlusExp", "+2.0E+2=200" },
        { "RealNegExp", "25.0e-1=2.5" },
        { "Str", "\"plain\"" },
        { "Escapes", "\"\\x08\\t\\n\\x0C\\r\\\"'\\\\\"" },
        { "HexEsc", "\"AB\xC3\xA9\xE2\x82\xAC\"" },
        { "Concat", "\"one, two, three\"" },
        { "Empty", "\"\"" },
        { "Utf8", "\"gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC\"" },
        { "Tab", "\"a\\tb\"" },
        { "Dt", "\"20240229123456.123456+060\"" },
        { "Interval", "\"00000001020304.000000:000\"" },
        { "Char", "U+0041" },
        { "CharEsc", "U+263A" },
        { "CharNl", "U+000A" },
        { "CharQuote", "U+0027" },
        { "CharUtf8", "U+00E9" },
        { "T", "true" },
        { "F", "false" },
        { "Mixed", "true" },
        { "Null", "null" },
        { "Fixed", "{1, 2, 3, 4}" },
        { "EmptyArray", "{}" },
        { "Reals", "{1.0=1, -0.5}" },
        { "Chars", "{U+0061, U+0062}" },
    };
    struct mof_document *doc = parse_ok("literals.mof", NULL);
    const struct mof_class *c;
    const struct mof_feature *f;

    if (doc == NULL)
        return;
    c = find_class(doc, "Test_Literals");
    tap_is_int(c != NULL ? c->n_features : 0, sizeof(want) / sizeof(want[0]),
               "Test_Literals has one property per literal");
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        f = find_feature(c, want[i].name);
        char label[64];
        snprintf(label, sizeof(label), "literal %s", want[i].name);
        check_value(f != NULL ? f->default_value : NULL, want[i].dump, label);
    }

    f = find_feature(c, "U64Max");
    tap_ok(f != NULL && f->default_value->u.integer.fits_uint64 &&
               !f->default_value->u.integer.fits_sint64 &&
               f->default_value->u.integer.uint64 == UINT64_MAX,
           "18446744073709551615 fits uint64 only");
    f = find_feature(c, "S64Min");
    tap_ok(f != NULL && f->default_value->u.integer.fits_sint64 &&
               !f->default_value->u.integer.fits_uint64 &&
               f->default_value->u.integer.sint64 == INT64_MIN,
           "-9223372036854775808 fits sint64 only, as INT64_MIN");
    f = find_feature(c, "Dec");
    tap_ok(f != NULL && f->default_value->u.integer.fits_sint64 &&
               f->default_value->u.integer.fits_uint64 &&
               f->default_value->u.integer.radix == MOF_RADIX_DECIMAL,
           "42 is decimal and fits both");
    f = find_feature(c, "NegHex");
    tap_ok(f != NULL && f->default_value->u.integer.radix == MOF_RADIX_HEX &&
               f->default_value->u.integer.negative && f->default_value->u.integer.magnitude == 16,
           "-0X10: hex, negative, magnitude 16");
    f = find_feature(c, "Bin");
    tap_ok(f != NULL && f->default_value->u.integer.radix == MOF_RADIX_BINARY, "1010b is binary");
    f = find_feature(c, "Oct");
    tap_ok(f != NULL && f->default_value->u.integer.radix == MOF_RADIX_OCTAL, "017 is octal");
    f = find_feature(c, "RealExp");
    tap_ok(f != NULL && f->default_value->kind == MOF_VALUE_REAL &&
               f->default_value->u.real.value == -1500.0 &&
               strcmp(f->default_value->u.real.text, "-1.5e3") == 0,
           "-1.5e3 is the real -1500, text kept");
    f = find_feature(c, "Fixed");
    tap_ok(f != NULL && f->type.is_array && f->type.array_size == 4, "Fixed is uint8[4]");
    f = find_feature(c, "Concat");
    if (f != NULL)
        check_pos(f->default_value->pos, "literals.mof", 27, 21,
                  "a concatenated string starts at its first part:");
    mof_ast_document_free(doc);
}

/* ---------------------------------------------------------- instances --- */

static void
test_instances(void)
{
    struct mof_document *doc = parse_ok("instances.mof", NULL);
    const struct mof_instance *inst, *emb;
    const struct mof_property_value *pv;

    if (doc == NULL)
        return;
    tap_is_int(count_decls(doc, MOF_DECL_INSTANCE), 5, "instances.mof: 5 instances");

    inst = nth_instance(doc, 0);
    tap_ok(inst != NULL && strcmp(inst->class_name, "CIM_Service") == 0 && inst->alias != NULL &&
               strcmp(inst->alias, "Svc") == 0 && inst->n_props == 5 && !inst->value_of,
           "instance of CIM_Service as $Svc with 5 property values");
    if (inst == NULL)
        goto out;
    check_pos(inst->pos, "instances.mof", 7, 1, "instance $Svc");
    pv = find_pv(inst, "Started");
    check_value(pv != NULL ? pv->value : NULL, "true", "Started = TRUE");
    pv = find_pv(inst, "OperationalStatus");
    check_value(pv != NULL ? pv->value : NULL, "{2, 0x8000=32768}", "OperationalStatus array");
    if (pv != NULL)
        check_pos(pv->pos, "instances.mof", 11, 5, "OperationalStatus");
    pv = find_pv(inst, "StatusDescriptions");
    tap_ok(pv != NULL && pv->value->kind == MOF_VALUE_ARRAY && pv->value->u.array.n == 0,
           "{ } is an empty array");

    inst = nth_instance(doc, 2);
    tap_ok(inst != NULL && inst->alias == NULL && strcmp(inst->class_name, "CIM_Dependency") == 0,
           "the association instance has no alias");
    pv = find_pv(inst, "Antecedent");
    tap_ok(pv != NULL && pv->value->kind == MOF_VALUE_ALIAS &&
               strcmp(pv->value->u.alias, "Svc") == 0,
           "Antecedent = $Svc refers to the alias");
    pv = find_pv(inst, "Dependent");
    tap_ok(pv != NULL && pv->value->kind == MOF_VALUE_STRING &&
               strcmp(pv->value->u.string, "root/test:CIM_Service.InstanceID=\"svc-2\"") == 0,
           "Dependent is an object path string with its quotes unescaped");

    inst = nth_instance(doc, 3);
    tap_ok(inst != NULL && strcmp(inst->alias, "H") == 0 &&
               find_qualifier(&inst->qualifiers, "Description") != NULL,
           "a qualified instance declaration");
    pv = find_pv(inst, "Settings");
    tap_ok(pv != NULL && find_qualifier(&pv->qualifiers, "Description") != NULL &&
               pv->value->kind == MOF_VALUE_INSTANCE,
           "Settings: a qualified property whose value is an embedded instance");
    emb = pv != NULL && pv->value->kind == MOF_VALUE_INSTANCE ? pv->value->u.instance : NULL;
    tap_ok(emb != NULL && strcmp(emb->class_name, "Test_Setting") == 0 && emb->n_props == 3 &&
               emb->alias == NULL,
           "the embedded instance of Test_Setting has 3 property values");
    if (emb != NULL) {
        check_pos(emb->pos, "instances.mof", 29, 16, "the embedded instance");
        pv = find_pv(emb, "Nested");
        check_value(pv != NULL ? pv->value : NULL,
                    "instance of Test_Setting { Name = \"inner\"; Value = null; }",
                    "an embedded instance inside an embedded instance");
    }
    pv = find_pv(inst, "Many");
    tap_ok(pv != NULL && pv->value->kind == MOF_VALUE_ARRAY && pv->value->u.array.n == 2 &&
               pv->value->u.array.items[1]->kind == MOF_VALUE_INSTANCE,
           "an array of embedded instances");
    pv = find_pv(inst, "Refs");
    check_value(pv != NULL ? pv->value : NULL, "{$Svc, $Other}", "an array of aliases");

    inst = nth_instance(doc, 4);
    tap_ok(inst != NULL && inst->value_of && strcmp(inst->alias, "Origin") == 0 &&
               inst->n_props == 2,
           "value of Test_Point as $Origin (MOF v3)");
out:
    mof_ast_document_free(doc);
}

/* ----------------------------------------------------------- includes --- */

static void
test_includes(void)
{
    static const struct {
        enum mof_decl_kind kind;
        unsigned depth;
        const char *file;
    } chain[] = {
        { MOF_DECL_PRAGMA, 0, "include/main.mof" },
        { MOF_DECL_PRAGMA, 1, "include/sub/a.mof" },
        { MOF_DECL_CLASS, 2, "include/sub/deeper/b.mof" },
        { MOF_DECL_INCLUDE_END, 1, "include/sub/deeper/b.mof" },
        { MOF_DECL_CLASS, 1, "include/sub/a.mof" },
        { MOF_DECL_INCLUDE_END, 0, "include/sub/a.mof" },
        { MOF_DECL_CLASS, 0, "include/main.mof" },
    };
    struct mof_parse_options opts = { 0 };
    struct mof_document *doc = parse_ok("include/main.mof", NULL);
    struct stat st;
    char want[256];

    if (doc != NULL) {
        bool same = doc->n_decls == sizeof(chain) / sizeof(chain[0]);
        for (size_t i = 0; same && i < doc->n_decls; i++)
            same = doc->decls[i]->kind == chain[i].kind &&
                   doc->decls[i]->depth == chain[i].depth &&
                   strcmp(doc->decls[i]->pos.file, chain[i].file) == 0;
        tap_ok(same, "main -> sub/a -> sub/deeper/b: declarations in order, with depth and file");
        tap_is_int(doc->n_files, 3, "the document knows 3 files");
        tap_is_str(doc->decls[0]->u.pragma->include_path, "include/sub/a.mof",
                   "the first include is resolved against main.mof's directory");
        tap_is_str(doc->decls[1]->u.pragma->include_path, "include/sub/deeper/b.mof",
                   "the nested include is resolved against sub/a.mof's directory");
        check_pos(doc->decls[2]->pos, "include/sub/deeper/b.mof", 2, 7,
                  "the included class keeps its own");
        mof_ast_document_free(doc);
    }

    file_fails("include/loop-a.mof", NULL, MOF_ERR_INCLUDE,
               "include/loop-b.mof:4:18: include loop: include/loop-a.mof -> include/loop-b.mof "
               "-> include/loop-a.mof");
    file_fails("include/missing.mof", NULL, MOF_ERR_INCLUDE,
               "include/missing.mof:4:18: cannot open include file "
               "'include/sub/no-such-file.mof': No such file or directory");
    file_fails("include/broken-inner.mof", NULL, MOF_ERR_SYNTAX,
               "include/sub/broken.mof:4:1: found end of file but expected '}' to end class "
               "Broken");

    opts.max_include_depth = 1;
    file_fails("include/main.mof", &opts, MOF_ERR_INCLUDE,
               "include/sub/a.mof:3:18: includes nested more than 1 deep (at \"deeper/b.mof\")");

    opts = (struct mof_parse_options){ .include_mode = MOF_INCLUDE_RECORD };
    doc = parse_ok("include/main.mof", &opts);
    tap_ok(doc != NULL && doc->n_decls == 2 &&
               doc->decls[0]->u.pragma->kind == MOF_PRAGMA_INCLUDE &&
               doc->decls[0]->u.pragma->include_path == NULL &&
               strcmp(doc->decls[0]->u.pragma->args[0], "sub/a.mof") == 0,
           "MOF_INCLUDE_RECORD keeps the pragma and reads nothing");
    mof_ast_document_free(doc);

    opts = (struct mof_parse_options){ .include_mode = MOF_INCLUDE_REFUSE };
    file_fails("include/main.mof", &opts, MOF_ERR_INCLUDE,
               "include/main.mof:4:18: #pragma include(\"sub/a.mof\") is not allowed here");

    /* The total bound counts the top file and what it includes. */
    opts = (struct mof_parse_options){ .max_total_bytes = 100 };
    file_fails("include/main.mof", &opts, MOF_ERR_LIMIT,
               "include/main.mof: input exceeds 100 bytes (the limit on all files read)");
    if (stat("include/main.mof", &st) == 0) {
        opts.max_total_bytes = (size_t)st.st_size + 10;
        snprintf(want, sizeof(want),
                 "include/main.mof:4:18: input exceeds %zu bytes (the limit on all files read)",
                 opts.max_total_bytes);
        file_fails("include/main.mof", &opts, MOF_ERR_LIMIT, want);
    }

    file_fails("no-such.mof", NULL, MOF_ERR_IO,
               "no-such.mof: cannot open: No such file or directory");
    file_fails("include", NULL, MOF_ERR_IO, "include: cannot open: Is a directory");
}

/* ------------------------------------------------------- error files --- */

static void
test_error_files(void)
{
    static const struct {
        const char *file;
        enum mof_error_code code;
        const char *message;
    } cases[] = {
        { "errors/missing-semicolon.mof", MOF_ERR_SYNTAX,
          "errors/missing-semicolon.mof:4:1: found '}' but expected ';' after the property "
          "declaration" },
        { "errors/unterminated-string.mof", MOF_ERR_SYNTAX,
          "errors/unterminated-string.mof:3:19: unterminated string: the line ends before the "
          "closing '\"'" },
        { "errors/bad-escape.mof", MOF_ERR_SYNTAX,
          "errors/bad-escape.mof:3:23: invalid escape sequence '\\q' in a string (valid: \\b \\t "
          "\\n \\f \\r \\\" \\' \\\\ \\xHHHH)" },
        { "errors/unknown-keyword.mof", MOF_ERR_SYNTAX,
          "errors/unknown-keyword.mof:2:1: found 'klass' but expected a declaration ('class', "
          "'instance of', 'qualifier' or '#pragma')" },
        { "errors/malformed-number.mof", MOF_ERR_SYNTAX,
          "errors/malformed-number.mof:3:19: malformed number '09': a leading 0 makes it octal, "
          "and octal digits are 0 to 7" },
        { "errors/integer-range.mof", MOF_ERR_RANGE,
          "errors/integer-range.mof:3:18: integer 18446744073709551616 is out of range (it needs "
          "more than 64 bits)" },
        { "errors/unterminated-comment.mof", MOF_ERR_SYNTAX,
          "errors/unterminated-comment.mof:4:3: unterminated comment: '/*' is never closed by "
          "'*/'" },
        { "errors/bad-flavor.mof", MOF_ERR_SYNTAX,
          "errors/bad-flavor.mof:3:14: found 'Localized' but expected a flavor (EnableOverride, "
          "DisableOverride, ToSubclass, Restricted, Translatable, or WMI's NotToSubclass, "
          "Amended, ToInstance, NotToInstance)" },
        { "errors/missing-scope.mof", MOF_ERR_SYNTAX,
          "errors/missing-scope.mof:2:32: found ';' but expected 'Scope(...)' in the declaration "
          "of qualifier Key" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        file_fails(cases[i].file, NULL, cases[i].code, cases[i].message);
}

/* ------------------------------------------------- errors in buffers --- */

static void
test_error_buffers(void)
{
    static const struct {
        const char *text;
        enum mof_error_code code;
        const char *message;
    } cases[] = {
        /* strings and characters */
        { "class A { string s = \"ab", MOF_ERR_SYNTAX,
          "buf.mof:1:22: unterminated string: the file ends before the closing '\"'" },
        { "class A { string s = \"a\\x\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:24: invalid escape sequence '\\x' in a string: hex digits must follow" },
        { "class A { string s = \"\\xD800\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: invalid escape sequence in a string: U+D800 is not a valid character "
          "here" },
        { "class A { string s = \"\\x0\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: invalid escape sequence in a string: U+0000 is not a valid character "
          "here" },
        { "class A { string s = \"\\x110000\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: invalid escape sequence in a string: U+110000 is not a valid character "
          "here" },
        { "class A { string s = \"a\x01\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:24: control character U+0001 in a string (write it as an escape)" },
        { "class A { char16 c = 'ab'; };", MOF_ERR_SYNTAX,
          "buf.mof:1:22: character literal holds more than one character (use a string)" },
        { "class A { char16 c = ''; };", MOF_ERR_SYNTAX,
          "buf.mof:1:22: empty character literal ''" },
        { "class A { char16 c = '\\x1F600'; };", MOF_ERR_RANGE,
          "buf.mof:1:22: character U+1F600 does not fit in char16 (U+0000 to U+FFFF)" },
        { "class A { char16 c = 'a", MOF_ERR_SYNTAX,
          "buf.mof:1:22: unterminated character literal: missing the closing \"'\"" },
        /* numbers */
        { "class A { uint8 n = 0x; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: malformed number '0x': hex digits must follow '0x'" },
        { "class A { uint8 n = 12b; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: malformed number '12b': binary digits are 0 and 1" },
        { "class A { real32 r = 1.; };", MOF_ERR_SYNTAX,
          "buf.mof:1:22: malformed real number '1.': a digit must follow '.'" },
        { "class A { real32 r = 1.5e+; };", MOF_ERR_SYNTAX,
          "buf.mof:1:22: malformed real number '1.5e+': the exponent has no digits" },
        { "class A { real32 r = 1e5; };", MOF_ERR_SYNTAX,
          "buf.mof:1:22: malformed number '1e5'" },
        { "class A { uint8 n = 12abc; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: malformed number '12abc'" },
        { "class A { sint64 n = -9223372036854775809; };", MOF_ERR_RANGE,
          "buf.mof:1:22: integer -9223372036854775809 is out of range (below "
          "-9223372036854775808)" },
        { "class A { uint64 n = 0x10000000000000000; };", MOF_ERR_RANGE,
          "buf.mof:1:22: integer 0x10000000000000000 is out of range (it needs more than 64 "
          "bits)" },
        { "class A { real64 r = 1.0e999; };", MOF_ERR_RANGE,
          "buf.mof:1:22: real number 1.0e999 is out of range" },
        /* structure */
        { "class A { uint8 a[] = { {1} }; };", MOF_ERR_SYNTAX,
          "buf.mof:1:25: found '{' but expected a value (arrays cannot be nested)" },
        { "class A { uint8 a[0]; };", MOF_ERR_SYNTAX,
          "buf.mof:1:19: found '0' but expected a positive decimal array size (1 to 4294967295)" },
        { "class A { uint8 a[0x2]; };", MOF_ERR_SYNTAX,
          "buf.mof:1:19: found '0x2' but expected a positive decimal array size (1 to "
          "4294967295)" },
        { "class A { void x; };", MOF_ERR_SYNTAX,
          "buf.mof:1:11: property x cannot be void (only a method returns void)" },
        { "class A { string[] x; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: found ';' but expected '(' after method name x (only a method has '[]' "
          "after its type)" },
        { "class A { uint32 M(uint8 a b); };", MOF_ERR_SYNTAX,
          "buf.mof:1:28: found 'b' but expected ',' or ')' in the parameter list of method M" },
        { "class A { uint32 M(Foo); };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: found ')' but expected a parameter name" },
        { "class A { Foo; };", MOF_ERR_SYNTAX,
          "buf.mof:1:14: found ';' but expected a property or method name" },
        { "class A {}", MOF_ERR_SYNTAX,
          "buf.mof:1:11: found end of file but expected ';' after the class declaration" },
        { "class A as B {};", MOF_ERR_SYNTAX,
          "buf.mof:1:12: found 'B' but expected an alias ('$Name') after 'as'" },
        { "class A : {};", MOF_ERR_SYNTAX,
          "buf.mof:1:11: found '{' but expected a superclass name after ':'" },
        { "[] class A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:2: found ']' but expected a qualifier name" },
        { "[Key Abstract] class A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:6: found 'Abstract' but expected ',' or ']' in the qualifier list" },
        { "[Key] ;", MOF_ERR_SYNTAX,
          "buf.mof:1:7: found ';' but expected 'class', 'instance of' or 'qualifier' after the "
          "qualifier list" },
        { "[Q($a)] class A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:4: found '$a' but expected a value" },
        { "[Q(1] class A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:5: found ']' but expected ')' after the value of qualifier Q" },
        { "[Key : EnableOverride DisableOverride] class A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:23: flavor 'DisableOverride' contradicts 'EnableOverride'" },
        { "Qualifier Q : boolean = false, Scope(everything);", MOF_ERR_SYNTAX,
          "buf.mof:1:38: found 'everything' but expected a scope (class, association, "
          "indication, qualifier, property, reference, method, parameter or any)" },
        { "Qualifier Q : Foo, Scope(any);", MOF_ERR_SYNTAX,
          "buf.mof:1:15: found 'Foo' but expected a data type for qualifier Q (boolean, "
          "string, char16, datetime, sint8 to uint64, real32, real64)" },
        { "Qualifier Q : boolean, Scope(any), Policy(ToSubclass);", MOF_ERR_SYNTAX,
          "buf.mof:1:43: found 'ToSubclass' but expected a policy (EnableOverride, "
          "DisableOverride or Restricted)" },
        { "instance A { };", MOF_ERR_SYNTAX,
          "buf.mof:1:10: found 'A' but expected 'of' after 'instance'" },
        { "instance of A { x 1; };", MOF_ERR_SYNTAX,
          "buf.mof:1:19: found '1' but expected '=' after property name x" },
        { "instance of A { x = 1 };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: found '}' but expected ';' after the value of property x" },
        { "instance of A { x = $; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: found '$' but expected an alias name right after it" },
        { "instance of A { x = enumValue; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: found 'enumValue' but expected a value" },
        { "instance of A { x = instance of B as $b { }; };", MOF_ERR_SYNTAX,
          "buf.mof:1:35: found 'as' but expected '{' to begin the instance of B" },
        { "instance of A { x = 1;", MOF_ERR_SYNTAX,
          "buf.mof:1:23: found end of file but expected '}' to end the instance of A" },
        /* directives */
        { "#pragm include(\"a\")", MOF_ERR_SYNTAX,
          "buf.mof:1:1: found '#' but expected '#pragma'" },
        { "#pragma include(a.mof)", MOF_ERR_SYNTAX,
          "buf.mof:1:17: found 'a' but expected a string in '#pragma include(...)'" },
        { "#pragma locale(\"en_US\"", MOF_ERR_SYNTAX,
          "buf.mof:1:23: found end of file but expected ')' after the argument of '#pragma "
          "locale'" },
        { "#pragma namespace \"root\"", MOF_ERR_SYNTAX,
          "buf.mof:1:19: found a string but expected '(' after '#pragma namespace'" },
        { "#pragma include(\"\")", MOF_ERR_INCLUDE,
          "buf.mof:1:17: found an empty file name but expected the file to include" },
        /* characters and encoding */
        { "class A { uint8 n = 1 @ 2; };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: unexpected character '@'" },
        { "class A { uint8 n = - 2; };", MOF_ERR_SYNTAX,
          "buf.mof:1:21: unexpected character '-'" },
        { "class A {\n  uint8 n; \x0C };", MOF_ERR_SYNTAX,
          "buf.mof:2:12: unexpected character U+000C" },
        { "// caf\xC3\xA9 \xFF\nclass A {};", MOF_ERR_SYNTAX,
          "buf.mof:1:9: invalid UTF-8 byte 0xFF" },
        { "class A { string s = \"\xED\xA0\x80\"; };", MOF_ERR_SYNTAX,
          "buf.mof:1:23: invalid UTF-8 byte 0xED" },
        { "\xFF\xFE" "c\0l\0", MOF_ERR_SYNTAX,
          "buf.mof:1:1: UTF-16 input is not supported (convert the file to UTF-8)" },
        /* positions count characters, and CR LF ends a line */
        { "class \xC3\x84rger { string x y; };", MOF_ERR_SYNTAX,
          "buf.mof:1:24: found 'y' but expected ';' after the property declaration" },
        { "class A {\r\n\tstring x\r\n};", MOF_ERR_SYNTAX,
          "buf.mof:3:1: found '}' but expected ';' after the property declaration" },
        { "class A {\r\r  uint8;", MOF_ERR_SYNTAX,
          "buf.mof:3:8: found ';' but expected a property or method name" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        text_fails(cases[i].text, 0, cases[i].code, cases[i].message, cases[i].message + 8);

    /* A NUL byte anywhere is refused before any parsing. */
    text_fails("class A {\0};", 12, MOF_ERR_SYNTAX, "buf.mof:1:10: NUL character in the input",
               "NUL byte");
}

/* ------------------------------------------------------------- limits --- */

static void
test_limits(void)
{
    size_t n = MOF_TOKEN_MAX + 10;
    char *big = malloc(n + 64);
    char *deep;
    size_t len = 0;

    /* A name longer than MOF_TOKEN_MAX. */
    if (big != NULL) {
        memcpy(big, "class ", 6);
        memset(big + 6, 'N', n);
        strcpy(big + 6 + n, " {};");
        text_fails(big, 0, MOF_ERR_LIMIT, "buf.mof:1:7: name longer than 65536 bytes",
                   "an over-long name");
        /* A string literal longer than MOF_TOKEN_MAX. */
        memcpy(big, "class A { string s = \"", 22);
        memset(big + 22, 's', n);
        strcpy(big + 22 + n, "\"; };");
        text_fails(big, 0, MOF_ERR_LIMIT, "buf.mof:1:22: string literal longer than 65536 bytes",
                   "an over-long string");
        free(big);
    }

    /* Embedded instances nested past MOF_PARSE_MAX_NESTING. */
    deep = malloc(64 * 64);
    if (deep != NULL) {
        len = (size_t)sprintf(deep, "instance of A {");
        for (unsigned i = 0; i <= MOF_PARSE_MAX_NESTING; i++)
            len += (size_t)sprintf(deep + len, " x = instance of A {");
        deep[len] = '\0';
        text_fails(deep, 0, MOF_ERR_LIMIT,
                   "buf.mof:1:661: embedded instances nested more than 32 deep",
                   "embedded instances nested too deep");
        free(deep);
    }

    /* Include files are counted, repeats included. */
    {
        static const char line[] = "#pragma include(\"include/empty.mof\")\n";
        size_t cap = (MOF_PARSE_MAX_FILES + 1) * (sizeof(line) - 1) + 1;
        char *many = malloc(cap);
        if (many != NULL) {
            char want[128];
            for (unsigned i = 0; i <= MOF_PARSE_MAX_FILES; i++)
                memcpy(many + (size_t)i * (sizeof(line) - 1), line, sizeof(line) - 1);
            many[cap - 1] = '\0';
            snprintf(want, sizeof(want), "buf.mof:%u:17: more than %u files included",
                     MOF_PARSE_MAX_FILES + 1, MOF_PARSE_MAX_FILES);
            text_fails(many, cap - 1, MOF_ERR_LIMIT, want, "too many include files");
            /* one fewer is fine: every include read, no declarations */
            many[MOF_PARSE_MAX_FILES * (sizeof(line) - 1)] = '\0';
            struct mof_document *doc = parse_text_ok(many, "16384 includes of one file");
            tap_ok(doc != NULL && doc->n_decls == 2u * MOF_PARSE_MAX_FILES &&
                       count_decls(doc, MOF_DECL_INCLUDE_END) == MOF_PARSE_MAX_FILES,
                   "16384 includes: a pragma and an include end each");
            mof_ast_document_free(doc);
            free(many);
        }
    }

    /* The buffer itself counts against the total. */
    {
        struct mof_parse_options opts = { .max_total_bytes = 8 };
        struct mof_document *doc = NULL;
        struct mof_error *err = NULL;
        int rc = mof_parse_buffer("class A {};", 11, "small.mof", &opts, &doc, &err);
        check_failure(rc, doc, err, MOF_ERR_LIMIT,
                      "small.mof: input exceeds 8 bytes (the limit on all files read)",
                      "a buffer over max_total_bytes");
    }
}

/* -------------------------------------------------------- good forms --- */

static void
test_forms(void)
{
    struct mof_document *doc;
    const struct mof_class *c;
    const struct mof_feature *f;
    const struct mof_qualifier_decl *qd;

    /* Keywords in any case; names keep their spelling. */
    doc = parse_text_ok("QUALIFIER kq : BOOLEAN = FALSE, SCOPE(ANY), FLAVOR(tosubclass);\n"
                        "CLASS Mixed_Case AS $mc : Base { STRING s; UINT8 n[]; Base REF r; };\n"
                        "INSTANCE OF Mixed_Case AS $x { s = NULL; };\n",
                        "keywords in upper case");
    if (doc != NULL) {
        qd = find_qualifier_decl(doc, "KQ");
        tap_ok(qd != NULL && strcmp(qd->name, "kq") == 0 && qd->type.kind == MOF_TYPE_BOOLEAN &&
                   qd->scopes == MOF_SCOPE_ANY && qd->flavors == MOF_FLAVOR_TOSUBCLASS,
               "QUALIFIER/BOOLEAN/SCOPE/FLAVOR in capitals");
        c = find_class(doc, "mixed_case");
        tap_ok(c != NULL && strcmp(c->name, "Mixed_Case") == 0 && strcmp(c->alias, "mc") == 0 &&
                   strcmp(c->superclass, "Base") == 0 && c->n_features == 3,
               "CLASS ... AS $mc : Base keeps the spelling and the class alias");
        f = find_feature(c, "r");
        tap_ok(f != NULL && f->type.kind == MOF_TYPE_REFERENCE, "'Base REF r' is a reference");
        tap_ok(nth_instance(doc, 0) != NULL && strcmp(nth_instance(doc, 0)->alias, "x") == 0,
               "INSTANCE OF ... AS $x");
        mof_ast_document_free(doc);
    }

    /* MOF v3 forms: association keyword, void and array-returning methods,
     * parameter defaults, reference arrays. */
    doc = parse_text_ok("association Test_Assoc : Base { Test_A REF Left; Test_B REF Right[]; "
                        "void Stop(); string[] List([In] uint32 Max = 10); };",
                        "MOF v3 forms");
    if (doc != NULL) {
        c = find_class(doc, "Test_Assoc");
        tap_ok(c != NULL && c->association_keyword && c->n_features == 4,
               "'association X' is a class marked association_keyword");
        f = find_feature(c, "Right");
        tap_ok(f != NULL && f->type.kind == MOF_TYPE_REFERENCE && f->type.is_array,
               "a reference array");
        f = find_feature(c, "Stop");
        tap_ok(f != NULL && f->kind == MOF_FEATURE_METHOD && f->type.kind == MOF_TYPE_VOID,
               "a void method");
        f = find_feature(c, "List");
        tap_ok(f != NULL && f->kind == MOF_FEATURE_METHOD && f->type.kind == MOF_TYPE_STRING &&
                   f->type.is_array && f->n_params == 1 && f->params[0]->default_value != NULL &&
                   f->params[0]->default_value->u.integer.uint64 == 10,
               "string[] List(uint32 Max = 10)");
        mof_ast_document_free(doc);
    }

    /* Unknown pragmas are recorded with what was written; known ones take
     * a (possibly concatenated) string. */
    doc = parse_text_ok("#pragma namespace(\"root\" \"/x\")\n"
                        "#pragma deleteclass(\"Foo\", NOFAIL, 3)\n"
                        "#pragma autorecover\n"
                        "class A {};",
                        "pragmas");
    if (doc != NULL) {
        const struct mof_pragma *p0 = doc->decls[0]->u.pragma, *p1 = doc->decls[1]->u.pragma,
                                *p2 = doc->decls[2]->u.pragma;
        tap_ok(p0->kind == MOF_PRAGMA_NAMESPACE && p0->n_args == 1 &&
                   strcmp(p0->args[0], "root/x") == 0,
               "namespace(\"root\" \"/x\") is root/x");
        tap_ok(p1->kind == MOF_PRAGMA_OTHER && strcmp(p1->name, "deleteclass") == 0 &&
                   p1->n_args == 3 && strcmp(p1->args[0], "Foo") == 0 &&
                   strcmp(p1->args[1], "NOFAIL") == 0 && strcmp(p1->args[2], "3") == 0,
               "an unknown pragma keeps its arguments");
        tap_ok(p2->kind == MOF_PRAGMA_OTHER && p2->n_args == 0, "a pragma without parentheses");
        check_pos(p2->pos, "buf.mof", 3, 1, "#pragma autorecover");
        mof_ast_document_free(doc);
    }

    /* A buffer's includes are resolved against the directory in its name. */
    {
        static const char text[] = "#pragma include(\"sub/deeper/b.mof\")\n";
        struct mof_document *d = NULL;
        struct mof_error *err = NULL;
        int rc = mof_parse_buffer(text, sizeof(text) - 1, "include/virtual.mof", NULL, &d, &err);
        tap_ok(rc == 0 && d != NULL && d->n_decls == 3 &&
                   strcmp(d->decls[0]->u.pragma->include_path, "include/sub/deeper/b.mof") == 0 &&
                   d->decls[1]->kind == MOF_DECL_CLASS &&
                   d->decls[2]->kind == MOF_DECL_INCLUDE_END,
               "a buffer named include/virtual.mof includes include/sub/deeper/b.mof");
        if (err != NULL)
            printf("#   %s\n", err->message);
        mof_ast_document_free(d);
        mof_ast_error_free(err);
    }

    /* A UTF-8 byte order mark is skipped without moving column 1. */
    doc = parse_text_ok("\xEF\xBB\xBF" "class A {};", "a UTF-8 BOM");
    if (doc != NULL) {
        check_pos(doc->decls[0]->pos, "buf.mof", 1, 7, "class A after a BOM");
        mof_ast_document_free(doc);
    }

    /* Empty input is an empty document. */
    doc = parse_text_ok("  // nothing\n/* at all */\n", "only comments");
    tap_ok(doc != NULL && doc->n_decls == 0, "only comments: no declarations");
    mof_ast_document_free(doc);
}

/* -------------------------------------------------------------- lexer --- */

static void
test_lexer(void)
{
    static const char src[] = "[Key]\n\t$Alias 'c' -1.5 \"s\" \"t\" #PRAGMA";
    static const struct {
        enum mof_token_kind kind;
        unsigned line, column;
        const char *text;
        const char *describe;
    } want[] = {
        { MOF_TOK_LBRACKET, 1, 1, "[", "'['" },
        { MOF_TOK_IDENT, 1, 2, "Key", "'Key'" },
        { MOF_TOK_RBRACKET, 1, 5, "]", "']'" },
        { MOF_TOK_ALIAS, 2, 2, "Alias", "'$Alias'" },
        { MOF_TOK_CHAR16, 2, 9, "", "a character literal" },
        { MOF_TOK_REAL, 2, 13, "-1.5", "'-1.5'" },
        { MOF_TOK_STRING, 2, 18, "s", "a string" },
        { MOF_TOK_STRING, 2, 22, "t", "a string" },
        { MOF_TOK_PRAGMA, 2, 26, "#pragma", "'#pragma'" },
        { MOF_TOK_EOF, 2, 33, "", "end of file" },
    };
    struct mof_lexer lx;
    struct mof_error *err = NULL;
    bool ok = mof_lexer_init(&lx, src, sizeof(src) - 1, "lex.mof", &err) == 0;
    char described[64];

    tap_ok(ok, "the lexer accepts the sample");
    for (size_t i = 0; ok && i < sizeof(want) / sizeof(want[0]); i++) {
        if (mof_lexer_next(&lx, &err) < 0) {
            tap_ok(0, "token %zu: %s", i, err != NULL ? err->message : "?");
            ok = false;
            break;
        }
        tap_ok(lx.tok.kind == want[i].kind && lx.tok.pos.line == want[i].line &&
                   lx.tok.pos.column == want[i].column && strcmp(lx.tok.text, want[i].text) == 0 &&
                   strcmp(mof_lexer_describe(&lx.tok, described, sizeof(described)),
                          want[i].describe) == 0,
               "token %zu: %s at %u:%u", i, want[i].describe, want[i].line, want[i].column);
    }
    tap_ok(ok && mof_lexer_next(&lx, &err) == 0 && lx.tok.kind == MOF_TOK_EOF,
           "end of file repeats");
    mof_lexer_free(&lx);
    mof_ast_error_free(err);
}

/* ----------------------------------------------------------- the tree --- */

static void
test_ast_api(void)
{
    struct mof_pos pos = { .file = "api.mof", .line = 1, .column = 1 };
    struct mof_document *doc = mof_ast_document_new();
    struct mof_class *c = mof_ast_class_new("Api_Class", pos);
    struct mof_feature *f = mof_ast_feature_new(MOF_FEATURE_PROPERTY, "Values", pos);
    struct mof_value *arr = mof_ast_value_new_array(pos);
    char *text = NULL;
    size_t n = 0;
    FILE *out;
    bool built = doc != NULL && c != NULL && f != NULL && arr != NULL;

    for (int i = 0; built && i < 9; i++) /* past the initial capacity */
        built = mof_ast_value_array_append(arr, mof_ast_value_new_boolean(pos, i % 2)) == 0;
    if (built) {
        f->type.kind = MOF_TYPE_BOOLEAN;
        f->type.is_array = true;
        f->default_value = arr;
        arr = NULL;
        built = mof_ast_class_add_feature(c, f) == 0;
        f = NULL;
        built = built && mof_ast_document_append_class(doc, 0, c) == 0;
        c = NULL;
    }
    tap_ok(built, "a tree built by hand");
    if (built && (out = open_memstream(&text, &n)) != NULL) {
        mof_ast_dump(doc, out);
        fclose(out);
        tap_is_str(text, "class Api_Class @api.mof:1:1\n"
                         "  property boolean[] Values = {false, true, false, true, false, true, "
                         "false, true, false} @api.mof:1:1\n",
                   "mof_ast_dump writes it");
        free(text);
    }
    mof_ast_value_free(arr);
    mof_ast_feature_free(f);
    mof_ast_class_free(c);
    mof_ast_document_free(doc);

    /* Every free function accepts NULL. */
    mof_ast_document_free(NULL);
    mof_ast_pragma_free(NULL);
    mof_ast_qualifier_decl_free(NULL);
    mof_ast_qualifier_free(NULL);
    mof_ast_class_free(NULL);
    mof_ast_feature_free(NULL);
    mof_ast_parameter_free(NULL);
    mof_ast_instance_free(NULL);
    mof_ast_property_value_free(NULL);
    mof_ast_value_free(NULL);
    mof_ast_error_free(NULL);
    tap_ok(1, "the *_free functions accept NULL");

    tap_ok(mof_ast_name_eq("CIM_ManagedElement", "cim_managedelement") &&
               !mof_ast_name_eq("Key", "Keys") && !mof_ast_name_eq("a", "b"),
           "names compare without case");
    tap_ok(mof_ast_type_lookup("UInt64") == MOF_TYPE_UINT64 &&
               mof_ast_type_lookup("ref") == MOF_TYPE_NONE &&
               mof_ast_type_lookup("void") == MOF_TYPE_NONE,
           "type lookup knows the data types only");
    tap_is_str(mof_ast_type_name(MOF_TYPE_DATETIME), "datetime", "type names");
}

int
main(void)
{
    if (chdir(MOF_FIXTURES) < 0) {
        printf("Bail out! cannot enter the fixtures directory %s\n", MOF_FIXTURES);
        return 1;
    }
    test_lexer();
    test_qualifier_declarations();
    test_wmi_flavors();
    test_core_schema();
    test_literals();
    test_instances();
    test_includes();
    test_error_files();
    test_error_buffers();
    test_limits();
    test_forms();
    test_ast_api();
    tap_plan(tap_n);
    return tap_done();
}
