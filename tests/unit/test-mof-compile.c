/*
 * test-mof-compile.c: the MOF compile step (server/mof/mof_compile.h) on
 * the fixtures in tests/mof/compile/, each compiled into a throw-away
 * repository and read back through the repository's own API.
 *
 * Covered: the round trip of every CIM type (defaults, instance values,
 * embedded instances, references, methods), class_origin and propagated
 * flags with the superclass's features first at their positions;
 * overrides (position, default, type, Override qualifier, narrowing of
 * references); qualifier flavors (ToSubclass, Restricted,
 * DisableOverride); one fixture per error, with its code, its
 * FILE:LINE:COLUMN and the words of its message, the repository left
 * exactly as before; all or nothing also across includes; the pragmas;
 * aliases; compiling one document twice; the counts.
 *
 * The fixtures are read relative to their directory (MOF_COMPILE_FIXTURES,
 * set by the build), so file names in messages are short.  What is read
 * back is compared as text (repo-text.h), and a repository before and
 * after a failed compilation as a snapshot of everything it holds.  The
 * plan is printed last: a compilation that fails (itself a failed test)
 * skips the checks of what it would have stored.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "common/xdr_blob.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "repository/repo.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "repository/repo_namespace.h"
#include "repository/repo_qualifier.h"
#include "repo-text.h"
#include "tap.h"

#ifndef MOF_COMPILE_FIXTURES
#define MOF_COMPILE_FIXTURES "tests/mof/compile"
#endif

#define NS "root/cimv2"
#define QUALIFIERS_IN_FIXTURE 16    /* declarations in qualifiers.mof */

static char test_dir[4096];         /* absolute: the fixtures are the cwd */
static unsigned repo_count;

/* ------------------------------------------------------------ helpers --- */

/* A new repository (root and root/cimv2, nothing in them). */
static struct repo *
repo_fresh(void)
{
    struct repo_error err = { "", 0 };
    struct repo *repo = NULL;
    char file[4200];

    snprintf(file, sizeof(file), "%s/repo-%u.db", test_dir, ++repo_count);
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) < 0) {
        printf("Bail out! cannot create the repository %s: %s\n", file, err.message);
        exit(1);
    }
    return repo;
}

/* Parse PATH and compile it into REPO.  Returns 0, or -1 with *ERR_OUT
 * set by the parser or the compiler (NULL only when memory ran out). */
static int
compile_file(struct repo *repo, const char *path, const struct mof_compile_options *opts,
             struct mof_compile_stats *stats, struct mof_error **err_out)
{
    struct mof_document *doc = NULL;
    int rc;

    *err_out = NULL;
    if (mof_parse_file(path, NULL, &doc, err_out) < 0)
        return -1;
    rc = mof_compile(repo, doc, opts, stats, err_out);
    mof_ast_document_free(doc);
    return rc;
}

static bool
compile_ok(struct repo *repo, const char *path, const struct mof_compile_options *opts,
           struct mof_compile_stats *stats)
{
    struct mof_error *err = NULL;
    int rc = compile_file(repo, path, opts, stats, &err);

    if (!tap_ok(rc == 0 && err == NULL, "%s compiles", path))
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    mof_ast_error_free(err);
    return rc == 0;
}

static unsigned
count_lines(const char *text, const char *prefix)
{
    unsigned n = 0;

    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *nl = strchr(line, '\n');

        n += strncmp(line, prefix, strlen(prefix)) == 0;
        line = nl != NULL ? nl + 1 : NULL;
    }
    return n;
}

struct error_case {
    const char *path;
    enum mof_error_code code;
    const char *where;          /* "FILE:LINE:COLUMN" of the offending element */
    const char *want[3];        /* words of the reason, in order */
};

/* Compile C->path into REPO and check the failure: code, position, the
 * words of the message, and REPO exactly as it was. */
static void
check_error_in(struct repo *repo, const struct error_case *c)
{
    struct mof_error *err = NULL;
    char *before = repo_text_snapshot(repo), *after, prefix[512];
    const char *at;
    int rc = compile_file(repo, c->path, NULL, NULL, &err);
    bool ok = rc == -1 && err != NULL && err->code == c->code;

    snprintf(prefix, sizeof(prefix), "%s: ", c->where);
    ok = ok && strncmp(err->message, prefix, strlen(prefix)) == 0;
    at = ok ? err->message + strlen(prefix) : NULL;
    for (size_t i = 0; ok && i < sizeof(c->want) / sizeof(c->want[0]) && c->want[i] != NULL;
         i++) {
        at = strstr(at, c->want[i]);
        ok = at != NULL;
        if (ok)
            at += strlen(c->want[i]);
    }
    if (!tap_ok(ok, "%s fails at %s: %s...", c->path, c->where, c->want[0])) {
        printf("#   rc %d, code %d (want %d)\n", rc, err != NULL ? (int)err->code : -1,
               (int)c->code);
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    }
    mof_ast_error_free(err);
    after = repo_text_snapshot(repo);
    if (!tap_ok(strcmp(before, after) == 0, "%s leaves the repository as it was", c->path)) {
        if (rc == 0)
            printf("#   (the compilation succeeded)\n");
        else
            printf("# before:\n%s# after:\n%s", before, after);
    }
    free(before);
    free(after);
}

static void
check_error(const struct error_case *c)
{
    struct repo *repo = repo_fresh();

    check_error_in(repo, c);
    repo_close(repo);
}

/* --------------------------------------------------- reading values --- */

static void
check_property(const cim_class *cls, const char *name, const char *want)
{
    char *got = repo_text_property(cls, name);

    tap_is_str(got, want, "%s.%s", cls->name, name);
    free(got);
}

static void
check_qualifier(const cim_qualifier *items, u_int n, const char *name, const char *want,
                const char *what)
{
    char *got = repo_text_qualifier(items, n, name);

    tap_is_str(got, want, "%s: qualifier %s", what, name);
    free(got);
}

static void
check_class_qualifier(const cim_class *cls, const char *name, const char *want)
{
    check_qualifier(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len, name, want,
                    cls->name);
}

static void
check_property_qualifier(const cim_class *cls, const char *property, const char *name,
                         const char *want)
{
    long i = repo_text_property_index(cls, property);
    char what[300];

    snprintf(what, sizeof(what), "%s.%s", cls->name, property);
    if (i < 0) {
        tap_ok(0, "%s: qualifier %s (no such property)", what, name);
        return;
    }
    check_qualifier(cls->properties.properties_val[i].qualifiers.qualifiers_val,
                    cls->properties.properties_val[i].qualifiers.qualifiers_len, name, want,
                    what);
}

/* Read class NAME of NSPACE into *OUT (zeroed here).  Returns 1, 0, -1. */
static int
class_get(struct repo *repo, const char *nspace, const char *name, cim_class *out)
{
    struct repo_error err = { "", 0 };
    int found;

    memset(out, 0, sizeof(*out));
    found = repo_class_get(repo, nspace, name, out, &err);
    if (found < 0)
        printf("#   reading class %s of %s: %s\n", name, nspace, err.message);
    return found;
}

static bool
class_exists(struct repo *repo, const char *nspace, const char *name)
{
    cim_class cls;
    int found = class_get(repo, nspace, name, &cls);

    if (found == 1)
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
    return found == 1;
}

