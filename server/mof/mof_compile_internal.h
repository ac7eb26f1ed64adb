/*
 * mof_compile_internal.h: what the mof_compile*.c files share: the
 * compilation's state, error recording, and the entry points of each
 * part (values, qualifiers, classes, instances).  Not for use elsewhere.
 *
 * Every function that can fail records the first error in the context
 * (mof_compile_fail) and returns -1; later errors are not recorded.
 */
#ifndef CIMRPC_MOF_COMPILE_INTERNAL_H
#define CIMRPC_MOF_COMPILE_INTERNAL_H

#include "cimrpc.h"
#include "mof/mof_compile.h"
#include "repository/repo_class.h"

struct mof_compile_ctx {
    struct repo *repo;
    const struct mof_compile_options *opts;
    struct mof_compile_stats stats;
    struct mof_error *error;            /* the first error; owned */
    char *nspace;                       /* current target namespace; owned */
    enum repo_put_mode class_mode;      /* from #pragma classflags */
    enum repo_put_mode instance_mode;   /* from #pragma instanceflags */
    void *classes;                      /* tsearch: classes resolved so far */
    void *declared;                     /* tsearch: classes declared here */
    void *instance_keys;                /* tsearch: instance paths stored here */
    void *aliases;                      /* tsearch: "$Alias" -> instance */
};

/* Record an error at POS (borrowed, may be NULL) unless one is recorded;
 * returns -1. */
int mof_compile_fail(struct mof_compile_ctx *ctx, const struct mof_pos *pos,
                     enum mof_error_code code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Record out of memory; returns -1. */
int mof_compile_nomem(struct mof_compile_ctx *ctx);

/* "FILE:LINE" of POS, in a static-free buffer of BUF_LEN bytes. */
const char *mof_compile_where(const struct mof_pos *pos, char *buf, size_t buf_len);

/* ---- mof_compile_value.c -------------------------------------------- */

/* The CIM type of a MOF type (MOF_TYPE_REFERENCE -> CIM_TYPE_REFERENCE). */
cim_type mof_compile_type(enum mof_type_kind kind);

/* The MOF spelling of a CIM type ("uint32"). */
const char *mof_compile_type_name(cim_type type);

/*
 * Convert V (borrowed) into *OUT (zeroed by the caller; freed by the
 * caller with xdr_free(xdr_cim_value) also on failure) as a value of TYPE,
 * an array when IS_ARRAY (a single value then becomes a one-element
 * array).  WHAT names the target for messages ("property Name of class
 * X").  Aliases and embedded instances are resolved through the
 * instance part of the compiler.
 */
int mof_compile_value(struct mof_compile_ctx *ctx, const struct mof_value *v, cim_type type,
                      bool is_array, const char *what, cim_value *out);

/* Is S a DSP0004 datetime (timestamp or interval, '*' wildcards allowed)? */
bool mof_compile_datetime_valid(const char *s);

/* ---- mof_compile_qualifier.c ---------------------------------------- */

/* Store the qualifier declaration QD in the current namespace. */
int mof_compile_qualifier_decl(struct mof_compile_ctx *ctx, const struct mof_qualifier_decl *qd);

/*
 * Resolve the qualifiers LIST written on an element of kind SCOPE
 * (a CIM_SCOPE_ bit; for a class, the class/association/indication bits
 * that apply) into *ITEMS and *N (appending to what is there, which holds
 * the propagated qualifiers): each must be declared and allowed there;
 * its value is converted to the declared type; its flavor is the
 * declaration's, changed by the flavors written.  Replacing a propagated
 * qualifier that is DisableOverride with another value is an error.
 * WHAT names the element for messages.
 */
int mof_compile_qualifiers(struct mof_compile_ctx *ctx, const struct mof_qualifier_list *list,
                           unsigned scope, const char *what, cim_qualifier **items,
                           u_int *n);

/* Copy into *TO and *TO_N the qualifiers of FROM and FROM_N that propagate to a
 * subclass (not Restricted), marked propagated. */
int mof_compile_qualifiers_inherit(struct mof_compile_ctx *ctx, const cim_qualifier *from,
                                   u_int from_n, cim_qualifier **to, u_int *to_n);

/* The qualifier NAME in ITEMS (N items), or NULL. */
const cim_qualifier *mof_compile_qualifier_find(const cim_qualifier *items, u_int n,
                                                const char *name);

/* Is qualifier NAME present in ITEMS (N items) with a boolean TRUE value? */
bool mof_compile_qualifier_true(const cim_qualifier *items, u_int n, const char *name);

/* Is qualifier NAME written in LIST (the AST), with any value? */
bool mof_compile_qualifier_written(const struct mof_qualifier_list *list, const char *name);

/* ---- mof_compile_class.c -------------------------------------------- */

/* Resolve class C against its superclass and store it. */
int mof_compile_class(struct mof_compile_ctx *ctx, const struct mof_class *c);

/*
 * The resolved class NAME of the current namespace: from this
 * compilation's cache or the repository.  Borrowed from the cache (valid
 * until the compilation ends).  Returns 1 found, 0 not, -1 (recorded).
 */
int mof_compile_class_lookup(struct mof_compile_ctx *ctx, const char *name,
                             const cim_class **cls_out);

/* Is the class named NAME ANCESTOR or derived from it (in the current
 * namespace)?  1, 0, or -1 (recorded). */
int mof_compile_derives_from(struct mof_compile_ctx *ctx, const char *name, const char *ancestor);

/* Forget every cached class (after #pragma deleteclass). */
void mof_compile_class_cache_clear(struct mof_compile_ctx *ctx);

/* Free the class part's state (cache and declared classes). */
void mof_compile_class_cleanup(struct mof_compile_ctx *ctx);

/* ---- mof_compile_instance.c ----------------------------------------- */

/* Record the aliases of every instance in DOC, before compiling. */
int mof_compile_instance_aliases(struct mof_compile_ctx *ctx, const struct mof_document *doc);

/* Check and store instance I. */
int mof_compile_instance(struct mof_compile_ctx *ctx, const struct mof_instance *inst);

/* The object path of the instance aliased NAME ("Class.Key=..."), for a
 * reference value at POS.  Borrowed (valid until the compilation ends). */
int mof_compile_alias_path(struct mof_compile_ctx *ctx, const char *name,
                           const struct mof_pos *pos, const char **path_out);

/* Encode the embedded instance INST as a cim_instance's XDR into *OUT. */
int mof_compile_embedded(struct mof_compile_ctx *ctx, const struct mof_instance *inst,
                         cim_scalar *out);

/* Free the instance part's state. */
void mof_compile_instance_cleanup(struct mof_compile_ctx *ctx);

#endif
