/*
 * mof_parser.c: recursive descent over the tokens of mof_lexer.c.
 *
 * One function per production; each starts at the current token and
 * leaves the token after its production current.  Keywords are
 * contextual (a qualifier may be called "Association", a property
 * "Value"), so they are recognised by mof_parser_kw() where the grammar
 * expects them.  Every failure records one error in p->err and returns
 * -1 (or NULL) straight up to mof_parse_file()/mof_parse_buffer(), which
 * then drop the half-built document.
 *
 * Includes recurse into mof_parser_unit() with a fresh lexer; the stack
 * of files being read (with device and inode) detects loops.  Embedded
 * instance values recurse too, bounded by MOF_PARSE_MAX_NESTING.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mof/mof_lexer.h"
#include "mof/mof_parser.h"

/* One file being read, for loop detection and the loop message. */
struct mof_parser_frame {
    const char *name;           /* borrowed from the document */
    bool has_id;                /* false for an in-memory buffer */
    dev_t dev;
    ino_t ino;
};

struct mof_parser {
    unsigned max_depth;
    size_t max_total;
    enum mof_include_mode include_mode;
    int (*find_include)(void *arg, const char *name, const char **text, size_t *len);
    void *find_include_arg;
    struct mof_document *doc;
    struct mof_error *err;      /* the one error, once set */
    size_t total;               /* bytes read so far */
    unsigned includes;          /* include files read so far */
    struct mof_parser_frame *frames;   /* max_depth + 1 of them */
    unsigned depth;             /* index of the file being read */
    struct mof_lexer *lx;       /* its lexer */
    unsigned nesting;           /* embedded instance values open */
};

/* What mof_parser_value() accepts besides scalar literals. */
enum {
    MOF_PARSER_ARRAY = 1u << 0,     /* { v, v } */
    MOF_PARSER_ALIAS = 1u << 1,     /* $Alias */
    MOF_PARSER_INSTANCE = 1u << 2,  /* instance of X { ... } */
    MOF_PARSER_ANY_VALUE = MOF_PARSER_ARRAY | MOF_PARSER_ALIAS | MOF_PARSER_INSTANCE,
};

static struct mof_instance *mof_parser_instance(struct mof_parser *p,
                                                struct mof_qualifier_list *quals, bool top);

/* ----------------------------------------------------------- errors --- */

static int __attribute__((format(printf, 4, 5)))
mof_parser_fail(struct mof_parser *p, enum mof_error_code code, struct mof_pos pos,
                const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    p->err = mof_ast_error_newv(code, &pos, fmt, ap);
    va_end(ap);
    return -1;
}

static int
mof_parser_nomem(struct mof_parser *p)
{
    p->err = mof_ast_error_new(MOF_ERR_NOMEM, NULL, "out of memory");
    return -1;
}

/* "found <current token> but expected <WHAT>", at the current token. */
static int __attribute__((format(printf, 2, 3)))
mof_parser_expected(struct mof_parser *p, const char *fmt, ...)
{
    char found[128], *what = NULL;
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vasprintf(&what, fmt, ap);
    va_end(ap);
    if (rc < 0)
        return mof_parser_nomem(p);
    mof_lexer_describe(&p->lx->tok, found, sizeof(found));
    mof_parser_fail(p, MOF_ERR_SYNTAX, p->lx->tok.pos, "found %s but expected %s", found, what);
    free(what);
    return -1;
}

/* ----------------------------------------------------------- tokens --- */

static const struct mof_token *
mof_parser_tok(const struct mof_parser *p)
{
    return &p->lx->tok;
}

static int
mof_parser_next(struct mof_parser *p)
{
    return mof_lexer_next(p->lx, &p->err);
}

static bool
mof_parser_is(const struct mof_parser *p, enum mof_token_kind kind)
{
    return p->lx->tok.kind == kind;
}

/* Is the current token the keyword KW (any case)? */
static bool
mof_parser_kw(const struct mof_parser *p, const char *kw)
{
    return p->lx->tok.kind == MOF_TOK_IDENT && mof_ast_name_eq(p->lx->tok.text, kw);
}

/* Consume a token of KIND, or fail with "found X but expected WHAT". */
static int
mof_parser_expect(struct mof_parser *p, enum mof_token_kind kind, const char *what)
{
    if (!mof_parser_is(p, kind))
        return mof_parser_expected(p, "%s", what);
    return mof_parser_next(p);
}

/* Consume adjacent string literals ("a" "b") into a new string at *OUT
 * (caller frees) of *LEN_OUT bytes.  The current token is a string. */
static int
mof_parser_string(struct mof_parser *p, char **out, size_t *len_out)
{
    char *s = NULL;
    size_t len = 0, cap = 0;

    while (mof_parser_is(p, MOF_TOK_STRING)) {
        const struct mof_token *t = mof_parser_tok(p);
        if (len + t->len + 1 > cap) {
            size_t ncap = cap == 0 ? 64 : cap;
            while (ncap < len + t->len + 1)
                ncap *= 2;
            char *ns = realloc(s, ncap);
            if (ns == NULL) {
                free(s);
                return mof_parser_nomem(p);
            }
            s = ns;
            cap = ncap;
        }
        memcpy(s + len, t->text, t->len);
        len += t->len;
        s[len] = '\0';
        if (mof_parser_next(p) < 0) {
            free(s);
            return -1;
        }
    }
    *out = s;
    *len_out = len;
    return 0;
}

/* ----------------------------------------------------------- values --- */

static struct mof_value *mof_parser_scalar(struct mof_parser *p, unsigned allow, bool in_array);

static struct mof_value *
mof_parser_embedded(struct mof_parser *p, struct mof_pos pos)
{
    struct mof_qualifier_list none = { 0 };
    struct mof_instance *inst;

    if (p->nesting >= MOF_PARSE_MAX_NESTING) {
        mof_parser_fail(p, MOF_ERR_LIMIT, pos, "embedded instances nested more than %u deep",
                        MOF_PARSE_MAX_NESTING);
        return NULL;
    }
    p->nesting++;
    inst = mof_parser_instance(p, &none, false);
    p->nesting--;
    if (inst == NULL)
        return NULL;
    struct mof_value *v = mof_ast_value_new_instance(pos, inst);
    if (v == NULL)
        mof_parser_nomem(p);
    return v;
}

