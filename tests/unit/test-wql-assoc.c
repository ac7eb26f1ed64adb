/*
 * test-wql-assoc.c: ASSOCIATORS OF and REFERENCES OF over the repository
 * (server/query/wql_assoc.h).
 *
 * A throw-away repository gets the standard qualifiers and a small model:
 * disks, partitions (qualified Test_Marked), volumes with a subclass, a
 * numbered class with integer and boolean keys; the associations
 * Test_DiskPartition with a subclass, Test_Dependency (qualified
 * Test_Tag), Test_Mirror (disk to disk, one instance relating a disk to
 * itself), Test_NumLink; and Test_Holder, a plain class with a reference
 * that is no association.  The stored references are spelled in several
 * ways: with and without namespace, other case in class, key names and
 * values, a superclass for a subclass instance, hexadecimal for decimal,
 * another namespace, a missing instance, and one that is not a path at
 * all (stored through the repository directly; the MOF compiler refuses
 * it).
 *
 * Each query's answer is checked as the sorted list of its results: an
 * instance by its Label property (every class has one), a class by its
 * name.  Then the result's shape (most derived class, relative path,
 * KeysOnly), the bound on results, a callback that stops, and each error
 * with its WBEM code and, for the object path, its column.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "common/wbem.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "query/wql_assoc.h"
#include "query/wql_parser.h"
#include "repository/repo.h"
#include "repository/repo_instance.h"
#include "repository/schema_mof.h"
#include "tap.h"

#define NS "root/cimv2"

static const char model[] =
    "Qualifier Test_Marked : boolean = false, Scope(class, association),\n"
    "    Flavor(EnableOverride, ToSubclass);\n"
    "Qualifier Test_Tag : string = null, Scope(class, association),\n"
    "    Flavor(EnableOverride, ToSubclass);\n"
    "\n"
    "class Test_Disk { [Key] string Name; string Label; };\n"
    "[Test_Marked] class Test_Partition { [Key] string DeviceID; string Label; };\n"
    "class Test_Volume { [Key] string Id; string Label; };\n"
    "class Test_BigVolume : Test_Volume { uint64 Extent; };\n"
    "class Test_Numbered { [Key] uint32 Num; [Key] boolean Flag; string Label; };\n"
    "class Test_Holder { [Key] string Id; string Label; Test_Disk REF Peer; };\n"
    "\n"
    "[Association] class Test_DiskPartition {\n"
    "    [Key] Test_Disk REF GroupComponent;\n"
    "    [Key] Test_Partition REF PartComponent;\n"
    "    string Label;\n"
    "};\n"
    "[Association] class Test_DiskPartitionEx : Test_DiskPartition { string Note; };\n"
    "[Association, Test_Tag(\"storage\")] class Test_Dependency {\n"
    "    [Key] Test_Partition REF Antecedent;\n"
    "    [Key] Test_Volume REF Dependent;\n"
    "    string Label;\n"
    "};\n"
    "[Association] class Test_Mirror {\n"
    "    [Key] Test_Disk REF Primary;\n"
    "    [Key] Test_Disk REF Secondary;\n"
    "    string Label;\n"
    "};\n"
    "[Association] class Test_NumLink {\n"
    "    [Key] Test_Disk REF Disk;\n"
    "    [Key] Test_Numbered REF Target;\n"
    "    string Label;\n"
    "};\n"
    "\n"
    "instance of Test_Disk { Name = \"Disk1\"; Label = \"d1\"; };\n"
    "instance of Test_Disk { Name = \"Disk2\"; Label = \"d2\"; };\n"
    "instance of Test_Disk { Name = \"Disk3\"; Label = \"d3\"; };\n"
    "instance of Test_Partition { DeviceID = \"P1\"; Label = \"p1\"; };\n"
    "instance of Test_Partition { DeviceID = \"P2\"; Label = \"p2\"; };\n"
    "instance of Test_Partition { DeviceID = \"P3\"; Label = \"p3\"; };\n"
    "instance of Test_Volume { Id = \"V1\"; Label = \"v1\"; };\n"
    "instance of Test_BigVolume { Id = \"V2\"; Label = \"v2\"; Extent = 7; };\n"
    "instance of Test_Numbered { Num = 31; Flag = true; Label = \"n31\"; };\n"
    "instance of Test_Holder { Id = \"h\"; Label = \"h\";\n"
    "    Peer = \"Test_Disk.Name=\\\"Disk1\\\"\"; };\n"
    "\n"
    /* plain */
    "instance of Test_DiskPartition { Label = \"DP1\";\n"
    "    GroupComponent = \"Test_Disk.Name=\\\"Disk1\\\"\";\n"
    "    PartComponent = \"Test_Partition.DeviceID=\\\"P1\\\"\"; };\n"
    /* subclass; namespace; another case in the key value */
    "instance of Test_DiskPartitionEx { Label = \"DP2\"; Note = \"ex\";\n"
    "    GroupComponent = \"root/cimv2:Test_Disk.Name=\\\"disk1\\\"\";\n"
    "    PartComponent = \"Test_Partition.DeviceID=\\\"P2\\\"\"; };\n"
    /* the other end is missing */
    "instance of Test_DiskPartition { Label = \"DP3\";\n"
    "    GroupComponent = \"Test_Disk.Name=\\\"Disk1\\\"\";\n"
    "    PartComponent = \"Test_Partition.DeviceID=\\\"Gone\\\"\"; };\n"
    "instance of Test_DiskPartition { Label = \"DP4\";\n"
    "    GroupComponent = \"Test_Disk.Name=\\\"Disk2\\\"\";\n"
    "    PartComponent = \"Test_Partition.DeviceID=\\\"P3\\\"\"; };\n"
    /* Disk1 of another namespace */
    "instance of Test_DiskPartition { Label = \"DP5\";\n"
    "    GroupComponent = \"root/other:Test_Disk.Name=\\\"Disk1\\\"\";\n"
    "    PartComponent = \"Test_Partition.DeviceID=\\\"P3\\\"\"; };\n"
    /* P1 a second time: upper-case class and key names, lower-case value */
    "instance of Test_DiskPartitionEx { Label = \"DP6\";\n"
    "    GroupComponent = \"root/cimv2:TEST_DISK.NAME=\\\"DISK1\\\"\";\n"
    "    PartComponent = \"Test_Partition.deviceid=\\\"p1\\\"\"; };\n"
    "instance of Test_Dependency { Label = \"Dep1\";\n"
    "    Antecedent = \"Test_Partition.DeviceID=\\\"P1\\\"\";\n"
    "    Dependent = \"Test_Volume.Id=\\\"V1\\\"\"; };\n"
    /* the superclass names a subclass's instance */
    "instance of Test_Dependency { Label = \"Dep2\";\n"
    "    Antecedent = \"Test_Partition.DeviceID=\\\"P1\\\"\";\n"
    "    Dependent = \"Test_Volume.Id=\\\"V2\\\"\"; };\n"
    "instance of Test_Dependency { Label = \"Dep3\";\n"
    "    Antecedent = \"Test_Partition.DeviceID=\\\"P2\\\"\";\n"
    "    Dependent = \"Test_BigVolume.Id=\\\"V2\\\"\"; };\n"
    "instance of Test_Mirror { Label = \"M1\";\n"
    "    Primary = \"Test_Disk.Name=\\\"Disk1\\\"\";\n"
    "    Secondary = \"Test_Disk.Name=\\\"Disk2\\\"\"; };\n"
    /* a disk related to itself */
    "instance of Test_Mirror { Label = \"M2\";\n"
    "    Primary = \"Test_Disk.Name=\\\"Disk3\\\"\";\n"
    "    Secondary = \"Test_Disk.Name=\\\"Disk3\\\"\"; };\n"
    /* hexadecimal, the keys in another order, true in lower case */
    "instance of Test_NumLink { Label = \"NL1\";\n"
    "    Disk = \"Test_Disk.Name=\\\"Disk3\\\"\";\n"
    "    Target = \"Test_Numbered.Flag=true,Num=0x1F\"; };\n";