static bool
namespace_exists(struct repo *repo, const char *path)
{
    int64_t id;

    return repo_namespace_find(repo, path, &id, NULL) == 1;
}

/* Read the instance at PATH_TEXT of NSPACE into *OUT (zeroed here). */
static int
instance_get(struct repo *repo, const char *nspace, const char *path_text, cim_instance *out)
{
    struct cim_path path = { 0 };
    struct repo_error err = { "", 0 };
    char why[256];
    int found;

    memset(out, 0, sizeof(*out));
    if (cim_path_parse(path_text, &path, why, sizeof(why)) < 0) {
        printf("#   %s: %s\n", path_text, why);
        return -1;
    }
    found = repo_instance_get(repo, nspace, &path, out, &err);
    if (found < 0)
        printf("#   reading %s: %s\n", path_text, err.message);
    cim_path_clear(&path);
    return found;
}

static const cim_value *
instance_value(const cim_instance *inst, const char *name)
{
    for (u_int i = 0; i < inst->properties.properties_len; i++)
        if (strcasecmp(inst->properties.properties_val[i].name, name) == 0)
            return &inst->properties.properties_val[i].value;
    return NULL;
}

static void
check_instance_value(const cim_instance *inst, const char *label, const char *name,
                     const char *want)
{
    char *got = repo_text_value(instance_value(inst, name));

    tap_is_str(got, want, "%s: %s", label, name);
    free(got);
}

/* The instances of a class, collected by repo_instance_enumerate. */
struct instances {
    cim_instance *v;
    size_t n;
};

static int
collect_instance(const cim_instance *inst, void *arg)
{
    struct instances *l = arg;
    cim_instance *grown = realloc(l->v, (l->n + 1) * sizeof(*grown));

    if (grown == NULL)
        return 1;
    l->v = grown;
    memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
    if (xdr_blob_copy((xdrproc_t)xdr_cim_instance, inst, &l->v[l->n]) < 0)
        return 1;
    l->n++;
    return 0;
}

static void
instances_clear(struct instances *l)
{
    for (size_t i = 0; i < l->n; i++)
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int
instances_of(struct repo *repo, const char *nspace, const char *class_name, bool deep,
             struct instances *out)
{
    struct repo_error err = { "", 0 };

    memset(out, 0, sizeof(*out));
    if (repo_instance_enumerate(repo, nspace, class_name, deep, collect_instance, out,
                                &err) < 0) {
        tap_ok(0, "the instances of %s are enumerated (%s)", class_name, err.message);
        instances_clear(out);
        return -1;
    }
    return 0;
}

/* The values of property NAME of the instances L, "v;v;". */
static char *
instances_values(const struct instances *l, const char *name)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < l->n; i++) {
        const cim_value *v = instance_value(&l->v[i], name);

        if (v == NULL)
            fputs("(absent)", out);
        else
            repo_text_write_value(v, out);
        fputc(';', out);
    }
    fclose(out);
    return text;
}

/* --------------------------------------------------------- round trip --- */

static int
count_qualifier(const cim_qualifier_decl *decl, void *arg)
{
    (void)decl;
    (*(unsigned *)arg)++;
    return 0;
}

static void
check_qualifier_decl(struct repo *repo, const char *name, cim_type type, bool is_array,
                     unsigned scopes, unsigned flavor, const char *default_text)
{
    struct repo_error err = { "", 0 };
    cim_qualifier_decl decl;
    char *dflt;
    int found;

    memset(&decl, 0, sizeof(decl));
    found = repo_qualifier_get(repo, NS, name, &decl, &err);
    dflt = found == 1 ? repo_text_value(&decl.default_value) : NULL;
    if (!tap_ok(found == 1 && strcasecmp(decl.name, name) == 0 && decl.type == type &&
                (bool)decl.is_array == is_array && decl.scopes == scopes &&
                decl.flavor == flavor && decl.default_value.type == type &&
                dflt != NULL && strcmp(dflt, default_text) == 0,
                "qualifier %s is declared with its type, scopes, flavor and default", name))
        printf("#   found %d (%s), type %d array %d scopes %#x flavor %#x default %s\n", found,
               err.message, found == 1 ? (int)decl.type : 0, found == 1 ? decl.is_array : 0,
               found == 1 ? decl.scopes : 0, found == 1 ? decl.flavor : 0,
               dflt != NULL ? dflt : "-");
    free(dflt);
    if (found == 1)
        xdr_free((xdrproc_t)xdr_cim_qualifier_decl, (char *)&decl);
}

