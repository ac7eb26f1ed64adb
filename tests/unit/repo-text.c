/*
 * repo-text.c: repository contents as text, for unit tests (see
 * repo-text.h for the notation).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xdr_blob.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "repository/repo_namespace.h"
#include "repository/repo_qualifier.h"
#include "repo-text.h"

/* ----------------------------------------------------------- snapshot --- */

/* FNV-1a of the XDR encoding of OBJ: equal objects, equal hashes. */
static uint64_t
xdr_hash(xdrproc_t proc, const void *obj)
{
    unsigned char *blob = NULL;
    uint64_t h = 14695981039346656037ULL;
    size_t len = 0;

    if (xdr_blob_encode(proc, (void *)obj, &blob, &len) < 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        h = (h ^ blob[i]) * 1099511628211ULL;
    free(blob);
    return h;
}

/* A growable list of names. */
struct names {
    char **v;
    size_t n;
};

static void
names_add(struct names *l, const char *s)
{
    char **grown = realloc(l->v, (l->n + 1) * sizeof(*grown));

    if (grown == NULL || (grown[l->n] = strdup(s)) == NULL) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    l->v = grown;
    l->n++;
}

static void
names_clear(struct names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int
collect_namespace(const char *path, void *arg)
{
    names_add(arg, path);
    return 0;
}

static int
collect_class_name(const cim_class *cls, void *arg)
{
    names_add(arg, cls->name);
    return 0;
}

static int
snapshot_qualifier(const cim_qualifier_decl *decl, void *arg)
{
    fprintf(arg, "  qualifier %s %016llx\n", decl->name,
            (unsigned long long)xdr_hash((xdrproc_t)xdr_cim_qualifier_decl, decl));
    return 0;
}

static int
snapshot_class(const cim_class *cls, void *arg)
{
    fprintf(arg, "  class %s %016llx\n", cls->name,
            (unsigned long long)xdr_hash((xdrproc_t)xdr_cim_class, cls));
    return 0;
}

static int
snapshot_instance(const cim_instance *inst, void *arg)
{
    fprintf(arg, "    instance %016llx\n",
            (unsigned long long)xdr_hash((xdrproc_t)xdr_cim_instance, inst));
    return 0;
}

/* Write namespace PATH and those below it to OUT. */
static void
snapshot_namespace(struct repo *repo, const char *path, FILE *out)
{
    struct repo_error err = { "", 0 };
    struct names children = { 0 }, classes = { 0 };

    fprintf(out, "namespace %s\n", path);
    if (repo_qualifier_enumerate(repo, path, snapshot_qualifier, out, &err) < 0 ||
        repo_class_enumerate(repo, path, NULL, true, snapshot_class, out, &err) < 0 ||
        repo_class_enumerate(repo, path, NULL, true, collect_class_name, &classes, &err) < 0)
        fprintf(out, "  error %s\n", err.message);
    for (size_t i = 0; i < classes.n; i++) {
        fprintf(out, "  instances of %s\n", classes.v[i]);
        if (repo_instance_enumerate(repo, path, classes.v[i], false, snapshot_instance, out,
                                    &err) < 0)
            fprintf(out, "    error %s\n", err.message);
    }
    if (repo_namespace_children(repo, path, collect_namespace, &children, &err) < 0)
        fprintf(out, "  error %s\n", err.message);
    for (size_t i = 0; i < children.n; i++)
        snapshot_namespace(repo, children.v[i], out);
    names_clear(&children);
    names_clear(&classes);
}

/* Everything REPO holds, as text (the caller frees it). */
char *
repo_text_snapshot(struct repo *repo)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (out == NULL) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    snapshot_namespace(repo, "root", out);
    fclose(out);
    return text;
}

/* ------------------------------------------------------------- values --- */

static const char *
type_name(cim_type t)
{
    static const char *const names[] = {
        [CIM_TYPE_BOOLEAN] = "boolean", [CIM_TYPE_SINT8] = "sint8",
        [CIM_TYPE_UINT8] = "uint8",     [CIM_TYPE_SINT16] = "sint16",
        [CIM_TYPE_UINT16] = "uint16",   [CIM_TYPE_SINT32] = "sint32",
        [CIM_TYPE_UINT32] = "uint32",   [CIM_TYPE_SINT64] = "sint64",
        [CIM_TYPE_UINT64] = "uint64",   [CIM_TYPE_REAL32] = "real32",
        [CIM_TYPE_REAL64] = "real64",   [CIM_TYPE_CHAR16] = "char16",
        [CIM_TYPE_STRING] = "string",   [CIM_TYPE_DATETIME] = "datetime",
        [CIM_TYPE_REFERENCE] = "ref",   [CIM_TYPE_INSTANCE] = "instance",
        [CIM_TYPE_VOID] = "void",
    };

    return (unsigned)t < sizeof(names) / sizeof(names[0]) && names[t] != NULL ? names[t] : "?";
}

static void
write_scalar(const cim_scalar *s, FILE *out)
{
    switch (s->type) {
    case CIM_TYPE_BOOLEAN:
        fputs(s->cim_scalar_u.b ? "TRUE" : "FALSE", out);
        break;
    case CIM_TYPE_SINT8: case CIM_TYPE_SINT16: case CIM_TYPE_SINT32: case CIM_TYPE_SINT64:
        fprintf(out, "%lld", (long long)s->cim_scalar_u.i);
        break;
    case CIM_TYPE_UINT8: case CIM_TYPE_UINT16: case CIM_TYPE_UINT32: case CIM_TYPE_UINT64:
        fprintf(out, "%llu", (unsigned long long)s->cim_scalar_u.u);
        break;
    case CIM_TYPE_REAL32: case CIM_TYPE_REAL64:
        fprintf(out, "%.17g", s->cim_scalar_u.r);
        break;
    case CIM_TYPE_CHAR16:
        fprintf(out, "U+%04X", s->cim_scalar_u.c);
        break;
    case CIM_TYPE_STRING: case CIM_TYPE_DATETIME: case CIM_TYPE_REFERENCE:
        fprintf(out, "\"%s\"", s->cim_scalar_u.s);
        break;
    case CIM_TYPE_INSTANCE: {
        cim_instance inst;

        memset(&inst, 0, sizeof(inst));
        if (xdr_blob_decode((xdrproc_t)xdr_cim_instance, s->cim_scalar_u.embedded.embedded_val,
                            s->cim_scalar_u.embedded.embedded_len, &inst) < 0) {
            fputs("(undecodable instance)", out);
            break;
        }
        fprintf(out, "instance of %s {", inst.class_name);
        for (u_int i = 0; i < inst.properties.properties_len; i++) {
            fprintf(out, " %s = ", inst.properties.properties_val[i].name);
            repo_text_write_value(&inst.properties.properties_val[i].value, out);
            fputc(';', out);
        }
        fputs(" }", out);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        break;
    }
    case CIM_TYPE_VOID:
        fputs("(void value)", out);
        break;
    }
}

/* "NULL", "v", or "{v, v}"; a scalar whose type differs from the
 * value's is marked "!type". */
void
repo_text_write_value(const cim_value *v, FILE *out)
{
    if (v->is_null) {
        fputs("NULL", out);
        return;
    }
    if (v->is_array)
        fputc('{', out);
    for (u_int i = 0; i < v->items.items_len; i++) {
        if (i > 0)
            fputs(", ", out);
        if (v->items.items_val[i].type != v->type)
            fprintf(out, "!%s ", type_name(v->items.items_val[i].type));
        write_scalar(&v->items.items_val[i], out);
    }
    if (v->is_array)
        fputc('}', out);
}

char *
repo_text_value(const cim_value *v)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (out == NULL)
        return NULL;
    if (v == NULL)
        fputs("(absent)", out);
    else
        repo_text_write_value(v, out);
    fclose(out);
    return text;
}