/* A single value: a literal, or what ALLOW adds.  IN_ARRAY: an element. */
static struct mof_value *
mof_parser_scalar(struct mof_parser *p, unsigned allow, bool in_array)
{
    const struct mof_token *t = mof_parser_tok(p);
    struct mof_pos pos = t->pos;
    struct mof_value *v = NULL;

    switch (t->kind) {
    case MOF_TOK_INTEGER:
        v = mof_ast_value_new_integer(pos, t->text, &t->integer);
        break;
    case MOF_TOK_REAL:
        v = mof_ast_value_new_real(pos, t->text, t->real);
        break;
    case MOF_TOK_CHAR16:
        v = mof_ast_value_new_char16(pos, t->char16);
        break;
    case MOF_TOK_STRING: {
        char *s;
        size_t len;
        if (mof_parser_string(p, &s, &len) < 0)
            return NULL;
        v = mof_ast_value_new_string(pos, s, len);
        free(s);
        if (v == NULL)
            mof_parser_nomem(p);
        return v; /* the string tokens are consumed */
    }
    case MOF_TOK_ALIAS:
        if ((allow & MOF_PARSER_ALIAS) == 0)
            goto unexpected;
        v = mof_ast_value_new_alias(pos, t->text);
        break;
    case MOF_TOK_IDENT:
        if (mof_parser_kw(p, "true") || mof_parser_kw(p, "false"))
            v = mof_ast_value_new_boolean(pos, mof_parser_kw(p, "true"));
        else if (mof_parser_kw(p, "null"))
            v = mof_ast_value_new_null(pos);
        else if ((allow & MOF_PARSER_INSTANCE) != 0 &&
                 (mof_parser_kw(p, "instance") || mof_parser_kw(p, "value")))
            return mof_parser_embedded(p, pos);
        else
            goto unexpected;
        break;
    case MOF_TOK_LBRACE:
        if (in_array) {
            mof_parser_expected(p, "a value (arrays cannot be nested)");
            return NULL;
        }
        goto unexpected;
    default:
        goto unexpected;
    }
    if (v == NULL) {
        mof_parser_nomem(p);
        return NULL;
    }
    if (mof_parser_next(p) < 0) {
        mof_ast_value_free(v);
        return NULL;
    }
    return v;

unexpected:
    mof_parser_expected(p, "a value");
    return NULL;
}