static void
test_roundtrip_classes(struct repo *repo)
{
    cim_class cls;
    unsigned n_qualifiers = 0;
    struct repo_error err = { "", 0 };
    int rc;

    rc = repo_qualifier_enumerate(repo, NS, count_qualifier, &n_qualifiers, &err);
    tap_ok(rc == 0 && n_qualifiers == QUALIFIERS_IN_FIXTURE,
           "the %d declarations of qualifiers.mof are stored (%u)", QUALIFIERS_IN_FIXTURE,
           n_qualifiers);
    check_qualifier_decl(repo, "Key", CIM_TYPE_BOOLEAN, false,
                         CIM_SCOPE_PROPERTY | CIM_SCOPE_REFERENCE,
                         CIM_FLAVOR_DISABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS, "FALSE");
    check_qualifier_decl(repo, "Description", CIM_TYPE_STRING, false, CIM_SCOPE_ANY,
                         CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS |
                             CIM_FLAVOR_TRANSLATABLE, "NULL");
    check_qualifier_decl(repo, "ValueMap", CIM_TYPE_STRING, true,
                         CIM_SCOPE_PROPERTY | CIM_SCOPE_METHOD | CIM_SCOPE_PARAMETER,
                         CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS, "NULL");
    check_qualifier_decl(repo, "Abstract", CIM_TYPE_BOOLEAN, false,
                         CIM_SCOPE_CLASS | CIM_SCOPE_ASSOCIATION | CIM_SCOPE_INDICATION,
                         CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_RESTRICTED, "FALSE");
    check_qualifier_decl(repo, "in", CIM_TYPE_BOOLEAN, false, CIM_SCOPE_PARAMETER,
                         CIM_FLAVOR_DISABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS, "TRUE");
    check_qualifier_decl(repo, "MaxLen", CIM_TYPE_UINT32, false,
                         CIM_SCOPE_PROPERTY | CIM_SCOPE_METHOD | CIM_SCOPE_PARAMETER,
                         CIM_FLAVOR_ENABLE_OVERRIDE | CIM_FLAVOR_TO_SUBCLASS, "NULL");

    if (class_get(repo, NS, "Test_Base", &cls) != 1) {
        tap_ok(0, "Test_Base is stored");
        return;
    }
    tap_is_str(cls.superclass, "", "Test_Base is a root class");
    check_class_qualifier(&cls, "Abstract", "TRUE (EnableOverride Restricted)");
    check_class_qualifier(&cls, "Version",
                          "\"1.0.0\" (EnableOverride Restricted Translatable)");
    check_property(&cls, "Id", "0 string Id = NULL from Test_Base");
    check_property_qualifier(&cls, "Id", "Key", "TRUE (DisableOverride ToSubclass)");
    check_property_qualifier(&cls, "Caption", "MaxLen", "64 (EnableOverride ToSubclass)");
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);

    if (class_get(repo, NS, "Test_Types", &cls) != 1) {
        tap_ok(0, "Test_Types is stored");
        return;
    }
    tap_is_str(cls.superclass, "Test_Base", "Test_Types names its superclass");
    tap_is_int(cls.properties.properties_len, 3 + 23,
               "Test_Types has 3 inherited and 23 own properties");
    check_property(&cls, "Id", "0 string Id = NULL from Test_Base propagated");
    check_property(&cls, "Caption",
                   "1 string Caption = \"base caption\" from Test_Base propagated");
    check_property(&cls, "Counter", "2 uint32 Counter = 7 from Test_Base propagated");
    check_property(&cls, "Flag", "3 boolean Flag = TRUE from Test_Types");
    check_property(&cls, "S8", "4 sint8 S8 = -128 from Test_Types");
    check_property(&cls, "U8", "5 uint8 U8 = 255 from Test_Types");
    check_property(&cls, "S16", "6 sint16 S16 = -32768 from Test_Types");
    check_property(&cls, "U16", "7 uint16 U16 = 65535 from Test_Types");
    check_property(&cls, "S32", "8 sint32 S32 = -15 from Test_Types");
    check_property(&cls, "U32", "9 uint32 U32 = 5 from Test_Types");
    check_property(&cls, "S64", "10 sint64 S64 = -9223372036854775808 from Test_Types");
    check_property(&cls, "U64", "11 uint64 U64 = 18446744073709551615 from Test_Types");
    check_property(&cls, "R32", "12 real32 R32 = 1.5 from Test_Types");
    check_property(&cls, "R64", "13 real64 R64 = -0.0025000000000000001 from Test_Types");
    check_property(&cls, "C16", "14 char16 C16 = U+0078 from Test_Types");
    check_property(&cls, "C16Esc", "15 char16 C16Esc = U+263A from Test_Types");
    check_property(&cls, "Str", "16 string Str = \"tab\there \"q\"\" from Test_Types");
    check_property(&cls, "When",
                   "17 datetime When = \"20261121120000.000000+000\" from Test_Types");
    check_property(&cls, "Span",
                   "18 datetime Span = \"00000001020304.000000:000\" from Test_Types");
    check_property(&cls, "Bytes", "19 uint8[] Bytes = {1, 2, 3, 4} from Test_Types");
    check_property(&cls, "Names", "20 string[] Names = {\"a\", \"b\"} from Test_Types");
    check_property(&cls, "Fixed", "21 uint16[3] Fixed = {1, 2, 3} from Test_Types");
    check_property(&cls, "NoDefault", "22 real64 NoDefault = NULL from Test_Types");
    check_property(&cls, "NullDefault", "23 string NullDefault = NULL from Test_Types");
    check_property(&cls, "Setting", "24 instance Setting = NULL from Test_Types");
    check_property(&cls, "State", "25 uint16 State = 1 from Test_Types");
    check_property_qualifier(&cls, "Setting", "EmbeddedInstance",
                             "\"Test_Setting\" (EnableOverride ToSubclass)");
    check_property_qualifier(&cls, "State", "ValueMap",
                             "{\"0\", \"1\"} (EnableOverride ToSubclass)");
    check_property_qualifier(&cls, "State", "Values",
                             "{\"Off\", \"On\"} (EnableOverride ToSubclass Translatable)");
    check_property_qualifier(&cls, "Id", "Key", "TRUE (DisableOverride ToSubclass) propagated");
    check_property_qualifier(&cls, "Id", "Description",
                             "\"the identifier\" (EnableOverride ToSubclass Translatable) "
                             "propagated");
    check_class_qualifier(&cls, "Description",
                          "\"the root of the round-trip classes\" (EnableOverride ToSubclass "
                          "Translatable) propagated");
    check_class_qualifier(&cls, "Abstract", "(absent)");
    check_class_qualifier(&cls, "Version", "(absent)");

    tap_ok(cls.methods.methods_len == 1 && strcmp(cls.methods.methods_val[0].name, "Reset") == 0 &&
           cls.methods.methods_val[0].return_type == CIM_TYPE_UINT32 &&
           strcmp(cls.methods.methods_val[0].class_origin, "Test_Types") == 0 &&
           !cls.methods.methods_val[0].propagated,
           "Test_Types has its method Reset, returning uint32");
    if (cls.methods.methods_len == 1) {
        const cim_method *m = &cls.methods.methods_val[0];
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);

        for (u_int i = 0; out != NULL && i < m->parameters.parameters_len; i++) {
            const cim_parameter *p = &m->parameters.parameters_val[i];

            repo_text_write_type(p->type, p->array_size, p->ref_class, out);
            fprintf(out, " %s", p->name);
            for (u_int j = 0; j < p->qualifiers.qualifiers_len; j++) {
                fprintf(out, " [%s=", p->qualifiers.qualifiers_val[j].name);
                repo_text_write_value(&p->qualifiers.qualifiers_val[j].value, out);
                fputc(']', out);
            }
            fputs("; ", out);
        }
        if (out != NULL)
            fclose(out);
        tap_is_str(text, "boolean Force [In=TRUE]; string[] Log [In=TRUE] [Out=TRUE]; "
                   "Test_Base REF Other [In=TRUE]; ", "Reset's parameters, in order");
        free(text);
        check_qualifier(m->qualifiers.qualifiers_val, m->qualifiers.qualifiers_len, "Static",
                        "TRUE (DisableOverride ToSubclass)", "Test_Types.Reset()");
    }
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);

    if (class_get(repo, NS, "Test_Link", &cls) != 1) {
        tap_ok(0, "Test_Link is stored");
        return;
    }
    check_class_qualifier(&cls, "Association", "TRUE (DisableOverride ToSubclass)");
    check_property(&cls, "Left", "0 Test_Base REF Left = NULL from Test_Link");
    check_property(&cls, "Right", "1 Test_Base REF Right = NULL from Test_Link");
    xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
}

