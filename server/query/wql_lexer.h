/*
 * wql_lexer.h: the WQL tokenizer.
 *
 * The lexer reads one NUL-terminated query of at most WQL_QUERY_MAX bytes
 * and hands the parser one token at a time, each with the column where it
 * starts.  The whole text is checked up front: it must be UTF-8.  Blanks
 * (space, tab, CR, LF) separate tokens; WQL has no comments.
 *
 * Tokens:
 *   names      a letter or '_', then letters, digits and '_' (ASCII); a
 *              dotted name (TargetInstance.Name, no blanks around '.') is
 *              one token.  Keywords are names: the parser recognises them
 *              in any case with wql_lexer_kw().
 *   strings    '...' or "...", with the escapes \\ \' \" \n \t \r \b \f
 *              (anything else after '\' is an error naming it).  The body
 *              as written is kept too (raw).
 *   patterns   when the parser sets like_pattern before asking for the
 *              next token (the one after LIKE), a quoted string is read
 *              raw: '\' is an ordinary character and the string ends at
 *              the first quote that matches the opening one, so a
 *              pattern cannot hold its own quote character (write
 *              "it's%" in double quotes).  The value is the raw body.
 *   numbers    an optional sign, then decimal digits, 0x and hex digits,
 *              or a real (1.5, .5, 2.5e3, 1E-3); integers must fit in
 *              -2^63 .. 2^64-1, reals must be finite.
 *   paths      '{' ... '}' is one token, the object path of ASSOCIATORS
 *              OF / REFERENCES OF: quoted values inside it (either quote,
 *              '\' escaping the next character) may hold '}'.
 *   operators  = <> != < <= > >=, and * , ( ).
 * Anything else (';' included: a query has no terminator) is an error.
 */
#ifndef CIMRPC_WQL_LEXER_H
#define CIMRPC_WQL_LEXER_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query/wql_ast.h"

enum wql_token_kind {
    WQL_TOK_EOF = 0,
    WQL_TOK_NAME,           /* text: the name (dotted set when it has '.') */
    WQL_TOK_STRING,         /* text: the value; raw: the body as written */
    WQL_TOK_INTEGER,        /* negative, magnitude */
    WQL_TOK_REAL,           /* real */
    WQL_TOK_PATH,           /* text: between the braces, trimmed; text_pos */
    WQL_TOK_STAR,
    WQL_TOK_COMMA,
    WQL_TOK_LPAREN,
    WQL_TOK_RPAREN,
    WQL_TOK_EQ,
    WQL_TOK_NE,             /* <> or != */
    WQL_TOK_LT,
    WQL_TOK_LE,
    WQL_TOK_GT,
    WQL_TOK_GE,
};

struct wql_token {
    enum wql_token_kind kind;
    unsigned pos;               /* column of the first character */
    const char *src;            /* the token as written: borrowed from the */
    size_t src_len;             /* query text, not NUL-terminated */
    const char *text;           /* NUL-terminated, never NULL; borrowed from */
    size_t len;                 /* the lexer, valid until the next token */
    const char *raw;            /* STRING: the body between the quotes as */
    size_t raw_len;             /* written, borrowed from the query text */
    char quote;                 /* STRING: '\'' or '"' */
    bool dotted;                /* NAME: holds a '.' */
    bool negative;              /* INTEGER: -magnitude (never for 0) */
    uint64_t magnitude;         /* INTEGER */
    double real;                /* REAL */
    unsigned text_pos;          /* PATH: column of text's first character */
};

struct wql_lexer {
    const char *buf;            /* borrowed */
    size_t len;
    size_t off;                 /* byte offset of the next character */
    unsigned col;               /* its column */
    bool like_pattern;          /* read the next string raw (one token only) */
    struct wql_token tok;       /* the current token */
    char *text;                 /* token text buffer, len + 1 bytes (owned) */
    locale_t c_locale;          /* for strtod_l; created on the first real */
};

/*
 * Prepare LX to read TEXT (borrowed; must outlive LX): bound its length
 * by WQL_QUERY_MAX, check that it is UTF-8.  The first token is read by
 * wql_lexer_next().  Returns 0, or -1 with ERR (borrowed) filled; LX must
 * be freed with wql_lexer_free() in both cases.
 */
int wql_lexer_init(struct wql_lexer *lx, const char *text, struct wql_error *err);

/* Read the next token into LX->tok (WQL_TOK_EOF at the end, repeatedly)
 * and clear LX->like_pattern.  Returns 0, or -1 with ERR filled. */
int wql_lexer_next(struct wql_lexer *lx, struct wql_error *err);

/* Free what LX owns (not LX). */
void wql_lexer_free(struct wql_lexer *lx);

/* Is TOK the keyword KW (an undotted name, any case)? */
bool wql_lexer_kw(const struct wql_token *tok, const char *kw);

/* Is TOK a reserved word of WQL, which cannot name a class or property
 * (SELECT, FROM, WHERE, AND, OR, NOT, LIKE, ISA, IS, NULL, TRUE, FALSE,
 * ASSOCIATORS, REFERENCES, OF, WITHIN, GROUP, BY, HAVING, KEYSONLY)? */
bool wql_lexer_reserved(const struct wql_token *tok);

/* Describe TOK for a "found X but expected Y" message ("'FORM'", "'>='",
 * "the string 'abc'", "end of query"; long tokens are cut with "...")
 * into BUF of SIZE bytes.  Returns BUF. */
const char *wql_lexer_describe(const struct wql_token *tok, char *buf, size_t size);

#endif
