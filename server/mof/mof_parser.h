/*
 * mof_parser.h: the MOF parser, a recursive-descent front end that turns
 * MOF text (DMTF DSP0221; the DSP0004 2.x grammar that DMTF's published
 * schema files use) into a struct mof_document.
 *
 *     struct mof_document *doc;
 *     struct mof_error *err;
 *     if (mof_parse_file("schema/cimrpc.mof", NULL, &doc, &err) < 0) {
 *         fprintf(stderr, "%s\n", err ? err->message : "out of memory");
 *         mof_ast_error_free(err);
 *     }
 *
 * #pragma include("file") is resolved relative to the directory of the
 * including file (an absolute name is used as is) and the included file's
 * declarations join the same document in order, with their own
 * positions.  Includes are bounded: no loops (the error names the chain),
 * at most max_include_depth levels, at most max_total_bytes read in all,
 * at most MOF_PARSE_MAX_FILES include files read.
 * Other pragmas are recorded, not interpreted.
 *
 * The first error stops the parse; the whole parse then fails with one
 * precise message, "FILE:LINE:COLUMN: found X but expected Y" or a
 * description of the bad literal, and no document is returned.
 */
#ifndef CIMRPC_MOF_PARSER_H
#define CIMRPC_MOF_PARSER_H

#include <stddef.h>

#include "mof/mof_ast.h"

#define MOF_PARSE_MAX_INCLUDE_DEPTH 32u
#define MOF_PARSE_MAX_TOTAL_BYTES ((size_t)64 * 1024 * 1024)
/* More included files than this (counting repeats) are refused. */
#define MOF_PARSE_MAX_FILES 16384u
/* Embedded instance values nested deeper than this are refused. */
#define MOF_PARSE_MAX_NESTING 32u

enum mof_include_mode {
    MOF_INCLUDE_READ = 0,   /* read included files (the default) */
    MOF_INCLUDE_RECORD,     /* record the pragma, read nothing */
    MOF_INCLUDE_REFUSE,     /* an include is an error (e.g. fuzzing) */
    MOF_INCLUDE_SUPPLIED,   /* ask find_include: the files were sent by a
                             * client, and no file is read here */
};

struct mof_parse_options {
    unsigned max_include_depth;     /* 0: MOF_PARSE_MAX_INCLUDE_DEPTH */
    size_t max_total_bytes;         /* 0: MOF_PARSE_MAX_TOTAL_BYTES; counts
                                     * every file read, the first included */
    enum mof_include_mode include_mode;
    /* MOF_INCLUDE_SUPPLIED: the text of the file NAME (the include
     * pragma's argument, as written) into *TEXT and *LEN, borrowed until
     * the parse returns; 0, or -1 when no file of that name was given.
     * Included files are known by name only: NAME is not resolved
     * against the includer's directory. */
    int (*find_include)(void *arg, const char *name, const char **text, size_t *len);
    void *find_include_arg;
};

/*
 * Parse the file at PATH (and what it includes).  OPTS may be NULL for
 * the defaults; it is borrowed.  Positions name files as PATH is written
 * and as include names are joined to it.
 *
 * Returns 0 with *DOC_OUT set (the caller owns it: mof_ast_document_free())
 * or -1 with *ERR_OUT set (the caller owns it: mof_ast_error_free(); it is
 * left NULL only when memory ran out while recording the error).  The
 * other output is always NULL.
 */
int mof_parse_file(const char *path, const struct mof_parse_options *opts,
                   struct mof_document **doc_out, struct mof_error **err_out);

/*
 * Parse LEN bytes at BUF (borrowed) as a file called NAME (borrowed; NULL
 * means "<input>"): positions name it, and relative includes are resolved
 * against its directory.  Outputs as for mof_parse_file().
 */
int mof_parse_buffer(const char *buf, size_t len, const char *name,
                     const struct mof_parse_options *opts, struct mof_document **doc_out,
                     struct mof_error **err_out);

#endif