/* The type of a property or parameter: "uint8", "string[]", "uint16[3]",
 * "Test_Base REF", "instance of Test_Part". */
void
repo_text_write_type(cim_type type, int array_size, const char *ref_class, FILE *out)
{
    if (type == CIM_TYPE_REFERENCE)
        fprintf(out, "%s REF", ref_class);
    else if (type == CIM_TYPE_INSTANCE && ref_class != NULL && ref_class[0] != '\0')
        fprintf(out, "instance of %s", ref_class);
    else
        fputs(type_name(type), out);
    if (array_size == 0)
        fputs("[]", out);
    else if (array_size > 0)
        fprintf(out, "[%d]", array_size);
}

long
repo_text_property_index(const cim_class *cls, const char *name)
{
    for (u_int i = 0; i < cls->properties.properties_len; i++)
        if (strcasecmp(cls->properties.properties_val[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Property NAME of CLS as "INDEX TYPE NAME = DEFAULT from ORIGIN
 * [propagated]"; a default whose type or arrayness differs from the
 * property's is marked. */
char *
repo_text_property(const cim_class *cls, const char *name)
{
    long i = repo_text_property_index(cls, name);
    const cim_property *p;
    char *text = NULL;
    size_t len = 0;
    FILE *out;

    if (i < 0)
        return strdup("(absent)");
    p = &cls->properties.properties_val[i];
    if ((out = open_memstream(&text, &len)) == NULL)
        return NULL;
    fprintf(out, "%ld ", i);
    repo_text_write_type(p->type, p->array_size, p->ref_class, out);
    fprintf(out, " %s = ", p->name);
    if (p->default_value.type != p->type || (bool)p->default_value.is_array != (p->array_size >= 0))
        fprintf(out, "(default of type %s%s) ", type_name(p->default_value.type),
                p->default_value.is_array ? "[]" : "");
    repo_text_write_value(&p->default_value, out);
    fprintf(out, " from %s%s", p->class_origin, p->propagated ? " propagated" : "");
    fclose(out);
    return text;
}

static const cim_qualifier *
qualifier_find(const cim_qualifier *items, u_int n, const char *name)
{
    for (u_int i = 0; i < n; i++)
        if (strcasecmp(items[i].name, name) == 0)
            return &items[i];
    return NULL;
}

static void
write_flavor(unsigned flavor, FILE *out)
{
    static const struct { unsigned bit; const char *name; } flavors[] = {
        { CIM_FLAVOR_ENABLE_OVERRIDE, "EnableOverride" },
        { CIM_FLAVOR_DISABLE_OVERRIDE, "DisableOverride" },
        { CIM_FLAVOR_TO_SUBCLASS, "ToSubclass" },
        { CIM_FLAVOR_RESTRICTED, "Restricted" },
        { CIM_FLAVOR_TRANSLATABLE, "Translatable" },
    };
    const char *sep = "";

    fputc('(', out);
    for (size_t i = 0; i < sizeof(flavors) / sizeof(flavors[0]); i++)
        if (flavor & flavors[i].bit) {
            fprintf(out, "%s%s", sep, flavors[i].name);
            sep = " ";
        }
    fputc(')', out);
}

/* Qualifier NAME of ITEMS as "VALUE (Flavors) [propagated]". */
char *
repo_text_qualifier(const cim_qualifier *items, u_int n, const char *name)
{
    const cim_qualifier *q = qualifier_find(items, n, name);
    char *text = NULL;
    size_t len = 0;
    FILE *out;

    if (q == NULL)
        return strdup("(absent)");
    if ((out = open_memstream(&text, &len)) == NULL)
        return NULL;
    repo_text_write_value(&q->value, out);
    fputc(' ', out);
    write_flavor(q->flavor, out);
    if (q->propagated)
        fputs(" propagated", out);
    fclose(out);
    return text;
}

