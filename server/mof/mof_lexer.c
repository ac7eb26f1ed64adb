/*
 * mof_lexer.c: MOF tokens from a UTF-8 buffer.
 *
 * The lexer walks the buffer byte by byte, keeping the line and column
 * (in characters) of the next byte.  Token text (identifier spelling,
 * processed string value, number as written) goes into one reusable
 * buffer that never grows past MOF_TOKEN_MAX plus a few bytes, because a
 * token's source span is checked against MOF_TOKEN_MAX as it is scanned
 * and processing never makes text longer than its source.
 */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "mof/mof_lexer.h"

/* ------------------------------------------------------- characters --- */

static bool
mof_lexer_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool
mof_lexer_is_hex(int c)
{
    return mof_lexer_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
mof_lexer_hex_value(int c)
{
    if (mof_lexer_is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

static bool
mof_lexer_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character that may start a name: a letter, '_', or (DSP0004 2.x) any
 * non-ASCII character, seen here as the lead byte of its UTF-8 form. */
static bool
mof_lexer_is_name_start(int c)
{
    return mof_lexer_is_alpha(c) || c == '_' || c >= 0x80;
}

static bool
mof_lexer_is_name_char(int c)
{
    return mof_lexer_is_name_start(c) || mof_lexer_is_digit(c);
}

/* ----------------------------------------------------------- errors --- */

static int __attribute__((format(printf, 4, 5)))
mof_lexer_fail(struct mof_error **err_out, enum mof_error_code code, struct mof_pos pos,
               const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    *err_out = mof_ast_error_newv(code, &pos, fmt, ap);
    va_end(ap);
    return -1;
}

static int
mof_lexer_nomem(struct mof_error **err_out)
{
    *err_out = mof_ast_error_new(MOF_ERR_NOMEM, NULL, "out of memory");
    return -1;
}

/* ------------------------------------------------------------ input --- */

static struct mof_pos
mof_lexer_pos(const struct mof_lexer *lx)
{
    return (struct mof_pos){ .file = lx->file, .line = lx->line, .column = lx->column };
}

/* The byte K ahead of the current one, or -1 past the end. */
static int
mof_lexer_peek(const struct mof_lexer *lx, size_t k)
{
    if (lx->off + k >= lx->len)
        return -1;
    return (unsigned char)lx->buf[lx->off + k];
}

/* Move past one byte, keeping line and column.  CR LF, CR and LF each end
 * a line; a UTF-8 continuation byte does not advance the column. */
static void
mof_lexer_advance(struct mof_lexer *lx)
{
    unsigned char c = (unsigned char)lx->buf[lx->off++];

    if (c == '\n' || (c == '\r' && mof_lexer_peek(lx, 0) != '\n')) {
        lx->line++;
        lx->column = 1;
    } else if (c == '\r') {
        /* the LF that follows ends the line */
    } else if ((c & 0xC0) != 0x80) {
        lx->column++;
    }
}

static void
mof_lexer_advance_n(struct mof_lexer *lx, size_t n)
{
    while (n-- > 0)
        mof_lexer_advance(lx);
}

/* --------------------------------------------------------- token text -- */

static void
mof_lexer_text_reset(struct mof_lexer *lx)
{
    lx->text_len = 0;
    if (lx->text != NULL)
        lx->text[0] = '\0';
}

static int
mof_lexer_text_add(struct mof_lexer *lx, const char *p, size_t n)
{
    if (lx->text_len + n + 1 > lx->text_cap) {
        size_t cap = lx->text_cap == 0 ? 64 : lx->text_cap;
        while (cap < lx->text_len + n + 1)
            cap *= 2;
        char *t = realloc(lx->text, cap);
        if (t == NULL)
            return -1;
        lx->text = t;
        lx->text_cap = cap;
    }
    memcpy(lx->text + lx->text_len, p, n);
    lx->text_len += n;
    lx->text[lx->text_len] = '\0';
    return 0;
}

/* Point the current token's text at the text buffer. */
static void
mof_lexer_text_publish(struct mof_lexer *lx)
{
    lx->tok.text = lx->text != NULL ? lx->text : "";
    lx->tok.len = lx->text_len;
}

/* ------------------------------------------------------------- setup --- */

int
mof_lexer_init(struct mof_lexer *lx, const char *buf, size_t len, const char *file,
               struct mof_error **err_out)
{
    const unsigned char *u = (const unsigned char *)buf;

    memset(lx, 0, sizeof(*lx));
    lx->buf = buf;
    lx->len = len;
    lx->file = file;
    lx->line = 1;
    lx->column = 1;
    lx->tok.kind = MOF_TOK_EOF;
    lx->tok.text = "";
    lx->tok.pos = mof_lexer_pos(lx);

    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, mof_lexer_pos(lx),
                              "UTF-16 input is not supported (convert the file to UTF-8)");
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        lx->off = 3;

    /* Check the whole buffer now, so that no later stage sees bad text. */
    struct mof_lexer scan = *lx;
    while (scan.off < scan.len) {
        uint32_t cp;
        size_t n = utf8_decode((const char *)u + scan.off, scan.len - scan.off, &cp);
        if (n == 0)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, mof_lexer_pos(&scan),
                                  "invalid UTF-8 byte 0x%02X", u[scan.off]);
        if (cp == 0)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, mof_lexer_pos(&scan),
                                  "NUL character in the input");
        mof_lexer_advance_n(&scan, n);
    }
    return 0;
}

