/*
 * import.c: the offline MOF import of cimrpcd.
 *
 * The import is one transaction: it is either all stored and durable
 * when this reports success, or nothing of it is (a parse error, a
 * compile error, a crash, a kill).  A running daemon may keep serving;
 * SQLite's locking makes the import wait for, and then exclude, the
 * daemon's writes.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "import.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "mof/mof_schema.h"
#include "security/namespace_policy.h"

int
import_run(const struct daemon_options *opts)
{
    struct mof_compile_options copts = {
        .nspace = opts->import_namespace,
        .namespace_created = mof_schema_namespace_created,
        .namespace_sddl = namespace_policy_sddl,
        .namespace_encryption = namespace_policy_encryption,
        .namespace_security_arg = NULL,     /* offline: the repository's owner */
    };
    struct mof_compile_stats stats;
    struct mof_document *doc = NULL;
    struct mof_error *merr = NULL;
    struct repo_error rerr;
    struct repo *repo = NULL;
    int status = 1;

    if (mof_parse_file(opts->import, NULL, &doc, &merr) < 0) {
        fprintf(stderr, "cimrpcd: %s\n", merr != NULL ? merr->message : "out of memory");
        goto cleanup;
    }
    if (mof_schema_open_repository(opts->repository, &repo, &rerr) < 0) {
        fprintf(stderr, "cimrpcd: %s\n", rerr.message);
        goto cleanup;
    }
    if (mof_compile(repo, doc, &copts, &stats, &merr) < 0) {
        fprintf(stderr, "cimrpcd: %s\ncimrpcd: nothing was imported from %s\n",
                merr != NULL ? merr->message : "out of memory", opts->import);
        goto cleanup;
    }
    printf("imported %s into %s: %u qualifier declaration%s, %u class%s, %u instance%s, "
           "%u namespace%s created\n", opts->import, opts->repository,
           stats.qualifiers, stats.qualifiers == 1 ? "" : "s",
           stats.classes, stats.classes == 1 ? "" : "es",
           stats.instances, stats.instances == 1 ? "" : "s",
           stats.namespaces, stats.namespaces == 1 ? "" : "s");
    status = fflush(stdout) == 0 ? 0 : 1;

cleanup:
    repo_close(repo);
    mof_ast_error_free(merr);
    mof_ast_document_free(doc);
    return status;
}
