/*
 * test-repo-qualifier.c: qualifier declarations in the repository: round
 * trip, replacement, names without regard to case, namespaces kept apart
 * (and deleted with theirs), listing in name order, checks on what is
 * stored, deletion, and rollback leaving nothing; the WBEM code of each
 * kind of refusal.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/wbem.h"
#include "repository/repo.h"
#include "repository/repo_namespace.h"
#include "repository/repo_qualifier.h"
#include "tap.h"

#define NS "root/cimv2"

static cim_scalar default_item;

/* A scalar qualifier declaration; NAME is borrowed. */
static cim_qualifier_decl
make_decl(const char *name, cim_type type, bool has_default)
{
    cim_qualifier_decl d;

    memset(&d, 0, sizeof(d));
    d.name = (char *)name;
    d.type = type;
    d.default_value.type = type;
    d.scopes = CIM_SCOPE_CLASS | CIM_SCOPE_PROPERTY;
    d.flavor = CIM_FLAVOR_TO_SUBCLASS | CIM_FLAVOR_DISABLE_OVERRIDE;
    if (has_default) {
        default_item.type = type;
        d.default_value.items.items_len = 1;
        d.default_value.items.items_val = &default_item;
    } else {
        d.default_value.is_null = TRUE;
    }
    return d;
}

static int
collect(const cim_qualifier_decl *decl, void *arg)
{
    strcat(arg, decl->name);
    strcat(arg, ";");
    return 0;
}

static int
stop_at_first(const cim_qualifier_decl *decl, void *arg)
{
    (*(int *)arg)++;
    return 1;
}

