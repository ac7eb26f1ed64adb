/*
 * test-levels.c: level names parse and print both ways, case-insensitive,
 * and unknown names are refused.
 */
#include <config.h>

#include <string.h>

#include "common/levels.h"
#include "common/wbem.h"
#include "tap.h"

int
main(void)
{
    static const char *authn[] = { "default", "none", "connect", "call", "pkt",
                                   "pktintegrity", "pktprivacy" };
    static const char *imp[] = { "default", "anonymous", "identify", "impersonate", "delegate" };
    enum levels_authn a;
    enum levels_imp i;

    tap_plan(18);
    for (int v = 0; v <= 6; v++) {
        tap_ok(levels_authn_parse(authn[v], &a) == 0 && (int)a == v &&
               strcmp(levels_authn_name(v), authn[v]) == 0,
               "authentication level %s is %d both ways", authn[v], v);
    }
    for (int v = 0; v <= 4; v++) {
        tap_ok(levels_imp_parse(imp[v], &i) == 0 && (int)i == v &&
               strcmp(levels_imp_name(v), imp[v]) == 0,
               "impersonation level %s is %d both ways", imp[v], v);
    }
    tap_ok(levels_authn_parse("PktPrivacy", &a) == 0 && a == LEVELS_AUTHN_PKT_PRIVACY,
           "names are case-insensitive");
    a = LEVELS_AUTHN_CALL;
    tap_ok(levels_authn_parse("privacy", &a) < 0 && a == LEVELS_AUTHN_CALL,
           "unknown name refused, output untouched");
    tap_ok(levels_imp_parse(NULL, &i) < 0, "NULL name refused");
    tap_is_str(levels_authn_name(42), "unknown", "out-of-range level prints as unknown");
    tap_is_str(wbem_code_name(WBEM_E_ACCESS_DENIED), "ACCESS_DENIED", "WBEM code name");
    tap_ok(wbem_code_name(0x12345678u) == NULL, "unknown WBEM code has no name");
    return tap_done();
}
