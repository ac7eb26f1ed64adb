/*
 * repo_like.c: the SQL function cim_like(pattern, value), WQL's LIKE
 * (query/wql_like.h) for the filters the WQL translator builds.
 *
 * The pattern is compiled once per statement execution and kept with
 * sqlite3_set_auxdata(), so a scan over a million rows compiles it once.
 * NULL on either side gives NULL (SQL's three-valued logic, as WQL's
 * evaluator does); a value that is not text (a number in a column of
 * type ANY) is matched as SQLite renders it.  A pattern that does not
 * compile fails the statement with the reason (the translator has
 * compiled it already, so that happens only on misuse).
 */
#include <config.h>

#include <sqlite3.h>

#include "query/wql_like.h"
#include "repository/repo_internal.h"

static void
repo_like_free_pattern(void *p)
{
    wql_like_free(p);
}

static void
repo_like_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct wql_like *like, *compiled = NULL;
    const unsigned char *pattern, *text;
    char why[256];

    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;                 /* the result stays NULL */
    like = sqlite3_get_auxdata(ctx, 0);
    if (like == NULL) {
        if ((pattern = sqlite3_value_text(argv[0])) == NULL) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        if (wql_like_compile((const char *)pattern, &compiled, why, sizeof(why)) < 0) {
            sqlite3_result_error(ctx, why, -1);
            return;
        }
        like = compiled;
    }
    if ((text = sqlite3_value_text(argv[1])) == NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_int(ctx, wql_like_match(like, (const char *)text));
    /* Kept for the next rows; SQLite frees it (at once, if it cannot keep
     * it), so it is not used after this. */
    if (compiled != NULL)
        sqlite3_set_auxdata(ctx, 0, compiled, repo_like_free_pattern);
}

int
repo_like_register(struct repo *repo, struct repo_error *err)
{
    if (sqlite3_create_function_v2(repo->db, "cim_like", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   repo_like_sql, NULL, NULL, NULL) != SQLITE_OK)
        return repo_fail(repo, err, "registering the LIKE function");
    return 0;
}