void
mof_lexer_free(struct mof_lexer *lx)
{
    free(lx->text);
    lx->text = NULL;
    lx->text_cap = lx->text_len = 0;
    if (lx->c_locale != (locale_t)0) {
        freelocale(lx->c_locale);
        lx->c_locale = (locale_t)0;
    }
}

/* ---------------------------------------------------- blanks, comments -- */

/* Skip whitespace and comments.  Returns 0, or -1 for an unterminated
 * block comment. */
static int
mof_lexer_skip_blanks(struct mof_lexer *lx, struct mof_error **err_out)
{
    for (;;) {
        int c = mof_lexer_peek(lx, 0);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            mof_lexer_advance(lx);
        } else if (c == '/' && mof_lexer_peek(lx, 1) == '/') {
            while ((c = mof_lexer_peek(lx, 0)) != -1 && c != '\n' && c != '\r')
                mof_lexer_advance(lx);
        } else if (c == '/' && mof_lexer_peek(lx, 1) == '*') {
            struct mof_pos start = mof_lexer_pos(lx);
            mof_lexer_advance_n(lx, 2);
            for (;;) {
                c = mof_lexer_peek(lx, 0);
                if (c == -1)
                    return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                          "unterminated comment: '/*' is never closed by '*/'");
                if (c == '*' && mof_lexer_peek(lx, 1) == '/') {
                    mof_lexer_advance_n(lx, 2);
                    break;
                }
                mof_lexer_advance(lx);
            }
        } else {
            return 0;
        }
    }
}

/* ------------------------------------------------------------- names --- */

static int
mof_lexer_name(struct mof_lexer *lx, struct mof_pos start, size_t start_off,
               struct mof_error **err_out)
{
    size_t from = lx->off;

    while (mof_lexer_peek(lx, 0) != -1 && mof_lexer_is_name_char(mof_lexer_peek(lx, 0))) {
        mof_lexer_advance(lx);
        if (lx->off - start_off > MOF_TOKEN_MAX)
            return mof_lexer_fail(err_out, MOF_ERR_LIMIT, start,
                                  "name longer than %u bytes", MOF_TOKEN_MAX);
    }
    if (mof_lexer_text_add(lx, lx->buf + from, lx->off - from) < 0)
        return mof_lexer_nomem(err_out);
    mof_lexer_text_publish(lx);
    return 0;
}

/* ----------------------------------------------------------- numbers --- */

/* Convert DIGITS (N bytes, all valid in RADIX) into *MAG.  Returns false
 * on overflow of 64 bits. */
static bool
mof_lexer_magnitude(const char *digits, size_t n, unsigned radix, uint64_t *mag)
{
    uint64_t v = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)mof_lexer_hex_value((unsigned char)digits[i]);
        if (v > (UINT64_MAX - d) / radix)
            return false;
        v = v * radix + d;
    }
    *mag = v;
    return true;
}