/* A value: a scalar, or with MOF_PARSER_ARRAY in ALLOW an array of them. */
static struct mof_value *
mof_parser_value(struct mof_parser *p, unsigned allow)
{
    struct mof_value *arr;

    if (!mof_parser_is(p, MOF_TOK_LBRACE) || (allow & MOF_PARSER_ARRAY) == 0)
        return mof_parser_scalar(p, allow, false);
    if ((arr = mof_ast_value_new_array(mof_parser_tok(p)->pos)) == NULL) {
        mof_parser_nomem(p);
        return NULL;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    if (!mof_parser_is(p, MOF_TOK_RBRACE)) {
        for (;;) {
            struct mof_value *item = mof_parser_scalar(p, allow, true);
            if (item == NULL)
                goto fail;
            if (mof_ast_value_array_append(arr, item) < 0) {
                mof_parser_nomem(p);
                goto fail;
            }
            if (mof_parser_is(p, MOF_TOK_RBRACE))
                break;
            if (mof_parser_expect(p, MOF_TOK_COMMA, "',' or '}' in the array value") < 0)
                goto fail;
        }
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    return arr;

fail:
    mof_ast_value_free(arr);
    return NULL;
}

/* ------------------------------------------------------- qualifiers --- */

static const struct {
    const char *name;
    unsigned bit;
} mof_parser_flavors[] = {
    { "EnableOverride", MOF_FLAVOR_ENABLEOVERRIDE },
    { "DisableOverride", MOF_FLAVOR_DISABLEOVERRIDE },
    { "ToSubclass", MOF_FLAVOR_TOSUBCLASS },
    { "Restricted", MOF_FLAVOR_RESTRICTED },
    { "Translatable", MOF_FLAVOR_TRANSLATABLE },
    /* WMI's spellings (mofcomp): NotToSubclass is Restricted; Amended
     * marks a localized qualifier, which is what Translatable says. */
    { "NotToSubclass", MOF_FLAVOR_RESTRICTED },
    { "Amended", MOF_FLAVOR_TRANSLATABLE },
    { "ToInstance", MOF_FLAVOR_TOINSTANCE },
    { "NotToInstance", MOF_FLAVOR_NOTTOINSTANCE },
};

#define MOF_PARSER_FLAVOR_LIST \
    "a flavor (EnableOverride, DisableOverride, ToSubclass, Restricted, Translatable, " \
    "or WMI's NotToSubclass, Amended, ToInstance, NotToInstance)"

/* Add the flavor named by the current token to *SET (refusing a pair
 * that contradicts itself) and consume it. */
static int
mof_parser_flavor(struct mof_parser *p, unsigned *set)
{
    unsigned bit = 0, other;

    for (size_t i = 0; i < sizeof(mof_parser_flavors) / sizeof(mof_parser_flavors[0]); i++)
        if (mof_parser_kw(p, mof_parser_flavors[i].name))
            bit = mof_parser_flavors[i].bit;
    if (bit == 0)
        return mof_parser_expected(p, MOF_PARSER_FLAVOR_LIST);
    switch (bit) {
    case MOF_FLAVOR_ENABLEOVERRIDE:
        other = MOF_FLAVOR_DISABLEOVERRIDE;
        break;
    case MOF_FLAVOR_DISABLEOVERRIDE:
        other = MOF_FLAVOR_ENABLEOVERRIDE;
        break;
    case MOF_FLAVOR_TOSUBCLASS:
        other = MOF_FLAVOR_RESTRICTED;
        break;
    case MOF_FLAVOR_RESTRICTED:
        other = MOF_FLAVOR_TOSUBCLASS;
        break;
    case MOF_FLAVOR_TOINSTANCE:
        other = MOF_FLAVOR_NOTTOINSTANCE;
        break;
    case MOF_FLAVOR_NOTTOINSTANCE:
        other = MOF_FLAVOR_TOINSTANCE;
        break;
    default:
        other = 0;
    }
    if ((*set & other) != 0)
        return mof_parser_fail(p, MOF_ERR_SYNTAX, mof_parser_tok(p)->pos,
                               "flavor '%s' contradicts '%s'", mof_parser_tok(p)->text,
                               mof_ast_flavor_name(other));
    *set |= bit;
    return mof_parser_next(p);
}

/* "[" qualifier *( "," qualifier ) "]" into LIST. */
static int
mof_parser_qualifier_list(struct mof_parser *p, struct mof_qualifier_list *list)
{
    if (mof_parser_next(p) < 0) /* '[' */
        return -1;
    for (;;) {
        if (!mof_parser_is(p, MOF_TOK_IDENT))
            return mof_parser_expected(p, "a qualifier name");
        struct mof_qualifier *q = mof_ast_qualifier_new(mof_parser_tok(p)->text,
                                                        mof_parser_tok(p)->pos);
        if (q == NULL)
            return mof_parser_nomem(p);
        if (mof_ast_qualifier_list_append(list, q) < 0)
            return mof_parser_nomem(p);
        if (mof_parser_next(p) < 0)
            return -1;
        if (mof_parser_is(p, MOF_TOK_LPAREN)) {
            if (mof_parser_next(p) < 0)
                return -1;
            if ((q->value = mof_parser_value(p, 0)) == NULL)
                return -1;
            if (!mof_parser_is(p, MOF_TOK_RPAREN))
                return mof_parser_expected(p, "')' after the value of qualifier %s", q->name);
            if (mof_parser_next(p) < 0)
                return -1;
        } else if (mof_parser_is(p, MOF_TOK_LBRACE)) {
            if ((q->value = mof_parser_value(p, MOF_PARSER_ARRAY)) == NULL)
                return -1;
        }
        if (mof_parser_is(p, MOF_TOK_COLON)) {
            if (mof_parser_next(p) < 0)
                return -1;
            do {
                if (mof_parser_flavor(p, &q->flavors) < 0)
                    return -1;
            } while (mof_parser_is(p, MOF_TOK_IDENT));
        }
        if (mof_parser_is(p, MOF_TOK_RBRACKET))
            return mof_parser_next(p);
        if (mof_parser_expect(p, MOF_TOK_COMMA, "',' or ']' in the qualifier list") < 0)
            return -1;
    }
}

/* ------------------------------------------------------------ types --- */

#define MOF_PARSER_TYPE_LIST                                                   \
    "a data type (boolean, string, char16, datetime, sint8 to uint64, real32, " \
    "real64) or 'ClassName REF'"

enum {
    MOF_PARSER_TYPE_VOID = 1 << 0,      /* "void" (a method's return type) */
    MOF_PARSER_TYPE_OBJECT = 1 << 1,    /* a bare class name (MOF v3) */
};

/* A data type, "ClassName REF", or as ALLOW (MOF_PARSER_TYPE_* bits) says
 * "void" or a bare class name, into *T.  Whether a bare name is a class is
 * for the compiler to decide: syntactically it cannot be told from a
 * misspelt data type. */
static int
mof_parser_type(struct mof_parser *p, struct mof_type *t, unsigned allow)
{
    const struct mof_token *tok = mof_parser_tok(p);
    enum mof_type_kind kind;
    struct mof_pos pos = tok->pos;
    char *name;

    if (tok->kind != MOF_TOK_IDENT)
        return mof_parser_expected(p, MOF_PARSER_TYPE_LIST);
    if ((kind = mof_ast_type_lookup(tok->text)) != MOF_TYPE_NONE) {
        t->kind = kind;
        return mof_parser_next(p);
    }
    if ((name = strdup(tok->text)) == NULL)
        return mof_parser_nomem(p);
    if (mof_parser_next(p) < 0) {
        free(name);
        return -1;
    }
    if (mof_parser_kw(p, "ref")) {
        t->kind = MOF_TYPE_REFERENCE;
        t->ref_class = name;
        return mof_parser_next(p);
    }
    if ((allow & MOF_PARSER_TYPE_VOID) && mof_ast_name_eq(name, "void")) {
        free(name);
        t->kind = MOF_TYPE_VOID;
        return 0;
    }
    if (allow & MOF_PARSER_TYPE_OBJECT) {
        t->kind = MOF_TYPE_OBJECT;
        if (mof_ast_name_eq(name, "object")) /* MOF v3: an instance of any class */
            free(name);
        else
            t->ref_class = name;
        return 0;
    }
    mof_parser_fail(p, MOF_ERR_SYNTAX, pos, "found '%s' but expected " MOF_PARSER_TYPE_LIST,
                    name);
    free(name);
    return -1;
}

/* "[" [ size ] "]" after a name: mark *T an array. */
static int
mof_parser_array_suffix(struct mof_parser *p, struct mof_type *t)
{
    if (mof_parser_next(p) < 0) /* '[' */
        return -1;
    t->is_array = true;
    if (mof_parser_is(p, MOF_TOK_INTEGER)) {
        const struct mof_token *tok = mof_parser_tok(p);
        if (tok->integer.radix != MOF_RADIX_DECIMAL || tok->text[0] == '+' ||
            tok->integer.negative || tok->integer.magnitude == 0 ||
            tok->integer.magnitude > UINT32_MAX)
            return mof_parser_expected(p, "a positive decimal array size (1 to 4294967295)");
        t->array_size = (uint32_t)tok->integer.magnitude;
        if (mof_parser_next(p) < 0)
            return -1;
    }
    return mof_parser_expect(p, MOF_TOK_RBRACKET, "']' to close the array");
}

/* ---------------------------------------------------------- classes --- */

static int
mof_parser_parameter(struct mof_parser *p, struct mof_feature *m)
{
    struct mof_qualifier_list quals = { 0 };
    struct mof_type type = { 0 };
    struct mof_parameter *param = NULL;
    int rc = -1;

    if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_qualifier_list(p, &quals) < 0)
        goto out;
    if (mof_parser_type(p, &type, MOF_PARSER_TYPE_OBJECT) < 0)
        goto out;
    if (!mof_parser_is(p, MOF_TOK_IDENT)) {
        mof_parser_expected(p, "a parameter name");
        goto out;
    }
    if ((param = mof_ast_parameter_new(mof_parser_tok(p)->text, mof_parser_tok(p)->pos)) == NULL) {
        mof_parser_nomem(p);
        goto out;
    }
    param->qualifiers = quals;
    param->type = type;
    quals = (struct mof_qualifier_list){ 0 };
    type = (struct mof_type){ 0 };
    if (mof_parser_next(p) < 0)
        goto out;
    if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_array_suffix(p, &param->type) < 0)
        goto out;
    if (mof_parser_is(p, MOF_TOK_EQUALS)) {
        if (mof_parser_next(p) < 0)
            goto out;
        if ((param->default_value = mof_parser_value(p, MOF_PARSER_ANY_VALUE)) == NULL)
            goto out;
    }
    rc = mof_ast_feature_add_parameter(m, param);
    param = NULL;
    if (rc < 0)
        mof_parser_nomem(p);

out:
    mof_ast_parameter_free(param);
    mof_ast_qualifier_list_clear(&quals);
    mof_ast_type_clear(&type);
    return rc;
}

