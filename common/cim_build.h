/*
 * cim_build.h: building one cim_instance (idl/cimrpc.x) property by
 * property, as the providers of cimrpc-worker report what they read and
 * the daemon reports rows of its own (the configuration's).
 *
 *     struct cim_build b;
 *
 *     cim_build_init(&b, "Linux_Process");
 *     cim_build_string(&b, "Handle", "1234");
 *     cim_build_uint(&b, "ProcessId", CIM_TYPE_UINT32, 1234);
 *     cim_build_string(&b, "ExecutablePath", NULL);        (NULL: a NULL value)
 *     if (cim_build_failed(&b)) ... out of memory ...
 *     ... use b.inst (borrowed) ...
 *     cim_build_clear(&b);
 *
 * Errors are sticky: an allocation failure marks the builder failed, the
 * later calls do nothing, and cim_build_failed() tells, once, at the end.
 * Strings are copied; bytes that are not well-formed UTF-8 (file names,
 * command lines and account fields may hold any bytes) become U+FFFD, so
 * every string the worker sends is valid UTF-8.  Datetimes are written in
 * the DSP0004 form yyyymmddHHMMSS.mmmmmmsUUU.
 */
#ifndef CIMRPC_CIM_BUILD_H
#define CIMRPC_CIM_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cimrpc.h"

struct cim_build {
    cim_instance inst;          /* what was built; owned by the builder */
    u_int cap;                  /* properties allocated */
    bool failed;                /* an allocation failed */
};

/* Start an empty instance of CLASS_NAME (borrowed, copied). */
void cim_build_init(struct cim_build *b, const char *class_name);

/* Free what B built and leave it as after cim_build_init() with no class.
 * Accepts a builder that failed. */
void cim_build_clear(struct cim_build *b);

/* True when something could not be added (out of memory). */
bool cim_build_failed(const struct cim_build *b);

/* Add property NAME (borrowed, copied) with a value.  S (borrowed,
 * copied) NULL gives a NULL string. */
void cim_build_string(struct cim_build *b, const char *name, const char *s);

/* An unsigned integer of TYPE (UINT8 .. UINT64). */
void cim_build_uint(struct cim_build *b, const char *name, cim_type type, uint64_t v);

/* A signed integer of TYPE (SINT8 .. SINT64). */
void cim_build_sint(struct cim_build *b, const char *name, cim_type type, int64_t v);

void cim_build_real64(struct cim_build *b, const char *name, double v);
void cim_build_bool(struct cim_build *b, const char *name, bool v);

/* A datetime for the instant SEC (seconds since the epoch) plus USEC
 * microseconds, in UTC, or in the local time zone with its offset when
 * LOCAL. */
void cim_build_datetime(struct cim_build *b, const char *name, time_t sec, long usec,
                        bool local);

/* A NULL value of TYPE (an array type when IS_ARRAY). */
void cim_build_null(struct cim_build *b, const char *name, cim_type type, bool is_array);

/* A string array of the N strings V (borrowed, copied). */
void cim_build_strings(struct cim_build *b, const char *name, const char *const *v, size_t n);

/* An array of N embedded instances INSTS (borrowed, encoded here). */
void cim_build_embedded(struct cim_build *b, const char *name, const cim_instance *const *insts,
                        size_t n);

/* A uint8 array of the N bytes P (borrowed, copied). */
void cim_build_bytes(struct cim_build *b, const char *name, const unsigned char *p, size_t n);

/* Write the DSP0004 datetime of SEC/USEC (as cim_build_datetime) into OUT
 * (26 bytes with the NUL).  Returns 0, or -1 when SEC cannot be broken
 * down or lies outside years 0-9999. */
int cim_build_format_datetime(time_t sec, long usec, bool local, char out[26]);

#endif
