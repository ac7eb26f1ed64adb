/*
 * wql_assoc.c: ASSOCIATORS OF and REFERENCES OF over the static
 * repository (DSP0200 / WMI semantics, with the choices noted below).
 *
 * Associations.  An association class is one qualified Association (the
 * qualifier propagates to subclasses); its roles are its scalar reference
 * properties.  An association instance relates the objects its roles'
 * values designate.
 *
 *   REFERENCES OF {Path}   the association instances with a role that
 *                          designates the source.  ResultClass: the
 *                          association's class ISA it; Role: that role
 *                          designates the source; RequiredQualifier: on
 *                          the association class.
 *   ASSOCIATORS OF {Path}  the instances designated by the other roles of
 *                          those associations (every role but the one that
 *                          designates the source, so a ternary association
 *                          gives two ends).  AssocClass: the association's
 *                          class ISA it; RequiredAssocQualifier: on the
 *                          association class; Role: the role designating
 *                          the source; ResultRole: the role designating the
 *                          result; ResultClass: the result's class ISA it;
 *                          RequiredQualifier: on the result's class.
 *
 * ClassDefsOnly returns the classes of those results (their own, most
 * derived classes), each once; KeysOnly returns the instances with their
 * key properties only.  A qualifier "is on" a class when the class
 * carries it (inherited ones included) and, for a boolean qualifier, its
 * value is TRUE.
 *
 * Choices:
 *   - Each result is returned once, even when several associations (or
 *     several roles) lead to it.  WMI returns an endpoint once per
 *     association; cimrpc does not, so a result is one object.
 *   - An end that does not exist (a dangling reference, its class gone, or
 *     keys that do not fit its class) is skipped, as WMI does.
 *   - A stored reference that does not parse as an object path, is a class
 *     path, or names another namespace is skipped: it designates nothing
 *     here.  A host in a stored reference is ignored (the repository is
 *     local).  Associations across namespaces are not followed.
 *   - The source path must not name another namespace than the one the
 *     query runs in, nor a host other than ".", "localhost" or this
 *     machine's name: INVALID_OBJECT_PATH.
 *   - A source instance that does not exist is NOT_FOUND (as WMI); a
 *     source class that does not exist, or a class named by AssocClass or
 *     ResultClass that does not, is INVALID_CLASS (a typo is reported, not
 *     answered with nothing).
 *   - Class paths.  With SchemaOnly: REFERENCES lists the association
 *     classes with a role whose declared class is the source class or one
 *     of its ancestors (or is undeclared); ASSOCIATORS lists the declared
 *     classes of the other roles of those associations.  Filters apply as
 *     above, to classes.  A class path without SchemaOnly is refused
 *     (INVALID_QUERY): cimrpc has no class-level associations, and the
 *     message says to add SchemaOnly or give keys.  SchemaOnly with an
 *     instance path is refused the same way.
 *
 * Path equivalence (wql_assoc_path_same()).  A stored reference may be
 * written with or without a namespace, may name a superclass of the
 * instance's class, and may spell names and string values in another
 * case.  Two instance paths designate the same instance when their
 * namespaces agree (a missing one is the query's), their classes are on
 * one line of descent (one ISA the other), and they bind the same key
 * names (without regard to case) to equal values: strings, datetimes and
 * references without regard to ASCII case (the repository's keys are
 * NOCASE), char16 exactly, integers as numbers (0x1F = 31 = +31), reals as
 * numbers of their type, booleans as booleans.
 *
 * Cost.  One walk of the namespace's classes (each definition decoded
 * once; names and superclass links kept, and a copy of each association
 * class with a role that could designate the source).  Then, for each
 * association class that passes the filters, one scan of its own
 * instances (shallow: an instance is read once even when the query's
 * association classes include its class's ancestors), parsing the roles'
 * values.  Classes other than association classes are never scanned.
 * ASSOCIATORS then reads each end by its key (one indexed lookup per
 * reference that passes the class filter).  Memory: the class names of
 * the namespace, the copied association classes, the classes of the
 * results and the relative paths returned (for the once-only rule; at
 * most MAX_RESULTS).  A reference column holds the text as written, in
 * any of its equivalent spellings, so no index can answer "designates X":
 * the scan is linear in the association's instances.  The steps are
 * separate read transactions, not one snapshot: a class deleted while
 * the query runs fails it with a message saying so.
 */
#include <config.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "common/cim_type.h"
#include "common/wbem.h"
#include "common/xdr_blob.h"
#include "query/wql_assoc.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"

#define WQL_ASSOC_NONE SIZE_MAX
#define WQL_ASSOC_DEPTH_MAX 1024    /* superclass links followed from one class */

/* One class of the namespace, as the class walk saw it. */
struct wql_assoc_node {
    char *name;                 /* owned */
    size_t parent;              /* index of the superclass; WQL_ASSOC_NONE: a root */
    cim_class *def;             /* owned copy, loaded when needed; NULL until then */
    bool candidate;             /* an association class whose instances are scanned */
    bool emitted;               /* returned as a class result already */
};

/* A set of strings compared without regard to ASCII case. */
struct wql_assoc_set {
    char **slots;               /* owned strings; NULL: empty */
    size_t cap, n;              /* cap: 0 or a power of two */
};

struct wql_assoc {
    struct repo *repo;
    const char *nspace;
    const struct wql_query *q;
    int (*fn)(const struct wql_assoc_result *r, void *arg);
    void *arg;
    size_t max_results, n_results;
    struct wql_error *err;
    bool failed;                /* ERR is set */
    bool stopped;               /* FN asked to stop */

