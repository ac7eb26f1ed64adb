/*
 * output.h: printing results in the CLI's formats.
 *
 * A command builds records (a class name and named fields: strings,
 * integers, booleans, string lists, or null) and prints them in the format
 * the user chose: table (for people), json, csv, mof or value (the bare
 * values, one per line, for shell scripts).
 */
#ifndef CIMRPC_CLI_OUTPUT_H
#define CIMRPC_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum output_format { OUTPUT_TABLE, OUTPUT_JSON, OUTPUT_CSV, OUTPUT_MOF, OUTPUT_VALUE };

/* Parse a format name.  Returns 0, or -1 for an unknown name. */
int output_format_parse(const char *name, enum output_format *format_out);

struct output_record;

/* A new empty record of class CLASS_NAME (copied), or NULL on ENOMEM. */
struct output_record *output_record_new(const char *class_name);
void output_record_free(struct output_record *rec);

/* Append a field; NAME and VALUE are copied.  A NULL string is printed as
 * null.  Return 0, or -1 on ENOMEM. */
int output_add_string(struct output_record *rec, const char *name, const char *value);
int output_add_int(struct output_record *rec, const char *name, long long value);
int output_add_bool(struct output_record *rec, const char *name, bool value);
int output_add_list(struct output_record *rec, const char *name, const char *const *values,
                    size_t n);

/* Print RECS (N records, borrowed) to OUT.  SINGLE: the command returns one
 * object by nature (JSON prints an object, not an array).  Returns 0, or
 * -1 on a write error. */
int output_print(FILE *out, enum output_format format, struct output_record *const *recs,
                 size_t n, bool single);

#endif
