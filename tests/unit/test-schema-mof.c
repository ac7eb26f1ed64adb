/*
 * test-schema-mof.c: the schema cimrpc ships (the MOF files of schema/mof,
 * embedded in the daemon as schema_mof_files[] by schema/embed-mof.py).
 *
 * Each embedded file must parse on its own from memory with includes
 * refused, the files must come in compile order, and the classes and
 * qualifiers the daemon and the built-in provider rely on must be there
 * with the shapes they rely on.  Across the files, taken in that order as
 * the daemon compiles them: every qualifier used is declared in
 * qualifiers.mof with a scope that allows the use and a value of the
 * declared kind; every superclass, referenced class and embedded class is
 * defined earlier; no class is declared twice; a redeclared property or
 * method says Override and keeps its inherited type.  The compile step
 * checks much of this again when it loads the schema; failing here first
 * names the file and line without needing a repository.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mof/mof_parser.h"
#include "repository/schema_mof.h"
#include "tap.h"

#define SCHEMA_FILES 6

static const char *const schema_order[SCHEMA_FILES] = {
    "qualifiers.mof", "system.mof", "cim-core.mof", "linux.mof", "wmi.mof", "audit.mof",
};

static struct mof_document *docs[SCHEMA_FILES];

/* ------------------------------------------------------------ lookups --- */

static const struct mof_qualifier_decl *
find_qualifier_decl(const char *name)
{
    const struct mof_document *doc = docs[0];
    size_t i;

    for (i = 0; doc != NULL && i < doc->n_decls; i++)
        if (doc->decls[i]->kind == MOF_DECL_QUALIFIER &&
            mof_ast_name_eq(doc->decls[i]->u.qualifier->name, name))
            return doc->decls[i]->u.qualifier;
    return NULL;
}

/* The class NAME declared in files [0, LAST_FILE], before declaration
 * BEFORE of file LAST_FILE (SIZE_MAX: anywhere in it), or NULL. */
static const struct mof_class *
find_class_before(const char *name, size_t last_file, size_t before)
{
    size_t f, i;

    for (f = 0; f <= last_file && f < SCHEMA_FILES; f++) {
        const struct mof_document *doc = docs[f];

        for (i = 0; doc != NULL && i < doc->n_decls; i++) {
            if (f == last_file && i >= before)
                break;
            if (doc->decls[i]->kind == MOF_DECL_CLASS &&
                mof_ast_name_eq(doc->decls[i]->u.klass->name, name))
                return doc->decls[i]->u.klass;
        }
    }
    return NULL;
}

static const struct mof_class *
find_class(const char *name)
{
    return find_class_before(name, SCHEMA_FILES - 1, (size_t)-1);
}

static const struct mof_qualifier *
find_qualifier(const struct mof_qualifier_list *list, const char *name)
{
    size_t i;

    for (i = 0; i < list->n; i++)
        if (mof_ast_name_eq(list->items[i]->name, name))
            return list->items[i];
    return NULL;
}

static const struct mof_feature *
find_feature(const struct mof_class *c, enum mof_feature_kind kind, const char *name)
{
    size_t i;

    for (i = 0; c != NULL && i < c->n_features; i++)
        if (c->features[i]->kind == kind && mof_ast_name_eq(c->features[i]->name, name))
            return c->features[i];
    return NULL;
}

/* The feature NAME inherited by C: declared by its nearest ancestor. */
static const struct mof_feature *
find_inherited(const struct mof_class *c, enum mof_feature_kind kind, const char *name)
{
    unsigned depth;

    for (depth = 0; c != NULL && c->superclass != NULL && depth < 64; depth++) {
        const struct mof_feature *f;

        c = find_class(c->superclass);
        if ((f = find_feature(c, kind, name)) != NULL)
            return f;
    }
    return NULL;
}

/* Is C an association, by its own qualifier or an ancestor's? */
static bool
is_association(const struct mof_class *c)
{
    unsigned depth;

    for (depth = 0; c != NULL && depth < 64; depth++) {
        const struct mof_qualifier *q = find_qualifier(&c->qualifiers, "Association");

        if (q != NULL)
            return q->value == NULL || (q->value->kind == MOF_VALUE_BOOLEAN && q->value->u.boolean);
        c = c->superclass != NULL ? find_class(c->superclass) : NULL;
    }
    return false;
}