    struct wql_assoc_node *nodes;   /* the namespace's classes, ancestors first */
    size_t n_nodes, cap_nodes;
    size_t *index;              /* hash of names: node index + 1; 0 empty */
    size_t index_cap;           /* a power of two, or 0 */

    char **chain;               /* the source's class and its ancestors, */
    size_t n_chain;             /* most derived first (owned) */
    cim_class *src_def;         /* instance path: the source's class (owned) */
    struct cim_path src;        /* instance path: the source's canonical path */
    size_t assoc_filter;        /* node of AssocClass, or WQL_ASSOC_NONE */
    size_t result_filter;       /* node of ResultClass, or WQL_ASSOC_NONE */
    size_t cur;                 /* the association class being scanned */
    struct wql_assoc_set seen;  /* relative paths returned (ASSOCIATORS) */
};

/* ------------------------------------------------------------ errors --- */

static int
wql_assoc_nomem(struct wql_assoc *a)
{
    a->failed = true;
    return wql_error_set(a->err, WBEM_E_FAILED, 0, "the server ran out of memory while "
                         "running the query; try again, or narrow the query");
}

/* ERR from the repository, at column POS (not for a missing namespace:
 * the query's namespace is at fault then, not the path). */
static int
wql_assoc_repo_failed(struct wql_assoc *a, const struct repo_error *rerr, unsigned pos)
{
    a->failed = true;
    if (rerr->code == WBEM_E_INVALID_NAMESPACE)
        pos = 0;
    return wql_error_set(a->err, rerr->code != 0 ? rerr->code : WBEM_E_FAILED, pos, "%s",
                         rerr->message[0] != '\0' ? rerr->message
                                                  : "the repository could not be read");
}

/* --------------------------------------------------- names and sets --- */

