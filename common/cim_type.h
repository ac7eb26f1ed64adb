/*
 * cim_type.h: the CIM value types (cim_type, idl/cimrpc.x) as every layer
 * sees them: a type's name for messages, the range of an integer type,
 * and the two text forms that object paths, instance keys and WQL share:
 * an integer written [+-] decimal or 0x hexadecimal, and a char16 code
 * unit written as UTF-8.
 *
 *     bool neg;
 *     uint64_t mag;
 *     if (cim_type_parse_integer(text, &neg, &mag) == 0 &&
 *         cim_type_int_fits(CIM_TYPE_UINT8, neg, mag))
 *         ... TEXT is a uint8 ...
 *
 * Everything here is a pure function of its arguments: nothing is
 * allocated, no state is kept, every string returned is static.
 */
#ifndef CIMRPC_CIM_TYPE_H
#define CIMRPC_CIM_TYPE_H

#include <stdbool.h>
#include <stdint.h>

#include "cimrpc.h"

/* The name of value type TYPE as MOF spells it ("uint8", "datetime";
 * INSTANCE is "embedded instance"): a static string, or NULL when TYPE
 * is no value's type (VOID, or outside the enumeration). */
const char *cim_type_name(cim_type type);

/* Is TYPE one of sint8, sint16, sint32, sint64? */
bool cim_type_is_signed(cim_type type);

/* The range of integer type TYPE, [*MIN_OUT, *MAX_OUT]: true; false, with
 * both left untouched, when TYPE is not an integer type. */
bool cim_type_int_range(cim_type type, int64_t *min_out, uint64_t *max_out);

/* Does the integer -MAGNITUDE (NEGATIVE) or +MAGNITUDE lie within the
 * range of integer type TYPE?  -0 is 0.  False when TYPE is not an
 * integer type. */
bool cim_type_int_fits(cim_type type, bool negative, uint64_t magnitude);

/*
 * Read TEXT (borrowed), whole, as an integer: an optional sign, then
 * decimal digits, or 0x (0X) and hexadecimal digits; nothing else, no
 * white space.  Returns 0 with its sign in *NEGATIVE_OUT (false for
 * zero) and its magnitude in *MAGNITUDE_OUT; 1 when TEXT is such an
 * integer but its magnitude exceeds 64 bits, so it lies outside every
 * integer type (*NEGATIVE_OUT its sign, *MAGNITUDE_OUT UINT64_MAX); -1
 * when TEXT is not an integer (empty, a real, anything else; *NEGATIVE_OUT
 * false, *MAGNITUDE_OUT 0).
 */
int cim_type_parse_integer(const char *text, bool *negative_out, uint64_t *magnitude_out);

/* The char16 code unit C as UTF-8 into OUT (caller's, 4 bytes),
 * NUL-terminated: one to three bytes, a surrogate unit written like any
 * other, U+0000 as the empty string (a C above 0xFFFF, which is no
 * char16, gives three bytes of its low 16 bits).  This is how an
 * instance key writes a char16, and what WQL's LIKE matches. */
void cim_type_char16_utf8(uint32_t c, char out[4]);

#endif
