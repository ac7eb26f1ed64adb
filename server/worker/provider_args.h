/*
 * provider_args.h: reading the keys and the in-parameters of a PROVIDE
 * request, with the checks every class needs.
 *
 * The daemon has checked both against the repository, but the worker
 * trusts only what it checks itself: every key a class expects must be
 * there exactly once, as a non-NULL string, and nothing else; a
 * parameter must have the MOF's type and lie within the MOF's bounds.
 * Names compare as CIM names do, ignoring case.  The errors name the
 * class, the key or the parameter, and what is wrong with it.
 */
#ifndef CIMRPC_WORKER_PROVIDER_ARGS_H
#define CIMRPC_WORKER_PROVIDER_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "worker/provider.h"

/* One key property of a class.  WANT is the value every instance of the
 * class has there (a scoping key such as CSName), or NULL for a key that
 * tells the instances apart. */
struct provider_key {
    const char *name;
    const char *want;
    bool want_exact;            /* compare WANT byte for byte, else ignoring case */
};

/*
 * Read the N keys SPEC from KEYS (borrowed) into VALUES_OUT[i] (borrowed
 * from KEYS).  A missing, NULL, non-string or repeated key, or a
 * property that is no key of the class, is WBEM_E_INVALID_PARAMETER; a
 * key whose value differs from its WANT is WBEM_E_NOT_FOUND naming the
 * instance (such an instance cannot exist here).  Returns 0 or -1.
 */
int provider_keys_read(struct provider_call *call, const cim_instance *keys,
                       const struct provider_key *spec, size_t n, const char **values_out);

/* INVOKE of METHOD on KEYS (NULL: on the class): 0 when that fits, -1
 * with WBEM_E_INVALID_METHOD_PARAMETERS when a method that is not
 * IS_STATIC was called on the class.  (A static method may be called
 * through an instance, as in WMI.) */
int provider_method_target(struct provider_call *call, const char *method,
                           const cim_instance *keys, bool is_static);

/* Check that PARAMS (borrowed) holds no parameter other than the N
 * NAMES of METHOD, and none twice.  0 or -1 with
 * WBEM_E_INVALID_METHOD_PARAMETERS. */
int provider_params_check(struct provider_call *call, const char *method,
                          const cim_instance *params, const char *const *names, size_t n);

/* The unsigned integer parameter NAME of TYPE: *OUT and *PRESENT_OUT
 * true; or *PRESENT_OUT false when absent or NULL (an error when
 * REQUIRED).  A value of another type, an array, or outside [MIN, MAX]
 * is WBEM_E_INVALID_METHOD_PARAMETERS.  0 or -1. */
int provider_param_uint(struct provider_call *call, const char *method,
                        const cim_instance *params, const char *name, cim_type type,
                        bool required, uint64_t min, uint64_t max, uint64_t *out,
                        bool *present_out);

/* The string parameter NAME: *OUT (borrowed from PARAMS), NULL when
 * absent or NULL (an error when REQUIRED).  A string longer than
 * MAX_LEN bytes or of another type is WBEM_E_INVALID_METHOD_PARAMETERS.
 * 0 or -1. */
int provider_param_string(struct provider_call *call, const char *method,
                          const cim_instance *params, const char *name, bool required,
                          size_t max_len, const char **out);

#endif