static struct repo *repo;

/* ------------------------------------------------------------ helpers --- */

#define COLLECT_MAX 64

struct collect {
    size_t n;
    size_t stop_after;                  /* 0: never stop */
    char label[COLLECT_MAX][256];       /* Label, or the class name for a class */
    char relpath[COLLECT_MAX][512];
    char cls[COLLECT_MAX][64];
    int n_props[COLLECT_MAX];           /* -1: a class result */
};

static int
collect_one(const struct wql_assoc_result *r, void *arg)
{
    struct collect *c = arg;
    const char *label = NULL;

    if (c->n < COLLECT_MAX) {
        if (r->inst != NULL) {
            for (u_int i = 0; i < r->inst->properties.properties_len; i++) {
                const cim_property_value *pv = &r->inst->properties.properties_val[i];

                if (strcmp(pv->name, "Label") == 0 && !pv->value.is_null)
                    label = pv->value.items.items_val[0].cim_scalar_u.s;
            }
            c->n_props[c->n] = (int)r->inst->properties.properties_len;
        } else {
            c->n_props[c->n] = -1;
        }
        snprintf(c->label[c->n], sizeof(c->label[0]), "%s",
                 label != NULL ? label : r->inst != NULL ? r->relpath : r->cls->name);
        snprintf(c->relpath[c->n], sizeof(c->relpath[0]), "%s", r->relpath);
        snprintf(c->cls[c->n], sizeof(c->cls[0]), "%s", r->cls->name);
    }
    c->n++;
    return c->stop_after != 0 && c->n >= c->stop_after;
}

