/*
 * wql_like.h: WQL's LIKE operator: compiling a pattern once and matching
 * strings against it, case-insensitively.
 *
 *     struct wql_like *like;
 *     char why[256];
 *     if (wql_like_compile("Win32_%[0-9]", &like, why, sizeof(why)) < 0)
 *         ... why says what is wrong and at which character ...
 *     if (wql_like_match(like, name)) ...
 *     wql_like_free(like);
 *
 * Pattern syntax (the pattern is raw text: '\' is an ordinary character):
 *   %        any run of characters, including none
 *   _        exactly one character (a code point, not a byte)
 *   [abc]    one of the characters listed
 *   [a-f]    one character in the range (ranges and single characters mix:
 *            [a-fx0-9])
 *   [^a-f]   one character not in the set
 *   [_] [%] [[]  the literal character; the first character after '[' or
 *            '[^' is always literal, so []] and [^]] name ']'; a '-' first
 *            or last in a set is literal; '^' and ']' outside a set are
 *            literal.
 * Any other character matches itself.  An empty pattern matches only the
 * empty string.  A pattern is at most WQL_LIKE_PATTERN_MAX bytes of UTF-8.
 *
 * Case: comparison folds case with a fixed table that does not depend on
 * the process locale: ASCII, Latin-1 Supplement (U+00C0-U+00DE), Latin
 * Extended-A (U+0100-U+017F, except the Turkish dotted/dotless i and long
 * s, which stay themselves), basic Greek (U+0391-U+03A9, final sigma
 * folds to sigma) and basic Cyrillic (U+0400-U+042F).  Other characters
 * match only themselves.  A set matches a character when any of its case
 * variants is in the set, so [A-F] matches 'c'.
 *
 * Cost: matching is O(pattern elements x text characters) at worst, with
 * no recursion and no allocation (the classic greedy match that returns
 * only to the last '%'), so a pattern like %a%a%a...%b cannot blow up.
 *
 * Text that is not valid UTF-8 is matched byte by byte for the bad bytes
 * (each is one character that equals only itself); it never crashes.
 */
#ifndef CIMRPC_WQL_LIKE_H
#define CIMRPC_WQL_LIKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WQL_LIKE_PATTERN_MAX 4096   /* bytes in a pattern */

struct wql_like;   /* opaque: a compiled pattern */

/*
 * Compile PATTERN (raw text, UTF-8; borrowed) into *OUT (NULL on entry,
 * set on success; the caller frees it with wql_like_free()).  Returns 0,
 * or -1 with WHY (WHY_LEN bytes; may be NULL) saying what is wrong and at
 * which character of the pattern (counted from 1), e.g. "'[' at character
 * 3 is never closed by ']'", or "out of memory".
 */
int wql_like_compile(const char *pattern, struct wql_like **out, char *why, size_t why_len);

/* Does TEXT (UTF-8, NUL-terminated; borrowed) match LIKE (borrowed)? */
bool wql_like_match(const struct wql_like *like, const char *text);

/* Free LIKE.  Accepts NULL. */
void wql_like_free(struct wql_like *like);

/*
 * The literal prefix every match starts with, for an index range scan, as
 * a new string the caller frees (possibly ""), in the case it is written
 * in the pattern; NULL when out of memory.  It stops at the first
 * wildcard or set, and before the first non-ASCII character, so that an
 * ASCII case-insensitive index (SQLite's NOCASE) finds every match: a
 * prefix scan must compare case-insensitively.
 */
char *wql_like_prefix(const struct wql_like *like);

/* The lower-case form of code point CP under the folding described above
 * (CP itself when it has none), for comparisons that must agree with
 * LIKE. */
uint32_t wql_like_fold(uint32_t cp);


#endif
