/*
 * output.h: printing results in the CLI's formats.
 *
 * A command builds records (a class name and named fields: strings,
 * characters, integers, reals, booleans, embedded records, arrays of
 * these, or null) and prints them in the format the user chose: table
 * (for people), json, csv, mof or value (the bare values, one per line,
 * for shell scripts).
 *
 * Records of CIM objects ("object records") also carry the object's class
 * and relative path, which JSON prints as "__CLASS" and "__RELPATH" and
 * the single-object table shows first; and they may carry their MOF text
 * (from libcimrpc, so that what is printed compiles again), which -o mof
 * prints as it is.
 *
 * Results are printed through a stream as they come: JSON, CSV, value and
 * MOF print each record at once; tables are kept in chunks of at most
 * OUTPUT_TABLE_CHUNK records of the same columns, so memory stays bounded
 * whatever the number of results.
 */
#ifndef CIMRPC_CLI_OUTPUT_H
#define CIMRPC_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum output_format { OUTPUT_TABLE, OUTPUT_JSON, OUTPUT_CSV, OUTPUT_MOF, OUTPUT_VALUE };

/* Records kept to size the columns of one table, at most. */
#define OUTPUT_TABLE_CHUNK 1000

/* Parse a format name.  Returns 0, or -1 for an unknown name. */
int output_format_parse(const char *name, enum output_format *format_out);

struct output_record;

/* A new empty record of class CLASS_NAME (copied), or NULL on ENOMEM. */
struct output_record *output_record_new(const char *class_name);

/* A new empty object record: class CLASS_NAME and relative path RELPATH
 * (both copied; RELPATH may be NULL), or NULL on ENOMEM. */
struct output_record *output_record_new_object(const char *class_name, const char *relpath);

void output_record_free(struct output_record *rec);

/* The class name (borrowed). */
const char *output_record_class(const struct output_record *rec);

/* The record's MOF text, printed as it is by -o mof instead of a text
 * made from the fields.  Takes MOF (free()d with the record). */
void output_record_set_mof(struct output_record *rec, char *mof);

/*
 * Append a field; NAME and VALUE are copied.  A NULL string is printed as
 * null.  With NAME NULL, the value is appended as an element to the last
 * field, which output_add_array() must have begun.  Return 0, or -1 on
 * ENOMEM (or a NULL NAME without an array to append to).
 */
int output_add_null(struct output_record *rec, const char *name);
int output_add_string(struct output_record *rec, const char *name, const char *value);
/* One character (UTF-8): a string in JSON, 'c' in MOF. */
int output_add_char(struct output_record *rec, const char *name, const char *value);
int output_add_int(struct output_record *rec, const char *name, long long value);
int output_add_uint(struct output_record *rec, const char *name, unsigned long long value);
/* A real; SINGLE: a real32, printed with the digits a float needs. */
int output_add_real(struct output_record *rec, const char *name, double value, bool single);
int output_add_bool(struct output_record *rec, const char *name, bool value);
/* An embedded record: a JSON object, and TEXT (copied) elsewhere.  Takes
 * SUB (freed also on failure). */
int output_add_record(struct output_record *rec, const char *name, struct output_record *sub,
                      const char *text);
/* Begin an array field NAME (empty until elements are appended). */
int output_add_array(struct output_record *rec, const char *name);
/* An array of N strings. */
int output_add_list(struct output_record *rec, const char *name, const char *const *values,
                    size_t n);

/* Keep only the fields named in NAMES (N of them, compared without regard
 * to case), in that order; names the record lacks are left out.
 * Returns 0, or -1 on ENOMEM (REC unchanged). */
int output_record_select(struct output_record *rec, const char *const *names, size_t n);

struct output_stream;

/* A stream printing to OUT (borrowed) in FORMAT.  HOST (borrowed; may be
 * NULL) labels each CSV row (a leading "Host" column) and each value line
 * ("HOST: value").  SINGLE: the command returns one object by nature, so
 * JSON prints an object, not an array.  NULL on ENOMEM. */
struct output_stream *output_stream_new(FILE *out, enum output_format format, const char *host,
                                        bool single);

/* Print REC, or keep it for a table.  Takes REC.  Returns 0, or -1 on a
 * write error or ENOMEM. */
int output_stream_add(struct output_stream *s, struct output_record *rec);

/* Print what is kept and close the JSON array; the stream prints nothing
 * more.  Returns 0, or -1 on a write error or ENOMEM. */
int output_stream_end(struct output_stream *s);

/* The records added so far. */
size_t output_stream_count(const struct output_stream *s);

/* Free S (without printing what it keeps).  Accepts NULL. */
void output_stream_free(struct output_stream *s);

/* Print RECS (N records, borrowed) to OUT, as a stream would.  Returns 0,
 * or -1 on a write error or ENOMEM. */
int output_print(FILE *out, enum output_format format, struct output_record *const *recs,
                 size_t n, bool single);

/* Write S as one CSV field (RFC 4180: quoted when it holds a comma, a
 * quote or a line break, quotes doubled); NULL writes nothing. */
void output_csv_cell(FILE *out, const char *s);

/* Write S as a MOF string literal ("..." with DSP0221 escapes) to OUT. */
void output_mof_string(FILE *out, const char *s);

#endif
