/*
 * wql_lexer.c: WQL tokens from one query string.
 *
 * The lexer walks the text byte by byte, keeping the column (in
 * characters) of the next byte.  Token text (a name's spelling, a
 * string's value, a path's trimmed content) goes into one buffer of the
 * query's length plus one, allocated once: no token's text is longer than
 * its source, so the buffer never grows and no length needs checking
 * after init.  Every error is recorded once, at the column of the
 * offending character, with WBEM_E_INVALID_QUERY.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/wbem.h"
#include "common/utf8.h"
#include "query/wql_lexer.h"
#include "query/wql_like.h"

/* ------------------------------------------------------- characters --- */

static bool
wql_lexer_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool
wql_lexer_is_hex(int c)
{
    return wql_lexer_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned
wql_lexer_hex_value(int c)
{
    if (wql_lexer_is_digit(c))
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    return (unsigned)(c - 'A' + 10);
}

static bool
wql_lexer_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
wql_lexer_is_name_start(int c)
{
    return wql_lexer_is_alpha(c) || c == '_';
}

static bool
wql_lexer_is_name_char(int c)
{
    return wql_lexer_is_name_start(c) || wql_lexer_is_digit(c);
}

static bool
wql_lexer_is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ------------------------------------------------------------ input --- */

/* The byte K ahead of the current one, or -1 at or past the end. */
static int
wql_lexer_peek(const struct wql_lexer *lx, size_t k)
{
    if (lx->off + k >= lx->len)
        return -1;
    return (unsigned char)lx->buf[lx->off + k];
}

/* Move past N bytes, counting a column for each character started. */
static void
wql_lexer_advance(struct wql_lexer *lx, size_t n)
{
    while (n-- > 0)
        if (((unsigned char)lx->buf[lx->off++] & 0xC0) != 0x80)
            lx->col++;
}

/* The character at the cursor for a message: "';'", "'é' (U+00E9)" or
 * "U+0001" for a control character. */
static const char *
wql_lexer_show_char(const struct wql_lexer *lx, char *buf, size_t size)
{
    uint32_t cp = 0;
    size_t n = utf8_decode(lx->buf + lx->off, lx->len - lx->off, &cp);

    if (cp < 0x20 || cp == 0x7F)
        snprintf(buf, size, "U+%04X", (unsigned)cp);
    else if (cp < 0x80)
        snprintf(buf, size, "'%c'", (int)cp);
    else
        snprintf(buf, size, "'%.*s' (U+%04X)", (int)n, lx->buf + lx->off, (unsigned)cp);
    return buf;
}

/* --------------------------------------------------------- token text -- */

/* Set the token's text to N bytes at P (N never exceeds what is left of
 * the source, so it fits the buffer). */
static void
wql_lexer_set_text(struct wql_lexer *lx, const char *p, size_t n)
{
    memmove(lx->text, p, n);
    lx->text[n] = '\0';
    lx->tok.text = lx->text;
    lx->tok.len = n;
}

/* Close the current token: its source span ends at the cursor. */
static void
wql_lexer_end(struct wql_lexer *lx, size_t start_off)
{
    lx->tok.src = lx->buf + start_off;
    lx->tok.src_len = lx->off - start_off;
}

/* ------------------------------------------------------------- setup --- */

int
wql_lexer_init(struct wql_lexer *lx, const char *text, struct wql_error *err)
{
    size_t len;
    unsigned col = 1;

    memset(lx, 0, sizeof(*lx));
    lx->col = 1;
    lx->tok.kind = WQL_TOK_EOF;
    lx->tok.text = "";
    lx->tok.pos = 1;
    lx->buf = "";
    if (text == NULL)
        return wql_error_set(err, WBEM_E_INVALID_QUERY, 0, "no query text was given");
    len = strnlen(text, (size_t)WQL_QUERY_MAX + 1);
    if (len > WQL_QUERY_MAX)
        return wql_error_set(err, WBEM_E_INVALID_QUERY, 0,
                             "the query is longer than %u bytes; split it or select less",
                             (unsigned)WQL_QUERY_MAX);
    for (size_t off = 0; off < len; col++) {
        uint32_t cp;
        size_t n = utf8_decode(text + off, len - off, &cp);
        if (n == 0)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, col,
                                 "invalid UTF-8 byte 0x%02X in the query (queries are UTF-8 "
                                 "text)", (unsigned char)text[off]);
        off += n;
    }
    lx->buf = text;
    lx->len = len;
    if ((lx->text = malloc(len + 1)) == NULL)
        return wql_error_set(err, WBEM_E_FAILED, 0, "out of memory");
    lx->text[0] = '\0';
    return 0;
}

