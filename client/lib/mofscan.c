/*
 * mofscan.c: collecting the files of a MOF compilation.
 *
 * Finding the includes needs only a small part of MOF's lexical rules
 * (DSP0221, as cimrpcd's lexer applies them): blanks and comments ("//"
 * to the end of the line, "/" "*" to "*" "/") separate tokens; string
 * literals ("...") and char literals ('...') hold any text, with
 * backslash escapes, on one line; "#pragma" (any case) starts a pragma.
 * An include is '#pragma include ( "a" "b" )': adjacent strings join,
 * escapes (\b \t \n \f \r \" \' \\ \xH..., one to six hex digits) are
 * decoded, and the name is what results.  The scanner looks for nothing
 * else; anything it cannot read as an include is left for the server,
 * whose errors are precise.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cimrpc.h"
#include "common/utf8.h"
#include "error.h"
#include "mofscan.h"
#include "textbuf.h"

/* A position in the text of one file. */
struct mofscan_cursor {
    const char *s;
    size_t len, off;
    unsigned line, col;             /* of s[off], from 1 */
};

static int
mofscan_peek(const struct mofscan_cursor *c, size_t ahead)
{
    return c->off + ahead < c->len ? (unsigned char)c->s[c->off + ahead] : -1;
}

static void
mofscan_advance(struct mofscan_cursor *c)
{
    if (c->off >= c->len)
        return;
    if (c->s[c->off++] == '\n') {
        c->line++;
        c->col = 1;
    } else {
        c->col++;
    }
}

/* Skip blanks and comments.  False at an unterminated comment. */
static bool
mofscan_blanks(struct mofscan_cursor *c)
{
    for (;;) {
        int ch = mofscan_peek(c, 0);
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            mofscan_advance(c);
        } else if (ch == '/' && mofscan_peek(c, 1) == '/') {
            while ((ch = mofscan_peek(c, 0)) != -1 && ch != '\n' && ch != '\r')
                mofscan_advance(c);
        } else if (ch == '/' && mofscan_peek(c, 1) == '*') {
            mofscan_advance(c);
            mofscan_advance(c);
            while (!(mofscan_peek(c, 0) == '*' && mofscan_peek(c, 1) == '/')) {
                if (mofscan_peek(c, 0) == -1)
                    return false;
                mofscan_advance(c);
            }
            mofscan_advance(c);
            mofscan_advance(c);
        } else {
            return true;
        }
    }
}

