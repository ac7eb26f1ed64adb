/*
 * shell_words.h: a command line split into words the way a POSIX shell
 * splits a simple command, without running a shell (Linux_Process.Create).
 *
 * Blanks (space, tab, newline) separate words; single quotes keep
 * everything up to the next single quote; double quotes keep everything
 * but let a backslash escape $ ` " \ and newline; outside quotes a
 * backslash escapes any character (and a backslash-newline vanishes).
 * Nothing is expanded, so what a shell would expand or redirect is
 * refused rather than passed on silently: an unquoted | & ; < > ( ) $ `
 * * ? [, a ~ or # that starts a word, and $ or ` inside double quotes.
 * The caller then hears which character, and that quoting it passes it
 * literally.
 */
#ifndef CIMRPC_WORKER_SHELL_WORDS_H
#define CIMRPC_WORKER_SHELL_WORDS_H

#include <stddef.h>

#define SHELL_WORDS_MAX 4096            /* words in one command line */

/* Split LINE (borrowed) into *ARGV_OUT: a NULL-terminated array of
 * *ARGC_OUT (at least 1) new strings, freed with shell_words_free().
 * Returns 0, or -1 with nothing allocated and WHY (WHY_LEN bytes) saying
 * what is wrong with the line. */
int shell_words_split(const char *line, char ***argv_out, size_t *argc_out, char *why,
                      size_t why_len);

/* Free ARGV (as split).  Accepts NULL. */
void shell_words_free(char **argv);

#endif
