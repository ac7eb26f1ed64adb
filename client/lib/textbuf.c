/*
 * textbuf.c: a growing text buffer (textbuf.h).
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textbuf.h"

/* Make room for N more bytes and the NUL. */
static bool
textbuf_reserve(struct textbuf *tb, size_t n)
{
    size_t cap;
    char *s;

    if (tb->failed)
        return false;
    if (n < tb->cap - tb->len)
        return true;
    if (n > SIZE_MAX / 4 - tb->len) {
        tb->failed = true;
        return false;
    }
    for (cap = tb->cap ? tb->cap : 64; cap - tb->len <= n; cap *= 2)
        ;
    if ((s = realloc(tb->s, cap)) == NULL) {
        tb->failed = true;
        return false;
    }
    tb->s = s;
    tb->cap = cap;
    return true;
}

void
textbuf_add(struct textbuf *tb, const char *s, size_t n)
{
    if (!textbuf_reserve(tb, n))
        return;
    memcpy(tb->s + tb->len, s, n);
    tb->len += n;
    tb->s[tb->len] = '\0';
}

void
textbuf_puts(struct textbuf *tb, const char *s)
{
    textbuf_add(tb, s, strlen(s));
}

void
textbuf_printf(struct textbuf *tb, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (tb->failed)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        tb->failed = true;
        return;
    }
    if (!textbuf_reserve(tb, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(tb->s + tb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tb->len += (size_t)n;
}

char *
textbuf_take(struct textbuf *tb)
{
    char *s = tb->failed ? NULL : tb->s != NULL ? tb->s : strdup("");

    if (tb->failed)
        free(tb->s);
    tb->s = NULL;
    tb->len = tb->cap = 0;
    tb->failed = false;
    return s;
}

void
textbuf_clear(struct textbuf *tb)
{
    free(tb->s);
    tb->s = NULL;
    tb->len = tb->cap = 0;
    tb->failed = false;
}
