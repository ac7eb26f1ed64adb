/*
 * test-repo-class.c: classes in the repository: round trip of every value
 * type, inheritance rules (superclass must exist, cannot change, no update
 * under subclasses), case-insensitive names, namespaces kept apart,
 * enumeration shallow and deep in ancestry order, deletion of a subtree,
 * and rollback leaving nothing; the WBEM code of each refusal.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/wbem.h"
#include "common/xdr_blob.h"
#include "repository/repo.h"
#include "repository/repo_class.h"
#include "repository/repo_namespace.h"
#include "tap.h"

#define NS "root/cimv2"

/* A class with one string property "Caption"; strings are static. */
static cim_class
make_class(const char *name, const char *superclass, const char *caption_default)
{
    static cim_property prop;
    static cim_scalar item;
    cim_class c;

    memset(&c, 0, sizeof(c));
    memset(&prop, 0, sizeof(prop));
    static char caption[] = "Caption", empty[] = "";

    c.name = (char *)name;
    c.superclass = (char *)superclass;
    prop.name = caption;
    prop.type = CIM_TYPE_STRING;
    prop.array_size = -1;
    prop.ref_class = empty;
    prop.class_origin = (char *)name;
    prop.default_value.type = CIM_TYPE_STRING;
    if (caption_default != NULL) {
        item.type = CIM_TYPE_STRING;
        item.cim_scalar_u.s = (char *)caption_default;
        prop.default_value.items.items_len = 1;
        prop.default_value.items.items_val = &item;
    } else {
        prop.default_value.is_null = TRUE;
    }
    c.properties.properties_len = 1;
    c.properties.properties_val = &prop;
    return c;
}

/* Same bytes on the wire? */
static bool
same_class(const cim_class *a, const cim_class *b)
{
    unsigned char *x = NULL, *y = NULL;
    size_t xl = 0, yl = 0;
    bool same = xdr_blob_encode((xdrproc_t)xdr_cim_class, (void *)a, &x, &xl) == 0 &&
                xdr_blob_encode((xdrproc_t)xdr_cim_class, (void *)b, &y, &yl) == 0 &&
                xl == yl && memcmp(x, y, xl) == 0;
    free(x);
    free(y);
    return same;
}

static bool
present(struct repo *repo, const char *ns, const char *name)
{
    cim_class c;
    int found;

    memset(&c, 0, sizeof(c));
    found = repo_class_get(repo, ns, name, &c, NULL);
    if (found == 1)
        xdr_free((xdrproc_t)xdr_cim_class, &c);
    return found == 1;
}

static int
collect(const cim_class *cls, void *arg)
{
    strcat(arg, cls->name);
    strcat(arg, ";");
    return 0;
}