static void
test_roundtrip_instances(struct repo *repo)
{
    struct instances l;
    cim_instance inst;
    const cim_value *v;
    char *text;

    if (instance_get(repo, NS, "Test_Types.Id=\"t1\"", &inst) != 1) {
        tap_ok(0, "instance Test_Types.Id=\"t1\" is stored");
    } else {
        const char *t1 = "Test_Types.Id=\"t1\"";

        tap_is_str(inst.class_name, "Test_Types", "%s: its class", t1);
        tap_is_int(inst.properties.properties_len, 26, "%s: stored complete", t1);
        check_instance_value(&inst, t1, "Id", "\"t1\"");
        check_instance_value(&inst, t1, "U8", "16");
        check_instance_value(&inst, t1, "R32", "3");
        check_instance_value(&inst, t1, "C16", "U+0079");
        check_instance_value(&inst, t1, "Names", "{\"x\", \"y\", \"z\"}");
        check_instance_value(&inst, t1, "Caption", "\"base caption\"");
        check_instance_value(&inst, t1, "Counter", "7");
        check_instance_value(&inst, t1, "Bytes", "{1, 2, 3, 4}");
        check_instance_value(&inst, t1, "C16Esc", "U+263A");
        check_instance_value(&inst, t1, "When", "\"20261121120000.000000+000\"");
        check_instance_value(&inst, t1, "NoDefault", "NULL");
        v = instance_value(&inst, "R32");
        tap_ok(v != NULL && v->type == CIM_TYPE_REAL32 && !v->is_null && v->items.items_len == 1 &&
               v->items.items_val[0].type == CIM_TYPE_REAL32 &&
               v->items.items_val[0].cim_scalar_u.r == 3.0,
               "%s: the integer 3 is stored as the real32 3.0", t1);
        v = instance_value(&inst, "Setting");
        tap_ok(v != NULL && v->type == CIM_TYPE_INSTANCE && !v->is_array && !v->is_null,
               "%s: Setting holds an embedded instance", t1);
        text = repo_text_value(v);
        tap_ok(text != NULL && strncmp(text, "instance of Test_Setting {", 26) == 0 &&
               strstr(text, " Name = \"depth\";") != NULL && strstr(text, " Value = 3;") != NULL,
               "%s: the embedded instance has its class and values (%s)", t1,
               text != NULL ? text : "-");
        free(text);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    }

    if (instance_get(repo, NS, "Test_Base.Id=\"t2\"", &inst) != 1) {
        tap_ok(0, "instance t2 is found through its superclass Test_Base");
    } else {
        const char *t2 = "Test_Base.Id=\"t2\"";

        tap_is_str(inst.class_name, "Test_Types", "%s: found through the superclass", t2);
        check_instance_value(&inst, t2, "Caption", "\"second\"");
        check_instance_value(&inst, t2, "Bytes", "{9}");
        check_instance_value(&inst, t2, "U8", "255");
        check_instance_value(&inst, t2, "S64", "-9223372036854775808");
        check_instance_value(&inst, t2, "Setting", "NULL");
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    }

    if (instances_of(repo, NS, "Test_Base", true, &l) == 0) {
        text = instances_values(&l, "Id");
        tap_is_str(text, "\"t1\";\"t2\";", "Test_Base enumerated deep: both instances, by key");
        free(text);
        instances_clear(&l);
    }
    if (instances_of(repo, NS, "Test_Link", false, &l) == 0) {
        tap_is_int(l.n, 1, "Test_Link has one instance");
        text = instances_values(&l, "Left");
        tap_is_str(text, "\"Test_Types.Id=\"t1\"\";", "$T1 became t1's relative path");
        free(text);
        text = instances_values(&l, "Right");
        tap_is_str(text, "\"Test_Types.Id=\"t2\"\";",
                   "$T2, declared after its use, became t2's relative path");
        free(text);
        instances_clear(&l);
    }
}

static void
test_roundtrip(void)
{
    struct repo *repo = repo_fresh();
    struct mof_compile_stats stats;

    memset(&stats, 0xff, sizeof(stats));
    if (compile_ok(repo, "roundtrip.mof", NULL, &stats)) {
        tap_ok(stats.qualifiers == QUALIFIERS_IN_FIXTURE && stats.classes == 4 &&
               stats.instances == 3 && stats.namespaces == 0 && stats.deleted_classes == 0,
               "roundtrip.mof: counts: %u qualifiers, %u classes, %u instances, %u namespaces, "
               "%u deleted", stats.qualifiers, stats.classes, stats.instances, stats.namespaces,
               stats.deleted_classes);
        test_roundtrip_classes(repo);
        test_roundtrip_instances(repo);
    }
    repo_close(repo);
}

/* -------------------------------------------- inheritance, overrides --- */

static void
check_inherited_classes(struct repo *repo)
{
    cim_class cls;

    if (class_get(repo, NS, "Test_Child", &cls) == 1) {
        check_property(&cls, "Id", "0 string Id = NULL from Test_Parent propagated");
        check_property(&cls, "Caption", "1 string Caption = \"child\" from Test_Child");
        check_property(&cls, "Level", "2 uint32 Level = 1 from Test_Parent propagated");
        check_property(&cls, "Extra", "3 string Extra = NULL from Test_Child");
        check_property_qualifier(&cls, "Caption", "Description",
                                 "\"the parent's caption\" (EnableOverride ToSubclass "
                                 "Translatable) propagated");
        check_property_qualifier(&cls, "Caption", "Override",
                                 "\"Caption\" (EnableOverride Restricted)");
        check_property_qualifier(&cls, "Caption", "MaxLen", "10 (EnableOverride ToSubclass)");
        tap_ok(cls.methods.methods_len == 1 &&
               strcmp(cls.methods.methods_val[0].class_origin, "Test_Child") == 0 &&
               !cls.methods.methods_val[0].propagated &&
               cls.methods.methods_val[0].parameters.parameters_len == 1,
               "Test_Child.Ping() overrides the parent's, with a parameter");
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
    } else {
        tap_ok(0, "Test_Child is stored");
    }
    if (class_get(repo, NS, "Test_Grandchild", &cls) == 1) {
        tap_is_int(cls.properties.properties_len, 4, "Test_Grandchild has 4 properties");
        check_property(&cls, "Caption", "1 string Caption = \"child\" from Test_Child propagated");
        check_property(&cls, "Level", "2 uint32 Level = 3 from Test_Grandchild");
        check_property(&cls, "Extra", "3 string Extra = NULL from Test_Child propagated");
        check_property_qualifier(&cls, "Caption", "Override", "(absent)");
        check_property_qualifier(&cls, "Caption", "MaxLen",
                                 "10 (EnableOverride ToSubclass) propagated");
        tap_ok(cls.methods.methods_len == 1 &&
               strcmp(cls.methods.methods_val[0].class_origin, "Test_Child") == 0 &&
               cls.methods.methods_val[0].propagated,
               "Test_Grandchild inherits Ping() from Test_Child, propagated");
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
    } else {
        tap_ok(0, "Test_Grandchild is stored");
    }
    if (class_get(repo, NS, "Test_NarrowLink", &cls) == 1) {
        check_property(&cls, "Owner", "0 Test_Parent REF Owner = NULL from Test_ParentLink "
                       "propagated");
        check_property(&cls, "Member", "1 Test_Grandchild REF Member = NULL from Test_NarrowLink");
        check_property_qualifier(&cls, "Member", "Key",
                                 "TRUE (DisableOverride ToSubclass) propagated");
        check_class_qualifier(&cls, "Association", "TRUE (DisableOverride ToSubclass)");
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
    } else {
        tap_ok(0, "Test_NarrowLink is stored");
    }
}

static void
test_inheritance(void)
{
    static const struct error_case cases[] = {
        { "err-override-type.mof", MOF_ERR_SEMANTIC, "err-override-type.mof:6:12",
          { "property Caption of class Test_BadOverride overrides the string declared in "
            "Test_Parent", "must keep that type", "declared uint32 here" } },
        { "err-override-nothing.mof", MOF_ERR_SEMANTIC, "err-override-nothing.mof:7:12",
          { "property Nothing of class Test_BadOverride is marked Override", "no superclass",
            "has a property Nothing" } },
        { "err-narrow-unrelated.mof", MOF_ERR_SEMANTIC, "err-narrow-unrelated.mof:7:24",
          { "reference Member of class Test_BadLink may only narrow",
            "Test_Unrelated is not derived from Test_Parent" } },
        { "err-subclass-key.mof", MOF_ERR_SEMANTIC, "err-subclass-key.mof:13:12",
          { "Second" } },
    };
    struct repo *repo = repo_fresh();

    if (compile_ok(repo, "inherit.mof", NULL, NULL))
        check_inherited_classes(repo);
    repo_close(repo);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_error(&cases[i]);
}