static bool
mof_lexer_all(const char *s, size_t n, bool (*pred)(int))
{
    for (size_t i = 0; i < n; i++)
        if (!pred((unsigned char)s[i]))
            return false;
    return true;
}

static bool
mof_lexer_is_binary(int c)
{
    return c == '0' || c == '1';
}

static bool
mof_lexer_is_octal(int c)
{
    return c >= '0' && c <= '7';
}

/* Is S (N bytes) a real: *digit "." 1*digit [ ("e"/"E") ["+"/"-"] 1*digit ]?
 * On failure *WHY says what is wrong. */
static bool
mof_lexer_real_ok(const char *s, size_t n, const char **why)
{
    size_t i = 0;

    while (i < n && mof_lexer_is_digit((unsigned char)s[i]))
        i++;
    if (i == n || s[i] != '.') {
        *why = "";
        return false;
    }
    i++;
    size_t frac = i;
    while (i < n && mof_lexer_is_digit((unsigned char)s[i]))
        i++;
    if (i == frac) {
        *why = ": a digit must follow '.'";
        return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = i;
        while (i < n && mof_lexer_is_digit((unsigned char)s[i]))
            i++;
        if (i == exp) {
            *why = ": the exponent has no digits";
            return false;
        }
    }
    if (i != n) {
        *why = "";
        return false;
    }
    return true;
}

static int
mof_lexer_number(struct mof_lexer *lx, struct mof_pos start, struct mof_error **err_out)
{
    size_t from = lx->off, body, i;
    const char *b = lx->buf;
    bool hex;

    i = from;
    if (b[i] == '+' || b[i] == '-')
        i++;
    body = i;
    hex = i + 1 < lx->len && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X');
    while (i < lx->len) {
        int c = (unsigned char)b[i];
        if (mof_lexer_is_alpha(c) || mof_lexer_is_digit(c) || c == '_' || c == '.' ||
            ((c == '+' || c == '-') && !hex && i > body && (b[i - 1] == 'e' || b[i - 1] == 'E'))) {
            i++;
            if (i - from > MOF_TOKEN_MAX)
                return mof_lexer_fail(err_out, MOF_ERR_LIMIT, start,
                                      "number longer than %u bytes", MOF_TOKEN_MAX);
        } else {
            break;
        }
    }
    mof_lexer_advance_n(lx, i - from);
    if (mof_lexer_text_add(lx, b + from, i - from) < 0)
        return mof_lexer_nomem(err_out);
    mof_lexer_text_publish(lx);

    const char *text = lx->text, *s = b + body;
    size_t n = i - body;
    const char *digits = s;
    size_t nd = n;
    struct mof_integer *in = &lx->tok.integer;
    const char *why = "";

    memset(in, 0, sizeof(*in));
    in->negative = b[from] == '-';
    if (hex) {
        digits = s + 2;
        nd = n - 2;
        if (nd == 0)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "malformed number '%s': hex digits must follow '0x'", text);
        if (!mof_lexer_all(digits, nd, mof_lexer_is_hex))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "malformed number '%s'", text);
        in->radix = MOF_RADIX_HEX;
    } else if (memchr(s, '.', n) != NULL) {
        if (!mof_lexer_real_ok(s, n, &why))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "malformed real number '%s'%s",
                                  text, why);
        if (lx->c_locale == (locale_t)0 &&
            (lx->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0)
            return mof_lexer_nomem(err_out);
        char *end;
        double d = strtod_l(text, &end, lx->c_locale);
        if (*end != '\0' || isinf(d) || isnan(d))
            return mof_lexer_fail(err_out, MOF_ERR_RANGE, start,
                                  "real number %s is out of range", text);
        lx->tok.kind = MOF_TOK_REAL;
        lx->tok.real = d;
        return 0;
    } else if (n >= 2 && (s[n - 1] == 'b' || s[n - 1] == 'B') &&
               mof_lexer_all(s, n - 1, mof_lexer_is_digit)) {
        nd = n - 1;
        if (!mof_lexer_all(digits, nd, mof_lexer_is_binary))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "malformed number '%s': binary digits are 0 and 1", text);
        in->radix = MOF_RADIX_BINARY;
    } else if (mof_lexer_all(s, n, mof_lexer_is_digit)) {
        if (n > 1 && s[0] == '0') {
            if (!mof_lexer_all(s, n, mof_lexer_is_octal))
                return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                      "malformed number '%s': a leading 0 makes it octal, "
                                      "and octal digits are 0 to 7", text);
            in->radix = MOF_RADIX_OCTAL;
        } else {
            in->radix = MOF_RADIX_DECIMAL;
        }
    } else {
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "malformed number '%s'", text);
    }

    if (!mof_lexer_magnitude(digits, nd, (unsigned)in->radix, &in->magnitude))
        return mof_lexer_fail(err_out, MOF_ERR_RANGE, start,
                              "integer %s is out of range (it needs more than 64 bits)", text);
    if (in->negative) {
        if (in->magnitude > (uint64_t)INT64_MAX + 1)
            return mof_lexer_fail(err_out, MOF_ERR_RANGE, start,
                                  "integer %s is out of range (below -9223372036854775808)", text);
        in->fits_sint64 = true;
        in->sint64 = in->magnitude == (uint64_t)INT64_MAX + 1 ? INT64_MIN
                                                              : -(int64_t)in->magnitude;
        in->fits_uint64 = in->magnitude == 0;
    } else {
        in->fits_uint64 = true;
        in->uint64 = in->magnitude;
        in->fits_sint64 = in->magnitude <= (uint64_t)INT64_MAX;
        in->sint64 = in->fits_sint64 ? (int64_t)in->magnitude : 0;
    }
    lx->tok.kind = MOF_TOK_INTEGER;
    return 0;
}

