/*
 * mof_lexer.h: the MOF tokenizer (DSP0221 section 5 and the literal
 * rules of section 7.6; DSP0004 2.x char16 literals).
 *
 * The lexer reads one in-memory buffer of UTF-8 text and hands the parser
 * one token at a time, each with the position where it starts.  It skips
 * whitespace (space, tab, CR, LF) and comments ("//" to the end of the
 * line; "/" "*" blocks, which must be closed), and converts literals: strings
 * have their escapes processed (\b \t \n \f \r \" \' \\ and \x or \X with
 * one to six hex digits naming a code point), numbers are classified
 * (decimal, 0x hex, 1010b binary, leading-0 octal, real) and converted
 * with overflow detection.
 *
 * Every error is reported once, precisely, as a struct mof_error with the
 * position of the offending character.  The whole buffer is checked up
 * front: it must be UTF-8 (a UTF-8 byte order mark is skipped; UTF-16 is
 * refused) with no NUL byte.  One token's source is bounded by
 * MOF_TOKEN_MAX bytes; the caller bounds the buffer.
 */
#ifndef CIMRPC_MOF_LEXER_H
#define CIMRPC_MOF_LEXER_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "mof/mof_ast.h"

/* The longest token, in bytes of source text. */
#define MOF_TOKEN_MAX (64u * 1024u)

enum mof_token_kind {
    MOF_TOK_EOF = 0,
    MOF_TOK_IDENT,          /* names and keywords (keywords are contextual) */
    MOF_TOK_ALIAS,          /* $Name; text is the name without '$' */
    MOF_TOK_STRING,         /* one "..." literal; text is its value */
    MOF_TOK_CHAR16,         /* 'c'; the code point is in char16 */
    MOF_TOK_INTEGER,        /* text as written; value in integer */
    MOF_TOK_REAL,           /* text as written; value in real */
    MOF_TOK_PRAGMA,         /* #pragma */
    MOF_TOK_LBRACE,
    MOF_TOK_RBRACE,
    MOF_TOK_LBRACKET,
    MOF_TOK_RBRACKET,
    MOF_TOK_LPAREN,
    MOF_TOK_RPAREN,
    MOF_TOK_SEMICOLON,
    MOF_TOK_COMMA,
    MOF_TOK_COLON,
    MOF_TOK_EQUALS,
};

struct mof_token {
    enum mof_token_kind kind;
    struct mof_pos pos;
    const char *text;           /* NUL-terminated, never NULL; borrowed from
                                 * the lexer, valid until the next token */
    size_t len;                 /* bytes in text */
    struct mof_integer integer; /* MOF_TOK_INTEGER (integer.text is NULL) */
    double real;                /* MOF_TOK_REAL */
    uint32_t char16;            /* MOF_TOK_CHAR16 */
};

struct mof_lexer {
    const char *buf;            /* borrowed */
    size_t len;
    size_t off;
    const char *file;           /* borrowed; goes into every position */
    unsigned line;
    unsigned column;
    struct mof_token tok;       /* the current token */
    char *text;                 /* token text buffer (owned) */
    size_t text_len;
    size_t text_cap;
    locale_t c_locale;          /* for strtod_l; created on first real */
};

/*
 * Prepare LX to read BUF (LEN bytes, borrowed; must outlive LX) whose
 * positions name FILE (borrowed; must outlive every position handed out).
 * Checks the encoding.  The first token is read by mof_lexer_next().
 * Returns 0, or -1 with *ERR_OUT set (left NULL when out of memory); LX
 * must be freed with mof_lexer_free() in both cases.
 */
int mof_lexer_init(struct mof_lexer *lx, const char *buf, size_t len, const char *file,
                   struct mof_error **err_out);

/* Read the next token into LX->tok (MOF_TOK_EOF at the end, repeatedly).
 * Returns 0, or -1 with *ERR_OUT set (NULL when out of memory). */
int mof_lexer_next(struct mof_lexer *lx, struct mof_error **err_out);

/* Free what LX owns (not LX). */
void mof_lexer_free(struct mof_lexer *lx);

/* Describe TOK for a "found X but expected Y" message ("'}'", "'Foo'",
 * "a string", "end of file") into BUF of SIZE bytes.  Returns BUF. */
const char *mof_lexer_describe(const struct mof_token *tok, char *buf, size_t size);

#endif