/* ----------------------------------------------------------- flavors --- */

static void
test_flavors(void)
{
    static const struct error_case cases[] = {
        { "err-locked-class.mof", MOF_ERR_SEMANTIC, "err-locked-class.mof:5:2",
          { "qualifier Test_Locked of class Test_FBad is DisableOverride",
            "cannot be given another value" } },
        { "err-locked-key.mof", MOF_ERR_SEMANTIC, "err-locked-key.mof:6:10",
          { "qualifier Key of property Id of class Test_FBad is DisableOverride",
            "cannot be given another value" } },
        { "err-locked-use.mof", MOF_ERR_SEMANTIC, "err-locked-use.mof:7:10",
          { "qualifier Description of property Fixed of class Test_FBad is DisableOverride" } },
        { "err-flavor-both.mof", MOF_ERR_SYNTAX, "err-flavor-both.mof:6:45",
          { "flavor 'DisableOverride' contradicts 'EnableOverride'" } },
    };
    struct repo *repo = repo_fresh();
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    cim_class cls;
    int rc;

    if (compile_ok(repo, "flavors.mof", NULL, NULL)) {
        if (class_get(repo, NS, "Test_FBase", &cls) == 1) {
            check_property_qualifier(&cls, "Note", "Description",
                                     "\"not inherited\" (EnableOverride Restricted "
                                     "Translatable)");
            xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        } else {
            tap_ok(0, "Test_FBase is stored");
        }
        if (class_get(repo, NS, "Test_FPlain", &cls) == 1) {
            check_class_qualifier(&cls, "Description",
                                  "\"base\" (EnableOverride ToSubclass Translatable) propagated");
            check_class_qualifier(&cls, "Abstract", "(absent)");
            check_class_qualifier(&cls, "Test_Locked",
                                  "\"gold\" (DisableOverride ToSubclass) propagated");
            check_property_qualifier(&cls, "Id", "Test_Locked",
                                     "\"k\" (DisableOverride ToSubclass) propagated");
            check_property_qualifier(&cls, "Note", "Description", "(absent)");
            check_property_qualifier(&cls, "Fixed", "Description",
                                     "\"cannot change\" (DisableOverride ToSubclass "
                                     "Translatable) propagated");
            xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        } else {
            tap_ok(0, "Test_FPlain is stored");
        }
        if (class_get(repo, NS, "Test_FRestated", &cls) == 1) {
            check_class_qualifier(&cls, "Description",
                                  "\"restated\" (EnableOverride ToSubclass Translatable)");
            check_class_qualifier(&cls, "Test_Locked", "\"gold\" (DisableOverride ToSubclass)");
            check_property_qualifier(&cls, "Id", "Key", "TRUE (DisableOverride ToSubclass)");
            check_property(&cls, "Id", "0 string Id = NULL from Test_FRestated");
            xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        } else {
            tap_ok(0, "Test_FRestated is stored");
        }
    }
    repo_close(repo);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_error(&cases[i]);

    /* The parser refuses the pair, so the compiler's own check is reached
     * only by a tree built otherwise: add DisableOverride after parsing. */
    repo = repo_fresh();
    rc = mof_parse_file("flavor-enable.mof", NULL, &doc, &err);
    if (rc == 0) {
        struct mof_decl *last = doc->decls[doc->n_decls - 1];

        if (last->kind == MOF_DECL_CLASS && last->u.klass->n_features == 1 &&
            last->u.klass->features[0]->qualifiers.n == 1)
            last->u.klass->features[0]->qualifiers.items[0]->flavors |=
                MOF_FLAVOR_DISABLEOVERRIDE;
        rc = mof_compile(repo, doc, NULL, NULL, &err);
    }
    if (!tap_ok(rc == -1 && err != NULL && err->code == MOF_ERR_SEMANTIC &&
                strcmp(err->message, "flavor-enable.mof:7:10: qualifier Description is given "
                       "both EnableOverride and DisableOverride; keep one") == 0,
                "the compiler refuses EnableOverride with DisableOverride on one qualifier"))
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    tap_ok(!class_exists(repo, NS, "Test_Both"), "and stores nothing");
    mof_ast_error_free(err);
    mof_ast_document_free(doc);
    repo_close(repo);
}

/* ------------------------------------------------------------- errors --- */