/* ---------------------------------------------------- strings, chars --- */

/* Decode the escape sequence at the backslash under the cursor; store its
 * code point in *CP.  WHAT names the literal ("a string").  ALLOW_NUL
 * permits \x0 (char16 values; a string must not contain U+0000). */
static int
mof_lexer_escape(struct mof_lexer *lx, const char *what, bool allow_nul, uint32_t *cp,
                 struct mof_error **err_out)
{
    struct mof_pos at = mof_lexer_pos(lx);
    int e;

    mof_lexer_advance(lx); /* the backslash */
    e = mof_lexer_peek(lx, 0);
    if (e == -1 || e == '\n' || e == '\r')
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, at,
                              "invalid escape sequence in %s: '\\' at the end of the line", what);
    switch (e) {
    case 'b':
        *cp = 0x08;
        break;
    case 't':
        *cp = 0x09;
        break;
    case 'n':
        *cp = 0x0A;
        break;
    case 'f':
        *cp = 0x0C;
        break;
    case 'r':
        *cp = 0x0D;
        break;
    case '"':
    case '\'':
    case '\\':
        *cp = (uint32_t)e;
        break;
    case 'x':
    case 'X': {
        uint32_t v = 0;
        size_t n = 0;
        mof_lexer_advance(lx);
        while (n < 6 && mof_lexer_peek(lx, 0) != -1 && mof_lexer_is_hex(mof_lexer_peek(lx, 0))) {
            v = v * 16 + (uint32_t)mof_lexer_hex_value(mof_lexer_peek(lx, 0));
            mof_lexer_advance(lx);
            n++;
        }
        if (n == 0)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, at,
                                  "invalid escape sequence '\\%c' in %s: hex digits must follow",
                                  e, what);
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (v == 0 && !allow_nul))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, at,
                                  "invalid escape sequence in %s: U+%04X is not a valid character "
                                  "here", what, (unsigned)v);
        *cp = v;
        return 0;
    }
    default:
        if (e > 0x20 && e < 0x7F)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, at,
                                  "invalid escape sequence '\\%c' in %s (valid: \\b \\t \\n \\f "
                                  "\\r \\\" \\' \\\\ \\xHHHH)", e, what);
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, at,
                              "invalid escape sequence in %s: '\\' must be followed by one of "
                              "b t n f r \" ' \\ x", what);
    }
    mof_lexer_advance(lx);
    return 0;
}

