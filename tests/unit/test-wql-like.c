/*
 * test-wql-like.c: LIKE patterns: a table of (pattern, text, match?) for
 * every kind of element ('%', '_', sets, ranges, negated sets, the
 * bracketed literals), case folding in and out of sets, multi-byte UTF-8
 * and malformed text; malformed patterns with their exact messages; the
 * literal prefix; the case-folding table checked against itself over the
 * characters it covers; and a pattern that would take exponential time
 * with naive backtracking, which must finish at once.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query/wql_like.h"
#include "tap.h"

/* --------------------------------------------------------------- match --- */

static const struct {
    const char *pattern, *text;
    bool match;
} cases[] = {
    /* plain characters and the empty pattern */
    { "", "", true },
    { "", "a", false },
    { "abc", "abc", true },
    { "abc", "abcd", false },
    { "abc", "ab", false },
    /* % */
    { "%", "", true },
    { "%", "anything at all", true },
    { "%%%", "", true },
    { "a%", "abc", true },
    { "a%", "a", true },
    { "a%", "bac", false },
    { "%c", "abc", true },
    { "%c", "ab", false },
    { "%b%", "abc", true },
    { "%b%", "ac", false },
    { "a%b%c", "aXbYc", true },
    { "a%b%c", "aXcYb", false },
    { "%a%a%a%b", "aaaa", false },
    { "%a%a%a%b", "xaxaxab", true },
    { "%ab", "aab", true },
    { "%aab", "aaab", true },
    /* _ */
    { "a_c", "abc", true },
    { "a_c", "ac", false },
    { "a_c", "abbc", false },
    { "___", "abc", true },
    { "_%", "", false },
    { "%_", "x", true },
    /* _ is one character, not one byte */
    { "_", "\xc3\xa9", true },                    /* é: 2 bytes */
    { "__", "\xc3\xa9", false },
    { "_", "\xe2\x82\xac", true },                /* €: 3 bytes */
    { "_", "\xf0\x9f\x98\x80", true },            /* U+1F600: 4 bytes */
    { "a_b", "a\xe2\x82\xac" "b", true },
    { "\xe4\xb8\xad_", "\xe4\xb8\xad\xe6\x96\x87", true },
    { "%\xe2\x82\xac", "10 \xe2\x82\xac", true },
    /* sets and ranges */
    { "[abc]", "b", true },
    { "[abc]", "d", false },
    { "[abc]", "", false },
    { "[abc]", "ab", false },
    { "[a-f]x", "cx", true },
    { "[a-f]x", "gx", false },
    { "[a-cx-z]", "y", true },
    { "[a-cx-z]", "d", false },
    { "[a-f0-9]%", "7up", true },
    { "[\xc3\xa0-\xc3\xbf]", "\xc3\xa9", true },  /* à-ÿ holds é */
    { "[\xc3\xa0-\xc3\xbf]", "e", false },
    /* negated sets */
    { "[^a-f]", "g", true },
    { "[^a-f]", "c", false },
    { "[^a-f]", "C", false },
    { "[^abc]%", "def", true },
    { "[^abc]", "", false },
    /* bracketed literals */
    { "[_]", "_", true },
    { "[_]", "a", false },
    { "a[_]b", "a_b", true },
    { "a[_]b", "axb", false },
    { "[%]", "%", true },
    { "[%]", "x", false },
    { "100[%]", "100%", true },
    { "100[%]", "1000", false },
    { "[[]", "[", true },
    { "[]]", "]", true },
    { "[]a]", "a", true },
    { "[^]]", "]", false },
    { "[^]]", "a", true },
    { "[-a]", "-", true },
    { "[a-]", "-", true },
    { "[a-]", "b", false },
    { "]", "]", true },
    { "^", "^", true },
    { "a^b", "a^b", true },
    /* backslash is an ordinary character */
    { "C:\\%", "C:\\Windows", true },
    { "C:\\%", "C:Windows", false },
    { "\\_", "\\x", true },
    { "\\_", "_", false },
    /* case folding */
    { "abc", "ABC", true },
    { "a%", "ABC", true },
    { "WIN32_%", "win32_service", true },
    { "[A-F]", "c", true },
    { "[a-f]", "C", true },
    { "[Q]", "q", true },
    { "[^Q]", "q", false },
    { "[Z-a]", "z", true },                       /* Z..a holds Z, so z too */
    { "[Z-a]", "A", true },                       /* ... and a, so A too */
    { "[Z-a]", "_", true },
    { "[Z-a]", "b", false },
    { "\xc3\x89%", "\xc3\xa9" "cole", true },     /* É% / école */
    { "\xc3\xa9", "\xc3\x89", true },
    { "\xc3\xbf", "\xc5\xb8", true },             /* ÿ / Ÿ */
    { "\xc3\x97", "\xc3\xb7", false },            /* × is not ÷ */
    { "\xc5\x82%", "\xc5\x81" "ód\xc5\xba", true },  /* ł / Łódź */
    { "\xc5\xba", "\xc5\xb9", true },             /* ź / Ź */
    { "\xcf\x83", "\xce\xa3", true },             /* σ / Σ */
    { "\xcf\x82", "\xce\xa3", true },             /* ς / Σ */
    { "[\xce\xa3]", "\xcf\x82", true },           /* [Σ] / ς */
    { "\xd0\xb6", "\xd0\x96", true },             /* ж / Ж */
    { "[\xd0\xb0-\xd1\x8f]", "\xd0\x96", true },  /* [а-я] / Ж */
    { "\xd1\x91", "\xd0\x81", true },             /* ё / Ё */
    { "\xc4\xb1", "I", false },                   /* dotless ı stays itself */
    { "\xc4\xb0", "i", false },                   /* dotted İ stays itself */
    { "stra\xc3\x9f" "e", "STRASSE", false },     /* no multi-character folding */
    /* malformed text: each bad byte is one character no literal names */
    { "_", "\xff", true },
    { "a", "\xff", false },
    { "%", "\xff\xfe", true },
    { "__", "\xff\xfe", true },
    { "[^a]", "\xff", true },
    { "a%", "a\xc3", true },
    { "%b", "\xe2\x82" "b", true },
};