void
wql_lexer_free(struct wql_lexer *lx)
{
    free(lx->text);
    lx->text = NULL;
    if (lx->c_locale != (locale_t)0) {
        freelocale(lx->c_locale);
        lx->c_locale = (locale_t)0;
    }
}

/* ------------------------------------------------------------- names --- */

/* A name, possibly dotted; the cursor is on its first character. */
static int
wql_lexer_name(struct wql_lexer *lx, size_t start_off, struct wql_error *err)
{
    unsigned parts = 0;

    for (;;) {
        size_t seg_off = lx->off;
        unsigned seg_col = lx->col;

        while (wql_lexer_peek(lx, 0) != -1 && wql_lexer_is_name_char(wql_lexer_peek(lx, 0)))
            wql_lexer_advance(lx, 1);
        if (lx->off - seg_off > WQL_NAME_MAX)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, seg_col,
                                 "the name '%.40s...' is longer than %u characters",
                                 lx->buf + seg_off, (unsigned)WQL_NAME_MAX);
        if (++parts > WQL_NAME_PARTS_MAX)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, lx->tok.pos,
                                 "the dotted name '%.*s...' has more than %u parts",
                                 (int)(lx->off - start_off > 40 ? 40 : lx->off - start_off),
                                 lx->buf + start_off, (unsigned)WQL_NAME_PARTS_MAX);
        if (wql_lexer_peek(lx, 0) != '.')
            break;
        if (wql_lexer_peek(lx, 1) == -1 || !wql_lexer_is_name_start(wql_lexer_peek(lx, 1)))
            return wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col,
                                 "'.' after '%.*s' must be followed by a name, as in "
                                 "TargetInstance.Name",
                                 (int)(lx->off - start_off > 40 ? 40 : lx->off - start_off),
                                 lx->buf + start_off);
        lx->tok.dotted = true;
        wql_lexer_advance(lx, 1);
    }
    wql_lexer_end(lx, start_off);
    wql_lexer_set_text(lx, lx->tok.src, lx->tok.src_len);
    lx->tok.kind = WQL_TOK_NAME;
    return 0;
}

/* ----------------------------------------------------------- numbers --- */

/* Is S (N bytes) a real: ( 1*digit [ "." 1*digit ] / "." 1*digit )
 * [ ("e" / "E") [ "+" / "-" ] 1*digit ], with a '.' or an exponent?
 * When not, *WHY (maybe "") completes the message. */
static bool
wql_lexer_real_ok(const char *s, size_t n, const char **why)
{
    size_t i = 0, int_digits, frac_digits = 0;
    bool point = false, has_exp = false;

    *why = "";
    while (i < n && wql_lexer_is_digit((unsigned char)s[i]))
        i++;
    int_digits = i;
    if (i < n && s[i] == '.') {
        point = true;
        i++;
        while (i < n && wql_lexer_is_digit((unsigned char)s[i])) {
            i++;
            frac_digits++;
        }
        if (frac_digits == 0) {
            *why = ": a digit must follow '.'";
            return false;
        }
    }
    if (int_digits == 0 && frac_digits == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t from;
        has_exp = true;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        from = i;
        while (i < n && wql_lexer_is_digit((unsigned char)s[i]))
            i++;
        if (i == from) {
            *why = ": the exponent has no digits";
            return false;
        }
    }
    return i == n && (point || has_exp);
}