/* Parse TEXT and run it with MAX results into C.  -2 when it does not
 * parse (ERR says why). */
static int
run(const char *text, size_t max, struct collect *c, struct wql_error *err)
{
    struct wql_query *q = NULL;
    size_t stop_after = c->stop_after;
    int rc;

    memset(c, 0, sizeof(*c));
    c->stop_after = stop_after;
    memset(err, 0, sizeof(*err));
    if (wql_parse(text, &q, err) < 0)
        return -2;
    rc = wql_assoc_run(repo, NS, q, collect_one, c, max, err);
    wql_query_free(q);
    return rc;
}

static int
by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The answer to TEXT: its results' labels sorted and joined with ',' ("",
 * none), or "error CODE: message".  Points to static storage. */
static const char *
answer(const char *text)
{
    static char out[4096];
    static struct collect c;
    struct wql_error err;
    char *sorted[COLLECT_MAX];
    size_t len = 0;
    int rc;

    c.stop_after = 0;
    rc = run(text, 0, &c, &err);
    if (rc != 0) {
        const char *name = wbem_code_name(err.code);
        snprintf(out, sizeof(out), "error %s: %s", name != NULL ? name : "?", err.message);
        return out;
    }
    for (size_t i = 0; i < c.n && i < COLLECT_MAX; i++)
        sorted[i] = c.label[i];
    qsort(sorted, c.n < COLLECT_MAX ? c.n : COLLECT_MAX, sizeof(sorted[0]), by_name);
    out[0] = '\0';
    for (size_t i = 0; i < c.n && i < COLLECT_MAX; i++)
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i > 0 ? "," : "",
                                sorted[i]);
    return out;
}

#define CHECK(query, want) tap_is_str(answer(query), want, "%s", query)

/* TEXT must fail with CODE (and at column POS when POS is not 0), with
 * WORDS in the message. */
static void
check_error(const char *text, uint32_t code, unsigned pos, const char *words)
{
    static struct collect c;
    struct wql_error err;
    int rc;

    c.stop_after = 0;
    rc = run(text, 0, &c, &err);
    if (!tap_ok(rc == -1 && err.code == code && (pos == 0 || err.pos == pos) &&
                strstr(err.message, words) != NULL && c.n == 0,
                "%s: refused with %s (%s)", text, wbem_code_name(code), err.message))
        printf("#   rc %d, code %s, column %u: %s\n", rc,
               wbem_code_name(err.code) ? wbem_code_name(err.code) : "?", err.pos,
               err.message);
}

static int
compile_text(const char *text, size_t len, const char *name)
{
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;
    int rc;

    rc = mof_parse_buffer(text, len, name, NULL, &doc, &err);
    if (rc == 0)
        rc = mof_compile(repo, doc, NULL, NULL, &err);
    if (rc < 0)
        printf("# %s: %s\n", name, err != NULL ? err->message : "out of memory");
    mof_ast_document_free(doc);
    mof_ast_error_free(err);
    return rc;
}

