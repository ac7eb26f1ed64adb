/*
 * config_decl.h: the section declarations of the delegated configuration
 * (schema/config/sections.mof, compiled into the daemon), and the typed
 * text of their values.
 *
 * config_decls_init() parses the embedded declarations once at start-up;
 * after that they are read-only and shared by every thread.  A value is
 * always handled as canonical text: "true"/"false" for a boolean, decimal
 * for a uint32, the declared spelling of a listed string, the SDDL form
 * of a trustee.  A collection entry is "key=v,attr=v" with every
 * attribute of its class in declaration order; its key text is the same
 * with the keys only.  Values may not hold ',' or '=' (nothing declared
 * needs them) nor control characters.
 */
#ifndef CIMRPC_CONFIG_DECL_H
#define CIMRPC_CONFIG_DECL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum config_type {
    CONFIG_BOOLEAN = 1,
    CONFIG_UINT32,
    CONFIG_STRING,
};

enum config_format {
    CONFIG_FORMAT_NONE = 0,
    CONFIG_FORMAT_ACCOUNT,          /* a local account that exists */
    CONFIG_FORMAT_TRUSTEE,          /* SDDL trustee form */
};

struct config_attr {
    char *name;
    enum config_type type;
    enum config_format format;
    char **values;                  /* accepted strings (Values), or none */
    size_t n_values;
    uint32_t min, max;              /* uint32 bounds */
    bool key;                       /* a collection entry's key */
    char *default_text;             /* canonical; NULL for an entry attribute
                                       without a default */
    char *description;
};

struct config_collection {
    char *name;                     /* "grants" */
    char *entry_class;              /* "Entry_PrivilegeGrant" */
    char *description;
    struct config_attr *attrs;      /* keys first, then the others */
    size_t n_attrs;
    char **defaults;                /* entries it starts with (entry text) */
    char **default_keys;            /* and their key texts */
    size_t n_defaults;
};

struct config_section {
    char *name;                     /* "security/authentication" */
    bool override_allow;            /* OverrideModeDefault Allow */
    bool root_only;                 /* AllowDefinition RootOnly */
    char *description;
    struct config_attr *attrs;
    size_t n_attrs;
    struct config_collection *colls;
    size_t n_colls;
};

struct config_decls {
    struct config_section *sections;
    size_t n_sections;
};

/* A default changed for this run (cimrpcd --authn-floor and the like). */
struct config_default_override {
    const char *section;
    const char *attr;
    const char *value;              /* any accepted spelling */
};

/*
 * Parse the embedded declarations, apply OVERRIDES (N of them, borrowed)
 * and make them the ones config_decls() returns.  Returns 0, or -1 with
 * WHY (a broken declaration file, an override that is not acceptable).
 * Call once, before any thread reads them; a later call replaces them
 * (for tests; no reader may be running).
 */
int config_decls_init(const struct config_default_override *overrides, size_t n,
                      char *why, size_t why_len);

/* The declarations (borrowed, static); NULL before config_decls_init(). */
const struct config_decls *config_decls(void);

/* Parse LEN bytes of declaration MOF at TEXT (named NAME in messages)
 * into *OUT (free with config_decls_free()).  Returns 0 or -1 with WHY. */
int config_decls_parse(const char *text, size_t len, const char *name,
                       struct config_decls **out, char *why, size_t why_len);
void config_decls_free(struct config_decls *decls);

/* Lookups by name, without regard to case; NULL when unknown. */
const struct config_section *config_section_find(const struct config_decls *decls,
                                                 const char *name);
const struct config_attr *config_attr_find(const struct config_section *section,
                                           const char *name);
const struct config_collection *config_collection_find(const struct config_section *section,
                                                       const char *name);

/* "security/authentication, security/impersonation, ...": into BUF. */
void config_section_names(const struct config_decls *decls, char *buf, size_t len);
/* The attribute names of SECTION, or the attribute names of COLL when
 * not NULL, "a, b, c", into BUF. */
void config_attr_names(const struct config_section *section,
                       const struct config_collection *coll, char *buf, size_t len);

/*
 * The canonical text of TEXT as a value of ATTR, into OUT (OUT_LEN
 * bytes).  Returns 0, or -1 with WHY saying what is wrong and what is
 * accepted (WHY names the attribute as WHERE, "limits.resultSize").
 */
int config_value_canon(const struct config_attr *attr, const char *where, const char *text,
                       char *out, size_t out_len, char *why, size_t why_len);

/* A type description for people: "boolean", "uint32 0-86400",
 * "none|connect|...", "trustee", "collection of {privilege, trustee}". */
void config_attr_type_text(const struct config_attr *attr, char *buf, size_t len);

/*
 * The canonical entry text and key text of TEXT ("key=v,attr=v") as an
 * entry of COLL, into ENTRY and KEY (each LEN bytes).  With KEY_ONLY,
 * TEXT must name the keys and nothing else (ENTRY is then the key text
 * too).  Attributes not given take their defaults; a key is required.
 * Returns 0 or -1 with WHY.
 */
int config_entry_canon(const struct config_collection *coll, const char *text, bool key_only,
                       char *entry, char *key, size_t len, char *why, size_t why_len);

/* The value of attribute NAME in canonical ENTRY text, into OUT; false
 * when absent. */
bool config_entry_get(const char *entry, const char *name, char *out, size_t len);

/* Interpretations of canonical text. */
bool config_text_bool(const char *text);
uint32_t config_text_uint32(const char *text);

#endif
