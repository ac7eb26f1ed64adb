/*
 * cmd_shell.c: `cimrpc shell`: the commands of cimrpc, one a line, on one
 * connection opened with the global options (which the shell's commands
 * do not take again).
 *
 * On a terminal, lines are read with libedit: history (kept in
 * ~/.cimrpc_history, mode 0600) and tab completion of command names and,
 * after the command, of class names (fetched from the server once, names
 * only, at the first completion that needs them).  Otherwise (a script on
 * stdin) lines are read as they are, with no prompt and no history.
 *
 * Words are split as a POSIX shell would without expansions: '...' keeps
 * everything, "..." keeps everything but \" and \\, a backslash outside
 * quotes keeps the next character.  Lines starting with '#' are comments.
 * Built in: help, exit [STATUS] (also quit).  The shell's exit status is
 * the last command's.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <histedit.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"

#define SHELL_LINE_MAX 1048576      /* bytes in one line */
#define SHELL_WORDS_MAX 65536       /* words in one line */
#define SHELL_HISTORY_SIZE 1000     /* lines kept */
#define SHELL_CLASSES_MAX 100000    /* class names kept for completion */

struct shell {
    cimrpc_conn *conn;              /* borrowed: cli_command_run() owns it */
    char *prompt;
    char **classes;                 /* sorted; fetched once */
    size_t n_classes;
    bool classes_fetched;
};

static const char *const shell_builtins[] = { "help", "exit", "quit" };

static int
shell_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] shell\n"
                 "Run cimrpc commands, one a line, on one connection (without the global\n"
                 "options, which the shell's connection was opened with).  On a terminal:\n"
                 "history in ~/.cimrpc_history and tab completion of commands and classes.\n"
                 "Type 'help' for the commands, 'exit' or end of file to leave.\n");
    return status;
}

void
shell_free(cli_req *req)
{
    (void)req;
}

int
shell_parse(int argc, char **argv, cli_req **req_out)
{
    int status;

    if ((status = args_options_none("shell", argc, argv, false, shell_usage)) != CLI_RUN)
        return status;
    if (optind < argc)
        return cli_usage("shell: unexpected argument '%s'; the shell reads its commands from "
                         "its input", argv[optind]);
    *req_out = NULL;
    return CLI_RUN;
}

static void
shell_words_free(char **words, int n)
{
    for (int i = 0; i < n; i++)
        free(words[i]);
    free(words);
}

/* Split LINE into words (see the file comment).  Returns the number of
 * words with *words_out (the caller's), or -1 after printing what is
 * wrong. */
static int
shell_split(const char *line, char ***words_out)
{
    size_t len = strlen(line);
    char **words = NULL, *word = NULL;
    int n = 0;
    const char *p = line;

    for (;;) {
        size_t w = 0;
        char **grown;

        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '\0')
            break;
        if ((word = malloc(len + 1)) == NULL)
            goto nomem;
        while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            if (*p == '\'') {
                const char *end = strchr(p + 1, '\'');
                if (end == NULL) {
                    fprintf(stderr, "cimrpc: the ' quote is not closed: end it with '\n");
                    goto fail;
                }
                memcpy(word + w, p + 1, (size_t)(end - p - 1));
                w += (size_t)(end - p - 1);
                p = end + 1;
            } else if (*p == '"') {
                for (p++; *p != '"'; p++) {
                    if (*p == '\0') {
                        fprintf(stderr, "cimrpc: the \" quote is not closed: end it with \"\n");
                        goto fail;
                    }
                    if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                        p++;
                    word[w++] = *p;
                }
                p++;
            } else if (*p == '\\' && p[1] != '\0') {
                word[w++] = p[1];
                p += 2;
            } else {
                word[w++] = *p++;
            }
        }
        word[w] = '\0';
        if (n >= SHELL_WORDS_MAX) {
            fprintf(stderr, "cimrpc: a line holds at most %d words\n", SHELL_WORDS_MAX);
            goto fail;
        }
        if ((grown = realloc(words, (size_t)(n + 2) * sizeof(*words))) == NULL)
            goto nomem;
        words = grown;
        words[n++] = word;
        words[n] = NULL;
        word = NULL;
    }
    *words_out = words;
    return n;
