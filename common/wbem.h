/*
 * wbem.h: WBEM error codes (WMI's values) and their names.
 *
 * Every error a procedure returns carries one of these codes and a reason a
 * person can act on.  Code 0 is success.
 */
#ifndef CIMRPC_WBEM_H
#define CIMRPC_WBEM_H

#include <stdint.h>

#define WBEM_S_NO_ERROR                   0x00000000u
#define WBEM_E_FAILED                     0x80041001u
#define WBEM_E_NOT_FOUND                  0x80041002u
#define WBEM_E_ACCESS_DENIED              0x80041003u
#define WBEM_E_PROVIDER_FAILURE           0x80041004u
#define WBEM_E_TYPE_MISMATCH              0x80041005u
#define WBEM_E_INVALID_PARAMETER          0x80041008u
#define WBEM_E_NOT_SUPPORTED              0x8004100Cu
#define WBEM_E_INVALID_NAMESPACE          0x8004100Eu
#define WBEM_E_INVALID_OBJECT             0x8004100Fu
#define WBEM_E_INVALID_CLASS              0x80041010u
#define WBEM_E_PROVIDER_NOT_FOUND         0x80041011u
#define WBEM_E_INVALID_QUERY              0x80041017u
#define WBEM_E_INVALID_QUERY_TYPE         0x80041018u
#define WBEM_E_ALREADY_EXISTS             0x80041019u
#define WBEM_E_PROVIDER_NOT_CAPABLE       0x80041024u
#define WBEM_E_INVALID_METHOD             0x8004102Eu
#define WBEM_E_INVALID_METHOD_PARAMETERS  0x8004102Fu
#define WBEM_E_CALL_CANCELLED             0x80041032u
#define WBEM_E_INVALID_OBJECT_PATH        0x8004103Au
#define WBEM_E_METHOD_DISABLED            0x80041056u
#define WBEM_E_UNPARSABLE_QUERY           0x80041058u
#define WBEM_E_MISSING_GROUP_WITHIN       0x8004105Au
#define WBEM_E_QUOTA_VIOLATION            0x8004106Cu   /* a per-connection or per-user limit */

/* The symbolic name ("ACCESS_DENIED"), or NULL for an unknown code. */
const char *wbem_code_name(uint32_t code);

#endif