/* Store a copy of DP4 whose GroupComponent is not an object path. */
static int
store_unparsable(void)
{
    struct repo_error err = { "", 0 };
    struct cim_path path = { 0 };
    cim_instance inst;
    char why[256];
    int rc = -1;

    memset(&inst, 0, sizeof(inst));
    if (cim_path_parse("Test_DiskPartition.GroupComponent=\"Test_Disk.Name=\\\"Disk2\\\"\","
                       "PartComponent=\"Test_Partition.DeviceID=\\\"P3\\\"\"", &path, why,
                       sizeof(why)) < 0 ||
        repo_instance_get(repo, NS, &path, &inst, &err) != 1)
        goto cleanup;
    for (u_int i = 0; i < inst.properties.properties_len; i++) {
        cim_property_value *pv = &inst.properties.properties_val[i];
        char **s = &pv->value.items.items_val[0].cim_scalar_u.s;

        if (strcmp(pv->name, "GroupComponent") == 0 || strcmp(pv->name, "Label") == 0) {
            free(*s);
            *s = strdup(strcmp(pv->name, "Label") == 0 ? "bad" : "this is not a path!");
            if (*s == NULL)
                goto cleanup;
        }
    }
    rc = repo_instance_put(repo, NS, &inst, REPO_PUT_CREATE, NULL, &err);

cleanup:
    if (rc < 0)
        printf("# storing the unparsable reference: %s\n", err.message);
    cim_path_clear(&path);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
    return rc;
}

/* ------------------------------------------------------------- tests --- */

static void
test_references(void)
{
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"}", "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {Test_Disk.Name=\"disk1\"}", "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {root/cimv2:Test_Disk.Name=\"Disk1\"}", "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {ROOT/CIMV2:test_disk.name=\"Disk1\"}", "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {//./root/cimv2:Test_Disk.Name=\"Disk1\"}", "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {//localhost/root/cimv2:Test_Disk.Name=\"Disk1\"}",
          "DP1,DP2,DP3,DP6,M1");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_DiskPartition",
          "DP1,DP2,DP3,DP6");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_DiskPartitionEx",
          "DP2,DP6");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Dependency", "");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE Role = GroupComponent",
          "DP1,DP2,DP3,DP6");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE Role = PartComponent", "");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE Role = primary", "M1");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk2\"} WHERE Role = Secondary", "M1");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE Role = NoSuchRole", "");
    CHECK("REFERENCES OF {Test_Partition.DeviceID=\"P1\"}", "DP1,DP6,Dep1,Dep2");
    CHECK("REFERENCES OF {Test_Partition.DeviceID=\"P1\"} WHERE RequiredQualifier = Test_Tag",
          "Dep1,Dep2");
    CHECK("REFERENCES OF {Test_Partition.DeviceID=\"P1\"} WHERE RequiredQualifier = "
          "Test_Marked", "");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ClassDefsOnly",
          "Test_DiskPartition,Test_DiskPartitionEx,Test_Mirror");
    CHECK("REFERENCES OF {Test_Partition.DeviceID=\"P1\"} WHERE ClassDefsOnly "
          "RequiredQualifier = Test_Tag", "Test_Dependency");
    /* The source through its superclass, and references naming either. */
    CHECK("REFERENCES OF {Test_Volume.Id=\"V2\"}", "Dep2,Dep3");
    CHECK("REFERENCES OF {Test_BigVolume.Id=\"v2\"}", "Dep2,Dep3");
    CHECK("REFERENCES OF {Test_Volume.Id=\"V1\"}", "Dep1");
    /* Keys compared as their types: 0x1F is 31, true is TRUE. */
    CHECK("REFERENCES OF {Test_Numbered.Num=31,Flag=TRUE}", "NL1");
    CHECK("REFERENCES OF {Test_Numbered.Flag=TRUE,Num=+31}", "NL1");
    /* A reference in another namespace does not designate P3's disk; an
     * unparsable reference is skipped, its association found by the other. */
    CHECK("REFERENCES OF {Test_Partition.DeviceID=\"P3\"}", "DP4,DP5,bad");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk2\"}", "DP4,M1");
    CHECK("REFERENCES OF {Test_Disk.Name=\"Disk3\"}", "M2,NL1");
}