static bool
is_integer_type(enum mof_type_kind k)
{
    return k >= MOF_TYPE_SINT8 && k <= MOF_TYPE_UINT64;
}

/* --------------------------------------------------- cross-file checks --- */

struct checker {
    const char *file;
    unsigned problems;
};

static void __attribute__((format(printf, 3, 4)))
problem(struct checker *ck, unsigned line, const char *fmt, ...)
{
    va_list ap;

    printf("#   %s:%u: ", ck->file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    ck->problems++;
}

/* Does one value (not an array) suit a qualifier of type T? */
static bool
value_suits(const struct mof_value *v, enum mof_type_kind t)
{
    if (v->kind == MOF_VALUE_NULL)
        return true;
    if (t == MOF_TYPE_STRING)
        return v->kind == MOF_VALUE_STRING;
    if (t == MOF_TYPE_BOOLEAN)
        return v->kind == MOF_VALUE_BOOLEAN;
    if (is_integer_type(t))
        return v->kind == MOF_VALUE_INTEGER && (t != MOF_TYPE_UINT32 || !v->u.integer.negative);
    return false;
}

/* Check each qualifier of LIST as used on something of SCOPE (a
 * MOF_SCOPE_* bit or bits) called WHAT. */
static void
check_qualifiers(struct checker *ck, const struct mof_qualifier_list *list, unsigned scope,
                 const char *what)
{
    size_t i, j;

    for (i = 0; i < list->n; i++) {
        const struct mof_qualifier *q = list->items[i];
        const struct mof_qualifier_decl *qd = find_qualifier_decl(q->name);
        const struct mof_value *v = q->value;

        if (qd == NULL) {
            problem(ck, q->pos.line, "qualifier %s on %s is not declared", q->name, what);
            continue;
        }
        if ((qd->scopes & MOF_SCOPE_ANY) == 0 && (qd->scopes & scope) == 0)
            problem(ck, q->pos.line, "qualifier %s is not allowed on %s by its scope", q->name,
                    what);
        if (v == NULL) {
            if (qd->type.kind != MOF_TYPE_BOOLEAN || qd->type.is_array)
                problem(ck, q->pos.line, "qualifier %s on %s needs a value", q->name, what);
        } else if (v->kind == MOF_VALUE_ARRAY) {
            if (!qd->type.is_array)
                problem(ck, q->pos.line, "qualifier %s on %s takes one value, not an array",
                        q->name, what);
            for (j = 0; j < v->u.array.n; j++)
                if (!value_suits(v->u.array.items[j], qd->type.kind))
                    problem(ck, q->pos.line, "qualifier %s on %s: item %zu is not a %s", q->name,
                            what, j, mof_ast_type_name(qd->type.kind));
        } else if (!value_suits(v, qd->type.kind)) {
            problem(ck, q->pos.line, "qualifier %s on %s: the value is not a %s", q->name, what,
                    mof_ast_type_name(qd->type.kind));
        }
    }
}

/* The class named NAME must be defined before declaration DECL of file F. */
static void
check_defined(struct checker *ck, size_t f, size_t decl, const char *name, const char *role,
              const char *what, unsigned line)
{
    if (find_class_before(name, f, decl) == NULL)
        problem(ck, line, "%s %s of %s is not defined before it", role, name, what);
}

static void
check_embedded(struct checker *ck, size_t f, size_t decl, const struct mof_qualifier_list *list,
               const char *what, unsigned line)
{
    const struct mof_qualifier *q = find_qualifier(list, "EmbeddedInstance");

    if (q != NULL && q->value != NULL && q->value->kind == MOF_VALUE_STRING)
        check_defined(ck, f, decl, q->value->u.string, "embedded class", what, line);
}

static void
check_class(struct checker *ck, size_t f, size_t decl, const struct mof_class *c)
{
    unsigned scope = MOF_SCOPE_CLASS | (is_association(c) ? MOF_SCOPE_ASSOCIATION : 0);
    char what[512];
    size_t i, j, refs = 0;

    if (find_class_before(c->name, f, decl) != NULL)
        problem(ck, c->pos.line, "class %s is declared twice", c->name);
    if (c->superclass != NULL)
        check_defined(ck, f, decl, c->superclass, "superclass", c->name, c->pos.line);
    snprintf(what, sizeof(what), "class %s", c->name);
    check_qualifiers(ck, &c->qualifiers, scope, what);
    for (i = 0; i < c->n_features; i++) {
        const struct mof_feature *ft = c->features[i];
        const struct mof_feature *old = find_inherited(c, ft->kind, ft->name);
        bool is_ref = ft->type.kind == MOF_TYPE_REFERENCE;

        snprintf(what, sizeof(what), "%s.%s", c->name, ft->name);
        for (j = 0; j < i; j++)
            if (c->features[j]->kind == ft->kind && mof_ast_name_eq(c->features[j]->name, ft->name))
                problem(ck, ft->pos.line, "%s is declared twice", what);
        if (old != NULL && find_qualifier(&ft->qualifiers, "Override") == NULL)
            problem(ck, ft->pos.line, "%s redeclares an inherited name without Override", what);
        if (old == NULL && find_qualifier(&ft->qualifiers, "Override") != NULL)
            problem(ck, ft->pos.line, "%s says Override but inherits nothing of that name", what);
        if (old != NULL && (old->type.kind != ft->type.kind || old->type.is_array != ft->type.is_array))
            problem(ck, ft->pos.line, "%s changes the inherited type %s%s to %s%s", what,
                    mof_ast_type_name(old->type.kind), old->type.is_array ? "[]" : "",
                    mof_ast_type_name(ft->type.kind), ft->type.is_array ? "[]" : "");
        if (ft->kind == MOF_FEATURE_METHOD) {
            check_qualifiers(ck, &ft->qualifiers, MOF_SCOPE_METHOD, what);
            for (j = 0; j < ft->n_params; j++) {
                const struct mof_parameter *p = ft->params[j];
                char pwhat[600];

                snprintf(pwhat, sizeof(pwhat), "%s(%s)", what, p->name);
                check_qualifiers(ck, &p->qualifiers, MOF_SCOPE_PARAMETER, pwhat);
                check_embedded(ck, f, decl, &p->qualifiers, pwhat, p->pos.line);
                if (p->type.kind == MOF_TYPE_REFERENCE)
                    check_defined(ck, f, decl, p->type.ref_class, "referenced class", pwhat,
                                  p->pos.line);
            }
            continue;
        }
        check_qualifiers(ck, &ft->qualifiers, is_ref ? MOF_SCOPE_REFERENCE : MOF_SCOPE_PROPERTY,
                         what);
        check_embedded(ck, f, decl, &ft->qualifiers, what, ft->pos.line);
        if (is_ref) {
            refs++;
            check_defined(ck, f, decl, ft->type.ref_class, "referenced class", what, ft->pos.line);
            if (!is_association(c))
                problem(ck, ft->pos.line, "%s is a reference outside an association", what);
        }
        if (find_qualifier(&ft->qualifiers, "Key") != NULL && ft->type.is_array)
            problem(ck, ft->pos.line, "%s is a key and an array", what);
    }
    if (is_association(c) && refs == 0 && c->superclass == NULL)
        problem(ck, c->pos.line, "association %s has no references", c->name);
}

static void
check_file(size_t f)
{
    struct checker ck = { schema_order[f], 0 };
    const struct mof_document *doc = docs[f];
    size_t i;

    for (i = 0; i < doc->n_decls; i++) {
        const struct mof_decl *d = doc->decls[i];

        if (d->kind == MOF_DECL_CLASS) {
            check_class(&ck, f, i, d->u.klass);
        } else if (d->kind == MOF_DECL_INSTANCE) {
            char what[300];

            snprintf(what, sizeof(what), "instance of %s", d->u.instance->class_name);
            check_defined(&ck, f, i, d->u.instance->class_name, "class", what,
                          d->u.instance->pos.line);
            check_qualifiers(&ck, &d->u.instance->qualifiers, MOF_SCOPE_CLASS, what);
        } else if (d->kind == MOF_DECL_QUALIFIER && f != 0 &&
                   strcmp(schema_order[f], "wmi.mof") != 0) {
            problem(&ck, d->pos.line, "qualifier %s is declared outside qualifiers.mof",
                    d->u.qualifier->name);
        } else if (d->kind == MOF_DECL_PRAGMA &&
                   (d->u.pragma->kind == MOF_PRAGMA_NAMESPACE ||
                    d->u.pragma->kind == MOF_PRAGMA_INCLUDE)) {
            problem(&ck, d->pos.line, "#pragma %s: the daemon chooses the namespace and the files",
                    d->u.pragma->name);
        }
    }
    tap_ok(ck.problems == 0, "%s: qualifiers declared and in scope, classes defined in order, "
           "overrides keep their types", schema_order[f]);
}

/* -------------------------------------------------------- shape checks --- */

static void
expect_classes(size_t f, const char *const *names, size_t n)
{
    size_t i, j, found;

    for (i = 0; i < n; i++) {
        found = 0;
        for (j = 0; docs[f] != NULL && j < docs[f]->n_decls; j++)
            if (docs[f]->decls[j]->kind == MOF_DECL_CLASS &&
                strcmp(docs[f]->decls[j]->u.klass->name, names[i]) == 0)
                found++;
        tap_is_int(found, 1, "%s declares %s", schema_order[f], names[i]);
    }
}

static void
expect_qualifier_decl(const char *name, enum mof_type_kind type, bool is_array, unsigned scopes,
                      unsigned flavors)
{
    const struct mof_qualifier_decl *qd = find_qualifier_decl(name);

    if (!tap_ok(qd != NULL, "qualifier %s is declared", name))
        return;
    tap_ok(qd->type.kind == type && qd->type.is_array == is_array && qd->scopes == scopes &&
           qd->flavors == flavors, "qualifier %s: type %s%s, scopes 0x%x, flavors 0x%x", name,
           mof_ast_type_name(type), is_array ? "[]" : "", scopes, flavors);
}

/* Method CLS.NAME returns uint32; its parameters are PARAMS, given as
 * "In|Out type[] Name" strings ("Out uint8[] SD"). */
static void
expect_method(const char *cls, const char *name, const char *const *params, size_t n)
{
    const struct mof_feature *m = find_feature(find_class(cls), MOF_FEATURE_METHOD, name);
    char got[512], want[512];
    size_t i, off = 0, woff = 0;

    if (!tap_ok(m != NULL && m->type.kind == MOF_TYPE_UINT32, "%s.%s returns uint32", cls, name))
        return;
    got[0] = want[0] = '\0';
    for (i = 0; i < m->n_params && off < sizeof(got); i++) {
        const struct mof_parameter *p = m->params[i];
        bool in = find_qualifier(&p->qualifiers, "In") != NULL;
        bool out = find_qualifier(&p->qualifiers, "Out") != NULL;

        off += (size_t)snprintf(got + off, sizeof(got) - off, "%s%s%s%s %s%s %s", i ? ", " : "",
                                in ? "In" : "", in && out ? "," : "", out ? "Out" : "",
                                mof_ast_type_name(p->type.kind), p->type.is_array ? "[]" : "",
                                p->name);
    }
    for (i = 0; i < n && woff < sizeof(want); i++)
        woff += (size_t)snprintf(want + woff, sizeof(want) - woff, "%s%s", i ? ", " : "",
                                 params[i]);
    tap_is_str(got, want, "%s.%s parameters", cls, name);
}

static void
expect_qualifier_on(const struct mof_qualifier_list *list, const char *name, const char *label)
{
    tap_ok(find_qualifier(list, name) != NULL, "%s has %s", label, name);
}

static void
check_shapes(void)
{
    static const char *const system_classes[] = {
        "__SystemClass", "__NAMESPACE", "__SecurityRelatedClass", "__Trustee", "__ACE",
        "__SecurityDescriptor", "__SystemSecurity", "__Provider", "__NotifyStatus",
        "__ExtendedStatus", "__PrivilegesStatus", "__CIMOMIdentification",
    };
    static const char *const core_classes[] = {
        "CIM_ManagedElement", "CIM_ManagedSystemElement", "CIM_LogicalElement",
        "CIM_EnabledLogicalElement", "CIM_System", "CIM_ComputerSystem", "CIM_OperatingSystem",
        "CIM_Process", "CIM_FileSystem", "CIM_LogicalFile", "CIM_DataFile", "CIM_Directory",
        "CIM_LogicalDevice", "CIM_LogicalPort", "CIM_NetworkPort", "CIM_Account",
        "CIM_Collection", "CIM_Group", "CIM_Service", "CIM_Dependency", "CIM_Component",
        "CIM_SystemComponent", "CIM_SystemDevice", "CIM_InstalledOS", "CIM_RunningOS",
        "CIM_OSProcess", "CIM_HostedFileSystem", "CIM_FileStorage", "CIM_DirectoryContainsFile",
        "CIM_AccountOnSystem", "CIM_MemberOfCollection",
    };
    static const char *const linux_classes[] = {
        "Linux_ComputerSystem", "Linux_OperatingSystem", "Linux_Process", "Linux_FileSystem",
        "Linux_File", "Linux_Directory", "Linux_NetworkAdapter", "Linux_Account", "Linux_Group",
        "Linux_RemoteQuery",
    };
    static const char *const getsd[] = { "Out uint8[] SD" };
    static const char *const setsd[] = { "In uint8[] SD" };
    static const char *const getdesc[] = { "Out string Descriptor" };
    static const char *const setdesc[] = { "In string Descriptor" };
    static const char *const rights[] = { "Out sint32 Rights" };
    static const char *const terminate[] = { "In uint32 Signal" };
    static const char *const create[] = {
        "In string CommandLine", "In string CurrentDirectory", "Out uint32 ProcessId",
    };
    static const char *const query[] = {
        "In string Host", "In string Namespace", "In string Query", "Out string[] Results",
    };
    const struct mof_feature *name, *m;
    const struct mof_class *c;
    size_t i, j, found;

    expect_qualifier_decl("Key", MOF_TYPE_BOOLEAN, false, MOF_SCOPE_PROPERTY | MOF_SCOPE_REFERENCE,
                          MOF_FLAVOR_DISABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    expect_qualifier_decl("Association", MOF_TYPE_BOOLEAN, false, MOF_SCOPE_ASSOCIATION,
                          MOF_FLAVOR_DISABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    expect_qualifier_decl("Abstract", MOF_TYPE_BOOLEAN, false,
                          MOF_SCOPE_CLASS | MOF_SCOPE_ASSOCIATION | MOF_SCOPE_INDICATION,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_RESTRICTED);
    expect_qualifier_decl("Description", MOF_TYPE_STRING, false, MOF_SCOPE_ANY,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS |
                              MOF_FLAVOR_TRANSLATABLE);
    expect_qualifier_decl("ValueMap", MOF_TYPE_STRING, true,
                          MOF_SCOPE_PROPERTY | MOF_SCOPE_METHOD | MOF_SCOPE_PARAMETER,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    expect_qualifier_decl("Override", MOF_TYPE_STRING, false,
                          MOF_SCOPE_PROPERTY | MOF_SCOPE_REFERENCE | MOF_SCOPE_METHOD,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_RESTRICTED);
    expect_qualifier_decl("Provider", MOF_TYPE_STRING, false, MOF_SCOPE_CLASS,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    expect_qualifier_decl("Privileges", MOF_TYPE_STRING, true,
                          MOF_SCOPE_PROPERTY | MOF_SCOPE_METHOD,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    expect_qualifier_decl("Indexed", MOF_TYPE_BOOLEAN, false, MOF_SCOPE_PROPERTY,
                          MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);

    expect_classes(1, system_classes, sizeof(system_classes) / sizeof(system_classes[0]));
    expect_classes(2, core_classes, sizeof(core_classes) / sizeof(core_classes[0]));
    expect_classes(3, linux_classes, sizeof(linux_classes) / sizeof(linux_classes[0]));

    name = find_feature(find_class("__NAMESPACE"), MOF_FEATURE_PROPERTY, "Name");
    tap_ok(name != NULL && name->type.kind == MOF_TYPE_STRING &&
           find_qualifier(&name->qualifiers, "Key") != NULL, "__NAMESPACE.Name is a string key");
    name = find_feature(find_class("__Provider"), MOF_FEATURE_PROPERTY, "Name");
    tap_ok(name != NULL && name->type.kind == MOF_TYPE_STRING &&
           find_qualifier(&name->qualifiers, "Key") != NULL, "__Provider.Name is a string key");
    expect_method("__SystemSecurity", "GetSD", getsd, 1);
    expect_method("__SystemSecurity", "SetSD", setsd, 1);
    expect_method("__SystemSecurity", "GetSecurityDescriptor", getdesc, 1);
    expect_method("__SystemSecurity", "SetSecurityDescriptor", setdesc, 1);
    expect_method("__SystemSecurity", "GetCallerAccessRights", rights, 1);
    expect_method("Linux_Process", "Terminate", terminate, 1);
    expect_method("Linux_Process", "Create", create, 3);
    expect_method("Linux_RemoteQuery", "Query", query, 4);

    m = find_feature(find_class("Linux_Process"), MOF_FEATURE_METHOD, "Create");
    expect_qualifier_on(m != NULL ? &m->qualifiers : &(struct mof_qualifier_list){ 0 }, "Static",
                        "Linux_Process.Create");
    m = find_feature(find_class("Linux_RemoteQuery"), MOF_FEATURE_METHOD, "Query");
    expect_qualifier_on(m != NULL ? &m->qualifiers : &(struct mof_qualifier_list){ 0 }, "Static",
                        "Linux_RemoteQuery.Query");
    for (i = 0; i < 2; i++) {
        const char *method = i == 0 ? "Reboot" : "Shutdown";
        const struct mof_qualifier *q;
        char *got = NULL;
        size_t len = 0;
        FILE *f;

        m = find_feature(find_class("Linux_OperatingSystem"), MOF_FEATURE_METHOD, method);
        q = m != NULL ? find_qualifier(&m->qualifiers, "Privileges") : NULL;
        if ((f = open_memstream(&got, &len)) != NULL) {
            if (q != NULL && q->value != NULL)
                mof_ast_dump_value(q->value, f);
            fclose(f);
        }
        tap_is_str(got, "{\"shutdown\", \"remote-shutdown\"}",
                   "Linux_OperatingSystem.%s needs the shutdown privileges", method);
        free(got);
    }

    /* Every concrete Linux class names the built-in provider, which the
     * same file registers. */
    for (i = 0; i < sizeof(linux_classes) / sizeof(linux_classes[0]); i++) {
        const struct mof_qualifier *q;

        c = find_class(linux_classes[i]);
        q = c != NULL ? find_qualifier(&c->qualifiers, "Provider") : NULL;
        tap_ok(q != NULL && q->value != NULL && q->value->kind == MOF_VALUE_STRING &&
               strcmp(q->value->u.string, "cimrpc-linux") == 0,
               "%s is served by cimrpc-linux", linux_classes[i]);
    }
    found = 0;
    for (i = 0; docs[3] != NULL && i < docs[3]->n_decls; i++) {
        const struct mof_instance *inst = docs[3]->decls[i]->u.instance;

        if (docs[3]->decls[i]->kind != MOF_DECL_INSTANCE ||
            !mof_ast_name_eq(inst->class_name, "__Provider"))
            continue;
        for (j = 0; j < inst->n_props; j++)
            if (mof_ast_name_eq(inst->props[j]->name, "Name") &&
                inst->props[j]->value->kind == MOF_VALUE_STRING &&
                strcmp(inst->props[j]->value->u.string, "cimrpc-linux") == 0)
                found++;
    }
    tap_is_int(found, 1, "linux.mof registers the provider cimrpc-linux");
}

/* ------------------------------------------------------------------ main --- */

int
main(void)
{
    const struct mof_parse_options opts = { .include_mode = MOF_INCLUDE_REFUSE };
    size_t i;
    bool all = true;

    tap_is_int(schema_mof_files_count, SCHEMA_FILES, "%d schema files are embedded",
               SCHEMA_FILES);
    for (i = 0; i < SCHEMA_FILES && i < schema_mof_files_count; i++) {
        const struct schema_mof_file *file = &schema_mof_files[i];
        struct mof_error *err = NULL;
        int rc;

        tap_is_str(file->name, schema_order[i], "file %zu in compile order", i + 1);
        tap_ok(file->text != NULL && strlen(file->text) == file->len && file->len > 0,
               "%s: length matches its text", file->name);
        rc = mof_parse_buffer(file->text, file->len, file->name, &opts, &docs[i], &err);
        if (!tap_ok(rc == 0 && docs[i] != NULL, "%s parses with includes refused", file->name)) {
            printf("#   %s\n", err != NULL ? err->message : "(no error record)");
            all = false;
        }
        mof_ast_error_free(err);
    }
    if (all && schema_mof_files_count == SCHEMA_FILES) {
        for (i = 0; i < SCHEMA_FILES; i++)
            check_file(i);
        check_shapes();
    }
    for (i = 0; i < SCHEMA_FILES; i++)
        mof_ast_document_free(docs[i]);
    tap_plan(tap_n);
    return tap_done();
}
