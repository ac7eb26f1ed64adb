/*
 * cim_type.c: names, integer ranges and shared text forms of the CIM
 * value types (see cim_type.h).
 */
#include <config.h>

#include <stddef.h>

#include "common/cim_type.h"

const char *
cim_type_name(cim_type type)
{
    static const char *const names[] = {
        [CIM_TYPE_BOOLEAN] = "boolean", [CIM_TYPE_SINT8] = "sint8", [CIM_TYPE_UINT8] = "uint8",
        [CIM_TYPE_SINT16] = "sint16", [CIM_TYPE_UINT16] = "uint16", [CIM_TYPE_SINT32] = "sint32",
        [CIM_TYPE_UINT32] = "uint32", [CIM_TYPE_SINT64] = "sint64", [CIM_TYPE_UINT64] = "uint64",
        [CIM_TYPE_REAL32] = "real32", [CIM_TYPE_REAL64] = "real64", [CIM_TYPE_CHAR16] = "char16",
        [CIM_TYPE_STRING] = "string", [CIM_TYPE_DATETIME] = "datetime",
        [CIM_TYPE_REFERENCE] = "reference", [CIM_TYPE_INSTANCE] = "embedded instance",
    };

    if ((unsigned)type < sizeof(names) / sizeof(names[0]))
        return names[type];
    return NULL;
}

bool
cim_type_is_signed(cim_type type)
{
    return type == CIM_TYPE_SINT8 || type == CIM_TYPE_SINT16 || type == CIM_TYPE_SINT32 ||
           type == CIM_TYPE_SINT64;
}

bool
cim_type_int_range(cim_type type, int64_t *min_out, uint64_t *max_out)
{
    switch (type) {
    case CIM_TYPE_SINT8:  *min_out = INT8_MIN;  *max_out = INT8_MAX;   return true;
    case CIM_TYPE_UINT8:  *min_out = 0;         *max_out = UINT8_MAX;  return true;
    case CIM_TYPE_SINT16: *min_out = INT16_MIN; *max_out = INT16_MAX;  return true;
    case CIM_TYPE_UINT16: *min_out = 0;         *max_out = UINT16_MAX; return true;
    case CIM_TYPE_SINT32: *min_out = INT32_MIN; *max_out = INT32_MAX;  return true;
    case CIM_TYPE_UINT32: *min_out = 0;         *max_out = UINT32_MAX; return true;
    case CIM_TYPE_SINT64: *min_out = INT64_MIN; *max_out = INT64_MAX;  return true;
    case CIM_TYPE_UINT64: *min_out = 0;         *max_out = UINT64_MAX; return true;
    default:
        return false;
    }
}

bool
cim_type_int_fits(cim_type type, bool negative, uint64_t magnitude)
{
    int64_t min;
    uint64_t max;

    if (!cim_type_int_range(type, &min, &max))
        return false;
    if (!negative || magnitude == 0)
        return magnitude <= max;
    /* -MAGNITUDE >= MIN, with MIN's magnitude taken without overflow. */
    return min < 0 && magnitude - 1 <= (uint64_t)-(min + 1);
}

int
cim_type_parse_integer(const char *text, bool *negative_out, uint64_t *magnitude_out)
{
    const char *s = text;
    unsigned base = 10;
    uint64_t v = 0;
    bool negative = false, over = false;

    *negative_out = false;
    *magnitude_out = 0;
    if (*s == '+' || *s == '-')
        negative = *s++ == '-';
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        unsigned d;

        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return -1;                  /* a real, or not a number */
        if (over || v > (UINT64_MAX - d) / base)
            over = true;                /* read on: the rest must be digits too */
        else
            v = v * base + d;
    }
    *negative_out = negative && (over || v != 0);
    *magnitude_out = over ? UINT64_MAX : v;
    return over ? 1 : 0;
}

void
cim_type_char16_utf8(uint32_t c, char out[4])
{
    if (c == 0) {
        out[0] = '\0';
    } else if (c < 0x80) {
        out[0] = (char)c;
        out[1] = '\0';
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        out[2] = '\0';
    } else {
        out[0] = (char)(0xE0 | ((c >> 12) & 0x0F));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        out[3] = '\0';
    }
}
