/*
 * proc_cursor.h: what a cursor reads, and reading its next page.
 *
 * OPEN_CURSOR checks what the caller asks for (the class exists, the
 * property list names its properties, the WQL parses and fits the class)
 * and keeps only a position; each FETCH reads the next page from the
 * repository in its own read transaction, so a cursor holds no database
 * snapshot between fetches and memory stays bounded by the page however
 * large the result:
 *
 *   classes     the matching class names, listed at open (names are
 *               small; a class deleted before its turn is skipped);
 *               each page decodes its classes
 *   instances   a keyset position (table, last key) in the class and
 *               its descendants (repo_instance_page); with every
 *               property wanted, the stored encodings go into the reply
 *               as they are, never decoded (fetch_reply.h)
 *   query       the same over the query's FROM class, with the WHERE
 *               translated to SQL (query/wql_sql.h) and, where SQL
 *               cannot decide, the evaluator (query/wql_eval.h) on
 *               each row; ASSOCIATORS OF / REFERENCES OF results are
 *               gathered at open (bounded by CURSOR_ASSOC_MAX)
 *   provider    a class served by a provider, and for a deep read the
 *               descendants that are (at most CURSOR_DYNAMIC_MAX): their
 *               instances are asked of the providers (in workers, off
 *               the loop) when the cursor opens, held (bounded by
 *               PROVIDER_CALL_OBJECTS_MAX per class), and evaluated and
 *               selected page by page after the repository's
 *
 * A page ends at the number of objects asked for, at CURSOR_PAGE_BYTES of
 * encoded objects (at least one object always goes), or when
 * CURSOR_SCAN_MAX rows were read without enough passing the evaluator
 * (the client then fetches again; the position is kept).
 *
 * Instances committed by others between pages may or may not be seen;
 * none is returned twice, and none present throughout is missed.
 */
#ifndef CIMRPC_PROC_CURSOR_H
#define CIMRPC_PROC_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc.h"
#include "procs/fetch_reply.h"
#include "rpc/call.h"

#define CURSOR_PAGE_BYTES (2u << 20)    /* encoded objects in one FETCH reply */
#define CURSOR_SCAN_MAX 100000          /* rows one FETCH examines at most */
#define CURSOR_ASSOC_MAX 100000         /* results of ASSOCIATORS/REFERENCES OF */
#define CURSOR_DYNAMIC_MAX 64           /* classes served by providers one cursor asks */

struct proc_cursor;

/*
 * Check SPEC (borrowed) for the session of CTX and build a cursor
 * positioned before its first object into *OUT (the caller frees it with
 * proc_cursor_free()).  Returns 0, or -1 with the error set in
 * CODE/REASON (or, when *CODE stays 0, out of memory).
 */
int proc_cursor_open(const struct call_context *ctx, const cimrpc_cursor_spec *spec,
                     struct proc_cursor **out, u_int *code, char **reason);

/*
 * Read the next page of CURSOR, at most MAX objects, into OK (zeroed by
 * the caller, who owns what is put in it), with *RAW_OUT the stored
 * encodings of instances passed through unchanged (fetch_reply.h; the
 * caller frees it with fetch_reply_free_raw(), or through its reply's
 * XDR routine); OK->done says nothing follows.  Returns 0, or -1 with OK
 * empty, *RAW_OUT NULL and the error in *CODE and *REASON (the caller's;
 * when *CODE stays 0, memory ran out).
 */
int proc_cursor_page(const struct call_context *ctx, struct proc_cursor *cursor, unsigned max,
                     cimrpc_fetch_ok *ok, struct fetch_raw **raw_out, u_int *code,
                     char **reason);

/*
 * A cursor over a class served by a provider, or a deep one over a class
 * some of whose descendants are, needs the providers' instances before
 * its first page: the number of classes to ask (at most
 * CURSOR_DYNAMIC_MAX), with PROVIDERS[i] and CLASSES[i] (borrowed; room
 * for CURSOR_DYNAMIC_MAX each) the provider and the class to enumerate,
 * and *KEYS_ONLY_OUT whether keys alone will do; 0 when the cursor needs
 * nothing (the repository alone, or the providers have answered).
 */
size_t proc_cursor_providers(const struct proc_cursor *cursor, const char **providers,
                             const char **classes, bool *keys_only_out);

/*
 * Give CURSOR instances from its providers: *OBJECTS (*N of them) are
 * checked against their classes (each must be one the cursor asked
 * about) and taken over (*OBJECTS NULL, *N 0 after success); call it once
 * per class asked.  The WHERE and the selection apply as pages are read,
 * after the repository's instances.  Returns 0, or -1 with the error in
 * CODE/REASON (PROVIDER_FAILURE naming what a provider got wrong; or,
 * when *CODE stays 0, out of memory).
 */
int proc_cursor_provided(struct proc_cursor *cursor, cim_instance **objects, size_t *n,
                         u_int *code, char **reason);

/* Free a cursor (a void * for cursor_list_add()).  Accepts NULL. */
void proc_cursor_free(void *cursor);

/* Count cursor C as an operation in progress of the caller of CTX
 * (rpc/user_ops.h; ended when C is freed).  Returns 0, or -1 with WHY
 * when the caller is at the limits section's concurrentOperations. */
int proc_cursor_count(struct proc_cursor *c, const struct call_context *ctx, char *why,
                      size_t why_len);

#endif
