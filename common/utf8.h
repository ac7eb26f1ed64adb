/*
 * utf8.h: decoding and encoding one UTF-8 character, strictly.
 *
 * Shared by the MOF and WQL front ends and the client library, so that
 * they agree on what is well formed: no overlong forms, no surrogates,
 * nothing beyond U+10FFFF, no truncated sequences.
 */
#ifndef CIMRPC_UTF8_H
#define CIMRPC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The length of the well-formed sequence at S (AVAIL > 0 bytes readable),
 * with its code point in *CP, or 0 when it is malformed (*CP untouched). */
size_t utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* Write code point CP (at most U+10FFFF, not a surrogate) to OUT as
 * UTF-8; returns the number of bytes written, 1 to 4. */
size_t utf8_encode(uint32_t cp, char out[4]);

#endif