/* A property or a method of class C. */
static int
mof_parser_feature(struct mof_parser *p, struct mof_class *c)
{
    struct mof_qualifier_list quals = { 0 };
    struct mof_type type = { 0 };
    struct mof_feature *f = NULL;
    struct mof_pos type_pos;
    bool array_return = false;
    int rc = -1;

    if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_qualifier_list(p, &quals) < 0)
        goto out;
    type_pos = mof_parser_tok(p)->pos;
    if (!mof_parser_is(p, MOF_TOK_IDENT)) {
        mof_parser_expected(p, "a property or method declaration, or '}' to end class %s",
                            c->name);
        goto out;
    }
    if (mof_parser_type(p, &type, MOF_PARSER_TYPE_VOID | MOF_PARSER_TYPE_OBJECT) < 0)
        goto out;
    if (mof_parser_is(p, MOF_TOK_LBRACKET)) {
        /* "type[] Name(...)": a method's array return type (MOF v3) */
        if (mof_parser_next(p) < 0 ||
            mof_parser_expect(p, MOF_TOK_RBRACKET, "']' after '[' in a method's return type") < 0)
            goto out;
        type.is_array = true;
        array_return = true;
    }
    if (!mof_parser_is(p, MOF_TOK_IDENT)) {
        mof_parser_expected(p, "a property or method name");
        goto out;
    }
    if ((f = mof_ast_feature_new(MOF_FEATURE_PROPERTY, mof_parser_tok(p)->text,
                                 mof_parser_tok(p)->pos)) == NULL) {
        mof_parser_nomem(p);
        goto out;
    }
    f->qualifiers = quals;
    f->type = type;
    quals = (struct mof_qualifier_list){ 0 };
    type = (struct mof_type){ 0 };
    if (mof_parser_next(p) < 0)
        goto out;

    if (mof_parser_is(p, MOF_TOK_LPAREN)) {
        f->kind = MOF_FEATURE_METHOD;
        if (mof_parser_next(p) < 0)
            goto out;
        if (!mof_parser_is(p, MOF_TOK_RPAREN)) {
            for (;;) {
                if (mof_parser_parameter(p, f) < 0)
                    goto out;
                if (mof_parser_is(p, MOF_TOK_RPAREN))
                    break;
                if (!mof_parser_is(p, MOF_TOK_COMMA)) {
                    mof_parser_expected(p, "',' or ')' in the parameter list of method %s",
                                        f->name);
                    goto out;
                }
                if (mof_parser_next(p) < 0)
                    goto out;
            }
        }
        if (mof_parser_next(p) < 0 ||
            mof_parser_expect(p, MOF_TOK_SEMICOLON, "';' after the method declaration") < 0)
            goto out;
    } else {
        if (array_return) {
            mof_parser_expected(p, "'(' after method name %s (only a method has '[]' after "
                                   "its type)", f->name);
            goto out;
        }
        if (f->type.kind == MOF_TYPE_VOID) {
            mof_parser_fail(p, MOF_ERR_SYNTAX, type_pos,
                            "property %s cannot be void (only a method returns void)", f->name);
            goto out;
        }
        if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_array_suffix(p, &f->type) < 0)
            goto out;
        if (mof_parser_is(p, MOF_TOK_EQUALS)) {
            if (mof_parser_next(p) < 0)
                goto out;
            if ((f->default_value = mof_parser_value(p, MOF_PARSER_ANY_VALUE)) == NULL)
                goto out;
        }
        if (mof_parser_expect(p, MOF_TOK_SEMICOLON, "';' after the property declaration") < 0)
            goto out;
    }
    rc = mof_ast_class_add_feature(c, f);
    f = NULL;
    if (rc < 0)
        mof_parser_nomem(p);

out:
    mof_ast_feature_free(f);
    mof_ast_qualifier_list_clear(&quals);
    mof_ast_type_clear(&type);
    return rc;
}

/* "class Name [as $Alias] [: Super] { features };", or with ASSOCIATION
 * "association Name [: Super] { ... };" (MOF v3).  Takes QUALS. */
