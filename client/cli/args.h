/*
 * args.h: what the commands' parse functions share in reading their
 * words: the options a command leaves to others (--help and mistakes),
 * the count of its arguments, the check of a class or method name, and
 * the copy of an argument into its request.
 *
 * Each runs in the parse step (cli.h), before anything is sent, and prints
 * what is wrong as "cimrpc: CMD: ..." on stderr.  It returns 0 when the
 * command may go on (args_options_none(): CLI_RUN, since its help is a
 * success that ends the command), else the exit status the parse function
 * returns.
 */
#ifndef CIMRPC_CLI_ARGS_H
#define CIMRPC_CLI_ARGS_H

#include <stdbool.h>
#include <stdio.h>

/* A command's help: print it to OUT and return STATUS. */
typedef int args_usage_fn(FILE *out, int status);

/* Print "cimrpc: CMD: out of memory" and return CLI_EXIT_FAILURE. */
int args_no_memory(const char *cmd);

/* Answer C, what getopt_long() (with opterr 0 and an option string that
 * starts with ':') returned for an option command CMD does not handle
 * itself, ARGV (borrowed) being what it read: -h (--help) prints USAGE on
 * stdout and returns CLI_EXIT_OK; anything else is a usage error
 * (CLI_EXIT_USAGE). */
int args_option_other(const char *cmd, int c, char **argv, args_usage_fn *usage);

/* Read the options of command CMD, which has none but --help, from ARGV
 * (ARGC words, borrowed; ARGV[0] the command's name).  IN_ORDER: options
 * end at the first argument, so that the words after it may start with
 * '-'.  Returns CLI_RUN with optind at the first argument, or the exit
 * status as args_option_other() does. */
int args_options_none(const char *cmd, int argc, char **argv, bool in_order,
                      args_usage_fn *usage);

/* Check that WORDS (N of them, borrowed) are one argument, or none when
 * MISSING is NULL.  Returns 0, or CLI_EXIT_USAGE after printing
 * "cimrpc: CMD: MISSING" (no word) or
 * "cimrpc: CMD: unexpected argument 'WORD'EXTRA" (one word too many). */
int args_one(const char *cmd, int n, char *const *words, const char *missing,
             const char *extra);

/* Copy WORD (borrowed).  Returns 0 with *copy_out (the caller's; free()),
 * or CLI_EXIT_FAILURE after printing that memory ran out. */
int args_copy(const char *cmd, const char *word, char **copy_out);

/* Check that WORD (borrowed) is the name of a KIND ("class", "method")
 * and copy it.  Returns 0 with *name_out (the caller's; free()), or the
 * exit status after printing "cimrpc: CMD: 'WORD' is not a KIND name
 * (...)", followed by ": write WRITE" unless WRITE is NULL, or that
 * memory ran out. */
int args_name(const char *cmd, const char *kind, const char *word, const char *write,
              char **name_out);

#endif
