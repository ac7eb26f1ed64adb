/*
 * test-repo-instance.c: instances in the repository.
 *
 * Writes: CREATE, UPDATE, CREATE_OR_UPDATE and their refusals; the checks
 * on an instance (abstract class, unknown property, type and arrayness,
 * range, NULL or missing key, a property twice) and the defaults that
 * complete it.  Reads: paths converted to the key types (strings without
 * regard to case, hexadecimal, extremes, booleans, char16, reals, the
 * singleton), wrong paths refused with what is wrong, subclass instances
 * found through their superclass, enumeration and counts shallow and
 * deep.  Storage: one STRICT table per class, looked up through its key
 * index, Indexed indexes, uint64 and sint64 extremes stored and ordered
 * as numbers, tables dropped with their class (and restored by a
 * rollback) and their namespace.  Classes: the update rules while a class
 * has instances, idempotent re-import, the superclass prefix rule, and a
 * class rewritten by another connection seen at once.  10,000 instances
 * in one transaction, every one found.  The WBEM code of each kind of
 * refusal.
 */
#include <config.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "common/wbem.h"
#include "repository/repo.h"
#include "repository/repo_class.h"
#include "repository/repo_instance.h"
#include "repository/repo_namespace.h"
#include "tap.h"

#define NS "root/cimv2"

static char file[4200];

static void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (p == NULL)
        abort();
    return p;
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (d == NULL)
        abort();
    return d;
}

/* ---- classes, allocated so that xdr_free() releases them ---- */

struct pspec {
    const char *name;
    cim_type type;
    const char *flags;          /* k: Key, i: Indexed, a: array */
    const char *sdefault;       /* string default, or NULL */
};

static void
add_true(cim_qualifier **quals, u_int *n, const char *name)
{
    cim_qualifier *q;

    *quals = realloc(*quals, (*n + 1) * sizeof(**quals));
    if (*quals == NULL)
        abort();
    q = &(*quals)[(*n)++];
    memset(q, 0, sizeof(*q));
    q->name = xstrdup(name);
    q->value.type = CIM_TYPE_BOOLEAN;
    q->value.items.items_len = 1;
    q->value.items.items_val = xcalloc(1, sizeof(cim_scalar));
    q->value.items.items_val[0].type = CIM_TYPE_BOOLEAN;
    q->value.items.items_val[0].cim_scalar_u.b = TRUE;
    q->flavor = CIM_FLAVOR_TO_SUBCLASS;
}

static cim_class *
new_class(const char *name, const char *super, bool abstract, const struct pspec *p)
{
    cim_class *c = xcalloc(1, sizeof(*c));
    u_int n = 0;

    while (p[n].name != NULL)
        n++;
    c->name = xstrdup(name);
    c->superclass = xstrdup(super);
    if (abstract)
        add_true(&c->qualifiers.qualifiers_val, &c->qualifiers.qualifiers_len, "Abstract");
    c->properties.properties_len = n;
    c->properties.properties_val = xcalloc(n, sizeof(cim_property));
    for (u_int i = 0; i < n; i++) {
        cim_property *q = &c->properties.properties_val[i];
        bool array = strchr(p[i].flags, 'a') != NULL;

        q->name = xstrdup(p[i].name);
        q->type = p[i].type;
        q->array_size = array ? 0 : -1;
        q->ref_class = xstrdup("");
        q->class_origin = xstrdup(name);
        q->default_value.type = p[i].type;
        q->default_value.is_array = array;
        if (p[i].sdefault != NULL) {
            q->default_value.items.items_len = 1;
            q->default_value.items.items_val = xcalloc(1, sizeof(cim_scalar));
            q->default_value.items.items_val[0].type = p[i].type;
            q->default_value.items.items_val[0].cim_scalar_u.s = xstrdup(p[i].sdefault);
        } else {
            q->default_value.is_null = TRUE;
        }
        if (strchr(p[i].flags, 'k'))
            add_true(&q->qualifiers.qualifiers_val, &q->qualifiers.qualifiers_len, "Key");
        if (strchr(p[i].flags, 'i'))
            add_true(&q->qualifiers.qualifiers_val, &q->qualifiers.qualifiers_len, "Indexed");
    }
    return c;
}

static void
free_class(cim_class *c)
{
    xdr_free((xdrproc_t)xdr_cim_class, c);
    free(c);
}

/* Store a class made from its parts; 0 or -1 (ERR set). */
static int
put_class(struct repo *repo, const char *ns, const char *name, const char *super, bool abstract,
          const struct pspec *p, enum repo_put_mode mode, struct repo_error *err)
{
    cim_class *c = new_class(name, super, abstract, p);
    int rc = repo_class_put(repo, ns, c, mode, err);

    free_class(c);
    return rc;
}

/* ---- instances ---- */

static cim_instance *
new_inst(const char *class_name)
{
    cim_instance *inst = xcalloc(1, sizeof(*inst));

    inst->class_name = xstrdup(class_name);
    return inst;
}

static void
free_inst(cim_instance *inst)
{
    if (inst == NULL)
        return;
    xdr_free((xdrproc_t)xdr_cim_instance, inst);
    free(inst);
}

/* Add property NAME of TYPE with N items (for the caller to fill). */
static cim_scalar *
add(cim_instance *inst, const char *name, cim_type type, bool array, u_int n)
{
    cim_property_value *pv;

    inst->properties.properties_val = realloc(inst->properties.properties_val,
                                              (inst->properties.properties_len + 1) * sizeof(*pv));
    if (inst->properties.properties_val == NULL)
        abort();
    pv = &inst->properties.properties_val[inst->properties.properties_len++];
    memset(pv, 0, sizeof(*pv));
    pv->name = xstrdup(name);
    pv->value.type = type;
    pv->value.is_array = array;
    pv->value.items.items_len = n;
    pv->value.items.items_val = xcalloc(n, sizeof(cim_scalar));
    for (u_int i = 0; i < n; i++)
        pv->value.items.items_val[i].type = type;
    if (n == 0 && !array)
        pv->value.is_null = TRUE;
    return pv->value.items.items_val;
}