static bool
mofscan_is_name_char(int ch)
{
    return ch == '_' || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

static int
mofscan_hex(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
        return (ch | 0x20) - 'a' + 10;
    return -1;
}

/* The literal at C (its quote QUOTE under the cursor): past it, and with
 * OUT its decoded text appended.  False when it is not well formed (the
 * cursor is then somewhere inside it). */
static bool
mofscan_literal(struct mofscan_cursor *c, int quote, struct textbuf *out)
{
    static const char from[] = "btnfr\"'\\", to[] = "\b\t\n\f\r\"'\\";

    mofscan_advance(c);
    for (;;) {
        int ch = mofscan_peek(c, 0);
        const char *e;
        if (ch == -1 || ch == '\n' || ch == '\r')
            return false;
        mofscan_advance(c);
        if (ch == quote)
            return true;
        if (ch != '\\') {
            if (out != NULL)
                textbuf_add(out, &c->s[c->off - 1], 1);
            continue;
        }
        ch = mofscan_peek(c, 0);
        if (ch == 'x' || ch == 'X') {
            unsigned long cp = 0;
            int n = 0;
            mofscan_advance(c);
            for (; n < 6 && mofscan_hex(mofscan_peek(c, 0)) >= 0; n++) {
                cp = cp * 16 + (unsigned long)mofscan_hex(mofscan_peek(c, 0));
                mofscan_advance(c);
            }
            if (n == 0 || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return false;
            if (out != NULL)
                {
                    char b[4];

                    textbuf_add(out, b, utf8_encode((uint32_t)cp, b));
                }
        } else if (ch > 0 && (e = strchr(from, ch)) != NULL) {
            mofscan_advance(c);
            if (out != NULL)
                textbuf_add(out, &to[e - from], 1);
        } else {
            return false;
        }
    }
}

/* After "#pragma" at C: when what follows is include("NAME"), NAME into
 * *NAME_OUT (the caller's) with the position of its first string, and 1;
 * 0 for anything else; -1 when memory runs out. */
static int
mofscan_pragma(struct mofscan_cursor *c, char **name_out, unsigned *line, unsigned *col)
{
    struct textbuf name = TEXTBUF_INIT;
    size_t start;

    if (!mofscan_blanks(c))
        return 0;
    start = c->off;
    while (mofscan_peek(c, 0) != -1 && mofscan_is_name_char(mofscan_peek(c, 0)))
        mofscan_advance(c);
    if (c->off - start != 7 || strncasecmp(c->s + start, "include", 7) != 0 ||
        !mofscan_blanks(c) || mofscan_peek(c, 0) != '(')
        return 0;
    mofscan_advance(c);
    if (!mofscan_blanks(c) || mofscan_peek(c, 0) != '"')
        return 0;
    *line = c->line;
    *col = c->col;
    while (mofscan_peek(c, 0) == '"') {
        if (!mofscan_literal(c, '"', &name) || !mofscan_blanks(c)) {
            textbuf_clear(&name);
            return 0;
        }
    }
    if (mofscan_peek(c, 0) != ')') {
        textbuf_clear(&name);
        return 0;
    }
    mofscan_advance(c);
    *name_out = textbuf_take(&name);
    return *name_out != NULL ? 1 : -1;
}

/* INCLUDER's directory + NAME, or NAME when absolute or INCLUDER has no
 * directory (as mof_parser_resolve does).  NULL when memory runs out. */
static char *
mofscan_resolve(const char *includer, const char *name)
{
    const char *slash = strrchr(includer, '/');
    size_t dir;
    char *path;

    if (name[0] == '/' || slash == NULL)
        return strdup(name);
    dir = (size_t)(slash - includer) + 1;
    if ((path = malloc(dir + strlen(name) + 1)) == NULL)
        return NULL;
    memcpy(path, includer, dir);
    strcpy(path + dir, name);
    return path;
}

/* The file named NAME, at PATH (both taken, also on failure), read into a
 * new entry of SCAN.  AT says where it was named ("a.mof:3:18: "), for
 * errors. */
static int
mofscan_read(struct mofscan *scan, char *name, char *path, const char *at,
             cimrpc_error **err_out)
{
    size_t room = CIMRPC_MOF_MAX - scan->total, len = 0;
    struct mofscan_file *f;
    struct stat st;
    char *text = NULL;
    int fd = -1;
    ssize_t got;

    if (scan->n >= CIMRPC_MOF_FILES_MAX) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "%scannot include '%s': a compilation has at "
                  "most %d files", at, name, CIMRPC_MOF_FILES_MAX);
        goto fail;
    }
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "%scannot read MOF file '%s': %s", at, path,
                  strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > room) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, !S_ISREG(st.st_mode) ? "%scannot read MOF "
                  "file '%s': not a regular file" : "%scannot read MOF file '%s': a "
                  "compilation has at most %d bytes of MOF", at, path, CIMRPC_MOF_MAX);
        goto fail;
    }
    /* One byte more than may come, to notice a file that grew. */
    if ((text = malloc((size_t)st.st_size + 1)) == NULL)
        goto nomem;
    while (len <= (size_t)st.st_size &&
           (got = read(fd, text + len, (size_t)st.st_size + 1 - len)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error_set(err_out, CIMRPC_ERR_USAGE, 0, "%scannot read MOF file '%s': %s", at,
                      path, strerror(errno));
            goto fail;
        }
        len += (size_t)got;
    }
    if (len > (size_t)st.st_size) {
        error_set(err_out, CIMRPC_ERR_USAGE, 0, "%sMOF file '%s' changed while it was read",
                  at, path);
        goto fail;
    }
    if (scan->n == scan->cap) {
        size_t cap = scan->cap ? scan->cap * 2 : 8;
        struct mofscan_file *files = realloc(scan->files, cap * sizeof(*files));
        if (files == NULL)
            goto nomem;
        scan->files = files;
        scan->cap = cap;
    }
    close(fd);
    f = &scan->files[scan->n++];
    *f = (struct mofscan_file){ .name = name, .path = path, .text = text, .len = len,
                                .dev = st.st_dev, .ino = st.st_ino };
    scan->total += len;
    return 0;