/* ------------------------------------------------------------- errors --- */

static const struct {
    const char *pattern;
    const char *why;
} refused[] = {
    { "[a-", "'[' at character 1 is never closed by ']'" },
    { "ab[cd", "'[' at character 3 is never closed by ']'" },
    { "[", "'[' at character 1 is never closed by ']'" },
    { "[]", "'[' at character 1 is never closed by ']'" },
    { "[^", "'[' at character 1 is never closed by ']'" },
    { "\xc3\xa9\xc3\xa9[x", "'[' at character 3 is never closed by ']'" },
    { "[z-a]", "the range 'z-a' at character 2 is reversed; write the lower character first" },
    { "\xc3\xa9[\xc3\xbc-a]",
      "the range '\xc3\xbc-a' at character 3 is reversed; write the lower character first" },
    { "\xff", "invalid UTF-8 byte 0xFF at character 1 of the pattern" },
    { "ab\xc3", "invalid UTF-8 byte 0xC3 at character 3 of the pattern" },
    { "[a\xff]", "invalid UTF-8 byte 0xFF at character 3 of the pattern" },
    { "[a-\xc0\x80]", "invalid UTF-8 byte 0xC0 at character 4 of the pattern" },
    { "\xed\xa0\x80", "invalid UTF-8 byte 0xED at character 1 of the pattern" },
};

/* ------------------------------------------------------------- prefix --- */

static const struct {
    const char *pattern, *prefix;
} prefixes[] = {
    { "abc%", "abc" },
    { "abc", "abc" },
    { "%abc", "" },
    { "", "" },
    { "Win32_%", "Win32" },
    { "ab[c]d", "ab" },
    { "AbC%", "AbC" },
    { "caf\xc3\xa9%", "caf" },
    { "a]b^c%", "a]b^c" },
    { "C:\\%", "C:\\" },
};