nomem:
    fprintf(stderr, "cimrpc: out of memory\n");
fail:
    free(word);
    shell_words_free(words, n);
    return -1;
}

static void
shell_help(void)
{
    size_t n;
    const struct cli_command *cmds = cli_commands(&n);

    printf("Commands (COMMAND --help for its options):\n");
    for (size_t i = 0; i < n; i++)
        if (cmds[i].run != shell_run)
            printf("  %-8s %s\n", cmds[i].name, cmds[i].summary);
    printf("  %-8s %s\n  %-8s %s\n", "help", "this list", "exit",
           "leave the shell (exit STATUS: with that status; also quit)");
}

/* --------------------------------------------------------- completion */

static int
shell_strcasecmp(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Fetch the class names of the session's namespace, once; failures leave
 * the list empty (completion is a convenience). */
static void
shell_fetch_classes(struct shell *sh)
{
    cimrpc_cursor *cursor = NULL;
    cimrpc_error *err = NULL;
    cimrpc_obj *obj = NULL;

    if (sh->classes_fetched)
        return;
    sh->classes_fetched = true;
    if (cimrpc_enumerate_classes(sh->conn, NULL, true, true, &cursor, &err) < 0) {
        cimrpc_error_free(err);
        return;
    }
    while (sh->n_classes < SHELL_CLASSES_MAX && cimrpc_cursor_next(cursor, &obj, &err) == 1) {
        const cimrpc_class *cls = cimrpc_obj_class(obj);
        char **grown = cls ? realloc(sh->classes, (sh->n_classes + 1) * sizeof(char *)) : NULL;
        if (grown != NULL) {
            sh->classes = grown;
            if ((sh->classes[sh->n_classes] = strdup(cimrpc_class_name(cls))) != NULL)
                sh->n_classes++;
        }
        cimrpc_obj_free(obj);
        obj = NULL;
    }
    cimrpc_error_free(err);
    cimrpc_cursor_close(cursor);
    if (sh->n_classes > 0)
        qsort(sh->classes, sh->n_classes, sizeof(char *), shell_strcasecmp);
}

/* Print the candidates MATCHES (N) below the line, in columns. */
static void
shell_list(const char *const *matches, size_t n)
{
    size_t width = 0, cols, rows;

    for (size_t i = 0; i < n; i++)
        if (strlen(matches[i]) > width)
            width = strlen(matches[i]);
    width += 2;
    cols = width < 80 ? 80 / width : 1;
    rows = (n + cols - 1) / cols;
    fputc('\n', stdout);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols && c * rows + r < n; c++)
            printf("%-*s", (int)width, matches[c * rows + r]);
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* libedit's completion key: complete the word before the cursor, a
 * command name when it is the first word, else a class name. */
static unsigned char
shell_complete(EditLine *el, int ch)
{
    const LineInfo *li = el_line(el);
    const char *start = li->cursor, **matches = NULL;
    struct shell *sh = NULL;
    size_t len, n = 0, common;
    bool first = true;
    unsigned char rc = CC_ERROR;

    (void)ch;
    if (el_get(el, EL_CLIENTDATA, &sh) != 0 || sh == NULL)
        return CC_ERROR;
    while (start > li->buffer && !isspace((unsigned char)start[-1]))
        start--;
    len = (size_t)(li->cursor - start);
    for (const char *p = li->buffer; p < start; p++)
        if (!isspace((unsigned char)*p))
            first = false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)start[i]) && start[i] != '_' && !(first && start[i] == '-'))
            return CC_ERROR;        /* a path, a value, an option: nothing to offer */
    if (first) {
        size_t nc;
        const struct cli_command *cmds = cli_commands(&nc);
        if ((matches = calloc(nc + 3, sizeof(*matches))) == NULL)
            return CC_ERROR;
        for (size_t i = 0; i < nc; i++)
            if (cmds[i].run != shell_run && strncmp(cmds[i].name, start, len) == 0)
                matches[n++] = cmds[i].name;
        for (size_t i = 0; i < 3; i++)
            if (strncmp(shell_builtins[i], start, len) == 0)
                matches[n++] = shell_builtins[i];
    } else {
        shell_fetch_classes(sh);
        if ((matches = calloc(sh->n_classes + 1, sizeof(*matches))) == NULL)
            return CC_ERROR;
        for (size_t i = 0; i < sh->n_classes; i++)
            if (strncasecmp(sh->classes[i], start, len) == 0)
                matches[n++] = sh->classes[i];
    }
    if (n == 0)
        goto out;
    /* The longest prefix the matches share (without regard to case). */
    common = strlen(matches[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < common && matches[i][k] != '\0' &&
               tolower((unsigned char)matches[i][k]) == tolower((unsigned char)matches[0][k]))
            k++;
        common = k;
    }
    if (n == 1 || common > len) {
        char *word = strndup(matches[0], common);
        if (word == NULL)
            goto out;
        el_deletestr(el, (int)len);
        if (el_insertstr(el, word) == 0 && n == 1)
            el_insertstr(el, " ");
        free(word);
        rc = CC_REFRESH;
    } else {
        shell_list(matches, n);
        rc = CC_REDISPLAY;
    }