static void
test_errors(void)
{
    static const struct error_case cases[] = {
        { "err-undefined-superclass.mof", MOF_ERR_SEMANTIC, "err-undefined-superclass.mof:4:7",
          { "the superclass Test_NoSuchParent of class Test_Orphan is not defined in namespace "
            "root/cimv2" } },
        { "err-duplicate-key.mof", MOF_ERR_SEMANTIC, "err-duplicate-key.mof:12:1",
          { "an instance with the same keys (Test_Keyed.Id=\"same\")",
            "already declared in this compilation" } },
        { "err-duplicate-class.mof", MOF_ERR_SEMANTIC, "err-duplicate-class.mof:8:7",
          { "class Test_Twice is declared twice in namespace root/cimv2",
            "the first declaration is at err-duplicate-class.mof:4" } },
        { "err-type-string.mof", MOF_ERR_SEMANTIC, "err-type-string.mof:12:13",
          { "found a string but property Small of class Test_Typed is of type uint8" } },
        { "err-type-range.mof", MOF_ERR_RANGE, "err-type-range.mof:5:19",
          { "300 is out of range for property Small of class Test_Typed (uint8)",
            "the largest is 255" } },
        { "err-type-array.mof", MOF_ERR_SEMANTIC, "err-type-array.mof:12:13",
          { "found an array but property Small of class Test_Typed is a single uint8" } },
        { "err-type-datetime.mof", MOF_ERR_SEMANTIC, "err-type-datetime.mof:5:21",
          { "\"2026-11-21 12:00\" is not a datetime for property When of class Test_Typed" } },
        { "err-unknown-qualifier.mof", MOF_ERR_SEMANTIC, "err-unknown-qualifier.mof:5:32",
          { "qualifier Frobnicate is not declared in namespace root/cimv2" } },
        { "err-qualifier-scope.mof", MOF_ERR_SEMANTIC, "err-qualifier-scope.mof:5:2",
          { "qualifier Key cannot be used on class Test_Scoped", "Scope" } },
        { "err-unknown-property.mof", MOF_ERR_SEMANTIC, "err-unknown-property.mof:12:5",
          { "class Test_Props has no property Colour" } },
        { "err-abstract-instance.mof", MOF_ERR_REPOSITORY, "err-abstract-instance.mof:10:1",
          { "Test_Abstract", "abstract" } },
        { "err-key-missing.mof", MOF_ERR_REPOSITORY, "err-key-missing.mof:10:1",
          { "key property Id of class Test_Keyed has no value" } },
        { "err-alias-undefined.mof", MOF_ERR_SEMANTIC, "err-alias-undefined.mof:22:10",
          { "alias $X is not defined" } },
        { "err-embedded-class.mof", MOF_ERR_SEMANTIC, "err-embedded-class.mof:22:12",
          { "holds an embedded instance of class Test_Other, which is not Test_Inner" } },
        { "err-unknown-pragma.mof", MOF_ERR_SEMANTIC, "err-unknown-pragma.mof:4:1",
          { "unknown #pragma frobnicate", "include, namespace" } },
        /* Parse errors: the document never reaches the compiler. */
        { "../errors/bad-escape.mof", MOF_ERR_SYNTAX, "../errors/bad-escape.mof:3:23",
          { "invalid escape sequence '\\q' in a string" } },
        { "err-bad-escape-inner.mof", MOF_ERR_SYNTAX, "bad-escape.inc:4:28",
          { "invalid escape sequence '\\q' in a string" } },
        { "../errors/unterminated-string.mof", MOF_ERR_SYNTAX,
          "../errors/unterminated-string.mof:3:19", { "unterminated string" } },
        { "err-include-loop.mof", MOF_ERR_INCLUDE, "loop-2.inc:4:18",
          { "include loop: loop-1.inc -> loop-2.inc -> loop-1.inc" } },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_error(&cases[i]);
}

/* ------------------------------------------------------ all or nothing --- */

static void
test_atomic(void)
{
    static const struct error_case fresh = {
        "err-atomic.mof", MOF_ERR_SEMANTIC, "err-atomic.mof:22:7",
        { "the superclass Test_NoSuchParent of class Test_AtomicFail is not defined" } };
    static const struct error_case included = {
        "err-atomic-include.mof", MOF_ERR_SEMANTIC, "atomic-inner.inc:7:1",
        { "class Test_AtomicMissing is not defined in namespace root/cimv2" } };
    struct repo *repo = repo_fresh();
    unsigned n_qualifiers = 0;
    struct repo_error err = { "", 0 };
    char *snapshot;
    int rc;

    check_error_in(repo, &fresh);
    rc = repo_qualifier_enumerate(repo, NS, count_qualifier, &n_qualifiers, &err);
    tap_ok(rc == 0 && n_qualifiers == 0, "err-atomic.mof: no qualifier declaration remains (%u)",
           n_qualifiers);
    tap_ok(!class_exists(repo, NS, "Test_Setting") && !namespace_exists(repo, NS "/atomic"),
           "err-atomic.mof: neither the class nor the namespace remains");
    check_error_in(repo, &included);
    repo_close(repo);

    /* The same over a populated repository: what the failing document
     * changed before its error is as it was. */
    repo = repo_fresh();
    if (compile_ok(repo, "roundtrip.mof", NULL, NULL)) {
        cim_class cls;

        snapshot = repo_text_snapshot(repo);
        tap_ok(count_lines(snapshot, "  class ") == 4 &&
               count_lines(snapshot, "    instance ") == 3,
               "roundtrip.mof: 4 classes and 3 instances to keep");
        free(snapshot);
        check_error_in(repo, &fresh);
        check_error_in(repo, &included);
        if (class_get(repo, NS, "Test_Setting", &cls) == 1) {
            check_property(&cls, "Name", "0 string Name = NULL from Test_Setting");
            tap_is_int(cls.properties.properties_len, 2, "Test_Setting keeps its 2 properties");
            xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        } else {
            tap_ok(0, "Test_Setting is still stored");
        }
    }
    repo_close(repo);
}

/* With in_transaction the caller commits or rolls back. */
static void
test_caller_transaction(void)
{
    struct mof_compile_options opts = { .in_transaction = true };
    struct repo_error err = { "", 0 };
    struct mof_error *merr = NULL;
    struct repo *repo = repo_fresh();
    int rc;

    if (repo_begin(repo, &err) == 0) {
        rc = compile_file(repo, "inherit.mof", &opts, NULL, &merr);
        if (!tap_ok(rc == 0 && class_exists(repo, NS, "Test_Child"),
                    "in the caller's transaction the classes are visible at once"))
            printf("#   %s\n", merr != NULL ? merr->message : "(no error record)");
        repo_rollback(repo);
    } else {
        tap_ok(0, "a transaction starts (%s)", err.message);
    }
    mof_ast_error_free(merr);
    tap_ok(!class_exists(repo, NS, "Test_Child") && !class_exists(repo, NS, "Test_Parent"),
           "and the caller's rollback removes them");
    repo_close(repo);
}

/* ----------------------------------------------------------- pragmas --- */

struct hook_calls {
    unsigned n;
    char paths[512];
    bool fail;
};

static int
hook_namespace_created(struct repo *repo, const char *path, void *arg, struct repo_error *err)
{
    struct hook_calls *calls = arg;
    size_t len = strlen(calls->paths);

    (void)repo;
    calls->n++;
    snprintf(calls->paths + len, sizeof(calls->paths) - len, "%s;", path);
    if (calls->fail) {
        snprintf(err->message, sizeof(err->message), "the hook refuses %s", path);
        return -1;
    }
    return 0;
}

static void
test_pragmas(void)
{
    static const struct error_case missing = {
        "err-namespace-missing.mof", MOF_ERR_SEMANTIC, "err-namespace-missing.mof:5:1",
        { "namespace root/nosuch does not exist" } };
    struct hook_calls calls = { 0 };
    struct mof_compile_options opts = { .namespace_created = hook_namespace_created,
                                        .namespace_created_arg = &calls };
    struct mof_compile_stats stats;
    struct repo *repo = repo_fresh();
    struct mof_error *err = NULL;
    char *before, *after;
    cim_class cls;
    int rc;

    if (compile_ok(repo, "namespaces.mof", &opts, &stats)) {
        tap_ok(namespace_exists(repo, NS "/child"),
               "instance of __NAMESPACE created root/cimv2/child");
        tap_is_int(calls.n, 1, "the namespace_created hook was called once");
        tap_is_str(calls.paths, "root/cimv2/child;", "with the new namespace's path");
        tap_ok(stats.namespaces == 1 && stats.classes == 3 &&
               stats.qualifiers == 2 * QUALIFIERS_IN_FIXTURE && stats.instances == 0,
               "namespaces.mof: counts: %u namespaces, %u classes, %u qualifiers, %u instances",
               stats.namespaces, stats.classes, stats.qualifiers, stats.instances);
        tap_ok(class_exists(repo, NS "/child", "Test_InChild") &&
               !class_exists(repo, NS, "Test_InChild"),
               "#pragma namespace in an included file: its class is in root/cimv2/child");
        if (class_get(repo, NS "/child", "Test_InChild", &cls) == 1) {
            check_class_qualifier(&cls, "Description",
                                  "\"declared in root/cimv2/child\" (EnableOverride ToSubclass "
                                  "Translatable)");
            xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        }
        tap_ok(class_exists(repo, NS, "Test_InCimv2") &&
               !class_exists(repo, NS "/child", "Test_InCimv2"),
               "the namespace switch ends with the included file");
        tap_ok(class_exists(repo, NS "/child", "Test_Relative") &&
               !class_exists(repo, NS, "Test_Relative"),
               "a relative #pragma namespace names a child of the current namespace");

        calls.n = 0;
        calls.paths[0] = '\0';
        if (compile_ok(repo, "namespaces.mof", &opts, &stats))
            tap_ok(calls.n == 0 && stats.namespaces == 0,
                   "compiled again: the existing namespace is kept, the hook not called (%u)",
                   calls.n);
    }

    calls.fail = true;
    calls.n = 0;
    before = repo_text_snapshot(repo);
    rc = compile_file(repo, "ns-hook.mof", &opts, NULL, &err);
    if (!tap_ok(rc == -1 && err != NULL && err->code == MOF_ERR_REPOSITORY &&
                strcmp(err->message, "ns-hook.mof:4:1: the hook refuses root/cimv2/hooked") == 0,
                "a failing namespace_created hook fails the compilation at the instance"))
        printf("#   %s\n", err != NULL ? err->message : "(no error record)");
    mof_ast_error_free(err);
    after = repo_text_snapshot(repo);
    tap_ok(calls.n == 1 && !namespace_exists(repo, NS "/hooked") && strcmp(before, after) == 0,
           "and the namespace it was called for is not kept");
    free(before);
    free(after);
    repo_close(repo);

    /* Pragmas that change how existing classes are treated. */
    repo = repo_fresh();
    if (compile_ok(repo, "pragma-base.mof", NULL, NULL)) {
        static const struct error_case cases[] = {
            { "err-createonly.mof", MOF_ERR_REPOSITORY, "err-createonly.mof:5:7",
              { "class Test_Once already exists in namespace root/cimv2" } },
            { "err-updateonly.mof", MOF_ERR_REPOSITORY, "err-updateonly.mof:5:7",
              { "class Test_NotThere does not exist in namespace root/cimv2" } },
            { "err-deleteclass.mof", MOF_ERR_SEMANTIC, "err-deleteclass.mof:3:1",
              { "#pragma deleteclass: class Test_NeverWas does not exist in namespace "
                "root/cimv2", "NOFAIL" } },
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
            check_error_in(repo, &cases[i]);
        compile_ok(repo, "pragma-createonly-new.mof", NULL, NULL);
        tap_ok(class_exists(repo, NS, "Test_Fresh"), "createonly still creates a new class");
        if (compile_ok(repo, "pragma-deleteclass.mof", NULL, &stats)) {
            tap_ok(!class_exists(repo, NS, "Test_Doomed") &&
                   !class_exists(repo, NS, "Test_DoomedChild") &&
                   class_exists(repo, NS, "Test_Once"),
                   "deleteclass removed the class and its subclass, nothing else");
            tap_is_int(stats.deleted_classes, 1, "one deletion counted (NOFAIL on a missing "
                       "class is none)");
        }
    }
    repo_close(repo);

    check_error(&missing);

    repo = repo_fresh();
    {
        struct mof_compile_options elsewhere = { .nspace = "root/nowhere" };

        rc = compile_file(repo, "qualifiers.mof", &elsewhere, NULL, &err);
        if (!tap_ok(rc == -1 && err != NULL && err->code == MOF_ERR_SEMANTIC &&
                    strstr(err->message, "namespace root/nowhere does not exist") != NULL,
                    "a missing target namespace in the options is refused"))
            printf("#   %s\n", err != NULL ? err->message : "(no error record)");
        mof_ast_error_free(err);
    }
    repo_close(repo);
}

/* ----------------------------------------------------------- aliases --- */

static void
test_aliases(void)
{
    static const struct error_case cases[] = {
        { "err-alias-self.mof", MOF_ERR_SEMANTIC, "err-alias-self.mof:14:10",
          { "alias $me refers to itself through its own keys" } },
        { "err-alias-duplicate.mof", MOF_ERR_SEMANTIC, "err-alias-duplicate.mof:10:1",
          { "alias $N is already used by the instance at err-alias-duplicate.mof:9" } },
        { "err-alias-class.mof", MOF_ERR_SEMANTIC, "err-alias-class.mof:28:10",
          { "holds a reference to an instance of class Test_Stranger, which is not Test_Node" } },
    };
    struct repo *repo = repo_fresh();
    struct instances l;
    cim_instance inst;
    char *text;

    if (compile_ok(repo, "aliases.mof", NULL, NULL)) {
        if (instances_of(repo, NS, "Test_Edge", false, &l) == 0) {
            tap_is_int(l.n, 1, "Test_Edge has one instance");
            text = instances_values(&l, "From");
            tap_is_str(text, "\"A.Key=\"v\"\";",
                       "$a, used before its declaration, is A's relative path");
            free(text);
            text = instances_values(&l, "To");
            tap_is_str(text, "\"A.Key=\"with \\\"quotes\\\"\"\";",
                       "a key with quotes is escaped in the path");
            free(text);
            instances_clear(&l);
        }
        if (instance_get(repo, NS, "A.Key=\"with \\\"quotes\\\"\"", &inst) == 1) {
            check_instance_value(&inst, "$b", "Label", "NULL");
            xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        } else {
            tap_ok(0, "the instance aliased $b is found by its escaped path");
        }
        if (instance_get(repo, NS, "Test_Holder.Id=\"h\"", &inst) == 1) {
            check_instance_value(&inst, "Test_Holder.Id=\"h\"", "Peer", "\"A.Key=\"v\"\"");
            xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        } else {
            tap_ok(0, "Test_Holder.Id=\"h\" is stored");
        }
    }
    repo_close(repo);

    repo = repo_fresh();
    if (compile_ok(repo, "self-reference.mof", NULL, NULL) &&
        instances_of(repo, NS, "Test_SelfRef", false, &l) == 0) {
        text = instances_values(&l, "Parent");
        tap_is_str(text, "\"Test_SelfRef.Id=\"root\"\";NULL;",
                   "a class may refer to itself; the leaf's Parent is the root's path");
        free(text);
        instances_clear(&l);
    }
    repo_close(repo);

    repo = repo_fresh();
    if (compile_ok(repo, "aliases-cycle.mof", NULL, NULL) &&
        instances_of(repo, NS, "Test_Ring", false, &l) == 0) {
        text = instances_values(&l, "Next");
        tap_is_str(text, "\"Test_Ring.Name=\"y\"\";\"Test_Ring.Name=\"x\"\";"
                   "\"Test_Ring.Name=\"z\"\";",
                   "references that are not keys may refer back, and to themselves");
        free(text);
        instances_clear(&l);
    }
    repo_close(repo);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_error(&cases[i]);
}

/* ------------------------------------------------ object-typed features --- */

/* "type ref_class" of the property or parameter, e.g. "16 Test_Part [-1]". */
static void
check_typed(cim_type type, const char *ref_class, int array_size, cim_type want_type,
            const char *want_class, int want_array, const char *what)
{
    if (!tap_ok(type == want_type && strcmp(ref_class, want_class) == 0 &&
                array_size == want_array, "%s", what))
        printf("#   got type %d of '%s', array %d\n", (int)type, ref_class, array_size);
}

static void
test_object_typed(void)
{
    static const struct error_case cases[] = {
        { "err-object-class.mof", MOF_ERR_SEMANTIC, "err-object-class.mof:21:12",
          { "property Main of class Test_Whole holds an embedded instance of class Test_Other, "
            "which is not Test_Part or derived from it" } },
        { "err-object-return.mof", MOF_ERR_SEMANTIC, "err-object-return.mof:8:15",
          { "method Make of class Test_Maker must return nothing (void) or a single value of a "
            "data type", "not Test_Part", "out parameter" } },
        { "err-object-undefined.mof", MOF_ERR_SEMANTIC, "err-object-undefined.mof:4:36",
          { "parameter Bad of method Test_Caller.Call is of type strng, which is neither a data "
            "type", "nor a class defined in namespace root/cimv2" } },
        { "../errors/unknown-type.mof", MOF_ERR_SEMANTIC, "../errors/unknown-type.mof:4:11",
          { "property Name of class Test_Broken is of type strng" } },
    };
    struct repo *repo = repo_fresh();
    cim_instance inst;
    cim_class cls;

    if (compile_ok(repo, "object-typed.mof", NULL, NULL) &&
        class_get(repo, NS, "Test_Whole", &cls) == 1) {
        const cim_property *p = cls.properties.properties_val;
        const cim_method *m = cls.methods.methods_val;

        if (tap_ok(cls.properties.properties_len == 5 && cls.methods.methods_len == 3,
                   "Test_Whole: 5 properties, 3 methods")) {
            check_typed(p[1].type, p[1].ref_class, p[1].array_size, CIM_TYPE_INSTANCE,
                        "Test_Part", -1, "Main is an embedded Test_Part");
            check_typed(p[2].type, p[2].ref_class, p[2].array_size, CIM_TYPE_INSTANCE,
                        "Test_Part", 2, "Spares is an array of 2 embedded Test_Part");
            check_typed(p[3].type, p[3].ref_class, p[3].array_size, CIM_TYPE_INSTANCE,
                        "Test_Whole", -1, "a class may embed itself");
            check_typed(p[4].type, p[4].ref_class, p[4].array_size, CIM_TYPE_INSTANCE, "", -1,
                        "Anything is an embedded instance of any class");
            tap_ok(m[0].return_type == CIM_TYPE_VOID && m[0].parameters.parameters_len == 0,
                   "Reset returns void");
            if (tap_ok(m[1].return_type == CIM_TYPE_UINT32 &&
                       m[1].parameters.parameters_len == 2, "Take returns uint32, 2 parameters")) {
                const cim_parameter *a = m[1].parameters.parameters_val;

                check_typed(a[0].type, a[0].ref_class, a[0].array_size, CIM_TYPE_INSTANCE,
                            "Test_Part", -1, "parameter Piece is an embedded Test_Part");
                check_typed(a[1].type, a[1].ref_class, a[1].array_size, CIM_TYPE_INSTANCE,
                            "Test_Part", 0, "parameter Returned is an array of them");
            }
            if (tap_ok(m[2].parameters.parameters_len == 1, "Link has 1 parameter"))
                check_typed(m[2].parameters.parameters_val[0].type,
                            m[2].parameters.parameters_val[0].ref_class,
                            m[2].parameters.parameters_val[0].array_size, CIM_TYPE_REFERENCE,
                            "Test_Later", -1, "a parameter may refer to a class defined later");
        }
        xdr_free((xdrproc_t)xdr_cim_class, (char *)&cls);
        if (instance_get(repo, NS, "Test_Whole.Id=\"w\"", &inst) == 1) {
            check_instance_value(&inst, "Test_Whole.Id=\"w\"", "Main",
                                 "instance of Test_SubPart { Name = \"m\"; Size = 3; }");
            check_instance_value(&inst, "Test_Whole.Id=\"w\"", "Anything",
                                 "instance of Test_Later { Id = \"any\"; }");
            check_instance_value(&inst, "Test_Whole.Id=\"w\"", "Spares",
                                 "{instance of Test_Part { Name = \"s1\"; }, "
                                 "instance of Test_Part { Name = \"s2\"; }}");
            xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        } else {
            tap_ok(0, "Test_Whole.Id=\"w\" is stored");
        }
    }
    repo_close(repo);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_error(&cases[i]);
}

/* -------------------------------------------------------- idempotence --- */

static void
test_idempotence(void)
{
    struct hook_calls calls = { 0 };
    struct mof_compile_options opts = { .namespace_created = hook_namespace_created,
                                        .namespace_created_arg = &calls };
    struct mof_compile_stats stats;
    struct repo_error err = { "", 0 };
    struct repo *repo = repo_fresh();
    char *first = NULL, *second, *text;
    cim_instance inst;
    struct instances l;

    if (compile_ok(repo, "idempotent.mof", &opts, &stats))
        first = repo_text_snapshot(repo);
    if (first == NULL) {
        repo_close(repo);
        return;
    }
    tap_ok(stats.classes == 4 && stats.instances == 3 && stats.namespaces == 1 && calls.n == 1,
           "idempotent.mof: 4 classes, 3 instances, 1 namespace (%u, %u, %u)", stats.classes,
           stats.instances, stats.namespaces);

    /* Change an instance behind the MOF's back; compiling again restores it. */
    if (instance_get(repo, NS, "Test_IMid.Id=\"m\"", &inst) == 1) {
        cim_value *label = NULL;

        for (u_int i = 0; i < inst.properties.properties_len; i++)
            if (strcmp(inst.properties.properties_val[i].name, "Label") == 0)
                label = &inst.properties.properties_val[i].value;
        if (label != NULL && label->items.items_len == 1) {
            free(label->items.items_val[0].cim_scalar_u.s);
            label->items.items_val[0].cim_scalar_u.s = strdup("changed by hand");
        }
        tap_ok(label != NULL &&
               repo_instance_put(repo, NS, &inst, REPO_PUT_UPDATE, NULL, &err) == 0,
               "an instance is changed through the repository (%s)", err.message);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    } else {
        tap_ok(0, "Test_IMid.Id=\"m\" is stored");
    }

    if (compile_ok(repo, "idempotent.mof", &opts, &stats)) {
        second = repo_text_snapshot(repo);
        tap_is_str(second, first, "compiled twice: classes identical, instances as the MOF says, "
                   "nothing duplicated");
        free(second);
        tap_ok(stats.classes == 4 && stats.instances == 3 && stats.namespaces == 0 && calls.n == 1,
               "the second compilation stored 4 classes and 3 instances, created no namespace");
        if (instances_of(repo, NS, "Test_IRoot", true, &l) == 0) {
            text = instances_values(&l, "Label");
            tap_is_str(text, "\"as written\";\"root\";", "the changed Label is as written again");
            free(text);
            instances_clear(&l);
        }
    }
    free(first);
    repo_close(repo);
}

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    char cwd[4096];

    if (top == NULL) {
        if (getcwd(cwd, sizeof(cwd)) == NULL)
            return 1;
        top = cwd;
    }
    snprintf(test_dir, sizeof(test_dir), "%.3000s/tests/tmp", top);
    mkdir(test_dir, 0755);
    snprintf(test_dir, sizeof(test_dir), "%.3000s/tests/tmp/mof-compile.XXXXXX", top);
    if (mkdtemp(test_dir) == NULL) {
        printf("Bail out! cannot create a directory under %s/tests/tmp\n", top);
        return 1;
    }
    if (chdir(MOF_COMPILE_FIXTURES) < 0) {
        printf("Bail out! cannot enter the fixtures directory %s\n", MOF_COMPILE_FIXTURES);
        return 1;
    }
    test_roundtrip();
    test_inheritance();
    test_flavors();
    test_errors();
    test_atomic();
    test_caller_transaction();
    test_pragmas();
    test_aliases();
    test_object_typed();
    test_idempotence();
    tap_plan(tap_n);    /* at the end: a failed compilation skips the checks of its result */
    return tap_done();
}
