/*
 * mof_ast.h: the syntax tree of a MOF compilation unit (DMTF DSP0221 and
 * the MOF grammar of DSP0004 2.x), and the error the MOF front end reports.
 *
 * A struct mof_document is the parse of one top-level file with its
 * #pragma include files expanded in place: one ordered list of
 * declarations (compiler directives, qualifier declarations, classes,
 * instances).  An include appears as its MOF_DECL_PRAGMA, then the
 * included file's declarations, then a MOF_DECL_INCLUDE_END.
 *
 * The tree is purely syntactic: names are not resolved, values are not
 * checked against types (that is the compile step's job).  Names keep
 * their source spelling; MOF names and keywords are case-insensitive, so
 * compare them with mof_ast_name_eq().
 *
 * Positions: a named node (qualifier declaration, qualifier, class,
 * property, method, parameter, property value) is placed at its name; an
 * instance at its "instance" (or "value") keyword, a pragma at "#pragma",
 * a value at its first token.
 *
 * Ownership: a parent owns its children; the document also owns the file
 * names that every struct mof_pos points into, so positions stay valid
 * as long as the document.  Constructors copy the strings they are given.
 * Functions that attach a child take ownership of it, even when they fail
 * (then they free it).  Every *_free() accepts NULL.
 */
#ifndef CIMRPC_MOF_AST_H
#define CIMRPC_MOF_AST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Where a node starts.  FILE is borrowed (from the document's file list);
 * LINE and COLUMN count from 1, COLUMN in characters (a tab is one). */
struct mof_pos {
    const char *file;
    unsigned line;
    unsigned column;
};

/* ------------------------------------------------------------ types ---- */

enum mof_type_kind {
    MOF_TYPE_NONE = 0,
    MOF_TYPE_BOOLEAN,
    MOF_TYPE_SINT8,
    MOF_TYPE_UINT8,
    MOF_TYPE_SINT16,
    MOF_TYPE_UINT16,
    MOF_TYPE_SINT32,
    MOF_TYPE_UINT32,
    MOF_TYPE_SINT64,
    MOF_TYPE_UINT64,
    MOF_TYPE_REAL32,
    MOF_TYPE_REAL64,
    MOF_TYPE_CHAR16,
    MOF_TYPE_STRING,
    MOF_TYPE_DATETIME,
    MOF_TYPE_REFERENCE,     /* "ClassName REF" */
    MOF_TYPE_VOID,          /* method return type only (MOF v3) */
    MOF_TYPE_OBJECT,        /* "ClassName": an embedded instance of that
                             * class (MOF v3; WMI driver MOFs) */
};

/* A declared type.  Arrays are written after the element name in MOF
 * ("uint8 Data[4]") but recorded here, with the element type. */
struct mof_type {
    enum mof_type_kind kind;
    char *ref_class;        /* MOF_TYPE_REFERENCE: the class before REF;
                             * MOF_TYPE_OBJECT: the class named, or NULL
                             * for "object" (any class) */
    bool is_array;
    uint32_t array_size;    /* fixed-size array "[n]"; 0: variable length */
};

/* ----------------------------------------------------------- values ---- */

enum mof_value_kind {
    MOF_VALUE_NULL = 1,
    MOF_VALUE_BOOLEAN,
    MOF_VALUE_INTEGER,
    MOF_VALUE_REAL,
    MOF_VALUE_STRING,       /* also datetime and object-path values */
    MOF_VALUE_CHAR16,
    MOF_VALUE_ALIAS,        /* "$Name": an instance declared "as $Name" */
    MOF_VALUE_INSTANCE,     /* embedded "instance of X { ... }" */
    MOF_VALUE_ARRAY,        /* "{ v, v }"; elements are never arrays */
};

enum mof_radix {
    MOF_RADIX_BINARY = 2,   /* 1010b */
    MOF_RADIX_OCTAL = 8,    /* 017 */
    MOF_RADIX_DECIMAL = 10, /* 15 */
    MOF_RADIX_HEX = 16,     /* 0x0F */
};

/* An integer literal.  The lexer rejects literals that fit neither
 * sint64 nor uint64; range checks against the declared type are left to
 * the compile step. */
struct mof_integer {
    char *text;             /* as written, sign included */
    enum mof_radix radix;
    bool negative;
    uint64_t magnitude;     /* absolute value */
    bool fits_sint64;
    int64_t sint64;         /* valid when fits_sint64 */
    bool fits_uint64;
    uint64_t uint64;        /* valid when fits_uint64 */
};

struct mof_real {
    char *text;             /* as written */
    double value;           /* finite */
};

struct mof_instance;