static uint64_t
wql_assoc_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= (uint64_t)tolower(*p);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Add S (copied) to SET.  1 added, 0 already there, -1 out of memory. */
static int
wql_assoc_set_add(struct wql_assoc_set *set, const char *s)
{
    size_t i;

    if (set->n * 2 >= set->cap) {
        size_t cap = set->cap != 0 ? set->cap * 2 : 64;
        char **slots = calloc(cap, sizeof(*slots));

        if (slots == NULL)
            return -1;
        for (size_t j = 0; j < set->cap; j++) {
            if (set->slots[j] == NULL)
                continue;
            for (i = wql_assoc_hash(set->slots[j]) & (cap - 1); slots[i] != NULL;
                 i = (i + 1) & (cap - 1))
                ;
            slots[i] = set->slots[j];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    for (i = wql_assoc_hash(s) & (set->cap - 1); set->slots[i] != NULL;
         i = (i + 1) & (set->cap - 1))
        if (strcasecmp(set->slots[i], s) == 0)
            return 0;
    if ((set->slots[i] = strdup(s)) == NULL)
        return -1;
    set->n++;
    return 1;
}

static void
wql_assoc_set_clear(struct wql_assoc_set *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof(*set));
}

/* The node of class NAME, or WQL_ASSOC_NONE. */
static size_t
wql_assoc_find(const struct wql_assoc *a, const char *name)
{
    if (a->index_cap == 0 || name == NULL)
        return WQL_ASSOC_NONE;
    for (size_t i = wql_assoc_hash(name) & (a->index_cap - 1); a->index[i] != 0;
         i = (i + 1) & (a->index_cap - 1))
        if (strcasecmp(a->nodes[a->index[i] - 1].name, name) == 0)
            return a->index[i] - 1;
    return WQL_ASSOC_NONE;
}

static void
wql_assoc_index_put(size_t *index, size_t cap, const char *name, size_t node)
{
    size_t i;

    for (i = wql_assoc_hash(name) & (cap - 1); index[i] != 0; i = (i + 1) & (cap - 1))
        ;
    index[i] = node + 1;
}

/* A new node for class NAME below PARENT: its index, or WQL_ASSOC_NONE. */
static size_t
wql_assoc_node_add(struct wql_assoc *a, const char *name, size_t parent)
{
    size_t n = a->n_nodes;

    if (n == a->cap_nodes) {
        size_t cap = a->cap_nodes != 0 ? a->cap_nodes * 2 : 256;
        struct wql_assoc_node *nodes = realloc(a->nodes, cap * sizeof(*nodes));

        if (nodes == NULL)
            return WQL_ASSOC_NONE;
        a->nodes = nodes;
        a->cap_nodes = cap;
    }
    if ((n + 1) * 2 > a->index_cap) {
        size_t cap = a->index_cap != 0 ? a->index_cap * 2 : 512;
        size_t *index = calloc(cap, sizeof(*index));

        if (index == NULL)
            return WQL_ASSOC_NONE;
        for (size_t j = 0; j < n; j++)
            wql_assoc_index_put(index, cap, a->nodes[j].name, j);
        free(a->index);
        a->index = index;
        a->index_cap = cap;
    }
    memset(&a->nodes[n], 0, sizeof(a->nodes[n]));
    if ((a->nodes[n].name = strdup(name)) == NULL)
        return WQL_ASSOC_NONE;
    a->nodes[n].parent = parent;
    wql_assoc_index_put(a->index, a->index_cap, name, n);
    a->n_nodes++;
    return n;
}

/* Is class node X the class node Y or derived from it? */
static bool
wql_assoc_isa(const struct wql_assoc *a, size_t x, size_t y)
{
    for (size_t depth = 0; x != WQL_ASSOC_NONE && depth < WQL_ASSOC_DEPTH_MAX; depth++) {
        if (x == y)
            return true;
        x = a->nodes[x].parent;
    }
    return false;
}

/* Is NAME the source's class or one of its ancestors? */
static bool
wql_assoc_in_chain(const struct wql_assoc *a, const char *name)
{
    for (size_t i = 0; i < a->n_chain; i++)
        if (strcasecmp(a->chain[i], name) == 0)
            return true;
    return false;
}

/* The definition of class node I, read once and kept; NULL with the
 * error set. */
static const cim_class *
wql_assoc_def(struct wql_assoc *a, size_t i)
{
    struct repo_error rerr = { "", 0 };
    struct wql_assoc_node *node = &a->nodes[i];
    cim_class *def;
    int rc;

    if (node->def != NULL)
        return node->def;
    if ((def = calloc(1, sizeof(*def))) == NULL) {
        wql_assoc_nomem(a);
        return NULL;
    }
    rc = repo_class_get(a->repo, a->nspace, node->name, def, &rerr);
    if (rc <= 0) {
        free(def);
        if (rc < 0)
            wql_assoc_repo_failed(a, &rerr, 0);
        else {
            a->failed = true;
            wql_error_set(a->err, WBEM_E_FAILED, 0, "class %s was deleted from namespace %s "
                          "while the query ran; run the query again", node->name, a->nspace);
        }
        return NULL;
    }
    node->def = def;
    return def;
}

/* ----------------------------------------------------- the classes --- */

/* Does class or element qualifier list QUALS (N) carry qualifier NAME (a
 * boolean one with the value TRUE)? */
static bool
wql_assoc_has_qualifier(const cim_qualifier *quals, u_int n, const char *name)
{
    for (u_int i = 0; i < n; i++) {
        const cim_value *v = &quals[i].value;

        if (strcasecmp(quals[i].name, name) != 0)
            continue;
        if (v->type != CIM_TYPE_BOOLEAN)
            return true;
        return !v->is_null && !v->is_array && v->items.items_len == 1 &&
               v->items.items_val[0].cim_scalar_u.b;
    }
    return false;
}

static bool
wql_assoc_class_has(const cim_class *cls, const char *qualifier)
{
    return wql_assoc_has_qualifier(cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len,
                                   qualifier);
}

/* Is P a role: a scalar reference? */
static bool
wql_assoc_is_role(const cim_property *p)
{
    return p->type == CIM_TYPE_REFERENCE && p->array_size < 0;
}

/* Could role P designate the source (its name fits Role, its declared
 * class is the source's class, an ancestor, or undeclared)? */
static bool
wql_assoc_role_to_source(const struct wql_assoc *a, const cim_property *p)
{
    if (!wql_assoc_is_role(p))
        return false;
    if (a->q->role != NULL && strcasecmp(p->name, a->q->role) != 0)
        return false;
    return p->ref_class == NULL || p->ref_class[0] == '\0' || wql_assoc_in_chain(a, p->ref_class);
}

/* Could role P (not SRC, the role designating the source) designate a
 * result: its name fits ResultRole and its declared class is on one line
 * of descent with ResultClass?  ASSOCIATORS only. */
static bool
wql_assoc_role_to_result(const struct wql_assoc *a, const cim_property *p,
                         const cim_property *src)
{
    size_t declared;

    if (p == src || !wql_assoc_is_role(p))
        return false;
    if (a->q->result_role != NULL && strcasecmp(p->name, a->q->result_role) != 0)
        return false;
    if (a->result_filter == WQL_ASSOC_NONE || p->ref_class == NULL || p->ref_class[0] == '\0')
        return true;
    declared = wql_assoc_find(a, p->ref_class);
    return declared == WQL_ASSOC_NONE || wql_assoc_isa(a, declared, a->result_filter) ||
           wql_assoc_isa(a, a->result_filter, declared);
}

/* Class walk: record CLS; keep a copy of it when it is an association
 * class with a role that could designate the source. */
static int
wql_assoc_walk_class(const cim_class *cls, void *arg)
{
    struct wql_assoc *a = arg;
    size_t parent = WQL_ASSOC_NONE, node;
    bool candidate = false;

    if (cls->superclass != NULL && cls->superclass[0] != '\0')
        parent = wql_assoc_find(a, cls->superclass);
    if ((node = wql_assoc_node_add(a, cls->name, parent)) == WQL_ASSOC_NONE) {
        wql_assoc_nomem(a);
        return 1;
    }
    if (!wql_assoc_class_has(cls, "Association"))
        return 0;
    for (u_int i = 0; i < cls->properties.properties_len && !candidate; i++)
        candidate = wql_assoc_role_to_source(a, &cls->properties.properties_val[i]);
    if (!candidate)
        return 0;
    if ((a->nodes[node].def = calloc(1, sizeof(cim_class))) == NULL ||
        xdr_blob_copy((xdrproc_t)xdr_cim_class, cls, a->nodes[node].def) < 0) {
        free(a->nodes[node].def);
        a->nodes[node].def = NULL;
        wql_assoc_nomem(a);
        return 1;
    }
    a->nodes[node].candidate = true;
    return 0;
}

/* Does candidate association class node I pass the query's class filters? */
static bool
wql_assoc_candidate_ok(const struct wql_assoc *a, size_t i)
{
    const cim_class *def = a->nodes[i].def;
    const struct wql_query *q = a->q;

    if (q->kind == WQL_QUERY_REFERENCES) {
        if (a->result_filter != WQL_ASSOC_NONE && !wql_assoc_isa(a, i, a->result_filter))
            return false;
        return q->required_qualifier == NULL || wql_assoc_class_has(def, q->required_qualifier);
    }
    if (a->assoc_filter != WQL_ASSOC_NONE && !wql_assoc_isa(a, i, a->assoc_filter))
        return false;
    if (q->required_assoc_qualifier != NULL &&
        !wql_assoc_class_has(def, q->required_assoc_qualifier))
        return false;
    /* Some role to the source with some other role to a result. */
    for (u_int s = 0; s < def->properties.properties_len; s++) {
        const cim_property *src = &def->properties.properties_val[s];

        if (!wql_assoc_role_to_source(a, src))
            continue;
        for (u_int r = 0; r < def->properties.properties_len; r++)
            if (wql_assoc_role_to_result(a, &def->properties.properties_val[r], src))
                return true;
    }
    return false;
}

/* ------------------------------------------------- path equivalence --- */

/* Are numbers X and Y, as written in paths, equal as values of TYPE (0:
 * unknown)? */
static bool
wql_assoc_number_same(cim_type type, const char *x, const char *y)
{
    bool xneg, yneg;
    uint64_t xmag, ymag;
    char *xend, *yend;
    double xr, yr;

    if (type != CIM_TYPE_REAL32 && type != CIM_TYPE_REAL64 &&
        cim_type_parse_integer(x, &xneg, &xmag) == 0 &&
        cim_type_parse_integer(y, &yneg, &ymag) == 0)
        return xmag == ymag && (xneg == yneg || xmag == 0);
    xr = strtod(x, &xend);
    yr = strtod(y, &yend);
    if (*xend != '\0' || *yend != '\0')
        return false;
    if (type == CIM_TYPE_REAL32)
        return (float)xr == (float)yr;
    return xr == yr;
}

/* The type of key NAME in CLS (NULL: unknown), or 0. */
static cim_type
wql_assoc_key_type(const cim_class *cls, const char *name)
{
    if (cls == NULL)
        return 0;
    for (u_int i = 0; i < cls->properties.properties_len; i++)
        if (strcasecmp(cls->properties.properties_val[i].name, name) == 0)
            return cls->properties.properties_val[i].type;
    return 0;
}

static bool
wql_assoc_key_same(cim_type type, const struct cim_path_key *x, const struct cim_path_key *y)
{
    if (x->kind != y->kind)
        return false;
    switch (x->kind) {
    case CIM_PATH_KEY_STRING:
        /* The repository keeps string, datetime and reference keys NOCASE. */
        return type == CIM_TYPE_CHAR16 ? strcmp(x->value, y->value) == 0
                                       : strcasecmp(x->value, y->value) == 0;
    case CIM_PATH_KEY_BOOLEAN:
        return strcmp(x->value, y->value) == 0;
    case CIM_PATH_KEY_NUMBER:
        return wql_assoc_number_same(type, x->value, y->value);
    }
    return false;
}

/*
 * Do instance paths X and Y designate the same instance of the query's
 * namespace?  Their namespaces (a missing one is the query's) agree,
 * their classes are on one line of descent, and they bind the same key
 * names to equal values, compared as values of the key types in CLS
 * (borrowed; NULL: as the values are written).
 */
static bool
wql_assoc_path_same(const struct wql_assoc *a, const struct cim_path *x, const struct cim_path *y,
                    const cim_class *cls)
{
    size_t nx, ny;

    if ((x->nspace != NULL && strcasecmp(x->nspace, a->nspace) != 0) ||
        (y->nspace != NULL && strcasecmp(y->nspace, a->nspace) != 0))
        return false;
    if (strcasecmp(x->class_name, y->class_name) != 0) {
        nx = wql_assoc_find(a, x->class_name);
        ny = wql_assoc_find(a, y->class_name);
        if (nx == WQL_ASSOC_NONE || ny == WQL_ASSOC_NONE ||
            !(wql_assoc_isa(a, nx, ny) || wql_assoc_isa(a, ny, nx)))
            return false;
    }
    if (x->singleton != y->singleton || x->n_keys != y->n_keys)
        return false;
    for (size_t i = 0; i < x->n_keys; i++) {
        size_t j;

        for (j = 0; j < y->n_keys; j++)
            if (strcasecmp(x->keys[i].name, y->keys[j].name) == 0)
                break;
        if (j == y->n_keys ||
            !wql_assoc_key_same(wql_assoc_key_type(cls, x->keys[i].name), &x->keys[i],
                                &y->keys[j]))
            return false;
    }
    return true;
}

/*
 * The value of role P (the I-th property of the association's class) in
 * INST, parsed into *OUT (zeroed by the caller; cim_path_clear() after 1).
 * Returns 1, 0 when it designates nothing here (NULL, not a path, a class
 * path, another namespace), or -1 out of memory.
 */
static int
wql_assoc_role_value(struct wql_assoc *a, const cim_instance *inst, u_int i,
                     const cim_property *p, struct cim_path *out)
{
    const cim_property_value *pv = NULL;
    const cim_value *v;
    char why[256];

    if (i < inst->properties.properties_len &&
        strcasecmp(inst->properties.properties_val[i].name, p->name) == 0) {
        pv = &inst->properties.properties_val[i];
    } else {
        for (u_int j = 0; j < inst->properties.properties_len && pv == NULL; j++)
            if (strcasecmp(inst->properties.properties_val[j].name, p->name) == 0)
                pv = &inst->properties.properties_val[j];
    }
    if (pv == NULL)
        return 0;
    v = &pv->value;
    if (v->is_null || v->is_array || v->items.items_len != 1 || v->type != CIM_TYPE_REFERENCE ||
        v->items.items_val[0].cim_scalar_u.s == NULL)
        return 0;
    why[0] = '\0';
    if (cim_path_parse(v->items.items_val[0].cim_scalar_u.s, out, why, sizeof(why)) < 0)
        return strcmp(why, "out of memory") == 0 ? wql_assoc_nomem(a) : 0;
    if (!cim_path_is_instance(out) ||
        (out->nspace != NULL && strcasecmp(out->nspace, a->nspace) != 0)) {
        cim_path_clear(out);
        return 0;
    }
    return 1;
}

/* Does role P (the I-th property) of INST designate the source? */
static int
wql_assoc_role_is_source(struct wql_assoc *a, const cim_instance *inst, u_int i,
                         const cim_property *p)
{
    struct cim_path ref = { 0 };
    bool same;
    int rc;

    if ((rc = wql_assoc_role_value(a, inst, i, p, &ref)) <= 0)
        return rc;
    same = wql_assoc_path_same(a, &ref, &a->src, a->src_def);
    cim_path_clear(&ref);
    return same ? 1 : 0;
}

/* ---------------------------------------------------------- results --- */

/* Hand one result to the caller, within the bound. */
static int
wql_assoc_emit(struct wql_assoc *a, const cim_class *cls, const cim_instance *inst,
               const char *relpath)
{
    struct wql_assoc_result r = { cls, inst, relpath };
    cim_property_value *keys = NULL;
    cim_instance view;

    if (a->n_results >= a->max_results) {
        a->failed = true;
        return wql_error_set(a->err, WBEM_E_FAILED, 0, "the query finds more than %zu results; "
                             "narrow it with %s", a->max_results,
                             a->q->kind == WQL_QUERY_ASSOCIATORS
                                 ? "AssocClass, ResultClass, Role or ResultRole"
                                 : "ResultClass or Role");
    }
    a->n_results++;
    if (inst != NULL && a->q->keys_only) {
        /* A view of INST with its key properties only: the values are
         * INST's, borrowed. */
        u_int n = 0;

        keys = calloc(inst->properties.properties_len + 1, sizeof(*keys));
        if (keys == NULL)
            return wql_assoc_nomem(a);
        for (u_int i = 0; i < inst->properties.properties_len; i++) {
            const cim_property_value *pv = &inst->properties.properties_val[i];
            const cim_property *p = NULL;

            /* Stored instances have the class's properties in its order. */
            if (i < cls->properties.properties_len &&
                strcasecmp(cls->properties.properties_val[i].name, pv->name) == 0)
                p = &cls->properties.properties_val[i];
            for (u_int j = 0; p == NULL && j < cls->properties.properties_len; j++)
                if (strcasecmp(cls->properties.properties_val[j].name, pv->name) == 0)
                    p = &cls->properties.properties_val[j];
            if (p != NULL &&
                wql_assoc_has_qualifier(p->qualifiers.qualifiers_val,
                                        p->qualifiers.qualifiers_len, "Key"))
                keys[n++] = *pv;
        }
        view.class_name = inst->class_name;
        view.properties.properties_len = n;
        view.properties.properties_val = keys;
        r.inst = &view;
    }
    if (a->fn(&r, a->arg) != 0)
        a->stopped = true;
    free(keys);
    return 0;
}

/* Class node I as a result, unless returned already. */
static int
wql_assoc_emit_class(struct wql_assoc *a, size_t i)
{
    const cim_class *def;

    if (a->nodes[i].emitted)
        return 0;
    if ((def = wql_assoc_def(a, i)) == NULL)
        return -1;
    a->nodes[i].emitted = true;
    return wql_assoc_emit(a, def, NULL, def->name);
}

/* The relative path of INST, an instance of CLS: a new string, or NULL
 * with the error set. */
static char *
wql_assoc_relpath(struct wql_assoc *a, const cim_class *cls, const cim_instance *inst)
{
    struct repo_error rerr = { "", 0 };
    char *key, *path;
    size_t len;

    if ((key = repo_instance_key(cls, inst, &rerr)) == NULL) {
        wql_assoc_repo_failed(a, &rerr, 0);
        return NULL;
    }
    len = strlen(cls->name) + strlen(key) + 3;
    if ((path = malloc(len)) == NULL) {
        free(key);
        wql_assoc_nomem(a);
        return NULL;
    }
    if (strcmp(key, "@") == 0)
        snprintf(path, len, "%s=@", cls->name);
    else
        snprintf(path, len, "%s.%s", cls->name, key);
    free(key);
    return path;
}

/* ----------------------------------------------------- the instances --- */

/* REFERENCES: INST, an instance of the association class being scanned. */
static int
wql_assoc_references_one(const cim_instance *inst, void *arg)
{
    struct wql_assoc *a = arg;
    size_t node = a->cur;
    const cim_class *def = a->nodes[node].def;
    int found = 0;
    char *relpath;

    for (u_int i = 0; i < def->properties.properties_len && found == 0; i++) {
        const cim_property *p = &def->properties.properties_val[i];

        if (wql_assoc_role_to_source(a, p))
            found = wql_assoc_role_is_source(a, inst, i, p);
    }
    if (found <= 0)
        return found < 0;
    if (a->q->class_defs_only) {
        wql_assoc_emit_class(a, node);
        return 1;                       /* the class is known: stop scanning it */
    }
    if ((relpath = wql_assoc_relpath(a, def, inst)) == NULL)
        return 1;
    wql_assoc_emit(a, def, inst, relpath);
    free(relpath);
    return a->failed || a->stopped;
}

/* ASSOCIATORS: the instance REF designates, when it exists and passes
 * the filters. */
static int
wql_assoc_end(struct wql_assoc *a, const struct cim_path *ref)
{
    struct repo_error rerr = { "", 0 };
    const struct wql_query *q = a->q;
    cim_instance inst;
    const cim_class *def;
    size_t named, node;
    char *relpath = NULL;
    int rc;

    named = wql_assoc_find(a, ref->class_name);
    if (named == WQL_ASSOC_NONE)
        return 0;                       /* its class is gone: dangling */
    if (a->result_filter != WQL_ASSOC_NONE && !wql_assoc_isa(a, named, a->result_filter) &&
        !wql_assoc_isa(a, a->result_filter, named))
        return 0;
    memset(&inst, 0, sizeof(inst));
    rc = repo_instance_get(a->repo, a->nspace, ref, &inst, &rerr);
    if (rc < 0) {
        /* Keys that do not fit the class designate nothing: skipped. */
        if (rerr.code == WBEM_E_INVALID_OBJECT_PATH || rerr.code == WBEM_E_INVALID_CLASS)
            return 0;
        return wql_assoc_repo_failed(a, &rerr, 0);
    }
    if (rc == 0)
        return 0;                       /* dangling */
    node = wql_assoc_find(a, inst.class_name);
    if (node == WQL_ASSOC_NONE ||
        (a->result_filter != WQL_ASSOC_NONE && !wql_assoc_isa(a, node, a->result_filter)))
        goto cleanup;
    if ((def = wql_assoc_def(a, node)) == NULL)
        goto cleanup;
    if (q->required_qualifier != NULL && !wql_assoc_class_has(def, q->required_qualifier))
        goto cleanup;
    if (q->class_defs_only) {
        wql_assoc_emit_class(a, node);
        goto cleanup;
    }
    if ((relpath = wql_assoc_relpath(a, def, &inst)) == NULL)
        goto cleanup;
    switch (wql_assoc_set_add(&a->seen, relpath)) {
    case 1:
        wql_assoc_emit(a, def, &inst, relpath);
        break;
    case 0:
        break;                          /* returned already */
    default:
        wql_assoc_nomem(a);
        break;
    }

cleanup:
    free(relpath);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    return a->failed ? -1 : 0;
}

/* ASSOCIATORS: INST, an instance of the association class being scanned. */
static int
wql_assoc_associators_one(const cim_instance *inst, void *arg)
{
    struct wql_assoc *a = arg;
    const cim_class *def = a->nodes[a->cur].def;
    u_int n = def->properties.properties_len;

    for (u_int s = 0; s < n && !a->failed && !a->stopped; s++) {
        const cim_property *src = &def->properties.properties_val[s];
        int rc;

        if (!wql_assoc_role_to_source(a, src))
            continue;
        if ((rc = wql_assoc_role_is_source(a, inst, s, src)) <= 0) {
            if (rc < 0)
                return 1;
            continue;
        }
        for (u_int r = 0; r < n && !a->failed && !a->stopped; r++) {
            const cim_property *p = &def->properties.properties_val[r];
            struct cim_path ref = { 0 };

            if (!wql_assoc_role_to_result(a, p, src))
                continue;
            if ((rc = wql_assoc_role_value(a, inst, r, p, &ref)) <= 0) {
                if (rc < 0)
                    return 1;
                continue;               /* designates nothing: skipped */
            }
            wql_assoc_end(a, &ref);
            cim_path_clear(&ref);
        }
    }
    return a->failed || a->stopped;
}

/* Scan the instances of each candidate association class. */
static int
wql_assoc_scan(struct wql_assoc *a)
{
    int (*one)(const cim_instance *, void *) = a->q->kind == WQL_QUERY_REFERENCES
                                                   ? wql_assoc_references_one
                                                   : wql_assoc_associators_one;
    struct repo_error rerr = { "", 0 };

    for (size_t i = 0; i < a->n_nodes && !a->failed && !a->stopped; i++) {
        if (!a->nodes[i].candidate)
            continue;
        a->cur = i;
        if (repo_instance_enumerate(a->repo, a->nspace, a->nodes[i].name, false, one, a,
                                    &rerr) < 0 && !a->failed)
            return wql_assoc_repo_failed(a, &rerr, 0);
    }
    return a->failed ? -1 : 0;
}

/* ------------------------------------------------------ SchemaOnly --- */

/* SchemaOnly on a class path. */
static int
wql_assoc_schema(struct wql_assoc *a)
{
    const struct wql_query *q = a->q;

    for (size_t i = 0; i < a->n_nodes && !a->failed && !a->stopped; i++) {
        const cim_class *def = a->nodes[i].def;

        if (!a->nodes[i].candidate)
            continue;
        if (q->kind == WQL_QUERY_REFERENCES) {
            wql_assoc_emit_class(a, i);
            continue;
        }
        for (u_int s = 0; s < def->properties.properties_len; s++) {
            const cim_property *src = &def->properties.properties_val[s];

            if (!wql_assoc_role_to_source(a, src))
                continue;
            for (u_int r = 0; r < def->properties.properties_len; r++) {
                const cim_property *p = &def->properties.properties_val[r];
                const cim_class *end;
                size_t node;

                if (a->failed || a->stopped)
                    return a->failed ? -1 : 0;
                if (!wql_assoc_role_to_result(a, p, src) || p->ref_class == NULL ||
                    (node = wql_assoc_find(a, p->ref_class)) == WQL_ASSOC_NONE)
                    continue;
                if (a->result_filter != WQL_ASSOC_NONE &&
                    !wql_assoc_isa(a, node, a->result_filter))
                    continue;
                if ((end = wql_assoc_def(a, node)) == NULL)
                    return -1;
                if (q->required_qualifier != NULL &&
                    !wql_assoc_class_has(end, q->required_qualifier))
                    continue;
                wql_assoc_emit_class(a, node);
            }
        }
    }
    return a->failed ? -1 : 0;
}

/* ------------------------------------------------------- the source --- */

/* Is HOST this machine? */
static bool
wql_assoc_local_host(const char *host)
{
    char name[256];
    size_t hlen, nlen;

    if (strcmp(host, ".") == 0 || strcasecmp(host, "localhost") == 0)
        return true;
    if (gethostname(name, sizeof(name)) < 0)
        return false;
    name[sizeof(name) - 1] = '\0';
    if (strcasecmp(host, name) == 0)
        return true;
    /* "box" for "box.example.org" and the other way round. */
    hlen = strcspn(host, ".");
    nlen = strcspn(name, ".");
    return hlen == nlen && (host[hlen] == '\0' || name[nlen] == '\0') &&
           strncasecmp(host, name, hlen) == 0;
}

/* The source's class NAME and its ancestors into A->chain. */
static int
wql_assoc_chain(struct wql_assoc *a, const char *name, unsigned pos)
{
    struct repo_error rerr = { "", 0 };
    char *next = strdup(name);

    while (next != NULL) {
        const cim_class *cls;
        char **grown;

        if (a->n_chain == WQL_ASSOC_DEPTH_MAX) {
            free(next);
            a->failed = true;
            return wql_error_set(a->err, WBEM_E_FAILED, pos, "class %s has more than %d "
                                 "ancestors; the repository may be damaged", name,
                                 WQL_ASSOC_DEPTH_MAX);
        }
        if (repo_class_peek(a->repo, a->nspace, next, &cls, &rerr) < 0) {
            free(next);
            return wql_assoc_repo_failed(a, &rerr, pos);
        }
        if ((grown = realloc(a->chain, (a->n_chain + 1) * sizeof(*grown))) == NULL) {
            free(next);
            return wql_assoc_nomem(a);
        }
        a->chain = grown;
        a->chain[a->n_chain++] = next;
        if (cls->superclass == NULL || cls->superclass[0] == '\0')
            return 0;
        next = strdup(cls->superclass);
    }
    return wql_assoc_nomem(a);
}

/* Check the source path and read the source: its class chain and, for an
 * instance path, its class and canonical path. */
static int
wql_assoc_source(struct wql_assoc *a, const struct cim_path *path)
{
    struct repo_error rerr = { "", 0 };
    unsigned pos = a->q->object_path_pos;
    cim_instance inst;
    char *relpath = NULL, why[256];
    int rc;

    if (path->host != NULL && !wql_assoc_local_host(path->host)) {
        a->failed = true;
        return wql_error_set(a->err, WBEM_E_INVALID_OBJECT_PATH, pos, "the object path names "
                             "host %s; a query follows associations on the server it runs on: "
                             "leave out //%s/", path->host, path->host);
    }
    if (path->nspace != NULL && strcasecmp(path->nspace, a->nspace) != 0) {
        a->failed = true;
        return wql_error_set(a->err, WBEM_E_INVALID_OBJECT_PATH, pos, "the object path names "
                             "namespace %s, but the query runs in %s: connect to %s, or leave "
                             "the namespace out of the path", path->nspace, a->nspace,
                             path->nspace);
    }
    if (!cim_path_is_instance(path)) {
        if (!a->q->schema_only) {
            a->failed = true;
            return wql_error_set(a->err, WBEM_E_INVALID_QUERY, pos, "{%s} is a class: add "
                                 "SchemaOnly%s to list the classes associated with it, or give "
                                 "an instance path with its keys, such as {%s.Key=\"value\"}",
                                 path->class_name,
                                 a->q->class_defs_only ? " (instead of ClassDefsOnly)" : "",
                                 path->class_name);
        }
        return wql_assoc_chain(a, path->class_name, pos);
    }
    if (a->q->schema_only) {
        a->failed = true;
        return wql_error_set(a->err, WBEM_E_INVALID_QUERY, pos, "SchemaOnly asks about classes, "
                             "but the object path is an instance's: give the class alone, {%s}, "
                             "or leave SchemaOnly out", path->class_name);
    }
    memset(&inst, 0, sizeof(inst));
    rc = repo_instance_get(a->repo, a->nspace, path, &inst, &rerr);
    if (rc < 0)
        return wql_assoc_repo_failed(a, &rerr, pos);
    if (rc == 0) {
        a->failed = true;
        return wql_error_set(a->err, WBEM_E_NOT_FOUND, pos, "there is no instance %s in "
                             "namespace %s", a->q->object_path, a->nspace);
    }
    if (wql_assoc_chain(a, inst.class_name, pos) < 0)
        goto cleanup;
    if ((a->src_def = calloc(1, sizeof(*a->src_def))) == NULL) {
        wql_assoc_nomem(a);
        goto cleanup;
    }
    rc = repo_class_get(a->repo, a->nspace, inst.class_name, a->src_def, &rerr);
    if (rc <= 0) {
        free(a->src_def);
        a->src_def = NULL;
        if (rc < 0)
            wql_assoc_repo_failed(a, &rerr, pos);
        else {
            a->failed = true;
            wql_error_set(a->err, WBEM_E_FAILED, pos, "class %s was deleted while the query "
                          "ran; run the query again", inst.class_name);
        }
        goto cleanup;
    }
    if ((relpath = wql_assoc_relpath(a, a->src_def, &inst)) == NULL)
        goto cleanup;
    if (cim_path_parse(relpath, &a->src, why, sizeof(why)) < 0) {
        a->failed = true;
        wql_error_set(a->err, WBEM_E_FAILED, pos, "the path of the source instance, %s, does "
                      "not read back: %s", relpath, why);
    }

cleanup:
    free(relpath);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    return a->failed ? -1 : 0;
}

/* A class named by a keyword (AssocClass, ResultClass): its node, or
 * WQL_ASSOC_NONE with the error set. */
static int
wql_assoc_filter_class(struct wql_assoc *a, const char *keyword, const char *name, size_t *out)
{
    *out = WQL_ASSOC_NONE;
    if (name == NULL)
        return 0;
    if ((*out = wql_assoc_find(a, name)) != WQL_ASSOC_NONE)
        return 0;
    a->failed = true;
    return wql_error_set(a->err, WBEM_E_INVALID_CLASS, 0, "%s names class %s, which does not "
                         "exist in namespace %s", keyword, name, a->nspace);
}

/* ------------------------------------------------------------- run ---- */

static void
wql_assoc_clear(struct wql_assoc *a)
{
    for (size_t i = 0; i < a->n_nodes; i++) {
        free(a->nodes[i].name);
        if (a->nodes[i].def != NULL) {
            xdr_free((xdrproc_t)xdr_cim_class, (char *)a->nodes[i].def);
            free(a->nodes[i].def);
        }
    }
    free(a->nodes);
    free(a->index);
    for (size_t i = 0; i < a->n_chain; i++)
        free(a->chain[i]);
    free(a->chain);
    if (a->src_def != NULL) {
        xdr_free((xdrproc_t)xdr_cim_class, (char *)a->src_def);
        free(a->src_def);
    }
    cim_path_clear(&a->src);
    wql_assoc_set_clear(&a->seen);
}

int
wql_assoc_run(struct repo *repo, const char *nspace, const struct wql_query *q,
              int (*fn)(const struct wql_assoc_result *r, void *arg), void *arg,
              size_t max_results, struct wql_error *err)
{
    struct wql_assoc a;
    struct repo_error rerr = { "", 0 };
    struct cim_path path = { 0 };
    char why[256];
    int rc = -1;

    memset(&a, 0, sizeof(a));
    a.repo = repo;
    a.nspace = nspace;
    a.q = q;
    a.fn = fn;
    a.arg = arg;
    a.max_results = max_results != 0 ? max_results : WQL_ASSOC_RESULTS_DEFAULT;
    a.err = err;
    a.assoc_filter = a.result_filter = WQL_ASSOC_NONE;

    if (q == NULL || (q->kind != WQL_QUERY_ASSOCIATORS && q->kind != WQL_QUERY_REFERENCES))
        return wql_error_set(err, WBEM_E_INVALID_QUERY, 0, "only ASSOCIATORS OF and "
                             "REFERENCES OF queries follow associations");
    why[0] = '\0';
    if (q->object_path == NULL || cim_path_parse(q->object_path, &path, why, sizeof(why)) < 0)
        return wql_error_set(err, WBEM_E_INVALID_OBJECT_PATH, q->object_path_pos, "the object "
                             "path is not valid: %s", why[0] != '\0' ? why : "it is missing");
    if (wql_assoc_source(&a, &path) < 0)
        goto cleanup;
    if (repo_class_enumerate(repo, nspace, NULL, true, wql_assoc_walk_class, &a, &rerr) < 0) {
        if (!a.failed)
            wql_assoc_repo_failed(&a, &rerr, 0);
        goto cleanup;
    }
    if (a.failed)
        goto cleanup;
    if (wql_assoc_filter_class(&a, "AssocClass", q->assoc_class, &a.assoc_filter) < 0 ||
        wql_assoc_filter_class(&a, "ResultClass", q->result_class, &a.result_filter) < 0)
        goto cleanup;
    for (size_t i = 0; i < a.n_nodes; i++)
        if (a.nodes[i].candidate && !wql_assoc_candidate_ok(&a, i))
            a.nodes[i].candidate = false;
    rc = q->schema_only ? wql_assoc_schema(&a) : wql_assoc_scan(&a);

cleanup:
    if (a.failed)
        rc = -1;
    cim_path_clear(&path);
    wql_assoc_clear(&a);
    return rc;
}