static void
test_associators(void)
{
    /* P1 through DP1 and DP6 once; the missing "Gone" skipped. */
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"}", "d2,p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"DISK1\"}", "d2,p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = Test_DiskPartition",
          "p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = Test_DiskPartitionEx",
          "p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = Test_Mirror", "d2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = Test_Dependency", "");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Partition",
          "p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Disk", "d2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"}", "d1,v1,v2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE ResultClass = Test_Volume",
          "v1,v2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE ResultClass = Test_BigVolume",
          "v2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P2\"}", "d1,v2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE Role = Primary", "d2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE Role = Secondary", "");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk2\"} WHERE Role = Secondary", "d1");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultRole = PartComponent",
          "p1,p2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultRole = Secondary", "d2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultRole = GroupComponent", "");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE RequiredQualifier = Test_Marked",
          "p1,p2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE RequiredAssocQualifier = "
          "Test_Tag", "v1,v2");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE RequiredAssocQualifier = "
          "Test_Marked", "");
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE ClassDefsOnly",
          "Test_BigVolume,Test_Disk,Test_Volume");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ClassDefsOnly AssocClass = "
          "Test_DiskPartition", "Test_Partition");
    /* Only the missing end: nothing, and no error. */
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = Test_DiskPartition "
          "Role = GroupComponent ResultRole = PartComponent ResultClass = Test_Partition",
          "p1,p2");
    /* Disk3 is its own mirror. */
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk3\"}", "d3,n31");
    CHECK("ASSOCIATORS OF {Test_Numbered.Num=0x1f,Flag=TRUE}", "d3");
    /* DP5's disk is in another namespace, "bad"'s is no path. */
    CHECK("ASSOCIATORS OF {Test_Partition.DeviceID=\"P3\"}", "d2");
    CHECK("ASSOCIATORS OF {Test_Disk.Name=\"Disk2\"}", "d1,p3");
    CHECK("ASSOCIATORS OF {Test_Volume.Id=\"V2\"}", "p1,p2");
}

static void
test_shapes(void)
{
    static struct collect c;
    struct wql_error err;
    int rc;

    c.stop_after = 0;
    rc = run("ASSOCIATORS OF {Test_Partition.DeviceID=\"P1\"} WHERE ResultClass = Test_Volume",
             0, &c, &err);
    tap_ok(rc == 0 && c.n == 2, "two volumes");
    for (size_t i = 0; i < c.n && i < 2; i++)
        if (strcmp(c.label[i], "v2") == 0) {
            tap_is_str(c.cls[i], "Test_BigVolume", "a result's class is its own class");
            tap_is_str(c.relpath[i], "Test_BigVolume.Id=\"V2\"",
                       "its relative path names that class");
            tap_is_int(c.n_props[i], 3, "it has all its properties (Id, Label, Extent)");
        }

    rc = run("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Partition "
             "KeysOnly", 0, &c, &err);
    tap_ok(rc == 0 && c.n == 2 && c.n_props[0] == 1 && c.n_props[1] == 1,
           "KeysOnly: each partition with its key only");
    tap_ok(c.n == 2 && strncmp(c.label[0], "Test_Partition.DeviceID=", 24) == 0,
           "KeysOnly: the relative path is still there (%s)", c.label[0]);

    rc = run("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Mirror KeysOnly",
             0, &c, &err);
    tap_ok(rc == 0 && c.n == 1 && c.n_props[0] == 2, "KeysOnly association: both references");
    tap_is_str(c.relpath[0], "Test_Mirror.Primary=\"Test_Disk.Name=\\\"Disk1\\\"\","
               "Secondary=\"Test_Disk.Name=\\\"Disk2\\\"\"", "its relative path");

    rc = run("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = Test_Mirror", 0, &c,
             &err);
    tap_ok(rc == 0 && c.n == 1 && c.n_props[0] == 3, "without KeysOnly: every property");

    rc = run("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ClassDefsOnly", 0, &c, &err);
    tap_ok(rc == 0 && c.n == 3 && c.n_props[0] == -1 && strcmp(c.relpath[0], c.cls[0]) == 0,
           "ClassDefsOnly: classes, no instance, the name as path");
}

