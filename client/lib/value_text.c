/*
 * value_text.c: values as text and from text, for people and scripts
 * (the command-line tool's output, and the values it is given).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "moftext.h"
#include "numtext.h"
#include "value.h"

char *
cimrpc_value_to_text(const cimrpc_value *v)
{
    struct textbuf tb = TEXTBUF_INIT;

    moftext_value(&tb, &v->v, false, 0);
    return textbuf_take(&tb);
}

/* An integer as written: optional sign, then decimal digits or 0x and hex
 * digits, nothing else.  Its sign and magnitude; false if it is none or
 * exceeds 64 bits. */
static bool
value_parse_integer(const char *text, bool *negative, uint64_t *magnitude)
{
    const char *p = text;
    unsigned base = 10;
    uint64_t m = 0;

    *negative = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (*p == '\0')
        return false;
    for (; *p != '\0'; p++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (base == 16 && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
            d = (unsigned)((*p | 0x20) - 'a' + 10);
        else
            return false;
        if (m > (UINT64_MAX - d) / base)
            return false;
        m = m * base + d;
    }
    *magnitude = m;
    return true;
}

static int
value_from_integer(cimrpc_type type, const char *text, cimrpc_value **value_out,
                   cimrpc_error **err_out)
{
    bool negative;
    uint64_t m;

    if (!value_parse_integer(text, &negative, &m))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.64s' is not an integer (decimal, "
                         "or hexadecimal after 0x) that fits 64 bits", text);
    if (!negative || m == 0)
        return cimrpc_value_new_uint(type, m, value_out, err_out);
    if (m > (uint64_t)INT64_MAX + 1)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is out of the range of %s", text,
                         cimrpc_type_name(type));
    /* -m, computed without overflow for m = 2^63. */
    return cimrpc_value_new_sint(type, -(int64_t)(m - 1) - 1, value_out, err_out);
}

static int
value_from_real(cimrpc_type type, const char *text, cimrpc_value **value_out,
                cimrpc_error **err_out)
{
    char *end;
    double r;

    errno = 0;
    r = numtext_strtod(text, &end);
    if (text[0] == '\0' || text[0] == ' ' || text[0] == '\t' || *end != '\0')
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.64s' is not a real number", text);
    if (errno == ERANGE && r != 0)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%.64s is out of the range of %s", text,
                         cimrpc_type_name(type));
    return cimrpc_value_new_real(type, r, value_out, err_out);
}

/* TEXT as exactly one UTF-8 character in the Basic Multilingual Plane. */
static int
value_from_char(const char *text, cimrpc_value **value_out, cimrpc_error **err_out)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned cp = 0;
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : 0;
    cimrpc_value *v;

    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            n = 0;
    if (n == 1)
        cp = s[0];
    else if (n == 2)
        cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    else if (n == 3)
        cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    if (n == 0 || s[0] == '\0' || s[n] != '\0' || (n == 2 && cp < 0x80) ||
        (n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.64s' is not one character of the "
                         "Basic Multilingual Plane (U+0001 to U+FFFF), as a char16 must be",
                         text);
    if ((v = cimrpc_value_new_char16((uint16_t)cp)) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    *value_out = v;
    return 0;
}

int
cimrpc_value_from_text(cimrpc_type type, const char *text, cimrpc_value **value_out,
                       cimrpc_error **err_out)
{
    cimrpc_value *v;

    if (text == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "no text to read a %s from",
                         cimrpc_type_name(type));
    switch (type) {
    case CIMRPC_TYPE_BOOLEAN:
        if (strcasecmp(text, "true") != 0 && strcasecmp(text, "false") != 0)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "'%.64s' is not a boolean: write "
                             "TRUE or FALSE", text);
        if ((v = cimrpc_value_new_boolean(strcasecmp(text, "true") == 0)) == NULL)
            return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        *value_out = v;
        return 0;
    case CIMRPC_TYPE_SINT8: case CIMRPC_TYPE_UINT8: case CIMRPC_TYPE_SINT16:
    case CIMRPC_TYPE_UINT16: case CIMRPC_TYPE_SINT32: case CIMRPC_TYPE_UINT32:
    case CIMRPC_TYPE_SINT64: case CIMRPC_TYPE_UINT64:
        return value_from_integer(type, text, value_out, err_out);
    case CIMRPC_TYPE_REAL32: case CIMRPC_TYPE_REAL64:
        return value_from_real(type, text, value_out, err_out);
    case CIMRPC_TYPE_CHAR16:
        return value_from_char(text, value_out, err_out);
    case CIMRPC_TYPE_STRING:
        return cimrpc_value_new_string(text, value_out, err_out);
    case CIMRPC_TYPE_DATETIME:
        return cimrpc_value_new_datetime(text, value_out, err_out);
    case CIMRPC_TYPE_REFERENCE:
        return cimrpc_value_new_reference(text, value_out, err_out);
    case CIMRPC_TYPE_INSTANCE:
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "an embedded instance cannot be given "
                         "as text");
    default:
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s is not the type of a value",
                         cimrpc_type_name(type));
    }
}
