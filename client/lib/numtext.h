/*
 * numtext.h: reals as text and back in the C locale (internal), whatever
 * locale the application has set: MOF, paths and scripts want '.'.
 */
#ifndef CIMRPC_CLIENT_NUMTEXT_H
#define CIMRPC_CLIENT_NUMTEXT_H

#include <stdbool.h>

#define NUMTEXT_REAL_MAX 48     /* bytes numtext_format_real() may write */

/* R as "%.17g" into BUF (NUMTEXT_REAL_MAX bytes).  With LITERAL, as a MOF
 * real literal: the mantissa always has a '.' ("1.0", "1.0e+20"); NaN and
 * the infinities stay "nan", "inf" and "-inf", which MOF cannot write. */
void numtext_format_real(char *buf, double r, bool literal);

/* strtod(S, END) in the C locale. */
double numtext_strtod(const char *s, char **end);

#endif