nomem:
    error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
fail:
    if (fd >= 0)
        close(fd);
    free(text);
    free(name);
    free(path);
    return -1;
}

/* Include NAME (taken), named in file F at LINE:COL: read it, unless a
 * file of that name is in SCAN already, which must be the same file. */
static int
mofscan_include(struct mofscan *scan, size_t from, char *name, unsigned line, unsigned col,
                cimrpc_error **err_out)
{
    char at[1024], *path;
    struct stat st;

    snprintf(at, sizeof(at), "%.900s:%u:%u: ", scan->files[from].path, line, col);
    if (name[0] == '\0' || strlen(name) > CIMRPC_PATH_MAX) {
        free(name);                 /* the server says what is wrong */
        return 0;
    }
    if ((path = mofscan_resolve(scan->files[from].path, name)) == NULL) {
        free(name);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    for (size_t i = 0; i < scan->n; i++) {
        const struct mofscan_file *f = &scan->files[i];
        if (strcmp(f->name, name) != 0)
            continue;
        bool same = stat(path, &st) == 0 && st.st_dev == f->dev && st.st_ino == f->ino;
        int rc = same ? 0 : error_set(err_out, CIMRPC_ERR_USAGE, 0, "%sinclude '%s' is '%s' "
                                      "here but '%s' where it was named before; the server "
                                      "knows included files by name only: give them "
                                      "different names", at, name, path, f->path);
        free(name);
        free(path);
        return rc;
    }
    return mofscan_read(scan, name, path, at, err_out);
}

/* Find the includes of file INDEX of SCAN and add them. */
static int
mofscan_file(struct mofscan *scan, size_t index, cimrpc_error **err_out)
{
    struct mofscan_cursor c = { .s = scan->files[index].text, .len = scan->files[index].len,
                                .line = 1, .col = 1 };

    while (mofscan_blanks(&c)) {
        int ch = mofscan_peek(&c, 0);
        char *name = NULL;
        unsigned line, col;

        if (ch == -1)
            break;
        if (ch == '"' || ch == '\'') {
            if (!mofscan_literal(&c, ch, NULL))
                mofscan_advance(&c);        /* the rest of the line scans on */
        } else if (ch == '#' && c.len - c.off >= 7 &&
                   strncasecmp(c.s + c.off + 1, "pragma", 6) == 0 &&
                   !mofscan_is_name_char(mofscan_peek(&c, 7))) {
            for (int k = 0; k < 7; k++)
                mofscan_advance(&c);
            int found = mofscan_pragma(&c, &name, &line, &col);
            if (found < 0)
                return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
            if (found > 0 && mofscan_include(scan, index, name, line, col, err_out) < 0)
                return -1;
        } else {
            mofscan_advance(&c);
        }
    }
    return 0;
}

int
mofscan_collect(struct mofscan *scan, const char *file, cimrpc_error **err_out)
{
    char *name, *path;

    if (file == NULL || file[0] == '\0' || strlen(file) > CIMRPC_PATH_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "a MOF file name of 1 to %d bytes is "
                         "required", CIMRPC_PATH_MAX);
    name = strdup(file);
    path = strdup(file);
    if (name == NULL || path == NULL) {
        free(name);
        free(path);
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    }
    if (mofscan_read(scan, name, path, "", err_out) < 0)
        return -1;
    /* Files are scanned in the order they were found; each adds its own. */
    for (size_t i = 0; i < scan->n; i++)
        if (mofscan_file(scan, i, err_out) < 0)
            return -1;
    return 0;
}

void
mofscan_clear(struct mofscan *scan)
{
    for (size_t i = 0; i < scan->n; i++) {
        free(scan->files[i].name);
        free(scan->files[i].path);
        free(scan->files[i].text);
    }
    free(scan->files);
    memset(scan, 0, sizeof(*scan));
}