static int
wql_lexer_real(struct wql_lexer *lx, unsigned pos, struct wql_error *err)
{
    char *end;
    double d;

    if (lx->c_locale == (locale_t)0 &&
        (lx->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0)
        return wql_error_set(err, WBEM_E_FAILED, 0, "out of memory");
    d = strtod_l(lx->text, &end, lx->c_locale);
    if (*end != '\0' || !isfinite(d))
        return wql_error_set(err, WBEM_E_INVALID_QUERY, pos,
                             "the real number %s is out of range", lx->text);
    lx->tok.kind = WQL_TOK_REAL;
    lx->tok.real = d;
    return 0;
}

static int
wql_lexer_number(struct wql_lexer *lx, size_t start_off, struct wql_error *err)
{
    const char *b = lx->buf, *why, *text;
    size_t i = start_off, body, n;
    unsigned pos = lx->col;
    bool hex;
    uint64_t v = 0;

    if (b[i] == '+' || b[i] == '-')
        i++;
    body = i;
    hex = i + 1 < lx->len && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X');
    while (i < lx->len) {
        int c = (unsigned char)b[i];
        if (wql_lexer_is_name_char(c) || c == '.' ||
            ((c == '+' || c == '-') && !hex && (b[i - 1] == 'e' || b[i - 1] == 'E')))
            i++;
        else
            break;
    }
    wql_lexer_advance(lx, i - start_off);
    wql_lexer_end(lx, start_off);
    wql_lexer_set_text(lx, lx->tok.src, lx->tok.src_len);
    text = lx->text;
    n = i - body;

    if (hex) {
        if (n == 2)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, pos,
                                 "malformed number '%s': hex digits must follow 0x", text);
        for (size_t k = body + 2; k < i; k++)
            if (!wql_lexer_is_hex((unsigned char)b[k]))
                return wql_error_set(err, WBEM_E_INVALID_QUERY, pos, "malformed number '%s'",
                                     text);
    } else if (memchr(b + body, '.', n) != NULL || memchr(b + body, 'e', n) != NULL ||
               memchr(b + body, 'E', n) != NULL) {
        if (!wql_lexer_real_ok(b + body, n, &why))
            return wql_error_set(err, WBEM_E_INVALID_QUERY, pos, "malformed number '%s'%s", text,
                                 why);
        return wql_lexer_real(lx, pos, err);
    } else {
        for (size_t k = body; k < i; k++)
            if (!wql_lexer_is_digit((unsigned char)b[k]))
                return wql_error_set(err, WBEM_E_INVALID_QUERY, pos, "malformed number '%s'",
                                     text);
    }

    for (size_t k = hex ? body + 2 : body; k < i; k++) {
        unsigned radix = hex ? 16 : 10, d = wql_lexer_hex_value((unsigned char)b[k]);
        if (v > (UINT64_MAX - d) / radix)
            goto range;
        v = v * radix + d;
    }
    lx->tok.negative = b[start_off] == '-' && v != 0;
    if (lx->tok.negative && v > (uint64_t)INT64_MAX + 1)
        goto range;
    lx->tok.kind = WQL_TOK_INTEGER;
    lx->tok.magnitude = v;
    return 0;

range:
    return wql_error_set(err, WBEM_E_INVALID_QUERY, pos,
                         "the integer %s is out of range (integers are 64-bit: "
                         "-9223372036854775808 to 18446744073709551615)", text);
}

/* ----------------------------------------------------------- strings --- */

#define WQL_LEXER_ESCAPES "\\\\ \\' \\\" \\n \\t \\r \\b \\f"

/* The escape at the backslash under the cursor: its character in *OUT. */
static int
wql_lexer_escape(struct wql_lexer *lx, char *out, struct wql_error *err)
{
    unsigned at = lx->col;
    char shown[32];
    int e;

    wql_lexer_advance(lx, 1); /* the backslash */
    e = wql_lexer_peek(lx, 0);
    switch (e) {
    case 'b':
        *out = '\b';
        break;
    case 't':
        *out = '\t';
        break;
    case 'n':
        *out = '\n';
        break;
    case 'f':
        *out = '\f';
        break;
    case 'r':
        *out = '\r';
        break;
    case '"':
    case '\'':
    case '\\':
        *out = (char)e;
        break;
    case -1:
        return wql_error_set(err, WBEM_E_INVALID_QUERY, at,
                             "unterminated string: the query ends after '\\'");
    default:
        if (e > 0x20 && e < 0x7F)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, at,
                                 "invalid escape '\\%c' in a string (valid escapes: "
                                 WQL_LEXER_ESCAPES ")", e);
        return wql_error_set(err, WBEM_E_INVALID_QUERY, at,
                             "invalid escape: '\\' followed by %s in a string (valid escapes: "
                             WQL_LEXER_ESCAPES ")",
                             wql_lexer_show_char(lx, shown, sizeof(shown)));
    }
    wql_lexer_advance(lx, 1);
    return 0;
}

/* A quoted string; the cursor is on the opening quote.  In pattern mode
 * (LX->like_pattern) the body is taken raw. */
