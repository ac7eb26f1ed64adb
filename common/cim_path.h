/*
 * cim_path.h: CIM object paths, as WMI writes them.
 *
 *     //host/root/cimv2:Class.Key1="v",Key2=3    full instance path
 *     root/cimv2:Class.Key="v"                   namespace and instance
 *     Class.Key="v"                              relative instance path
 *     Class=@                                    a singleton's instance
 *     Class                                      a class
 *
 * Key values are written as strings in double quotes (with \" and \\
 * escapes), as integers (decimal, or 0x hexadecimal), as reals, or as
 * TRUE/FALSE.  A string value holds a reference as another path.  A path
 * is parsed into its parts without knowing the class; the repository
 * converts each key's text to the key property's type.
 *
 * Ownership: cim_path_parse() fills a caller-provided struct whose strings
 * it allocates; cim_path_clear() frees them.
 */
#ifndef CIMRPC_CIM_PATH_H
#define CIMRPC_CIM_PATH_H

#include <stdbool.h>
#include <stddef.h>

#define CIM_PATH_MAX 65536      /* bytes in a path's text */
#define CIM_PATH_KEYS_MAX 64    /* key bindings in one path */

enum cim_path_key_kind {
    CIM_PATH_KEY_STRING = 1,    /* "text": value is unescaped */
    CIM_PATH_KEY_NUMBER,        /* 42, -7, 0x1F, 1.5: value as written */
    CIM_PATH_KEY_BOOLEAN,       /* TRUE/FALSE: value "TRUE" or "FALSE" */
};

struct cim_path_key {
    char *name;
    enum cim_path_key_kind kind;
    char *value;
};

struct cim_path {
    char *host;                 /* NULL when not given */
    char *nspace;               /* NULL when not given */
    char *class_name;
    bool singleton;             /* "Class=@" */
    struct cim_path_key *keys;  /* in the order written */
    size_t n_keys;              /* 0 and !singleton: a class path */
};

/*
 * Parse TEXT into *OUT (which the caller zeroes).  Returns 0, or -1 with
 * WHY (WHY_LEN bytes) saying what is wrong and where, e.g. "the value of
 * key Name is missing its closing quote".  *OUT is left empty on failure.
 */
int cim_path_parse(const char *text, struct cim_path *out, char *why, size_t why_len);

/* Free what cim_path_parse() allocated and zero *PATH.  Accepts NULL. */
void cim_path_clear(struct cim_path *path);

/* Is PATH an instance path (keys or singleton)? */
bool cim_path_is_instance(const struct cim_path *path);

/*
 * Append VALUE to a path under construction as a quoted key value: '"',
 * the text with '"' and '\' escaped, '"'.  BUF has CAP bytes and holds a
 * NUL-terminated string of *LEN bytes; returns 0, or -1 when it would not
 * fit (BUF unchanged).
 */
int cim_path_append_quoted(char *buf, size_t cap, size_t *len, const char *value);

#endif