out:
    free(matches);
    return rc;
}

static char *
shell_prompt(EditLine *el)
{
    struct shell *sh = NULL;

    if (el_get(el, EL_CLIENTDATA, &sh) != 0 || sh == NULL || sh->prompt == NULL)
        return (char *)"cimrpc> ";
    return sh->prompt;
}

/* ~/.cimrpc_history (the caller's), or NULL when there is no home. */
static char *
shell_history_path(void)
{
    const char *home = getenv("HOME");
    struct passwd *pw;
    char *path;

    if (home == NULL || *home == '\0') {
        pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (home == NULL || *home == '\0' || asprintf(&path, "%s/.cimrpc_history", home) < 0)
        return NULL;
    return path;
}

/* ------------------------------------------------------------- the loop */

/* Run one line.  Returns its status; *leave says the shell ends. */
static int
shell_line(struct cli_ctx *ctx, struct shell *sh, const char *line, int last, bool *leave)
{
    char **words = NULL;
    int n, status;

    n = shell_split(line, &words);
    if (n < 0)
        return CLI_EXIT_USAGE;
    if (n == 0 || words[0][0] == '#') {
        shell_words_free(words, n);
        return last;
    }
    if (strcmp(words[0], "exit") == 0 || strcmp(words[0], "quit") == 0) {
        long code = last;
        *leave = true;
        if (n > 2 || (n == 2 && cli_parse_long(words[0], "its status", words[1], 0, 255,
                                               &code) < 0)) {
            if (n > 2)
                fprintf(stderr, "cimrpc: %s takes at most a status\n", words[0]);
            *leave = false;
            code = CLI_EXIT_USAGE;
        }
        shell_words_free(words, n);
        return (int)code;
    }
    if (strcmp(words[0], "help") == 0 || strcmp(words[0], "?") == 0) {
        shell_help();
        shell_words_free(words, n);
        return CLI_EXIT_OK;
    }
    status = cli_run_one(ctx->g, sh->conn, n, words);
    fflush(stdout);
    shell_words_free(words, n);
    return status;
}

/* Read lines from stdin as they are (not a terminal). */
static int
shell_script(struct cli_ctx *ctx, struct shell *sh)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool leave = false;
    int status = CLI_EXIT_OK;

    while (!leave && (len = getline(&line, &cap, stdin)) >= 0) {
        if (len > SHELL_LINE_MAX || memchr(line, '\0', (size_t)len) != NULL) {
            fprintf(stderr, "cimrpc: shell: a line longer than %d bytes or holding a NUL byte "
                    "is ignored\n", SHELL_LINE_MAX);
            status = CLI_EXIT_USAGE;
            continue;
        }
        status = shell_line(ctx, sh, line, status, &leave);
    }
    free(line);
    return status;
}

