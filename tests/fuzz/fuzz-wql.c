/*
 * fuzz-wql.c: fuzz target for the WQL parser (server/query/wql_parser.h).
 *
 * The input, cut at its first NUL, is parsed with wql_parse_any() (data
 * and event queries alike); a parse must either return a query, which is
 * then freed, or fail with a message.  ASan catches leaks and overruns.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "query/wql_ast.h"
#include "query/wql_parser.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wql_query *q = NULL;
    struct wql_error err;
    char *text;

    if ((text = malloc(size + 1)) == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&err, 0, sizeof(err));
    if (wql_parse_any(text, &q, &err) == 0) {
        if (q == NULL)
            abort();                    /* success must return a query */
    } else if (q != NULL || err.message[0] == '\0') {
        abort();                        /* failure: no query, a message */
    }
    wql_query_free(q);
    free(text);
    return 0;
}
