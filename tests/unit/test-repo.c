/*
 * test-repo.c: the repository file and its namespace tree: creation and
 * migrations, reopening, case-insensitive paths, parents required,
 * subtree deletion, transactions that roll back leaving nothing, refusal
 * of damaged files and of files from a newer cimrpc; the WBEM code of
 * each refusal.
 */
#include <config.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/wbem.h"
#include "repository/repo.h"
#include "repository/repo_migrations.h"
#include "repository/repo_namespace.h"
#include "tap.h"

static char dir[4096];

static const char *
path_in(const char *name)
{
    static char buf[4200];

    snprintf(buf, sizeof(buf), "%s/%s", dir, name);
    return buf;
}

static int
collect(const char *path, void *arg)
{
    char *out = arg;

    strcat(out, path);
    strcat(out, ";");
    return 0;
}

static bool
exists(struct repo *repo, const char *path)
{
    int64_t id;

    return repo_namespace_find(repo, path, &id, NULL) == 1;
}

int
main(void)
{
    const char *top = getenv("abs_top_builddir");
    struct repo_error err = { "", 0 };
    struct repo *repo = NULL, *again = NULL;
    char list[1024] = "";
    char file[4200];
    FILE *f;

    tap_plan(29);
    snprintf(dir, sizeof(dir), "%s/tests/tmp/repo.XXXXXX", top ? top : ".");
    {
        char parent[4096];
        snprintf(parent, sizeof(parent), "%s/tests/tmp", top ? top : ".");
        if (mkdir(parent, 0755) < 0 && access(parent, F_OK) < 0)
            return 1;
    }
    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(file, sizeof(file), "%s", path_in("repo.db"));

    tap_ok(repo_open(file, 0, &repo, &err) < 0 && strstr(err.message, "No such file"),
           "a missing repository is not created without REPO_OPEN_CREATE (%s)", err.message);
    tap_is_int(err.code, WBEM_E_FAILED, "with code WBEM_E_FAILED");
    tap_ok(repo_open(file, REPO_OPEN_CREATE, &repo, &err) == 0, "a new repository is created");
    tap_is_int(repo_schema_version(repo), (long long)repo_migrations_count,
               "every migration is applied");
    tap_ok(exists(repo, "root") && exists(repo, "root/cimv2"), "root and root/cimv2 exist from the start");

    tap_ok(repo_namespace_create(repo, "root/cimv2", &err) < 0 && strstr(err.message, "already exists"),
           "creating an existing namespace is refused");
    tap_is_int(err.code, WBEM_E_ALREADY_EXISTS, "with code WBEM_E_ALREADY_EXISTS");
    tap_ok(repo_namespace_create(repo, "root/cimv2", NULL) < 0 &&
           repo_namespace_create(repo, "root//x", NULL) < 0,
           "a refusal without an error record to fill is still reported");
    tap_ok(exists(repo, "ROOT/CIMV2"), "paths are found without regard to case");
    tap_ok(repo_namespace_create(repo, "root/CIMv2", &err) < 0 &&
           strstr(err.message, "already exists"), "a duplicate differing in case is refused");
    tap_ok(repo_namespace_create(repo, "root/a/b", &err) < 0 &&
           strstr(err.message, "parent namespace root/a does not exist") && !exists(repo, "root/a/b"),
           "a namespace without its parent is refused, naming the parent");
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "with code WBEM_E_INVALID_NAMESPACE");
    tap_ok(repo_namespace_create(repo, "root//x", &err) < 0 && strstr(err.message, "empty segment"),
           "an empty segment is refused");
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "a malformed path is WBEM_E_INVALID_NAMESPACE too");
    tap_ok(repo_namespace_create(repo, "other/x", &err) < 0 && strstr(err.message, "below root"),
           "a namespace outside root is refused");
    tap_ok(repo_namespace_create(repo, "root/a-b", &err) < 0 && strstr(err.message, "contains '-'"),
           "a name with '-' is refused, naming the character");

    tap_ok(repo_namespace_create(repo, "root/cimv2/sub", &err) == 0 &&
           repo_namespace_create(repo, "root/interop", &err) == 0 &&
           repo_namespace_children(repo, "root", collect, list, &err) == 0 &&
           strcmp(list, "root/cimv2;root/interop;") == 0,
           "children are listed in order (%s)", list);

    tap_ok(repo_begin(repo, &err) == 0 && repo_namespace_create(repo, "root/t", &err) == 0 &&
           exists(repo, "root/t"), "a namespace created inside a transaction is visible in it");
    repo_rollback(repo);
    tap_ok(!exists(repo, "root/t"), "rolled back, it is gone");

    tap_ok(repo_open(file, 0, &again, &err) == 0 && exists(again, "root/cimv2/sub"),
           "a committed namespace is seen by a second connection");
    repo_close(again);
    again = NULL;

    tap_ok(repo_namespace_delete(repo, "root/cimv2", &err) == 0 && !exists(repo, "root/cimv2") &&
           !exists(repo, "root/cimv2/sub") && exists(repo, "root/interop"),
           "deleting a namespace deletes its subtree and nothing else");
    tap_ok(repo_namespace_delete(repo, "root", &err) < 0 && strstr(err.message, "cannot be deleted"),
           "root cannot be deleted");
    tap_is_int(err.code, WBEM_E_NOT_SUPPORTED, "with code WBEM_E_NOT_SUPPORTED");
    tap_ok(repo_namespace_delete(repo, "root/none", &err) < 0 && strstr(err.message, "does not exist"),
           "deleting a missing namespace says so");
    tap_is_int(err.code, WBEM_E_INVALID_NAMESPACE, "with code WBEM_E_INVALID_NAMESPACE");
    repo_close(repo);
    repo = NULL;

    tap_ok(repo_open(file, 0, &repo, &err) == 0 && exists(repo, "root/interop") &&
           repo_schema_version(repo) == (int)repo_migrations_count,
           "reopening keeps everything and applies nothing twice");
    repo_close(repo);
    repo = NULL;

    /* A file from a newer cimrpc. */
    {
        sqlite3 *db;
        char sql[64];
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %zu", repo_migrations_count + 1);
        sqlite3_open(file, &db);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        sqlite3_close(db);
        tap_ok(repo_open(file, 0, &repo, &err) < 0 && strstr(err.message, "newer than this cimrpcd"),
               "a repository from a newer cimrpc is refused (%s)", err.message);
    }

    /* Garbage where the database should be. */
    snprintf(file, sizeof(file), "%s", path_in("garbage.db"));
    f = fopen(file, "w");
    for (int i = 0; f != NULL && i < 4096; i++)
        fputc("not a database "[i % 15], f);
    if (f != NULL)
        fclose(f);
    tap_ok(repo_open(file, 0, &repo, &err) < 0 && strstr(err.message, "move it away"),
           "a file that is not a database is refused with what to do (%s)", err.message);

    /* A database whose pages are damaged after its header. */
    snprintf(file, sizeof(file), "%s", path_in("damaged.db"));
    if (repo_open(file, REPO_OPEN_CREATE, &repo, &err) == 0) {
        for (int i = 0; i < 200; i++) {
            char name[64];
            snprintf(name, sizeof(name), "root/n%03d_padding_to_fill_some_pages_of_the_index", i);
            repo_namespace_create(repo, name, &err);
        }
        repo_close(repo);
        repo = NULL;
    }
    f = fopen(file, "r+");
    if (f != NULL) {
        fseek(f, 4096, SEEK_SET);           /* pages 2 to 4, headers included */
        for (int i = 0; i < 3 * 4096; i++)
            fputc(0xA5, f);
        fclose(f);
    }
    tap_ok(repo_open(file, 0, &repo, &err) < 0 &&
           (strstr(err.message, "damaged") || strstr(err.message, "not a usable")),
           "a damaged repository is refused, not repaired silently (%s)", err.message);
    repo_close(repo);
    return tap_done();
}