static bool
declared(struct repo *repo, const char *ns, const char *name)
{
    cim_qualifier_decl d;
    int found;

    memset(&d, 0, sizeof(d));
    found = repo_qualifier_get(repo, ns, name, &d, NULL);
    if (found == 1)
        xdr_free((xdrproc_t)xdr_cim_qualifier_decl, &d);
    return found == 1;
}

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    struct repo_error err = { "", 0 };
    struct repo *repo = NULL;
    char dir[4096], file[4200], list[1024];
    cim_qualifier_decl d, got;
    int calls = 0;

    tap_plan(25);
    snprintf(dir, sizeof(dir), "%s/tests/tmp", top ? top : ".");
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/tests/tmp/repo-qualifier.XXXXXX", top ? top : ".");
    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(file, sizeof(file), "%s/repo.db", dir);
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) < 0) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }

    d = make_decl("Key", CIM_TYPE_BOOLEAN, true);
    default_item.cim_scalar_u.b = FALSE;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) == 0, "a declaration is stored (%s)", err.message);
    memset(&got, 0, sizeof(got));
    tap_ok(repo_qualifier_get(repo, NS, "KEY", &got, &err) == 1 && strcmp(got.name, "Key") == 0 &&
           got.type == CIM_TYPE_BOOLEAN && !got.default_value.is_null &&
           got.default_value.items.items_len == 1 &&
           got.default_value.items.items_val[0].cim_scalar_u.b == FALSE &&
           got.scopes == (CIM_SCOPE_CLASS | CIM_SCOPE_PROPERTY) &&
           got.flavor == (CIM_FLAVOR_TO_SUBCLASS | CIM_FLAVOR_DISABLE_OVERRIDE),
           "it reads back whole, by a name in another case");
    xdr_free((xdrproc_t)xdr_cim_qualifier_decl, &got);

    d = make_decl("key", CIM_TYPE_BOOLEAN, true);
    default_item.cim_scalar_u.b = TRUE;
    d.scopes = CIM_SCOPE_PROPERTY | CIM_SCOPE_REFERENCE;
    memset(&got, 0, sizeof(got));
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) == 0 &&
           repo_qualifier_get(repo, NS, "Key", &got, &err) == 1 &&
           strcmp(got.name, "key") == 0 && got.scopes == (CIM_SCOPE_PROPERTY | CIM_SCOPE_REFERENCE) &&
           got.default_value.items.items_val[0].cim_scalar_u.b == TRUE,
           "storing a declaration again (other case) replaces it");
    xdr_free((xdrproc_t)xdr_cim_qualifier_decl, &got);

    d = make_decl("Description", CIM_TYPE_STRING, false);
    d.flavor |= CIM_FLAVOR_TRANSLATABLE;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) == 0, "a string qualifier without a default");
    d = make_decl("ValueMap", CIM_TYPE_STRING, false);
    d.is_array = TRUE;
    d.default_value.is_array = TRUE;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) == 0, "an array qualifier");
    d = make_decl("MaxLen", CIM_TYPE_UINT32, true);
    default_item.cim_scalar_u.u = 4096;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) == 0, "a numeric qualifier with a default");

    list[0] = '\0';
    tap_ok(repo_qualifier_enumerate(repo, NS, collect, list, &err) == 0 &&
           strcmp(list, "Description;key;MaxLen;ValueMap;") == 0,
           "declarations are listed in name order, without regard to case (%s)", list);
    tap_ok(repo_qualifier_enumerate(repo, NS, stop_at_first, &calls, &err) == 0 && calls == 1,
           "the callback stops the listing");
    tap_ok(!declared(repo, "root", "Key"), "namespaces are kept apart");
    tap_ok(repo_qualifier_get(repo, "root/none", "Key", &got, &err) < 0 &&
           strstr(err.message, "namespace root/none does not exist"),
           "reading in a missing namespace says so (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "with code WBEM_E_INVALID_NAMESPACE");

    /* What is refused, and why. */
    d = make_decl("Bad Name", CIM_TYPE_STRING, false);
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) < 0 && strstr(err.message, "not a valid qualifier name"),
           "an invalid name (%s)", err.message);
    tap_is_int(err.code, WBEM_E_INVALID_PARAMETER, "a malformed declaration is "
               "WBEM_E_INVALID_PARAMETER");
    d = make_decl("Emb", CIM_TYPE_INSTANCE, false);
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) < 0 && strstr(err.message, "qualifier Emb has type code 16"),
           "an embedded-instance qualifier (%s)", err.message);
    d = make_decl("NoScope", CIM_TYPE_STRING, false);
    d.scopes = 0;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) < 0 && strstr(err.message, "scopes 0x0"),
           "a declaration without scopes (%s)", err.message);
    d = make_decl("Flav", CIM_TYPE_STRING, false);
    d.flavor = 0x100;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) < 0 && strstr(err.message, "unknown flavor bits 0x100"),
           "unknown flavor bits (%s)", err.message);
    d = make_decl("Mixed", CIM_TYPE_UINT32, true);
    d.default_value.type = CIM_TYPE_STRING;
    tap_ok(repo_qualifier_put(repo, NS, &d, &err) < 0 &&
           strstr(err.message, "default value of qualifier Mixed is not of its declared type"),
           "a default of another type (%s)", err.message);
    tap_is_int(err.code, WBEM_E_TYPE_MISMATCH, "with code WBEM_E_TYPE_MISMATCH");
    d = make_decl("Elsewhere", CIM_TYPE_STRING, false);
    tap_ok(repo_qualifier_put(repo, "root/none", &d, &err) < 0 &&
           strstr(err.message, "namespace root/none does not exist"), "a missing namespace is named");

    tap_ok(repo_qualifier_delete(repo, NS, "maxlen", &err) == 0 && !declared(repo, NS, "MaxLen"),
           "a declaration is deleted by a name in another case");
    tap_ok(repo_qualifier_delete(repo, NS, "MaxLen", &err) < 0 &&
           strstr(err.message, "qualifier MaxLen is not declared in namespace root/cimv2"),
           "deleting a missing declaration says so (%s)", err.message);
    tap_is_int(err.code, WBEM_E_NOT_FOUND, "with code WBEM_E_NOT_FOUND");

    repo_begin(repo, &err);
    d = make_decl("Temporary", CIM_TYPE_STRING, false);
    repo_qualifier_put(repo, NS, &d, &err);
    tap_ok(declared(repo, NS, "Temporary"), "a declaration is visible in its transaction");
    repo_rollback(repo);
    tap_ok(!declared(repo, NS, "Temporary"), "and gone after a rollback");

    repo_namespace_create(repo, "root/other", &err);
    d = make_decl("Local", CIM_TYPE_STRING, false);
    repo_qualifier_put(repo, "root/other", &d, &err);
    tap_ok(declared(repo, "root/other", "Local") &&
           repo_namespace_delete(repo, "root/other", &err) == 0 &&
           repo_namespace_create(repo, "root/other", &err) == 0 &&
           !declared(repo, "root/other", "Local"),
           "a namespace's declarations go with it");
    repo_close(repo);
    return tap_done();
}