struct mof_value {
    enum mof_value_kind kind;
    struct mof_pos pos;
    union {
        bool boolean;
        struct mof_integer integer;
        struct mof_real real;
        char *string;               /* UTF-8 after escapes and "a" "b"
                                     * concatenation; never holds NUL */
        uint32_t char16;            /* a code point <= U+FFFF */
        char *alias;                /* without the '$' */
        struct mof_instance *instance;
        struct {
            struct mof_value **items;
            size_t n;
        } array;
    } u;
};

/* ------------------------------------------------------- qualifiers ---- */

enum mof_flavor {
    MOF_FLAVOR_ENABLEOVERRIDE = 1u << 0,
    MOF_FLAVOR_DISABLEOVERRIDE = 1u << 1,
    MOF_FLAVOR_TOSUBCLASS = 1u << 2,
    MOF_FLAVOR_RESTRICTED = 1u << 3,
    MOF_FLAVOR_TRANSLATABLE = 1u << 4,
    /* WMI's: whether a class qualifier is seen on instances.  cimrpc keeps
     * no qualifiers on instances, so these are recorded, with no effect. */
    MOF_FLAVOR_TOINSTANCE = 1u << 5,
    MOF_FLAVOR_NOTTOINSTANCE = 1u << 6,
};

enum mof_scope {
    MOF_SCOPE_CLASS = 1u << 0,
    MOF_SCOPE_ASSOCIATION = 1u << 1,
    MOF_SCOPE_INDICATION = 1u << 2,
    MOF_SCOPE_QUALIFIER = 1u << 3,
    MOF_SCOPE_PROPERTY = 1u << 4,
    MOF_SCOPE_REFERENCE = 1u << 5,
    MOF_SCOPE_METHOD = 1u << 6,
    MOF_SCOPE_PARAMETER = 1u << 7,
    MOF_SCOPE_ANY = 1u << 8,
};

/* One qualifier as used: "Name", "Name(value)", "Name{v, v}", each
 * optionally followed by ": Flavor Flavor". */
struct mof_qualifier {
    char *name;
    struct mof_pos pos;
    struct mof_value *value;        /* NULL: no value written */
    unsigned flavors;               /* enum mof_flavor bits; 0: none */
};

/* A qualifier list "[ q, q ]", embedded in the node it qualifies. */
struct mof_qualifier_list {
    struct mof_qualifier **items;
    size_t n;
};

/* "Qualifier Name : type [= default], Scope(...) [, Flavor(...)];" */
struct mof_qualifier_decl {
    char *name;
    struct mof_pos pos;
    struct mof_qualifier_list qualifiers;   /* MOF v3 allows them */
    struct mof_type type;
    struct mof_value *default_value;        /* NULL: none written */
    unsigned scopes;                        /* enum mof_scope bits */
    unsigned flavors;                       /* Flavor(...) or Policy(...) */
};

/* ---------------------------------------------------------- classes ---- */

struct mof_parameter {
    char *name;
    struct mof_pos pos;
    struct mof_qualifier_list qualifiers;   /* In, Out, ... */
    struct mof_type type;
    struct mof_value *default_value;        /* MOF v3; NULL: none */
};

enum mof_feature_kind {
    MOF_FEATURE_PROPERTY = 1,   /* a reference is a property whose type is
                                 * MOF_TYPE_REFERENCE */
    MOF_FEATURE_METHOD,
};

struct mof_feature {
    enum mof_feature_kind kind;
    char *name;
    struct mof_pos pos;
    struct mof_qualifier_list qualifiers;
    struct mof_type type;               /* property type or return type */
    struct mof_value *default_value;    /* properties; NULL: none */
    struct mof_parameter **params;      /* methods */
    size_t n_params;
};

struct mof_class {
    char *name;
    struct mof_pos pos;
    char *alias;                        /* "as $Alias", without '$'; or NULL */
    char *superclass;                   /* or NULL */
    bool association_keyword;           /* declared "association X" (v3) */
    struct mof_qualifier_list qualifiers;
    struct mof_feature **features;
    size_t n_features;
};

/* -------------------------------------------------------- instances ---- */

struct mof_property_value {
    char *name;
    struct mof_pos pos;
    struct mof_qualifier_list qualifiers;
    struct mof_value *value;
};

/* "instance of Class [as $Alias] { Prop = value; ... }", at top level or
 * embedded as a value; "value of" (MOF v3 structure values) likewise. */
struct mof_instance {
    char *class_name;
    struct mof_pos pos;
    char *alias;                        /* without '$'; or NULL */
    bool value_of;                      /* written "value of" */
    struct mof_qualifier_list qualifiers;
    struct mof_property_value **props;
    size_t n_props;
};

/* -------------------------------------------------------- directives --- */

