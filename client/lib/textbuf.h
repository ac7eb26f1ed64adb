/*
 * textbuf.h: a growing text buffer (internal).
 *
 * Appending never fails visibly: when memory runs out the buffer is marked
 * failed, later appends do nothing, and textbuf_take() returns NULL.  So a
 * writer appends without checking and looks once at the end.
 */
#ifndef CIMRPC_CLIENT_TEXTBUF_H
#define CIMRPC_CLIENT_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct textbuf {
    char *s;                        /* NUL-terminated once anything was added */
    size_t len, cap;
    bool failed;
};

#define TEXTBUF_INIT { NULL, 0, 0, false }

void textbuf_add(struct textbuf *tb, const char *s, size_t n);
void textbuf_puts(struct textbuf *tb, const char *s);
void textbuf_printf(struct textbuf *tb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The text, the caller's (free()): "" when nothing was added; NULL when
 * memory ran out.  TB is empty afterwards. */
char *textbuf_take(struct textbuf *tb);

/* Free what TB holds.  TB is empty afterwards. */
void textbuf_clear(struct textbuf *tb);

#endif