static int
mof_lexer_string(struct mof_lexer *lx, struct mof_pos start, struct mof_error **err_out)
{
    size_t from = lx->off;

    mof_lexer_advance(lx); /* the opening quote */
    for (;;) {
        int c = mof_lexer_peek(lx, 0);
        if (c == -1)
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "unterminated string: the file ends before the closing '\"'");
        if (c == '\n' || c == '\r')
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "unterminated string: the line ends before the closing '\"'");
        if (lx->off - from > MOF_TOKEN_MAX)
            return mof_lexer_fail(err_out, MOF_ERR_LIMIT, start,
                                  "string literal longer than %u bytes", MOF_TOKEN_MAX);
        if (c == '"') {
            mof_lexer_advance(lx);
            break;
        }
        if (c == '\\') {
            uint32_t cp;
            char u8[4];
            if (mof_lexer_escape(lx, "a string", false, &cp, err_out) < 0)
                return -1;
            if (mof_lexer_text_add(lx, u8, utf8_encode(cp, u8)) < 0)
                return mof_lexer_nomem(err_out);
            continue;
        }
        if (c < 0x20 && c != '\t')
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, mof_lexer_pos(lx),
                                  "control character U+%04X in a string (write it as an escape)",
                                  (unsigned)c);
        uint32_t cp;
        size_t n = utf8_decode(lx->buf + lx->off, lx->len - lx->off, &cp);
        if (mof_lexer_text_add(lx, lx->buf + lx->off, n) < 0)
            return mof_lexer_nomem(err_out);
        mof_lexer_advance_n(lx, n);
    }
    lx->tok.kind = MOF_TOK_STRING;
    mof_lexer_text_publish(lx);
    return 0;
}

static int
mof_lexer_char(struct mof_lexer *lx, struct mof_pos start, struct mof_error **err_out)
{
    const char *what = "a character literal";
    uint32_t cp;
    int c;

    mof_lexer_advance(lx); /* the opening quote */
    c = mof_lexer_peek(lx, 0);
    if (c == -1 || c == '\n' || c == '\r')
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                              "unterminated character literal: missing the closing \"'\"");
    if (c == '\'')
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "empty character literal ''");
    if (c == '\\') {
        if (mof_lexer_escape(lx, what, true, &cp, err_out) < 0)
            return -1;
    } else if (c < 0x20 && c != '\t') {
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, mof_lexer_pos(lx),
                              "control character U+%04X in a character literal (write it as an "
                              "escape)", (unsigned)c);
    } else {
        size_t n = utf8_decode(lx->buf + lx->off, lx->len - lx->off, &cp);
        mof_lexer_advance_n(lx, n);
    }
    c = mof_lexer_peek(lx, 0);
    if (c == -1 || c == '\n' || c == '\r')
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                              "unterminated character literal: missing the closing \"'\"");
    if (c != '\'')
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                              "character literal holds more than one character (use a string)");
    mof_lexer_advance(lx);
    if (cp > 0xFFFF)
        return mof_lexer_fail(err_out, MOF_ERR_RANGE, start,
                              "character U+%04X does not fit in char16 (U+0000 to U+FFFF)",
                              (unsigned)cp);
    lx->tok.kind = MOF_TOK_CHAR16;
    lx->tok.char16 = cp;
    return 0;
}

/* -------------------------------------------------------------- next --- */

static int
mof_lexer_punct(struct mof_lexer *lx, enum mof_token_kind kind, const char *text)
{
    mof_lexer_advance(lx);
    lx->tok.kind = kind;
    lx->tok.text = text;
    lx->tok.len = 1;
    return 0;
}