/* Read lines with libedit (a terminal). */
static int
shell_interactive(struct cli_ctx *ctx, struct shell *sh)
{
    EditLine *el;
    History *hist;
    char *history_path = shell_history_path();
    HistEvent ev;
    bool leave = false;
    int status = CLI_EXIT_OK, count;
    const char *line;

    (void)setlocale(LC_CTYPE, "");      /* characters as the terminal has them */
    el = el_init("cimrpc", stdin, stdout, stderr);
    hist = history_init();
    if (el == NULL || hist == NULL) {
        if (el != NULL)
            el_end(el);
        if (hist != NULL)
            history_end(hist);
        free(history_path);
        fprintf(stderr, "cimrpc: shell: cannot set up line editing; reading lines as they "
                "come\n");
        return shell_script(ctx, sh);
    }
    if (history(hist, &ev, H_SETSIZE, SHELL_HISTORY_SIZE) < 0 ||
        history(hist, &ev, H_SETUNIQUE, 1) < 0 ||
        el_set(el, EL_CLIENTDATA, sh) != 0 || el_set(el, EL_EDITOR, "emacs") != 0 ||
        el_set(el, EL_SIGNAL, 1) != 0 || el_set(el, EL_HIST, history, hist) != 0 ||
        el_set(el, EL_PROMPT, shell_prompt) != 0 ||
        /* The wide form: libedit keeps these strings as they are, where the
         * narrow one makes copies it never frees. */
        el_wset(el, EL_ADDFN, L"cimrpc-complete", L"complete a command or class name",
                shell_complete) != 0 ||
        el_set(el, EL_BIND, "^I", "cimrpc-complete", NULL) != 0)
        fprintf(stderr, "cimrpc: shell: line editing is not fully set up (history or "
                "completion may be missing)\n");
    if (history_path != NULL)
        (void)history(hist, &ev, H_LOAD, history_path);    /* none yet is fine */
    (void)el_source(el, NULL);                              /* ~/.editrc, if any */
    printf("cimrpc shell on %s, namespace %s; type 'help' for the commands, 'exit' to "
           "leave.\n", cimrpc_conn_target(sh->conn), cimrpc_conn_namespace(sh->conn));
    while (!leave && (line = el_gets(el, &count)) != NULL && count > 0) {
        if (strspn(line, " \t\r\n") != strlen(line)) {
            char *entry = strdup(line);
            if (entry != NULL) {
                entry[strcspn(entry, "\r\n")] = '\0';
                (void)history(hist, &ev, H_ENTER, entry);   /* a line not kept is no error */
                free(entry);
            }
        }
        status = shell_line(ctx, sh, line, status, &leave);
    }
    if (!leave)
        fputc('\n', stdout);
    if (history_path != NULL) {
        mode_t old = umask(077);
        if (history(hist, &ev, H_SAVE, history_path) < 0)
            fprintf(stderr, "cimrpc: shell: cannot save the history in %s\n", history_path);
        else if (chmod(history_path, 0600) < 0)
            fprintf(stderr, "cimrpc: shell: cannot make %s private: %s\n", history_path,
                    strerror(errno));
        umask(old);
    }
    free(history_path);
    el_end(el);
    history_end(hist);
    return status;
}

int
shell_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *req)
{
    struct shell sh = { .conn = conn };
    int status;

    (void)req;
    if (asprintf(&sh.prompt, "cimrpc %s> ", cimrpc_conn_namespace(sh.conn)) < 0)
        sh.prompt = NULL;
    if (isatty(STDIN_FILENO))
        status = shell_interactive(ctx, &sh);
    else
        status = shell_script(ctx, &sh);
    for (size_t i = 0; i < sh.n_classes; i++)
        free(sh.classes[i]);
    free(sh.classes);
    free(sh.prompt);
    return status;
}