static void
test_schema(void)
{
    CHECK("REFERENCES OF {Test_Disk} WHERE SchemaOnly",
          "Test_DiskPartition,Test_DiskPartitionEx,Test_Mirror,Test_NumLink");
    CHECK("REFERENCES OF {Test_Partition} WHERE SchemaOnly",
          "Test_Dependency,Test_DiskPartition,Test_DiskPartitionEx");
    CHECK("REFERENCES OF {Test_Partition} WHERE SchemaOnly Role = PartComponent",
          "Test_DiskPartition,Test_DiskPartitionEx");
    CHECK("REFERENCES OF {Test_Partition} WHERE SchemaOnly RequiredQualifier = Test_Tag",
          "Test_Dependency");
    CHECK("REFERENCES OF {Test_Partition} WHERE SchemaOnly ResultClass = Test_DiskPartition",
          "Test_DiskPartition,Test_DiskPartitionEx");
    CHECK("REFERENCES OF {Test_BigVolume} WHERE SchemaOnly", "Test_Dependency");
    CHECK("REFERENCES OF {Test_Holder} WHERE SchemaOnly", "");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly", "Test_Disk,Test_Numbered,Test_Partition");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly AssocClass = Test_Mirror", "Test_Disk");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly ResultClass = Test_Partition",
          "Test_Partition");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly RequiredQualifier = Test_Marked",
          "Test_Partition");
    CHECK("ASSOCIATORS OF {Test_Partition} WHERE SchemaOnly RequiredAssocQualifier = Test_Tag",
          "Test_Volume");
    CHECK("ASSOCIATORS OF {Test_BigVolume} WHERE SchemaOnly", "Test_Partition");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly Role = Disk", "Test_Numbered");
    CHECK("ASSOCIATORS OF {Test_Disk} WHERE SchemaOnly ResultRole = Secondary", "Test_Disk");
}

static void
test_bounds(void)
{
    static struct collect c;
    struct wql_error err;
    int rc;

    c.stop_after = 0;
    rc = run("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"}", 2, &c, &err);
    tap_ok(rc == -1 && err.code == WBEM_E_FAILED && c.n == 2,
           "more results than the bound: an error after the bound's worth");
    tap_ok(strstr(err.message, "more than 2 results") != NULL &&
           strstr(err.message, "AssocClass, ResultClass, Role or ResultRole") != NULL,
           "the message says how to narrow the query (%s)", err.message);
    rc = run("REFERENCES OF {Test_Disk.Name=\"Disk1\"}", 4, &c, &err);
    tap_ok(rc == -1 && strstr(err.message, "narrow it with ResultClass or Role") != NULL,
           "REFERENCES names its own keywords (%s)", err.message);
    rc = run("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"}", 3, &c, &err);
    tap_ok(rc == 0 && c.n == 3, "exactly the bound is fine");
    rc = run("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ClassDefsOnly", 2, &c, &err);
    tap_ok(rc == -1 && c.n == 2, "classes count against the bound too");

    c.stop_after = 1;
    rc = run("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"}", 0, &c, &err);
    tap_ok(rc == 0 && c.n == 1, "a callback that returns non-zero stops the run, without error");
    rc = run("REFERENCES OF {Test_Disk} WHERE SchemaOnly", 0, &c, &err);
    tap_ok(rc == 0 && c.n == 1, "... also for schema results");
    c.stop_after = 0;
}

