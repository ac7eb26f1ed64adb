/*
 * cim_path.c: parsing CIM object paths and quoting key values.
 *
 * The parser walks the text once, left to right, in four steps: an
 * optional host ("//host/"), an optional namespace (the text up to ':'
 * when it holds only namespace characters), the class name, then either
 * nothing (a class path), "=@" (a singleton) or '.' and the key bindings.
 * Every failure says what is wrong and at which character (counted from
 * 1), in terms of the path as the user wrote it.
 *
 * Backslashes: WMI users write \\HOST\root\cimv2:Class; a backslash is
 * accepted wherever a '/' separates the host or namespace segments and is
 * turned into '/'.  Inside a quoted value a backslash only escapes '"' or
 * '\'.
 *
 * Bounds: the text is at most CIM_PATH_MAX bytes, names at most
 * CIM_NAMES_NAME_MAX, at most CIM_PATH_KEYS_MAX bindings; every
 * allocation is bounded by the text's length.
 */
#include <config.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/cim_names.h"
#include "common/cim_path.h"

struct cim_path_parser {
    const char *text;
    size_t pos;
    char *why;
    size_t why_len;
};

static int __attribute__((format(printf, 2, 3)))
cim_path_refuse(struct cim_path_parser *p, const char *fmt, ...)
{
    va_list ap;

    if (p->why != NULL && p->why_len > 0) {
        va_start(ap, fmt);
        vsnprintf(p->why, p->why_len, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* The character at P's position, printable for a message. */
static const char *
cim_path_shown(const struct cim_path_parser *p, char buf[8])
{
    unsigned char c = (unsigned char)p->text[p->pos];

    if (isprint(c))
        snprintf(buf, 8, "'%c'", c);
    else
        snprintf(buf, 8, "\\x%02x", c);
    return buf;
}

static bool
cim_path_name_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static bool
cim_path_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* A copy of LEN bytes at S, NUL-terminated; NULL when out of memory. */
static char *
cim_path_copy(const char *s, size_t len)
{
    char *out = malloc(len + 1);

    if (out != NULL) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

/* An element name (class or key) at P's position into *OUT.  WHAT names
 * it in messages ("the class name", "a key name"). */
static int
cim_path_name(struct cim_path_parser *p, const char *what, char **out)
{
    size_t start = p->pos, len;
    char shown[8];

    if (!cim_path_name_start(p->text[p->pos])) {
        if (p->text[p->pos] == '\0')
            return cim_path_refuse(p, "%s is missing at the end of the path", what);
        return cim_path_refuse(p, "%s is expected at character %zu, found %s; names start with "
                               "a letter or _", what, p->pos + 1, cim_path_shown(p, shown));
    }
    while (cim_path_name_char(p->text[p->pos]))
        p->pos++;
    len = p->pos - start;
    if (len > CIM_NAMES_NAME_MAX)
        return cim_path_refuse(p, "%s at character %zu has %zu characters; names have at most %d",
                               what, start + 1, len, CIM_NAMES_NAME_MAX);
    if ((*out = cim_path_copy(p->text + start, len)) == NULL)
        return cim_path_refuse(p, "out of memory");
    return 0;
}

/* "//host/" or "\\host\": the host into PATH->host. */
static int
cim_path_host(struct cim_path_parser *p, struct cim_path *path)
{
    size_t start, len;
    char shown[8];

    p->pos = 2;
    start = p->pos;
    if (p->text[p->pos] == '[') {       /* an IPv6 address: [2001:db8::1] */
        while (isxdigit((unsigned char)p->text[++p->pos]) || p->text[p->pos] == ':' ||
               p->text[p->pos] == '.')
            ;
        if (p->text[p->pos] != ']')
            return cim_path_refuse(p, "the IPv6 address after // is missing its ']' (character "
                                   "%zu)", p->pos + 1);
        p->pos++;
    }
    while (p->text[p->pos] != '\0' && p->text[p->pos] != '/' && p->text[p->pos] != '\\') {
        char c = p->text[p->pos];
        if (p->text[start] == '[' || !(isalnum((unsigned char)c) || c == '.' || c == '-' ||
                                       c == '_'))
            return cim_path_refuse(p, "the host name contains %s at character %zu; host names "
                                   "use letters, digits, '.', '-' and '_'",
                                   cim_path_shown(p, shown), p->pos + 1);
        p->pos++;
    }
    len = p->pos - start;
    if (len == 0)
        return cim_path_refuse(p, "the host name after // is empty; write //host/namespace:Class");
    if (p->text[p->pos] == '\0')
        return cim_path_refuse(p, "the host name is not followed by a namespace; write "
                               "//host/root/cimv2:Class");
    if (len > CIM_NAMES_NAME_MAX)
        return cim_path_refuse(p, "the host name has %zu characters; at most %d", len,
                               CIM_NAMES_NAME_MAX);
    if ((path->host = cim_path_copy(p->text + start, len)) == NULL)
        return cim_path_refuse(p, "out of memory");
    p->pos++;                           /* the separator */
    return 0;
}

/* "root/cimv2:" when present: the namespace into PATH->nspace.  HAS_HOST:
 * a host was given, so a namespace must follow. */
static int
cim_path_namespace(struct cim_path_parser *p, struct cim_path *path, bool has_host)
{
    size_t start = p->pos, end = p->pos;
    char why[256];

    while (cim_path_name_char(p->text[end]) || p->text[end] == '/' || p->text[end] == '\\')
        end++;
    if (p->text[end] != ':') {
        if (has_host)
            return cim_path_refuse(p, "after the host comes a namespace and ':', such as "
                                   "//host/root/cimv2:Class");
        return 0;
    }
    if (end == start)
        return cim_path_refuse(p, "the namespace before ':' is empty; write root/cimv2:Class "
                               "or leave out the ':'");
    if (end - start > CIM_NAMES_NAMESPACE_MAX)
        return cim_path_refuse(p, "the namespace has %zu characters; at most %d", end - start,
                               CIM_NAMES_NAMESPACE_MAX);
    if ((path->nspace = cim_path_copy(p->text + start, end - start)) == NULL)
        return cim_path_refuse(p, "out of memory");
    for (char *c = path->nspace; *c; c++)
        if (*c == '\\')
            *c = '/';
    if (!cim_names_namespace_valid(path->nspace, why, sizeof(why)))
        return cim_path_refuse(p, "the namespace is not valid: %s", why);
    p->pos = end + 1;
    return 0;
}

/* The quoted value at P's position (on the opening quote) into *OUT,
 * unescaped.  KEY names the binding in messages. */
static int
cim_path_quoted(struct cim_path_parser *p, const char *key, char **out)
{
    size_t start = ++p->pos, n = 0;
    char *value;

    /* First pass: find the closing quote and check the escapes. */
    for (size_t i = start;; i++) {
        char c = p->text[i];

        if (c == '\0')
            return cim_path_refuse(p, "the value of key %s is missing its closing quote", key);
        if (c == '"')
            break;
        if (c == '\\') {
            if (p->text[i + 1] != '"' && p->text[i + 1] != '\\')
                return cim_path_refuse(p, "the value of key %s has '\\' at character %zu not "
                                       "followed by '\"' or '\\'; write \\\\ for a backslash",
                                       key, i + 1);
            i++;
        }
        n++;
    }
    if ((value = malloc(n + 1)) == NULL)
        return cim_path_refuse(p, "out of memory");
    n = 0;
    while (p->text[p->pos] != '"') {
        if (p->text[p->pos] == '\\')
            p->pos++;
        value[n++] = p->text[p->pos++];
    }
    value[n] = '\0';
    p->pos++;                           /* the closing quote */
    *out = value;
    return 0;
}

static size_t
cim_path_digits(const char *s, int (*is_digit)(int))
{
    size_t n = 0;

    while (is_digit((unsigned char)s[n]))
        n++;
    return n;
}

/* Is S (LEN bytes) a number: [+-] then decimal digits, 0x and hex digits,
 * or a real (digits with a '.' and/or an exponent)? */
static bool
cim_path_number_valid(const char *s, size_t len)
{
    size_t i = 0, digits;
    bool any = false;

    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        digits = cim_path_digits(s + i + 2, isxdigit);
        return digits > 0 && i + 2 + digits == len;
    }
    digits = cim_path_digits(s + i, isdigit);
    any = digits > 0;
    i += digits;
    if (i < len && s[i] == '.') {
        digits = cim_path_digits(s + i + 1, isdigit);
        any = any || digits > 0;
        i += 1 + digits;
    }
    if (!any)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        digits = cim_path_digits(s + i, isdigit);
        if (digits == 0)
            return false;
        i += digits;
    }
    return i == len;
}

/* One value, after "Key=": into KEY. */
static int
cim_path_value(struct cim_path_parser *p, struct cim_path_key *key)
{
    size_t start = p->pos, len;
    char shown[8];
    char c = p->text[p->pos];

    if (c == '"') {
        key->kind = CIM_PATH_KEY_STRING;
        return cim_path_quoted(p, key->name, &key->value);
    }
    while (p->text[p->pos] != '\0' && p->text[p->pos] != ',')
        p->pos++;
    len = p->pos - start;
    if (len == 0)
        return cim_path_refuse(p, "key %s has no value after '='", key->name);
    if ((len == 4 && strncasecmp(p->text + start, "TRUE", 4) == 0) ||
        (len == 5 && strncasecmp(p->text + start, "FALSE", 5) == 0)) {
        key->kind = CIM_PATH_KEY_BOOLEAN;
        key->value = strdup(len == 4 ? "TRUE" : "FALSE");
    } else if (c == '-' || c == '+' || c == '.' || isdigit((unsigned char)c)) {
        if (!cim_path_number_valid(p->text + start, len))
            return cim_path_refuse(p, "the value of key %s at character %zu, '%.*s', is not a "
                                   "number (decimal, 0x hexadecimal or real)", key->name,
                                   start + 1, len > 40 ? 40 : (int)len, p->text + start);
        key->kind = CIM_PATH_KEY_NUMBER;
        key->value = cim_path_copy(p->text + start, len);
    } else {
        p->pos = start;
        return cim_path_refuse(p, "the value of key %s must be a quoted string, a number, TRUE "
                               "or FALSE; found %s at character %zu (quote text as \"text\")",
                               key->name, cim_path_shown(p, shown), start + 1);
    }
    if (key->value == NULL)
        return cim_path_refuse(p, "out of memory");
    return 0;
}

/* The key bindings after '.': "Name=value,..." into PATH. */
static int
cim_path_keys(struct cim_path_parser *p, struct cim_path *path)
{
    char shown[8];

    /* Each binding needs at least 4 characters ("K=1,"), so the count is
     * bounded by the text; the array grows to at most CIM_PATH_KEYS_MAX. */
    path->keys = calloc(CIM_PATH_KEYS_MAX, sizeof(*path->keys));
    if (path->keys == NULL)
        return cim_path_refuse(p, "out of memory");
    for (;;) {
        struct cim_path_key *key;

        if (path->n_keys == CIM_PATH_KEYS_MAX)
            return cim_path_refuse(p, "the path has more than %d key bindings",
                                   CIM_PATH_KEYS_MAX);
        key = &path->keys[path->n_keys];
        if (cim_path_name(p, "a key name", &key->name) < 0)
            return -1;
        path->n_keys++;
        for (size_t i = 0; i + 1 < path->n_keys; i++)
            if (strcasecmp(path->keys[i].name, key->name) == 0)
                return cim_path_refuse(p, "key %s is given twice", key->name);
        if (p->text[p->pos] != '=')
            return cim_path_refuse(p, "key %s is not followed by '=' and a value (character "
                                   "%zu)", key->name, p->pos + 1);
        p->pos++;
        if (cim_path_value(p, key) < 0)
            return -1;
        if (p->text[p->pos] == '\0')
            return 0;
        if (p->text[p->pos] != ',')
            return cim_path_refuse(p, "unexpected %s at character %zu after the value of key "
                                   "%s; separate key bindings with ','",
                                   cim_path_shown(p, shown), p->pos + 1, key->name);
        p->pos++;
        if (p->text[p->pos] == '\0')
            return cim_path_refuse(p, "the path ends with ','; a key binding must follow it");
    }
}

static int
cim_path_do_parse(struct cim_path_parser *p, struct cim_path *path)
{
    size_t len = p->text != NULL ? strnlen(p->text, CIM_PATH_MAX + 1) : 0;
    bool has_host = false;
    char shown[8];

    if (len == 0)
        return cim_path_refuse(p, "the path is empty; write Class, Class.Key=\"value\" or "
                               "root/cimv2:Class.Key=\"value\"");
    if (len > CIM_PATH_MAX)
        return cim_path_refuse(p, "the path is longer than %d bytes", CIM_PATH_MAX);
    if ((p->text[0] == '/' && p->text[1] == '/') || (p->text[0] == '\\' && p->text[1] == '\\')) {
        if (cim_path_host(p, path) < 0)
            return -1;
        has_host = true;
    } else if (p->text[0] == '/' || p->text[0] == '\\') {
        return cim_path_refuse(p, "the path starts with a single '%c'; a host is written "
                               "//host/namespace:Class, a namespace root/cimv2:Class",
                               p->text[0]);
    }
    if (cim_path_namespace(p, path, has_host) < 0)
        return -1;
    if (cim_path_name(p, "the class name", &path->class_name) < 0)
        return -1;
    switch (p->text[p->pos]) {
    case '\0':
        return 0;
    case '.':
        p->pos++;
        return cim_path_keys(p, path);
    case '=':
        if (p->text[p->pos + 1] == '@' && p->text[p->pos + 2] == '\0') {
            path->singleton = true;
            return 0;
        }
        if (p->text[p->pos + 1] == '@')
            return cim_path_refuse(p, "nothing may follow '=@' (character %zu)", p->pos + 3);
        return cim_path_refuse(p, "'=' after the class name must be followed by '@' (a "
                               "singleton); name the key: %s.Key=value", path->class_name);
    case '/':
    case '\\':
        return cim_path_refuse(p, "unexpected %s at character %zu: a namespace ends with ':' "
                               "before the class name, such as root/cimv2:Win32_Service",
                               cim_path_shown(p, shown), p->pos + 1);
    default:
        return cim_path_refuse(p, "unexpected %s at character %zu after the class name; "
                               "expected '.' and key bindings, '=@' or the end",
                               cim_path_shown(p, shown), p->pos + 1);
    }
}

int
cim_path_parse(const char *text, struct cim_path *out, char *why, size_t why_len)
{
    struct cim_path_parser p = { text, 0, why, why_len };

    memset(out, 0, sizeof(*out));
    if (cim_path_do_parse(&p, out) < 0) {
        cim_path_clear(out);
        return -1;
    }
    return 0;
}

void
cim_path_clear(struct cim_path *path)
{
    if (path == NULL)
        return;
    free(path->host);
    free(path->nspace);
    free(path->class_name);
    if (path->keys != NULL)
        for (size_t i = 0; i < path->n_keys; i++) {
            free(path->keys[i].name);
            free(path->keys[i].value);
        }
    free(path->keys);
    memset(path, 0, sizeof(*path));
}

bool
cim_path_is_instance(const struct cim_path *path)
{
    return path->singleton || path->n_keys > 0;
}

int
cim_path_append_quoted(char *buf, size_t cap, size_t *len, const char *value)
{
    size_t need = 2;
    char *out;

    for (const char *c = value; *c; c++)
        need += (*c == '"' || *c == '\\') ? 2 : 1;
    if (*len >= cap || need >= cap - *len)
        return -1;
    out = buf + *len;
    *out++ = '"';
    for (const char *c = value; *c; c++) {
        if (*c == '"' || *c == '\\')
            *out++ = '\\';
        *out++ = *c;
    }
    *out++ = '"';
    *out = '\0';
    *len += need;
    return 0;
}