static void
set_s(cim_instance *inst, const char *name, cim_type type, const char *value)
{
    add(inst, name, type, false, 1)->cim_scalar_u.s = xstrdup(value);
}

static void
set_u(cim_instance *inst, const char *name, cim_type type, uint64_t value)
{
    add(inst, name, type, false, 1)->cim_scalar_u.u = value;
}

static void
set_i(cim_instance *inst, const char *name, cim_type type, int64_t value)
{
    add(inst, name, type, false, 1)->cim_scalar_u.i = value;
}

static const cim_value *
value_of(const cim_instance *inst, const char *name)
{
    for (u_int i = 0; i < inst->properties.properties_len; i++)
        if (strcmp(inst->properties.properties_val[i].name, name) == 0)
            return &inst->properties.properties_val[i].value;
    return NULL;
}

static const char *
str_of(const cim_instance *inst, const char *name)
{
    const cim_value *v = value_of(inst, name);

    if (v == NULL || v->is_null || v->items.items_len != 1)
        return NULL;
    return v->items.items_val[0].cim_scalar_u.s;
}

/* Put INST (freed here); 0 or -1. */
static int
put(struct repo *repo, cim_instance *inst, enum repo_put_mode mode, char **relpath,
    struct repo_error *err)
{
    int rc = repo_instance_put(repo, NS, inst, mode, relpath, err);

    free_inst(inst);
    return rc;
}

/* Get the instance at path TEXT: 1, 0 or -1; *OUT (when given) keeps it. */
static int
get(struct repo *repo, const char *text, cim_instance **out, struct repo_error *err)
{
    struct cim_path path;
    cim_instance *inst = xcalloc(1, sizeof(*inst));
    char why[512];
    int rc;

    if (out != NULL)
        *out = NULL;
    if (cim_path_parse(text, &path, why, sizeof(why)) < 0) {
        snprintf(err->message, sizeof(err->message), "bad test path: %.400s", why);
        err->code = 0;                  /* not the repository's answer */
        free(inst);
        return -1;
    }
    rc = repo_instance_get(repo, NS, &path, inst, err);
    cim_path_clear(&path);
    if (rc == 1 && out != NULL)
        *out = inst;
    else if (rc == 1)
        free_inst(inst);
    else
        free(inst);
    return rc;
}

static int
del(struct repo *repo, const char *text, struct repo_error *err)
{
    struct cim_path path;
    char why[512];
    int rc;

    if (cim_path_parse(text, &path, why, sizeof(why)) < 0)
        return -1;
    rc = repo_instance_delete(repo, NS, &path, err);
    cim_path_clear(&path);
    return rc;
}

/* Count the instances of Disk inside a walk over Disk: the same
 * statement is wanted while it is in use. */
static struct repo *nested_repo;

static int
count_one(const cim_instance *inst, void *arg)
{
    (*(int *)arg)++;
    return 0;
}

static int
nested_walk(const cim_instance *inst, void *arg)
{
    struct repo_error err;
    int inner = 0;

    if (repo_instance_enumerate(nested_repo, NS, "Disk", false, count_one, &inner, &err) < 0)
        return 1;
    *(int *)arg += inner;
    return 0;
}

static int
collect(const cim_instance *inst, void *arg)
{
    const char *name = str_of(inst, "Name");

    strcat(arg, name ? name : "?");
    strcat(arg, ";");
    return 0;
}

/* ---- looking at the file through a second connection ---- */

/* The first column of the first row of SQL (with ?1 = ARG) as text, in
 * BUF; "" when there is no row. */
static const char *
peek(const char *sql, const char *arg, char *buf, size_t len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    buf[0] = '\0';
    if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (arg != NULL)
            sqlite3_bind_text(stmt, 1, arg, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
            snprintf(buf, len, "%s", (const char *)sqlite3_column_text(stmt, 0));
    } else {
        snprintf(buf, len, "error: %s", db ? sqlite3_errmsg(db) : "no memory");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return buf;
}

/* All rows of SQL's column COL joined by ';'. */
static const char *
peek_all(const char *sql, int col, char *buf, size_t len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    size_t used = 0;

    buf[0] = '\0';
    if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW && used < len)
            used += (size_t)snprintf(buf + used, len - used, "%s;",
                                     sqlite3_column_text(stmt, col) ?
                                     (const char *)sqlite3_column_text(stmt, col) : "NULL");
    } else {
        snprintf(buf, len, "error: %s", db ? sqlite3_errmsg(db) : "no memory");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return buf;
}

/* "i<id>" of class NAME in NS. */
static const char *
table_of(const char *name, char *buf, size_t len)
{
    char id[32];

    peek("SELECT c.id FROM class c JOIN namespace n ON n.id = c.namespace_id "
         "WHERE n.path = 'root/cimv2' AND c.name = ?1", name, id, sizeof(id));
    snprintf(buf, len, "i%s", id);
    return buf;
}

