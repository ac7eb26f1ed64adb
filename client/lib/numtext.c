/*
 * numtext.c: reals as text and back in the C locale.
 *
 * The C locale is made once and made the calling thread's own for the
 * conversion only (uselocale), so neither the application's locale nor
 * other threads are disturbed.  Should it not be available (no memory),
 * the conversion runs in the thread's locale.
 */
#include <config.h>

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numtext.h"

static pthread_once_t numtext_once = PTHREAD_ONCE_INIT;
static locale_t numtext_c_locale = (locale_t)0;

static void
numtext_init(void)
{
    numtext_c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Make the C locale this thread's; returns the locale to restore. */
static locale_t
numtext_enter(void)
{
    pthread_once(&numtext_once, numtext_init);
    return numtext_c_locale != (locale_t)0 ? uselocale(numtext_c_locale) : (locale_t)0;
}

static void
numtext_leave(locale_t previous)
{
    if (previous != (locale_t)0)
        uselocale(previous);
}

void
numtext_format_real(char *buf, double r, bool literal)
{
    locale_t previous = numtext_enter();
    size_t mantissa;

    snprintf(buf, NUMTEXT_REAL_MAX, "%.17g", r);
    numtext_leave(previous);
    if (!literal || strpbrk(buf, ".ni") != NULL)    /* has a '.', or is nan/inf */
        return;
    mantissa = strcspn(buf, "eE");
    /* "1" -> "1.0", "1e+20" -> "1.0e+20" (at most 24 bytes come in). */
    memmove(buf + mantissa + 2, buf + mantissa, strlen(buf + mantissa) + 1);
    memcpy(buf + mantissa, ".0", 2);
}

double
numtext_strtod(const char *s, char **end)
{
    locale_t previous = numtext_enter();
    double r = strtod(s, end);

    numtext_leave(previous);
    return r;
}