static void
test_errors(void)
{
    static struct collect c;
    struct wql_query *q = NULL;
    struct wql_error err;
    int rc;

    /* "ASSOCIATORS OF {" is 16 characters: the path starts at column 17. */
    check_error("ASSOCIATORS OF {root/other:Test_Disk.Name=\"Disk1\"}",
                WBEM_E_INVALID_OBJECT_PATH, 17, "namespace root/other");
    check_error("REFERENCES OF {//elsewhere.example/root/cimv2:Test_Disk.Name=\"Disk1\"}",
                WBEM_E_INVALID_OBJECT_PATH, 16, "host elsewhere.example");
    check_error("ASSOCIATORS OF {Test_Disk.Name=\"Nope\"}", WBEM_E_NOT_FOUND, 17,
                "no instance Test_Disk.Name=\"Nope\" in namespace root/cimv2");
    check_error("REFERENCES OF {No_Such_Class.Name=\"x\"}", WBEM_E_INVALID_CLASS, 16,
                "No_Such_Class");
    check_error("ASSOCIATORS OF {Test_Disk.Id=\"x\"}", WBEM_E_INVALID_OBJECT_PATH, 17,
                "Id is not a key of class Test_Disk");
    check_error("ASSOCIATORS OF {Test_Disk}", WBEM_E_INVALID_QUERY, 17, "add SchemaOnly");
    check_error("REFERENCES OF {Test_Disk} WHERE ClassDefsOnly", WBEM_E_INVALID_QUERY, 16,
                "is a class");
    check_error("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE SchemaOnly",
                WBEM_E_INVALID_QUERY, 17, "leave SchemaOnly out");
    check_error("ASSOCIATORS OF {No_Such_Class} WHERE SchemaOnly", WBEM_E_INVALID_CLASS, 17,
                "No_Such_Class");
    check_error("ASSOCIATORS OF {Test_Disk.Name=\"Disk1\"} WHERE AssocClass = No_Such",
                WBEM_E_INVALID_CLASS, 0, "AssocClass names class No_Such");
    check_error("REFERENCES OF {Test_Disk.Name=\"Disk1\"} WHERE ResultClass = No_Such",
                WBEM_E_INVALID_CLASS, 0, "ResultClass names class No_Such");

    /* A malformed path (the parser refuses one, so set it afterwards). */
    memset(&err, 0, sizeof(err));
    if (wql_parse("  ASSOCIATORS OF { Test_Disk.Name=\"Disk1\" }", &q, &err) == 0) {
        free(q->object_path);
        q->object_path = strdup("Test_Disk.Name=\"Disk1");
        rc = q->object_path != NULL ? wql_assoc_run(repo, NS, q, collect_one, &c, 0, &err) : 0;
        tap_ok(rc == -1 && err.code == WBEM_E_INVALID_OBJECT_PATH && err.pos == 20 &&
               strncmp(err.message, "column 20: the object path is not valid: ", 41) == 0 &&
               strstr(err.message, "closing quote") != NULL,
               "a malformed path: INVALID_OBJECT_PATH at its column (%s)", err.message);
        q->kind = WQL_QUERY_SELECT;
        rc = wql_assoc_run(repo, NS, q, collect_one, &c, 0, &err);
        tap_ok(rc == -1 && err.code == WBEM_E_INVALID_QUERY, "a SELECT query is refused");
    } else {
        tap_ok(0, "the query parses: %s", err.message);
        tap_ok(0, "(skipped)");
    }
    wql_query_free(q);

    q = NULL;
    if (wql_parse("REFERENCES OF {Test_Disk.Name=\"Disk1\"}", &q, &err) == 0) {
        rc = wql_assoc_run(repo, "root/nowhere", q, collect_one, &c, 0, &err);
        tap_ok(rc == -1 && err.code == WBEM_E_INVALID_NAMESPACE,
               "a namespace that does not exist: INVALID_NAMESPACE (%s)", err.message);
    } else {
        tap_ok(0, "the query parses: %s", err.message);
    }
    wql_query_free(q);
}

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    struct repo_error err = { "", 0 };
    char dir[4096], file[4200], aux[4300];
    bool ready = true;

    snprintf(dir, sizeof(dir), "%s/tests/tmp", top ? top : ".");
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/tests/tmp/wql-assoc.XXXXXX", top ? top : ".");
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! cannot create a directory under %s/tests/tmp\n", top ? top : ".");
        return 1;
    }
    snprintf(file, sizeof(file), "%s/repo.db", dir);
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) < 0) {
        printf("Bail out! cannot create the repository %s: %s\n", file, err.message);
        return 1;
    }
    ready = schema_mof_files_count > 0 && strcmp(schema_mof_files[0].name, "qualifiers.mof") == 0 &&
            compile_text(schema_mof_files[0].text, schema_mof_files[0].len, "qualifiers.mof") == 0;
    tap_ok(ready, "the standard qualifiers compile");
    ready = ready && compile_text(model, sizeof(model) - 1, "model.mof") == 0;
    tap_ok(ready, "the model compiles");
    ready = ready && store_unparsable() == 0;
    tap_ok(ready, "an association with an unparsable reference is stored");
    if (ready) {
        test_references();
        test_associators();
        test_shapes();
        test_schema();
        test_bounds();
        test_errors();
    }
    repo_close(repo);
    unlink(file);
    snprintf(aux, sizeof(aux), "%s-wal", file);
    unlink(aux);
    snprintf(aux, sizeof(aux), "%s-shm", file);
    unlink(aux);
    rmdir(dir);
    tap_plan(tap_n);    /* at the end: a model that does not load skips the rest */
    return tap_done();
}