/* One qualifier per value of every CIM type, and a string array. */
static cim_class
make_rich_class(void)
{
    static char str[] = "a \"quoted\" \\ string", dt[] = "20261121203000.000000+000";
    static char ref[] = "root/cimv2:Rich.Name=\"x\"", valuemap[] = "ValueMap";
    static unsigned char embedded[] = { 0, 0, 0, 1, 'X', 0, 0, 0 };
    static char names[16][8];
    static cim_scalar s[16];
    static cim_qualifier all[16];
    cim_class c = make_class("Rich", "", NULL);
    int n = 0;

    s[n].type = CIM_TYPE_BOOLEAN; s[n++].cim_scalar_u.b = TRUE;
    s[n].type = CIM_TYPE_SINT8; s[n++].cim_scalar_u.i = -128;
    s[n].type = CIM_TYPE_UINT8; s[n++].cim_scalar_u.u = 255;
    s[n].type = CIM_TYPE_SINT64; s[n++].cim_scalar_u.i = INT64_MIN;
    s[n].type = CIM_TYPE_UINT64; s[n++].cim_scalar_u.u = UINT64_MAX;
    s[n].type = CIM_TYPE_REAL64; s[n++].cim_scalar_u.r = -1.5e300;
    s[n].type = CIM_TYPE_CHAR16; s[n++].cim_scalar_u.c = 0x263A;
    s[n].type = CIM_TYPE_STRING; s[n++].cim_scalar_u.s = str;
    s[n].type = CIM_TYPE_STRING; s[n++].cim_scalar_u.s = dt;     /* pairs with str */
    s[n].type = CIM_TYPE_DATETIME; s[n++].cim_scalar_u.s = dt;
    s[n].type = CIM_TYPE_REFERENCE; s[n++].cim_scalar_u.s = ref;
    s[n].type = CIM_TYPE_INSTANCE;
    s[n].cim_scalar_u.embedded.embedded_len = sizeof(embedded);
    s[n++].cim_scalar_u.embedded.embedded_val = (char *)embedded;
    for (int i = 0; i < n; i++) {
        snprintf(names[i], sizeof(names[i]), "Q%d", i);
        all[i].name = names[i];
        all[i].value.type = s[i].type;
        all[i].value.items.items_len = 1;
        all[i].value.items.items_val = &s[i];
        all[i].flavor = CIM_FLAVOR_TO_SUBCLASS | CIM_FLAVOR_DISABLE_OVERRIDE;
    }
    all[n].name = valuemap;                 /* an array of two strings */
    all[n].value.type = CIM_TYPE_STRING;
    all[n].value.is_array = TRUE;
    all[n].value.items.items_len = 2;
    all[n].value.items.items_val = &s[7];
    c.qualifiers.qualifiers_len = (u_int)n + 1;
    c.qualifiers.qualifiers_val = all;
    return c;
}

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    struct repo_error err = { "", 0 };
    struct repo *repo = NULL;
    char dir[4096], file[4200], list[1024];
    cim_class c, got;

    tap_plan(33);
    snprintf(dir, sizeof(dir), "%s/tests/tmp", top ? top : ".");
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/tests/tmp/repo-class.XXXXXX", top ? top : ".");
    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(file, sizeof(file), "%s/repo.db", dir);
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) < 0) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }

    c = make_class("CIM_ManagedElement", "", "an element");
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) == 0, "a root class is stored");
    memset(&got, 0, sizeof(got));
    tap_ok(repo_class_get(repo, NS, "cim_managedelement", &got, &err) == 1 && same_class(&c, &got),
           "it reads back identical, by a name in another case");
    xdr_free((xdrproc_t)xdr_cim_class, &got);

    c = make_rich_class();
    memset(&got, 0, sizeof(got));
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) == 0 &&
           repo_class_get(repo, NS, "Rich", &got, &err) == 1 && same_class(&c, &got) &&
           got.qualifiers.qualifiers_val[4].value.items.items_val[0].cim_scalar_u.u == UINT64_MAX &&
           got.qualifiers.qualifiers_val[3].value.items.items_val[0].cim_scalar_u.i == INT64_MIN,
           "every CIM type round-trips, extremes and arrays included");
    xdr_free((xdrproc_t)xdr_cim_class, &got);

    c = make_class("CIM_ManagedSystemElement", "CIM_ManagedElement", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) == 0, "a subclass is stored");
    c = make_class("CIM_LogicalElement", "CIM_ManagedSystemElement", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) == 0, "a grandchild is stored");
    c = make_class("CIM_PhysicalElement", "CIM_ManagedSystemElement", NULL);
    repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err);

    c = make_class("Orphan", "NoSuchParent", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) < 0 &&
           strstr(err.message, "superclass NoSuchParent of Orphan does not exist in namespace root/cimv2"),
           "a missing superclass is refused, naming it (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_CLASS, "with code WBEM_E_INVALID_CLASS");
    c = make_class("cim_managedELEMENT", "", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) < 0 && strstr(err.message, "already exists"),
           "creating an existing class (other case) is refused");
    tap_is_int(err.code, WBEM_E_ALREADY_EXISTS, "with code WBEM_E_ALREADY_EXISTS");
    c = make_class("Nobody", "", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_UPDATE, &err) < 0 && strstr(err.message, "does not exist"),
           "updating a missing class is refused");
    tap_is_int(err.code, WBEM_E_NOT_FOUND, "with code WBEM_E_NOT_FOUND");
    c = make_class("CIM_ManagedElement", "", "changed");
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_UPDATE, &err) < 0 && strstr(err.message, "has subclasses"),
           "a class with subclasses cannot be updated in place");
    tap_is_int(err.code, WBEM_E_NOT_SUPPORTED, "with code WBEM_E_NOT_SUPPORTED");
    c = make_class("CIM_LogicalElement", "CIM_ManagedSystemElement", "new default");
    memset(&got, 0, sizeof(got));
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE_OR_UPDATE, &err) == 0 &&
           repo_class_get(repo, NS, "CIM_LogicalElement", &got, &err) == 1 && same_class(&c, &got),
           "a leaf class is updated");
    xdr_free((xdrproc_t)xdr_cim_class, &got);
    c = make_class("CIM_LogicalElement", "CIM_ManagedElement", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_UPDATE, &err) < 0 && strstr(err.message, "cannot change its superclass"),
           "a class cannot change its superclass");
    tap_is_int(err.code, WBEM_E_NOT_SUPPORTED, "with code WBEM_E_NOT_SUPPORTED");
    c = make_class("1stClass", "", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) < 0 && strstr(err.message, "not a valid class name"),
           "an invalid class name is refused");
    tap_is_int(err.code, WBEM_E_INVALID_CLASS, "with code WBEM_E_INVALID_CLASS");
    c = make_class("Valid", "2ndClass", NULL);
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) < 0 &&
           err.code == WBEM_E_INVALID_CLASS, "so is an invalid superclass name (%s)", err.message);
    c = make_class("Short", "Rich", NULL);
    c.properties.properties_len = 0;
    tap_ok(repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err) < 0 &&
           strstr(err.message, "a subclass lists every property of its superclass first") &&
           err.code == WBEM_E_INVALID_CLASS,
           "a subclass without its superclass's properties is WBEM_E_INVALID_CLASS (%s)",
           err.message);
    c = make_class("Elsewhere", "", NULL);
    tap_ok(repo_class_put(repo, "root/nosuch", &c, REPO_PUT_CREATE, &err) < 0 &&
           strstr(err.message, "namespace root/nosuch does not exist"), "a missing namespace is named");
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "with code WBEM_E_INVALID_NAMESPACE");
    tap_ok(repo_class_enumerate(repo, "root/nosuch", NULL, false, collect, list, &err) < 0 &&
           err.code == WBEM_E_INVALID_NAMESPACE, "listing a missing namespace is "
           "WBEM_E_INVALID_NAMESPACE (%s)", err.message);
    tap_ok(!present(repo, "root", "CIM_ManagedElement"), "namespaces are kept apart");

    list[0] = '\0';
    repo_class_enumerate(repo, NS, NULL, false, collect, list, &err);
    tap_is_str(list, "CIM_ManagedElement;Rich;", "the top classes, shallow");
    list[0] = '\0';
    repo_class_enumerate(repo, NS, NULL, true, collect, list, &err);
    tap_is_str(list, "CIM_ManagedElement;Rich;CIM_ManagedSystemElement;CIM_LogicalElement;CIM_PhysicalElement;",
               "all classes, ancestors first");
    list[0] = '\0';
    repo_class_enumerate(repo, NS, "CIM_ManagedElement", true, collect, list, &err);
    tap_is_str(list, "CIM_ManagedSystemElement;CIM_LogicalElement;CIM_PhysicalElement;",
               "the classes below one, deep, nearest first");
    tap_ok(repo_class_enumerate(repo, NS, "Nobody", true, collect, list, &err) < 0 &&
           strstr(err.message, "class Nobody does not exist") &&
           err.code == WBEM_E_INVALID_CLASS,
           "listing below a missing class is WBEM_E_INVALID_CLASS (%s)", err.message);

    tap_ok(repo_begin(repo, &err) == 0, "a transaction starts");
    c = make_class("Temporary", "", NULL);
    repo_class_put(repo, NS, &c, REPO_PUT_CREATE, &err);
    repo_rollback(repo);
    tap_ok(!present(repo, NS, "Temporary"), "a class stored in a rolled-back transaction is gone");

    tap_ok(repo_class_delete(repo, NS, "CIM_ManagedSystemElement", &err) == 0 &&
           !present(repo, NS, "CIM_ManagedSystemElement") && !present(repo, NS, "CIM_LogicalElement") &&
           !present(repo, NS, "CIM_PhysicalElement") && present(repo, NS, "CIM_ManagedElement"),
           "deleting a class deletes its subclasses and nothing above");
    tap_ok(repo_class_delete(repo, NS, "CIM_ManagedSystemElement", &err) < 0 &&
           strstr(err.message, "class CIM_ManagedSystemElement does not exist") &&
           err.code == WBEM_E_NOT_FOUND,
           "deleting a missing class is WBEM_E_NOT_FOUND (%s)", err.message);
    tap_ok(repo_class_delete(repo, "root/nosuch", "CIM_ManagedElement", &err) < 0 &&
           err.code == WBEM_E_INVALID_NAMESPACE,
           "deleting in a missing namespace is WBEM_E_INVALID_NAMESPACE (%s)", err.message);
    repo_close(repo);
    return tap_done();
}
