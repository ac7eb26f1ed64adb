/*
 * tap.h: minimal Test Anything Protocol output for C unit tests.
 *
 *     int main(void) {
 *         tap_plan(2);
 *         tap_ok(1 + 1 == 2, "addition");
 *         tap_is_int(f(), 3, "f returns 3");
 *         return tap_done();
 *     }
 */
#ifndef CIMRPC_TAP_H
#define CIMRPC_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failures;

static inline void
tap_plan(int n)
{
    printf("1..%d\n", n);
}

static inline int __attribute__((format(printf, 2, 3)))
tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;

    printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (!cond)
        tap_failures++;
    return cond;
}

#define tap_is_int(got, want, ...)                                             \
    do {                                                                       \
        long long tap_got_ = (long long)(got), tap_want_ = (long long)(want);  \
        if (!tap_ok(tap_got_ == tap_want_, __VA_ARGS__))                       \
            printf("#   got %lld, want %lld\n", tap_got_, tap_want_);          \
    } while (0)

#define tap_is_str(got, want, ...)                                             \
    do {                                                                       \
        const char *tap_got_ = (got), *tap_want_ = (want);                     \
        if (!tap_ok(tap_got_ && tap_want_ && strcmp(tap_got_, tap_want_) == 0, \
                    __VA_ARGS__))                                              \
            printf("#   got '%s', want '%s'\n", tap_got_ ? tap_got_ : "(null)", \
                   tap_want_ ? tap_want_ : "(null)");                          \
    } while (0)

static inline int
tap_done(void)
{
    fflush(stdout);
    return tap_failures == 0 ? 0 : 1;
}

#endif