static int
wql_lexer_string(struct wql_lexer *lx, size_t start_off, struct wql_error *err)
{
    char quote = lx->buf[lx->off], shown[32];
    const char *what = lx->like_pattern ? "LIKE pattern" : "string";
    unsigned pos = lx->col;
    size_t n = 0, body;

    wql_lexer_advance(lx, 1);
    body = lx->off;
    for (;;) {
        int c = wql_lexer_peek(lx, 0);
        if (c == -1)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, pos,
                                 "unterminated %s: the opening %c is never closed", what,
                                 quote);
        if (c == quote)
            break;
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col,
                                 "control character %s in a %s%s",
                                 wql_lexer_show_char(lx, shown, sizeof(shown)), what,
                                 lx->like_pattern ? "" : " (write \\n, \\t, \\r as escapes)");
        if (c == '\\' && !lx->like_pattern) {
            if (wql_lexer_escape(lx, &lx->text[n], err) < 0)
                return -1;
            n++;
            continue;
        }
        lx->text[n++] = (char)c;
        wql_lexer_advance(lx, 1);
    }
    lx->tok.raw = lx->buf + body;
    lx->tok.raw_len = lx->off - body;
    wql_lexer_advance(lx, 1); /* the closing quote */
    wql_lexer_end(lx, start_off);
    lx->text[n] = '\0';
    lx->tok.text = lx->text;
    lx->tok.len = n;
    lx->tok.quote = quote;
    lx->tok.kind = WQL_TOK_STRING;
    return 0;
}

/* ------------------------------------------------------------- paths --- */

/* "{" path "}"; the cursor is on '{'.  Quoted values may hold '}'. */
static int
wql_lexer_path(struct wql_lexer *lx, size_t start_off, struct wql_error *err)
{
    unsigned pos = lx->col, first_col = 0;
    size_t first = 0, last = 0;

    wql_lexer_advance(lx, 1);
    for (;;) {
        int c = wql_lexer_peek(lx, 0);
        if (c == -1)
            return wql_error_set(err, WBEM_E_INVALID_QUERY, pos,
                                 "the object path opened by '{' is never closed by '}'");
        if (c == '}')
            break;
        if (!wql_lexer_is_blank(c)) {
            if (first_col == 0) {
                first = lx->off;
                first_col = lx->col;
            }
            last = lx->off + 1;
        }
        if (c == '"' || c == '\'') {
            int quote = c;
            unsigned qpos = lx->col;
            wql_lexer_advance(lx, 1);
            while ((c = wql_lexer_peek(lx, 0)) != -1 && c != quote) {
                if (c == '\\' && wql_lexer_peek(lx, 1) != -1)
                    wql_lexer_advance(lx, 1);
                wql_lexer_advance(lx, 1);
            }
            if (c == -1)
                return wql_error_set(err, WBEM_E_INVALID_QUERY, qpos,
                                     "unterminated quoted value in the object path: the "
                                     "opening %c is never closed", quote);
            last = lx->off + 1;
        }
        wql_lexer_advance(lx, 1);
    }
    wql_lexer_advance(lx, 1); /* '}' */
    wql_lexer_end(lx, start_off);
    if (first_col == 0) {
        wql_lexer_set_text(lx, "", 0);
        lx->tok.text_pos = lx->col - 1;
    } else {
        wql_lexer_set_text(lx, lx->buf + first, last - first);
        lx->tok.text_pos = first_col;
    }
    lx->tok.kind = WQL_TOK_PATH;
    return 0;
}

/* -------------------------------------------------------------- next --- */

static int
wql_lexer_punct(struct wql_lexer *lx, size_t start_off, enum wql_token_kind kind, size_t n)
{
    wql_lexer_advance(lx, n);
    wql_lexer_end(lx, start_off);
    wql_lexer_set_text(lx, lx->tok.src, n);
    lx->tok.kind = kind;
    return 0;
}

