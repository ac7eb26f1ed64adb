/*
 * wql_like.c: LIKE patterns compiled to a list of elements and matched
 * without backtracking beyond the last '%'.
 *
 * A compiled pattern is an array of elements, each of which (but '%')
 * consumes exactly one character: a literal (kept as written and folded),
 * '_' (any character), or a set (a slice of a shared array of ranges,
 * possibly negated).  Runs of '%' collapse into one.  Because every other
 * element is one character wide, the classic greedy algorithm is exact:
 * match element by element, and on a mismatch go back to just after the
 * most recent '%' and let it swallow one more character.  An earlier '%'
 * never needs to be revisited (whatever it could swallow, the later one
 * can too), so the cost is at most elements x characters.
 *
 * Case folding uses a fixed table (wql_like_fold()) so that results never
 * depend on the process locale.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "query/wql_like.h"

enum wql_like_kind {
    WQL_LIKE_CHAR = 1,      /* one character, compared folded */
    WQL_LIKE_ANY,           /* '_' */
    WQL_LIKE_SET,           /* [...] */
    WQL_LIKE_STAR,          /* '%' */
};

struct wql_like_range {
    uint32_t lo, hi;        /* inclusive, as written */
};

struct wql_like_elem {
    enum wql_like_kind kind;
    bool negated;           /* SET: [^...] */
    uint32_t cp;            /* CHAR: as written */
    uint32_t fold;          /* CHAR: wql_like_fold(cp) */
    size_t first, n;        /* SET: ranges[first .. first + n) */
};

struct wql_like {
    struct wql_like_elem *elems;
    size_t n_elems;
    struct wql_like_range *ranges;
    size_t n_ranges;
};

/* Code points that stand for a byte of malformed text: above U+10FFFF,
 * so no literal or range of a (valid) pattern can name them. */
#define WQL_LIKE_BAD_BYTE 0x110000u

/* ------------------------------------------------------------- UTF-8 --- */

/* The character at S (AVAIL > 0 bytes): its length, and the code point in
 * *CP, a malformed byte being one character of its own. */
static size_t
wql_like_next_char(const char *s, size_t avail, uint32_t *cp)
{
    size_t n = utf8_decode(s, avail, cp);

    if (n == 0) {
        *cp = WQL_LIKE_BAD_BYTE + (unsigned char)s[0];
        n = 1;
    }
    return n;
}

/* -------------------------------------------------------------- case --- */

uint32_t
wql_like_fold(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 0x20;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE)                                     /* Latin-1 Supplement */
        return cp == 0xD7 ? cp : cp + 0x20;
    if (cp >= 0x100 && cp <= 0x17F) {                   /* Latin Extended-A */
        if ((cp <= 0x12F || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) &&
            cp % 2 == 0)
            return cp + 1;
        if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1)
            return cp + 1;
        if (cp == 0x178)
            return 0xFF;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)     /* Greek */
        return cp + 0x20;
    if (cp == 0x3C2)                                    /* final sigma */
        return 0x3C3;
    if (cp >= 0x410 && cp <= 0x42F)                     /* Cyrillic */
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    return cp;
}

/* The code points other than F that fold to F (F folded), into OUT;
 * returns how many (0 to 2). */
static size_t
wql_like_unfold(uint32_t f, uint32_t out[2])
{
    if (f >= 'a' && f <= 'z') {
        out[0] = f - 0x20;
        return 1;
    }
    if (f >= 0xE0 && f <= 0xFE && f != 0xF7) {
        out[0] = f - 0x20;
        return 1;
    }
    if (f == 0xFF) {
        out[0] = 0x178;
        return 1;
    }
    if (f >= 0x101 && f <= 0x17E) {
        if ((f <= 0x12F || (f >= 0x133 && f <= 0x137) || (f >= 0x14B && f <= 0x177)) &&
            f % 2 == 1) {
            out[0] = f - 1;
            return 1;
        }
        if (((f >= 0x13A && f <= 0x148) || (f >= 0x17A && f <= 0x17E)) && f % 2 == 0) {
            out[0] = f - 1;
            return 1;
        }
        return 0;
    }
    if (f >= 0x3B1 && f <= 0x3C9 && f != 0x3C2) {
        out[0] = f - 0x20;
        if (f == 0x3C3) {
            out[1] = 0x3C2;
            return 2;
        }
        return 1;
    }
    if (f >= 0x430 && f <= 0x44F) {
        out[0] = f - 0x20;
        return 1;
    }
    if (f >= 0x450 && f <= 0x45F) {
        out[0] = f - 0x50;
        return 1;
    }
    return 0;
}