static int
mof_parser_class(struct mof_parser *p, struct mof_qualifier_list *quals, bool association)
{
    const char *kw = association ? "association" : "class";
    struct mof_class *c;

    if (mof_parser_next(p) < 0) /* the keyword */
        return -1;
    if (!mof_parser_is(p, MOF_TOK_IDENT))
        return mof_parser_expected(p, "a class name after '%s'", kw);
    if ((c = mof_ast_class_new(mof_parser_tok(p)->text, mof_parser_tok(p)->pos)) == NULL)
        return mof_parser_nomem(p);
    c->association_keyword = association;
    c->qualifiers = *quals;
    *quals = (struct mof_qualifier_list){ 0 };
    if (mof_parser_next(p) < 0)
        goto fail;
    if (!association && mof_parser_kw(p, "as")) {
        if (mof_parser_next(p) < 0)
            goto fail;
        if (!mof_parser_is(p, MOF_TOK_ALIAS)) {
            mof_parser_expected(p, "an alias ('$Name') after 'as'");
            goto fail;
        }
        if (mof_ast_set_string(&c->alias, mof_parser_tok(p)->text) < 0) {
            mof_parser_nomem(p);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
    }
    if (mof_parser_is(p, MOF_TOK_COLON)) {
        if (mof_parser_next(p) < 0)
            goto fail;
        if (!mof_parser_is(p, MOF_TOK_IDENT)) {
            mof_parser_expected(p, "a superclass name after ':'");
            goto fail;
        }
        if (mof_ast_set_string(&c->superclass, mof_parser_tok(p)->text) < 0) {
            mof_parser_nomem(p);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
    }
    if (!mof_parser_is(p, MOF_TOK_LBRACE)) {
        mof_parser_expected(p, "'{' to begin class %s", c->name);
        goto fail;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    while (!mof_parser_is(p, MOF_TOK_RBRACE)) {
        if (mof_parser_is(p, MOF_TOK_EOF)) {
            mof_parser_expected(p, "'}' to end class %s", c->name);
            goto fail;
        }
        if (mof_parser_feature(p, c) < 0)
            goto fail;
    }
    if (mof_parser_next(p) < 0 ||
        mof_parser_expect(p, MOF_TOK_SEMICOLON, "';' after the class declaration") < 0)
        goto fail;
    if (mof_ast_document_append_class(p->doc, p->depth, c) < 0)
        return mof_parser_nomem(p);
    return 0;

fail:
    mof_ast_class_free(c);
    return -1;
}

/* -------------------------------------------------------- instances --- */

/* "instance of Class [as $Alias] { [quals] Name = value; ... }" plus ';'
 * when TOP; "value of" likewise.  Takes QUALS.  Returns the instance. */
static struct mof_instance *
mof_parser_instance(struct mof_parser *p, struct mof_qualifier_list *quals, bool top)
{
    struct mof_pos pos = mof_parser_tok(p)->pos;
    bool value_of = mof_parser_kw(p, "value");
    const char *what = value_of ? "value" : "instance";
    struct mof_instance *inst;

    if (mof_parser_next(p) < 0)
        return NULL;
    if (!mof_parser_kw(p, "of")) {
        mof_parser_expected(p, "'of' after '%s'", what);
        return NULL;
    }
    if (mof_parser_next(p) < 0)
        return NULL;
    if (!mof_parser_is(p, MOF_TOK_IDENT)) {
        mof_parser_expected(p, "a class name after '%s of'", what);
        return NULL;
    }
    if ((inst = mof_ast_instance_new(mof_parser_tok(p)->text, pos)) == NULL) {
        mof_parser_nomem(p);
        return NULL;
    }
    inst->value_of = value_of;
    inst->qualifiers = *quals;
    *quals = (struct mof_qualifier_list){ 0 };
    if (mof_parser_next(p) < 0)
        goto fail;
    if (top && mof_parser_kw(p, "as")) {
        if (mof_parser_next(p) < 0)
            goto fail;
        if (!mof_parser_is(p, MOF_TOK_ALIAS)) {
            mof_parser_expected(p, "an alias ('$Name') after 'as'");
            goto fail;
        }
        if (mof_ast_set_string(&inst->alias, mof_parser_tok(p)->text) < 0) {
            mof_parser_nomem(p);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
    }
    if (!mof_parser_is(p, MOF_TOK_LBRACE)) {
        mof_parser_expected(p, "'{' to begin the %s of %s", what, inst->class_name);
        goto fail;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    while (!mof_parser_is(p, MOF_TOK_RBRACE)) {
        struct mof_qualifier_list pquals = { 0 };
        struct mof_property_value *pv;

        if (mof_parser_is(p, MOF_TOK_EOF)) {
            mof_parser_expected(p, "'}' to end the %s of %s", what, inst->class_name);
            goto fail;
        }
        if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_qualifier_list(p, &pquals) < 0) {
            mof_ast_qualifier_list_clear(&pquals);
            goto fail;
        }
        if (!mof_parser_is(p, MOF_TOK_IDENT)) {
            mof_ast_qualifier_list_clear(&pquals);
            mof_parser_expected(p, "a property name, or '}' to end the %s of %s", what,
                                inst->class_name);
            goto fail;
        }
        pv = mof_ast_property_value_new(mof_parser_tok(p)->text, mof_parser_tok(p)->pos);
        if (pv == NULL) {
            mof_ast_qualifier_list_clear(&pquals);
            mof_parser_nomem(p);
            goto fail;
        }
        pv->qualifiers = pquals;
        if (mof_ast_instance_add_property(inst, pv) < 0) {
            mof_parser_nomem(p);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
        if (!mof_parser_is(p, MOF_TOK_EQUALS)) {
            mof_parser_expected(p, "'=' after property name %s", pv->name);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
        if ((pv->value = mof_parser_value(p, MOF_PARSER_ANY_VALUE)) == NULL)
            goto fail;
        if (!mof_parser_is(p, MOF_TOK_SEMICOLON)) {
            mof_parser_expected(p, "';' after the value of property %s", pv->name);
            goto fail;
        }
        if (mof_parser_next(p) < 0)
            goto fail;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    if (top && mof_parser_expect(p, MOF_TOK_SEMICOLON, "';' after the instance declaration") < 0)
        goto fail;
    return inst;

fail:
    mof_ast_instance_free(inst);
    return NULL;
}

/* ------------------------------------------------ qualifier declarations */

static const struct {
    const char *name;
    unsigned bit;
} mof_parser_scopes[] = {
    { "class", MOF_SCOPE_CLASS },         { "association", MOF_SCOPE_ASSOCIATION },
    { "indication", MOF_SCOPE_INDICATION }, { "qualifier", MOF_SCOPE_QUALIFIER },
    { "property", MOF_SCOPE_PROPERTY },   { "reference", MOF_SCOPE_REFERENCE },
    { "method", MOF_SCOPE_METHOD },       { "parameter", MOF_SCOPE_PARAMETER },
    { "any", MOF_SCOPE_ANY },
};

/* "Scope(kind, ...)", the keyword being current. */
static int
mof_parser_scope(struct mof_parser *p, struct mof_qualifier_decl *qd)
{
    if (mof_parser_next(p) < 0 || mof_parser_expect(p, MOF_TOK_LPAREN, "'(' after 'Scope'") < 0)
        return -1;
    for (;;) {
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof(mof_parser_scopes) / sizeof(mof_parser_scopes[0]); i++)
            if (mof_parser_kw(p, mof_parser_scopes[i].name))
                bit = mof_parser_scopes[i].bit;
        if (bit == 0)
            return mof_parser_expected(p, "a scope (class, association, indication, qualifier, "
                                          "property, reference, method, parameter or any)");
        qd->scopes |= bit;
        if (mof_parser_next(p) < 0)
            return -1;
        if (mof_parser_is(p, MOF_TOK_RPAREN))
            return mof_parser_next(p);
        if (mof_parser_expect(p, MOF_TOK_COMMA, "',' or ')' in the scope list") < 0)
            return -1;
    }
}

/* "Flavor(f, ...)" (DSP0004 2.x) or "Policy(p)" (MOF v3), keyword current. */
static int
mof_parser_default_flavor(struct mof_parser *p, struct mof_qualifier_decl *qd)
{
    bool policy = mof_parser_kw(p, "policy");

    if (mof_parser_next(p) < 0 ||
        mof_parser_expect(p, MOF_TOK_LPAREN,
                          policy ? "'(' after 'Policy'" : "'(' after 'Flavor'") < 0)
        return -1;
    for (;;) {
        if (policy && !mof_parser_kw(p, "EnableOverride") && !mof_parser_kw(p, "DisableOverride") &&
            !mof_parser_kw(p, "Restricted"))
            return mof_parser_expected(p, "a policy (EnableOverride, DisableOverride or "
                                          "Restricted)");
        if (mof_parser_flavor(p, &qd->flavors) < 0)
            return -1;
        if (mof_parser_is(p, MOF_TOK_RPAREN))
            return mof_parser_next(p);
        if (policy)
            return mof_parser_expected(p, "')' after the policy");
        if (mof_parser_expect(p, MOF_TOK_COMMA, "',' or ')' in the flavor list") < 0)
            return -1;
    }
}

/* "Qualifier Name : type [array] [= value] [,] Scope(...) [[,] Flavor(...)];"
 * Takes QUALS. */
static int
mof_parser_qualifier_decl(struct mof_parser *p, struct mof_qualifier_list *quals)
{
    struct mof_qualifier_decl *qd;

    if (mof_parser_next(p) < 0) /* 'qualifier' */
        return -1;
    if (!mof_parser_is(p, MOF_TOK_IDENT))
        return mof_parser_expected(p, "a qualifier name after 'qualifier'");
    if ((qd = mof_ast_qualifier_decl_new(mof_parser_tok(p)->text, mof_parser_tok(p)->pos)) == NULL)
        return mof_parser_nomem(p);
    qd->qualifiers = *quals;
    *quals = (struct mof_qualifier_list){ 0 };
    if (mof_parser_next(p) < 0)
        goto fail;
    if (!mof_parser_is(p, MOF_TOK_COLON)) {
        mof_parser_expected(p, "':' and the type of qualifier %s", qd->name);
        goto fail;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    if (!mof_parser_is(p, MOF_TOK_IDENT) ||
        (qd->type.kind = mof_ast_type_lookup(mof_parser_tok(p)->text)) == MOF_TYPE_NONE) {
        mof_parser_expected(p, "a data type for qualifier %s (boolean, string, char16, "
                               "datetime, sint8 to uint64, real32, real64)", qd->name);
        goto fail;
    }
    if (mof_parser_next(p) < 0)
        goto fail;
    if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_array_suffix(p, &qd->type) < 0)
        goto fail;
    if (mof_parser_is(p, MOF_TOK_EQUALS)) {
        if (mof_parser_next(p) < 0)
            goto fail;
        if ((qd->default_value = mof_parser_value(p, MOF_PARSER_ARRAY)) == NULL)
            goto fail;
    }
    if (mof_parser_is(p, MOF_TOK_COMMA) && mof_parser_next(p) < 0)
        goto fail;
    if (!mof_parser_kw(p, "scope")) {
        mof_parser_expected(p, "'Scope(...)' in the declaration of qualifier %s", qd->name);
        goto fail;
    }
    if (mof_parser_scope(p, qd) < 0)
        goto fail;
    if (mof_parser_is(p, MOF_TOK_COMMA)) {
        if (mof_parser_next(p) < 0)
            goto fail;
        if (!mof_parser_kw(p, "flavor") && !mof_parser_kw(p, "policy")) {
            mof_parser_expected(p, "'Flavor(...)' after ','");
            goto fail;
        }
    }
    if ((mof_parser_kw(p, "flavor") || mof_parser_kw(p, "policy")) &&
        mof_parser_default_flavor(p, qd) < 0)
        goto fail;
    if (mof_parser_expect(p, MOF_TOK_SEMICOLON, "';' after the qualifier declaration") < 0)
        goto fail;
    if (mof_ast_document_append_qualifier(p->doc, p->depth, qd) < 0)
        return mof_parser_nomem(p);
    return 0;

fail:
    mof_ast_qualifier_decl_free(qd);
    return -1;
}

/* ---------------------------------------------------------- pragmas --- */

static const struct {
    const char *name;
    enum mof_pragma_kind kind;
} mof_parser_pragmas[] = {
    { "include", MOF_PRAGMA_INCLUDE },
    { "namespace", MOF_PRAGMA_NAMESPACE },
    { "locale", MOF_PRAGMA_LOCALE },
    { "instancelocale", MOF_PRAGMA_INSTANCELOCALE },
    { "nonlocal", MOF_PRAGMA_NONLOCAL },
    { "nonlocaltype", MOF_PRAGMA_NONLOCALTYPE },
    { "source", MOF_PRAGMA_SOURCE },
    { "sourcetype", MOF_PRAGMA_SOURCETYPE },
};

static int mof_parser_unit(struct mof_parser *p, const char *name, const char *buf, size_t len,
                           bool has_id, dev_t dev, ino_t ino);

/* Read the regular file open on FD (called NAME) into *BUF_OUT, counting
 * it against the total bound.  Errors are reported at POS (may be NULL). */
static int
mof_parser_read(struct mof_parser *p, int fd, const char *name, const struct mof_pos *pos,
                char **buf_out, size_t *len_out)
{
    size_t room = p->max_total - p->total, len = 0, cap = 0;
    char *buf = NULL;
    struct mof_pos where = pos != NULL ? *pos : (struct mof_pos){ .file = name };

    for (;;) {
        if (len == cap) {
            size_t ncap = cap == 0 ? 64 * 1024 : cap * 2;
            if (ncap > room + 1)
                ncap = room + 1;
            if (ncap <= len) {
                free(buf);
                return mof_parser_fail(p, MOF_ERR_LIMIT, where,
                                       "input exceeds %zu bytes (the limit on all files read)",
                                       p->max_total);
            }
            char *nb = realloc(buf, ncap);
            if (nb == NULL) {
                free(buf);
                return mof_parser_nomem(p);
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            return mof_parser_fail(p, MOF_ERR_IO, where, "cannot read %s: %s", name, strerror(e));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > room) {
        free(buf);
        return mof_parser_fail(p, MOF_ERR_LIMIT, where,
                               "input exceeds %zu bytes (the limit on all files read)",
                               p->max_total);
    }
    p->total += len;
    *buf_out = buf;
    *len_out = len;
    return 0;
}

/* Open PATH for reading: a regular file.  Returns the descriptor and its
 * identity, or -1 with errno set (EISDIR/EINVAL for other file types). */
static int
mof_parser_open(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

    if (fd < 0)
        return -1;
    if (fstat(fd, st) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
        return -1;
    }
    return fd;
}

/* The include file ARG named in INCLUDER: ARG itself when absolute or when
 * INCLUDER has no directory part, else INCLUDER's directory + "/" + ARG. */
static char *
mof_parser_resolve(const char *includer, const char *arg)
{
    const char *slash = strrchr(includer, '/');
    size_t dir, n;
    char *path;

    if (arg[0] == '/' || slash == NULL)
        return strdup(arg);
    dir = (size_t)(slash - includer) + 1;
    n = strlen(arg);
    if ((path = malloc(dir + n + 1)) == NULL)
        return NULL;
    memcpy(path, includer, dir);
    memcpy(path + dir, arg, n + 1);
    return path;
}

/* "A -> B -> ... -> LAST" for the files being read from frame FROM on,
 * then LAST.  Returns a new string or NULL. */
static char *
mof_parser_chain(const struct mof_parser *p, unsigned from, const char *last)
{
    static const char arrow[] = " -> ";
    size_t len = strlen(last) + 1, at = 0;
    char *chain;

    for (unsigned j = from; j <= p->depth; j++)
        len += strlen(p->frames[j].name) + sizeof(arrow) - 1;
    if ((chain = malloc(len)) == NULL)
        return NULL;
    for (unsigned j = from; j <= p->depth; j++) {
        size_t n = strlen(p->frames[j].name);
        memcpy(chain + at, p->frames[j].name, n);
        memcpy(chain + at + n, arrow, sizeof(arrow) - 1);
        at += n + sizeof(arrow) - 1;
    }
    memcpy(chain + at, last, strlen(last) + 1);
    return chain;
}

/* Parse the file a client supplied for include pragma PR (argument at
 * ARG_POS), found by name. */
static int
mof_parser_include_supplied(struct mof_parser *p, struct mof_pragma *pr, struct mof_pos arg_pos)
{
    const char *arg = pr->args[0], *text;
    size_t len;
    int rc;

    if (p->find_include == NULL || p->find_include(p->find_include_arg, arg, &text, &len) < 0)
        return mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos, "the file '%s' this includes was "
                               "not sent with it", arg);
    for (unsigned i = 0; i <= p->depth; i++) {
        if (strcmp(p->frames[i].name, arg) != 0)
            continue;
        char *chain = mof_parser_chain(p, i, arg);
        if (chain == NULL)
            return mof_parser_nomem(p);
        rc = mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos, "include loop: %s", chain);
        free(chain);
        return rc;
    }
    if (len > p->max_total - p->total)
        return mof_parser_fail(p, MOF_ERR_LIMIT, arg_pos,
                               "input exceeds %zu bytes (the limit on all files read)",
                               p->max_total);
    p->total += len;
    if (mof_ast_set_string(&pr->include_path, arg) < 0)
        return mof_parser_nomem(p);
    p->depth++;
    rc = mof_parser_unit(p, pr->include_path, text, len, false, 0, 0);
    p->depth--;
    return rc;
}

/* Read the file named by include pragma PR (argument at ARG_POS). */
static int
mof_parser_include(struct mof_parser *p, struct mof_pragma *pr, struct mof_pos arg_pos)
{
    const char *arg = pr->args[0];
    struct stat st;
    char *path, *buf = NULL;
    size_t len;
    int fd, rc;

    if (p->include_mode == MOF_INCLUDE_RECORD)
        return 0;
    if (p->include_mode == MOF_INCLUDE_REFUSE)
        return mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos,
                               "#pragma include(\"%s\") is not allowed here", arg);
    if (arg[0] == '\0')
        return mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos,
                               "found an empty file name but expected the file to include");
    if (p->depth + 1 > p->max_depth)
        return mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos,
                               "includes nested more than %u deep (at \"%s\")", p->max_depth, arg);
    if (p->includes >= MOF_PARSE_MAX_FILES)
        return mof_parser_fail(p, MOF_ERR_LIMIT, arg_pos, "more than %u files included",
                               MOF_PARSE_MAX_FILES);
    p->includes++;
    if (p->include_mode == MOF_INCLUDE_SUPPLIED)
        return mof_parser_include_supplied(p, pr, arg_pos);
    if ((path = mof_parser_resolve(p->frames[p->depth].name, arg)) == NULL)
        return mof_parser_nomem(p);
    if ((fd = mof_parser_open(path, &st)) < 0) {
        int e = errno;
        rc = mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos, "cannot open include file '%s': %s", path,
                             e == EINVAL ? "not a regular file" : strerror(e));
        free(path);
        return rc;
    }
    for (unsigned i = 0; i <= p->depth; i++) {
        if (!p->frames[i].has_id || p->frames[i].dev != st.st_dev || p->frames[i].ino != st.st_ino)
            continue;
        /* A loop: name the chain from the file included again. */
        char *chain = mof_parser_chain(p, i, path);
        close(fd);
        free(path);
        if (chain == NULL)
            return mof_parser_nomem(p);
        rc = mof_parser_fail(p, MOF_ERR_INCLUDE, arg_pos, "include loop: %s", chain);
        free(chain);
        return rc;
    }
    rc = mof_parser_read(p, fd, path, &arg_pos, &buf, &len);
    close(fd);
    if (rc < 0) {
        free(path);
        return -1;
    }
    if (mof_ast_set_string(&pr->include_path, path) < 0) {
        free(path);
        free(buf);
        return mof_parser_nomem(p);
    }
    p->depth++;
    rc = mof_parser_unit(p, path, buf, len, true, st.st_dev, st.st_ino);
    p->depth--;
    free(path);
    free(buf);
    return rc;
}

/* "#pragma name(args)". */
static int
mof_parser_pragma(struct mof_parser *p)
{
    struct mof_pos pos = mof_parser_tok(p)->pos, arg_pos;
    struct mof_pragma *pr;
    char *s;
    size_t len;

    if (mof_parser_next(p) < 0) /* '#pragma' */
        return -1;
    if (!mof_parser_is(p, MOF_TOK_IDENT))
        return mof_parser_expected(p, "a pragma name after '#pragma'");
    if ((pr = mof_ast_pragma_new(mof_parser_tok(p)->text, pos)) == NULL)
        return mof_parser_nomem(p);
    for (size_t i = 0; i < sizeof(mof_parser_pragmas) / sizeof(mof_parser_pragmas[0]); i++)
        if (mof_parser_kw(p, mof_parser_pragmas[i].name))
            pr->kind = mof_parser_pragmas[i].kind;
    /* The document owns the pragma from here; PR stays usable. */
    if (mof_ast_document_append_pragma(p->doc, p->depth, pr) < 0)
        return mof_parser_nomem(p);
    if (mof_parser_next(p) < 0)
        return -1;
    if (!mof_parser_is(p, MOF_TOK_LPAREN)) {
        if (pr->kind != MOF_PRAGMA_OTHER)
            return mof_parser_expected(p, "'(' after '#pragma %s'", pr->name);
        return 0; /* e.g. "#pragma autorecover" */
    }
    if (mof_parser_next(p) < 0)
        return -1;
    arg_pos = mof_parser_tok(p)->pos;
    if (pr->kind != MOF_PRAGMA_OTHER) {
        if (!mof_parser_is(p, MOF_TOK_STRING))
            return mof_parser_expected(p, "a string in '#pragma %s(...)'", pr->name);
        if (mof_parser_string(p, &s, &len) < 0)
            return -1;
        int rc = mof_ast_pragma_add_arg(pr, s);
        free(s);
        if (rc < 0)
            return mof_parser_nomem(p);
        if (!mof_parser_is(p, MOF_TOK_RPAREN))
            return mof_parser_expected(p, "')' after the argument of '#pragma %s'", pr->name);
    } else {
        while (!mof_parser_is(p, MOF_TOK_RPAREN)) {
            int rc;
            if (mof_parser_is(p, MOF_TOK_STRING)) {
                if (mof_parser_string(p, &s, &len) < 0)
                    return -1;
                rc = mof_ast_pragma_add_arg(pr, s);
                free(s);
            } else if (mof_parser_is(p, MOF_TOK_IDENT) || mof_parser_is(p, MOF_TOK_INTEGER) ||
                       mof_parser_is(p, MOF_TOK_REAL)) {
                rc = mof_ast_pragma_add_arg(pr, mof_parser_tok(p)->text);
                if (rc == 0 && mof_parser_next(p) < 0)
                    return -1;
            } else {
                return mof_parser_expected(p, "an argument in '#pragma %s(...)'", pr->name);
            }
            if (rc < 0)
                return mof_parser_nomem(p);
            if (mof_parser_is(p, MOF_TOK_RPAREN))
                break;
            if (mof_parser_expect(p, MOF_TOK_COMMA, "',' or ')' in the pragma arguments") < 0)
                return -1;
        }
    }
    /* Read the included file before anything after the ')'. */
    if (pr->kind == MOF_PRAGMA_INCLUDE && mof_parser_include(p, pr, arg_pos) < 0)
        return -1;
    return mof_parser_next(p);
}

/* ------------------------------------------------------ productions --- */

static int
mof_parser_production(struct mof_parser *p)
{
    struct mof_qualifier_list quals = { 0 };
    int rc;

    if (mof_parser_is(p, MOF_TOK_PRAGMA))
        return mof_parser_pragma(p);
    if (mof_parser_is(p, MOF_TOK_LBRACKET) && mof_parser_qualifier_list(p, &quals) < 0) {
        mof_ast_qualifier_list_clear(&quals);
        return -1;
    }
    if (mof_parser_kw(p, "class")) {
        rc = mof_parser_class(p, &quals, false);
    } else if (mof_parser_kw(p, "association")) {
        rc = mof_parser_class(p, &quals, true);
    } else if (mof_parser_kw(p, "qualifier")) {
        rc = mof_parser_qualifier_decl(p, &quals);
    } else if (mof_parser_kw(p, "instance") || mof_parser_kw(p, "value")) {
        struct mof_instance *inst = mof_parser_instance(p, &quals, true);
        rc = -1;
        if (inst != NULL) {
            rc = mof_ast_document_append_instance(p->doc, p->depth, inst);
            if (rc < 0)
                mof_parser_nomem(p);
        }
    } else if (quals.n > 0) {
        rc = mof_parser_expected(p, "'class', 'instance of' or 'qualifier' after the "
                                    "qualifier list");
    } else {
        rc = mof_parser_expected(p, "a declaration ('class', 'instance of', 'qualifier' "
                                    "or '#pragma')");
    }
    mof_ast_qualifier_list_clear(&quals);
    return rc;
}

/* Parse one file's text into p->doc; NAME is how positions call it. */
static int
mof_parser_unit(struct mof_parser *p, const char *name, const char *buf, size_t len, bool has_id,
                dev_t dev, ino_t ino)
{
    struct mof_lexer lx, *outer = p->lx;
    const char *file = mof_ast_document_add_file(p->doc, name);
    int rc;

    if (file == NULL)
        return mof_parser_nomem(p);
    p->frames[p->depth] = (struct mof_parser_frame){
        .name = file, .has_id = has_id, .dev = dev, .ino = ino
    };
    rc = mof_lexer_init(&lx, buf, len, file, &p->err);
    p->lx = &lx;
    if (rc == 0)
        rc = mof_parser_next(p);
    while (rc == 0 && !mof_parser_is(p, MOF_TOK_EOF))
        rc = mof_parser_production(p);
    if (rc == 0 && p->depth > 0 &&
        mof_ast_document_append_include_end(p->doc, p->depth - 1, lx.tok.pos) < 0)
        rc = mof_parser_nomem(p);
    mof_lexer_free(&lx);
    p->lx = outer;
    return rc;
}

/* ------------------------------------------------------------- entry --- */

static int
mof_parser_begin(struct mof_parser *p, const struct mof_parse_options *opts)
{
    memset(p, 0, sizeof(*p));
    p->max_depth = opts != NULL && opts->max_include_depth != 0 ? opts->max_include_depth
                                                                : MOF_PARSE_MAX_INCLUDE_DEPTH;
    p->max_total = opts != NULL && opts->max_total_bytes != 0 ? opts->max_total_bytes
                                                              : MOF_PARSE_MAX_TOTAL_BYTES;
    p->include_mode = opts != NULL ? opts->include_mode : MOF_INCLUDE_READ;
    if (p->include_mode == MOF_INCLUDE_SUPPLIED) {
        p->find_include = opts->find_include;
        p->find_include_arg = opts->find_include_arg;
    }
    if (p->max_depth > 4096)
        p->max_depth = 4096;
    p->frames = calloc((size_t)p->max_depth + 1, sizeof(*p->frames));
    p->doc = mof_ast_document_new();
    if (p->frames == NULL || p->doc == NULL)
        return mof_parser_nomem(p);
    return 0;
}

/* Hand the result over: the document on success, else the error. */
static int
mof_parser_end(struct mof_parser *p, int rc, struct mof_document **doc_out,
               struct mof_error **err_out)
{
    free(p->frames);
    if (rc == 0 && p->err == NULL) {
        *doc_out = p->doc;
        return 0;
    }
    mof_ast_document_free(p->doc);
    *err_out = p->err;
    return -1;
}

int
mof_parse_buffer(const char *buf, size_t len, const char *name,
                 const struct mof_parse_options *opts, struct mof_document **doc_out,
                 struct mof_error **err_out)
{
    struct mof_parser p;
    int rc;

    *doc_out = NULL;
    *err_out = NULL;
    if (name == NULL)
        name = "<input>";
    rc = mof_parser_begin(&p, opts);
    if (rc == 0 && len > p.max_total)
        rc = mof_parser_fail(&p, MOF_ERR_LIMIT, (struct mof_pos){ .file = name },
                             "input exceeds %zu bytes (the limit on all files read)",
                             p.max_total);
    if (rc == 0) {
        p.total = len;
        rc = mof_parser_unit(&p, name, buf, len, false, 0, 0);
    }
    return mof_parser_end(&p, rc, doc_out, err_out);
}

int
mof_parse_file(const char *path, const struct mof_parse_options *opts,
               struct mof_document **doc_out, struct mof_error **err_out)
{
    struct mof_parser p;
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    int fd, rc;

    *doc_out = NULL;
    *err_out = NULL;
    rc = mof_parser_begin(&p, opts);
    if (rc == 0) {
        if ((fd = mof_parser_open(path, &st)) < 0) {
            int e = errno;
            rc = mof_parser_fail(&p, MOF_ERR_IO, (struct mof_pos){ .file = path },
                                 "cannot open: %s",
                                 e == EINVAL ? "not a regular file" : strerror(e));
        } else {
            rc = mof_parser_read(&p, fd, path, NULL, &buf, &len);
            close(fd);
        }
    }
    if (rc == 0)
        rc = mof_parser_unit(&p, path, buf, len, true, st.st_dev, st.st_ino);
    free(buf);
    return mof_parser_end(&p, rc, doc_out, err_out);
}
