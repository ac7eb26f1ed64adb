/*
 * fuzz-mof.c: fuzz target for the MOF parser (server/mof/mof_parser.h).
 *
 * The input is parsed as one buffer with includes refused, so no file is
 * ever read.  A parse returns either a document or an error with a
 * message, never both; each is freed.
 */
#include <config.h>

#include <stdlib.h>

#include "mof/mof_ast.h"
#include "mof/mof_parser.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mof_parse_options opts = { .include_mode = MOF_INCLUDE_REFUSE };
    struct mof_document *doc = NULL;
    struct mof_error *err = NULL;

    if (mof_parse_buffer((const char *)data, size, "fuzz.mof", &opts, &doc, &err) == 0) {
        if (doc == NULL || err != NULL)
            abort();
    } else if (doc != NULL || (err != NULL && err->message == NULL)) {
        abort();                        /* err NULL only when memory ran out */
    }
    mof_ast_document_free(doc);
    mof_ast_error_free(err);
    return 0;
}