/* ----------------------------------------------------------- compile --- */

static int __attribute__((format(printf, 3, 4)))
wql_like_refuse(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    if (why != NULL && why_len > 0) {
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* The character at P (AVAIL > 0 bytes) of the pattern, the CH-th: its
 * length, or 0 after filling WHY when it is not UTF-8. */
static size_t
wql_like_pattern_char(const char *p, size_t avail, size_t ch, uint32_t *cp, char *why,
                      size_t why_len)
{
    size_t n = utf8_decode(p, avail, cp);

    if (n == 0)
        wql_like_refuse(why, why_len, "invalid UTF-8 byte 0x%02X at character %zu of the pattern",
                        (unsigned char)p[0], ch);
    return n;
}

/* The set whose '[' is at byte *I, the *CH-th character, into LIKE;
 * leaves *I and *CH after its ']'. */
static int
wql_like_compile_set(struct wql_like *like, const char *pat, size_t len, size_t *i, size_t *ch,
                     char *why, size_t why_len)
{
    size_t j = *i + 1, c = *ch + 1, open = *ch, first = like->n_ranges;
    struct wql_like_elem *e = &like->elems[like->n_elems];
    bool first_item = true;

    memset(e, 0, sizeof(*e));
    e->kind = WQL_LIKE_SET;
    if (j < len && pat[j] == '^') {
        e->negated = true;
        j++;
        c++;
    }
    for (;;) {
        uint32_t lo, hi;
        size_t n, lo_at = j;

        if (j >= len)
            return wql_like_refuse(why, why_len, "'[' at character %zu is never closed by ']'",
                                   open);
        if (pat[j] == ']' && !first_item) {
            j++;
            c++;
            break;
        }
        if ((n = wql_like_pattern_char(pat + j, len - j, c, &lo, why, why_len)) == 0)
            return -1;
        j += n;
        c++;
        hi = lo;
        if (j + 1 < len && pat[j] == '-' && pat[j + 1] != ']') {
            if ((n = wql_like_pattern_char(pat + j + 1, len - j - 1, c + 1, &hi, why,
                                           why_len)) == 0)
                return -1;
            if (hi < lo)
                return wql_like_refuse(why, why_len, "the range '%.*s' at character %zu is "
                                       "reversed; write the lower character first",
                                       (int)(j + 1 + n - lo_at), pat + lo_at, c - 1);
            j += 1 + n;
            c += 2;
        }
        like->ranges[like->n_ranges++] = (struct wql_like_range){ lo, hi };
        first_item = false;
    }
    e->first = first;
    e->n = like->n_ranges - first;
    like->n_elems++;
    *i = j;
    *ch = c;
    return 0;
}

int
wql_like_compile(const char *pattern, struct wql_like **out, char *why, size_t why_len)
{
    struct wql_like *like = NULL;
    size_t len, i = 0, ch = 1;
    int rc = -1;

    *out = NULL;
    if (why != NULL && why_len > 0)
        why[0] = '\0';
    len = strnlen(pattern, (size_t)WQL_LIKE_PATTERN_MAX + 1);
    if (len > WQL_LIKE_PATTERN_MAX)
        return wql_like_refuse(why, why_len, "the pattern is longer than %u bytes",
                               (unsigned)WQL_LIKE_PATTERN_MAX);
    /* Each element and each range takes at least one byte of pattern. */
    if ((like = calloc(1, sizeof(*like))) == NULL ||
        (like->elems = calloc(len + 1, sizeof(*like->elems))) == NULL ||
        (like->ranges = calloc(len + 1, sizeof(*like->ranges))) == NULL) {
        wql_like_refuse(why, why_len, "out of memory");
        goto cleanup;
    }
    while (i < len) {
        struct wql_like_elem *e = &like->elems[like->n_elems];
        uint32_t cp;
        size_t n;

        if (pattern[i] == '[') {
            if (wql_like_compile_set(like, pattern, len, &i, &ch, why, why_len) < 0)
                goto cleanup;
            continue;
        }
        if ((n = wql_like_pattern_char(pattern + i, len - i, ch, &cp, why, why_len)) == 0)
            goto cleanup;
        i += n;
        ch++;
        if (cp == '%') {
            if (like->n_elems == 0 || like->elems[like->n_elems - 1].kind != WQL_LIKE_STAR)
                like->elems[like->n_elems++].kind = WQL_LIKE_STAR;
            continue;
        }
        memset(e, 0, sizeof(*e));
        if (cp == '_') {
            e->kind = WQL_LIKE_ANY;
        } else {
            e->kind = WQL_LIKE_CHAR;
            e->cp = cp;
            e->fold = wql_like_fold(cp);
        }
        like->n_elems++;
    }
    *out = like;
    like = NULL;
    rc = 0;

cleanup:
    wql_like_free(like);
    return rc;
}

void
wql_like_free(struct wql_like *like)
{
    if (like == NULL)
        return;
    free(like->elems);
    free(like->ranges);
    free(like);
}

/* ------------------------------------------------------------- match --- */

static bool
wql_like_in_ranges(const struct wql_like *like, const struct wql_like_elem *e, uint32_t c)
{
    for (size_t k = e->first; k < e->first + e->n; k++)
        if (c >= like->ranges[k].lo && c <= like->ranges[k].hi)
            return true;
    return false;
}

/* Is C, in any of its case variants, in set E? */
static bool
wql_like_in_set(const struct wql_like *like, const struct wql_like_elem *e, uint32_t c)
{
    uint32_t f = wql_like_fold(c), variants[2];
    size_t n;

    if (wql_like_in_ranges(like, e, c) || (f != c && wql_like_in_ranges(like, e, f)))
        return true;
    n = wql_like_unfold(f, variants);
    for (size_t k = 0; k < n; k++)
        if (variants[k] != c && wql_like_in_ranges(like, e, variants[k]))
            return true;
    return false;
}

static bool
wql_like_elem_matches(const struct wql_like *like, const struct wql_like_elem *e, uint32_t c)
{
    switch (e->kind) {
    case WQL_LIKE_CHAR:
        return wql_like_fold(c) == e->fold;
    case WQL_LIKE_ANY:
        return true;
    case WQL_LIKE_SET:
        return wql_like_in_set(like, e, c) != e->negated;
    default:
        return false;
    }
}

bool
wql_like_match(const struct wql_like *like, const char *text)
{
    size_t len = strlen(text), ti = 0, pi = 0, n = like->n_elems;
    size_t star_pi = SIZE_MAX, star_ti = 0;

    while (ti < len) {
        if (pi < n && like->elems[pi].kind == WQL_LIKE_STAR) {
            star_pi = pi++;
            star_ti = ti;
            continue;
        }
        if (pi < n) {
            uint32_t c;
            size_t k = wql_like_next_char(text + ti, len - ti, &c);
            if (wql_like_elem_matches(like, &like->elems[pi], c)) {
                pi++;
                ti += k;
                continue;
            }
        }
        if (star_pi == SIZE_MAX)
            return false;
        /* Let the last '%' swallow one more character and retry. */
        uint32_t skipped;
        star_ti += wql_like_next_char(text + star_ti, len - star_ti, &skipped);
        ti = star_ti;
        pi = star_pi + 1;
    }
    while (pi < n && like->elems[pi].kind == WQL_LIKE_STAR)
        pi++;
    return pi == n;
}

/* ------------------------------------------------------------ prefix --- */

char *
wql_like_prefix(const struct wql_like *like)
{
    size_t n = 0;
    char *out;

    while (n < like->n_elems && like->elems[n].kind == WQL_LIKE_CHAR && like->elems[n].cp < 0x80)
        n++;
    if ((out = malloc(n + 1)) == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++)
        out[k] = (char)like->elems[k].cp;
    out[n] = '\0';
    return out;
}