/* ------------------------------------------------------------ helpers --- */

/* One line of ASCII for a label: other bytes as '?'.  Returns BUF. */
static const char *
shown(const char *text, char buf[40])
{
    size_t i;

    for (i = 0; i < 39 && text[i] != '\0'; i++)
        buf[i] = (unsigned char)text[i] < 0x20 || (unsigned char)text[i] >= 0x7F ? '?' : text[i];
    buf[i] = '\0';
    return buf;
}

/* Does TEXT match PATTERN?  -1 when the pattern does not compile. */
static int
like(const char *pattern, const char *text)
{
    struct wql_like *l = NULL;
    int rc;

    if (wql_like_compile(pattern, &l, NULL, 0) < 0)
        return -1;
    rc = wql_like_match(l, text);
    wql_like_free(l);
    return rc;
}

/* The UTF-8 form of CP into BUF (5 bytes), NUL-terminated. */
static char *
utf8(unsigned cp, char buf[5])
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        buf[1] = '\0';
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        buf[2] = '\0';
    } else {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        buf[3] = '\0';
    }
    return buf;
}

/* -------------------------------------------------------------- tests --- */

static void
test_table(void)
{
    char a[40], b[40];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        tap_is_int(like(cases[i].pattern, cases[i].text), cases[i].match,
                   "'%s' %s '%s'", shown(cases[i].text, a),
                   cases[i].match ? "matches" : "does not match", shown(cases[i].pattern, b));
}

static void
test_refused(void)
{
    struct wql_like *l = (struct wql_like *)&l;
    char why[256], small[16], a[40];
    char *big;

    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        why[0] = '\0';
        l = (struct wql_like *)&l;
        tap_ok(wql_like_compile(refused[i].pattern, &l, why, sizeof(why)) == -1 && l == NULL,
               "'%s' is refused", shown(refused[i].pattern, a));
        tap_is_str(why, refused[i].why, "'%s': the reason", shown(refused[i].pattern, a));
    }

    big = malloc(WQL_LIKE_PATTERN_MAX + 2);
    if (big == NULL)
        abort();
    memset(big, '%', WQL_LIKE_PATTERN_MAX);
    big[WQL_LIKE_PATTERN_MAX] = '\0';
    tap_ok(wql_like_compile(big, &l, why, sizeof(why)) == 0 && wql_like_match(l, "x"),
           "a pattern of WQL_LIKE_PATTERN_MAX bytes compiles");
    wql_like_free(l);
    big[WQL_LIKE_PATTERN_MAX] = '%';
    big[WQL_LIKE_PATTERN_MAX + 1] = '\0';
    tap_ok(wql_like_compile(big, &l, why, sizeof(why)) == -1 && l == NULL &&
           strcmp(why, "the pattern is longer than 4096 bytes") == 0,
           "one byte more is refused: %s", why);
    free(big);

    tap_ok(wql_like_compile("[", &l, small, sizeof(small)) == -1 &&
           strcmp(small, "'[' at characte") == 0, "the reason is cut to its buffer");
    tap_ok(wql_like_compile("[", &l, NULL, 0) == -1 && l == NULL, "WHY may be NULL");
    wql_like_free(NULL);
    tap_ok(1, "wql_like_free(NULL) is harmless");
}

static void
test_prefix(void)
{
    char a[40];

    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        struct wql_like *l = NULL;
        char *p = NULL;

        if (wql_like_compile(prefixes[i].pattern, &l, NULL, 0) == 0)
            p = wql_like_prefix(l);
        tap_is_str(p, prefixes[i].prefix, "prefix of '%s'", shown(prefixes[i].pattern, a));
        free(p);
        wql_like_free(l);
    }
}

/* The folding table against itself: folding is idempotent, and for every
 * pair of characters A and B in the range it covers, A matches B as a
 * literal and as a one-character set exactly when they fold alike.  This
 * checks the set matcher's case variants (the inverse of the table). */
