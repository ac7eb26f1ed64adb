/*
 * assign.h: NAME=VALUE arguments (set, create, invoke): split and checked
 * when the command line is parsed, turned into CIM values of the
 * property's or parameter's type when the class is known.
 *
 * How values are written (also in --help, the man page and the README):
 *
 *   NAME=TEXT         the text as the type reads it: strings as given;
 *                     integers in decimal or 0x hexadecimal, within the
 *                     type's range; true/false; reals; datetimes; paths
 *   NAME=NULL         null (the literal NULL, in capitals)
 *   NAME={a,b,c}      an array (elements may be "quoted", with \" and \\
 *                     inside, to hold commas, braces or spaces); {} empty
 *   NAME=a NAME=b     an array too: each repetition is one element
 *   NAME=\TEXT        TEXT exactly: \NULL is the string NULL, \{x} the
 *                     string {x}
 *
 * For a property that is not an array, braces have no meaning: Note={x}
 * sets the string {x}.
 */
#ifndef CIMRPC_CLI_ASSIGN_H
#define CIMRPC_CLI_ASSIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc/cimrpc.h"

/* The lines of a command's --help that say how VALUE is written, for a
 * property or a parameter (WHAT: the string literal "property" or
 * "parameter"). */
#define ASSIGN_HELP(what)                                                        \
    "VALUE: text as the " what "'s type reads it, NULL for null, {a,b} or a\n" \
    "repeated NAME=VALUE for arrays, \\TEXT for TEXT exactly (see cimrpc --help).\n"

/* One NAME and the texts given for it, in order. */
struct assign {
    char *name;
    char **texts;
    size_t n_texts;
};

struct assign_list {
    struct assign *items;
    size_t n;
};

/* Parse the words ARGV[0..ARGC) as NAME=VALUE into LIST (empty on entry),
 * merging repeated names.  Returns 0, or the exit status after printing a
 * usage error that names command CMD (LIST is then cleared). */
int assign_parse(struct assign_list *list, const char *cmd, int argc, char **argv);

/* Free what LIST holds and empty it. */
void assign_list_clear(struct assign_list *list);

/* The value A gives to an element of TYPE, an array when ARRAY.  Returns
 * 0 with *value_out (the caller's), or an exit status (2 for a value that
 * does not fit, 1 when out of memory) with *why_out, a message without the
 * command's name (the caller's; free()). */
int assign_value(const struct assign *a, cimrpc_type type, bool array, cimrpc_value **value_out,
                 char **why_out);

/* Find A's property in CLS (borrowed) and make its value.  Returns 0
 * with *index_out (the property's index in CLS) and *value_out (the
 * caller's), or an exit status with *why_out as assign_value() does (an
 * unknown name is a usage error that lists CLS's properties). */
int assign_property(const struct assign *a, const cimrpc_class *cls, size_t *index_out,
                    cimrpc_value **value_out, char **why_out);

#endif