enum mof_pragma_kind {
    MOF_PRAGMA_OTHER = 0,       /* recorded; the compiler decides */
    MOF_PRAGMA_INCLUDE,
    MOF_PRAGMA_NAMESPACE,
    MOF_PRAGMA_LOCALE,
    MOF_PRAGMA_INSTANCELOCALE,
    MOF_PRAGMA_NONLOCAL,
    MOF_PRAGMA_NONLOCALTYPE,
    MOF_PRAGMA_SOURCE,
    MOF_PRAGMA_SOURCETYPE,
};

/* "#pragma name(args)".  Known pragmas have exactly one string argument;
 * others keep what was written (strings after escapes, other tokens as
 * written), possibly none when no parentheses followed. */
struct mof_pragma {
    enum mof_pragma_kind kind;
    char *name;                         /* as written */
    struct mof_pos pos;
    char **args;
    size_t n_args;
    char *include_path;                 /* INCLUDE: the file actually read
                                         * (relative to the includer's
                                         * directory); NULL when not read */
};

/* ------------------------------------------------------- documents ---- */

enum mof_decl_kind {
    MOF_DECL_PRAGMA = 1,
    MOF_DECL_QUALIFIER,
    MOF_DECL_CLASS,
    MOF_DECL_INSTANCE,
    MOF_DECL_INCLUDE_END,       /* the end of an included file */
};

struct mof_decl {
    enum mof_decl_kind kind;
    unsigned depth;             /* include depth: 0 in the top file; an
                                 * INCLUDE_END has its pragma's depth */
    struct mof_pos pos;         /* INCLUDE_END: end of the included file */
    union {
        struct mof_pragma *pragma;
        struct mof_qualifier_decl *qualifier;
        struct mof_class *klass;
        struct mof_instance *instance;
    } u;
};

struct mof_document {
    struct mof_decl **decls;
    size_t n_decls;
    char **files;               /* every file name a position refers to */
    size_t n_files;
};

/* ------------------------------------------------------------ errors --- */

enum mof_error_code {
    MOF_ERR_SYNTAX = 1,     /* unexpected token, bad literal, unknown type */
    MOF_ERR_RANGE,          /* a number out of range */
    MOF_ERR_INCLUDE,        /* include loop or depth, missing include */
    MOF_ERR_LIMIT,          /* a size or nesting bound was exceeded */
    MOF_ERR_IO,             /* a file could not be read */
    MOF_ERR_NOMEM,
    MOF_ERR_SEMANTIC,       /* compile step: undefined class, type mismatch,
                             * qualifier misuse, duplicate key, ... */
    MOF_ERR_REPOSITORY,     /* compile step: the repository refused or failed */
    MOF_ERR_ACCESS,         /* compile step: the caller may not write there */
};

/* One error, reported where it happened.  Owns all its strings and does
 * not refer to any document. */
struct mof_error {
    enum mof_error_code code;
    char *file;             /* NULL when the error has no position */
    unsigned line;          /* 0 when only the file is known */
    unsigned column;
    char *reason;           /* "found '}' but expected ';' after ..." */
    char *message;          /* "FILE:LINE:COLUMN: " + reason */
};

/* A new error at POS (borrowed; may be NULL).  Returns NULL when out of
 * memory (callers then report MOF_ERR_NOMEM by returning -1 with no
 * error record). */