static void
test_folding(void)
{
    enum { FROM = 0x20, TO = 0x500 };
    struct wql_like *lit[TO], *set[TO];
    unsigned bad_idem = 0, bad_lit = 0, bad_set = 0, pairs = 0;
    char pat[16], text[5], ca[5];

    for (unsigned cp = 0; cp < 0x30000; cp++)
        if (cp < 0xD800 || cp > 0xDFFF)
            bad_idem += wql_like_fold(wql_like_fold(cp)) != wql_like_fold(cp);
    tap_is_int(bad_idem, 0, "folding twice changes nothing");
    tap_ok(wql_like_fold('A') == 'a' && wql_like_fold(0xC9) == 0xE9 &&
           wql_like_fold(0x178) == 0xFF && wql_like_fold(0x3A3) == 0x3C3 && wql_like_fold(0x3C2) == 0x3C3 &&
           wql_like_fold(0x401) == 0x451 && wql_like_fold(0x130) == 0x130 &&
           wql_like_fold(0x4E2D) == 0x4E2D, "fold samples");

    for (unsigned a = FROM; a < TO; a++) {
        lit[a] = set[a] = NULL;
        if (a == 0x7F)
            continue;
        if (a != '%' && a != '_' && a != '[')
            wql_like_compile(utf8(a, ca), &lit[a], NULL, 0);
        if (a != '^') {
            snprintf(pat, sizeof(pat), "[%s]", utf8(a, ca));
            wql_like_compile(pat, &set[a], NULL, 0);
        }
    }
    for (unsigned a = FROM; a < TO; a++)
        for (unsigned b = FROM; b < TO; b++) {
            bool same = wql_like_fold(a) == wql_like_fold(b);
            if (b == 0x7F)
                continue;
            utf8(b, text);
            if (lit[a] != NULL) {
                bad_lit += wql_like_match(lit[a], text) != same;
                pairs++;
            }
            if (set[a] != NULL)
                bad_set += wql_like_match(set[a], text) != same;
        }
    for (unsigned a = FROM; a < TO; a++) {
        wql_like_free(lit[a]);
        wql_like_free(set[a]);
    }
    tap_ok(pairs > 1000000, "%u literal pairs compared", pairs);
    tap_is_int(bad_lit, 0, "a literal matches exactly the characters that fold alike");
    tap_is_int(bad_set, 0, "a one-character set matches exactly the characters that fold alike");
}

static void
test_pathological(void)
{
    enum { N = 10000, SEGMENTS = 30 };
    char *text = malloc(N + 2), pattern[SEGMENTS * 2 + 3];
    struct wql_like *l = NULL;
    size_t n = 0;
    clock_t start;
    double seconds;
    bool m1, m2, m3;

    if (text == NULL)
        abort();
    memset(text, 'a', N);
    text[N] = '\0';
    for (int i = 0; i < SEGMENTS; i++) {
        pattern[n++] = '%';
        pattern[n++] = 'a';
    }
    memcpy(pattern + n, "%b", 3);
    if (wql_like_compile(pattern, &l, NULL, 0) < 0) {
        tap_ok(false, "the pathological pattern compiles");
        free(text);
        return;
    }
    start = clock();
    m1 = wql_like_match(l, text);
    text[N] = 'b';
    text[N + 1] = '\0';
    m2 = wql_like_match(l, text);
    text[N] = 'c';
    m3 = wql_like_match(l, text);
    seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    tap_ok(!m1 && m2 && !m3, "(%%a)x30 %%b against 10,000 a's: no, then yes with a final b");
    tap_ok(seconds < 2.0, "... in %.3f s (naive backtracking would take ages)", seconds);
    wql_like_free(l);
    free(text);
}

int
main(void)
{
    test_table();
    test_refused();
    test_prefix();
    test_folding();
    test_pathological();
    tap_plan(tap_n);
    return tap_done();
}