int
wql_lexer_next(struct wql_lexer *lx, struct wql_error *err)
{
    size_t start_off;
    char shown[32];
    int c, rc;

    while (wql_lexer_peek(lx, 0) != -1 && wql_lexer_is_blank(wql_lexer_peek(lx, 0)))
        wql_lexer_advance(lx, 1);
    memset(&lx->tok, 0, sizeof(lx->tok));
    lx->tok.text = "";
    lx->tok.pos = lx->col;
    lx->tok.src = lx->buf + lx->off;
    start_off = lx->off;
    c = wql_lexer_peek(lx, 0);

    switch (c) {
    case -1:
        rc = 0;
        lx->tok.kind = WQL_TOK_EOF;
        break;
    case '*':
        rc = wql_lexer_punct(lx, start_off, WQL_TOK_STAR, 1);
        break;
    case ',':
        rc = wql_lexer_punct(lx, start_off, WQL_TOK_COMMA, 1);
        break;
    case '(':
        rc = wql_lexer_punct(lx, start_off, WQL_TOK_LPAREN, 1);
        break;
    case ')':
        rc = wql_lexer_punct(lx, start_off, WQL_TOK_RPAREN, 1);
        break;
    case '=':
        rc = wql_lexer_punct(lx, start_off, WQL_TOK_EQ, 1);
        break;
    case '<':
        if (wql_lexer_peek(lx, 1) == '=')
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_LE, 2);
        else if (wql_lexer_peek(lx, 1) == '>')
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_NE, 2);
        else
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_LT, 1);
        break;
    case '>':
        if (wql_lexer_peek(lx, 1) == '=')
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_GE, 2);
        else
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_GT, 1);
        break;
    case '!':
        if (wql_lexer_peek(lx, 1) == '=')
            rc = wql_lexer_punct(lx, start_off, WQL_TOK_NE, 2);
        else
            rc = wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col,
                               "unexpected character '!' (not-equal is written != or <>)");
        break;
    case '\'':
    case '"':
        rc = wql_lexer_string(lx, start_off, err);
        break;
    case '{':
        rc = wql_lexer_path(lx, start_off, err);
        break;
    case ';':
        rc = wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col,
                           "unexpected character ';' (a WQL query is not terminated by ';')");
        break;
    default:
        if (wql_lexer_is_digit(c) ||
            ((c == '+' || c == '-' || c == '.') && wql_lexer_is_digit(wql_lexer_peek(lx, 1))) ||
            ((c == '+' || c == '-') && wql_lexer_peek(lx, 1) == '.' &&
             wql_lexer_is_digit(wql_lexer_peek(lx, 2))))
            rc = wql_lexer_number(lx, start_off, err);
        else if (wql_lexer_is_name_start(c))
            rc = wql_lexer_name(lx, start_off, err);
        else if (c >= 0x80)
            rc = wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col,
                               "unexpected character %s: names are ASCII letters, digits and "
                               "'_', and text is written in quotes",
                               wql_lexer_show_char(lx, shown, sizeof(shown)));
        else
            rc = wql_error_set(err, WBEM_E_INVALID_QUERY, lx->col, "unexpected character %s",
                               wql_lexer_show_char(lx, shown, sizeof(shown)));
        break;
    }
    lx->like_pattern = false;
    return rc;
}

/* ---------------------------------------------------------- keywords --- */

bool
wql_lexer_kw(const struct wql_token *tok, const char *kw)
{
    return tok->kind == WQL_TOK_NAME && !tok->dotted && strcasecmp(tok->text, kw) == 0;
}

bool
wql_lexer_reserved(const struct wql_token *tok)
{
    static const char *const reserved[] = {
        "AND", "ASSOCIATORS", "BY", "FALSE", "FROM", "GROUP", "HAVING", "IS", "ISA",
        "KEYSONLY", "LIKE", "NOT", "NULL", "OF", "OR", "REFERENCES", "SELECT", "TRUE",
        "WHERE", "WITHIN",
    };

    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (wql_lexer_kw(tok, reserved[i]))
            return true;
    return false;
}

/* ---------------------------------------------------------- describe --- */

const char *
wql_lexer_describe(const struct wql_token *tok, char *buf, size_t size)
{
    enum { SHOW = 40 };
    size_t n = tok->src_len;
    const char *more = "";

    if (tok->kind == WQL_TOK_EOF) {
        snprintf(buf, size, "end of query");
        return buf;
    }
    if (n > SHOW) {
        n = SHOW;
        while (n > 0 && ((unsigned char)tok->src[n] & 0xC0) == 0x80)
            n--;
        more = "...";
    }
    switch (tok->kind) {
    case WQL_TOK_STRING:
        snprintf(buf, size, "the string %.*s%s", (int)n, tok->src, more);
        break;
    case WQL_TOK_PATH:
        snprintf(buf, size, "the object path %.*s%s", (int)n, tok->src, more);
        break;
    default:
        snprintf(buf, size, "'%.*s%s'", (int)n, tok->src, more);
        break;
    }
    return buf;
}
