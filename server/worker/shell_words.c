/*
 * shell_words.c: split a command line into words, no shell (shell_words.h).
 *
 * One pass over the line: the word being built lives in a buffer as long
 * as the line (a word never grows longer than its source), and each
 * finished word is copied out.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/shell_words.h"

struct split {
    char **argv;
    size_t argc;
    char *word;                 /* the word being built */
    size_t len;
    bool in_word;               /* a word has started (maybe empty: "") */
    char *why;
    size_t why_len;
};

void
shell_words_free(char **argv)
{
    if (!argv)
        return;
    for (char **a = argv; *a; a++)
        free(*a);
    free(argv);
}

static int
unsupported(struct split *s, char c, bool in_quotes)
{
    if (in_quotes)
        snprintf(s->why, s->why_len, "the command line uses '%c' inside double quotes, which "
                 "Create does not expand (no shell runs): escape it or use single quotes", c);
    else
        snprintf(s->why, s->why_len, "the command line uses '%c', which Create does not "
                 "interpret (no shell runs): quote it to pass it literally", c);
    return -1;
}

static int
finish_word(struct split *s)
{
    char *w;

    if (!s->in_word)
        return 0;
    if (s->argc == SHELL_WORDS_MAX) {
        snprintf(s->why, s->why_len, "the command line has more than %d words",
                 SHELL_WORDS_MAX);
        return -1;
    }
    w = strndup(s->word, s->len);
    if (!w) {
        snprintf(s->why, s->why_len, "out of memory");
        return -1;
    }
    s->argv[s->argc++] = w;
    s->len = 0;
    s->in_word = false;
    return 0;
}

static void
put(struct split *s, char c)
{
    s->word[s->len++] = c;
    s->in_word = true;
}

/* The double-quoted text at *P (after the quote); *P ends after the
 * closing quote. */
static int
double_quoted(struct split *s, const char **p)
{
    const char *q = *p;

    s->in_word = true;
    for (; *q && *q != '"'; q++) {
        if (*q == '\\' && q[1] && strchr("$`\"\\\n", q[1])) {
            q++;
            if (*q != '\n')
                put(s, *q);
            continue;
        }
        if (*q == '$' || *q == '`')
            return unsupported(s, *q, true);
        put(s, *q);
    }
    if (!*q) {
        snprintf(s->why, s->why_len, "the command line has an unterminated double quote");
        return -1;
    }
    *p = q + 1;
    return 0;
}

static int
split_line(struct split *s, const char *line)
{
    const char *p = line;

    while (*p) {
        char c = *p;

        if (c == ' ' || c == '\t' || c == '\n') {
            if (finish_word(s) < 0)
                return -1;
            p++;
        } else if (c == '\\') {
            if (!p[1]) {
                snprintf(s->why, s->why_len, "the command line ends with a lone backslash");
                return -1;
            }
            if (p[1] != '\n')
                put(s, p[1]);
            p += 2;
        } else if (c == '\'') {
            const char *end = strchr(p + 1, '\'');

            if (!end) {
                snprintf(s->why, s->why_len, "the command line has an unterminated single quote");
                return -1;
            }
            s->in_word = true;
            for (p++; p < end; p++)
                put(s, *p);
            p++;
        } else if (c == '"') {
            p++;
            if (double_quoted(s, &p) < 0)
                return -1;
        } else if (strchr("|&;<>()$`*?[", c) || (!s->in_word && (c == '~' || c == '#'))) {
            return unsupported(s, c, false);
        } else {
            put(s, c);
            p++;
        }
    }
    return finish_word(s);
}

int
shell_words_split(const char *line, char ***argv_out, size_t *argc_out, char *why,
                  size_t why_len)
{
    size_t n = strlen(line);
    struct split s;

    *argv_out = NULL;
    *argc_out = 0;
    memset(&s, 0, sizeof(s));
    s.why = why;
    s.why_len = why_len;
    /* At most one word per two bytes, plus one, and the terminating NULL. */
    s.argv = calloc((n / 2 + 2 < SHELL_WORDS_MAX + 1 ? n / 2 + 2 : SHELL_WORDS_MAX + 1),
                    sizeof(char *));
    s.word = malloc(n + 1);
    if (!s.argv || !s.word) {
        snprintf(why, why_len, "out of memory");
        goto fail;
    }
    if (split_line(&s, line) < 0)
        goto fail;
    if (s.argc == 0) {
        snprintf(why, why_len, "the command line is empty");
        goto fail;
    }
    free(s.word);
    *argv_out = s.argv;
    *argc_out = s.argc;
    return 0;
fail:
    free(s.word);
    shell_words_free(s.argv);
    return -1;
}
