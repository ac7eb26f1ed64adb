/*
 * cursor_out.h: printing what a cursor returns (enum, classes, query):
 * each object as it arrives, so that memory stays bounded however many
 * there are; and the --batch option those commands share.
 */
#ifndef CIMRPC_CLI_CURSOR_OUT_H
#define CIMRPC_CLI_CURSOR_OUT_H

#include "cimrpc/cimrpc.h"
#include "cli.h"
#include "objrec.h"
#include "propsel.h"

/* Parse ARG (borrowed), the value of command CMD's --batch, as the
 * number of objects to fetch at a time (1 to CIMRPC_FETCH_MAX) into
 * *batch_out.  Returns 0, or CLI_EXIT_USAGE after printing a usage
 * error. */
int cursor_out_parse_batch(const char *cmd, const char *arg, long *batch_out);

/* Print every object of CURSOR (taken: closed here) in CTX as it arrives,
 * fetching BATCH at a time (0: the library's default): classes with
 * DETAIL, instances with the properties SEL (borrowed; NULL: all) lists.
 * When the cursor fails after results were printed, the output is closed
 * (JSON stays valid) before the error is reported as WHAT's.  Returns the
 * exit status. */
int cursor_out_print(struct cli_ctx *ctx, const char *what, cimrpc_cursor *cursor, long batch,
                     enum objrec_detail detail, const struct propsel *sel);

#endif