static bool
table_exists(const char *table)
{
    char buf[64];

    return strcmp(peek("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                       table, buf, sizeof(buf)), table) == 0;
}

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const struct pspec disk_props[] = {
    { "Id", CIM_TYPE_STRING, "k", NULL },
    { "Size", CIM_TYPE_UINT64, "i", NULL },
    { "Temp", CIM_TYPE_SINT64, "", NULL },
    { "Label", CIM_TYPE_STRING, "", "none" },
    { "Level", CIM_TYPE_SINT8, "", NULL },
    { "Tags", CIM_TYPE_STRING, "a", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec counter_props[] = {
    { "Num", CIM_TYPE_UINT64, "k", NULL },
    { "Neg", CIM_TYPE_SINT64, "k", NULL },
    { "Flag", CIM_TYPE_BOOLEAN, "k", NULL },
    { "Ch", CIM_TYPE_CHAR16, "k", NULL },
    { "R", CIM_TYPE_REAL64, "k", NULL },
    { "Small", CIM_TYPE_UINT8, "k", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec thing_props[] = {
    { "Name", CIM_TYPE_STRING, "k", NULL },
    { "Value", CIM_TYPE_UINT32, "", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec big_props[] = {
    { "Name", CIM_TYPE_STRING, "k", NULL },
    { "Value", CIM_TYPE_UINT32, "", NULL },
    { "Extra", CIM_TYPE_STRING, "", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec huge_props[] = {
    { "Name", CIM_TYPE_STRING, "k", NULL },
    { "Value", CIM_TYPE_UINT32, "", NULL },
    { "Extra", CIM_TYPE_STRING, "", NULL },
    { "More", CIM_TYPE_REAL64, "", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec huge_indexed[] = {
    { "Name", CIM_TYPE_STRING, "k", NULL },
    { "Value", CIM_TYPE_UINT32, "", NULL },
    { "Extra", CIM_TYPE_STRING, "i", NULL },
    { "More", CIM_TYPE_REAL64, "", NULL },
    { NULL, 0, NULL, NULL },
};
static const struct pspec huge_grown[] = {
    { "Name", CIM_TYPE_STRING, "k", NULL },
    { "Value", CIM_TYPE_UINT32, "", NULL },
    { "Extra", CIM_TYPE_STRING, "", NULL },
    { "More", CIM_TYPE_REAL64, "", NULL },
    { "Added", CIM_TYPE_BOOLEAN, "", NULL },
    { NULL, 0, NULL, NULL },
};

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    struct repo_error err = { "", 0 };
    struct repo *repo = NULL, *other = NULL;
    char dir[4096], list[1024], buf[1024], table[64], table2[64], sql[512];
    char *relpath = NULL;
    cim_instance *inst, *got = NULL;
    uint64_t count = 0;

    tap_plan(106);
    snprintf(dir, sizeof(dir), "%s/tests/tmp", top ? top : ".");
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/tests/tmp/repo-instance.XXXXXX", top ? top : ".");
    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(file, sizeof(file), "%s/repo.db", dir);
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) < 0 ||
        put_class(repo, NS, "Disk", "", false, disk_props, REPO_PUT_CREATE, &err) < 0 ||
        put_class(repo, NS, "Thing", "", false, thing_props, REPO_PUT_CREATE, &err) < 0 ||
        put_class(repo, NS, "BigThing", "Thing", false, big_props, REPO_PUT_CREATE, &err) < 0 ||
        put_class(repo, NS, "HugeThing", "BigThing", false, huge_props, REPO_PUT_CREATE,
                  &err) < 0 ||
        put_class(repo, NS, "CIM_Abstract", "", true, thing_props, REPO_PUT_CREATE, &err) < 0 ||
        put_class(repo, NS, "Counter", "", false, counter_props, REPO_PUT_CREATE, &err) < 0) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }

    /* ---- writing ---- */
    table_of("Disk", table, sizeof(table));
    tap_ok(!table_exists(table), "a class has no table before its first instance");
    inst = new_inst("disk");
    set_s(inst, "ID", CIM_TYPE_STRING, "d1");
    set_u(inst, "size", CIM_TYPE_UINT64, 500);
    tap_ok(put(repo, inst, REPO_PUT_CREATE, &relpath, &err) == 0 && relpath != NULL &&
           strcmp(relpath, "Disk.Id=\"d1\"") == 0,
           "an instance is created; its path uses the class's spelling (%s)",
           relpath ? relpath : err.message);
    free(relpath);
    relpath = NULL;
    tap_ok(table_exists(table) &&
           strstr(peek("SELECT sql FROM sqlite_schema WHERE name = ?1", table, buf, sizeof(buf)),
                  "STRICT") != NULL, "its table exists now, STRICT (%s)", buf);

    tap_ok(get(repo, "Disk.Id=\"d1\"", &got, &err) == 1 && got != NULL, "it is read back");
    tap_ok(got != NULL && strcmp(got->class_name, "Disk") == 0 &&
           got->properties.properties_len == 6 &&
           strcmp(got->properties.properties_val[0].name, "Id") == 0 &&
           strcmp(got->properties.properties_val[1].name, "Size") == 0 &&
           strcmp(got->properties.properties_val[5].name, "Tags") == 0 &&
           value_of(got, "Size")->items.items_val[0].cim_scalar_u.u == 500,
           "it is complete: every property in class order, with the class's spelling");
    tap_ok(got != NULL && str_of(got, "Label") != NULL &&
           strcmp(str_of(got, "Label"), "none") == 0 &&
           value_of(got, "Temp")->is_null && value_of(got, "Tags")->is_null &&
           value_of(got, "Tags")->is_array && value_of(got, "Temp")->type == CIM_TYPE_SINT64,
           "properties not given take the class's default, or NULL of their type");
    free_inst(got);
    got = NULL;
    tap_ok(get(repo, "root/cimv2:DISK.iD=\"D1\"", NULL, &err) == 1,
           "class, key name and string key value compare without regard to case");
    tap_ok(get(repo, "Disk.Id=\"d2\"", NULL, &err) == 0, "a missing instance is not found");

    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "D1");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "an instance Disk.Id=\"D1\" already exists in namespace "
                  "root/cimv2; update it"),
           "CREATE of an existing key is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_ALREADY_EXISTS, "with code WBEM_E_ALREADY_EXISTS");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "d9");
    tap_ok(put(repo, inst, REPO_PUT_UPDATE, NULL, &err) < 0 &&
           strstr(err.message, "there is no instance Disk.Id=\"d9\" in namespace root/cimv2 to update"),
           "UPDATE of a missing instance is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_NOT_FOUND, "with code WBEM_E_NOT_FOUND");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "d1");
    set_s(inst, "Label", CIM_TYPE_STRING, "system");
    tap_ok(put(repo, inst, REPO_PUT_UPDATE, NULL, &err) == 0 && get(repo, "Disk.Id=\"d1\"", &got, &err) == 1 &&
           strcmp(str_of(got, "Label"), "system") == 0 && value_of(got, "Size")->is_null,
           "UPDATE replaces the whole instance (%s)", err.message);
    free_inst(got);
    got = NULL;
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "d1");
    set_u(inst, "Size", CIM_TYPE_UINT64, 600);
    tap_ok(put(repo, inst, REPO_PUT_CREATE_OR_UPDATE, NULL, &err) == 0 &&
           get(repo, "Disk.Id=\"d1\"", &got, &err) == 1 &&
           value_of(got, "Size")->items.items_val[0].cim_scalar_u.u == 600,
           "CREATE_OR_UPDATE updates an existing instance");
    free_inst(got);
    got = NULL;
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "d2");
    tap_ok(put(repo, inst, REPO_PUT_CREATE_OR_UPDATE, NULL, &err) == 0 &&
           get(repo, "Disk.Id=\"d2\"", NULL, &err) == 1, "and creates a new one");

    /* ---- what an instance must be ---- */
    inst = new_inst("CIM_Abstract");
    set_s(inst, "Name", CIM_TYPE_STRING, "a");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "class CIM_Abstract is abstract"), "an abstract class has no instances (%s)",
           err.message);
    tap_is_int(err.code, WBEM_E_INVALID_CLASS, "with code WBEM_E_INVALID_CLASS");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    set_s(inst, "Nope", CIM_TYPE_STRING, "x");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "class Disk has no property Nope in namespace root/cimv2"),
           "an unknown property is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_PARAMETER, "with code WBEM_E_INVALID_PARAMETER");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    set_s(inst, "Size", CIM_TYPE_STRING, "12");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "property Size of class Disk is uint64, not string"),
           "a value of another type is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_TYPE_MISMATCH, "with code WBEM_E_TYPE_MISMATCH");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    set_s(inst, "Tags", CIM_TYPE_STRING, "one");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "property Tags of class Disk is string[], not string"),
           "a scalar for an array is refused (%s)", err.message);
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    set_i(inst, "Level", CIM_TYPE_SINT8, 300);
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "property Level of class Disk is out of range for sint8"),
           "a value out of its type's range is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_TYPE_MISMATCH, "with code WBEM_E_TYPE_MISMATCH");
    inst = new_inst("Disk");
    add(inst, "Id", CIM_TYPE_STRING, false, 0);
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "key property Id of class Disk has no value"),
           "a NULL key is refused (%s)", err.message);
    inst = new_inst("Disk");
    set_u(inst, "Size", CIM_TYPE_UINT64, 1);
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "key property Id of class Disk has no value"),
           "a missing key is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT, "with code WBEM_E_INVALID_OBJECT");
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    set_u(inst, "Size", CIM_TYPE_UINT64, 1);
    set_u(inst, "SIZE", CIM_TYPE_UINT64, 2);
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 && strstr(err.message, "property Size is given twice"),
           "a property given twice is refused (%s)", err.message);
    inst = new_inst("Nope");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "class Nope does not exist in namespace root/cimv2"),
           "an instance of a missing class is refused (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_CLASS, "with code WBEM_E_INVALID_CLASS");
    inst = new_inst("9Disk");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "not a valid class name") && err.code == WBEM_E_INVALID_CLASS,
           "an invalid class name is WBEM_E_INVALID_CLASS (%s)", err.message);
    inst = new_inst("Disk");
    set_s(inst, "Id", CIM_TYPE_STRING, "x");
    tap_ok(repo_instance_put(repo, "root/none", inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "namespace root/none does not exist"), "a missing namespace is named");
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "with code WBEM_E_INVALID_NAMESPACE");
    free_inst(inst);
    tap_ok(get(repo, "Disk.Id=\"x\"", NULL, &err) == 0, "no refused write left anything behind");

    /* ---- paths ---- */
    tap_ok(get(repo, "Disk", NULL, &err) < 0 && strstr(err.message, "Disk is a class path"),
           "a class path is not an instance (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "with code WBEM_E_INVALID_OBJECT_PATH");
    tap_ok(get(repo, "Counter.Num=1,neg=2,Flag=TRUE,Ch=\"a\",R=1", NULL, &err) < 0 &&
           strstr(err.message, "no value for key Small of class Counter (its keys: Num, Neg, "
                  "Flag, Ch, R, Small)"), "a path without one of the keys (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "with code WBEM_E_INVALID_OBJECT_PATH");
    tap_ok(get(repo, "Disk.Id=\"d1\",Label=\"x\"", NULL, &err) < 0 &&
           strstr(err.message, "Label is not a key of class Disk"), "a path with a non-key (%s)",
           err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "with code WBEM_E_INVALID_OBJECT_PATH");
    tap_ok(get(repo, "Disk.Id=5", NULL, &err) < 0 &&
           strstr(err.message, "key Id of class Disk is a string: write its value as a quoted string"),
           "a key of the wrong kind (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "with code WBEM_E_INVALID_OBJECT_PATH");
    tap_ok(get(repo, "Disk=@", NULL, &err) < 0 && strstr(err.message, "class Disk has keys (Id)"),
           "=@ on a class with keys (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "with code WBEM_E_INVALID_OBJECT_PATH");
    tap_ok(get(repo, "Nope.Id=\"x\"", NULL, &err) < 0 && err.code == WBEM_E_INVALID_CLASS,
           "a path naming a missing class is WBEM_E_INVALID_CLASS (%s)", err.message);

    {
        char *key;

        inst = new_inst("Counter");
        set_u(inst, "Num", CIM_TYPE_UINT64, UINT64_MAX);
        set_i(inst, "Neg", CIM_TYPE_SINT64, INT64_MIN);
        add(inst, "Flag", CIM_TYPE_BOOLEAN, false, 1)->cim_scalar_u.b = TRUE;
        add(inst, "Ch", CIM_TYPE_CHAR16, false, 1)->cim_scalar_u.c = 0xE9;
        add(inst, "R", CIM_TYPE_REAL64, false, 1)->cim_scalar_u.r = 1.5;
        set_u(inst, "Small", CIM_TYPE_UINT8, 255);
        {
            cim_class cls;
            memset(&cls, 0, sizeof(cls));
            repo_class_get(repo, NS, "Counter", &cls, &err);
            key = repo_instance_key(&cls, inst, &err);
            tap_is_str(key, "Num=18446744073709551615,Neg=-9223372036854775808,Flag=TRUE,"
                       "Ch=\"\xC3\xA9\",R=1.5,Small=255", "the canonical key of every key type");
            free(key);
            xdr_free((xdrproc_t)xdr_cim_class, &cls);
        }
        tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0 &&
               get(repo, "Counter.Small=255,R=1.5,Ch=\"\xC3\xA9\",Flag=true,"
                   "Neg=-9223372036854775808,Num=18446744073709551615", NULL, &err) == 1,
               "extremes, booleans, char16 and reals convert from a path in any order (%s)",
               err.message);
        tap_ok(get(repo, "Counter.Num=0xFFFFFFFFFFFFFFFF,Neg=-0x8000000000000000,Flag=TRUE,"
                   "Ch=\"\xC3\xA9\",R=15e-1,Small=0xff", NULL, &err) == 1,
               "hexadecimal and another spelling of the real find the same instance");
        tap_ok(get(repo, "Counter.Num=18446744073709551616,Neg=0,Flag=TRUE,Ch=\"a\",R=1,Small=1",
                   NULL, &err) < 0 && strstr(err.message, "out of range for uint64"),
               "a number beyond uint64 (%s)", err.message);
        tap_ok(get(repo, "Counter.Num=1,Neg=0,Flag=TRUE,Ch=\"a\",R=1,Small=-1", NULL, &err) < 0 &&
               strstr(err.message, "value -1 of key Small of class Counter is out of range for "
                      "uint8 (0 to 255)"), "a negative unsigned key (%s)", err.message);
        tap_is_int(err.code, WBEM_E_INVALID_OBJECT_PATH, "a key value out of range in a path "
                   "is WBEM_E_INVALID_OBJECT_PATH");
        tap_ok(get(repo, "Counter.Num=1.5,Neg=0,Flag=TRUE,Ch=\"a\",R=1,Small=1", NULL, &err) < 0 &&
               strstr(err.message, "is an integer (uint64); 1.5 is not one"),
               "a real for an integer key (%s)", err.message);
        tap_ok(get(repo, "Counter.Num=1,Neg=0,Flag=TRUE,Ch=\"ab\",R=1,Small=1", NULL, &err) < 0 &&
               strstr(err.message, "char16: its value is one character"),
               "two characters for a char16 key (%s)", err.message);
    }
    {
        static const struct pspec config_props[] = {
            { "Setting", CIM_TYPE_STRING, "", NULL },
            { NULL, 0, NULL, NULL },
        };
        put_class(repo, NS, "Config", "", false, config_props, REPO_PUT_CREATE, &err);
        inst = new_inst("Config");
        set_s(inst, "Setting", CIM_TYPE_STRING, "on");
        tap_ok(put(repo, inst, REPO_PUT_CREATE, &relpath, &err) == 0 && relpath != NULL &&
               strcmp(relpath, "Config=@") == 0 && get(repo, "Config=@", NULL, &err) == 1,
               "a class without keys has one instance, Class=@");
        free(relpath);
        relpath = NULL;
        tap_ok(get(repo, "Config.Setting=\"on\"", NULL, &err) < 0 &&
               strstr(err.message, "class Config has no keys; its one instance is Config=@"),
               "keys on a class without keys (%s)", err.message);
    }

    /* ---- storage ---- */
    {
        static const struct { const char *id; uint64_t size; int64_t temp; } rows[] = {
            { "big", UINT64_MAX, -1 }, { "mid", (uint64_t)INT64_MAX + 1, INT64_MIN },
            { "edge", (uint64_t)INT64_MAX, INT64_MAX }, { "zero", 0, 0 }, { "five", 5, -5 },
        };
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
            inst = new_inst("Disk");
            set_s(inst, "Id", CIM_TYPE_STRING, rows[i].id);
            set_u(inst, "Size", CIM_TYPE_UINT64, rows[i].size);
            set_i(inst, "Temp", CIM_TYPE_SINT64, rows[i].temp);
            put(repo, inst, REPO_PUT_CREATE, NULL, &err);
        }
        snprintf(sql, sizeof(sql), "SELECT substr(k, 5, length(k) - 5) FROM %s "
                 "WHERE c1 IS NOT NULL ORDER BY c1", table);
        tap_is_str(peek_all(sql, 0, buf, sizeof(buf)), "zero;five;d1;edge;mid;big;",
                   "uint64 values order as numbers over the whole range in their column");
        snprintf(sql, sizeof(sql), "SELECT typeof(c1) || ':' || c1 FROM %s WHERE k IN "
                 "('Id=\"edge\"', 'Id=\"mid\"', 'Id=\"big\"') ORDER BY c1", table);
        tap_is_str(peek_all(sql, 0, buf, sizeof(buf)),
                   "integer:9223372036854775807;text:09223372036854775808;"
                   "text:18446744073709551615;",
                   "up to INT64_MAX an INTEGER, above it 20 digits of TEXT");
        snprintf(sql, sizeof(sql), "SELECT substr(k, 5, length(k) - 5) FROM %s "
                 "WHERE c2 IS NOT NULL ORDER BY c2", table);
        tap_is_str(peek_all(sql, 0, buf, sizeof(buf)), "mid;five;big;zero;edge;",
                   "sint64 values, negative ones included, order as numbers");
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE c1 > 5", table);
        tap_is_str(peek(sql, NULL, buf, sizeof(buf)), "4",
                   "a comparison with a small number counts the large TEXT values as larger");
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE c3 = 'NONE'", table);
        tap_is_str(peek(sql, NULL, buf, sizeof(buf)), "7",
                   "string columns compare without regard to case");
    }
    tap_is_str(peek("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                    "AND sql IS NOT NULL", table, buf, sizeof(buf)),
               strcat(strcpy(list, table), "_c1"), "an Indexed property has an index");
    snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN SELECT obj FROM %s WHERE k = 'Id=\"d1\"'", table);
    tap_ok(strstr(peek_all(sql, 3, buf, sizeof(buf)), "USING INDEX") != NULL &&
           strstr(buf, "SCAN") == NULL, "a lookup by key is a B-tree search, never a scan (%s)", buf);
    snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN SELECT obj FROM %s WHERE c1 = 5", table);
    tap_ok(strstr(peek_all(sql, 3, buf, sizeof(buf)), "USING INDEX") != NULL,
           "a query on the Indexed property uses its index (%s)", buf);

    /* ---- a hierarchy ---- */
    {
        static const char *const things[][2] = {
            { "Thing", "t2" }, { "Thing", "t1" }, { "BigThing", "b1" }, { "HugeThing", "h1" },
        };
        for (size_t i = 0; i < 4; i++) {
            inst = new_inst(things[i][0]);
            set_s(inst, "Name", CIM_TYPE_STRING, things[i][1]);
            if (put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0)
                printf("# %s\n", err.message);
        }
    }
    list[0] = '\0';
    tap_ok(repo_instance_enumerate(repo, NS, "Thing", false, collect, list, &err) == 0 &&
           strcmp(list, "t1;t2;") == 0, "shallow enumeration: the class's own, in key order (%s)", list);
    list[0] = '\0';
    tap_ok(repo_instance_enumerate(repo, NS, "thing", true, collect, list, &err) == 0 &&
           strcmp(list, "t1;t2;b1;h1;") == 0, "deep enumeration: then its descendants' (%s)", list);
    tap_ok(repo_instance_count(repo, NS, "Thing", true, &count, &err) == 0 && count == 4 &&
           repo_instance_count(repo, NS, "Thing", false, &count, &err) == 0 && count == 2 &&
           repo_instance_count(repo, NS, "BigThing", true, &count, &err) == 0 && count == 2,
           "counts shallow and deep");
    list[0] = '\0';
    tap_ok(repo_instance_enumerate(repo, NS, "CIM_Abstract", true, collect, list, &err) == 0 &&
           list[0] == '\0', "a class without instances enumerates nothing");
    tap_ok(get(repo, "Thing.Name=\"h1\"", &got, &err) == 1 && strcmp(got->class_name, "HugeThing") == 0,
           "a subclass's instance is found through its superclass's path");
    free_inst(got);
    got = NULL;
    inst = new_inst("Thing");
    set_s(inst, "Name", CIM_TYPE_STRING, "B1");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "an instance of BigThing with the same keys"),
           "a superclass instance cannot take a subclass instance's keys (%s)", err.message);
    tap_is_int(err.code, WBEM_E_ALREADY_EXISTS, "with code WBEM_E_ALREADY_EXISTS");
    inst = new_inst("HugeThing");
    set_s(inst, "Name", CIM_TYPE_STRING, "t1");
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) < 0 &&
           strstr(err.message, "an instance of Thing with the same keys"),
           "nor the other way round (%s)", err.message);
    tap_ok(del(repo, "Thing.Name=\"b1\"", &err) == 1 && get(repo, "BigThing.Name=\"b1\"", NULL, &err) == 0,
           "deleting through the superclass's path deletes the subclass's instance");
    tap_ok(del(repo, "Thing.Name=\"b1\"", &err) == 0, "deleting it again finds nothing");
    tap_ok(del(repo, "Thing.Nme=\"b1\"", &err) < 0 && strstr(err.message, "Nme is not a key"),
           "a wrong path to delete says why (%s)", err.message);

    /* ---- class updates ---- */
    tap_ok(put_class(repo, NS, "Thing", "", false, thing_props, REPO_PUT_UPDATE, &err) == 0,
           "re-storing an identical class is a no-op, even with subclasses and instances (%s)",
           err.message);
    tap_ok(put_class(repo, NS, "HugeThing", "BigThing", false, huge_grown, REPO_PUT_UPDATE, &err) < 0 &&
           strstr(err.message, "class HugeThing has 1 instance in namespace root/cimv2; delete them first"),
           "the property list of a class with instances cannot change (%s)", err.message);
    tap_is_int(err.code, WBEM_E_NOT_SUPPORTED, "with code WBEM_E_NOT_SUPPORTED");
    table_of("HugeThing", table2, sizeof(table2));
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
             "name = '%s_c2'", table2);
    tap_ok(put_class(repo, NS, "HugeThing", "BigThing", false, huge_indexed, REPO_PUT_UPDATE, &err) == 0 &&
           strcmp(peek(sql, NULL, buf, sizeof(buf)), "1") == 0,
           "a class with instances takes Indexed, and its index is created (%s)", err.message);
    tap_ok(put_class(repo, NS, "HugeThing", "BigThing", false, huge_props, REPO_PUT_UPDATE, &err) == 0 &&
           strcmp(peek(sql, NULL, buf, sizeof(buf)), "0") == 0,
           "and without Indexed its index is dropped");
    tap_ok(del(repo, "HugeThing.Name=\"h1\"", &err) == 1 &&
           put_class(repo, NS, "HugeThing", "BigThing", false, huge_grown, REPO_PUT_UPDATE, &err) == 0 &&
           !table_exists(table2), "without instances it may change; its old table is dropped (%s)",
           err.message);
    inst = new_inst("HugeThing");
    set_s(inst, "Name", CIM_TYPE_STRING, "h2");
    add(inst, "Added", CIM_TYPE_BOOLEAN, false, 1)->cim_scalar_u.b = TRUE;
    tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0 && table_exists(table2) &&
           get(repo, "Thing.Name=\"h2\"", NULL, &err) == 1,
           "the next instance creates the table with the new columns (%s)", err.message);
    {
        static const struct pspec reordered[] = {
            { "Value", CIM_TYPE_UINT32, "", NULL },
            { "Name", CIM_TYPE_STRING, "k", NULL },
            { NULL, 0, NULL, NULL },
        };
        static const struct pspec retyped[] = {
            { "Name", CIM_TYPE_STRING, "k", NULL },
            { "Value", CIM_TYPE_SINT32, "", NULL },
            { NULL, 0, NULL, NULL },
        };
        tap_ok(put_class(repo, NS, "Wrong", "Thing", false, reordered, REPO_PUT_CREATE, &err) < 0 &&
               strstr(err.message, "property 1 of class Wrong is Value where its superclass Thing has Name"),
               "a subclass lists its superclass's properties first, in order (%s)", err.message);
        tap_is_int(err.code, WBEM_E_INVALID_CLASS, "with code WBEM_E_INVALID_CLASS");
        tap_ok(put_class(repo, NS, "Wrong", "Thing", false, retyped, REPO_PUT_CREATE, &err) < 0 &&
               strstr(err.message, "property Value of class Wrong is not of the type it has in its "
                      "superclass Thing"), "with the same types (%s)", err.message);
        tap_ok(put_class(repo, NS, "Wrong", "Thing", false, disk_props, REPO_PUT_CREATE, &err) < 0 &&
               strstr(err.message, "is Id where its superclass Thing has Name"),
               "and not others (%s)", err.message);
    }

    /* ---- another connection rewrites a class this one has cached ---- */
    tap_ok(repo_open(file, REPO_OPEN_NO_CHECK, &other, &err) == 0 &&
           get(repo, "Disk.Id=\"d1\"", NULL, &err) == 1 && get(repo, "Config=@", NULL, &err) == 1,
           "a second connection opens while the first has Disk and Config in use");
    {
        static const struct pspec disk_new_default[] = {
            { "Id", CIM_TYPE_STRING, "k", NULL },
            { "Size", CIM_TYPE_UINT64, "i", NULL },
            { "Temp", CIM_TYPE_SINT64, "", NULL },
            { "Label", CIM_TYPE_STRING, "", "fresh" },
            { "Level", CIM_TYPE_SINT8, "", NULL },
            { "Tags", CIM_TYPE_STRING, "a", NULL },
            { NULL, 0, NULL, NULL },
        };
        tap_ok(put_class(other, NS, "Disk", "", false, disk_new_default, REPO_PUT_UPDATE, &err) == 0,
               "it changes a default of a class with instances (%s)", err.message);
        inst = new_inst("Disk");
        set_s(inst, "Id", CIM_TYPE_STRING, "d3");
        tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0 &&
               get(repo, "Disk.Id=\"d3\"", &got, &err) == 1 && strcmp(str_of(got, "Label"), "fresh") == 0,
               "the first connection uses the new definition at once");
        free_inst(got);
        got = NULL;
        tap_ok(repo_class_delete(other, NS, "Config", &err) == 0 &&
               get(repo, "Config=@", NULL, &err) < 0 && strstr(err.message, "class Config does not exist"),
               "and sees a class deleted by the other (%s)", err.message);
        tap_ok(get(repo, "Disk.Id=\"d3\"", NULL, &err) == 1 &&
               get(repo, "Disk.Id=\"d3\"", NULL, &err) == 1,
               "a lookup repeated with nothing committed in between (one statement)");
        tap_ok(del(other, "Disk.Id=\"d3\"", &err) == 1 &&
               get(repo, "Disk.Id=\"d3\"", NULL, &err) == 0,
               "an instance the other connection deleted is gone for the first at once");
        tap_ok(get(repo, "Disk.Id=\"d1\"", NULL, &err) == 1 && del(repo, "Disk.Id=\"d1\"", &err) == 1 &&
               get(repo, "Disk.Id=\"d1\"", NULL, &err) == 0,
               "and one it deleted itself");
        inst = new_inst("Disk");
        set_s(inst, "Id", CIM_TYPE_STRING, "d1");
        tap_ok(put(other, inst, REPO_PUT_CREATE, NULL, &err) == 0 &&
               get(repo, "Disk.Id=\"d1\"", &got, &err) == 1 &&
               strcmp(str_of(got, "Label"), "fresh") == 0,
               "one the other connection created is there at once (%s)", err.message);
        free_inst(got);
        got = NULL;
        inst = new_inst("Disk");
        set_s(inst, "Id", CIM_TYPE_STRING, "d3");
        put(repo, inst, REPO_PUT_CREATE, NULL, &err);
    }
    repo_close(other);

    /* ---- rollbacks and deletions ---- */
    {
        static const struct pspec temp_props[] = {
            { "Name", CIM_TYPE_STRING, "k", NULL },
            { NULL, 0, NULL, NULL },
        };
        put_class(repo, NS, "Temp", "", false, temp_props, REPO_PUT_CREATE, &err);
        table_of("Temp", table2, sizeof(table2));
        repo_begin(repo, &err);
        inst = new_inst("Temp");
        set_s(inst, "Name", CIM_TYPE_STRING, "x");
        tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0 && get(repo, "Temp.Name=\"x\"", NULL, &err) == 1,
               "an instance is visible in its transaction");
        repo_rollback(repo);
        tap_ok(get(repo, "Temp.Name=\"x\"", NULL, &err) == 0 && !table_exists(table2),
               "rolled back, it is gone with the table it created");
        inst = new_inst("Temp");
        set_s(inst, "Name", CIM_TYPE_STRING, "x");
        tap_ok(put(repo, inst, REPO_PUT_UPDATE, NULL, &err) < 0 && err.code == WBEM_E_NOT_FOUND,
               "UPDATE of a class without a table is WBEM_E_NOT_FOUND (%s)", err.message);
        inst = new_inst("Temp");
        set_s(inst, "Name", CIM_TYPE_STRING, "y");
        tap_ok(put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0 && get(repo, "Temp.Name=\"y\"", NULL, &err) == 1,
               "and the next instance creates the table again (%s)", err.message);
    }
    table_of("Thing", table, sizeof(table));
    table_of("BigThing", table2, sizeof(table2));
    tap_ok(repo_begin(repo, &err) == 0 && repo_class_delete(repo, NS, "Thing", &err) == 0 &&
           get(repo, "Thing.Name=\"t1\"", NULL, &err) < 0, "a class is deleted inside a transaction");
    repo_rollback(repo);
    tap_ok(get(repo, "Thing.Name=\"t1\"", NULL, &err) == 1 && table_exists(table) &&
           table_exists(table2) && get(repo, "Thing.Name=\"h2\"", NULL, &err) == 1,
           "rolled back, the class, its subclasses' tables and their instances are back (%s)",
           err.message);
    tap_ok(repo_class_delete(repo, NS, "Thing", &err) == 0 && !table_exists(table) &&
           !table_exists(table2), "deleting a class drops its table and its subclasses'");
    tap_ok(strcmp(peek("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name GLOB 'i[0-9]*' "
                       "AND CAST(substr(name, 2) AS INTEGER) NOT IN (SELECT id FROM class WHERE "
                       "instance_table <> 0)", NULL, buf, sizeof(buf)), "0") == 0,
           "no instance table is left without its class");
    repo_namespace_create(repo, "root/scratch", &err);
    {
        cim_class *c = new_class("Scratch", "", false, thing_props);
        repo_class_put(repo, "root/scratch", c, REPO_PUT_CREATE, &err);
        free_class(c);
    }
    inst = new_inst("Scratch");
    set_s(inst, "Name", CIM_TYPE_STRING, "s");
    repo_instance_put(repo, "root/scratch", inst, REPO_PUT_CREATE, NULL, &err);
    free_inst(inst);
    peek("SELECT 'i' || c.id FROM class c WHERE c.name = 'Scratch'", NULL, table, sizeof(table));
    tap_ok(table_exists(table) && repo_namespace_delete(repo, "root/scratch", &err) == 0 &&
           !table_exists(table), "deleting a namespace drops its classes' tables (%s)", table);

    /* ---- many instances ---- */
    {
        static const struct pspec bulk_props[] = {
            { "N", CIM_TYPE_UINT32, "k", NULL },
            { "Name", CIM_TYPE_STRING, "", NULL },
            { NULL, 0, NULL, NULL },
        };
        int stored = 0, found = 0;
        double t0, t1, t2;

        put_class(repo, NS, "Bulk", "", false, bulk_props, REPO_PUT_CREATE, &err);
        t0 = now_s();
        repo_begin(repo, &err);
        for (uint32_t n = 0; n < 10000; n++) {
            char name[32];
            inst = new_inst("Bulk");
            set_u(inst, "N", CIM_TYPE_UINT32, n * 7919u);
            snprintf(name, sizeof(name), "instance %u", n);
            set_s(inst, "Name", CIM_TYPE_STRING, name);
            stored += put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0;
        }
        tap_ok(repo_commit(repo, &err) == 0 && stored == 10000,
               "10,000 instances are stored in one transaction (%s)", err.message);
        t1 = now_s();
        for (uint32_t n = 0; n < 10000; n++) {
            char path[64];
            snprintf(path, sizeof(path), "Bulk.N=%u", ((n * 7u) % 10000u) * 7919u);
            found += get(repo, path, NULL, &err) == 1;
        }
        t2 = now_s();
        tap_ok(found == 10000 && repo_instance_count(repo, NS, "Bulk", false, &count, &err) == 0 &&
               count == 10000, "and every one is found by its path (%d)", found);
        printf("# 10,000 puts in %.3f s, 10,000 path lookups in %.3f s (%.1f us each)\n",
               t1 - t0, t2 - t1, (t2 - t1) * 100.0);
    }
    /* ---- the statement cache under pressure ---- */
    {
        static const struct pspec many_props[] = {
            { "Name", CIM_TYPE_STRING, "k", NULL },
            { NULL, 0, NULL, NULL },
        };
        int stored = 0, found = 0, walked = 0;

        for (int i = 0; i < 200; i++) {
            char name[32];
            snprintf(name, sizeof(name), "Many%d", i);
            put_class(repo, NS, name, "", false, many_props, REPO_PUT_CREATE, &err);
            inst = new_inst(name);
            set_s(inst, "Name", CIM_TYPE_STRING, name);
            stored += put(repo, inst, REPO_PUT_CREATE, NULL, &err) == 0;
        }
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 200; i++) {
                char path[64];
                snprintf(path, sizeof(path), "Many%d.Name=\"Many%d\"", i, i);
                found += get(repo, path, NULL, &err) == 1;
            }
        tap_ok(stored == 200 && found == 400,
               "200 classes, more than the caches hold, are written and read twice (%d, %d)",
               stored, found);
        nested_repo = repo;
        tap_ok(repo_instance_enumerate(repo, NS, "Disk", false, nested_walk, &walked, &err) == 0 &&
               walked == 8 * 8, "a walk inside a walk over the same class sees every instance (%d)",
               walked);
    }
    repo_close(repo);
    return tap_done();
}