int
mof_lexer_next(struct mof_lexer *lx, struct mof_error **err_out)
{
    struct mof_pos start;
    size_t start_off;
    int c;

    if (mof_lexer_skip_blanks(lx, err_out) < 0)
        return -1;
    mof_lexer_text_reset(lx);
    memset(&lx->tok, 0, sizeof(lx->tok));
    lx->tok.text = "";
    start = lx->tok.pos = mof_lexer_pos(lx);
    start_off = lx->off;
    c = mof_lexer_peek(lx, 0);

    switch (c) {
    case -1:
        lx->tok.kind = MOF_TOK_EOF;
        return 0;
    case '{':
        return mof_lexer_punct(lx, MOF_TOK_LBRACE, "{");
    case '}':
        return mof_lexer_punct(lx, MOF_TOK_RBRACE, "}");
    case '[':
        return mof_lexer_punct(lx, MOF_TOK_LBRACKET, "[");
    case ']':
        return mof_lexer_punct(lx, MOF_TOK_RBRACKET, "]");
    case '(':
        return mof_lexer_punct(lx, MOF_TOK_LPAREN, "(");
    case ')':
        return mof_lexer_punct(lx, MOF_TOK_RPAREN, ")");
    case ';':
        return mof_lexer_punct(lx, MOF_TOK_SEMICOLON, ";");
    case ',':
        return mof_lexer_punct(lx, MOF_TOK_COMMA, ",");
    case ':':
        return mof_lexer_punct(lx, MOF_TOK_COLON, ":");
    case '=':
        return mof_lexer_punct(lx, MOF_TOK_EQUALS, "=");
    case '"':
        return mof_lexer_string(lx, start, err_out);
    case '\'':
        return mof_lexer_char(lx, start, err_out);
    case '$':
        mof_lexer_advance(lx);
        c = mof_lexer_peek(lx, 0);
        if (c == -1 || !mof_lexer_is_name_start(c))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "found '$' but expected an alias name right after it");
        lx->tok.kind = MOF_TOK_ALIAS;
        return mof_lexer_name(lx, start, start_off, err_out);
    case '#': {
        static const char pragma[] = "pragma";
        size_t k;
        for (k = 0; k < sizeof(pragma) - 1; k++) {
            int p = mof_lexer_peek(lx, 1 + k);
            if (p == -1 || (p | 0x20) != pragma[k])
                break;
        }
        c = mof_lexer_peek(lx, 1 + k);
        if (k != sizeof(pragma) - 1 || (c != -1 && mof_lexer_is_name_char(c)))
            return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start,
                                  "found '#' but expected '#pragma'");
        mof_lexer_advance_n(lx, 1 + k);
        lx->tok.kind = MOF_TOK_PRAGMA;
        lx->tok.text = "#pragma";
        lx->tok.len = 7;
        return 0;
    }
    default:
        break;
    }

    if (mof_lexer_is_digit(c) ||
        ((c == '+' || c == '-') &&
         (mof_lexer_is_digit(mof_lexer_peek(lx, 1)) ||
          (mof_lexer_peek(lx, 1) == '.' && mof_lexer_is_digit(mof_lexer_peek(lx, 2))))) ||
        (c == '.' && mof_lexer_is_digit(mof_lexer_peek(lx, 1))))
        return mof_lexer_number(lx, start, err_out);
    if (mof_lexer_is_name_start(c)) {
        lx->tok.kind = MOF_TOK_IDENT;
        return mof_lexer_name(lx, start, start_off, err_out);
    }
    if (c > 0x20 && c < 0x7F)
        return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "unexpected character '%c'", c);
    return mof_lexer_fail(err_out, MOF_ERR_SYNTAX, start, "unexpected character U+%04X",
                          (unsigned)c);
}

/* ---------------------------------------------------------- describe --- */

const char *
mof_lexer_describe(const struct mof_token *tok, char *buf, size_t size)
{
    enum { SHOW = 40 };

    switch (tok->kind) {
    case MOF_TOK_EOF:
        snprintf(buf, size, "end of file");
        break;
    case MOF_TOK_STRING:
        snprintf(buf, size, "a string");
        break;
    case MOF_TOK_CHAR16:
        snprintf(buf, size, "a character literal");
        break;
    case MOF_TOK_IDENT:
    case MOF_TOK_ALIAS:
    case MOF_TOK_INTEGER:
    case MOF_TOK_REAL: {
        size_t n = tok->len;
        const char *more = "";
        if (n > SHOW) {
            n = SHOW;
            /* cut at a character boundary */
            while (n > 0 && ((unsigned char)tok->text[n] & 0xC0) == 0x80)
                n--;
            more = "...";
        }
        snprintf(buf, size, "'%s%.*s%s'", tok->kind == MOF_TOK_ALIAS ? "$" : "", (int)n,
                 tok->text, more);
        break;
    }
    default:
        snprintf(buf, size, "'%s'", tok->text);
        break;
    }
    return buf;
}
