/*
 * args.c: the commands' shared reading of their words (see args.h):
 * --help and bad options, argument counts, names, copies.
 *
 * The messages name the command and say what to write instead; they are
 * part of the interface (the tests and scripts read them).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "common/cim_names.h"

int
args_no_memory(const char *cmd)
{
    fprintf(stderr, "cimrpc: %s: out of memory\n", cmd);
    return CLI_EXIT_FAILURE;
}

int
args_option_other(const char *cmd, int c, char **argv, args_usage_fn *usage)
{
    if (c == 'h')
        return usage(stdout, CLI_EXIT_OK);
    return cli_bad_option(cmd, c, argv);
}

int
args_options_none(const char *cmd, int argc, char **argv, bool in_order, args_usage_fn *usage)
{
    static const struct option options[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    opterr = 0;
    c = getopt_long(argc, argv, in_order ? "+:h" : ":h", options, NULL);
    if (c != -1)
        return args_option_other(cmd, c, argv, usage);
    return CLI_RUN;
}

int
args_one(const char *cmd, int n, char *const *words, const char *missing, const char *extra)
{
    if (n < 1 && missing != NULL)
        return cli_usage("%s: %s", cmd, missing);
    if (n > 1)
        return cli_usage("%s: unexpected argument '%s'%s", cmd, words[1], extra);
    return 0;
}

int
args_copy(const char *cmd, const char *word, char **copy_out)
{
    char *copy = strdup(word);

    if (copy == NULL)
        return args_no_memory(cmd);
    *copy_out = copy;
    return 0;
}

int
args_name(const char *cmd, const char *kind, const char *word, const char *write,
          char **name_out)
{
    if (!cim_names_element_valid(word))
        return cli_usage("%s: '%s' is not a %s name (a letter or '_', then letters, digits "
                         "and '_')%s%s", cmd, word, kind, write ? ": write " : "",
                         write ? write : "");
    return args_copy(cmd, word, name_out);
}