struct mof_error *mof_ast_error_new(enum mof_error_code code, const struct mof_pos *pos,
                                    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with a va_list (for callers that take their own format). */
struct mof_error *mof_ast_error_newv(enum mof_error_code code, const struct mof_pos *pos,
                                     const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void mof_ast_error_free(struct mof_error *err);

/* -------------------------------------------------- constructors -------- */

/* Each returns a zeroed node with copies of the given strings, or NULL
 * when out of memory.  The caller owns the result. */
struct mof_document *mof_ast_document_new(void);
struct mof_pragma *mof_ast_pragma_new(const char *name, struct mof_pos pos);
struct mof_qualifier_decl *mof_ast_qualifier_decl_new(const char *name, struct mof_pos pos);
struct mof_qualifier *mof_ast_qualifier_new(const char *name, struct mof_pos pos);
struct mof_class *mof_ast_class_new(const char *name, struct mof_pos pos);
struct mof_feature *mof_ast_feature_new(enum mof_feature_kind kind, const char *name,
                                        struct mof_pos pos);
struct mof_parameter *mof_ast_parameter_new(const char *name, struct mof_pos pos);
struct mof_instance *mof_ast_instance_new(const char *class_name, struct mof_pos pos);
struct mof_property_value *mof_ast_property_value_new(const char *name, struct mof_pos pos);

/* Values.  STRING/ALIAS/text arguments are copied; INSTANCE is taken over
 * (and freed on failure). */
struct mof_value *mof_ast_value_new_null(struct mof_pos pos);
struct mof_value *mof_ast_value_new_boolean(struct mof_pos pos, bool b);
/* The integer I spelt TEXT (I->text is ignored). */
struct mof_value *mof_ast_value_new_integer(struct mof_pos pos, const char *text,
                                            const struct mof_integer *i);
struct mof_value *mof_ast_value_new_real(struct mof_pos pos, const char *text, double value);
struct mof_value *mof_ast_value_new_string(struct mof_pos pos, const char *s, size_t len);
struct mof_value *mof_ast_value_new_char16(struct mof_pos pos, uint32_t c);
struct mof_value *mof_ast_value_new_alias(struct mof_pos pos, const char *name);
struct mof_value *mof_ast_value_new_instance(struct mof_pos pos, struct mof_instance *inst);
struct mof_value *mof_ast_value_new_array(struct mof_pos pos);

/* Intern NAME in DOC's file list.  Returns DOC's copy (borrowed, valid
 * as long as DOC), or NULL when out of memory. */
const char *mof_ast_document_add_file(struct mof_document *doc, const char *name);

/* Attach children.  Each takes ownership of its last argument, also on
 * failure.  Return 0, or -1 when out of memory. */
int mof_ast_document_append_pragma(struct mof_document *doc, unsigned depth,
                                   struct mof_pragma *p);
int mof_ast_document_append_qualifier(struct mof_document *doc, unsigned depth,
                                      struct mof_qualifier_decl *qd);
int mof_ast_document_append_class(struct mof_document *doc, unsigned depth,
                                  struct mof_class *c);
int mof_ast_document_append_instance(struct mof_document *doc, unsigned depth,
                                     struct mof_instance *inst);
/* Mark the end of an included file (at POS, its end). */
int mof_ast_document_append_include_end(struct mof_document *doc, unsigned depth,
                                        struct mof_pos pos);
int mof_ast_pragma_add_arg(struct mof_pragma *p, const char *arg);   /* copied */
int mof_ast_qualifier_list_append(struct mof_qualifier_list *list, struct mof_qualifier *q);
int mof_ast_class_add_feature(struct mof_class *c, struct mof_feature *f);
int mof_ast_feature_add_parameter(struct mof_feature *m, struct mof_parameter *p);
int mof_ast_instance_add_property(struct mof_instance *inst, struct mof_property_value *pv);
int mof_ast_value_array_append(struct mof_value *array, struct mof_value *item);

/* Set a string field (alias, superclass, ref_class, include_path) to a
 * copy of S (NULL clears it).  Returns 0 or -1 (field unchanged). */
int mof_ast_set_string(char **field, const char *s);

/* ---------------------------------------------------------- freeing ---- */

void mof_ast_document_free(struct mof_document *doc);
void mof_ast_pragma_free(struct mof_pragma *p);
void mof_ast_qualifier_decl_free(struct mof_qualifier_decl *qd);
void mof_ast_qualifier_free(struct mof_qualifier *q);
void mof_ast_qualifier_list_clear(struct mof_qualifier_list *list);  /* the items */
void mof_ast_class_free(struct mof_class *c);
void mof_ast_feature_free(struct mof_feature *f);
void mof_ast_parameter_free(struct mof_parameter *p);
void mof_ast_instance_free(struct mof_instance *inst);
void mof_ast_property_value_free(struct mof_property_value *pv);
void mof_ast_value_free(struct mof_value *v);
void mof_ast_type_clear(struct mof_type *t);                    /* ref_class */

/* ---------------------------------------------------------- helpers ---- */

/* MOF name equality: ASCII letters compare case-insensitively, other
 * bytes exactly.  Neither argument may be NULL. */
bool mof_ast_name_eq(const char *a, const char *b);

/* The MOF spelling of a type ("uint32", "REF" for references, "void"),
 * a single flavor or scope bit ("ToSubclass", "property"), or a pragma
 * kind ("include"; NULL for MOF_PRAGMA_OTHER).  Static strings. */
const char *mof_ast_type_name(enum mof_type_kind kind);
const char *mof_ast_flavor_name(unsigned flavor_bit);
const char *mof_ast_scope_name(unsigned scope_bit);

/* Look a data type name up (case-insensitive): boolean, sint8 ... string,
 * datetime.  Returns MOF_TYPE_NONE for anything else (REF and void are
 * not data type names). */
enum mof_type_kind mof_ast_type_lookup(const char *name);

/* Write DOC to OUT in a stable, line-oriented text form (one declaration
 * or feature per line, positions as @FILE:LINE:COLUMN), for tests and
 * debugging.  Returns 0, or -1 on a write error. */
int mof_ast_dump(const struct mof_document *doc, FILE *out);

/* Write one value in the dump's notation. */
void mof_ast_dump_value(const struct mof_value *v, FILE *out);

#endif
